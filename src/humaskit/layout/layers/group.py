"""A group of layers moved as one (``group``): its layers' block set at the top, the middle or
the bottom of the group's box, whatever height the block turns out to need."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.layout.geometry import Box
from humaskit.layout.plan import TextItem
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import Choice, Number, Sublayers

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["GROW_STEP", "GroupLayer"]

# A growing group's text is tried at 1 + n × GROW_STEP times its size, the largest n first.
GROW_STEP = 0.025
# ``valign: upper`` puts this share of the free room above the block (the optical centre,
# a little above the middle), the rest below it.
UPPER_SHARE = 1 / 3


@layer_type("group")
@dataclass(frozen=True, eq=False, kw_only=True)
class GroupLayer(Layer):
    """Its ``layers`` placed inside its box as if the box were the frame, then the block they
    make moved as one so it sits at the ``valign`` of the box (``upper``: a third of the free
    room above it, two thirds below): a headline, its summary and its
    date line centred in a tall story whether the headline takes two lines or eight.

    The layers are planned twice: once to learn the block's height, then in a frame moved by
    the difference, so every size and line break is the one the first pass found. Later
    layers line up with the block (``above: <group id>``), not with the layers inside it.

    With ``grow`` above 1, a block that leaves room in the box is set again zoomed: its text
    sizes and its layers' lengths (gaps, widths, heights) up to ``grow`` times as large, at the
    largest step of :data:`GROW_STEP` whose block still fits with no text cut, left out or set
    smaller than at its own size (a grown headline may not squeeze the summary). Two short points
    then fill a slide as a designer would set them instead of floating in it.

    A group may hold a repeat (a list of rows under a headline, the block moved as one), but
    not another group.
    """

    valign: str = key(Choice(("top", "upper", "middle", "bottom")), "middle")
    grow: float = key(Number(1, 3), 1.0)
    layers: tuple[Layer, ...] = key(Sublayers(repeats=True))

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

        shown: dict[str, int] = {}  # each text the block shows at its own zoom, and its size

        def measure(zoom: float) -> tuple[Box | None, bool]:
            """The block at ``zoom`` and whether any of its text was cut, left out or set
            smaller than at the block's own zoom (an ``overflow: drop`` summary, one shrunk
            to fit under a grown headline; the first pass, at its own zoom, records them;
            a pass that only measures)."""
            alts = len(planner.alts)
            trial = Cell(prefix=cell.prefix, caps=cell.caps, zoom=zoom)
            used = block(box, trial)
            del planner.alts[alts:]
            texts = {i.layer: i for i in trial.items if isinstance(i, TextItem)}
            if not shown:
                shown.update({name: item.size for name, item in texts.items()})
            cut = any(i.truncated for i in texts.values()) or any(
                name not in texts or texts[name].size < size for name, size in shown.items()
            )
            return used, cut

        shift = 0.0
        zoom = cell.zoom
        if self.grow > 1:
            measure(cell.zoom)
            zoom = self._grown(cell.zoom, box, measure)
        if self.valign != "top":
            used, _cut = measure(zoom)
            if used is None:
                return None
            room = box.y1 - used.y1
            share = {"bottom": 1.0, "upper": UPPER_SHARE}.get(self.valign, 0.5)
            shift = room - (1 - share) * (room + used.y0 - box.y0)
            # A block taller than the box keeps its top in the box (it runs over at the foot).
            shift = max(shift, box.y0 - used.y0)
        frame = Box(box.x0, box.y0 + shift, box.x1, box.y1 + shift)
        outer, cell.zoom = cell.zoom, zoom
        try:
            return block(frame, cell)
        finally:
            cell.zoom = outer

    def _grown(
        self, base: float, box: Box, measure: Callable[[float], tuple[Box | None, bool]]
    ) -> float:
        """The largest zoom of ``base × (1 + n × GROW_STEP)``, up to ``grow``, whose block fits
        ``box`` with no text cut (``base`` when none does). A block only grows with its zoom,
        so the steps are bisected: at most 5 trial passes for the 16 steps of 1.4, not 16."""

        def fits(step: int) -> bool:
            used, cut = measure(base * (1 + step * GROW_STEP))
            return used is not None and not cut and used.y1 <= box.y1 + 0.5

        low, high = 0, int((self.grow - 1) / GROW_STEP + 1e-9)  # step `low` fits (0: as is)
        if high and fits(high):
            return base * (1 + high * GROW_STEP)
        high -= 1
        while low < high:
            middle = (low + high + 1) // 2
            if fits(middle):
                low = middle
            else:
                high = middle - 1
        return base * (1 + low * GROW_STEP)
