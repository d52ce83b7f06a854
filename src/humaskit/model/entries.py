"""The structured fields of a release: its quote, its figures (``stats``) and its agenda."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from humaskit.diagnostics import Diagnostic
from humaskit.i18n import _
from humaskit.model.fields import Frontmatter, parse_date, parse_time
from humaskit.model.pathhints import missing_file_hint
from humaskit.model.release_file import what_is_there
from humaskit.model.stats import Stat, load_stats_csv, parse_stats
from humaskit.model.workspace import resolve_inside
from humaskit.yamlio import KeyPath


@dataclass(frozen=True)
class Quote:
    """A quotation: what was said, by whom, in which role, and a portrait of the speaker."""

    text: str
    by: str | None = None
    role: str | None = None
    photo: Path | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One event of an agenda."""

    date: dt.date
    title: str
    time: str | None = None
    place: str | None = None


def read_quote(fields: Frontmatter) -> Quote | None:
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
        _portrait(fields, value.get("photo")),
    )


def _portrait(fields: Frontmatter, raw: object) -> Path | None:
    """``quote.photo``: the speaker's portrait, a photo file inside the workspace."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    path_key: KeyPath = ("quote", "photo")
    if not isinstance(raw, str):
        raise fields.error(
            path_key,
            _("'quote.photo' must be the path of a photo."),
            _("For example: photo: ../foto/bupati.jpg (relative to the release file)."),
        )
    source = fields.source
    path = resolve_inside(
        raw.strip(),
        source.parent,
        fields.roots,
        source=source,
        field="quote.photo",
        line=fields.line(*path_key),
    )
    if not path.is_file():
        raise fields.error(
            path_key,
            _("The photo {path!r} does not exist.").format(path=raw),
            missing_file_hint(raw.strip(), source.parent, fields.roots, "photo"),
        )
    return path


def read_stats(
    fields: Frontmatter, notices: list[Diagnostic]
) -> tuple[tuple[Stat, ...], Path | None]:
    value = fields.data.get("stats")
    if value is None:
        return (), None
    warnings: list[Diagnostic] = []
    source = fields.source
    if isinstance(value, str):
        csv_path = resolve_inside(
            value,
            source.parent,
            fields.roots,
            source=source,
            field="stats",
            line=fields.line("stats"),
        )
        what = what_is_there(csv_path)
        if what is not None:
            raise fields.error(
                ("stats",),
                _("The stats file {path!r} is not an ordinary file: it is {what}.").format(
                    path=value, what=what
                ),
                _("Point 'stats' at a CSV file."),
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
            where = _("{file}, line {line}:").format(file=csv_path.name, line=w.line)
            notices.append(
                Diagnostic(
                    w.code, where + " " + w.message, field="stats", line=fields.line("stats")
                )
            )
        return stats, csv_path
    if not isinstance(value, list):
        raise fields.error(
            ("stats",),
            _("'stats' must be a list of figures or the path of a CSV file."),
            _("For example: - {{label: Balita ditimbang, value: 1875, unit: balita}}").format(),
        )
    stats = parse_stats(
        value,
        source,
        lambda *p: fields.line("stats", *p),
        warnings=warnings,
        written=lambda *p: fields.written("stats", *p),
    )
    notices.extend(Diagnostic(w.code, w.message, field=w.field, line=w.line) for w in warnings)
    return stats, None


def read_agenda(fields: Frontmatter) -> tuple[AgendaItem, ...]:
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
        place = entry.get("place")
        items.append(
            AgendaItem(
                date=parse_date(entry["date"], (fields, (*path, "date"))),
                title=entry["title"].strip(),
                time=parse_time(entry.get("time"), (fields, (*path, "time"))),
                place=str(place).strip() if place is not None else None,
            )
        )
    return tuple(items)
