"""A release's short vertical clips (issue 16): which platforms get one, which scenes it has.

The clip is the same for Instagram Reels, TikTok, YouTube Shorts and WhatsApp status, so it is
drawn and encoded once and written four times (:data:`VIDEO_FILES`). It is laid out on a
1080×1920 canvas that keeps clear of every 9:16 image's UI zones in the platform rules at once
(:func:`video_size`): the tallest top and bottom bands and the right-hand button column. Its
scenes are the carousel's slides (:func:`humaskit.cards.carousel.release_slides`: figures,
events, key points, the quote, the closing slide with the accounts and complaint channels),
with the kind's 9:16 layout as the cover; a counter-hoax release adds its steps after the cover
(:func:`hoax_steps`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from humaskit.model.platforms import ImageSize
from humaskit.pipeline.manifest import Artifact
from humaskit.pipeline.plan import Plan, as_diagnostics

if TYPE_CHECKING:
    from humaskit.cards.content import CardContent
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.platforms import Platform
    from humaskit.model.release import Release
    from humaskit.pipeline.context import RenderOptions
    from humaskit.video.clip import SceneSpec

# Platform id → the clip's file name in its folder (instagram/reel.mp4 …).
VIDEO_FILES = {"instagram": "reel", "tiktok": "video", "youtube": "short", "whatsapp": "status"}
WIDTH, HEIGHT = 1080, 1920
VARIANT = "video"
CODEC = "h264"
HOAX_LAYOUT = "hoaks-langkah"  # a counter-hoax clip's steps (claim, fact, source)
RANK_HOAX = 2  # as the carousel's main slides


def wants_video(options: RenderOptions, unit: Unit) -> bool:
    """Whether a release of ``unit`` gets clips: ``--video``, or ``video: true`` in the brand
    kit or the unit (a unit inherits its parent's, and the brand kit's, choice)."""
    return options.video or unit.video


def video_size(rules: Mapping[str, Platform]) -> ImageSize:
    """The clip's canvas: 1080×1920, clear of the UI zones of every 9:16 image in ``rules``."""
    tall = [s for p in rules.values() for s in p.images if (s.width, s.height) == (WIDTH, HEIGHT)]
    columns = [s for s in tall if s.safe_right]
    return ImageSize(
        VARIANT,
        WIDTH,
        HEIGHT,
        safe_top=max((s.safe_top for s in tall), default=0),
        safe_bottom=max((s.safe_bottom for s in tall), default=0),
        safe_right=max((s.safe_right for s in columns), default=0),
        safe_right_top=min((s.safe_right_top for s in columns), default=0),
        safe_right_bottom=min((s.safe_right_bottom for s in columns), default=0),
    )


def _cover_layout(release: Release, platforms: Sequence[Platform], options: RenderOptions) -> str:
    """The kind's 9:16 layout: the one the first clip platform's tall image uses."""
    from humaskit.layout.sets import layouts_for

    for platform in platforms:
        for size in platform.images:
            if (size.width, size.height) == (WIDTH, HEIGHT):
                return layouts_for(release.kind, platform.id, size.variant, options.templates_dir)
    return layouts_for(release.kind, "instagram", "story", options.templates_dir)


def check_video_inputs(release: Release, platforms: Sequence[str]) -> None:
    """Refuse early, before any image is drawn, what would stop the clips: PyAV missing, or an
    ``audio:`` that is not a sound file or lasts too long.

    Raises:
        UsageError: PyAV is not installed.
        ReleaseError: the ``audio:`` file is refused.
    """
    from humaskit.video import encoder

    if not any(pid in VIDEO_FILES for pid in platforms):
        return
    encoder.require()
    if release.audio is not None:
        encoder.check_audio(release.audio, release.where("audio"))


