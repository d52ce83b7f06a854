"""Key points of a release for its carousel: which sentences add to the headline, and the label
of the slides that show them.

Pure text work, no pixels. :func:`key_points` picks the body's list items (the writer chose
them) or else the first sentence of each paragraph, and leaves out what the cover already says:
a point that restates the headline or the summary (:func:`restates`), an aside set wholly
in italics (the "*Catatan: …*" under a release), and thanks or a sign-off. :func:`points_label`
names the slides that show them from the sentence that introduces the list ("Jadwal layanan,
pukul 08.00–14.00 WIB:").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from humaskit.model.body import Block, Body
from humaskit.text.shortening import shorten

__all__ = [
    "MAX_POINTS",
    "POINTS_LABEL",
    "POINT_MAX_CHARS",
    "duplicates",
    "first_sentence",
    "is_schedule",
    "key_points",
    "points_label",
    "restates",
]

POINT_MAX_CHARS = 150
# A list is the writer's: all of its items are points (a schedule of 16 rows fills four slides).
MAX_POINTS = 16
# Sentences picked from paragraphs are the kit's choice: one slide of them at most.
MAX_SENTENCE_POINTS = 4
# The label of key-point slides whose list has no introducing sentence (the kicker above it
# already says "POIN PENTING").
POINTS_LABEL = "Yang perlu diketahui"
# A label longer than this is not a label: the list's introduction is a whole sentence.
LABEL_MAX_CHARS = 56
# A sentence restates the cover when this share of its words is already there; a list item
# (the writer's own point) only when it is all but the same text as something the cover shows.
RESTATES_SHARE = 0.6
DUPLICATE_RATIO = 0.8

# A sentence ends at . ! ? followed by a space and a capital or a digit...
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])")
# ...unless the word before the stop is a title or an abbreviation ("H. Arief", "Jl. Pemuda").
_ABBREVIATIONS = frozenset(
    {
        *("h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "sdr", "bpk", "ny", "tn", "yth"),
        *("no", "jl", "jln", "kab", "kec", "kel", "ds", "st", "rt", "rw", "dll", "dsb"),
        *("a.n", "u.p", "s.pd", "s.h", "m.si", "m.m"),
    }
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Words that carry no content of their own in a release (function words, and the regency's name
# that every card's header shows): they neither make nor break a restatement.
_STOPWORDS = frozenset(
    {
        *("yang", "di", "ke", "dari", "dan", "atau", "untuk", "dengan", "pada", "dalam", "oleh"),
        *("ini", "itu", "akan", "telah", "sudah", "juga", "para", "se", "serta", "bagi", "agar"),
        *("selama", "hingga", "sampai", "sebagai", "secara", "tersebut", "adalah", "bahwa"),
        *("kabupaten", "kab", "blora", "pemkab", "pemerintah"),
    }
)
# Words that end an introduction to a list and say nothing of their own ("Materi pelatihan
# meliputi:" is labelled "Materi pelatihan").
_LEAD_IN_TAIL = re.compile(
    r"\s*(,\s*)?\b(meliputi|antara lain|sebagai berikut|berikut ini|berikut|yaitu|yakni|"
    r"adalah|ialah|di antaranya|diantaranya)\s*$",
    re.IGNORECASE,
)


# A paragraph that opens with thanks or a sign-off says nothing a reader needs to know: its
# first sentence is no key point ("Terima kasih kepada warga yang melapor.").
_COURTESY = re.compile(r"^\W*(terima\s+kasih|demikian|salam|wassalam)\b", re.IGNORECASE)


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (titles and abbreviations do not end one)."""
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1].rstrip(".!?").lower()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        return text[: match.start()].strip()
    return text.strip()


def _last_sentence(text: str) -> str:
    rest = text.strip()
    while True:
        head = first_sentence(rest)
        if head == rest.strip():
            return head
        rest = rest[len(head) :].strip()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS}


def restates(point: str, shown: Iterable[str]) -> bool:
    """Whether ``point`` says again what ``shown`` (the headline, the summary…) says.

    A point restates them when at least :data:`RESTATES_SHARE` of its content words are already
    in one of them: "Dinas Kesehatan merangkum capaian posyandu di Kecamatan Jepon selama
    Januari hingga Mei 2024." restates "Capaian Posyandu di Kecamatan Jepon Januari–Mei 2024".
    """
    words = _words(point)
    if not words:
        return True
    return any(len(words & _words(text)) >= RESTATES_SHARE * len(words) for text in shown if text)


def _plain(text: str) -> str:
    """Letters, digits and single spaces, case-folded (emoji and punctuation dropped)."""
    kept = (c if unicodedata.category(c)[0] in "LN" else " " for c in text.casefold())
    return " ".join("".join(kept).split())


