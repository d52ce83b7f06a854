"""The bundled line icons (Lucide, ISC): each a few polylines in a 24-unit grid.

``brand/icons/icons.json`` is generated from the icons' SVG sources by ``scripts/build_icons.py``
(curves and arcs flattened at build time), so drawing an icon needs no SVG renderer: the ``icon``
layer (:mod:`humaskit.layout.layers.icon`) scales the polylines into its box and the drawing
module strokes them with round caps and joins.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from humaskit.resources import builtin_brand_dir

__all__ = ["GRID", "Polyline", "icon_names", "icon_strokes", "icons_file"]

GRID = 24.0  # Lucide's grid; its strokes are 2 units wide
Polyline = tuple[tuple[float, float], ...]


def icons_file() -> Path:
    """Where the bundled icons are (beside their SVG sources and licence)."""
    return builtin_brand_dir() / "icons" / "icons.json"


@cache
def _icons() -> dict[str, tuple[Polyline, ...]]:
    data = json.loads(icons_file().read_text(encoding="utf-8"))
    return {
        name: tuple(tuple((float(x), float(y)) for x, y in line) for line in lines)
        for name, lines in data["icons"].items()
    }


def icon_names() -> tuple[str, ...]:
    """The names of the bundled icons (Lucide's names: ``phone``, ``map-pin`` …), sorted."""
    return tuple(sorted(_icons()))


@cache
def icon_strokes(name: str) -> tuple[Polyline, ...]:
    """The polylines of icon ``name`` in units of its box (0..1 on each axis); a closed shape
    repeats its first point at the end."""
    return tuple(tuple((x / GRID, y / GRID) for x, y in line) for line in _icons()[name])
