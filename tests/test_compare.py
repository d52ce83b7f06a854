"""compare: the perceptual image difference, pairing by path, the report and the exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import CliResult, Workspace
from humaskit.cards.imagediff import diff_images
from humaskit.errors import UsageError
from humaskit.pipeline.render import render
from humaskit.resources import builtin_templates_dir
from humaskit.tools.compare import compare

RunCli = Callable[..., CliResult]


def _card(path: Path, text_box: tuple[int, int, int, int] | None = None, shade: int = 0) -> Path:
    image = Image.new("RGB", (200, 120), (30 + shade, 90, 60))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 90, 90), fill=(240, 200, 40))
    if text_box:
        draw.rectangle(text_box, fill=(255, 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


# --- the pixel difference ---------------------------------------------------------------------


def test_identical_images_do_not_differ(tmp_path: Path) -> None:
    a, b = _card(tmp_path / "a.png"), _card(tmp_path / "b.png")
    result = diff_images(a, b, tmp_path / "diff.png")
    assert (result.different, result.ratio, result.resized) == (0, 0.0, False)
    assert (tmp_path / "diff.png").is_file()


def test_a_changed_area_is_counted_and_painted_red(tmp_path: Path) -> None:
    a = _card(tmp_path / "a.png")
    b = _card(tmp_path / "b.png", text_box=(120, 40, 159, 59))
    result = diff_images(a, b, tmp_path / "diff.png")
    # the 40×20 box differs; a few of its edge pixels may be taken for anti-aliasing
    assert 700 <= result.different <= 800
    with Image.open(tmp_path / "diff.png") as diff:
        assert diff.getpixel((140, 50)) == (230, 30, 30)
        assert diff.getpixel((5, 5)) != (230, 30, 30)


def test_a_colour_shift_below_the_colour_threshold_is_ignored(tmp_path: Path) -> None:
    a = _card(tmp_path / "a.png")
    b = _card(tmp_path / "b.png", shade=2)
    assert diff_images(a, b).different == 0
    assert diff_images(a, b, color_threshold=0.0).different > 0


def test_a_resized_image_differs_entirely(tmp_path: Path) -> None:
    a = _card(tmp_path / "a.png")
    b = tmp_path / "b.png"
    Image.new("RGB", (100, 60)).save(b)
    result = diff_images(a, b, tmp_path / "diff.png")
    assert result.resized and result.ratio == 1.0


def test_anti_aliasing_noise_is_not_a_difference(tmp_path: Path) -> None:
    # The same box drawn a quarter pixel apart (4× supersampled): only its edge pixels change
    # shade, as anti-aliasing does.
    def box(path: Path, dx: int) -> Path:
        big = Image.new("RGB", (800, 480), (255, 255, 255))
        ImageDraw.Draw(big).rectangle((202 + dx, 82, 601 + dx, 401), fill=(20, 20, 20))
        big.resize((200, 120), Image.Resampling.BOX).save(path)
        return path

    a, b = box(tmp_path / "a.png", 0), box(tmp_path / "b.png", 1)
    result = diff_images(a, b)
    assert result.antialiased > 0
    assert result.different == 0


# --- comparing folders ------------------------------------------------------------------------


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    base, new = tmp_path / "base", tmp_path / "new"
    for root in (base, new):
        _card(root / "r1" / "instagram" / "feed.png")
        (root / "r1" / "instagram" / "caption.txt").write_text("Halo Blora\n", encoding="utf-8")
        (root / "r1" / "manifest.json").write_text(json.dumps({"n": str(root)}), encoding="utf-8")
    return base, new


def test_unchanged_folders_pass(two_folders: tuple[Path, Path], tmp_path: Path) -> None:
    result = compare(*two_folders, report_dir=tmp_path / "report")
    assert result.ok
    assert result.count("same") == 2  # the image and the caption; manifests are not compared
    assert (tmp_path / "report" / "index.html").is_file()


def test_added_and_missing_images_fail(two_folders: tuple[Path, Path], run_cli: RunCli) -> None:
    base, new = two_folders
    shutil.move(new / "r1" / "instagram" / "feed.png", new / "r1" / "instagram" / "story.png")
    result = run_cli("compare", base, new, "--report", base.parent / "rep", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    statuses = {d["path"]: d["status"] for d in data["differences"]}
    assert statuses == {"r1/instagram/feed.png": "missing", "r1/instagram/story.png": "added"}
    assert (base.parent / "rep" / "base" / "r1" / "instagram" / "feed.png").is_file()


def test_a_changed_caption_fails(two_folders: tuple[Path, Path], tmp_path: Path) -> None:
    base, new = two_folders
    (new / "r1" / "instagram" / "caption.txt").write_text("Halo Cepu\n", encoding="utf-8")
    result = compare(base, new, report_dir=tmp_path / "report")
    assert not result.ok
    [pair] = [p for p in result.pairs if p.status != "same"]
    assert pair.kind == "text" and "+Halo Cepu" in pair.text_diff
    assert "+Halo Cepu" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")


def test_the_threshold_lets_small_changes_pass(two_folders: tuple[Path, Path]) -> None:
    base, new = two_folders
    _card(new / "r1" / "instagram" / "feed.png", text_box=(120, 40, 129, 49))  # 100 px of 24,000
    assert not compare(base, new).ok
    assert compare(base, new, threshold=0.01).ok


def test_a_missing_folder_is_a_usage_error(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "base").mkdir()
    with pytest.raises(UsageError):
        compare(tmp_path / "base", tmp_path / "nope")
    result = run_cli("--lang", "en", "compare", tmp_path / "base", tmp_path / "nope")
    assert result.exit_code == 2
    assert "nope" in result.stderr and "does not exist" in result.stderr


def test_a_threshold_outside_0_to_1_is_a_usage_error(
    two_folders: tuple[Path, Path], run_cli: RunCli
) -> None:
    result = run_cli("compare", *two_folders, "--threshold", "5", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["error"] == "UsageError"


def test_a_foreign_report_folder_is_not_cleared(
    two_folders: tuple[Path, Path], tmp_path: Path
) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError):
        compare(*two_folders, report_dir=foreign)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"


# --- the CI use: a one-word change in a template ----------------------------------------------


def test_compare_catches_a_one_word_layout_change_and_passes_a_rerun(
    workspace: Workspace, tmp_path: Path, run_cli: RunCli
) -> None:
    workspace.photo("foto/kegiatan.jpg")
    release = workspace.release(
        image="../foto/kegiatan.jpg", image_alt="Suasana rapat", image_credit="Dinkominfo Blora"
    )
    changed = tmp_path / "templates-changed"
    (changed / "layouts").mkdir(parents=True)
    # The X card's layout (templates/sets.yaml maps x.post to the landscape variant).
    name = "rilis-landscape.yaml"
    layout = (builtin_templates_dir() / "layouts" / name).read_text(encoding="utf-8")
    assert "'Foto: '" in layout
    (changed / "layouts" / name).write_text(
        layout.replace("'Foto: '", "'Fotografer: '"), encoding="utf-8"
    )
    base, rerun, new = tmp_path / "base", tmp_path / "rerun", tmp_path / "new"
    assert render([release], base, platforms=["x"]).ok
    assert render([release], rerun, platforms=["x"], force=True).ok
    assert render([release], new, platforms=["x"], templates_dir=changed).ok

    same = run_cli("compare", base, rerun, "--report", tmp_path / "rep-same", "--json")
    assert same.exit_code == 0, same.output
    assert json.loads(same.stdout)["ok"] is True

    result = run_cli("compare", base, new, "--report", tmp_path / "rep", "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    images = [d for d in data["differences"] if d["kind"] == "image"]
    assert [d["path"].rsplit("/", 2)[-2:] for d in images] == [["x", "post.jpg"]]
    assert images[0]["pixels"] > 0
    assert (tmp_path / "rep" / images[0]["diff"]).is_file()
    assert (tmp_path / "rep" / "index.html").is_file()
    # the caption did not change; only the card's credit line (and its alt text) did
    assert not any(d["path"].endswith("caption.txt") for d in data["differences"])
