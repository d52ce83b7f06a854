"""WCAG 2 contrast of a planned card, judged against the worst background it may get.

Text needs 4.5:1 (3:1 when large) against what lies behind it; chart marks (bars, tracks,
target ticks, rings: :meth:`~humaskit.layout.plan.PlanItem.marks`) need 3:1 against what they
sit on (WCAG 1.4.11, non-text contrast). A photo behind text counts as white or black, whichever
is nearer the text colour, seen through the scrims and fills planned above it, so the answer
holds for any photo. Each plan item says what it puts behind a box
(:meth:`~humaskit.layout.plan.PlanItem.backdrop`).
"""

from __future__ import annotations

from humaskit.layout.geometry import Box
from humaskit.layout.plan import Backdrop, Plan, TextItem

__all__ = [
    "MARK_CONTRAST",
    "backdrop",
    "contrast_failures",
    "contrast_ratio",
    "mark_contrasts",
    "mark_failures",
]

# WCAG 1.4.11: graphical objects needed to understand the content, against adjacent colours.
MARK_CONTRAST = 3.0

RGB = tuple[float, float, float]


def _luminance(rgb: RGB) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _behind(plan: Plan, index: int, box: Box) -> list[Backdrop]:
    """What the items drawn before item ``index`` put behind ``box``, bottom first, from the
    first one that hides everything beneath it."""
    below: list[Backdrop] = []
    for other in reversed(plan.items[:index]):
        seen = other.backdrop(box) if other.box.overlaps(box) else None
        if seen is None:
            continue
        below.append(seen)
        if seen.hides:
            break
    return list(reversed(below))


def _composite(plan: Plan, layers: list[Backdrop], own: RGB) -> RGB:
    """The colour ``layers`` make over the card's background; a photo at the bottom counts as
    white or black, whichever is nearer ``own`` (the worst case)."""
    base: RGB = tuple(float(c) for c in plan.background[:3])  # type: ignore[assignment]
    if layers and layers[0].unknown:
        light = _luminance(own) > 0.18
        base = (255.0, 255.0, 255.0) if light else (0.0, 0.0, 0.0)
    for seen in layers:
        if seen.color is None:
            continue
        alpha = seen.alpha
        base = tuple(b * (1 - alpha) + c * alpha for b, c in zip(base, seen.color, strict=True))  # type: ignore[assignment]
    return base


def backdrop(plan: Plan, index: int) -> RGB:
    """The worst-case colour behind text item ``index``: a photo counts as white or black,
    whichever is nearer the text colour, seen through the gradients and fills above it."""
    item = plan.items[index]
    assert isinstance(item, TextItem)
    return _composite(plan, _behind(plan, index, item.box), item.color[:3])


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


def mark_contrasts(plan: Plan) -> list[tuple[str, float]]:
    """Every chart mark of ``plan`` with its worst-case contrast against what it sits on:
    ``(layer, ratio)``, in drawing order.

    A translucent mark is seen blended over its backdrop. A pattern under a mark may or may not
    run under each of its pixels, so the mark is judged with and without it.
    """
    found = []
    for i, item in enumerate(plan.items):
        for box, color in item.marks():
            layers = _behind(plan, i, box)
            worst = None
            for variant in (layers, [seen for seen in layers if not seen.partial]):
                ground = _composite(plan, variant, color[:3])
                alpha = color[3] / 255
                own = color[:3]
                shown = tuple(g * (1 - alpha) + c * alpha for g, c in zip(ground, own, strict=True))
                ratio = contrast_ratio(shown, ground)  # type: ignore[arg-type]
                worst = ratio if worst is None else min(worst, ratio)
            assert worst is not None
            found.append((item.layer, round(worst, 2)))
    return found


def mark_failures(plan: Plan) -> list[tuple[str, float, float]]:
    """Chart marks below 3:1 against what they sit on: ``(layer, ratio, required)``."""
    return [
        (layer, ratio, MARK_CONTRAST)
        for layer, ratio in mark_contrasts(plan)
        if ratio < MARK_CONTRAST
    ]
