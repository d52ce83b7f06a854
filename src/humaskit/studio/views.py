"""The studio's HTML: its templates rendered in the project's Jinja2 sandbox, autoescaped.

Every piece of user text (titles, captions, messages, file names) reaches the page through
autoescaping, so a title like ``</script><script>alert(1)</script>`` shows as text. The page's
words are translated here (``t`` in the templates), in the language of ``--lang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from humaskit.i18n import _, language
from humaskit.studio.labels import add_row_label, kind_label
from humaskit.text.templating import environment, render_template
from humaskit.tools.pages import thousands

TEMPLATES = Path(__file__).parent / "templates"


def page(name: str, context: Mapping[str, Any]) -> str:
    """The studio template ``name`` rendered with ``context`` (and the page's words)."""
    env = environment((TEMPLATES,), (("angka", thousands),), autoescape=True)
    words = {"t": ui(), "lang": language(), "kind_label": kind_label}
    words["add_row_label"] = add_row_label
    return render_template(env, name, {**words, **context})


def ui() -> dict[str, str]:
    """The words of the studio's pages, in the current language."""
    return {
        "studio": _("humaskit studio"),
        "releases": _("Releases"),
        "new": _("New release"),
        "new_of_kind": _("Start a new release of this kind"),
        "import": _("Import a Word file (.docx) or WhatsApp text (.txt)"),
        "import_help": _(
            "The title, dateline, paragraphs and photos are read from the document; you then "
            "check and complete the fields."
        ),
        "import_button": _("Import"),
        "no_releases": _("There are no releases in rilis/ yet. Start one below."),
        "date": _("Date"),
        "title": _("Title"),
        "unit": _("Unit"),
        "kind": _("Kind"),
        "status": _("Status"),
        "warnings": _("Warnings"),
        "draft": _("Draft"),
        "approved": _("Approved"),
        "unreadable": _("Cannot be read"),
        "back": _("All releases"),
        "fields": _("Fields"),
        "body": _("Body text"),
        "body_help": _(
            "The first paragraph is the lead: who, what, when, where. Use the buttons for bold, "
            "lists and links."
        ),
        "bold": _("Bold"),
        "list": _("List"),
        "link": _("Link"),
        "photo": _("Photo"),
        "photo_help": _(
            "Upload a photo; then click on the part of it that must always stay visible."
        ),
        "search_unit": _("Search a unit by name or code"),
        "captions": _("Captions"),
        "captions_help": _("Updated as you type, counted the way each platform counts."),
        "characters": _("characters"),
        "over": _("too long"),
        "images": _("Images"),
        "images_help": _("Redrawn a moment after you stop typing."),
        "platform": _("Platform"),
        "every_image": _("every image (a carousel takes a few seconds)"),
        "save": _("Save"),
        "save_anyway": _("Save anyway (replace the version on disk)"),
        "saved": _("Saved to {path}."),
        "unchanged": _("No changes: {path} was left as it was."),
        "render": _("Render"),
        "render_help": _("Writes every caption and image into out/, as 'humaskit render' does."),
        "rendered": _("Rendered into {path}."),
        "copy": _("Copy"),
        "copied": _("Copied"),
        "download": _("Download the images (zip)"),
        "changed_on_disk": _(
            "This file was changed on disk after you opened it (in another tab, another studio "
            "or an editor). Saving now replaces that version with yours."
        ),
        "reload": _("Open the version on disk"),
        "problem": _("Problem"),
        "hint": _("How to fix it"),
        "required_hint": _("Fields marked as required (wajib) must be filled in."),
        "error": _("error"),
        "warning": _("warning"),
        "imported": _("Imported from {name}. Check the fields before you save."),
        "imported_fill": _("Imported from {name}. Still to fill in:"),
        "new_file": _("not saved yet"),
        "no_images": _("This platform has no images for this release."),
        "remove_row": _("Remove this row"),
        "footer": _("Runs only on this computer; nothing is sent to the internet."),
    }
