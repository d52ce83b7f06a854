"""Image cards: the facade the render step calls.

One :class:`CardRenderer` per release decodes the photo once and reuses it, with the fonts and
masks, for every layout and size asked of it. Layouts come from ``templates/layouts/`` (the user's
folder first) and the layout for each kind, platform and variant from ``templates/sets.yaml``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.layout.contrast import contrast_failures
from humaskit.layout.planner import (
    Canvas,
    ImageItem,
    Layout,
    Plan,
    load_layout,
    plan_layout,
)
from humaskit.model.kinds import get_kind, kind_names
from humaskit.resources import builtin_templates_dir

if TYPE_CHECKING:
    from humaskit.cards.imaging import Photo
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.entries import AgendaItem
    from humaskit.model.platforms import ImageSize
    from humaskit.model.stats import Stat

__all__ = [
    "AgendaView",
    "CardContent",
    "CardRenderer",
    "RenderedImage",
    "StatView",
    "agenda_views",
    "available_layouts",
    "check_contrast",
    "find_layout",
    "layouts_for",
    "stat_views",
]

FORMATS = ("auto", "png", "jpeg", "webp")
# The largest canvas of any built-in platform size, used when the caller does not say which sizes
# it will ask for: the photo is then decoded once at a scale that serves all of them.
_LARGEST = ((1080, 1920), (1600, 900), (1080, 1350))
# Image sources a layout may show, each a CardContent field holding a photo's path.
PHOTO_SOURCES = ("photo", "photo_before", "photo_after")
LOW_RESOLUTION = 1.5  # upscaling a photo more than this shows visibly soft pixels
# Alt-text wording, in the brand locale's language (Indonesian) whatever the UI language is.
ALT_WITH_PHOTO = "{photo}. Teks pada kartu: {text}"
ALT_TEXT_ONLY = "Teks pada kartu: {text}"
ALT_BEFORE_AFTER = "Foto kondisi sebelum (kiri) dan sesudah (kanan) penanganan."
ALT_SLIDE = "Slide {n} dari {total}."
# The text layer that shows a carousel slide's number; alt text says it in words instead.
SLIDE_NUMBER_LAYER = "slide-number"


@dataclass(frozen=True)
class StatView:
    """One kinerja figure as cards show it: formatted text plus the numbers charts need.

    ``share`` is the value on the scale shared by every figure of the card (0 at zero, 1 at the
    largest absolute value), so bars start at zero and compare honestly. ``ratio`` is the value
    over its target, capped to 0..1 for a progress bar; ``percent`` is the uncapped percentage.
    """

    label: str
    value: float
    value_text: str
    unit: str | None = None
    target: float | None = None
    target_text: str | None = None
    percent: float | None = None
    percent_text: str | None = None
    ratio: float | None = None
    share: float = 0.0
    is_percent: bool = False
    pair_text: str = ""  # "1.020 / 1.100 posyandu": realisation over target (value_text without)


@dataclass(frozen=True)
class AgendaView:
    """One event of an agenda card, formatted the Indonesian way."""

    day_text: str  # "Selasa, 14 Mei 2024"
    date_short: str  # "14 Mei 2024"
    weekday: str  # "Selasa"
    day: str  # "14"
    month: str  # "Mei"
    title: str
    time_text: str | None = None  # "09.00 WIB"
    place: str | None = None


@dataclass(frozen=True)
class CardContent:
    """Everything a card may show, already formatted for people.

    Layout templates see these fields by name (``{{ title }}``, ``{% for s in stats %}``); the
    nested views become plain mappings there.
    """

    kind: str
    title: str
    summary: str
    unit_name: str
    date_text: str
    photo: Path | None = None
    photo_focus: tuple[float, float] = (0.5, 0.5)
    photo_alt: str | None = None
    photo_credit: str | None = None
    quote_text: str | None = None
    quote_by: str | None = None
    quote_role: str | None = None
    handles_text: str = ""
    footer: str = ""
    draft: bool = False
    location: str | None = None
    # kinerja
    stats: tuple[StatView, ...] = ()
    period: str | None = None
    source: str | None = None
    # agenda
    agenda: tuple[AgendaView, ...] = ()
    # hoaks
    claim: str | None = None
    fact: str | None = None
    # aduan
    complaint: str | None = None
    action: str | None = None
    status: str | None = None  # diterima | diproses | selesai
    status_text: str | None = None  # "Selesai ditindaklanjuti"
    status_step: int = 0  # 1, 2, 3 for the three statuses
    ticket: str | None = None
    photo_before: Path | None = None
    photo_after: Path | None = None
    complaint_channels: str = ""  # "SP4N-LAPOR! lapor.go.id · …"
    # pengumuman / potensi
    when: str | None = None
    place: str | None = None
    contact: str | None = None
    highlights: tuple[str, ...] = ()
    # a kind's own fields (humaskit.model.kinds), as (name, value) pairs; layouts see a mapping
    extra: tuple[tuple[str, Any], ...] = ()
    # carousels: the key points of the body, and this slide's number out of how many
    points: tuple[str, ...] = ()
    slide: int = 0
    slides: int = 0


@dataclass(frozen=True)
class RenderedImage:
    """One encoded card."""

    data: bytes
    ext: str
    width: int
    height: int
    alt: str
    warnings: tuple[tuple[str, str], ...]


def _layout_dirs(templates_dir: Path | None) -> list[Path]:
    dirs = [] if templates_dir is None else [templates_dir / "layouts"]
    return [*dirs, builtin_templates_dir() / "layouts"]


def available_layouts(templates_dir: Path | None = None) -> dict[str, Path]:
    """Every layout name with the file that defines it (user's files win), for ``templates``."""
    found: dict[str, Path] = {}
    for folder in reversed(_layout_dirs(templates_dir)):
        if folder.is_dir():
            found.update({p.stem: p for p in sorted(folder.glob("*.yaml"))})
    return dict(sorted(found.items()))


_LAYOUT_CACHE: dict[tuple[Path, int], Layout] = {}


def find_layout(name: str, templates_dir: Path | None = None) -> Layout:
    """The parsed layout ``name``, the user's file before the built-in one.

    Raises:
        TemplateError: no such layout, or it is invalid.
    """
    path = available_layouts(templates_dir).get(name)
    if path is None:
        raise TemplateError(
            _("There is no layout named {name!r}.").format(name=name),
            hint=_("Known layouts: {names}.").format(
                names=", ".join(available_layouts(templates_dir))
            ),
        )
    key = (path, path.stat().st_mtime_ns)
    if key not in _LAYOUT_CACHE:
        _LAYOUT_CACHE[key] = load_layout(path)
    return _LAYOUT_CACHE[key]


def _read_sets(path: Path) -> dict[str, dict[str, str]]:
    stat = path.stat()
    return _read_sets_version(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_sets_version(path: Path, _mtime: int, _size: int) -> dict[str, dict[str, str]]:
    """The sets file, parsed once per version of the file (it is read for every image)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(
            _("The template sets file is not valid YAML."),
            location=Location(file=path, line=mark.line + 1 if mark else None),
        ) from exc
    kinds = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(kinds, dict) or not all(
        isinstance(v, dict) and all(isinstance(x, str) for x in v.values()) for v in kinds.values()
    ):
        raise TemplateError(
            _("The template sets file needs 'kinds:' mapping each kind to layouts."),
            hint=_("For example: kinds: {{rilis: {{default: rilis}}}}.").format(),
            location=Location(file=path, field="kinds"),
        )
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in kinds.items()}


def layouts_for(kind: str, platform: str, variant: str, templates_dir: Path | None = None) -> str:
    """The layout a ``kind`` of release gets on ``platform``'s image ``variant``.

    Each kind's declaration (:mod:`humaskit.model.kinds`) names its layout; ``sets.yaml`` may
    map a kind to a ``default`` layout and ``platform.variant`` or ``platform`` exceptions
    (the user's file overrides kinds it names).

    Raises:
        TemplateError: the kind has no template set, or the file is invalid.
    """
    kinds = {name: {"default": get_kind(name).default_layout} for name in kind_names()}
    for folder in (builtin_templates_dir(), templates_dir):
        if folder is not None and (folder / "sets.yaml").is_file():
            kinds.update(_read_sets(folder / "sets.yaml"))
    entry = kinds.get(kind)
    if entry is None:
        raise TemplateError(
            _("No template set for the kind {kind!r}.").format(kind=kind),
            hint=_("Known kinds: {kinds}.").format(kinds=", ".join(sorted(kinds))),
            location=Location(field="kind"),
        )
    for key in (f"{platform}.{variant}", platform, "default"):
        if key in entry:
            return entry[key]
    raise TemplateError(
        _("The template set {kind!r} has no 'default' layout.").format(kind=kind),
        location=Location(file="sets.yaml", field=kind),
    )


def stat_views(stats: Sequence[Stat], locale: str = "id") -> tuple[StatView, ...]:
    """Format figures for a card: values, targets and percentages the Indonesian way.

    Bars share one scale that starts at zero: ``share`` is each value over the largest absolute
    value among ``stats``.
    """
    from humaskit.text.formatting import format_number, format_percent, format_quantity

    # Negative figures get no bar (bars start at zero); the number beside it tells.
    largest = max((s.value for s in stats), default=0.0)
    views = []
    for stat in stats:
        percent = stat.percent_of_target
        is_percent = (stat.unit or "").strip().lower() in ("%", "persen")
        value_text = format_quantity(stat.value, stat.unit, locale)
        target_text = (
            format_quantity(stat.target, stat.unit, locale) if stat.target is not None else None
        )
        pair_text = value_text
        if target_text is not None:
            plain = (
                stat.unit is not None
                and stat.unit.strip().lower() not in ("%", "persen", "rp", "idr", "rupiah")
                and max(abs(stat.value), abs(stat.target or 0)) < 1_000_000
            )
            # "1.020 / 1.100 posyandu" reads better than repeating the unit on both sides.
            pair_text = (
                f"{format_number(stat.value, locale)} / {target_text}"
                if plain
                else f"{value_text} / {target_text}"
            )
        views.append(
            StatView(
                label=stat.label,
                value=stat.value,
                value_text=value_text,
                unit=stat.unit,
                target=stat.target,
                target_text=target_text,
                pair_text=pair_text,
                percent=percent,
                percent_text=format_percent(percent, locale) if percent is not None else None,
                ratio=_ratio(percent, stat.value if is_percent else None),
                share=max(0.0, stat.value) / largest if largest > 0 else 0.0,
                is_percent=is_percent,
            )
        )
    return tuple(views)


def _ratio(percent_of_target: float | None, percent_value: float | None) -> float | None:
    """How full a progress bar or donut is: realisation over target, else a percentage over
    100; capped to 0..1 (the figure printed beside it says when it is past 100 %)."""
    percent = percent_of_target if percent_of_target is not None else percent_value
    return None if percent is None else min(1.0, max(0.0, percent / 100))


def agenda_views(items: Sequence[AgendaItem], locale: str = "id") -> tuple[AgendaView, ...]:
    """Format agenda items: ``"Selasa, 14 Mei 2024"``, ``"09.00 WIB"``."""
    from babel.dates import format_date as babel_date

    from humaskit.text.formatting import format_date, format_date_short, format_time

    views = []
    for item in items:
        time_text = None
        if item.time:
            time_text = format_time(item.time)
            if not any(zone in time_text for zone in ("WIB", "WITA", "WIT")):
                time_text += " WIB"  # Blora keeps western Indonesian time
        views.append(
            AgendaView(
                day_text=format_date(item.date, locale),
                date_short=format_date_short(item.date, locale),
                weekday=str(babel_date(item.date, "EEEE", locale=locale)),
                day=str(item.date.day),
                month=str(babel_date(item.date, "MMM", locale=locale)),
                title=item.title,
                time_text=time_text,
                place=item.place,
            )
        )
    return tuple(views)


def _values(content: CardContent) -> dict[str, Any]:
    values = dataclasses.asdict(content)
    values["extra"] = dict(content.extra)
    for name in ("photo", "photo_before", "photo_after"):
        path = getattr(content, name)
        values[name] = str(path) if path else None
    # What infographic layouts choose by: how many figures, and whether one scale suits them.
    values["stats_count"] = len(content.stats)
    values["stats_same_unit"] = len({(s.unit or "").strip().lower() for s in content.stats}) <= 1
    values["stats_with_target"] = sum(1 for s in content.stats if s.target is not None)
    return values


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
        from humaskit.cards.draw import FontBook

        self.content = content
        self.brand = brand
        self.unit = unit
        self.templates_dir = templates_dir
        self.fonts = FontBook({r: (f.file, f.weight) for r, f in brand.fonts.items()})
        self._sizes = [(s.width, s.height) for s in sizes] if sizes is not None else list(_LARGEST)
        # Decoded photos by (source, file): shared with renderers made by `with_content`.
        self._decoded: dict[tuple[str, Path], Photo] = {}
        self._logo: Any = None
        self._values = _values(content)
        self._weights = {r: f.weight or 400 for r, f in brand.fonts.items()}

    def with_content(self, content: CardContent) -> CardRenderer:
        """A renderer for other content of the same release (a carousel slide) that reuses this
        one's fonts, logo and decoded photos instead of decoding them again."""
        other = copy.copy(self)
        other.content = content
        other._values = _values(content)
        return other

    @property
    def photo(self) -> Photo | None:
        """The decoded photo (decoded on first use), or ``None`` without one."""
        return self._source_photo("photo")

    def _source_photo(self, source: str) -> Photo | None:
        """The decoded photo of image source ``source`` (``photo``, ``photo_before``, …)."""
        path = getattr(self.content, source, None)
        if path is None:
            return None
        key = (source, path)
        if key not in self._decoded:
            from humaskit.cards.imaging import open_photo

            width = max(w for w, _h in self._sizes)
            if source != "photo":  # before/after photos sit side by side: half the widest card
                width = width // 2 + 1
            self._decoded[key] = open_photo(path, need=(width, max(h for _w, h in self._sizes)))
        return self._decoded[key]

    def plan(self, layout: str, size: ImageSize) -> Plan:
        """The layout planned for ``size``, without drawing."""
        canvas = Canvas(size.width, size.height, size.safe_top, size.safe_bottom)
        available = ["logo"] + [
            name for name in PHOTO_SOURCES if getattr(self.content, name) is not None
        ]
        return plan_layout(
            find_layout(layout, self.templates_dir),
            canvas,
            values=self._values,
            colors=self.unit.colors,
            measurer=self.fonts,
            available=available,
            weights=self._weights,
        )

    def render(self, layout: str, size: ImageSize, fmt: str = "auto") -> RenderedImage:
        """Draw and encode one card.

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
        uses_photo = any(isinstance(i, ImageItem) and i.source in PHOTO_SOURCES for i in plan.items)

        def picture(item: ImageItem, box: tuple[int, int]) -> Any:
            from humaskit.cards.imaging import contain, cover

            if item.source in PHOTO_SOURCES:
                photo = self._source_photo(item.source)
                if photo is None:
                    return None
                upscale = max(box[0] / photo.original[0], box[1] / photo.original[1])
                if upscale > LOW_RESOLUTION:
                    warnings.append(("photo-low-resolution", self._low_res_message(box, photo)))
                return cover(photo.image, box, item.focus)
            logo = self._load_logo()
            return contain(logo, box) if item.fit == "contain" else cover(logo, box, item.focus)

        self.fonts.missing.clear()
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
        chosen = fmt if fmt != "auto" else ("jpeg" if uses_photo else "png")
        if chosen not in FORMATS[1:]:
            raise TemplateError(
                _("Unknown image format {fmt!r}.").format(fmt=fmt),
                hint=_("Use auto, png, jpeg or webp."),
            )
        data, ext = encode(image, chosen)
        return RenderedImage(
            data, ext, size.width, size.height, self.alt_text(plan), tuple(dict.fromkeys(warnings))
        )

    def _low_res_message(self, box: tuple[int, int], photo: Photo) -> str:
        return _(
            "{file}: the photo is {width}×{height} pixels but the card needs about "
            "{need_w}×{need_h}; it will look soft."
        ).format(
            file=photo.path,
            width=photo.original[0],
            height=photo.original[1],
            need_w=box[0],
            need_h=box[1],
        )

    def _load_logo(self) -> Any:
        if self._logo is None:
            from humaskit.cards.imaging import load_logo

            self._logo = load_logo(self.unit.logo)
        return self._logo

    def alt_text(self, plan: Plan) -> str:
        """The photo's description plus everything the card says, in reading order (Indonesian).

        Infographics print every figure as text (label, value, target, percentage) beside its
        bar or ring, so reading the card's text states all of its data. The texts of one cell of
        a repeated group (a tile, a row) are read together, cell after cell.
        """
        from humaskit.layout.planner import TextItem

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
        shown = {i.source for i in plan.items if isinstance(i, ImageItem)}
        if {"photo_before", "photo_after"} <= shown:
            text = ALT_BEFORE_AFTER + " " + text
        # A carousel slide says where it stands first ("Slide 2 dari 5."), not amid the header.
        slide = ALT_SLIDE.format(n=self.content.slide, total=self.content.slides)
        prefix = slide + " " if self.content.slides > 1 else ""
        if self.content.photo_alt and "photo" in shown:
            photo = self.content.photo_alt.rstrip(".")
            return prefix + ALT_WITH_PHOTO.format(photo=photo, text=text)
        return prefix + ALT_TEXT_ONLY.format(text=text)


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


def card_colors(unit: Unit) -> Mapping[str, str]:
    """The colour roles a unit's cards use."""
    return unit.colors
