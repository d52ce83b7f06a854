"""Round 7 of the design review, rilis emoji specimen.

- 🎶 was "dark grey on dark green, nearly invisible". It is Noto Color Emoji's own colour glyph
  (slate-grey notes, a CBDT bitmap, not a monochrome fallback); where under a quarter of an
  emoji's ink reaches 3:1 against the pixels it is pasted on, it now stands on an outline of
  the text's colour. An emoji that stands out is pasted as it is.
- 👨‍👩‍👧‍👦 was "a grey-boxed monochrome tile" beside colour emoji. That is the font's design for
  every family sequence; the card draws the family's members in colour in its one cell instead,
  and says so (``emoji-recomposed``).
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from cardkit import SIZES, content, kit
from humaskit.cards.fonts import FontBook
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.contrast import contrast_ratio

SIZE = 60
GREEN = (14, 90, 67)
WHITE = (255, 255, 255, 255)


@pytest.fixture(scope="module")
def book() -> FontBook:
    brand, _unit = kit()
    return FontBook.shared({r: (f.file, f.weight) for r, f in brand.fonts.items()})


def _white_pixels(book: FontBook, emoji: str) -> int:
    canvas = Image.new("RGB", (3 * SIZE, 2 * SIZE), GREEN)
    book.draw_line(canvas, (10, 1.3 * SIZE), emoji, "body", SIZE, WHITE)
    return sum(1 for p in canvas.get_flattened_data() if min(p) > 235)  # type: ignore[arg-type]


def test_the_notes_are_grey_in_the_font_itself(book: FontBook) -> None:
    tile = book._emoji_tile("🎶")  # the font's own colour bitmap
    solid = [p[:3] for p in tile.get_flattened_data() if p[3] > 200]  # type: ignore[index]
    mean = tuple(sum(c[i] for c in solid) / len(solid) for i in range(3))
    assert max(mean) - min(mean) < 60  # grey, not a hue
    assert contrast_ratio(mean, GREEN) < 3  # under the graphics floor on the brand green


def test_a_dark_emoji_on_dark_ground_stands_on_a_light_outline(book: FontBook) -> None:
    assert _white_pixels(book, "🎶") > 0.02 * SIZE * SIZE  # was none: no white in the glyph


@pytest.mark.parametrize("emoji", ["🇮🇩", "🌱", "👨\u200d👩\u200d👧\u200d👦"])
def test_an_emoji_that_stands_out_is_pasted_as_it_is(book: FontBook, emoji: str) -> None:
    plain = Image.new("RGB", (3 * SIZE, 2 * SIZE), GREEN)
    book.draw_line(plain, (10, 1.3 * SIZE), emoji, "body", SIZE, WHITE)
    tile = book._emoji_tile(emoji)
    # the flag's white half is the font's; only an outline would add white around its edge
    solid = sum(1 for p in tile.get_flattened_data() if p[3] > 200 and min(p[:3]) > 235)  # type: ignore[index]
    scale = (SIZE * 0.95) / tile.height
    assert _white_pixels(book, emoji) <= solid * scale * scale * 1.3 + 10


FAMILY = "👨\u200d👩\u200d👧\u200d👦"


def _saturated_share(tile: Image.Image) -> float:
    """The share of the tile's ink in a clear hue (the faces' yellow, the hair's brown)."""
    ink = [p for p in tile.get_flattened_data() if p[3] > 200]  # type: ignore[index]
    return sum(1 for p in ink if max(p[:3]) - min(p[:3]) > 60) / len(ink)


def test_the_font_draws_a_family_as_a_grey_pictogram(book: FontBook) -> None:
    font = book.font("emoji", 109)
    tile = Image.new("RGBA", (140, 140), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((0, 101), FAMILY, font=font, anchor="ls", embedded_color=True)
    assert _saturated_share(tile) < 0.05


def test_a_family_is_drawn_from_its_members_in_colour_in_one_cell(book: FontBook) -> None:
    assert tuple(run for _e, run in book.runs("Keluarga " + FAMILY, "body")) == (
        "Keluarga ",
        FAMILY,
    )
    assert [run for _e, run in book.runs(FAMILY + "🇮🇩", "body")] == [FAMILY, "🇮🇩"]
    tile = book._emoji_tile(FAMILY)
    assert tile.width == book._emoji_tile("👨").width  # the advance the layout measured
    assert _saturated_share(tile) > 0.3  # (the eyes and the outlines are dark)


def test_a_recomposed_family_is_named_in_a_warning() -> None:
    brand, unit = kit()
    card = CardRenderer(content(title="Keluarga " + FAMILY + " Blora"), brand, unit)
    out = card.render("rilis", SIZES[0])  # type: ignore[arg-type]
    (message,) = [m for code, m in out.warnings if code == "emoji-recomposed"]
    assert FAMILY in message