def duplicates(point: str, shown: Iterable[str]) -> bool:
    """Whether ``point`` is all but the same text as one of ``shown`` ("🌾 menyusuri pematang
    sawah…" and the highlight "Menyusuri pematang sawah…")."""
    plain = _plain(point)
    return any(
        SequenceMatcher(None, plain, _plain(text)).ratio() >= DUPLICATE_RATIO
        for text in shown
        if text
    )


def _is_aside(block: Block) -> bool:
    """A paragraph set wholly in italics: a note under the release, not one of its points."""
    spans = [s for s in block.spans if s.text.strip()]
    return bool(spans) and all("em" in s.styles for s in spans)


def _as_point(text: str) -> str:
    """A list item as a point of its own: capitalised, without the list's ``;`` or ``,``."""
    text = text.strip().rstrip(";,:").rstrip()
    if text.endswith((" dan", " atau")):  # "…; dan" closing the second-last item
        text = text.rsplit(" ", 1)[0].rstrip(";,")
    return text[:1].upper() + text[1:]


def key_points(body: Body, summary: str = "", shown: Sequence[str] = ()) -> tuple[str, ...]:
    """The key points of a body, for the ``poin`` slides.

    The body's list items when it has any (the writer chose them), each shortened at a word to
    :data:`POINT_MAX_CHARS`, without one that :func:`duplicates` what the cover shows (``summary``
    and ``shown``: the headline, a potensi's highlights); at most :data:`MAX_POINTS`; when some
    end in a full stop and others not, without their full stops.

    Otherwise the first sentence of each paragraph that adds to the cover: not the summary's
    paragraph, not an aside set in italics, not thanks or a sign-off ("Terima kasih …",
    "Demikian …"), not a sentence that :func:`restates` the headline or the summary, not one
    longer than a point may be; at most :data:`MAX_SENTENCE_POINTS`.
    """
    cover = (*shown, summary)
    items = [_as_point(b.text()) for b in body.points]
    if items:
        points = [shorten(p, POINT_MAX_CHARS) for p in items if p.strip()]
        kept = [p for p in points if p and not duplicates(p, cover)][:MAX_POINTS]
        return tuple(_same_ends(kept))
    # A sentence longer than a point may be is left out, not cut: a cut sentence is no point.
    sentences = [
        _as_point(first_sentence(b.text()))
        for b in body.paragraphs
        if b.text().strip() and b.text().strip() != summary.strip() and not _is_aside(b)
    ]
    return tuple(
        s
        for s in sentences
        if s
        and len(s) <= POINT_MAX_CHARS
        and not _COURTESY.match(s)
        and not restates(s, cover)
        and not duplicates(s, cover)
    )[:MAX_SENTENCE_POINTS]


def _same_ends(points: list[str]) -> list[str]:
    """List items end alike on a slide: when some end in a full stop and others not, none does
    (items of a list read as phrases); one full stop inside an item keeps it (two sentences)."""
    ends = {p.endswith(".") and not p.endswith("..") for p in points}
    if len(ends) < 2:
        return points
    return [p[:-1] if p.endswith(".") and p.count(". ") == 0 else p for p in points]


def points_label(body: Body) -> str:
    """What the key-point slides are about, said in a few words.

    The sentence that introduces the body's one list ("Jadwal layanan, pukul 08.00–14.00 WIB:",
    "Materi pelatihan meliputi:" → "Materi pelatihan"); :data:`POINTS_LABEL` when the points are
    not one introduced list or the introduction is too long to be a label.
    """
    blocks = body.blocks
    first = next((i for i, b in enumerate(blocks) if b.kind == "item"), None)
    if first is None or first == 0:
        return POINTS_LABEL
    items = [i for i, b in enumerate(blocks) if b.kind == "item"]
    if items != list(range(first, first + len(items))):  # more than one list
        return POINTS_LABEL
    lead = blocks[first - 1]
    text = lead.text().strip()
    if lead.kind not in ("paragraph", "heading") or (lead.kind == "paragraph" and text[-1:] != ":"):
        return POINTS_LABEL
    label = _LEAD_IN_TAIL.sub("", _last_sentence(text).rstrip(":").strip()).strip(" ,")
    if len(label) > LABEL_MAX_CHARS and "," in label:
        label = label.rsplit(",", 1)[1].strip()
    if not label or len(label) > LABEL_MAX_CHARS:
        return POINTS_LABEL
    return label[:1].upper() + label[1:]


# A schedule row: "Senin, 8 Juli 2024: Kantor Kecamatan Jati" (the weekday optional).
_SCHEDULE_ROW = re.compile(r"^(?:[^\W\d]+, )?\d{1,2} [^\W\d]+ \d{4}: \S")


def is_schedule(points: Sequence[str]) -> bool:
    """Whether ``points`` are a schedule of dates, each "<weekday>, <day> <month> <year>:
    <place>" ("Senin, 8 Juli 2024: Kantor Kecamatan Jati"): the layouts set such rows as date
    tiles (templates/layouts/pengumuman.yaml, pengumuman-jadwal.yaml)."""
    return bool(points) and all(_SCHEDULE_ROW.match(p) for p in points)
