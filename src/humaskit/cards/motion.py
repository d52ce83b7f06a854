"""Pixels for short clips: a card's layers drawn once, then moved frame by frame (issue 16).

A scene of a clip is a card drawn by the same planner and drawing code as the images. Motion
never plans again: :func:`draw_scene` draws a card's plan twice, once with its photo black and
once with it white. The difference of the two says, pixel by pixel, how much of the photo shows
through everything drawn over it (scrims, text, logo); the black drawing is everything else.
A frame of the Ken Burns move (:meth:`Scene.frame`) is then the black drawing plus the photo,
cropped a little tighter each frame, times that see-through mask: two image operations, no
text drawn. A scene without a photo is one still picture.

The cover's headline can be revealed line by line (:meth:`Scene.frame` with ``reveal``): each
of its lines is drawn once on a small transparent layer of its own and the card is drawn once
without them; a frame of the reveal lays each line over that card, risen from a little lower
and faded in as far as its progress says. Nothing is planned or laid out again.

Frames leave this module as raw RGBA bytes (:func:`rgba`), which the encoder
(:mod:`humaskit.video.encoder`) hands to FFmpeg; Pillow stays in ``cards``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageChops

from humaskit.cards.draw import draw_plan, draw_watermark
from humaskit.cards.photos import PHOTO_SOURCES
from humaskit.cards.renderer import text_items
from humaskit.layout.geometry import Point, cover_crop
from humaskit.layout.plan import ImageItem, TextItem

if TYPE_CHECKING:
    from humaskit.cards.renderer import CardRenderer
    from humaskit.model.platforms import ImageSize

__all__ = ["Scene", "blend", "draw_scene", "rgba"]

# The source whose layer the Ken Burns move zooms; other pictures (a portrait, the logo) stay.
MOVING_SOURCE = "photo"
# How far below its place a revealed line starts, in its text size: a short slide up.
REVEAL_RISE = 0.45


@dataclass(frozen=True)
class RevealedLine:
    """One line of revealed text, drawn alone: its pixels (RGBA), where they go, its size."""

    image: Any
    at: tuple[int, int]
    size: int


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
    _plain: Any = None  # the card without its revealed lines (and its photo at rest), RGB
    lines: tuple[RevealedLine, ...] = ()  # the revealed text's lines, top to bottom
    _fonts: Any = None  # a draft's fonts: its watermark goes over the revealed lines

    @property
    def moves(self) -> bool:
        """Whether the scene has a photo to move."""
        return self._photo is not None

    def frame(self, zoom: float = 1.0, reveal: Sequence[float] | None = None) -> Any:
        """The card with its photo zoomed ``zoom`` times (1 = at rest) towards its focus point,
        and each revealed line shown as far as ``reveal`` says (one progress 0–1 a line of
        :attr:`lines`; ``None``: every line in place).

        The crop box moves by fractions of a pixel (Pillow resizes from a float box), so a slow
        move does not jitter.
        """
        if reveal is None:
            if self._photo is None or zoom == 1.0:
                return self.still
            if not self.lines:
                return self._under(zoom)
            reveal = [1.0] * len(self.lines)
        out = self._under(zoom).convert("RGBA")
        for line, progress in zip(self.lines, reveal, strict=True):
            amount = min(max(progress, 0.0), 1.0)
            if amount <= 0.0:
                continue
            layer = line.image
            if amount < 1.0:
                alpha = layer.getchannel("A").point(lambda v, a=amount: round(v * a))
                layer = layer.copy()
                layer.putalpha(alpha)
            drop = round((1.0 - amount) * REVEAL_RISE * line.size)
            out.alpha_composite(layer, (line.at[0], line.at[1] + drop))
        card = out.convert("RGB")
        if self._fonts is not None:
            draw_watermark(card, self._fonts, "heading", "DRAF")
        return card

    def _under(self, zoom: float) -> Any:
        """The card under the revealed lines, its photo zoomed ``zoom`` times."""
        if self._photo is None or zoom == 1.0:
            return self._plain if self.lines else self.still
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
    renderer: CardRenderer,
    layout: str,
    size: ImageSize,
    *,
    max_zoom: float = 1.1,
    reveal: Sequence[str] = (),
) -> Scene:
    """Draw the card ``layout`` at ``size`` as a scene whose photo can move, up to ``max_zoom``
    times closer, and whose text layers ``reveal`` (layer ids) can come in line by line.

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
        def give(source: str, fit: str, focus: Point, box: tuple[int, int], at: Point) -> Any:
            from humaskit.cards.imaging import contain, cover

            if source == MOVING_SOURCE and fill is not None:
                return Image.new("RGB", box, fill)
            if source in PHOTO_SOURCES:
                found = renderer._source_photo(source)  # the renderer's decoded photo, shared
                return None if found is None else cover(found.image, box, focus, at)
            logo = renderer._load_logo()  # decoded once per release, like the images'
            return contain(logo, box) if fit == "contain" else cover(logo, box, focus)

        return give

    revealed = [i for i in plan.items if isinstance(i, TextItem) and i.layer in reveal]
    plain = dataclasses.replace(plan, items=tuple(i for i in plan.items if i not in revealed))

    def drawn(fill: tuple[int, int, int] | None, which: Any = plan) -> Any:
        image = draw_plan(which, renderer.fonts, picture(fill))
        # Under revealed lines the draft's watermark is stamped last, on each frame.
        if renderer.content.draft and which is plan:
            draw_watermark(image, renderer.fonts, "heading", "DRAF")
        return image

    still = drawn(None)
    texts = text_items(plan)
    alt = renderer.alt_text(plan)
    lines = _lines(renderer, revealed, (size.width, size.height))
    under = plan if not lines else plain
    if moving is None or photo is None:
        if not lines:
            return Scene(still, texts, alt, plan.warnings)
        return Scene(
            still,
            texts,
            alt,
            plan.warnings,
            _plain=drawn(None, plain),
            lines=lines,
            _fonts=renderer.fonts if renderer.content.draft else None,
        )
    black, white = drawn((0, 0, 0), under), drawn((255, 255, 255), under)
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
    photo = renderer._source_photo(MOVING_SOURCE, grown) or photo  # large enough to zoom into
    rest = photo.image.resize(
        grown,
        Image.Resampling.LANCZOS,
        box=cover_crop(photo.image.size, grown, moving.focus, moving.focus_at),
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
        _plain=drawn(None, plain) if lines else None,
        lines=lines,
        _fonts=renderer.fonts if renderer.content.draft and lines else None,
    )


def _lines(
    renderer: CardRenderer, items: Sequence[TextItem], canvas: tuple[int, int]
) -> tuple[RevealedLine, ...]:
    """Each line of ``items`` drawn alone on a transparent layer, cropped to its pixels."""
    found: list[RevealedLine] = []
    for item in items:
        for line in item.lines:
            layer = Image.new("RGBA", canvas, (0, 0, 0, 0))
            renderer.fonts.draw_line(
                layer, (line.x, line.baseline), line.text, item.font, item.size, item.color
            )
            box = layer.getchannel("A").getbbox()
            if box is not None:
                found.append(RevealedLine(layer.crop(box), (box[0], box[1]), item.size))
    found.sort(key=lambda line: (line.at[1], line.at[0]))
    return tuple(found)


def blend(first: Any, second: Any, amount: float) -> Any:
    """``first`` fading into ``second``: ``amount`` 0 is ``first``, 1 is ``second``."""
    return Image.blend(first, second, min(max(amount, 0.0), 1.0))


def rgba(image: Any) -> bytes:
    """A frame's raw RGBA bytes, row after row (what the encoder takes)."""
    return bytes(image.convert("RGBA").tobytes())
