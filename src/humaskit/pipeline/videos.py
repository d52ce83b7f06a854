"""A release's short vertical clips (issue 16): which platforms get one, which scenes it has.

The clip is the same for Instagram Reels, TikTok, YouTube Shorts and WhatsApp status, so it is
drawn and encoded once and written four times (:data:`VIDEO_FILES`). It is laid out on a
1080×1920 canvas that keeps clear of every 9:16 image's UI zones in the platform rules at once
(:func:`video_size`): the tallest top and bottom bands and the right-hand button column. Its
scenes follow the carousel's slides (:func:`humaskit.cards.carousel.release_slides`), with the
kind's 9:16 layout as the cover, one scene per event, figure and key point where the carousel
has slides of several (:func:`item_scenes`, layouts :data:`ONE_ITEM`), the quote, and the
closing slide with the accounts and complaint channels; a counter-hoax release adds its steps
after the cover (:func:`hoax_steps`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from humaskit.i18n import _
from humaskit.model.kinds import get_kind
from humaskit.model.platforms import ImageSize
from humaskit.pipeline.manifest import Artifact
from humaskit.pipeline.plan import Plan, as_diagnostics, warning
from humaskit.video.timing import LONGEST_CLIP

if TYPE_CHECKING:
    from pathlib import Path

    from humaskit.cards.carousel import Slide
    from humaskit.cards.content import CardContent
    from humaskit.cards.renderer import CardRenderer
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
# One scene per item: a scene's role → its 9:16 layout, which shows the one item of its field.
ONE_ITEM = {"point": "poin-satu", "figure": "angka-satu", "event": "agenda-satu"}
ITEM_ROLES = {"points": "point", "stats": "figure", "agenda": "event"}  # content field → role
SLIDE_ITEMS = ("points", "stats", "agenda")  # slide roles named as the field they show
# A clip keeps this many events, and this many items of its kind's main slides (a kinerja
# release's figures, an announcement's key points: humaskit.model.kinds.Kind.main_slides),
# whatever their reading time (timing then shortens every scene alike to 30 s): every date and
# row of an agenda or announcement is on some image (DESIGN.md), the figures are a kinerja
# release's point. Further ones may be dropped, the last first.
KEPT_ITEMS = 6


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


def release_clip(
    path: Path, options: RenderOptions
) -> tuple[CardRenderer, ImageSize, str, list[SceneSpec]]:
    """The clip of the release at ``path`` as ``render --video`` plans it, before timing: a
    renderer of the release's card content at the clip's canvas, that canvas, the cover layout
    and the scenes. For reviews and tests that draw a clip's scenes without encoding it."""
    from humaskit.cards.renderer import CardRenderer
    from humaskit.model.platforms import load_platforms
    from humaskit.model.release import load_release, resolve_unit
    from humaskit.pipeline.context import brand_for
    from humaskit.pipeline.images import card_content

    brand, templates = brand_for(path, options)
    release = load_release(path, allow_paths=options.allow_paths)
    unit = resolve_unit(release, brand)
    rules = load_platforms(templates)
    chosen = [rules[p] for p in VIDEO_FILES if p in rules]
    size, cover, scenes = clip_scenes(release, brand, unit, chosen, rules, options)
    base = CardRenderer(card_content(release, brand, unit), brand, unit, sizes=[size])
    return base, size, cover, scenes


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
    scenes = item_scenes(release, content, slides, cover_layout, options)
    scenes[1:1] = hoax_steps(scenes[0].content, options)
    return video_size(rules), cover_layout, scenes


def item_scenes(
    release: Release,
    content: CardContent,
    slides: Sequence[Slide],
    cover_layout: str,
    options: RenderOptions,
) -> list[SceneSpec]:
    """The carousel's ``slides`` as clip scenes: the cover (drawn with ``cover_layout``), then
    one scene per key point, figure and event (:data:`ONE_ITEM`), in the slides' order, where
    the carousel has slides of several; the quote and the closing slide as they are.

    The items the cover shows (an agenda's first events, a kinerja card's figures) get their
    scenes right after it. Each item scene ranks as its slide does (timing drops the largest
    rank first, the later of equal rank first: the last points before the first); the first
    :data:`KEPT_ITEMS` events, and as many items of the kind's main slides (a kinerja release's
    figures, an announcement's points), are kept like the cover.
    """
    from humaskit.cards.carousel import RANK_MAIN
    from humaskit.cards.points import points_label
    from humaskit.layout.sets import available_layouts
    from humaskit.video.clip import SceneSpec

    have = available_layouts(options.templates_dir)
    totals = {"point": len(content.points), "figure": len(content.stats)}
    totals["event"] = len(content.agenda)
    label = points_label(release.body)
    # Events always, and the items of the kind's main slides, are its point (KEPT_ITEMS).
    main_roles = {
        "event",
        *(ITEM_ROLES.get(name, "") for name in get_kind(release.kind).main_slides),
    }
    counted = dict.fromkeys(totals, 0)

    def one_each(slide_content: CardContent, field: str, rank: int) -> list[SceneSpec]:
        role = ITEM_ROLES[field]
        if ONE_ITEM[role] not in have:
            return []
        inner = dataclasses.replace(
            slide_content, photo=None, photo_alt=None, photo_credit=None, more_where=""
        )
        out = []
        for item in getattr(slide_content, field):
            counted[role] += 1
            number = counted[role]
            changes: dict[str, object] = {field: (item,), "item_number": number}
            changes["item_count"] = totals[role]
            if role == "point":
                changes.update(points_from=number, section=label, title=label)
            if role == "event":
                changes["agenda_rest"] = 0
            keep = role in main_roles and number <= KEPT_ITEMS
            scene_content = dataclasses.replace(inner, **changes)  # type: ignore[arg-type]
            out.append(SceneSpec(role, ONE_ITEM[role], scene_content, rank, keep=keep))
        return out

    scenes: list[SceneSpec] = []
    for slide in slides:
        shown = dataclasses.replace(slide.content, more_where="")  # no caption beside a clip
        if slide.role == "cover":
            scenes.append(SceneSpec("cover", cover_layout, shown, slide.rank, keep=True))
            # What the cover shows of the events and figures that no slide of its own shows.
            for field in ("agenda", "stats"):
                elsewhere = sum(len(getattr(s.content, field)) for s in slides if s.role == field)
                first = getattr(slide.content, field)[: totals[ITEM_ROLES[field]] - elsewhere]
                on_cover = dataclasses.replace(slide.content, **{field: first})
                scenes += one_each(on_cover, field, RANK_MAIN)
            continue
        split = one_each(slide.content, slide.role, slide.rank) if slide.role in SLIDE_ITEMS else []
        if split:
            scenes += split
            continue
        keep = slide.role == "closing"
        scenes.append(SceneSpec(slide.role, slide.layout, shown, slide.rank, keep=keep))
    return scenes


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
        if clip.dropped and platform is chosen[0]:  # one clip: said once, at its first copy
            found.append(
                warning(
                    "video-trimmed",
                    _(
                        "A clip lasts at most {seconds} seconds, so it leaves out {count} "
                        "scenes: {scenes}."
                    ).format(
                        seconds=round(LONGEST_CLIP),
                        count=len(clip.dropped),
                        scenes=", ".join(clip.dropped),
                    ),
                    None,
                    None,
                )
            )
        plan.diagnostics.extend(d.at(platform=platform.id, variant=f"{stem}.mp4") for d in found)
    return plan
