"""Carousels: which slides a release (or a weekly recap) gets, in which order, and which to drop.

Pure planning, no pixels: :func:`release_slides` lists a release's slides — the cover (the
kind's own feed layout), its key points (layout ``poin``), its quote (``kutipan``), its figures
(``kinerja``, at most :data:`STATS_PER_SLIDE` per slide) and the closing slide (``penutup``:
the unit's accounts and the complaint channels). :func:`fit_carousel` keeps at most the
platform's ``carousel_max`` slides and numbers them ("2/7").

When there are more slides than the platform allows, the least important go first (README,
"Carousel"): further figure slides, the quote, the key-point slide and the first figure
slide. The cover and the closing slide always stay. For
``kinerja`` releases the figures are the point, so every figure slide ranks with the first.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from humaskit.cards.content import stat_views
from humaskit.layout.sets import available_layouts, layouts_for
from humaskit.model.kinds import get_kind
from humaskit.text.shortening import shorten

if TYPE_CHECKING:
    from humaskit.cards.content import CardContent
    from humaskit.model.body import Body
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.release import Release

__all__ = [
    "CLOSING_LAYOUT",
    "POINTS_LAYOUT",
    "QUOTE_LAYOUT",
    "STATS_LAYOUT",
    "Carousel",
    "Slide",
    "accounts",
    "closing_slide",
    "fit_carousel",
    "key_points",
    "release_slides",
]

POINTS_LAYOUT = "poin"
QUOTE_LAYOUT = "kutipan"
STATS_LAYOUT = "kinerja"
CLOSING_LAYOUT = "penutup"
COVER_VARIANT = "feed"  # the cover is the kind's feed card, with a slide number

# A 4:5 kinerja card lists at most six figures (templates/layouts/kinerja.yaml); a slide of more
# would leave some out of the carousel altogether.
STATS_PER_SLIDE = 6
# Key points: at most this many per slide and this many characters per slide, so that four
# points of three lines each still fit a 4:5 slide at a readable size.
POINTS_PER_SLIDE = 4
POINTS_SLIDE_CHARS = 340
POINT_MAX_CHARS = 150
MAX_POINTS = 8
MIN_POINTS = 2

# Ranks: a smaller rank is kept longer; slides of equal rank are dropped from the end.
RANK_COVER, RANK_CLOSING, RANK_MAIN, RANK_POINTS, RANK_QUOTE, RANK_MORE = 0, 1, 2, 3, 4, 5

# A sentence ends at . ! ? followed by a space and a capital or a digit...
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])")
# ...unless the word before the stop is a title or an abbreviation ("H. Arief", "Jl. Pemuda").
_ABBREVIATIONS = frozenset(
    {
        *("h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "sdr", "bpk", "ny", "tn", "yth"),
        *("no", "jl", "jln", "kab", "kec", "kel", "ds", "st", "rt", "rw", "dll", "dsb"),
        *("a.n", "u.p", "s.pd", "s.h", "m.si", "m.m"),
    }
)


@dataclass(frozen=True)
class Slide:
    """One slide: what it is, the layout it is drawn with and what it shows.

    Attributes:
        role: ``cover``, ``points``, ``quote``, ``stats``, ``closing`` or ``release`` (a recap's
            slide for one release).
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


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1].rstrip(".!?").lower()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        return text[: match.start()].strip()
    return text.strip()


def key_points(body: Body, summary: str = "") -> tuple[str, ...]:
    """The key points of a body, for the ``poin`` slides.

    The body's list items when it has any (the writer chose them); otherwise the first sentence
    of each paragraph, leaving out a paragraph that repeats the summary (the cover shows it).
    At most :data:`MAX_POINTS`, each shortened at a word to :data:`POINT_MAX_CHARS`.
    """
    items = [b.text() for b in body.points]
    if not items:
        items = [
            _first_sentence(b.text())
            for b in body.paragraphs
            if b.text().strip() and b.text().strip() != summary.strip()
        ]
    points = [shorten(_as_point(p), POINT_MAX_CHARS) for p in items if p.strip()]
    return tuple(p for p in points if p)[:MAX_POINTS]


def _as_point(text: str) -> str:
    """A list item as a point of its own: capitalised, without the list's ``;`` or ``,``."""
    text = text.strip().rstrip(";,:").rstrip()
    if text.endswith((" dan", " atau")):  # "…; dan" closing the second-last item
        text = text.rsplit(" ", 1)[0].rstrip(";,")
    return text[:1].upper() + text[1:]


