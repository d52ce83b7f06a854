"""The ``stamp`` layer type: a word in an outlined rounded rectangle, turned a few degrees (the
hoax card's HOAKS). Read from plans (where it goes, what it reports, what the contrast check sees
behind its word) and from its pixels (turned the way its angle says, the same bytes every time).
"""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from cardkit import HalfEmMeasurer, kit
from humaskit.cards.draw import draw_plan
from humaskit.cards.fonts import FontBook
from humaskit.errors import TemplateError
from humaskit.layout.contrast import backdrop, contrast_failures
from humaskit.layout.geometry import Box, Canvas
from humaskit.layout.layers.stamp import StampFrameItem, StampTextItem, turned_bounds
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import Plan, TextItem
from humaskit.layout.planner import plan_layout

COLORS = {"primary": "#0E5A43", "background": "#F5F1E6", "text_on_light": "#14231D"}
RED = (0xB3, 0x26, 0x1E)

LAYOUT = """\
background: background
layers:
  - id: claim
    type: text
    text: "{{ claim }}"
    color: text_on_light
    size: 4w
    max_lines: 3
    valign: bottom
    box: {left: 10s, right: 10s, bottom: 10s, height: 30h}
  - id: mark
    type: stamp
    label_for: claim
    text: "HOAKS"
    paper: "#FFFFFF"
    size: 10w
    angle: ANGLE
    rule: 0.4s
    valign: bottom
    box: {left: 10s, above: claim, gap: 2s, height: 0}
  - id: below
    type: rect
    alpha: 0
    box: {left: 0, right: 0, below: mark, height: 0}
"""


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


def _plan(angle: float = 6, measurer: Any = None, **values: str) -> Plan:
    layout = parse_layout(LAYOUT.replace("ANGLE", str(angle)), "stamp.yaml")
    return plan_layout(
        layout,
        Canvas(1000, 1000),
        values={"claim": "Klaim palsu yang beredar", **values},
        colors=COLORS,
        measurer=measurer or HalfEmMeasurer(),
        weights={"heading": 800, "body": 500},
    )


def _items(plan: Plan) -> tuple[StampFrameItem, StampTextItem]:
    frames = [i for i in plan.items if isinstance(i, StampFrameItem)]
    words = [i for i in plan.items if isinstance(i, StampTextItem)]
    assert len(frames) == 1 and len(words) == 1
    return frames[0], words[0]


def test_a_stamp_is_an_outline_and_a_word_turned_together() -> None:
    plan = _plan(angle=6)
    frame, word = _items(plan)
    assert frame.layer == "mark.frame" and word.layer == "mark"
    assert word.lines[0].text == "HOAKS" and word.size == 100 and word.font == "heading"
    assert frame.angle == word.angle == 6 and frame.frame == word.frame
    assert frame.color[:3] == word.color[:3] == RED  # the alert red, by default
    # its boxes are the bounding boxes of the turned outline and of the turned capitals
    pivot = ((frame.frame.x0 + frame.frame.x1) / 2, (frame.frame.y0 + frame.frame.y1) / 2)
    assert frame.box == turned_bounds(frame.frame, pivot, 6)
    assert frame.box.contains(word.box)
    assert frame.box.height > frame.frame.height  # turned, it stands taller than upright
    # the outline is the word's capitals with padding, the word centred in it
    line = word.lines[0]
    assert frame.frame.x0 < line.x and line.x + line.width < frame.frame.x1
    middle = (line.x + line.width / 2, (frame.frame.x0 + frame.frame.x1) / 2)
    assert abs(middle[0] - middle[1]) < 0.05
    # a word the manifest lists like any text: the real size, not cut
    assert isinstance(word, TextItem) and not word.truncated and word.large


def test_a_stamp_lines_up_by_its_turned_bounding_box() -> None:
    plan = _plan(angle=6)
    frame, _word = _items(plan)
    claim = next(i for i in plan.items if i.layer == "claim")
    below = next(i for i in plan.items if i.layer == "below")
    # valign bottom on a line of no height: the turned stamp ends there, 2s above the claim
    assert frame.box.y1 == pytest.approx(claim.box.y0 - 20, abs=0.02)
    assert frame.box.x0 == pytest.approx(100, abs=0.02)  # align left: its left edge at 10s
    assert below.box.y0 == pytest.approx(frame.box.y1, abs=0.02)  # later layers line up
    assert not frame.box.overlaps(claim.box)


