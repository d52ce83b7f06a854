"""Image cards: the facade the render step calls.

One :class:`CardRenderer` per release decodes the photo once and reuses it, with the fonts and
masks, for every layout and size asked of it. It plans a layout (:mod:`humaskit.layout`), draws
the plan (:mod:`humaskit.cards.draw`), encodes the image and words its alt text.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit.cards.content import CardContent, card_values
from humaskit.cards.overlap import Later, Overlap
from humaskit.cards.photos import PHOTO_SOURCES, LowResolution, ReleasePhotos
from humaskit.errors import TemplateError
from humaskit.i18n import _
from humaskit.layout.contrast import contrast_failures
from humaskit.layout.geometry import Canvas, Point
from humaskit.layout.plan import ImageItem, Plan, TextItem
from humaskit.layout.planner import plan_layout
from humaskit.layout.sets import find_layout

if TYPE_CHECKING:
    from humaskit.cards.imaging import Photo
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.platforms import ImageSize

__all__ = [
    "EXTENSIONS",
    "CardRenderer",
    "LowResolution",
    "RenderedImage",
    "check_contrast",
    "image_format",
    "text_items",
]

FORMATS = ("auto", "png", "jpeg", "webp")
# The largest canvas of any built-in platform size, used when the caller does not say which sizes
# it will ask for: the photo is then decoded once at a scale that serves all of them.
_LARGEST = ((1080, 1920), (1600, 900), (1080, 1350))
# Alt-text wording, in the brand locale's language (Indonesian) whatever the UI language is.
ALT_WITH_PHOTO = "{photo}. Teks pada kartu: {text}"
ALT_TEXT_ONLY = "Teks pada kartu: {text}"
ALT_BEFORE_AFTER = "Foto kondisi sebelum{before} dan sesudah{after} penanganan."
# Where the before photo stands against the after photo, in words: side by side or stacked.
ALT_BEFORE_AFTER_PLACES = {"row": (" (kiri)", " (kanan)"), "column": (" (atas)", " (bawah)")}
ALT_SLIDE = "Slide {n} dari {total}."
# The text layer that shows a carousel slide's number; alt text says it in words instead.
SLIDE_NUMBER_LAYER = "slide-number"


@dataclass(frozen=True)
class RenderedImage:
    """One card, drawn: what it shows, and its file's bytes once encoded (:attr:`data` waits
    for them while the encoder's thread is still at work)."""

    encoded: Later[bytes]
    ext: str
    width: int
    height: int
    alt: str
    warnings: tuple[tuple[str, str], ...]
    # The text drawn, layer by layer in drawing order, and the layout file that placed it.
    texts: tuple[TextItem, ...] = ()
    layout_file: Path | str = ""

    @property
    def data(self) -> bytes:
        """The encoded file."""
        return self.encoded.result()


# Each format's file extension.
_EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp"}


