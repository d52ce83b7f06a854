"""Everything humaskit prints for people: the one module that imports rich.

Messages, warnings and progress go to stderr; results (tables, JSON) go to stdout. With
``--json`` nothing but one JSON document is printed on stdout.

rich (≈ 35 ms to import) is imported when it is needed: for a table, a progress bar, or a
coloured line on a terminal. Where rich would print a line without any escape code (the stream
is no terminal and neither ``FORCE_COLOR`` nor ``TTY_COMPATIBLE`` says otherwise: a pipe, a
file, CI, a script), the line is written as the same plain text directly (:func:`_line`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from humaskit.diagnostics import Diagnostic
from humaskit.errors import HumaskitError
from humaskit.i18n import _

if TYPE_CHECKING:  # rich is imported when something is shown through it
    from rich.console import Console
    from rich.progress import Progress, TaskID


@cache
def _console(err: bool) -> Console:
    """The rich console of stderr (``err``) or stdout; it writes to the current ``sys`` stream."""
    from rich.console import Console

    return Console(stderr=err, highlight=False, soft_wrap=True)


def _may_style(stream: TextIO) -> bool:
    """``False`` when rich would print to ``stream`` without escape codes: not a terminal to
    rich (its ``Console.is_terminal``: ``TTY_COMPATIBLE``, then ``FORCE_COLOR``, then
    ``isatty()``). ``True`` whenever rich might style, so rich then decides."""
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:
        return False


def _line(*parts: tuple[str, str], err: bool = True) -> None:
    """Print one line made of ``(text, style)`` parts (style as rich names it, ``""`` for none).

    Through rich where rich might colour it; otherwise the bare text, as rich would write it
    there, without importing rich.
    """
    stream = sys.stderr if err else sys.stdout
    if not _may_style(stream):
        stream.write("".join(text for text, _style in parts) + "\n")
        stream.flush()
        return
    from rich.text import Text

    text = Text()
    for piece, style in parts:
        text.append(piece, style=style or None)
    _console(err).print(text)


# Characters a terminal acts on rather than shows: C0/C1 controls (ESC starts escape codes),
# DEL, the Unicode line and paragraph separators, the bidirectional overrides and isolates, and
# lone surrogates (from file names that are not UTF-8). In ``x\x1b]0;HACKED\x07.md`` the ESC and
# BEL are printed spelled out, not obeyed.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_MESSAGE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


# json.dumps escapes C0 controls; with ensure_ascii=False these pass through as they are.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(char: re.Match[str]) -> str:
    code = ord(char[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str, *, lines: bool = True) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``).

    Every string this module prints passes through here. ``lines`` keeps line breaks, for text
    that is meant to span lines. Messages, hints, places (``file:line [field]``) and table cells
    are each one line, printed with ``lines=False``: a file name holding a line break (a release
    named ``"x\n✓ rilis/palsu.md → out"``) shows ``\x0a`` and cannot forge a second ✓/✗ line.
    """
    return (_UNSAFE_IN_MESSAGE if lines else _UNSAFE).sub(_visible, text)


def error(exc: HumaskitError) -> None:
    """One red line (plus the hint) for an error."""
    parts = [(_("error") + ": ", "bold red")]
    where = str(exc.location)
    if where:
        parts.append((safe(where, lines=False) + ": ", "bold"))
    parts.append((safe(exc.message, lines=False), ""))
    if exc.hint:
        parts.append(("\n  → " + safe(exc.hint, lines=False), "yellow"))
    _line(*parts)


def diagnostics(items: Sequence[Diagnostic], *, grouped: bool = False) -> None:
    """Print diagnostics: the one place every stage's problems reach people.

    ``grouped`` (what a render or recap wrote): each code once, where its first artifact or
    field is, with how many more it concerns. Otherwise (``check``): every diagnostic with its
    file, line, field and platform; an error in red with its place on the next line.
    """
    if grouped:
        groups: dict[str, list[Diagnostic]] = {}
        for item in items:
            groups.setdefault(item.code, []).append(item)
        for group in groups.values():
            first = group[0]
            where = first.variant or first.field or ""
            others = [o for o in dict.fromkeys(g.variant or g.field or "" for g in group[1:]) if o]
            if len(others) > 3:
                where += " " + _("(also {names} and {count} more)").format(
                    names=", ".join(others[:3]), count=len(others) - 3
                )
            elif others:
                where += " " + _("(also {names})").format(names=", ".join(others))
            warning(first.message, where.strip())
        return
    for item in items:
        where = item.where() + (f" ({item.platform})" if item.platform else "")
        if item.is_error:
            _line((_("error") + ": ", "bold red"), (safe(item.message, lines=False), ""))
            info("  " + where)
        else:
            warning(item.message, where)


def warning(message: str, where: str = "") -> None:
    """A yellow warning line."""
    parts = [(_("warning") + ": ", "bold yellow")]
    if where:
        parts.append((safe(where, lines=False) + ": ", "bold"))
    parts.append((safe(message, lines=False), ""))
    _line(*parts)


def info(message: str) -> None:
    """A plain one-line message on stderr (a line break in it is shown as ``\x0a``)."""
    _line((safe(message, lines=False), ""))


def success(message: str) -> None:
    """A green one-line message on stderr."""
    _line((safe(message, lines=False), "green"))


def print_json(data: Any) -> None:
    """The one JSON document of a ``--json`` run, on stdout."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # Such characters only occur inside JSON strings, where \uXXXX means the same.
    text = _UNSAFE_IN_JSON.sub(lambda char: f"\\u{ord(char[0]):04x}", text)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def print_text(text: str, *, lines: bool = False) -> None:
    """Plain text on stdout, as given but for the characters :func:`safe` spells out; line
    breaks are kept only with ``lines`` (a path printed for scripts is one line)."""
    text = safe(text, lines=lines)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A table on stdout."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=Text(safe(title)), title_justify="left", header_style="bold")
    for column in columns:
        grid.add_column(Text(safe(column)), overflow="fold")
    for row in rows:
        grid.add_row(*(Text("" if cell is None else safe(str(cell), lines=False)) for cell in row))
    _console(False).print(grid)


class ProgressBar:
    """A progress bar on stderr, shown only on a terminal and for more than one item.

    Use as a context manager; call :meth:`start` with the total, then :meth:`advance` per item.
    Lines printed through this module meanwhile appear above the bar.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def start(self, total: int) -> None:
        """Show the bar for ``total`` items (nothing when piped or for one item)."""
        if total < 2 or not _may_style(sys.stderr) or not _console(True).is_terminal:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        self._bar = Progress(*columns, console=_console(True), transient=True)
        self._task = self._bar.add_task(self.label, total=total)
        self._bar.start()

    def advance(self) -> None:
        """One more item done."""
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)
