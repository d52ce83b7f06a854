"""A run in one process publishes each release on a thread of its own while the next is drawn.

The promise: the folders, their bytes and the order of the results are those of publishing each
release in turn; a release whose folder cannot be written, or whose image cannot be encoded,
fails alone and is reported in its place; no staging folder is left behind.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import Workspace
from humaskit.cards import imaging
from humaskit.pipeline import publish
from humaskit.pipeline.manifest import read_manifest
from humaskit.pipeline.publish import holds_exactly
from humaskit.pipeline.release_job import ReleaseResult
from humaskit.pipeline.render import render

DATES = ["2024-05-10", "2024-05-11", "2024-05-12", "2024-05-13"]


def _batch(root: Path) -> Path:
    ws = Workspace(root)
    for i, day in enumerate(DATES):
        ws.release(f"rilis/{day}-rapat-{i}.md", title=f"Rapat koordinasi ke-{i + 1}", date=day)
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def test_results_come_in_order_and_the_folders_are_those_of_a_pool(tmp_path: Path) -> None:
    ws = _batch(tmp_path / "ws")
    seen: list[ReleaseResult] = []
    one = render([ws / "rilis"], ws / "one", platforms=["x"], jobs=1, on_result=seen.append)
    assert [r.status for r in one.results] == ["rendered"] * len(DATES)
    assert [r.source.name for r in seen] == sorted(p.name for p in (ws / "rilis").iterdir())
    pooled = render([ws / "rilis"], ws / "two", platforms=["x"], jobs=2)
    assert pooled.ok
    for result in one.results:
        assert result.out_dir is not None and result.manifest is not None
        assert holds_exactly(result.out_dir, result.manifest)
        other = ws / "two" / result.out_dir.name
        assert _files(result.out_dir) == _files(other)  # images, alt texts, captions: same bytes
    assert _hidden(ws / "one") == []


def test_a_folder_that_cannot_be_published_fails_alone_in_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    ws = _batch(tmp_path / "ws")
    real = publish._publish
    broken = f"{DATES[1]}-rapat-1"

    def failing(staging: Path, out_dir: Path) -> None:
        if out_dir.name == broken:
            raise publish._write_error(out_dir, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        real(staging, out_dir)

    monkeypatch.setattr(publish, "_publish", failing)
    seen: list[str] = []
    report = render(
        [ws / "rilis"], ws / "out", platforms=["x"], on_result=lambda r: seen.append(r.status)
    )
    assert seen == ["rendered", "failed", "rendered", "rendered"]
    assert [r.status for r in report.results] == seen
    assert broken in report.results[1].message
    assert not (ws / "out" / broken).exists()
    for result in (report.results[0], *report.results[2:]):
        assert result.out_dir is not None
        assert read_manifest(result.out_dir) is not None
    assert _hidden(ws / "out") == []


def test_an_image_that_cannot_be_encoded_fails_its_release_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    ws = _batch(tmp_path / "ws")
    real = imaging.encode
    calls = {"n": 0}

    def failing(image: object, fmt: str) -> tuple[bytes, str]:
        calls["n"] += 1
        if calls["n"] == 3:  # the third image drawn
            raise MemoryError("no memory for the encoder")
        return real(image, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(imaging, "encode", failing)
    report = render([ws / "rilis"], ws / "out", platforms=["x"])
    statuses = [r.status for r in report.results]
    assert statuses.count("failed") == 1, statuses
    (bad,) = [r for r in report.results if r.status == "failed"]
    assert "MemoryError" in bad.message
    assert bad.out_dir is None
    assert _hidden(ws / "out") == []
