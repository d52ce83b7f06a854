"""Photos in and images out: safe decoding, orientation, colour, cropping and encoding.

Every photo goes through :func:`open_photo`, and every logo through :func:`load_logo`, which
run only the decoders :mod:`humaskit.cards.photofiles` allows and refuse what cannot be trusted
(another format, corrupt files, a wrong extension, more pixels than its format's bound) with an
:class:`~humaskit.errors.ImageError` naming the file and the field. A photo is turned, whatever it
held (CMYK, 16-bit, palette, alpha, a foreign ICC profile, EXIF rotation), into plain 8-bit sRGB;
nothing of its metadata survives into the output.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from humaskit.cards.photofiles import (
    DECODERS,
    DRAFTED,
    EXTENSIONS,
    HEIF_DECODER,
    MAX_DECODED_PIXELS,
    MAX_PIXELS,
    ImageSource,
    pixel_limit,
)
from humaskit.cards.png import png_file
from humaskit.errors import Location
from humaskit.layout.geometry import CENTRE, Point, cover_crop

__all__ = [
    "MAX_DECODED_PIXELS",
    "MAX_PIXELS",
    "Photo",
    "contain",
    "cover",
    "encode",
    "fitted_logo",
    "load_logo",
    "open_photo",
]

_ROTATING = {5, 6, 7, 8}  # EXIF orientations that swap width and height
# Modes Image.reduce works on directly; others are converted first (P, 1, I;16 …).
_REDUCIBLE = {"L", "LA", "RGB", "RGBA", "RGBX", "CMYK", "I", "F", "La", "RGBa", "YCbCr"}
_heif_loaded: bool | None = None


class Photo:
    """A decoded photo in 8-bit sRGB, with the size of the original file."""

    def __init__(self, image: Image.Image, path: Path, original: tuple[int, int]) -> None:
        self.image = image
        self.path = path
        self.original = original

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def _heif_available() -> bool:
    """Registers pillow-heif's decoder on first use; ``False`` when it cannot be loaded."""
    global _heif_loaded
    if _heif_loaded is None:
        try:
            from pillow_heif import register_heif_opener  # imported only when a HEIC turns up
        except ImportError:
            _heif_loaded = False
        else:
            register_heif_opener()
            _heif_loaded = True
    return _heif_loaded


# The Pillow plugin module of each allowed decoder. Importing just these instead of calling
# `Image.init()` (which imports all ~40 of Pillow's plugins) saves a process ≈ 50 ms.
_PLUGINS = {"JPEG": "Jpeg", "PNG": "Png", "WEBP": "WebP", "GIF": "Gif", "AVIF": "Avif"}


def register_decoders(names: tuple[str, ...] = DECODERS) -> None:
    """Import the Pillow plugins of the allowed decoders ``names`` (once)."""
    for name in names:
        if name not in Image.OPEN:
            with contextlib.suppress(ImportError):  # a Pillow built without that codec
                importlib.import_module(f"PIL.{_PLUGINS.get(name, name.title())}ImagePlugin")


# The signature a PNG or JPEG file starts with (a logo, a camera's photo: nearly every file):
# only its decoder is imported and tried. Any other start tries every allowed decoder.
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"))


def _decoders(head: bytes) -> list[str]:
    """The Pillow decoders allowed for a file starting with ``head``, in Pillow's order."""
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            register_decoders((name,))
            if name in Image.OPEN:  # (else a Pillow without it: try every decoder, as below)
                return [name]
    register_decoders()
    allowed = [name for name in DECODERS if name in Image.OPEN]
    if head[4:8] == b"ftyp" and _heif_available() and HEIF_DECODER in Image.OPEN:
        allowed.append(HEIF_DECODER)
    return allowed


def _open(source: ImageSource) -> ImageFile.ImageFile:
    """Open (header only) with the allowed decoders; refuse a type, name or size humaskit
    does not take. Nothing is decoded yet."""
    path = source.path
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
        with warnings.catch_warnings():
            # Pillow's own bomb warning is noise: the checks below are stricter.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(path, formats=_decoders(head))
    except UnidentifiedImageError as exc:
        raise source.unidentified(head, heif=_heif_available()) from exc
    except Image.DecompressionBombError as exc:
        # Pillow refuses it before telling the size: state what it is above.
        raise source.claims_too_much(head, 2 * (Image.MAX_IMAGE_PIXELS or MAX_PIXELS)) from exc
    except OSError as exc:
        if exc.errno is None:  # a decoder's complaint about the header, not the file system
            raise source.damaged(exc) from exc
        raise source.unreadable(exc) from exc
    except (SyntaxError, ValueError) as exc:
        raise source.damaged(exc) from exc
    fmt = (opened.format or "").upper()
    if path.suffix.lower() not in EXTENSIONS.get(fmt, ()):
        opened.close()
        raise source.mislabelled(fmt)
    width, height = opened.size
    progressive = bool(opened.info.get("progressive") or opened.info.get("progression"))
    limit = pixel_limit(fmt, progressive=progressive)
    if width * height > limit:
        opened.close()
        raise source.too_large(fmt, (width, height), limit, progressive=progressive)
    return opened


