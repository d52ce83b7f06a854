"""A group of layers moved as one (``group``): its layers' block set at the top, the middle or
the bottom of the group's box, whatever height the block turns out to need."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.layout.geometry import Box
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import Choice, Sublayers

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["GroupLayer"]


@layer_type("group")
@dataclass(frozen=True, eq=False, kw_only=True)
class GroupLayer(Layer):
    """Its ``layers`` placed inside its box as if the box were the frame, then the block they
    make moved as one so it sits at the ``valign`` of the box: a headline, its summary and its
    date line centred in a tall story whether the headline takes two lines or eight.

    The layers are planned twice: once to learn the block's height, then in a frame moved by
    the difference, so every size and line break is the one the first pass found. Later
    layers line up with the block (``above: <group id>``), not with the layers inside it.
    """

    valign: str = key(Choice(("top", "middle", "bottom")), "middle")
    layers: tuple[Layer, ...] = key(Sublayers())

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        from humaskit.layout.planner import Cell

        def block(frame: Box, into: Cell) -> Box | None:
            placed = planner.run(self.layers, scope, frame, into).values()
            if not placed:
                return None
            return Box(
                min(b.x0 for b in placed),
                min(b.y0 for b in placed),
                max(b.x1 for b in placed),
                max(b.y1 for b in placed),
            )

        shift = 0.0
        if self.valign != "top":
            alts = len(planner.alts)
            used = block(box, Cell(prefix=cell.prefix, caps=cell.caps))
            del planner.alts[alts:]  # the first pass only measures
            if used is None:
                return None
            room = box.y1 - used.y1
            shift = room if self.valign == "bottom" else (room - (used.y0 - box.y0)) / 2
            # A block taller than the box keeps its top in the box (it runs over at the foot).
            shift = max(shift, box.y0 - used.y0)
        frame = Box(box.x0, box.y0 + shift, box.x1, box.y1 + shift)
        return block(frame, cell)
