"""``recap``: a unit's releases of one week (or date range) summed up in one carousel and caption.

The releases are the unit's among the files and folders given, dated inside the period. The
carousel has a cover ("Kabar Sepekan", the dates, the week's activities listed on the brand
colour), one slide per release (a news item's or a quote's own feed card; for the other kinds
the recap's release slide: its photo or its kind's colour, title, date) and the closing slide;
platforms without a carousel get the cover alone at their own sizes, on the week's first
photo (:mod:`humaskit.pipeline.recap_slides`). The caption lists every release on one line
each and is fitted to each platform (README, "Rekap sepekan";
:mod:`humaskit.pipeline.recap_caption`). A period with a single release makes no recap: a
"Sepekan" post of one activity says less than the release's own post.

A recap is a job like a release: it is planned (:func:`plan_recap`) into artifacts, their bytes
and diagnostics, then staged and published whole
(:func:`humaskit.pipeline.publish.stage_and_publish`), so its folder holds exactly the files its
``manifest.json`` lists, even after a re-run in which a release went away.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit import __version__
from humaskit.diagnostics import Diagnostic
from humaskit.errors import HumaskitError, ReleaseError, UsageError
from humaskit.i18n import _
from humaskit.model.brand import Brand, Unit
from humaskit.model.platforms import CAROUSEL_VARIANT, Platform, load_platforms
from humaskit.model.release import Release, load_release, resolve_unit
from humaskit.pipeline.carousel_slides import render_carousels
from humaskit.pipeline.carousels import for_platform
from humaskit.pipeline.context import (
    RenderOptions,
    brand_for,
    check_format,
    check_platforms,
    check_run_paths,
    inputs_hash,
)
from humaskit.pipeline.discovery import display_path, find_releases
from humaskit.pipeline.fitwords import fitted_words
from humaskit.pipeline.images import add_image, low_resolution_findings
from humaskit.pipeline.job import caption_fitted
from humaskit.pipeline.manifest import Artifact, Manifest, PeriodEntry, ReleaseEntry
from humaskit.pipeline.output import slugify
from humaskit.pipeline.period import Period, date_range_text
from humaskit.pipeline.plan import Plan
from humaskit.pipeline.publish import stage_and_publish
from humaskit.pipeline.recap_caption import recap_caption, recap_title
from humaskit.pipeline.recap_slides import COVER_LAYOUT, closing_for, recap_slides
from humaskit.realpaths import forget
from humaskit.text.fitting import caption_file

if TYPE_CHECKING:
    from humaskit.cards.renderer import RenderedImage
    from humaskit.model.platforms import ImageSize

__all__ = ["RecapResult", "collect_releases", "plan_recap", "recap", "recap_slides"]

# A "Sepekan" recap of one release says nothing its own post does not: two at least.
MIN_RELEASES = 2


@dataclass
class RecapResult:
    """What ``recap`` wrote."""

    out_dir: Path
    manifest: Manifest
    releases: list[Release] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "out": str(self.out_dir),
            "releases": len(self.releases),
            "artifacts": len(self.manifest.artifacts),
            "warnings": [w.to_dict() for w in self.manifest.warnings],
        }


# Recap fitting steps that shorten rather than leave out (recap_caption's step names).
_SHORTENED = ("titles", "title")


def collect_releases(
    paths: Sequence[Path | str],
    unit: Unit,
    brand: Brand,
    period: Period,
    *,
    out: Path | None = None,
    allow_paths: Sequence[Path] = (),
) -> tuple[list[Release], list[Diagnostic]]:
    """The unit's releases dated in ``period``, oldest first, and warnings for unreadable files.

    Raises:
        UsageError: a path does not exist.
    """
    releases: list[Release] = []
    warnings: list[Diagnostic] = []
    for path in find_releases(paths, out):
        try:
            release = load_release(path, allow_paths=tuple(allow_paths))
            if resolve_unit(release, brand).key != unit.key:
                continue
        except HumaskitError as exc:
            warnings.append(
                Diagnostic(
                    code="release-skipped",
                    message=_("{path} was left out of the recap: {problem}").format(
                        path=path, problem=exc.message
                    ),
                    file=str(path),
                )
            )
            continue
        if period.start <= release.date <= period.end:
            releases.append(release)
    releases.sort(key=lambda r: (r.date, r.title.casefold()))
    return releases, warnings


# --- the job --------------------------------------------------------------------------------------


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
        period: the days to sum up (:func:`~humaskit.pipeline.period.parse_week`,
            :func:`~humaskit.pipeline.period.parse_period`).
        out: the output folder.
        platforms: only these platforms (default: the unit's).
        fmt: image format, one of auto, png, jpeg, webp.
        brand_dir: a brand kit folder (default: the workspace's ``brand/``, else built-in).
        templates_dir: a templates folder overriding the built-ins.
        allow_paths: further folders releases may read photos from.

    Raises:
        UsageError: a path does not exist, or an unknown platform or format.
        BrandError: no unit has that key.
        ReleaseError: the unit has fewer than :data:`MIN_RELEASES` releases in the period.
    """
    check_format(fmt)
    if not paths:
        raise UsageError(_("Name the releases to sum up."), hint=_("For example: rilis/"))
    check_run_paths(paths, out, brand_dir=brand_dir, templates_dir=templates_dir)
    forget()  # folders resolved in an earlier run may have moved
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
    check_platforms(wanted, rules)
    releases, skipped = collect_releases(
        paths, the_unit, kit, period, out=options.out, allow_paths=options.allow_paths
    )
    if not releases:
        raise ReleaseError(
            _("{unit} has no press release dated {period}.").format(
                unit=the_unit.short_name,
                period=date_range_text(period.start, period.end, kit.locale),
            ),
            hint=_(
                "Check the unit key, the week and the folders given; each release's "
                "'unit' and 'date' decide whether it is included."
            ),
        )
    if len(releases) < MIN_RELEASES:
        (only,) = releases
        raise ReleaseError(
            _(
                "{unit} has only one press release dated {period} ({path}); a recap sums up "
                "two or more, so none is made."
            ).format(
                unit=the_unit.short_name,
                period=date_range_text(period.start, period.end, kit.locale),
                path=display_path(only.path, only.workspace),
            ),
            hint=_(
                "Post that release's own cards (humaskit render {path}), or choose a longer "
                "period with --from and --to."
            ).format(path=display_path(only.path, only.workspace)),
        )
    plan = plan_recap(releases, kit, the_unit, period, [rules[p] for p in wanted], options)
    digest = hashlib.sha256(f"{period.label};{','.join(wanted)};{fmt}".encode())
    for release in releases:
        digest.update(inputs_hash(release, kit, options).encode())
    manifest = Manifest(
        source=", ".join(str(p) for p in paths),
        slug=slugify(f"rekap-{the_unit.key}-{period.label}"),
        unit=the_unit.key,
        kind="rekap",
        title=recap_title(the_unit, period),
        date=period.start.isoformat(),
        humaskit=__version__,
        inputs_hash="sha256:" + digest.hexdigest(),
        artifacts=plan.artifacts,
        warnings=[*skipped, *plan.diagnostics],
        period=PeriodEntry(
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            week=period.week,
            text=date_range_text(period.start, period.end, kit.locale),
        ),
        releases=[
            ReleaseEntry(
                source=display_path(r.path, r.workspace),
                title=r.title,
                date=r.date.isoformat(),
                kind=r.kind,
            )
            for r in releases
        ],
    )
    out_dir = stage_and_publish(manifest, plan.files, options.out)
    return RecapResult(out_dir, manifest, releases)


