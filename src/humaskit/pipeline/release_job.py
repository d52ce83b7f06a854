"""One release rendered: whole, or in the parts a worker pool makes at once.

:func:`render_release` reads a release, skips it when its inputs are unchanged, plans it
(:func:`humaskit.pipeline.job.plan_release`) and publishes it whole
(:func:`humaskit.pipeline.publish.stage_and_publish`). :func:`render_part` makes one part of it
instead, for :mod:`humaskit.pipeline.pool`: its captions and images, unpublished
(:class:`StagedImages`), or its clip (a :class:`~humaskit.pipeline.plan.Plan`);
:func:`publish_parts` then publishes the two as one folder. A run in one process makes each
release whole but unpublished ("staged") and publishes it with :func:`publish_staged` on a
thread of its own while the next release is drawn.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from humaskit import __version__
from humaskit.cards.overlap import Later
from humaskit.errors import HumaskitError
from humaskit.i18n import _
from humaskit.model.platforms import load_platforms
from humaskit.model.release import Release, load_release, resolve_unit
from humaskit.pipeline.context import RenderOptions, brand_for, inputs_hash
from humaskit.pipeline.discovery import display_path
from humaskit.pipeline.folders import refuse_replacing
from humaskit.pipeline.job import plan_clip, plan_release
from humaskit.pipeline.manifest import Manifest, read_manifest
from humaskit.pipeline.output import release_slug
from humaskit.pipeline.plan import Plan
from humaskit.pipeline.publish import holds_exactly, stage_and_publish

if TYPE_CHECKING:
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.platforms import Platform
    from humaskit.model.release import Release

Status = Literal["rendered", "skipped", "failed"]


@dataclass
class ReleaseResult:
    """What happened to one release."""

    source: Path
    status: Status
    out_dir: Path | None = None
    manifest: Manifest | None = None
    error: dict[str, object] | None = None
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        data: dict[str, Any] = {"source": str(self.source), "status": self.status}
        if self.out_dir is not None:
            data["out"] = str(self.out_dir)
        if self.manifest is not None:
            data["artifacts"] = len(self.manifest.artifacts)
            data["warnings"] = [w.to_dict() for w in self.manifest.warnings]
        if self.error is not None:
            data["error"] = self.error
        return data


def render_release(
    path: Path, options: RenderOptions, release: Release | None = None
) -> ReleaseResult:
    """Render one release; never raises for bad input (the result says what went wrong).

    ``release`` is the release already read from ``path`` in this run, if it was (a run in one
    process reads every release once to hand out the output folders); otherwise it is read here.

    A bug (an exception that is not a :class:`HumaskitError`) fails this release only, so the
    batch goes on; ``HUMASKIT_DEBUG=1`` lets it through with its traceback instead.
    """
    result = render_part(path, options, "release", release)
    assert isinstance(result, ReleaseResult)
    return result


# What a task makes of a release: all of it, its images and captions, or its clip; or all of
# it, unpublished ("staged").
Part = Literal["release", "images", "clip", "staged"]


@dataclass
class StagedImages:
    """A release made but not published: its manifest and files. A pool worker makes the
    captions and images while another makes the clip (the parent publishes the two with
    :func:`publish_parts`); a run in one process makes all of it ("staged"), and
    :func:`publish_staged` publishes it on a thread of its own."""

    manifest: Manifest
    files: dict[str, bytes]
    # ("staged") The images still being encoded on threads of their own.
    encoding: dict[str, Later[bytes]] = field(default_factory=dict)

    def finished(self) -> StagedImages:
        """This release with every image encoded (raises what an encoder raised)."""
        files = {**self.files, **{rel: later.result() for rel, later in self.encoding.items()}}
        return StagedImages(self.manifest, files)


def render_part(
    path: Path, options: RenderOptions, part: Part, release: Release | None = None
) -> ReleaseResult | StagedImages | Plan:
    """Make ``part`` of one release, as :func:`render_release` makes all of it ("release").

    "images" plans the release without its clip and publishes nothing (:class:`StagedImages`);
    "clip" plans its clip alone (a :class:`Plan`). Either gives a :class:`ReleaseResult`
    instead when the release ends there: unchanged (skipped) or failed.
    """
    return _guarded(path, lambda: _render_part(path, options, part, release))


def publish_staged(path: Path, options: RenderOptions, staged: StagedImages) -> ReleaseResult:
    """Publish a release made with the "staged" part, once its images are encoded; never
    raises for a folder that cannot be written (the result says what went wrong)."""

    return _guarded(
        path, lambda: published(path, staged.manifest, staged.finished().files, options)
    )


_T = TypeVar("_T")


def _guarded(path: Path, make: Callable[[], _T]) -> _T | ReleaseResult:
    """``make()``, or the failed result of the release at ``path`` when it raises: a
    :class:`HumaskitError` is bad input or a refused folder; any other exception is a bug that
    fails this release only (``HUMASKIT_DEBUG=1`` lets it through with its traceback)."""
    try:
        return make()
    except HumaskitError as exc:
        return refusal(path, exc)
    except Exception as exc:
        if os.environ.get("HUMASKIT_DEBUG"):
            raise
        return failed(
            path,
            _("Internal error in humaskit: {problem}.").format(
                problem=f"{type(exc).__name__}: {exc}"
            ),
        )


def failed(path: Path, message: str) -> ReleaseResult:
    error: dict[str, object] = {"error": "InternalError", "message": message, "file": str(path)}
    return ReleaseResult(path, "failed", error=error, message=f"{path}: {message}")


@dataclass(frozen=True)
class _Ready:
    """A release read, with what its manifest says about it, and its output folder."""

    path: Path
    release: Release
    brand: Brand
    unit: Unit
    rules: Mapping[str, Platform]
    options: RenderOptions  # with the release's templates folder
    slug: str
    digest: str

    def manifest(self, plan: Plan) -> Manifest:
        """The manifest of ``plan``'s artifacts and diagnostics."""
        release = self.release
        return Manifest(
            source=display_path(self.path, release.workspace),
            slug=self.slug,
            unit=self.unit.key,
            kind=release.kind,
            title=release.title,
            date=release.date.isoformat(),
            humaskit=__version__,
            inputs_hash=self.digest,
            artifacts=plan.artifacts,
            warnings=plan.diagnostics,
        )


