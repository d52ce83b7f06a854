"""Text runs drawn as coverage masks at four times their size, so that glyphs sit where the
layout puts them.

Pillow's FreeType renderer snaps every glyph of a run to a whole pixel and, with the bundled
fonts' hinting, each glyph's left edge too. At 27–36 px that moves a glyph by up to a pixel
against its neighbours, so that a 3 px gap between two letters becomes 4 or 5 px beside 2 or 3 px
ones: "PEMERIN TAH", "pendaf taran". Drawn at 4× and box-filtered down, a glyph's centre is at
most about 0.3 px from where a 16× drawing puts it (it was 0.5–0.9 px; tests/test_glyph_positions
.py), and the run is as wide as it was measured (:meth:`humaskit.cards.fonts.FontBook.advance`
measures unhinted advances).

A run's mask depends on its text, font, size and the fraction of a pixel it starts at (to a
quarter pixel), so the same footer, unit name or label on several cards of a batch is drawn once.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict

from PIL import Image, ImageFilter, ImageFont, ImageStat

__all__ = [
    "ADULTS",
    "FAMILY",
    "MIN_CONTRAST",
    "SUPERSAMPLE",
    "RunMasks",
    "family_tile",
    "paste_emoji",
    "split_families",
]

SUPERSAMPLE = 4
# Masks kept per book, by their pixels (a 1080 px headline line at 80 px is ≈ 100 000).
_CACHE_PIXELS = 8_000_000

# A run's mask and where its top-left corner goes, relative to the whole pixel the run starts at.
Placed = tuple[Image.Image, int, int]


class RunMasks:
    """Coverage masks of text runs, drawn at :data:`SUPERSAMPLE` times their size and kept."""

    def __init__(self) -> None:
        self._masks: OrderedDict[tuple[str, int, str, int, int], Placed] = OrderedDict()
        self._pixels = 0

    def mask(
        self, key: str, font: ImageFont.FreeTypeFont, run: str, fx: float, fy: float
    ) -> Placed:
        """The mask of ``run`` in ``font`` (loaded at :data:`SUPERSAMPLE` times the size) for a
        baseline origin ``fx``, ``fy`` pixels (0 ≤ f < 1) past a whole pixel; ``key`` names the
        font for the cache."""
        s = SUPERSAMPLE
        px, py = round(fx * s), round(fy * s)
        cache_key = (key, round(font.size), run, px, py)
        found = self._masks.get(cache_key)
        if found is not None:
            self._masks.move_to_end(cache_key)
            return found
        # The run's ink at 4×, and where its top-left corner is from the baseline origin: what
        # ``ImageDraw.text`` draws at a whole-pixel origin, without measuring the run first.
        ink, (left, top) = font.getmask2(run, "L", anchor="ls")
        right, bottom = left + ink.size[0], top + ink.size[1]
        # Whole pixels of margin left of and above the origin, so the mask starts on a pixel.
        margin_x = math.ceil(max(0, -left) / s) + 1
        margin_y = math.ceil(max(0, -top) / s) + 1
        width = margin_x + math.ceil((px + right) / s) + 1
        height = margin_y + math.ceil((py + bottom) / s) + 1
        x, y = margin_x * s + px + left, margin_y * s + py + top
        # Cropping past the ink's edges pads it with zeros: the ink set on the 4× grid of the
        # mask's whole pixels, without drawing it onto a blank image first.
        big = Image.Image()._new(ink).crop((-x, -y, width * s - x, height * s - y))
        placed: Placed = (big.reduce(s), -margin_x, -margin_y)
        self._masks[cache_key] = placed
        self._pixels += width * height
        while self._pixels > _CACHE_PIXELS and len(self._masks) > 1:
            _, (old, _x, _y) = self._masks.popitem(last=False)
            self._pixels -= old.width * old.height
        return placed


def paste_run(
    canvas: Image.Image,
    placed: Placed,
    at: tuple[int, int],
    fill: tuple[int, int, int, int],
) -> None:
    """Paste ``fill`` through a run's mask onto ``canvas`` with the run's origin pixel at ``at``;
    a fill that is not opaque is pasted through the mask scaled by its alpha."""
    mask, dx, dy = placed
    alpha = fill[3]
    if alpha < 255:
        mask = mask.point([v * alpha // 255 for v in range(256)])
    color = fill[:3] if canvas.mode == "RGB" else fill
    canvas.paste(color, (at[0] + dx, at[1] + dy), mask)


# An emoji that would vanish into its ground gets an outline in the text's colour.
#
# Noto Color Emoji draws some emoji in one dark, muted colour: 🎶 and 🎵 are slate grey notes
# (about #5F7D8C), which on the brand's dark green measure under 2:1 and read as a smudge. The
# glyph is the font's own colour design (a CBDT bitmap, emoji presentation), not a monochrome
# fallback, so it stays; where under a quarter of its ink reaches 3:1 against the pixels it is
# pasted on (WCAG 1.4.11 for graphics), it is drawn on a thin outline of the line's text
# colour, which contrasts with the ground by construction, as a sticker is. Emoji that stand
# out from their ground are pasted as they are.
MIN_CONTRAST = 3.0  # WCAG 1.4.11: graphics against what they sit on
_EDGE = 0.05  # the outline's width, this share of the font size (2–4 px at 40–80 px)


_LEGIBLE_SHARE = 0.25  # an emoji a quarter of whose ink reaches 3:1 stands out as it is
# sRGB to linear light, in 0-255, for the relative luminance of each pixel
_LINEAR = [
    round(255 * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4))
    for c in (v / 255 for v in range(256))
]


def _mean(image: Image.Image, mask: Image.Image) -> tuple[float, float, float]:
    r, g, b = ImageStat.Stat(image.convert("RGB"), mask).mean[:3]
    return r, g, b


def _legible_share(
    tile: Image.Image, solid: Image.Image, ground: tuple[float, float, float]
) -> float:
    """The share of the tile's ink (``solid``) that measures 3:1 or more against ``ground``."""
    lit = tile.convert("RGB").point(_LINEAR * 3)
    luminance = lit.convert("L", (0.2126, 0.7152, 0.0722, 0))  # relative luminance × 255
    counts = luminance.histogram(mask=solid)
    total = sum(counts)
    r, g, b = (_LINEAR[round(min(255.0, c))] / 255 for c in ground)  # (a near-flat ground)
    ground_l = 0.2126 * r + 0.7152 * g + 0.0722 * b
    legible = 0
    for value, count in enumerate(counts):
        high, low = max(value / 255, ground_l), min(value / 255, ground_l)
        if (high + 0.05) / (low + 0.05) >= MIN_CONTRAST:
            legible += count
    return legible / total if total else 1.0


