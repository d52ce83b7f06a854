"""``render``: press releases in, captions, images and a manifest out (SPEC §7).

Each release is rendered on its own: a bad release is reported and the others still render. A
release whose inputs hash to the ``inputs_hash`` of the manifest already in its output folder,
and whose folder holds exactly the files that manifest lists, is skipped unless ``force``.

Each release is planned (:func:`humaskit.pipeline.job.plan_release`), then staged and published
whole (:func:`humaskit.pipeline.publish.stage_and_publish`), so a release that fails halfway
leaves its previous complete output, or nothing, never a mix. Which release writes which folder
is decided before any is rendered (:mod:`humaskit.pipeline.folders`). ``shard=(K, N)``
renders the K-th of N disjoint parts of a batch, for CI matrices
(:func:`humaskit.pipeline.discovery.shard_index`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from humaskit import __version__
from humaskit.errors import HumaskitError
from humaskit.i18n import _
from humaskit.model.platforms import load_platforms
from humaskit.model.release import Release, load_release, resolve_unit
from humaskit.pipeline.context import (
    RenderOptions,
    brand_for,
    check_format,
    check_platforms,
    check_run_paths,
    inputs_hash,
)
from humaskit.pipeline.discovery import display_path, find_releases, parse_shard, shard_index
from humaskit.pipeline.folders import refuse_replacing, refused_in_run
from humaskit.pipeline.job import plan_release
from humaskit.pipeline.manifest import Manifest, read_manifest
from humaskit.pipeline.output import release_slug
from humaskit.pipeline.publish import (
    check_writable,
    holds_exactly,
    stage_and_publish,
    tidy_out,
)

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


@dataclass
class RenderReport:
    """The outcome of a run."""

    results: list[ReleaseResult] = field(default_factory=list)
    shard: tuple[int, int] | None = None
    found: int = 0

    def by_status(self, status: Status) -> list[ReleaseResult]:
        """The results with ``status``."""
        return [r for r in self.results if r.status == status]

    @property
    def ok(self) -> bool:
        """Whether every release rendered or was skipped."""
        return not self.by_status("failed")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: counts and one entry per release."""
        data: dict[str, Any] = {
            "rendered": len(self.by_status("rendered")),
            "skipped": len(self.by_status("skipped")),
            "failed": len(self.by_status("failed")),
        }
        if self.shard is not None:
            index, count = self.shard
            data["shard"] = {"index": index, "count": count, "found": self.found}
        data["releases"] = [r.to_dict() for r in self.results]
        return data


def render_release(
    path: Path, options: RenderOptions, release: Release | None = None
) -> ReleaseResult:
    """Render one release; never raises for bad input (the result says what went wrong).

    ``release`` is the release already read from ``path`` in this run, if it was (the run reads
    every release once to hand out the output folders); otherwise it is read here.

    A bug (an exception that is not a :class:`HumaskitError`) fails this release only, so the
    batch goes on; ``HUMASKIT_DEBUG=1`` lets it through with its traceback instead.
    """
    try:
        return _render_release(path, options, release)
    except HumaskitError as exc:
        return _refusal(path, exc)
    except Exception as exc:
        if os.environ.get("HUMASKIT_DEBUG"):
            raise
        return _failed(
            path,
            _("Internal error in humaskit: {problem}.").format(
                problem=f"{type(exc).__name__}: {exc}"
            ),
        )


def _failed(path: Path, message: str) -> ReleaseResult:
    error: dict[str, object] = {"error": "InternalError", "message": message, "file": str(path)}
    return ReleaseResult(path, "failed", error=error, message=f"{path}: {message}")


def _render_release(
    path: Path, options: RenderOptions, release: Release | None = None
) -> ReleaseResult:
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
    plan = plan_release(
        release, brand, unit, rules, options_here, images="draw" if options.images else "none"
    )
    manifest = Manifest(
        source=display_path(path, release.workspace),
        slug=slug,
        unit=unit.key,
        kind=release.kind,
        title=release.title,
        date=release.date.isoformat(),
        humaskit=__version__,
        inputs_hash=digest,
        artifacts=plan.artifacts,
        warnings=plan.diagnostics,
    )
    stage_and_publish(manifest, plan.files, options.out)
    return ReleaseResult(path, "rendered", out_dir, manifest)