def _ready(
    path: Path, options: RenderOptions, release: Release | None = None
) -> _Ready | ReleaseResult:
    """The release at ``path`` read (unless given), or its result when it is skipped (its
    inputs unchanged)."""
    brand, templates_dir = brand_for(path, options)
    options_here = replace(options, templates_dir=templates_dir)
    if release is None:
        release = load_release(path, allow_paths=options.allow_paths)
    unit = resolve_unit(release, brand)
    rules = load_platforms(templates_dir)
    slug = release_slug(path.stem, release.date.isoformat())
    out_dir = options.out / slug
    digest = inputs_hash(release, brand, options_here)
    previous = read_manifest(out_dir)
    refuse_replacing(path, release.workspace, previous, out_dir)
    if (
        not options.force
        and previous is not None
        and previous.inputs_hash == digest
        and holds_exactly(out_dir, previous)
    ):
        return ReleaseResult(path, "skipped", out_dir, previous)
    return _Ready(path, release, brand, unit, rules, options_here, slug, digest)


def _render_part(
    path: Path, options: RenderOptions, part: Part, given: Release | None = None
) -> ReleaseResult | StagedImages | Plan:
    ready = _ready(path, options, given)
    if isinstance(ready, ReleaseResult):
        return ready
    release, brand, unit, rules = ready.release, ready.brand, ready.unit, ready.rules
    if part == "clip":
        return plan_clip(release, brand, unit, rules, ready.options)
    plan = plan_release(
        release,
        brand,
        unit,
        rules,
        ready.options,
        images="draw" if options.images else "none",
        clip=part in ("release", "staged"),
        wait=part != "staged",
    )
    manifest = ready.manifest(plan)
    if part == "staged":
        return StagedImages(manifest, plan.files, plan.encoding)
    if part == "images":
        return StagedImages(manifest, plan.files)
    return published(path, manifest, plan.files, options)


def published(
    path: Path, manifest: Manifest, files: Mapping[str, bytes], options: RenderOptions
) -> ReleaseResult:
    out_dir = stage_and_publish(manifest, files, options.out)
    return ReleaseResult(path, "rendered", out_dir, manifest)


def publish_parts(
    path: Path, options: RenderOptions, images: StagedImages, clip: Plan
) -> ReleaseResult:
    """Publish a release whose images and clip were made apart, as one folder: the clip's
    artifacts and diagnostics after the images', as :func:`plan_release` orders them."""
    manifest = images.manifest
    manifest.artifacts.extend(clip.artifacts)
    manifest.warnings.extend(clip.diagnostics)
    try:
        return published(path, manifest, {**images.files, **clip.files}, options)
    except HumaskitError as exc:
        return refusal(path, exc)


def refusal(path: Path, error: HumaskitError) -> ReleaseResult:
    """The result of a release that failed with ``error`` (bad input, a refused folder)."""
    return ReleaseResult(path, "failed", error=error.to_dict(), message=str(error))
