"""WCAG 2 contrast of a planned card's text, judged against the worst background it may get.

A photo behind text counts as white or black, whichever is nearer the text colour, seen through
the scrims and fills planned above it, so the answer holds for any photo. Each plan item says
what it puts behind a text box (:meth:`~humaskit.layout.plan.PlanItem.backdrop`).
"""

from __future__ import annotations

from humaskit.layout.plan import Backdrop, Plan, TextItem

__all__ = ["backdrop", "contrast_failures", "contrast_ratio"]


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


def backdrop(plan: Plan, index: int) -> tuple[float, float, float]:
    """The worst-case colour behind text item ``index``: a photo counts as white or black,
    whichever is nearer the text colour, seen through the gradients and fills above it."""
    item = plan.items[index]
    assert isinstance(item, TextItem)
    text_rgb = item.color[:3]
    below: list[Backdrop] = []
    for other in reversed(plan.items[:index]):
        seen = other.backdrop(item.box) if other.box.overlaps(item.box) else None
        if seen is None:
            continue
        below.append(seen)
        if seen.hides:
            break
    base: tuple[float, float, float] = tuple(float(c) for c in plan.background[:3])  # type: ignore[assignment]
    layers = list(reversed(below))
    if layers and layers[0].unknown:
        light = _luminance(text_rgb) > 0.18
        base = (255.0, 255.0, 255.0) if light else (0.0, 0.0, 0.0)
    for seen in layers:
        if seen.color is None:
            continue
        alpha = seen.alpha
        base = tuple(b * (1 - alpha) + c * alpha for b, c in zip(base, seen.color, strict=True))  # type: ignore[assignment]
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
