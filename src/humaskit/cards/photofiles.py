"""Which image files humaskit decodes, and the words for the ones it refuses. No Pillow here.

Photos and logos are decoded only by an allow-list of Pillow's decoders (:data:`DECODERS`):
everything else Pillow could open (TIFF, BMP, ICO, PSD, EPS, which runs Ghostscript, …) is
refused before any decoder of it runs, whatever the file is called. :func:`sniff` names what such
a file seems to be from its first bytes, so the message can say so.

The bounds (README, "Keandalan dan keamanan"), checked on the header before any pixel is
decoded (:func:`pixel_limit`): a baseline JPEG may claim up to :data:`MAX_PIXELS`, since it is
decoded at ½, ¼ or ⅛ scale when that still covers the largest card, and what it decodes to may be
at most :data:`MAX_DECODED_PIXELS`; a progressive JPEG, PNG, GIF, AVIF and HEIC at most
:data:`MAX_DECODED_PIXELS`; WebP at most :data:`MAX_WEBP_PIXELS`. Under these bounds a render of
any accepted photo stays within 1 GiB of address space (``tests/test_photo_bounds.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from humaskit.errors import ImageError, Location
from humaskit.files import describe_os_error
from humaskit.i18n import _

__all__ = [
    "ACCEPTED",
    "DECODERS",
    "DRAFTED",
    "EXTENSIONS",
    "HEIF_DECODER",
    "MAX_DECODED_PIXELS",
    "MAX_PIXELS",
    "MAX_WEBP_PIXELS",
    "ImageSource",
    "accepted_text",
    "pixel_limit",
    "sniff",
]

# A 50 MP camera makes 50 million pixels. A baseline JPEG claiming up to 90 million is decoded
# reduced (draft mode: a few rows at a time, at ½, ¼ or ⅛ scale), so it costs little memory.
MAX_PIXELS = 90_000_000
# The most pixels decoded whole: every other format, and a progressive JPEG (whose decoder keeps
# every coefficient of the full image, 8 bytes a pixel for CMYK). 50 MP of RGBA is 200 MB.
MAX_DECODED_PIXELS = 50_000_000
# WebP's decoder needs about 16 bytes a pixel while it works (measured): a quarter of the bytes.
MAX_WEBP_PIXELS = 25_000_000

# Pillow decoder ids humaskit lets run, in the order Pillow tries them. A phone JPEG holding a
# second picture (MPO) is read by the JPEG decoder; HEIF comes from pillow-heif when installed.
DECODERS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")
HEIF_DECODER = "HEIF"
_JPEG_NAMES = (".jpg", ".jpeg", ".jpe", ".jfif")
# The extensions each accepted container may have: a mismatch is refused, since it usually means a
# file was renamed by hand and something else is wrong with it too.
EXTENSIONS: Mapping[str, tuple[str, ...]] = {
    "JPEG": _JPEG_NAMES,
    "MPO": _JPEG_NAMES,
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "HEIF": (".heic", ".heif", ".hif"),
    "AVIF": (".avif",),
}
# The names people know the accepted formats by, for messages.
ACCEPTED = ("JPEG", "PNG", "WebP", "GIF", "HEIC", "AVIF")
# Formats decoded reduced (draft mode) instead of whole.
DRAFTED = frozenset({"JPEG", "MPO"})

# First bytes of the formats people most often send instead (only to name them in a message).
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"BM", 0, "BMP"),
    (b"\x00\x00\x01\x00", 0, "ICO"),
    (b"\x00\x00\x02\x00", 0, "CUR"),
    (b"%!PS", 0, "PostScript/EPS"),
    (b"\xc5\xd0\xd3\xc6", 0, "EPS"),
    (b"%PDF", 0, "PDF"),
    (b"8BPS", 0, "Photoshop (PSD)"),
    (b"\x00\x00\x00\x0cjP  ", 0, "JPEG 2000"),
    (b"\xffO\xffQ", 0, "JPEG 2000"),
    (b"qoif", 0, "QOI"),
    (b"DDS ", 0, "DDS"),
    (b"icns", 0, "ICNS"),
    (b"<svg", 0, "SVG"),
    (b"<?xml", 0, "XML/SVG"),
    (b"PK\x03\x04", 0, "ZIP"),
    (b"\x89PNG", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"GIF8", 0, "GIF"),
    (b"WEBP", 8, "WebP"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


def sniff(head: bytes) -> str | None:
    """What a file seems to be from its first 16 bytes (``"TIFF"``, ``"HEIC"`` …), or ``None``."""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        return "HEIC" if brand in _HEIF_BRANDS else None
    for magic, offset, name in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return name
    return None


def accepted_text(names: Iterable[str] = ACCEPTED) -> str:
    """``JPEG, PNG, WebP, GIF, HEIC atau AVIF``: the accepted formats, for a message."""
    names = list(names)
    return _("{names} or {last}").format(names=", ".join(names[:-1]), last=names[-1])


def pixel_limit(fmt: str, *, progressive: bool = False) -> int:
    """The most pixels an image of Pillow format ``fmt`` may claim in its header."""
    if fmt in DRAFTED:
        return MAX_DECODED_PIXELS if progressive else MAX_PIXELS
    return MAX_WEBP_PIXELS if fmt == "WEBP" else MAX_DECODED_PIXELS


# What sniff() calls an accepted format → Pillow's name of it.
_SNIFFED_FORMATS = {
    **{name: name for name in ("JPEG", "PNG", "GIF", "AVIF")},
    **{"WebP": "WEBP", "HEIC": "HEIF"},
}


def _resize_hint(limit: int) -> str:
    return _("Resize it to at most {mp} million pixels.").format(mp=limit // 1_000_000)


def _save_again() -> str:
    return _("Save it again as JPEG or PNG, with the matching extension (.jpg, .png).")


class ImageSource:
    """An image file being read, and the errors refusing it: each names the file and the field
    (``image``, ``image_before``, ``logos.main`` …) and says how to fix it.

    Args:
        path: the image file.
        field: the field naming it, when ``where`` does not say.
        where: where the file is named (a brand kit file, field and line); by default the image
            file itself with ``field``.
    """

    def __init__(self, path: Path, field: str, where: Location | None = None) -> None:
        self.path = path
        self.field = where.field if where is not None and where.field else field
        self.location = where or Location(file=path, field=field)

    def _fail(self, message: str, hint: str, **values: object) -> ImageError:
        words = message.format(name=self.path.name, field=self.field, **values)
        return ImageError(words, hint=hint, location=self.location)

    def unidentified(self, head: bytes, *, heif: bool) -> ImageError:
        """No allowed decoder took the file that starts with ``head``."""
        kind = sniff(head)
        if kind == "HEIC" and not heif:
            return self._fail(
                _(
                    "The image {name!r} in field {field!r} is a HEIC file, but the HEIC "
                    "reader (pillow-heif) is not installed."
                ),
                _("Install pillow-heif, or save the photo again as JPEG."),
            )
        if kind is not None and kind not in ACCEPTED:
            return self._fail(
                _(
                    "The image {name!r} in field {field!r} is a {kind} file; humaskit "
                    "reads only {accepted}."
                ),
                _save_again(),
                kind=kind,
                accepted=accepted_text(),
            )
        if kind is not None:  # an accepted format whose header is broken
            return self.damaged(ValueError(_("the header cannot be read")))
        return self._fail(
            _(
                "The file {name!r} in field {field!r} is not an image humaskit can read "
                "(it reads {accepted})."
            ),
            _save_again(),
            accepted=accepted_text(),
        )

    def claims_too_much(self, head: bytes, claimed: int) -> ImageError:
        """Pillow refused the header as a decompression bomb (more than ``claimed`` pixels)."""
        fmt = _SNIFFED_FORMATS.get(sniff(head) or "", "")
        limit = pixel_limit(fmt)
        return self._fail(
            _(
                "The image {name!r} in field {field!r} claims more than {claimed} million "
                "pixels; humaskit reads at most {limit} million pixels of a {format} image."
            ),
            _resize_hint(limit),
            claimed=claimed // 1_000_000,
            limit=limit // 1_000_000,
            format=fmt or "?",
        )

    def unreadable(self, exc: OSError) -> ImageError:
        """The file system would not open the file (a name too long, no permission …)."""
        return self._fail(
            _("Cannot read the image {name!r} in field {field!r}: {problem}."),
            _("Check the file name in the field and that the file can be opened."),
            problem=describe_os_error(exc),
        )

    def mislabelled(self, fmt: str) -> ImageError:
        """An accepted format under another format's extension."""
        return self._fail(
            _("The image {name!r} in field {field!r} is a {format} file but is named {suffix}."),
            _("Rename it with the right extension, or save it again in its own format."),
            format=fmt,
            suffix=self.path.suffix or "''",
        )

    def too_large(
        self, fmt: str, size: tuple[int, int], limit: int, *, progressive: bool = False
    ) -> ImageError:
        """More pixels than ``limit`` for its format."""
        label = _("progressive JPEG") if progressive and fmt in DRAFTED else fmt
        return self._fail(
            _(
                "The image {name!r} in field {field!r} is {width}×{height} pixels; humaskit "
                "reads at most {limit} million pixels of a {format} image."
            ),
            _resize_hint(limit),
            width=size[0],
            height=size[1],
            limit=limit // 1_000_000,
            format=label,
        )

    def damaged(self, exc: BaseException) -> ImageError:
        """The decoder failed on the file's contents."""
        return self._fail(
            _("The image {name!r} in field {field!r} is damaged or cut off: {error}."),
            _("Copy it again from the camera or export it again."),
            error=exc,
        )
