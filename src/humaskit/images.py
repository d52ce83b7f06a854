"""The images of a release: which cards each platform gets, rendered once per distinct size.

This module turns a release into :class:`~humaskit.cards.CardContent`, asks the template set
which layout each platform's image variant uses, and lets one
:class:`~humaskit.cards.CardRenderer` (one photo decode) draw them all. Identical cards (same
layout, size and safe zones on two platforms) are drawn once and written twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit.formatting import format_date
from humaskit.output import write_output

if TYPE_CHECKING:
    from humaskit.brand import Brand, Unit
    from humaskit.cards import CardContent, RenderedImage
    from humaskit.platforms import ImageSize, Platform
    from humaskit.release import Release
    from humaskit.render import RenderOptions

# Variants drawn by other card families (carousels come with the infographic issue).
SKIPPED_VARIANTS = frozenset({"carousel"})
# The platform whose handles a card's footer shows: images are shared across platforms.
FOOTER_PLATFORM = "instagram"


def card_content(release: Release, brand: Brand, unit: Unit) -> CardContent:
    """What the cards of ``release`` show, formatted the brand's way."""
    from humaskit.cards import STATUS_TEXT, CardContent, agenda_views, stat_views
    from humaskit.release import COMPLAINT_STATUSES

    # The footer is never empty (layouts stack on it): without any handle, the brand's name.
    handle = unit.handles.get(FOOTER_PLATFORM) or brand.handles.get(FOOTER_PLATFORM) or brand.name
    quote = release.quote
    return CardContent(
        kind=release.kind,
        title=release.title,
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
        status_text=STATUS_TEXT.get(release.status or ""),
        status_step=(
            COMPLAINT_STATUSES.index(release.status) + 1
            if release.status in COMPLAINT_STATUSES
            else 0
        ),
        ticket=release.ticket,
        photo_before=release.image_before,
        photo_after=release.image_after,
        complaint_channels=" · ".join(
            c.name + (f" {c.url.split('//', 1)[-1].rstrip('/')}" if c.url else "")
            for c in brand.complaint_channels
        ),
        when=release.when,
        place=release.place,
        contact=release.contact,
        highlights=release.highlights,
        points=tuple(b.text() for b in release.body.points),
    )


def _jobs(
    release: Release, platforms: Sequence[Platform], templates_dir: Path | None
) -> list[tuple[Platform, ImageSize, str]]:
    from humaskit.cards import layouts_for

    jobs = []
    for platform in platforms:
        for size in platform.images:
            if size.variant in SKIPPED_VARIANTS:
                continue
            layout = layouts_for(release.kind, platform.id, size.variant, templates_dir)
            jobs.append((platform, size, layout))
    return jobs


def render_images(
    release: Release,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    out_dir: Path,
    options: RenderOptions,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Draw, encode and write every image of ``release``; return manifest artifacts and warnings.

    Next to each image goes ``<variant>.alt.txt`` with its alt text.
    """
    from humaskit.cards import CardRenderer

    jobs = _jobs(release, platforms, options.templates_dir)
    renderer = CardRenderer(
        card_content(release, brand, unit),
        brand,
        unit,
        templates_dir=options.templates_dir,
        sizes=[size for _p, size, _l in jobs],
    )
    drawn: dict[tuple[str, int, int, int, int], RenderedImage] = {}
    artifacts: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for platform, size, layout in jobs:
        key = (layout, size.width, size.height, size.safe_top, size.safe_bottom)
        if key not in drawn:
            drawn[key] = renderer.render(layout, size, options.fmt)
        image = drawn[key]
        rel = f"{platform.id}/{size.variant}.{image.ext}"
        write_output(out_dir / rel, image.data)
        alt = image.alt
        if platform.alt_text_limit is not None and len(alt) > platform.alt_text_limit:
            alt = alt[: platform.alt_text_limit - 1].rsplit(" ", 1)[0] + "…"
        write_output(out_dir / f"{platform.id}/{size.variant}.alt.txt", (alt + "\n").encode())
        artifacts.append(
            {
                "platform": platform.id,
                "type": "image",
                "template": layout,
                "variant": size.variant,
                "path": rel,
                "width": image.width,
                "height": image.height,
                "alt": alt,
            }
        )
        warnings.extend(
            {"code": code, "message": message, "artifact": rel} for code, message in image.warnings
        )
    return artifacts, warnings


def check_images(
    release: Release,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    templates_dir: Path | None,
) -> list[tuple[str, str, str, str]]:
    """Plan every image without drawing; return ``(code, severity, message, platform)`` findings.

    Reports text that would be shrunk or cut, contrast below WCAG AA, and a photo too small for
    the largest card.
    """
    from humaskit.cards import CardRenderer
    from humaskit.i18n import _
    from humaskit.layout import contrast_failures

    jobs = _jobs(release, platforms, templates_dir)
    renderer = CardRenderer(
        card_content(release, brand, unit),
        brand,
        unit,
        templates_dir=templates_dir,
        sizes=[size for _p, size, _l in jobs],
    )
    findings: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, int, int, int, int]] = set()
    for platform, size, layout in jobs:
        key = (layout, size.width, size.height, size.safe_top, size.safe_bottom)
        if key in seen:
            continue
        seen.add(key)
        plan = renderer.plan(layout, size)
        where = f"{size.variant} {size.width}×{size.height}"
        for code, message in plan.warnings:
            findings.append((code, "warning", f"{where}: {message}", platform.id))
        for layer, ratio, required in contrast_failures(plan):
            findings.append(
                (
                    "low-contrast",
                    "error",
                    _(
                        "{where}: text layer {layer!r} has contrast {ratio:.2f}:1, below the "
                        "{required:.1f}:1 that WCAG AA requires."
                    ).format(where=where, layer=layer, ratio=ratio, required=required),
                    platform.id,
                )
            )
    photo = renderer.photo
    if photo is not None and jobs:
        from humaskit.cards import LOW_RESOLUTION

        ow, oh = photo.original
        worst = max((s for _p, s, _l in jobs), key=lambda s: max(s.width / ow, s.height / oh))
        need_w, need_h = worst.width, worst.height
        if max(need_w / ow, need_h / oh) > LOW_RESOLUTION:
            findings.append(
                (
                    "photo-low-resolution",
                    "warning",
                    _(
                        "The photo is {w}×{h} pixels; the largest card needs about {nw}×{nh}, "
                        "so it will look soft. Use a larger original."
                    ).format(w=photo.original[0], h=photo.original[1], nw=need_w, nh=need_h),
                    "",
                )
            )
    return findings
