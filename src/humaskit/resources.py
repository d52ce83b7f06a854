"""Where the built-in brand kit, templates and platform rules live.

In a wheel they ship as ``humaskit/_data/{brand,templates}``; in a source checkout (editable
install, tests) they are the repository's top-level ``brand/`` and ``templates/`` folders.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding the built-in ``brand/`` and ``templates/``."""
    packaged = _PACKAGE_DIR / "_data"
    if (packaged / "brand").is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent.parent
    if (checkout / "brand").is_dir() and (checkout / "templates").is_dir():
        return checkout
    raise RuntimeError(  # an installation problem, not a user error
        f"humaskit's built-in data is missing (looked in {packaged} and {checkout}); reinstall"
    )


def builtin_brand_dir() -> Path:
    """The built-in Blora brand kit."""
    return data_root() / "brand"


def builtin_templates_dir() -> Path:
    """The built-in caption and layout templates."""
    return data_root() / "templates"


def locale_dir() -> Path:
    """The compiled gettext catalogues."""
    return _PACKAGE_DIR / "locale"


def user_cache_dir() -> Path:
    """humaskit's per-user cache: ``HUMASKIT_CACHE_DIR`` or the platform's cache folder.

    It holds only what can be rebuilt from the installed files (cut font instances, compiled
    caption templates, font facts, the checked unit registry, the root help screen), each entry
    keyed so that a changed source is never served from it.
    """
    override = os.environ.get("HUMASKIT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "humaskit"
