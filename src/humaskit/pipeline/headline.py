"""A headline that does not fit its images: the release is refused, never published cut.

Layouts give the headline the room it needs (more lines, the height of 9:16, a smaller size
down to the readable floor). A title longer than that room is refused by ``check`` and
``render`` alike, with a message that names ``card_title`` (a shorter headline for the images;
the captions keep ``title``) and how many characters fit on the tightest image.

A text layer shows the headline when what it drew, less its ellipsis, is the start of the
release's headline: so any layout's title layer counts, whatever its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from humaskit.diagnostics import Diagnostic
from humaskit.errors import ReleaseError
from humaskit.i18n import _
from humaskit.layout.textfit import ELLIPSIS
from humaskit.layout.typography import tidy
from humaskit.model.release import Release
from humaskit.pipeline.manifest import Artifact, TextLayer

__all__ = [
    "CARD_TITLE_NEEDED",
    "HEADLINE_SMALL",
    "WIDE_HEADLINE_SHARE",
    "ShownImage",
    "cut_headline",
    "headline_room",
    "shown_images",
    "small_headline",
]


class ShownImage(NamedTuple):
    """One image of a release as its headline is read: its path (``facebook/link.png``), its
    size in pixels and the text layers drawn on it."""

    path: str
    width: int
    height: int
    layers: Sequence[TextLayer]


def shown_images(artifacts: Iterable[Artifact]) -> list[ShownImage]:
    """The drawn images among ``artifacts``, as their headline is read."""
    return [
        ShownImage(a.path, a.width or 0, a.height or 0, a.text_layers)
        for a in artifacts
        if a.text_layers is not None
    ]


# The code of the refusal when ``check`` reports it among a release's findings.
CARD_TITLE_NEEDED = "card-title-needed"


def _words(text: str) -> str:
    """``text`` as a card sets it (curly quotes), for comparing a release's headline with the
    lines an image shows."""
    return " ".join(tidy(text).split()).casefold()


def headline_room(headline: str, layers: Iterable[TextLayer]) -> int | None:
    """How many characters of ``headline`` one image's ``layers`` show when a layer cut it, or
    ``None`` when no layer cut it."""
    whole = _words(headline)
    room: int | None = None
    for layer in layers:
        if not layer.truncated or not layer.lines:
            continue
        shown = _words(" ".join(layer.lines))
        shown = shown.removesuffix(ELLIPSIS.casefold()).rstrip()
        if shown and whole.startswith(shown) and len(shown) < len(whole):
            room = len(shown) if room is None else min(room, len(shown))
    return room


def cut_headline(release: Release, images: Iterable[ShownImage]) -> ReleaseError | None:
    """The refusal for ``release`` when its headline is cut on any of ``images``, else
    ``None``.

    The message names the tightest image and how many characters fit there.
    """
    headline = release.headline
    tightest: tuple[int, str] | None = None
    for image, _width, _height, layers in images:
        room = headline_room(headline, layers)
        if room is not None and (tightest is None or room < tightest[0]):
            tightest = (room, image)
    if tightest is None:
        return None
    room, image = tightest
    if release.card_title:
        message = _(
            "The card_title has {count} characters and does not fit the headline of {image}: "
            "about {room} characters fit there."
        )
        hint = _("Shorten card_title to at most {room} characters.")
    else:
        message = _(
            "The title has {count} characters and does not fit the headline of {image}: about "
            "{room} characters fit there."
        )
        hint = _(
            "Add a shorter headline for the images, e.g. 'card_title: …' of at most {room} "
            "characters; the captions keep the full title."
        )
    field = "card_title" if release.card_title else "title"
    return ReleaseError(
        message.format(count=len(headline), image=image, room=room),
        hint=hint.format(room=room),
        location=release.where(field),
    )


# The code of the advice when a wide card sets the headline small.
HEADLINE_SMALL = "headline-small"
# A wide card (a link preview, an X post) is seen small in a feed: its headline reads at a
# glance from 6 % of the image's width (72 px at 1200). Advice is given from 5 % under it (a
# pixel or two short is not worth a second headline).
WIDE_HEADLINE_SHARE = 0.06
SMALL_MARGIN = 0.95
# The share of the characters the box holds at the size scaled by area that a headline may have:
# its lines end ragged, short of the measure.
RAGGED = 0.85


def small_headline(release: Release, images: Iterable[ShownImage]) -> Diagnostic | None:
    """Advice for ``release`` when a wide image shrinks its whole headline to fit, under
    :data:`SMALL_MARGIN` of :data:`WIDE_HEADLINE_SHARE` of its width, else ``None``. It names
    the image with the smallest headline and about how many characters a ``card_title`` may
    have to be set at that size: the title's length scaled by
    the square of the two sizes (the lines fill the same box) and by :data:`RAGGED`, rounded
    down to five.
    """
    whole = _words(release.headline)
    smallest: tuple[float, int, int, str] | None = None  # (share, size, target, image)
    for image, width, height, layers in images:
        if width <= height:
            continue
        for layer in layers:
            # Only a headline shrunk to fit: a shorter one is then set larger.
            if not layer.shrunk or layer.truncated or _words(" ".join(layer.lines)) != whole:
                continue
            target = round(width * WIDE_HEADLINE_SHARE)
            share = layer.size / target
            if share < SMALL_MARGIN and (smallest is None or share < smallest[0]):
                smallest = (share, layer.size, target, image)
    if smallest is None:
        return None
    share, size, target, image = smallest
    room = max(20, int(len(release.headline) * share * share * RAGGED) // 5 * 5)
    field = "card_title" if release.card_title else "title"
    message = _(
        "The headline of {image} is set at {size} px, under the {target} px at which a wide "
        "card reads at a glance: the {field} has {count} characters."
    ).format(image=image, size=size, target=target, field=field, count=len(release.headline))
    if release.card_title:
        hint = _("Shorten card_title to about {room} characters.")
    else:
        hint = _(
            "Add a shorter headline for the images, e.g. 'card_title: …' of about {room} "
            "characters; the captions keep the full title."
        )
    where = release.where(field)
    return Diagnostic(
        HEADLINE_SMALL,
        message + " " + hint.format(room=room),
        file=None,
        field=field,
        line=where.line,
    )
