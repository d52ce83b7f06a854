"""Line icons (``icon``): one of the bundled Lucide icons, stroked in a colour role.

An icon usually stands before a line of text: with ``beside: <text layer>`` it is sized from
that text (its drawing ``scale`` × the text's cap height) and centred on the cap height of the
text's first line, at the left of its own box; the text layer leaves room for it in its box
(``left: 6s + 4.4w``). Without ``beside`` it fills its box's shorter side, or is ``size`` big.
The stroke is Lucide's (2 of its 24 units) unless ``stroke`` sets one length for every icon of
a card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.i18n import _
from humaskit.layout.geometry import Box, Length
from humaskit.layout.icons import GRID, icon_names, icon_strokes
from humaskit.layout.plan import StrokeItem, TextItem
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import (
    Choice,
    ColorRole,
    KeyContext,
    LayerRef,
    LengthValue,
    Number,
    Value,
)
from humaskit.yamlio import suggest

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["IconLayer"]

LIVE = 20.0  # Lucide draws inside the middle 20 of its 24 units
STROKE = 2.0  # Lucide's stroke width, in its units
CAP_HEIGHT = 0.72  # of the font size, when the measurer cannot tell


class IconName(Value):
    """The name of a bundled icon (``phone``, ``map-pin`` …)."""

    def parse(self, raw: Any, context: KeyContext) -> Any:
        names = icon_names()
        if raw not in names:
            hint = suggest(str(raw), names)
            raise context.fail(
                _("Layer {layer!r}: there is no bundled icon {value!r}.").format(
                    layer=context.layer, value=raw
                ),
                context.line,
                context.field,
                (hint + " " if hint else "")
                + _("Bundled icons: {names}.").format(names=", ".join(names)),
            )
        return raw


@layer_type("icon")
@dataclass(frozen=True, eq=False, kw_only=True)
class IconLayer(Layer):
    """A bundled line icon in a colour role, sized from the text beside it or from its box."""

    icon: str = key(IconName())
    color: str = key(ColorRole(), "text_on_dark")
    alpha: float = key(Number(0, 1), 1.0)
    beside: str | None = key(LayerRef(), None)
    scale: float = key(Number(0.2, 5), 1.2)
    size: Length | None = key(LengthValue(), None)
    stroke: Length | None = key(LengthValue(), None)
    align: str = key(Choice(("left", "center", "right")), "left")
    valign: str = key(Choice(("top", "middle", "bottom")), "middle")

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        text = None
        if self.beside is not None:
            name = cell.prefix + self.beside
            text = next(
                (i for i in reversed(cell.items) if isinstance(i, TextItem) and i.layer == name),
                None,
            )
            if text is None or not text.lines:
                return None  # nothing to stand beside
        cap = 0.0
        if text is not None:
            measure = getattr(planner.measurer, "cap_height", None)
            cap = text.size * (measure(text.font) if callable(measure) else CAP_HEIGHT)
        side = planner.length(self.size)
        if side is None and text is not None:
            side = self.scale * cap * GRID / LIVE
        elif side is None:
            side = min(box.width, box.height)
        if side <= 0:
            return None
        x0 = {"left": box.x0, "right": box.x1 - side}.get(
            self.align, box.x0 + (box.width - side) / 2
        )
        if text is not None:
            middle = text.lines[0].baseline - cap / 2
            y0 = middle - side / 2
        else:
            y0 = {"top": box.y0, "bottom": box.y1 - side}.get(
                self.valign, box.y0 + (box.height - side) / 2
            )
        square = Box(round(x0, 2), round(y0, 2), round(x0 + side, 2), round(y0 + side, 2))
        stroke = planner.length(self.stroke)
        width = stroke if stroke is not None else side * STROKE / GRID
        color = planner.color(self, self.color, self.alpha)
        cell.items.append(
            StrokeItem(cell.name(self), square, icon_strokes(self.icon), color, round(width, 2))
        )
        return square
