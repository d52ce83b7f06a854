"""``humaskit recap``: a unit's week in one carousel and caption per platform."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image

from conftest import Workspace, invoke_cli
from humaskit.errors import UsageError
from humaskit.model.brand import load_brand
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release
from humaskit.pipeline.manifest import MANIFEST_SCHEMA, manifest_json_schema
from humaskit.pipeline.period import Period, date_range_text, parse_period, parse_week
from humaskit.pipeline.recap_caption import recap_caption
from humaskit.pipeline.textlayers import text_floor
from humaskit.text.counting import count_length

RULES = load_platforms()
WEEK_19 = [
    ("rilis/2024-05-06-rapat.md", "2024-05-06", "Rapat Koordinasi Admin Medsos OPD"),
    ("rilis/2024-05-08-pelatihan.md", "2024-05-08", "Pelatihan Admin Desa Tahap Pertama"),
    ("rilis/sub/2024-05-12-posyandu.md", "2024-05-12", "Posyandu Keliling di Kecamatan Jepon"),
]


@pytest.fixture
def week(workspace: Workspace) -> Workspace:
    """Three dinkominfo releases in 2024-W19, one the week after, one of another unit."""
    workspace.photo()
    for name, day, title in WEEK_19:
        extra = (
            {"image": "../foto/foto.jpg", "image_alt": "Foto", "image_credit": "Dinkominfo"}
            if "rapat" in name
            else {}
        )
        workspace.release(name, date=day, title=title, **extra)
    workspace.release("rilis/2024-05-13-berikutnya.md", date="2024-05-13", title="Pekan Depan")
    workspace.release("rilis/2024-05-07-lain.md", date="2024-05-07", unit="pemkab", title="Lain")
    return workspace


def _manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return data


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2024-W19", "2024w19", " 2024-w19 "])
def test_iso_week_runs_monday_to_sunday(text: str) -> None:
    period = parse_week(text)
    assert (period.start, period.end) == (dt.date(2024, 5, 6), dt.date(2024, 5, 12))
    assert period.week == period.label == "2024-W19"


def test_week_one_may_start_in_the_year_before() -> None:
    assert parse_week("2025-W01").start == dt.date(2024, 12, 30)


@pytest.mark.parametrize("text", ["2024-19", "W19", "2024-W", "2024-W54", "2023-W53", "minggu"])
def test_bad_weeks_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        parse_week(text)


@pytest.mark.parametrize(
    ("week", "start", "end"),
    [
        ("2024-W19", "2024-05-06", None),
        (None, None, None),
        (None, "2024-05-06", None),
        (None, "2024-05-12", "2024-05-06"),
        (None, "2024-02-30", "2024-03-02"),
    ],
)
def test_bad_period_options(week: str | None, start: str | None, end: str | None) -> None:
    with pytest.raises(UsageError):
        parse_period(week, start, end)


def test_a_free_range() -> None:
    period = parse_period(None, "2024-05-01", "2024-05-31")
    assert period == Period(dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    assert period.label == "2024-05-01_2024-05-31"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2024-05-06", "2024-05-12", "6–12 Mei 2024"),
        ("2024-04-29", "2024-05-05", "29 April – 5 Mei 2024"),
        ("2024-12-30", "2025-01-05", "30 Desember 2024 – 5 Januari 2025"),
        ("2024-05-06", "2024-05-06", "6 Mei 2024"),
    ],
)
def test_date_ranges_in_indonesian(start: str, end: str, text: str) -> None:
    assert date_range_text(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == text


# --- the command ------------------------------------------------------------------------------


def test_recap_of_a_week(week: Workspace) -> None:
    out = week.root / "out"
    result = invoke_cli(
        "--lang", "en", "recap", week.root / "rilis", "--unit", "dinkominfo",
        "--week", "2024-W19", "--out", out, "-p", "instagram,x,whatsapp",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = out / "rekap-dinkominfo-2024-w19"
    manifest = _manifest(folder)
    assert manifest["schema"] == MANIFEST_SCHEMA
    jsonschema.validate(manifest, manifest_json_schema())
    assert manifest["unit"] == "dinkominfo" and manifest["kind"] == "rekap"
    assert manifest["period"]["start"] == "2024-05-06" and manifest["period"]["end"] == "2024-05-12"
    assert [r["title"] for r in manifest["releases"]] == [t for _n, _d, t in WEEK_19]
    images = [a for a in manifest["artifacts"] if a["type"] == "image"]
    slides = [a for a in images if a["platform"] == "instagram"]
    assert [a["template"] for a in slides] == ["rekap"] + ["rilis"] * 3 + ["penutup"]
    assert [(a["slide"], a["slides"]) for a in slides] == [(n, 5) for n in range(1, 6)]
    # Platforms without a carousel get the cover at their own sizes.
    singles = {(a["platform"], a["variant"]) for a in images if a["platform"] != "instagram"}
    assert singles == {("x", "post"), ("whatsapp", "status")}
    for artifact in images:
        with Image.open(folder / artifact["path"]) as image:
            assert image.size == (artifact["width"], artifact["height"])
        assert artifact["alt"].strip()
    assert "Kabar Sepekan" in slides[0]["alt"] and "6–12 Mei 2024" in slides[0]["alt"]
    assert "Pelatihan Admin Desa Tahap Pertama" in slides[2]["alt"]
    for artifact in (a for a in manifest["artifacts"] if a["type"] == "caption"):
        text = (folder / artifact["path"]).read_text(encoding="utf-8")
        assert text.endswith("\n")  # the whole file is counted, its final line break too
        assert artifact["length"] == count_length(text, RULES[artifact["platform"]])
        assert artifact["length"] <= artifact["limit"]
    caption = (folder / "instagram/caption.txt").read_text(encoding="utf-8")
    assert caption.startswith("Sepekan Dinkominfo Blora\n6–12 Mei 2024 · 3 kegiatan")
    assert "• Rabu, 8 Mei — Pelatihan Admin Desa Tahap Pertama" in caption
    assert "Pekan Depan" not in caption and "Lain" not in caption
    assert "lapor.go.id" in caption
    assert "*Sepekan Dinkominfo Blora*" in (folder / "whatsapp/caption.txt").read_text("utf-8")


def test_recap_json(week: Workspace) -> None:
    out = week.root / "out"
    result = invoke_cli(
        "recap", week.root / "rilis", "--unit", "dinkominfo", "--from", "2024-05-06",
        "--to", "2024-05-13", "--out", out, "-p", "x", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["releases"] == 4
    assert Path(data["out"]).name == "rekap-dinkominfo-2024-05-06-2024-05-13"


def test_no_release_in_the_week_is_exit_1(week: Workspace) -> None:
    result = invoke_cli(
        "--lang", "en", "recap", week.root / "rilis", "--unit", "dinkominfo",
        "--week", "2024-W30", "--out", week.root / "out",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "no press release dated 22–28 Juli 2024" in result.stderr
    assert not (week.root / "out").exists()


@pytest.mark.parametrize("args", [["--week", "2024-19"], [], ["--from", "2024-05-06"]])
def test_bad_period_is_exit_2(week: Workspace, args: list[str]) -> None:
    result = invoke_cli("recap", week.root / "rilis", "--unit", "dinkominfo", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_unknown_unit_is_reported(week: Workspace) -> None:
    result = invoke_cli(
        "--lang", "en", "recap", week.root / "rilis", "--unit", "dinkomnfo", "--week", "2024-W19"
    )  # fmt: skip
    assert result.exit_code != 0
    assert "dinkominfo" in result.stderr  # the nearest key is suggested


# --- caption fitting --------------------------------------------------------------------------


def test_a_long_week_fits_every_platform(workspace: Workspace) -> None:
    long_title = "Pemkab Blora Menggelar Kegiatan Pelayanan Publik Terpadu di Kecamatan Nomor {n}"
    paths = [
        workspace.release(f"rilis/r{n:02d}.md", date="2024-05-06", title=long_title.format(n=n))
        for n in range(14)
    ]
    releases = [load_release(p) for p in paths]
    brand = load_brand()
    unit = brand.unit("dinkominfo")
    period = parse_week("2024-W19")
    for platform in RULES.values():
        text, length, _tags, given_up = recap_caption(releases, brand, unit, platform, period)
        assert length == count_length(text + "\n", platform) <= platform.caption_limit
        assert text.startswith(("Sepekan Dinkominfo Blora", "*Sepekan Dinkominfo Blora*"))
        assert "lapor.go.id" in text
        if platform.id in ("x", "threads"):
            assert given_up and "kegiatan lainnya" in text
    full, *_ = recap_caption(releases, brand, unit, RULES["facebook"], period)
    assert all(long_title.format(n=n) in full for n in range(14))


def _week_19_images(root: Path, *platforms: str) -> list[dict[str, Any]]:
    """``humaskit recap`` of dinkominfo's 2024-W19 in ``root`` (on ``platforms``, default all):
    the manifest entries of its images."""
    out = root / "out"
    only = ["-p", ",".join(platforms)] if platforms else []
    result = invoke_cli(
        "--lang", "en", "recap", root / "rilis", "--unit", "dinkominfo",
        "--week", "2024-W19", "--out", out, *only,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    manifest = _manifest(out / "rekap-dinkominfo-2024-w19")
    return [a for a in manifest["artifacts"] if a["type"] == "image"]


def test_every_recap_image_keeps_its_text_whole_and_above_the_floor(week: Workspace) -> None:
    problems = []
    for image in _week_19_images(week.root):
        floor = text_floor(image["width"])
        for layer in image["text_layers"]:
            if layer["size"] < floor or layer["truncated"]:
                problems.append((image["path"], layer["layer"], layer["size"], layer["lines"]))
    assert not problems, problems


def test_a_recap_posted_as_one_image_lists_the_week_on_it(week: Workspace) -> None:
    """X, Threads, YouTube, TikTok and WhatsApp post the cover alone: at every size (16:9, 4:5,
    1:1, 9:16) it names each activity of the week, not only how many there were."""
    images = _week_19_images(week.root, "x", "threads", "youtube", "tiktok", "whatsapp")
    assert {(a["width"], a["height"]) for a in images} >= {(1600, 900), (1080, 1350), (1080, 1080)}
    for image in images:
        entries = [t for t in image["text_layers"] if t["layer"].endswith(".entry")]
        shown = " ".join(" ".join(t["lines"]) for t in entries)
        for _name, _day, title in WEEK_19:
            assert title in shown, (image["path"], shown)


def test_a_quote_in_the_week_is_quoted_on_its_slide(workspace: Workspace) -> None:
    """A kutipan release's recap slide is the kutipan card: the quote under the gold mark and
    who said it, not the release's title, and no photo panel (a quote's picture is at most
    the speaker's portrait, never a hero photo credited as "Foto")."""
    workspace.photo()
    workspace.release("rilis/2024-05-06-rapat.md", date="2024-05-06", title="Rapat Koordinasi")
    workspace.release(
        "rilis/2024-05-08-kutipan.md",
        date="2024-05-08",
        kind="kutipan",
        title="Bupati Minta OPD Terbuka",
        image="../foto/foto.jpg",
        image_alt="Foto",
        image_credit="Ilustrasi",
        quote={"text": "Laporkan kerja kita kepada warga.", "by": "Arief Rohman", "role": "Bupati"},
    )
    images = _week_19_images(workspace.root, "instagram")
    (slide,) = [
        a
        for a in images
        if any("Laporkan kerja kita" in " ".join(t["lines"]) for t in a["text_layers"])
    ]
    assert slide["template"] == "kutipan"
    layers = {t["layer"]: " ".join(t["lines"]) for t in slide["text_layers"]}
    assert layers["mark"] == "“"
    assert layers["quote"] == "Laporkan kerja kita kepada warga."
    text = " ".join(layers.values())
    assert "Arief Rohman" in text and "Bupati Minta OPD Terbuka" not in text
    assert "Foto:" not in text


