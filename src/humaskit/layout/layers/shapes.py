"""Flat shapes: a rectangle (``rect``), a gradient scrim (``gradient``), the batik ``pattern``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from humaskit.errors import TemplateError
from humaskit.i18n import _
from humaskit.layout.geometry import Box, Length
from humaskit.layout.plan import FillItem, GradientItem, PatternItem, Stops
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import Choice, ColorRole, Flag, LengthValue, Number
from humaskit.layout.values import Stops as StopsValue

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["GradientLayer", "PatternLayer", "RectLayer"]


@layer_type("rect")
@dataclass(frozen=True, eq=False, kw_only=True)
class RectLayer(Layer):
    """A filled rectangle, its corners optionally rounded; with ``behind`` and ``box: {wrap}``, a
    panel drawn under the layers it wraps, though declared after them."""

    color: str = key(ColorRole(), "primary")
    alpha: float = key(Number(0, 1), 1.0)
    radius: Length | None = key(LengthValue(), None)
    behind: bool = key(Flag(), False)

    def check(self, fail: Callable[..., TemplateError], lines: Mapping[str, int]) -> None:
        if self.behind and self.box.wrap is None:
            raise fail(
                _("Layer {layer!r}: 'behind' needs 'box: {{wrap: [...]}}'.").format(layer=self.id),
                lines.get("behind", self.line),
                f"{self.id}.behind",
                _("Name the earlier layers this shape goes behind, e.g. wrap: [logo, unit]."),
            )

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        color = planner.color(self, self.color, self.alpha)
        fill = FillItem(cell.name(self), box, color, planner.length(self.radius) or 0.0)
        wrapped = {cell.prefix + r for r in self.box.wrap or ()}
        # A repeated group's items are named after its cells ("week[1].entry").
        first = next(
            (
                i
                for i, it in enumerate(cell.items)
                if it.layer in wrapped or it.layer.split("[", 1)[0] in wrapped
            ),
            None,
        )
        if self.behind and first is not None:
            cell.items.insert(first, fill)
        else:
            cell.items.append(fill)
        return box


@layer_type("gradient")
@dataclass(frozen=True, eq=False, kw_only=True)
class GradientLayer(Layer):
    """A colour whose opacity ramps across the box, e.g. a scrim that darkens a photo's foot."""

    default_frame: ClassVar[str] = "canvas"

    color: str = key(ColorRole(), "secondary")
    direction: str = key(Choice(("down", "up", "right", "left")), "down")
    stops: Stops = key(StopsValue(), ((0.0, 0.0), (1.0, 1.0)))

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        color = planner.color(self, self.color, 1.0)
        cell.items.append(GradientItem(cell.name(self), box, color, self.direction, self.stops))
        return box


@layer_type("pattern")
@dataclass(frozen=True, eq=False, kw_only=True)
class PatternLayer(Layer):
    """The batik motif, faint, over the box."""

    default_frame: ClassVar[str] = "canvas"

    color: str = key(ColorRole(), "secondary")
    alpha: float = key(Number(0, 1), 0.2)
    scale: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        color = planner.color(self, self.color, self.alpha)
        scale = planner.length(self.scale) or planner.canvas.short / 10
        cell.items.append(PatternItem(cell.name(self), box, color, scale))
        return box
