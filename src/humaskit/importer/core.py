"""``import_document``: a Word file or WhatsApp text made into a release the CLI reads.

The document is read whole first (:mod:`humaskit.importer.source`), the release's fields are
guessed from it (:mod:`humaskit.importer.guess`), and only then is anything written: the photos
into the workspace's ``foto/``, then the release into ``rilis/``, each atomically; if a write
fails, what was written is removed again, so nothing is left half-done.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from humaskit.cards.imaging import open_photo
from humaskit.errors import (
    HumaskitError,
    ImageError,
    Location,
    PathError,
    ReleaseError,
    UsageError,
)
from humaskit.files import write_output
from humaskit.i18n import _
from humaskit.importer.blocks import Block, cut_markdown, to_markdown
from humaskit.importer.guess import (
    find_dateline,
    find_quote,
    find_title,
    first_date,
    is_letterhead,
)
from humaskit.importer.placeholders import (
    CARD_TITLE_PLACEHOLDER,
    IMAGE_ALT_PLACEHOLDER,
    placeholder,
)
from humaskit.importer.source import STDIN, Source, read_source
from humaskit.importer.units import guess_unit
from humaskit.model.kinds import DEFAULT_KIND, kind_names
from humaskit.model.workspace import is_within
from humaskit.pipeline.output import slugify

# Kinds whose required fields are lists of figures or events, which no text import can guess.
NOT_IMPORTABLE = ("kinerja", "agenda")
# A title longer than this may not fit the images' headline: ask for a card_title.
LONG_TITLE = 200
# What a kind needs that the document cannot give: field → what to write, as placeholders.
_KIND_PLACEHOLDERS: dict[str, dict[str, str]] = {
    "hoaks": {"claim": "klaim yang beredar", "fact": "fakta yang benar"},
    "aduan": {"complaint": "isi aduan warga, tanpa data pribadi"},
}


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and what the admin must still do.

    Attributes:
        path: the release file written.
        guessed: ``(field, value, how)`` for each field guessed, ``how`` in plain words.
        to_fill: the fields the admin must still fill in (they hold a ``[ISI: …]`` text).
        photos: the photos written into the workspace's ``foto/`` folder.
    """

    path: Path
    guessed: list[tuple[str, str, str]] = field(default_factory=list)
    to_fill: list[str] = field(default_factory=list)
    photos: list[Path] = field(default_factory=list)


def import_document(
    source: Path,
    *,
    workspace: Path,
    dest_dir: Path | None = None,
    unit: str | None = None,
    kind: str | None = None,
    text: str | None = None,
) -> ImportResult:
    """Import a .docx or WhatsApp text as a new release in ``workspace``.

    Args:
        source: a .docx or .txt file; ``Path("-")`` with ``text`` for pasted or piped text.
        workspace: the workspace folder; photos go into its ``foto/``.
        dest_dir: where the release is written (default: the workspace's ``rilis/``).
        unit: the unit key or code (default: guessed from the text, else ``pemkab``).
        kind: the kind of release (default ``rilis``).
        text: the text itself, instead of reading ``source``.

    Raises:
        UsageError: a wrong option (unknown kind or unit) or a missing file (exit 2).
        ReleaseError: the document is not a .docx or text, is damaged, empty or has no title.
        ImageError: a photo in it cannot be used.
        PathError: ``dest_dir`` lies outside the workspace.
    """
    root = workspace.resolve()
    folder = (dest_dir if dest_dir is not None else root / "rilis").absolute()
    kind = _check_kind(kind)
    if not is_within(folder, root):
        raise PathError(
            _("The folder {folder} is outside the workspace {root}.").format(
                folder=folder, root=root
            ),
            hint=_("Write the release into the workspace's rilis/ folder."),
        )
    document = read_source(source, text)
    result = ImportResult(path=folder)
    fields, body = _fields(document, result, root, unit, kind)
    stem = _free_stem(folder, root / "foto", f"{fields['date']}-{slugify(fields['title'], 60)}")
    photos = [
        root / "foto" / f"{stem}-{n}{picture.extension}"
        for n, picture in enumerate(document.pictures, 1)
    ]
    path = folder / f"{stem}.md"
    if photos:
        fields["image"] = Path(os.path.relpath(photos[0], folder)).as_posix()
        alt = document.pictures[0].alt
        fields["image_alt"] = alt or IMAGE_ALT_PLACEHOLDER
        result.guessed.append(("image", fields["image"], _("the first photo in the document")))
        if alt:
            result.guessed.append(("image_alt", alt, _("the photo's alt text in Word")))
        else:
            result.to_fill.append("image_alt")
    _write(path, _release_text(fields, body, document), photos, document)
    return ImportResult(path, result.guessed, result.to_fill, photos)


def _check_kind(kind: str | None) -> str:
    chosen = kind or DEFAULT_KIND
    if chosen not in kind_names():
        raise UsageError(
            _("Unknown kind {kind!r}.").format(kind=chosen),
            hint=_("Choose one of: {kinds}.").format(kinds=", ".join(kind_names())),
        )
    if chosen in NOT_IMPORTABLE:
        raise UsageError(
            _("A {kind} release cannot be imported: its figures or events are a list.").format(
                kind=chosen
            ),
            hint=_(
                "Import it as --kind rilis, or start it with humaskit new --kind {kind}."
            ).format(kind=chosen),
        )
    return chosen


