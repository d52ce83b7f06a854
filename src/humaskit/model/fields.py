"""Reading the frontmatter's fields: text, dates, lists, phrases, photos and links.

:class:`Frontmatter` wraps the parsed mapping with the line of every key; each reader here takes
it and a field name and returns a typed value, or raises a :class:`~humaskit.errors.ReleaseError`
naming the file, the field and the line. Kinds (:mod:`humaskit.model.kinds`) declare their fields
with these readers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from humaskit.errors import Location, ReleaseError
from humaskit.i18n import _
from humaskit.model.pathhints import missing_file_hint
from humaskit.model.release_file import what_is_there
from humaskit.model.workspace import resolve_inside
from humaskit.yamlio import KeyPath


class Frontmatter:
    """Typed access to a release's frontmatter, raising errors that name file, field and line.

    Attributes:
        data: the frontmatter mapping.
        source: the release file.
        lines: the line of each key path (see :class:`humaskit.yamlio.YamlDoc`).
        roots: the folders the release may read photos and data from (its workspace first).
        scalars: the text of each scalar as the admin wrote it (``"10:30"`` where YAML 1.1 reads
            the sexagesimal number 630); see :attr:`humaskit.yamlio.YamlDoc.scalars`.
    """

    def __init__(
        self,
        data: Mapping[str, Any],
        source: Path,
        lines: Mapping[KeyPath, int],
        roots: Sequence[Path] = (),
        scalars: Mapping[KeyPath, str] | None = None,
    ) -> None:
        self.data = data
        self.source = source
        self.lines = lines
        self.roots = tuple(roots)
        self.scalars: Mapping[KeyPath, str] = scalars or {}

    def written(self, *path: str | int) -> str | None:
        """The text of the scalar at ``path`` as written, or ``None`` when it is no scalar."""
        return self.scalars.get(path)

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
                    field=name, type=type_name(value)
                ),
                _("Write it as a single line of text, in quotes if it contains ': '."),
            )
        text = str(value).strip()
        if required and not text:
            raise self.error((name,), _("The field {field!r} is empty.").format(field=name))
        return text or None


def join_hint(*sentences: str) -> str:
    """Sentences of a hint, the empty ones left out."""
    return " ".join(s for s in sentences if s)


def type_name(value: object) -> str:
    if isinstance(value, Mapping):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    return type(value).__name__


def parse_date(value: object, where: tuple[Frontmatter, KeyPath]) -> dt.date:
    """A ``YYYY-MM-DD`` date; anything else is an error naming the field."""
    fields, path = where
    if isinstance(value, dt.datetime):
        # A date and time (``!!timestamp 2024-05-10T10:00:00+07:00``): which day it is depends
        # on the time zone, so it is refused rather than guessed.
        raise fields.error(
            path,
            _("{value!r} is a date and a time; a date is needed.").format(
                value=fields.written(*path) or value.isoformat()
            ),
            _("Write only the date, YYYY-MM-DD, for example {date}, without a tag.").format(
                date=value.date().isoformat()
            ),
        )
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


# A time of day as written: hours 0-23, a dot or a colon, minutes 00-59; "WIB" may follow.
_TIME = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)(?:\s*WIB)?$", re.IGNORECASE)


def parse_time(value: object, where: tuple[Frontmatter, KeyPath]) -> str | None:
    """A time of day, read from the text the admin wrote, as ``"HH.MM"``; ``None`` when absent.

    YAML 1.1 reads an unquoted ``10:30`` as the number 630 and ``13.30`` as 13.3, so the value
    YAML made is not used: the scalar's written text is.
    """
    fields, path = where
    if value is None:
        return None
    written = fields.written(*path)
    text = (written if written is not None else str(value)).strip()
    if not text:
        return None
    match = _TIME.match(text) if isinstance(value, str | int | float) else None
    if match is None:
        raise fields.error(
            path,
            _("{value!r} is not a time of day.").format(value=text),
            _('Write the time as HH.MM between 00.00 and 23.59, for example "09.00" or "13.30".'),
        )
    return f"{int(match.group(1)):02d}.{match.group(2)}"


def text(fields: Frontmatter, name: str) -> str | None:
    """An optional single line of text."""
    return fields.text(name)


def photo(fields: Frontmatter, name: str) -> Path | None:
    """A photo field: resolved inside the workspace (or an allowed folder) and present."""
    raw = fields.text(name)
    if not raw:
        return None
    source = fields.source
    path = resolve_inside(
        raw, source.parent, fields.roots, source=source, field=name, line=fields.line(name)
    )
    what = what_is_there(path)
    if what is not None:
        raise fields.error(
            (name,),
            _("The photo {path!r} is not an ordinary file: it is {what}.").format(
                path=raw, what=what
            ),
            _("Point the field at a photo file (JPEG, PNG, WebP, HEIC)."),
        )
    if not path.is_file():
        raise fields.error(
            (name,),
            _("The photo {path!r} does not exist.").format(path=raw),
            missing_file_hint(raw, source.parent, fields.roots, name),
        )
    return path


def media_file(fields: Frontmatter, name: str) -> Path | None:
    """A sound file field (``audio:``): resolved inside the workspace (or an allowed folder) and
    present. Whether it holds sound, and how long, is checked when the clip is made."""
    raw = fields.text(name)
    if not raw:
        return None
    source = fields.source
    path = resolve_inside(
        raw, source.parent, fields.roots, source=source, field=name, line=fields.line(name)
    )
    what = what_is_there(path)
    if what is not None or not path.is_file():
        problem = (
            _("The sound file {path!r} is not an ordinary file: it is {what}.").format(
                path=raw, what=what
            )
            if what is not None
            else _("The sound file {path!r} does not exist.").format(path=raw)
        )
        raise fields.error(
            (name,),
            problem,
            _(
                "Point 'audio:' at a music or voice file (MP3, M4A, WAV, OGG) in the workspace; "
                "the path is relative to the release file."
            ),
        )
    return path


def focus(fields: Frontmatter, name: str = "image_focus") -> tuple[float, float]:
    """A photo's focus point ``[x, y]`` (0..1 from the left and the top); the centre when the
    field is not there."""
    value = fields.data.get(name)
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
            (name,),
            _("{field!r} must be two numbers between 0 and 1.").format(field=name),
            _("For example [0.5, 0.35]: x from the left, y from the top."),
        )
    return (float(value[0]), float(value[1]))


def string_list(fields: Frontmatter, name: str) -> tuple[str, ...]:
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


def phrases(fields: Frontmatter, name: str) -> tuple[str, ...]:
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
                    n=index + 1, field=name, type=type_name(item)
                ),
                _("Put the phrase in quotes if it contains ': '."),
            )
        if str(item).strip():
            phrases.append(str(item).strip())
    return tuple(phrases)


def web_address_problem(text: str) -> str | None:
    """What keeps ``text`` from being a web address people can open; ``None`` when it is one.

    An address is ``http://`` or ``https://``, a host name (letters, digits, ``-`` and ``.``, or
    a bracketed IPv6 address), an optional port, then anything without white space.
    """
    if any(c.isspace() for c in text):
        return _("it contains a space or a line break")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return _("its host or port is not valid")
    if not text.lower().startswith(("http://", "https://")):
        return _("it does not start with https:// or http://")
    host = parts.hostname or ""
    if not host or not _HOST.fullmatch(host) or (port is not None and not 0 < port < 65536):
        return _("it has no valid host name after the //")
    return None


# A host: dot-separated labels of letters (any script), digits and inner hyphens; or IPv6.
_HOST = re.compile(r"(?:(?!-)[\w-]{1,63}(?<!-)\.)*(?!-)[\w-]{1,63}(?<!-)\.?|[0-9a-f:.]+", re.I)


def link(fields: Frontmatter) -> str | None:
    """The release's web address, refused unless it is one people can open."""
    link = fields.text("link")
    problem = web_address_problem(link) if link else None
    if problem:
        raise fields.error(
            ("link",),
            _("The link {link!r} is not a web address: {problem}.").format(
                link=link, problem=problem
            ),
            _("Write the full address, starting with https://, without spaces."),
        )
    return link
