"""``humaskit watch``: render again when a release, its photos, data, brand or templates change.

The decision what to render is a pure function of the changed paths and a :class:`WatchPlan`
(:func:`plan_watch`, :func:`affected`), so it is tested without a file watcher; :func:`watch`
adds the loop around it with watchfiles. A release that fails is reported and watching goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from humaskit.errors import HumaskitError, UsageError
from humaskit.model.release import load_release
from humaskit.model.workspace import find_workspace, is_within
from humaskit.pipeline.context import RenderOptions, check_run_paths, clear_caches
from humaskit.pipeline.discovery import find_releases
from humaskit.pipeline.render import ReleaseResult, RenderReport, render

# Editors' swap and backup files, and our own atomic-write temporaries, are not changes.
_IGNORED_NAMES = (r"^\.", r"~$", r"\.sw.$", r"\.tmp$", r"\.part(ial)?$")


@dataclass(frozen=True)
class WatchPlan:
    """What the watched releases read, as resolved paths.

    Attributes:
        releases: the release files, in the order
            :func:`~humaskit.pipeline.discovery.find_releases` gives.
        inputs: each input file (a release itself, its photos, its CSV) → the releases reading it.
        shared: each brand kit or templates folder of the user → the releases using it; a change
            inside one renders all of those again.
        sources: the folders named on the command line, where new releases may appear.
    """

    releases: tuple[Path, ...]
    inputs: dict[Path, frozenset[Path]]
    shared: dict[Path, frozenset[Path]]
    sources: tuple[Path, ...]

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders to watch: none inside another, each existing."""
        folders = {f for f in self.sources if f.is_dir()}
        folders.update(p.parent for p in self.inputs)
        folders.update(self.shared)
        existing = sorted(f for f in folders if f.is_dir())
        return tuple(f for f in existing if not any(o != f and is_within(f, o) for o in existing))


def plan_watch(paths: Sequence[Path | str], options: RenderOptions) -> WatchPlan:
    """Find the releases under ``paths`` and everything each one reads.

    A release that cannot be read is still watched (its own file), so fixing it renders it.
    The built-in brand kit and templates are not watched: they change only with humaskit.

    Raises:
        UsageError: a path does not exist.
    """
    releases = tuple(p.resolve() for p in find_releases(paths, options.out))
    inputs: dict[Path, set[Path]] = {}
    shared: dict[Path, set[Path]] = {}
    for release in releases:
        try:
            files = load_release(release, allow_paths=options.allow_paths).input_files
        except HumaskitError:
            files = (release,)
        for file in (release, *files):
            inputs.setdefault(file.resolve(), set()).add(release)
        for folder in _user_folders(release, options):
            shared.setdefault(folder, set()).add(release)
    return WatchPlan(
        releases=releases,
        inputs={k: frozenset(v) for k, v in inputs.items()},
        shared={k: frozenset(v) for k, v in shared.items()},
        sources=tuple(Path(p).resolve() for p in paths if Path(p).is_dir()),
    )


def _user_folders(release: Path, options: RenderOptions) -> list[Path]:
    """The brand kit and templates folders a release is rendered with, when they are the user's."""
    workspace = find_workspace(release)
    folders = [
        options.brand_dir or workspace / "brand",
        options.templates_dir or workspace / "templates",
    ]
    return [f.resolve() for f in folders if f.is_dir()]


def affected(changes: Iterable[Path], plan: WatchPlan) -> list[Path]:
    """The releases to render again after ``changes``, in the plan's order.

    A changed release or input file renders the releases reading it; a change anywhere inside a
    brand kit or templates folder renders every release using that folder. Paths the plan does
    not know (the output, unrelated files) render nothing.
    """
    chosen: set[Path] = set()
    for raw in changes:
        path = Path(raw).resolve()
        chosen.update(plan.inputs.get(path, ()))
        for folder, users in plan.shared.items():
            if is_within(path, folder):
                chosen.update(users)
    return [r for r in plan.releases if r in chosen]


