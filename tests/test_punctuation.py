"""Commas and full stops sit against the word before them in every weight the kit uses.

The measure: draw "bekerja,", "warganya." and "1,2" large, find the ink columns, and compare the
gap before (and in "1,2" after) the mark with the gaps between the letters of the same word (for
"1,2": the gap in "12"). That proportion must stay close to the one the typeface has at its
Regular weight, whose punctuation spacing is the designer's reference. The old setup (the
variable font with its weight set through Pillow) fails it at 800: there the comma stands almost
twice as far from the letter as the letters from each other ("bekerja ,").

Also here: the static instances a brand kit's variable font is cut into (cached on disk once,
found again without reading the font) and the bundled static files matching that cut.
"""

from __future__ import annotations

import io
import itertools
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from humaskit.cards import instances
from humaskit.cards.fonts import FontBook
from humaskit.cards.instances import instance_file, static_instance
from humaskit.cards.textmask import SUPERSAMPLE
from humaskit.model.brand import load_brand
from humaskit.resources import builtin_brand_dir

SIZE = 200
VARIABLE = builtin_brand_dir() / "fonts" / "PlusJakartaSans-Variable.ttf"
EMOJI = (builtin_brand_dir() / "fonts" / "NotoColorEmoji.ttf", None)
# (text with the mark, what the mark's gaps are compared with)
CASES = [("bekerja,", "bekerja"), ("warganya.", "warganya"), ("1,2", "12")]
# The mark's gap over the letters' gap, as a share of the same proportion at Regular: how much
# looser a mark may stand (it must not read as a space) and how much tighter (it must not touch).
LOOSER, TIGHTER = 1.12, 0.80

Draw = Callable[[Image.Image, str], None]


def _ink_runs(draw: Draw, text: str) -> list[tuple[int, int]]:
    """Column spans [start, end) with ink, left to right, of ``text`` drawn at SIZE px."""
    canvas = Image.new("RGBA", (SIZE * (len(text) + 1), SIZE * 2), (0, 0, 0, 0))
    draw(canvas, text)
    inked = canvas.getchannel("A").point(lambda v: 255 if v > 127 else 0)
    columns = [bool(c) for c in inked.getprojection()[0]]
    runs, start = [], None
    for x, ink in enumerate([*columns, False]):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _gaps(runs: list[tuple[int, int]]) -> list[int]:
    return [b[0] - a[1] for a, b in itertools.pairwise(runs)]


def _proportions(draw: Draw, text: str, plain: str) -> list[float]:
    """Each gap beside the mark over the median gap between the letters of ``plain``."""
    letters = statistics.median(_gaps(_ink_runs(draw, plain)))
    gaps = _gaps(_ink_runs(draw, text))
    beside = gaps[-1:] if text[-1] in ",." else gaps  # "1,2": before and after the comma
    return [gap / letters for gap in beside]


