"""A planned card as plain data: the items to draw, in order, each with its exact box and colour.

The planner (:mod:`humaskit.layout.planner`) makes a :class:`Plan`; nothing here touches pixels.
Every item draws itself through the :class:`Surface` protocol, which ``humaskit.cards.draw``
implements with Pillow, and says through :meth:`PlanItem.backdrop` what it puts behind text, for
the contrast check. A new layer type reuses these items or brings its own :class:`PlanItem`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from humaskit.layout.geometry import Box, Canvas

__all__ = [
    "RGBA",
    "ArcItem",
    "Backdrop",
    "FillItem",
    "GradientItem",
    "ImageItem",
    "MarkItem",
    "Measurer",
    "PatternItem",
    "Plan",
    "PlanItem",
    "Polylines",
    "Stamp",
    "Stops",
    "StrokeItem",
    "Surface",
    "TextItem",
    "TextLine",
    "stop_alpha",
]

RGBA = tuple[int, int, int, int]
Stops = tuple[tuple[float, float], ...]
# Open or closed lines (a closed one repeats its first point), in units of a box (0..1).
Polylines = tuple[tuple[tuple[float, float], ...], ...]


class Measurer(Protocol):
    """Measures text for the planner; widths are linear in the font size."""

    def advance(self, text: str, font: str) -> float:
        """Width of ``text`` in font role ``font`` at a size of 1 px."""
        ...

    def vmetrics(self, font: str) -> tuple[float, float]:
        """Ascent and descent (both positive) of font role ``font`` at a size of 1 px."""
        ...


@dataclass(frozen=True)
class TextLine:
    """One line of a text block: its string and where its baseline starts."""

    text: str
    x: float
    baseline: float
    width: float


@dataclass(frozen=True)
class Stamp:
    """A rubber stamp as a surface draws it: the rounded rectangle ``frame`` (as if upright)
    turned ``angle`` degrees counter-clockwise about its middle, filled with ``paper`` (when
    given); its outlines and ``lines`` (set as if upright, in font role ``font`` at ``size``
    px) in ``color``. The outlines are ``edges``, rounded rectangles ``inset`` px inside the
    frame drawn in turn, each filling (``True``) or clearing what it covers: a ring is its outer
    edge filled, then its inner edge cleared."""

    frame: Box
    angle: float
    radius: float
    color: RGBA
    paper: RGBA | None = None
    edges: tuple[tuple[float, bool], ...] = ()
    lines: tuple[TextLine, ...] = ()
    font: str = ""
    size: int = 0


class Surface(Protocol):
    """What plan items draw on: the drawing primitives, in canvas pixels (boxes are rounded to
    whole pixels by the surface)."""

    def fill(self, box: Box, color: RGBA, radius: float = 0.0) -> None:
        """Fill ``box`` with ``color`` (its alpha blends), its corners rounded by ``radius``."""
        ...

    def gradient(self, box: Box, color: RGBA, direction: str, stops: Stops) -> None:
        """A linear ramp of ``color``'s opacity across ``box`` (``down``, ``up``, …)."""
        ...

    def pattern(self, box: Box, color: RGBA, scale: float) -> None:
        """The batik motif in ``color``, one motif ``scale`` px wide, tiled over ``box``."""
        ...

    def ring(
        self, box: Box, color: RGBA, track: RGBA | None, fraction: float, thickness: float
    ) -> None:
        """A ring in the square ``box``: ``fraction`` of it in ``color`` from 12 o'clock
        clockwise, the whole ring in ``track`` beneath (when given)."""
        ...

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
        """The image ``source`` (``photo``, ``logo``, …) fitted into ``box``, cut to ``shape``;
        a cover crop puts the image's ``focus`` point at ``focus_at`` of the box where it can."""
        ...

    def text(self, lines: Sequence[TextLine], font: str, size: int, color: RGBA) -> None:
        """A block of text lines in font role ``font`` at ``size`` px."""
        ...

    def strokes(self, box: Box, lines: Polylines, color: RGBA, width: float) -> None:
        """``lines`` (in units of ``box``: 0..1 across, 0..1 down) stroked ``width`` px wide
        with round caps and joins, e.g. a line icon."""
        ...

    def stamp(self, shape: Stamp) -> None:
        """A turned rubber stamp (:class:`Stamp`): its paper, then its outlines and word."""
        ...


@dataclass(frozen=True)
class Backdrop:
    """What an item puts behind a text box, as the contrast check sees it.

    ``color`` covers the text box with at least ``alpha`` opacity everywhere (``None``: it tints
    nothing); ``hides`` means nothing beneath it shows through; ``unknown`` means arbitrary pixels
    (a photo), judged as the worst case when nothing lies beneath it; ``partial`` means it
    covers only parts of the box (a pattern's lines), so the check of chart marks judges the
    box both with and without it.
    """

    color: tuple[int, int, int] | None = None
    alpha: float = 0.0
    hides: bool = False
    unknown: bool = False
    partial: bool = False


@dataclass(frozen=True)
class PlanItem:
    """One thing to draw: named after its layer (``rows[2].label`` inside a repeat's cell)."""

    layer: str
    box: Box

    def draw(self, surface: Surface) -> None:
        """Draw the item on ``surface``."""
        raise NotImplementedError

    def backdrop(self, text: Box) -> Backdrop | None:
        """What this item, which overlaps ``text``, puts behind it; ``None``: ignore it."""
        return Backdrop()

    def marks(self) -> tuple[tuple[Box, RGBA], ...]:
        """The chart marks this item draws (a bar, its track, a target tick, a ring), each a
        box and its colour: the contrast check wants 3:1 between each and what it sits on
        (WCAG 1.4.11, non-text contrast). Decoration draws none."""
        return ()


