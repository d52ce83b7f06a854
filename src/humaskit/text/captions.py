"""Captions: one Jinja2 template per platform, filled from the release, fitted to the limit.

:func:`build_captions` gives each template the release's blocks (headline, lead, the kinds' own
blocks, body, key points, quote, figures, agenda, link, handles, complaint channels, hashtags);
:mod:`humaskit.text.fitting` fits the result to the platform's limit, and
:mod:`humaskit.text.threads` splits it into an X thread on request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from humaskit.errors import PlatformError
from humaskit.i18n import _
from humaskit.model.body import Body, Style
from humaskit.model.brand import Brand, Unit
from humaskit.model.handles import followable
from humaskit.model.kinds import get_kind, status_of
from humaskit.model.platforms import Platform, load_platforms
from humaskit.model.release import Release, resolve_unit
from humaskit.model.stats import PERCENT_UNITS, Stat
from humaskit.text.fitting import (
    FILE_END,
    LATE_BLOCKS,
    Caption,
    FitJob,
    State,
    caption_blocks,
    fit_caption,
    render_caption,
)
from humaskit.text.formatting import format_date, format_percent, format_quantity, format_time
from humaskit.text.repetition import restates
from humaskit.text.templating import environment, search_path
from humaskit.text.threads import split_thread

_TAG_PARTS = re.compile(r"[\W_]+", re.UNICODE)


def camel_hashtag(tag: str) -> str:
    """``"pelayanan publik"`` → ``"PelayananPublik"``; ``"SPBE"`` stays; ``"#Blora"`` → Blora."""
    parts = [p for p in _TAG_PARTS.split(tag.strip().lstrip("#")) if p]
    return "".join(p if any(c.isupper() for c in p) else p[:1].upper() + p[1:] for p in parts)


def make_hashtags(sources: Sequence[str], limit: int | None) -> tuple[str, ...]:
    """CamelCase hashtags, de-duplicated case-insensitively, first ones kept, at most ``limit``."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in sources:
        tag = camel_hashtag(raw)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append("#" + tag)
    return tuple(tags if limit is None else tags[:limit])


def caption_hashtags(
    brand_tags: Sequence[str],
    release_tags: Sequence[str],
    unit_tags: Sequence[str],
    limit: int | None,
) -> tuple[str, ...]:
    """A caption's hashtags: the brand's first tag, the release's first, the unit's first, then
    the rest of each in the same order, at most ``limit``.

    The release's own first tag is the topic, so it is the last to go: with room for one
    hashtag (Threads' topic tag) it is that one, and with room for more it is always among
    them. A release without tags gives the brand's and the unit's.
    """
    groups = (brand_tags, release_tags, unit_tags)
    firsts = [tag for group in groups for tag in group[:1]]
    ordered = make_hashtags([*firsts, *(tag for group in groups for tag in group[1:])], None)
    if limit is None or len(ordered) <= limit:
        return ordered
    if limit <= 0:
        return ()
    topic = {tag.casefold() for tag in make_hashtags(release_tags[:1], None)}
    others = [tag for tag in ordered if tag.casefold() not in topic]
    keep = {*topic, *(tag.casefold() for tag in others[: limit - len(topic)])}
    return tuple(tag for tag in ordered if tag.casefold() in keep)


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _context(release: Release, brand: Brand, unit: Unit, platform: Platform) -> dict[str, Any]:
    style: Style = "whatsapp" if platform.formatting == "whatsapp" else "plain"
    body_blocks = list(release.body.blocks)
    # The lead is shown on its own; do not repeat it as the body's first paragraph.
    if (
        body_blocks
        and body_blocks[0].kind == "paragraph"
        and body_blocks[0].text() == release.summary
    ):
        body_blocks = body_blocks[1:]
    # A first paragraph that restates the summary: a caption showing the whole body prints the
    # paragraph alone (the templates leave the lead out); once the body is dropped, the lead is
    # back.
    lead_in_body = bool(
        body_blocks
        and body_blocks[0].kind == "paragraph"
        and restates(release.summary, body_blocks[0].text())
    )
    body_text = Body(tuple(body_blocks)).to_text(style)
    own_handle = unit.handles.get(platform.id)
    brand_handle = brand.handles.get(platform.id)
    # "Ikuti" an account, never a phone number (WhatsApp's "handle").
    handles = [
        h
        for h in dict.fromkeys(h for h in (own_handle, brand_handle) if h)
        if followable(platform.id, h)
    ]
    return {
        "platform": {"id": platform.id, "name": platform.name, "shows_links": platform.shows_links},
        "kind": release.kind,
        "title": release.title,
        "date": format_date(release.date, brand.locale),
        "location": release.location,
        "body": body_text,
        "lead_in_body": lead_in_body,
        "points": [b.text(style) for b in release.body.points],
        "quote": (
            {"text": release.quote.text, "by": release.quote.by, "role": release.quote.role}
            if release.quote
            else None
        ),
        "stats": [_stat(s, brand.locale) for s in release.stats],
        "period": release.period,
        "source": release.source,
        "hoaks": (
            {"claim": release.claim, "fact": release.fact, "source": release.source}
            if release.claim or release.fact
            else None
        ),
        "aduan": _aduan(release),
        "info": _info(release),
        "highlights": list(release.highlights),
        "agenda": [
            {
                "date": format_date(a.date, brand.locale),
                "time": format_time(a.time) + " WIB" if a.time else None,
                "title": a.title,
                "place": a.place,
            }
            for a in release.agenda
        ],
        "link": release.link if platform.shows_links else None,
        "link_text": _display_url(release.link) if release.link else None,
        "unit": {"name": unit.name, "short_name": unit.short_name, "handle": own_handle},
        "brand": {"name": brand.name, "short_name": brand.short_name, "handle": brand_handle},
        "handles": handles,
        "complaint": [
            {
                "name": c.name,
                "url": c.url,
                "url_text": _display_url(c.url) if c.url else None,
                "phone": c.phone,
            }
            for c in brand.complaint_channels
        ],
        "image_credit": release.image_credit,
        "extra": dict(release.extra),
        "kind_block": None,
    }


