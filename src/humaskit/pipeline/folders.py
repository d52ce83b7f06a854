"""Which release writes which output folder, decided before any release is rendered (SPEC §7).

Folder names are lower case without accents (:func:`humaskit.pipeline.output.release_slug`), so
``Rapat.md`` and ``rapat.md`` of the same date, or two same-named files in different folders,
would share one folder and silently overwrite each other. ``render`` reads each release's date in
the parent process and hands every folder to one release before it dispatches any, so the same
release is refused with ``--jobs 1`` and with ``--jobs 8``: the one whose output the folder holds
now, else the first in the run's order, keeps it; the others are refused with a message naming
both files. While rendering, a release also refuses to replace the output of a release outside
the run whose file still exists (:func:`refuse_replacing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from humaskit.errors import Location, RenderError
from humaskit.i18n import _
from humaskit.model.release import Release, load_release
from humaskit.pipeline.discovery import display_path
from humaskit.pipeline.manifest import Manifest, read_manifest
from humaskit.pipeline.output import release_slug


@dataclass(frozen=True)
class _Claim:
    index: int
    path: Path
    workspace: Path


def refused_in_run(
    files: Sequence[Path],
    out: Path,
    allow_paths: Sequence[Path] = (),
    loaded: dict[int, Release] | None = None,
) -> dict[int, RenderError]:
    """The releases of ``files`` that another release of the run keeps from their folder.

    Args:
        files: the run's releases, in the order the run reports them.
        out: the output folder.
        allow_paths: further folders releases may read from (as the run reads them).
        loaded: when given, filled with each release read here, by its index in ``files``, so
            that a run rendering them in this process does not read and validate them again.

    Returns:
        The index in ``files`` of each refused release → the error to report for it. A release
        that cannot be read is not refused here: rendering it reports why it cannot be read.
    """
    if len(files) < 2:  # nothing to share a folder with; rendering reads the release anyway
        return {}
    groups: dict[str, list[_Claim]] = {}
    for index, path in enumerate(files):
        try:
            release = load_release(path, allow_paths=allow_paths)
        except Exception:  # unreadable, or a bug: rendering it reports the problem
            continue
        if loaded is not None:
            loaded[index] = release
        slug = release_slug(path.stem, release.date.isoformat())
        groups.setdefault(slug, []).append(_Claim(index, path, release.workspace))
    refused: dict[int, RenderError] = {}
    for slug, claims in groups.items():
        if len(claims) < 2:
            continue
        out_dir = out / slug
        owner = _current_owner(claims, read_manifest(out_dir)) or claims[0]
        other = display_path(owner.path, owner.workspace)
        for claim in claims:
            if claim is not owner:
                refused[claim.index] = collision_error(claim.path, other, out_dir)
    return refused


def _current_owner(claims: Sequence[_Claim], previous: Manifest | None) -> _Claim | None:
    """The claim whose release wrote the output the folder holds now, if one did."""
    if previous is None:
        return None
    for claim in claims:
        if (claim.workspace / previous.source).resolve() == claim.path.resolve():
            return claim
    return None


def refuse_replacing(path: Path, workspace: Path, previous: Manifest | None, out_dir: Path) -> None:
    """Refuse to replace the output of another, existing release whose folder name is the same.

    Raises:
        RenderError: ``out_dir`` holds the output of another release whose file still exists.
    """
    other = previous.source if previous is not None else None
    if other is None or other == display_path(path, workspace):
        return
    other_path = workspace / other
    if other_path.is_file() and other_path.resolve() != path.resolve():
        raise collision_error(path, other, out_dir)


def collision_error(path: Path, other: str, out_dir: Path) -> RenderError:
    """The error for ``path``, refused because ``other`` writes the same folder ``out_dir``."""
    return RenderError(
        _("{path} and {other} write to the same output folder {folder}.").format(
            path=path, other=other, folder=out_dir
        ),
        hint=_(
            "Rename one of the files: the folder name is the date and the file name, "
            "in lower case without accents."
        ),
        location=Location(path),
    )
