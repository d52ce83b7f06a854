"""WCAG 2 contrast of a planned card's text, judged against the worst background it may get.

A photo behind text counts as white or black, whichever is nearer the text colour, seen through
the scrims and fills planned above it, so the answer holds for any photo.
"""

from __future__ import annotations

import itertools

from humaskit.layout.planner import (
    Box,
    FillItem,
    GradientItem,
    ImageItem,
    Item,
    PatternItem,
    Plan,
    TextItem,
)

__all__ = ["backdrop", "contrast_failures", "contrast_ratio", "stop_alpha"]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _gradient_alpha(item: GradientItem, box: Box) -> float:
    """The weakest gradient opacity anywhere behind ``box``."""
    g = item.box
    if item.direction in ("down", "up"):
        span = [(box.y0 - g.y0) / max(g.height, 1), (box.y1 - g.y0) / max(g.height, 1)]
    else:
        span = [(box.x0 - g.x0) / max(g.width, 1), (box.x1 - g.x0) / max(g.width, 1)]
    if item.direction in ("up", "left"):
        span = [1 - span[1], 1 - span[0]]
    samples = [min(1.0, max(0.0, span[0] + (span[1] - span[0]) * k / 8)) for k in range(9)]
    return min(stop_alpha(item.stops, t) for t in samples)


def stop_alpha(stops: tuple[tuple[float, float], ...], t: float) -> float:
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, a0), (p1, a1) in itertools.pairwise(stops):
        if p0 <= t <= p1:
            return a0 + (a1 - a0) * ((t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]


def backdrop(plan: Plan, index: int) -> tuple[float, float, float]:
    """The worst-case colour behind text item ``index``: a photo counts as white or black,
    whichever is nearer the text colour, seen through the gradients and fills above it."""
    item = plan.items[index]
    assert isinstance(item, TextItem)
    text_rgb = item.color[:3]
    below: list[Item] = []
    for other in reversed(plan.items[:index]):
        if not other.box.overlaps(item.box) or isinstance(other, TextItem):
            continue
        below.append(other)
        if isinstance(other, FillItem) and other.color[3] == 255 and other.box.contains(item.box):
            break
        if (
            isinstance(other, ImageItem)
            and other.source == "photo"
            and other.box.contains(item.box)
        ):
            break
    base: tuple[float, float, float] = tuple(float(c) for c in plan.background[:3])  # type: ignore[assignment]
    layers = list(reversed(below))
    if layers and isinstance(layers[0], ImageItem):
        light = _luminance(text_rgb) > 0.18
        base = (255.0, 255.0, 255.0) if light else (0.0, 0.0, 0.0)
    for other in layers:
        if isinstance(other, FillItem | PatternItem):
            alpha = other.color[3] / 255  # a pattern counts as if its lines ran under the text
            if isinstance(other, FillItem) and not other.box.contains(item.box):
                alpha = 0.0
        elif isinstance(other, GradientItem):
            alpha = _gradient_alpha(other, item.box)
        else:
            continue
        base = tuple(
            b * (1 - alpha) + c * alpha for b, c in zip(base, other.color[:3], strict=True)
        )  # type: ignore[assignment]
    return base


def contrast_failures(plan: Plan) -> list[tuple[str, float, float]]:
    """Text items whose worst-case contrast is below WCAG AA: ``(layer, ratio, required)``."""
    failures = []
    for i, item in enumerate(plan.items):
        if not isinstance(item, TextItem):
            continue
        ratio = contrast_ratio(item.color[:3], backdrop(plan, i))
        required = 3.0 if item.large else 4.5
        if ratio < required:
            failures.append((item.layer, round(ratio, 2), required))
    return failures
