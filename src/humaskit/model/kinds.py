"""The kinds of release (SPEC §4): each one declaration, kept in one registry.

A :class:`Kind` says everything humaskit knows about a kind: the fields it needs (an error when
missing) and should have (a warning), fields of its own with their readers, which caption block
is its point (kept longest when a caption is fitted) or a caption block of its own, the layout
its cards use (the layout's ``alt:`` lines are its alt-text wording), which carousel slides rank
with the cover, and the words of its follow-up statuses. Code that needs kind knowledge asks the
registry (:func:`get_kind`, :func:`kind_names`, :func:`kind_fields`); a new kind is one
:func:`register` call (see "Adding a kind" in the README).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from humaskit.i18n import N_, _
from humaskit.model import fields as read
from humaskit.model.fields import Frontmatter, join_hint
from humaskit.yamlio import suggest

if TYPE_CHECKING:
    from pathlib import Path

    from humaskit.model.release import Release

__all__ = [
    "COMPLAINT_STATUSES",
    "DEFAULT_KIND",
    "Field",
    "Kind",
    "Status",
    "get_kind",
    "kind_fields",
    "kind_names",
    "portrait_of",
    "register",
    "status_of",
    "unregister",
]

DEFAULT_KIND = "rilis"

FieldReader = Callable[[Frontmatter, str], Any]


@dataclass(frozen=True)
class Field:
    """A frontmatter field that kinds need or should have.

    Attributes:
        name: the key in the frontmatter.
        example: the example line shown when it is missing (marked with ``N_``; translated when
            shown).
        read: reads it from the frontmatter; ``None`` for the fields every release reads itself
            (``image``, ``stats``, ``agenda``). A field that is not an attribute of
            :class:`~humaskit.model.release.Release` lands in ``release.extra``.
    """

    name: str
    example: str
    read: FieldReader | None = None


@dataclass(frozen=True)
class Status:
    """A follow-up state of a complaint: its name, its words on cards and captions, its sign."""

    name: str
    text: str
    sign: str


@dataclass(frozen=True)
class Kind:
    """Everything about one kind of release.

    Attributes:
        name: the value of ``kind:`` in the frontmatter.
        required: fields it needs; a release without one is refused.
        recommended: fields it should have; a release without one gets a warning.
        fields: fields of its own, beyond the shared ones (:data:`SHARED_FIELDS`).
        caption_block: the caption block that is its point: dropped last when a caption is
            fitted (``stats`` for figures, ``hoaks`` for the hoax and the fact, …).
        caption: a caption block of its own, as Jinja text (it sees the caption's variables,
            its fields in ``extra``, and ``bold``); shown after the announcement details.
        layout: the layout its cards use on every platform (the template set, ``sets.yaml``,
            may say otherwise per platform); empty means the layout named like the kind.
        main_slides: carousel slides that rank with the first figure slide (``stats``). A short
            clip also keeps the one-item scenes of these (``stats``: each figure, ``points``:
            each key point, e.g. an announcement's schedule rows) rather than drop them for time.
        also_recommended: further fields it should have, given the release (an ``aduan`` in
            progress should say what was done).
        schedule_layout: the layout of its key-point slides when the points are a schedule of
            dates (:func:`humaskit.cards.points.is_schedule`); empty means the key-point slides'
            own (``poin``).
    """

    name: str
    required: tuple[str, ...] = ()
    recommended: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    caption_block: str | None = None
    caption: str | None = None
    layout: str = ""
    main_slides: tuple[str, ...] = ()
    also_recommended: Callable[[Release], tuple[str, ...]] | None = field(
        default=None, compare=False
    )
    schedule_layout: str = ""

    @property
    def default_layout(self) -> str:
        return self.layout or self.name


# The follow-up states of a complaint (kind: aduan), in order; the words are the cards'.
COMPLAINT_STATUSES = (
    Status("diterima", "Aduan diterima", "📥"),
    Status("diproses", "Sedang diproses", "⏳"),
    Status("selesai", "Selesai ditindaklanjuti", "✅"),
)


def portrait_of(release: Release) -> Path | None:
    """The portrait of the person a release quotes: the quote's own ``photo`` only. A release's
    ``image`` is the event's photo (a ``kutipan`` too) and never goes into a portrait slot: a
    quote without a portrait is set text-only."""
    return release.quote.photo if release.quote is not None else None


def status_of(name: str | None) -> Status | None:
    """The complaint status called ``name``, if there is one."""
    return next((s for s in COMPLAINT_STATUSES if s.name == name), None)


def _status(fields: Frontmatter, name: str) -> str | None:
    raw = fields.text(name)
    if raw is None:
        return None
    status = raw.lower()
    names = [s.name for s in COMPLAINT_STATUSES]
    if status not in names:
        raise fields.error(
            (name,),
            _("Unknown complaint status {status!r}.").format(status=raw),
            join_hint(
                suggest(status, names),
                _("Choose one of: {statuses}.").format(statuses=", ".join(names)),
            ),
        )
    return status


# The fields kinds share, in the order they are read and listed ("Known fields: …").
SHARED_FIELDS = (
    Field("image", N_("image: ../foto/<photo>.jpg")),
    Field("stats", N_("stats: ../data/figures.csv (columns label,value,unit,target), or a list")),
    Field("agenda", N_("agenda: a list of events, each with date, time, title and place")),
    # kinerja / hoaks: where the figures or the facts come from; kinerja: the period covered
    Field("source", N_("source: <who confirms it, e.g. the agency in charge>"), read.text),
    Field("period", "", read.text),
    # hoaks
    Field("claim", N_("claim: <the false claim as it circulates>"), read.text),
    Field("fact", N_("fact: <what is true, in one or two sentences>"), read.text),
    # aduan
    Field(
        "complaint",
        N_("complaint: <what was reported, without names or numbers of people>"),
        read.text,
    ),
    Field("action", N_("action: <what was done about it>"), read.text),
    Field("status", N_("status: diterima | diproses | selesai"), _status),
    Field("ticket", "", read.text),
    Field("image_before", "", read.photo),
    Field("image_after", "", read.photo),
    # the point of each photo a crop keeps in view, like image_focus
    Field("image_before_focus", "", read.focus),
    Field("image_after_focus", "", read.focus),
    # pengumuman (contact also for potensi)
    Field("when", N_("when: <day, date and hours>"), read.text),
    Field("place", N_("place: <the address or building>"), read.text),
    Field("contact", N_("contact: <a service phone number or office>"), read.text),
    # potensi (any kind may list them)
    Field("highlights", N_("highlights: [<phrase>, <phrase>]"), read.phrases),
)


def _aduan_recommends(release: Release) -> tuple[str, ...]:
    return ("action",) if release.status in ("diproses", "selesai") else ()


_BUILTIN = (
    Kind("rilis"),
    Kind("kutipan", caption_block="quote"),
    Kind("kinerja", required=("stats",), caption_block="stats", main_slides=("stats",)),
    Kind("agenda", required=("agenda",), caption_block="agenda"),
    Kind(
        "pengumuman",
        recommended=("when", "place", "contact"),
        caption_block="info",
        main_slides=("points",),  # its key points are often its schedule: each row in a clip
        schedule_layout="pengumuman-jadwal",  # a schedule's slides: date tiles, not numbers
        # what the service costs, on a chip of its own ("GRATIS"), and what to bring (a BAWA
        # row under the others where the card has room); both optional, in `extra`
        fields=(Field("cost", "", read.text), Field("bring", "", read.text)),
    ),
    Kind("hoaks", required=("claim", "fact"), recommended=("source",), caption_block="hoaks"),
    Kind(
        "aduan",
        required=("complaint", "status"),
        caption_block="aduan",
        also_recommended=_aduan_recommends,
    ),
    Kind("potensi", recommended=("image", "highlights"), caption_block="highlights"),
)
_REGISTRY: dict[str, Kind] = {kind.name: kind for kind in _BUILTIN}


def register(kind: Kind) -> Kind:
    """Add a kind to the registry (after the built-in ones).

    Raises:
        ValueError: a kind of that name exists, or one of its fields is declared already.
    """
    if kind.name in _REGISTRY:
        raise ValueError(f"the kind {kind.name!r} is registered already")
    taken = kind_fields()
    for own in kind.fields:
        if own.name in taken:
            raise ValueError(f"the field {own.name!r} is declared already")
    _REGISTRY[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind added with :func:`register`; the built-in kinds stay."""
    if any(kind.name == name for kind in _BUILTIN):
        raise ValueError(f"the built-in kind {name!r} cannot be removed")
    _REGISTRY.pop(name, None)


def get_kind(name: str) -> Kind:
    """The kind called ``name``.

    Raises:
        KeyError: no kind has that name.
    """
    return _REGISTRY[name]


def kind_names() -> tuple[str, ...]:
    """Every kind's name, the built-in ones first, in their order."""
    return tuple(_REGISTRY)


def kind_fields() -> dict[str, Field]:
    """Every field kinds declare, by name: the shared ones, then each kind's own."""
    found = {f.name: f for f in SHARED_FIELDS}
    for kind in _REGISTRY.values():
        found.update({f.name: f for f in kind.fields})
    return found
