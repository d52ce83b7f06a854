"""Planning a job: a release (or a recap) turned into its artifacts, their bytes and diagnostics.

:func:`plan_release` is the one function that plans a release: its captions and thread posts,
its images with their alt texts, and every diagnostic on the way. ``render`` publishes the plan
(:func:`humaskit.pipeline.publish.stage_and_publish`); ``check`` plans the images without
drawing them (``images="plan"``) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from humaskit.diagnostics import Diagnostic
from humaskit.i18n import _
from humaskit.model.brand import Brand, Unit
from humaskit.model.example_values import example_value_findings
from humaskit.model.platforms import Platform
from humaskit.model.release import Release
from humaskit.pipeline.context import RenderOptions
from humaskit.pipeline.fitwords import fitted_words
from humaskit.pipeline.headline import (
    CARD_TITLE_NEEDED,
    ShownImage,
    cut_headline,
    shown_images,
    small_headline,
)
from humaskit.pipeline.images import check_images, render_images
from humaskit.pipeline.manifest import Artifact
from humaskit.pipeline.plan import Plan, as_diagnostics, warning
from humaskit.pipeline.videos import (
    VIDEO_FILES,
    check_video_inputs,
    render_videos,
    wants_video,
)
from humaskit.text.captions import build_captions
from humaskit.text.fitting import caption_file, file_length

NOT_APPROVED = "not-approved"
# "draw": encode every image; "plan": lay the images out without drawing (check); "none".
ImageMode = Literal["draw", "plan", "none"]


def release_platforms(release: Release, unit: Unit, options: RenderOptions) -> list[str]:
    """The platforms a release goes to: the options', else its own, else its unit's."""
    return list(options.platforms or release.platforms or unit.platforms)


def plan_release(
    release: Release,
    brand: Brand,
    unit: Unit,
    rules: Mapping[str, Platform],
    options: RenderOptions,
    *,
    images: ImageMode = "draw",
    clip: bool = True,
    wait: bool = True,
) -> Plan:
    """Plan every caption, thread post and image of ``release`` with its diagnostics.

    With ``wait=False`` the images still being encoded when the last card is drawn are left in
    the plan's ``encoding``, so that the caller
    can go on while they are.

    The release's own notices come first, then its approval and the example values left in it
    or in its kit (:mod:`humaskit.model.example_values`; once per release, whatever its
    platforms), then each caption's, then the images', then the clips' (:func:`plan_clip`; left
    out with ``clip=False``, for a pool that makes the clip in another process: what would
    refuse the clip is still refused here, before any image).
    """
    platforms = release_platforms(release, unit, options)
    video = images == "draw" and wants_video(options, unit)
    if video:
        check_video_inputs(release, platforms)
    plan = Plan(diagnostics=as_diagnostics(release.notices))
    if brand.require_approval and not release.approved_by:
        plan.diagnostics.append(not_approved(release))
    plan.diagnostics.extend(example_value_findings(release, brand, unit, platforms))
    captions = build_captions(
        release,
        brand,
        platforms=platforms,
        templates_dir=options.templates_dir,
        platform_rules=rules,
        x_thread=options.x_thread,
    )
    for pid, caption in captions.items():
        rel = f"{pid}/caption.txt"
        plan.add(
            Artifact(
                pid,
                "caption",
                rel,
                length=caption.length,
                limit=caption.limit,
                hashtags=len(caption.hashtags),
            ),
            caption_file(caption.text).encode("utf-8"),
        )
        if caption.dropped or caption.shortened:
            what = fitted_words(caption.dropped, caption.shortened)
            plan.diagnostics.append(caption_fitted(pid, caption.limit, what, rel))
        for index, post in enumerate(caption.thread, 1):
            plan.add(
                Artifact(
                    pid,
                    "caption",
                    f"{pid}/thread-{index:02d}.txt",
                    length=file_length(post, rules[pid]),
                    limit=caption.limit,
                    part=index,
                    parts=len(caption.thread),
                ),
                caption_file(post).encode("utf-8"),
            )
    chosen = [rules[p] for p in platforms]
    # Cards say where what they leave out is: the caption of their platform, when it lists it.
    texts = {pid: caption.text for pid, caption in captions.items()}
    # Each image with its text layers: a headline cut on any of them refuses the release.
    shown: list[ShownImage] = []
    if images == "draw":
        plan.extend(render_images(release, brand, unit, chosen, options, texts, wait=wait))
        shown = shown_images(plan.artifacts)
    elif images == "plan":
        found, shown = check_images(release, brand, unit, chosen, options.templates_dir, texts)
        plan.diagnostics.extend(found)
    refusal = cut_headline(release, shown)
    if refusal is not None and images == "draw":
        raise refusal
    if refusal is None:
        advice = small_headline(release, shown)
        if advice is not None:
            plan.diagnostics.append(advice)
    if video and clip:
        plan.extend(render_videos(release, brand, unit, chosen, rules, options))
    if refusal is not None:  # check goes on to report the release's other findings
        plan.diagnostics.append(Diagnostic.from_error(refusal, code=CARD_TITLE_NEEDED))
    return plan


def has_clip(release: Release, unit: Unit, options: RenderOptions) -> bool:
    """Whether rendering ``release`` makes clips: video asked for, images drawn, and a
    platform that takes one."""
    return (
        options.images
        and wants_video(options, unit)
        and any(p in VIDEO_FILES for p in release_platforms(release, unit, options))
    )


def plan_clip(
    release: Release,
    brand: Brand,
    unit: Unit,
    rules: Mapping[str, Platform],
    options: RenderOptions,
) -> Plan:
    """The clips of ``release`` alone, as :func:`plan_release` adds them after its images."""
    platforms = release_platforms(release, unit, options)
    check_video_inputs(release, platforms)
    return render_videos(release, brand, unit, [rules[p] for p in platforms], rules, options)


def not_approved(release: Release) -> Diagnostic:
    """The finding that ``release`` has no ``approved_by`` while approval is required (the brand
    kit's ``require_approval``, or ``check --require-approval``): a warning in ``render``, whose
    images then carry a DRAF mark, an error in ``check``."""
    return Diagnostic(
        code=NOT_APPROVED,
        message=_("The release has no 'approved_by'; it may not be published yet.")
        + " "
        + _("Add 'approved_by: <who approved it>' once it is approved."),
        field="approved_by",
        line=release.line_of("approved_by"),
    )


def caption_fitted(platform: str, limit: int, what: str, rel: str) -> Diagnostic:
    """The warning that a caption was fitted to its platform's limit by giving ``what`` up."""
    return warning(
        "caption-shortened",
        _("The {platform} caption was fitted to {limit} characters: {what}.").format(
            platform=platform, limit=limit, what=what
        ),
        platform,
        rel,
    )
