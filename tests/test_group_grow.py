"""A growing group finds the largest zoom step that fits by bisection: the same step a scan
from the largest step down finds (a block grows with its zoom), in a handful of trial passes."""

from __future__ import annotations

import pytest

from humaskit.layout.geometry import Box
from humaskit.layout.layers.group import GROW_STEP, GroupLayer
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
