"""Fitting text into a box: the largest size at which it fits in its lines, else cut with "…".

Pure arithmetic on word widths measured once at a size of 1 px (widths scale linearly with the
size), used by the layout planner (:mod:`humaskit.layout.planner`) for every text layer.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from humaskit.layout.linebreak import best_breaks, defects, line_text, lone_word

__all__ = ["ELLIPSIS", "STEP_DOWN", "STEP_DOWN_SPLIT", "Fit", "fit_text"]

ELLIPSIS = "…"

# No card line ever holds this many characters (at the readable floor a 1080 px line holds about
# 80). A longer word or prefix is taken as too wide without measuring it: measuring costs time in
# its length, and Pillow refuses strings of a million characters.
MAX_LINE_CHARS = 2_000

# The smallest share of its fitted size a text is set at to break without a word alone on a
# line (what a designer sees first), and without a name or a number parted from its word.
STEP_DOWN = 0.88
STEP_DOWN_SPLIT = 0.94


@dataclass(frozen=True)
class Fit:
    """The result of fitting text into a box."""

    size: int
    lines: tuple[str, ...]
    widths: tuple[float, ...]
    shrunk: bool
    truncated: bool


def _wrap_count(widths: list[float], space: float, limit: float) -> int:
    """Lines needed to set words of ``widths`` greedily within ``limit`` (a word never splits)."""
    lines, current = 1, -1.0
    for w in widths:
        if w > limit:
            return 10**6
        if current < 0:
            current = w
        elif current + space + w <= limit:
            current += space + w
        else:
            lines, current = lines + 1, w
    return lines


def _balance(widths: list[float], space: float, limit: float, count: int) -> list[int]:
    """Break indices that set the words in ``count`` lines with the narrowest widest line.

    Binary search on the line width: greedy wrapping needs no more lines than ``count`` at every
    width from the optimum up, so the narrowest such width gives the most even rag.
    """
    lo, hi = max(widths), limit
    for _step in range(24):
        mid = (lo + hi) / 2
        if _wrap_count(widths, space, mid) <= count:
            hi = mid
        else:
            lo = mid
    breaks, current = [], -1.0
    for i, w in enumerate(widths):
        if current < 0:
            current = w
        elif current + space + w <= hi + 1e-9:
            current += space + w
        else:
            breaks.append(i)
            current = w
    return breaks


def _longest(count: int, fits: Callable[[int], bool]) -> int:
    """The largest ``k`` in 0..count with ``fits(k)``, for ``fits`` true up to some k, then false.

    A binary search: measuring every prefix in turn costs the square of the text's length, which
    a hostile release (thousands of emoji in one word) turns into minutes.
    """
    lo, hi = 0, count  # invariant: fits(lo) (0 always "fits": nothing is taken)
    if fits(hi):
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def _bounded(measure: Callable[[str], float]) -> Callable[[str], float]:
    """``measure``, with any text longer than :data:`MAX_LINE_CHARS` infinitely wide."""

    def width(text: str) -> float:
        return math.inf if len(text) > MAX_LINE_CHARS else measure(text)

    return width


def _truncate(words: list[str], limit: float, measure: Callable[[str], float]) -> str:
    """The longest prefix of ``words`` that fits ``limit`` with an ellipsis after it."""
    count, chars = 0, 0  # only words that could share one line are candidates
    while count < len(words) and chars + len(words[count]) <= MAX_LINE_CHARS:
        chars += len(words[count]) + 1
        count += 1
    taken = _longest(count, lambda k: k == 0 or measure(" ".join(words[:k]) + ELLIPSIS) <= limit)
    text = " ".join(words[:taken])
    if not text:  # even the first word is too long: cut it by characters
        first = words[0][:MAX_LINE_CHARS] if words else ""
        end = _longest(len(first), lambda k: k == 0 or measure(first[:k] + ELLIPSIS) <= limit)
        return first[:end] + ELLIPSIS
    return text.rstrip(",.;:–-") + ELLIPSIS


def fit_text(
    text: str,
    *,
    measure: Callable[[str], float],
    width: float,
    height: float,
    min_size: int,
    max_size: int,
    max_lines: int,
    line_height: float,
    balance: bool = True,
) -> Fit:
    """Find the largest size at which ``text`` fits the box in at most ``max_lines`` lines.

    Each word is measured once at size 1; widths scale linearly with the size, so each candidate
    size of the binary search costs only additions. Below ``min_size`` the text is truncated at the
    minimum size with an ellipsis.

    Args:
        text: the text; hard line breaks (``\\n``) are kept.
        measure: width of a string at a size of 1 px.
        width: box width in px.
        height: box height in px.
        min_size: smallest size allowed, px.
        max_size: largest size wanted, px.
        max_lines: line limit.
        line_height: line pitch as a multiple of the size.
        balance: even out line lengths instead of filling lines greedily.

    Returns:
        The size, the lines, their widths in px and whether the text was shrunk or truncated.
    """
    measure = _bounded(measure)
    # More characters than the box has lines of the longest line cannot fit: cut them off before
    # measuring, so a hostile megabyte costs no more than a box full.
    overlong = len(text) > max_lines * MAX_LINE_CHARS
    if overlong:
        text = text[: max_lines * MAX_LINE_CHARS]
    # Split on plain spaces only: Babel's figures carry no-break spaces that must stay together.
    paragraphs = [[w for w in p.split(" ") if w] for p in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return Fit(max_size, (), (), False, False)
    space = measure(" ")
    widths = [[measure(w) for w in p] for p in paragraphs]

    def lines_at(size: int) -> int:
        return sum(_wrap_count(ws, space, width / size) for ws in widths)

    def fits(size: int) -> bool:
        n = lines_at(size)
        return n <= max_lines and (n - 1) * line_height * size + size <= height + 0.5

    min_size = max(1, min(min_size, max_size))
    if overlong:
        return _truncated_fit(paragraphs, measure, width, height, min_size, max_lines, line_height)
    if fits(max_size):
        size = max_size
    elif fits(min_size):
        lo, hi = min_size, max_size  # invariant: fits(lo) and not fits(hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if fits(mid) else (lo, mid)
        size = lo
    else:
        return _truncated_fit(paragraphs, measure, width, height, min_size, max_lines, line_height)

    def breaks_at(size: int) -> list[list[int]]:
        found: list[list[int]] = []
        for words, ws in zip(paragraphs, widths, strict=True):
            limit = width / size
            n = _wrap_count(ws, space, limit)
            if n == 1:
                found.append([])
            elif balance:
                found.append(_mend(_balance(ws, space, limit, n), words, ws, space, limit))
            else:
                found.append(_greedy_breaks(ws, space, limit))
        return found

    chosen = breaks_at(size)
    if balance and _flawed(chosen, paragraphs):
        # A designer sets a headline a little smaller rather than leave a word alone on a line
        # or a name parted: the first size down (above the floor) whose breaks are clean.
        lone = any(lone_word(b, w) for b, w in zip(chosen, paragraphs, strict=True))
        lowest = math.ceil(size * (STEP_DOWN if lone else STEP_DOWN_SPLIT))
        for smaller in range(size - 1, max(min_size + 1, lowest) - 1, -1):
            candidate = breaks_at(smaller)
            if not _flawed(candidate, paragraphs):
                size, chosen = smaller, candidate
                break
    out: list[str] = []
    for words, breaks in zip(paragraphs, chosen, strict=True):
        bounds = [0, *breaks, len(words)]
        out.extend(line_text(words[a:b]) for a, b in itertools.pairwise(bounds))
    return Fit(
        size,
        tuple(out),
        tuple(measure(line) * size for line in out),
        shrunk=size < max_size,
        truncated=False,
    )


def _flawed(found: list[list[int]], paragraphs: list[list[str]]) -> bool:
    return any(defects(b, words) for b, words in zip(found, paragraphs, strict=True))


def _mend(
    breaks: list[int], words: list[str], widths: list[float], space: float, limit: float
) -> list[int]:
    """The balanced ``breaks`` unless they leave a defect a designer would fix by hand (a widow,
    a name split, a line ending in a preposition): then the best breaks of :mod:`.linebreak` into
    the same number of lines, so the size stays what it was."""
    if not defects(breaks, words):
        return breaks
    return best_breaks(words, widths, space, limit, len(breaks) + 1) or breaks


def _greedy_breaks(widths: list[float], space: float, limit: float) -> list[int]:
    breaks, current = [], -1.0
    for i, w in enumerate(widths):
        if current < 0:
            current = w
        elif current + space + w <= limit:
            current += space + w
        else:
            breaks.append(i)
            current = w
    return breaks


def _truncated_fit(
    paragraphs: list[list[str]],
    measure: Callable[[str], float],
    width: float,
    height: float,
    size: int,
    max_lines: int,
    line_height: float,
) -> Fit:
    by_height = int((height - size) // (line_height * size)) + 1 if height >= size else 1
    room = max(1, min(max_lines, by_height))
    limit = width / size
    words = [w for p in paragraphs for w in p]
    space = measure(" ")
    out: list[str] = []
    i = 0
    while i < len(words) and len(out) < room - 1:
        line_words = [words[i]]
        current = measure(words[i])
        if current > limit:
            break
        i += 1
        while i < len(words) and current + space + measure(words[i]) <= limit:
            current += space + measure(words[i])
            line_words.append(words[i])
            i += 1
        out.append(" ".join(line_words))
    out.append(_truncate(words[i:], limit, measure))
    return Fit(size, tuple(out), tuple(measure(t) * size for t in out), True, True)
