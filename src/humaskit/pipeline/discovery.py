"""Which releases a run covers: the files under the paths given, and the shard of each (SPEC §7).

``shard=(K, N)`` renders the K-th of N disjoint parts of a batch, for CI matrices
(:func:`shard_index`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from humaskit.errors import Location, ReleaseError, UsageError
from humaskit.files import describe_os_error
from humaskit.i18n import _, ngettext
from humaskit.model.release_file import import_hint, not_a_file
from humaskit.model.workspace import find_workspace
from humaskit.realpaths import resolved

_SKIP_NAMES = frozenset({"readme.md", "changelog.md", "license.md", "contributing.md"})
_SKIP_DIRS = frozenset({"out", "node_modules", "brand", "templates"})
_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``: the second of four parts; K runs from 1 to N.

    Raises:
        UsageError: the text is not ``K/N`` with whole numbers and ``1 <= K <= N``.
    """
    match = _SHARD.fullmatch(text)
    index, count = (int(match[1]), int(match[2])) if match else (0, 0)
    if not match or count < 1 or not 1 <= index <= count:
        raise UsageError(
            _("{value!r} is not a valid shard.").format(value=text),
            hint=_(
                "Write --shard K/N with whole numbers and K from 1 to N, e.g. --shard 1/3, "
                "--shard 2/3 and --shard 3/3 for a batch split over three machines."
            ),
            location=Location(field="--shard"),
        )
    return index, count


def shard_index(path: Path, count: int) -> int:
    """The shard (1..``count``) a release belongs to.

    The shard follows from a SHA-256 of the release's path relative to its workspace (as the
    manifest's ``source`` shows it), not from its position in the batch: the same release lands
    in the same shard on every machine, and adding or removing other releases moves none.
    """
    rel = display_path(path, find_workspace(path))
    number = int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:8], "big")
    return number % count + 1


def display_path(path: Path, workspace: Path) -> str:
    """``path`` relative to ``workspace`` (POSIX form), as manifests show it; else as given."""
    try:
        return resolved(path).relative_to(workspace).as_posix()
    except ValueError:
        return path.as_posix()


def find_releases(paths: Iterable[Path | str], out: Path | None = None) -> list[Path]:
    """The release files named by ``paths``: files as given, folders searched recursively.

    In folders, README/CHANGELOG files, hidden folders and ``out``, ``brand``, ``templates``
    folders are passed over, and so are folders whose name ends in ``.md`` (their releases are
    found in them) and links to folders (not followed). Nothing is opened here: a FIFO, a device
    or a link leading out of the workspace found in a folder is refused when it is read
    (:func:`humaskit.model.release_file.read_release_file`), failing that release only.

    Raises:
        UsageError: a path given does not exist, or is neither a folder nor an ordinary file
            (the message says what it is).
    """
    found: list[Path] = []
    out_resolved = out.resolve() if out is not None else None
    for raw in paths:
        path = Path(raw)
        try:
            path.lstat()
        except FileNotFoundError:
            pass  # said below, with a hint
        except OSError as exc:  # a name too long, a loop of links, no permission
            raise UsageError(
                _("The file cannot be opened: {reason}.").format(reason=describe_os_error(exc)),
                hint=_("Give a press release (.md) or a folder holding them."),
                location=Location(path),
            ) from None
        if path.is_dir():
            releases = _scan(path, out_resolved)
            if not releases:
                _refuse_documents_only(path)
            found.extend(releases)
            continue
        if not path.exists() and not path.is_symlink():
            raise UsageError(
                _("{path} does not exist.").format(path=path),
                hint=_("Give a press release (.md) or a folder holding them."),
                location=Location(path),
            )
        problem = not_a_file(path)  # a FIFO, a device, a link to nothing: say which
        if problem is not None:
            raise problem
        found.append(path)
    unique: dict[Path, Path] = {}
    for item in found:
        unique.setdefault(item.resolve(), item)
    return list(unique.values())


_DOCUMENTS = (".docx", ".doc", ".odt", ".txt", ".rtf", ".pdf")


def _refuse_documents_only(folder: Path) -> None:
    """A folder with no release but Word or text files: say what to do, rather than render
    nothing."""
    documents = sorted(
        p.name for p in folder.iterdir() if p.suffix.lower() in _DOCUMENTS and p.is_file()
    )
    if not documents:
        return
    shown = ", ".join(documents[:3]) + (", …" if len(documents) > 3 else "")
    raise ReleaseError(
        ngettext(
            "{folder} holds no press release (.md), only {count} document: {names}.",
            "{folder} holds no press release (.md), only {count} documents: {names}.",
            len(documents),
        ).format(folder=folder, count=len(documents), names=shown),
        hint=import_hint()
        + " "
        + _("A .txt file already written as a release only needs the .md ending."),
        location=Location(folder),
    )


def _scan(folder: Path, out_resolved: Path | None) -> list[Path]:
    found = []
    for candidate in sorted(folder.rglob("*.md")):
        rel_parts = candidate.relative_to(folder).parts[:-1]
        if any(p.startswith((".", "_")) or p in _SKIP_DIRS for p in rel_parts):
            continue
        if candidate.name.lower() in _SKIP_NAMES or candidate.is_dir():
            continue
        if out_resolved is not None and out_resolved in candidate.resolve().parents:
            continue
        found.append(candidate)
    return found
