"""``render``: press releases in, captions, images and a manifest out (SPEC §7).

Each release is rendered on its own: a bad release is reported and the others still render. A
release whose inputs hash to the ``inputs_hash`` of the manifest already in its output folder,
and whose folder holds exactly the files that manifest lists, is skipped unless ``force``.

Each release is planned (:func:`humaskit.pipeline.job.plan_release`), then staged and published
whole (:func:`humaskit.pipeline.publish.stage_and_publish`; in one process on a thread of its
own while the next release is drawn), so a release that fails halfway
leaves its previous complete output, or nothing, never a mix. Which release writes which folder
is decided before any is rendered (:mod:`humaskit.pipeline.folders`). ``shard=(K, N)``
renders the K-th of N disjoint parts of a batch, for CI matrices
(:func:`humaskit.pipeline.discovery.shard_index`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from humaskit.errors import HumaskitError
from humaskit.model.platforms import load_platforms
from humaskit.model.release import Release
from humaskit.pipeline.context import (
    RenderOptions,
    check_format,
    check_platforms,
    check_run_paths,
)
from humaskit.pipeline.discovery import find_releases, parse_shard, shard_index
from humaskit.pipeline.folders import refused_in_run
from humaskit.pipeline.publish import (
    check_writable,
    tidy_out,
)
from humaskit.pipeline.release_job import (
    ReleaseResult,
    StagedImages,
    Status,
    publish_staged,
    refusal,
    render_part,
    render_release,
)
from humaskit.realpaths import forget

__all__ = ["ReleaseResult", "RenderOptions", "RenderReport", "render", "render_release"]


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
    forget()  # folders resolved in an earlier run may have moved
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
    # Releases rendered in this process are rendered as read for that, not read again (a pool's
    # workers read their own).
    loaded: dict[int, Release] = {}
    refused = refused_in_run(files, options.out, options.allow_paths, loaded)
    results: list[ReleaseResult | None] = [None] * len(files)
    todo = [i for i in range(len(files)) if i not in refused]
    if jobs > 1 and (len(todo) > 1 or (todo and options.video)):
        # Imported here: a run in one process does not pay for the process pool's modules.
        from humaskit.pipeline.pool import render_in_pool

        loaded.clear()  # the workers read their own
        for index, error in sorted(refused.items()):
            refused_result = results[index] = refusal(files[index], error)
            done(refused_result)
        render_in_pool(files, todo, options, jobs, results, done)
    else:
        _render_here(files, refused, loaded, options, results, done)
    report.results.extend(r for r in results if r is not None)
    return report


# Releases made but not yet published, at most, while the next is made: a slow disk makes the
# run wait rather than hold every release's images in memory.
_PUBLISHING = 1


def _render_here(
    files: Sequence[Path],
    refused: Mapping[int, HumaskitError],
    loaded: dict[int, Release],
    options: RenderOptions,
    results: list[ReleaseResult | None],
    done: Callable[[ReleaseResult], None],
) -> None:
    """Render ``files`` in this process, in order: each release is made here, then written,
    flushed and published on a thread of its own (the disk's work and the file system's flush
    wait on neither the drawing nor the encoding of the next release). Results are reported in
    the order of ``files``, each once its folder is published."""
    pending: deque[tuple[int, Future[ReleaseResult] | ReleaseResult]] = deque()

    def report(keep: int) -> None:
        """Report the results ready in order, waiting until at most ``keep`` are publishing."""
        while pending:
            index, made = pending[0]
            if isinstance(made, Future):
                publishing = sum(isinstance(m, Future) for _i, m in pending)
                if publishing <= keep and not made.done():
                    return
                made = made.result()
            pending.popleft()
            results[index] = made
            done(made)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="humaskit-publish") as publisher:
        for index, path in enumerate(files):
            refusal_error = refused.get(index)
            if refusal_error:
                pending.append((index, refusal(path, refusal_error)))
            else:
                made = render_part(path, options, "staged", loaded.pop(index, None))
                if isinstance(made, StagedImages):
                    pending.append((index, publisher.submit(publish_staged, path, options, made)))
                else:
                    assert isinstance(made, ReleaseResult)
                    pending.append((index, made))
            report(keep=_PUBLISHING)
        report(keep=0)