def _pillow(font: ImageFont.FreeTypeFont) -> Draw:
    """Plain Pillow drawing of ``font`` (loaded at SIZE × SUPERSAMPLE), at 4× and scaled down
    as humaskit draws text, so that both sides are measured alike."""

    def draw(canvas: Image.Image, text: str) -> None:
        big = Image.new("L", (canvas.width * SUPERSAMPLE, canvas.height * SUPERSAMPLE), 0)
        origin = (SIZE // 2 * SUPERSAMPLE, SIZE * 3 // 2 * SUPERSAMPLE)
        ImageDraw.Draw(big).text(origin, text, font=font, fill=255, anchor="ls")
        canvas.paste((255, 255, 255, 255), (0, 0), big.reduce(SUPERSAMPLE))

    return draw


def _fontbook(book: FontBook, role: str) -> Draw:
    def draw(canvas: Image.Image, text: str) -> None:
        book.draw_line(canvas, (SIZE // 2, SIZE * 3 // 2), text, role, SIZE, (255, 255, 255, 255))

    return draw


def _regular() -> Draw:
    return _pillow(
        ImageFont.truetype(str(VARIABLE), SIZE * SUPERSAMPLE, layout_engine=ImageFont.Layout.RAQM)
    )


@cache
def _cut(weight: int) -> bytes:
    return static_instance(VARIABLE.read_bytes(), weight)


def _misplaced(draw: Draw) -> list[str]:
    """Each mark whose spacing differs too much from Regular's, described."""
    found = []
    for text, plain in CASES:
        reference = _proportions(_regular(), text, plain)
        for got, want in zip(_proportions(draw, text, plain), reference, strict=True):
            if not TIGHTER <= got / want <= LOOSER:
                found.append(f"{text!r}: {got:.2f} × the letter gap, Regular has {want:.2f}")
    return found


@pytest.fixture(scope="module")
def builtin_book() -> tuple[FontBook, dict[str, int]]:
    brand = load_brand()
    weights = {r: f.weight for r, f in brand.fonts.items() if r != "emoji" and f.weight}
    return FontBook({r: (f.file, f.weight) for r, f in brand.fonts.items()}), weights


@pytest.mark.parametrize("role", ["heading", "body", "numbers"])
def test_punctuation_sits_against_the_word_in_the_builtin_kit(
    builtin_book: tuple[FontBook, dict[str, int]], role: str
) -> None:
    book, weights = builtin_book
    assert role in weights  # every text role of the kit has a weight, and is measured here
    assert _misplaced(_fontbook(book, role)) == [], f"{role} at weight {weights[role]}"


@pytest.mark.parametrize("setup", ["weight set through Pillow", "instancer cut, not respaced"])
def test_the_measure_catches_the_old_paths(setup: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # What this replaced: the variable font with its weight set through Pillow. A bare instancer
    # cut lays out the same (Pillow, raqm and FreeType honour the font's HVAR advances), so the
    # static instance alone would not fix it: the spacing is Plus Jakarta Sans's own at 800.
    if setup == "weight set through Pillow":
        font = ImageFont.truetype(
            str(VARIABLE), SIZE * SUPERSAMPLE, layout_engine=ImageFont.Layout.RAQM
        )
        font.set_variation_by_axes([800])
    else:
        monkeypatch.setattr(instances, "respace_punctuation", lambda default, instance: {})
        data = static_instance(VARIABLE.read_bytes(), 800)
        font = ImageFont.truetype(
            io.BytesIO(data), SIZE * SUPERSAMPLE, layout_engine=ImageFont.Layout.RAQM
        )
    misplaced = _misplaced(_pillow(font))
    assert len(misplaced) == 4, misplaced  # every mark of every case stands apart


def test_the_builtin_kit_uses_the_bundled_static_instances() -> None:
    # Static files: no instance is cut at run time for the built-in kit.
    for role, spec in load_brand().fonts.items():
        with TTFont(str(spec.file), lazy=True) as font:
            assert "fvar" not in font, role
            if role != "emoji":
                assert font["OS/2"].usWeightClass == spec.weight, role


@pytest.mark.parametrize(
    ("name", "weight"),
    [("PlusJakartaSansHumaskit-Medium.ttf", 500), ("PlusJakartaSansHumaskit-ExtraBold.ttf", 800)],
)
def test_bundled_static_fonts_are_the_instancer_cut(name: str, weight: int) -> None:
    # Glyph for glyph as scripts/make_static_fonts.py cuts them today (outlines and metrics; the
    # bytes may differ with the fontTools version): rerun the script when this fails.
    shipped = TTFont(str(builtin_brand_dir() / "fonts" / name))
    cut = TTFont(io.BytesIO(_cut(weight)))
    assert shipped.getGlyphOrder() == cut.getGlyphOrder()
    assert shipped["hmtx"].metrics == cut["hmtx"].metrics
    for glyph in cut.getGlyphOrder():
        assert shipped["glyf"][glyph] == cut["glyf"][glyph], glyph
    assert "humaskit" in shipped["name"].getDebugName(5)


def test_static_instances_are_deterministic() -> None:
    assert static_instance(VARIABLE.read_bytes(), 800) == _cut(800)


def test_a_user_kit_variable_font_is_cut_once_and_found_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(instances, "_found", {})
    kit_font = tmp_path / "kit" / "Brand-Variable.ttf"
    kit_font.parent.mkdir()
    kit_font.write_bytes(VARIABLE.read_bytes())
    book = FontBook({"heading": (kit_font, 800), "emoji": EMOJI})
    assert _misplaced(_fontbook(book, "heading")) == []
    cut = sorted((tmp_path / "cache" / "fonts").glob("*.ttf"))
    assert len(cut) == 1

    # A new process (an empty in-process table) finds the instance without reading the font.
    monkeypatch.setattr(instances, "_found", {})
    monkeypatch.setattr(instances, "static_instance", _fail)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self != kit_font, "the font was read again"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert instance_file(kit_font, 800) == cut[0]
    monkeypatch.setattr(Path, "read_bytes", real_read)

    # Touched (same content): hashed again, but the instance is not cut again.
    monkeypatch.setattr(instances, "_found", {})
    os.utime(kit_font, ns=(1_000_000_000, 1_000_000_000))
    assert instance_file(kit_font, 800) == cut[0]

    # Another weight is another instance.
    monkeypatch.setattr(instances, "static_instance", static_instance)
    assert instance_file(kit_font, 500) != cut[0]


def _fail(data: bytes, weight: float) -> bytes:
    raise AssertionError("the instance was cut again")


def test_without_a_writable_cache_the_instance_stays_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(blocker))
    monkeypatch.setattr(instances, "_found", {})
    assert isinstance(instance_file(VARIABLE, 800), bytes)
    book = FontBook({"heading": (VARIABLE, 800), "emoji": EMOJI})
    assert _misplaced(_fontbook(book, "heading")) == []


@pytest.mark.slow
def test_processes_cutting_the_same_instance_at_once_agree(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    script = (
        "import sys; from pathlib import Path; from humaskit.cards.instances import instance_file;"
        f"print(instance_file(Path({str(VARIABLE)!r}), 800))"
    )
    env = {**os.environ, "HUMASKIT_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    paths = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(paths) == 1
    written = Path(paths.pop())
    assert written.read_bytes() == _cut(800)
    assert not list((cache / "fonts").glob(".*.tmp"))  # no half-written file left behind