def clip_scenes(
    release: Release,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    rules: Mapping[str, Platform],
    options: RenderOptions,
) -> tuple[ImageSize, str, list[SceneSpec]]:
    """The clip's canvas, its cover layout and its scenes (before timing drops any)."""
    from humaskit.cards.carousel import accounts, release_slides
    from humaskit.pipeline.images import card_content
    from humaskit.video.clip import SceneSpec

    content = card_content(release, brand, unit)
    lines = accounts(brand, unit, {pid: p.name for pid, p in rules.items()})
    slides = release_slides(
        release,
        content,
        brand=brand,
        platform=platforms[0].id,
        account_lines=lines,
        templates_dir=options.templates_dir,
    )
    cover_layout = _cover_layout(release, platforms, options)
    scenes = [
        SceneSpec(
            s.role,
            cover_layout if s.role == "cover" else s.layout,
            dataclasses.replace(s.content, more_where=""),  # a clip has no caption beside it
            s.rank,
            keep=s.role in ("cover", "closing"),
        )
        for s in slides
    ]
    scenes[1:1] = hoax_steps(scenes[0].content, options)
    return video_size(rules), cover_layout, scenes


def hoax_steps(cover: CardContent, options: RenderOptions) -> list[SceneSpec]:
    """A counter-hoax clip's steps after its cover, one scene each (layout ``hoaks-langkah``):
    the claim marked HOAKS, then the FAKTA, then the source, what to do and where to report.
    None for a release without both a claim and a fact, or without the layout.

    The cover shows the whole card first (the FAKTA largest), so the clip keeps the card's
    truth sandwich: the fact, the claim, the fact again and where it comes from.
    """
    from humaskit.layout.sets import available_layouts
    from humaskit.video.clip import SceneSpec

    if not (cover.claim and cover.fact) or HOAX_LAYOUT not in available_layouts(
        options.templates_dir
    ):
        return []
    inner = dataclasses.replace(cover, photo=None, photo_alt=None, photo_credit=None)
    steps = {
        "claim": dataclasses.replace(inner, fact=None),
        "fact": dataclasses.replace(inner, claim=None),
        "source": dataclasses.replace(inner, claim=None, fact=None),
    }
    # The three steps are the clip's point: kept like the cover and the closing scene (at most
    # 3.5 + 4 × 7 s, which timing shortens alike to 30 s).
    return [SceneSpec(role, HOAX_LAYOUT, c, RANK_HOAX, keep=True) for role, c in steps.items()]


def render_videos(
    release: Release,
    brand: Brand,
    unit: Unit,
    platforms: Sequence[Platform],
    rules: Mapping[str, Platform],
    options: RenderOptions,
) -> Plan:
    """The clip of ``release`` for each of ``platforms`` that takes one, with its description
    (``.description.txt``) and subtitles (``.srt``).

    Raises:
        UsageError: PyAV is not installed.
        ReleaseError: the release's ``audio:`` is not a sound file or lasts too long.
    """
    from humaskit.cards.renderer import CardRenderer
    from humaskit.pipeline.images import _photo_errors_at, card_content
    from humaskit.video import encoder
    from humaskit.video.clip import make_clip

    plan = Plan()
    chosen = [p for p in platforms if p.id in VIDEO_FILES]
    if not chosen:
        return plan
    encoder.require()
    with _photo_errors_at(release):
        size, cover_layout, scenes = clip_scenes(release, brand, unit, chosen, rules, options)
        base = CardRenderer(
            card_content(release, brand, unit),
            brand,
            unit,
            templates_dir=options.templates_dir,
            sizes=[size],
        )
        clip = make_clip(
            base, scenes, size, audio=release.audio, audio_where=release.where("audio")
        )
    subtitles = clip.subtitles.encode("utf-8")
    for platform in chosen:
        stem = f"{platform.id}/{VIDEO_FILES[platform.id]}"
        artifact = Artifact(
            platform.id,
            "video",
            f"{stem}.mp4",
            template=cover_layout,
            variant=VIDEO_FILES[platform.id],
            width=clip.width,
            height=clip.height,
            alt=clip.description,
            alt_path=f"{stem}.description.txt",  # status.alt.txt is the status image's
            duration=clip.duration,
            fps=clip.fps,
            codec=CODEC,
            audio=clip.audio,
            subtitles=f"{stem}.srt",
        )
        plan.add(artifact, clip.data, (clip.description + "\n").encode())
        plan.files[f"{stem}.srt"] = subtitles
        found = as_diagnostics(clip.warnings)
        plan.diagnostics.extend(d.at(platform=platform.id, variant=f"{stem}.mp4") for d in found)
    return plan
