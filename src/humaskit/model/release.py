"""The press release: Markdown with YAML frontmatter (SPEC §4), parsed and validated.

``load_release(path)`` reads one file and returns a :class:`Release`, or raises
:class:`~humaskit.errors.ReleaseError` naming the file, the field and the line. Problems that do
not stop rendering (an unknown key, a photo without alt text) become warnings on the release.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter

from humaskit.errors import BrandError, HumaskitError, Location, ReleaseError, UsageError
from humaskit.i18n import N_, _
from humaskit.model.body import Body, parse_body
from humaskit.model.stats import Stat, StatWarning, load_stats_csv, parse_stats
from humaskit.model.workspace import find_workspace, resolve_inside
from humaskit.yamlio import KeyPath, read_yaml, suggest

if TYPE_CHECKING:
    from humaskit.model.brand import Brand, Unit

KINDS = ("rilis", "kutipan", "kinerja", "agenda", "pengumuman", "hoaks", "aduan", "potensi")
KNOWN_FIELDS = (
    "title",
    "date",
    "unit",
    "kind",
    "location",
    "summary",
    "image",
    "image_alt",
    "image_focus",
    "image_credit",
    "tags",
    "quote",
    "stats",
    "agenda",
    "link",
    "approved_by",
    "platforms",
    # kinerja / hoaks: where the figures or the facts come from; kinerja: the period covered
    "source",
    "period",
    # hoaks
    "claim",
    "fact",
    # aduan
    "complaint",
    "action",
    "status",
    "ticket",
    "image_before",
    "image_after",
    # pengumuman (contact also for potensi)
    "when",
    "place",
    "contact",
    # potensi (any kind may list them)
    "highlights",
)
# The follow-up states of a complaint (kind: aduan), in order.
COMPLAINT_STATUSES = ("diterima", "diproses", "selesai")
REQUIRED_FIELDS = ("title", "date", "unit")
MAX_RELEASE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Notice:
    """A warning about a release: rendering goes on, but the user should look."""

    code: str
    message: str
    field: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Quote:
    """A quotation: what was said, by whom, in which role."""

    text: str
    by: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One event of an agenda."""

    date: dt.date
    title: str
    time: str | None = None
    place: str | None = None


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
    when: str | None = None
    place: str | None = None
    contact: str | None = None
    highlights: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int | None:
        """The line of a top-level field in the source file, if it is there."""
        return self.lines.get(name)

    def where(self, name: str | None = None) -> Location:
        """A location for messages about field ``name`` of this release."""
        return Location(self.path, name, self.line_of(name) if name else None)

    @property
    def input_files(self) -> tuple[Path, ...]:
        """Every file this release reads: the source, its photo, its stats CSV."""
        files = [self.path]
        if self.image is not None:
            files.append(self.image)
        if self.stats_file is not None:
            files.append(self.stats_file)
        files.extend(p for p in (self.image_before, self.image_after) if p is not None)
        return tuple(files)


class _Handler(frontmatter.default_handlers.YAMLHandler):
    """python-frontmatter's YAML handler with our reader, which keeps the line of every key."""

    def __init__(self, source: Path, first_line: int) -> None:
        super().__init__()
        self.source = source
        self.first_line = first_line
        self.lines: Mapping[KeyPath, int] = {}

    def load(self, fm: str, **kwargs: object) -> Any:
        doc = read_yaml(
            fm,
            self.source,
            error=ReleaseError,
            syntax=_("The frontmatter is not valid YAML: {problem}."),
            hint=_(
                "Check the indentation and the quotes on that line; text containing ': ' "
                "or starting with a special character needs quotes."
            ),
            too_large=_("The frontmatter is too large or nests aliases too deeply."),
            first_line=self.first_line,
        )
        self.lines = doc.lines
        return {} if doc.data is None else doc.data


class _Fields:
    """Typed access to the frontmatter mapping, raising errors that name file, field and line."""

    def __init__(self, data: Mapping[str, Any], source: Path, lines: Mapping[KeyPath, int]) -> None:
        self.data = data
        self.source = source
        self.lines = lines

    def line(self, *path: str | int) -> int | None:
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def error(self, path: KeyPath, message: str, hint: str = "") -> ReleaseError:
        name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
        return ReleaseError(
            message, hint=hint, location=Location(self.source, name, self.line(*path))
        )

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise ReleaseError(
                    _("The required field {field!r} is missing.").format(field=name),
                    hint=_("Add a line '{field}: …' to the frontmatter.").format(field=name),
                    location=Location(self.source, name, None),
                )
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(
                (name,),
                _("The field {field!r} must be text, not {type}.").format(
                    field=name, type=_type_name(value)
                ),
                _("Write it as a single line of text, in quotes if it contains ': '."),
            )
        text = str(value).strip()
        if required and not text:
            raise self.error((name,), _("The field {field!r} is empty.").format(field=name))
        return text or None


