"""A rubber stamp (``stamp``): a word in an outlined rounded rectangle, turned a few degrees.

The stamp is a mark made of a shape and a word (the hoax card's HOAKS over the false claim). It
is planned as two items: the outline with its paper (:class:`StampFrameItem`), then the word
(:class:`StampTextItem`, a text block like any other: the manifest lists it with its real size,
the alt text reads it, the contrast check judges it against the stamp's paper). Both are drawn
turned ``angle`` degrees about the middle of the outline, by the surface's
:meth:`~humaskit.layout.plan.Surface.stamp`.

The stamp is as large as its word makes it: the word at ``size``, the outline ``pad_x`` and
``pad_y`` round the word's capitals (a stamp's word is set in capitals), ``border`` thick, with an
optional thin ``rule`` inside it (a double-lined stamp). Its box only places it: ``align`` and
``valign`` say which edge, or the middle, of the box the turned stamp's bounding box lines up
with, so a box of no height (``top: 0, height: 0``) sets the stamp's middle on a line, e.g.
astride a panel's top edge. Later layers line up with the turned stamp's bounding box
(``below: stamp``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.layout.geometry import Box, Length
from humaskit.layout.layers.text import _is_large
from humaskit.layout.plan import RGBA, Backdrop, PlanItem, Stamp, Surface, TextItem, TextLine
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.typography import tidy
from humaskit.layout.values import (
    Choice,
    ColorRole,
    FontRole,
    LayerRef,
    LengthValue,
    Number,
    Template,
)

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["StampFrameItem", "StampLayer", "StampTextItem", "turned_bounds"]

CAP_HEIGHT = 0.72  # of the font size, when the measurer cannot tell
_NO_FRAME = Box(0, 0, 0, 0)


def _turn(x: float, y: float, pivot: tuple[float, float], angle: float) -> tuple[float, float]:
    """Point ``(x, y)`` turned ``angle`` degrees counter-clockwise (as seen) about ``pivot``."""
    a = math.radians(angle)
    dx, dy = x - pivot[0], y - pivot[1]
    # y grows downwards: a counter-clockwise turn lifts a point right of the pivot.
    return (
        pivot[0] + dx * math.cos(a) + dy * math.sin(a),
        pivot[1] - dx * math.sin(a) + dy * math.cos(a),
    )


def _middle(box: Box) -> tuple[float, float]:
    return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


def turned_bounds(box: Box, pivot: tuple[float, float], angle: float) -> Box:
    """The upright bounding box of ``box`` turned ``angle`` degrees about ``pivot``."""
    corners = [_turn(x, y, pivot, angle) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return Box(round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


def _upright(box: Box, angle: float) -> tuple[float, float] | None:
    """The width and height of the rectangle that, turned ``angle`` degrees, has ``box`` for its
    bounding box (``None`` when there is none, e.g. at 45 degrees)."""
    a = math.radians(angle)
    c, s = abs(math.cos(a)), abs(math.sin(a))
    det = c * c - s * s
    if det < 1e-6:
        return None
    w = (box.width * c - box.height * s) / det
    h = (box.height * c - box.width * s) / det
    return (w, h) if w > 0 and h > 0 else None


@dataclass(frozen=True)
class StampFrameItem(PlanItem):
    """The stamp's outline, ``border`` px thick (and its thin ``rule`` inside, ``rule_gap`` px
    in from the outline), in ``color``, over its ``paper`` (when given). ``frame`` is the
    outline as if upright; it is drawn turned ``angle`` degrees about its middle. The item's
    ``box`` is the turned outline's bounding box."""

    frame: Box
    angle: float
    color: RGBA
    paper: RGBA | None
    radius: float
    border: float
    rule: float
    rule_gap: float

    def draw(self, surface: Surface) -> None:
        inner = self.border + self.rule_gap
        rule = ((inner, True), (inner + self.rule, False)) if self.rule > 0 else ()
        edges = ((0.0, True), (self.border, False), *rule) if self.border > 0 else rule
        surface.stamp(
            Stamp(self.frame, self.angle, self.radius, self.color, self.paper, tuple(edges))
        )

    def backdrop(self, text: Box) -> Backdrop:
        """The paper, where ``text`` lies wholly inside the outline, within the rules.

        A text box inside the stamp's bounding box is taken to be turned with the stamp, as
        its word is (:class:`StampTextItem`'s box is the bounding box of its turned capitals):
        the turned rectangle whose bounding box it is must lie inside the paper."""
        if self.paper is None:
            return Backdrop()
        inset = self.border + (self.rule_gap + self.rule if self.rule > 0 else 0.0)
        inner = Box(
            self.frame.x0 + inset,
            self.frame.y0 + inset,
            self.frame.x1 - inset,
            self.frame.y1 - inset,
        )
        pivot = _middle(self.frame)
        shape = _upright(text, self.angle) if self.box.contains(text) else None
        if shape is None:  # the box itself, turned back upright
            corners = [
                _turn(x, y, pivot, -self.angle)
                for x in (text.x0, text.x1)
                for y in (text.y0, text.y1)
            ]
        else:  # the rectangle turned with the stamp, as it stood before it was turned
            centre = _turn(*_middle(text), pivot, -self.angle)
            w, h = shape
            corners = [
                (centre[0] + dx * w / 2, centre[1] + dy * h / 2) for dx in (-1, 1) for dy in (-1, 1)
            ]
        covers = all(
            inner.x0 - 0.01 <= x <= inner.x1 + 0.01 and inner.y0 - 0.01 <= y <= inner.y1 + 0.01
            for x, y in corners
        )
        alpha = self.paper[3] / 255
        return Backdrop(self.paper[:3], alpha if covers else 0.0, hides=covers and alpha == 1)


