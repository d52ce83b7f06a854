"""Pixels for short clips: a card's layers drawn once, then moved frame by frame (issue 16).

A scene of a clip is a card drawn by the same planner and drawing code as the images. Motion
never plans again: :func:`draw_scene` draws a card's plan twice, once with its photo black and
once with it white. The difference of the two says, pixel by pixel, how much of the photo shows
through everything drawn over it (scrims, text, logo); the black drawing is everything else.
A frame of the Ken Burns move (:meth:`Scene.frame`) is then the black drawing plus the photo,
cropped a little tighter each frame, times that see-through mask: two image operations, no
text drawn. A scene without a photo is one still picture.

Frames leave this module as raw RGBA bytes (:func:`rgba`), which the encoder
(:mod:`humaskit.video.encoder`) hands to FFmpeg; Pillow stays in ``cards``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageChops

from humaskit.cards.draw import draw_plan, draw_watermark
from humaskit.cards.renderer import PHOTO_SOURCES, text_items
from humaskit.layout.geometry import cover_crop
from humaskit.layout.plan import ImageItem, TextItem

if TYPE_CHECKING:
    from humaskit.cards.renderer import CardRenderer
    from humaskit.model.platforms import ImageSize

__all__ = ["Scene", "blend", "draw_scene", "rgba"]

# The source whose layer the Ken Burns move zooms; other pictures (a portrait, the logo) stay.
MOVING_SOURCE = "photo"


@dataclass(frozen=True)
class Scene:
    """One card, drawn, ready to be moved.

    Attributes:
        still: the card as the image renderer draws it (the photo at rest), RGB.
        texts: the card's text blocks, in drawing order (for subtitles and reading time).
        alt: the card's alt text.
        warnings: what the planner reported (text shrunk or cut).
    """

    still: Any
    texts: tuple[TextItem, ...]
    alt: str
    warnings: tuple[tuple[str, str], ...]
    _base: Any = None  # the card with its photo black, RGB
    _mask: Any = None  # how much of the photo shows, RGB (the same value in every channel)
    _photo: Any = None  # the photo at full resolution
    _crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # of the photo at rest
    _box: tuple[int, int, int, int] = (0, 0, 0, 0)  # where the photo sits on the card
    _focus: tuple[float, float] = (0.5, 0.5)

    @property
    def moves(self) -> bool:
        """Whether the scene has a photo to move."""
        return self._photo is not None

    def frame(self, zoom: float) -> Any:
        """The card with its photo zoomed ``zoom`` times (1 = at rest) towards its focus point.

        The crop box moves by fractions of a pixel (Pillow resizes from a float box), so a slow
        move does not jitter.
        """
        if self._photo is None:
            return self.still
        x0, y0, x1, y1 = self._crop
        width, height = (x1 - x0) / zoom, (y1 - y0) / zoom
        fx = x0 + (x1 - x0) * self._focus[0]
        fy = y0 + (y1 - y0) * self._focus[1]
        left = min(max(fx - width * self._focus[0], x0), x1 - width)
        top = min(max(fy - height * self._focus[1], y0), y1 - height)
        bx0, by0, bx1, by1 = self._box
        moved = self._photo.resize(
            (bx1 - bx0, by1 - by0),
            Image.Resampling.BILINEAR,
            box=(left, top, left + width, top + height),
        )
        shown = ImageChops.multiply(moved, self._mask)
        out = self._base.copy()
        region = self._base.crop(self._box)
        out.paste(ImageChops.add(region, shown), self._box[:2])
        return out


def draw_scene(
    renderer: CardRenderer, layout: str, size: ImageSize, *, max_zoom: float = 1.1
) -> Scene:
    """Draw the card ``layout`` at ``size`` as a scene whose photo can move, up to ``max_zoom``
    times closer.

    Raises:
        TemplateError: the layout is missing or invalid.
        ImageError: a photo or the logo cannot be read.
    """
    plan = renderer.plan(layout, size)
    photo = renderer.photo
    moving = next(
        (i for i in plan.items if isinstance(i, ImageItem) and i.source == MOVING_SOURCE), None
    )

    def picture(fill: tuple[int, int, int] | None) -> Any:
        def give(source: str, fit: str, focus: tuple[float, float], box: tuple[int, int]) -> Any:
            from humaskit.cards.imaging import contain, cover

            if source == MOVING_SOURCE and fill is not None:
                return Image.new("RGB", box, fill)
            if source in PHOTO_SOURCES:
                found = renderer._source_photo(source)  # the renderer's decoded photo, shared
                return None if found is None else cover(found.image, box, focus)
            logo = renderer._load_logo()  # decoded once per release, like the images'
            return contain(logo, box) if fit == "contain" else cover(logo, box, focus)

        return give

    def drawn(fill: tuple[int, int, int] | None) -> Any:
        image = draw_plan(plan, renderer.fonts, picture(fill))
        if renderer.content.draft:
            draw_watermark(image, renderer.fonts, "heading", "DRAF")
        return image

    still = drawn(None)
    texts = text_items(plan)
    alt = renderer.alt_text(plan)
    if moving is None or photo is None:
        return Scene(still, texts, alt, plan.warnings)
    black, white = drawn((0, 0, 0)), drawn((255, 255, 255))
    box = (
        round(moving.box.x0),
        round(moving.box.y0),
        round(moving.box.x1),
        round(moving.box.y1),
    )
    # white - black = 255 × (1 - opacity of what lies over the photo), the same in each channel.
    through = ImageChops.subtract(white, black).crop(box).getchannel("G")
    mask = Image.merge("RGB", (through, through, through))
    # The photo at rest, drawn once a little larger than its box (by the largest zoom asked),
    # so each frame crops and scales down from a small picture, never from the original.
    width, height = box[2] - box[0], box[3] - box[1]
    grown = (round(width * max_zoom), round(height * max_zoom))
    rest = photo.image.resize(
        grown, Image.Resampling.LANCZOS, box=cover_crop(photo.image.size, grown, moving.focus)
    )
    return Scene(
        still,
        texts,
        alt,
        plan.warnings,
        _base=black,
        _mask=mask,
        _photo=rest,
        _crop=(0.0, 0.0, float(grown[0]), float(grown[1])),
        _box=box,
        _focus=moving.focus,
    )


def blend(first: Any, second: Any, amount: float) -> Any:
    """``first`` fading into ``second``: ``amount`` 0 is ``first``, 1 is ``second``."""
    return Image.blend(first, second, min(max(amount, 0.0), 1.0))


def rgba(image: Any) -> bytes:
    """A frame's raw RGBA bytes, row after row (what the encoder takes)."""
    return bytes(image.convert("RGBA").tobytes())
