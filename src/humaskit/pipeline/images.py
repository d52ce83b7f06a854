"""The images of a release: which cards each platform gets, rendered once per distinct size.

This module turns a release into :class:`~humaskit.cards.renderer.CardContent`, asks the
template set which layout each platform's image variant uses, and lets one
:class:`~humaskit.cards.renderer.CardRenderer` (one photo decode) draw them all. Identical
cards (same layout, size and safe zones on two platforms) are drawn once and written twice.

A platform's ``carousel`` image becomes a set of slides (``instagram/carousel-01.png`` …), planned
by :mod:`humaskit.cards.carousel` and drawn by :mod:`humaskit.pipeline.carousels`; a slide
identical on two platforms is drawn once too. Each card is told where the events and figures it
has no room for can be read (``more_where``: the platform's caption, the release's link).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from humaskit.diagnostics import Diagnostic
from humaskit.errors import ImageError
from humaskit.i18n import _
from humaskit.model.kinds import COMPLAINT_STATUSES, portrait_of, status_of
from humaskit.model.platforms import CAROUSEL_VARIANT
from humaskit.model.workspace import find_workspace
from humaskit.pipeline.carousel_slides import render_carousels
from humaskit.pipeline.carousels import (
    card_where,
    footer_handle,
    for_platform,
    release_carousels,
)
from humaskit.pipeline.discovery import display_path
from humaskit.pipeline.headline import ShownImage
from humaskit.pipeline.manifest import Artifact
from humaskit.pipeline.plan import Plan, as_diagnostics
from humaskit.pipeline.textlayers import text_findings, text_layers, without_planner_truncation
from humaskit.text.formatting import format_date

if TYPE_CHECKING:
    from humaskit.cards.content import CardContent
    from humaskit.cards.renderer import CardRenderer, RenderedImage
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.platforms import ImageSize, Platform
    from humaskit.model.release import Release
    from humaskit.pipeline.context import RenderOptions

# Variants not drawn at all. Every variant is drawn now: carousels slide by slide (see
# render_carousel), the others as one card.
SKIPPED_VARIANTS: frozenset[str] = frozenset()
# The platform whose handle a card's footer shows until the card is told its own platform
# (humaskit.pipeline.carousels.for_platform): every image shows its own platform's account.
FOOTER_PLATFORM = "instagram"


def _bare_url(url: str) -> str:
    """``https://www.lapor.go.id/`` → ``lapor.go.id``: how a card prints an address."""
    host = url.split("//", 1)[-1].rstrip("/")
    return host.removeprefix("www.")


def card_content(release: Release, brand: Brand, unit: Unit) -> CardContent:
    """What the cards of ``release`` show, formatted the brand's way."""
    from humaskit.cards.content import CardContent, agenda_views, stat_views
    from humaskit.cards.points import key_points, points_label

    # The footer is never empty (layouts stack on it): without any handle, the brand's name.
    handle = footer_handle(brand, unit, FOOTER_PLATFORM)
    quote = release.quote
    status = status_of(release.status)
    return CardContent(
        kind=release.kind,
        title=release.headline,
        summary=release.summary,
        unit_name=unit.short_name,
        date_text=format_date(release.date, brand.locale),
        photo=release.image,
        photo_focus=release.image_focus,
        photo_alt=release.image_alt or (release.title if release.image else None),
        photo_credit=release.image_credit,
        quote_text=quote.text if quote else None,
        quote_by=quote.by if quote else None,
        quote_role=quote.role if quote else None,
        portrait=portrait_of(release),
        handles_text=handle,
        footer=brand.footer,
        draft=brand.require_approval and not release.approved_by,
        location=release.location,
        stats=stat_views(release.stats, brand.locale),
        period=release.period,
        source=release.source,
        agenda=agenda_views(release.agenda, brand.locale),
        claim=release.claim,
        fact=release.fact,
        complaint=release.complaint,
        action=release.action,
        status=release.status,
        status_text=status.text if status else None,
        status_step=COMPLAINT_STATUSES.index(status) + 1 if status else 0,
        ticket=release.ticket,
        photo_before=release.image_before,
        photo_after=release.image_after,
        photo_before_focus=release.image_before_focus,
        photo_after_focus=release.image_after_focus,
        complaint_channels=" · ".join(
            c.name + (f" {_bare_url(c.url)}" if c.url else "") for c in brand.complaint_channels
        ),
        channels=tuple(
            (c.name, _bare_url(c.url) if c.url else (c.phone or ""))
            for c in brand.complaint_channels
        ),
        when=release.when,
        place=release.place,
        contact=release.contact,
        highlights=release.highlights,
        extra=tuple(release.extra.items()),
        points=key_points(release.body, release.summary, (release.title, *release.highlights)),
        points_label=(
            points_label(release.body) if any(b.kind == "item" for b in release.body.blocks) else ""
        ),
    )


# Release fields naming a photo: an image error about one of them points at the release.
_PHOTO_FIELDS = frozenset({"image", "image_before", "image_after", "quote.photo"})


