"""A repeated group (``repeat``): its layers once per element of a list, in a grid of cells."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from humaskit.i18n import _
from humaskit.layout.geometry import Box, Length
from humaskit.layout.plan import TextItem
from humaskit.layout.planner import Cell, Planner
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import (
    Choice,
    Columns,
    Count,
    Expression,
    Flag,
    LengthValue,
    Sublayers,
    Template,
)

__all__ = ["RepeatLayer"]


@layer_type("repeat")
@dataclass(frozen=True, eq=False, kw_only=True)
class RepeatLayer(Layer):
    """Its ``layers`` once per element of ``items``, in a grid of ``columns`` inside its box.

    The sub-layers are placed in their cell as if the cell were the frame, and see the element
    as ``item``, its position as ``index`` (from 1) and the number of cells as ``count``. With
    ``uniform``, a text sub-layer gets the same size in every cell (the size the fullest one
    needs), so tiles and rows read as one set. With ``fit_rows``, each row of cells is as tall as
    the text in it (with as much room under its lowest text as above its highest, and at least
    ``row_height``), so rows share one spacing instead of fixed slots; texts in such cells are
    placed from the cell's top, and rows that do not fit the box are left out (keeping
    ``reserve`` free below the last row, for a line that says so); at least ``min_rows`` rows
    stay (1 unless set: with 0 a group that has no room for one row is left out whole, so a
    list can give way to a row above it that matters more). With ``compact`` as well
    (fitted rows only), rows that leave elements out are set again with the ``compact`` layers,
    a denser cell, and those are kept when they show more elements. Later layers see how many
    cells were placed as ``shown[<id>]``.
    """

    items: Any = key(Expression())
    columns: Any = key(Columns(1, 8), 1)
    max_items: int = key(Count(1, 24), 12)
    spacing: Length | None = key(LengthValue(), None)
    spacing_x: Length | None = key(LengthValue(), None)
    row_height: Length | None = key(LengthValue(), None)
    valign: str = key(Choice(("top", "middle", "bottom")), "top")
    uniform: bool = key(Flag(), True)
    fit_rows: bool = key(Flag(), False)
    reserve: Length | None = key(LengthValue(), None)
    min_rows: int = key(Count(0, 24), 1)
    alt: Any = key(Template(), None)
    layers: tuple[Layer, ...] = key(Sublayers())
    compact: tuple[Layer, ...] | None = key(Sublayers(), None)

    def _elements(self, planner: Planner, scope: Mapping[str, Any]) -> list[Any] | None:
        raw = planner.evaluate(self, self.items, scope)
        if raw is None:
            return None
        if isinstance(raw, str | bytes | Mapping) or not isinstance(raw, Iterable):
            raise planner.fail(
                self,
                _("Layer {layer!r}: 'items' must give a list, not {value!r}.").format(
                    layer=self.id, value=raw
                ),
            )
        return list(raw)[: self.max_items]

    def _columns(self, planner: Planner, scope: Mapping[str, Any]) -> int:
        columns = self.columns
        if not isinstance(columns, int):
            columns = planner.evaluate(self, columns, scope)
            if not isinstance(columns, int) or isinstance(columns, bool) or columns < 1:
                raise planner.fail(
                    self,
                    _("Layer {layer!r}: 'columns' must give a whole number from 1.").format(
                        layer=self.id
                    ),
                )
        return columns

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        """Plan the cells into ``cell``; returns the box the cells cover."""
        elements = self._elements(planner, scope)
        if not elements:
            return None
        columns = min(self._columns(planner, scope), len(elements))
        scopes = [
            {**scope, "item": element, "index": index + 1, "count": len(elements)}
            for index, element in enumerate(elements)
        ]
        planned, cells = self._place(planner, cell.name(self), box, columns, scopes, self.layers)
        if self.fit_rows and self.compact and len(cells) < len(scopes):
            dense = self._place(planner, cell.name(self), box, columns, scopes, self.compact)
            if len(dense[1]) > len(cells):
                planned, cells = dense
        scopes = scopes[: len(cells)]
        planner.shown[self.id] = len(cells)
        if not cells:
            return None
        cell.items.extend(planned.items)
        cell.warnings.extend(planned.warnings)
        if self.alt is not None:
            for index, cell_scope in enumerate(scopes):
                said = planner.evaluate(self, self.alt, cell_scope, render=True).strip()
                planner.alts.append((f"{cell.name(self)}[{index + 1}]", " ".join(said.split())))
        return Box(box.x0, cells[0].y0, box.x1, max(c.y1 for c in cells))

    def _place(
        self,
        planner: Planner,
        name: str,
        box: Box,
        columns: int,
        scopes: list[dict[str, Any]],
        layers: tuple[Layer, ...],
    ) -> tuple[Cell, list[Box]]:
        """The cells of ``layers`` for as many of ``scopes`` as fit, and their frames."""
        rows = -(-len(scopes) // columns)
        gap_y = planner.length(self.spacing) or 0.0
        gap_x = planner.length(self.spacing_x) or gap_y
        cell_w = (box.width - gap_x * (columns - 1)) / columns
        pitch_h = planner.length(self.row_height)
        share_h = (box.height - gap_y * (rows - 1)) / rows
        # A row height is what a row wants; rows never spill out of the group's box.
        cell_h = min(pitch_h, share_h) if pitch_h is not None else share_h
        heights = [cell_h] * rows

        def frames(heights: list[float]) -> list[Box]:
            grid_h = sum(heights) + (len(heights) - 1) * gap_y
            top = {"top": box.y0, "bottom": box.y1 - grid_h}.get(
                self.valign, box.y0 + (box.height - grid_h) / 2
            )
            top = max(top, box.y0)  # a grid taller than its box starts at its top, never above
            out = []
            for index in range(min(len(scopes), len(heights) * columns)):
                row, col = divmod(index, columns)
                x0 = box.x0 + col * (cell_w + gap_x)
                y0 = top + sum(heights[:row]) + row * gap_y
                out.append(Box(x0, y0, x0 + cell_w, y0 + heights[row]))
            return out

        def plan_cells(cells: list[Box], caps: Mapping[str, int]) -> Cell:
            out = Cell(caps=caps)
            for index, (frame, cell_scope) in enumerate(zip(cells, scopes, strict=False)):
                out.prefix = f"{name}[{index + 1}]."
                planner.run(layers, cell_scope, frame, out)
            return out

        # Fitted rows are measured in cells as tall as the whole box, then set to their text.
        cells = frames([box.height] * rows if self.fit_rows else heights)
        planned = plan_cells(cells, {})
        caps: dict[str, int] = {}
        if self.uniform and len(cells) > 1:
            for item in planned.items:
                if isinstance(item, TextItem):
                    sub = item.layer.rsplit(".", 1)[-1]
                    caps[sub] = min(caps.get(sub, item.size), item.size)
            uneven = any(
                isinstance(item, TextItem) and item.size > caps[item.layer.rsplit(".", 1)[-1]]
                for item in planned.items
            )
            if uneven:
                planned = plan_cells(cells, caps)
        if self.fit_rows:
            fitted = _fitted_heights(planned, cells, name, columns, rows, pitch_h or 0.0)
            # Rows that do not fit are left out, keeping `reserve` free under the last one for
            # the later layer that says how many (it reads `shown`).
            room = box.height + 0.5
            if sum(fitted) + (rows - 1) * gap_y > room:
                room -= planner.length(self.reserve) or 0.0
            while rows > self.min_rows and sum(fitted) + (rows - 1) * gap_y > room:
                rows -= 1
                fitted = fitted[:rows]
            cells = frames(fitted)
            planned = plan_cells(cells, caps)
        return planned, cells


def _fitted_heights(
    planned: Cell, cells: list[Box], name: str, columns: int, rows: int, least: float
) -> list[float]:
    """Each row's height from its content: from the cell's top to its lowest text (or other
    item that does not stretch to the cell's foot, such as a bar under a figure, nor is part of
    one that does), plus the space between the cell's top and its highest text again below (at
    least ``least``)."""
    heights = [least] * rows
    for index, frame in enumerate(cells):
        prefix = f"{name}[{index + 1}]."
        mine = [i for i in planned.items if i.layer.startswith(prefix)]
        boxes = [i.box for i in mine if isinstance(i, TextItem)]
        if not boxes:
            continue
        # An item on the cell's foot moves with it, and so do its parts (a bar's track and tick).
        foot = [i.layer + "." for i in mine if i.box.y1 >= frame.y1 - 0.5]
        boxes += [
            i.box
            for i in mine
            if not isinstance(i, TextItem)
            and i.box.y1 < frame.y1 - 0.5
            and not i.layer.startswith(tuple(foot))
        ]
        top = min(b.y0 for b in boxes) - frame.y0
        bottom = max(b.y1 for b in boxes) - frame.y0
        row = index // columns
        heights[row] = max(heights[row], bottom + max(0.0, top))
    return heights