def _decode(opened: ImageFile.ImageFile, source: ImageSource, need: tuple[int, int] | None) -> None:
    """Decode ``opened`` in place, a JPEG at the smallest draft scale that still covers ``need``
    (given upright), refusing one that would still decode to too many pixels."""
    fmt = (opened.format or "").upper()
    if fmt in DRAFTED:
        width, height = opened.size
        if need is not None:
            need_w, need_h = need
            if opened.getexif().get(0x0112, 1) in _ROTATING:
                need_w, need_h = need_h, need_w
            scale = max(need_w / width, need_h / height)
            # Pillow picks the largest reduction that keeps the image at least this big.
            opened.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
        if opened.width * opened.height > MAX_DECODED_PIXELS:
            raise source.too_large(fmt, (width, height), MAX_DECODED_PIXELS)
    try:
        opened.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise source.damaged(exc) from exc


def _reduced(image: Image.Image, need: tuple[int, int] | None) -> Image.Image:
    """``image`` shrunk by a whole factor while it stays at least ``need``: the conversions
    after decoding then work on the smaller copy (what draft mode does for JPEG)."""
    if need is None:
        return image
    factor = min(image.width // max(1, need[0]), image.height // max(1, need[1]))
    if factor < 2:
        return image
    if image.mode not in _REDUCIBLE:
        image = image.convert("I" if image.mode.startswith("I;16") else "RGBA")
    return image.reduce(factor)


def open_photo(path: Path, *, need: tuple[int, int] | None = None, field: str = "image") -> Photo:
    """Decode a photo once, at the smallest scale that still covers ``need``.

    Only JPEG (also MPO), PNG, WebP, GIF (its first frame), AVIF and HEIC are decoded, and only
    when the extension matches. A JPEG of up to :data:`MAX_PIXELS` is decoded at ½, ¼ or ⅛
    scale when that still covers ``need``; anything that would decode to more than
    :data:`MAX_DECODED_PIXELS` is refused from its header.

    Args:
        path: the photo file.
        need: the largest (width, height) any card will cover with it, upright; ``None`` decodes
            in full.
        field: the release field naming the photo (``image``, ``image_before`` …), for messages.

    Returns:
        The photo, upright, 8-bit sRGB RGB.

    Raises:
        ImageError: the file is missing, unreadable, corrupt, truncated, of a format humaskit does
            not read, mislabelled or too big.
    """
    source = ImageSource(path, field)
    opened = _open(source)
    width, height = opened.size
    try:
        with opened:  # closes the file; the pixels stay
            orientation = opened.getexif().get(0x0112, 1)  # a PNG's may come after its pixels
            _decode(opened, source, need)
        if opened.getexif().get(0x0112, 1) != 1:  # an upright photo is not copied
            ImageOps.exif_transpose(opened, in_place=True)
        image = _reduced(opened, need)
        if image is not opened:
            opened.close()  # frees the full-size pixels before the colour work
        image = _resampled(_to_srgb(image), need)
    except (OSError, SyntaxError, ValueError) as exc:
        raise source.damaged(exc) from exc
    original = (height, width) if orientation in _ROTATING else (width, height)
    return Photo(image, path, original)


# A decoded photo more than this much larger than the largest card needs is resampled once to
# that card's scale, so that every card's cover-crop resamples a small image, not 12 MP.
_RESAMPLE_ABOVE = 1.25


def _resampled(image: Image.Image, need: tuple[int, int] | None) -> Image.Image:
    """``image`` scaled down (LANCZOS) to the smallest size that still covers ``need``."""
    if need is None:
        return image
    scale = max(need[0] / image.width, need[1] / image.height)
    if scale * _RESAMPLE_ABOVE > 1:
        return image
    size = (math.ceil(image.width * scale), math.ceil(image.height * scale))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(image: Image.Image) -> Image.Image:
    """8-bit RGB in sRGB, whatever the file held; transparency is flattened onto white."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: scale to 8 bits rather than clipping everything above 255 to white.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image if image.mode == "RGBA" else image.convert("RGBA")
        flat = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
        del rgba
        image = flat.convert("RGB")
        del flat
    if icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to the plain conversion below
    if image.mode != "RGB":
        image = image.convert("RGB")
    image.info.clear()
    return image


def cover(
    image: Image.Image, size: tuple[int, int], focus: Point, at: Point = CENTRE
) -> Image.Image:
    """``image`` scaled and cropped to fill ``size``, its focus point at ``at`` (cover_crop)."""
    box = cover_crop(image.size, size, focus, at)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def contain(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale ``image`` to fit inside ``size``, keeping its proportions."""
    iw, ih = image.size
    scale = min(size[0] / iw, size[1] / ih)
    target = (max(1, round(iw * scale)), max(1, round(ih * scale)))
    return image.resize(target, Image.Resampling.LANCZOS)


# Fixed encoder settings keep the bytes identical from run to run. JPEG 4:4:4 keeps coloured
# text edges clean. PNG: see `cards.png`.
JPEG_QUALITY = 90
WEBP_QUALITY = 90


def _unfiltered_rows(image: Image.Image, stride: int) -> bytearray:
    """The rows, each after a filter byte 0, as PNG's IDAT holds them: Pillow's raw packer
    writes each row of ``stride`` bytes and one zero byte of padding, in one call (moved one
    byte on, the padding is the next row's filter byte). ``Image.tobytes`` packs in 64 KiB
    pieces, ten times as long (issue 14: ≈ 3.5 of a 1200×630 card's 4.7 ms of PNG encoding)."""
    width, height = image.size
    rows = bytearray(height * (stride + 1))
    packer = Image._getencoder(image.mode, "raw", (image.mode, stride + 1))
    try:
        packer.setimage(image.im, (0, 0, width, height))
        _consumed, status, packed = packer.encode(len(rows))
    finally:
        packer.cleanup()
    if status <= 0 or len(packed) != len(rows):  # Pillow (pinned) packs it all in one call
        raise RuntimeError(f"raw packer: status {status}, {len(packed)} of {len(rows)} bytes")
    rows[1:] = memoryview(packed)[:-1]
    return rows


def encode(image: Image.Image, fmt: str) -> tuple[bytes, str]:
    """Encode as ``png``, ``jpeg`` or ``webp`` with no metadata; returns the bytes and extension."""
    buffer = io.BytesIO()
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if fmt == "png":
        rows = _unfiltered_rows(image, image.width * len(image.getbands()))
        return png_file(rows, image.width, image.height, image.mode), "png"
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
        return buffer.getvalue(), "jpg"
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4, exact=False)
        return buffer.getvalue(), "webp"
    raise ValueError(fmt)


