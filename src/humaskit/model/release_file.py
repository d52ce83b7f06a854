"""A release file as text: decoded, split into frontmatter and body, with the line of every key.

:func:`read_release_file` reads the bytes of an ordinary file only (never a FIFO, a device or a
folder, and never through a link that leaves the workspace); :func:`decode_release` refuses
binary and non-UTF-8 files naming the line; :func:`split_release` splits the frontmatter from the
body (python-frontmatter) and reads the frontmatter with :func:`humaskit.yamlio.read_yaml`,
counting lines from the top of the file.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import frontmatter

from humaskit.errors import Location, PathError, ReleaseError, UsageError
from humaskit.i18n import _
from humaskit.model.workspace import find_workspace, is_within
from humaskit.yamlhints import swallowed_by_comment
from humaskit.yamlio import CONTROL_CHARACTERS, KeyPath, key_path_name, read_yaml

MAX_RELEASE_BYTES = 2 * 1024 * 1024


def not_a_file(path: Path) -> UsageError | None:
    """Why ``path`` cannot be read as a release, without opening it; ``None`` when it can.

    A FIFO would block the reader forever and ``/dev/zero`` never ends, so only an ordinary
    file (after following links) passes; the message says what the path is instead.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        if path.is_symlink():
            message = _("{path} is a link to {target}, which does not exist.").format(
                path=path, target=path.readlink()
            )
        else:
            message = _("The file {path} does not exist.").format(path=path)
        return UsageError(
            message,
            hint=_("Check the path; a folder of releases is given as the folder itself."),
            location=Location(path),
        )
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return UsageError(
            _("{path} is a folder, not a press release file.").format(path=path),
            hint=_("Give render or check the folder itself to use every release in it."),
            location=Location(path),
        )
    return _not_regular(path, mode)


def _not_regular(path: Path, mode: int) -> UsageError:
    return UsageError(
        _("{path} is not a regular file (it is {what}); it is not read.").format(
            path=path, what=_file_type(mode)
        ),
        hint=_("Give a press release saved as an ordinary .md file."),
        location=Location(path),
    )


