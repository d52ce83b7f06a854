"""Why a file a release names is not there, when the reason is a usual one.

Two mistakes make most missing photos: a name whose capitals differ from the file's
(``img_2041.jpg`` for ``IMG_2041.JPG``: found on Windows and macOS, missing on Linux and in CI)
and a path written from the workspace root (``foto/x.jpg``) where paths are relative to the
release file (``../foto/x.jpg``). :func:`missing_file_hint` says which, with the path to write.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from humaskit.i18n import _

__all__ = ["missing_file_hint", "same_but_case"]

_MAX_ENTRIES = 5000


def same_but_case(written: str, start: Path) -> str | None:
    """``written`` (relative to ``start``) spelt as the files on disk are, when only capitals
    differ; ``None`` when no such file exists or nothing differs."""
    current = start
    parts: list[str] = []
    changed = False
    for part in PurePosixPath(written.replace("\\", "/")).parts:
        if part in (".", ".."):
            current = current / part
            parts.append(part)
            continue
        if (current / part).exists() and part in _names(current):
            current = current / part
            parts.append(part)
            continue
        matches = sorted(n for n in _names(current) if n.casefold() == part.casefold())
        if not matches:
            return None
        current = current / matches[0]
        parts.append(matches[0])
        changed = True
    return "/".join(parts) if changed and current.is_file() else None


def _names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            names = []
            for count, entry in enumerate(entries):
                if count >= _MAX_ENTRIES:
                    break
                names.append(entry.name)
            return names
    except OSError:
        return []


def missing_file_hint(written: str, release_dir: Path, roots: Sequence[Path], field: str) -> str:
    """The hint for a file ``written`` in ``field`` that does not exist next to the release.

    Says which capitals differ, or that the path was written from the workspace root (the
    first of ``roots``), with the line to write; else the general advice.
    """
    fixed = same_but_case(written, release_dir)
    if fixed is not None:
        return _(
            "A file with the same name in other capitals is there: write {field}: {fixed}. "
            "Capitals matter on Linux and in CI, even where Windows finds the file."
        ).format(field=field, fixed=fixed)
    for root in roots[:1]:
        from_root = written if (root / written).is_file() else same_but_case(written, root)
        if from_root is None or not (root / from_root).is_file():
            continue
        relative = Path(os.path.relpath(root / from_root, release_dir)).as_posix()
        return _(
            "Paths are relative to the release file, not to the workspace: write "
            "{field}: {relative}."
        ).format(field=field, relative=relative)
    return _("The path is relative to the release file; check the folder and the spelling.")
