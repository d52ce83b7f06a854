"""The text an import leaves where the admin must still write something.

Every placeholder starts with :data:`PLACEHOLDER_PREFIX`, so a check (and a person searching the
file) finds them all. When ``humaskit.model.placeholders`` defines the project's own marker,
these constants are to be made that one.
"""

from __future__ import annotations

PLACEHOLDER_PREFIX = "[ISI:"
IMAGE_ALT_PLACEHOLDER = "[ISI: apa yang terlihat di foto, untuk pembaca layar]"
CARD_TITLE_PLACEHOLDER = "[ISI: judul pendek untuk gambar]"


def placeholder(what: str) -> str:
    """A placeholder asking for ``what`` (Indonesian, as the release is): ``[ISI: fakta]``."""
    return f"{PLACEHOLDER_PREFIX} {what}]"


def is_placeholder(value: object) -> bool:
    """Whether ``value`` is text an import left to be filled in."""
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER_PREFIX)


def what_to_fill(field: str) -> str:
    """What the admin should write in ``field``, in a sentence (translated)."""
    from humaskit.i18n import _

    words = {
        "image_alt": _("describe what the photo shows, for readers who cannot see it"),
        "card_title": _("a shorter title for the images (the title is too long for them)"),
        "date": _("the date of the release, as YYYY-MM-DD (today's date was used)"),
        "quote": _("the quote, who said it and their role"),
        "claim": _("the false claim as it circulates"),
        "fact": _("what is true, in one or two sentences"),
        "complaint": _("what was reported, without names or numbers of people"),
    }
    return words.get(field, _("replace the [ISI: …] text"))