def _point_groups(points: Sequence[str]) -> list[tuple[str, ...]]:
    """Points split into slides of at most POINTS_PER_SLIDE points and POINTS_SLIDE_CHARS."""
    groups: list[list[str]] = []
    for point in points:
        last = groups[-1] if groups else None
        if (
            last is None
            or len(last) >= POINTS_PER_SLIDE
            or sum(len(p) for p in last) + len(point) > POINTS_SLIDE_CHARS
        ):
            groups.append([point])
        else:
            last.append(point)
    return [tuple(g) for g in groups]


def accounts(brand: Brand, unit: Unit, platform_names: Mapping[str, str]) -> tuple[str, ...]:
    """The unit's accounts as lines for the closing slide: ``"Instagram · Facebook: @blora"``.

    Platforms sharing a handle share a line. A unit without accounts of its own points to the
    brand's (the regency's) accounts.
    """
    handles = dict(unit.handles) or dict(brand.handles)
    grouped: dict[str, list[str]] = {}
    for pid, handle in handles.items():
        grouped.setdefault(handle, []).append(platform_names.get(pid, pid))
    return tuple(f"{' · '.join(names)}: {handle}" for handle, names in grouped.items())


def closing_slide(base: CardContent, lines: Sequence[str]) -> Slide:
    """The closing slide: the accounts (as ``points``) and the complaint channels of ``base``."""
    content = dataclasses.replace(
        base,
        kind="penutup",
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
    templates_dir: Path | None = None,
) -> list[Slide]:
    """Every slide a release's carousel could have, in reading order (before any is dropped).

    Args:
        release: the release.
        content: its card content (``humaskit.pipeline.images.card_content``).
        brand: the brand kit (locale for the figures).
        platform: the platform id, for the cover's layout in the template set.
        account_lines: the closing slide's account lines (:func:`accounts`).
        templates_dir: the user's templates folder.

    Raises:
        TemplateError: the kind has no template set.
    """
    cover_layout = layouts_for(release.kind, platform, COVER_VARIANT, templates_dir)
    have = available_layouts(templates_dir)
    chunks = [
        stat_views(release.stats[i : i + STATS_PER_SLIDE], brand.locale)
        for i in range(0, len(release.stats), STATS_PER_SLIDE)
    ]
    cover = content
    if cover_layout == STATS_LAYOUT and chunks:
        # The cover shows the first figures; the others follow on slides of their own.
        cover, chunks = dataclasses.replace(content, stats=chunks[0]), chunks[1:]
    slides = [Slide("cover", cover_layout, cover, RANK_COVER)]
    inner = dataclasses.replace(content, photo=None, photo_alt=None, photo_credit=None)
    points = content.points
    # One slide of key points, as many as fit it (a second slide of leftovers read as an
    # afterthought, numbered from 1 again); one point alone makes a thin slide: two at least.
    groups = _point_groups(points)
    if groups and len(groups[0]) >= MIN_POINTS:
        slides.append(
            Slide(
                "points", POINTS_LAYOUT, dataclasses.replace(inner, points=groups[0]), RANK_POINTS
            )
        )
    if release.quote is not None and cover_layout != QUOTE_LAYOUT:
        slides.append(Slide("quote", QUOTE_LAYOUT, content, RANK_QUOTE))
    if STATS_LAYOUT in have:
        main = "stats" in get_kind(release.kind).main_slides
        for index, chunk in enumerate(chunks):
            rank = RANK_MAIN if main or index == 0 else RANK_MORE
            slides.append(
                Slide("stats", STATS_LAYOUT, dataclasses.replace(inner, stats=chunk), rank)
            )
    slides.append(closing_slide(content, account_lines))
    return slides


def fit_carousel(slides: Sequence[Slide], limit: int | None) -> Carousel:
    """Keep at most ``limit`` slides (the least important dropped first) and number them.

    Slides keep their order; each kept slide's content gets ``slide`` (1-based) and ``slides``.
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
        order = [s for i, s in enumerate(order) if i not in drop]
    total = len(order)
    numbered = tuple(
        dataclasses.replace(s, content=dataclasses.replace(s.content, slide=n, slides=total))
        for n, s in enumerate(order, 1)
    )
    return Carousel(numbered, tuple(dropped))
