"""A layer type is one class: a toy ``stripe`` type defined and registered here alone, read from a
user's layout, planned, checked for contrast and drawn through the public render path."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from humaskit.errors import TemplateError
from humaskit.layout.contrast import contrast_failures
from humaskit.layout.geometry import Box, Canvas
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import RGBA, Backdrop, PlanItem, Surface
from humaskit.layout.planner import Cell, Planner, plan_layout
from humaskit.layout.schema import Layer, key, layer_type, layer_types, unregister_layer_type
from humaskit.layout.values import ColorRole, Count
from humaskit.pipeline.render import render

RED = (198, 40, 40)


@dataclass(frozen=True)
class StripeItem(PlanItem):
    """``count`` horizontal stripes with gaps as tall as a stripe between them."""

    color: RGBA
    count: int

    def bands(self) -> list[Box]:
        pitch = self.box.height / (2 * self.count - 1)
        return [
            Box(
                self.box.x0,
                self.box.y0 + 2 * i * pitch,
                self.box.x1,
                self.box.y0 + (2 * i + 1) * pitch,
            )
            for i in range(self.count)
        ]

    def draw(self, surface: Surface) -> None:
        for band in self.bands():
            surface.fill(band, self.color)

    def backdrop(self, text: Box) -> Backdrop:
        return Backdrop(self.color[:3], self.color[3] / 255)  # as if a stripe ran under the text


@dataclass(frozen=True, eq=False, kw_only=True)
class StripeLayer(Layer):
    """Stripes across the box: ``count`` is required, ``color`` has a default."""

    count: int = key(Count(1, 20))
    color: str = key(ColorRole(), "accent")

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box:
        color = planner.color(self, self.color, 1.0)
        cell.items.append(StripeItem(cell.name(self), box, color, self.count))
        return box


@pytest.fixture
def stripe() -> Iterator[type[StripeLayer]]:
    """The ``stripe`` type, registered for one test only."""
    registered = layer_type("stripe")(StripeLayer)
    try:
        yield registered
    finally:
        unregister_layer_type("stripe")


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


class Fake:
    def advance(self, text: str, font: str) -> float:
        return 0.5 * len(text)

    def vmetrics(self, font: str) -> tuple[float, float]:
        return 0.8, 0.2


COLORS = {"primary": "#0E5A43", "accent": "#E0A526", "text_on_dark": "#FFFFFF"}

LAYOUT = """\
background: primary
layers:
  - id: stripes
    type: stripe
    count: 3
    color: "#C62828"
    frame: canvas
    box: {left: 0, right: 0, top: 0, height: 50h}
  - id: headline
    type: text
    text: "{{ title }}"
    color: "#C62828"
    box: {left: 10s, right: 10s, top: 10h, height: 10h}
"""


def test_keys_come_from_the_fields(stripe: type[StripeLayer]) -> None:
    assert list(stripe.keys()) == ["count", "color"]
    assert stripe.required() == ("count",)
    with pytest.raises(TemplateError, match="needs 'count'") as info:
        parse_layout("layers:\n  - id: s\n    type: stripe\n", "s.yaml")
    assert info.value.location.line == 2
    with pytest.raises(TemplateError, match="Did you mean 'count'") as info:
        parse_layout("layers:\n  - id: s\n    type: stripe\n    cont: 2\n", "s.yaml")
    assert info.value.location.line == 4
    with pytest.raises(TemplateError, match="invalid value 0 for 'count'"):
        parse_layout("layers:\n  - {id: s, type: stripe, count: 0}\n", "s.yaml")


def test_plans_and_gives_its_backdrop(stripe: type[StripeLayer]) -> None:
    layout = parse_layout(LAYOUT, "stripes.yaml")
    plan = plan_layout(
        layout, Canvas(1000, 1000), values={"title": "Hai"}, colors=COLORS, measurer=Fake()
    )
    item = plan.items[0]
    assert item == StripeItem("stripes", Box(0.0, 0.0, 1000.0, 500.0), (*RED, 255), 3)
    # Red text on red stripes: the contrast check sees the stripes behind the headline.
    assert contrast_failures(plan) == [("headline", 1.0, 4.5)]


def test_unregistered_type_is_unknown_again(stripe: type[StripeLayer]) -> None:
    unregister_layer_type("stripe")
    try:
        assert "stripe" not in layer_types()
        with pytest.raises(TemplateError, match="unknown type 'stripe'"):
            parse_layout(LAYOUT, "stripes.yaml")
    finally:
        layer_type("stripe")(StripeLayer)


def test_renders_end_to_end_from_a_user_layout(
    stripe: type[StripeLayer], workspace: Any, tmp_path: Path
) -> None:
    # A user's templates/layouts/rilis.yaml replaces the built-in layout of that name.
    workspace({"templates/layouts/rilis.yaml": LAYOUT})
    # No DRAF stamp over the stripes; a title short enough for the layout's one-line headline.
    source = workspace.release(approved_by="Kepala Dinas", title="Rapat Admin Medsos")
    report = render([source], tmp_path / "out", platforms=["instagram"], fmt="png")
    assert [r.error for r in report.results] == [None]
    folder = next((tmp_path / "out").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    drawn = [a["path"] for a in manifest["artifacts"] if a.get("template") == "rilis"]
    assert drawn
    for path in drawn:
        card = Image.open(io.BytesIO((folder / path).read_bytes())).convert("RGB")
        w, h = card.size
        pitch = h * 0.5 / 5
        assert card.getpixel((w // 2, round(pitch / 2))) == RED  # the first stripe
        assert card.getpixel((w // 2, round(pitch * 1.5))) != RED  # the gap under it
        assert card.getpixel((w // 2, round(pitch * 4.5))) == RED  # the third stripe
