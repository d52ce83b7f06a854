"""The fields made of parts: performance figures (``stats``), agenda items and the quote.

The form edits them as rows with one input per part (``f:stats.0.label``, ``f:stats.0.value``,
…), never as YAML. Between the form and the file a field's rows travel as one canonical text (a
JSON list of rows, each a list of the parts' strings in :data:`PARTS` order; "" for no rows), so
that :meth:`humaskit.studio.document.Document.apply` can tell an unchanged field from a changed
one the way it does for every other field: a field whose rows are what the file says is left as
written, byte for byte. A changed one is written the way ``humaskit new`` writes it, one flow
mapping per row (``- {label: …, value: 1200, unit: layanan}``).

A value these rows cannot hold without losing something (a CSV path for ``stats``, a key that is
not a part, a nested value) is not edited as rows: the form keeps it as text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import MutableMapping
from typing import Any

import yaml

# field -> its parts, in the order the form shows them and a changed field writes them
PARTS: dict[str, tuple[str, ...]] = {
    "stats": ("label", "value", "unit", "target"),
    "agenda": ("date", "time", "title", "place"),
    "quote": ("text", "by", "role", "photo"),
}
SINGLE = frozenset({"quote"})  # one row, nothing to add or remove
NUMBER_PARTS = frozenset({("stats", "value"), ("stats", "target")})
DATE_PARTS = frozenset({("agenda", "date")})
LONG_PARTS = frozenset({("quote", "text")})
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUB = re.compile(r"^([a-z_]+)\.(\d{1,4})\.([a-z_]+)$")

Rows = list[list[str]]


def widget_of(name: str, value: Any) -> str | None:
    """``"record"`` (one row) or ``"rows"`` when ``value`` of ``name`` can be edited as rows."""
    if rows_of(name, value) is None:
        return None
    return "record" if name in SINGLE else "rows"


def rows_of(name: str, value: Any) -> Rows | None:
    """The rows of field ``name`` holding ``value``; ``None`` when rows cannot hold it."""
    parts = PARTS.get(name)
    if parts is None:
        return None
    if name in SINGLE:
        items: Any = [{"text": value}] if isinstance(value, str) else [value]
    else:
        items = value
    if not isinstance(items, list):
        return None
    rows: Rows = []
    for item in items:
        if not isinstance(item, dict) or not set(item) <= set(parts):
            return None
        cells = [_cell(item.get(part)) for part in parts]
        if any(cell is None for cell in cells):
            return None
        rows.append([cell or "" for cell in cells])
    return rows


def _cell(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool | dt.datetime):
        return None  # true/false or a date with a time: YAML's own business
    if isinstance(value, str | int | float | dt.date):
        return str(value)
    return None


def canonical(rows: Rows) -> str:
    """The text that stands for ``rows`` (parts stripped, empty rows dropped; "" for none)."""
    kept = [[cell.strip() for cell in row] for row in rows]
    kept = [row for row in kept if any(kept_cell for kept_cell in row)]
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def view(name: str, value: Any) -> str:
    """The canonical text of field ``name`` holding ``value`` ("" when rows cannot hold it)."""
    rows = rows_of(name, value)
    return canonical(rows) if rows is not None else ""


def gather(values: MutableMapping[str, str], names: tuple[str, ...]) -> None:
    """Replace the parts the form posted (``stats.0.label`` …) by their field's canonical text.

    A field whose parts were not posted keeps what was posted for it (its canonical text, or
    "" when every row was removed). Parts of fields not in ``names`` are dropped, so that no
    ``stats.0.label`` key ever reaches the file.
    """
    found: dict[str, dict[int, dict[str, str]]] = {}
    for key in [k for k in values if "." in k]:
        text = values.pop(key)
        match = _SUB.match(key)
        if match and match[1] in names and match[3] in PARTS.get(match[1], ()):
            found.setdefault(match[1], {}).setdefault(int(match[2]), {})[match[3]] = text
    for name, by_index in found.items():
        rows = [[row.get(part, "") for part in PARTS[name]] for _i, row in sorted(by_index.items())]
        values[name] = canonical(rows)


def encode(name: str, text: str) -> list[str]:
    """The frontmatter lines of field ``name`` whose canonical text is ``text``."""
    rows = json.loads(text) if text else []
    mappings = [_flow(name, row) for row in rows]
    if name in SINGLE:
        return [f"{name}: {mappings[0]}"] if mappings else []
    return [f"{name}:", *(f"  - {mapping}" for mapping in mappings)]


def _flow(name: str, row: list[str]) -> str:
    """``{label: …, value: 1200}``: the parts that are filled in, a number or a date as typed."""
    written = []
    for part, cell in zip(PARTS[name], row, strict=True):
        if not cell:
            continue
        plain = ((name, part) in NUMBER_PARTS and _NUMBER.fullmatch(cell)) or (
            (name, part) in DATE_PARTS and _DATE.fullmatch(cell) and _is_date(cell)
        )
        written.append(f"{part}: {cell if plain else _scalar(cell)}")
    return "{" + ", ".join(written) + "}"


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _scalar(text: str) -> str:
    """``text`` as a YAML string inside a flow mapping, quoted when it must be."""
    if "\n" in text:
        return json.dumps(text, ensure_ascii=False)  # "line one\nline two", on one line
    options: dict[str, Any] = {"allow_unicode": True, "width": 1_000_000}
    dumped: str = yaml.safe_dump([text], default_flow_style=True, **options).strip()
    return dumped.removeprefix("[").removesuffix("]")


def shown_rows(name: str, rows: Rows, examples: Rows) -> list[tuple[int, list[str], list[str]]]:
    """The rows a form shows, as (index, cells, placeholders): the field's rows, or one empty
    row per example (one at least) when it has none yet."""
    blank = [""] * len(PARTS[name])
    if not rows:
        count = 1 if name in SINGLE else max(1, len(examples))
        rows = [list(blank) for _row in range(count)]
    fallback = examples[0] if examples else blank
    return [(i, row, examples[i] if i < len(examples) else fallback) for i, row in enumerate(rows)]
