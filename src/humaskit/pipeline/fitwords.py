"""What a caption gave up to fit its limit, in the words of the people who read the warning.

The fitters (:mod:`humaskit.text.fitting`, :mod:`humaskit.pipeline.recap_caption`) name caption
blocks by their template names (``hashtags``, ``agenda``, ``lead``); ``check``, ``render`` and
``recap`` all say it with :func:`fitted_words`: "hashtags and schedule left out, summary
shortened".
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.lists import format_list

from humaskit.i18n import N_, _, language

__all__ = ["block_word", "fitted_words"]

_BLOCKS = {
    "body": N_("body text"),
    "points": N_("key points"),
    "highlights": N_("highlights"),
    "quote": N_("quote"),
    "stats": N_("figures"),
    "agenda": N_("schedule"),
    "info": N_("announcement details"),
    "aduan": N_("complaint follow-up"),
    "hoaks": N_("hoax clarification"),
    "kind": N_("the part of this kind of release"),
    "handles": N_("account names"),
    "hashtags": N_("hashtags"),
    "complaint": N_("full complaint channels (the first address stays)"),
    "link": N_("link"),
    "lead": N_("summary"),
    "title": N_("title"),
    "titles": N_("release titles"),
    "releases": N_("some releases of the list"),
}


def block_word(name: str) -> str:
    """A caption block's name as people say it; an unknown (extension) block keeps its name."""
    word = _BLOCKS.get(name)
    return _(word) if word else name


def _listed(names: Sequence[str]) -> str:
    words = list(dict.fromkeys(block_word(n) for n in names))
    return format_list(words, locale=language())


def fitted_words(dropped: Sequence[str], shortened: Sequence[str] = ()) -> str:
    """ "hashtags and schedule left out, summary shortened" for the blocks given."""
    parts = []
    if dropped:
        parts.append(_("{blocks} left out").format(blocks=_listed(dropped)))
    if shortened:
        parts.append(_("{blocks} shortened").format(blocks=_listed(shortened)))
    return ", ".join(parts)
