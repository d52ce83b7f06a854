"""The pure layout planner: a layout, a canvas and a card's values in, a :class:`Plan` out.

Positions are insets from the edges of the canvas (or of its safe frame, which leaves out a
story's top and bottom zones), in units of the canvas (``6s`` = 6 % of the short side,
``50w``/``50h`` = half the width/height, ``12px``), or relative to an earlier layer
(``above: headline``). So one layout serves every size.

The planner places each layer's box and leaves the rest to the layer itself
(:meth:`~humaskit.layout.schema.Layer.plan`). It never touches pixels; text is measured through
the :class:`~humaskit.layout.plan.Measurer` protocol, which ``humaskit.cards.draw`` implements
with Pillow and tests fake.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.layout.geometry import Box, Canvas, Length
from humaskit.layout.plan import RGBA, Measurer, Plan, PlanItem, TextItem
from humaskit.layout.schema import BoxSpec, Layer, Layout
from humaskit.layout.values import DEFAULT_COLORS, HEX_COLOR

__all__ = ["Cell", "Planner", "plan_layout"]

# No layer box is larger than this many times the canvas's long side (a full bleed needs one).
MAX_BOX_SIDES = 2


def plan_layout(
    layout: Layout,
    canvas: Canvas,
    *,
    values: Mapping[str, Any],
    colors: Mapping[str, str],
    measurer: Measurer,
    available: Iterable[str] = (),
    weights: Mapping[str, int] | None = None,
) -> Plan:
    """Plan one card: boxes, colours, fitted text, in drawing order.

    Args:
        layout: the layout to plan.
        canvas: the image size and its safe zones.
        values: the card's fields, as seen by the layout's Jinja expressions.
        colors: colour roles to ``#RRGGBB``.
        measurer: measures text at a size of 1 px.
        available: image sources present (``photo``, ``logo``); image layers of absent sources
            are left out.
        weights: font weight per font role, for telling large text from small.

    Returns:
        The plan, with ``text-shrunk``/``text-truncated`` warnings.

    Raises:
        TemplateError: an expression fails or a colour role is unknown.
    """
    planner = Planner(layout, canvas, colors, measurer, set(available), weights or {})
    cell = Cell()
    # `shown` fills as repeated groups are placed: a later layer says how many did not fit.
    scope = {**values, "canvas": canvas.facts(), "shown": planner.shown}
    planner.run(layout.layers, scope, None, cell)
    background = planner.color(layout.layers[0], layout.background, 1.0)
    return Plan(
        canvas,
        background,
        tuple(cell.items),
        tuple(dict.fromkeys(cell.warnings)),
        tuple(planner.alts),
        tuple(planner.shown.items()),
    )


@dataclass
class Cell:
    """Where planned items go: the whole card, or one cell of a repeated group.

    ``prefix`` names the cell in item names (``rows[2].``); ``caps`` caps text sizes per layer id
    (so the cells of a group get one size); ``zoom`` scales the text sizes and box lengths (a
    group that grows its block into a box it would leave half empty).
    """

    prefix: str = ""
    caps: Mapping[str, int] = field(default_factory=dict)
    # Text in this cell is set up to ``zoom`` times its layer's ``size``, and its boxes' lengths
    # are ``zoom`` times as long (a group's ``grow``).
    zoom: float = 1.0
    items: list[PlanItem] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # Where each planned layer's items start in ``items``, by item name (a group's too).
    starts: dict[str, int] = field(default_factory=dict)

    def name(self, layer: Layer) -> str:
        """The name of ``layer``'s items in this cell."""
        return self.prefix + layer.id

    def put_behind(self, item: PlanItem, layers: Iterable[str] | None) -> None:
        """Add ``item`` under the items of the earlier ``layers`` (ids in this cell), so it is
        drawn before them; after everything when none of them drew anything. With ``None``,
        under everything the cell holds so far."""
        if layers is None:
            first = 0
        else:
            names = {self.prefix + r for r in layers}
            first = min((i for n, i in self.starts.items() if n in names), default=len(self.items))
        self.items.insert(first, item)
        for name, start in self.starts.items():
            if start >= first:
                self.starts[name] = start + 1
        # The layer's items start here, not where the planner was when it planned the layer.
        self.starts[item.layer] = min(self.starts.get(item.layer, first), first)


