"""What a card shows: a release's fields formatted for people, as layouts see them.

:class:`CardContent` holds every field a card may show, already formatted (dates and figures
the Indonesian way); :func:`card_values` turns it into the names layout templates use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from humaskit.model.entries import AgendaItem
    from humaskit.model.stats import Stat

__all__ = [
    "AgendaView",
    "CardContent",
    "StatView",
    "agenda_views",
    "card_values",
    "stat_views",
]


@dataclass(frozen=True)
class StatView:
    """One kinerja figure as cards show it: formatted text plus the numbers charts need.

    ``share`` is the value on the scale shared by every figure of the card (0 at zero, 1 at the
    largest absolute value), so bars start at zero and compare honestly. ``ratio`` is the value
    over its target, capped to 0..1 for a progress bar; ``percent`` is the uncapped percentage.
    """

    label: str
    value: float
    value_text: str
    unit: str | None = None
    target: float | None = None
    target_text: str | None = None
    percent: float | None = None
    percent_text: str | None = None
    ratio: float | None = None
    share: float = 0.0
    is_percent: bool = False
    pair_text: str = ""  # "1.020 / 1.100 posyandu": realisation over target (value_text without)


@dataclass(frozen=True)
class AgendaView:
    """One event of an agenda card, formatted the Indonesian way."""

    day_text: str  # "Selasa, 14 Mei 2024"
    date_short: str  # "14 Mei 2024"
    weekday: str  # "Selasa"
    day: str  # "14"
    month: str  # "Mei"
    title: str
    time_text: str | None = None  # "09.00 WIB"
    place: str | None = None


@dataclass(frozen=True)
class CardContent:
    """Everything a card may show, already formatted for people.

    Layout templates see these fields by name (``{{ title }}``, ``{% for s in stats %}``); the
    nested views become plain mappings there.
    """

    kind: str
    title: str
    summary: str
    unit_name: str
    date_text: str
    photo: Path | None = None
    photo_focus: tuple[float, float] = (0.5, 0.5)
    photo_alt: str | None = None
    photo_credit: str | None = None
    quote_text: str | None = None
    quote_by: str | None = None
    quote_role: str | None = None
    portrait: Path | None = None  # the speaker's portrait (a circle); never an event photo
    handles_text: str = ""
    footer: str = ""
    draft: bool = False
    location: str | None = None
    # kinerja
    stats: tuple[StatView, ...] = ()
    period: str | None = None
    source: str | None = None
    # agenda
    agenda: tuple[AgendaView, ...] = ()
    # hoaks
    claim: str | None = None
    fact: str | None = None
    # aduan
    complaint: str | None = None
    action: str | None = None
    status: str | None = None  # diterima | diproses | selesai
    status_text: str | None = None  # "Selesai ditindaklanjuti"
    status_step: int = 0  # 1, 2, 3 for the three statuses
    ticket: str | None = None
    photo_before: Path | None = None
    photo_after: Path | None = None
    complaint_channels: str = ""  # "SP4N-LAPOR! lapor.go.id · …"
    # pengumuman / potensi
    when: str | None = None
    place: str | None = None
    contact: str | None = None
    highlights: tuple[str, ...] = ()
    # a kind's own fields (humaskit.model.kinds), as (name, value) pairs; layouts see a mapping
    extra: tuple[tuple[str, Any], ...] = ()
    # carousels: the key points of the body, and this slide's number out of how many
    points: tuple[str, ...] = ()
    slide: int = 0
    slides: int = 0


def stat_views(stats: Sequence[Stat], locale: str = "id") -> tuple[StatView, ...]:
    """Format figures for a card: values, targets and percentages the Indonesian way.

    Bars share one scale that starts at zero: ``share`` is each value over the largest absolute
    value among ``stats``.
    """
    from humaskit.text.formatting import format_number, format_percent, format_quantity

    # Negative figures get no bar (bars start at zero); the number beside it tells.
    largest = max((s.value for s in stats), default=0.0)
    views = []
    for stat in stats:
        percent = stat.percent_of_target
        is_percent = (stat.unit or "").strip().lower() in ("%", "persen")
        value_text = format_quantity(stat.value, stat.unit, locale)
        target_text = (
            format_quantity(stat.target, stat.unit, locale) if stat.target is not None else None
        )
        pair_text = value_text
        if target_text is not None:
            plain = (
                stat.unit is not None
                and stat.unit.strip().lower() not in ("%", "persen", "rp", "idr", "rupiah")
                and max(abs(stat.value), abs(stat.target or 0)) < 1_000_000
            )
            # "1.020 / 1.100 posyandu" reads better than repeating the unit on both sides.
            pair_text = (
                f"{format_number(stat.value, locale)} / {target_text}"
                if plain
                else f"{value_text} / {target_text}"
            )
        views.append(
            StatView(
                label=stat.label,
                value=stat.value,
                value_text=value_text,
                unit=stat.unit,
                target=stat.target,
                target_text=target_text,
                pair_text=pair_text,
                percent=percent,
                percent_text=format_percent(percent, locale) if percent is not None else None,
                ratio=_ratio(percent, stat.value if is_percent else None),
                share=max(0.0, stat.value) / largest if largest > 0 else 0.0,
                is_percent=is_percent,
            )
        )
    return tuple(views)


def _ratio(percent_of_target: float | None, percent_value: float | None) -> float | None:
    """How full a progress bar or donut is: realisation over target, else a percentage over
    100; capped to 0..1 (the figure printed beside it says when it is past 100 %)."""
    percent = percent_of_target if percent_of_target is not None else percent_value
    return None if percent is None else min(1.0, max(0.0, percent / 100))


def agenda_views(items: Sequence[AgendaItem], locale: str = "id") -> tuple[AgendaView, ...]:
    """Format agenda items: ``"Selasa, 14 Mei 2024"``, ``"09.00 WIB"``."""
    from babel.dates import format_date as babel_date

    from humaskit.text.formatting import format_date, format_date_short, format_time

    views = []
    for item in items:
        time_text = None
        if item.time:
            time_text = format_time(item.time)
            if not any(zone in time_text for zone in ("WIB", "WITA", "WIT")):
                time_text += " WIB"  # Blora keeps western Indonesian time
        views.append(
            AgendaView(
                day_text=format_date(item.date, locale),
                date_short=format_date_short(item.date, locale),
                weekday=str(babel_date(item.date, "EEEE", locale=locale)),
                day=str(item.date.day),
                month=str(babel_date(item.date, "MMM", locale=locale)),
                title=item.title,
                time_text=time_text,
                place=item.place,
            )
        )
    return tuple(views)


def card_values(content: CardContent) -> dict[str, Any]:
    """The fields of ``content`` by the names layout templates use, with a few counts."""
    values = dataclasses.asdict(content)
    values["extra"] = dict(content.extra)
    for name in ("photo", "photo_before", "photo_after", "portrait"):
        path = getattr(content, name)
        values[name] = str(path) if path else None
    # What infographic layouts choose by: how many figures, and whether one scale suits them.
    values["stats_count"] = len(content.stats)
    values["stats_same_unit"] = len({(s.unit or "").strip().lower() for s in content.stats}) <= 1
    values["stats_with_target"] = sum(1 for s in content.stats if s.target is not None)
    return values
