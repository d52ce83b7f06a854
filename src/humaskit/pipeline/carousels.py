"""A release's carousels, platform by platform, and where each card's left-out items can be read.

:func:`release_carousels` plans the carousel of every platform that has a ``carousel`` image
(:mod:`humaskit.cards.carousel`) and leaves it out where it would add nothing to the cover
(:mod:`humaskit.pipeline.carousel_slides` draws the slides). :func:`rest_where` tells a
card where the events or figures it has no room for are: the platform's caption when it lists
them all, else the release's link when the caption carries it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from humaskit.model.platforms import CAROUSEL_VARIANT, load_platforms
from humaskit.pipeline.number_account import number_account

if TYPE_CHECKING:
    from humaskit.cards.carousel import Carousel
    from humaskit.cards.content import CardContent
    from humaskit.cards.renderer import CardRenderer
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.platforms import ImageSize, Platform
    from humaskit.model.release import Release

__all__ = [
    "CAPTIONLESS_VARIANTS",
    "card_where",
    "elsewhere_where",
    "footer_handle",
    "for_platform",
    "release_carousels",
    "rest_where",
]

# The repeated group of the agenda layout that lists the events (templates/layouts/agenda.yaml).
EVENTS_GROUP = "events"
# Images posted without the platform's caption: a story or a status is seen on its own.
CAPTIONLESS_VARIANTS = frozenset({"story", "status"})
# Where the rest of a card's list is (the layouts print "+2 agenda lain di keterangan").
IN_CAPTION = "di keterangan"
AT_LINK = "di tautan"
IN_FEED = "di unggahan feed"
# The layouts' name for the footer's account (humaskit.cards.content.CardContent.handles_text).
HANDLE_VARIABLE = "handles_text"


def rest_where(
    release: Release,
    caption: str | None,
    variant: str = "",
    *,
    feed_carousel: bool = False,
    elsewhere: str = "",
) -> str:
    """Where a card of ``release`` posted with ``caption`` can send readers for the events,
    figures, highlights, announcement details and complaint it has no room for.

    ``"di keterangan"`` when the caption names every one of them, ``"di tautan"`` when it does
    not but carries the release's link, ``""`` when neither holds. A story has no caption: it
    sends readers to the feed post when the platform has a carousel (``feed_carousel``), whose
    slides page through every event and figure, else to the release's site when it has a link
    (``"di contoh.blorakab.go.id"``: a status shows no link, the site's name can be typed), else
    ``elsewhere`` (:func:`elsewhere_where`: the account whose post lists them all,
    ``"di Instagram @…"``), else nowhere.
    """
    if variant in CAPTIONLESS_VARIANTS:
        if feed_carousel:
            return IN_FEED
        return f"di {_site(release.link)}" if release.link else elsewhere
    return _in_caption(release, caption) or elsewhere


def card_where(
    release: Release,
    captions: Mapping[str, str] | None,
    platform: Platform,
    variant: str,
    others: Sequence[Platform],
    brand: Brand,
    unit: Unit,
) -> str:
    """:func:`rest_where` for a card of ``platform``'s ``variant``, with the ``others`` the
    release is posted to (the unit's, else the brand's accounts there) as the fallback."""
    elsewhere = elsewhere_where(
        release,
        [other for other in others if other.id != platform.id],
        captions,
        lambda pid: unit.handles.get(pid) or brand.handles.get(pid),
    )
    feed = any(size.variant == CAROUSEL_VARIANT for size in platform.images)
    caption = (captions or {}).get(platform.id)
    return rest_where(release, caption, variant, feed_carousel=feed, elsewhere=elsewhere)


def elsewhere_where(
    release: Release,
    platforms: Sequence[Platform],
    captions: Mapping[str, str] | None,
    handle: Callable[[str], str | None],
) -> str:
    """Where a card with neither a caption that lists its left-out items nor the release's link
    can still send readers: ``"di Instagram @contoh.dpmdblora"``, the first of ``platforms``
    whose post shows them all (a feed carousel pages through every event, or its caption names
    them) and whose account (``handle``: platform id → the unit's handle there) is an
    @-handle a reader can look up; ``""`` when none is."""
    for platform in platforms:
        account = handle(platform.id)
        if not account or not account.startswith("@"):
            continue
        carousel = any(size.variant == CAROUSEL_VARIANT for size in platform.images)
        if carousel or _in_caption(release, (captions or {}).get(platform.id)) == IN_CAPTION:
            return f"di {platform.name} {account}"
    return ""


def _in_caption(release: Release, caption: str | None) -> str:
    """``"di keterangan"`` when ``caption`` names every left-out item of ``release``, ``"di
    tautan"`` when it carries the release's link, else ``""``."""
    if caption is None:
        return ""
    names = [
        *(item.title for item in release.agenda),
        *(stat.label for stat in release.stats),
        *release.highlights,
        *(text for text in (release.when, release.place, release.contact) if text),
        *([release.complaint] if release.complaint else []),  # a wide aduan card's complaint
    ]
    if not names:
        return ""
    if all(name in caption for name in names):
        return IN_CAPTION
    if release.link and release.link in caption:
        return AT_LINK
    return ""


def _site(link: str) -> str:
    """``https://www.contoh.go.id/a/b`` → ``contoh.go.id``: the site a link is on."""
    return link.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")


def footer_handle(
    brand: Brand,
    unit: Unit,
    platform: str,
    content: CardContent | None = None,
    rules: Mapping[str, Platform] | None = None,
) -> str:
    """The account a card of ``platform`` shows in its footer: the unit's on that platform,
    else the brand's there, else the brand's name (layouts stack on the footer, so it is never
    empty). Never another platform's bare handle: an X card does not show an Instagram handle.
    A handle that is not an @-handle (a LinkedIn page slug) follows its platform's name
    ("LinkedIn contoh-pemkab-blora"): bare, it reads as part of the attribution.

    A platform whose account is a phone number (its rules' ``account_label``: WhatsApp) prints
    the number after that label ("WA 0812-…": a bare number reads as any number) on the kinds
    that ask the reader to get in touch (``account_kinds``), unless the card (``content``)
    already prints that number; every other card prints the ``account_fallback`` platform's
    handle with that platform's name ("Instagram @…"). Without ``content``, the number.
    ``rules`` are the platform rules (default: the built-in ones). A handle platform's
    ``account_fallback`` (Threads: a profile is made from an Instagram account and keeps its
    @name) shows a unit without an account there by its handle on that platform, not the
    brand's."""
    rules = rules if rules is not None else load_platforms(None)
    rule, own = rules.get(platform), unit.handles.get(platform)
    via = rule.account_fallback if rule and not rule.account_label and not own else None
    if via and via in rules and (other := unit.handles.get(via)):
        return other
    handle = own or brand.handles.get(platform)
    if not handle:
        return brand.name
    if rule is None or handle.startswith("@"):
        return handle
    if not rule.account_label:
        return _named(rule.name, handle)
    if content is not None and (
        content.kind not in rule.account_kinds or _prints_number(content, handle)
    ):
        other = rule.account_fallback
        named = rules.get(other) if other else None
        fallback = other and (unit.handles.get(other) or brand.handles.get(other))
        if named is not None and fallback:
            return _named(named.name, fallback)
    return f"{rule.account_label} {handle}"


def _named(platform: str, handle: str) -> str:
    """``"LinkedIn", "contoh-pemkab"`` → ``"LinkedIn contoh-pemkab"``: a handle with the name of
    the platform it is on, where the handle alone would not say it (a page slug, an @-handle on
    another platform's card); a handle that already names its platform stays as it is."""
    return handle if handle.lower().startswith(platform.lower()) else f"{platform} {handle}"


_NUMBER_RE = re.compile(r"\+?\d[\d ().-]{4,}\d")


def _digits(number: str) -> str:
    """``"+62 812-3456"`` → ``"08123456"``: a number's digits, the country code as a 0."""
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if number.lstrip().startswith("+62") else digits


def _prints_number(content: CardContent, number: str) -> bool:
    """Whether ``content``'s card already prints ``number`` (a contact, channel, point, account)."""
    wanted = _digits(number)
    texts = [
        content.contact or "",
        content.complaint_channels,
        *(address for _name, address in content.channels),
        *content.points,
        *content.highlights,
        content.account_text,
    ]
    return any(_digits(found) == wanted for text in texts for found in _NUMBER_RE.findall(text))


def shows_handle(layout: str, templates_dir: Path | None) -> bool:
    """Whether ``layout`` prints the footer handle (``handles_text``) at all: a card whose
    layout does not is the same on every platform, and is drawn once for all of them."""
    from humaskit.layout.sets import find_layout

    source = find_layout(layout, templates_dir).source
    return _mentions(source, _mtime(source), HANDLE_VARIABLE)


def _mtime(source: Path | str) -> int:
    return source.stat().st_mtime_ns if isinstance(source, Path) else 0


@cache
def _mentions(source: Path | str, _mtime: int, name: str) -> bool:
    if not isinstance(source, Path):
        return True  # not a file: assume it does
    return name in source.read_text(encoding="utf-8")


def for_platform(
    content: CardContent,
    brand: Brand,
    unit: Unit,
    platform: str,
    layout: str | None = None,
    templates_dir: Path | None = None,
) -> CardContent:
    """``content`` with the footer handle of ``platform``; unchanged when ``layout`` (if
    given) does not print the handle; a number account the layout sets itself moved there."""
    import dataclasses

    rules = load_platforms(templates_dir)
    handle = footer_handle(brand, unit, platform, content, rules)
    shown = lambda own: footer_handle(brand, unit, platform, own, rules)  # noqa: E731
    content, handle = number_account(
        content, handle, rules.get(platform), shown, layout, templates_dir
    )
    if handle == content.handles_text:
        return content
    if layout is not None and not shows_handle(layout, templates_dir):
        return content
    return dataclasses.replace(content, handles_text=handle)


def _counter(renderer: CardRenderer, size: ImageSize) -> Callable[[str, CardContent], int]:
    """How many events a layout fits on a slide of ``size``: its ``events`` group's cells."""

    def shows(layout: str, content: CardContent) -> int:
        plan = renderer.with_content(content).plan(layout, size)
        return dict(plan.shown).get(EVENTS_GROUP, len(content.agenda))

    return shows


def release_carousels(
    release: Release,
    content: CardContent,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    templates_dir: Path | None,
    captions: Mapping[str, str] | None = None,
    renderer: CardRenderer | None = None,
) -> dict[str, Carousel]:
    """The carousel of ``release`` for each platform that has a ``carousel`` image and slides
    worth swiping (a cover and the closing slide alone make none).

    ``captions`` (platform id → caption text) tells the last event slide where the events left
    out of a trimmed carousel are; ``renderer`` (of the release) plans each event slide to learn
    how many events it fits.
    """
    from humaskit.cards.carousel import (
        accounts,
        closing_heading,
        fit_carousel,
        release_slides,
        worth_swiping,
    )

    names = {pid: p.name for pid, p in load_platforms(templates_dir).items()}
    heading = closing_heading(brand, unit)
    out: dict[str, Carousel] = {}
    for platform in platforms:
        if not any(s.variant == CAROUSEL_VARIANT for s in platform.images):
            continue
        slides = release_slides(
            release,
            content,
            brand=brand,
            platform=platform.id,
            account_lines=accounts(brand, unit, names, platform.id),
            account_heading=heading,
            templates_dir=templates_dir,
            shows=_counter(renderer, platform.image(CAROUSEL_VARIANT)) if renderer else None,
        )
        if not worth_swiping(slides):
            continue
        where = rest_where(release, (captions or {}).get(platform.id), CAROUSEL_VARIANT)
        out[platform.id] = fit_carousel(slides, platform.carousel_max, rest_where=where)
    return out
