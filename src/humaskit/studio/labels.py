"""The studio's names for release fields: words a person uses, in the studio's language.

The form shows these above each field instead of the YAML key (``image_alt`` is "Photo
description for screen readers"); a field without a name here (a user's own key) shows its key
with spaces for underscores.
"""

from __future__ import annotations

from humaskit.i18n import _

__all__ = ["field_label"]


def _labels() -> dict[str, str]:
    # Built at call time, so that each label follows the language chosen with --lang.
    return {
        "title": _("Title"),
        "card_title": _("Short title for the images"),
        "date": _("Date"),
        "unit": _("Unit (account owner)"),
        "kind": _("Kind of post"),
        "location": _("Place"),
        "summary": _("Summary"),
        "image": _("Photo"),
        "image_alt": _("Photo description for screen readers"),
        "image_focus": _("Photo focus point"),
        "image_credit": _("Photo credit"),
        "tags": _("Keywords (hashtags)"),
        "link": _("Web address"),
        "approved_by": _("Approved by"),
        "platforms": _("Platforms"),
        "quote": _("Quote"),
        "period": _("Period"),
        "source": _("Data source"),
        "stats": _("Figures"),
        "agenda": _("Events"),
        "when": _("When"),
        "place": _("Where"),
        "contact": _("Contact"),
        "claim": _("The hoax claim"),
        "fact": _("The fact"),
        "complaint": _("The complaint"),
        "action": _("Follow-up"),
        "status": _("Status"),
        "ticket": _("Complaint number"),
        "image_before": _("Photo before"),
        "image_after": _("Photo after"),
        "image_before_focus": _("Focus point of the photo before"),
        "image_after_focus": _("Focus point of the photo after"),
        "highlights": _("Highlights"),
        "audio": _("Music or voice-over"),
        "video": _("Video"),
    }


def field_label(name: str) -> str:
    """The name the form shows for the field ``name``."""
    label = _labels().get(name)
    return label if label is not None else name.replace("_", " ")
