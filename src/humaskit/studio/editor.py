"""The editor form of one release: its fields, their values, and the text the form makes.

A release on disk is edited against its own text; a new one against the text ``humaskit new``
writes for its kind, whose examples the form shows as placeholders (structured fields such as
``stats`` start from their example, since their shape is the hard part).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from humaskit.model.kinds import COMPLAINT_STATUSES, DEFAULT_KIND, kind_names
from humaskit.studio import structured
from humaskit.studio.document import (
    ROW_WIDGETS,
    Document,
    FieldHelp,
    FieldView,
    Widget,
    display,
    read_document,
    template_fields,
    widget_for,
)
from humaskit.studio.labels import help_text
from humaskit.tools.scaffold import release_text

FIELD_PREFIX = "f:"
NEW_NAME = "rilis/_rilis-baru.md"  # where a new release is read from while it has no name


@dataclass
class Editor:
    """A document with the fields its form shows."""

    document: Document
    relative: str  # "" for a new release
    kind: str
    fields: list[FieldView]

    @property
    def widgets(self) -> dict[str, Widget]:
        return {f.name: f.widget for f in self.fields}

    @property
    def is_new(self) -> bool:
        return not self.relative

    def to_bytes(self, form: Mapping[str, str]) -> bytes:
        """The file the form's values make (the bytes read when nothing changed)."""
        values = {
            name.removeprefix(FIELD_PREFIX): value
            for name, value in form.items()
            if name.startswith(FIELD_PREFIX)
        }
        rows = tuple(f.name for f in self.fields if f.widget in ROW_WIDGETS)
        structured.gather(values, rows)
        return self.document.apply(values, self.widgets, form.get("body", self.document.body))


def _templates(workspace: Path) -> Path | None:
    folder = workspace / "templates"
    return folder if folder.is_dir() else None


def _choices(name: str) -> tuple[str, ...]:
    if name == "kind":
        return kind_names()
    if name == "status":
        return tuple(s.name for s in COMPLAINT_STATUSES)
    return ()


def open_editor(workspace: Path, relative: str, raw: bytes, kind: str = "") -> Editor:
    """The editor of the release ``relative`` whose bytes are ``raw``, with the fields of
    ``kind`` when given (the kind chosen in the form) or else of the release's own kind."""
    document = read_document(raw, workspace / relative)
    own = document.values.get("kind")
    if kind not in kind_names():
        kind = own if isinstance(own, str) and own in kind_names() else DEFAULT_KIND
    return Editor(document, relative, kind, _fields(workspace, document, kind, new=False))


def new_editor(workspace: Path, kind: str, *, unit: str = "pemkab") -> Editor:
    """The editor of a new release of ``kind`` (``rilis`` when unknown)."""
    kind = kind if kind in kind_names() else DEFAULT_KIND
    text = release_text(
        "", dt.date.today(), unit=unit, kind=kind, templates_dir=_templates(workspace)
    )
    document = read_document(text.encode("utf-8"), workspace / NEW_NAME)
    return Editor(document, "", kind, _fields(workspace, document, kind, new=True))


@lru_cache(maxsize=64)
def _kind_fields(kind: str, templates: Path | None, day: dt.date) -> tuple[FieldHelp, ...]:
    """The fields of ``kind`` in the ``new`` text (read once per kind, templates folder, day)."""
    text = release_text("", day, unit="pemkab", kind=kind, templates_dir=templates)
    return tuple(template_fields(text))


def _fields(workspace: Path, document: Document, kind: str, *, new: bool) -> list[FieldView]:
    views: list[FieldView] = []
    seen: set[str] = set()
    for spec in _kind_fields(kind, _templates(workspace), dt.date.today()):
        seen.add(spec.name)
        present = spec.name in document.values
        widget = widget_for(spec.name, document.values[spec.name] if present else spec.example)
        if widget in ROW_WIDGETS and _unreadable(document, spec.name):
            widget = "yaml"  # the file does not parse: its text, not empty rows
        example = spec.example_source if widget == "yaml" else display(spec.example, widget)
        rows: tuple[tuple[str, ...], ...] = ()
        if widget in ROW_WIDGETS:
            example = ""
            rows = () if new else _rows(spec.name, document.values.get(spec.name))
        if new:
            keep = widget in ("yaml", "choice") or spec.name in ("date", "unit", "kind")
            value = example if keep else ""
        else:
            value = document.view(spec.name, widget)
        views.append(
            FieldView(
                spec.name,
                widget,
                help_text(spec.name, spec.help),
                "" if spec.name == "title" else example,
                value,
                present,
                _choices(spec.name),
                rows,
                _rows(spec.name, spec.example),
            )
        )
    for name, block in document.blocks.items():
        if name in seen or block.commented:
            continue
        widget = widget_for(name, document.values.get(name)) if name in document.values else "yaml"
        views.append(
            FieldView(
                name,
                widget,
                help_text(name, ""),
                "",
                document.view(name, widget),
                True,
                _choices(name),
                _rows(name, document.values.get(name)) if widget in ROW_WIDGETS else (),
            )
        )
    return views


def _rows(name: str, value: object) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in structured.rows_of(name, value) or ())


def _unreadable(document: Document, name: str) -> bool:
    """Whether field ``name`` is written in the file but its value could not be read."""
    block = document.blocks.get(name)
    return block is not None and not block.commented and name not in document.values
