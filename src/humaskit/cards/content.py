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

from humaskit.cards.points import is_schedule
from humaskit.model.stats import PERCENT_UNITS

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

    Each bar is drawn on its figure's own scale, from zero, and ``fill`` says how full it is:

    - a percentage (unit ``%`` or ``persen``) on 0–100 %: 91.3 % fills 91.3 % of the track,
      never 91.3 / 95 of it; its target is a tick at 95 %;
    - a count or amount with a target on 0 to the larger of value and target: short of the
      target the bar ends where the value is and the tick marks the target at the track's end;
      past it the bar is full and the tick shows where the target was;
    - a count without a target on the scale every figure of the card shares (``share``: 0 at
      zero, 1 at the largest value), only when all of them have one unit and none a target.

    ``tick`` is where the target sits on that scale (``None`` without one). ``ratio`` is the
    fill of a progress bar (a figure with a target, or a percentage), ``percent`` the
    realisation in percent of the target, uncapped (counts and amounts only: a percentage of a
    percentage target, "96,1 %" for 91,3 % of 95 %, reads as nearly everyone).
    """

    label: str
    value: float
    value_text: str  # "1.875 balita"
    unit: str | None = None
    target: float | None = None
    target_text: str | None = None  # "2.000 balita"
    percent: float | None = None
    percent_text: str | None = None  # "93,8%" (of the target; counts and amounts only)
    ratio: float | None = None
    share: float = 0.0
    is_percent: bool = False
    pair_text: str = ""  # "1.875 dari 2.000 balita": realisation and target (value_text without)
    figure_text: str = ""  # the card's wording: "1.875 dari 2.000 balita (93,8%)"
    spoken_text: str = ""  # the alt text's: "1.875 dari target 2.000 balita (93,8%)"
    fill: float | None = None  # how full its bar is, 0..1 (``None``: no bar)
    tick: float | None = None  # where its target sits on the bar, 0..1


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
    weekday_short: str = ""  # "Sel", for a compact date tile


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
    # The platform's own account when it is a phone number that a layout sets in a block of its
    # own ("WA 0800-…" among an aduan card's complaint channels; the footer then shows the
    # handle, humaskit.pipeline.carousels.for_platform). Empty elsewhere.
    account_text: str = ""
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
    photo_before_focus: tuple[float, float] = (0.5, 0.5)  # the point each crop keeps in view
    photo_after_focus: tuple[float, float] = (0.5, 0.5)
    complaint_channels: str = ""  # "SP4N-LAPOR! lapor.go.id · …"
    # The same channels as (name, address) pairs, for layouts that set each on its own row:
    # the address is the bare URL, else the phone number, else "".
    channels: tuple[tuple[str, str], ...] = ()
    # pengumuman / potensi
    when: str | None = None
    place: str | None = None
    contact: str | None = None
    highlights: tuple[str, ...] = ()
    # a kind's own fields (humaskit.model.kinds), as (name, value) pairs; layouts see a mapping
    extra: tuple[tuple[str, Any], ...] = ()
    # carousels: the key points of the body (this slide's, numbered from ``points_from``), and
    # this slide's number out of how many
    points: tuple[str, ...] = ()
    points_from: int = 1
    # What the body's own list is about ("Jadwal layanan, pukul 08.00–14.00 WIB"), when the
    # points are that list: a single card may show them under it (pengumuman). "" otherwise,
    # and on a carousel's cover, whose later slides show them.
    points_label: str = ""
    slide: int = 0
    slides: int = 0
    # An inner carousel slide's short label ("Jadwal layanan", "Agenda 13–14 September 2024"):
    # the headline is the cover's alone, so an inner slide's `title` is this label too. Empty
    # elsewhere.
    section: str = ""
    # Events of the release after the ones in `agenda` (on later slides, or in the caption
    # only), and where the events a card leaves out can be read: "di slide berikutnya",
    # "di keterangan", "di tautan", or "" when no other place lists them.
    agenda_rest: int = 0
    more_where: str = ""
    # A one-item video scene (a key point, a figure or an event, humaskit.pipeline.videos): its
    # item's place among the release's items of that sort, the 2 and the 4 of "2/4". 0 elsewhere.
    item_number: int = 0
    item_count: int = 0


def stat_views(stats: Sequence[Stat], locale: str = "id") -> tuple[StatView, ...]:
    """Format figures for a card: values, targets and percentages the Indonesian way, each
    with the scale its bar is drawn on (see :class:`StatView`).

    Bars of counts without a target share one scale that starts at zero: ``share`` is each
    value over the largest value among ``stats``; they get a bar (``fill``) only when every
    figure has the same unit and none has a target, so one card never mixes scales.
    """
    # Negative figures get no bar (bars start at zero); the number beside it tells.
    largest = max((s.value for s in stats), default=0.0)
    one_scale = len({_unit_key(s.unit) for s in stats}) <= 1 and all(
        s.target is None for s in stats
    )
    return tuple(_view(stat, largest, one_scale, locale) for stat in stats)


def _unit_key(unit: str | None) -> str:
    return (unit or "").strip().lower()


def _view(stat: Stat, largest: float, one_scale: bool, locale: str) -> StatView:
    from humaskit.text.formatting import format_percent, format_quantity

    is_percent = _unit_key(stat.unit) in PERCENT_UNITS
    value_text = format_quantity(stat.value, stat.unit, locale)
    share = max(0.0, stat.value) / largest if largest > 0 else 0.0
    target = stat.target
    if target is None:
        fill = _clamp(stat.value / 100) if is_percent else (share if one_scale else None)
        return StatView(
            label=stat.label,
            value=stat.value,
            value_text=value_text,
            unit=stat.unit,
            share=share,
            is_percent=is_percent,
            pair_text=value_text,
            figure_text=value_text,
            spoken_text=value_text,
            fill=fill,
            ratio=fill if is_percent else None,
        )
    target_text = format_quantity(target, stat.unit, locale)
    if is_percent or target <= 0:
        # "91,3% (target 95%)": both on the 0–100 scale, no percentage of a percentage. A
        # target of 0 (or below) gives no share of it to draw or to state (stat-target-zero).
        figure = f"{value_text} (target {target_text})"
        fill = _clamp(stat.value / 100) if is_percent else None
        return StatView(
            label=stat.label,
            value=stat.value,
            value_text=value_text,
            unit=stat.unit,
            target=target,
            target_text=target_text,
            share=share,
            is_percent=is_percent,
            pair_text=figure,
            figure_text=figure,
            spoken_text=f"{value_text}, target {target_text}",
            fill=fill,
            tick=_clamp(target / 100) if is_percent and target > 0 else None,
            ratio=fill,
        )
    percent = stat.percent_of_target
    # "1.875 dari 2.000 balita": the unit once, after the target, unless the figures are
    # amounts of money ("Rp1,25 miliar dari Rp2,5 miliar").
    money = _unit_key(stat.unit) in MONEY_UNITS
    number = value_text if money else format_quantity(stat.value, None, locale)
    # "dari 2.000 balita" is one run (no-break spaces) up to a phrase's length: a break parts
    # the realisation from its target ("1.875 / dari 2.000 balita"), never the target from its
    # "dari" or its unit.
    of_target = f"dari {target_text}"
    if len(of_target) <= TARGET_RUN:
        of_target = of_target.replace(" ", "\xa0")
    pair = f"{number} {of_target}"
    spoken = f"{number} dari target {target_text}"
    percent_text = format_percent(percent, locale) if percent is not None else None
    scale = max(stat.value, target)  # the target is above zero here
    return StatView(
        label=stat.label,
        value=stat.value,
        value_text=value_text,
        unit=stat.unit,
        target=target,
        target_text=target_text,
        percent=percent,
        percent_text=percent_text,
        share=share,
        pair_text=pair,
        figure_text=f"{pair} ({percent_text})" if percent_text else pair,
        spoken_text=f"{spoken} ({percent_text})" if percent_text else spoken,
        fill=_clamp(stat.value / scale),
        tick=_clamp(target / scale),
        ratio=_clamp(percent / 100) if percent is not None else None,
    )


MONEY_UNITS = frozenset({"rp", "idr", "rupiah"})
TARGET_RUN = 24  # characters up to which "dari <target> <unit>" is kept on one line


def _clamp(value: float) -> float:
    """``value`` within 0..1 (a bar never runs past its track or below zero)."""
    return min(1.0, max(0.0, value))


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
                weekday_short=str(babel_date(item.date, "EEE", locale=locale)),
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
    # Whether the body's list is a schedule of dates ("Senin, 8 Juli 2024: Kantor …"), which
    # layouts set as date tiles; the carousel picks the schedule slides by the same test.
    values["schedule"] = bool(content.points_label) and is_schedule(content.points)
    return values
