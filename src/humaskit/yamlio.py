"""The one YAML reader: plain Python values plus the line of every key, and "did you mean".

Releases, brand kits, platform rules and layouts are all YAML that people write by hand, so every
error must name the line. :func:`read_yaml` parses text into plain values (dicts, lists, text,
numbers; dates stay text so that impossible dates get the caller's own message) and remembers,
for each key path such as ``("agenda", 0, "date")``, the line of the key and of its value. It
refuses documents whose aliases expand past :data:`MAX_YAML_NODES` nodes ("billion laughs"), and
a key written twice in one mapping (YAML would keep the last value without a word), naming both
lines, and a value holding a control character (``"\\0"``, ``"\\e"`` in double quotes make NUL and
ESC), naming its field and line: refused rather than stripped, since a title silently changed is
worse than a message.

libyaml's parser is used where it is installed (several times faster on the unit registry).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from humaskit.errors import HumaskitError, Location
from humaskit.i18n import _
from humaskit.yamlhints import explain, translate_problem

__all__ = [
    "CONTROL_CHARACTERS",
    "MAX_YAML_CHARS",
    "MAX_YAML_NODES",
    "KeyPath",
    "YamlDoc",
    "key_path_name",
    "nearest",
    "read_yaml",
    "suggest",
]

# A YAML document whose aliases expand past this many nodes is refused (alias bombs), and so is
# a text longer than this many characters (the largest file read, units.yaml, is ~100 000).
MAX_YAML_NODES = 50_000
MAX_YAML_CHARS = 4 * 1024 * 1024
_MAX_DEPTH = 100

KeyPath = tuple[str | int, ...]

# Characters that do not show in a post but act on what shows it: the C0 controls but tab and
# line feed, DEL and the C1 controls.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NULL = "tag:yaml.org,2002:null"
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader (libyaml's where available) that leaves dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML document: its plain ``data`` and where each part of it was written.

    Paths are tuples of mapping keys (as text) and list indexes; ``()`` is the document itself.
    Lines are 1-based lines of the whole file (``first_line`` is added).

    Attributes:
        data: the plain value; ``None`` for an empty document.
        source: the file, as given to :func:`read_yaml`.
        lines: for a key path the line of the key, for a list item the line of the item.
        value_lines: the line where the value at each path starts.
        scalars: the text of each scalar as written (``"1.50"`` where the value is ``1.5``).
        duplicates: each repeated key's path, with its line and the line of its first use;
            ``data`` holds the last value, as YAML does. Only filled when the caller of
            :func:`read_yaml` allowed duplicates; otherwise the first one is an error.
        empty: the line of each value written as nothing at all (``key:``), which YAML reads
            as null; ``key: #1`` is one (see :func:`humaskit.yamlhints.swallowed_by_comment`).
    """

    data: Any
    source: Path | str
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    value_lines: Mapping[KeyPath, int] = field(default_factory=dict)
    scalars: Mapping[KeyPath, str] = field(default_factory=dict)
    duplicates: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)
    empty: Mapping[KeyPath, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def value_line(self, *path: str | int) -> int | None:
        """The line where the value at ``path`` starts (for a block mapping: its first key)."""
        for end in range(len(path), -1, -1):
            line = self.value_lines.get(path[:end])
            if line is not None:
                return line
        return None


def read_yaml(
    text: str,
    source: Path | str,
    *,
    error: type[HumaskitError] = HumaskitError,
    syntax: str | None = None,
    hint: str = "",
    too_large: str | None = None,
    first_line: int = 1,
    show_context: bool = False,
    allow_duplicates: bool = False,
) -> YamlDoc:
    """Parse YAML ``text`` from ``source``.

    Args:
        text: the YAML.
        source: the file it came from, named in errors.
        error: the error class to raise (``ReleaseError``, ``BrandError``, …).
        syntax: the message for invalid YAML, with ``{problem}``; translated by the caller.
        hint: the hint shown with a syntax error that has a line.
        too_large: the message for a text that is too long or whose aliases expand too far.
        first_line: the file line of the text's first line (a frontmatter starts below ``---``).
        show_context: add where the broken construct began to the problem, when YAML says it.
        allow_duplicates: record a key written twice in :attr:`YamlDoc.duplicates` instead of
            refusing it.

    Raises:
        error: the text is not valid YAML, uses a tag that is not plain data, is too large, or
            (unless ``allow_duplicates``) writes a key twice in one mapping, or has a value
            holding a control character (tab and line feed are fine).
    """
    if len(text) > MAX_YAML_CHARS:
        _refuse(source, error, too_large, first_line)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
            if node is None:
                return YamlDoc(None, source)
            _check_size(node, source, error, too_large, first_line)
            doc = _Walk(source, first_line)
            doc.walk(node, ())
            if doc.duplicates and not allow_duplicates:
                _refuse_duplicate(source, error, doc.duplicates)
            _refuse_controls(source, error, doc)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        found = explain(text, mark.line if mark else 0, problem, first_line)
        if found is not None:  # a usual mistake, named at its own line
            raise error(
                (syntax or _("Not valid YAML: {problem}.")).format(problem=found.problem),
                hint=found.hint,
                location=Location(source, None, found.line),
            ) from None
        problem = translate_problem(problem)
        if show_context and exc.context and exc.context_mark and exc.problem:
            # The context names where the broken construct began, often the real culprit.
            problem += _(" ({context} on line {line})").format(
                context=exc.context, line=exc.context_mark.line + first_line
            )
        raise error(
            (syntax or _("Not valid YAML: {problem}.")).format(problem=problem),
            hint=hint,
            location=Location(source, None, mark.line + first_line if mark else None),
        ) from None
    except yaml.YAMLError as exc:
        raise error(
            (syntax or _("Not valid YAML: {problem}.")).format(problem=translate_problem(str(exc))),
            location=Location(source),
        ) from None
    return YamlDoc(data, source, doc.lines, doc.value_lines, doc.scalars, doc.duplicates, doc.empty)


def _check_size(
    node: yaml.Node,
    source: Path | str,
    error: type[HumaskitError],
    message: str | None,
    first_line: int,
) -> None:
    """Refuse documents whose aliases expand to a huge tree (a "billion laughs" attack)."""
    memo: dict[int, int] = {}

    def size(n: yaml.Node, depth: int) -> int:
        if id(n) in memo:
            return memo[id(n)]
        if depth > _MAX_DEPTH:
            return MAX_YAML_NODES + 1
        total = 1
        if isinstance(n, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in n.value)
        memo[id(n)] = total
        return total

    if size(node, 0) > MAX_YAML_NODES:
        _refuse(source, error, message, first_line)


def _refuse(
    source: Path | str, error: type[HumaskitError], message: str | None, first_line: int
) -> NoReturn:
    raise error(
        message or _("The file is too large or nests aliases too deeply."),
        hint=_("Write the values out plainly; YAML anchors and aliases are not needed."),
        location=Location(source, None, first_line),
    )


def _refuse_duplicate(
    source: Path | str, error: type[HumaskitError], duplicates: Mapping[KeyPath, tuple[int, int]]
) -> NoReturn:
    """The first key written twice, as an error naming both lines."""
    path, (again, first) = min(duplicates.items(), key=lambda item: item[1])
    raise error(
        _("The key {key!r} is written twice, on line {first} and on line {again}.").format(
            key=str(path[-1]), first=first, again=again
        ),
        hint=_("Keep one of them; YAML would silently use the last one."),
        location=Location(source, key_path_name(path), again),
    )


def _refuse_controls(source: Path | str, error: type[HumaskitError], doc: _Walk) -> None:
    for path, value in doc.scalars.items():
        found = CONTROL_CHARACTERS.search(value)
        if found is None:
            continue
        line = doc.value_lines.get(path)
        raise error(
            _("The value of {field!r} contains the control character U+{code:04X}.").format(
                field=key_path_name(path) or "-", code=ord(found[0])
            ),
            hint=_(
                "Remove it: in double quotes YAML turns escapes such as \\0, \\e or \\x1b "
                "into characters that do not show in a post."
            ),
            location=Location(source, key_path_name(path) or None, line),
        )


def key_path_name(path: KeyPath) -> str:
    """A key path as people read it: ``("agenda", 0, "date")`` → ``agenda[0].date``."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


class _Walk:
    """Collects the lines of a node tree (already known to be small)."""

    def __init__(self, source: Path | str, first_line: int) -> None:
        self.source = source
        self.offset = first_line
        self.lines: dict[KeyPath, int] = {}
        self.value_lines: dict[KeyPath, int] = {}
        self.scalars: dict[KeyPath, str] = {}
        self.duplicates: dict[KeyPath, tuple[int, int]] = {}
        self.empty: dict[KeyPath, int] = {}

    def walk(self, node: yaml.Node, path: KeyPath) -> None:
        line = node.start_mark.line + self.offset
        self.lines.setdefault(path, line)
        self.value_lines[path] = line
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue  # refused when the document is constructed (unhashable key)
                child = (*path, str(key.value))
                key_line = key.start_mark.line + self.offset
                if child in self.lines:
                    self.duplicates.setdefault(child, (key_line, self.lines[child]))
                else:
                    self.lines[child] = key_line
                self.walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index))
        elif isinstance(node, yaml.ScalarNode):
            self.scalars[path] = str(node.value)
            if node.value == "" and node.tag == _NULL and not node.style:
                self.empty[path] = self.lines[path]


def nearest(word: str, options: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The options closest to ``word``, best first (at most ``n``; none below ``cutoff``)."""
    return difflib.get_close_matches(word, list(options), n=n, cutoff=cutoff)


def suggest(word: str, options: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``Did you mean 'x'?`` for the option closest to ``word``; empty when none is close."""
    close = nearest(word, options, cutoff=cutoff)
    return _("Did you mean {suggestion!r}?").format(suggestion=close[0]) if close else ""
