"""Shortening text at a sentence or word boundary, never inside a URL, a mention or a hashtag."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?…](?=[\s”\"')]|$)")
_WORD_BREAK = re.compile(r"[ \n]")  # not \s: Babel's no-break space must hold "1,2 jt" together
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
    ends = [m.end() for m in _SENTENCE_END.finditer(room) if m.end() <= max_chars]
    if ends and ends[-1] >= max_chars // 2:
        return text[: ends[-1]].strip()
    cut = text[: max_chars - len(ELLIPSIS) + 1]
    for end in reversed([m.start() for m in _WORD_BREAK.finditer(cut)]):
        head = text[:end].rstrip()
        words = head.split()
        if words and _MARKED.search(words[-1]):
            head += " "
        else:
            head = head.rstrip(" ,;:–—-\n")
        if head and len(head) + len(ELLIPSIS) <= max_chars:
            return head + ELLIPSIS
    return ""
