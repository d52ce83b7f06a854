"""The press release: Markdown with YAML frontmatter (SPEC §4), parsed and validated.

``load_release(path)`` reads one file and returns a :class:`Release`, or raises
:class:`~humaskit.errors.ReleaseError` naming the file, the field and the line. Problems that do
not stop rendering (an unknown key, a photo without alt text) become warnings on the release.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit.diagnostics import Diagnostic, Severity
from humaskit.errors import BrandError, HumaskitError, Location, ReleaseError
from humaskit.i18n import _
from humaskit.model import fields as read
from humaskit.model.body import Body, parse_body
from humaskit.model.entries import AgendaItem, Quote, read_agenda, read_quote, read_stats
from humaskit.model.fields import Frontmatter, join_hint, parse_date
from humaskit.model.kind_checks import kind_notices as _kind_notices
from humaskit.model.kinds import DEFAULT_KIND, kind_fields, kind_names
from humaskit.model.placeholders import placeholder_findings
from humaskit.model.release_file import decode_release, read_release_file, split_release
from humaskit.model.stats import Stat
from humaskit.model.workspace import find_workspace
from humaskit.realpaths import resolved
from humaskit.yamlio import nearest, suggest

if TYPE_CHECKING:
    from humaskit.model.brand import Brand, Unit

# The fields every release may have; the kinds' fields follow (humaskit.model.kinds).
BASE_FIELDS = (
    *("title", "card_title", "date", "unit", "kind", "location", "summary"),
    *("image", "image_alt", "image_focus", "image_credit", "tags", "quote", "stats", "agenda"),
    *("link", "approved_by", "platforms", "audio"),
)
REQUIRED_FIELDS = ("title", "date", "unit")


@dataclass(frozen=True)
class Release:
    """A validated press release."""

    path: Path
    workspace: Path
    title: str
    date: dt.date
    unit: str
    kind: str
    body_markdown: str
    body: Body
    summary: str
    # A shorter headline for the images when the title is too long for them; captions keep
    # ``title``.
    card_title: str | None = None
    location: str | None = None
    image: Path | None = None
    image_alt: str | None = None
    image_focus: tuple[float, float] = (0.5, 0.5)
    image_credit: str | None = None
    tags: tuple[str, ...] = ()
    quote: Quote | None = None
    stats: tuple[Stat, ...] = ()
    stats_file: Path | None = None
    agenda: tuple[AgendaItem, ...] = ()
    link: str | None = None
    approved_by: str | None = None
    platforms: tuple[str, ...] | None = None
    source: str | None = None
    period: str | None = None
    claim: str | None = None
    fact: str | None = None
    complaint: str | None = None
    action: str | None = None
    status: str | None = None
    ticket: str | None = None
    image_before: Path | None = None
    image_after: Path | None = None
    image_before_focus: tuple[float, float] = (0.5, 0.5)
    image_after_focus: tuple[float, float] = (0.5, 0.5)
    when: str | None = None
    place: str | None = None
    contact: str | None = None
    highlights: tuple[str, ...] = ()
    # Music or a voice-over for the short clips (issue 16), mixed in when clips are made.
    audio: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    notices: tuple[Diagnostic, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)
    body_line: int | None = None  # the line of the file the body starts on

    def value(self, name: str) -> Any:
        """The value of a field: an attribute, else one of a kind's own fields (``extra``)."""
        if name in _ATTRIBUTES:
            return getattr(self, name)
        return self.extra.get(name)

    def line_of(self, name: str) -> int | None:
        """The line of a top-level field in the source file, if it is there."""
        return self.lines.get(name)

    def body_line_of(self, text: str) -> int | None:
        """The line of the file where the body block starting with ``text`` is, else the line
        the body starts on."""
        if self.body_line is None:
            return None
        start = text.strip()[:20]
        for offset, line in enumerate(self.body_markdown.splitlines()):
            if start and start in line:
                return self.body_line + offset
        return self.body_line

    @property
    def headline(self) -> str:
        """What the images show as the headline: ``card_title`` if given, else ``title``."""
        return self.card_title or self.title

    def where(self, name: str | None = None) -> Location:
        """A location for messages about field ``name`` of this release."""
        return Location(self.path, name, self.line_of(name) if name else None)

    @property
    def input_files(self) -> tuple[Path, ...]:
        """Every file this release reads: the source, its photos, its stats CSV."""
        files = [self.path]
        if self.image is not None:
            files.append(self.image)
        if self.stats_file is not None:
            files.append(self.stats_file)
        files.extend(p for p in (self.image_before, self.image_after) if p is not None)
        if self.quote is not None and self.quote.photo is not None:
            files.append(self.quote.photo)
        if self.audio is not None:
            files.append(self.audio)
        files.extend(p for p in self.extra.values() if isinstance(p, Path))  # a kind's photos
        return tuple(files)


