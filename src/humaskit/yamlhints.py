"""The usual mistakes in hand-written YAML, explained in people's words at the line they are on.

libyaml reports where parsing broke, in English, often lines below the mistake:
``tags: [#posyandu, #kesehatan]`` fails two lines later with "did not find expected ',' or
']'", because ``#`` starts a comment and hides the closing ``]``. :func:`explain` looks at the
lines up to the one the parser names for the mistakes people make (a ``#`` inside ``[ ]``, a
colon inside a value, a tab in the indentation, a ``[`` never closed) and says what it is, on
its own line, with the line written correctly. Otherwise the parser's problem is translated
when it is a common one (:func:`translate_problem`).

:func:`swallowed_by_comment` finds the quieter form of the same mistake: ``summary: #1 di
Jawa Tengah`` is valid YAML whose value is empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from humaskit.i18n import N_, _

__all__ = ["Explanation", "explain", "swallowed_by_comment", "translate_problem"]


@dataclass(frozen=True)
class Explanation:
    """What is wrong (``problem``), how to write it (``hint``), and the 1-based ``line``."""

    problem: str
    hint: str
    line: int


def _unquoted(line: str) -> str:
    """``line`` with the inside of quoted text replaced by ``x``, so that a ``#``, ``:`` or
    ``[`` in quotes is not taken for YAML syntax."""
    out: list[str] = []
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote and not (quote == '"' and index and line[index - 1] == "\\"):
                quote = ""
                out.append(char)
            else:
                out.append("x")
        elif char in "'\"" and (not out or out[-1] in " \t[{,:-"):
            quote = char
            out.append(char)
        else:
            out.append(char)
    return "".join(out)


def _without_comment(line: str) -> str:
    """The unquoted ``line`` without a trailing comment (`` # …``)."""
    plain = _unquoted(line)
    found = re.search(r"(^|\s)#", plain)
    return plain[: found.start()] if found else plain


_KEY_VALUE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s#:'\"\[{-][^:#]*?):[ \t]+(?P<value>.+)$"
)
_FLOW_HASH = re.compile(r"([\[{,]\s*)#")
_NEEDS_NO_QUOTES = tuple("'\"[{|>&*!")


def _tab(lines: Sequence[str], last: int) -> int | None:
    for index in range(last + 1):
        if re.match(r"^ *\t", lines[index]):
            return index
    return None


def _flow_hash(lines: Sequence[str], last: int) -> int | None:
    for index in range(last + 1):
        if _FLOW_HASH.search(_unquoted(lines[index])):
            return index
    return None


def _colon_in_value(lines: Sequence[str], last: int) -> tuple[int, str, str] | None:
    for index in range(last + 1):
        found = _KEY_VALUE.match(_unquoted(lines[index]))
        if not found or found["value"].startswith(_NEEDS_NO_QUOTES):
            continue
        value = _without_comment(found["value"]).rstrip()
        if ": " in value or value.endswith(":"):
            written = lines[index][found.start("value") :].rstrip()
            return index, found["key"].strip(), written
    return None


def _unclosed_bracket(lines: Sequence[str], last: int) -> int | None:
    for index in range(last + 1):
        plain = _without_comment(lines[index])
        if plain.count("[") > plain.count("]") or plain.count("{") > plain.count("}"):
            return index
    return None


def explain(text: str, error_line: int, problem: str, first_line: int = 1) -> Explanation | None:
    """The likely mistake behind a YAML syntax error the parser found on ``error_line``
    (0-based within ``text``); ``None`` when it is none of the usual ones.

    ``first_line`` is the file line of the text's first line; the explanation's line is a
    file line.
    """
    lines = text.split("\n")
    last = min(max(error_line, 0), len(lines) - 1)
    tab = _tab(lines, last)
    if tab is not None:
        return Explanation(
            _("line {line} is indented with a tab; YAML accepts only spaces").format(
                line=tab + first_line
            ),
            _("Replace the tab at the start of the line with spaces (two per level)."),
            tab + first_line,
        )
    flow_hash = _flow_hash(lines, last)
    if flow_hash is not None:
        fixed = _FLOW_HASH.sub(r"\1", lines[flow_hash]).strip()
        return Explanation(
            _(
                "on line {line}, '#' starts a comment in YAML, so the rest of the line "
                "(with the closing bracket) is ignored"
            ).format(line=flow_hash + first_line),
            _(
                "Leave out the '#' (humaskit adds it to hashtags): {fixed}, or put the text "
                'in quotes, e.g. "#posyandu".'
            ).format(fixed=fixed),
            flow_hash + first_line,
        )
    colon = _colon_in_value(lines, last)
    if colon is not None:
        index, key, value = colon
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return Explanation(
            _("the value of {key!r} on line {line} contains a colon followed by a space").format(
                key=key, line=index + first_line
            ),
            _("Put the whole value in double quotes: {key}: {quoted}").format(
                key=key, quoted=quoted
            ),
            index + first_line,
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem or "flow" in problem:
        bracket = _unclosed_bracket(lines, last)
        if bracket is not None:
            return Explanation(
                _("the list opened with '[' on line {line} is not closed with ']'").format(
                    line=bracket + first_line
                ),
                _("Close the list on the same line, e.g. tags: [posyandu, kesehatan]."),
                bracket + first_line,
            )
    return None


# libyaml's and PyYAML's most common problems, and what they mean for a person.
_PROBLEMS: Mapping[str, str] = {
    "mapping values are not allowed here": N_(
        "a ':' where YAML does not expect one (a colon followed by a space inside a value "
        "needs quotes)"
    ),
    "mapping values are not allowed in this context": N_(
        "a ':' where YAML does not expect one (a colon followed by a space inside a value "
        "needs quotes)"
    ),
    "did not find expected key": N_("this line is indented differently from the lines above it"),
    "found character that cannot start any token": N_(
        "a value starts with a character YAML reserves (such as ` @ % or a tab); put it in quotes"
    ),
    "found unexpected end of stream": N_("a quote is opened but never closed"),
    "could not find expected ':'": N_(
        "a line is neither 'field: value' nor a continuation of the line above"
    ),
    "did not find expected '-' indicator": N_(
        "a list item is indented differently from the items above it"
    ),
    "found unhashable key": N_("a field name is a list or a mapping"),
}


def translate_problem(problem: str) -> str:
    """The parser's ``problem`` in the language of messages when it is a common one, else as
    the parser said it."""
    for english, message in _PROBLEMS.items():
        if problem.startswith(english):
            return _(message)
    if problem.startswith("could not determine a constructor for the tag"):
        tag = problem.rsplit(" ", 1)[-1]
        return _("the tag {tag} is not plain data; humaskit reads only plain values").format(
            tag=tag
        )
    return problem


def swallowed_by_comment(
    text: str, empty: Mapping[tuple[str | int, ...], int], first_line: int = 1
) -> tuple[tuple[str | int, ...], int, str] | None:
    """The first value that is empty only because it starts with ``#`` (``summary: #1 di
    Jawa Tengah``, ``- #posyandu``): its path, file line and the line written with the value
    in quotes; ``None`` when there is none.

    ``empty`` maps the path of every empty (null) value to its file line.
    """
    lines = text.split("\n")
    for path, line in sorted(empty.items(), key=lambda item: item[1]):
        index = line - first_line
        if not 0 <= index < len(lines):
            continue
        written = lines[index]
        key = path[-1] if path else None
        if isinstance(key, str):
            pattern = rf"^\s*(?:-\s+)?['\"]?{re.escape(key)}['\"]?\s*:\s+#\S"
        else:
            pattern = r"^\s*-\s+#\S"
        found = re.match(pattern, written)
        if found:
            value = written[found.end() - 2 :].strip()
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return path, line, written[: found.end() - 2].strip() + " " + quoted
    return None
