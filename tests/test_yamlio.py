"""The one YAML reader: plain values, lines per key path, the alias guard, "did you mean"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from humaskit import i18n, yamlio
from humaskit.errors import HumaskitError, ReleaseError
from humaskit.yamlio import read_yaml, suggest


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(None)


TEXT = """\
title: Judul
date: 2024-05-10
agenda:
  - date: 2024-05-11
    title: Rapat
box:
  x: 1
"""


def test_values_are_plain_and_dates_stay_text() -> None:
    doc = read_yaml(TEXT, "a.yaml")
    assert doc.data == {
        "title": "Judul",
        "date": "2024-05-10",
        "agenda": [{"date": "2024-05-11", "title": "Rapat"}],
        "box": {"x": 1},
    }
    assert type(doc.data) is dict


def test_every_key_path_has_its_line() -> None:
    doc = read_yaml(TEXT, "a.yaml", first_line=10)
    assert doc.line("title") == 10
    assert doc.line("agenda", 0) == 13
    assert doc.line("agenda", 0, "title") == 14
    assert doc.line("box") == 15
    assert doc.value_line("box") == 16
    assert doc.line("agenda", 0, "missing") == 13  # the nearest known ancestor


def test_duplicates_are_recorded_and_the_last_value_kept_when_allowed() -> None:
    doc = read_yaml("a: 1\nb: 2\na: 3\n", "a.yaml", allow_duplicates=True)
    assert doc.data["a"] == 3
    assert doc.duplicates == {("a",): (3, 1)}


def test_an_empty_document_has_no_data() -> None:
    assert read_yaml("# nothing\n", "a.yaml").data is None


def test_a_syntax_error_names_file_and_line() -> None:
    with pytest.raises(ReleaseError) as caught:
        read_yaml(
            "a: 1\nb: [1, 2\nc: 3\n",
            "a.yaml",
            error=ReleaseError,
            syntax="Broken: {problem}.",
            hint="Look there.",
        )
    assert caught.value.message.startswith("Broken: ")
    # A usual mistake (a '[' never closed) brings its own hint and the line it is on.
    assert "Close the list" in caught.value.hint
    assert caught.value.location.line == 2
    with pytest.raises(ReleaseError) as unusual:
        read_yaml(
            "a: 1\n  b: 2\n",
            "a.yaml",
            error=ReleaseError,
            syntax="Broken: {problem}.",
            hint="Look there.",
        )
    assert unusual.value.message.startswith("Broken: ")
    assert unusual.value.hint == "Look there."
    assert unusual.value.location.line == 2


def test_an_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    with pytest.raises(HumaskitError, match="too large"):
        read_yaml("\n".join(lines) + "\n", "bomb.yaml")


def test_a_huge_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_YAML_CHARS", 100)
    with pytest.raises(HumaskitError, match="too large"):
        read_yaml("a: " + "x" * 200 + "\n", "big.yaml")


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(HumaskitError, match="valid YAML"):
        read_yaml("a: !!python/object/apply:os.system [echo]\n", "a.yaml")


def test_suggest_names_the_closest_option_or_nothing() -> None:
    assert suggest("kinerj", ["rilis", "kinerja"]) == "Did you mean 'kinerja'?"
    assert suggest("zzz", ["rilis", "kinerja"]) == ""
