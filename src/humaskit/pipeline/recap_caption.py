"""The caption of a recap: every release on one line, fitted to each platform's limit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.model.brand import Brand, Unit
from humaskit.model.handles import followable
from humaskit.model.platforms import Platform
from humaskit.model.release import Release
from humaskit.pipeline.period import Period, date_range_text
from humaskit.text.captions import camel_hashtag, caption_hashtags
from humaskit.text.fitting import file_length
from humaskit.text.shortening import shorten
from humaskit.text.templating import environment, render_template, search_path

CAPTION_TEMPLATE = "rekap.j2"
ITEM_TITLE_MAX = 80  # a release's title in the caption list, once the caption is too long
ITEMS_KEPT = 3  # releases listed before the handles and hashtags are given up


def recap_title(unit: Unit, period: Period) -> str:
    """``"Sepekan Dinkominfo"`` for a week, ``"Rekap Dinkominfo"`` for a free range."""
    # Published text is in the brand's language, not the interface's: not through `_()`.
    return ("Sepekan {unit}" if period.week else "Rekap {unit}").format(unit=unit.short_name)


def week_tags(releases: Sequence[Release]) -> list[str]:
    """The releases' tags, the most used first (the week's topic), ties in order of use."""
    counts = Counter(camel_hashtag(t).casefold() for r in releases for t in r.tags)
    first: dict[str, str] = {}
    for tag in (t for r in releases for t in r.tags):
        first.setdefault(camel_hashtag(tag).casefold(), tag)
    order = list(first)
    return [first[k] for k in sorted(order, key=lambda k: (-counts[k], order.index(k)))]


def item_date(day: dt.date, locale: str) -> str:
    """``"Senin, 6 Mei"``: the weekday and day, the year being in the caption's period line."""
    from babel.dates import format_date as babel_date

    return str(babel_date(day, "EEEE, d MMMM", locale=locale))


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
    :data:`ITEMS_KEPT`, with "… dan N kegiatan lainnya"), the handles, the
    complaint channels' details and the hashtags go, fewer releases again (down to none), and
    the title is cut. What is counted is the caption file (with its final line break).

    Returns:
        The text, its length counted the platform's way, its hashtags, and what was given up.

    Raises:
        TemplateError: even the shortest caption is too long (the template's fixed text).
    """
    env = environment(tuple(search_path("captions", templates_dir)))
    title = recap_title(unit, period)
    count = len(releases)
    tags = caption_hashtags(
        brand.hashtags, week_tags(releases), unit.hashtags, platform.max_hashtags
    )
    if platform.hashtag_placement == "none":
        tags = ()
    own, brand_handle = unit.handles.get(platform.id), brand.handles.get(platform.id)
    # "Ikuti" an account, never a phone number (WhatsApp's "handle").
    handles = [
        h for h in dict.fromkeys(h for h in (own, brand_handle) if h) if followable(platform.id, h)
    ]
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
                "date": item_date(r.date, brand.locale),
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
        return file_length(render(fit), platform) <= platform.caption_limit

    steps: list[tuple[str, Callable[[_Fit], _Fit]]] = [
        ("titles", lambda f: dataclasses.replace(f, item_max=ITEM_TITLE_MAX))
    ]
    steps += [("releases", _listing(n)) for n in range(count - 1, min(ITEMS_KEPT, count) - 1, -1)]
    # The complaint channels' details go before the hashtags: a compact "Aduan: lapor.go.id"
    # stays, and the hashtags carry the week's topic.
    steps += [
        ("handles", lambda f: dataclasses.replace(f, handles=False)),
        ("complaint", lambda f: dataclasses.replace(f, complaint=False)),
        ("hashtags", lambda f: dataclasses.replace(f, hashtags=False)),
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
    length = file_length(text, platform)
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
