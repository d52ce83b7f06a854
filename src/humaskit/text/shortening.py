"""Shortening text at a sentence or word boundary, never inside a URL, a mention or a hashtag."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?…](?=[\s”\"')]|$)")
_MARKED = re.compile(r"://|^[@#]")  # a URL, a mention or a hashtag: followed by " …", not "…"
# A word that is a figure: "91,3", "1.875", "Rp500", "12%".
_NUMBER = re.compile(r"^[(“\"']?(?:rp\.?)?\d", re.IGNORECASE)
# Where a clause ends: after these marks, and before these conjunctions (Indonesian, the
# captions' language). A cut that leaves a clause's figure behind backs off to such a place.
_CLAUSE_MARK = re.compile(r"[,;:.!?…)”\"]$")
# How many words a cut backs off at most to keep a figure whole; beyond, the plain cut serves
# (a hostile text of numbers must not make every cut walk the whole text).
_MAX_BACKOFF = 64
_YEAR = re.compile(r"^(?:19|20)\d\d\W*$")
# Indonesian month names and their short forms (a date keeps its year; shared with the line
# breaker, humaskit.layout.linebreak).
MONTHS = frozenset(
    [
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "agu",
        "agt",
        "sep",
        "okt",
        "nov",
        "des",
    ]
)
_CONJUNCTIONS = frozenset(
    [
        "dan",
        "serta",
        "atau",
        "tetapi",
        "namun",
        "sedangkan",
        "sementara",
        "sehingga",
        "karena",
        "lalu",
        "kemudian",
    ]
)


def shorten(text: str, max_chars: int) -> str:
    """Shorten ``text`` to at most ``max_chars`` characters at a sentence or word boundary.

    Whole sentences are kept as they are when they fill at least half the room; otherwise the
    text is cut at the last space and ends with "…". A cut does not leave behind the figure of
    the clause it cuts ("… imunisasi mencapai…" without "91,3 persen"): it backs off to the
    clause's start ("Sebanyak 1.875 balita ditimbang…"); where no clause start fits, it at least
    does not end just before the figure. A word is never cut, so neither is a URL,
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
    plain = fallback = ""
    tried = 0
    for end in _breaks_backwards(cut):
        head = text[:end].rstrip()
        last_word = head[max(head.rfind(" "), head.rfind("\n")) + 1 :]
        if last_word and _MARKED.search(last_word):
            head += " "
        else:
            head = head.rstrip(" ,;:–—-\n")
        if head and len(head) + len(ELLIPSIS) <= max_chars:
            plain = plain or head + ELLIPSIS
            tried += 1
            if tried > _MAX_BACKOFF:
                break
            if _splits_a_figure(text, end):
                continue
            if not _leaves_a_figure(text, end):
                return head + ELLIPSIS
            fallback = fallback or head + ELLIPSIS
    # Every cut within reach lands next to a figure: none, unless the text is one that would
    # make the search walk it all (then the plain cut serves).
    return fallback or (plain if tried > _MAX_BACKOFF else "")


def _clause_after(text: str, end: int) -> list[str]:
    """The words after position ``end`` up to the end of their clause."""
    words: list[str] = []
    for word in text[end : end + 400].split():
        if word.lower() in _CONJUNCTIONS or word in ("–", "—", "-"):
            break
        words.append(word)
        if _CLAUSE_MARK.search(word):
            break
    return words


def _clause_before(text: str, end: int) -> list[str]:
    """The words before position ``end`` back to the start of their clause."""
    words: list[str] = []
    for word in reversed(text[max(0, end - 400) : end].split()):
        if word.lower() in _CONJUNCTIONS or word in ("–", "—", "-") or _CLAUSE_MARK.search(word):
            break
        words.append(word)
    return words


def _leaves_a_figure(text: str, end: int) -> bool:
    """Whether cutting at ``end`` leaves out the figure of the clause it cuts: "… cakupan
    imunisasi mencapai…" without its "91,3 persen" tells nothing. A clause that has shown a
    figure before the cut may lose a later one; a year or a date ("2024", "8–17 Juli") is not
    the figure a clause is about."""
    return _has_figure(_clause_after(text, end)) and not _has_figure(
        list(reversed(_clause_before(text, end)))
    )


def _has_figure(words: Sequence[str]) -> bool:
    """Whether ``words`` (in reading order) hold a figure that is not a year or a date's day."""
    for index, word in enumerate(words):
        if not _NUMBER.match(word) or _YEAR.match(word):
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        following = re.split(r"[–-]", following.strip(",.;:").casefold())[0]
        if following not in MONTHS:
            return True
    return False


def _splits_a_figure(text: str, end: int) -> bool:
    """Whether position ``end`` is right before a figure or right after one (whose unit
    follows: "Rp1,2|miliar", "91,3|persen")."""
    after = text[end : end + 80].split(maxsplit=1)
    before = text[max(0, end - 80) : end].split()
    return bool(after and _NUMBER.match(after[0])) or bool(
        before and _NUMBER.match(before[-1]) and not _CLAUSE_MARK.search(before[-1])
    )


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
