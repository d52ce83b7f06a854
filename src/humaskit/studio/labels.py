"""The words of the form: each field's label and help text, and the words shown for the keys a
field chooses from (``kinerja``, ``diterima``), in the language of ``--lang``.

The Indonesian help texts are those of ``humaskit new`` (the comment above each field in its
text), except for the choice fields, whose ``new`` help lists keys; in English the form shows
this module's translations of them. A field this module does not know keeps the help of the
``new`` text and its key as the label.
"""

from __future__ import annotations

from humaskit.i18n import N_, _, language

# field -> (label, help), as gettext msgids (English)
FIELDS: dict[str, tuple[str, str]] = {
    "title": (
        N_("Title"),
        N_("Release title (required). Short and clear: it is also the large title on the images."),
    ),
    "card_title": (
        N_("Short title for the images"),
        N_("A shorter title for the images only (optional); the captions keep the title."),
    ),
    "date": (N_("Date"), N_("Release date (required), as YEAR-MONTH-DAY.")),
    "unit": (
        N_("Unit"),
        N_(
            "The unit that owns the account (required): its key in the unit list or its "
            "Kemendagri code, e.g. 33.16.05."
        ),
    ),
    "kind": (
        N_("Kind of content"),
        N_(
            "What this release is: news, quote, performance figures, agenda, announcement, hoax, "
            "complaint or village potential."
        ),
    ),
    "location": (N_("Place"), N_("Where the activity took place (optional).")),
    "summary": (
        N_("Summary"),
        N_(
            "A summary in one or two sentences; without it the first paragraph of the body is used."
        ),
    ),
    "image": (
        N_("Photo"),
        N_(
            "The main photo, relative to this file (JPEG, PNG, WebP, HEIC). Leave empty if there "
            "is no photo."
        ),
    ),
    "image_alt": (
        N_("Photo description"),
        N_("What the photo shows, for screen readers (required when there is a photo)."),
    ),
    "image_focus": (
        N_("Photo focus point"),
        N_(
            "The point of the photo that always stays visible when it is cropped: [x, y] from 0 "
            "to 1."
        ),
    ),
    "image_credit": (N_("Photo credit"), N_("Who took the photo.")),
    "tags": (N_("Keywords"), N_("Keywords, one a line; they become hashtags (#) in the captions.")),
    "quote": (
        N_("Quote"),
        N_(
            "The quote (at most 200 characters to show whole on the image), who said it and "
            "their role."
        ),
    ),
    "period": (N_("Period"), N_("The period these figures cover.")),
    "source": (
        N_("Source"),
        N_("The source (recommended): who recorded these figures or confirms the facts."),
    ),
    "stats": (
        N_("Performance figures"),
        N_(
            "The figures (required, at most 24): label, value, unit and target. Write numbers "
            "without thousands separators (1875, not 1.875) and decimals with a point (91.3)."
        ),
    ),
    "agenda": (
        N_("Agenda items"),
        N_(
            "The activities (required, at least one): date YEAR-MONTH-DAY, time in quotes "
            '("09.00"), name and place.'
        ),
    ),
    "when": (
        N_("When"),
        N_("When the service or activity takes place: day, date and time (recommended)."),
    ),
    "place": (N_("Where"), N_("Where (recommended).")),
    "contact": (
        N_("Contact"),
        N_("Where citizens can ask: an official service or office number, not a private one."),
    ),
    "claim": (
        N_("False claim"),
        N_(
            "The false claim going around (required), written as it circulates; the image marks "
            "it HOAX."
        ),
    ),
    "fact": (
        N_("Fact"),
        N_("The true fact (required), one or two sentences; the image marks it FACT."),
    ),
    "complaint": (
        N_("Complaint"),
        N_(
            "The citizen's complaint (required), WITHOUT personal data: no name, telephone "
            "number, NIK or e-mail address of the reporter."
        ),
    ),
    "action": (
        N_("Follow-up"),
        N_("What has been done about it (recommended when the status is in progress or done)."),
    ),
    "status": (
        N_("Complaint status"),
        N_("Status of the complaint (required): received, in progress or done."),
    ),
    "ticket": (
        N_("Ticket number"),
        N_("The complaint's ticket number, e.g. from SP4N-LAPOR! (optional)."),
    ),
    "image_before": (
        N_("Photo before"),
        N_("The photo before the follow-up, relative to this file (optional)."),
    ),
    "image_after": (
        N_("Photo after"),
        N_("The photo after the follow-up, relative to this file (optional)."),
    ),
    "image_before_focus": (
        N_("Focus of the photo before"),
        N_(
            "The point of the photo before that always stays visible when it is cropped: [x, y] "
            "from 0 to 1."
        ),
    ),
    "image_after_focus": (
        N_("Focus of the photo after"),
        N_(
            "The point of the photo after that always stays visible when it is cropped: [x, y] "
            "from 0 to 1."
        ),
    ),
    "highlights": (N_("Highlights"), N_("What stands out (recommended): one phrase a line.")),
    "link": (N_("Link to the full story"), N_("A link to the full news story (optional).")),
    "approved_by": (
        N_("Approved by"),
        N_("Who approved this release; without it the images are marked DRAFT."),
    ),
    "platforms": (
        N_("Platforms"),
        N_("Only these platforms (optional; by default every platform of the unit)."),
    ),
}