def render(
    paths: Sequence[Path | str],
    out: Path | str = "out",
    *,
    platforms: Sequence[str] = (),
    fmt: str = "auto",
    jobs: int = 1,
    force: bool = False,
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
    x_thread: bool = False,
    images: bool = True,
    allow_paths: Sequence[Path] = (),
    shard: tuple[int, int] | None = None,
    video: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[ReleaseResult], None] | None = None,
) -> RenderReport:
    """Render press releases (files or folders) into ``out``.

    Args:
        paths: release files or folders holding them (searched recursively).
        out: the output folder; each release gets ``OUT/<date>-<slug>/``.
        platforms: only these platforms (default: each release's or its unit's).
        fmt: image format, one of auto, png, jpeg, webp.
        jobs: releases rendered at once, in separate processes.
        force: render even when the inputs have not changed.
        brand_dir: a brand kit folder (default: the workspace's ``brand/``, else built-in).
        templates_dir: a templates folder overriding the built-ins.
        x_thread: also write the X caption as a numbered thread.
        images: render images (captions and manifest only when false).
        allow_paths: further folders releases may read photos and data from.
        shard: ``(K, N)`` renders only the releases of shard K of N
            (:func:`~humaskit.pipeline.discovery.shard_index`); the N shards of a batch are
            disjoint and together hold every release.
        video: also write each release's short vertical clips (needs ``humaskit[video]``);
            a brand kit or unit with ``video: true`` gets them without it.
        on_start: called once with the number of releases found (to size a progress bar).
        on_result: called with each release's result as soon as it is done (progress).

    Returns:
        A report with one result per release; failed releases carry their error.

    Raises:
        UsageError: a path does not exist or an option value is wrong.
        RenderError: the output folder cannot be created or written to (nothing is rendered).
    """
    if shard is not None:
        parse_shard(f"{shard[0]}/{shard[1]}")
    check_format(fmt)
    check_run_paths(paths, out, brand_dir=brand_dir, templates_dir=templates_dir)
    options = RenderOptions(
        out=Path(out),
        platforms=tuple(platforms),
        fmt=fmt,
        force=force,
        brand_dir=Path(brand_dir) if brand_dir else None,
        templates_dir=Path(templates_dir) if templates_dir else None,
        x_thread=x_thread,
        images=images,
        allow_paths=tuple(Path(p).resolve() for p in allow_paths),
        video=video,
    )
    if video:
        from humaskit.video.encoder import require

        require()  # before any release is read: without PyAV, --video is a usage error
    if options.platforms:
        check_platforms(options.platforms, load_platforms(options.templates_dir))
    files = find_releases(paths, options.out)
    report = RenderReport(shard=shard, found=len(files))
    if shard is not None:
        files = [f for f in files if shard_index(f, shard[1]) == shard[0]]
    if files:
        check_writable(options.out)
        tidy_out(options.out)
    if on_start:
        on_start(len(files))

    def done(result: ReleaseResult) -> None:
        if on_result:
            on_result(result)

    # Which release writes which folder is decided here, before any is dispatched, so two
    # releases sharing a folder are refused the same way whatever --jobs is.
    # With one process the releases read for that are rendered as read, not read again.
    loaded: dict[int, Release] = {}
    refused = refused_in_run(files, options.out, options.allow_paths, loaded if jobs <= 1 else None)
    results: list[ReleaseResult | None] = [None] * len(files)
    todo = [i for i in range(len(files)) if i not in refused]
    if jobs > 1 and len(todo) > 1:
        for index, error in sorted(refused.items()):
            refusal = results[index] = _refusal(files[index], error)
            done(refusal)
        _render_in_pool(files, todo, options, jobs, results, done)
    else:
        for index, path in enumerate(files):
            refusal_error = refused.get(index)
            result = (
                _refusal(path, refusal_error)
                if refusal_error
                else render_release(path, options, loaded.pop(index, None))
            )
            results[index] = result
            done(result)
    report.results.extend(r for r in results if r is not None)
    return report


def _refusal(path: Path, error: HumaskitError) -> ReleaseResult:
    """The result of a release that failed with ``error`` (bad input, a refused folder)."""
    return ReleaseResult(path, "failed", error=error.to_dict(), message=str(error))


def _render_in_pool(
    files: Sequence[Path],
    indexes: Sequence[int],
    options: RenderOptions,
    jobs: int,
    results: list[ReleaseResult | None],
    done: Callable[[ReleaseResult], None],
) -> None:
    """Render ``files[i]`` for each of ``indexes`` in ``jobs`` worker processes into ``results``.

    Each result is passed to ``done`` as soon as it is ready, whatever the order. The workers
    live for the whole batch, so each pays for its imports (Pillow, twitter-text) once.

    A worker that dies (killed for memory, a signal) breaks the pool and every release still in
    it. Those are rendered again in a new pool; a release that was in a broken pool twice is then
    rendered in a process of its own, so only the release that kills its process fails.
    """
    pending = list(indexes)
    if pending:
        _warm_before_fork(files[pending[0]], options)
    for attempt in range(_POOLED_ATTEMPTS + 1):
        if not pending:
            break
        if attempt < _POOLED_ATTEMPTS:
            pending = _pool_round(files, pending, options, min(jobs, len(pending)), results, done)
        else:
            for index in pending:
                _pool_round(files, [index], options, 1, results, done, last=True)


def _warm_before_fork(first: Path, options: RenderOptions) -> None:
    """Where workers are forked (Linux): import the image code and load the first release's
    fonts in this process once, so that every worker starts with them instead of paying for
    them again (≈ 0.3 s of CPU per worker). Anything that fails here fails again, with its
    message, in the worker that renders the release."""
    import multiprocessing

    if not options.images or multiprocessing.get_start_method() != "fork":
        return
    from humaskit.cards.renderer import CardRenderer

    try:
        brand, _templates = brand_for(first, options)
        CardRenderer.preload(brand)
    except (HumaskitError, OSError):
        return


# Pools a release may be in when one breaks before it is rendered in a process of its own.
_POOLED_ATTEMPTS = 2


def _pool_round(
    files: Sequence[Path],
    indexes: Sequence[int],
    options: RenderOptions,
    workers: int,
    results: list[ReleaseResult | None],
    done: Callable[[ReleaseResult], None],
    *,
    last: bool = False,
) -> list[int]:
    """Render ``indexes`` in one pool; the indexes left unrendered because the pool broke."""
    # Imported here: a run in one process does not pay for the process pool's modules.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent) as pool:
        futures = {pool.submit(render_release, files[i], options): i for i in indexes}
        for future in as_completed(futures):
            index = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                if not last:
                    broken.append(index)
                    continue
                result = _failed(
                    files[index],
                    _("The process rendering this release stopped unexpectedly."),
                )
            results[index] = result
            done(result)
    return sorted(broken)


def _watch_parent() -> None:
    """In a worker: exit as soon as the process that started it is gone (killed, crashed).

    Without this, workers of a parent killed with SIGKILL wait on their queue forever.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="humaskit-parent-watch", daemon=True).start()