def watch(
    paths: Sequence[Path | str],
    out: Path | str = "out",
    *,
    platforms: Sequence[str] = (),
    fmt: str = "auto",
    jobs: int = 1,
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
    x_thread: bool = False,
    images: bool = True,
    allow_paths: Sequence[Path] = (),
    on_render: Callable[[list[Path]], None] | None = None,
    on_result: Callable[[ReleaseResult], None] | None = None,
    on_error: Callable[[HumaskitError], None] | None = None,
    on_watch: Callable[[], None] | None = None,
    stop_event: threading.Event | None = None,
    debounce_ms: int = 400,
) -> None:
    """Render ``paths`` once, then again on every change, until ``stop_event`` or Ctrl-C.

    Args:
        paths: release files or folders, as for :func:`~humaskit.pipeline.render.render`.
        out: the output folder.
        platforms, fmt, jobs, brand_dir, templates_dir, x_thread, images, allow_paths: as for
            :func:`~humaskit.pipeline.render.render`.
        on_render: called with the releases about to be rendered (the first run: all of them).
        on_result: called with each release's result.
        on_error: called with an error of a whole run (an unwritable output, a source folder
            deleted); watching goes on. Errors of single releases come as failed results.
        on_watch: called once the first render is done and changes are being watched.
        stop_event: set it to stop watching (from another thread).
        debounce_ms: changes closer together than this are handled as one.

    Raises:
        UsageError: a path does not exist or an option is wrong when watching starts.
    """
    from watchfiles import DefaultFilter
    from watchfiles import watch as watch_changes

    # watchfiles logs its own English line on Ctrl-C; the CLI says it in the user's language.
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    check_run_paths(paths, out, brand_dir=brand_dir, templates_dir=templates_dir)
    options = RenderOptions(
        out=Path(out).resolve(),
        brand_dir=Path(brand_dir).resolve() if brand_dir else None,
        templates_dir=Path(templates_dir).resolve() if templates_dir else None,
        allow_paths=tuple(Path(p).resolve() for p in allow_paths),
    )

    def run(targets: list[Path], first: bool = False) -> RenderReport | None:
        if on_render:
            on_render(targets)
        clear_caches()
        try:
            return render(
                targets,
                options.out,
                platforms=platforms,
                fmt=fmt,
                jobs=jobs,
                brand_dir=options.brand_dir,
                templates_dir=options.templates_dir,
                x_thread=x_thread,
                images=images,
                allow_paths=options.allow_paths,
                on_result=on_result,
            )
        except HumaskitError as exc:
            if first and isinstance(exc, UsageError):
                raise  # a wrong option (--platform, --format) will not fix itself: stop now
            if on_error:
                on_error(exc)
            return None

    plan = plan_watch(paths, options)
    if plan.releases:
        run(list(plan.releases), first=True)
    ignore = DefaultFilter(
        ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, *_IGNORED_NAMES),
        ignore_paths=(str(options.out),),
    )
    if on_watch:
        on_watch()
    while not (stop_event and stop_event.is_set()):
        roots = plan.roots
        if not roots:
            return
        for changes in watch_changes(
            *roots,
            watch_filter=ignore,
            debounce=debounce_ms,
            stop_event=stop_event,
            raise_interrupt=False,
        ):
            changed = [Path(p) for _change, p in changes]
            try:
                new_plan = plan_watch(paths, options)
            except HumaskitError as exc:
                if on_error:
                    on_error(exc)
                continue
            # The old plan knows what a release read before this change (a photo renamed away).
            chosen = {*affected(changed, new_plan), *affected(changed, plan)}
            targets = [r for r in new_plan.releases if r in chosen]
            plan = new_plan
            if targets:
                run(targets)
            if plan.roots != roots:
                break  # a new folder to watch (a photo elsewhere, a new brand kit): restart
        else:
            return  # stopped (stop_event or Ctrl-C)
