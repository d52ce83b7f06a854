"""``humaskit render``: captions and images for every platform, the manifest, skipping, safety."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image

from conftest import EXAMPLES, CliResult, invoke_cli
from humaskit.errors import RenderError
from humaskit.files import write_atomic, write_output
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release
from humaskit.pipeline.images import SKIPPED_VARIANTS
from humaskit.pipeline.manifest import MANIFEST_SCHEMA, manifest_json_schema
from humaskit.text.counting import count_length

RULES = load_platforms()
EXAMPLE_FILES = sorted((EXAMPLES / "rilis").glob("*.md"))
STUDI_TIRU = "2024-05-10-studi-tiru-medsos"
GPS_IFD = 0x8825


def _render(*args: str | Path) -> CliResult:
    result = invoke_cli("--lang", "en", "render", *args)
    assert result.exception is None, repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples rendered once, with images."""
    out = tmp_path_factory.mktemp("render") / "out"
    result = _render(EXAMPLES, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert f"{len(EXAMPLE_FILES)} rendered, 0 unchanged, 0 failed." in result.stderr
    return out


def _slug(path: Path) -> str:
    return path.stem


# --- captions and images of every example ----------------------------------------------------


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=_slug)
def test_caption_for_every_platform_within_its_limit(rendered: Path, source: Path) -> None:
    folder = rendered / source.stem
    manifest = _manifest(folder)
    captions = {a["platform"]: a for a in manifest["artifacts"] if a["type"] == "caption"}
    assert set(captions) == set(RULES)
    for pid, artifact in captions.items():
        assert artifact["path"] == f"{pid}/caption.txt"
        text = (folder / artifact["path"]).read_text(encoding="utf-8")
        assert text.endswith("\n") and text.strip()
        assert artifact["limit"] == RULES[pid].caption_limit
        # the whole file, as a person copies it, final line break included
        assert artifact["length"] == count_length(text, pid)
        assert artifact["length"] <= artifact["limit"]
        assert isinstance(artifact["hashtags"], int)
        assert artifact["hashtags"] <= (RULES[pid].max_hashtags or 30)


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=_slug)
def test_every_image_at_its_exact_size(rendered: Path, source: Path) -> None:
    folder = rendered / source.stem
    images = [a for a in _manifest(folder)["artifacts"] if a["type"] == "image"]
    expected = {
        (pid, size.variant): (size.width, size.height)
        for pid, rule in RULES.items()
        for size in rule.images
        if size.variant not in SKIPPED_VARIANTS
    }
    # A carousel only where it adds slides worth swiping (a kutipan card and its closing slide
    # make none), and then on every platform that takes one.
    made = {(a["platform"], a["variant"]) for a in images}
    carousels = {key for key in expected if key[1] == "carousel"}
    assert made - carousels == set(expected) - carousels
    assert made & carousels in (set(), carousels)
    for artifact in images:
        path = folder / artifact["path"]
        size = expected[(artifact["platform"], artifact["variant"])]
        with Image.open(path) as image:
            assert image.size == size, artifact["path"]
            assert image.format in ("PNG", "JPEG", "WEBP")
            assert image.mode in ("RGB", "RGBA", "L", "P")
        assert (artifact["width"], artifact["height"]) == size
        assert path.suffix.lstrip(".") in ("png", "jpg", "jpeg", "webp")


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=_slug)
def test_manifest_schema(rendered: Path, source: Path) -> None:
    folder = rendered / source.stem
    manifest = _manifest(folder)
    release = load_release(source)
    assert manifest["schema"] == MANIFEST_SCHEMA == "humaskit.manifest/1"
    jsonschema.validate(manifest, manifest_json_schema())
    assert manifest["source"] == f"rilis/{source.name}"
    assert manifest["slug"] == folder.name == source.stem
    assert manifest["unit"] == release.unit
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", manifest["inputs_hash"])
    assert isinstance(manifest["warnings"], list)
    for warning in manifest["warnings"]:
        assert warning["code"] and warning["message"]
    paths = [a["path"] for a in manifest["artifacts"]]
    assert len(paths) == len(set(paths))
    for artifact in manifest["artifacts"]:
        assert artifact["platform"] in RULES
        assert artifact["type"] in ("caption", "image")
        assert (folder / artifact["path"]).is_file()
        if artifact["type"] == "image":
            assert artifact["template"]
            assert isinstance(artifact["alt"], str) and artifact["alt"].strip()
            limit = RULES[artifact["platform"]].alt_text_limit
            assert limit is None or len(artifact["alt"]) <= limit
            alt_file = (folder / artifact["path"]).with_suffix(".alt.txt")
            assert alt_file.read_text(encoding="utf-8").strip() == artifact["alt"]


def test_no_temporary_files_left(rendered: Path) -> None:
    leftovers = [p for p in rendered.rglob("*") if p.name.endswith(".tmp") or ".tmp" in p.suffixes]
    assert leftovers == []


