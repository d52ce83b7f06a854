"""``recap``: a unit's releases of one week (or date range) summed up in one carousel and caption.

The releases are the unit's among the files and folders given, dated inside the period. The
carousel has a cover ("Sepekan <unit>", the dates, how many activities), one slide per release
(its photo or its kind's colour, title, date) and the closing slide; platforms without a
carousel get the cover alone at their own sizes. The caption lists every release on one line
each and is fitted to each platform (README, "Rekap sepekan"). The output folder holds the
images, one ``caption.txt`` per platform and a ``manifest.json`` in render's schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit import __version__
from humaskit.errors import HumaskitError, Location, ReleaseError, TemplateError, UsageError
from humaskit.i18n import _
from humaskit.model.brand import Brand, Unit
from humaskit.model.platforms import CAROUSEL_VARIANT, Platform, load_platforms
from humaskit.model.release import Release, load_release, resolve_unit
from humaskit.pipeline.output import (
    MANIFEST_NAME,
    MANIFEST_SCHEMA,
    dump_json,
    slugify,
    write_output,
)
from humaskit.text.captions import make_hashtags
from humaskit.text.counting import count_length
from humaskit.text.formatting import format_date_short
from humaskit.text.shortening import shorten

if TYPE_CHECKING:
    from humaskit.cards.carousel import Slide
    from humaskit.cards.content import CardContent
    from humaskit.cards.renderer import RenderedImage
    from humaskit.model.platforms import ImageSize
    from humaskit.pipeline.render import RenderOptions

__all__ = [
    "Period",
    "RecapResult",
    "date_range_text",
    "parse_period",
    "parse_week",
    "recap",
    "recap_caption",
]

COVER_LAYOUT = "rekap"
RELEASE_LAYOUT = "rekap-rilis"
CAPTION_TEMPLATE = "rekap.j2"
ITEM_TITLE_MAX = 80  # a release's title in the caption list, once the caption is too long
ITEMS_KEPT = 3  # releases listed before the handles and hashtags are given up
_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """The days a recap covers, both ends included; ``week`` is ``"2024-W19"`` for an ISO week."""

    start: dt.date
    end: dt.date
    week: str | None = None

    @property
    def label(self) -> str:
        """``"2024-W19"``, or ``"2024-05-06_2024-05-12"`` for a free range."""
        return self.week or f"{self.start.isoformat()}_{self.end.isoformat()}"


@dataclass
class RecapResult:
    """What ``recap`` wrote."""

    out_dir: Path
    manifest: dict[str, Any]
    releases: list[Release] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "out": str(self.out_dir),
            "releases": len(self.releases),
            "artifacts": len(self.manifest["artifacts"]),
            "warnings": self.manifest["warnings"],
        }


def parse_week(text: str) -> Period:
    """``"2024-W19"`` (ISO week; ``2024W19`` and ``2024-w19`` too) → Monday to Sunday.

    Raises:
        UsageError: not a week of that form, or the year has no such week.
    """
    match = _WEEK_RE.match(text)
    hint = _("Write the ISO week as YYYY-Www, for example 2024-W19.")
    if match is None:
        raise UsageError(
            _("{value!r} is not a week.").format(value=text),
            hint=hint,
            location=Location(field="week"),
        )
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise UsageError(
            _("The year {year} has no week {week}.").format(year=year, week=week),
            hint=hint,
            location=Location(field="week"),
        ) from None
    return Period(monday, monday + dt.timedelta(days=6), f"{year}-W{week:02d}")


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            _("{value!r} is not a valid date.").format(value=text),
            hint=_(
                "Write the date as YYYY-MM-DD, for example 2024-05-10, and check the day exists."
            ),
            location=Location(field=option),
        ) from None


def parse_period(
    week: str | None = None, start: str | None = None, end: str | None = None
) -> Period:
    """The period of ``--week`` or of ``--from``/``--to`` (exactly one of the two forms).

    Raises:
        UsageError: both forms or neither, only one end of a range, a bad date, or a range that
            ends before it starts.
    """
    if week is not None and (start is not None or end is not None):
        raise UsageError(
            _("Give either --week or --from and --to, not both."),
            hint=_("For example: --week 2024-W19, or --from 2024-05-06 --to 2024-05-12."),
        )
    if week is not None:
        return parse_week(week)
    if start is None or end is None:
        raise UsageError(
            _("Say which days to sum up: --week, or --from and --to."),
            hint=_("For example: --week 2024-W19, or --from 2024-05-06 --to 2024-05-12."),
        )
    first, last = _day(start, "from"), _day(end, "to")
    if last < first:
        raise UsageError(
            _("The range ends ({end}) before it starts ({start}).").format(
                start=first.isoformat(), end=last.isoformat()
            ),
            hint=_("Swap --from and --to."),
        )
    return Period(first, last)


def date_range_text(start: dt.date, end: dt.date, locale: str = "id") -> str:
    """Indonesian date range: ``"6–12 Mei 2024"``, ``"29 April – 5 Mei 2024"``,
    ``"30 Desember 2024 – 5 Januari 2025"``; one day: ``"6 Mei 2024"``."""
    last = format_date_short(end, locale)
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    first = format_date_short(start, locale)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]
    return f"{first} – {last}"


def _item_date(day: dt.date, locale: str) -> str:
    """``"Senin, 6 Mei"``: the weekday and day, the year being in the caption's period line."""
    from babel.dates import format_date as babel_date

    return str(babel_date(day, "EEEE, d MMMM", locale=locale))


