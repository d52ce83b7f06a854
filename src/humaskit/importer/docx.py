"""A Word (.docx) file read safely: checked as a zip first, then converted by mammoth.

A .docx is a zip of XML files. Before mammoth opens it, the zip is checked: it must be a zip
(a password-protected Word file is an OLE container instead, and an old .doc too), hold
``word/document.xml``, have at most :data:`MAX_ENTRIES` entries and at most
:data:`MAX_UNPACKED` bytes unpacked (Python's zip reader never reads an entry past its declared
size, so these declared sizes bound what is read: a zip bomb is refused unread), and at most
:data:`MAX_XML` bytes of XML, which mammoth holds as a DOM (expat refuses entity expansion
bombs). mammoth turns
the document into HTML (its Markdown output is deprecated), and hands over each embedded image,
which is kept in memory with its alt text and checked to be a photo format humaskit reads.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mammoth

from humaskit.cards.photofiles import accepted_text, sniff
from humaskit.errors import ImageError, Location, ReleaseError
from humaskit.i18n import _

MAX_DOCX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024
# mammoth reads the XML parts into a DOM, some tens of bytes per byte of XML: the text of even a
# long report is a few MB, so more is refused before parsing.
MAX_XML = 16 * 1024 * 1024
MAX_ENTRIES = 4000
MAX_IMAGES = 60
# The photo formats a release may use, by what sniff() calls them, with the extension written.
PHOTO_EXTENSIONS = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "WebP": ".webp",
    "GIF": ".gif",
    "HEIC": ".heic",
    "AVIF": ".avif",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CREATED = re.compile(rb"<dcterms:created[^>]*>\s*(\d{4}-\d{2}-\d{2})")
# Word's "Title" and "Subtitle" styles are headings for our purpose.
_STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => h2:fresh"


@dataclass(frozen=True)
class Picture:
    """An image embedded in the document: its bytes, format (``JPEG``…) and alt text."""

    data: bytes
    format: str
    alt: str | None

    @property
    def extension(self) -> str:
        return PHOTO_EXTENSIONS[self.format]


@dataclass(frozen=True)
class WordDocument:
    """What mammoth made of a .docx: its HTML, its pictures, the day it was created."""

    html: str
    pictures: tuple[Picture, ...]
    created: str | None


def _bad(source: Path, message: str, hint: str) -> ReleaseError:
    return ReleaseError(message, hint=hint, location=Location(source))


def _open_zip(source: Path, data: bytes) -> zipfile.ZipFile:
    if data.startswith(_OLE):
        raise _bad(
            source,
            _("The file is protected with a password, or is an old Word file (.doc)."),
            _(
                "Open it in Word, remove the password (File > Info > Protect Document) and save "
                "it as a Word document (.docx), then import that file."
            ),
        )
    if not data.startswith(b"PK"):
        raise _bad(
            source,
            _("The file is not a Word document (.docx)."),
            _("Save the document in Word as .docx, or paste its text into a .txt file."),
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _corrupt(source) from None
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise _bad(
            source,
            _(
                "The file unpacks to more than {limit} MB or {entries} parts; a press release "
                "is much smaller, so it is not opened."
            ).format(limit=MAX_UNPACKED // (1024 * 1024), entries=MAX_ENTRIES),
            _("Check that this is the right file, or save the document again in Word."),
        )
    if sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels"))) > MAX_XML:
        raise _bad(
            source,
            _("The text of the document is larger than {limit} MB; it is not opened.").format(
                limit=MAX_XML // (1024 * 1024)
            ),
            _("Check that this is the right file: a press release is a few pages long."),
        )
    if any(e.flag_bits & 0x1 for e in entries):
        raise _bad(
            source,
            _("The file is protected with a password."),
            _("Open it in Word, remove the password and save it again, then import it."),
        )
    if "word/document.xml" not in archive.namelist():
        raise _bad(
            source,
            _("The file is a zip, but not a Word document (.docx)."),
            _("Save the document in Word as .docx, or paste its text into a .txt file."),
        )
    return archive


def _corrupt(source: Path) -> ReleaseError:
    return _bad(
        source,
        _("The Word document is damaged and cannot be read."),
        _("Open it in Word and save it again (File > Save As > Word Document), then import it."),
    )


def _created(archive: zipfile.ZipFile) -> str | None:
    try:
        with archive.open("docProps/core.xml") as handle:
            head = handle.read(64 * 1024)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    found = _CREATED.search(head)
    return found.group(1).decode("ascii") if found else None


def _image_reader(source: Path, pictures: list[Picture]) -> Callable[[Any], dict[str, str]]:
    def convert(image: Any) -> dict[str, str]:
        number = len(pictures) + 1
        if number > MAX_IMAGES:
            raise _bad(
                source,
                _("The document holds more than {count} images.").format(count=MAX_IMAGES),
                _("Keep the photos for this release only, then import it again."),
            )
        with image.open() as handle:
            data = handle.read(MAX_DOCX_BYTES + 1)
        kind = sniff(data[:16]) or str(image.content_type or "").removeprefix("image/").upper()
        if kind not in PHOTO_EXTENSIONS:
            raise ImageError(
                _(
                    "Image {number} in the document is in a format humaskit cannot use ({format})."
                ).format(number=number, format=kind or _("unknown format")),
                hint=_(
                    "In Word, replace it with the photo saved as {formats}, or delete it; "
                    "then import the document again."
                ).format(formats=accepted_text()),
                location=Location(source),
            )
        alt = " ".join(str(image.alt_text or "").split()) or None
        pictures.append(Picture(data, kind, alt))
        return {"src": f"image-{number}"}

    return convert


def read_docx(source: Path, data: bytes) -> WordDocument:
    """The HTML, pictures and creation day of the .docx ``data`` read from ``source``.

    Raises:
        ReleaseError: not a .docx, password-protected, damaged, or too large unpacked.
        ImageError: an embedded image is in a format humaskit cannot use.
    """
    archive = _open_zip(source, data)
    created = _created(archive)
    pictures: list[Picture] = []
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            convert_image=mammoth.images.img_element(_image_reader(source, pictures)),
        )
    except (ReleaseError, ImageError):
        raise
    except Exception:  # mammoth on a damaged file fails in many ways; each means "damaged"
        raise _corrupt(source) from None
    return WordDocument(str(result.value), tuple(pictures), created)