def plan_recap(
    releases: Sequence[Release],
    brand: Brand,
    unit: Unit,
    period: Period,
    platforms: Sequence[Platform],
    options: RenderOptions,
) -> Plan:
    """Plan the recap's captions (first in the manifest) and images, with their diagnostics.

    The images' diagnostics come before the captions', as the images are drawn first.
    """
    images = _plan_images(releases, brand, unit, period, platforms, options)
    plan = Plan()
    for platform in platforms:
        text, length, tags, given_up = recap_caption(
            releases, brand, unit, platform, period, templates_dir=options.templates_dir
        )
        rel = f"{platform.id}/caption.txt"
        artifact = Artifact(
            platform.id,
            "caption",
            rel,
            length=length,
            limit=platform.caption_limit,
            hashtags=len(tags),
        )
        plan.add(artifact, caption_file(text).encode("utf-8"))
        if given_up:
            plan.diagnostics.append(
                caption_fitted(
                    platform.id,
                    platform.caption_limit,
                    fitted_words(
                        [g for g in given_up if g not in _SHORTENED],
                        [g for g in given_up if g in _SHORTENED],
                    ),
                    rel,
                )
            )
    plan.artifacts.extend(images.artifacts)
    plan.files.update(images.files)
    plan.diagnostics[:0] = images.diagnostics
    return plan


def _plan_images(
    releases: Sequence[Release],
    brand: Brand,
    unit: Unit,
    period: Period,
    platforms: Sequence[Platform],
    options: RenderOptions,
) -> Plan:
    """The carousel on platforms that take one; the cover alone at every other image size."""
    from humaskit.cards.carousel import fit_carousel
    from humaskit.cards.renderer import CardRenderer

    cover, slides = recap_slides(releases, brand, unit, period, options.templates_dir)
    carousels = {}
    singles: list[tuple[Platform, ImageSize]] = []
    for platform in platforms:
        for size in platform.images:
            if size.variant == CAROUSEL_VARIANT:
                closing = closing_for(cover, brand, unit, platform.id, options.templates_dir)
                carousels[platform.id] = fit_carousel(
                    [*slides[:-1], closing], platform.carousel_max
                )
            elif not any(s.variant == CAROUSEL_VARIANT for s in platform.images):
                singles.append((platform, size))
    rules: Mapping[str, Platform] = {p.id: p for p in platforms}
    plan = render_carousels(carousels, brand, unit, options.fmt, options.templates_dir, rules=rules)
    renderer = CardRenderer(
        cover, brand, unit, templates_dir=options.templates_dir, sizes=[s for _p, s in singles]
    )
    drawn: dict[tuple[ImageSize, str], RenderedImage] = {}
    for platform, size in singles:
        own = for_platform(cover, brand, unit, platform.id, COVER_LAYOUT, options.templates_dir)
        key = (size.shape, own.handles_text)
        if key not in drawn:
            card = renderer if own is cover else renderer.with_content(own)
            drawn[key] = card.render(COVER_LAYOUT, size, options.fmt)
        add_image(plan, drawn[key], platform, size.variant, COVER_LAYOUT)
    known = {d.message for d in plan.diagnostics}
    plan.diagnostics.extend(
        d for d in low_resolution_findings([renderer]) if d.message not in known
    )
    return plan
