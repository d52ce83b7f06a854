"""The studio's workspace: which files a request may touch, the releases in it, saving them.

Every path a request names is relative to the workspace and is refused unless it resolves
(links followed) inside it: ``../``, an absolute path or a link out of the workspace never
reads or writes anything. Saving compares the file's version token (a hash of its bytes,
:func:`~humaskit.studio.document.token_of`) with the one the editor was opened on, so an edit
made meanwhile in another tab, another studio or a text editor is never overwritten silently.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from humaskit.cards.photofiles import sniff
from humaskit.errors import HumaskitError, Location, PathError, UsageError
from humaskit.files import write_output
from humaskit.i18n import _
from humaskit.model.release import load_release
from humaskit.model.release_file import MAX_RELEASE_BYTES, not_a_file
from humaskit.model.workspace import is_within
from humaskit.pipeline.discovery import find_releases
from humaskit.pipeline.output import slugify
from humaskit.studio.document import token_of

RELEASES = "rilis"
PHOTOS = "foto"
OUTPUT = "out"
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
MAX_PHOTO_BYTES = 40 * 1024 * 1024
# Zip entries carry this date, so the same images always give the same zip bytes.
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


class ConflictError(UsageError):
    """The file changed on disk since the editor opened it."""


def inside(workspace: Path, relative: str, *, what: str = "") -> Path:
    """``workspace / relative``, refused unless it stays inside the workspace.

    Raises:
        PathError: the path is absolute, climbs out with ``..`` or leads out through a link.
    """
    posix = PurePosixPath(relative.replace("\\", "/"))
    candidate = workspace / Path(*posix.parts) if posix.parts else workspace
    if posix.is_absolute() or ".." in posix.parts or not is_within(candidate, workspace):
        raise PathError(
            _("The path {path!r} leads outside the workspace {root}.").format(
                path=relative, root=workspace
            ),
            hint=_("The studio only opens and writes files inside its workspace folder."),
            location=Location(relative, what or None),
        )
    return candidate


def relative_name(workspace: Path, path: Path) -> str:
    """``path`` as the studio names it: relative to the workspace, with ``/``."""
    return path.resolve().relative_to(workspace.resolve()).as_posix()


@dataclass(frozen=True)
class ReleaseRow:
    """One line of the release list."""

    path: str
    title: str
    date: str
    unit: str
    kind: str
    approved: bool
    warnings: int
    error: str = ""


def list_releases(workspace: Path) -> list[ReleaseRow]:
    """Every release under the workspace's ``rilis/``, newest first, readable or not."""
    folder = workspace / RELEASES
    if not folder.is_dir():
        return []
    rows = []
    for path in find_releases([folder]):
        name = relative_name(workspace, path)
        try:
            release = load_release(path, workspace=workspace)
        except HumaskitError as exc:
            rows.append(ReleaseRow(name, path.stem, "", "", "", False, 0, error=str(exc.message)))
            continue
        rows.append(
            ReleaseRow(
                name,
                release.title,
                release.date.isoformat(),
                release.unit,
                release.kind,
                bool(release.approved_by),
                len(release.notices),
            )
        )
    rows.sort(key=lambda r: (r.date, r.path), reverse=True)
    return rows


def read_release(workspace: Path, relative: str) -> tuple[Path, bytes]:
    """The path and bytes of the release ``relative``.

    Raises:
        PathError: the path leaves the workspace.
        UsageError: it is no ordinary ``.md`` file, or it is too large.
    """
    path = inside(workspace, relative)
    problem = not_a_file(path)
    if problem is not None:
        raise problem
    if path.suffix.lower() != ".md":
        raise UsageError(
            _("{path} is not a press release (.md file).").format(path=relative),
            hint=_("Open a release from the list."),
            location=Location(relative),
        )
    raw = path.read_bytes()
    if len(raw) > MAX_RELEASE_BYTES:
        raise UsageError(
            _("The file is larger than {limit} MB; a press release is much shorter.").format(
                limit=MAX_RELEASE_BYTES // (1024 * 1024)
            ),
            hint=_("Check that this is the right file."),
            location=Location(relative),
        )
    return path, raw


