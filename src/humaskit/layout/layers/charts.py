"""Charts of one figure: a progress ``bar`` and a ring (``donut``), both filled to ``value``.

Both draw on their figure's own scale, from zero: ``value`` is how full (0..1) and the
optional ``target`` (0..1) is a tick on the bar. Their track shows the whole scale, so it must
be visible: the built-in layouts draw it as a thin rail through the bar's middle (or a thin
ring inside the donut), light enough for 3:1 against the card and apart from the fill, which
is 3:1 against the card on its own (WCAG 1.4.11; :mod:`humaskit.layout.contrast` checks every
mark these layers draw).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.i18n import _
from humaskit.layout.geometry import Box, Length
from humaskit.layout.plan import ArcItem, FillItem, MarkItem
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import ColorRole, Expression, LengthValue, Number

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["BarLayer", "ChartLayer", "DonutLayer"]


@dataclass(frozen=True, eq=False, kw_only=True)
class ChartLayer(Layer):
    """What bars and rings share: how full (``value``, 0..1) and the colours of fill and track."""

    value: Any = key(Expression())
    color: str = key(ColorRole(), "accent")
    alpha: float = key(Number(0, 1), 1.0)
    track: str | None = key(ColorRole(), None)
    track_alpha: float = key(Number(0, 5), 0.25)

    def fraction(self, planner: Planner, scope: Mapping[str, Any]) -> float:
        """``value`` evaluated, clamped to 0..1."""
        found = self._fraction(planner, scope, self.value, "value")
        return 0.0 if found is None else found

    def _fraction(
        self, planner: Planner, scope: Mapping[str, Any], compiled: Any, name: str
    ) -> float | None:
        """An expression of this layer as a fraction clamped to 0..1 (``None`` stays None)."""
        raw = planner.evaluate(self, compiled, scope)
        if raw is None and name != "value":
            return None
        try:
            value = float(raw if raw is not None else 0.0)
        except (TypeError, ValueError):
            raise planner.fail(
                self,
                _("Layer {layer!r}: {key!r} gave {value!r}, not a number.").format(
                    layer=self.id, key=name, value=raw
                ),
                _("{key!r} is a fraction from 0 to 1, e.g. item.fill or item.tick.").format(
                    key=name
                ),
            ) from None
        # A chart never draws past its end or below zero: the number next to it says the rest.
        return min(1.0, max(0.0, value)) if value == value else 0.0


@layer_type("bar")
@dataclass(frozen=True, eq=False, kw_only=True)
class BarLayer(ChartLayer):
    """A horizontal bar filled to ``value`` of its box, over an optional track, with an
    optional target tick.

    ``track_height`` draws the track as a rail of that height through the bar's middle (the
    whole height without it). ``target`` (0..1) puts a tick there in ``tick_color``, taller than
    the bar by ``tick_overhang`` above and below; ``tick_halo`` rims it in another colour so it
    stays apart from the fill it may cross.
    """

    radius: Length | None = key(LengthValue(), None)
    track_height: Length | None = key(LengthValue(), None)
    target: Any = key(Expression(), None)
    tick_color: str = key(ColorRole(), "text_on_dark")
    tick_width: Length | None = key(LengthValue(), None)
    tick_overhang: Length | None = key(LengthValue(), None)
    tick_halo: str | None = key(ColorRole(), None)
    tick_halo_width: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        name = cell.name(self)
        fraction = self.fraction(planner, scope)
        radius = min(planner.length(self.radius) or 0.0, box.height / 2)
        if self.track is not None:
            track = planner.color(self, self.track, self.track_alpha)
            rail = planner.length(self.track_height)
            height = box.height if rail is None else min(box.height, max(1.0, rail))
            mid = (box.y0 + box.y1) / 2
            rail_box = Box(box.x0, mid - height / 2, box.x1, mid + height / 2)
            cell.items.append(MarkItem(name + ".track", rail_box, track, min(radius, height / 2)))
        width = box.width * fraction
        if width >= 1:
            color = planner.color(self, self.color, self.alpha)
            fill = Box(box.x0, box.y0, box.x0 + width, box.y1)
            cell.items.append(MarkItem(name, fill, color, min(radius, width / 2)))
        target = (
            self._fraction(planner, scope, self.target, "target")
            if self.target is not None
            else None
        )
        if target is not None:
            self._tick(planner, cell, box, target)
        return box

    def _tick(self, planner: Planner, cell: Cell, box: Box, target: float) -> None:
        """The target's tick: centred on its place, but never past the bar's ends."""
        name = cell.name(self)
        width = planner.length(self.tick_width) or max(2.0, box.height * 0.3)
        over = planner.length(self.tick_overhang)
        over = box.height * 0.45 if over is None else over
        halo = (planner.length(self.tick_halo_width) or width / 2) if self.tick_halo else 0.0
        x = box.x0 + box.width * target
        x0 = min(max(x - width / 2, box.x0 + halo), box.x1 - halo - width)
        tick = Box(x0, box.y0 - over, x0 + width, box.y1 + over)
        if self.tick_halo is not None:
            rim = planner.color(self, self.tick_halo, 1.0)
            around = Box(tick.x0 - halo, tick.y0 - halo, tick.x1 + halo, tick.y1 + halo)
            cell.items.append(FillItem(name + ".tick-halo", around, rim))
        color = planner.color(self, self.tick_color, 1.0)
        cell.items.append(MarkItem(name + ".tick", tick, color))


@layer_type("donut")
@dataclass(frozen=True, eq=False, kw_only=True)
class DonutLayer(ChartLayer):
    """A ring filled to ``value``, for a single percentage; ``track_thickness`` draws the track
    as a thinner ring along the middle of the filled one (the full thickness without it)."""

    thickness: Length | None = key(LengthValue(), None)
    track_thickness: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        fraction = self.fraction(planner, scope)
        side = min(box.width, box.height)
        square = Box(
            box.x0 + (box.width - side) / 2,
            box.y0 + (box.height - side) / 2,
            box.x0 + (box.width + side) / 2,
            box.y0 + (box.height + side) / 2,
        )
        thickness = min(planner.length(self.thickness) or side * 0.14, side / 2)
        color = planner.color(self, self.color, self.alpha)
        track = (
            planner.color(self, self.track, self.track_alpha) if self.track is not None else None
        )
        thin = planner.length(self.track_thickness)
        name = cell.name(self)
        if track is not None and thin is not None and thin < thickness:
            inset = (thickness - thin) / 2
            inner = Box(square.x0 + inset, square.y0 + inset, square.x1 - inset, square.y1 - inset)
            cell.items.append(ArcItem(name + ".track", inner, track, None, 1.0, max(1.0, thin)))
            track = None
        cell.items.append(ArcItem(name, square, color, track, fraction, thickness))
        return square  # the ring's square: what text placed in or by it lines up with
