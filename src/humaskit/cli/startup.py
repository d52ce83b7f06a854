"""Python's cycle collector held off while a command starts.

A command's start imports some 330 modules and builds their classes, compiled patterns and
templates: hundreds of thousands of objects that live as long as the process. The collector
walks each of them as it goes (≈ 20 ms of a one-release ``render``, issue 14) and finds no
garbage among them. :func:`hold` (the console script, first thing) turns it off;
:func:`release` (when a command's own work begins, in :func:`humaskit.cli.common.guard`) moves
everything made so far out of its sight for good (``gc.freeze``) and turns it on again, so the
command's own garbage is collected as before.
"""

from __future__ import annotations

import gc

__all__ = ["hold", "release"]

_held = False


def hold() -> None:
    """Turn the collector off until :func:`release` (unless it is off already)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what the start made and turn the collector on again, if :func:`hold` turned it
    off; otherwise nothing."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
