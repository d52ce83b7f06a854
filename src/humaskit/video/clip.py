"""One clip: its scenes planned, timed by their text, drawn once, moved and encoded.

The first scene is the cover: its photo moves slowly (Ken Burns, :data:`KEN_BURNS` closer over
the scene) under the headline, which stays put. Each further scene fades in over the last frame
of the one before (:data:`~humaskit.video.timing.FADE`) and then stands still, so the clip's
last frame is exactly the closing card. The first frame is the cover card at rest: the
platforms show a clip's first frame in grids and previews, so it carries the headline.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit.cards.motion import Scene, blend, draw_scene, rgba
from humaskit.cards.renderer import text_items
from humaskit.video import encoder
from humaskit.video.timing import FADE, FPS, Timed, schedule, subtitles

if TYPE_CHECKING:
    from humaskit.cards.content import CardContent
    from humaskit.cards.renderer import CardRenderer
    from humaskit.errors import Location
    from humaskit.model.platforms import ImageSize

KEN_BURNS = 0.08  # the cover's photo ends 8 % closer than it starts
# The photo moves every other frame (15 steps a second): at 8 % over a few seconds a step is
# about a pixel, which the eye does not see as a stutter, and composing costs half as much.
MOVE_EVERY = 2
# The cover's headline: the text layers revealed line by line, after the whole cover has been
# shown for THUMBNAIL_FRAMES (the frame the apps take as the clip's thumbnail); each line rises
# and fades in over LINE_REVEAL seconds, LINE_STAGGER seconds after the one above it.
REVEALED = ("headline", "fact", "quote")
THUMBNAIL_FRAMES = 1
LINE_REVEAL = 0.45
LINE_STAGGER = 0.15
# The clip's description, in the brand's language (Indonesian) like every alt text.
DESCRIPTION = "Video pendek {seconds} detik, {count} adegan. {scenes}"
SCENE_WORDS = "Adegan {n}: {alt}"


@dataclass(frozen=True)
class SceneSpec:
    """A scene to make: the card it shows and how much it matters when time is short."""

    role: str
    layout: str
    content: CardContent
    rank: int
    keep: bool = False

    @property
    def name(self) -> str:
        """The scene as a report names it: its role, and its item's number ("point 4")."""
        number = self.content.item_number
        return f"{self.role} {number}" if number else self.role


@dataclass(frozen=True)
class Clip:
    """An encoded clip and what the manifest says about it."""

    data: bytes
    width: int
    height: int
    fps: int
    frames: int
    subtitles: str
    description: str
    roles: tuple[str, ...]
    dropped: tuple[str, ...]  # the scenes left out to keep within 30 s (SceneSpec.name)
    audio: bool
    warnings: tuple[tuple[str, str], ...]

    @property
    def duration(self) -> float:
        """Seconds, to the millisecond."""
        return round(self.frames / self.fps, 3)


def _blocks(scene_texts: Sequence[Any]) -> list[str]:
    """What a card says, block by block in reading order (top to bottom, left to right)."""
    ordered = sorted(scene_texts, key=lambda item: (item.box.y0, item.box.x0))
    blocks = (" ".join(line.text for line in item.lines).strip() for item in ordered)
    return [b for b in blocks if b]


