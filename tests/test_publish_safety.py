"""Publishing safety: one folder per release whatever --jobs is, and a swap a kill cannot break.

Two releases that share an output folder are refused the same way with ``--jobs 1`` and
``--jobs 2`` (the folder is handed out before any release is dispatched). Publishing a folder
swaps it in one atomic step where the system can (``renameat2``), else with two renames that the
next run repairs: each step is failed with an OS error in-process, and each crash point is hit by
a subprocess that kills itself with SIGKILL there, then the next run must show a complete folder.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, Workspace
from humaskit.errors import RenderError
from humaskit.pipeline import publish
from humaskit.pipeline.manifest import read_manifest
from humaskit.pipeline.publish import holds_exactly, restore_hidden, stage_and_publish, tidy_out
from humaskit.pipeline.render import render

RunCli = Callable[..., CliResult]
SLUG = "2024-05-10-rapat"
HAS_EXCHANGE = publish._RENAMEAT2 is not None


# --- two releases, one folder, --jobs 2 ------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [("rilis/a/rapat.md", "rilis/b/Rapat.md"), ("rilis/a/Rapat.md", "rilis/b/rapat.md")],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_later_of_two_releases_sharing_a_folder_is_refused_with_any_jobs(
    workspace: Workspace, run_cli: RunCli, first: str, second: str, jobs: str
) -> None:
    ws = workspace.root
    workspace.release(first, title="Rapat Pertama", platforms=["x"])
    workspace.release(second, title="Rapat Kedua", platforms=["x"])
    for _run in range(3):  # --force: both are dispatched on every run, never a lucky order
        result = run_cli(
            "render", "rilis", "--out", "out", "--jobs", jobs, "--no-images", "--force",
            cwd=ws, lang="en",
        )  # fmt: skip
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "same output folder" in result.output
        assert first in result.output and second in result.output
        assert f"✗ {second}" in result.output and f"✓ {first}" in result.output
        folder = ws / "out" / SLUG
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["source"] == first
        assert manifest["title"] == "Rapat Pertama"
        assert "Rapat Pertama" in (folder / "x" / "caption.txt").read_text(encoding="utf-8")
        assert [p.name for p in (ws / "out").iterdir()] == [SLUG]


def test_the_release_whose_output_the_folder_holds_keeps_it(
    workspace: Workspace, run_cli: RunCli
) -> None:
    # b/Rapat.md was rendered alone; a/rapat.md, added later and first in order, is refused
    ws = workspace.root
    workspace.release("rilis/b/Rapat.md", title="Rapat Lama", platforms=["x"])
    args = ("render", "rilis", "--out", "out", "--jobs", "2", "--no-images")
    assert run_cli(*args, cwd=ws, lang="en").exit_code == 0
    workspace.release("rilis/a/rapat.md", title="Rapat Baru", platforms=["x"])
    for _run in range(2):
        result = run_cli(*args, "--force", cwd=ws, lang="en")
        assert result.exit_code == 1, result.output
        assert "✗ rilis/a/rapat.md" in result.output and "✓ rilis/b/Rapat.md" in result.output
        manifest = json.loads((ws / "out" / SLUG / "manifest.json").read_text(encoding="utf-8"))
        assert (manifest["source"], manifest["title"]) == ("rilis/b/Rapat.md", "Rapat Lama")


def test_an_unreadable_release_is_not_refused_but_reported(
    workspace: Workspace, run_cli: RunCli
) -> None:
    ws = workspace.root
    workspace.release("rilis/a/rapat.md", platforms=["x"], omit=("title",))
    workspace.release("rilis/b/Rapat.md", platforms=["x"])
    result = run_cli(
        "render", "rilis", "--out", "out", "--jobs", "2", "--no-images", cwd=ws, lang="en"
    )
    assert result.exit_code == 1
    assert "same output folder" not in result.output
    assert "title" in result.output
    assert "✓ rilis/b/Rapat.md" in result.output


# --- the swap, failed step by step -----------------------------------------------------------


def _publish_version(ws: Path, title: str) -> None:
    """Render the one release of ``ws`` with ``title`` into ``ws/out`` (in this process)."""
    Workspace(ws).release("rilis/2024-05-10-rapat.md", title=title, platforms=["x"])
    report = render([ws / "rilis"], ws / "out", images=False, jobs=1)
    assert report.ok, [r.message for r in report.results]


def _visible_title(out: Path) -> str:
    """The title of the complete visible output folder in ``out`` (fails if there is none)."""
    folder = out / SLUG
    manifest = read_manifest(folder)
    assert manifest is not None, f"{folder} is missing or has no manifest"
    assert holds_exactly(folder, manifest), sorted(p.name for p in folder.rglob("*"))
    caption = (folder / "x" / "caption.txt").read_text(encoding="utf-8")
    assert manifest.title in caption
    return manifest.title


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def _use(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Publish with the atomic swap (skipped where the system has none) or with two renames."""
    if mode == "exchange" and not HAS_EXCHANGE:
        pytest.skip("no renameat2 here")
    if mode == "renames":
        monkeypatch.setattr(publish, "_exchange", lambda first, second: False)


