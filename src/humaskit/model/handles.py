"""Account handles, platform by platform: what a valid handle looks like, and how it is written.

``brand.yaml`` and ``units.yaml`` name the accounts of the regency and its units per platform
(``handles: {instagram: "@blorakab", x: "@blorakab"}``). Each platform has its own rules — an X
handle cannot hold a dot, an Instagram one can — so every handle is checked against its own
platform's rule when the kit is read, and a handle of a platform humaskit does not know is kept
as written. Handles of platforms that write them with "@" get it when it is missing.

The rules are humaskit's reading of each platform's help pages on usernames (named per rule);
check them when a platform changes its rules and edit the one line here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from humaskit.i18n import _

__all__ = ["HANDLE_RULES", "HandleRule", "followable", "handle_problem", "normalize_handle"]


@dataclass(frozen=True)
class HandleRule:
    """How one platform's handles look: ``pattern`` (without the "@"), whether they are written
    with "@", what the rule allows in words, and an example."""

    name: str
    pattern: re.Pattern[str]
    at: bool
    allowed: str
    example: str


def _rule(name: str, pattern: str, at: bool, allowed: str, example: str) -> HandleRule:
    return HandleRule(name, re.compile(pattern), at, allowed, example)


_PHONE = r"\+?\d[\d .()-]{5,}\d(?: \([^()]{1,40}\))?"
_WHATSAPP_LINK = r"https://(?:www\.)?(?:whatsapp\.com/channel/|wa\.me/)[A-Za-z0-9_/+-]+"

# The allowed characters are written out in the messages (gettext finds them through `_` below).
HANDLE_RULES: dict[str, HandleRule] = {
    # Instagram Help Centre, "username": letters, numbers, periods and underscores, at most 30.
    "instagram": _rule(
        "Instagram",
        r"[A-Za-z0-9._]{1,30}",
        True,
        "letters, digits, . and _, at most 30 characters",
        "@blorakab",
    ),
    # Threads profiles use the Instagram username.
    "threads": _rule(
        "Threads",
        r"[A-Za-z0-9._]{1,30}",
        True,
        "letters, digits, . and _, at most 30 characters",
        "@blorakab",
    ),
    # Facebook Help Centre, "Username guidelines": letters, numbers and periods, at least 5.
    "facebook": _rule(
        "Facebook",
        r"[A-Za-z0-9.]{5,50}",
        True,
        "letters, digits and ., from 5 to 50 characters",
        "@blorakab",
    ),
    # X Help Center, "Help with username registration": letters, numbers and _, at most 15.
    "x": _rule(
        "X",
        r"[A-Za-z0-9_]{1,15}",
        True,
        "letters, digits and _ (no dot), at most 15 characters",
        "@blora_kab",
    ),
    # TikTok Support, "Username": letters, numbers, underscores and periods, 2 to 24; not
    # ending with a period.
    "tiktok": _rule(
        "TikTok",
        r"[A-Za-z0-9._]{1,23}[A-Za-z0-9_]",
        True,
        "letters, digits, . and _, from 2 to 24 characters, not ending with a dot",
        "@blorakab",
    ),
    # YouTube Help, "Choose your handle": 3 to 30 letters, numbers, _, - and periods.
    "youtube": _rule(
        "YouTube",
        r"[A-Za-z0-9._-]{3,30}",
        True,
        "letters, digits, ., _ and -, from 3 to 30 characters",
        "@blorakab",
    ),
    # LinkedIn Help, "Company page public URL": the name after linkedin.com/company/, letters,
    # numbers and hyphens; written without "@".
    "linkedin": _rule(
        "LinkedIn",
        r"[A-Za-z0-9-]{2,100}",
        False,
        "the page's name in its address: letters, digits and -, without @",
        "pemkab-blora",
    ),
    # WhatsApp: the number people message (a note in brackets may follow), or a channel's link.
    "whatsapp": _rule(
        "WhatsApp",
        f"{_PHONE}|{_WHATSAPP_LINK}",
        False,
        "a phone number, or the link of a WhatsApp channel (https://whatsapp.com/channel/…)",
        "0811-2345-6789",
    ),
}


def _words(rule: HandleRule) -> str:
    """The rule's ``allowed`` in the interface's language."""
    texts = {
        "letters, digits, . and _, at most 30 characters": _(
            "letters, digits, . and _, at most 30 characters"
        ),
        "letters, digits and ., from 5 to 50 characters": _(
            "letters, digits and ., from 5 to 50 characters"
        ),
        "letters, digits and _ (no dot), at most 15 characters": _(
            "letters, digits and _ (no dot), at most 15 characters"
        ),
        "letters, digits, . and _, from 2 to 24 characters, not ending with a dot": _(
            "letters, digits, . and _, from 2 to 24 characters, not ending with a dot"
        ),
        "letters, digits, ., _ and -, from 3 to 30 characters": _(
            "letters, digits, ., _ and -, from 3 to 30 characters"
        ),
        "the page's name in its address: letters, digits and -, without @": _(
            "the page's name in its address: letters, digits and -, without @"
        ),
        "a phone number, or the link of a WhatsApp channel (https://whatsapp.com/channel/…)": _(
            "a phone number, or the link of a WhatsApp channel (https://whatsapp.com/channel/…)"
        ),
    }
    return texts.get(rule.allowed, rule.allowed)


def normalize_handle(platform: str, handle: str) -> str:
    """``handle`` as captions and cards write it: trimmed, with "@" where the platform uses it."""
    handle = handle.strip()
    rule = HANDLE_RULES.get(platform)
    if rule is not None and rule.at and not handle.startswith("@"):
        return "@" + handle
    return handle


def handle_problem(platform: str, handle: str) -> tuple[str, str] | None:
    """What is wrong with ``handle`` as an account of ``platform`` (a message and a hint), or
    ``None`` when it follows the platform's rule or humaskit has none for the platform."""
    rule = HANDLE_RULES.get(platform)
    if rule is None:
        return None
    bare = handle.strip()
    if rule.at:
        bare = bare.removeprefix("@")
    if rule.pattern.fullmatch(bare):
        return None
    message = _("{handle!r} is not a valid {platform} account: it allows {allowed}.").format(
        handle=handle, platform=rule.name, allowed=_words(rule)
    )
    hint = _("Write the account as it appears on {platform}, e.g. {example}.").format(
        platform=rule.name, example=rule.example
    )
    return message, hint


def followable(platform: str, handle: str) -> bool:
    """Whether a caption can say "Ikuti <handle>": not for a phone number to message."""
    return not (platform == "whatsapp" and re.fullmatch(_PHONE, handle.strip()))
