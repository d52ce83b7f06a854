"""Build the bundled line icons (brand/icons/icons.json) from Lucide's SVG sources.

The cards draw icons as strokes with Pillow (``humaskit.cards.draw``), so the few icons humaskit
uses are turned into polylines once, here, and shipped as JSON: no SVG renderer at run time.
Lucide's icons are 24×24 grids of simple elements (path, line, circle, ellipse, rect, polyline,
polygon) stroked 2 units wide with round caps and joins; their paths use arcs and Bézier curves,
which are flattened into short straight segments (none longer than ``--tolerance`` units of
curve length).

Build-time only; needs ``svgelements`` (``pip install svgelements``) and the ``lucide-static``
package from the npm registry::

    npm pack lucide-static && tar xzf lucide-static-*.tgz
    python scripts/build_icons.py package

This copies each icon's SVG (with its licence comment) and Lucide's LICENSE into brand/icons/ and
writes brand/icons/icons.json. Output is deterministic: the same sources give the same bytes.
``--check`` rebuilds from the SVGs already in brand/icons/svg and fails when icons.json differs.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = ROOT / "brand" / "icons"
# The icons humaskit draws (Lucide names). Add a name here and run the script again.
ICONS = (
    "calendar",
    "camera",
    "check",
    "circle-check",
    "clock",
    "globe",
    "info",
    "link",
    "mail",
    "map-pin",
    "megaphone",
    "message-circle",
    "phone",
    "triangle-alert",
    "users",
    "x",
)
GRID = 24
STROKE = 2
DECIMALS = 3


def _flatten(svg_file: Path, tolerance: float) -> list[list[list[float]]]:
    """The strokes of one SVG as polylines in its 24-unit grid; a closed shape repeats its
    first point at the end."""
    import svgelements as se  # build-time only

    svg = se.SVG.parse(str(svg_file), reify=True)
    polylines: list[list[list[float]]] = []
    for element in svg.elements():
        if not isinstance(element, se.Shape):
            continue
        path = element if isinstance(element, se.Path) else se.Path(element)
        for sub in path.as_subpaths():
            points: list[tuple[float, float]] = []
            for segment in sub:
                if isinstance(segment, se.Move):
                    if points and len(points) > 1:
                        polylines.append(_rounded(points))
                    points = [(segment.end.x, segment.end.y)]
                    continue
                if segment.start is None or segment.end is None:
                    continue
                if not points:
                    points = [(segment.start.x, segment.start.y)]
                if isinstance(segment, se.Line | se.Close):
                    points.append((segment.end.x, segment.end.y))
                    continue
                length = segment.length(error=1e-4)
                steps = max(2, math.ceil(length / tolerance))
                for i in range(1, steps + 1):
                    p = segment.point(i / steps)
                    points.append((p.x, p.y))
            if len(points) > 1:
                polylines.append(_rounded(points))
    return polylines


def _rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, DECIMALS) + 0.0, round(y, DECIMALS) + 0.0]
        if not out or out[-1] != point or len(points) == 2:  # keep a dot's two equal points
            out.append(point)
    if len(out) == 1:
        out.append(list(out[0]))
    return out


def _version(svg_file: Path) -> str:
    first = svg_file.read_text(encoding="utf-8").splitlines()[0]
    # "<!-- @license lucide-static v1.62.0 - ISC -->"
    return first.split("lucide-static", 1)[1].split("-", 1)[0].strip().lstrip("v")


def build(svg_dir: Path, tolerance: float) -> dict[str, Any]:
    """The icons.json document for the SVGs in ``svg_dir``."""
    files = {name: svg_dir / f"{name}.svg" for name in ICONS}
    missing = [str(f) for f in files.values() if not f.is_file()]
    if missing:
        raise SystemExit("missing icon sources: " + ", ".join(missing))
    versions = sorted({_version(f) for f in files.values()})
    return {
        "source": "Lucide (lucide-static " + ", ".join(versions) + "), https://lucide.dev",
        "licence": "ISC (see LICENSE beside this file)",
        "grid": GRID,
        "stroke": STROKE,
        "icons": {name: _flatten(files[name], tolerance) for name in ICONS},
    }


def dump(document: dict[str, Any]) -> str:
    """One icon per line: small diffs, stable bytes."""
    head = {k: v for k, v in document.items() if k != "icons"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value)},")
    lines.append('  "icons": {')
    names = list(document["icons"])
    for i, name in enumerate(names):
        comma = "," if i < len(names) - 1 else ""
        body = json.dumps(document["icons"][name], separators=(",", ":"))
        lines.append(f"    {json.dumps(name)}: {body}{comma}")
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", nargs="?", type=Path, help="the unpacked lucide-static folder")
    parser.add_argument("--tolerance", type=float, default=0.35, help="max curve step (units)")
    parser.add_argument("--check", action="store_true", help="verify icons.json is up to date")
    args = parser.parse_args(argv)
    svg_dir = ICONS_DIR / "svg"
    target = ICONS_DIR / "icons.json"
    if args.check:
        fresh = dump(build(svg_dir, args.tolerance))
        if not target.is_file() or target.read_text(encoding="utf-8") != fresh:
            print(f"{target} is out of date: run scripts/build_icons.py", file=sys.stderr)
            return 1
        return 0
    if args.package is None:
        parser.error("give the unpacked lucide-static folder (or --check)")
    svg_dir.mkdir(parents=True, exist_ok=True)
    for name in ICONS:
        shutil.copyfile(args.package / "icons" / f"{name}.svg", svg_dir / f"{name}.svg")
    shutil.copyfile(args.package / "LICENSE", ICONS_DIR / "LICENSE")
    target.write_text(dump(build(svg_dir, args.tolerance)), encoding="utf-8")
    print(f"wrote {target} ({len(ICONS)} icons)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