@dataclass
class Planner:
    """Plans a sequence of layers; what every layer's ``plan`` gets to work with."""

    layout: Layout
    canvas: Canvas
    colors: Mapping[str, str]
    measurer: Measurer
    have: set[str]  # image sources present
    weights: Mapping[str, int]
    alts: list[tuple[str, str]] = field(default_factory=list)
    # Cells placed by each repeated group, by its id (templates see it as `shown`).
    shown: dict[str, int] = field(default_factory=dict)

    def run(
        self, layers: Iterable[Layer], scope: Mapping[str, Any], frame: Box | None, cell: Cell
    ) -> dict[str, Box]:
        """Plan ``layers`` into ``cell``; returns the boxes placed, by layer id.

        ``frame`` replaces the canvas (or safe) frame inside a repeat's cell.
        """
        placed: dict[str, Box] = {}
        stand_ins: dict[str, Box] = {}
        for layer in layers:
            if (
                (layer.when is not None and not self.evaluate(layer, layer.when, scope))
                or not layer.present(self)
                # a shape wrapping only absent layers would otherwise fill the whole frame
                or (layer.box.wrap is not None and not any(r in placed for r in layer.box.wrap))
            ):
                _stand_in(layer, placed, stand_ins)
                continue
            box = self._box(layer, frame, placed, stand_ins, cell.zoom)
            longest = MAX_BOX_SIDES * max(self.canvas.width, self.canvas.height)
            if max(box.width, box.height) > longest:  # its pixels would cost gigabytes
                raise self.fail(
                    layer,
                    _("Layer {layer!r} is {w}×{h} px, larger than {n} times the canvas.").format(
                        layer=layer.id, w=round(box.width), h=round(box.height), n=MAX_BOX_SIDES
                    ),
                    _("Give the layer a box within the canvas, e.g. in s, w or h units."),
                )
            start = len(cell.items)
            planned = self._plan(layer, cell, box, scope, frame, placed, stand_ins)
            if planned is None:
                _stand_in(layer, placed, stand_ins)
                continue
            if len(cell.items) > start:
                cell.starts.setdefault(cell.name(layer), start)
            placed[layer.id] = planned
            stand_ins.pop(layer.id, None)
        return placed

    def _plan(
        self,
        layer: Layer,
        cell: Cell,
        box: Box,
        scope: Mapping[str, Any],
        frame: Box | None,
        placed: Mapping[str, Box],
        stand_ins: Mapping[str, Box],
    ) -> Box | None:
        """Plan ``layer`` in ``box``.

        A text whose box reaches into the right column of action buttons (TikTok) is set in
        ``box``, which stops short of the column, and then again in the box as wide as the
        canvas, no larger than it was set in ``box``: the wide setting is kept when its lines stay
        clear of the column (above or below it), as they do for a headline over the column's top.
        It then takes as many lines as in ``box`` or fewer, never more height, so the layers
        below it keep their room.
        """
        if (
            not self.canvas.safe_right
            or frame is not None
            or layer.type_name != "text"
            or layer.frame != "safe"
        ):
            return layer.plan(self, cell, box, scope)
        full = self.canvas.frame(layer.frame, column=False)
        wide = _box(layer.box, self.canvas, full, placed, stand_ins, cell.zoom)
        if wide == box:
            return layer.plan(self, cell, box, scope)
        counts = len(cell.items), len(cell.warnings), len(self.alts)
        narrow = layer.plan(self, cell, box, scope)
        set_narrow = cell.items[counts[0] :], cell.warnings[counts[1] :], self.alts[counts[2] :]
        sizes = [i.size for i in set_narrow[0] if isinstance(i, TextItem)]
        if narrow is None or len(sizes) != 1:
            return narrow
        del cell.items[counts[0] :], cell.warnings[counts[1] :], self.alts[counts[2] :]
        caps = cell.caps
        cell.caps = {**caps, layer.id: min(sizes[0], caps.get(layer.id, sizes[0]))}
        try:
            planned = layer.plan(self, cell, wide, scope)
        finally:
            cell.caps = caps
        if planned is not None and not self.canvas.under_column(planned):
            return planned
        del cell.items[counts[0] :], cell.warnings[counts[1] :], self.alts[counts[2] :]
        cell.items.extend(set_narrow[0])
        cell.warnings.extend(set_narrow[1])
        self.alts.extend(set_narrow[2])
        return narrow

    def _box(
        self,
        layer: Layer,
        frame: Box | None,
        placed: Mapping[str, Box],
        stand_ins: Mapping[str, Box],
        zoom: float,
    ) -> Box:
        """Where ``layer`` goes: in ``frame`` (a repeat's cell), else in the canvas's frame. A
        layer in the safe frame that lies wholly above or below the right column of action
        buttons (TikTok) may use the whole width there; one that reaches into the column's rows
        is placed again in the frame that stops short of it."""
        if frame is not None or not self.canvas.safe_right:
            return _box(
                layer.box,
                self.canvas,
                frame or self.canvas.frame(layer.frame),
                placed,
                stand_ins,
                zoom,
            )
        wide = self.canvas.frame(layer.frame, column=False)
        box = _box(layer.box, self.canvas, wide, placed, stand_ins, zoom)
        if layer.frame == "safe" and self.canvas.under_column(box):
            narrow = self.canvas.frame(layer.frame)
            box = _box(layer.box, self.canvas, narrow, placed, stand_ins, zoom)
        return box

    def evaluate(
        self, layer: Layer, compiled: Any, scope: Mapping[str, Any], *, render: bool = False
    ) -> Any:
        """Run a compiled expression (or, with ``render``, a template) of ``layer``."""
        return self.layout.evaluate(layer, compiled, scope, render=render)

    def color(self, layer: Layer, role: str, alpha: float) -> RGBA:
        """The colour role (or ``#RRGGBB`` code) ``role`` of ``layer`` with opacity ``alpha``."""
        value = role if HEX_COLOR.match(role) else self.colors.get(role, DEFAULT_COLORS.get(role))
        if value is None:
            message = _(
                "Layer {layer!r} uses the colour role {role!r}, which the brand does not define."
            )
            raise TemplateError(
                message.format(layer=layer.id, role=role),
                hint=_("Use one of: {roles}.").format(roles=", ".join(sorted(self.colors))),
                location=Location(
                    file=self.layout.source, field=f"{layer.id}.color", line=layer.line
                ),
            )
        text = value.lstrip("#")
        r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
        return (r, g, b, round(alpha * 255))

    def length(self, length: Length | None) -> float | None:
        """``length`` in pixels of this canvas (``None`` stays ``None``)."""
        return None if length is None else length.px(self.canvas.width, self.canvas.height)

    def fail(self, layer: Layer, message: str, hint: str = "") -> TemplateError:
        """An error in ``layer`` found while planning."""
        return TemplateError(
            message,
            hint=hint,
            location=Location(file=self.layout.source, field=layer.id, line=layer.line),
        )