def _fields(
    document: Source, result: ImportResult, root: Path, unit: str | None, kind: str
) -> tuple[dict[str, Any], str]:
    """The release's fields (in the order written) and its body, noting each guess."""
    blocks = list(document.blocks)
    where = Location(document.path)
    if not blocks:
        raise ReleaseError(
            _("The document is empty."),
            hint=_("Check that this is the right file, and that the text is not only images."),
            location=where,
        )
    title_at = find_title(blocks)
    if title_at is None:
        raise ReleaseError(
            _("The document has no title."),
            hint=_(
                "Put the title on the first line and make it bold (or give it the Heading 1 "
                "style in Word), then import again."
            ),
            location=where,
        )
    title = blocks[title_at].text
    # what stood above the title ("SIARAN PERS", a number) is not part of the text
    rest = [b for b in blocks[:title_at] if not is_letterhead(b)] + blocks[title_at + 1 :]
    guessed = result.guessed
    guessed.append(("title", title, _("the first heading or bold line")))
    fields: dict[str, Any] = {"title": title}
    if len(title) > LONG_TITLE:
        fields["card_title"] = CARD_TITLE_PLACEHOLDER
        result.to_fill.append("card_title")
    dateline = find_dateline(rest)
    day = _date(document, rest, dateline.date if dateline else None, result)
    fields["date"] = day
    chosen_unit, how = guess_unit(root, unit, [title, *(b.text for b in rest[:3])])
    fields["unit"] = chosen_unit
    if how:
        guessed.append(("unit", chosen_unit, how))
    fields["kind"] = kind
    if dateline is not None:
        if dateline.location:
            fields["location"] = dateline.location
            guessed.append(("location", dateline.location, _("the dateline")))
        rest = _without_dateline(rest, dateline.index, dateline.cut)
    if not rest:
        raise ReleaseError(
            _("The document has a title but no text."),
            hint=_("Write the release's text below the title, then import again."),
            location=where,
        )
    quote = find_quote(rest)
    if quote is not None:
        text = quote.text if quote.text[-1] in ".!?…" else quote.text + "."
        fields["quote"] = {"text": text, "by": quote.by}
        if quote.role:
            fields["quote"]["role"] = quote.role
        said = f"{text} ({quote.by})"
        guessed.append(("quote", said, _("the one quote in the text with its speaker")))
    elif kind == "kutipan":
        fields["quote"] = {"text": placeholder("kutipan"), "by": placeholder("nama")}
        result.to_fill.append("quote")
    for name, what in _KIND_PLACEHOLDERS.get(kind, {}).items():
        fields[name] = placeholder(what)
        result.to_fill.append(name)
    if kind == "aduan":
        fields["status"] = "diterima"
        guessed.append(("status", "diterima", _("the first status; change it as it moves on")))
    return fields, to_markdown(rest)


def _date(
    document: Source, rest: Sequence[Block], from_dateline: dt.date | None, result: ImportResult
) -> dt.date:
    found = [
        (from_dateline, _("the dateline")),
        (first_date(rest), _("the first date written in the text")),
        (_iso(document.created), _("the day the Word file was created")),
    ]
    for day, how in found:
        if day is not None:
            result.guessed.append(("date", day.isoformat(), how))
            return day
    today = dt.date.today()
    result.guessed.append(("date", today.isoformat(), _("today: the text names no date")))
    result.to_fill.append("date")
    return today


def _iso(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _without_dateline(blocks: list[Block], index: int, cut: int) -> list[Block]:
    block = blocks[index]
    markdown, text = cut_markdown(block.markdown, block.text, cut)
    if not text:
        return blocks[:index] + blocks[index + 1 :]
    return [*blocks[:index], block.with_text(markdown, text), *blocks[index + 1 :]]


def _free_stem(folder: Path, photos: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` …: the first taken by no release nor photo."""
    candidate, number = stem, 1
    while (folder / f"{candidate}.md").exists() or any(photos.glob(f"{candidate}-[0-9]*.*")):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def _release_text(fields: dict[str, Any], body: str, document: Source) -> bytes:
    name = document.path.name if document.path != STDIN else _("pasted text")
    note = _("Imported from {name} by humaskit import; fill in every [ISI: …].").format(name=name)
    head = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=4096)
    comment = "".join(f"# {line}\n" for line in note.splitlines())
    return f"---\n{comment}{head}---\n{body}\n".encode()


def _write(path: Path, release: bytes, photos: list[Path], document: Source) -> None:
    """Write the photos, then the release; on any failure remove what was written.

    Each photo is decoded once (small) after it is written, as render will, so that a damaged
    or oversized photo is refused now rather than by ``check``.
    """
    written: list[Path] = []
    try:
        for number, (target, picture) in enumerate(zip(photos, document.pictures, strict=True), 1):
            write_output(target, picture.data)
            written.append(target)
            _verify(target, number, document)
        write_output(path, release)
    except (HumaskitError, OSError, KeyboardInterrupt, MemoryError):
        for done in written:
            done.unlink(missing_ok=True)
        raise


def _verify(photo: Path, number: int, document: Source) -> None:
    try:
        open_photo(photo, need=(64, 64))
    except ImageError as exc:
        raise ImageError(
            _("Photo {number} of the document cannot be used: {problem}").format(
                number=number, problem=exc.message
            ),
            hint=exc.hint,
            location=Location(document.path),
        ) from None
