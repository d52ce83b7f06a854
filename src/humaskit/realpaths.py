"""Paths resolved (symlinks followed), each folder's resolution looked up once per run.

``Path.resolve()`` calls ``lstat`` on every part of a path, and a release's render resolves
its own file, its workspace, the built-in data folders and its kit files some thirty times
(to name them in messages, to check that a photo stays in the workspace, to hash the inputs):
about 2 ms of a 1200×630 card's 15–20 (issue 14). :func:`resolved` gives the same answer with
one ``lstat``: the last part is looked at each time (a link, a missing file or a ``..`` is
resolved in full), the folder it is in is resolved once and remembered.

What is remembered is forgotten at the start of every run (:func:`forget`, called by
:func:`humaskit.pipeline.render.render`, the checks and the recap), so a folder moved or re-linked
between two runs of ``humaskit watch`` or the studio is seen as it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["forget", "resolved"]

# Folder (as given, absolute) → the folder resolved; bounded so a long batch cannot grow it.
_FOLDERS_MAX = 4096
_folders: dict[str, Path] = {}


def resolved(path: Path | str) -> Path:
    """``Path(path).resolve()``, with the folder the path is in resolved once per run."""
    given = Path(path)
    absolute = given if given.is_absolute() else Path.cwd() / given
    name = absolute.name
    if not name or ".." in absolute.parts:
        return absolute.resolve()  # (`..` after a link is not lexical: resolve it in full)
    try:
        mode = os.lstat(absolute).st_mode
    except OSError:
        return absolute.resolve()  # missing or unreadable: resolve() says what it can
    if stat.S_ISLNK(mode):
        return absolute.resolve()
    parent = str(absolute.parent)
    folder = _folders.get(parent)
    if folder is None:
        folder = Path(parent).resolve()
        if len(_folders) >= _FOLDERS_MAX:
            _folders.clear()
        _folders[parent] = folder
    return folder / name


def forget() -> None:
    """Forget the folders resolved so far (at the start of a run)."""
    _folders.clear()
