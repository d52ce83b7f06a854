"""What an imported document says about itself: its title, dateline and an attributed quote.

Every guess here is plain pattern reading over :class:`~humaskit.importer.blocks.Block` s; the
caller tells the admin what was guessed and how, so each function returns ``None`` rather than a
doubtful answer. Indonesian month and day names come from Babel's locale data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babel.dates import get_day_names, get_month_names

from humaskit.importer.blocks import Block

# The title is looked for among the first blocks only: a bold line deep in the text is a
# sub-heading, not the title.
TITLE_WITHIN = 5
BOLD_TITLE_WITHIN = 3
MAX_TITLE = 300
_DASH = r"[–—-]"


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a block, and the rest of that block's text."""

    index: int
    location: str | None
    date: dt.date | None
    cut: int  # how many characters of the block's plain text the dateline took


@dataclass(frozen=True)
class FoundQuote:
    """A quote attributed in the text: ``"…," ujar Bupati Blora Arief Rohman.``"""

    text: str
    by: str
    role: str | None


@cache
def _month_numbers() -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="id").items():
            names[str(name).lower()] = int(number)
    names["agt"] = names["ags"] = 8  # how people abbreviate Agustus besides Babel's "Agu"
    return names


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted(map(re.escape, _month_numbers()), key=len, reverse=True))
    days = "|".join(str(name) for name in get_day_names("wide", locale="id").values())
    date = (
        rf"(?:(?:{days})\s*,?\s*)?\(?\s*"
        rf"(?P<d>\d{{1,2}})(?:\s+|[/.-])(?P<m>{months}|\d{{1,2}})\.?(?:\s+|[/.-])(?P<y>\d{{4}})\s*\)?"
    )
    # "Blora, 10 Mei 2024 –", "BLORA, Jumat (10/5/2024) –", a dateline of its own line
    with_date = re.compile(
        rf"^(?P<place>[A-Za-z][A-Za-z .'’]{{1,40}}?)\s*,\s*{date}\s*(?:{_DASH}\s*|$)",
        re.IGNORECASE,
    )
    # "BLORA – …", "BLORA, (blorakab.go.id) – …": a place in capitals and a dash
    place_only = re.compile(
        rf"^(?P<place>[A-Z][A-Z .'’]{{1,40}}?)\s*,?\s*(?:\([^)]*\))?\s*{_DASH}\s+"
    )
    in_text = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{months})\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
    return with_date, place_only, in_text


def _date(day: str, month: str, year: str) -> dt.date | None:
    number = int(month) if month.isdigit() else _month_numbers().get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _place(raw: str) -> str:
    """``BLORA`` → ``Blora``; a place already in mixed case stays as written."""
    place = raw.strip(" .")
    return place.title() if place.isupper() else place


# Lines a release often starts with that are not its title: "SIARAN PERS", "Nomor: 12/2024".
_LETTERHEAD = re.compile(
    r"^(siaran pers|rilis( berita| pers)?|press release|berita( daerah)?|untuk segera "
    r"disiarkan|(nomor|no\.)\s*:.*)\s*[.:]?$",
    re.IGNORECASE,
)


def is_letterhead(block: Block) -> bool:
    """Whether ``block`` is a "SIARAN PERS" or "Nomor: …" line above the title."""
    return bool(_LETTERHEAD.match(block.text))


def find_title(blocks: Sequence[Block]) -> int | None:
    """The index of the title block: the first heading, else a wholly bold first line.

    "SIARAN PERS" and "Nomor: …" lines above the title are passed over.
    """
    candidates = [(i, b) for i, b in enumerate(blocks) if not is_letterhead(b)]
    for index, block in candidates[:TITLE_WITHIN]:
        if block.kind == "heading" and len(block.text) <= MAX_TITLE:
            return index
    for index, block in candidates[:BOLD_TITLE_WITHIN]:
        if block.kind == "paragraph" and block.bold and len(block.text) <= MAX_TITLE:
            return index
    return None


def find_dateline(blocks: Sequence[Block], start: int = 0) -> Dateline | None:
    """The dateline in the first paragraphs after ``start``: place and date, or place alone."""
    with_date, place_only, _ = _patterns()
    for index in range(start, min(start + 3, len(blocks))):
        text = blocks[index].text
        found = with_date.match(text)
        if found:
            day = _date(found["d"], found["m"], found["y"])
            return Dateline(index, _place(found["place"]), day, found.end())
        found = place_only.match(text)
        if found:
            return Dateline(index, _place(found["place"]), None, found.end())
    return None


def first_date(blocks: Sequence[Block]) -> dt.date | None:
    """The first full date written out in the text (``10 Mei 2024``), if any."""
    _, _, in_text = _patterns()
    for block in blocks:
        for found in in_text.finditer(block.text):
            day = _date(found["d"], found["m"], found["y"])
            if day is not None:
                return day
    return None


_SAYS = (
    "ujar|ujarnya|kata|katanya|ucap|ucapnya|tutur|tuturnya|jelas|jelasnya|ungkap|ungkapnya|"
    "tegas|tegasnya|terang|terangnya|imbuh|imbuhnya|tambah|tambahnya|pungkas|pungkasnya|"
    "papar|paparnya|sebut|sebutnya|harap|harapnya|ajak|ajaknya"
)
_QUOTE = re.compile(
    r"[“\"](?P<text>[^“”\"]{10,600}?)\s*[”\"]\s*,?\s*"
    rf"(?P<verb>{_SAYS})\b\s*(?P<who>[^.;:!?“”\"]*)",
    re.IGNORECASE,
)
# The offices a speaker's name follows ("Bupati Blora Arief Rohman"); the role ends at "Blora".
_ROLE_START = re.compile(
    r"^(Bupati|Wakil Bupati|Sekda|Sekretaris|Kepala|Kadin|Camat|Kades|Lurah|Ketua|Plt\.?)\b"
)


def _speaker(who: str) -> tuple[str, str | None] | None:
    who = who.strip(" ,")
    if not who or not who[0].isupper() or len(who) > 120:
        return None
    if "," in who:
        name, role = (part.strip() for part in who.split(",", 1))
        return (name, role or None) if name else None
    if _ROLE_START.match(who) and " Blora " in f"{who} ":
        cut = who.rindex("Blora") + len("Blora")
        role, name = who[:cut].strip(), who[cut:].strip()
        if name:
            return name, role
    return who, None


def find_quote(blocks: Sequence[Block]) -> FoundQuote | None:
    """The one quote attributed to a named speaker in the text; ``None`` if none or several.

    ``"…," ujar Bupati Blora Arief Rohman.`` → text, by ``Arief Rohman``, role ``Bupati
    Blora``. A quote said by "-nya" (ujarnya) names nobody and does not count; two different
    quotes make it ambiguous, so neither is taken.
    """
    found: list[FoundQuote] = []
    for block in blocks:
        for match in _QUOTE.finditer(block.text):
            if match["verb"].lower().endswith("nya"):
                continue
            speaker = _speaker(match["who"])
            if speaker is None:
                continue
            text = match["text"].strip().rstrip(",").strip()
            found.append(FoundQuote(text, speaker[0], speaker[1]))
    unique = {(q.text, q.by) for q in found}
    return found[0] if len(unique) == 1 else None
