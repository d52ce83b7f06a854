"""What fontTools reads from a font file, kept on disk between processes (issue 14).

Reading the character maps of a brand's four fonts with fontTools costs ≈ 60 ms in every process
(the colour-emoji font alone holds thousands of code points). The facts are kept as a small JSON
file in ``fonts/`` of humaskit's per-user cache, named by a hash of the font's resolved path, size
and modification time and of this format's version; the file also repeats that identity, and an
entry whose identity or shape does not match is ignored. An edited font has another modification
time, so it is read again. Without a writable cache the fonts are read in every process, as
before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from humaskit.cards.instances import cache_dir
from humaskit.files import write_atomic
from humaskit.realpaths import resolved

__all__ = ["code_point_runs", "from_runs", "load_facts", "store_facts"]

# Bumped when what is stored changes (what fonts.py reads from a font).
FORMAT = 1


def _identity(path: Path, size: int, mtime_ns: int) -> list[Any]:
    return [FORMAT, str(resolved(path)), size, mtime_ns]


def _entry(identity: list[Any], folder: Path) -> Path:
    digest = hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:40]
    return folder / f"facts-{digest}.json"


def code_point_runs(code_points: frozenset[int]) -> list[list[int]]:
    """``{1, 2, 3, 7}`` → ``[[1, 3], [7, 7]]``: a character map as runs, a few hundred at most."""
    runs: list[list[int]] = []
    for cp in sorted(code_points):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return runs


def from_runs(runs: list[list[int]]) -> frozenset[int]:
    """The inverse of :func:`code_point_runs`."""
    return frozenset(cp for first, last in runs for cp in range(first, last + 1))


def load_facts(
    path: Path, size: int, mtime_ns: int, folder: Path | None = None
) -> dict[str, Any] | None:
    """The facts stored for this version of ``path``; None when there are none (or they are not
    readable, or not for this file)."""
    identity = _identity(path, size, mtime_ns)
    entry = _entry(identity, folder if folder is not None else cache_dir())
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("identity") != identity:
        return None
    facts = stored.get("facts")
    return facts if isinstance(facts, dict) else None


def store_facts(
    path: Path, size: int, mtime_ns: int, facts: dict[str, Any], folder: Path | None = None
) -> None:
    """Keep ``facts`` for this version of ``path`` (nothing happens if the cache is not
    writable)."""
    identity = _identity(path, size, mtime_ns)
    entry = _entry(identity, folder if folder is not None else cache_dir())
    data = json.dumps({"identity": identity, "facts": facts}, separators=(",", ":"))
    with contextlib.suppress(OSError):
        write_atomic(entry, data.encode("utf-8"), sync=False)
