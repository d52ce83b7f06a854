"""Where a headline's lines break, as a designer would choose among breaks of the same size.

The fitter (:mod:`humaskit.layout.textfit`) finds the size and the number of lines; the balanced
breaks it gets at that size can still leave what a designer fixes by hand:

- a **widow**: one word alone on the last line ("… di Blora / Timur"), or, a lesser fault, on
  another line ("Capaian / Posyandu di / …");
- a **name split**: a run of capitalised words broken apart ("Jemput / Bola", "Kecamatan /
  Jati"), or a place word parted from its name even in a Title Case headline ("Desa / Sendang"),
  or a two-word term parted ("Media / Sosial", "Hutan / Jati");
- a number parted from the word it counts ("12 / desa"), or an ordinal from what it orders
  ("HUT RI / ke-79"), or a two-word aside broken in its parentheses ("(data / contoh)");
- a line ending in a preposition or conjunction ("di", "ke", "dan": a lesser fault), or a
  list broken before its middle item ("jujur, / rapi, dan …": a lesser fault).

:func:`best_breaks` chooses, by dynamic programming over the break points, the breaks into the
same number of lines (every line within the width, so nothing is made smaller or cut) with the
least cost: how uneven the lines are, plus a penalty for each fault above.
"""

from __future__ import annotations

from humaskit.text.shortening import MONTHS

__all__ = ["best_breaks", "defects", "line_text", "lone_word"]

# Beyond this many words a paragraph is body text, not a headline: its balanced breaks stand
# (the dynamic programme costs the square of the words on a line).
MAX_WORDS = 120

WIDOW = 1.0
LONE = 0.5  # one word alone on another line than the last ("Capaian / Posyandu di / …")
NAME_SPLIT = 0.6
NUMBER_SPLIT = 0.4
WEAK_END = 0.2
LIST_SPLIT = 0.35  # a break before a list's middle item: "jujur, / rapi, dan selalu …"
SEGMENT_SPLIT = 0.5  # a break inside a part of "09.00 WIB · Aula Kantor Kecamatan Cepu"
PHRASE = 10  # characters from which a run bound by no-break spaces is a line of its own

# Words that name the kind of a place or office and belong on the line of the name after them.
_PLACE_WORDS = frozenset(
    [
        "kabupaten",
        "kab.",
        "kecamatan",
        "kec.",
        "desa",
        "kelurahan",
        "kel.",
        "dusun",
        "dukuh",
        "dinas",
        "badan",
        "jalan",
        "jl.",
        "pasar",
        "taman",
        "sungai",
        "kali",
        "gunung",
        "waduk",
        "bendungan",
        "rsud",
        "puskesmas",
        "sman",
        "smpn",
        "sdn",
        "smkn",
        "masjid",
        "gereja",
        "pendopo",
        "alun-alun",
        "bupati",
        "wakil",
        "pak",
        "bu",
        "bapak",
        "ibu",
        "dr.",
        "h.",
        "hj.",
        "kantor",
        "balai",
        "gedung",
        "lapangan",
        "stadion",
        "terminal",
        "stasiun",
    ]
)
# Capitalised in a Title Case headline but never a name: after a place word they start what
# follows it ("di Kantor Kecamatan / Selama Juli 2024"), so a break before them parts nothing.
_NOT_NAMES = (
    frozenset(
        [
            "selama",
            "mulai",
            "hingga",
            "sampai",
            "sejak",
            "tahun",
            "bulan",
            "pekan",
            "periode",
            "tanpa",
            "gratis",
            "senin",
            "selasa",
            "rabu",
            "kamis",
            "jumat",
            "sabtu",
            "minggu",
        ]
    )
    | MONTHS
)
# Words a line should not end with: they lean on the word after them.
_WEAK = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dan",
        "yang",
        "untuk",
        "dengan",
        "pada",
        "oleh",
        "atau",
        "serta",
        "bagi",
        "dalam",
        "akan",
        "the",
        "of",
        "a",
        "an",
        "in",
        "on",
        "and",
        "to",
        "for",
        "at",
        "by",
        "with",
    ]
)
# Two-word terms that name one thing and read wrong when parted ("Media / Sosial", "Hutan /
# Jati"): common in regency posts, kept on one line like a name.
_COMPOUNDS = frozenset(
    [
        ("media", "sosial"),
        ("hutan", "jati"),
        ("karang", "taruna"),
        ("kartu", "keluarga"),
        ("rumah", "sakit"),
        ("bantuan", "sosial"),
        ("sepeda", "motor"),
        ("air", "bersih"),
        ("ibu", "hamil"),
        ("tenaga", "kesehatan"),
        ("jalan", "desa"),
        ("kantor", "desa"),
        ("balai", "desa"),
        ("dana", "desa"),
        ("usia", "dini"),
        ("kepala", "desa"),
        ("pemerintah", "desa"),
        ("wisata", "edukasi"),
        ("pesan", "berantai"),
    ]
)
_OPENERS = "“‘\"'([«"
_CLOSERS = ",.;:!?)]”’\"'»–—-…"


def _core(word: str) -> str:
    return word.lstrip(_OPENERS)


def _capital(word: str) -> bool:
    core = _core(word)
    return bool(core) and core[0].isupper()


def _number(word: str) -> bool:
    core = _core(word).rstrip(_CLOSERS)
    return bool(core) and core[0].isdigit() and not any(ch.isalpha() for ch in core)


def _title_case(words: list[str]) -> bool:
    """Most words capitalised: capitals then mark no names, only the place words do."""
    tested = [w for w in words[1:] if _core(w)[:1].isalpha() and w.casefold() not in _WEAK]
    return len(tested) >= 3 and sum(map(_capital, tested)) >= 0.7 * len(tested)


