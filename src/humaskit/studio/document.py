"""A release as the studio edits it: its text, its fields as form values, and the text after.

An admin edits fields in a form, never YAML; the file on disk stays the admin's (or the
clerk's) own text. So an edit changes only the lines of the fields that changed: every other
line, comment and blank line is kept byte for byte, and a release opened and saved without a
change is written back exactly as it was read (:meth:`Document.apply` returns the original
bytes). A field that is emptied is commented out (``# location: Blora``) rather than deleted,
so its help text and old value stay visible to whoever opens the file next.

The fields a form shows, and the help text beside each, come from the ``humaskit new`` text
of the release's kind (:func:`humaskit.tools.scaffold.release_text`): the comment lines above
a field there are its help.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from humaskit.errors import HumaskitError
from humaskit.model.release import known_fields
from humaskit.model.release_file import decode_utf8, split_release
from humaskit.studio import structured
from humaskit.studio.labels import choice_label, label, part_help, part_label

Widget = Literal["text", "area", "date", "list", "focus", "yaml", "choice", "rows", "record"]
ROW_WIDGETS = ("rows", "record")

BOM = "\ufeff"
_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")
_COMMENTED_KEY = re.compile(r"^#\s?([a-z_][a-z0-9_]*):(?:\s|$)")
_BOUNDARY = re.compile(r"^-{3,}\s*$")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
# Fields whose text is usually longer than one line of a form.
LONG_TEXT = frozenset({"summary", "image_alt", "claim", "fact", "complaint", "action", "when"})


def token_of(raw: bytes) -> str:
    """The version token of a file's bytes: a change on disk changes it."""
    return hashlib.sha256(raw).hexdigest()[:32]


@dataclass(frozen=True)
class FieldView:
    """One field of the form: how it is edited, its help text, example and current value."""

    name: str
    widget: Widget
    help: str = ""
    example: str = ""
    value: str = ""
    present: bool = False
    choices: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # a rows or record field's rows, parts as text
    examples: tuple[tuple[str, ...], ...] = ()  # the rows of its example, as placeholders

    @property
    def label(self) -> str:
        """The field's label in the current language (a word, not the YAML key)."""
        return label(self.name)

    @property
    def options(self) -> list[tuple[str, str]]:
        """The choices as (key, words shown): the key is what the form saves."""
        return [(key, choice_label(self.name, key)) for key in self.choices]

    @property
    def parts(self) -> list[tuple[str, str, str]]:
        """A rows or record field's parts as (key, label, help), in the order of its rows."""
        return [
            (part, part_label(self.name, part), part_help(self.name, part))
            for part in structured.PARTS.get(self.name, ())
        ]

    def shown_rows(self) -> list[tuple[int, list[tuple[str, str, str, str, str]]]]:
        """The rows the form shows: (index, [(part, label, help, value, placeholder)])."""
        parts = self.parts
        shown = structured.shown_rows(
            self.name, [list(r) for r in self.rows], [list(r) for r in self.examples]
        )
        return [
            (
                i,
                [
                    (*part, cell, example)
                    for part, cell, example in zip(parts, row, placeholders, strict=True)
                ],
            )
            for i, row, placeholders in shown
        ]


@dataclass(frozen=True)
class _Block:
    """The lines ``[start, end)`` of a top-level frontmatter key (or of a commented-out one)."""

    name: str
    start: int
    end: int
    commented: bool


