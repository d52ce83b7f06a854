"""A release file as text: decoded, split into frontmatter and body, with the line of every key.

:func:`decode_release` refuses binary and non-UTF-8 files naming the line; :func:`split_release`
splits the frontmatter from the body (python-frontmatter) and reads the frontmatter with
:func:`humaskit.yamlio.read_yaml`, counting lines from the top of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import frontmatter

from humaskit.errors import Location, ReleaseError
from humaskit.i18n import _
from humaskit.yamlio import KeyPath, read_yaml


class _Handler(frontmatter.default_handlers.YAMLHandler):
    """python-frontmatter's YAML handler with our reader, which keeps the line of every key."""

    def __init__(self, source: Path, first_line: int) -> None:
        super().__init__()
        self.source = source
        self.first_line = first_line
        self.lines: Mapping[KeyPath, int] = {}
        self.scalars: Mapping[KeyPath, str] = {}

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
        self.scalars = doc.scalars
        return {} if doc.data is None else doc.data


def decode_release(raw: bytes, path: Path) -> str:
    """The text of a release file, or an error naming the line of a NUL or a non-UTF-8 byte."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # the name holds bytes that are not UTF-8 (surrogate escapes)
        raise ReleaseError(
            _("The file name is not UTF-8: it cannot be written into the manifest or a link."),
            hint=_("Rename the file using letters, digits and '-', e.g. 2024-05-10-judul.md."),
            location=Location(path),
        ) from None
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


def split_release(
    text: str, source: Path
) -> tuple[dict[str, Any], Mapping[KeyPath, int], Mapping[KeyPath, str], str, int]:
    """The frontmatter, the line and the written text of each of its parts, the body and its
    first line."""
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
    data = {str(k): v for k, v in data.items()}
    return data, handler.lines, handler.scalars, content.strip(), body_line
