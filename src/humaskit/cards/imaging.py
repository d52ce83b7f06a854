"""Photos in and images out: safe decoding, orientation, colour, cropping and encoding.

Every photo goes through :func:`open_photo`, which refuses what cannot be trusted (corrupt files,
a wrong extension, decompression bombs) with an :class:`~humaskit.errors.ImageError` naming the
file, and turns whatever it accepts (CMYK, 16-bit, palette, alpha, a foreign ICC profile, EXIF
rotation) into plain 8-bit sRGB. Nothing of the photo's metadata survives into the output.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from humaskit.errors import ImageError, Location
from humaskit.i18n import _

__all__ = ["MAX_PIXELS", "Photo", "contain", "cover", "encode", "open_photo"]

# A 50 MP camera makes 50 million pixels; anything above 90 million is refused before decoding.
MAX_PIXELS = 90_000_000

# What each container should be called; a mismatch is refused, since it usually means a file was
# renamed by hand and something else is wrong with it too.
_EXTENSIONS = {
    "JPEG": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "PNG": {".png"},
    "WEBP": {".webp"},
    "HEIF": {".heic", ".heif", ".hif"},
    "AVIF": {".avif"},
}
_ROTATING = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_heif_registered = False


class Photo:
    """A decoded photo in 8-bit sRGB, with the size of the original file."""

    def __init__(self, image: Image.Image, path: Path, original: tuple[int, int]) -> None:
        self.image = image
        self.path = path
        self.original = original

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        from pillow_heif import register_heif_opener  # imported only when a HEIC file turns up

        register_heif_opener()
        _heif_registered = True


def _fail(path: Path, message: str, hint: str = "") -> ImageError:
    return ImageError(message, hint=hint, location=Location(file=path))


def open_photo(path: Path, *, need: tuple[int, int] | None = None) -> Photo:
    """Decode a photo once, at the smallest scale that still covers ``need``.

    Args:
        path: the photo file.
        need: the largest (width, height) any card will cover with it, upright. JPEGs are
            decoded at ½, ¼ or ⅛ scale when that still covers it; ``None`` decodes in full.

    Returns:
        The photo, upright, 8-bit sRGB RGB.

    Raises:
        ImageError: the file is missing, unreadable, corrupt, truncated, mislabelled or too big.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise _fail(path, _("Cannot read the photo: {error}.").format(error=exc.strerror)) from exc
    if head[4:8] == b"ftyp":
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(path)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise _fail(
            path,
            _("The photo is not an image humaskit can read."),
            _("Save it again as JPEG, PNG, WebP or HEIC."),
        ) from exc
    image: Image.Image = opened
    fmt = (opened.format or "").upper()
    if path.suffix.lower() not in _EXTENSIONS.get(fmt, {path.suffix.lower()}):
        image.close()
        raise _fail(
            path,
            _("The photo is a {format} file but is named {suffix}.").format(
                format=fmt, suffix=path.suffix
            ),
            _("Rename it with the right extension, or save it again in its own format."),
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise _fail(
            path,
            _("The photo is {width}×{height} pixels, more than humaskit accepts.").format(
                width=width, height=height
            ),
            _("Resize it to at most {mp} million pixels.").format(mp=MAX_PIXELS // 1_000_000),
        )
    try:
        orientation = image.getexif().get(0x0112, 1)
        if need is not None and fmt == "JPEG":
            need_w, need_h = need
            if orientation in _ROTATING:
                need_w, need_h = need_h, need_w
            scale = max(need_w / width, need_h / height)
            # Pillow picks the largest reduction that keeps the image at least this big.
            opened.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
        image.load()
        image = ImageOps.exif_transpose(image)
        image = _to_srgb(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _fail(
            path,
            _("The photo is damaged or cut off: {error}.").format(error=exc),
            _("Copy it again from the camera or export it again."),
        ) from exc
    original = (height, width) if orientation in _ROTATING else (width, height)
    return Photo(image, path, original)


def _to_srgb(image: Image.Image) -> Image.Image:
    """8-bit RGB in sRGB, whatever the file held; transparency is flattened onto white."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: scale to 8 bits rather than clipping everything above 255 to white.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        image = flat.convert("RGB")
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


def cover(image: Image.Image, size: tuple[int, int], focus: tuple[float, float]) -> Image.Image:
    """Scale and crop ``image`` to fill ``size``, keeping the focus point (0..1, 0..1) in frame."""
    width, height = size
    iw, ih = image.size
    scale = max(width / iw, height / ih)
    cw, ch = width / scale, height / scale
    fx = min(1.0, max(0.0, focus[0])) * iw
    fy = min(1.0, max(0.0, focus[1])) * ih
    x0 = max(0.0, min(fx - cw / 2, iw - cw))
    y0 = max(0.0, min(fy - ch / 2, ih - ch))
    return image.resize(
        (width, height), Image.Resampling.LANCZOS, box=(x0, y0, x0 + cw, y0 + ch), reducing_gap=3.0
    )


def contain(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale ``image`` to fit inside ``size``, keeping its proportions."""
    iw, ih = image.size
    scale = min(size[0] / iw, size[1] / ih)
    target = (max(1, round(iw * scale)), max(1, round(ih * scale)))
    return image.resize(target, Image.Resampling.LANCZOS)


# Fixed encoder settings keep the bytes identical from run to run. PNG level 3 costs about a
# quarter of level 6's time on photo pixels for files ~10 % larger; JPEG 4:4:4 keeps coloured
# text edges clean.
PNG_LEVEL = 3
JPEG_QUALITY = 90
WEBP_QUALITY = 90


def encode(image: Image.Image, fmt: str) -> tuple[bytes, str]:
    """Encode as ``png``, ``jpeg`` or ``webp`` with no metadata; returns the bytes and extension."""
    buffer = io.BytesIO()
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if fmt == "png":
        image.save(buffer, "PNG", compress_level=PNG_LEVEL)
        return buffer.getvalue(), "png"
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
        return buffer.getvalue(), "jpg"
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4, exact=False)
        return buffer.getvalue(), "webp"
    raise ValueError(fmt)


def load_logo(path: Path) -> Image.Image:
    """A logo as RGBA, transparency kept.

    Raises:
        ImageError: the file cannot be read as an image.
    """
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _fail(path, _("The logo is too large."), _("Use a PNG under 4000 px."))
            return image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _fail(
            path, _("The logo is not an image humaskit can read."), _("Use a transparent PNG.")
        ) from exc