@dataclass
class Document:
    """A release file's text, split into lines, with the blocks of its frontmatter keys."""

    raw: bytes
    path: Path
    lines: list[str]
    newline: str
    bom: bool
    opening: int | None  # index of the opening '---' line
    closing: int | None  # index of the closing '---' line
    blocks: dict[str, _Block] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    parse_error: HumaskitError | None = None

    @property
    def token(self) -> str:
        return token_of(self.raw)

    @property
    def body(self) -> str:
        """The body exactly as written after the closing ``---`` line."""
        if self.closing is None:
            return "\n".join(self.lines)
        return "\n".join(self.lines[self.closing + 1 :])

    def block_source(self, name: str) -> str:
        """A present key's value as written: the text after ``key:``, continuation lines too."""
        block = self.blocks[name]
        text = "\n".join(self.lines[block.start : block.end])
        value = text.split(":", 1)[1] if ":" in text else ""
        if value.startswith("\n"):
            return value[1:]
        return value[1:] if value.startswith(" ") else value

    def view(self, name: str, widget: Widget) -> str:
        """The form value of field ``name`` shown in ``widget`` ("" when absent)."""
        block = self.blocks.get(name)
        if block is None or block.commented:
            return ""
        if widget == "yaml" or name not in self.values:
            return self.block_source(name)
        if widget in ROW_WIDGETS:
            return structured.view(name, self.values[name])
        return display(self.values[name], widget)

    def apply(self, form: Mapping[str, str], widgets: Mapping[str, Widget], body: str) -> bytes:
        """The file's bytes with the changed fields of ``form`` and the body ``body``.

        ``form`` maps field names to form values (as :meth:`view` shows them); a field whose
        value is what :meth:`view` shows is left as written. Unchanged everything: the bytes
        read, exactly.
        """
        edits: list[tuple[int, int, list[str]]] = []
        appended: list[str] = []
        for name, value in form.items():
            widget = widgets.get(name, "text")
            value = _clean(value, widget)
            if value == _clean(self.view(name, widget), widget):
                continue
            block = self.blocks.get(name)
            if not value:
                if block is not None and not block.commented:
                    old = self.lines[block.start : block.end]
                    edits.append((block.start, block.end, ["# " + line for line in old]))
                continue
            lines = encode(name, value, widget)
            if block is not None:
                edits.append((block.start, block.end, lines))
            else:
                appended.extend(lines)
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        body_changed = body != self.body
        if not edits and not appended and not body_changed:
            return self.raw
        lines = list(self.lines)
        if self.closing is None:
            head = ["---", *appended, "---"] if appended else []
            lines = [*head, *(body.split("\n") if body_changed else lines)]
        else:
            if body_changed:
                lines = [*lines[: self.closing + 1], *body.split("\n")]
            if appended:
                lines[self.closing : self.closing] = appended
            for start, end, new in sorted(edits, reverse=True):
                lines[start:end] = new
        text = "\n".join(lines)
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ((BOM if self.bom else "") + text).encode("utf-8")


def read_document(raw: bytes, path: Path) -> Document:
    """Split a release's bytes into a :class:`Document`.

    Raises:
        ReleaseError: the bytes are not UTF-8 text.
    """
    text = decode_utf8(raw, path)
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    opening = next((i for i, line in enumerate(lines) if line.strip()), None)
    closing = None
    if opening is not None and _BOUNDARY.match(lines[opening]):
        closing = next(
            (i for i in range(opening + 1, len(lines)) if _BOUNDARY.match(lines[i])), None
        )
    if closing is None:
        opening = None
    doc = Document(raw, path, lines, newline, bom, opening, closing)
    if opening is not None and closing is not None:
        doc.blocks = _blocks(lines, opening + 1, closing)
        try:
            doc.values = split_release(text, path)[0]
        except HumaskitError as exc:
            doc.parse_error = exc
    return doc


def _blocks(lines: Sequence[str], start: int, end: int) -> dict[str, _Block]:
    known = set(known_fields())
    found: dict[str, _Block] = {}
    index = start
    while index < end:
        line = lines[index]
        key = _KEY.match(line)
        if key:
            last = index + 1
            probe = last
            while probe < end:
                here = lines[probe]
                if here[:1] in (" ", "\t", "-"):
                    probe += 1
                    last = probe
                elif not here.strip():
                    probe += 1  # a blank line belongs to the block if more of it follows
                else:
                    break
            found[key[1]] = _Block(key[1], index, last, commented=False)
            index = last
            continue
        commented = _COMMENTED_KEY.match(line)
        if commented and commented[1] in known and commented[1] not in found:
            found[commented[1]] = _Block(commented[1], index, index + 1, commented=True)
        index += 1
    return found


