"""The pure layout planner: plans as exact data with a fake measurer, and the schema's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardkit import COLORS
from humaskit.errors import TemplateError
from humaskit.layout.contrast import contrast_failures
from humaskit.layout.geometry import Box, Canvas
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import FillItem, Plan, TextItem, TextLine
from humaskit.layout.planner import plan_layout
from humaskit.layout.textfit import fit_text


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


class FakeMeasurer:
    """Every character is half an em wide; ascent 0.8, descent 0.2."""

    def advance(self, text: str, font: str) -> float:
        return 0.5 * len(text)

    def vmetrics(self, font: str) -> tuple[float, float]:
        return 0.8, 0.2


LAYOUT = """
background: primary
layers:
  - id: footer
    type: text
    text: "{{ handles_text }}"
    size: 20px
    box: {left: 10s, right: 10s, bottom: 10s, height: 20px}
  - id: optional
    type: text
    when: "photo"
    text: "never"
    box: {left: 10s, right: 10s, above: footer, gap: 50px, height: 40px}
  - id: headline
    type: text
    text: "{{ title }}"
    font: heading
    size: 100px
    min_size: 20px
    max_lines: 3
    line_height: 1.0
    valign: bottom
    box: {left: 10s, right: 10s, above: optional, gap: 10px, height: 300px}
  - id: bar
    type: rect
    color: accent
    box: {left: 10s, above: headline, gap: 5px, width: 10w, height: 4px}
