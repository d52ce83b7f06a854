"""The user's workspace: where releases, photos, brand kit and templates live (SPEC §3).

The workspace of a release is the nearest folder at or above it that holds ``brand/`` or
``humaskit.toml``; failing that, the current folder when the release is inside it, else the
release's own folder. A release may read files inside its workspace and inside folders the user
allowed explicitly, and nothing else.

Commands run inside a workspace read its ``rilis/`` when given no release and write its
``out/`` when given no ``--out``, from whichever of its folders they run in
(:func:`default_sources`, :func:`default_out`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from humaskit.errors import Location, PathError, ReleaseError, TemplateError, UsageError
from humaskit.files import describe_os_error
from humaskit.i18n import _
from humaskit.realpaths import resolved

MARKERS = ("humaskit.toml", "brand")


def find_workspace(start: Path, cwd: Path | None = None) -> Path:
    """The workspace folder of a file or folder ``start``."""
    here = resolved(start)
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "humaskit.toml").is_file() or (candidate / "brand").is_dir():
            return candidate
    base = (cwd or Path.cwd()).resolve()
    if folder == base or base in folder.parents:
        return base
    return folder


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved, symlinks followed) lies inside ``folder``."""
    real = resolved(path)
    root = resolved(folder)
    return real == root or root in real.parents


def resolve_inside(
    raw: str,
    base: Path,
    roots: Sequence[Path],
    *,
    source: Path,
    field: str,
    line: int | None,
) -> Path:
    """Resolve ``raw`` (relative to ``base``) and refuse it unless it lies inside one of ``roots``.

    Symlinks are followed before the check, so a link that leaves the workspace is refused too.
    """
    candidate = Path(raw).expanduser()
    if not candidate.is_absolute():
        candidate = base / candidate
    resolved = candidate.resolve()
    if any(is_within(resolved, root) for root in roots):
        try:
            resolved.stat()
        except (FileNotFoundError, NotADirectoryError):
            pass  # the caller says the file is missing, in its own words
        except OSError as exc:  # a name too long, no permission, a symlink loop …
            shown = raw if len(raw) <= 80 else raw[:40] + "…" + raw[-20:]
            raise ReleaseError(
                _("The file {path!r} cannot be used: {problem}.").format(
                    path=shown, problem=describe_os_error(exc)
                ),
                hint=_("Check the path: each name in it at most 255 bytes, the file readable."),
                location=Location(source, field, line),
            ) from None
        return resolved
    raise PathError(
        _("The path {path!r} leads outside the workspace {root}.").format(
            path=raw, root=roots[0] if roots else base
        ),
        hint=_("Move the file into the workspace, or allow its folder with --allow-path DIR."),
        location=Location(source, field, line),
    )


def templates_entry(templates_dir: Path | None, relative: str) -> Path | None:
    """``templates_dir / relative`` when it exists, refused when it resolves outside the folder.

    A contributed ``templates/captions`` that is a link to another folder (or a layout, a
    ``platforms.yaml`` linked to any file) would let a template print that folder's files into
    a caption; so every entry of a user's templates folder must resolve inside it.

    Raises:
        TemplateError: the entry is a link (or lies in a linked folder) leading outside.
    """
    if templates_dir is None:
        return None
    entry = templates_dir / relative
    if not entry.exists():
        return None
    if not is_within(entry, templates_dir):
        raise TemplateError(
            _("{path} leads to {target}, outside the templates folder {root}.").format(
                path=entry, target=entry.resolve(), root=templates_dir
            ),
            hint=_("Copy the files into the templates folder instead of linking to them."),
            location=Location(entry),
        )
    return entry


def enclosing_workspace(cwd: Path | None = None) -> Path | None:
    """The workspace the current folder lies in: the nearest folder at or above it holding
    ``humaskit.toml`` or ``brand/``; ``None`` outside any workspace."""
    here = (cwd or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "humaskit.toml").is_file() or (candidate / "brand").is_dir():
            return candidate
    return None


def _shown(path: Path, cwd: Path | None) -> Path:
    """``path`` relative to the current folder when it is at or above it (``../out``)."""
    base = (cwd or Path.cwd()).resolve()
    try:
        return Path(os.path.relpath(path, base))
    except ValueError:  # another drive on Windows
        return path


def default_out(cwd: Path | None = None) -> Path:
    """Where output goes without ``--out``: the workspace's ``out/`` wherever inside it a
    command runs (``cd rilis && humaskit render .`` writes ``../out``); else ``out`` here."""
    root = enclosing_workspace(cwd)
    return Path("out") if root is None else _shown(root / "out", cwd)


def default_sources(cwd: Path | None = None) -> list[Path]:
    """What a command reads without SRC: the workspace's ``rilis/`` folder.

    Raises:
        UsageError: outside a workspace, or in one without ``rilis/``.
    """
    root = enclosing_workspace(cwd)
    if root is None:
        raise UsageError(
            _("No press release was given, and this folder is not inside a workspace."),
            hint=_(
                "Name the releases or their folder (humaskit render rilis/), or run the "
                "command inside a workspace made by humaskit init."
            ),
        )
    folder = root / "rilis"
    if not folder.is_dir():
        raise UsageError(
            _("No press release was given, and the workspace {root} has no rilis/ folder.").format(
                root=root
            ),
            hint=_("Name the releases or their folder, or create rilis/ (humaskit init does)."),
            location=Location(root),
        )
    return [_shown(folder, cwd)]
