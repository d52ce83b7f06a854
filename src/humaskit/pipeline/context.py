"""What every job of a run shares: the options, the brand kit and templates, the inputs hash.

A release whose inputs (source, photo, CSV, brand kit, templates, humaskit version, options) hash
to the ``inputs_hash`` of the manifest already in its output folder is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from humaskit import __version__
from humaskit.errors import Location, UsageError
from humaskit.i18n import _
from humaskit.model.brand import Brand, load_brand
from humaskit.model.platforms import Platform
from humaskit.model.release import Release
from humaskit.model.workspace import find_workspace
from humaskit.realpaths import resolved
from humaskit.resources import builtin_brand_dir, builtin_templates_dir

FORMATS = ("auto", "png", "jpeg", "webp")


@dataclass(frozen=True)
class RenderOptions:
    """What to render and how; the same for every release of one run."""

    out: Path
    platforms: tuple[str, ...] = ()
    fmt: str = "auto"
    force: bool = False
    brand_dir: Path | None = None
    templates_dir: Path | None = None
    x_thread: bool = False
    images: bool = True
    allow_paths: tuple[Path, ...] = ()
    # Short vertical clips for every release (``--video``); a brand kit or a unit may ask for
    # them too (``video: true``).
    video: bool = False

    def fingerprint(self) -> str:
        """The options that change the output, as text for the inputs hash."""
        return (
            f"platforms={','.join(self.platforms)};fmt={self.fmt};"
            f"x_thread={self.x_thread};images={self.images}" + (";video" if self.video else "")
        )


def check_format(fmt: str) -> None:
    """Raises :class:`UsageError` unless ``fmt`` is one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise UsageError(
            _("Unknown image format {fmt!r}.").format(fmt=fmt),
            hint=_("Choose one of: {formats}.").format(formats=", ".join(FORMATS)),
        )


def check_platforms(wanted: Sequence[str], rules: Mapping[str, Platform]) -> None:
    """Raises :class:`UsageError` for the first of ``wanted`` that ``rules`` does not know."""
    unknown = [p for p in wanted if p not in rules]
    if unknown:
        raise UsageError(
            _("Unknown platform {platform!r}.").format(platform=unknown[0]),
            hint=_("Known platforms: {known}.").format(known=", ".join(rules)),
        )


def check_run_paths(
    paths: Sequence[Path | str],
    out: Path | str | None,
    *,
    brand_dir: Path | str | None = None,
    templates_dir: Path | str | None = None,
) -> None:
    """Refuse a run that could only do nothing, or ignore what it was told (usage errors).

    Every command that takes ``--out``, ``--brand`` or ``--templates`` calls this before it
    reads a release: an empty output name; an output folder that is a source folder or holds
    one (its releases would all be passed over as earlier output); a brand kit or templates
    folder that does not exist (the built-ins would be used instead, silently).

    Raises:
        UsageError: one of the above, with what to do instead.
    """
    if out is not None and not str(out).strip():
        raise UsageError(
            _("The output folder name is empty."),
            hint=_("Name the folder to write to, e.g. --out out."),
            location=Location(field="--out"),
        )
    for option, folder in (("--brand", brand_dir), ("--templates", templates_dir)):
        if folder is not None and not Path(folder).is_dir():
            raise UsageError(
                _("The folder {path} given to {option} does not exist.").format(
                    path=folder, option=option
                ),
                hint=_(
                    "Check the path, or leave {option} out to use the workspace's folder or "
                    "the built-in one."
                ).format(option=option),
                location=Location(field=option),
            )
    if out is None:
        return
    target = Path(out).resolve()
    for raw in paths:
        source = Path(raw)
        try:
            is_dir = source.is_dir()
        except OSError:  # a name too long: finding the releases says so, with the reason
            continue
        if is_dir and (target == source.resolve() or target in source.resolve().parents):
            raise UsageError(
                _(
                    "The output folder {out} is the source folder {src} or holds it, so every "
                    "release in it would be skipped."
                ).format(out=out, src=source),
                hint=_("Write to a folder of its own, e.g. --out out."),
                location=Location(field="--out"),
            )


# Files from this size on (fonts: the emoji font is 11 MB) are identified by their size and
# modification time instead of hashed, in every process and worker; an edit changes the time.
_HASH_BELOW = 1 << 20


@cache
def _tree_digest(folder: Path) -> str:
    """A digest of every file below ``folder`` (names and contents, or the size and modification
    time of a large file), cached per process."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(folder).as_posix().encode())
            stat = path.stat()
            if stat.st_size >= _HASH_BELOW:
                digest.update(f"\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
            else:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def inputs_hash(release: Release, brand: Brand, options: RenderOptions) -> str:
    """The hash of everything a release's output depends on."""
    digest = hashlib.sha256()
    digest.update(f"humaskit {__version__}\n{options.fingerprint()}\n".encode())
    for path in release.input_files:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for folder in (brand.root, builtin_brand_dir(), builtin_templates_dir(), options.templates_dir):
        if folder is not None:
            digest.update(_tree_digest(resolved(folder)).encode())
    return "sha256:" + digest.hexdigest()


def brand_for(release_path: Path, options: RenderOptions) -> tuple[Brand, Path | None]:
    """The brand kit and templates folder of a release: explicit options, else its workspace's."""
    workspace = find_workspace(release_path)
    brand_dir = options.brand_dir or (
        workspace / "brand" if (workspace / "brand").is_dir() else None
    )
    templates = options.templates_dir or (
        workspace / "templates" if (workspace / "templates").is_dir() else None
    )
    return _load_brand_cached(brand_dir), templates


@cache
def _load_brand_cached(brand_dir: Path | None) -> Brand:
    return load_brand(brand_dir)


def clear_caches() -> None:
    """Forget the brand kits and folder digests this process read, so later edits are seen.

    A batch reads them once; ``humaskit watch`` calls this before every render.
    """
    _load_brand_cached.cache_clear()
    _tree_digest.cache_clear()