"""


def plan(title: str, size: Canvas | None = None) -> Plan:
    layout = parse_layout(LAYOUT, "test.yaml")
    values = {"title": title, "handles_text": "@a", "photo": None}
    return plan_layout(
        layout, size or Canvas(1000, 1000), values=values, colors=COLORS, measurer=FakeMeasurer()
    )


def test_plan_is_exact_data() -> None:
    result = plan("aaaa bbbb cccc dddd")  # 19 chars: 9.5 em
    assert result.warnings == ()
    footer, headline, bar = result.items
    assert footer == TextItem(
        layer="footer",
        box=Box(100.0, 880.0, 120.0, 900.0),
        font="body",
        size=20,
        color=(255, 255, 255, 255),
        lines=(TextLine("@a", 100.0, 896.0, 20.0),),
        large=False,
    )
    # The skipped "optional" layer passes on the footer, so the headline stacks 10 px above it.
    # At the maximum 100 px, 9.5 em does not fit 800 px in one line but fits balanced in two.
    assert headline == TextItem(
        layer="headline",
        box=Box(100.0, 670.0, 550.0, 870.0),
        font="heading",
        size=100,
        color=(255, 255, 255, 255),
        lines=(
            TextLine("aaaa bbbb", 100.0, 750.0, 450.0),
            TextLine("cccc dddd", 100.0, 850.0, 450.0),
        ),
        large=True,
    )
    assert bar == FillItem("bar", Box(100.0, 661.0, 200.0, 665.0), (224, 165, 38, 255))


def test_headline_balances_lines_and_truncates() -> None:
    long = " ".join(["kata"] * 80)
    result = plan(long)
    headline = result.items[1]
    assert isinstance(headline, TextItem)
    assert headline.size == 20
    assert len(headline.lines) == 3
    assert headline.lines[-1].text.endswith("…")
    assert [code for code, _msg in result.warnings] == ["text-truncated"]


def test_fit_text_balances_and_finds_largest_size() -> None:
    fit = fit_text(
        "satu dua tiga empat lima",
        measure=lambda s: 0.5 * len(s),
        width=200,
        height=1000,
        min_size=10,
        max_size=40,
        max_lines=2,
        line_height=1.2,
    )
    # "satu dua tiga" is 6.5 em: 195 px at 30 px, 201.5 px at 31 px.
    assert fit.size == 30
    assert fit.lines == ("satu dua tiga", "empat lima")
    assert not fit.truncated


def test_fit_text_keeps_no_break_space_together() -> None:
    fit = fit_text(
        "Rp1,2\u00a0jt naik",
        measure=lambda s: 0.5 * len(s),
        width=40,
        height=100,
        min_size=10,
        max_size=10,
        max_lines=3,
        line_height=1,
    )
    assert fit.lines[0] == "Rp1,2\u00a0jt"


def test_story_safe_frame_keeps_text_out() -> None:
    result = plan("judul", Canvas(1080, 1920, 250, 250))
    for item in result.items:
        assert item.box.y1 <= 1920 - 250


def test_contrast_failures_on_light_text_over_light_fill() -> None:
    layout = parse_layout(
        "background: background\nlayers:\n"
        "  - {id: t, type: text, text: 'hai', color: text_on_dark, size: 10px, "
        "box: {left: 0, top: 0, width: 100px, height: 20px}}\n",
        "c.yaml",
    )
    result = plan_layout(
        layout, Canvas(1000, 1000), values={}, colors=COLORS, measurer=FakeMeasurer()
    )
    assert contrast_failures(result) == [("t", 1.13, 4.5)]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("layers:\n  - {id: a, type: text, text: '{{ title ', box: {}}\n", 2, "syntax"),
        ("layers:\n  - id: a\n    type: rect\n    color: purple\n", 4, "colour role"),
        ("layers:\n  - id: a\n    type: text\n    text: x\n    font: fancy\n", 5, "font role"),
        ("layers:\n  - id: a\n    type: rect\n    colour: primary\n", 4, "colour"),
        ("layers:\n  - id: a\n    type: rect\n    box: {above: nothing}\n", 4, "earlier"),
        ("layers:\n  - id: a\n    type: rect\n    box: {left: 6 apples}\n", 4, "length"),
        ("layers: [\n  - id: a\n", 2, "YAML"),
    ],
)
def test_bad_layouts_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(TemplateError) as info:
        parse_layout(text, Path("bad.yaml"))
    assert info.value.location.file == Path("bad.yaml")
    assert info.value.location.line == line
    assert words.lower() in str(info.value).lower()


def test_undefined_variable_is_a_template_error() -> None:
    layout = parse_layout(
        "layers:\n  - {id: a, type: text, text: '{{ nope }}', box: {}}\n", "u.yaml"
    )
    with pytest.raises(TemplateError, match="nope"):
        plan_layout(layout, Canvas(10, 10), values={}, colors=COLORS, measurer=FakeMeasurer())


def test_builtin_layouts_parse() -> None:
    from humaskit.layout.sets import available_layouts, find_layout

    names = available_layouts()
    assert {"rilis", "kutipan"} <= set(names)
    for name in names:
        assert find_layout(name).layers


def test_a_shape_behind_the_layers_it_wraps() -> None:
    layout = parse_layout(
        "layers:\n"
        "  - {id: a, type: text, text: 'hai', size: 10px,"
        " box: {left: 20px, top: 20px, width: 100px, height: 12px}}\n"
        "  - {id: b, type: text, text: 'dunia', size: 10px,"
        " box: {left: 20px, top: 40px, width: 100px, height: 12px}}\n"
        "  - {id: gone, type: text, text: '', box: {}}\n"
        "  - {id: badge, type: rect, color: secondary, behind: true,"
        " box: {wrap: [a, b], pad_x: 5px, pad_y: 4px}}\n"
        "  - {id: none, type: rect, box: {wrap: [gone]}}\n",
        "w.yaml",
    )
    result = plan_layout(
        layout, Canvas(200, 200), values={}, colors=COLORS, measurer=FakeMeasurer()
    )
    assert [i.layer for i in result.items] == ["badge", "a", "b"]
    badge = result.items[0]
    assert isinstance(badge, FillItem)
    assert badge.box == Box(15.0, 16.0, 50.0, 54.0)
    assert contrast_failures(result) == []


def test_behind_needs_wrap() -> None:
    with pytest.raises(TemplateError, match="wrap"):
        parse_layout("layers:\n  - {id: r, type: rect, behind: true}\n", "b.yaml")


def test_layouts_are_read_by_the_shared_yaml_reader_with_its_alias_guard() -> None:
    # Nine levels of nine aliases each: 9**9 nodes once expanded. The shared reader refuses it
    # before expanding, naming the layout file.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 9)}]")
    lines.append("layers: [*a8]")
    with pytest.raises(TemplateError) as caught:
        parse_layout("\n".join(lines) + "\n", "bomb.yaml")
    assert caught.value.location.file == "bomb.yaml"
    assert caught.value.location.line == 1


def test_a_layout_key_typo_gets_the_shared_suggestion() -> None:
    text = "layers:\n  - id: x\n    type: rect\n    colour: primary\n"
    with pytest.raises(TemplateError) as caught:
        parse_layout(text, "typo.yaml")
    assert caught.value.location.line == 4
    assert "'color'" in caught.value.hint