def _axis(
    start: float | None,
    end: float | None,
    size: float | None,
    lo: float,
    hi: float,
    center: float | None,
) -> tuple[float, float]:
    """One axis of a box from insets, a size and an optional centre."""
    if start is not None and end is not None:
        return lo + start, hi - end
    if size is None:
        if start is None and end is None:
            return lo, hi  # nothing said: the whole frame
        size = 0.0
    if start is not None:
        return lo + start, lo + start + size
    if end is not None:
        return hi - end - size, hi - end
    mid = center if center is not None else (lo + hi) / 2
    return mid - size / 2, mid + size / 2


def _box(
    spec: BoxSpec,
    canvas: Canvas,
    frame: Box,
    placed: Mapping[str, Box],
    stand_ins: Mapping[str, Box],
    zoom: float = 1.0,
) -> Box:
    """A layer's box from its spec; its lengths ``zoom`` times as long (a growing group)."""
    if spec.inside and spec.inside in placed:
        frame = placed[spec.inside]

    def px(value: Length | None) -> float | None:
        if value is None:
            return None
        return value.px(canvas.width, canvas.height, frame.width, frame.height) * zoom

    gap = px(spec.gap) or 0.0
    gap_x = px(spec.gap_x) or gap
    vertical = {**stand_ins, **placed}
    x0, x1, y0, y1 = frame.x0, frame.x1, frame.y0, frame.y1
    left, right, top, bottom = px(spec.left), px(spec.right), px(spec.top), px(spec.bottom)
    cx = cy = None
    # A relation replaces the frame edge and the inset on that side.
    if spec.after and spec.after in placed:
        x0, left = placed[spec.after].x1 + gap_x, 0.0
    if spec.before and spec.before in placed:
        x1, right = placed[spec.before].x0 - gap_x, 0.0
    if spec.below and spec.below in vertical:
        y0, top = vertical[spec.below].y1 + gap, 0.0
    if spec.above and spec.above in vertical:
        y1, bottom = vertical[spec.above].y0 - gap, 0.0
    if spec.middle and spec.middle in placed:
        ref = placed[spec.middle]
        cy = (ref.y0 + ref.y1) / 2
        top = bottom = None
    wrapped = [placed[r] for r in spec.wrap or () if r in placed]
    if wrapped:
        pad_x, pad_y = px(spec.pad_x) or 0.0, px(spec.pad_y) or 0.0
        # `left`/`right` given with `wrap` fix the horizontal edges (a full-width panel whose
        # height follows its text).
        return Box(
            x0 + left if left is not None else min(b.x0 for b in wrapped) - pad_x,
            min(b.y0 for b in wrapped) - pad_y,
            x1 - right if right is not None else max(b.x1 for b in wrapped) + pad_x,
            max(b.y1 for b in wrapped) + pad_y,
        )
    ax0, ax1 = _axis(left, right, px(spec.width), x0, x1, cx)
    ay0, ay1 = _axis(top, bottom, px(spec.height), y0, y1, cy)
    max_w, max_h = px(spec.max_width), px(spec.max_height)
    if max_w is not None and ax1 - ax0 > max_w:
        ax0, ax1 = (ax1 - max_w, ax1) if left is None and right is not None else (ax0, ax0 + max_w)
    if max_h is not None and ay1 - ay0 > max_h:
        ay0, ay1 = (ay1 - max_h, ay1) if top is None and bottom is not None else (ay0, ay0 + max_h)
    return Box(ax0, ay0, ax1, ay1)


def _stand_in(layer: Layer, placed: dict[str, Box], stand_ins: dict[str, Box]) -> None:
    """Record a layer left out (by ``when:``, a missing image or empty text).

    Layers stacked ``above``/``below`` it then stack against what it was stacked against, so the
    stack closes up; layers placed ``after``/``before`` it fall back to their own insets.
    """
    if layer.id in placed:  # a same-named alternative (other `when:`) is already drawn
        return
    for ref in (layer.box.above, layer.box.below):
        box = placed.get(ref or "") or stand_ins.get(ref or "")
        if box is not None:
            stand_ins[layer.id] = box
            return
