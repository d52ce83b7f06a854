"""What ``check`` says about contrast: text below WCAG AA, and chart marks below 3:1.

Text layers under 4.5:1 (3:1 when large) are errors, as before. Chart marks (bars, tracks,
target ticks, rings; :func:`humaskit.layout.contrast.mark_contrasts`) under 3:1 against what
they sit on are warnings (WCAG 1.4.11): an invisible track hides the scale a bar is read on.
The cells of a repeated group are reported once per mark (``rows[*].bar.track``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from humaskit.diagnostics import Diagnostic, Severity
from humaskit.i18n import _
from humaskit.layout.contrast import contrast_failures, mark_failures

if TYPE_CHECKING:
    from humaskit.layout.plan import Plan

__all__ = ["contrast_findings"]

_CELL = re.compile(r"\[\d+\]")


def contrast_findings(plan: Plan, where: str, platform: str) -> list[Diagnostic]:
    """The contrast problems of one planned image, ``where`` naming it (``feed 1080×1350``)."""
    found = [
        Diagnostic(
            code="low-contrast",
            message=_(
                "{where}: text layer {layer!r} has contrast {ratio:.2f}:1, below the "
                "{required:.1f}:1 that WCAG AA requires."
            ).format(where=where, layer=layer, ratio=ratio, required=required),
            severity=Severity.ERROR,
            platform=platform,
        )
        for layer, ratio, required in contrast_failures(plan)
    ]
    worst: dict[str, float] = {}
    for layer, ratio, _required in mark_failures(plan):
        name = _CELL.sub("[*]", layer)
        worst[name] = min(ratio, worst.get(name, ratio))
    for name, ratio in worst.items():
        found.append(
            Diagnostic(
                code="low-contrast-mark",
                message=_(
                    "{where}: chart mark {layer!r} has contrast {ratio:.2f}:1 against what it "
                    "sits on, below the 3:1 that charts need (WCAG 1.4.11). Give it a colour "
                    "or opacity that stands out, e.g. track_alpha: 0.6 for a white track on "
                    "the brand green."
                ).format(where=where, layer=name, ratio=ratio),
                platform=platform,
            )
        )
    return found
