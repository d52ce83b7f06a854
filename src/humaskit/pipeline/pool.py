"""``--jobs N``: the releases of a batch rendered in N worker processes.

A release with a clip is two tasks, its captions and images and its clip, so that they run at
once and one long clip does not keep a worker busy while the other has nothing left; the tasks
go in largest first (:func:`tasks`, sizes estimated from the release's scenes and photo). The
parent joins a release's two parts and publishes them as one folder
(:func:`humaskit.pipeline.release_job.publish_parts`). The bytes are those of ``--jobs 1``: the
same functions make them, and the encoder's threads are pinned.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from humaskit.errors import HumaskitError
from humaskit.i18n import _
from humaskit.model.release import load_release, resolve_unit
from humaskit.pipeline import release_job
from humaskit.pipeline.context import RenderOptions, brand_for
from humaskit.pipeline.job import has_clip
from humaskit.pipeline.plan import Plan
from humaskit.pipeline.release_job import (
    Part,
    ReleaseResult,
    StagedImages,
    failed,
    publish_parts,
    render_part,
)

Made = ReleaseResult | StagedImages | Plan


def render_in_pool(
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
            pending = _pool_round(files, pending, options, jobs, results, done)
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
    """Render ``indexes`` in one pool; the indexes left unrendered because the pool broke.

    A release with a clip is two tasks, its images and captions and its clip, so that the two
    run at once and one long clip does not keep a worker busy while the other waits; the
    tasks go in largest first (:func:`tasks`). The parent joins and publishes the two
    (:func:`_joined`). In the last round each release is one task again, in a pool of its own.
    """
    whole: list[tuple[int, Part]] = [(i, "release") for i in indexes]
    todo = whole if last else tasks(files, indexes, options)
    expected = Counter(i for i, _part in todo)
    broken: set[int] = set()
    made: dict[int, dict[str, Made]] = {}
    workers = min(workers, len(todo))
    with ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent) as pool:
        # Submitted in order, so the pool starts the tasks in that order.
        futures = {pool.submit(_task, files[i], options, part): (i, part) for i, part in todo}
        for future in as_completed(futures):
            index, part = futures[future]
            try:
                out = future.result()
            except BrokenProcessPool:
                if not last:
                    broken.add(index)
                    continue
                out = failed(
                    files[index],
                    _("The process rendering this release stopped unexpectedly."),
                )
            got = made.setdefault(index, {})
            got[part] = out
            if index in broken or len(got) < expected[index]:
                continue
            result = _joined(files[index], options, got)
            results[index] = result
            done(result)
    return sorted(broken)


def _joined(path: Path, options: RenderOptions, parts: Mapping[str, Made]) -> ReleaseResult:
    """A release's result from its parts: the whole release, or its images and its clip.

    As when one process renders it: a failure of the images (or of what refuses the clip
    early, the ``audio:``) is the release's error, else a failure of the clip is.
    """
    whole = parts.get("release")
    if isinstance(whole, ReleaseResult):
        return whole
    images, clip = parts["images"], parts["clip"]
    if isinstance(images, ReleaseResult):
        same = isinstance(clip, ReleaseResult) and clip.status == images.status
        if images.status == "failed" or same:
            return images
    if isinstance(clip, ReleaseResult) and clip.status == "failed":
        return clip
    if isinstance(images, StagedImages) and isinstance(clip, Plan):
        return publish_parts(path, options, images, clip)
    # One part found the release unchanged and the other not: its folder changed between the
    # two. Render it again here, whole.
    return release_job.render_release(path, options)


def _task(path: Path, options: RenderOptions, part: Part) -> Made:
    """In a worker: ``part`` of the release at ``path``."""
    if part == "release":
        return release_job.render_release(path, options)
    return render_part(path, options, part)


# Pool tasks' sizes, in CPU-seconds of the example releases on the 2-core benchmark machine
# (benchmarks/README.md, "Video"): a clip's scenes are still frames that cost little each,
# while a photo cover's frames are composed one by one (the Ken Burns move) and cost most.
CLIP_COST = 2.0
SCENE_COST = 0.5
PHOTO_COVER_COST = 9.0
IMAGES_COST = 3.0


def tasks(
    files: Sequence[Path], indexes: Sequence[int], options: RenderOptions
) -> list[tuple[int, Part]]:
    """The pool's tasks, largest first: each release whole, or its images and its clip."""
    sized: list[tuple[float, int, Part]] = []
    for index in indexes:
        cost = _clip_cost(files[index], options) if options.images else None
        if cost is None:
            sized.append((IMAGES_COST, index, "release"))
        else:
            sized += [(IMAGES_COST, index, "images"), (cost, index, "clip")]
    sized.sort(key=lambda task: (-task[0], task[1]))
    return [(index, part) for _cost, index, part in sized]


def _clip_cost(path: Path, options: RenderOptions) -> float | None:
    """About how long the clip of ``path`` takes to make; None when it has none (or when the
    release cannot be read: the task that renders it whole then says why)."""
    from humaskit.cards.points import key_points

    try:
        brand, _templates = brand_for(path, options)
        release = load_release(path, allow_paths=options.allow_paths)
        unit = resolve_unit(release, brand)
        if not has_clip(release, unit, options):
            return None
        scenes = (
            len(release.agenda)
            + len(release.stats)
            + len(key_points(release.body, release.summary))
            + (release.quote is not None)
            + 3 * bool(release.claim and release.fact)
        )
    except Exception:  # any reason is for the task that renders it whole to report
        return None
    return CLIP_COST + SCENE_COST * scenes + (PHOTO_COVER_COST if release.image else 0.0)


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
