"""The URLs in a text, found as twitter-text 3 finds them, in time linear in the text's length.

X counts every URL as 23 whatever its length, so which stretches of a caption are URLs decides
its length. twitter-text decides it with one regex (``js/src/regexp/extractUrl.js``)::

    (preceding char)(https?://)?(domain)(:port)?(/path)?(?query)

whose ``domain`` — subdomain labels, a domain label, a TLD from its list — has nested unbounded
quantifiers: on a run of labels that never reaches a TLD ("1.1.1.1…") each start backtracks
through the whole run, so the search is quadratic. This module reaches the same matches by
scanning instead:

* A domain lies inside a chain of labels joined by dots; a chain with no dot followed by the
  start of a TLD cannot hold one and is skipped in one regex step (``tld_dot``).
* A domain starts inside a run of label characters that is followed by ".". For each label
  start, *the domain that starts here* is computed once and remembered: take the next label as
  a subdomain if the rest can still end in a domain (greedy, as the regex prefers), otherwise
  end here with a domain label and a TLD. A start inside a run differs from the run's start
  only by its first character and the underscores it skips, so each run is looked at once.
* The path, the query and the TLD choice need no backtracking once their character runs are
  known: the path ends after its last ending character (then any parenthesised groups), the
  query after its last ending character, and the TLD is the first in twitter-text's list order
  that fits.
* What twitter-text does after the regex is kept as it is: the IDNA length check and the ASCII
  domains inside a domain without a protocol (:mod:`humaskit.text.twitter_domains`), ``t.co``
  slugs of at most 40 characters, and no URL without a protocol after "-", "_", "." or "/".

Case is compared as twitter-text's JavaScript compares it: "ſ" or the Kelvin sign are not
ASCII letters (Python's ``re.IGNORECASE`` would say they are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from humaskit.text.twitter_domains import LATIN, ascii_domains, idna_length
from humaskit.text.twitter_tlds import match_end, tld_dot, tld_end

_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = re.escape("!'#%&()*+,\\./:;<=>?@[]^{|}~$")  # twitter-text's punct, less "-" and "_"
_CYRILLIC = "\u0400-\u04ff"

# Label characters: what a domain label may hold (domain characters, "-" and "_").
_LABEL = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_NOT_DOMAIN_CHAR = frozenset("-_")
_NOT_PRECEDING = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@\uff20$#\uff03" + _INVALID
)
_DOTTED_RUN = re.compile(f"(?<!{_LABEL}){_LABEL}++(?=\\.)")
# Labels joined by single dots: a domain never reaches past one of these.
_CHAIN = re.compile(f"(?<!{_LABEL}){_LABEL}++(?:\\.{_LABEL}++)++")
_LABEL_RUN = re.compile(f"{_LABEL}*")
_CANDIDATE = re.compile(  # a domain character after a character a URL may follow
    f"(?<=[^A-Za-z0-9@\uff20$#\uff03{_INVALID}])[^-_{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
)
_PATH_RUN = re.compile(f"[a-zA-Z0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{LATIN}{_CYRILLIC}]*")
_NOT_PATH_END = "!*';:,.$%[]\u2013~@|&"  # path characters a path may not end with
_QUERY_RUN = re.compile(r"[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*")
_NOT_QUERY_END = "!?*'@();:+$%[].,~|"
_PORT = re.compile(r":[0-9]+")
_TCO_SLUG = re.compile(r"[a-zA-Z0-9]+")

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40


@dataclass(frozen=True)
class UrlEntity:
    """A URL twitter-text would count as 23: where it starts and how many characters it covers."""

    start: int
    length: int


def find_urls(text: str) -> list[UrlEntity]:
    """The URLs twitter-text finds in ``text``, in order, as code point offsets.

    Example: ``find_urls("Baca blorakab.go.id/berita ya")`` is one entity at 5, 21 long.
    """
    if "." not in text:
        return []
    return _Scanner(text).scan()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.domains: dict[int, int | None] = {}  # label start -> end of the domain from there
        self.tlds: dict[int, int | None] = {}

    def scan(self) -> list[UrlEntity]:
        text = self.text
        found: list[UrlEntity] = []
        searched_to: int | None = None  # the regex's next search start, once it has matched
        has_tld = tld_dot()
        for chain in _CHAIN.finditer(text):
            if not has_tld.search(text, chain.start(), chain.end()):
                continue  # no TLD after any of its dots: no domain in it ("1.1.1.1")
            for run in _DOTTED_RUN.finditer(text, chain.start(), chain.end()):
                start, stop = run.span()
                lowest = 0 if searched_to is None else searched_to + 1
                if stop <= lowest:
                    continue
                match = self._match_in_run(start, stop, lowest, searched_to is None)
                if match is not None:
                    found.extend(self._entities(*match))
                    searched_to = match[-1]
        return found

    def _match_in_run(
        self, start: int, stop: int, lowest: int, at_text_start: bool
    ) -> tuple[int, int, int, bool, int] | None:
        """The first regex match whose domain begins in the label run [start, stop).

        Returns (url start, domain start, domain end, has protocol, url end).
        """
        text = self.text
        prefix = _protocol_before(text, start)
        url_start = start - prefix
        if (
            prefix
            and url_start >= lowest
            and (url_start == 0 or text[url_start - 1] not in _NOT_PRECEDING)
        ):
            domain_end = self._first_label_domain(start, stop)
            if domain_end is not None:
                return url_start, start, domain_end, True, self._url_end(domain_end)
        if text[stop - 1] in _NOT_DOMAIN_CHAR:
            return None
        deeper = self._domain(stop + 1)
        here = self._tld(stop + 1)
        if deeper is None and here is None:
            return None
        low = max(start, lowest)
        if deeper is None:  # a domain label (no "_") ends the domain here
            low = max(low, text.rfind("_", start, stop) + 1)
        candidate = self._first_candidate(low, stop, at_text_start)
        if candidate is None:
            return None
        domain_end = deeper if deeper is not None else here
        assert domain_end is not None
        return candidate, candidate, domain_end, False, self._url_end(domain_end)

    def _first_candidate(self, low: int, stop: int, at_text_start: bool) -> int | None:
        """The first place in [low, stop) a URL without protocol may start, in the regex's order.

        At the very start of the text the regex first tries its preceding character at 0 (a
        URL at 1), then ``^`` (a URL at 0).
        """
        text = self.text
        if low == 0 and at_text_start:
            if stop > 1 and text[0] not in _NOT_PRECEDING and text[1] not in _NOT_DOMAIN_CHAR:
                return 1
            if text[0] not in _NOT_DOMAIN_CHAR:
                return 0
            low = 2
        found = _CANDIDATE.search(text, low, stop) if low < stop else None
        return found.start() if found else None

    def _first_label_domain(self, start: int, stop: int) -> int | None:
        """The domain starting at ``start``, the start of the label run [start, stop)."""
        text = self.text
        if text[start] in _NOT_DOMAIN_CHAR or text[stop - 1] in _NOT_DOMAIN_CHAR:
            return None
        deeper = self._domain(stop + 1)
        if deeper is not None:
            return deeper
        return self._tld(stop + 1) if "_" not in text[start:stop] else None

    def _domain(self, start: int) -> int | None:
        """The end of ``subdomain* domain-label TLD`` from the label start ``start``, or None."""
        text, known = self.text, self.domains
        pending: list[tuple[int, int]] = []
        position = start
        result: int | None = None
        while True:
            if position in known:
                result = known[position]
                break
            stop = match_end(_LABEL_RUN, text, position)
            if (
                stop == position
                or stop >= self.n
                or text[stop] != "."
                or text[position] in _NOT_DOMAIN_CHAR
                or text[stop - 1] in _NOT_DOMAIN_CHAR
            ):
                known[position] = None
                break
            pending.append((position, stop))
            position = stop + 1
        while pending:
            label, stop = pending.pop()
            if result is None and text.find("_", label, stop) < 0:
                result = self._tld(stop + 1)
            known[label] = result
        return result

    def _tld(self, start: int) -> int | None:
        if start not in self.tlds:
            self.tlds[start] = tld_end(self.text, start, self.n) if start < self.n else None
        return self.tlds[start]

    def _url_end(self, domain_end: int) -> int:
        """Where the URL ends after its domain: port, path, query."""
        text = self.text
        end = domain_end
        port = _PORT.match(text, end)
        if port:
            end = port.end()
        if end < self.n and text[end] == "/":
            end = self._path_end(end + 1)
        return _query_end(text, end)

    def _path_end(self, start: int) -> int:
        """The end of a path after its "/".

        twitter-text's path is ``(G*(BG*)*E | B | @G+/)*`` (G a path character, E an ending
        one, B a parenthesised group; the ``|`` inside its ending-character pattern splits the
        first branch). The first repetition reaches the last ending character of the run of
        path characters and groups, if there is one; after it only whole groups can follow.
        """
        position = self._last_ending_char(start)
        if position is None:
            position = start
        while (group_end := self._parens_end(position)) is not None:
            position = group_end
        return position

    def _last_ending_char(self, start: int) -> int | None:
        """After the last ending character of the path characters and groups from ``start``."""
        text = self.text
        position, last = start, None
        while True:
            run_end = match_end(_PATH_RUN, text, position)
            kept = len(text[position:run_end].rstrip(_NOT_PATH_END))
            if kept:
                last = position + kept
            group_end = self._parens_end(run_end)
            if group_end is None:
                return last
            position = group_end

    def _parens_end(self, start: int) -> int | None:
        """The end of ``(path chars)`` or ``(path chars (path chars) path chars)`` at ``start``."""
        text, n = self.text, self.n
        if start >= n or text[start] != "(":
            return None
        inner = match_end(_PATH_RUN, text, start + 1)
        if inner < n and text[inner] == ")" and inner > start + 1:
            return inner + 1
        if inner < n and text[inner] == "(":
            nested = match_end(_PATH_RUN, text, inner + 1)
            if nested < n and text[nested] == ")" and nested > inner + 1:
                after = match_end(_PATH_RUN, text, nested + 1)
                if after < n and text[after] == ")":
                    return after + 1
        return None

    def _entities(
        self, url_start: int, domain_start: int, domain_end: int, protocol: bool, url_end: int
    ) -> list[UrlEntity]:
        """What twitter-text keeps of one regex match (extractUrlsWithIndices.js)."""
        text = self.text
        domain = text[domain_start:domain_end]
        url_length = url_end - url_start
        ascii_length = idna_length(domain)
        if not ascii_length:
            return []
        # twitter-text adds the protocol's length once more (the default one when there is none).
        scheme = domain_start - url_start if protocol else len("https://")
        if scheme + url_length + ascii_length - len(domain) > MAX_URL_LENGTH:
            return []
        if protocol:
            return _tco_or_whole(text, url_start, url_end)
        if url_start > 0 and text[url_start - 1] in "-_./":
            return []
        spans = ascii_domains(domain)
        if not spans:
            return []
        entities = [UrlEntity(domain_start + a, b - a) for a, b in spans]
        if _has_path(text, domain_end):  # the path and query go with the last ASCII domain
            last = entities[-1]
            entities[-1] = UrlEntity(last.start, last.length + url_end - domain_end)
        return entities


def _protocol_before(text: str, start: int) -> int:
    """The length of the "http://" or "https://" (any case) that ends at ``start``, else 0."""
    for scheme in ("https://", "http://"):
        before = text[max(0, start - len(scheme)) : start]
        if before.isascii() and before.lower() == scheme:
            return len(scheme)
    return 0


def _has_path(text: str, domain_end: int) -> bool:
    """Whether the match has a path group (a "/" after the domain and any port)."""
    port = _PORT.match(text, domain_end)
    after = port.end() if port else domain_end
    return after < len(text) and text[after] == "/"


def _tco_or_whole(text: str, start: int, end: int) -> list[UrlEntity]:
    """A ``t.co`` URL keeps only its slug and query; one with a slug over 40 is no URL."""
    url = text[start:end]
    scheme = 8 if url[:8].lower() == "https://" else 7
    if url[scheme : scheme + 5].lower() != "t.co/":
        return [UrlEntity(start, end - start)]
    slug = _TCO_SLUG.match(url, scheme + 5)
    if not slug:
        return [UrlEntity(start, end - start)]
    if slug.end() - slug.start() > MAX_TCO_SLUG_LENGTH:
        return []
    return [UrlEntity(start, _query_end(url, slug.end()))]


def _query_end(text: str, start: int) -> int:
    """After the query at ``start`` ("?" and query characters up to the last ending one).

    ``start`` itself if there is none.
    """
    if start >= len(text) or text[start] != "?":
        return start
    run_end = match_end(_QUERY_RUN, text, start + 1)
    kept = len(text[start + 1 : run_end].rstrip(_NOT_QUERY_END))
    return start + 1 + kept if kept else start