def collect_releases(
    paths: Sequence[Path | str],
    unit: Unit,
    brand: Brand,
    period: Period,
    *,
    out: Path | None = None,
    allow_paths: Sequence[Path] = (),
) -> tuple[list[Release], list[dict[str, Any]]]:
    """The unit's releases dated in ``period``, oldest first, and warnings for unreadable files.

    Raises:
        UsageError: a path does not exist.
    """
    from humaskit.pipeline.render import find_releases

    releases: list[Release] = []
    warnings: list[dict[str, Any]] = []
    for path in find_releases(paths, out):
        try:
            release = load_release(path, allow_paths=tuple(allow_paths))
            if resolve_unit(release, brand).key != unit.key:
                continue
        except HumaskitError as exc:
            warnings.append(
                {
                    "code": "release-skipped",
                    "message": _("{path} was left out of the recap: {problem}").format(
                        path=path, problem=exc.message
                    ),
                }
            )
            continue
        if period.start <= release.date <= period.end:
            releases.append(release)
    releases.sort(key=lambda r: (r.date, r.title.casefold()))
    return releases, warnings


# --- caption --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fit:
    items: int
    item_max: int | None = None
    handles: bool = True
    hashtags: bool = True
    complaint: bool = True
    title_max: int | None = None


def recap_caption(
    releases: Sequence[Release],
    brand: Brand,
    unit: Unit,
    platform: Platform,
    period: Period,
    *,
    templates_dir: Path | None = None,
) -> tuple[str, int, tuple[str, ...], list[str]]:
    """The recap's caption for ``platform``, fitted to its limit.

    When the full caption is too long, in this order until it fits: the releases' titles are
    shortened to :data:`ITEM_TITLE_MAX` characters, fewer releases are listed (down to
    :data:`ITEMS_KEPT`, with "… dan N kegiatan lainnya"), the handles, the hashtags and the
    complaint channels' details go, fewer releases again (down to none), and the title is cut.

    Returns:
        The text, its length counted the platform's way, its hashtags, and what was given up.

    Raises:
        TemplateError: even the shortest caption is too long (the template's fixed text).
    """
    from humaskit.text.templating import environment, render_template, search_path

    env = environment(tuple(search_path("captions", templates_dir)))
    # Published text is in the brand's language, not the interface's: not through `_()`.
    title = ("Sepekan {unit}" if period.week else "Rekap {unit}").format(unit=unit.short_name)
    count = len(releases)
    tags = make_hashtags(
        [*brand.hashtags, *unit.hashtags, *(t for r in releases for t in r.tags)],
        platform.max_hashtags,
    )
    if platform.hashtag_placement == "none":
        tags = ()
    own, brand_handle = unit.handles.get(platform.id), brand.handles.get(platform.id)
    handles = list(dict.fromkeys(h for h in (own, brand_handle) if h))
    base: dict[str, Any] = {
        "platform": {"id": platform.id, "name": platform.name, "shows_links": platform.shows_links},
        "period": date_range_text(period.start, period.end, brand.locale),
        "count_text": f"{count} kegiatan",
        "unit": {"name": unit.name, "short_name": unit.short_name, "handle": own},
        "brand": {"name": brand.name, "short_name": brand.short_name, "handle": brand_handle},
        "complaint": [
            {
                "name": c.name,
                "url": c.url,
                "url_text": re.sub(r"^https?://(www\.)?", "", c.url).rstrip("/") if c.url else None,
                "phone": c.phone,
            }
            for c in brand.complaint_channels
        ],
        "bold": (lambda s: f"*{s}*" if s else s)
        if platform.formatting == "whatsapp"
        else (lambda s: s),
    }

    def render(fit: _Fit) -> str:
        items = [
            {
                "date": _item_date(r.date, brand.locale),
                "title": r.title if fit.item_max is None else shorten(r.title, fit.item_max),
            }
            for r in releases[: fit.items]
        ]
        context = {
            **base,
            "title": title if fit.title_max is None else shorten(title, fit.title_max),
            "items": items,
            "more": count - fit.items,
            "handles": handles if fit.handles else [],
            "hashtags": list(tags) if fit.hashtags else [],
            "show": {"complaint": fit.complaint},
        }
        text = render_template(env, CAPTION_TEMPLATE, context)
        lines = [line.rstrip() for line in text.strip().split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))

    def fits(fit: _Fit) -> bool:
        return count_length(render(fit), platform) <= platform.caption_limit

    steps: list[tuple[str, Callable[[_Fit], _Fit]]] = [
        ("titles", lambda f: dataclasses.replace(f, item_max=ITEM_TITLE_MAX))
    ]
    steps += [("releases", _listing(n)) for n in range(count - 1, min(ITEMS_KEPT, count) - 1, -1)]
    steps += [
        ("handles", lambda f: dataclasses.replace(f, handles=False)),
        ("hashtags", lambda f: dataclasses.replace(f, hashtags=False)),
        ("complaint", lambda f: dataclasses.replace(f, complaint=False)),
    ]
    steps += [("releases", _listing(n)) for n in range(min(ITEMS_KEPT, count) - 1, -1, -1)]
    fit = _Fit(items=count)
    given_up: list[str] = []
    for name, step in steps:
        if fits(fit):
            break
        fit = step(fit)
        if name not in given_up:
            given_up.append(name)
    if not fits(fit):
        low, high = 0, len(title)
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (
                (mid, high) if fits(dataclasses.replace(fit, title_max=mid)) else (low, mid - 1)
            )
        fit = dataclasses.replace(fit, title_max=low)
        given_up.append("title")
    text = render(fit)
    length = count_length(text, platform)
    if length > platform.caption_limit:
        raise TemplateError(
            _(
                "The caption template for {platform} writes {length} characters even with "
                "every optional block dropped; the limit is {limit}."
            ).format(platform=platform.id, length=length, limit=platform.caption_limit),
            hint=_("Shorten the fixed text in the template."),
            location=Location(CAPTION_TEMPLATE),
        )
    return text, length, tags if fit.hashtags else (), given_up


