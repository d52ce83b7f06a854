"""Caption length, counted the way each platform counts it (SPEC §6, §9).

Three ways of counting, chosen by a platform's ``counting`` rule:

``utf16``
    UTF-16 code units after NFC normalisation: what the platforms' JavaScript apps measure with
    ``text.length``. An emoji outside the Basic Multilingual Plane counts 2, a ZWJ family 11. It
    never counts less than the characters a person sees, so a caption that fits here fits there.

``twitter``
    twitter-text configuration v3, which X uses: NFC first; every URL counts 23 whatever its
    length; code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 count 1,
    all others 2; every emoji sequence (ZWJ, skin tone, flag, keycap) counts 2. Done by the
    ``twitter-text-parser`` package, which passes twitter-text's conformance suite
    (``tests/data/twitter-text``). Its emoji list stops at Emoji 12.0, so a newer ZWJ or skin-tone
    sequence (🐦‍🔥, 🫱🏽‍🫲🏿) would count per code point; such sequences are replaced by one
    stand-in emoji before counting, which gives the 2 that X counts.

``threads``
    SPEC §6: "characters, emoji by UTF-8 bytes". Read as: after NFC, every code point counts 1,
    except that each emoji (a whole sequence, as the ``emoji`` package recognises it) counts the
    bytes of its UTF-8 encoding: 😀 = 4, ❤️ = 6, 👍🏽 = 8, a ZWJ family = 25. Symbols that can be
    shown as emoji (©, ™) are counted as emoji; that only ever over-counts.

twitter-text-parser and emoji are imported on first use: importing twitter-text-parser builds
its emoji table (about half a second), which the CLI should not pay unless it counts for X.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from humaskit.model.platforms import Platform, builtin_platforms, get_platform

# Any one emoji the twitter-text emoji table knows; it weighs 2 like every emoji sequence.
_STAND_IN_EMOJI = "\U0001f600"
_ZWJ = "\u200d"
_SKIN_TONES = frozenset(chr(cp) for cp in range(0x1F3FB, 0x1F400))


def count_length(text: str, platform: str | Platform) -> int:
    """The length of ``text`` as ``platform`` counts it against its caption limit.

    Args:
        text: the caption.
        platform: a platform id (the built-in rules are used) or a loaded :class:`Platform`.

    Returns:
        The length, e.g. ``count_length("Halo https://example.go.id/berita/123", "x") == 28``.

    Raises:
        PlatformError: ``platform`` is an unknown id.
    """
    mode = _rules(platform).counting
    if mode == "twitter":
        return x_weighted_length(text)
    if mode == "threads":
        return threads_length(text)
    return utf16_length(text)


def fits(text: str, platform: str | Platform) -> bool:
    """Whether ``text`` is within ``platform``'s caption limit, counted the platform's way."""
    rules = _rules(platform)
    return count_length(text, rules) <= rules.caption_limit


def utf16_length(text: str) -> int:
    """UTF-16 code units of ``text`` after NFC normalisation."""
    return len(unicodedata.normalize("NFC", text).encode("utf-16-le")) // 2


def x_weighted_length(text: str) -> int:
    """The weighted length X counts against its 280 limit (twitter-text configuration v3)."""
    from twitter_text import parse_tweet  # slow import, see the module docstring

    normalised = unicodedata.normalize("NFC", text)
    result: Any = parse_tweet(_stand_in_newer_emoji(normalised))
    return int(result.weightedLength)


def threads_length(text: str) -> int:
    """Code points of ``text`` after NFC, each emoji counted by its UTF-8 bytes (SPEC §6)."""
    normalised = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for start, end in _emoji_spans(normalised):
        total += start - position
        total += len(normalised[start:end].encode("utf-8"))
        position = end
    return total + len(normalised) - position


def _rules(platform: str | Platform) -> Platform:
    if isinstance(platform, Platform):
        return platform
    return get_platform(builtin_platforms(), platform)


def _emoji_spans(text: str) -> list[tuple[int, int]]:
    """Start and end (code point offsets) of every emoji sequence in ``text``."""
    if text.isascii():  # no emoji possible; skip importing the emoji package
        return []
    import emoji

    return [(int(m["match_start"]), int(m["match_end"])) for m in emoji.emoji_list(text)]


def _stand_in_newer_emoji(text: str) -> str:
    """Replace every ZWJ or skin-tone emoji sequence by one emoji twitter-text knows.

    twitter-text-parser only knows sequences up to Emoji 12.0 and counts a newer one per code
    point (🐦‍🔥 = 5). A known sequence counts 2 either way, so replacing all of them changes
    nothing else. Keycaps and flags are left alone: all of them are in Emoji 12.0, and a keycap
    starts with an ASCII digit that could end a URL.
    """
    spans = [
        (start, end)
        for start, end in _emoji_spans(text)
        if end - start > 1 and (_ZWJ in text[start:end] or _SKIN_TONES & set(text[start:end]))
    ]
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(_STAND_IN_EMOJI)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