def paste_emoji(
    canvas: Image.Image,
    tile: Image.Image,
    at: tuple[int, int],
    size: int,
    fill: tuple[int, int, int, int],
) -> None:
    """Paste the RGBA emoji ``tile`` on ``canvas`` at ``at``; when under a quarter of its ink
    reaches 3:1 against the pixels beneath it, on an outline of ``fill`` (the line's text
    colour) ``_EDGE × size`` wide."""
    alpha = tile.getchannel("A")
    solid = alpha.point(lambda a: 255 if a > 127 else 0)
    x, y = at
    under = canvas.crop((x, y, x + tile.width, y + tile.height))
    legible = 1.0 if solid.getbbox() is None else _legible_share(tile, solid, _mean(under, solid))
    if legible < _LEGIBLE_SHARE:
        edge = max(1, round(size * _EDGE))
        pad = edge + 1
        grown = Image.new("L", (tile.width + 2 * pad, tile.height + 2 * pad), 0)
        grown.paste(alpha, (pad, pad))
        grown = grown.filter(ImageFilter.MaxFilter(2 * edge + 1))
        grown = grown.filter(ImageFilter.GaussianBlur(0.6))
        if fill[3] < 255:
            grown = grown.point(lambda a: a * fill[3] // 255)
        color = fill[:3] if canvas.mode == "RGB" else fill
        canvas.paste(color, (x - pad, y - pad), grown)
    canvas.paste(tile, at, tile)


# Noto Color Emoji (2.042) draws every family sequence (👨‍👩‍👧‍👦, 👩‍👧, …) as a black pictogram
# on a grey key, beside its colour faces: the font's own design, not a fallback. A card shows
# the family's members instead, in colour, in the one emoji cell the sequence takes: the
# adults in a back row, the children smaller in front (the layout measures the same width).
_ADULT_SCALE = 0.6
_CHILD_SCALE = 0.46


def family_tile(
    adults: list[Image.Image], children: list[Image.Image], size: tuple[int, int]
) -> Image.Image:
    """The members' emoji tiles (RGBA, trimmed to their ink) set as one family in a tile of
    ``size``: up to two adults side by side at the top, the children in a row at the foot."""
    width, height = size
    tile = Image.new("RGBA", size, (0, 0, 0, 0))
    rows = ((adults, _ADULT_SCALE, True), (children, _CHILD_SCALE, False))
    for members, scale, top in rows:
        shrunk = [
            m.resize(
                (max(1, round(m.width * scale)), max(1, round(m.height * scale))),
                Image.Resampling.LANCZOS,
            )
            for m in members
        ]
        if not shrunk:
            continue
        x = (width - sum(m.width for m in shrunk)) // 2
        tallest = max(m.height for m in shrunk)
        y = round(0.08 * height) if top else height - round(0.06 * height) - tallest
        for member in shrunk:
            tile.alpha_composite(member, (max(0, x), max(0, y)))
            x += member.width
    return tile


# A family sequence (man, woman, girl, boy, adult, child joined by ZWJ): drawn from its members
# (cards.textmask.family_tile), as the font draws it as a grey pictogram.
ADULTS = "\U0001f468\U0001f469\U0001f9d1"
FAMILY = re.compile(
    f"[{ADULTS}](?:\u200d[{ADULTS}])?(?:\u200d[\U0001f466\U0001f467\U0001f9d2]){{1,2}}"
)


def split_families(runs: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """``runs`` of (is_emoji, text) with every family sequence an emoji run of its own (its
    tile is drawn from its members; the advances add up the same)."""
    split: list[tuple[bool, str]] = []
    for is_emoji, run in runs:
        if not is_emoji or "\u200d" not in run:
            split.append((is_emoji, run))
            continue
        start = 0
        for match in FAMILY.finditer(run):
            if match.start() > start:
                split.append((True, run[start : match.start()]))
            split.append((True, match.group()))
            start = match.end()
        if start < len(run):
            split.append((True, run[start:]))
    return split