@dataclass(frozen=True)
class StampTextItem(TextItem):
    """The stamp's word: its ``lines`` are set as if upright in ``frame``, the stamp's outline,
    and drawn turned ``angle`` degrees about the outline's middle. The item's ``box`` is the
    bounding box of the turned capitals."""

    frame: Box = _NO_FRAME
    angle: float = 0.0

    def draw(self, surface: Surface) -> None:
        lines, font, size = self.lines, self.font, self.size
        surface.stamp(
            Stamp(self.frame, self.angle, 0.0, self.color, lines=lines, font=font, size=size)
        )


@layer_type("stamp")
@dataclass(frozen=True, eq=False, kw_only=True)
class StampLayer(Layer):
    """A word in an outlined rounded rectangle, turned ``angle`` degrees counter-clockwise (a
    positive angle lifts the right end), both in ``color``, over ``paper`` when given. With
    ``label_for``, the stamp labels that earlier text layer: the alt text reads the stamp's word
    right before it (a claim set first, from the foot up, and its stamp placed above it)."""

    text: Any = key(Template())
    font: str = key(FontRole(), "heading")
    color: str = key(ColorRole(), "alert")
    paper: str | None = key(ColorRole(), None)
    size: Length = key(LengthValue(), Length(((8.0, "w"),)))
    angle: float = key(Number(-30, 30), 6.0)
    border: Length | None = key(LengthValue(), None)
    rule: Length | None = key(LengthValue(), None)
    rule_gap: Length | None = key(LengthValue(), None)
    radius: Length | None = key(LengthValue(), None)
    pad_x: Length | None = key(LengthValue(), None)
    pad_y: Length | None = key(LengthValue(), None)
    align: str = key(Choice(("left", "center", "right")), "left")
    valign: str = key(Choice(("top", "middle", "bottom")), "middle")
    label_for: str | None = key(LayerRef(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        word = tidy(" ".join(planner.evaluate(self, self.text, scope, render=True).split()))
        if not word:
            return None
        canvas = planner.canvas
        # Like any text, no larger than the canvas's long side.
        size = min(
            round(self.size.px(canvas.width, canvas.height) * cell.zoom),
            max(canvas.width, canvas.height),
        )
        if size <= 0:
            return None
        measure = getattr(planner.measurer, "cap_height", None)
        cap = size * (measure(self.font) if callable(measure) else CAP_HEIGHT)
        width = planner.measurer.advance(word, self.font) * size

        def length(value: Length | None, default: float) -> float:
            found = planner.length(value)
            return default if found is None else found * cell.zoom

        border = length(self.border, size / 11)
        rule = length(self.rule, 0.0)
        rule_gap = length(self.rule_gap, border * 0.6) if rule > 0 else 0.0
        inset = border + (rule_gap + rule if rule > 0 else 0.0)
        pad_x, pad_y = length(self.pad_x, size * 0.42), length(self.pad_y, size * 0.36)
        w = width + 2 * (pad_x + inset)
        h = cap + 2 * (pad_y + inset)
        # The turned stamp's bounding box lines up with the box: its edge or its middle.
        a = math.radians(self.angle)
        bw = w * abs(math.cos(a)) + h * abs(math.sin(a))
        bh = w * abs(math.sin(a)) + h * abs(math.cos(a))
        bx = {"left": box.x0, "right": box.x1 - bw}.get(self.align, box.x0 + (box.width - bw) / 2)
        by = {"top": box.y0, "bottom": box.y1 - bh}.get(self.valign, box.y0 + (box.height - bh) / 2)
        x0, y0 = bx + (bw - w) / 2, by + (bh - h) / 2
        frame = Box(round(x0, 2), round(y0, 2), round(x0 + w, 2), round(y0 + h, 2))
        pivot = _middle(frame)
        radius = length(self.radius, size / 6)
        ink = planner.color(self, self.color, 1.0)
        paper = None if self.paper is None else planner.color(self, self.paper, 1.0)
        outline = turned_bounds(frame, pivot, self.angle)
        cell.items.append(
            StampFrameItem(
                f"{cell.name(self)}.frame",
                outline,
                frame,
                self.angle,
                ink,
                paper,
                round(radius, 2),
                round(border, 2),
                round(rule, 2),
                round(rule_gap, 2),
            )
        )
        # The word centred in the outline, its capitals on the middle.
        x = frame.x0 + (frame.width - width) / 2
        baseline = pivot[1] + cap / 2
        line = TextLine(word, round(x, 2), round(baseline, 2), round(width, 2))
        capitals = Box(x, baseline - cap, x + width, baseline)
        cell.items.append(
            StampTextItem(
                cell.name(self),
                turned_bounds(capitals, pivot, self.angle),
                self.font,
                size,
                ink,
                (line,),
                _is_large(size, planner.weights.get(self.font, 400), canvas),
                frame=frame,
                angle=self.angle,
            )
        )
        if self.label_for is not None:
            _label(cell, cell.prefix + self.label_for, cell.name(self))
        return outline


def _label(cell: Cell, text: str, stamp: str) -> None:
    """Have the alt text read the earlier text item ``text`` right after the stamp's word, as
    its ``read_with`` does for a text planned after its label."""
    for i in range(len(cell.items) - 1, -1, -1):
        item = cell.items[i]
        if isinstance(item, TextItem) and item.layer == text:
            cell.items[i] = dataclasses.replace(item, read_with=stamp)
            return
