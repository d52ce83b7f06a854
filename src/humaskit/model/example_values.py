"""Example values left in a release or a brand kit: the one definition (issue 12).

The example releases (``examples/``) and the built-in Blora kit are fictional on purpose, and
every made-up name, number, address and account in them carries a mark: "Disdukcapil Blora
(contoh)", "0800-0000-0000", ``LAPOR-CONTOH-0603``, ``https://contoh.blorakab.go.id/…``,
``@contoh.dpuprblora``. An admin who copies an example or the sample kit and forgets one value
would publish it. So ``render`` and ``check`` warn (``example-value``) about every field drawn
on an image or written into a caption that still holds one: a warning in both, since the
examples themselves must still pass ``check``. One warning per field, naming the file, the
field and its line, with what to write instead (:func:`example_value_findings`).

The fields looked at: every text of the release a person writes
(:func:`humaskit.model.placeholders.release_texts`) and its ``link``; of the brand kit its
``name``, ``short_name``, ``footer``, the ``handles`` of the release's platforms and every
``complaint_channels`` entry; of the release's unit its ``name``, ``short_name`` and the
``handles`` of the release's platforms.

A text holds an example value (:func:`example_values`) where it has one of:

* ``marker``: the word "contoh" alone in brackets, or after one other word, any case:
  "(contoh)", "(Contoh)", "(data contoh)";
* ``ticket``: "CONTOH", in capitals, as one part of a code whose parts are joined by "-" or
  "_" and not all "CONTOH": ``LAPOR-CONTOH-0603``, ``TIKET_CONTOH_1``;
* ``host``: a web address (with or without ``https://``, or after the "@" of an e-mail address)
  whose host begins with "contoh." and has at least two more parts:
  ``https://contoh.blorakab.go.id/aduan``, ``contoh.blorakab.go.id``;
* ``handle``: an account beginning with "@contoh." or "@contoh_" (``@contoh.dpuprblora``,
  ``@contoh_blorakab``); in an account field of the kit (``handles``), also a value beginning,
  without its "@", with "contoh" and ".", "_" or "-" (``contoh-pemkab-blora``);
* ``phone``: a phone number beginning with "0" or "+62" whose digits after its prefix (the
  first group: "0800", "021", "+62 21") are all zeros, six or more, in groups joined by "-",
  "." or spaces: ``0800-0000-0000``, ``+62 21 000 0000``.

"contoh" as an ordinary word is none of these: "menjadi contoh bagi desa lain", "sebagai
contoh", "contoh-contoh", "(lihat contoh di bawah ini)", "Contoh." at a sentence's end; nor is
an amount ("Rp 1.000.000") or a real number with zeros in it ("0812-3000-0001").

Pure: no I/O, nothing printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from babel.lists import format_list

from humaskit.diagnostics import Diagnostic
from humaskit.errors import Location, shown_file
from humaskit.i18n import N_, _, language
from humaskit.model.placeholders import release_texts
from humaskit.realpaths import resolved

if TYPE_CHECKING:
    from humaskit.model.brand import Brand, Unit
    from humaskit.model.release import Release

__all__ = ["CODE", "example_value_findings", "example_values", "holds_example_value"]

CODE = "example-value"

_MARKER = re.compile(r"\(\s*(?:[^\W\d_]+\s+)?contoh\s*\)", re.IGNORECASE)
_CODE_WORD = re.compile(r"(?<![\w-])\w+(?:[-_]\w+)+(?![\w-])")
_CODE_PARTS = re.compile(r"[-_]")
_HOST = re.compile(
    r"(?<![\w.-])(?:https?://)?contoh\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s)\]]*)?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w.@])@contoh[._](?:[\w.]*\w)?", re.IGNORECASE)
_HANDLE_FIELD = re.compile(r"@?contoh[._-]", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+])(?:\+62[-. ]?\d{1,4}|0\d{1,4})(?:[-. ]?0){6,}(?![\w])")

# What to write instead, by rule: "Replace it with {what} before publishing."
_FIXES = {
    "marker": N_("the real text without the example mark"),
    "ticket": N_("the real ticket number"),
    "host": N_("the real web address"),
    "handle": N_("the real account"),
    "phone": N_("the real phone number"),
}
_SHOWN = 60  # characters of a value a message shows


def _tickets(text: str) -> Iterator[re.Match[str]]:
    for match in _CODE_WORD.finditer(text):
        parts = _CODE_PARTS.split(match.group())
        if "CONTOH" in parts and any(p != "CONTOH" for p in parts):
            yield match


def example_values(text: str | None, *, handle: bool = False) -> list[tuple[str, str]]:
    """The example values in ``text``, in the order written: (rule, the value as written).

    Args:
        text: any text of a release or a kit.
        handle: ``text`` is an account field of the kit (``handles``), where a bare
            ``contoh-pemkab-blora`` is an account too.
    """
    if not text:
        return []
    found: list[tuple[int, int, str]] = []
    if handle and _HANDLE_FIELD.match(text.strip()):
        found.append((0, len(text), "handle"))
    for rule, matches in (
        ("host", _HOST.finditer(text)),
        ("handle", _HANDLE.finditer(text)),
        ("ticket", _tickets(text)),
        ("phone", _PHONE.finditer(text)),
        ("marker", _MARKER.finditer(text)),
    ):
        found.extend((m.start(), m.end(), rule) for m in matches)
    values: list[tuple[str, str]] = []
    end = 0
    # Earliest first, the longer of two starting together; a value inside one taken is skipped.
    for start, stop, rule in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end:
            values.append((rule, text[start:stop].strip()))
            end = stop
    return values


def holds_example_value(text: str | None, *, handle: bool = False) -> bool:
    """Whether ``text`` holds an example value (:func:`example_values`)."""
    return bool(example_values(text, handle=handle))


@dataclass
class _Field:
    """The example values of one field, and where it is."""

    name: str
    line: int | None
    text: str  # the field's value as written (its first text holding an example value)
    file: Path | None = None  # None: the release's own file
    values: list[tuple[str, str]] = field(default_factory=list)


def _kit_fields(
    brand: Brand, unit: Unit, platforms: Sequence[str]
) -> Iterator[tuple[Location, str | None, bool]]:
    """The kit's texts a release's images and captions show: (where, text, is an account)."""
    for key in ("name", "short_name", "footer"):
        yield brand.where(key), getattr(brand, key), False
    for key in ("name", "short_name"):
        yield Location(brand.units_file, f"units[{unit.key}].{key}"), getattr(unit, key), False
    for platform in (p for p in platforms if p in unit.handles):
        where = unit.handles_from.get(platform)
        if where is None:
            where = Location(brand.units_file, f"units[{unit.key}].handles.{platform}")
        yield where, unit.handles[platform], True
    for platform in (p for p in platforms if p in brand.handles):
        yield brand.where(f"handles.{platform}"), brand.handles[platform], True
    for i, channel in enumerate(brand.complaint_channels):
        for part in ("name", "url", "phone"):
            yield brand.where(f"complaint_channels[{i}].{part}"), getattr(channel, part), False


def example_value_findings(
    release: Release, brand: Brand, unit: Unit, platforms: Sequence[str]
) -> list[Diagnostic]:
    """One ``example-value`` warning per field of ``release``, of ``brand`` or of ``unit`` that
    its images or captions show and that still holds an example value.

    Args:
        release: the release.
        brand: its brand kit.
        unit: its unit.
        platforms: the platforms it goes to (whose accounts the images and captions show).
    """
    fields: dict[str, _Field] = {}  # the release's, by field, in order
    for name, text in [*release_texts(release), ("link", release.link or "")]:
        if values := example_values(text):
            line = release.body_line_of(text) if name == "body" else release.line_of(name)
            fields.setdefault(name, _Field(name, line, text)).values.extend(values)
    kit: dict[Path | None, list[_Field]] = {}  # the kit's, by file, in order
    seen: set[tuple[Path | str | None, str | None]] = set()  # a unit's account may be the kit's own
    for where, value, handle in _kit_fields(brand, unit, platforms):
        if (where.file, where.field) in seen:
            continue
        seen.add((where.file, where.field))
        if values := example_values(value, handle=handle):
            file = Path(where.file) if where.file is not None else None
            kit.setdefault(file, []).append(
                _Field(where.field or "", where.line, value or "", file, values)
            )
    found = [_finding(f, release.workspace) for f in fields.values()]
    return found + [_kit_finding(f, release.workspace) for f in kit.values()]


def _shown(file: Path, workspace: Path | None) -> str:
    """A kit file as messages show it: relative to the workspace when in it (``brand/brand.yaml``),
    a built-in one as built-in."""
    if workspace is not None:
        try:
            return resolved(file).relative_to(resolved(workspace)).as_posix()
        except (ValueError, OSError):
            pass
    return shown_file(file)


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3].rstrip() + "…"


def _kit_finding(found: list[_Field], workspace: Path | None) -> Diagnostic:
    """One warning for the fields of one kit file that hold example values: a kit copied from
    the sample holds a dozen (accounts, complaint channels), which one message names."""
    first = found[0]
    if len(found) == 1:
        return _finding(first, workspace)
    file = _shown(first.file, workspace) if first.file is not None else None
    names = [f.name for f in found]
    shown = ", ".join(names)
    lines = sorted(f.line for f in found if f.line is not None)
    rules = dict.fromkeys(rule for f in found for rule, _v in f.values)
    fixes = [_(_FIXES[rule]) for rule in rules]
    what = _("{count} fields of {file} still hold example values: {fields}.").format(
        count=len(found), file=file or "-", fields=shown
    )
    fix = _("Replace them with {what} before publishing.").format(
        what=format_list(fixes, locale=language())
    )
    return Diagnostic(CODE, what + " " + fix, file=file, line=lines[0] if lines else None)


def _finding(found: _Field, workspace: Path | None) -> Diagnostic:
    values = list(dict.fromkeys(found.values))
    if found.name == "body" and found.file is None:
        shown = ", ".join(repr(_cut(v)) for _rule, v in values)  # the values, not the paragraph
    else:
        shown = repr(_cut(found.text))
    file = _shown(found.file, workspace) if found.file is not None else None
    if file is not None:
        what = _("The field {field!r} of {file} still holds example text: {values}.").format(
            field=found.name, file=file, values=shown
        )
    elif found.name == "body":
        what = _("The body still holds example text: {values}.").format(values=shown)
    else:
        what = _("The field {field!r} still holds example text: {values}.").format(
            field=found.name, values=shown
        )
    fixes = [_(_FIXES[rule]) for rule in dict.fromkeys(rule for rule, _v in values)]
    fix = _("Replace it with {what} before publishing.").format(
        what=format_list(fixes, locale=language())
    )
    return Diagnostic(
        CODE,
        what + " " + fix,
        file=file,
        field=found.name,
        line=found.line,
    )
