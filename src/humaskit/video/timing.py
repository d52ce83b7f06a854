"""How long each scene of a clip stays on screen, and the subtitles that say what it shows.

A scene stays as long as its text takes to read: :data:`LEAD` seconds to find the text, then
:data:`WORDS_PER_SECOND` Indonesian words a second (README, "Short clips"), between
:data:`SHORTEST_SCENE` and :data:`LONGEST_SCENE`. A clip lasts :data:`SHORTEST_CLIP` to
:data:`LONGEST_CLIP` seconds (WhatsApp status takes at most 30): when the scenes add up to more,
the least important scenes go first (the carousel's ranks), then every scene is shortened
alike; when they add up to less, every scene is lengthened alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

FPS = 30
WORDS_PER_SECOND = 2.5  # 150 words a minute: subtitle pace, slower than reading prose
LEAD = 1.0  # seconds to find the text on a new card before reading it
SHORTEST_SCENE = 2.5
LONGEST_SCENE = 7.0
SHORTEST_COVER = 3.5  # the Ken Burns move needs a little time to be seen as a move
SHORTEST_CLIP = 8.0
LONGEST_CLIP = 30.0
FADE = 0.4  # seconds one scene takes to fade into the next

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Timed:
    """A scene as timing sees it: its text, how important it is, whether it can be dropped."""

    text: str
    rank: int
    keep: bool  # the cover and the closing scene are never dropped


def words(text: str) -> int:
    """How many words ``text`` has (numbers count as words: they are read too)."""
    return len(_WORD.findall(text))


def reading_time(text: str, *, cover: bool = False) -> float:
    """Seconds a scene showing ``text`` stays on screen."""
    shortest = SHORTEST_COVER if cover else SHORTEST_SCENE
    return min(max(LEAD + words(text) / WORDS_PER_SECOND, shortest), LONGEST_SCENE)


def schedule(scenes: Sequence[Timed], fps: int = FPS) -> list[tuple[int, int]]:
    """``(scene index, frames)`` for each scene kept, in order, lasting 8–30 s in all.

    The first scene is the cover (it gets :data:`SHORTEST_COVER`). Scenes that must go are the
    ones of the largest rank, the last of equal rank first.
    """
    seconds = {i: reading_time(s.text, cover=i == 0) for i, s in enumerate(scenes)}
    droppable = sorted(
        (i for i, s in enumerate(scenes) if not s.keep), key=lambda i: (scenes[i].rank, i)
    )
    while sum(seconds.values()) > LONGEST_CLIP and droppable:
        del seconds[droppable.pop()]
    total = sum(seconds.values())
    factor = 1.0
    if total > LONGEST_CLIP:
        factor = LONGEST_CLIP / total
    elif 0 < total < SHORTEST_CLIP:
        factor = SHORTEST_CLIP / total
    frames = [(i, max(1, int(seconds[i] * factor * fps))) for i in sorted(seconds)]
    # Whole frames: never past the longest clip, never short of the shortest.
    limit, floor = int(LONGEST_CLIP * fps), int(SHORTEST_CLIP * fps)
    count = sum(n for _i, n in frames)
    if count > limit:
        frames[-1] = (frames[-1][0], frames[-1][1] - (count - limit))
    elif count < floor:
        frames[-1] = (frames[-1][0], frames[-1][1] + (floor - count))
    return frames


def _stamp(frame: int, fps: int) -> str:
    millis = frame * 1000 // fps
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def subtitles(cues: Sequence[tuple[int, int, str]], fps: int = FPS) -> str:
    """SubRip (``.srt``) text of ``cues``: ``(first frame, frames, text)`` each."""
    blocks = []
    for number, (start, count, text) in enumerate((c for c in cues if c[2].strip()), 1):
        when = f"{_stamp(start, fps)} --> {_stamp(start + count, fps)}"
        blocks.append(f"{number}\n{when}\n{text.strip()}\n")
    return "\n".join(blocks)