@pytest.fixture(params=["exchange", "renames"])
def swap_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test using it runs with both ways of swapping a folder in."""
    _use(request.param, monkeypatch)
    return str(request.param)


def _failing_at(calls: int, real: Callable[..., object]) -> Callable[..., object]:
    """``real``, except that its call number ``calls`` (from 1) fails with an I/O error."""
    count = 0

    def wrapper(*args: object) -> object:
        nonlocal count
        count += 1
        if count == calls:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(*args)

    return wrapper


# The atomic swap is one step; with two renames, step 1 moves the old folder away, step 2 moves
# the new one in.
@pytest.mark.parametrize(("mode", "step"), [("exchange", 1), ("renames", 1), ("renames", 2)])
def test_a_failed_step_of_the_swap_leaves_the_previous_output(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, english: None, mode: str, step: int
) -> None:
    ws = workspace.root
    _publish_version(ws, "Versi Satu")
    _use(mode, monkeypatch)
    if mode == "exchange":
        monkeypatch.setattr(publish, "_exchange", _failing_at(1, publish._exchange))
    else:
        monkeypatch.setattr(publish, "_rename", _failing_at(step, publish._rename))
    Workspace(ws).release("rilis/2024-05-10-rapat.md", title="Versi Dua", platforms=["x"])
    report = render([ws / "rilis"], ws / "out", images=False, jobs=1)
    (result,) = report.results
    assert result.status == "failed"
    assert "Cannot write" in result.message
    assert _visible_title(ws / "out") == "Versi Satu"
    assert _hidden(ws / "out") == []  # the staging folder is removed, the old one put back


def test_a_folder_published_by_another_run_in_between_is_swapped_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, swap_mode: str
) -> None:
    ws = workspace.root
    out = ws / "out"
    _publish_version(ws, "Versi Satu")
    other = out / ".another-run"
    shutil.copytree(out / SLUG, other)
    if swap_mode == "exchange":
        shutil.rmtree(out / SLUG)  # a first publish: the one rename finds the folder taken
    real = publish._rename

    def another_run_first(source: Path, target: Path) -> None:
        if target == out / SLUG and other.exists():
            real(other, target)  # another run publishes the folder just before this one
        real(source, target)

    monkeypatch.setattr(publish, "_rename", another_run_first)
    Workspace(ws).release("rilis/2024-05-10-rapat.md", title="Versi Dua", platforms=["x"])
    report = render([ws / "rilis"], out, images=False, jobs=1, force=True)
    assert report.ok, [r.message for r in report.results]
    assert not other.exists()
    assert _visible_title(out) == "Versi Dua"
    assert _hidden(out) == []


# --- leftovers of a killed publish, repaired -------------------------------------------------


def _hide_as_old(out: Path, pid: int = 4242) -> Path:
    """Leave ``out/SLUG`` as a killed two-rename publish does: moved to ``.SLUG.PID.old``."""
    old = out / f".{SLUG}.{pid}.old"
    (out / SLUG).rename(old)
    return old


def test_a_hidden_previous_output_is_renamed_back(workspace: Workspace) -> None:
    ws = workspace.root
    _publish_version(ws, "Versi Satu")
    _hide_as_old(ws / "out")
    assert restore_hidden(ws / "out" / SLUG)
    assert _visible_title(ws / "out") == "Versi Satu"
    assert not restore_hidden(ws / "out" / SLUG)  # there is one now: nothing to do


def test_an_incomplete_hidden_output_is_not_renamed_back(workspace: Workspace) -> None:
    ws = workspace.root
    _publish_version(ws, "Versi Satu")
    old = _hide_as_old(ws / "out")
    (old / "x" / "caption.txt").unlink()
    assert not restore_hidden(ws / "out" / SLUG)
    assert not (ws / "out" / SLUG).exists()


def test_tidying_restores_a_hidden_output_before_it_removes_stale_folders(
    workspace: Workspace,
) -> None:
    ws = workspace.root
    out = ws / "out"
    _publish_version(ws, "Versi Satu")
    old = _hide_as_old(out)
    broken = out / f".{SLUG}.abc123.partial"
    broken.mkdir()
    hours_ago = time.time() - 2 * 3600
    for path in (old, broken):
        os.utime(path, (hours_ago, hours_ago))
    tidy_out(out)
    assert _visible_title(out) == "Versi Satu"
    assert _hidden(out) == []


def test_a_young_staging_folder_is_left_to_its_run(workspace: Workspace) -> None:
    ws = workspace.root
    _publish_version(ws, "Versi Satu")
    young = ws / "out" / f".{SLUG}.abc123.partial"
    young.mkdir()
    tidy_out(ws / "out")
    assert young.is_dir()


def test_the_next_publish_of_a_folder_renames_its_hidden_output_back_first(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace.root
    out = ws / "out"
    _publish_version(ws, "Versi Satu")
    manifest = read_manifest(out / SLUG)
    assert manifest is not None
    files = {rel: (out / SLUG / rel).read_bytes() for rel in manifest.files}
    _hide_as_old(out)
    # the new folder cannot be moved in: what is left visible is the output renamed back
    monkeypatch.setattr(publish, "_exchange", _failing_at(1, publish._exchange))
    monkeypatch.setattr(publish, "_rename", _failing_at(2, publish._rename))
    with pytest.raises(RenderError):
        stage_and_publish(manifest, files, out)
    assert _visible_title(out) == "Versi Satu"


# --- SIGKILL at each point of a publish, then the next run -----------------------------------

# Runs in a subprocess: patches publish.py so the process kills itself at one point, then
# renders the release. SIGKILL runs no `finally`, exactly like a real kill.
_KILLER = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from pathlib import Path
    from humaskit.pipeline import publish
    from humaskit.pipeline.render import render

    point, ws = sys.argv[1], Path(sys.argv[2])
    mode, _, moment = point.partition(":")
    real_exchange, real_rename = publish._exchange, publish._rename
    real_write = publish.write_output
    real_rmtree = shutil.rmtree

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def exchange(first, second):
        if moment == "before":
            die()
        swapped = real_exchange(first, second)
        if moment == "after":
            die()
        return swapped

    def rename(source, target):
        real_rename(source, target)
        if moment == "old-moved" and target.name.endswith(".old"):
            die()
        if moment == "new-moved" and source.name.endswith(".partial"):
            die()

    def write_output(path, data, **options):
        if moment == "staging" and path.name == "manifest.json":
            die()
        real_write(path, data, **options)

    def rmtree(path, ignore_errors=False):
        files = [p for p in Path(path).rglob("*") if p.is_file()] if Path(path).is_dir() else []
        if moment == "cleanup" and files:
            files[0].unlink()
            die()
        real_rmtree(path, ignore_errors=ignore_errors)

    publish._exchange = (lambda first, second: False) if mode == "renames" else exchange
    publish._rename, publish.write_output, shutil.rmtree = rename, write_output, rmtree
    render([ws / "rilis"], ws / "out", images=False, jobs=1)
    sys.exit(3)  # the point was never reached
    """
)