def _listing(count: int) -> Callable[[_Fit], _Fit]:
    """A fitting step: list only the first ``count`` releases."""
    return lambda fit: dataclasses.replace(fit, items=count)


# --- slides ---------------------------------------------------------------------------------------


def _cover_content(
    releases: Sequence[Release], brand: Brand, unit: Unit, period: Period
) -> CardContent:
    """The cover: the unit, the dates, how many activities, the week's first photo."""
    from humaskit.pipeline.images import card_content

    pictured = next((r for r in releases if r.image is not None), None)
    base = card_content(pictured or releases[0], brand, unit)
    # Published text, in the brand's language (Indonesian), never the interface's.
    title = ("Sepekan {unit}" if period.week else "Rekap {unit}").format(unit=unit.short_name)
    return dataclasses.replace(
        base,
        kind="rekap",
        title=title,
        summary=f"{len(releases)} kegiatan",
        date_text=date_range_text(period.start, period.end, brand.locale),
        location=None,
        quote_text=None,
        quote_by=None,
        quote_role=None,
        stats=(),
        agenda=(),
        points=tuple(r.title for r in releases),
        draft=False,
    )


def recap_slides(
    releases: Sequence[Release], brand: Brand, unit: Unit, period: Period
) -> tuple[CardContent, list[Slide]]:
    """The cover's content and every slide of the recap carousel, before trimming.

    Slides: the cover, one per release (oldest first) and the closing slide. Trimmed to a
    platform's limit, the latest releases' slides go first; the caption still lists them all.
    """
    from humaskit.cards.carousel import RANK_COVER, RANK_MAIN, Slide, accounts, closing_slide
    from humaskit.pipeline.images import card_content

    cover = _cover_content(releases, brand, unit, period)
    names = {pid: p.name for pid, p in load_platforms(None).items()}
    slides = [Slide("cover", COVER_LAYOUT, cover, RANK_COVER)]
    for release in releases:
        content = card_content(release, brand, unit)
        slides.append(Slide("release", RELEASE_LAYOUT, content, RANK_MAIN))
    slides.append(closing_slide(cover, accounts(brand, unit, names)))
    return cover, slides