class CardRenderer:
    """Renders one release's cards at any layout and size, decoding its photo only once.

    Args:
        content: what the cards show.
        brand: the brand kit (fonts).
        unit: the unit (colours with its accent, logo).
        templates_dir: the user's templates folder, whose layouts override the built-ins.
        sizes: the sizes that will be asked for, so the photo is decoded at the right scale;
            when omitted, a scale fitting every built-in platform size is used.
    """

    def __init__(
        self,
        content: CardContent,
        brand: Brand,
        unit: Unit,
        *,
        templates_dir: Path | None = None,
        sizes: Iterable[ImageSize] | None = None,
    ) -> None:
        from humaskit.cards.fonts import FontBook

        self.content = content
        self.brand = brand
        self.unit = unit
        self.templates_dir = templates_dir
        self.fonts = FontBook.shared({r: (f.file, f.weight) for r, f in brand.fonts.items()})
        self._sizes = [(s.width, s.height) for s in sizes] if sizes is not None else list(_LARGEST)
        self._photos = ReleasePhotos(self._sizes)  # shared with renderers made by `with_content`
        self._logo: Any = None
        self._plans: dict[tuple[str, ImageSize], Plan] = {}  # this content's, by layout and size
        self._values = card_values(content)
        self._weights = {r: f.weight or 400 for r, f in brand.fonts.items()}

    @staticmethod
    def preload(brand: Brand) -> None:
        """Load the image decoders and ``brand``'s fonts into this process's caches (before
        worker processes are forked from it)."""
        from humaskit.cards import draw  # noqa: F401  (imported for the forked workers)
        from humaskit.cards.fonts import FontBook
        from humaskit.cards.imaging import register_decoders

        register_decoders()
        FontBook.shared({r: (f.file, f.weight) for r, f in brand.fonts.items()})

    def with_content(self, content: CardContent) -> CardRenderer:
        """A renderer for other content of the same release (a carousel slide) that reuses this
        one's fonts, logo and decoded photos instead of decoding them again."""
        other = copy.copy(self)
        other.content = content
        other._plans = {}
        other._values = card_values(content)
        return other

    @property
    def photo(self) -> Photo | None:
        """The decoded photo (decoded on first use), or ``None`` without one."""
        return self._source_photo("photo")

    def _source_photo(self, source: str, box: tuple[int, int] | None = None) -> Photo | None:
        """The decoded photo of image source ``source`` (``photo``, ``photo_before``, …),
        covering every box planned for it and ``box`` (:class:`ReleasePhotos`)."""
        return self._photos.photo(source, getattr(self.content, source, None), box)

    def layout_file(self, layout: str) -> Path | str:
        """The file that defines ``layout`` (the user's or the built-in one)."""
        return find_layout(layout, self.templates_dir).source

    def plan(self, layout: str, size: ImageSize) -> Plan:
        """The layout planned for ``size``, without drawing (planned once per layout and size)."""
        if (layout, size) in self._plans:
            return self._plans[layout, size]
        canvas = Canvas(
            size.width,
            size.height,
            size.safe_top,
            size.safe_bottom,
            size.safe_right,
            size.safe_right_top,
            size.safe_right_bottom,
        )
        available = ["logo"] + [
            name for name in PHOTO_SOURCES if getattr(self.content, name) is not None
        ]
        plan = plan_layout(
            find_layout(layout, self.templates_dir),
            canvas,
            values=self._values,
            colors=self.unit.colors,
            measurer=self.fonts,
            available=available,
            weights=self._weights,
        )
        for item in plan.items:
            if isinstance(item, ImageItem) and item.source in PHOTO_SOURCES:
                box = item.box  # in whole pixels, as drawing places it
                width = max(1, round(box.x1) - round(box.x0))
                height = max(1, round(box.y1) - round(box.y0))
                self._photos.planned(item.source, (width, height))
        self._plans[layout, size] = plan
        return plan

    def low_resolution(self) -> list[LowResolution]:
        """The photos too small for the largest box any card planned so far shows them in.

        Every card planned or drawn by this renderer (and the renderers made from it by
        :meth:`with_content`, carousel slides) counts, so ``render`` and ``check`` of the same
        release find the same photos; each photo is named once, with its worst box.

        Raises:
            ImageError: a photo cannot be read.
        """
        return self._photos.low_resolution(
            {source: getattr(self.content, source, None) for source in PHOTO_SOURCES}
        )

    def render(self, layout: str, size: ImageSize, fmt: str = "auto") -> RenderedImage:
        """Draw and encode one card (see :meth:`render_later`)."""
        return self.render_later(layout, size, fmt)

    def render_later(
        self, layout: str, size: ImageSize, fmt: str = "auto", overlap: Overlap | None = None
    ) -> RenderedImage:
        """Draw one card now and encode it on ``overlap``'s thread, so that the next card can
        be drawn meanwhile (without ``overlap``, encode it at once): the image's
        :attr:`~RenderedImage.data` waits for the encoder.

        Args:
            layout: the layout name.
            size: the image size and safe zones.
            fmt: ``auto`` (JPEG for photo cards, PNG for flat ones), ``png``, ``jpeg`` or ``webp``.

        Raises:
            TemplateError: the layout is missing or invalid.
            ImageError: the photo cannot be read.
        """
        from humaskit.cards.draw import describe_character, draw_plan, draw_watermark
        from humaskit.cards.imaging import encode

        plan = self.plan(layout, size)
        warnings = list(plan.warnings)

        def picture(source: str, fit: str, focus: Point, box: tuple[int, int], at: Point) -> Any:
            from humaskit.cards.imaging import fitted_logo

            if source in PHOTO_SOURCES:  # too small a photo: see low_resolution()
                path = getattr(self.content, source, None)
                return self._photos.crop(source, path, box, focus, at)
            need = (max(w for w, _h in self._sizes), max(h for _w, h in self._sizes))
            where = getattr(self.unit, "logo_from", None)  # tests may pass a bare namespace
            return fitted_logo(Path(self.unit.logo), need, box, fit, focus, where)

        self.fonts.missing.clear()
        self.fonts.recomposed.clear()
        image = draw_plan(plan, self.fonts, picture)
        if self.content.draft:
            draw_watermark(image, self.fonts, "heading", "DRAF")
        for ch in sorted(self.fonts.missing):
            warnings.append(
                (
                    "missing-glyph",
                    _("No bundled font can draw {char}; it shows as a box.").format(
                        char=describe_character(ch)
                    ),
                )
            )
        for run in sorted(self.fonts.recomposed):
            warnings.append(
                (
                    "emoji-recomposed",
                    _(
                        "The bundled emoji font draws {emoji} as a grey pictogram; the image "
                        "shows the family's members in colour instead."
                    ).format(emoji=run),
                )
            )
        chosen = image_format(plan, fmt)
        if chosen not in FORMATS[1:]:
            raise TemplateError(
                _("Unknown image format {fmt!r}.").format(fmt=fmt),
                hint=_("Use auto, png, jpeg or webp."),
            )
        alt, texts, layout_file = self.alt_text(plan), text_items(plan), self.layout_file(layout)

        def encoded() -> bytes:
            return encode(image, chosen)[0]

        data = Later(encoded, now=True) if overlap is None else overlap.start(encoded)
        unique = tuple(dict.fromkeys(warnings))
        ext = _EXTENSIONS[chosen]
        return RenderedImage(data, ext, size.width, size.height, alt, unique, texts, layout_file)

    def _load_logo(self) -> Any:
        if self._logo is None:
            from humaskit.cards.imaging import load_logo

            need = (max(w for w, _h in self._sizes), max(h for _w, h in self._sizes))
            where = getattr(self.unit, "logo_from", None)  # tests may pass a bare namespace
            self._logo = load_logo(self.unit.logo, need=need, where=where)
        return self._logo

    def alt_text(self, plan: Plan) -> str:
        """The photo's description plus everything the card says, in reading order (Indonesian).

        Infographics print every figure as text (label, value, target, percentage) beside its
        bar or ring, so reading the card's text states all of its data. The texts of one cell of
        a repeated group (a tile, a row) are read together, cell after cell.
        """
        groups: dict[str, list[TextItem]] = {}
        for item in plan.items:
            if isinstance(item, TextItem) and item.layer != SLIDE_NUMBER_LAYER:
                key = item.layer.rsplit("].", 1)[0] + "]" if "]." in item.layer else item.layer
                if item.read_with and "]." not in item.layer:
                    key = item.read_with  # read together with its label (a HOAKS/FAKTA mark)
                groups.setdefault(key, []).append(item)

        def position(items: list[TextItem]) -> tuple[float, float]:
            return min((i.box.y0, i.box.x0) for i in items)

        # Cells of a repeated group are read in their own order (row by row), where the group
        # starts on the card.
        starts: dict[str, tuple[float, float]] = {}
        for key, items in groups.items():
            if key.endswith("]"):
                base = key.rsplit("[", 1)[0]
                starts[base] = min(starts.get(base, position(items)), position(items))

        def order(entry: tuple[str, list[TextItem]]) -> tuple[float, float, int]:
            key, items = entry
            if key.endswith("]"):
                base, index = key[:-1].rsplit("[", 1)
                return (*starts[base], int(index))
            return (*position(items), 0)

        # Top to bottom, as a reader scans the card, not the order the layers are drawn in.
        alts = dict(plan.alts)
        said = []
        for key, items in sorted(groups.items(), key=order):
            if key in alts:  # the layout words this cell for a listener
                said.append(alts[key])
                continue
            parts = [
                " ".join(line.text for line in i.lines)
                for i in sorted(items, key=lambda i: (bool(i.read_with), i.box.y0, i.box.x0))
            ]
            said.append(", ".join(p for p in parts if p))
        text = " — ".join(s for s in said if s)
        # Alt text is published with the image, so it is in the brand's language (Indonesian),
        # never the language of the user's interface: not passed through `_()`.
        pictures = {i.source: i.box for i in plan.items if isinstance(i, ImageItem)}
        shown = set(pictures)
        if {"photo_before", "photo_after"} <= shown:
            before, after = pictures["photo_before"], pictures["photo_after"]
            place = "row" if after.x0 >= before.x1 else "column" if after.y0 >= before.y1 else ""
            words = ALT_BEFORE_AFTER_PLACES.get(place, ("", ""))
            text = ALT_BEFORE_AFTER.format(before=words[0], after=words[1]) + " " + text
        # A carousel slide says where it stands first ("Slide 2 dari 5."), not amid the header.
        slide = ALT_SLIDE.format(n=self.content.slide, total=self.content.slides)
        prefix = slide + " " if self.content.slides > 1 else ""
        if self.content.photo_alt and "photo" in shown:
            photo = self.content.photo_alt.rstrip(".")
            return prefix + ALT_WITH_PHOTO.format(photo=photo, text=text)
        return prefix + ALT_TEXT_ONLY.format(text=text)