def test_photo_metadata_is_stripped(rendered: Path) -> None:
    with Image.open(EXAMPLES / "foto" / "studi-tiru.jpg") as source:
        assert source.getexif().get_ifd(GPS_IFD), "the example photo should carry GPS to strip"
    images = [p for p in (rendered / STUDI_TIRU).rglob("*") if p.suffix in (".png", ".jpg")]
    assert images
    for path in images:
        with Image.open(path) as image:
            exif = image.getexif()
            assert len(exif) == 0, path
            assert not exif.get_ifd(GPS_IFD)
            assert "exif" not in image.info
            assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info


@pytest.mark.slow  # renders every image of a release as PNG
def test_png_output_has_no_metadata(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = EXAMPLES / "rilis" / f"{STUDI_TIRU}.md"
    result = _render(source, "--out", out, "--format", "png", "-p", "x,instagram", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    pngs = sorted((out / STUDI_TIRU).rglob("*.png"))
    names = {p.relative_to(out / STUDI_TIRU).as_posix() for p in pngs}
    assert {n for n in names if "/carousel-" not in n} == {
        "x/post.png",
        "instagram/feed.png",
        "instagram/story.png",
    }
    assert "instagram/carousel-01.png" in names
    for path in pngs:
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert len(image.getexif()) == 0
            assert "exif" not in image.info
            assert not any(key.lower().startswith(("xml", "gps")) for key in image.info)
        assert b"eXIf" not in path.read_bytes()


# --- skipping, forcing, re-rendering ---------------------------------------------------------


@pytest.fixture
def small_workspace(tmp_path: Path) -> Path:
    """A copy of the example workspace with one release and its photo."""
    root = tmp_path / "ws"
    (root / "rilis").mkdir(parents=True)
    (root / "foto").mkdir()
    shutil.copy2(EXAMPLES / "humaskit.toml", root / "humaskit.toml")
    shutil.copy2(EXAMPLES / "rilis" / f"{STUDI_TIRU}.md", root / "rilis")
    shutil.copy2(EXAMPLES / "foto" / "studi-tiru.jpg", root / "foto")
    return root


def _statuses(result: CliResult) -> list[str]:
    return [r["status"] for r in json.loads(result.stdout)["releases"]]


def test_unchanged_is_skipped_force_and_changes_render_again(
    small_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = (small_workspace, "--out", out, "--no-images", "--json")
    first = _render(*args)
    assert first.exit_code == 0 and _statuses(first) == ["rendered"]
    manifest = out / STUDI_TIRU / "manifest.json"
    hash_1 = _manifest(out / STUDI_TIRU)["inputs_hash"]
    stamp = manifest.stat().st_mtime_ns

    second = _render(*args)
    assert second.exit_code == 0 and _statuses(second) == ["skipped"]
    assert manifest.stat().st_mtime_ns == stamp

    forced = _render(*args, "--force")
    assert _statuses(forced) == ["rendered"]
    assert _manifest(out / STUDI_TIRU)["inputs_hash"] == hash_1

    source = small_workspace / "rilis" / f"{STUDI_TIRU}.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nParagraf tambahan yang baru ditulis.\n",
        encoding="utf-8",
    )
    changed = _render(*args)
    assert _statuses(changed) == ["rendered"]
    assert _manifest(out / STUDI_TIRU)["inputs_hash"] != hash_1
    facebook = (out / STUDI_TIRU / "facebook" / "caption.txt").read_text(encoding="utf-8")
    assert "Paragraf tambahan yang baru ditulis." in facebook

    assert _statuses(_render(*args)) == ["skipped"]
    (small_workspace / "foto" / "studi-tiru.jpg").write_bytes(
        (EXAMPLES / "foto" / "posyandu.jpg").read_bytes()
    )
    assert _statuses(_render(*args)) == ["rendered"], "a changed photo renders again"

    (out / STUDI_TIRU / "x" / "caption.txt").unlink()
    assert _statuses(_render(*args)) == ["rendered"], "a missing output renders again"
    assert (out / STUDI_TIRU / "x" / "caption.txt").is_file()


def test_changed_options_render_again(small_workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = (small_workspace, "--out", out, "--no-images", "--json")
    assert _statuses(_render(*args)) == ["rendered"]
    assert _statuses(_render(*args, "--x-thread")) == ["rendered"]
    assert (out / STUDI_TIRU / "x" / "thread-01.txt").is_file()


def test_output_inside_the_workspace_is_not_read_as_releases(small_workspace: Path) -> None:
    out = small_workspace / "out"
    args = (small_workspace, "--out", out, "--no-images", "--json")
    assert _statuses(_render(*args)) == ["rendered"]
    (out / "catatan.md").write_text("bukan rilis\n", encoding="utf-8")
    assert _statuses(_render(*args)) == ["skipped"]


# --- atomic writes ---------------------------------------------------------------------------


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "caption.txt"
    write_atomic(target, b"lama\n")
    write_atomic(target, b"baru\n")
    assert target.read_bytes() == b"baru\n"
    assert [p.name for p in target.parent.iterdir()] == ["caption.txt"]


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "caption.txt"
    target.write_bytes(b"lama\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"baru yang terpotong")
    assert target.read_bytes() == b"lama\n"
    assert [p.name for p in tmp_path.iterdir()] == ["caption.txt"]
    with pytest.raises(RenderError) as info:
        write_output(target, b"baru")
    assert "caption.txt" in str(info.value)
    assert target.read_bytes() == b"lama\n"
