"""One family look across the kinds: the parts every card and slide shares are drawn the same.

The header box (logo, organisation, unit) is the same dark badge on every layout, on the green
and on the cream grounds alike, so a carousel does not change its header's colour after the
cover (round-7 re-check, family-wide #1: #0E5A43 on the cream cards' covers, #0A3D2E on the
slides after them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from humaskit.resources import builtin_templates_dir


def _layers(layers: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for layer in layers:
        yield layer
        yield from _layers(layer.get("layers") or [])


def _layouts() -> list[Path]:
    return sorted((builtin_templates_dir() / "layouts").glob("*.yaml"))


def test_every_header_box_is_the_same_brand_colour() -> None:
    colors = {}
    for path in _layouts():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for layer in _layers(doc["layers"]):
            if layer.get("id") == "header" and layer.get("type") == "rect":
                colors[(path.stem, layer.get("when"))] = layer.get("color")
    assert len({stem for stem, _when in colors}) >= 15
    assert set(colors.values()) == {"secondary"}, colors
