"""Where things go on a card: the canvas, boxes in canvas pixels and lengths in canvas units."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["CENTRE", "Box", "Canvas", "Length", "Point", "cover_crop"]

Point = tuple[float, float]  # x, y as shares (0..1) of a picture's or a box's width and height
CENTRE: Point = (0.5, 0.5)


@dataclass(frozen=True)
class Box:
    """A rectangle in canvas pixels: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def contains(self, other: Box) -> bool:
        return (
            self.x0 <= other.x0
            and self.y0 <= other.y0
            and other.x1 <= self.x1
            and other.y1 <= self.y1
        )


@dataclass(frozen=True)
class Canvas:
    """The image being planned: its size and the zones the app's own buttons cover, kept free
    of text: the top and bottom rows of a story, and on TikTok or Reels the right-hand column of
    action buttons (``safe_right`` px wide, from row ``safe_right_top`` down to
    ``safe_right_bottom`` rows above the bottom edge)."""

    width: int
    height: int
    safe_top: int = 0
    safe_bottom: int = 0
    safe_right: int = 0
    safe_right_top: int = 0
    safe_right_bottom: int = 0

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    def zones(self) -> tuple[Box, ...]:
        """The boxes kept free of text: the top rows, the bottom rows, the right column."""
        w, h = self.width, self.height
        zones = [Box(0, 0, w, self.safe_top), Box(0, h - self.safe_bottom, w, h)]
        zones.append(Box(w - self.safe_right, self.safe_right_top, w, h - self.safe_right_bottom))
        return tuple(z for z in zones if z.width > 0 and z.height > 0)

    def frame(self, name: str, *, column: bool = True) -> Box:
        """The ``canvas`` frame (the whole image) or the ``safe`` one, which leaves out the top
        and bottom zones and, with ``column``, the right column: a frame is a rectangle, so where
        the column reaches into the rows between the top and bottom zones it stops short of it
        over its whole height. Without ``column`` it is as wide as the canvas; the planner uses
        that for a layer that lies wholly above or below the column (:meth:`under_column`)."""
        if name != "safe":
            return Box(0, 0, self.width, self.height)
        top, bottom = self.safe_top, self.height - self.safe_bottom
        column_top, column_bottom = self.safe_right_top, self.height - self.safe_right_bottom
        reaches = column and self.safe_right > 0 and column_top < bottom and top < column_bottom
        return Box(0, top, self.width - (self.safe_right if reaches else 0), bottom)

    def under_column(self, box: Box) -> bool:
        """Whether ``box`` reaches into the right column of action buttons."""
        column_top, column_bottom = self.safe_right_top, self.height - self.safe_right_bottom
        return (
            self.safe_right > 0
            and box.x1 > self.width - self.safe_right
            and box.y0 < column_bottom
            and box.y1 > column_top
        )

    def facts(self) -> dict[str, object]:
        """What ``when:`` expressions may ask about the canvas."""
        ratio = self.height / self.width
        return {
            "width": self.width,
            "height": self.height,
            "landscape": ratio < 0.9,
            "square": 0.9 <= ratio <= 1.1,
            "portrait": ratio > 1.1,
            "story": ratio > 1.6,
            # The app's buttons cover a column at the right (TikTok): rows under it are narrower.
            "buttons_right": self.safe_right > 0,
        }


# The largest term of a length: 10000px, or 10000 % of a side (no layout needs a hundredth of it).
MAX_TERM = 10_000.0
_LENGTH_TERM = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(fw|fh|px|s|w|h)?\s*$")


@dataclass(frozen=True)
class Length:
    """A length as a sum of terms: ``6s`` (% of the short side), ``50w``, ``50h``, ``12px``;
    in a box, ``50fw`` / ``50fh`` are half the width / height of the layer's frame (the canvas,
    its safe frame, a repeat's cell or the layer named by ``inside``)."""

    terms: tuple[tuple[float, str], ...]

    def px(
        self, width: int, height: int, frame_w: float | None = None, frame_h: float | None = None
    ) -> float:
        per = {
            "s": min(width, height) / 100,
            "w": width / 100,
            "h": height / 100,
            "px": 1.0,
            "fw": (width if frame_w is None else frame_w) / 100,
            "fh": (height if frame_h is None else frame_h) / 100,
        }
        return sum(value * per[unit] for value, unit in self.terms)

    @classmethod
    def parse(cls, raw: object) -> Length:
        """``raw`` (a number of px, or text like ``6s + 12px``) as a length; every term a finite
        number of at most :data:`MAX_TERM` (NaN, infinity or 100000px would stall drawing)."""
        length = cls._parse(raw)
        if not all(math.isfinite(v) and abs(v) <= MAX_TERM for v, _unit in length.terms):
            raise ValueError(raw)
        return length

    @classmethod
    def _parse(cls, raw: object) -> Length:
        if isinstance(raw, bool):
            raise ValueError(raw)
        if isinstance(raw, int | float):
            return cls(((float(raw), "px"),))
        if not isinstance(raw, str):
            raise ValueError(raw)
        terms = []
        if raw.strip().endswith(("+", "-")):
            raise ValueError(raw)
        for sign, part in re.findall(r"([+-]?)\s*([^+-]+)", raw.strip()):
            m = _LENGTH_TERM.match(part)
            if not m:
                raise ValueError(raw)
            value = float(m.group(1)) * (-1 if sign == "-" else 1)
            terms.append((value, m.group(2) or "px"))
        if not terms:
            raise ValueError(raw)
        return cls(tuple(terms))


def cover_crop(
    image: tuple[int, int], size: tuple[int, int], focus: Point, at: Point = CENTRE
) -> tuple[float, float, float, float]:
    """The part of an ``image`` (width, height) that fills ``size`` when scaled to cover it:
    ``(x0, y0, x1, y1)`` in the image's pixels, with the focus point (``[x, y]``, 0..1 from the
    left and the top) at ``at`` of it (its centre unless told) as far as the image's edges
    allow, so the focus point is always inside it."""
    width, height = size
    iw, ih = image
    scale = max(width / iw, height / ih)
    cw, ch = min(iw, width / scale), min(ih, height / scale)
    fx = min(1.0, max(0.0, focus[0])) * iw
    fy = min(1.0, max(0.0, focus[1])) * ih
    ax, ay = (min(1.0, max(0.0, a)) for a in at)
    x0 = max(0.0, min(fx - cw * ax, iw - cw))
    y0 = max(0.0, min(fy - ch * ay, ih - ch))
    return (x0, y0, x0 + cw, y0 + ch)
