"""Indonesian dates and numbers, through Babel."""

from __future__ import annotations

import datetime as dt

import pytest

from humaskit.text.formatting import (
    format_compact,
    format_date,
    format_date_short,
    format_number,
    format_percent,
    format_quantity,
    format_rupiah,
    format_time,
)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2024, 5, 10), "Jumat, 10 Mei 2024"),
        (dt.date(2024, 8, 17), "Sabtu, 17 Agustus 2024"),
        (dt.date(2024, 2, 29), "Kamis, 29 Februari 2024"),
        (dt.date(2025, 1, 5), "Minggu, 5 Januari 2025"),
    ],
)
def test_full_date(day: dt.date, text: str) -> None:
    assert format_date(day) == text


def test_short_date() -> None:
    assert format_date_short(dt.date(2024, 5, 10)) == "10 Mei 2024"


def test_date_in_another_locale() -> None:
    assert format_date(dt.date(2024, 5, 10), "en") == "Friday, May 10, 2024"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.5, "1.234,5"),
        (1875, "1.875"),
        (1875.0, "1.875"),
        (1234567.5, "1.234.567,5"),
        (0, "0"),
        (91.25, "91,25"),
    ],
)
def test_number(value: float, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(("value", "text"), [(87.5, "87,5%"), (100, "100%"), (91.3, "91,3%")])
def test_percent(value: float, text: str) -> None:
    assert format_percent(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1_200_000, "1,2 juta"),
        (12_750_000_000, "12,75 miliar"),
        (3_000_000, "3 juta"),
    ],
)
def test_compact(value: float, text: str) -> None:
    assert format_compact(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12_750_000_000, "Rp12,75 miliar"),
        (1_200_000, "Rp1.200.000"),
        (1_500, "Rp1.500"),
        (350_000_000, "Rp350.000.000"),
    ],
)
def test_rupiah_has_no_space_after_rp(value: float, text: str) -> None:
    assert format_rupiah(value) == text
    assert "Rp " not in format_rupiah(value)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1875, "balita", "1.875 balita"),
        (91.3, "%", "91,3%"),
        (87.5, "persen", "87,5%"),
        (12_750_000_000, "Rp", "Rp12,75 miliar"),
        (1_200_000, "rupiah", "Rp1.200.000"),
        (1_200_000, "jiwa", "1,2 juta jiwa"),
        (58, None, "58"),
        (58, "  ", "58"),
    ],
)
def test_quantity(value: float, unit: str | None, text: str) -> None:
    assert format_quantity(value, unit) == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [("09.00", "09.00"), ("9:00", "09.00"), ("9", "09.00"), ("13.30", "13.30"), ("pagi", "pagi")],
)
def test_time(raw: str, text: str) -> None:
    assert format_time(raw) == text


@pytest.mark.parametrize("value", [-0.0, -0.001, -0.004])
def test_a_value_that_shows_as_zero_never_shows_a_minus(value: float) -> None:
    assert format_number(value) == "0"
    assert format_percent(value) == "0%"
    assert format_rupiah(value) == "Rp0"
    assert format_quantity(value, "balita") == "0 balita"


def test_a_small_negative_that_shows_is_still_negative() -> None:
    assert format_percent(-0.06) == "-0,1%"
    assert format_number(-3) == "-3"