_ATTRIBUTES = frozenset(f.name for f in dataclasses.fields(Release))


def load_release(
    path: Path | str,
    *,
    workspace: Path | None = None,
    allow_paths: Sequence[Path] = (),
) -> Release:
    """Read and validate one press release.

    Args:
        path: the Markdown file.
        workspace: the workspace folder; found from ``path`` when not given.
        allow_paths: further folders the release may read photos and data from.

    Returns:
        The validated release, with non-fatal problems in ``notices``.

    Raises:
        UsageError: the file does not exist, is a folder or is not an ordinary file.
        PathError: the file is a link to a file outside its workspace.
        ReleaseError: the release is invalid (the message names file, field and line).

    Example:
        >>> release = load_release("examples/rilis/2024-05-10-studi-tiru-medsos.md")
        >>> release.unit
        'dinkominfo'
    """
    source = Path(path)
    raw = read_release_file(source, workspace=workspace, allow_paths=allow_paths)
    return release_from_bytes(raw, source, workspace=workspace, allow_paths=allow_paths)


def release_from_bytes(
    raw: bytes,
    path: Path,
    *,
    workspace: Path | None = None,
    allow_paths: Sequence[Path] = (),
) -> Release:
    """Validate the bytes of a release as if they were the file ``path`` (which need not exist).

    :func:`load_release` reads the file and calls this; the studio calls it with the text an
    admin is typing, so its preview and the CLI read a release the same way.

    Raises:
        ReleaseError: the release is invalid (the message names file, field and line).
    """
    source = Path(path)
    text = decode_release(raw, source)
    root = resolved(workspace or find_workspace(source))
    data, lines, scalars, body_md, body_line = split_release(text, source)
    fields = Frontmatter(data, source, lines, [root, *allow_paths], scalars)
    _refuse_misspelt_required(data, fields)
    notices = list(_unknown_field_notices(data, fields))
    try:
        return _build(root, fields, body_md, body_line, notices)
    except HumaskitError:
        raise
    except (TypeError, ValueError, AttributeError) as exc:  # a shape we did not foresee
        raise ReleaseError(
            _("The frontmatter has a value of an unexpected shape: {problem}.").format(problem=exc),
            hint=_("Compare the file with the template from 'humaskit new'."),
            location=Location(source),
        ) from None


def known_fields() -> tuple[str, ...]:
    """Every field a release may have: the base fields, then those the kinds declare."""
    return tuple(dict.fromkeys((*BASE_FIELDS, *kind_fields())))


# Fields whose loss changes the image: a misspelling of one is an error, not a quiet notice.
IMAGE_FIELDS = ("image", "image_focus", "image_credit", "card_title")


def _refuse_misspelt_required(data: Mapping[str, Any], fields: Frontmatter) -> None:
    """``tittle:`` where ``title`` is missing: an error at the misspelt line, with the name."""
    known = known_fields()
    unknown = [key for key in data if key not in known]
    for name in REQUIRED_FIELDS:
        if data.get(name) is not None:
            continue
        close = nearest(name, unknown, cutoff=0.7)
        if close:
            raise fields.error(
                (close[0],),
                _("The required field {field!r} is missing; line {line} has {typo!r}.").format(
                    field=name, line=fields.line(close[0]), typo=close[0]
                ),
                suggest(close[0], [name], cutoff=0.7)
                + " "
                + _("Write {field}: at the start of that line.").format(field=name),
            )


