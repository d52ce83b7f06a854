"""The top-level domains twitter-text accepts at the end of a URL, and a matcher for them.

The list is twitter-text's own, ``twitter_text_data/tld_lib.yml`` (Apache-2.0, see the
README there): its ``generic`` TLDs, then its ``country`` ones. A TLD counts only when the
character after it is not an ASCII letter or digit, ``@``, ``+`` or ``-`` (twitter-text's
``(?=[^0-9a-zA-Z@+-]|$)``); when several match at one place, the first in that order wins,
as in twitter-text's regex alternation. Punycode (``xn--`` and ASCII letters, digits, ``-``)
comes after both lists.

The list is read, and its trie built, on first use (a few milliseconds), never at import.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TLD_FILE = Path(__file__).resolve().parent / "twitter_text_data" / "tld_lib.yml"

# A trie node: child nodes by folded character; the key "" holds the rank of a TLD ending here.
_Node = dict[str, "_Node | int"]
_NOT_AFTER_TLD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@+-")
_PUNYCODE_RUN = re.compile(r"[-0-9a-zA-Z]+")


def fold(char: str) -> str:
    """``char`` as a case-insensitive JavaScript regex compares it (upper case, one code point).

    As JavaScript does without the ``u`` flag, a non-ASCII character never folds onto an ASCII
    one (the Kelvin sign is not ``k``).
    """
    upper = char.upper()
    if len(upper) != 1 or (upper.isascii() and not char.isascii()):
        return char
    return upper


def read_tld_lists(path: Path = TLD_FILE) -> dict[str, list[str]]:
    """The ``generic`` and ``country`` lists of a twitter-text ``tld_lib.yml``, in file order."""
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "---")):
            continue
        if line.endswith(":") and not line.startswith("-"):
            current = lists.setdefault(line[:-1], [])
        elif line.startswith("- ") and current is not None:
            current.append(line[2:].strip().strip("'\""))
    return lists


@cache
def _trie() -> _Node:
    lists = read_tld_lists()
    root: _Node = {}
    for rank, tld in enumerate(lists["generic"] + lists["country"]):
        node = root
        for char in tld:
            child = node.setdefault(fold(char), {})
            assert isinstance(child, dict)
            node = child
        node.setdefault("", rank)  # a TLD listed twice keeps its first place
    return root


@cache
def tld_dot() -> re.Pattern[str]:
    """A "." followed by a character that starts some TLD and one that comes second in some TLD.

    A quick test for whether a run of labels can hold a domain at all ("1.1.1.1" cannot). It
    may say yes too often (any first character with any second, and Python's case-insensitive
    matching folds more than JavaScript's) but never says no wrongly: every TLD, and "xn--",
    has at least two characters.
    """
    lists = read_tld_lists()
    names = [*lists["generic"], *lists["country"], "xn--"]
    first = _char_class(_variants({name[0] for name in names}))
    second = _char_class(_variants({name[1] for name in names}))
    return re.compile(rf"\.{first}{second}", re.IGNORECASE)


def _variants(chars: set[str]) -> set[str]:
    return {v for c in chars for v in (c, c.lower(), c.upper(), fold(c)) if len(v) == 1}


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def match_end(pattern: re.Pattern[str], text: str, start: int) -> int:
    """Where ``pattern`` (one that may match nothing) stops matching from ``start``."""
    found = pattern.match(text, start)
    return found.end() if found else start


def tld_end(text: str, start: int, end: int) -> int | None:
    """Where a TLD starting at ``start`` ends, looking no further than ``end``; None if none does.

    ``end`` is where ``text`` stops for the TLD's lookahead (the end of a domain, or of the whole
    text).
    """
    node: _Node = _trie()
    best_rank: int | None = None
    best_end: int | None = None
    position = start
    while position < end:
        child = node.get(fold(text[position]))
        if not isinstance(child, dict):
            break
        node = child
        position += 1
        rank = node.get("")
        if (
            isinstance(rank, int)
            and (best_rank is None or rank < best_rank)
            and (position == end or text[position] not in _NOT_AFTER_TLD)
        ):
            best_rank, best_end = rank, position
    if best_end is not None:
        return best_end
    return _punycode_end(text, start, end)


def _punycode_end(text: str, start: int, end: int) -> int | None:
    prefix = text[start : start + 4]
    if not prefix.isascii() or prefix.upper() != "XN--":
        return None
    found = _PUNYCODE_RUN.match(text, start + 4, end)
    return found.end() if found else None
