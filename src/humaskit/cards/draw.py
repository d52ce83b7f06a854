"""Drawing a planned card with Pillow: fonts, text with colour emoji, shapes, gradients, pattern.

The planner (``humaskit.layout.planner``) decides every position and size; this module only turns a
:class:`~humaskit.layout.plan.Plan` into pixels: :class:`PillowSurface` implements the drawing
primitives of :class:`~humaskit.layout.plan.Surface` and each plan item draws itself through it.
Text is laid out with raqm (pinned, so every machine draws the same glyphs and ZWJ emoji
sequences become one glyph). Shapes are drawn at 4× and scaled down for anti-aliased edges;
masks are cached because one release draws the same shapes at many sizes.
"""

from __future__ import annotations

import math
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache

from PIL import Image, ImageDraw

from humaskit.cards.fonts import FontBook
from humaskit.layout.geometry import Box
from humaskit.layout.plan import (
    RGBA,
    FillItem,
    GradientItem,
    PatternItem,
    Plan,
    Polylines,
    Stamp,
    Stops,
    TextLine,
    stop_alpha,
)

__all__ = ["Picture", "PillowSurface", "draw_plan", "draw_watermark"]

SUPERSAMPLE = 4


@lru_cache(maxsize=64)
def _shape_mask(size: tuple[int, int], radius: float, shape: str) -> Image.Image:
    """An anti-aliased mask of a rounded rectangle or ellipse, drawn 4× and scaled down."""
    w, h = size
    big = Image.new("L", (w * SUPERSAMPLE, h * SUPERSAMPLE), 0)
    draw = ImageDraw.Draw(big)
    box = (0, 0, w * SUPERSAMPLE - 1, h * SUPERSAMPLE - 1)
    if shape == "circle":
        draw.ellipse(box, fill=255)
    else:
        draw.rounded_rectangle(box, radius=radius * SUPERSAMPLE, fill=255)
    return big.resize(size, Image.Resampling.BOX)


@lru_cache(maxsize=64)
def _ring_masks(
    side: int, thickness: float, fraction: float
) -> tuple[Image.Image, Image.Image | None]:
    """Anti-aliased masks of a ring: the whole ring, and the part from 12 o'clock clockwise to
    ``fraction`` of a turn (``None`` when that part is empty)."""
    big = side * SUPERSAMPLE
    inner = thickness * SUPERSAMPLE
    ring = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(ring)
    draw.ellipse((0, 0, big - 1, big - 1), fill=255)
    draw.ellipse((inner, inner, big - 1 - inner, big - 1 - inner), fill=0)
    part: Image.Image | None = None
    if fraction > 0:
        wedge = Image.new("L", (big, big), 0)
        if fraction >= 1:
            wedge.paste(255, (0, 0, big, big))
        else:
            ImageDraw.Draw(wedge).pieslice(
                (-big, -big, 2 * big, 2 * big), -90, -90 + 360 * fraction, fill=255
            )
        part = Image.composite(ring, wedge, wedge).resize((side, side), Image.Resampling.BOX)
    return ring.resize((side, side), Image.Resampling.BOX), part


@lru_cache(maxsize=24)  # a full-canvas scrim is up to 2 MB, and is quick to make again
def _gradient_mask(
    size: tuple[int, int], direction: str, stops: tuple[tuple[float, float], ...]
) -> Image.Image:
    """A linear opacity ramp: one row or column computed, then stretched."""
    w, h = size
    length = h if direction in ("down", "up") else w
    ramp = []
    for i in range(length):
        t = i / max(1, length - 1)
        if direction in ("up", "left"):
            t = 1 - t
        ramp.append(round(255 * stop_alpha(stops, t)))
    if direction in ("down", "up"):
        strip = Image.new("L", (1, h))
        strip.putdata(ramp)
    else:
        strip = Image.new("L", (w, 1))
        strip.putdata(ramp)
    return strip.resize((w, h), Image.Resampling.NEAREST)


@lru_cache(maxsize=64)
def _stroke_mask(size: tuple[int, int], lines: Polylines, width: float) -> Image.Image:
    """Anti-aliased mask of ``lines`` (in units of ``size``) stroked ``width`` px wide, drawn 4×
    and scaled down: each segment a thick line, each point a disc (round caps and joins)."""
    w, h = size
    big = Image.new("L", (w * SUPERSAMPLE, h * SUPERSAMPLE), 0)
    draw = ImageDraw.Draw(big)
    stroke = max(1.0, width * SUPERSAMPLE)
    r = stroke / 2
    for line in lines:
        points = [(x * w * SUPERSAMPLE, y * h * SUPERSAMPLE) for x, y in line]
        if len(points) > 1:
            draw.line(points, fill=255, width=max(1, round(stroke)))
        for x, y in points:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return big.resize(size, Image.Resampling.BOX)