def _new_text(cards: Sequence[list[str]]) -> list[str]:
    """Each card's own text: without the blocks that most cards repeat (the unit's name, the
    handle), which a viewer reads once. A block on two cards only (a hoax's claim on its cover
    and on its own step) is read on each. One text a card, one block a line."""
    counts: dict[str, int] = {}
    for blocks in cards:
        for block in set(blocks):
            counts[block] = counts.get(block, 0) + 1
    often = max(3, len(cards) // 2 + 1)
    repeated = {b for b, n in counts.items() if n >= often}
    return ["\n".join(b for b in blocks if b not in repeated) for blocks in cards]


def _read_later(texts: Sequence[str]) -> list[str]:
    """What each scene's viewer reads there: its lines without those a later scene shows again
    (a hoax's cover shows its claim and fact, which their own steps then give time to read)."""
    out = []
    for index, text in enumerate(texts):
        later = {line for t in texts[index + 1 :] for line in t.splitlines()}
        out.append("\n".join(line for line in text.splitlines() if line not in later))
    return out


@dataclass(frozen=True)
class Timing:
    """A clip's scenes as timing sees them: their renderers, their subtitle text, and the
    scenes kept with their frames (``(scene index, frames)``, in order)."""

    renderers: tuple[CardRenderer, ...]
    texts: tuple[str, ...]
    kept: tuple[tuple[int, int], ...]

    def dropped(self) -> tuple[int, ...]:
        """The indexes of the scenes left out to keep the clip within 30 s."""
        kept = {i for i, _n in self.kept}
        return tuple(i for i in range(len(self.texts)) if i not in kept)

    def subtitles(self) -> str:
        """The clip's SubRip subtitles: each kept scene's text while it is on screen."""
        cues, start = [], 0
        for index, count in self.kept:
            cues.append((start, count, self.texts[index]))
            start += count
        return subtitles(cues, FPS)


def plan_timing(base: CardRenderer, scenes: Sequence[SceneSpec], size: ImageSize) -> Timing:
    """Plan each scene's card, read its text and time the clip: which scenes stay, how long."""
    renderers = tuple(base.with_content(s.content) for s in scenes)
    texts = _new_text(
        [
            _blocks(text_items(r.plan(s.layout, size)))
            for r, s in zip(renderers, scenes, strict=True)
        ]
    )
    timed = [Timed(t, s.rank, s.keep) for t, s in zip(_read_later(texts), scenes, strict=True)]
    return Timing(renderers, tuple(texts), tuple(schedule(timed, FPS)))


def make_clip(
    base: CardRenderer,
    scenes: Sequence[SceneSpec],
    size: ImageSize,
    *,
    audio: Path | None = None,
    audio_where: Location | None = None,
) -> Clip:
    """Plan, time, draw and encode the clip of ``scenes`` (the cover first) at ``size``.

    Raises:
        ReleaseError: ``audio`` is not a sound file or is too long.
        TemplateError, ImageError: as the images.
    """
    from humaskit.errors import Location

    if audio is not None:
        encoder.check_audio(audio, audio_where or Location(audio))
    timing = plan_timing(base, scenes, size)
    renderers, kept = timing.renderers, timing.kept
    drawn = [
        draw_scene(
            renderers[i],
            scenes[i].layout,
            size,
            max_zoom=1.0 + KEN_BURNS,
            reveal=REVEALED if scenes[i].role == "cover" else (),
        )
        for i, _n in kept
    ]
    total = sum(n for _i, n in kept)
    data = encoder.encode(
        _frames(drawn, [n for _i, n in kept]),
        width=size.width,
        height=size.height,
        fps=FPS,
        total=total,
        audio=audio,
    )
    alts = " ".join(SCENE_WORDS.format(n=n, alt=scene.alt) for n, scene in enumerate(drawn, 1))
    seconds = round(total / FPS)
    warnings: dict[tuple[str, str], None] = {}
    for scene in drawn:
        warnings.update(dict.fromkeys(scene.warnings))
    return Clip(
        data=data,
        width=size.width,
        height=size.height,
        fps=FPS,
        frames=total,
        subtitles=timing.subtitles(),
        description=DESCRIPTION.format(seconds=seconds, count=len(drawn), scenes=alts),
        roles=tuple(scenes[i].role for i, _n in kept),
        dropped=tuple(scenes[i].name for i in timing.dropped()),
        audio=audio is not None,
        warnings=tuple(warnings),
    )


def _ease(t: float) -> float:
    """Slow in, slow out (smoothstep)."""
    return t * t * (3 - 2 * t)


def reveal_frames(lines: int, count: int) -> int:
    """How many frames of a scene of ``count`` frames the headline's reveal takes (its
    ``lines`` lines), the thumbnail frame included; 0 without lines."""
    if lines == 0:
        return 0
    stagger, line = round(LINE_STAGGER * FPS), round(LINE_REVEAL * FPS)
    return min(THUMBNAIL_FRAMES + stagger * (lines - 1) + line, count // 2)


def _reveal(lines: int, f: int) -> list[float]:
    """Each line's progress (0–1, eased) at frame ``f`` of the reveal."""
    stagger, line = round(LINE_STAGGER * FPS), round(LINE_REVEAL * FPS)
    after = f - THUMBNAIL_FRAMES + 1  # the first reveal frame already shows a little
    return [_ease(min(max((after - k * stagger) / line, 0.0), 1.0)) for k in range(lines)]


def _frames(scenes: Sequence[Scene], counts: Sequence[int]) -> Iterator[tuple[bytes, int]]:
    """Every frame of the clip as ``(RGBA bytes, times shown)``, scene after scene.

    A scene with revealed lines (the cover's headline) first shows the whole card for
    :data:`THUMBNAIL_FRAMES` (the apps' thumbnail), then brings its lines in one after another;
    its photo starts moving once the last line is in place.
    """
    fade = round(FADE * FPS)
    previous: Any = None
    for scene, count in zip(scenes, counts, strict=True):
        steps = min(fade, count - 1) if previous is not None else 0
        revealing = reveal_frames(len(scene.lines), count)
        last: Any = scene.still
        f = 0
        if revealing:
            yield rgba(scene.still), THUMBNAIL_FRAMES
            for f in range(THUMBNAIL_FRAMES, revealing):
                last = scene.frame(1.0, _reveal(len(scene.lines), f))
                yield rgba(last), 1
            f = revealing
            last = scene.still
        if scene.moves:
            span = max(1, count - f - 1)
            start = f
            while f < count:
                last = scene.frame(1.0 + KEN_BURNS * _ease((f - start) / span))
                if f < steps:
                    yield rgba(blend(previous, last, (f + 1) / (steps + 1))), 1
                    f += 1
                    continue
                hold = min(MOVE_EVERY, count - f)
                yield rgba(last), hold
                f += hold
        else:
            last = scene.still
            for g in range(f, min(steps, count)):
                yield rgba(blend(previous, last, (g + 1) / (steps + 1))), 1
            shown = max(f, steps)
            if count > shown:
                yield rgba(last), count - shown
        previous = last