def new_release_path(workspace: Path, title: str, date: str) -> str:
    """Where a new release is saved: ``rilis/<date>-<slug of the title>.md``."""
    try:
        day = dt.date.fromisoformat(date).isoformat()
    except ValueError:
        day = dt.date.today().isoformat()
    slug = slugify(title, 60) or "rilis"
    return f"{RELEASES}/{day}-{slug}.md"


def save_release(
    workspace: Path, relative: str, data: bytes, token: str, *, overwrite: bool = False
) -> str:
    """Write ``data`` to the release ``relative``; return the new version token.

    ``token`` is the version the editor was opened on (empty for a new release).

    Raises:
        PathError: the path leaves the workspace.
        ConflictError: the file changed on disk since (or, for a new release, already exists),
            unless ``overwrite``.
    """
    path = inside(workspace, relative)
    if not path.name.endswith(".md") or PurePosixPath(relative).parts[:1] != (RELEASES,):
        raise UsageError(
            _("A release is saved as a .md file in rilis/, not as {path}.").format(path=relative),
            hint=_("Save it from the editor."),
            location=Location(relative),
        )
    current = path.read_bytes() if path.is_file() else None
    if not overwrite:
        if current is not None and not token:
            raise ConflictError(
                _("{path} already exists.").format(path=relative),
                hint=_("Change the title or the date, or open the existing release."),
                location=Location(relative),
            )
        if token and (current is None or token_of(current) != token):
            raise ConflictError(
                _("{path} was changed on disk after you opened it.").format(path=relative),
                hint=_(
                    "Open it again to see that version (your changes here are lost then), or "
                    "save anyway to replace it with yours."
                ),
                location=Location(relative),
            )
    if current != data:
        write_output(path, data)
    return token_of(data)


def save_photo(workspace: Path, filename: str, data: bytes) -> str:
    """Store an uploaded photo in ``foto/`` and return its workspace path.

    The name is made safe (lower case, ``-``); a different photo of the same name gets
    ``-2``, ``-3``…; the very same photo again reuses its file.

    Raises:
        UsageError: not a photo type humaskit reads, empty, or too large.
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in PHOTO_TYPES:
        raise UsageError(
            _("{name} is not a photo humaskit can use.").format(name=filename),
            hint=_("Upload a JPEG, PNG, WebP or HEIC photo."),
            location=Location(filename),
        )
    if not data or len(data) > MAX_PHOTO_BYTES:
        raise UsageError(
            _("The photo {name} is empty or larger than {limit} MB.").format(
                name=filename, limit=MAX_PHOTO_BYTES // (1024 * 1024)
            ),
            hint=_("Upload the photo as the camera or phone saved it."),
            location=Location(filename),
        )
    if sniff(data[:64]) not in ("JPEG", "PNG", "WebP", "HEIC"):
        raise UsageError(
            _(
                "{name} is not a photo humaskit can read (its content is no JPEG, PNG, WebP or "
                "HEIC image)."
            ).format(name=filename),
            hint=_("Upload the photo as the camera or phone saved it."),
            location=Location(filename),
        )
    stem = slugify(Path(filename).stem, 60) or "foto"
    folder = workspace / PHOTOS
    for number in range(1, 1000):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        target = folder / name
        if target.exists() and target.read_bytes() != data:
            continue
        if not target.exists():
            write_output(target, data)
        return relative_name(workspace, target)
    raise UsageError(
        _("There are too many photos named {name} in foto/.").format(name=filename),
        hint=_("Rename the photo before uploading it."),
    )


def platform_zip(folder: Path, files: list[str]) -> bytes:
    """The files (relative to ``folder``) in one zip, the same bytes for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / name).read_bytes())
    return buffer.getvalue()
