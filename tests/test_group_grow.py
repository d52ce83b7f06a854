"""A growing group finds the largest zoom step that fits by bisection: the same step a scan
from the largest step down finds (a block grows with its zoom), in a handful of trial passes."""

from __future__ import annotations

import pytest

from cardkit import PLAN_COLORS, HalfEmMeasurer
from humaskit.layout.geometry import Box, Canvas
from humaskit.layout.layers.group import GROW_STEP, GroupLayer
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import TextItem
from humaskit.layout.planner import plan_layout
from humaskit.layout.schema import BoxSpec

BOX = Box(0, 0, 100, 100)


def _layer(grow: float) -> GroupLayer:
    return GroupLayer(
        id="block", box=BoxSpec(), frame="canvas", when=None, line=1, grow=grow, layers=()
    )


@pytest.mark.parametrize("fitting", [-1, 0, 1, 5, 9, 15, 16])
def test_the_largest_fitting_step_is_found_in_few_passes(fitting: int) -> None:
    tried: list[float] = []

    def measure(zoom: float) -> tuple[Box | None, bool]:
        tried.append(zoom)
        step = round((zoom - 1) / GROW_STEP)
        height = 100 if step <= fitting else 120  # steps above `fitting` overflow the box
        return Box(0, 0, 100, height), False

    zoom = _layer(1.4)._grown(1.0, BOX, measure)
    assert zoom == pytest.approx(1 + max(fitting, 0) * GROW_STEP)
    assert len(tried) <= 5  # a scan from the top would take up to 16


def test_a_cut_text_counts_as_not_fitting() -> None:
    def measure(zoom: float) -> tuple[Box | None, bool]:
        return Box(0, 0, 10, 10), zoom > 1.1 + 1e-9  # text cut above 4 steps

    assert _layer(1.4)._grown(1.0, BOX, measure) == pytest.approx(1 + 4 * GROW_STEP)


GROWING = """
name: grow-test
background: primary
layers:
  - id: block
    type: group
    grow: 1.4
    box: {left: 200px, right: 200px, top: 100px, bottom: 100px}
    layers:
      - id: headline
        type: text
        text: "{{ title }}"
        font: heading
        size: 60px
        max_lines: 3
        box: {left: 0, right: 0, top: 0, height: 300px}
      - id: summary
        type: text
        text: "{{ summary }}"
        font: body
        size: 40px
        max_lines: 1
        overflow: drop
        box: {left: 0, right: 0, below: headline, gap: 20px, height: 100px}
"""


def test_a_text_dropped_when_grown_keeps_the_block_at_its_own_size() -> None:
    """A rilis story without a photo grew its headline until the summary (``overflow: drop``)
    no longer fitted and was left out: a zoom that loses a text the block shows at its own
    size does not fit. The summary fills its one line at zoom 1 (560 of 600 px)."""
    plan = plan_layout(
        parse_layout(GROWING, "grow-test.yaml"),
        Canvas(1000, 1000),
        values={"title": "Judul", "summary": "x" * 28},
        colors=PLAN_COLORS,
        measurer=HalfEmMeasurer(),
    )
    texts = {i.layer: i for i in plan.items if isinstance(i, TextItem)}
    assert set(texts) == {"headline", "summary"}
    assert texts["summary"].size >= 40