@contextmanager
def _photo_errors_at(release: Release) -> Iterator[None]:
    """A photo refused while drawing is reported at the release file, field and line that name
    it (the message names the photo file)."""
    try:
        yield
    except ImageError as exc:
        field = exc.location.field
        if field not in _PHOTO_FIELDS or exc.location.file == release.path:
            raise
        raise ImageError(exc.message, hint=exc.hint, location=release.where(field)) from exc


def _jobs(
    release: Release, platforms: Sequence[Platform], templates_dir: Path | None
) -> list[tuple[Platform, ImageSize, str]]:
    from humaskit.layout.sets import layouts_for

    jobs = []
    for platform in platforms:
        for size in platform.images:
            if size.variant in SKIPPED_VARIANTS or size.variant == CAROUSEL_VARIANT:
                continue
            layout = layouts_for(release.kind, platform.id, size.variant, templates_dir)
            jobs.append((platform, size, layout))
    return jobs


def _told_where(
    renderer: CardRenderer,
    release: Release,
    captions: Mapping[str, str] | None,
    platform: Platform,
    variant: str,
    layout: str,
    others: Sequence[tuple[Platform, ImageSize, str]] = (),
) -> CardRenderer:
    """``renderer`` for a card of ``platform``'s ``variant`` in ``layout``, told where its
    left-out items are (there, else on the ``others``) and showing the platform's account."""
    r = renderer
    posted = list({p.id: p for p, _s, _l in others}.values())
    where = card_where(release, captions, platform, variant, posted, r.brand, r.unit)
    content = for_platform(r.content, r.brand, r.unit, platform.id, layout, r.templates_dir)
    if where == content.more_where and content is renderer.content:
        return renderer
    return renderer.with_content(replace(content, more_where=where))


def render_images(
    release: Release,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    options: RenderOptions,
    captions: Mapping[str, str] | None = None,
    wait: bool = True,
) -> Plan:
    """Draw and encode every image of ``release``: its artifacts, their bytes, their warnings.

    Next to each image goes ``<variant>.alt.txt`` with its alt text. ``captions`` (platform id
    → caption text) tells each card where the events or figures it leaves out can be read;
    ``wait=False`` leaves the images still being encoded in the plan's ``encoding``."""
    from humaskit.cards.overlap import Overlap
    from humaskit.cards.renderer import CardRenderer

    with _photo_errors_at(release):
        jobs = _jobs(release, platforms, options.templates_dir)
        renderer = CardRenderer(
            card_content(release, brand, unit),
            brand,
            unit,
            templates_dir=options.templates_dir,
            sizes=[size for _p, size, _l in jobs],
        )
        # Every card is planned before any is drawn, so that the photo is decoded once, at the
        # scale of the largest box showing it; each card is encoded while the next is drawn.
        cards: dict[tuple[str, ImageSize, str, str], CardRenderer] = {}
        shown = []
        for platform, size, layout in jobs:
            card = _told_where(renderer, release, captions, platform, size.variant, layout, jobs)
            key = (layout, size.shape, card.content.more_where, card.content.handles_text)
            cards.setdefault(key, card).plan(layout, size)
            shown.append((key, platform, size, layout))
        overlap = Overlap()
        drawn: dict[tuple[str, ImageSize, str, str], RenderedImage] = {}
        for key, _platform, size, layout in shown:
            if key not in drawn:
                drawn[key] = cards[key].render_later(layout, size, options.fmt, overlap)
        plan, fields = Plan(), release_texts(release)
        for key, platform, size, layout in shown:
            add_image(plan, drawn[key], platform, size.variant, layout, fields=fields, wait=wait)
        carousels = release_carousels(
            release,
            renderer.content,
            brand,
            unit,
            platforms,
            options.templates_dir,
            captions,
            renderer,
        )
        slides = render_carousels(
            carousels, brand, unit, options.fmt, options.templates_dir, base=renderer, wait=wait
        )
        plan.extend(slides)
        plan.diagnostics.extend(low_resolution_findings([renderer], release))
        return plan


def low_resolution_findings(
    renderers: Iterable[CardRenderer], release: Release | None = None
) -> list[Diagnostic]:
    """One ``photo-low-resolution`` warning per photo too small for the largest box the cards
    planned so far show it in (:meth:`~humaskit.cards.renderer.CardRenderer.low_resolution`).

    ``render`` and ``check`` both call it after every card of the release, so they warn about
    the same photos in the same words; the warning reaches the manifest and the preview page.
    With ``release``, each warning names its field and line; a recap's (photos of several
    releases) names the photo only.
    """
    found = []
    seen: set[Path] = set()
    for low in (low for renderer in renderers for low in renderer.low_resolution()):
        if low.path in seen:
            continue
        seen.add(low.path)
        top = low.field.split(".", 1)[0]
        (width, height), (need_w, need_h) = low.original, low.box
        workspace = release.workspace if release is not None else find_workspace(low.path)
        found.append(
            Diagnostic(
                code="photo-low-resolution",
                message=_(
                    "The photo {file} is {w}×{h} pixels, but a card shows it in a box of about "
                    "{nw}×{nh}; it will look soft. Use the original photo from the camera, not "
                    "a copy from a chat app or a screenshot."
                ).format(
                    file=display_path(low.path, workspace), w=width, h=height, nw=need_w, nh=need_h
                ),
                field=low.field if release is not None else None,
                line=release.line_of(top) if release is not None else None,
            )
        )
    return found


