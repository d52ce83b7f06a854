"""Issue 12, items 8 and 9 for the potensi card on 9:16: the product photo is the hero from the
canvas's top, full bleed and cropped around its `image_focus`, under the app's top zone where no
text goes; no band of pattern letterboxes the card (a designer read the session-12 bands as a
feed post pasted into a story). On the wide cards the header's plate is small and high, so the
name leads."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardkit import SIZES, content, kit, make_photo
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.plan import FillItem, ImageItem, PatternItem, TextItem
from humaskit.model.platforms import ImageSize

STORY = next(s for s in SIZES if (s.width, s.height) == (1080, 1920))
TIKTOK = ImageSize("photo", 1080, 1920, 150, 400, 151, 672, 192)
HIGHLIGHTS = (
    "Menyusuri pematang sawah dan belajar menanam padi bersama petani",
    "Bersepeda di jalan desa menuju tepi hutan jati",
    "Kuliner olahan jagung dan singkong buatan kelompok PKK",
    "Pemandu dari pokdarwis dan karang taruna",
)


@pytest.mark.parametrize("size", [STORY, TIKTOK], ids=["story", "tiktok"])
@pytest.mark.parametrize("highlights", [HIGHLIGHTS, HIGHLIGHTS[:1]], ids=["four", "one"])
def test_the_9_16_photo_opens_the_story_with_no_band_and_no_text_in_the_zones(
    tmp_path: Path, size: ImageSize, highlights: tuple[str, ...]
) -> None:
    photo = make_photo(tmp_path / "desa.jpg", (3000, 2000))
    brand, unit = kit()
    card = content(
        "potensi", photo=photo, photo_focus=(0.3, 0.6), highlights=highlights, contact="Desa"
    )
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("potensi", size)
    (hero,) = [i for i in plan.items if isinstance(i, ImageItem) and i.source == "photo"]
    assert hero.focus == (0.3, 0.6)  # the crop keeps the product's focus
    assert (hero.box.x0, hero.box.y0, hero.box.x1) == (0, 0, size.width)
    assert not [i for i in plan.items if isinstance(i, PatternItem)]  # no letterbox band
    for text in (i for i in plan.items if isinstance(i, TextItem)):
        assert text.box.y0 >= size.safe_top - 0.5, text.layer
        assert text.box.y1 <= size.height - size.safe_bottom + 0.5, text.layer


def test_a_4_5_card_has_no_band() -> None:
    brand, unit = kit()
    feed = next(s for s in SIZES if (s.width, s.height) == (1080, 1350))
    plan = CardRenderer(content("potensi"), brand, unit, sizes=[feed]).plan("potensi", feed)
    assert not {i.layer for i in plan.items} & {"band", "band-pattern", "foot-band"}


WIDE = [s for s in SIZES if s.width > s.height]
EXAMPLE = "Jelajah Sawah dan Hutan Jati 🌾 Desa Bangkleyan Siapkan Paket Wisata Edukasi"


@pytest.mark.parametrize("size", WIDE, ids=lambda s: f"{s.width}x{s.height}")
def test_a_wide_potensi_card_keeps_its_plate_small_so_the_name_leads(
    tmp_path: Path, size: ImageSize
) -> None:
    """The link and X cards set the header's plate small and high (as the rilis link card
    does): the example's 75-character name gets 5 % of the width and more (it had 4.7 %; 5.6 %
    before the POTENSI chip and the highlights' count moved off the photo into the column,
    round 7)."""
    photo = make_photo(tmp_path / "desa.jpg", (3000, 2000))
    brand, unit = kit()
    card = content(
        "potensi", title=EXAMPLE, photo=photo, highlights=HIGHLIGHTS, contact="Kantor Desa"
    )
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("potensi", size)
    texts = {i.layer: i for i in plan.items if isinstance(i, TextItem)}
    assert texts["unit"].box.y1 <= 0.16 * size.height, texts["unit"].box
    headline = texts["headline"]
    assert not headline.truncated and headline.size >= 0.05 * size.width, headline.size
    assert headline.size >= 1.75 * texts["unit"].size


SQUARE = ImageSize("community", 1080, 1080)


def _layers(plan: object) -> dict[str, object]:
    return {i.layer: i for i in plan.items}  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [STORY, TIKTOK, SQUARE], ids=["story", "tiktok", "square"])
@pytest.mark.parametrize("highlights", [HIGHLIGHTS, HIGHLIGHTS[:2]], ids=["four", "two"])
def test_the_potensi_text_stands_as_one_block_under_a_large_photo(
    tmp_path: Path, size: ImageSize, highlights: tuple[str, ...]
) -> None:
    """Round 5 recheck, potensi 1 (and round 5 #5): the 9:16 photo was 32-40 % of the height
    with a 240-300 px gap above the contact, the square's a 30 % band. Now the contact follows
    the rows, the group ends on the rule, the photo takes the rest (at least a third of a
    story, 29 % of a square: round 6, two rows fit under a three-line name there), and the
    kicker's chip stands on the green, not astride the photo's edge."""
    photo = make_photo(tmp_path / "desa.jpg", (3000, 1000))
    brand, unit = kit()
    card = content(
        "potensi", photo=photo, highlights=highlights, contact="Kantor Desa Bangkleyan (contoh)"
    )
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("potensi", size)
    items = _layers(plan)
    hero = next(i for i in plan.items if isinstance(i, ImageItem) and i.source == "photo")
    floor = 0.28 if size.height == size.width else 0.33  # the layout's floor, less a margin
    assert hero.box.height >= floor * size.height, hero.box
    rows = [i for i in plan.items if isinstance(i, TextItem) and i.layer.startswith("highlights[")]
    assert rows
    more = items.get("more")
    last = max([r.box.y1 for r in rows] + ([more.box.y1] if more else []))  # type: ignore[attr-defined]
    contact, rule = items["contact"], items["rule"]
    assert 0 < contact.box.y0 - last <= 0.06 * size.width  # type: ignore[attr-defined]
    assert 0 < rule.box.y0 - contact.box.y1 <= 0.06 * size.width  # type: ignore[attr-defined]
    assert contact.box.x1 <= rule.box.x1 + 0.5  # type: ignore[attr-defined]
    chip = items["chip"]
    assert chip.box.y0 >= hero.box.y1 + 0.03 * size.width  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", WIDE, ids=lambda s: f"{s.width}x{s.height}")
def test_the_wide_potensi_header_stands_on_a_plate(tmp_path: Path, size: ImageSize) -> None:
    """Round 5 #7: on x and link the header's plate was the card's own green (no box)."""
    photo = make_photo(tmp_path / "desa.jpg", (3000, 2000))
    brand, unit = kit()
    card = content("potensi", photo=photo, highlights=HIGHLIGHTS, contact="Kantor Desa")
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("potensi", size)
    items = _layers(plan)
    header = items["header"]
    assert isinstance(header, FillItem) and header.color != plan.background


def test_a_9_16_contact_too_long_for_one_line_breaks_before_its_number(tmp_path: Path) -> None:
    """Round 5 recheck, potensi 4: TikTok's contact ran ragged past the rule; it now wraps on
    the rule's measure, after "(contoh)", with the number whole on the second line."""
    photo = make_photo(tmp_path / "desa.jpg", (3000, 1000))
    brand, unit = kit()
    contact = "Kantor Desa Bangkleyan (contoh) 0800-0000-0000"
    card = content("potensi", photo=photo, highlights=HIGHLIGHTS[:2], contact=contact)
    plan = CardRenderer(card, brand, unit, sizes=[TIKTOK]).plan("potensi", TIKTOK)
    items = _layers(plan)
    line = items["contact"]
    assert isinstance(line, TextItem)
    assert line.box.x1 <= items["rule"].box.x1 + 0.5  # type: ignore[attr-defined]
    assert [t.text for t in line.lines] == ["Kantor Desa Bangkleyan (contoh)", "0800-0000-0000"]


FEED = next(s for s in SIZES if (s.width, s.height) == (1080, 1350))


@pytest.mark.parametrize(
    "highlights",
    [
        (
            "Jalur sepeda hutan jati 12 km",
            "Kuliner sate dan lontong tahu khas Blora",
            "Panorama senja dari bukit pandang",
            "Homestay warga dengan sarapan",
        ),
        HIGHLIGHTS[:3],
        HIGHLIGHTS[:4],
    ],
    ids=["four-short", "three-long", "four-long"],
)
def test_a_4_5_card_with_short_rows_gives_the_photo_the_band_not_a_dead_gap(
    tmp_path: Path, highlights: tuple[str, ...]
) -> None:
    """Round 5, potensi 8 (round 6, potensi 1: still 140 px with four long ones): the rows
    left a dead gap above the contact; now the contact follows the rows as on 9:16, the photo
    takes the height they leave (at least 36 %), the chip stands on the green, and every row
    still shows."""
    photo = make_photo(tmp_path / "desa.jpg", (2400, 1200))
    brand, unit = kit()
    title = "Desa Wisata di Tepi Hutan Jati dengan Panorama Matahari Terbenam"
    card = content("potensi", title=title, photo=photo, highlights=highlights, contact="Desa")
    plan = CardRenderer(card, brand, unit, sizes=[FEED]).plan("potensi", FEED)
    hero = next(i for i in plan.items if isinstance(i, ImageItem) and i.source == "photo")
    assert hero.box.height >= 0.36 * FEED.height - 0.5, hero.box
    assert dict(plan.shown)["highlights"] == len(highlights)
    items = _layers(plan)
    rows = [i for i in plan.items if isinstance(i, TextItem) and i.layer.startswith("highlights[")]
    last = max(r.box.y1 for r in rows)
    assert 0 < items["contact"].box.y0 - last <= 0.06 * FEED.width  # type: ignore[attr-defined]
    assert items["chip"].box.y0 >= hero.box.y1 + 0.03 * FEED.width  # type: ignore[attr-defined]
    # one panel green with rilis and rekap (round 6, potensi 4), not the darker secondary
    rilis = CardRenderer(content("rilis", photo=photo), brand, unit, sizes=[FEED]).plan(
        "rilis", FEED
    )
    assert plan.background == rilis.background


def test_a_square_potensi_card_shows_two_rows_under_a_three_line_name(tmp_path: Path) -> None:
    """Round 6, potensi 5: the square showed one highlight and "+3" with 110 px left free;
    now two rows and "+2", the count at the body size of the rows."""
    photo = make_photo(tmp_path / "desa.jpg", (2400, 1200))
    brand, unit = kit()
    title = "Desa Wisata di Tepi Hutan Jati dengan Panorama Matahari Terbenam"
    highlights = (
        "Jalur sepeda hutan jati 12 km",
        "Kuliner sate dan lontong tahu khas Blora",
        "Panorama senja dari bukit pandang",
        "Homestay warga dengan sarapan",
    )
    card = content("potensi", title=title, photo=photo, highlights=highlights, contact="Desa")
    plan = CardRenderer(card, brand, unit, sizes=[SQUARE]).plan("potensi", SQUARE)
    assert dict(plan.shown)["highlights"] >= 2
    items = _layers(plan)
    rows = [i for i in plan.items if isinstance(i, TextItem) and i.layer.startswith("highlights[")]
    more = items["more"]
    assert isinstance(more, TextItem) and more.lines
    assert more.size >= min(r.size for r in rows) - 0.5
