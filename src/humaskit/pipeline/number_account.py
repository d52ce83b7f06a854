"""A platform's number account set in a layout's own block rather than in its footer.

WhatsApp's account is a phone number; a card that asks the reader to get in touch prints it in
the footer ("WA 0800-…", :func:`humaskit.pipeline.carousels.footer_handle`). A layout that
names ``account_text`` (the aduan card: under the complaint channels, where the number is one
more way to reach the unit) sets it there instead, and its footer shows the handle a card that
prints the number shows (the ``account_fallback`` platform's).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from humaskit.cards.content import CardContent
    from humaskit.model.platforms import Platform

__all__ = ["ACCOUNT_VARIABLE", "number_account", "prints_account"]

# The layouts' name for the number account (humaskit.cards.content.CardContent.account_text).
ACCOUNT_VARIABLE = "account_text"


def number_account(
    content: CardContent,
    handle: str,
    rule: Platform | None,
    shown: Callable[[CardContent], str],
    layout: str | None,
    templates_dir: Path | None = None,
) -> tuple[CardContent, str]:
    """``content`` and its footer ``handle``, with the number account (``handle``, when it is
    the platform's labelled number) moved to ``account_text`` where ``layout`` (if any) sets
    it, and the footer's handle ``shown`` for that content; unchanged when the footer would
    print the number anyway (no other handle to show)."""
    label = rule.account_label if rule is not None else None
    if layout is None or not label or not handle.startswith(f"{label} "):
        return content, handle
    if not prints_account(layout, templates_dir):
        return content, handle
    own = dataclasses.replace(content, account_text=handle)
    footer = shown(own)
    return (own, footer) if footer != handle else (content, handle)


def prints_account(layout: str, templates_dir: Path | None = None) -> bool:
    """Whether ``layout``'s file names ``account_text``."""
    from humaskit.layout.sets import find_layout

    source = find_layout(layout, templates_dir).source
    if not isinstance(source, Path):
        return False
    return _names(source, source.stat().st_mtime_ns)


@cache
def _names(source: Path, _mtime: int) -> bool:
    return ACCOUNT_VARIABLE in source.read_text(encoding="utf-8")