def release_texts(release: Release) -> dict[str, str]:
    """The release's fields a card shows as written, by field name."""
    names = ("card_title", "title", "summary", "action", "fact", "claim", "complaint")
    values = {name: release.value(name) for name in names}
    return {name: value for name, value in values.items() if isinstance(value, str) and value}


def add_image(
    plan: Plan,
    image: RenderedImage,
    platform: Platform,
    variant: str,
    layout: str,
    slide: tuple[int, int] | None = None,
    fields: Mapping[str, str] | None = None,
    wait: bool = True,
) -> None:
    """Add one image, its alt text and its warnings to ``plan`` (``wait``: see render_images);
    ``fields`` are the release's texts, named in the advice for a text cut short."""
    stem = variant if slide is None else f"{variant}-{slide[0]:02d}"
    rel = f"{platform.id}/{stem}.{image.ext}"
    alt = image.alt
    if platform.alt_text_limit is not None and len(alt) > platform.alt_text_limit:
        alt = alt[: platform.alt_text_limit - 1].rsplit(" ", 1)[0] + "…"
    artifact = Artifact(
        platform.id,
        "image",
        rel,
        template=layout,
        variant=variant,
        width=image.width,
        height=image.height,
        alt=alt,
        alt_path=f"{platform.id}/{stem}.alt.txt",
        slide=slide[0] if slide is not None else None,
        slides=slide[1] if slide is not None else None,
        text_layers=text_layers(image.texts),
    )
    plan.add(artifact, image.data if wait else image.encoded, (alt + "\n").encode())
    found = as_diagnostics(without_planner_truncation(image.warnings))
    found += text_findings(
        artifact.text_layers or (),
        width=image.width,
        image=rel,
        layout=image.layout_file,
        fields=fields,
    )
    plan.diagnostics.extend(d.at(platform=platform.id, variant=rel) for d in found)


def check_images(
    release: Release,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    templates_dir: Path | None,
    captions: Mapping[str, str] | None = None,
) -> tuple[list[Diagnostic], list[ShownImage]]:
    """Plan every image without drawing: what a person should look at, and each image's text.

    Reports text that would be shrunk, cut or set below the readable floor, contrast below WCAG
    AA, and a photo too small for the largest card.
    """
    from humaskit.cards.renderer import EXTENSIONS, CardRenderer, image_format, text_items
    from humaskit.pipeline.contrastcheck import contrast_findings

    jobs = _jobs(release, platforms, templates_dir)
    renderer = CardRenderer(
        card_content(release, brand, unit),
        brand,
        unit,
        templates_dir=templates_dir,
        sizes=[size for _p, size, _l in jobs],
    )
    findings: list[Diagnostic] = []
    seen: set[tuple[object, ...]] = set()
    shown: list[ShownImage] = []  # each image's text layers
    # Every card, then every carousel slide (each slide is the same renderer with other content).
    planned: list[tuple[Platform, ImageSize, str, CardRenderer, str, str]] = [
        (
            platform,
            size,
            layout,
            _told_where(renderer, release, captions, platform, size.variant, layout, jobs),
            f"{size.variant} {size.width}×{size.height}",
            "",
        )
        for platform, size, layout in jobs
    ]
    carousels = release_carousels(
        release, renderer.content, brand, unit, platforms, templates_dir, captions, renderer
    )
    by_id = {p.id: p for p in platforms}
    for pid, carousel in carousels.items():
        size = by_id[pid].image(CAROUSEL_VARIANT)
        for slide in carousel.slides:
            where = f"{CAROUSEL_VARIANT} {slide.content.slide}/{slide.content.slides}"
            own = for_platform(slide.content, brand, unit, pid, slide.layout, templates_dir)
            slide_renderer = renderer.with_content(own)
            suffix = f"-{slide.content.slide:02d}"  # carousel-02.png
            planned.append((by_id[pid], size, slide.layout, slide_renderer, where, suffix))
    for platform, size, layout, card, where, suffix in planned:
        key = (layout, size.shape, card.content)
        if key in seen:
            continue
        seen.add(key)
        plan = card.plan(layout, size)
        for found in as_diagnostics(without_planner_truncation(plan.warnings)):
            message = f"{where}: {found.message}"
            findings.append(replace(found, message=message).at(platform=platform.id))
        image = f"{platform.id}/{size.variant}{suffix}.{EXTENSIONS[image_format(plan)]}"
        layers = text_layers(text_items(plan))
        shown.append(ShownImage(image, size.width, size.height, layers))
        for found in text_findings(
            layers,
            width=size.width,
            image=image,
            layout=card.layout_file(layout),
            fields=release_texts(release),
        ):
            findings.append(found.at(platform=platform.id))
        findings.extend(contrast_findings(plan, where, platform.id))
    with _photo_errors_at(release):
        findings.extend(low_resolution_findings([renderer], release))  # decodes the photos
    return findings, shown
