"""Carousels: which slides a release (or a weekly recap) gets, in which order, and which to drop.

Pure planning, no pixels: :func:`release_slides` lists a release's slides — the cover (the
kind's own feed layout), the events the cover has no room for (layout ``agenda``, at most
:data:`AGENDA_PER_SLIDE` per slide), its figures (``kinerja``, at most :data:`STATS_PER_SLIDE`
per slide; right after the cover when the cover shows figures too), its key points (``poin``,
or for a schedule of dates the kind's ``schedule_layout``; as many slides as the points need),
its quote (``kutipan``) and the closing slide (``penutup``: the unit's accounts and the
complaint channels). :func:`fit_carousel` keeps at most the platform's ``carousel_max`` slides
and numbers them ("2/7").

A carousel is made only when it has slides worth swiping (:func:`worth_swiping`): a cover and
the closing slide alone make none. The headline is the cover's alone: an inner slide's
``title`` is its short section label ("Jadwal layanan", "Agenda 13–14 September 2024").

When there are more slides than the platform allows, the least important go first (README,
"Carousel"): further figure and key-point slides, the quote, the first key-point slide and the
first figure slide. The cover, the event slides and the closing slide stay longest. For
``kinerja`` releases the figures are the point, so every figure slide ranks with the first.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from humaskit.cards.points import is_schedule, key_points, points_label
from humaskit.layout.sets import available_layouts, layouts_for
from humaskit.model.kinds import get_kind

if TYPE_CHECKING:
    from humaskit.cards.content import AgendaView, CardContent
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.release import Release

__all__ = [
    "AGENDA_LAYOUT",
    "CLOSING_LAYOUT",
    "NEXT_SLIDE",
    "POINTS_LAYOUT",
    "QUOTE_LAYOUT",
    "STATS_LAYOUT",
    "Carousel",
    "Slide",
    "accounts",
    "closing_heading",
    "closing_slide",
    "fit_carousel",
    "key_points",
    "release_slides",
    "worth_swiping",
]

AGENDA_LAYOUT = "agenda"
POINTS_LAYOUT = "poin"
QUOTE_LAYOUT = "kutipan"
STATS_LAYOUT = "kinerja"
CLOSING_LAYOUT = "penutup"
COVER_VARIANT = "feed"  # the cover is the kind's feed card, with a slide number

# A 4:5 kinerja card lists at most six figures (templates/layouts/kinerja.yaml); a slide of more
# would leave some out of the carousel altogether.
STATS_PER_SLIDE = 6
# Events per slide when the layout is not asked how many it fits (templates/layouts/agenda.yaml
# fits as many as its rows hold: three or four on a 4:5 slide).
AGENDA_PER_SLIDE = 4
# Key points: at most this many per slide and this many characters per slide, so that four
# points of three lines each still fit a 4:5 slide at a readable size.
POINTS_PER_SLIDE = 4
POINTS_SLIDE_CHARS = 340
# A schedule of short dates (each row at most SCHEDULE_ROW_CHARS) goes on slides of up to six,
# in two columns (templates/layouts/pengumuman-jadwal.yaml), as the feed card sets them.
SCHEDULE_PER_SLIDE = 6
SCHEDULE_ROW_CHARS = 64
MIN_POINTS = 2

# Where a card's left-out events are when the next slide shows them (the layouts print it).
NEXT_SLIDE = "di slide berikutnya"
# Section labels of inner slides (the brand's language, like every card text).
STATS_LABEL = "Capaian dalam angka"
MORE_STATS_LABEL = "Capaian lainnya"
QUOTE_LABEL = "Kutipan"
MORE_LABEL = "{label} (lanjutan)"

# Ranks: a smaller rank is kept longer; slides of equal rank are dropped from the end.
RANK_COVER, RANK_CLOSING, RANK_MAIN, RANK_POINTS, RANK_QUOTE, RANK_MORE = 0, 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Slide:
    """One slide: what it is, the layout it is drawn with and what it shows.

    Attributes:
        role: ``cover``, ``agenda``, ``points``, ``quote``, ``stats``, ``closing`` or
            ``release`` (a recap's slide for one release).
        layout: the layout name.
        content: what the slide shows; ``slide``/``slides`` are set by :func:`fit_carousel`.
        rank: importance when slides must be dropped; smaller stays longer.
    """

    role: str
    layout: str
    content: CardContent
    rank: int


@dataclass(frozen=True)
class Carousel:
    """The slides kept, numbered, and the slides left out to stay within the platform's limit."""

    slides: tuple[Slide, ...]
    dropped: tuple[Slide, ...] = ()


def worth_swiping(slides: Sequence[Slide]) -> bool:
    """Whether a carousel of ``slides`` adds anything to its cover: a slide that is neither the
    cover nor the closing slide (a cover and the closing slide alone make no carousel)."""
    return any(s.role not in ("cover", "closing") for s in slides)


def _pages(count: int, per_page: int) -> list[tuple[int, int]]:
    """``count`` things on as few pages of at most ``per_page`` as they need, shared evenly
    (ten figures make pages of five and five, not six and four): ``(start, end)`` per page."""
    pages = -(-count // per_page)
    if not pages:
        return []
    bounds = [round(i * count / pages) for i in range(pages + 1)]
    return list(itertools.pairwise(bounds))


def _point_groups(points: Sequence[str]) -> list[tuple[str, ...]]:
    """Points on slides of at most POINTS_PER_SLIDE points and POINTS_SLIDE_CHARS characters:
    as few slides as they need, sharing the points evenly where the characters allow."""
    greedy: list[list[str]] = []
    for point in points:
        last = greedy[-1] if greedy else None
        if (
            last is None
            or len(last) >= POINTS_PER_SLIDE
            or sum(len(p) for p in last) + len(point) > POINTS_SLIDE_CHARS
        ):
            greedy.append([point])
        else:
            last.append(point)
    even = [tuple(points[a:b]) for a, b in _pages(len(points), POINTS_PER_SLIDE)]
    if len(even) == len(greedy) and all(sum(len(p) for p in g) <= POINTS_SLIDE_CHARS for g in even):
        return even
    return [tuple(g) for g in greedy]


def accounts(
    brand: Brand, unit: Unit, platform_names: Mapping[str, str], first: str = ""
) -> tuple[str, ...]:
    """The unit's accounts as lines for the closing slide: ``"Instagram · Facebook: @blora"``.

    Platforms sharing a handle share a line; the line of platform ``first`` (the one the
    carousel is posted on) comes first. A unit without accounts of its own points to the
    brand's (the regency's) accounts, and the slide says so (:func:`closing_heading`).
    """
    handles = dict(unit.handles) or dict(brand.handles)
    grouped: dict[str, list[str]] = {}
    if first in handles:
        grouped[handles[first]] = []
    for pid, handle in handles.items():
        grouped.setdefault(handle, []).append(platform_names.get(pid, pid))
    return tuple(f"{' · '.join(names)}: {handle}" for handle, names in grouped.items())


def closing_heading(brand: Brand, unit: Unit) -> str:
    """The closing slide's heading when it cannot say "Ikuti kabar <unit>": the unit has no
    accounts of its own and the slide lists the brand's. Empty otherwise (the layout's own
    heading). Published text, in the brand's language: not through ``_()``."""
    if unit.handles or not brand.handles:
        return ""
    return f"{unit.short_name} belum punya akun sendiri. Ikuti kabarnya di {brand.short_name}"


def closing_slide(base: CardContent, lines: Sequence[str], heading: str = "") -> Slide:
    """The closing slide: the accounts (as ``points``) and the complaint channels of ``base``;
    ``heading`` (its ``section``) replaces the layout's "Ikuti kabar <unit>" when set."""
    content = dataclasses.replace(
        base,
        kind="penutup",
        section=heading,
        photo=None,
        photo_alt=None,
        photo_credit=None,
        points=tuple(lines),
        stats=(),
        draft=False,
    )
    return Slide("closing", CLOSING_LAYOUT, content, RANK_CLOSING)


def release_slides(
    release: Release,
    content: CardContent,
    *,
    brand: Brand,
    platform: str,
    account_lines: Sequence[str],
    account_heading: str = "",
    templates_dir: Path | None = None,
    shows: Callable[[str, CardContent], int] | None = None,
) -> list[Slide]:
    """Every slide a release's carousel could have, in reading order (before any is dropped).

    Args:
        release: the release.
        content: its card content (``humaskit.pipeline.images.card_content``).
        brand: the brand kit (unused; kept for callers that pass it).
        platform: the platform id, for the cover's layout in the template set.
        account_lines: the closing slide's account lines (:func:`accounts`).
        account_heading: the closing slide's heading (:func:`closing_heading`).
        templates_dir: the user's templates folder.
        shows: how many of a slide's events (``content.agenda``) a layout fits on a carousel
            slide; without it, :data:`AGENDA_PER_SLIDE`.

    Raises:
        TemplateError: the kind has no template set.
    """
    del brand  # the figures are formatted already (content.stats), on one scale for all slides
    cover_layout = layouts_for(release.kind, platform, COVER_VARIANT, templates_dir)
    have = available_layouts(templates_dir)
    inner = dataclasses.replace(content, photo=None, photo_alt=None, photo_credit=None)
    cover = content
    after_cover: list[Slide] = []
    # Events: the agenda cover shows the first ones, slides of their own the rest, each slide
    # as many as its layout fits (``shows``), the next one starting where it stopped.
    events = content.agenda
    if events and AGENDA_LAYOUT in have:
        count = shows or (lambda _layout, page: min(len(page.agenda), AGENDA_PER_SLIDE))
        on_cover = cover_layout == AGENDA_LAYOUT
        shown = min(len(events), max(1, count(cover_layout, cover))) if on_cover else 0
        if 0 < shown < len(events):
            # The cover and the slides after it share the events evenly too (3 and 3 rather
            # than 4 and 2, which leaves half the last slide empty).
            after = _inner(inner, _agenda_label(events[shown:]), agenda=events[shown:])
            fits = max(1, count(AGENDA_LAYOUT, after))
            pages = 1 + -(-(len(events) - shown) // fits)
            shown = min(shown, -(-len(events) // pages))
        if shown:
            cover = dataclasses.replace(
                cover, agenda=events[:shown], agenda_rest=len(events) - shown
            )
        while shown < len(events):
            rest = events[shown:]
            page = _inner(inner, _agenda_label(rest), agenda=rest)
            fits = min(len(rest), max(1, count(AGENDA_LAYOUT, page)))
            # The slides still to come share the events evenly (3, 2, 2 rather than 3, 3, 1).
            take = -(-len(rest) // -(-len(rest) // fits))
            label = _agenda_label(rest[:take])
            page = _inner(inner, label, agenda=rest[:take])
            after_cover.append(Slide("agenda", AGENDA_LAYOUT, page, RANK_MAIN))
            shown += take
    # Figures: on one scale for every slide (content.stats is formatted over all of them).
    stats = content.stats
    chunks = [stats[a:b] for a, b in _pages(len(stats), STATS_PER_SLIDE)]
    stat_slides: list[Slide] = []
    if cover_layout == STATS_LAYOUT and chunks:
        # The cover shows the first figures; the others follow it at once, on slides of their own.
        cover, chunks = dataclasses.replace(cover, stats=chunks[0]), chunks[1:]
        main, labels = True, [MORE_STATS_LABEL] * len(chunks)
    else:
        main = "stats" in get_kind(release.kind).main_slides
        labels = [
            MORE_LABEL.format(label=STATS_LABEL) if i else STATS_LABEL for i in range(len(chunks))
        ]
    if STATS_LAYOUT in have:
        for index, (chunk, label) in enumerate(zip(chunks, labels, strict=True)):
            rank = RANK_MAIN if main or index == 0 else RANK_MORE
            page = _inner(inner, label, stats=chunk)
            stat_slides.append(Slide("stats", STATS_LAYOUT, page, rank))
    if cover_layout == STATS_LAYOUT:
        after_cover, stat_slides = after_cover + stat_slides, []
    # Key points, as many slides as they need (two points at least: one alone is a thin slide).
    groups = _point_groups(content.points)
    schedule = get_kind(release.kind).schedule_layout
    short = bool(content.points) and max(map(len, content.points)) <= SCHEDULE_ROW_CHARS
    if schedule in have and short and is_schedule(content.points):
        bounds = _pages(len(content.points), SCHEDULE_PER_SLIDE)
        groups = [tuple(content.points[a:b]) for a, b in bounds]
    with_points = sum(len(g) for g in groups) >= MIN_POINTS
    if with_points:  # the cover does not list what the slides after it show
        cover = dataclasses.replace(cover, points_label="")
    slides = [Slide("cover", cover_layout, cover, RANK_COVER), *after_cover]
    if with_points:
        label = points_label(release.body)
        # A schedule of dates gets the kind's schedule slides (date tiles), if it has them.
        layout = get_kind(release.kind).schedule_layout
        if not (layout in have and is_schedule(content.points)):
            layout = POINTS_LAYOUT
        first = 1
        for index, group in enumerate(groups):
            page = _inner(
                inner,
                MORE_LABEL.format(label=label) if index else label,
                points=group,
                points_from=first,
            )
            slides.append(Slide("points", layout, page, RANK_POINTS if not index else RANK_MORE))
            first += len(group)
    if release.quote is not None and cover_layout != QUOTE_LAYOUT:
        slides.append(Slide("quote", QUOTE_LAYOUT, _inner(content, QUOTE_LABEL), RANK_QUOTE))
    slides.extend(stat_slides)
    slides.append(closing_slide(content, account_lines, account_heading))
    return slides


def _agenda_label(events: Sequence[AgendaView]) -> str:
    """An event slide's label, by the dates it shows: "Agenda 13–14 September 2024",
    "Agenda 28 Mei – 3 Juni 2024", "Agenda 9 September 2024"."""
    first, last = events[0].date_short, events[-1].date_short
    if first == last:
        return f"Agenda {first}"
    (day_a, rest_a), (day_b, rest_b) = first.split(" ", 1), last.split(" ", 1)
    if rest_a == rest_b:  # the same month of the same year
        return f"Agenda {day_a}–{day_b} {rest_b}"
    month_a, _, year_a = rest_a.rpartition(" ")
    if year_a == rest_b.rpartition(" ")[2]:
        return f"Agenda {day_a} {month_a} – {last}"
    return f"Agenda {first} – {last}"


def _inner(base: CardContent, label: str, **changes: object) -> CardContent:
    """An inner slide's content: its section label in place of the headline."""
    return dataclasses.replace(base, title=label, section=label, **changes)  # type: ignore[arg-type]


def fit_carousel(slides: Sequence[Slide], limit: int | None, *, rest_where: str = "") -> Carousel:
    """Keep at most ``limit`` slides (the least important dropped first) and number them.

    Slides keep their order; each kept slide's content gets ``slide`` (1-based) and ``slides``.
    A slide showing events says how many come after it and where: on the next slide when that
    shows them, else ``rest_where`` (where the platform's caption lists them, or "").
    """
    order = list(slides)
    dropped: list[Slide] = []
    if limit is not None and len(order) > limit:
        # Highest rank first; among equals, the later slide first.
        candidates = sorted(
            (i for i, s in enumerate(order) if s.rank > RANK_CLOSING),
            key=lambda i: (order[i].rank, i),
            reverse=True,
        )
        drop = set(candidates[: len(order) - limit])
        dropped = [s for i, s in enumerate(order) if i in drop]
        kept = [i for i in range(len(order)) if i not in drop]
    else:
        kept = list(range(len(order)))
    total = len(kept)
    numbered = []
    for n, index in enumerate(kept, 1):
        slide = order[index]
        changes: dict[str, object] = {"slide": n, "slides": total}
        if slide.layout == AGENDA_LAYOUT and slide.content.agenda:
            rest = sum(len(s.content.agenda) for s in order[index + 1 :] if s.role == "agenda")
            following = order[kept[n]] if n < total else None
            on_next = following is not None and following.role == "agenda"
            changes["agenda_rest"] = rest
            changes["more_where"] = NEXT_SLIDE if on_next else (rest_where if rest else "")
        content = dataclasses.replace(slide.content, **changes)  # type: ignore[arg-type]
        numbered.append(dataclasses.replace(slide, content=content))
    return Carousel(tuple(numbered), tuple(dropped))
