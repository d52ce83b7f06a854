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