# The marks that join the parts of a line of details: a break belongs right after one.
_SEPARATORS = frozenset(["·", "•", "|"])


def _segmented(words: list[str]) -> bool:
    return any(word in _SEPARATORS for word in words)


def line_text(words: list[str]) -> str:
    """One line of set words; a separator the break leaves at its end ("09.00 WIB ·") is
    dropped, as the break itself now parts the two."""
    while len(words) > 1 and words[-1] in _SEPARATORS:
        words = words[:-1]
    return " ".join(words)


def _break_penalty(before: str, after: str, title: bool, segmented: bool = False) -> float:
    """The cost of a line break between the words ``before`` and ``after``; in ``segmented``
    text (parts joined by " · ") a break anywhere but after a separator splits a part."""
    if segmented and before not in _SEPARATORS:
        return SEGMENT_SPLIT
    if before.endswith(",") and after.endswith(",") and _core(after)[:1].islower():
        return LIST_SPLIT  # "A, / B, dan C": the list's items read as one run
    if before.endswith(tuple(_CLOSERS)):
        return 0.0  # a comma, a colon, a closing quote: a natural place to break
    if (
        _capital(after)
        and _core(after).casefold() not in _NOT_NAMES | _WEAK
        and (_core(before).casefold() in _PLACE_WORDS or (not title and _capital(before)))
    ):
        return NAME_SPLIT
    # a word bound to the next by a no-break space ("Jati\xa0🌾") is that word here
    pair = (before.split("\xa0")[-1], _core(after).split("\xa0")[0].rstrip(_CLOSERS))
    if (_core(pair[0]).casefold(), pair[1].casefold()) in _COMPOUNDS:
        return NAME_SPLIT
    if _number(before) and _core(after)[:1].isalpha():
        return NUMBER_SPLIT
    if _core(before).casefold() in MONTHS and _number(after):
        return NUMBER_SPLIT  # a date keeps its year: "1–29 Juni / 2024" reads as two dates
    if after.startswith("ke-") and after[3:4].isdigit():
        return NUMBER_SPLIT  # an ordinal stays with what it counts: "HUT RI ke-79"
    if before.startswith("(") and ")" not in before and ")" in after.split("\xa0")[0]:
        return NUMBER_SPLIT  # a two-word aside stays whole: "(data / contoh)"
    if before.casefold() in _WEAK:
        return WEAK_END
    return 0.0


def _alone(words: list[str], start: int, end: int) -> bool:
    """Whether the line of ``words[start:end]`` is one word alone. A longer run bound by no-break
    spaces ("08.00–14.00 WIB", "12 kelurahan") is several words and reads as a line of its own;
    a short one ("25 %", a word and its emoji) is still a word alone."""
    if end - start != 1:
        return False
    word = words[start]
    # (its closing punctuation adds no length: "200\xa0meter." is still a word alone)
    return "\xa0" not in word or len(word.rstrip(_CLOSERS)) < PHRASE


def _title_of(words: list[str]) -> bool:
    return len(words) <= MAX_WORDS and _title_case(words)


def lone_word(breaks: list[int], words: list[str]) -> bool:
    """Whether ``breaks`` (indices of the words that start a line) leave a word alone on a
    line, the last one (a widow) or another."""
    if not breaks or len(words) > MAX_WORDS:
        return False
    starts = [0, *breaks]
    return any(_alone(words, a, b) for a, b in zip(starts, [*breaks, len(words)], strict=True))


def defects(breaks: list[int], words: list[str]) -> bool:
    """Whether ``breaks`` (indices of the words that start a line) leave a widow, a name split
    or a number parted from its word."""
    if not breaks or len(words) > MAX_WORDS:
        return False
    if lone_word(breaks, words):
        return True
    title, segmented = _title_of(words), _segmented(words)
    return any(
        _break_penalty(words[i - 1], words[i], title, segmented) >= NUMBER_SPLIT for i in breaks
    )


def best_breaks(
    words: list[str], widths: list[float], space: float, limit: float, lines: int
) -> list[int] | None:
    """The breaks that set ``words`` (of ``widths``, with ``space`` between them) in exactly
    ``lines`` lines no wider than ``limit`` at the least cost, or ``None`` when there are none
    (or the paragraph is too long to be a headline)."""
    count = len(words)
    if lines < 2 or count < lines or count > MAX_WORDS or limit <= 0:
        return None
    title, segmented = _title_of(words), _segmented(words)
    penalty = [0.0] + [
        _break_penalty(words[i - 1], words[i], title, segmented) for i in range(1, count)
    ]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def line_width(a: int, b: int) -> float:
        return prefix[b] - prefix[a] + space * (b - a - 1)

    inf = float("inf")
    # cost[k][j]: the least cost of the first j words set in k lines; back[k][j]: where the k-th
    # line starts.
    cost = [[inf] * (count + 1) for _ in range(lines + 1)]
    back = [[0] * (count + 1) for _ in range(lines + 1)]
    cost[0][0] = 0.0
    for k in range(1, lines + 1):
        for j in range(k, count + 1):
            best, start = inf, -1
            for i in range(j - 1, k - 2, -1):
                width = line_width(i, j)
                if width > limit + 1e-9:
                    break
                if cost[k - 1][i] == inf:
                    continue
                slack = (limit - width) / limit
                value = cost[k - 1][i] + slack * slack + (penalty[i] if i else 0.0)
                if _alone(words, i, j):
                    value += WIDOW if k == lines and j == count else LONE
                if value < best:
                    best, start = value, i
            cost[k][j], back[k][j] = best, start
    if cost[lines][count] == inf:
        return None
    breaks, j = [], count
    for k in range(lines, 0, -1):
        j = back[k][j]
        breaks.append(j)
    return sorted(b for b in breaks if b > 0)