def text_items(plan: Plan) -> tuple[TextItem, ...]:
    """The text blocks of ``plan``, in drawing order: what the card's text layers draw."""
    return tuple(item for item in plan.items if isinstance(item, TextItem))


def image_format(plan: Plan, fmt: str = "auto") -> str:
    """The format ``fmt`` means for ``plan``: ``auto`` is JPEG for a photo card, else PNG."""
    if fmt != "auto":
        return fmt
    uses_photo = any(isinstance(i, ImageItem) and i.source in PHOTO_SOURCES for i in plan.items)
    return "jpeg" if uses_photo else "png"


# The file extension of each image format (as the encoder names its files).
EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp"}


def check_contrast(
    content: CardContent,
    brand: Brand,
    unit: Unit,
    layout: str,
    size: ImageSize,
    templates_dir: Path | None = None,
) -> list[tuple[str, float, float]]:
    """Text layers whose contrast with their background is below WCAG AA.

    A photo behind text counts as the worst case (white behind light text, black behind dark),
    seen through the layout's scrims, so the answer holds for any photo.

    Returns:
        ``(layer, ratio, required)`` for each failing text layer; empty when all pass.
    """
    renderer = CardRenderer(content, brand, unit, templates_dir=templates_dir, sizes=[size])
    return contrast_failures(renderer.plan(layout, size))
