"""Charts of one figure: a progress ``bar`` and a ring (``donut``), both filled to ``value``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.i18n import _
from humaskit.layout.geometry import Box, Length
from humaskit.layout.plan import ArcItem, FillItem
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
        raw = planner.evaluate(self, self.value, scope)
        try:
            value = float(raw if raw is not None else 0.0)
        except (TypeError, ValueError):
            raise planner.fail(
                self,
                _("Layer {layer!r}: 'value' gave {value!r}, not a number.").format(
                    layer=self.id, value=raw
                ),
                _("'value' is a fraction from 0 to 1, e.g. item.ratio or item.share."),
            ) from None
        # A chart never draws past its end or below zero: the number next to it says the rest.
        return min(1.0, max(0.0, value)) if value == value else 0.0


@layer_type("bar")
@dataclass(frozen=True, eq=False, kw_only=True)
class BarLayer(ChartLayer):
    """A horizontal bar filled to ``value`` of its box, over an optional track."""

    radius: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        name = cell.name(self)
        fraction = self.fraction(planner, scope)
        radius = min(planner.length(self.radius) or 0.0, box.height / 2)
        if self.track is not None:
            track = planner.color(self, self.track, self.track_alpha)
            cell.items.append(FillItem(name + ".track", box, track, radius))
        width = box.width * fraction
        if width >= 1:
            color = planner.color(self, self.color, self.alpha)
            fill = Box(box.x0, box.y0, box.x0 + width, box.y1)
            cell.items.append(FillItem(name, fill, color, min(radius, width / 2)))
        return box


@layer_type("donut")
@dataclass(frozen=True, eq=False, kw_only=True)
class DonutLayer(ChartLayer):
    """A ring filled to ``value``, for a single percentage."""

    thickness: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        fraction = self.fraction(planner, scope)
        side = min(box.width, box.height)
        square = Box(
            box.x0 + (box.width - side) / 2,
            box.y0 + (box.height - side) / 2,
            box.x0 + (box.width + side) / 2,
            box.y0 + (box.height + side) / 2,
        )
        thickness = planner.length(self.thickness) or side * 0.14
        color = planner.color(self, self.color, self.alpha)
        track = (
            planner.color(self, self.track, self.track_alpha) if self.track is not None else None
        )
        cell.items.append(
            ArcItem(cell.name(self), square, color, track, fraction, min(thickness, side / 2))
        )
        return square  # the ring's square: what text placed in or by it lines up with
