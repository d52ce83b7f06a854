"""The recap's slides (``humaskit recap``): its cover, one slide per release, the closing slide.

The cover ("Kabar Sepekan": the header names the unit and the chip the dates) lists the week's
activities under a band of the week's first photo, posted alone (platforms without a
carousel) or as the carousel's cover. A news
item's or a quote's slide is its own feed card; the other kinds get the recap's release slide
(``templates/layouts/rekap-rilis.yaml``). The closing slide names the unit's accounts, the
platform's own first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from humaskit.layout.sets import layouts_for
from humaskit.model.brand import Brand, Unit
from humaskit.model.platforms import load_platforms
from humaskit.model.release import Release
from humaskit.pipeline.images import card_content
from humaskit.pipeline.period import Period, date_range_text
from humaskit.pipeline.recap_caption import item_date

if TYPE_CHECKING:
    from humaskit.cards.carousel import Slide
    from humaskit.cards.content import CardContent

__all__ = ["COVER_LAYOUT", "closing_for", "cover_title", "recap_slides"]

COVER_LAYOUT = "rekap"
RELEASE_LAYOUT = "rekap-rilis"
# Kinds whose recap slide is their own feed card (as their own carousel's cover). The list
# kinds (agenda, pengumuman) and the figures (kinerja) would print "+N … lain" with nowhere to
# point to (the recap's caption lists releases, not their events or figures); hoaks, aduan
# and potensi cards were not reviewed inside a recap yet: they keep the recap's own slide.
OWN_CARD_KINDS = ("rilis", "kutipan")
# The platform whose feed layout a release's slide uses (the carousels' 4:5 size).
CAROUSEL_PLATFORM = "instagram"
COVER_VARIANT = "feed"


def cover_title(period: Period) -> str:
    """The cover's headline: "Kabar Sepekan" for seven days, else "Rangkuman Kegiatan". The
    header above it names the unit and the chip the dates, so the headline repeats neither.
    Published text, in the brand's language: not through ``_()``."""
    return "Kabar Sepekan" if (period.end - period.start).days == 6 else "Rangkuman Kegiatan"


def _cover_content(
    releases: Sequence[Release], brand: Brand, unit: Unit, period: Period
) -> CardContent:
    """The cover: the headline, the dates, the week's activities, the week's first photo."""
    pictured = next((r for r in releases if r.image is not None), None)
    base = card_content(pictured or releases[0], brand, unit)
    return dataclasses.replace(
        base,
        kind="rekap",
        title=cover_title(period),
        summary=f"{len(releases)} kegiatan",
        date_text=date_range_text(period.start, period.end, brand.locale),
        location=None,
        quote_text=None,
        quote_by=None,
        quote_role=None,
        stats=(),
        agenda=(),
        # What a cover posted alone lists: "Rabu, 8 Mei — <headline>" per release.
        points=tuple(f"{item_date(r.date, brand.locale)} — {r.headline}" for r in releases),
        draft=False,
    )


def _release_layout(release: Release, templates_dir: Path | None) -> str:
    """A release's slide: its own feed card (the post it was, the date chip above the title; a
    quote's is the kutipan card, mark, quote and speaker, never a photo panel) for the kinds in
    :data:`OWN_CARD_KINDS`; the recap's release slide for the others."""
    if release.kind in OWN_CARD_KINDS:
        return layouts_for(release.kind, CAROUSEL_PLATFORM, COVER_VARIANT, templates_dir)
    return RELEASE_LAYOUT


def recap_slides(
    releases: Sequence[Release],
    brand: Brand,
    unit: Unit,
    period: Period,
    templates_dir: Path | None = None,
) -> tuple[CardContent, list[Slide]]:
    """The cover's content and every slide of the recap carousel, before trimming.

    Slides: the cover, one per release (oldest first) and the closing slide. Trimmed to a
    platform's limit, the latest releases' slides go first; the caption still lists them all.
    """
    from humaskit.cards.carousel import RANK_COVER, RANK_MAIN, Slide

    cover = _cover_content(releases, brand, unit, period)
    # The carousel's cover previews the week: the week's first photo as a band over the title
    # and the list (the slide that carries it shows it whole).
    slides = [Slide("cover", COVER_LAYOUT, cover, RANK_COVER)]
    for release in releases:
        content = card_content(release, brand, unit)
        slides.append(Slide("release", _release_layout(release, templates_dir), content, RANK_MAIN))
    slides.append(closing_for(cover, brand, unit, templates_dir=templates_dir))
    return cover, slides


def closing_for(
    cover: CardContent,
    brand: Brand,
    unit: Unit,
    platform: str = "",
    templates_dir: Path | None = None,
) -> Slide:
    """The recap's closing slide on ``platform``: the unit's accounts, that platform's first."""
    from humaskit.cards.carousel import accounts, closing_heading, closing_slide

    names = {pid: p.name for pid, p in load_platforms(templates_dir).items()}
    lines = accounts(brand, unit, names, platform)
    return closing_slide(cover, lines, closing_heading(brand, unit))