def _stat(stat: Stat, locale: str) -> dict[str, Any]:
    percent = stat.percent_of_target
    # A percentage of a percentage target ("91,3% dari target 95% (96,1%)") confuses more than
    # it tells, so the share of the target is given for counts and amounts only.
    show_percent = percent is not None and (stat.unit or "").strip().lower() not in PERCENT_UNITS
    return {
        "label": stat.label,
        "value": format_quantity(stat.value, stat.unit, locale),
        "target": (
            format_quantity(stat.target, stat.unit, locale) if stat.target is not None else None
        ),
        "percent": format_percent(percent, locale)
        if show_percent and percent is not None
        else None,
    }


def _info(release: Release) -> dict[str, Any] | None:
    """An announcement's details: when, where, whom to contact, and (a pengumuman's own
    fields) what it costs and what to bring, which the cards show too."""
    info = {
        "when": release.when,
        "place": release.place,
        "contact": release.contact,
        "cost": release.extra.get("cost"),
        "bring": release.extra.get("bring"),
    }
    return info if any(info.values()) else None


def _aduan(release: Release) -> dict[str, Any] | None:
    if not (release.complaint or release.status):
        return None
    status = status_of(release.status)
    return {
        "complaint": release.complaint,
        "action": release.action,
        "status": release.status,
        "status_text": status.text if status else None,
        "status_sign": status.sign if status else "",
        "ticket": release.ticket,
    }


def build_captions(
    release: Release,
    brand: Brand,
    *,
    platforms: Sequence[str] | None = None,
    templates_dir: Path | None = None,
    platform_rules: Mapping[str, Platform] | None = None,
    x_thread: bool = False,
) -> dict[str, Caption]:
    """Build the caption of ``release`` for each platform.

    Args:
        release: the validated release.
        brand: the brand kit holding the unit registry.
        platforms: which platforms; default: the release's ``platforms``, else the unit's.
        templates_dir: the user's templates folder (same-named files override the built-ins).
        platform_rules: the platform rules; default: built-in merged with the user's.
        x_thread: also split the X caption (with its full body) into a numbered thread.

    Returns:
        The captions by platform id, each within its platform's limit.

    Example:
        >>> from humaskit import load_brand, load_release
        >>> release = load_release("examples/rilis/2024-05-10-studi-tiru-medsos.md")
        >>> captions = build_captions(release, load_brand())
        >>> captions["x"].length <= 280
        True
    """
    rules = platform_rules or load_platforms(templates_dir)
    unit = resolve_unit(release, brand)
    wanted = list(platforms or release.platforms or unit.platforms)
    env = environment(tuple(search_path("captions", templates_dir)))
    captions: dict[str, Caption] = {}
    for pid in wanted:
        if pid not in rules:
            raise PlatformError(
                _("Unknown platform {platform!r}.").format(platform=pid),
                hint=_("Known platforms: {known}.").format(known=", ".join(rules)),
                location=release.where("platforms"),
            )
        platform = rules[pid]
        tags = caption_hashtags(brand.hashtags, release.tags, unit.hashtags, platform.max_hashtags)
        if platform.hashtag_placement == "none":
            tags = ()
        job = FitJob(
            release=release,
            platform=platform,
            template=f"{pid}.j2",
            context=_context(release, brand, unit, platform),
            env=env,
            lead=release.summary,
            title=release.title,
            hashtags=tags,
        )
        caption = fit_caption(job)
        if x_thread and platform.counting == "twitter":
            # A thread has room for the whole release: the body too, which the single post omits.
            whole = replace(job, context={**job.context, "full_body": True})
            optional, _main = caption_blocks(get_kind(release.kind))
            full = render_caption(whole, State(show=dict.fromkeys(optional + LATE_BLOCKS, True)))
            # Each post is a file too, ending with a line break that counts.
            room = replace(platform, caption_limit=platform.caption_limit - len(FILE_END))
            caption = replace(caption, thread=split_thread(full, room))
        captions[pid] = caption
    return captions
