"""Reading what is imported: a .docx, a .txt file or pasted text, into blocks and photos.

:func:`read_source` refuses what cannot be a release's text (a folder, a huge file, a PDF, a
text that is not UTF-8) with a message naming the file and what to do, and returns a
:class:`Source`: the blocks, the photos (bytes in memory, nothing written yet) and what the
document says about its own date.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from humaskit.cards.photofiles import sniff
from humaskit.errors import ImageError, Location, ReleaseError
from humaskit.i18n import _
from humaskit.importer.blocks import Block
from humaskit.importer.docx import MAX_DOCX_BYTES, PHOTO_EXTENSIONS, Picture, read_docx
from humaskit.importer.html import read_html
from humaskit.importer.whatsapp import read_whatsapp
from humaskit.model.release_file import not_a_file
from humaskit.model.workspace import is_within

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024
STDIN = Path("-")


@dataclass(frozen=True)
class Source:
    """An imported document: its blocks, photos, and the day its file was created, if known."""

    path: Path
    blocks: tuple[Block, ...]
    pictures: tuple[Picture, ...]
    created: str | None
    is_word: bool


def _read_bytes(path: Path, limit: int) -> bytes:
    problem = not_a_file(path)
    if problem is not None:
        raise problem
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReleaseError(
            _("The file is larger than {limit} MB; a press release is much smaller.").format(
                limit=limit // (1024 * 1024)
            ),
            hint=_("Check that this is the right file."),
            location=Location(path),
        )
    return data


def _decode(data: bytes, where: Path) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReleaseError(
            _("The text is not plain UTF-8 text (line {line}).").format(line=line),
            hint=_(
                "Paste the text into a new note and save it as .txt with UTF-8 encoding, or "
                "import the Word file itself."
            ),
            location=Location(where, line=line),
        ) from None
    if "\x00" in text:
        raise ReleaseError(
            _("The file is not text."),
            hint=_("Import a Word document (.docx) or a text file (.txt)."),
            location=Location(where),
        )
    return text


def _attachment(folder: Path, name: str, where: Path) -> Picture:
    path = folder / name
    if Path(name).name != name or name.startswith(".") or not is_within(path, folder):
        raise ImageError(
            _("The attachment name {name!r} points outside the folder of the text.").format(
                name=name
            ),
            hint=_("Write the attachment's file name only, without folders."),
            location=Location(where),
        )
    if not path.is_file():
        raise ImageError(
            _("The text names the attachment {name}, but it is not next to the text.").format(
                name=name
            ),
            hint=_(
                "Save the photo from WhatsApp into {folder} under that name, or delete that "
                "line; then import again."
            ).format(folder=folder),
            location=Location(where),
        )
    data = _read_bytes(path, MAX_ATTACHMENT_BYTES)
    kind = sniff(data[:16])
    if kind not in PHOTO_EXTENSIONS:
        raise ImageError(
            _("The attachment {name} is not a photo humaskit can use ({format}).").format(
                name=name, format=kind or _("unknown format")
            ),
            hint=_("Send the photo as JPEG or PNG, or delete that line; then import again."),
            location=Location(path),
        )
    return Picture(data, kind, None)


def read_source(source: Path, text: str | None = None) -> Source:
    """The blocks and photos of ``source`` (a .docx or text file), or of ``text`` if given.

    Raises:
        UsageError: ``source`` does not exist or is not an ordinary file.
        ReleaseError: the file is not a .docx nor text, is damaged, protected or too large.
        ImageError: a photo in it, or an attachment it names, cannot be used.
    """
    if text is None:
        is_word = source.suffix.lower() in (".docx", ".docm", ".doc")
        data = _read_bytes(source, MAX_DOCX_BYTES if is_word else MAX_TEXT_BYTES)
        if is_word or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            document = read_docx(source, data)
            blocks, _images = read_html(document.html)
            return Source(source, tuple(blocks), document.pictures, document.created, True)
        if source.suffix.lower() not in (".txt", ".text", "") or data.startswith(b"%PDF"):
            raise ReleaseError(
                _("humaskit cannot import this kind of file."),
                hint=_("Import a Word document (.docx) or a text file (.txt)."),
                location=Location(source),
            )
        text = _decode(data, source)
    elif len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ReleaseError(
            _("The text is longer than {limit} MB; a press release is much shorter.").format(
                limit=MAX_TEXT_BYTES // (1024 * 1024)
            ),
            hint=_("Check that this is the right text."),
            location=Location(source),
        )
    chat = read_whatsapp(text)
    folder = (source if source != STDIN else Path.cwd() / "x").absolute().parent
    pictures = tuple(_attachment(folder, name, source) for name in chat.attachments)
    return Source(source, chat.blocks, pictures, None, False)
