"""Issue 12, point 8 for the photo kinds on 9:16 (rilis, potensi): the photo is the hero, across
the top of the story, with no scrim over it but a light gradient under the header; the text
stands on the solid colour below it, its headline no smaller than on the 4:5 feed card. Read
from the layout plans (boxes and items), without drawing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cardkit import PLAN_COLORS, HalfEmMeasurer, content, kit, make_photo
from humaskit.cards.renderer import CardRenderer, text_items
from humaskit.layout.geometry import Box, Canvas, cover_crop
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import GradientItem, ImageItem, Plan, TextItem
from humaskit.layout.planner import plan_layout
from humaskit.model.platforms import ImageSize, load_platforms

# The example release's title (137 characters) and the longest the README promises (220).
EXAMPLE = (
    "Bupati Blora Ajak Admin Medsos OPD Belajar ke Sumedang dan Jawa Barat agar Kinerja "
    "Pemerintah Tampil Transparan, Informatif, dan Menarik"
)
LONGEST = (
    "Bupati Blora Minta Seluruh OPD, Kecamatan, Desa, dan Kelurahan Kelola Media Sosial Secara "
    "Transparan, Informatif, dan Konsisten agar Kinerja Pemerintah Mudah Dipantau Warga melalui "
    "Laporan Bulanan di Setiap Akun Resminya"
)
SHORT = "Bupati Blora Ajak Admin Medsos OPD Belajar ke Sumedang"
# The 9:16 images of the photo kinds: the story, the status and the TikTok photo.
TALL = [("instagram", "story"), ("whatsapp", "status"), ("tiktok", "photo")]


def _size(platform: str, variant: str) -> ImageSize:
    return load_platforms(None)[platform].image(variant)


def _plan(kind: str, size: ImageSize, photo: Path, **changes: Any) -> Plan:
    brand, unit = kit()
    card = content(kind, photo=photo, photo_focus=(0.5, 0.45), **changes)
    return CardRenderer(card, brand, unit, sizes=[size]).plan(kind, size)


def _photo(plan: Plan) -> ImageItem:
    (photo,) = [i for i in plan.items if isinstance(i, ImageItem) and i.source == "photo"]
    return photo


def _headline(plan: Plan) -> TextItem:
    (headline,) = [i for i in text_items(plan) if i.layer == "headline"]
    return headline


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_photo(tmp_path_factory.mktemp("foto") / "kegiatan.jpg")


@pytest.mark.parametrize(("platform", "variant"), TALL)
@pytest.mark.parametrize("title", [SHORT, EXAMPLE, LONGEST], ids=["short", "example", "longest"])
def test_a_9_16_rilis_gives_the_photo_the_top_of_the_canvas(
    photo: Path, platform: str, variant: str, title: str
) -> None:
    size = _size(platform, variant)
    plan = _plan("rilis", size, photo, title=title)
    box = _photo(plan).box
    assert (box.x0, box.y0, box.x1) == (0, 0, size.width)
    # About 40-50 % for a title of a few lines; a long one takes height, never to a strip.
    least = 0.30 if title == LONGEST else 0.34
    assert least * size.height <= box.height <= 0.6 * size.height, box
    # Every text but the header and the credit's chip stands below the photo, on the surface.
    for item in text_items(plan):
        if item.layer not in ("org", "unit", "credit", "kicker"):
            assert item.box.y0 >= box.y1, (item.layer, item.box)
    # Nothing cut, and the headline is the 4:5 card's size or larger (TikTok's column narrows
    # the measure to x = 864, the family's TikTok column (round 7, rilis N1): a step or two
    # smaller there).
    feed = _headline(_plan("rilis", _size("instagram", "feed"), photo, title=title))
    headline = _headline(plan)
    assert not any(i.truncated for i in text_items(plan))
    assert headline.size >= (0.92 if size.safe_right else 1.0) * feed.size


@pytest.mark.parametrize(("platform", "variant"), TALL)
def test_no_scrim_covers_the_9_16_rilis_photo(photo: Path, platform: str, variant: str) -> None:
    """Only a light gradient under the header, at most 60 % opaque; the rest of the photo clear."""
    size = _size(platform, variant)
    plan = _plan("rilis", size, photo, title=EXAMPLE)
    box = _photo(plan).box
    scrims = [i for i in plan.items if isinstance(i, GradientItem) and i.box.overlaps(box)]
    assert scrims
    for scrim in scrims:
        assert scrim.box.y1 <= 0.25 * size.height, scrim
        assert max(alpha for _pos, alpha in scrim.stops) <= 0.6


@pytest.mark.parametrize("title", [SHORT, LONGEST], ids=["short", "longest"])
def test_the_9_16_rilis_credit_stays_clear_of_tiktoks_column(photo: Path, title: str) -> None:
    """Round 6: at the photo's top right the credit's chip covered a head; it ends the handle's
    line now, as on the feed: off the photo, whole, and left of the action column."""
    size = _size("tiktok", "photo")
    plan = _plan("rilis", size, photo, title=title)
    texts = _texts(plan)
    credit, footer = texts["credit"], texts["footer"]
    assert not credit.truncated and not footer.truncated
    assert credit.box.y0 >= _photo(plan).box.y1
    assert abs(credit.box.y1 - footer.box.y1) < 2 and footer.box.x1 <= credit.box.x0
    assert credit.box.x1 <= size.width - size.safe_right


# --- potensi: the credit inside the margin, the wide cards' highlight count, 9:16 ------------

HIGHLIGHTS = (
    "Menyusuri pematang sawah dan belajar menanam padi bersama petani",
    "Bersepeda di jalan desa menuju tepi hutan jati",
    "Kuliner olahan jagung dan singkong buatan kelompok PKK",
    "Pemandu dari pokdarwis dan karang taruna",
)
POTENSI = {
    "title": "Jelajah Sawah dan Hutan Jati Desa Bangkleyan Siapkan Paket Wisata Edukasi",
    "highlights": HIGHLIGHTS,
    "contact": "Kantor Desa Bangkleyan",
    "photo_credit": "Pemdes Bangkleyan",
    "more_where": "di keterangan",
}
WIDE = [("facebook", "link"), ("linkedin", "link"), ("x", "post")]


def _texts(plan: Plan) -> dict[str, TextItem]:
    return {i.layer: i for i in text_items(plan)}


def _chip(plan: Plan, name: str) -> Box:
    (chip,) = [i.box for i in plan.items if i.layer == name]
    return chip


@pytest.mark.parametrize(("platform", "variant"), [("tiktok", "photo")])
def test_the_potensi_credit_chip_keeps_the_cards_margin(
    photo: Path, platform: str, variant: str
) -> None:
    size = _size(platform, variant)
    plan = _plan("potensi", size, photo, **POTENSI)
    margin = 0.06 * min(size.width, size.height)
    chip = _chip(plan, "credit-chip")
    assert chip.x1 <= size.width - margin + 0.5, chip
    credit = " ".join(line.text for line in _texts(plan)["credit"].lines)
    assert credit == "Foto: Pemdes Bangkleyan"  # whole
    if size.safe_right:  # TikTok: top right, beside the header, above the action column
        assert chip.y1 <= size.safe_right_top
        assert not chip.overlaps(_chip(plan, "header"))


@pytest.mark.parametrize(
    ("platform", "variant"),
    [("youtube", "community"), ("instagram", "story"), ("instagram", "feed")],
)
def test_the_potensi_credit_ends_the_footer_line_off_the_photo(
    photo: Path, platform: str, variant: str
) -> None:
    """Round 5 recheck, potensi 3: the credit's chip sat on the figures' feet; on the square,
    the story and (round 6) the 4:5 feed it ends the footer line, on the green, at the right
    margin."""
    size = _size(platform, variant)
    plan = _plan("potensi", size, photo, **POTENSI)
    texts = _texts(plan)
    credit, footer = texts["credit"], texts["footer"]
    assert credit.lines[0].text == "Foto: Pemdes Bangkleyan" and len(credit.lines) == 1
    assert credit.box.y0 >= _photo(plan).box.y1
    assert abs(credit.lines[0].baseline - footer.lines[0].baseline) < 1
    assert credit.box.x1 == pytest.approx(size.width - 0.06 * min(size.width, size.height), abs=1)
    assert not [i for i in plan.items if i.layer == "credit-chip"]


@pytest.mark.parametrize(("platform", "variant"), WIDE)
def test_a_wide_potensi_card_says_how_many_highlights_and_where(
    photo: Path, platform: str, variant: str
) -> None:
    size = _size(platform, variant)
    plan = _plan("potensi", size, photo, **POTENSI)
    texts = _texts(plan)
    count = texts["count"]
    assert " ".join(line.text for line in count.lines) == "4 keunggulan di keterangan"
    assert count.size >= 0.024 * size.width and not count.truncated
    # In the text column under the contact, beside the POTENSI chip, off the photo (round 7,
    # potensi 6: the chips stacked over the top 45 % of the photo); the credit ends the footer
    # line under the photo.
    (hero,) = [i.box for i in plan.items if i.layer == "hero"]
    assert count.box.x1 <= hero.x0 and count.box.y0 >= texts["contact"].box.y1
    assert not [i for i in plan.items if i.layer in ("count-chip", "credit-chip")]
    assert len(texts["credit"].lines) == 1 and texts["credit"].box.y0 >= hero.y1
    assert all(t.size >= 0.024 * size.width for t in texts.values())


def test_a_wide_potensi_card_without_highlights_counts_none(photo: Path) -> None:
    plan = _plan("potensi", _size("x", "post"), photo, **{**POTENSI, "highlights": ()})
    assert "count" not in _texts(plan)
    assert not [i for i in plan.items if i.layer == "count-chip"]


@pytest.mark.parametrize(("platform", "variant"), TALL)
def test_the_9_16_potensi_photo_is_a_band_not_a_strip(
    photo: Path, platform: str, variant: str
) -> None:
    """The product is the hero: a full-width band of at least 28 % of the height, and every
    text of the card clear of the others (TikTok's lower handle leaves the room for a row)."""
    size = _size(platform, variant)
    plan = _plan("potensi", size, photo, **POTENSI)
    box = _photo(plan).box
    assert box.width == size.width and box.height >= 0.28 * size.height
    texts = list(_texts(plan).values())
    assert any(t.layer.startswith("highlights[") for t in texts)
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not a.box.overlaps(b.box), (a.layer, b.layer)


# --- the layout features these cards use: prefer_height, an image drawn behind -------------


PREFER = """\
layers:
  - id: block
    type: group
    valign: bottom
    box: {left: 0, right: 0, top: 100px, bottom: 0}
    layers:
      - id: headline
        type: text
        text: "{{ title }}"
        size: 40px
        min_size: 10px
        prefer_height: 200px
        prefer_min_size: 30px
        max_lines: 12
        line_height: 1
        box: {left: 0, right: 0, top: 0, bottom: 0}
  - id: photo
    type: image
    behind: true
    box: {left: 0, right: 0, top: 0, above: block}
"""


def _prefer(title: str) -> dict[str, Any]:
    plan = plan_layout(
        parse_layout(PREFER, "prefer.yaml"),
        Canvas(400, 1000),
        values={"title": title},
        colors=PLAN_COLORS,
        measurer=HalfEmMeasurer(),
        available=["photo"],
    )
    return {"order": [i.layer for i in plan.items], **{i.layer: i for i in plan.items}}


def test_a_text_keeps_its_size_in_the_preferred_height() -> None:
    # 400 px at 40 px (20 px a character) hold 20 characters a line: 5 lines, 200 px.
    planned = _prefer(" ".join(["abcdefghi"] * 10))
    headline = planned["headline"]
    assert headline.size == 40 and len(headline.lines) == 5
    # The photo drawn first takes what the text leaves above it.
    assert planned["order"] == ["photo", "headline"]
    assert planned["photo"].box == Box(0, 0, 400, 800)


def test_a_longer_text_takes_more_height_at_the_preferred_floor() -> None:
    # At 30 px (26 characters a line, two words) 14 words take 7 lines, 210 px: more than the
    # 200 px preferred, so the text takes the height it needs at 30 px, rather than growing to
    # 40 px in the whole 900 px, and the photo keeps the rest.
    planned = _prefer(" ".join(["abcdefghi"] * 14))
    headline = planned["headline"]
    assert headline.size == 30
    assert headline.box.height == pytest.approx(210)
    assert planned["photo"].box.y1 == pytest.approx(1000 - 210)


@pytest.mark.parametrize("at", [0.0, 0.3, 0.6, 1.0])
def test_a_crop_puts_the_focus_where_it_is_asked(at: float) -> None:
    # A portrait photo in a wide box: the crop has the height to move.
    x0, y0, x1, y1 = cover_crop((1000, 2000), (1000, 500), (0.5, 0.5), (0.5, at))
    assert (x1 - x0, y1 - y0) == (1000, 500)
    assert (1000 - y0) / (y1 - y0) == pytest.approx(at)
    # Near an edge the photo's edge wins, and the focus point stays inside.
    x0, y0, x1, y1 = cover_crop((1000, 2000), (1000, 500), (0.5, 0.1), (0.5, at))
    assert y0 == 0 if at >= 0.4 else y0 == pytest.approx(200 - 500 * at)
    assert y0 <= 200 <= y1


def test_the_9_16_rilis_photo_sets_its_focus_below_the_header(photo: Path) -> None:
    plan = _plan("rilis", _size("instagram", "story"), photo, title=EXAMPLE)
    item = _photo(plan)
    assert item.focus == (0.5, 0.45)  # the release's own point, kept
    (header,) = [i.box for i in plan.items if i.layer == "header"]
    # Where the crop puts the focus point lies below the header's badge.
    assert item.box.y0 + item.focus_at[1] * item.box.height > header.y1


@pytest.mark.parametrize(
    ("platform", "variant"), [("instagram", "feed"), ("instagram", "story"), ("tiktok", "photo")]
)
def test_the_longest_rilis_title_leaves_a_photo_of_40_percent_with_nothing_on_its_people(
    photo: Path, platform: str, variant: str
) -> None:
    """Round 5, rilis 2: with the longest title the photo became a 380-430 px strip with the
    credit chip on a person and the date chip on their feet. Now the photo keeps 40 % of the
    height, the date chip stands on the green under it, and the credit is in the footer (on
    TikTok too since round 6: under the header its chip covered a head)."""
    size = _size(platform, variant)
    plan = _plan("rilis", size, photo, title=LONGEST)
    box = _photo(plan).box
    assert box.height >= 0.40 * size.height, box
    texts = _texts(plan)
    (chip,) = [i.box for i in plan.items if i.layer == "chip"]
    assert chip.y0 >= box.y1 + 0.03 * size.width
    credit = texts["credit"]
    assert credit.box.y0 >= box.y1 and abs(credit.box.y1 - texts["footer"].box.y1) < 2
    assert not any(t.truncated for t in texts.values())


def test_the_rilis_feed_scrim_starts_at_the_date_chip_not_mid_photo(photo: Path) -> None:
    """Round 5, rilis 8: the scrim's fade began far above the date chip and dimmed the
    participants; now it begins just above the chip."""
    size = _size("instagram", "feed")
    plan = _plan("rilis", size, photo, title=SHORT)
    (chip,) = [i.box for i in plan.items if i.layer == "chip"]
    scrims = [i for i in plan.items if isinstance(i, GradientItem) and i.layer.startswith("scrim")]
    assert scrims
    # Round 6: from the chip's top itself (it began 4s above it and dimmed the front row).
    assert min(s.box.y0 for s in scrims) >= chip.y0 - 1


def test_a_square_rilis_with_the_longest_title_keeps_45_percent_photo(photo: Path) -> None:
    """Round 6: the square card's 34 % strip cut every figure at the chest; its photo keeps 45 %
    now and the 220 characters are set whole, smaller, under it."""
    size = _size("youtube", "community")
    plan = _plan("rilis", size, photo, title=LONGEST)
    assert _photo(plan).box.height >= 0.45 * size.height, _photo(plan).box
    assert not any(i.truncated for i in text_items(plan))
    assert _headline(plan).size >= round(0.024 * size.width)