# point → the title visible right after the kill (None: no visible folder until the next run)
_CRASH_POINTS: dict[str, str | None] = {
    "exchange:staging": "Versi Satu",
    "exchange:before": "Versi Satu",
    "exchange:after": "Versi Dua",
    "exchange:cleanup": "Versi Dua",
    "renames:staging": "Versi Satu",
    "renames:old-moved": None,
    "renames:new-moved": "Versi Dua",
    "renames:cleanup": "Versi Dua",
}


def _killed_at(point: str, ws: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HUMASKIT_DEBUG"}
    process = subprocess.run(
        [sys.executable, "-c", _KILLER, point, str(ws)],
        cwd=ws,
        env={**env, "HUMASKIT_LANG": "en"},
        capture_output=True,
        timeout=120,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()


@pytest.mark.parametrize("point", sorted(_CRASH_POINTS))
def test_a_publish_killed_at_any_point_ends_in_a_complete_folder(
    workspace: Workspace, point: str
) -> None:
    if point.startswith("exchange:") and not HAS_EXCHANGE:
        pytest.skip("no renameat2 here")
    ws = workspace.root
    out = ws / "out"
    _publish_version(ws, "Versi Satu")
    Workspace(ws).release("rilis/2024-05-10-rapat.md", title="Versi Dua", platforms=["x"])
    _killed_at(point, ws)

    visible = _CRASH_POINTS[point]
    if visible is None:
        assert not (out / SLUG).exists()  # the window between the two renames was hit
        visible = "Versi Satu"
    else:
        assert _visible_title(out) == visible
    assert _hidden(out), "a killed publish leaves a hidden folder behind"

    tidy_out(out)  # what the start of the next run does first
    assert _visible_title(out) == visible
    report = render([ws / "rilis"], out, images=False, jobs=1)
    assert report.ok
    assert _visible_title(out) == "Versi Dua"

    # Once the leftovers are an hour old, a run removes them.
    hours_ago = time.time() - 2 * 3600
    for name in _hidden(out):
        os.utime(out / name, (hours_ago, hours_ago))
    render([ws / "rilis"], out, images=False, jobs=1)
    assert _hidden(out) == []
    assert _visible_title(out) == "Versi Dua"


LOOP_ARGS = ("--jobs", "2", "--force", "--no-images")


@pytest.mark.slow  # kills real `humaskit render --jobs 2` batches a few times
def test_renders_killed_at_random_moments_never_hide_a_complete_folder(
    workspace: Workspace,
) -> None:
    ws = workspace.root
    out = ws / "out"
    slugs = []
    for i in range(6):
        workspace.release(f"rilis/2024-05-1{i}-kegiatan.md", date=f"2024-05-1{i}", platforms=["x"])
        slugs.append(f"2024-05-1{i}-kegiatan")
    assert render([ws / "rilis"], out, images=False).ok
    chance = random.Random(11)
    env = {k: v for k, v in os.environ.items() if k != "HUMASKIT_DEBUG"}
    for _run in range(6):
        process = subprocess.Popen(
            [sys.executable, "-m", "humaskit", "render", "rilis", "--out", "out", *LOOP_ARGS],
            cwd=ws,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so the workers die with it
        )
        time.sleep(chance.uniform(0.5, 3.0))
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        time.sleep(0.3)  # the workers' exit settles
        if HAS_EXCHANGE:  # swapped in one step: never missing, even before the next run
            for slug in slugs:
                manifest = read_manifest(out / slug)
                assert manifest is not None and holds_exactly(out / slug, manifest), slug
        tidy_out(out)
        for slug in slugs:
            manifest = read_manifest(out / slug)
            assert manifest is not None and holds_exactly(out / slug, manifest), slug
    assert render([ws / "rilis"], out, images=False).ok


def test_a_staged_file_is_written_once_and_never_over_another(tmp_path: Path) -> None:
    from humaskit.files import write_new

    target = tmp_path / "staging" / "facebook" / "link.png"
    write_new(target, b"one")
    assert target.read_bytes() == b"one"
    assert not [p for p in target.parent.iterdir() if p != target]  # no temporary file left
    with pytest.raises(FileExistsError):
        write_new(target, b"two")
    assert target.read_bytes() == b"one"