@dataclass(frozen=True)
class FillItem(PlanItem):
    color: RGBA
    radius: float = 0.0

    def draw(self, surface: Surface) -> None:
        surface.fill(self.box, self.color, self.radius)

    def backdrop(self, text: Box) -> Backdrop:
        covers = self.box.contains(text)
        return Backdrop(
            self.color[:3],
            self.color[3] / 255 if covers else 0.0,
            hides=covers and self.color[3] == 255,
        )


@dataclass(frozen=True)
class MarkItem(FillItem):
    """A filled rectangle that carries data (a bar, its track, a target tick): it must stand
    out from what it sits on (:meth:`PlanItem.marks`)."""

    def marks(self) -> tuple[tuple[Box, RGBA], ...]:
        return ((self.box, self.color),)


@dataclass(frozen=True)
class GradientItem(PlanItem):
    color: RGBA
    direction: str
    stops: Stops

    def draw(self, surface: Surface) -> None:
        surface.gradient(self.box, self.color, self.direction, self.stops)

    def backdrop(self, text: Box) -> Backdrop:
        """The weakest gradient opacity anywhere behind ``text``."""
        g = self.box
        if self.direction in ("down", "up"):
            span = [(text.y0 - g.y0) / max(g.height, 1), (text.y1 - g.y0) / max(g.height, 1)]
        else:
            span = [(text.x0 - g.x0) / max(g.width, 1), (text.x1 - g.x0) / max(g.width, 1)]
        if self.direction in ("up", "left"):
            span = [1 - span[1], 1 - span[0]]
        samples = [min(1.0, max(0.0, span[0] + (span[1] - span[0]) * k / 8)) for k in range(9)]
        return Backdrop(self.color[:3], min(stop_alpha(self.stops, t) for t in samples))


@dataclass(frozen=True)
class PatternItem(PlanItem):
    color: RGBA
    scale: float

    def draw(self, surface: Surface) -> None:
        surface.pattern(self.box, self.color, self.scale)

    def backdrop(self, text: Box) -> Backdrop:
        # A pattern counts as if its lines ran under the text.
        return Backdrop(self.color[:3], self.color[3] / 255, partial=True)


@dataclass(frozen=True)
class ImageItem(PlanItem):
    source: str
    fit: str
    shape: str
    radius: float
    focus: tuple[float, float]
    focus_at: tuple[float, float] = (0.5, 0.5)  # where in the box the focus point goes

    def draw(self, surface: Surface) -> None:
        surface.picture(
            self.box,
            self.source,
            fit=self.fit,
            focus=self.focus,
            shape=self.shape,
            radius=self.radius,
            focus_at=self.focus_at,
        )

    def backdrop(self, text: Box) -> Backdrop:
        return Backdrop(hides=self.source == "photo" and self.box.contains(text), unknown=True)


@dataclass(frozen=True)
class TextItem(PlanItem):
    font: str
    size: int
    color: RGBA
    lines: tuple[TextLine, ...]
    large: bool
    read_with: str = ""  # alt text reads this right after that (earlier) layer's text
    truncated: bool = False  # the text did not fit: its last line ends in "…"
    shrunk: bool = False  # set smaller than the layer's size to fit

    def draw(self, surface: Surface) -> None:
        surface.text(self.lines, self.font, self.size, self.color)

    def backdrop(self, text: Box) -> None:
        return None  # text is read, not read against


@dataclass(frozen=True)
class ArcItem(PlanItem):
    """A ring (donut chart): ``fraction`` of it in ``color`` from 12 o'clock clockwise, the rest
    in ``track`` (when given)."""

    color: RGBA
    track: RGBA | None
    fraction: float
    thickness: float

    def draw(self, surface: Surface) -> None:
        surface.ring(self.box, self.color, self.track, self.fraction, self.thickness)

    def marks(self) -> tuple[tuple[Box, RGBA], ...]:
        drawn = ((self.box, self.color),) if self.fraction > 0 else ()
        return drawn + (((self.box, self.track),) if self.track is not None else ())


@dataclass(frozen=True)
class StrokeItem(PlanItem):
    """Lines stroked in ``color``, ``width`` px wide with round caps and joins (a line icon),
    in units of the item's box."""

    lines: Polylines
    color: RGBA
    width: float

    def draw(self, surface: Surface) -> None:
        surface.strokes(self.box, self.lines, self.color, self.width)

    def backdrop(self, text: Box) -> None:
        return None  # thin lines put no colour behind text


@dataclass(frozen=True)
class Plan:
    """Everything the drawing module needs, as plain data."""

    canvas: Canvas
    background: RGBA
    items: tuple[PlanItem, ...]
    warnings: tuple[tuple[str, str], ...] = ()
    # What a screen reader says for a repeated cell (``rows[2]``) instead of its texts.
    alts: tuple[tuple[str, str], ...] = ()
    # How many cells each repeated group placed (``events``: 3): fewer than its items when the
    # rest did not fit.
    shown: tuple[tuple[str, int], ...] = ()


def stop_alpha(stops: Stops, t: float) -> float:
    """The opacity of a gradient with ``stops`` (position, opacity) at position ``t`` (0..1)."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, a0), (p1, a1) in itertools.pairwise(stops):
        if p0 <= t <= p1:
            return a0 + (a1 - a0) * ((t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]
