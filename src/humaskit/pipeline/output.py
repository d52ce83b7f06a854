"""Writing output: atomic files, safe folder names, JSON as humaskit writes it (SPEC §7)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from humaskit.errors import Location, RenderError
from humaskit.i18n import _

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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a part.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace the
    target with one ``os.replace``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes) -> None:
    """:func:`write_atomic` with OS errors (full disk, no permission) turned into RenderError."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise RenderError(
            _("Cannot write {path}: {problem}.").format(path=path, problem=exc.strerror or exc),
            hint=_("Check that the output folder is writable and the disk is not full."),
            location=Location(path),
        ) from None


def dump_json(data: Mapping[str, Any]) -> bytes:
    """JSON as humaskit writes it: UTF-8 (no escapes), indented, keys in insertion order."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
