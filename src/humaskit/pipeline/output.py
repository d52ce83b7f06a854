"""Output names and formats: safe folder names, JSON as humaskit writes it (SPEC §7).

Atomic file writes are in :mod:`humaskit.files`, below every layer that writes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

MAX_SLUG = 80
# Names Windows refuses as file or folder names, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-?")


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """A folder name safe on Windows, macOS and Linux: ASCII lower case, digits and dashes.

    ``"Studi Tiru ke Jawa Barat!"`` → ``"studi-tiru-ke-jawa-barat"``. Accents are folded
    (``é`` → ``e``); Windows' reserved names get a suffix; the result is never empty.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-") or "rilis"
    if slug in _WINDOWS_RESERVED:
        slug += "-rilis"
    return slug


def release_slug(stem: str, date_iso: str) -> str:
    """The output folder name of a release: its date, then its file name without a leading date."""
    rest = _DATE_PREFIX.sub("", stem) or "rilis"
    return f"{date_iso}-{slugify(rest, MAX_SLUG - len(date_iso) - 1)}"


def dump_json(data: Mapping[str, Any]) -> bytes:
    """JSON as humaskit writes it: UTF-8 (no escapes), indented, keys in insertion order."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