# --- the command ----------------------------------------------------------------------------------


def recap(
    paths: Sequence[Path | str],
    unit: str,
    period: Period,
    *,
    out: Path | str = "out",
    platforms: Sequence[str] = (),
    fmt: str = "auto",
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
    allow_paths: Sequence[Path] = (),
) -> RecapResult:
    """Sum up ``unit``'s releases of ``period`` in one carousel and one caption per platform.

    Writes ``OUT/rekap-<unit>-<week or range>/`` with a folder per platform (``caption.txt``,
    ``carousel-01.png`` … or the cover at the platform's sizes) and ``manifest.json``.

    Args:
        paths: release files or folders holding them (searched recursively).
        unit: the unit's key or code.
        period: the days to sum up (:func:`parse_week`, :func:`parse_period`).
        out: the output folder.
        platforms: only these platforms (default: the unit's).
        fmt: image format, one of auto, png, jpeg, webp.
        brand_dir: a brand kit folder (default: the workspace's ``brand/``, else built-in).
        templates_dir: a templates folder overriding the built-ins.
        allow_paths: further folders releases may read photos from.

    Raises:
        UsageError: a path does not exist, or an unknown platform or format.
        BrandError: no unit has that key.
        ReleaseError: the unit has no release in the period.
    """
    from humaskit.pipeline.render import FORMATS, RenderOptions, brand_for, inputs_hash

    if fmt not in FORMATS:
        raise UsageError(
            _("Unknown image format {fmt!r}.").format(fmt=fmt),
            hint=_("Choose one of: {formats}.").format(formats=", ".join(FORMATS)),
        )
    if not paths:
        raise UsageError(_("Name the releases to sum up."), hint=_("For example: rilis/"))
    options = RenderOptions(
        out=Path(out),
        fmt=fmt,
        brand_dir=Path(brand_dir) if brand_dir else None,
        templates_dir=Path(templates_dir) if templates_dir else None,
        allow_paths=tuple(Path(p).resolve() for p in allow_paths),
    )
    kit, templates = brand_for(Path(paths[0]), options)
    options = dataclasses.replace(options, templates_dir=templates)
    the_unit = kit.unit(unit)
    rules = load_platforms(templates)
    wanted = list(platforms) or list(the_unit.platforms)
    unknown = [p for p in wanted if p not in rules]
    if unknown:
        raise UsageError(
            _("Unknown platform {platform!r}.").format(platform=unknown[0]),
            hint=_("Known platforms: {known}.").format(known=", ".join(rules)),
        )
    releases, warnings = collect_releases(
        paths, the_unit, kit, period, out=options.out, allow_paths=options.allow_paths
    )
    when = date_range_text(period.start, period.end, kit.locale)
    if not releases:
        raise ReleaseError(
            _("{unit} has no press release dated {period}.").format(
                unit=the_unit.short_name, period=when
            ),
            hint=_(
                "Check the unit key, the week and the folders given; each release's "
                "'unit' and 'date' decide whether it is included."
            ),
        )
    slug = slugify(f"rekap-{the_unit.key}-{period.label}")
    out_dir = options.out / slug
    artifacts, image_warnings = _render_images(
        releases, kit, the_unit, period, wanted, rules, out_dir, options
    )
    warnings.extend(image_warnings)
    for pid in wanted:
        platform = rules[pid]
        text, length, tags, given_up = recap_caption(
            releases, kit, the_unit, platform, period, templates_dir=templates
        )
        rel = f"{pid}/caption.txt"
        write_output(out_dir / rel, (text + "\n").encode("utf-8"))
        artifacts.insert(
            [a["type"] for a in artifacts].count("caption"),
            {
                "platform": pid,
                "type": "caption",
                "path": rel,
                "length": length,
                "limit": platform.caption_limit,
                "hashtags": len(tags),
            },
        )
        if given_up:
            warnings.append(
                {
                    "code": "caption-shortened",
                    "message": _(
                        "The {platform} caption was fitted to {limit} characters: {what}."
                    ).format(platform=pid, limit=platform.caption_limit, what=", ".join(given_up)),
                    "artifact": rel,
                }
            )
    digest = hashlib.sha256(f"{period.label};{','.join(wanted)};{fmt}".encode())
    for release in releases:
        digest.update(inputs_hash(release, kit, options).encode())
    manifest: dict[str, Any] = {
        "schema": MANIFEST_SCHEMA,
        "source": ", ".join(str(p) for p in paths),
        "slug": slug,
        "unit": the_unit.key,
        "kind": "rekap",
        "title": ("Sepekan {unit}" if period.week else "Rekap {unit}").format(
            unit=the_unit.short_name
        ),
        "date": period.start.isoformat(),
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "week": period.week,
            "text": when,
        },
        "releases": [
            {"source": _display(r), "title": r.title, "date": r.date.isoformat(), "kind": r.kind}
            for r in releases
        ],
        "humaskit": __version__,
        "inputs_hash": "sha256:" + digest.hexdigest(),
        "artifacts": artifacts,
        "warnings": warnings,
    }
    write_output(out_dir / MANIFEST_NAME, dump_json(manifest))
    return RecapResult(out_dir, manifest, releases)


