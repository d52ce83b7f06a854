"""Caption length as each platform counts it; X against twitter-text's own conformance suite."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from humaskit import i18n
from humaskit.errors import PlatformError
from humaskit.model.platforms import builtin_platforms
from humaskit.text.counting import (
    count_length,
    fits,
    threads_length,
    utf16_length,
    x_weighted_length,
)

CONFORMANCE = Path(__file__).parent / "data" / "twitter-text" / "validate.yml"

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # man, woman, girl, boy
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone
FLAG_ID = "\U0001f1ee\U0001f1e9"  # Indonesia
KEYCAP_ONE = "1\ufe0f\u20e3"
RED_HEART = "\u2764\ufe0f"
PHOENIX = "\U0001f426\u200d\U0001f525"  # Emoji 15.1, newer than twitter-text-parser's table
HANDSHAKE_TONES = "\U0001faf1\U0001f3fd\u200d\U0001faf2\U0001f3ff"  # Emoji 14.0
E_COMBINING = "e\u0301"  # decomposed é; NFC makes it one code point


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def _conformance_cases() -> list[Any]:
    suite = yaml.safe_load(CONFORMANCE.read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(case["text"], case["expected"]["weightedLength"], id=case["description"])
        for section in (
            "WeightedTweetsWithDiscountedEmojiCounterTest",
            "UnicodeDirectionalMarkerCounterTest",
        )
        for case in suite[section]
    ]


def test_conformance_data_is_complete() -> None:
    assert len(_conformance_cases()) == 23


@pytest.mark.parametrize(("text", "expected"), _conformance_cases())
def test_x_counts_like_twitter_text_v3(text: str, expected: int) -> None:
    assert count_length(text, "x") == expected
    assert x_weighted_length(text) == expected


# --- X: our own cases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.go.id/berita/123",
        "http://t.co",
        "blorakab.go.id",
        "https://example.go.id/" + "a" * 200 + "?q=1",
    ],
)
def test_x_every_url_counts_23(url: str) -> None:
    assert count_length(url, "x") == 23
    assert count_length(f"Baca: {url} ya", "x") == 6 + 23 + 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FAMILY, 2),
        (THUMBS_MEDIUM, 2),
        (FLAG_ID, 2),
        (KEYCAP_ONE, 2),
        ("1\u20e3", 2),
        (RED_HEART, 2),
        (PHOENIX, 2),
        (HANDSHAKE_TONES, 2),
        (FAMILY * 3, 6),
        ("Selamat " + FLAG_ID + THUMBS_MEDIUM, 8 + 4),
    ],
    ids=lambda value: ascii(value) if isinstance(value, str) else str(value),
)
def test_x_every_emoji_sequence_counts_2(text: str, expected: int) -> None:
    assert count_length(text, "x") == expected


def test_x_cjk_and_other_scripts_count_2() -> None:
    assert count_length("中文", "x") == 4
    assert count_length("ꦧꦺꦴꦫ", "x") == 8  # Javanese script, outside U+0000–U+10FF
    assert count_length("Blora", "x") == 5


def test_x_punctuation_weights() -> None:
    assert count_length("\u2014\u2019\u201c\u201d", "x") == 4  # em dash and quotes weigh 1
    # A truncated caption ends with an ellipsis: U+2026 is outside the light ranges.
    assert count_length("\u2026", "x") == 2


def test_x_normalises_to_nfc_first() -> None:
    assert count_length(E_COMBINING, "x") == 1
    assert count_length("Kab" + E_COMBINING, "x") == 4


def test_x_280_boundary() -> None:
    assert fits("a" * 280, "x")
    assert not fits("a" * 281, "x")
    with_url = "a" * 256 + " https://example.go.id/berita/panjang-sekali"
    assert count_length(with_url, "x") == 280
    assert fits(with_url, "x")
    assert not fits("a" + with_url, "x")
    assert fits("中" * 140, "x")
    assert not fits("中" * 140 + "a", "x")
    assert fits("\U0001f600" * 140, "x")
    assert not fits("\U0001f600" * 141, "x")


# --- utf16 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("Blora", 5),
        ("\U0001f600", 2),
        (THUMBS_MEDIUM, 4),
        (FAMILY, 11),
        (RED_HEART, 2),
        (E_COMBINING, 1),
        ("中文", 2),
        ("https://example.go.id/berita/123", 32),
    ],
    ids=ascii,
)
def test_utf16_counts_code_units_after_nfc(text: str, expected: int) -> None:
    assert utf16_length(text) == expected
    assert count_length(text, "instagram") == expected


def test_utf16_boundary_with_an_emoji() -> None:
    assert fits("a" * 2198 + "\U0001f600", "instagram")
    assert not fits("a" * 2199 + "\U0001f600", "instagram")


# --- threads --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("Blora", 5),
        ("\U0001f600", 4),
        (RED_HEART, 6),
        (THUMBS_MEDIUM, 8),
        (FAMILY, 25),
        (FLAG_ID, 8),
        ("Halo \U0001f600!", 5 + 4 + 1),
        (E_COMBINING, 1),
        ("中文", 2),
        ("https://example.go.id", 21),
    ],
    ids=ascii,
)
def test_threads_counts_emoji_by_utf8_bytes(text: str, expected: int) -> None:
    assert threads_length(text) == expected
    assert count_length(text, "threads") == expected


def test_threads_500_boundary() -> None:
    assert fits("a" * 496 + "\U0001f600", "threads")
    assert not fits("a" * 497 + "\U0001f600", "threads")


# --- platform argument ----------------------------------------------------------------------------


def test_a_platform_object_brings_its_own_rules() -> None:
    instagram = builtin_platforms()["instagram"]
    like_x = replace(instagram, counting="twitter", caption_limit=30)
    assert count_length("https://example.go.id/berita/123", like_x) == 23
    assert fits("a" * 30, like_x)
    assert not fits("a" * 31, like_x)


def test_platform_id_is_case_insensitive() -> None:
    assert count_length("\U0001f600", "X") == 2
    assert count_length("\U0001f600", " Threads ") == 4


def test_unknown_platform_id_is_a_platform_error() -> None:
    with pytest.raises(PlatformError) as caught:
        count_length("Halo", "twitter")
    assert "'twitter'" in caught.value.message
    assert "'x'" in caught.value.hint


def test_twitter_text_is_imported_only_when_counting_for_x() -> None:
    program = (
        "import sys\n"
        "from humaskit.text.counting import count_length\n"
        "count_length('Halo \\U0001f600', 'instagram')\n"
        "count_length('Halo \\U0001f600', 'threads')\n"
        "before = 'twitter_text' in sys.modules\n"
        "count_length('Halo', 'x')\n"
        "print(before, 'twitter_text' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.split() == ["False", "True"]