def _unknown_field_notices(data: Mapping[str, Any], fields: Frontmatter) -> list[Diagnostic]:
    notices = []
    known = known_fields()
    for key in data:
        if key in known:
            continue
        close = nearest(key, known)
        if close and close[0] in IMAGE_FIELDS:
            notices.append(
                Diagnostic(
                    "misspelt-image-field",
                    _(
                        "The field {field!r} is not known, so the image is made without it. "
                        "Did you mean {suggestion!r}?"
                    ).format(field=key, suggestion=close[0]),
                    severity=Severity.ERROR,
                    field=key,
                    line=fields.line(key),
                )
            )
            continue
        hint = suggest(key, known) or _("Known fields: {fields}.").format(fields=", ".join(known))
        notices.append(
            Diagnostic(
                "unknown-field",
                _("Unknown field {field!r} is ignored.").format(field=key) + " " + hint,
                field=key,
                line=fields.line(key),
            )
        )
    return notices


def _build(
    root: Path, fields: Frontmatter, body_md: str, body_line: int, notices: list[Diagnostic]
) -> Release:
    data, source = fields.data, fields.source
    title = fields.text("title", required=True) or ""
    if "date" not in data or data["date"] is None:
        fields.text("date", required=True)
    date = parse_date(data["date"], (fields, ("date",)))
    unit = fields.text("unit", required=True) or ""
    kind = fields.text("kind") or DEFAULT_KIND
    if kind not in kind_names():
        names = kind_names()
        raise fields.error(
            ("kind",),
            _("Unknown kind {kind!r}.").format(kind=kind),
            join_hint(
                suggest(kind, names), _("Choose one of: {kinds}.").format(kinds=", ".join(names))
            ),
        )
    if not body_md:
        raise ReleaseError(
            _("The body of the release is empty."),
            hint=_("Write at least one paragraph of text after the closing '---' line."),
            location=Location(source, None, body_line),
        )
    body = parse_body(body_md)
    summary = fields.text("summary") or body.first_paragraph()

    image_alt = None
    image = read.photo(fields, "image")
    if image is not None:
        image_alt = fields.text("image_alt")
        if not image_alt:
            notices.append(
                Diagnostic(
                    "missing-alt",
                    _("The photo has no 'image_alt'; the title is used as its description."),
                    field="image",
                    line=fields.line("image"),
                )
            )

    stats, stats_file = read_stats(fields, notices)
    common: dict[str, Any] = {
        "card_title": fields.text("card_title"),
        "location": fields.text("location"),
        "image_focus": read.focus(fields),
        "image_credit": fields.text("image_credit"),
        "tags": read.string_list(fields, "tags"),
        "quote": read_quote(fields),
        "agenda": read_agenda(fields),
        "link": read.link(fields),
        "approved_by": fields.text("approved_by"),
        "platforms": read.string_list(fields, "platforms") or None,
        "audio": read.media_file(fields, "audio"),
    }
    # The kinds' fields, each read the way its declaration says.
    declared = {f.name: f.read(fields, f.name) for f in kind_fields().values() if f.read}
    release = Release(
        path=source,
        workspace=root,
        title=title,
        date=date,
        unit=unit,
        kind=kind,
        body_markdown=body_md,
        body=body,
        summary=summary,
        image=image,
        image_alt=image_alt,
        stats=stats,
        stats_file=stats_file,
        **common,
        **{name: value for name, value in declared.items() if name in _ATTRIBUTES},
        extra={name: value for name, value in declared.items() if name not in _ATTRIBUTES},
        lines={str(p[0]): line for p, line in fields.lines.items() if len(p) == 1},
        body_line=body_line,
    )
    notices.extend(_kind_notices(release, fields))
    notices.extend(placeholder_findings(release))
    return dataclasses.replace(release, notices=tuple(notices))


def resolve_unit(release: Release, brand: Brand) -> Unit:
    """The registry entry of the release's ``unit``; an unknown unit names the release's line."""
    try:
        return brand.unit(release.unit)
    except BrandError as exc:
        raise ReleaseError(exc.message, hint=exc.hint, location=release.where("unit")) from None
