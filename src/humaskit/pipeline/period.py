"""The days a recap covers: an ISO week or a date range, and how a caption writes them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from humaskit.errors import Location, UsageError
from humaskit.i18n import _
from humaskit.text.formatting import format_date_short

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """The days a recap covers, both ends included; ``week`` is ``"2024-W19"`` for an ISO week."""

    start: dt.date
    end: dt.date
    week: str | None = None

    @property
    def label(self) -> str:
        """``"2024-W19"``, or ``"2024-05-06_2024-05-12"`` for a free range."""
        return self.week or f"{self.start.isoformat()}_{self.end.isoformat()}"


def parse_week(text: str) -> Period:
    """``"2024-W19"`` (ISO week; ``2024W19`` and ``2024-w19`` too) → Monday to Sunday.

    Raises:
        UsageError: not a week of that form, or the year has no such week.
    """
    match = _WEEK_RE.match(text)
    hint = _("Write the ISO week as YYYY-Www, for example 2024-W19.")
    if match is None:
        raise UsageError(
            _("{value!r} is not a week.").format(value=text),
            hint=hint,
            location=Location(field="week"),
        )
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise UsageError(
            _("The year {year} has no week {week}.").format(year=year, week=week),
            hint=hint,
            location=Location(field="week"),
        ) from None
    return Period(monday, monday + dt.timedelta(days=6), f"{year}-W{week:02d}")


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            _("{value!r} is not a valid date.").format(value=text),
            hint=_(
                "Write the date as YYYY-MM-DD, for example 2024-05-10, and check the day exists."
            ),
            location=Location(field=option),
        ) from None


def parse_period(
    week: str | None = None, start: str | None = None, end: str | None = None
) -> Period:
    """The period of ``--week`` or of ``--from``/``--to`` (exactly one of the two forms).

    Raises:
        UsageError: both forms or neither, only one end of a range, a bad date, or a range that
            ends before it starts.
    """
    if week is not None and (start is not None or end is not None):
        raise UsageError(
            _("Give either --week or --from and --to, not both."),
            hint=_("For example: --week 2024-W19, or --from 2024-05-06 --to 2024-05-12."),
        )
    if week is not None:
        return parse_week(week)
    if start is None or end is None:
        raise UsageError(
            _("Say which days to sum up: --week, or --from and --to."),
            hint=_("For example: --week 2024-W19, or --from 2024-05-06 --to 2024-05-12."),
        )
    first, last = _day(start, "from"), _day(end, "to")
    if last < first:
        raise UsageError(
            _("The range ends ({end}) before it starts ({start}).").format(
                start=first.isoformat(), end=last.isoformat()
            ),
            hint=_("Swap --from and --to."),
        )
    return Period(first, last)


def date_range_text(start: dt.date, end: dt.date, locale: str = "id") -> str:
    """Indonesian date range: ``"6–12 Mei 2024"``, ``"29 April – 5 Mei 2024"``,
    ``"30 Desember 2024 – 5 Januari 2025"``; one day: ``"6 Mei 2024"``."""
    last = format_date_short(end, locale)
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    first = format_date_short(start, locale)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]
    return f"{first} – {last}"
