"""The checks of a release's own kind: fields it must have (an error), fields it should have,
personal data in a complaint and a kutipan's image that is no portrait (warnings). Called by
:func:`humaskit.model.release.load_release`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from humaskit.diagnostics import Diagnostic
from humaskit.i18n import N_, _
from humaskit.model.fields import Frontmatter
from humaskit.model.kinds import get_kind, kind_fields

if TYPE_CHECKING:
    from humaskit.model.release import Release

__all__ = ["kind_notices"]


# Personal data that has no place in a published complaint (the issue: "no personal data").
# Mobile numbers (08…, +628…), landlines with an area code ((0296) 531234), the 16-digit NIK
# and e-mail addresses. A ticket number such as LAPOR-2024-0612 matches none of them.
_PERSONAL_DATA = (
    (
        re.compile(r"(?<![\w.])(?:\+62[\s.-]?|62|0)8\d(?:[\s.-]?\d){6,11}(?!\d)"),
        N_("a phone number"),
    ),
    (re.compile(r"(?<![\w-])\(?0\d{2,3}\)?[\s.-]?\d{5,8}(?!\d)"), N_("a phone number")),
    (re.compile(r"(?<!\d)\d{16}(?!\d)"), N_("a 16-digit NIK")),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), N_("an e-mail address")),
)


def _add_line(name: str) -> str:
    """The hint for a missing field: the line to add, from the field's declaration."""
    declared = kind_fields().get(name)
    example = _(declared.example) if declared and declared.example else f"{name}: …"
    return _("Add a line '{example}' to the frontmatter.").format(example=example)


def kind_notices(release: Release, fields: Frontmatter) -> list[Diagnostic]:
    """Check the fields of the release's kind: raise for missing ones, warn about thin ones."""
    kind = get_kind(release.kind)
    for name in kind.required:
        if not release.value(name):
            raise fields.error(
                (name,) if name in fields.data else ("kind",),
                _("A release of kind {kind!r} needs the field {field!r}.").format(
                    kind=kind.name, field=name
                ),
                _add_line(name),
            )
    notices = []
    missing = list(kind.recommended)
    if kind.also_recommended is not None:
        missing.extend(kind.also_recommended(release))
    for name in missing:
        if not release.value(name):
            notices.append(
                Diagnostic(
                    "missing-field",
                    _("A release of kind {kind!r} should have the field {field!r}.").format(
                        kind=kind.name, field=name
                    )
                    + " "
                    + _add_line(name),
                    field=name,
                    line=fields.line("kind"),
                )
            )
    for name in ("complaint", "action"):
        text = getattr(release, name) or ""
        found = [what for pattern, what in _PERSONAL_DATA if pattern.search(text)]
        if found:
            notices.append(
                Diagnostic(
                    "personal-data",
                    _("The field {field!r} seems to contain personal data ({what}).").format(
                        field=name, what=_(found[0])
                    )
                    + " "
                    + _(
                        "A published complaint names no person: remove phone numbers, NIK and "
                        "e-mail addresses."
                    ),
                    field=name,
                    line=fields.line(name),
                )
            )
    notices.extend(_portrait_notice(release, fields))
    return notices


def _portrait_notice(release: Release, fields: Frontmatter) -> list[Diagnostic]:
    """A kutipan with an ``image`` but no ``quote.photo``: its cards show no portrait (the image
    is the event's photo, never a portrait), which a kit written before that may not expect."""
    quote = release.quote
    if release.kind != "kutipan" or release.image is None or (quote and quote.photo):
        return []
    return [
        Diagnostic(
            "quote-no-portrait",
            _(
                "A kutipan card shows the speaker's portrait only from 'quote.photo': the "
                "release's 'image' is never drawn as a portrait, so the cards are set without one."
            )
            + " "
            + _("If the image is the speaker's portrait, add 'photo: {path}' to the quote.").format(
                path=fields.data.get("image", "../foto/potret.jpg")
            ),
            field="quote",
            line=fields.line("image"),
        )
    ]