def _join(*sentences: str) -> str:
    """Sentences of a hint, the empty ones left out."""
    return " ".join(s for s in sentences if s)


def _type_name(value: object) -> str:
    if isinstance(value, Mapping):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    return type(value).__name__


def parse_date(value: object, where: tuple[_Fields, KeyPath]) -> dt.date:
    """A ``YYYY-MM-DD`` date; anything else is an error naming the field."""
    fields, path = where
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, str | int) else ""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fields.error(
            path,
            _("{value!r} is not a valid date.").format(value=value),
            _("Write the date as YYYY-MM-DD, for example 2024-05-10, and check the day exists."),
        ) from None


def _decode(raw: bytes, path: Path) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ReleaseError(
            _("The file contains a NUL byte; it is not a text file."),
            hint=_("Save the release as plain UTF-8 text (Markdown)."),
            location=Location(path, None, line),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReleaseError(
            _("The file is not UTF-8 text (byte {offset}).").format(offset=exc.start),
            hint=_("Save it again as UTF-8 (in most editors: 'Save with encoding' → UTF-8)."),
            location=Location(path, None, line),
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
        UsageError: the file does not exist or is not a file.
        ReleaseError: the release is invalid (the message names file, field and line).

    Example:
        >>> release = load_release("examples/rilis/2024-05-10-studi-tiru-medsos.md")
        >>> release.unit
        'dinkominfo'
    """
    source = Path(path)
    if not source.is_file():
        raise UsageError(
            _("The file {path} does not exist.").format(path=source),
            hint=_("Check the path; a folder of releases is given as the folder itself."),
            location=Location(source),
        )
    if source.stat().st_size > MAX_RELEASE_BYTES:
        raise ReleaseError(
            _("The file is larger than {limit} MB; a press release is much shorter.").format(
                limit=MAX_RELEASE_BYTES // (1024 * 1024)
            ),
            hint=_("Check that this is the right file."),
            location=Location(source),
        )
    text = _decode(source.read_bytes(), source)
    root = (workspace or find_workspace(source)).resolve()
    data, lines, body_md, body_line = _split(text, source)
    fields = _Fields(data, source, lines)
    notices = list(_unknown_field_notices(data, fields))
    roots = [root, *allow_paths]
    try:
        return _build(source, root, roots, fields, body_md, body_line, notices)
    except HumaskitError:
        raise
    except (TypeError, ValueError, AttributeError) as exc:  # a shape we did not foresee
        raise ReleaseError(
            _("The frontmatter has a value of an unexpected shape: {problem}.").format(problem=exc),
            hint=_("Compare the file with the template from 'humaskit new'."),
            location=Location(source),
        ) from None


def _split(text: str, source: Path) -> tuple[dict[str, Any], Mapping[KeyPath, int], str, int]:
    stripped = text.lstrip()
    leading_lines = text[: len(text) - len(stripped)].count("\n")
    if not stripped.startswith("---"):
        raise ReleaseError(
            _("The release has no frontmatter block."),
            hint=_(
                "Start the file with a line '---', then 'title:', 'date:' and 'unit:' lines, "
                "then another '---' line before the body. 'humaskit new' writes an example."
            ),
            location=Location(source, None, 1),
        )
    # The line that YAML calls 0 is the opening '---' line: python-frontmatter's split keeps the
    # newline that ends it (and swallows blank lines right after it) at the start of ``fm``.
    handler = _Handler(source, first_line=leading_lines + 1)
    opening = handler.FM_BOUNDARY.match(stripped) if handler.FM_BOUNDARY else None
    if opening:
        handler.first_line += stripped[: opening.end()].count("\n")
    try:
        fm, content = handler.split(stripped)
    except ValueError:
        raise ReleaseError(
            _("The frontmatter block is not closed."),
            hint=_("Put a line with only '---' between the frontmatter and the body."),
            location=Location(source, None, leading_lines + 1),
        ) from None
    data = handler.load(fm)
    if not isinstance(data, dict):
        raise ReleaseError(
            _("The frontmatter must be a list of 'field: value' lines."),
            hint=_("Start each line with a field name such as 'title:'."),
            location=Location(source, None, leading_lines + 2),
        )
    body_line = handler.first_line + fm.count("\n") + 1
    return {str(k): v for k, v in data.items()}, handler.lines, content.strip(), body_line


def _unknown_field_notices(data: Mapping[str, Any], fields: _Fields) -> list[Notice]:
    notices = []
    for key in data:
        if key in KNOWN_FIELDS:
            continue
        hint = suggest(key, KNOWN_FIELDS) or _("Known fields: {fields}.").format(
            fields=", ".join(KNOWN_FIELDS)
        )
        notices.append(
            Notice(
                "unknown-field",
                _("Unknown field {field!r} is ignored.").format(field=key) + " " + hint,
                key,
                fields.line(key),
            )
        )
    return notices


def _build(
    source: Path,
    root: Path,
    roots: Sequence[Path],
    fields: _Fields,
    body_md: str,
    body_line: int,
    notices: list[Notice],
) -> Release:
    data = fields.data
    title = fields.text("title", required=True) or ""
    if "date" not in data or data["date"] is None:
        fields.text("date", required=True)
    date = parse_date(data["date"], (fields, ("date",)))
    unit = fields.text("unit", required=True) or ""
    kind = fields.text("kind") or "rilis"
    if kind not in KINDS:
        raise fields.error(
            ("kind",),
            _("Unknown kind {kind!r}.").format(kind=kind),
            _join(
                suggest(kind, KINDS), _("Choose one of: {kinds}.").format(kinds=", ".join(KINDS))
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
    image = _photo(fields, "image", source, roots)
    if image is not None:
        image_alt = fields.text("image_alt")
        if not image_alt:
            notices.append(
                Notice(
                    "missing-alt",
                    _("The photo has no 'image_alt'; the title is used as its description."),
                    "image",
                    fields.line("image"),
                )
            )

    stats, stats_file = _stats(fields, source, roots, notices)
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
        location=fields.text("location"),
        image=image,
        image_alt=image_alt,
        image_focus=_focus(fields),
        image_credit=fields.text("image_credit"),
        tags=_string_list(fields, "tags"),
        quote=_quote(fields),
        stats=stats,
        stats_file=stats_file,
        agenda=_agenda(fields),
        link=_link(fields),
        approved_by=fields.text("approved_by"),
        platforms=_string_list(fields, "platforms") or None,
        source=fields.text("source"),
        period=fields.text("period"),
        claim=fields.text("claim"),
        fact=fields.text("fact"),
        complaint=fields.text("complaint"),
        action=fields.text("action"),
        status=_status(fields),
        ticket=fields.text("ticket"),
        image_before=_photo(fields, "image_before", source, roots),
        image_after=_photo(fields, "image_after", source, roots),
        when=fields.text("when"),
        place=fields.text("place"),
        contact=fields.text("contact"),
        highlights=_phrases(fields, "highlights"),
        lines={str(p[0]): line for p, line in fields.lines.items() if len(p) == 1},
    )
    notices.extend(_kind_notices(release, fields))
    return dataclasses.replace(release, notices=tuple(notices))


def _photo(fields: _Fields, name: str, source: Path, roots: Sequence[Path]) -> Path | None:
    """A photo field: resolved inside the workspace (or an allowed folder) and present."""
    raw = fields.text(name)
    if not raw:
        return None
    path = resolve_inside(
        raw, source.parent, roots, source=source, field=name, line=fields.line(name)
    )
    if not path.is_file():
        raise fields.error(
            (name,),
            _("The photo {path!r} does not exist.").format(path=raw),
            _("The path is relative to the release file; check the folder and the spelling."),
        )
    return path


def _focus(fields: _Fields) -> tuple[float, float]:
    value = fields.data.get("image_focus")
    if value is None:
        return (0.5, 0.5)
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and all(0 <= float(v) <= 1 for v in value)
    )
    if not ok:
        raise fields.error(
            ("image_focus",),
            _("'image_focus' must be two numbers between 0 and 1."),
            _("For example [0.5, 0.35]: x from the left, y from the top."),
        )
    return (float(value[0]), float(value[1]))


def _string_list(fields: _Fields, name: str) -> tuple[str, ...]:
    value = fields.data.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise fields.error(
            (name,),
            _("The field {field!r} must be a list of words.").format(field=name),
            _("For example: {field}: [one, two]").format(field=name),
        )
    return tuple(s for s in (str(v).strip() for v in value) if s)


def _phrases(fields: _Fields, name: str) -> tuple[str, ...]:
    """A list of short phrases; unlike tags, a phrase may hold commas, so text is never split."""
    value = fields.data.get(name)
    if value is None:
        return ()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise fields.error(
            (name,),
            _("The field {field!r} must be a list of short phrases.").format(field=name),
            _("Write one phrase per line, each starting with '- '."),
        )
    phrases = []
    for index, item in enumerate(value):
        if item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise fields.error(
                (name, index),
                _("Item {n} of {field!r} must be text, not {type}.").format(
                    n=index + 1, field=name, type=_type_name(item)
                ),
                _("Put the phrase in quotes if it contains ': '."),
            )
        if str(item).strip():
            phrases.append(str(item).strip())
    return tuple(phrases)


def _status(fields: _Fields) -> str | None:
    raw = fields.text("status")
    if raw is None:
        return None
    status = raw.lower()
    if status not in COMPLAINT_STATUSES:
        raise fields.error(
            ("status",),
            _("Unknown complaint status {status!r}.").format(status=raw),
            _join(
                suggest(status, COMPLAINT_STATUSES),
                _("Choose one of: {statuses}.").format(statuses=", ".join(COMPLAINT_STATUSES)),
            ),
        )
    return status


# What each kind needs (an error when missing) and what it should have (a warning when missing).
_KIND_REQUIRED: dict[str, tuple[str, ...]] = {
    "hoaks": ("claim", "fact"),
    "aduan": ("complaint", "status"),
    "kinerja": ("stats",),
    "agenda": ("agenda",),
}
_KIND_RECOMMENDED: dict[str, tuple[str, ...]] = {
    "hoaks": ("source",),
    "pengumuman": ("when", "place", "contact"),
    "potensi": ("image", "highlights"),
}
# Example lines for the hint of a missing field (translated when shown).
_FIELD_HINTS = {
    "claim": N_("claim: <the false claim as it circulates>"),
    "fact": N_("fact: <what is true, in one or two sentences>"),
    "source": N_("source: <who confirms it, e.g. the agency in charge>"),
    "complaint": N_("complaint: <what was reported, without names or numbers of people>"),
    "status": N_("status: diterima | diproses | selesai"),
    "action": N_("action: <what was done about it>"),
    "stats": N_("stats: ../data/figures.csv (columns label,value,unit,target), or a list"),
    "agenda": N_("agenda: a list of events, each with date, time, title and place"),
    "when": N_("when: <day, date and hours>"),
    "place": N_("place: <the address or building>"),
    "contact": N_("contact: <a service phone number or office>"),
    "image": N_("image: ../foto/<photo>.jpg"),
    "highlights": N_("highlights: [<phrase>, <phrase>]"),
}
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


def _present(release: Release, name: str) -> bool:
    return bool(getattr(release, name))


def _kind_notices(release: Release, fields: _Fields) -> list[Notice]:
    """Check the fields of the release's kind: raise for missing ones, warn about thin ones."""
    kind = release.kind
    for name in _KIND_REQUIRED.get(kind, ()):
        if not _present(release, name):
            raise fields.error(
                (name,) if name in fields.data else ("kind",),
                _("A release of kind {kind!r} needs the field {field!r}.").format(
                    kind=kind, field=name
                ),
                _("Add a line '{example}' to the frontmatter.").format(
                    example=_(_FIELD_HINTS[name])
                ),
            )
    notices = []
    missing = list(_KIND_RECOMMENDED.get(kind, ()))
    if kind == "aduan" and release.status in ("diproses", "selesai"):
        missing.append("action")
    for name in missing:
        if not _present(release, name):
            notices.append(
                Notice(
                    "missing-field",
                    _("A release of kind {kind!r} should have the field {field!r}.").format(
                        kind=kind, field=name
                    )
                    + " "
                    + _("Add a line '{example}' to the frontmatter.").format(
                        example=_(_FIELD_HINTS[name])
                    ),
                    name,
                    fields.line("kind"),
                )
            )
    for name in ("complaint", "action"):
        text = getattr(release, name) or ""
        found = [what for pattern, what in _PERSONAL_DATA if pattern.search(text)]
        if found:
            notices.append(
                Notice(
                    "personal-data",
                    _("The field {field!r} seems to contain personal data ({what}).").format(
                        field=name, what=_(found[0])
                    )
                    + " "
                    + _(
                        "A published complaint names no person: remove phone numbers, NIK and "
                        "e-mail addresses."
                    ),
                    name,
                    fields.line(name),
                )
            )
    return notices


def _quote(fields: _Fields) -> Quote | None:
    value = fields.data.get("quote")
    if value is None:
        return None
    if isinstance(value, str):
        return Quote(value.strip()) if value.strip() else None
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise fields.error(
            ("quote",),
            _("'quote' needs a 'text'."),
            _('For example: quote: {{text: "…", by: Arief Rohman, role: Bupati Blora}}').format(),
        )
    by, role = value.get("by"), value.get("role")
    return Quote(
        value["text"].strip(),
        str(by).strip() if by is not None else None,
        str(role).strip() if role is not None else None,
    )


def _stats(
    fields: _Fields, source: Path, roots: Sequence[Path], notices: list[Notice]
) -> tuple[tuple[Stat, ...], Path | None]:
    value = fields.data.get("stats")
    if value is None:
        return (), None
    warnings: list[StatWarning] = []
    if isinstance(value, str):
        csv_path = resolve_inside(
            value, source.parent, roots, source=source, field="stats", line=fields.line("stats")
        )
        if not csv_path.is_file():
            raise fields.error(
                ("stats",),
                _("The stats file {path!r} does not exist.").format(path=value),
                _("The path is relative to the release file."),
            )
        stats = load_stats_csv(csv_path, warnings=warnings)
        for w in warnings:
            # The release's notices carry no file: name the CSV and its line in the message.
            where = _("{file}, line {line}:").format(file=csv_path.name, line=w.location.line)
            notices.append(Notice(w.code, where + " " + w.message, "stats", fields.line("stats")))
        return stats, csv_path
    if not isinstance(value, list):
        raise fields.error(
            ("stats",),
            _("'stats' must be a list of figures or the path of a CSV file."),
            _("For example: - {{label: Balita ditimbang, value: 1875, unit: balita}}").format(),
        )
    stats = parse_stats(value, source, lambda *p: fields.line("stats", *p), warnings=warnings)
    notices.extend(Notice(w.code, w.message, w.location.field, w.location.line) for w in warnings)
    return stats, None


def _agenda(fields: _Fields) -> tuple[AgendaItem, ...]:
    value = fields.data.get("agenda")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fields.error(("agenda",), _("'agenda' must be a list of events."))
    items = []
    for index, entry in enumerate(value):
        path: KeyPath = ("agenda", index)
        if not isinstance(entry, dict):
            raise fields.error(path, _("Each agenda item must have 'date' and 'title'."))
        if entry.get("date") is None:
            raise fields.error(
                path,
                _("Agenda item {n} has no date.").format(n=index + 1),
                _("Add 'date: YYYY-MM-DD' to it."),
            )
        if not isinstance(entry.get("title"), str) or not entry["title"].strip():
            raise fields.error(
                path,
                _("Agenda item {n} has no title.").format(n=index + 1),
                _("Add 'title: …' to it."),
            )
        time = entry.get("time")
        place = entry.get("place")
        items.append(
            AgendaItem(
                date=parse_date(entry["date"], (fields, (*path, "date"))),
                title=entry["title"].strip(),
                time=str(time).strip() if time is not None else None,
                place=str(place).strip() if place is not None else None,
            )
        )
    return tuple(items)


def _link(fields: _Fields) -> str | None:
    link = fields.text("link")
    if link and not link.startswith(("http://", "https://")):
        raise fields.error(
            ("link",),
            _("The link {link!r} is not a web address.").format(link=link),
            _("Write the full address, starting with https://"),
        )
    return link


def resolve_unit(release: Release, brand: Brand) -> Unit:
    """The registry entry of the release's ``unit``; an unknown unit names the release's line."""
    try:
        return brand.unit(release.unit)
    except BrandError as exc:
        raise ReleaseError(exc.message, hint=exc.hint, location=release.where("unit")) from None