def test_the_cover_headline_repeats_neither_the_header_nor_the_chip(week: Workspace) -> None:
    """The header names the unit and the chip says "Rekap <dates>": the headline is "Kabar
    Sepekan", and a cover that lists the week does not also say "3 kegiatan"."""
    images = _week_19_images(week.root, "instagram", "x", "tiktok", "whatsapp", "youtube")
    covers = [a for a in images if a["template"] == "rekap"]
    assert len(covers) == 5
    for cover in covers:
        layers = {t["layer"]: " ".join(t["lines"]) for t in cover["text_layers"]}
        assert layers["headline"] == "Kabar Sepekan", cover["path"]
        assert "Dinkominfo" not in layers["headline"] and "Rekap" not in layers["headline"]
        listed = any(name.endswith(".entry") for name in layers)
        assert ("summary" in layers) == (not listed), cover["path"]


def test_a_recap_story_keeps_the_photo_clear_of_its_text(week: Workspace) -> None:
    """On 9:16, 4:5 and square the photo is a band ending above the date chip: the chip, the
    headline and the list stand on the solid brand colour (no photo or scrim showing through
    them, the chip inside the panel), down to the foot; the credit ends the footer row, off
    the photo (on it, it landed on a participant)."""
    for image in _week_19_images(week.root, "tiktok", "whatsapp", "threads", "youtube"):
        layers = {t["layer"]: t for t in image["text_layers"]}
        top = layers["kicker"]["box"][1] - image["width"] // 50
        bottom = layers["footer"]["box"][3]
        with Image.open(week.root / "out/rekap-dinkominfo-2024-w19" / image["path"]) as png:
            rgb = png.convert("RGB")
            column = {rgb.getpixel((20, y)) for y in range(top, bottom)}
        assert len(column) == 1, (image["path"], len(column))
        credits = [t["box"] for t in image["text_layers"] if t["layer"] == "credit"]
        footer = layers["footer"]["box"]
        assert len(credits) == 1, image["path"]
        assert all(c[3] == footer[3] and c[0] > footer[2] for c in credits), (credits, footer)


