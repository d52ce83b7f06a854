"""Shortening text at a sentence or word boundary, never inside a URL, a mention or a hashtag."""

from __future__ import annotations

import re
from collections.abc import Iterator

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?…](?=[\s”\"')]|$)")
_MARKED = re.compile(r"://|^[@#]")  # a URL, a mention or a hashtag: followed by " …", not "…"


def shorten(text: str, max_chars: int) -> str:
    """Shorten ``text`` to at most ``max_chars`` characters at a sentence or word boundary.

    Whole sentences are kept as they are when they fill at least half the room; otherwise the
    text is cut at the last space and ends with "…". A word is never cut, so neither is a URL,
    a mention or a hashtag; if not even one word fits, the result is empty. After a URL, a
    mention or a hashtag the "…" follows a space and the word keeps its punctuation: glued to
    it, the "…" would become part of the link or the tag.
    """
    text = text.strip()
    if len(text) <= max_chars:
        return text
    if max_chars <= len(ELLIPSIS):
        return ""
    room = text[: max_chars + 1]
    last_end = max(
        (
            m.end()
            for m in _SENTENCE_END.finditer(room, max(0, max_chars // 2 - 1))
            if m.end() <= max_chars
        ),
        default=0,
    )
    if last_end:
        return text[:last_end].strip()
    cut = text[: max_chars - len(ELLIPSIS) + 1]
    for end in _breaks_backwards(cut):
        head = text[:end].rstrip()
        words = head.split()
        if words and _MARKED.search(words[-1]):
            head += " "
        else:
            head = head.rstrip(" ,;:–—-\n")
        if head and len(head) + len(ELLIPSIS) <= max_chars:
            return head + ELLIPSIS
    return ""


def _breaks_backwards(text: str) -> Iterator[int]:
    """Positions of the spaces and line breaks in ``text``, last first (found lazily: the first
    one usually serves, and listing them all costs a hostile one-word megabyte dearly). Not any
    whitespace: Babel's no-break space must hold "1,2 jt" together."""
    end = len(text)
    while True:
        end = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end))
        if end < 0:
            return
        yield end


def excerpt(text: str, max_chars: int = 80) -> str:
    """A message's quote of ``text``: the text, or its start cut at a word (by characters if it
    has no space early enough) so that a message never quotes a whole hostile field.

    >>> excerpt("satu dua tiga", 9)
    'satu dua…'
    >>> excerpt("x" * 20, 6)
    'xxxxx…'
    """
    short = shorten(text, max_chars)
    if short or len(text.strip()) <= max_chars:
        return short
    return text.strip()[: max_chars - len(ELLIPSIS)] + ELLIPSIS
