"""Whether one text restates another: the summary and the body's first paragraph, say.

A release's ``summary`` often paraphrases its first paragraph ("… menimba ilmu tata kelola medsos
…" and "… menjalani studi tiru pengelolaan medsos …"). A caption that prints both says the same
thing twice, so :func:`restates` tells the caption builder to print one of them.

The test is how much of the summary's wording the paragraph already holds: the share of the
summary's content words (words that are not short function words, figures included) found in
the paragraph. Word order and the paragraph's extra sentences do not matter; a summary that
says something the paragraph does not (other people, other figures) stays below the threshold.
"""

from __future__ import annotations

import re

# A summary whose content words are at least this share in the paragraph restates it. Tuned on
# the examples: the study visit's paraphrase shares 0.7 and the figures' 0.9, while summaries
# that add a point of their own (the quote release's, the hoax's) share about 0.5.
RESTATES_SHARE = 0.65
# Fewer content words than this are too few to judge.
MIN_WORDS = 4
_WORD = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)
# Function words of Indonesian (the captions' language) that say nothing on their own.
_FUNCTION_WORDS = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dan",
        "atau",
        "yang",
        "untuk",
        "dengan",
        "pada",
        "dalam",
        "oleh",
        "itu",
        "ini",
        "juga",
        "akan",
        "telah",
        "sudah",
        "bagi",
        "serta",
        "para",
        "sebuah",
        "se",
        "sebagai",
        "agar",
        "supaya",
        "karena",
        "bahwa",
        "kini",
        "lebih",
    ]
)


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry its meaning, in lower case."""
    return {
        w
        for w in (m.group().casefold() for m in _WORD.finditer(text))
        if w not in _FUNCTION_WORDS and (len(w) > 1 or w.isdigit())
    }


def restates(summary: str, paragraph: str) -> bool:
    """Whether ``paragraph`` already says what ``summary`` says.

    >>> restates("Bupati membuka pameran batik di alun-alun Blora.",
    ...          "Pameran batik di alun-alun Blora dibuka Bupati pada Sabtu pagi.")
    True
    >>> restates("Bupati membuka pameran batik.", "Warga antre vaksin di puskesmas.")
    False
    """
    words = content_words(summary)
    if len(words) < MIN_WORDS:
        return False
    shared = words & content_words(paragraph)
    return len(shared) >= RESTATES_SHARE * len(words)
