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


def _check_behind(
    layer: RectLayer | GradientLayer, fail: Callable[..., TemplateError], lines: Mapping[str, int]
) -> None:
    if layer.behind and layer.box.wrap is None and layer.box.inside is None:
        raise fail(
            _("Layer {layer!r}: 'behind' needs 'box: {{wrap: [...]}}'.").format(layer=layer.id),
            lines.get("behind", layer.line),
            f"{layer.id}.behind",
            _("Name the earlier layers this shape goes behind, e.g. wrap: [logo, unit]."),
        )


def _refs(layer: Layer) -> tuple[str, ...]:
    """The layers a shape drawn ``behind`` goes under: those it wraps, or the one it is inside."""
    return (*(layer.box.wrap or ()), *((layer.box.inside,) if layer.box.inside else ()))


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
        _check_behind(self, fail, lines)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        color = planner.color(self, self.color, self.alpha)
        fill = FillItem(cell.name(self), box, color, planner.length(self.radius) or 0.0)
        if self.behind:
            cell.put_behind(fill, _refs(self))
        else:
            cell.items.append(fill)
        return box


@layer_type("gradient")
@dataclass(frozen=True, eq=False, kw_only=True)
class GradientLayer(Layer):
    """A colour whose opacity ramps across the box, e.g. a scrim that darkens a photo's foot.
    With ``behind`` and ``box: {wrap}`` (or ``inside``), a scrim drawn under the layers it wraps
    (or is placed inside), though declared after them: it darkens the photo only where a text
    block of any height turned out to be."""

    default_frame: ClassVar[str] = "canvas"

    color: str = key(ColorRole(), "secondary")
    direction: str = key(Choice(("down", "up", "right", "left")), "down")
    stops: Stops = key(StopsValue(), ((0.0, 0.0), (1.0, 1.0)))
    behind: bool = key(Flag(), False)

    def check(self, fail: Callable[..., TemplateError], lines: Mapping[str, int]) -> None:
        _check_behind(self, fail, lines)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        color = planner.color(self, self.color, 1.0)
        item = GradientItem(cell.name(self), box, color, self.direction, self.stops)
        if self.behind:
            cell.put_behind(item, _refs(self))
        else:
            cell.items.append(item)
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
