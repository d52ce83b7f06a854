"""What twitter-text does with a URL's domain once its regex has found it.

Two steps of ``extractUrlsWithIndices``: the IDNA check (a domain counts only if every label
fits 63 characters in its ASCII form), and, for a URL without a protocol, keeping only the
ASCII domains inside the domain (``validAsciiDomain``): "日本example.com" holds "example.com".
Both are linear in the domain's length.
"""

from __future__ import annotations

import encodings.idna
import re

from humaskit.text.twitter_tlds import match_end, tld_end

# twitter-text's latinAccentChars.
LATIN = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268"
    "\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_ASCII_LABEL_RUN = re.compile(f"[-a-zA-Z0-9{LATIN}]*")
_ASCII_LABEL_CHAR = re.compile(f"[-a-zA-Z0-9{LATIN}]")
_IDNA_DOTS = re.compile("[.\u3002\uff0e\uff61]")
# Nameprep drops the characters of stringprep table B.1, then may shrink what is left by NFKC
# composition (a few code points into one): a label longer than this cannot end within 63.
_MAPPED_TO_NOTHING = dict.fromkeys(
    [
        *map(ord, "\xad\u034f\u1806\u180b\u180c\u180d\u200b\u200c\u200d\u2060\ufeff"),
        *range(0xFE00, 0xFE10),
    ]
)
_LONGEST_PREPARABLE = 63 * 18


def ascii_domains(domain: str) -> list[tuple[int, int]]:
    """The ASCII domains inside ``domain`` (twitter-text's ``validAsciiDomain``), as spans."""
    found: list[tuple[int, int]] = []
    known: dict[int, int | None] = {}
    position, n = 0, len(domain)
    while position < n:
        char = _ASCII_LABEL_CHAR.search(domain, position)
        if not char:
            break
        position = char.start()
        stop = match_end(_ASCII_LABEL_RUN, domain, position)
        if stop < n and domain[stop] == ".":
            end = _ascii_tail(domain, stop + 1, known)
            if end is not None:
                found.append((position, end))
                position = end
                continue
        position = stop if stop > position else position + 1
    return found


def _ascii_tail(domain: str, start: int, known: dict[int, int | None]) -> int | None:
    """After one "label.", the end of ``(label.)* TLD`` from ``start``, preferring more labels."""
    pending: list[int] = []
    position = start
    result: int | None = None
    while True:
        if position in known:
            result = known[position]
            break
        stop = match_end(_ASCII_LABEL_RUN, domain, position)
        if stop > position and stop < len(domain) and domain[stop] == ".":
            pending.append(position)
            position = stop + 1
            continue
        result = tld_end(domain, position, len(domain)) if position < len(domain) else None
        known[position] = result
        break
    while pending:
        label = pending.pop()
        if result is None:
            result = tld_end(domain, label, len(domain))
        known[label] = result
    return result


def idna_length(domain: str) -> int | None:
    """The length of ``domain`` in IDNA ASCII form, or None where Python's ``idna`` codec fails.

    The same outcome as ``len(domain.encode("idna"))``, which twitter-text-parser used, except
    that a label certain to be over 63 characters is refused before it is punycode-encoded
    (Python's punycode encoder is quadratic in a label's length).
    """
    if domain.isascii():
        labels = domain.split(".")
        if any(not 0 < len(label) < 64 for label in labels[:-1]) or len(labels[-1]) >= 64:
            return None
        return len(domain)
    labels = _IDNA_DOTS.split(domain)
    trailing = 0
    if labels and not labels[-1]:
        trailing = 1
        labels.pop()
    total = len(labels) - 1 + trailing
    for label in labels:
        length = _label_length(label)
        if length is None:
            return None
        total += length
    return total


def _label_length(label: str) -> int | None:
    if label.isascii():
        return len(label) if 0 < len(label) < 64 else None
    if len(label.translate(_MAPPED_TO_NOTHING)) > _LONGEST_PREPARABLE:
        return None  # too long even after nameprep; spares its per-character Python loop
    try:
        prepared = encodings.idna.nameprep(label)
    except UnicodeError:
        return None
    if prepared.isascii():
        return len(prepared) if 0 < len(prepared) < 64 else None
    if len(prepared) >= 60 or prepared.startswith("xn--"):  # "xn--" + at least one per char
        return None
    try:
        encoded = prepared.encode("punycode")
    except UnicodeError:
        return None
    return 4 + len(encoded) if 4 + len(encoded) < 64 else None
