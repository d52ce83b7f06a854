"""Round 7 of the design review, rilis: 🎶 was "dark grey on dark green, nearly invisible". It is
Noto Color Emoji's own colour glyph (slate-grey notes, a CBDT bitmap, not a monochrome
fallback); where an emoji measures under 3:1 against the pixels it is pasted on, it now stands
on an outline of the text's colour. An emoji that stands out is pasted as it is."""

from __future__ import annotations

import pytest
from PIL import Image

from cardkit import kit
from humaskit.cards.fonts import FontBook
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


@pytest.mark.parametrize("emoji", ["🇮🇩", "🌱"])
def test_an_emoji_that_stands_out_is_pasted_as_it_is(book: FontBook, emoji: str) -> None:
    plain = Image.new("RGB", (3 * SIZE, 2 * SIZE), GREEN)
    book.draw_line(plain, (10, 1.3 * SIZE), emoji, "body", SIZE, WHITE)
    tile = book._emoji_tile(emoji)
    # the flag's white half is the font's; only an outline would add white around its edge
    solid = sum(1 for p in tile.get_flattened_data() if p[3] > 200 and min(p[:3]) > 235)  # type: ignore[index]
    scale = (SIZE * 0.95) / tile.height
    assert _white_pixels(book, emoji) <= solid * scale * scale * 1.3 + 10
