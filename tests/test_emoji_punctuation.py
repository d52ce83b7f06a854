"""Round 6 of the design review, rilis: "bersih 🧹 ," — the comma after an emoji stood 10–12 px
off it, more than a word space, because the emoji kept its tile's blank right side. It now
sits against the emoji as against a letter, measured on drawn pixels."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from cardkit import kit
from humaskit.cards.fonts import FontBook

SIZE = 60
INK = (255, 255, 255, 255)


@pytest.fixture(scope="module")
def book() -> FontBook:
    brand, _unit = kit()
    return FontBook.shared({r: (f.file, f.weight) for r, f in brand.fonts.items()})


def _draw(book: FontBook, text: str) -> Image.Image:
    canvas = Image.new("RGBA", (8 * SIZE, 2 * SIZE), (0, 0, 0, 255))
    book.draw_line(canvas, (10, 1.3 * SIZE), text, "body", SIZE, INK)
    return canvas.convert("RGB")


def _gap(book: FontBook, before: str) -> int:
    """Columns of blank between ``before``'s ink and the comma's, in the comma's rows."""
    alone, with_comma = _draw(book, before), _draw(book, before + ",")
    comma = ImageChops.difference(alone, with_comma).convert("L").point(lambda v: v > 40 and 255)
    x0, y0, _x1, y1 = comma.getbbox() or (0, 0, 0, 0)
    ink = alone.convert("L").point(lambda v: v > 40 and 255).crop((0, y0, x0, y1)).getbbox()
    assert ink is not None, before
    return x0 - ink[2]


@pytest.mark.parametrize("emoji", ["🧹", "🎶", "🇮🇩", "🤝🏽"])
def test_a_comma_sits_against_an_emoji_as_against_a_letter(book: FontBook, emoji: str) -> None:
    letter = _gap(book, "bersih")
    gap = _gap(book, "bersih " + emoji)
    assert 0 <= gap <= letter + 0.06 * SIZE, (emoji, gap, letter)


def test_the_measured_width_is_the_drawn_width(book: FontBook) -> None:
    """Line fitting measures what is drawn: the tuck is in the advance too."""
    plain, tucked = book.advance("🧹 x", "body"), book.advance("🧹, x", "body")
    assert tucked < plain + book.advance(",", "body")
