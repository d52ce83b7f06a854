"""Text boxes (``text``): a template's text fitted into the box, shrunk or cut to fit."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from humaskit.errors import Location
from humaskit.i18n import _
from humaskit.layout.geometry import Box, Canvas, Length
from humaskit.layout.plan import TextItem, TextLine
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.textfit import Fit, fit_text
from humaskit.layout.typography import tidy
from humaskit.layout.values import (
    Choice,
    ColorRole,
    Count,
    Flag,
    FontRole,
    LayerRef,
    LengthValue,
    Number,
    Template,
)
from humaskit.text.shortening import excerpt

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["TextLayer"]


@layer_type("text")
@dataclass(frozen=True, eq=False, kw_only=True)
class TextLayer(Layer):
    """Text from a template, at the largest size from ``size`` down to ``min_size`` that fits
    ``max_lines`` lines in the box; the rest is cut with an ellipsis, or with ``overflow: drop``
    the whole text is left out, as if its ``when:`` were false (an optional text such as a
    summary, which the caption carries anyway: shown whole or not at all).

    With ``prefer_height``, the text first tries to fit that much of the box's height at no less
    than ``prefer_min_size`` (by default ``min_size``), and takes the whole box only when it does
    not: a 9:16 headline keeps its size in a few lines and leaves the photo above it the rest,
    and only a long one takes more of the height (and the photo less)."""

    text: Any = key(Template())
    font: str = key(FontRole(), "body")
    color: str = key(ColorRole(), "text_on_dark")
    alpha: float = key(Number(0, 1), 1.0)
    size: Length = key(LengthValue(), Length(((4.0, "s"),)))
    min_size: Length | None = key(LengthValue(), None)
    max_lines: int = key(Count(1, 12), 1)
    line_height: float = key(Number(0, 5), 1.2)
    align: str = key(Choice(("left", "center", "right")), "left")
    valign: str = key(Choice(("top", "middle", "bottom")), "top")
    overflow: str = key(Choice(("shrink", "truncate", "drop")), "shrink")
    balance: bool = key(Flag(), True)
    read_with: str | None = key(LayerRef(), None)
    prefer_height: Length | None = key(LengthValue(), None)
    prefer_min_size: Length | None = key(LengthValue(), None)

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        text = tidy(
            " ".join(planner.evaluate(self, self.text, scope, render=True).split(" ")).strip()
        )
        if not text:
            return None
        canvas = planner.canvas
        max_size = round(self.size.px(canvas.width, canvas.height) * cell.zoom)
        cap = cell.caps.get(self.id)
        if cap is not None:
            max_size = min(max_size, cap)
        min_size = (
            round(self.min_size.px(canvas.width, canvas.height)) if self.min_size else max_size
        )
        # No text is set larger than the canvas's long side (a hostile size would draw glyphs of
        # gigapixels).
        max_size = min(max_size, max(canvas.width, canvas.height))
        min_size = min(min_size, max_size)
        if self.overflow == "truncate":
            min_size = max_size

        def fit_in(height: float, floor: int, ceiling: int) -> Fit:
            return fit_text(
                text,
                measure=lambda s: planner.measurer.advance(s, self.font),
                width=box.width,
                height=height,
                min_size=floor,
                max_size=ceiling,
                max_lines=self.max_lines,
                line_height=self.line_height,
                balance=self.balance,
            )

        fit = None
        ceiling = max_size
        if self.prefer_height is not None:
            snug = min(box.height, self.prefer_height.px(canvas.width, canvas.height))
            floor = self.prefer_min_size or self.min_size
            floor_px = max_size if floor is None else round(floor.px(canvas.width, canvas.height))
            floor_px = min(max_size, max(min_size, floor_px))
            fit = fit_in(snug, floor_px, max_size)
            if fit.truncated:
                # More of the box, but no larger than that floor: the text takes only the
                # extra lines it needs.
                fit, ceiling = None, floor_px
        if fit is None:
            fit = fit_in(box.height, min_size, ceiling)
            if ceiling < max_size:
                fit = dataclasses.replace(fit, shrunk=True)
        where = Location(file=planner.layout.source, field=self.id)
        if fit.truncated and self.overflow == "drop":
            return None  # an optional text the layout shows only when it fits (a summary)
        if fit.truncated:
            cell.warnings.append(
                (
                    "text-truncated",
                    _("{where}: the text of {layer!r} does not fit and was cut: {text!r}.").format(
                        where=where, layer=self.id, text=excerpt(text)
                    )
                    + _advice(text, scope),
                )
            )
        elif fit.shrunk and fit.size <= min_size and min_size < max_size:
            cell.warnings.append(
                (
                    "text-shrunk",
                    _("{where}: the text of {layer!r} was shrunk to its smallest size.").format(
                        where=where, layer=self.id
                    )
                    + _advice(text, scope),
                )
            )
        ascent, descent = planner.measurer.vmetrics(self.font)
        pitch = self.line_height * fit.size
        block_h = (len(fit.lines) - 1) * pitch + fit.size
        top = {"top": box.y0, "bottom": box.y1 - block_h}.get(
            self.valign, box.y0 + (box.height - block_h) / 2
        )
        # Centre the glyphs' ascent+descent on the em box so the block's edges sit on the ink.
        first_baseline = top + fit.size * (1 + ascent - descent) / 2
        lines = []
        widest = max(fit.widths)
        for i, (line, w) in enumerate(zip(fit.lines, fit.widths, strict=True)):
            x = {"left": box.x0, "right": box.x1 - w}.get(self.align, box.x0 + (box.width - w) / 2)
            baseline = first_baseline + i * pitch
            lines.append(TextLine(line, round(x, 2), round(baseline, 2), round(w, 2)))
        bx0 = {"left": box.x0, "right": box.x1 - widest}.get(
            self.align, box.x0 + (box.width - widest) / 2
        )
        ink = Box(round(bx0, 2), round(top, 2), round(bx0 + widest, 2), round(top + block_h, 2))
        large = _is_large(fit.size, planner.weights.get(self.font, 400), canvas)
        cell.items.append(
            TextItem(
                cell.name(self),
                ink,
                self.font,
                fit.size,
                planner.color(self, self.color, self.alpha),
                tuple(lines),
                large,
                cell.prefix + self.read_with if self.read_with else "",
                truncated=fit.truncated,
                shrunk=fit.shrunk,
            )
        )
        return ink


def _is_large(size: int, font_weight: int, canvas: Canvas) -> bool:
    """WCAG "large text", judged at the size a phone shows the card (its short side at 360 px).

    WCAG's thresholds are in CSS px: 24 px, or 18.66 px when bold.
    """
    shown = size * 360 / canvas.short
    return shown >= 24 or (font_weight >= 700 and shown >= 18.66)


# Release fields a card shows as they are written; a text too long for its box is one of them.
_RELEASE_TEXTS = ("card_title", "title", "summary", "action", "fact", "claim", "complaint")


def _advice(text: str, scope: Mapping[str, Any]) -> str:
    """ " Shorten 'action' in your release." when the text shown is a release field's."""
    shown = text.strip().strip("“”\"'").strip()
    for name in _RELEASE_TEXTS:
        value = scope.get(name)
        if isinstance(value, str) and value.strip() and tidy(value.strip()) == shown:
            if name == "title":
                return " " + _(
                    "Shorten 'title' in your release, or give it a shorter 'card_title'."
                )
            return " " + _("Shorten {field!r} in your release.").format(field=name)
    return ""
