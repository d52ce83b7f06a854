"""Pictures: the release's photo (or its before/after photos, or the quoted speaker's portrait)
and the unit's logo."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from humaskit.layout.geometry import Box, Length
from humaskit.layout.plan import ImageItem
from humaskit.layout.schema import Layer, key, layer_type
from humaskit.layout.values import Choice, Flag, LengthValue, Number

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = ["PORTRAIT_FOCUS", "ImageLayer"]

PORTRAIT_FOCUS = (0.5, 0.35)


@layer_type("image")
@dataclass(frozen=True, eq=False, kw_only=True)
class ImageLayer(Layer):
    """An image source fitted into the box; left out when the card has no such image. With
    ``behind``, drawn under every layer planned before it, though declared after them: a photo
    whose box follows a text block of any height (``box: {above: block}``). ``focus_at`` is the
    height of the box (0 top … 1 foot) where a cover crop puts the photo's focus point, as far as
    the photo's edges allow: below the middle when a badge covers the top of the box."""

    default_frame: ClassVar[str] = "canvas"

    source: str = key(Choice(("photo", "photo_before", "photo_after", "portrait", "logo")), "photo")
    fit: str = key(Choice(("cover", "contain")), "cover")
    shape: str = key(Choice(("rect", "circle", "rounded")), "rect")
    radius: Length | None = key(LengthValue(), None)
    behind: bool = key(Flag(), False)
    focus_at: float = key(Number(0, 1), 0.5)

    def present(self, planner: Planner) -> bool:
        return self.source in planner.have

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        # Each photo keeps its own focus point in view (photo_focus, photo_before_focus, …).
        own_focus = self.source not in ("logo", "portrait")
        focus = scope.get(f"{self.source}_focus") if own_focus else None
        if self.source == "portrait":
            # The release's own photo as the portrait keeps its image_focus; a portrait of its
            # own is cropped around its upper part, where a face sits.
            same = scope.get("portrait") is not None and scope.get("portrait") == scope.get("photo")
            focus = scope.get("photo_focus", PORTRAIT_FOCUS) if same else PORTRAIT_FOCUS
        fx, fy = focus or (0.5, 0.5)
        radius = planner.length(self.radius) or 0.0
        item = ImageItem(
            cell.name(self),
            box,
            self.source,
            self.fit,
            self.shape,
            radius,
            (fx, fy),
            (0.5, self.focus_at),
        )
        if self.behind:
            cell.put_behind(item, None)
        else:
            cell.items.append(item)
        return box
