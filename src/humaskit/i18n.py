"""Messages for people, in Bahasa Indonesia by default and English on request.

Message ids in the code are English; ``locale/id/LC_MESSAGES/humaskit.po`` translates them and is
compiled to ``.mo`` with Babel's ``pybabel compile`` (see README, "Translations"). English needs no
catalogue: gettext falls back to the message id.

The language is chosen, in order, by ``set_language()`` (the CLI's ``--lang``), the
``HUMASKIT_LANG`` environment variable, and the default ``id``.
"""

from __future__ import annotations

import os
from functools import cache

# gettext and the catalogue's folder are looked up when a message is first translated: the
# root help screen (humaskit.cli.helpcache) needs only language() and normalise().
TYPE_CHECKING = False
if TYPE_CHECKING:
    import gettext as _gettext

SUPPORTED = ("id", "en")
DEFAULT = "id"

_current: str | None = None


def normalise(lang: str | None) -> str | None:
    """``"en_US.UTF-8"`` → ``"en"``; ``None`` or an unsupported language → ``None``."""
    if not lang:
        return None
    short = lang.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return short if short in SUPPORTED else None


def set_language(lang: str | None) -> None:
    """Choose the language of messages for the rest of the process."""
    global _current
    _current = normalise(lang)


def language() -> str:
    """The language messages are shown in now."""
    return _current or normalise(os.environ.get("HUMASKIT_LANG")) or DEFAULT


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    import gettext as _gettext

    from humaskit.resources import locale_dir

    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation("humaskit", localedir=locale_dir(), languages=[lang], fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with a plural form."""
    return _translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message