def load_logo(
    path: Path, *, need: tuple[int, int] | None = None, where: Location | None = None
) -> Image.Image:
    """A logo as RGBA, transparency kept, decoded with the same allow-list and bounds as photos.

    Args:
        path: the logo file.
        need: the largest (width, height) a card will show it at; a logo at least twice that is
            shrunk by a whole factor right after decoding.
        where: the brand kit file, field and line naming the logo, for messages.

    Raises:
        ImageError: the file is unreadable, corrupt, of a format humaskit does not read,
            mislabelled or too big.
    """
    source = ImageSource(path, "logo", where)
    opened = _open(source)
    with opened:
        _decode(opened, source, need)
    try:
        return _reduced(opened, need).convert("RGBA")
    except (OSError, SyntaxError, ValueError) as exc:
        raise source.damaged(exc) from exc


# Decoded logos, and logos fitted to a box, shared by the renderers of a process: every card of
# a unit shows the same logo at a few sizes. Keyed by the logo file's path, size and modification
# time (an edited logo is read again); past the bound the oldest entry goes first, so a batch of
# hundreds of units keeps only the last few.
_LOGOS_MAX = 8
_FITTED_MAX = 64
_logos: dict[tuple[object, ...], Image.Image] = {}
_fitted_logos: dict[tuple[object, ...], Image.Image] = {}


def _remember(
    cache: dict[tuple[object, ...], Image.Image], key: tuple[object, ...], value: Image.Image
) -> None:
    if len(cache) >= (_LOGOS_MAX if cache is _logos else _FITTED_MAX):
        del cache[next(iter(cache))]
    cache[key] = value


def fitted_logo(
    path: Path,
    need: tuple[int, int],
    box: tuple[int, int],
    fit: str,
    focus: tuple[float, float],
    where: Location | None = None,
) -> Image.Image:
    """The logo ``path`` (decoded for cards up to ``need``) fitted to ``box``: scaled inside it
    (``fit="contain"``) or cover-cropped around ``focus``; decoded and fitted once per process.

    Raises:
        ImageError: as :func:`load_logo`.
    """
    try:
        stat = path.stat()
        version: tuple[int, int] = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        version = (-1, -1)  # load_logo says what is wrong
    key = (str(path), *version, need)
    fitted_key = (*key, fit, None if fit == "contain" else focus, box)
    fitted = _fitted_logos.get(fitted_key)
    if fitted is None:
        logo = _logos.get(key)
        if logo is None:
            logo = load_logo(path, need=need, where=where)
            _remember(_logos, key, logo)
        fitted = contain(logo, box) if fit == "contain" else cover(logo, box, focus)
        _remember(_fitted_logos, fitted_key, fitted)
    return fitted
