"""A release's (or a recap's) carousel slides drawn: each identical slide once, each encoded
while the next is drawn, with a warning for a carousel that had to leave slides out. The slides
are planned by :func:`humaskit.pipeline.carousels.release_carousels`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from humaskit.i18n import _
from humaskit.model.platforms import CAROUSEL_VARIANT, load_platforms
from humaskit.pipeline.carousels import for_platform
from humaskit.pipeline.plan import Plan, warning

if TYPE_CHECKING:
    from humaskit.cards.carousel import Carousel
    from humaskit.cards.content import CardContent
    from humaskit.cards.renderer import CardRenderer, RenderedImage
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.platforms import Platform

__all__ = ["render_carousels"]


def render_carousels(
    carousels: Mapping[str, Carousel],
    brand: Brand,
    unit: Unit,
    fmt: str,
    templates_dir: Path | None,
    *,
    rules: Mapping[str, Platform] | None = None,
    base: CardRenderer | None = None,
    wait: bool = True,
) -> Plan:
    """Draw every slide of ``carousels`` (platform id → carousel).

    A slide identical on several platforms (same layout, size and content) is drawn once.
    A carousel that had to leave slides out gets a ``carousel-trimmed`` warning.

    Args:
        carousels: the planned carousels by platform id.
        brand: the brand kit.
        unit: the unit whose colours and logo the slides use.
        fmt: the image format.
        templates_dir: the user's templates folder.
        rules: the platform rules (default: the built-in ones merged with the user's).
        base: a renderer whose content is reused for slides showing exactly that content.
        wait: wait for the last slides' encoding (else the plan's ``encoding`` holds them).
    """
    from humaskit.cards.overlap import Overlap
    from humaskit.cards.renderer import CardRenderer
    from humaskit.pipeline.images import add_image, low_resolution_findings

    rules = rules or load_platforms(templates_dir)
    renderers: dict[CardContent, CardRenderer] = {}
    if base is not None:
        renderers[base.content] = base

    drawn: dict[tuple[str, int, int, CardContent], RenderedImage] = {}
    shown: list[tuple[RenderedImage, Platform, str, tuple[int, int]]] = []
    overlap = Overlap()  # each slide encoded while the next is drawn
    plan = Plan()
    for pid, carousel in carousels.items():
        platform = rules[pid]
        size = platform.image(CAROUSEL_VARIANT)
        for slide in carousel.slides:
            content = for_platform(slide.content, brand, unit, pid, slide.layout, templates_dir)
            key = (slide.layout, size.width, size.height, content)
            if key not in drawn:
                renderer = renderers.get(content)
                if renderer is None:
                    renderer = (
                        base.with_content(content)
                        if base is not None
                        else CardRenderer(
                            content, brand, unit, templates_dir=templates_dir, sizes=[size]
                        )
                    )
                    renderers[content] = renderer
                drawn[key] = renderer.render_later(slide.layout, size, fmt, overlap)
            number = (slide.content.slide, slide.content.slides)
            shown.append((drawn[key], platform, slide.layout, number))
        if carousel.dropped:
            plan.diagnostics.append(
                warning(
                    "carousel-trimmed",
                    _(
                        "{platform} takes at most {limit} images in one post, so the carousel "
                        "leaves out {count} slides: {roles}."
                    ).format(
                        platform=platform.name,
                        limit=platform.carousel_max,
                        count=len(carousel.dropped),
                        roles=", ".join(s.role for s in carousel.dropped),
                    ),
                    pid,
                    f"{pid}/{CAROUSEL_VARIANT}-01.png",
                )
            )
    for later, platform, layout, number in shown:
        add_image(plan, later, platform, CAROUSEL_VARIANT, layout, number, wait=wait)
    if base is None:  # a recap's slides: nobody else sees their renderers' photos
        plan.diagnostics.extend(low_resolution_findings(renderers.values()))
    return plan