def test_an_upright_stamp_is_its_outline() -> None:
    frame, word = _items(_plan(angle=0))
    assert frame.box == frame.frame
    assert word.box.y1 == word.lines[0].baseline


def test_the_alt_text_reads_the_stamp_before_the_text_it_labels() -> None:
    plan = _plan()
    claim = next(i for i in plan.items if isinstance(i, TextItem) and i.layer == "claim")
    assert claim.read_with == "mark"  # set by label_for, though the claim is planned first


def test_its_word_is_judged_against_its_paper() -> None:
    plan = _plan()
    index = next(i for i, item in enumerate(plan.items) if isinstance(item, StampTextItem))
    assert backdrop(plan, index) == (255.0, 255.0, 255.0)
    assert contrast_failures(plan) == []
    frame, word = _items(plan)
    # a box that pokes out of the outline is not on the paper
    outside = Box(frame.box.x0 - 50, word.box.y0, word.box.x1, word.box.y1)
    assert frame.backdrop(outside).alpha == 0
    # without paper the stamp puts nothing behind a text
    layout = LAYOUT.replace('    paper: "#FFFFFF"\n', "").replace("ANGLE", "6")
    bare = plan_layout(
        parse_layout(layout, "stamp.yaml"),
        Canvas(1000, 1000),
        values={"claim": "Klaim"},
        colors=COLORS,
        measurer=HalfEmMeasurer(),
    )
    index = next(i for i, item in enumerate(bare.items) if isinstance(item, StampTextItem))
    assert backdrop(bare, index) == (0xF5, 0xF1, 0xE6)  # the card's cream


def test_an_empty_word_leaves_the_stamp_out() -> None:
    layout = parse_layout(
        "layers:\n  - {id: s, type: stamp, text: '{{ word }}', box: {left: 0, top: 0}}\n"
        "  - {id: t, type: rect, box: {below: s, height: 10px}}\n",
        "s.yaml",
    )
    plan = plan_layout(
        layout, Canvas(500, 500), values={"word": " "}, colors=COLORS, measurer=HalfEmMeasurer()
    )
    assert [i.layer for i in plan.items] == ["t"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("angle: 45", "invalid value 45"),
        ("label_for: later", "not an earlier layer"),
        ("valign: center", "unknown value 'center'"),
    ],
)
def test_bad_keys_are_refused(line: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        parse_layout(
            f"layers:\n  - id: s\n    type: stamp\n    text: HOAKS\n    {line}\n", "s.yaml"
        )


def _drawn(angle: float) -> tuple[Plan, Image.Image]:
    brand, _unit = kit()
    fonts = FontBook({r: (f.file, f.weight) for r, f in brand.fonts.items()})
    plan = _plan(angle=angle, measurer=fonts)
    return plan, draw_plan(plan, fonts, lambda *_args: None)


def _red_rows(image: Image.Image, box: Box, columns: range) -> list[int]:
    """The top-most red pixel's row in each of ``columns`` inside ``box``."""
    px = image.load()
    assert px is not None
    rows = []
    for x in columns:
        for y in range(round(box.y0), round(box.y1)):
            r, g, b = px[x, y][:3]  # type: ignore[index]
            if r > 150 and g < 90 and b < 90:
                rows.append(y)
                break
    return rows


def test_a_stamp_is_drawn_turned_and_the_same_every_time() -> None:
    plan, image = _drawn(8)
    frame, word = _items(plan)
    # a positive angle lifts the right end: the outline's top edge is higher on the right
    left = _red_rows(
        image, frame.box, range(round(frame.frame.x0) + 30, round(frame.frame.x0) + 40)
    )
    right = _red_rows(
        image, frame.box, range(round(frame.frame.x1) - 40, round(frame.frame.x1) - 30)
    )
    assert left and right and min(left) - min(right) > 0.6 * frame.frame.width * 0.139
    # the paper is white inside, the word red on it, nothing outside the turned outline
    px = image.load()
    assert px is not None
    middle = (round((frame.frame.x0 + frame.frame.x1) / 2), round(word.lines[0].baseline - 4))
    assert any(px[x, middle[1]][:3] == RED for x in range(middle[0] - 60, middle[0] + 60))  # type: ignore[index]
    corner = (round(frame.box.x0) + 2, round(frame.box.y0) + 2)
    assert px[corner] == (0xF5, 0xF1, 0xE6)  # type: ignore[index]  # the cream, not the paper
    _again, second = _drawn(8)
    assert image.tobytes() == second.tobytes()