def _display(release: Release) -> str:
    try:
        return release.path.resolve().relative_to(release.workspace).as_posix()
    except ValueError:
        return release.path.as_posix()


def _render_images(
    releases: Sequence[Release],
    brand: Brand,
    unit: Unit,
    period: Period,
    wanted: Sequence[str],
    rules: Mapping[str, Platform],
    out_dir: Path,
    options: RenderOptions,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The carousel on platforms that take one; the cover alone at every other image size."""
    from humaskit.cards.carousel import fit_carousel
    from humaskit.cards.renderer import CardRenderer
    from humaskit.pipeline.images import render_carousels, write_image

    cover, slides = recap_slides(releases, brand, unit, period)
    carousels = {}
    singles: list[tuple[Platform, ImageSize]] = []
    for pid in wanted:
        platform = rules[pid]
        for size in platform.images:
            if size.variant == CAROUSEL_VARIANT:
                carousels[pid] = fit_carousel(slides, platform.carousel_max)
            elif not any(s.variant == CAROUSEL_VARIANT for s in platform.images):
                singles.append((platform, size))
    artifacts, warnings = render_carousels(
        carousels, brand, unit, out_dir, options.fmt, options.templates_dir, rules=rules
    )
    renderer = CardRenderer(
        cover, brand, unit, templates_dir=options.templates_dir, sizes=[s for _p, s in singles]
    )
    drawn: dict[tuple[int, int, int, int], RenderedImage] = {}
    for platform, size in singles:
        key = (size.width, size.height, size.safe_top, size.safe_bottom)
        if key not in drawn:
            drawn[key] = renderer.render(COVER_LAYOUT, size, options.fmt)
        artifact, notes = write_image(drawn[key], platform, size.variant, COVER_LAYOUT, out_dir)
        artifacts.append(artifact)
        warnings.extend(notes)
    return artifacts, warnings
