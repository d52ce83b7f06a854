"""The typed manifest: its JSON Schema, and output folders holding exactly what it lists.

Every run (render or recap) stages a job's folder and publishes it whole, so after any re-run,
also one in which a thread, a platform or a recap's release went away, a folder holds exactly
the files its ``manifest.json`` lists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import Workspace, invoke_cli
from humaskit.diagnostics import Diagnostic, Severity
from humaskit.pipeline.manifest import (
    MANIFEST_NAME,
    MANIFEST_VERSION,
    Artifact,
    Manifest,
    TextLayer,
    manifest_json_schema,
    read_manifest,
)
from humaskit.pipeline.render import render

SCHEMA = manifest_json_schema()


def _validate(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    return data


def _assert_exact(folder: Path) -> dict[str, Any]:
    """The folder holds the files its manifest lists and the manifest, nothing else."""
    data = _validate(folder)
    listed = {MANIFEST_NAME}
    for artifact in data["artifacts"]:
        listed.add(artifact["path"])
        if "alt_path" in artifact:
            listed.add(artifact["alt_path"])
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert present == listed, (present - listed, listed - present)
    return data


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["const"] == MANIFEST_VERSION


def test_a_manifest_round_trips() -> None:
    manifest = Manifest(
        source="rilis/a.md",
        slug="2024-05-10-a",
        unit="dinkominfo",
        kind="rilis",
        title="Judul",
        date="2024-05-10",
        humaskit="0",
        inputs_hash="sha256:" + "0" * 64,
        artifacts=[
            Artifact("x", "caption", "x/caption.txt", length=10, limit=280, hashtags=0),
            Artifact(
                "x",
                "image",
                "x/post.png",
                template="rilis",
                variant="post",
                width=1,
                height=1,
                alt="Foto",
                alt_path="x/post.alt.txt",
                text_layers=(TextLayer("title", "heading", 54, (60, 80, 900, 200), ("Judul",)),),
            ),
        ],
        warnings=[Diagnostic("c", "m", Severity.ERROR, field="title", line=3, variant="x/a")],
    )
    data = json.loads(manifest.to_json())
    jsonschema.validate(data, SCHEMA)
    assert data["schema"] == "humaskit.manifest/1" and data["version"] == MANIFEST_VERSION
    assert Manifest.from_dict(data) == manifest


def test_an_older_manifest_is_not_read(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text('{"schema": "humaskit.manifest/1"}', encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_render_folders_hold_exactly_their_manifest_after_a_rerun(workspace: Workspace) -> None:
    workspace.photo()
    path = workspace.release(image="../foto/foto.jpg", image_alt="Foto")
    out = workspace.root / "out"
    first = render([path], out, platforms=["instagram", "x", "facebook"], x_thread=True)
    (result,) = first.results
    assert result.status == "rendered", result.message
    assert result.out_dir is not None
    data = _assert_exact(result.out_dir)
    assert any(a["path"].startswith("x/thread-") for a in data["artifacts"])
    assert any(a["platform"] == "instagram" for a in data["artifacts"])
    # A platform and the thread go away: their files go with them.
    second = render([path], out, platforms=["x", "facebook"])
    assert second.results[0].status == "rendered"
    data = _assert_exact(result.out_dir)
    assert not (result.out_dir / "instagram").exists()
    assert not any("thread" in a["path"] for a in data["artifacts"])
    # A stray file in the folder means it is not unchanged: the next run renders it again.
    (result.out_dir / "x" / "stray.txt").write_text("?", encoding="utf-8")
    third = render([path], out, platforms=["x", "facebook"])
    assert third.results[0].status == "rendered"
    _assert_exact(result.out_dir)
    assert render([path], out, platforms=["x", "facebook"]).results[0].status == "skipped"


def test_a_recap_rerun_after_a_release_went_away_leaves_only_manifest_files(
    workspace: Workspace,
) -> None:
    workspace.photo()
    first = workspace.release("rilis/2024-05-06-rapat.md", date="2024-05-06", title="Rapat")
    workspace.release("rilis/2024-05-08-latihan.md", date="2024-05-08", title="Pelatihan")
    workspace.release("rilis/2024-05-09-posyandu.md", date="2024-05-09", title="Posyandu")
    out = workspace.root / "out"
    args = ("--lang", "en", "recap", workspace.root / "rilis", "--unit", "dinkominfo",
            "--week", "2024-W19", "--out", out, "-p", "instagram,x")  # fmt: skip
    result = invoke_cli(*args)
    assert result.exit_code == 0, result.output
    assert "3 releases →" in result.stderr
    folder = out / "rekap-dinkominfo-2024-w19"
    data = _assert_exact(folder)
    slides = [a for a in data["artifacts"] if a.get("variant") == "carousel"]
    assert len(slides) == 5 and (folder / "instagram" / "carousel-05.png").is_file()

    first.unlink()
    result = invoke_cli(*args)
    assert result.exit_code == 0, result.output
    assert "2 releases →" in result.stderr
    data = _assert_exact(folder)
    assert [r["title"] for r in data["releases"]] == ["Pelatihan", "Posyandu"]
    assert len([a for a in data["artifacts"] if a.get("variant") == "carousel"]) == 4
    assert not (folder / "instagram" / "carousel-05.png").exists()
    assert not (folder / "instagram" / "carousel-05.alt.txt").exists()
    assert not list(out.glob(".*"))  # no staging folder is left


@pytest.mark.parametrize("status", ["rendered", "skipped"])
def test_json_warnings_are_diagnostics(workspace: Workspace, status: str) -> None:
    path = workspace.release(sumary="salah ketik")
    out = workspace.root / "out"
    if status == "skipped":
        render([path], out, images=False, platforms=["x"])
    result = invoke_cli("render", path, "--out", out, "--no-images", "-p", "x", "--json")
    data = json.loads(result.stdout)
    (entry,) = data["releases"]
    assert entry["status"] == status
    (typo,) = [w for w in entry["warnings"] if w["code"] == "unknown-field"]
    assert typo["severity"] == "warning" and typo["field"] == "sumary" and typo["line"] == 5