def test_a_recap_release_slide_is_built_like_the_rilis_card(tmp_path: Path) -> None:
    """A kind without its own recap slide (pengumuman, agenda …) gets the rilis card's order:
    the gold chip naming the kind and the date above the title, not a date line under it."""
    import re
    import shutil

    from conftest import EXAMPLES

    shutil.copytree(EXAMPLES, tmp_path / "ws")
    rilis = tmp_path / "ws/rilis"
    for day, name in (
        (10, "2024-05-10-studi-tiru-medsos.md"),
        (11, "2024-07-01-pengumuman-layanan-adminduk.md"),
    ):
        path = rilis / name
        text = re.sub(r"(?m)^date: .*$", f"date: 2024-05-{day}", path.read_text(encoding="utf-8"))
        path.write_text(re.sub(r"(?m)^unit: .*$", "unit: dinkominfo", text), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke_cli(
        "recap", rilis, "--unit", "dinkominfo", "--from", "2024-05-10", "--to", "2024-05-11",
        "--out", out, "-p", "instagram",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (folder,) = out.iterdir()
    images = [a for a in _manifest(folder)["artifacts"] if a["type"] == "image"]
    (slide,) = [a for a in images if a["template"] == "rekap-rilis"]
    layers = {t["layer"]: t for t in slide["text_layers"]}
    assert " ".join(layers["kicker"]["lines"]) == "Pengumuman · Sabtu, 11 Mei 2024"
    assert layers["kicker"]["box"][3] < layers["headline"]["box"][1]
    assert "dateline" not in layers


def test_the_landscape_cover_keeps_the_photo_clear_on_the_right(week: Workspace) -> None:
    """On X the headline, the chip and the list are one left column (the photo's right part
    stays clear), and the headline is not stacked word by word."""
    (image,) = [a for a in _week_19_images(week.root, "x") if a["template"] == "rekap"]
    width = image["width"]
    layers = {t["layer"]: t for t in image["text_layers"]}
    assert len(layers["headline"]["lines"]) <= 2
    column = [t for name, t in layers.items() if name in ("kicker", "headline", "week-more")]
    column += [t for name, t in layers.items() if name.startswith("week.")]
    assert all(t["box"][2] <= 0.62 * width for t in column), [t["box"] for t in column]


def test_the_carousel_cover_previews_the_week_at_the_family_scale(week: Workspace) -> None:
    """The carousel's cover: the headline at about 120 px (not a 170 px poster title out of
    scale with the list), the week's photo as a band above the chip, so no empty pattern is
    left between the header and the chip."""
    (cover,) = [a for a in _week_19_images(week.root, "instagram") if a["template"] == "rekap"]
    layers = {t["layer"]: t for t in cover["text_layers"]}
    assert layers["headline"]["size"] <= 0.12 * cover["width"], layers["headline"]["size"]
    with Image.open(week.root / "out/rekap-dinkominfo-2024-w19" / cover["path"]) as png:
        rgb = png.convert("RGB")
        chip_top = layers["kicker"]["box"][1]
        band = {rgb.getpixel((20, y)) for y in range(chip_top // 2, chip_top - 60)}
    assert len(band) > 1, "no photo above the chip"
