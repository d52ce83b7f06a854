"""Letters sit where the layout puts them, at the small sizes of labels and body text.

Pillow snaps every glyph to a whole pixel, so at 27–36 px a letter pair's gap could be a pixel
wider than its neighbours' ("PEMERIN TAH", "pendaf taran"). The measure: draw a word with
:meth:`FontBook.draw_line` at several fractions of a pixel, find each letter's ink (the columns
between gaps) and its centre of coverage, and compare with the same word drawn at 16× and scaled
down, the best a renderer can do. Snapped glyphs are off by up to about half a pixel; the text
must stay within a third (a quarter-pixel start and hinting at 4× leave about 0.3).
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from humaskit.cards.fonts import FontBook
from humaskit.model.brand import load_brand

REFERENCE = 16
WORDS = ["PEMERINTAH", "HIMNE", "minum"]
TOLERANCE = 0.35  # px; snapped glyphs were 0.54–0.93 px off here


@pytest.fixture(scope="module")
def book() -> FontBook:
    brand = load_brand()
    return FontBook({r: (f.file, f.weight) for r, f in brand.fonts.items()})


def _centres(image: Image.Image) -> list[float]:
    """The coverage-weighted centre column of each run of inked columns, left to right."""
    width, height = image.size
    data = image.tobytes()
    columns = [sum(data[y * width + x] for y in range(height)) for x in range(width)]
    floor = max(columns) * 0.03
    centres, mass, moment = [], 0, 0
    for x, value in enumerate([*columns, 0]):
        if value > floor:
            mass += value
            moment += value * x
        elif mass:
            centres.append(moment / mass + 0.5)
            mass = moment = 0
    return centres


def _reference(book: FontBook, word: str, role: str, size: int, x: float) -> Image.Image:
    font = book.font(role, size * REFERENCE)
    big = Image.new("L", (size * 8 * REFERENCE, size * 2 * REFERENCE), 0)
    origin = (x * REFERENCE, size * 1.5 * REFERENCE)
    ImageDraw.Draw(big).text(origin, word, font=font, fill=255, anchor="ls")
    return big.reduce(REFERENCE)


@pytest.mark.parametrize("role,size", [("body", 27), ("heading", 28), ("heading", 36)])
@pytest.mark.parametrize("word", WORDS)
def test_letters_are_not_snapped_to_whole_pixels(
    book: FontBook, word: str, role: str, size: int
) -> None:
    worst = 0.0
    for fraction in (0.0, 0.25, 0.5, 0.75):
        x = 10 + fraction
        canvas = Image.new("RGBA", (size * 8, size * 2), (0, 0, 0, 0))
        book.draw_line(canvas, (x, size * 1.5), word, role, size, (255, 255, 255, 255))
        got = _centres(canvas.getchannel("A"))
        want = _centres(_reference(book, word, role, size, x))
        assert len(got) == len(want), (word, fraction, got, want)
        worst = max(worst, *(abs(a - b) for a, b in zip(got, want, strict=True)))
    assert worst <= TOLERANCE, f"{word!r} at {size} px: a letter is {worst:.2f} px off"