def what_is_there(path: Path) -> str | None:
    """What ``path`` is when it exists but is no ordinary file ("a folder", "a named pipe
    (FIFO)"); ``None`` when it is an ordinary file or nothing is there."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return _("a folder") if stat.S_ISDIR(mode) else _file_type(mode)


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def read_release_file(
    source: Path, *, workspace: Path | None = None, allow_paths: Sequence[Path] = ()
) -> bytes:
    """The bytes of the release file ``source``, refused unless it is an ordinary, small file
    inside its workspace.

    A link is followed only when its target lies in the workspace the link itself is in (or in
    an allowed folder), as for photos: ``rilis/x.md -> /proc/self/environ`` is refused.

    Raises:
        UsageError: ``source`` does not exist, is a folder, or is not an ordinary file.
        PathError: ``source`` is a link to a file outside the workspace and the allowed folders.
        ReleaseError: the file is larger than :data:`MAX_RELEASE_BYTES`.
    """
    problem = not_a_file(source)
    if problem is not None:
        raise problem
    if source.is_symlink():
        home = workspace or find_workspace(source.absolute().parent)
        target = source.resolve()
        if not any(is_within(target, root) for root in (home, *allow_paths)):
            raise PathError(
                _("{path} is a link to {target}, outside the workspace {root}.").format(
                    path=source, target=target, root=home
                ),
                hint=_(
                    "Copy the release into the workspace, or allow its folder with "
                    "--allow-path DIR."
                ),
                location=Location(source),
            )
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening still returns
    # at once; fstat on the open file then refuses it.
    fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(source, info.st_mode)
        # The size on disk refuses a huge file unread; the bounded read, one that grows meanwhile.
        raw = b"" if info.st_size > MAX_RELEASE_BYTES else handle.read(MAX_RELEASE_BYTES + 1)
    if info.st_size > MAX_RELEASE_BYTES or len(raw) > MAX_RELEASE_BYTES:
        raise ReleaseError(
            _("The file is larger than {limit} MB; a press release is much shorter.").format(
                limit=MAX_RELEASE_BYTES // (1024 * 1024)
            ),
            hint=_("Check that this is the right file."),
            location=Location(source),
        )
    return raw


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
        swallowed = swallowed_by_comment(fm, doc.empty, self.first_line)
        if swallowed is not None:
            path, line, fixed = swallowed
            field = key_path_name(path)
            raise ReleaseError(
                _(
                    "The value of {field!r} starts with '#', which YAML reads as a comment: "
                    "the field is empty."
                ).format(field=field),
                hint=_("Put the value in double quotes: {fixed}").format(fixed=fixed),
                location=Location(self.source, field, line),
            )
        return {} if doc.data is None else doc.data


# The first bytes of the documents people save instead of a .md file.
_ZIP, _OLE, _PDF = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-"


def import_hint() -> str:
    """What to do with a Word file: convert it (``humaskit import``) or start a release."""
    return _(
        "Convert it with `humaskit import FILE`, or start a release with "
        '`humaskit new "Judul"` and copy the text in.'
    )


def office_document(raw: bytes, path: Path) -> str | None:
    """What kind of document ``raw`` is when it is a Word, OpenDocument or PDF file ("a Word
    document (.docx)"); ``None`` for anything else."""
    suffix = path.suffix.lower()
    if raw.startswith(_ZIP) and (suffix in (".docx", ".odt") or b"word/" in raw[:4096]):
        if suffix == ".odt" or b"opendocument" in raw[:4096]:
            return _("an OpenDocument text (.odt)")
        return _("a Word document (.docx)")
    if raw.startswith(_OLE):
        return _("a Word document (.doc)")
    if raw.startswith(_PDF):
        return _("a PDF document")
    return None


def decode_utf8(raw: bytes, path: Path, encoding: str = "utf-8") -> str:
    """``raw`` decoded, or an error naming the line of the first byte that is not UTF-8."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReleaseError(
            _("The file is not UTF-8 text (byte {offset}).").format(offset=exc.start),
            hint=_("Save it again as UTF-8 (in most editors: 'Save with encoding' → UTF-8)."),
            location=Location(path, None, line),
        ) from None


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
    document = office_document(raw, path)
    if document is not None:
        raise ReleaseError(
            _("{path} is {what}, not a press release in Markdown.").format(
                path=path.name, what=document
            ),
            hint=import_hint(),
            location=Location(path),
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ReleaseError(
            _("The file contains a NUL byte; it is not a text file."),
            hint=_("Save the release as plain UTF-8 text (Markdown)."),
            location=Location(path, None, line),
        )
    text = decode_utf8(raw, path, "utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL_CHARACTERS.search(text)  # the frontmatter's escapes: read_yaml
    if found:
        raise ReleaseError(
            _("The file contains the control character {char} on this line.").format(
                char=f"U+{ord(found[0]):04X}"
            ),
            hint=_("Remove it: it does not show in a post, but it can confuse what shows it."),
            location=Location(path, None, text.count("\n", 0, found.start()) + 1),
        )
    return text


_YAML_LINE = re.compile(r"^(\s|#|-|\.\.\.|[^\s:]+:(\s|$)|['\"][^'\"]+['\"]:(\s|$))")


def _body_start(text: str) -> int | None:
    """The 1-based line of ``text`` (which starts with the opening ``---``) where the body seems
    to start: the first line after it that is not blank and reads as no YAML line."""
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() and not _YAML_LINE.match(line):
            return number
    return None


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
        body = _body_start(stripped)
        raise ReleaseError(
            _("The frontmatter block opened on line {line} is not closed.").format(
                line=leading_lines + 1
            ),
            hint=_(
                "Put a line with only '---' after the last field, before line {body} where "
                "the body seems to start."
            ).format(body=body + leading_lines)
            if body
            else _("Put a line with only '---' between the frontmatter and the body."),
            location=Location(source, None, leading_lines + (body or 1)),
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
