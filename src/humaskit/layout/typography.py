"""Typographic care for text set on a card (DESIGN.md, Type): what a designer fixes by hand.

:func:`tidy` is applied to every text layer's text before it is fitted:

- straight quotes become curly ones ("…" → “…”, '…' → ‘…’, an apostrophe → ’);
- three full stops become an ellipsis, and a full stop after ! or ? is dropped ("SP4N-LAPOR!."
  → "SP4N-LAPOR!"), as is a doubled comma or full stop;
- a number keeps its unit on its line ("09.00 WIB", "1,2 km", "25 %"), with a no-break space;
- an emoji never starts a line alone: it is bound to the word before it;
- two short abbreviations read as one name and stay on one line ("HUT RI", "BPJS KIS"), and an
  ordinal keeps the word it counts ("RI ke-79", "hari ke-3").

A family emoji (👨‍👩‍👧‍👦) keeps its zero width joiners: the emoji font draws it as one glyph, as
the reader's phone shows it (round 5: four separate faces read as a broken sequence).

The text fitter splits lines at plain spaces only, so a no-break space holds its two sides
together. Captions are not touched: platforms show the admin's own characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["tidy"]

NBSP = "\u00a0"
_UNITS = (
    "WIB|WITA|WIT|km|m|meter|cm|mm|ha|kg|g|ton|liter|l|%|persen|jt|juta|rb|ribu|miliar|triliun|"
    "orang|jiwa|balita|desa|kelurahan|kecamatan|unit|hari|jam|menit|kali"
)
_NUMBER_UNIT = re.compile(rf"(\d)[ ]+({_UNITS})(?=$|[\s.,;:!?)”’…])")
_DOUBLE_QUOTED = re.compile(r'"([^"\n]*)"')
_SINGLE_QUOTED = re.compile(r"(^|[\s(\[{“])'([^'\n]*)'(?=$|[\s.,;:!?)\]}”])")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_AFTER_MARK = re.compile(r"([!?])\.(?!\.)")
_DOUBLED = re.compile(r"(?<![.])([.,])\1(?![.])")
_SPACE_RUN = re.compile(r" +")
# Pairs only (no chains): a title in capitals still breaks between its short words.
_ABBREVIATIONS = re.compile(r"\b([A-Z]{2,4}) ([A-Z]{2,3})\b")
_ORDINAL = re.compile(r"(?<=\S) (?=ke-\d+\b)")


def _is_emoji_word(word: str) -> bool:
    """A word made only of emoji (pictographs, their joiners, selectors and skin tones)."""
    return bool(word) and all(
        unicodedata.category(ch) == "So"
        or ch in "\u200d\ufe0f\u20e3"
        or 0x1F3FB <= ord(ch) <= 0x1F3FF
        for ch in word
    )


_AFTER_EMOJI = ",.;:!?)]”’…"


def _bind_emoji(text: str) -> str:
    words = text.split(" ")
    out: list[str] = []
    for word in words:
        # "🧹," too: the punctuation after an emoji belongs to it, so it never starts a line.
        if out and out[-1] and _is_emoji_word(word.rstrip(_AFTER_EMOJI)):
            out[-1] = f"{out[-1]}{NBSP}{word}"
        else:
            out.append(word)
    return " ".join(out)


# Every card of a batch tidies the same footer, unit line and chip texts again; tidy is a pure
# function of its text, so the last few hundred results are kept.
@lru_cache(maxsize=512)
def tidy(text: str) -> str:
    """``text`` as a typesetter would set it on a card.

    >>> tidy('Kata "Bupati": \\'cepat\\'. Jalan di Jepon 1,2 km, mulai 09.00 WIB... SP4N-LAPOR!.')
    'Kata “Bupati”: ‘cepat’. Jalan di Jepon 1,2\\xa0km, mulai 09.00\\xa0WIB… SP4N-LAPOR!'
    """
    text = text.replace("...", "…")
    text = _DOUBLE_QUOTED.sub(r"“\1”", text)
    text = _SINGLE_QUOTED.sub(r"\1‘\2’", text)
    text = _APOSTROPHE.sub("’", text)
    text = _AFTER_MARK.sub(r"\1", text)
    text = _DOUBLED.sub(r"\1", text)
    text = _NUMBER_UNIT.sub(rf"\1{NBSP}\2", text)
    text = _ORDINAL.sub(NBSP, _ABBREVIATIONS.sub(rf"\1{NBSP}\2", text))
    return "\n".join(_bind_emoji(_SPACE_RUN.sub(" ", line)) for line in text.split("\n"))