def display(value: Any, widget: Widget) -> str:
    """A frontmatter value as the form shows it."""
    if value is None:
        return ""
    if widget == "list" and isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if widget == "focus" and isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).rstrip("\n")
    return str(value)


def _clean(value: str, widget: Widget) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if widget in ("text", "date", "choice", "focus"):
        return value.strip()
    if widget == "list":
        return "\n".join(line.strip() for line in value.split("\n") if line.strip())
    return value.rstrip()


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a ``|`` block, the way a person writes it."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def _dump(name: str, value: Any) -> list[str]:
    """``name: value`` as YAML; a list in flow style (``tags: [Blora, Desa]``)."""
    options: dict[str, Any] = {"Dumper": _Dumper, "allow_unicode": True, "width": 1_000_000}
    if isinstance(value, list):
        flow = yaml.dump(value, default_flow_style=True, **options).strip()
        return [f"{name}: {flow}"]
    text: str = yaml.dump({name: value}, default_flow_style=False, **options)
    return text.rstrip("\n").removesuffix("\n...").split("\n")


def encode(name: str, value: str, widget: Widget) -> list[str]:
    """The frontmatter lines that write the form value ``value`` of field ``name``."""
    if widget == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return [f"{name}: {value}"]
    if widget == "list":
        return _dump(name, value.split("\n"))
    if widget == "focus":
        numbers = _NUMBER.findall(value)
        if len(numbers) == 2:
            x, y = (_number(n) for n in numbers)
            return [f"{name}: [{x}, {y}]"]
        return _dump(name, value)
    if widget in ROW_WIDGETS:
        return structured.encode(name, value)
    if widget == "yaml":
        lines = value.split("\n")
        if lines[0][:1] in (" ", "\t", "-"):
            return [f"{name}:", *lines]
        return [f"{name}: {lines[0]}", *lines[1:]]
    return _dump(name, value)


def _number(text: str) -> str:
    number = float(text.replace(",", "."))
    return f"{number:.3f}".rstrip("0").rstrip(".") if number != int(number) else str(int(number))


# -- the fields of a kind, from the `humaskit new` text ----------------------------------------


@dataclass(frozen=True)
class FieldHelp:
    """A field of the ``new`` text: its help (the comment above it) and its example value."""

    name: str
    help: str
    example: Any
    example_source: str


def template_fields(text: str) -> list[FieldHelp]:
    """The fields of a ``humaskit new`` text, in order, with their help texts and examples."""
    doc = read_document(text.encode("utf-8"), Path("new.md"))
    if doc.opening is None or doc.closing is None:
        return []
    found: list[FieldHelp] = []
    pending: list[str] = []
    starts = {block.start: block for block in doc.blocks.values()}
    index = doc.opening + 1
    while index < doc.closing:
        line = doc.lines[index]
        block = starts.get(index)
        if block is not None:
            source = "\n".join(doc.lines[block.start : block.end])
            if block.commented:
                source = source[1:].lstrip()
            try:
                example = (yaml.safe_load(source) or {}).get(block.name)
            except yaml.YAMLError:
                example = None
            written = source.split(":", 1)[1]
            written = written[1:] if written.startswith("\n") else written.strip()
            found.append(FieldHelp(block.name, " ".join(pending), example, written))
            pending = []
            index = block.end
            continue
        comment = line.lstrip("#").strip()
        if line.startswith("#") and comment and not comment.startswith("---"):
            pending.append(comment)
        elif not line.startswith("#"):
            pending = []
        index += 1
    return found


def widget_for(name: str, value: Any) -> Widget:
    """How a field is edited, from its name and its value (or its example)."""
    if name == "date":
        return "date"
    if name in ("kind", "status"):
        return "choice"
    if name.endswith("_focus") or name == "image_focus":
        return "focus"
    rows = structured.widget_of(name, value)
    if rows == "rows":
        return "rows"
    if rows == "record":
        return "record"
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "list"
    if isinstance(value, dict | list):
        return "yaml"
    if name in LONG_TEXT or (isinstance(value, str) and "\n" in value):
        return "area"
    return "text"
