"""Caption length, counted the way each platform counts it (SPEC §6, §9).

Three ways of counting, chosen by a platform's ``counting`` rule:

``utf16``
    UTF-16 code units after NFC normalisation: what the platforms' JavaScript apps measure with
    ``text.length``. An emoji outside the Basic Multilingual Plane counts 2, a ZWJ family 11. It
    never counts less than the characters a person sees, so a caption that fits here fits there.

``twitter``
    twitter-text configuration v3, which X uses: NFC first; every URL counts 23 whatever its
    length; code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 count 1,
    all others 2; every emoji sequence (ZWJ, skin tone, flag, keycap) counts 2. Our own
    implementation, in time linear in the text: URLs are found as twitter-text 3 finds them
    (:mod:`humaskit.text.twitter_urls`, with twitter-text's own TLD list), emoji sequences as the
    ``emoji`` package knows them, so a sequence newer than twitter-text's table (🐦‍🔥) also
    counts 2. It passes twitter-text's conformance suite (``tests/data/twitter-text``) but for
    one URL case that twitter-text's own regexes fail as well (see the tests). As the
    ``twitter-text-parser`` package used before did, CR LF and a lone CR count as one line
    break.

``threads``
    SPEC §6: "characters, emoji by UTF-8 bytes". Read as: after NFC, every code point counts 1,
    except that each emoji (a whole sequence, as the ``emoji`` package recognises it) counts the
    bytes of its UTF-8 encoding: 😀 = 4, ❤️ = 6, 👍🏽 = 8, a ZWJ family = 25. Symbols that can be
    shown as emoji (©, ™) are counted as emoji; that only ever over-counts.

The URL scanner, its TLD list and the emoji data are loaded on first use, not at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

from humaskit.model.platforms import Platform, builtin_platforms, get_platform

URL_WEIGHT = 23
EMOJI_WEIGHT = 2
# Code points outside twitter-text v3's weight-1 ranges weigh 2.
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_LINE_ENDINGS = re.compile("\r\n?")
_ZWJ = "\u200d"


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
    from humaskit.text.twitter_urls import find_urls  # builds its regexes: only when counting X

    normalised = _LINE_ENDINGS.sub("\n", unicodedata.normalize("NFC", text))
    # As twitter-text's parser walks the text: a URL starting here counts 23, else an emoji
    # sequence 2, else the code point its weight; a URL or emoji inside another is skipped.
    entities = {span[0]: (span[1], EMOJI_WEIGHT) for span in _emoji_spans(normalised)}
    entities.update(
        (url.start, (url.start + url.length, URL_WEIGHT)) for url in find_urls(normalised)
    )
    total = 0
    position = 0
    for start in sorted(entities):
        if start < position:
            continue
        end, weight = entities[start]
        total += _weight(normalised, position, start) + weight
        position = end
    return total + _weight(normalised, position, len(normalised))


def _weight(text: str, start: int, end: int) -> int:
    """The weight of ``text[start:end]`` counted code point by code point."""
    part = text[start:end]
    return 2 * len(part) - len(_HEAVY.sub("", part))


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
    """Start and end (code point offsets) of every emoji sequence in ``text``.

    Only the stretches made of characters that occur in emoji (at least one of them not ASCII)
    are handed to the ``emoji`` package, which is slow on every character it is given.
    """
    if text.isascii():  # no emoji possible; skip importing the emoji package
        return []
    present = _emoji_chars() & set(text)
    if all(char.isascii() for char in present):
        return []
    spans: list[tuple[int, int]] = []
    for stretch in _emoji_stretches(frozenset(present)).finditer(text):
        found = _emoji_list(stretch.group(), stretch.start())
        # The emoji package drops an emoji with U+FE0F before a zero-width joiner that does not
        # make a sequence it knows ("❤️" + ZWJ + "😀"): look again at what it left, piece by
        # piece between the joiners, as twitter-text counts "❤️", the joiner and "😀".
        position = stretch.start()
        for start, end in [*found, (stretch.end(), stretch.end())]:
            if _ZWJ in text[position:start]:
                offset = position
                for piece in text[position:start].split(_ZWJ):
                    spans.extend(_emoji_list(piece, offset))
                    offset += len(piece) + 1
            if start < end:
                spans.append((start, end))
            position = end
    return sorted(spans)


def _emoji_list(text: str, offset: int) -> list[tuple[int, int]]:
    import emoji

    return [
        (offset + int(m["match_start"]), offset + int(m["match_end"]))
        for m in emoji.emoji_list(text)
    ]


@cache
def _emoji_chars() -> frozenset[str]:
    """Every character that occurs in an emoji sequence the ``emoji`` package knows."""
    import emoji

    chars: set[str] = set()
    for sequence in emoji.EMOJI_DATA:
        chars.update(sequence)
    return frozenset(chars)


@lru_cache(maxsize=64)
def _emoji_stretches(chars: frozenset[str]) -> re.Pattern[str]:
    """Maximal runs of ``chars`` that hold a non-ASCII one.

    Built from the emoji characters a text holds, not all 1,400 of them: a regex with a class
    that large takes a third of a second per million characters.
    """
    every = _char_class(chars)
    ascii_chars = {c for c in chars if c.isascii()}
    lead = f"{_char_class(ascii_chars)}*+" if ascii_chars else ""
    other = _char_class({c for c in chars if not c.isascii()})
    # The lookbehind starts a match only where a run starts, and the possessive quantifier
    # keeps a run of digits from being tried again and again: linear in the text.
    return re.compile(f"(?<!{every}){lead}{other}{every}*")


def _char_class(chars: AbstractSet[str]) -> str:
    """A regex character class of ``chars``, consecutive code points joined into ranges."""
    points = sorted(ord(c) for c in chars)
    parts: list[str] = []
    index = 0
    while index < len(points):
        first = last = points[index]
        while index + 1 < len(points) and points[index + 1] == last + 1:
            index += 1
            last = points[index]
        parts.append(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else ""))
        index += 1
    return "[" + "".join(parts) + "]"
