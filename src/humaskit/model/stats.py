"""Kinerja figures (``stats``): from the frontmatter or from a CSV file.

A CSV has a header with the columns ``label`` and ``value``, and optionally ``unit`` and
``target``. Numbers are written the machine way (``1875``, ``91.3``); a comma as the decimal
mark (``91,3``) is accepted when there is no dot. A number that reads as digits grouped in
threes (``1.875``, ``1,875``, ``1.875.000``) is refused, quoted or not, in the frontmatter and in
a CSV: Indonesian writes 1875 as ``1.875`` and English writes it as ``1,875``, so either reading
would be a guess. The check is made on the text as written (:attr:`Frontmatter.scalars`), not
on the number YAML made of it.

Figures that can be drawn but would mislead (a target of 0, a negative value, a percentage above
100) are not errors: they become :class:`~humaskit.diagnostics.Diagnostic` warnings of the
release.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from humaskit.diagnostics import Diagnostic
from humaskit.errors import Location, ReleaseError
from humaskit.i18n import _

REQUIRED_COLUMNS = ("label", "value")
OPTIONAL_COLUMNS = ("unit", "target")
MAX_STATS = 24
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")
# Digits in groups of three after a first group of one to three: a thousands separator (or a
# decimal with exactly three places: the same text, so it cannot be told apart).
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(?:[.,]\d{3})+(?:[.,]\d+)?$")
PERCENT_UNITS = frozenset({"%", "persen"})
# The largest figure a card draws: a thousand trillion (a regency's yearly budget in rupiah is a
# few trillion). Larger ones are mistakes, and number formatting cannot hold them exactly.
MAX_FIGURE = 1e15
MAX_CSV_BYTES = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Stat:
    """One figure: what it counts, its value, its unit and, optionally, its target."""

    label: str
    value: float
    unit: str | None = None
    target: float | None = None

    @property
    def percent_of_target(self) -> float | None:
        """Realisation as a percentage of the target (``None`` without a usable target)."""
        if self.target is None or self.target == 0:
            return None
        return self.value / self.target * 100


def _warning(code: str, message: str, location: Location) -> Diagnostic:
    """A figure that is drawn, but not the way its author may expect."""
    file = str(location.file) if location.file is not None else None
    return Diagnostic(code, message, file=file, field=location.field, line=location.line)


def parse_number(raw: object) -> float | None:
    """A number from YAML or CSV text; ``None`` when it is not one."""
    if isinstance(raw, bool):
        return None
    value = _float(raw)
    return value if value is not None and math.isfinite(value) else None


def _float(raw: object) -> float | None:
    """``raw`` as a float, ``inf`` when it is too large for one; ``None`` when not a number."""
    if isinstance(raw, bool):
        return None
    text: object = raw
    if isinstance(raw, str):
        if len(raw) > 1000 or not _NUMBER.match(raw.strip().replace(" ", "")):
            return None
        text = raw.strip().replace(" ", "").replace(",", ".")
    elif not isinstance(raw, int | float):
        return None
    try:
        return float(text)  # type: ignore[arg-type]
    except OverflowError:  # an int of hundreds of digits
        return math.inf if str(raw).strip()[:1] != "-" else -math.inf


def is_grouped(text: str) -> bool:
    """Whether ``text`` looks like a number with thousands separators (``1.875``, ``1,875``)."""
    return bool(_GROUPED.match(text.strip().replace(" ", "")))


def _number(
    raw: object,
    written: str | None,
    what: str,
    index: int,
    location: Location,
) -> float | None:
    """``raw`` as a number; refused when its written text groups digits in threes."""
    text = written if written is not None else raw if isinstance(raw, str) else None
    if text is not None and not isinstance(raw, bool) and is_grouped(text):
        # The reading without separators: "1.875.000" -> 1875000, "1.875,5" -> 1875.5.
        parts = re.split(r"[.,]", text.strip().replace(" ", ""))
        whole = parts if len(parts[-1]) == 3 else parts[:-1]
        digits = "".join(whole) + ("" if whole is parts else "." + parts[-1])
        raise ReleaseError(
            (
                _("The value {value!r} of figure {n} is ambiguous: it may mean {digits}.")
                if what == "value"
                else _("The target {value!r} of figure {n} is ambiguous: it may mean {digits}.")
            ).format(value=text.strip(), n=index + 1, digits=digits),
            hint=_(
                "Write whole numbers without thousands separators, e.g. {digits}; for a "
                "fraction with three decimals add a zero (1.8750)."
            ).format(digits=digits),
            location=location,
        )
    value = _float(raw)
    if value is not None and not math.isnan(value) and abs(value) >= MAX_FIGURE:
        shown = text.strip() if text is not None else str(raw)
        if len(shown) > 24:
            shown = _("{start}… ({count} characters)").format(start=shown[:20], count=len(shown))
        raise ReleaseError(
            (
                _("The value {value} of figure {n} is too large to be drawn.")
                if what == "value"
                else _("The target {value} of figure {n} is too large to be drawn.")
            ).format(value=shown, n=index + 1),
            hint=_(
                "Figures up to a thousand trillion (999999999999999) can be drawn; write the "
                "figure in a larger unit, e.g. 2.5 with the unit 'triliun rupiah'."
            ),
            location=location,
        )
    return parse_number(raw)


def _one(
    entry: dict[str, Any],
    index: int,
    location: Callable[[str | None], Location],
    written: Callable[[str], str | None] = lambda name: None,
) -> Stat:
    label = entry.get("label")
    if not isinstance(label, str | int) or not str(label).strip():
        raise ReleaseError(
            _("Figure {n} has no label.").format(n=index + 1),
            hint=_("Give every figure a 'label' saying what it counts."),
            location=location("label"),
        )
    value = _number(entry.get("value"), written("value"), "value", index, location("value"))
    if value is None:
        raise ReleaseError(
            _("The value {value!r} of figure {n} is not a number.").format(
                value=entry.get("value"), n=index + 1
            ),
            hint=_("Write plain digits with a dot for decimals, e.g. 1875 or 91.3."),
            location=location("value"),
        )
    target = None
    if entry.get("target") not in (None, ""):
        target = _number(
            entry.get("target"), written("target"), "target", index, location("target")
        )
        if target is None:
            raise ReleaseError(
                _("The target {value!r} of figure {n} is not a number.").format(
                    value=entry.get("target"), n=index + 1
                ),
                hint=_("Write plain digits, e.g. 295, or leave the target out."),
                location=location("target"),
            )
    unit = entry.get("unit")
    return Stat(
        label=str(label).strip(),
        value=value,
        unit=str(unit).strip() or None if unit is not None else None,
        target=target,
    )


def _warnings(
    stat: Stat, index: int, location: Callable[[str | None], Location]
) -> list[Diagnostic]:
    """What is odd about one figure; a realisation above its target is fine and not reported."""
    name = _("Figure {n} ({label})").format(n=index + 1, label=stat.label)
    found = []
    if stat.target == 0:
        found.append(
            _warning(
                "stat-target-zero",
                _("{figure} has a target of 0, so no percentage of the target is shown.").format(
                    figure=name
                )
                + " "
                + _("Write the real target, or leave 'target' out."),
                location("target"),
            )
        )
    for column, number in (("value", stat.value), ("target", stat.target)):
        if number is not None and number < 0:
            found.append(
                _warning(
                    "stat-negative",
                    _(
                        "{figure} has a negative {column} ({number}); charts draw bars from "
                        "zero, so it gets no bar."
                    ).format(figure=name, column=column, number=f"{number:g}")
                    + " "
                    + _(
                        "Check the sign; for a decrease, say so in the label and write the "
                        "figure as a positive number."
                    ),
                    location(column),
                )
            )
    if (stat.unit or "").strip().lower() in PERCENT_UNITS:
        for column, number in (("value", stat.value), ("target", stat.target)):
            if number is not None and number > 100:
                found.append(
                    _warning(
                        "stat-percent-over-100",
                        _("{figure} is a percentage above 100 ({number}%).").format(
                            figure=name, number=f"{number:g}"
                        )
                        + " "
                        + _(
                            "Check the figure; a share of a whole is at most 100%. For a count "
                            "beyond its target, write the count with its target instead."
                        ),
                        location(column),
                    )
                )
    return found


def _check_count(count: int, location: Location) -> None:
    if count > MAX_STATS:
        raise ReleaseError(
            _("There are {count} figures; at most {limit} fit in the infographics.").format(
                count=count, limit=MAX_STATS
            ),
            hint=_("Keep the most important figures, or split them over two releases."),
            location=location,
        )


def parse_stats(
    entries: Sequence[object],
    source: Path,
    line_of: Callable[..., int | None],
    *,
    warnings: list[Diagnostic] | None = None,
    written: Callable[..., str | None] = lambda *path: None,
) -> tuple[Stat, ...]:
    """Figures written in the frontmatter as a list of mappings.

    Args:
        entries: the ``stats`` list of the frontmatter.
        source: the release file, for messages.
        line_of: the line of ``stats``, ``stats[i]`` or ``stats[i].key`` in ``source``.
        warnings: when given, odd but drawable figures are appended to it.
        written: the text of ``stats[i].key`` as written in ``source`` (YAML's ``1.875`` is a
            float; its text shows the thousands separator).

    Raises:
        ReleaseError: too many figures, a figure without a label, a value that is no number or
            whose digits are grouped in threes.
    """
    _check_count(len(entries), Location(source, "stats", line_of()))
    stats = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ReleaseError(
                _("Figure {n} must have 'label' and 'value'.").format(n=index + 1),
                hint=_(
                    "For example: - {{label: Balita ditimbang, value: 1875, unit: balita}}"
                ).format(),
                location=Location(source, f"stats[{index}]", line_of(index)),
            )

        def where(name: str | None, i: int = index) -> Location:
            field = f"stats[{i}]" + (f".{name}" if name else "")
            return Location(source, field, line_of(i, name) if name else line_of(i))

        def text_of(name: str, i: int = index) -> str | None:
            return written(i, name)

        stats.append(_one(entry, index, where, text_of))
        if warnings is not None:
            warnings.extend(_warnings(stats[-1], index, where))
    return tuple(stats)


def load_stats_csv(path: Path, *, warnings: list[Diagnostic] | None = None) -> tuple[Stat, ...]:
    """Figures from a CSV file (UTF-8, comma or semicolon separated).

    When ``warnings`` is given, odd but drawable figures are appended to it, located at their
    line of the CSV file.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise ReleaseError(
            _("The stats file cannot be read: {reason}.").format(reason=exc.strerror or exc),
            hint=_("Check that 'stats' names a CSV file next to the release."),
            location=Location(path),
        ) from None
    if len(data) > MAX_CSV_BYTES:
        raise ReleaseError(
            _("The stats file is larger than {size} KB.").format(size=MAX_CSV_BYTES // 1000),
            hint=_("A card shows at most {n} figures: keep only those in the file.").format(
                n=MAX_STATS
            ),
            location=Location(path),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReleaseError(
            _("The stats file is not UTF-8 text."),
            hint=_("Export it again as 'CSV UTF-8'."),
            location=Location(path),
        ) from None
    control = _CONTROL.search(text)
    if control:
        raise ReleaseError(
            _("The stats file holds a control character ({char}), which is not text.").format(
                char=f"U+{ord(control.group()):04X}"
            ),
            hint=_("Export it again as 'CSV UTF-8' from the spreadsheet."),
            location=Location(path, None, text.count("\n", 0, control.start()) + 1),
        )
    first = text.splitlines()[0] if text.strip() else ""
    # Spreadsheets set to an Indonesian locale export with ";" between columns.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ReleaseError(
            _("The stats file lacks the column(s) {columns}.").format(columns=", ".join(missing)),
            hint=_("The first line must name the columns: label,value,unit,target."),
            location=Location(path, None, 1),
        )
    rows = []
    try:
        for row in reader:
            clean = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
            if any(clean.values()):
                rows.append((reader.line_num, clean))
    except csv.Error as exc:  # e.g. a quote left open, so one field swallows the whole file
        line = reader.reader.line_num
        reason = (
            _("a cell longer than {limit} characters").format(limit=csv.field_size_limit())
            if "field larger" in str(exc)
            else _("the quotation marks do not pair up")
        )
        raise ReleaseError(
            _("Line {line} of the stats file cannot be read as CSV: {reason}.").format(
                line=line, reason=reason
            ),
            hint=_('Check the quotation marks on that line: every opening " needs a closing ".'),
            location=Location(path, None, line),
        ) from None
    _check_count(len(rows), Location(path))
    stats = []
    for index, (line, clean) in enumerate(rows):

        def where(name: str | None, line: int = line) -> Location:
            return Location(path, name, line)

        stats.append(_one(clean, index, where))
        if warnings is not None:
            warnings.extend(_warnings(stats[-1], index, where))
    if not stats:
        raise ReleaseError(
            _("The stats file has no figures."),
            hint=_("Add one line per figure below the header."),
            location=Location(path),
        )
    return tuple(stats)