@lru_cache(maxsize=16)
def _pattern_mask(size: tuple[int, int], scale: int) -> Image.Image:
    """A kawung-like batik motif: four petals round each grid point, outlined."""
    cell = max(8, scale) * 2  # drawn at 2× and scaled down for smooth curves
    tile = Image.new("L", (cell, cell), 0)
    draw = ImageDraw.Draw(tile)
    r = cell / 2
    petal_w, petal_l = cell * 0.2, cell * 0.34
    line = max(2, cell // 40)
    for cx, cy in ((0, 0), (cell, 0), (0, cell), (cell, cell), (r, r)):
        for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
            px, py = cx + dx * (petal_l / 2 + cell * 0.03), cy + dy * (petal_l / 2 + cell * 0.03)
            hw, hh = (petal_w / 2, petal_l / 2) if dx == 0 else (petal_l / 2, petal_w / 2)
            draw.ellipse((px - hw, py - hh, px + hw, py + hh), outline=255, width=line)
        draw.ellipse((cx - line * 2, cy - line * 2, cx + line * 2, cy + line * 2), fill=255)
    w, h = size
    big = Image.new("L", (w * 2, h * 2), 0)
    for y in range(0, h * 2, cell):
        for x in range(0, w * 2, cell):
            big.paste(tile, (x, y))
    return big.resize(size, Image.Resampling.BOX)


# Masks scaled by an alpha, by (id of the mask, alpha) → (the mask, the scaled mask). The masks
# come from the caches above, so every card of a size pastes its scrims and pattern through the
# same objects; keeping the mask in the entry keeps its id from being reused. Oldest out first.
_SCALED_MAX = 16
_scaled: dict[tuple[int, int], tuple[Image.Image, Image.Image]] = {}


def _scaled_mask(mask: Image.Image, alpha: int) -> Image.Image:
    key = (id(mask), alpha)
    entry = _scaled.get(key)
    if entry is not None and entry[0] is mask:
        return entry[1]
    scaled = mask.point(lambda v: v * alpha // 255)
    if len(_scaled) >= _SCALED_MAX:
        del _scaled[next(iter(_scaled))]
    _scaled[key] = (mask, scaled)
    return scaled


def _paste_color(
    canvas: Image.Image,
    color: tuple[int, int, int, int],
    xy: tuple[int, int],
    mask: Image.Image,
) -> None:
    if color[3] < 255:
        mask = _scaled_mask(mask, color[3])
    canvas.paste(color[:3], (*xy, xy[0] + mask.width, xy[1] + mask.height), mask)


@lru_cache(maxsize=16)
def _solid_mask(size: tuple[int, int]) -> Image.Image:
    return Image.new("L", size, 255)


# Gives the pixels of an image source at the given size (cover-cropped photo, or the logo fitted
# inside), RGB or RGBA, from (source, fit, focus, size, where in the box the focus goes);
# ``None`` leaves the picture out.
Picture = Callable[
    [str, str, tuple[float, float], tuple[int, int], tuple[float, float]], Image.Image | None
]


class PillowSurface:
    """The drawing primitives of :class:`~humaskit.layout.plan.Surface` on a Pillow image.

    Args:
        canvas: the RGB image drawn on.
        fonts: the brand's fonts.
        picture: gives the pixels of image sources.
    """

    def __init__(self, canvas: Image.Image, fonts: FontBook, picture: Picture) -> None:
        self.canvas = canvas
        self.fonts = fonts
        self._picture = picture

    @staticmethod
    def _place(box: Box) -> tuple[tuple[int, int], tuple[int, int]]:
        """``box`` in whole pixels: its top-left corner and its size (at least 1×1)."""
        x0, y0, x1, y1 = round(box.x0), round(box.y0), round(box.x1), round(box.y1)
        return (x0, y0), (max(1, x1 - x0), max(1, y1 - y0))

    def fill(self, box: Box, color: RGBA, radius: float = 0.0) -> None:
        xy, size = self._place(box)
        if radius > 0:
            _paste_color(self.canvas, color, xy, _shape_mask(size, radius, "rect"))
        elif color[3] == 255:
            self.canvas.paste(color[:3], (*xy, xy[0] + size[0], xy[1] + size[1]))
        else:
            _paste_color(self.canvas, color, xy, _solid_mask(size))

    def gradient(self, box: Box, color: RGBA, direction: str, stops: Stops) -> None:
        xy, size = self._place(box)
        _paste_color(self.canvas, color, xy, _gradient_mask(size, direction, stops))

    def pattern(self, box: Box, color: RGBA, scale: float) -> None:
        xy, size = self._place(box)
        _paste_color(self.canvas, color, xy, _pattern_mask(size, round(scale)))

    def ring(
        self, box: Box, color: RGBA, track: RGBA | None, fraction: float, thickness: float
    ) -> None:
        xy, size = self._place(box)
        ring, part = _ring_masks(min(size), thickness, round(fraction, 4))
        if track is not None:
            _paste_color(self.canvas, track, xy, ring)
        if part is not None:
            _paste_color(self.canvas, color, xy, part)

    def picture(
        self,
        box: Box,
        source: str,
        *,
        fit: str,
        focus: tuple[float, float],
        shape: str,
        radius: float,
        focus_at: tuple[float, float] = (0.5, 0.5),
    ) -> None:
        (x0, y0), size = self._place(box)
        pixels = self._picture(source, fit, focus, size, focus_at)
        if pixels is None:
            return
        px, py = x0 + (size[0] - pixels.width) // 2, y0 + (size[1] - pixels.height) // 2
        mask: Image.Image | None = pixels.getchannel("A") if pixels.mode == "RGBA" else None
        if shape != "rect" or radius > 0:
            cut = _shape_mask(pixels.size, radius, shape)
            mask = cut if mask is None else Image.composite(mask, cut, cut)
        self.canvas.paste(pixels.convert("RGB"), (px, py), mask)

    def strokes(self, box: Box, lines: Polylines, color: RGBA, width: float) -> None:
        xy, size = self._place(box)
        _paste_color(self.canvas, color, xy, _stroke_mask(size, lines, round(width, 2)))

    def stamp(self, shape: Stamp) -> None:
        for color, paper in ((shape.paper, True), (shape.color, False)):
            if color is not None:
                _paste_color(self.canvas, color, *_stamp_mask(shape, paper, self.fonts))

    def text(self, lines: Sequence[TextLine], font: str, size: int, color: RGBA) -> None:
        for line in lines:
            self.fonts.draw_line(self.canvas, (line.x, line.baseline), line.text, font, size, color)


def draw_plan(plan: Plan, fonts: FontBook, picture: Picture) -> Image.Image:
    """Draw ``plan`` on a new RGB image; each item draws itself on a :class:`PillowSurface`.

    Args:
        plan: the planned card.
        fonts: the brand's fonts.
        picture: gives the pixels of an image source at the given size (cover-cropped photo,
            or the logo fitted inside), RGB or RGBA; ``None`` leaves the item out.

    Returns:
        The card, RGB.
    """
    size = (plan.canvas.width, plan.canvas.height)
    # The leading fills, gradients and patterns (the background, a batik pattern, scrims) are
    # the same on every card of a layout and size: drawn once, then copied.
    start = 0
    while start < len(plan.items) and type(plan.items[start]) in _BACKGROUND_ITEMS:
        start += 1
    costly = any(type(item) is not FillItem for item in plan.items[:start])
    key = (size, plan.background, plan.items[:start])
    cached = _backgrounds.get(key) if costly else None
    if cached is not None:
        _backgrounds.move_to_end(key)
        canvas = cached.copy()
        surface = PillowSurface(canvas, fonts, picture)
    else:
        canvas = Image.new("RGB", size, plan.background[:3])
        surface = PillowSurface(canvas, fonts, picture)
        for item in plan.items[:start]:
            item.draw(surface)
        if costly:
            _remember_background(key, canvas.copy())
    for item in plan.items[start:]:
        item.draw(surface)
    return canvas


# Backgrounds drawn, by (size, background colour, the items drawn), least recently used first;
# at most this many bytes of pixels are kept (a few sizes of a batch: a 1080×1920 card is 6 MB;
# a batch worker stays within its 200 MB with 12 MB here, issue 14).
_BACKGROUND_BYTES = 12 * 1024 * 1024
_BACKGROUND_ITEMS = (FillItem, GradientItem, PatternItem)
_backgrounds: OrderedDict[tuple[object, ...], Image.Image] = OrderedDict()


def _remember_background(key: tuple[object, ...], canvas: Image.Image) -> None:
    _backgrounds[key] = canvas
    used = sum(3 * i.width * i.height for i in _backgrounds.values())
    while used > _BACKGROUND_BYTES and len(_backgrounds) > 1:
        _key, dropped = _backgrounds.popitem(last=False)
        used -= 3 * dropped.width * dropped.height


# Watermark masks by (canvas size, font identity, word): the same for every card of a size.
_WATERMARKS_MAX = 8
_Stamp = tuple[tuple[int, int], Image.Image]  # where a mask goes on the card, and the mask
_watermarks: dict[tuple[object, ...], tuple[list[_Stamp], list[_Stamp]]] = {}


def draw_watermark(canvas: Image.Image, fonts: FontBook, role: str, word: str) -> None:
    """Stamp ``word`` ("DRAF") large and diagonal across the card, legible on light and dark."""
    key = (canvas.size, fonts.identity(role), word)
    found = _watermarks.get(key)
    if found is None:
        found = _watermark(canvas.size, fonts, role, word)
        if len(_watermarks) >= _WATERMARKS_MAX:
            del _watermarks[next(iter(_watermarks))]
        _watermarks[key] = found
    for color, bands in zip(((0, 0, 0), (255, 255, 255)), found, strict=True):
        for (x, y), mask in bands:  # the whole shadow first, then the light over it
            canvas.paste(color, (x, y, x + mask.width, y + mask.height), mask)


def _watermark(
    canvas: tuple[int, int], fonts: FontBook, role: str, word: str
) -> tuple[list[_Stamp], list[_Stamp]]:
    """The watermark's shadow and light masks on a canvas of that size, each with its place.

    Each mask is cut in bands of 32 rows, each band cut to the box of its non-zero values: a
    zero of the mask leaves the pixel as it is, so pasting less of the rotated word's empty
    corners changes no pixel; the bands hold 35–50 % of the whole mask's box (issue 14).
    """
    w, h = canvas
    size = round(min(w, h) * 0.24)
    font = fonts.font(role, size)
    text_w = font.getlength(word)
    pad = size // 3
    tile = Image.new("L", (round(text_w) + 2 * pad, size + 2 * pad), 0)
    ImageDraw.Draw(tile).text((pad, pad + size * 0.85), word, font=font, fill=255, anchor="ls")
    angle = math.degrees(math.atan2(h, w))
    mask = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    x, y = (w - mask.width) // 2, (h - mask.height) // 2
    shadow = mask.point(lambda v: v * 70 // 255)
    light = mask.point(lambda v: v * 120 // 255)
    return _bands((x + 4, y + 4), shadow), _bands((x, y), light)


def _bands(xy: tuple[int, int], mask: Image.Image, rows: int = 32) -> list[_Stamp]:
    """``mask`` placed at ``xy``, in bands of ``rows`` rows, each cut to its non-zero values."""
    tops = range(0, mask.height, rows)
    bands = [((xy[0], xy[1] + y), mask.crop((0, y, mask.width, y + rows))) for y in tops]
    return [_trimmed(at, band) for at, band in bands if band.getbbox()]


@lru_cache(maxsize=16)
def _stamp_mask(shape: Stamp, paper: bool, fonts: FontBook) -> _Stamp:
    """A stamp's paper, or outlines and word: drawn upright 4×, turned (bicubic), scaled down."""
    f, s = shape.frame, SUPERSAMPLE
    side = math.ceil(math.hypot(f.width, f.height)) + 2  # a square tile round the frame's middle
    x, y = math.floor((f.x0 + f.x1 - side) / 2), math.floor((f.y0 + f.y1 - side) / 2)
    draw = ImageDraw.Draw(big := Image.new("L", (side * s, side * s), 0))
    for inset, on in [(0.0, True)] if paper else shape.edges:
        a, b = (f.x0 - x + inset) * s, (f.y0 - y + inset) * s
        c, d = (f.x1 - x - inset) * s, (f.y1 - y - inset) * s
        draw.rounded_rectangle((a, b, c, d), max(0.0, shape.radius - inset) * s, 255 * on)
    for line in () if paper else shape.lines:
        at = ((line.x - x) * s, (line.baseline - y) * s)
        draw.text(at, line.text, font=fonts.font(shape.font, shape.size * s), fill=255, anchor="ls")
    turned = big.rotate(shape.angle, Image.Resampling.BICUBIC)  # about the frame's middle, ±½ px
    return _trimmed((x, y), turned.resize((side, side), Image.Resampling.BOX))


def _trimmed(xy: tuple[int, int], mask: Image.Image) -> _Stamp:
    """``mask`` placed at ``xy``, cut to the box of its non-zero values."""
    box = mask.getbbox()
    return (xy, mask) if box is None else ((xy[0] + box[0], xy[1] + box[1]), mask.crop(box))


def describe_character(ch: str) -> str:
    """``U+1F9E0 BRAIN`` style name of a character, for warnings."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}"