# The keys a choice field offers -> the words shown for them (the key stays the saved value).
CHOICES: dict[str, dict[str, str]] = {
    "kind": {
        "rilis": N_("News release"),
        "kutipan": N_("Quote from an official"),
        "kinerja": N_("Performance report"),
        "agenda": N_("Agenda of activities"),
        "pengumuman": N_("Announcement"),
        "hoaks": N_("Hoax clarification"),
        "aduan": N_("Complaint follow-up"),
        "potensi": N_("Village potential"),
    },
    "status": {
        "diterima": N_("Received"),
        "diproses": N_("Being handled"),
        "selesai": N_("Followed up"),
    },
}


# (field, part) -> (label, help) of the parts of a field edited as rows (studio/structured.py)
PARTS: dict[tuple[str, str], tuple[str, str]] = {
    ("stats", "label"): (N_("What is counted"), N_("e.g. Toddlers weighed")),
    ("stats", "value"): (
        N_("Figure"),
        N_("Digits without thousands separators, a point for decimals: 1875 or 91.3."),
    ),
    ("stats", "unit"): (N_("Unit of measure"), N_("e.g. toddlers or km; % means a percentage.")),
    ("stats", "target"): (N_("Target"), N_("The figure aimed for (optional).")),
    ("agenda", "date"): (N_("Date"), ""),
    ("agenda", "time"): (N_("Time"), N_("e.g. 09.00")),
    ("agenda", "title"): (N_("Activity"), ""),
    ("agenda", "place"): (N_("Place"), ""),
    ("quote", "text"): (N_("What was said"), ""),  # the field's help gives its length
    ("quote", "by"): (N_("Who said it"), ""),
    ("quote", "role"): (N_("Their role"), N_("e.g. Bupati Blora")),
    ("quote", "photo"): (
        N_("Portrait photo"),
        N_("A photo of the speaker, relative to this file (optional): ../foto/portrait.jpg."),
    ),
}
# field -> the words of the button that adds a row to it
ADD_ROW: dict[str, str] = {"stats": N_("Add a figure"), "agenda": N_("Add an activity")}


def part_label(name: str, part: str) -> str:
    """The label of part ``part`` of field ``name`` (``stats``' ``value``: "Figure")."""
    known = PARTS.get((name, part))
    return _(known[0]) if known else part


def part_help(name: str, part: str) -> str:
    """The help of part ``part`` of field ``name`` ("" when it needs none)."""
    known = PARTS.get((name, part))
    return _(known[1]) if known and known[1] else ""


def add_row_label(name: str) -> str:
    """The words of the button that adds a row to field ``name``."""
    return _(ADD_ROW[name]) if name in ADD_ROW else _("Add a row")


def choice_label(name: str, key: str) -> str:
    """The words shown for the key ``key`` of choice field ``name`` (the key itself when this
    module does not know it, e.g. a kind a plugin registered)."""
    known = CHOICES.get(name, {}).get(key)
    return _(known) if known else key


def kind_label(kind: str) -> str:
    """The words shown for the kind ``kind``."""
    return choice_label("kind", kind)


def label(name: str) -> str:
    """The label of field ``name``: a word a person uses, not its key."""
    known = FIELDS.get(name)
    return _(known[0]) if known else name


def help_text(name: str, template_help: str) -> str:
    """The help of field ``name``: the ``new`` text's in Indonesian, this module's in English."""
    known = FIELDS.get(name)
    # A choice's help in the new text lists the keys a YAML writer types; the form shows words.
    if known is None or (language() != "en" and template_help and name not in CHOICES):
        return template_help
    return _(known[1])
