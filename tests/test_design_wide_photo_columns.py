"""The photo cards' columns (round 7 of the design review).

- rilis and potensi link and X cards: the photo column carries no text. Its credit ends the
  footer line under it, as on the feed and TikTok (it was a two-line chip on the photo's sky);
  on potensi the POTENSI chip and the highlights' count stand in the text column under the
  contact (they stacked over the top 45 % of the photo).
- rilis on TikTok: the text column stops where every other kind's does, a margin short of the
  action column (x = 864 on 1080; the headline ran to x = 914).
- rilis without a photo on 4:5: the text block grows into the height (a 196 px band of pattern
  lay under the header).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardkit import SIZES, content, kit, make_photo
from humaskit.cards.renderer import CardRenderer, text_items
from humaskit.layout.plan import ImageItem, TextItem
from humaskit.model.platforms import ImageSize, load_platforms

WIDE = [size for size in SIZES if size.width > size.height]
FEED = next(s for s in SIZES if (s.width, s.height) == (1080, 1350))
HIGHLIGHTS = ["Trekking hutan jati", "Camping ground", "Kuliner desa", "Spot matahari terbenam"]


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_photo(tmp_path_factory.mktemp("photo") / "foto.png", (2400, 1200))


def _plan(kind: str, layout: str, size: ImageSize, **changes: object) -> list[object]:
    brand, unit = kit()
    card = CardRenderer(content(kind, **changes), brand, unit, sizes=[size])
    return list(card.plan(layout, size).items)


@pytest.mark.parametrize("size", WIDE, ids=lambda s: s.variant)
@pytest.mark.parametrize("kind", ["rilis", "potensi"])
def test_no_text_stands_on_the_wide_cards_photo(kind: str, size: ImageSize, photo: Path) -> None:
    extra: dict[str, object] = {"highlights": HIGHLIGHTS, "contact": "Pokdarwis desa"}
    layout = "rilis-landscape" if kind == "rilis" else "potensi"
    items = _plan(kind, layout, size, photo=photo, **(extra if kind == "potensi" else {}))
    (image,) = [i for i in items if isinstance(i, ImageItem) and i.layer == "photo"]
    texts = {i.layer: i for i in items if isinstance(i, TextItem)}
    for text in texts.values():
        clear = text.box.x1 <= image.box.x0 + 0.5 or text.box.y0 >= image.box.y1 - 0.5
        assert clear, (text.layer, text.box, image.box)
    credit, footer = texts["credit"], texts["footer"]
    assert credit.lines[0].text.startswith("Foto: ") and len(credit.lines) == 1
    assert credit.box.x1 > image.box.x0 and credit.box.y0 >= image.box.y1
    assert abs(credit.lines[0].baseline - footer.lines[0].baseline) < 1
    if kind == "potensi":
        # the count under the contact, beside the POTENSI chip, in the text column
        count, contact, kicker = texts["count"], texts["contact"], texts["kicker"]
        assert count.lines[0].text.startswith("4 keunggulan") and not count.truncated
        assert count.box.y0 >= contact.box.y1 and kicker.box.y0 >= contact.box.y1
        assert kicker.box.x1 <= count.box.x0 and count.box.x1 <= image.box.x0


def test_the_rilis_tiktok_column_stops_where_the_familys_does(photo: Path) -> None:
    size = load_platforms(None)["tiktok"].image("photo")
    edge = size.width - size.safe_right - 0.06 * size.width + 0.5  # 864 on 1080
    brand, unit = kit()
    for title in ("Bupati Ajak Admin Medsos OPD Studi Tiru ke Sumedang dan Jawa Barat", "A" * 8):
        card = CardRenderer(content("rilis", title=title, photo=photo), brand, unit, sizes=[size])
        plan = card.plan("rilis", size)
        for item in text_items(plan):
            assert item.box.x1 <= edge, (item.layer, item.box)
        (rule,) = [i for i in plan.items if i.layer == "rule"]
        assert rule.box.x1 <= edge, rule.box


TITLE = "Keluarga 👨‍👩‍👧‍👦 Blora Rayakan HUT RI ke-79 🇮🇩 dengan Lomba Kampung Bersih ♻️🌱"
SUMMARY = (
    "Warga Kecamatan Cepu merayakan HUT RI ke-79 🇮🇩 dengan lomba kampung bersih 🧹, "
    "panggung hiburan 🎶, dan kerja bakti 🤝🏽 bersama perangkat desa."
)


def test_a_photo_less_story_grows_without_squeezing_its_summary() -> None:
    """Grown as a whole, the story's headline took a sixth line and its summary shrank from
    45 px to 32 to fit under it: a grown block sets no text smaller than at its own size."""
    story = next(s for s in SIZES if s.variant == "story")
    items = _plan("rilis", "rilis", story, photo=None, title=TITLE, summary=SUMMARY)
    texts = {i.layer: i for i in items if isinstance(i, TextItem)}
    assert texts["summary"].size >= round(0.022 * 1080 + 0.011 * 1920)  # its own 2.2w + 1.1h
    assert texts["headline"].size > 91  # larger than the 4:5 card's


def test_a_photo_less_feed_card_leaves_no_band_of_pattern() -> None:
    items = _plan("rilis", "rilis", FEED, photo=None, title=TITLE, summary=SUMMARY)
    boxes = {i.layer: i.box for i in items if i.layer in ("header", "chip", "rule")}
    texts = {i.layer: i for i in items if isinstance(i, TextItem)}
    assert "summary" in texts and not any(t.truncated for t in texts.values())
    # under 20 % of the height's dead zone, and near a 4u gap at each end (it was 196 px)
    assert boxes["chip"].y0 - boxes["header"].y1 <= 0.1 * FEED.height, boxes
    assert boxes["rule"].y0 - texts["summary"].box.y1 <= 0.1 * FEED.height
