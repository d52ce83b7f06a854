"""Marks drawn on other layers: ``strike``, a line through each line of an earlier text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.layout.geometry import Box, Length
from humaskit.layout.plan import MarkItem, TextItem
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import ColorRole, LayerRef, LengthValue, Number

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["StrikeLayer"]


@layer_type("strike")
@dataclass(frozen=True, eq=False, kw_only=True)
class StrikeLayer(Layer):
    """A line struck through every line of the earlier text layer ``text``, as drawn (a claim
    marked false). The line sits ``position`` of the text's size above each baseline (about the
    middle of the lower-case letters), ``thickness`` thick (an eleventh of the size without it),
    and runs ``overhang`` past both ends of the line. Its box is the struck text's."""

    text: str = key(LayerRef())
    color: str = key(ColorRole(), "alert")
    alpha: float = key(Number(0, 1), 1.0)
    thickness: Length | None = key(LengthValue(), None)
    position: float = key(Number(0, 1), 0.3)
    overhang: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        name = cell.prefix + self.text
        struck = next(
            (i for i in reversed(cell.items) if isinstance(i, TextItem) and i.layer == name),
            None,
        )
        if struck is None:  # the text was left out, so is its strike
            return None
        color = planner.color(self, self.color, self.alpha)
        thick = planner.length(self.thickness) or struck.size / 11
        over = planner.length(self.overhang) or 0.0
        for n, line in enumerate(struck.lines):
            y = line.baseline - struck.size * self.position
            rule = Box(line.x - over, y - thick / 2, line.x + line.width + over, y + thick / 2)
            cell.items.append(MarkItem(f"{cell.name(self)}.{n + 1}", rule, color, thick / 2))
        return struck.box
