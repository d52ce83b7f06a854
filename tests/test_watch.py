"""``humaskit watch``: which releases a change renders again, and one real watching run."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Workspace, invoke_cli
from humaskit.errors import HumaskitError
from humaskit.pipeline.context import RenderOptions
from humaskit.pipeline.render import ReleaseResult
from humaskit.tools.watch import WatchPlan, affected, plan_watch, watch

CSV = "label,value,unit,target\nWarga dilayani,120,orang,150\nAduan selesai,14,aduan,20\n"


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """Four releases: with a photo, with a CSV, sharing the photo, before/after photos."""
    workspace({"brand/README.txt": "kit\n", "templates/README.txt": "templat\n", "data/b.csv": CSV})
    for name in ("a.jpg", "sebelum.jpg", "sesudah.jpg", "lain.jpg"):
        workspace.photo(f"foto/{name}", size=(800, 600))
    workspace.release("rilis/2024-05-10-a.md", image="../foto/a.jpg")
    workspace.release("rilis/2024-05-11-b.md", kind="kinerja", stats="../data/b.csv")
    workspace.release("rilis/2024-05-12-c.md", image="../foto/a.jpg")
    workspace.release(
        "rilis/2024-05-13-d.md",
        kind="aduan",
        complaint="Jalan berlubang di depan pasar",
        action="Lubang ditambal",
        status="selesai",
        image_before="../foto/sebelum.jpg",
        image_after="../foto/sesudah.jpg",
    )
    return workspace


def _plan(ws: Workspace, **options: object) -> WatchPlan:
    return plan_watch([ws.root / "rilis"], RenderOptions(out=ws.root / "out", **options))  # type: ignore[arg-type]


def _names(paths: list[Path]) -> list[str]:
    return [p.stem.rsplit("-", 1)[-1] for p in paths]


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("rilis/2024-05-10-a.md", ["a"]),
        ("foto/a.jpg", ["a", "c"]),
        ("data/b.csv", ["b"]),
        ("foto/sebelum.jpg", ["d"]),
        ("foto/sesudah.jpg", ["d"]),
        ("brand/brand.yaml", ["a", "b", "c", "d"]),
        ("brand/logo/baru.png", ["a", "b", "c", "d"]),
        ("templates/layouts/rilis.yaml", ["a", "b", "c", "d"]),
        ("foto/lain.jpg", []),
        ("out/2024-05-10-a/manifest.json", []),
        ("catatan.txt", []),
    ],
)
def test_a_change_renders_the_releases_that_read_it(
    ws: Workspace, changed: str, expected: list[str]
) -> None:
    assert _names(affected([ws.root / changed], _plan(ws))) == expected


def test_several_changes_at_once_in_the_plans_order(ws: Workspace) -> None:
    plan = _plan(ws)
    changes = [ws.root / "foto/sesudah.jpg", ws.root / "rilis/2024-05-11-b.md"]
    assert _names(affected(changes, plan)) == ["b", "d"]


def test_relative_and_unresolved_paths_match(ws: Workspace) -> None:
    plan = _plan(ws)
    assert _names(affected([ws.root / "rilis" / ".." / "data" / "b.csv"], plan)) == ["b"]


def test_explicit_brand_and_templates_folders_are_watched(ws: Workspace, tmp_path: Path) -> None:
    kit, layouts = tmp_path / "kit-lain", tmp_path / "templat-lain"
    kit.mkdir()
    layouts.mkdir()
    plan = _plan(ws, brand_dir=kit, templates_dir=layouts)
    everything = ["a", "b", "c", "d"]
    assert _names(affected([kit / "brand.yaml"], plan)) == everything
    assert _names(affected([layouts / "sets.yaml"], plan)) == everything
    assert affected([ws.root / "brand/brand.yaml"], plan) == [], "the workspace kit is not used"
    assert kit.resolve() in plan.roots and layouts.resolve() in plan.roots


def test_a_broken_release_is_still_watched_and_new_ones_are_found(ws: Workspace) -> None:
    broken = ws.root / "rilis/2024-05-14-rusak.md"
    broken.write_text("---\ntitle: [tidak ditutup\n---\nIsi.\n", encoding="utf-8")
    assert _names(affected([broken], _plan(ws))) == ["rusak"]

    fresh = ws.release("rilis/2024-05-15-baru.md")
    assert _names(affected([fresh], _plan(ws))) == ["baru"]


def test_roots_cover_sources_inputs_and_kits_without_nesting(ws: Workspace) -> None:
    roots = {p.relative_to(ws.root.resolve()).as_posix() for p in _plan(ws).roots}
    assert roots == {"rilis", "foto", "data", "brand", "templates"}


def test_watch_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke_cli("--lang", "en", "watch", tmp_path / "tidak-ada", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_watch_with_a_wrong_option_stops_at_once(ws: Workspace) -> None:
    args = ("--lang", "en", "watch", ws.root / "rilis", "--out", ws.root / "out")
    result = invoke_cli(*args, "--platform", "myspace", "--no-images")
    assert result.exit_code == 2
    assert "Unknown platform 'myspace'" in result.stderr


# --- a real watching run ---------------------------------------------------------------------


def _wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watching_renders_on_save_and_survives_a_broken_release(ws: Workspace) -> None:
    shutil.rmtree(ws.root / "brand")  # a real kit needs brand.yaml; the built-in one will do
    results: list[ReleaseResult] = []
    batches: list[list[str]] = []
    errors: list[HumaskitError] = []
    ready, stop = threading.Event(), threading.Event()
    worker = threading.Thread(
        target=watch,
        args=([ws.root / "rilis"], ws.root / "out"),
        kwargs={
            "images": False,
            "jobs": 1,
            "on_render": lambda paths: batches.append(_names(paths)),
            "on_result": results.append,
            "on_error": errors.append,
            "on_watch": ready.set,
            "stop_event": stop,
            "debounce_ms": 100,
        },
        daemon=True,
    )
    worker.start()
    try:
        assert ready.wait(60), "the first render did not finish"
        assert batches == [["a", "b", "c", "d"]]
        assert [r.status for r in results] == ["rendered"] * 4, [r.message for r in results]
        time.sleep(0.3)  # let the watcher settle before the first edit

        source = ws.root / "rilis/2024-05-11-b.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text + "\nParagraf baru.\n", encoding="utf-8")
        assert _wait_for(lambda: len(results) >= 5), "the edit was not rendered"
        assert batches[1] == ["b"]
        assert results[4].status == "rendered" and results[4].source.name == source.name

        source.write_text("---\ntitle: [rusak\n---\n", encoding="utf-8")
        assert _wait_for(lambda: len(results) >= 6), "the broken save was not reported"
        assert results[5].status == "failed" and "2024-05-11-b.md" in results[5].message

        source.write_text(text, encoding="utf-8")
        assert _wait_for(lambda: len(results) >= 7), "the fix was not rendered"
        assert results[6].status == "rendered"
        assert errors == []
    finally:
        stop.set()
        worker.join(15)
    assert not worker.is_alive(), "watch did not stop when asked"
