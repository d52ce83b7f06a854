"""Indonesian dates and numbers, through Babel.

Captions and cards speak the brand's locale (``id`` for Blora) whatever language the CLI's
messages are in. Babel is imported on first use so that ``humaskit --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

DEFAULT_LOCALE: Final = "id"

# Units that mean "this value is a percentage" or "this value is an amount of rupiah".
_PERCENT_UNITS: Final = frozenset({"%", "persen"})
_RUPIAH_UNITS: Final = frozenset({"rp", "idr", "rupiah"})
# From this amount up, rupiah are written compactly ("Rp12,75 miliar").
_RUPIAH_COMPACT_FROM: Final = 1_000_000_000


def format_date(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """``2024-05-10`` → ``"Jumat, 10 Mei 2024"``; ``2025-01-05`` → ``"Minggu, 5 Januari 2025"``."""
    from babel.dates import format_date as _fd
    from babel.dates import get_date_format

    # CLDR's Indonesian full pattern pads the day ("05 Januari"); Indonesian prose does not.
    pattern = get_date_format("full", locale=locale).pattern.replace("dd", "d")
    return str(_fd(value, pattern, locale=locale))


def format_date_short(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """``2024-05-10`` → ``"10 Mei 2024"``."""
    from babel.dates import format_date as _fd

    return str(_fd(value, "d MMMM y", locale=locale))


def _unsigned_zero(value: float, digits: int) -> float:
    """``value``, or ``0.0`` when it shows as zero at ``digits`` decimals: never "-0" or "-0%"."""
    return 0.0 if round(value, digits) == 0 else value


def format_number(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """``1234567.5`` → ``"1.234.567,5"``; whole numbers lose their ``,0``."""
    from babel.numbers import format_decimal

    value = _unsigned_zero(value, 2)
    if float(value).is_integer():
        value = int(value)
    return str(format_decimal(value, format="#,##0.##", locale=locale))


def format_percent(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """``87.5`` (already in percent) → ``"87,5%"``."""
    from babel.numbers import format_percent as _fp

    return str(_fp(_unsigned_zero(value, 1) / 100, format="#,##0.#%", locale=locale))


def format_compact(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """``1200000`` → ``"1,2 juta"``; ``12750000000`` → ``"12,75 miliar"``.

    The long form is used because the short one ("1,2 jt") carries a no-break space and is
    less clear to citizens.
    """
    from babel.numbers import format_compact_decimal

    value = _unsigned_zero(value, 2)
    return str(format_compact_decimal(value, format_type="long", fraction_digits=2, locale=locale))


def format_rupiah(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """``1200000`` → ``"Rp1.200.000"``; from a billion up: ``"Rp12,75 miliar"``.

    No space after "Rp", as the Indonesian spelling guide (PUEBI) writes it. Amounts below a
    billion keep every digit, the way prices and honoraria are written.
    """
    if abs(value) >= _RUPIAH_COMPACT_FROM:
        return "Rp" + format_compact(value, locale)
    from babel.numbers import format_currency

    value = _unsigned_zero(value, 0)
    return str(format_currency(value, "IDR", format="¤#,##0", currency_digits=False, locale=locale))


def format_quantity(value: float, unit: str | None, locale: str = DEFAULT_LOCALE) -> str:
    """A stat's value with its unit, the Indonesian way.

    ``(1875, "balita")`` → ``"1.875 balita"``; ``(91.3, "%")`` → ``"91,3%"``;
    ``(12_750_000_000, "Rp")`` → ``"Rp12,75 miliar"``; ``(1_200_000, "jiwa")`` →
    ``"1,2 juta jiwa"``.
    """
    key = (unit or "").strip().lower()
    if key in _PERCENT_UNITS:
        return format_percent(value, locale)
    if key in _RUPIAH_UNITS:
        return format_rupiah(value, locale)
    number = format_compact(value, locale) if abs(value) >= 1_000_000 else format_number(value)
    return f"{number} {unit.strip()}" if unit and unit.strip() else number


def format_time(value: str) -> str:
    """``"9:00"`` or ``"09.00"`` → ``"09.00"`` (Indonesian times use a dot)."""
    text = value.strip().replace(":", ".")
    hours, _, minutes = text.partition(".")
    if hours.isdigit() and (minutes.isdigit() or not minutes):
        return f"{int(hours):02d}.{int(minutes or 0):02d}"
    return text
