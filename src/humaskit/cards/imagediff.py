"""The pixel work of ``preview`` and ``compare``: image differences and specimen photos.

Besides :mod:`humaskit.cards.draw` and :mod:`humaskit.cards.imaging`, this is the only module
allowed to
import Pillow (see the per-file ruff exception in pyproject.toml): it keeps pixels out of
:mod:`humaskit.tools.preview` and :mod:`humaskit.tools.compare`.

The difference follows pixelmatch (the ``pixelmatch`` package, a port of mapbox/pixelmatch): a
pixel differs when the YIQ distance of its two colours passes a threshold, unless either side
looks like anti-aliasing. The colour distance of every pixel is computed in Pillow's C code;
pixelmatch's own anti-aliasing test then runs only on the few pixels that passed it, which keeps
a card of 1.4 million pixels within a fraction of a second instead of half a minute.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageMath
from pixelmatch import antialiased

from humaskit.cards.photofiles import MAX_DECODED_PIXELS
from humaskit.errors import ImageError, Location
from humaskit.files import write_output
from humaskit.i18n import _

__all__ = ["ImageDiff", "diff_images", "image_size", "make_specimen_photo"]

# 35215 is the largest squared YIQ distance two colours can have (black against white).
_MAX_YIQ_DELTA = 35215.0
_DIFF_RED = (230, 30, 30)
_AA_YELLOW = (250, 200, 0)
# How much of the base image shows, greyed, under the highlighted pixels.
_BACKGROUND_ALPHA = 0.15
_NONZERO = re.compile(rb"[^\x00]")
# compare reads humaskit's own outputs: only their formats are decoded, never anything else.
_OUTPUT_FORMATS = ("PNG", "JPEG", "WEBP")


@dataclass(frozen=True)
class ImageDiff:
    """How two images differ.

    Attributes:
        width: width of the base image.
        height: height of the base image.
        different: pixels that differ perceptually (anti-aliasing left out).
        antialiased: pixels whose colour changed only as anti-aliasing does.
        resized: the images do not have the same size (every pixel counts as different).
        estimated: ``different`` is an upper bound: once enough pixels were found to differ,
            the rest were not tested for anti-aliasing.
    """

    width: int
    height: int
    different: int
    antialiased: int = 0
    resized: bool = False
    estimated: bool = False

    @property
    def ratio(self) -> float:
        """The share of pixels that differ, 0 to 1."""
        total = self.width * self.height
        return 1.0 if self.resized else (self.different / total if total else 0.0)


def _cannot_read(path: Path, problem: object) -> ImageError:
    return ImageError(
        _("Cannot read the image {path}: {problem}.").format(path=path, problem=problem),
        hint=_("Render it again; the file may be truncated or not an image."),
        location=Location(path),
    )


def _open_output(path: Path) -> Image.Image:
    """An output image, header only: PNG, JPEG or WebP of at most MAX_DECODED_PIXELS."""
    image = Image.open(path, formats=_OUTPUT_FORMATS)
    if image.width * image.height > MAX_DECODED_PIXELS:
        image.close()
        raise _cannot_read(
            path,
            _("{width}×{height} pixels, more than the {limit} million an output can have").format(
                width=image.width, height=image.height, limit=MAX_DECODED_PIXELS // 1_000_000
            ),
        )
    return image


def _open_rgb(path: Path) -> Image.Image:
    try:
        with _open_output(path) as image:
            image.load()
            if image.mode in ("RGBA", "LA", "P", "PA"):
                # Like pixelmatch, see through transparency onto white.
                rgba = image.convert("RGBA")
                white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                return Image.alpha_composite(white, rgba).convert("RGB")
            return image.convert("RGB")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _cannot_read(path, exc) from None


def image_size(path: Path) -> tuple[int, int]:
    """The (width, height) of an image file, read from its header."""
    try:
        with Image.open(path, formats=_OUTPUT_FORMATS) as image:
            return image.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _cannot_read(path, exc) from None


def _over_threshold(base: Image.Image, new: Image.Image, max_delta: float) -> Image.Image:
    """255 where the squared YIQ distance of a pixel pair passes ``max_delta``, else 0."""
    r1, g1, b1 = (band.convert("F") for band in base.split())
    r2, g2, b2 = (band.convert("F") for band in new.split())

    def metric(a: dict[str, ImageMath._Operand]) -> ImageMath._Operand:
        dr, dg, db = a["r1"] - a["r2"], a["g1"] - a["g2"], a["b1"] - a["b2"]
        y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223
        i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189
        q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694
        delta = y * y * 0.5053 + i * i * 0.299 + q * q * 0.1957
        return (delta > max_delta) * 255

    result = ImageMath.lambda_eval(metric, r1=r1, g1=g1, b1=b1, r2=r2, g2=g2, b2=b2)
    assert isinstance(result, Image.Image)
    return result.convert("L")


def diff_images(
    base_path: Path,
    new_path: Path,
    diff_path: Path | None = None,
    *,
    color_threshold: float = 0.1,
    enough: int = 20_000,
) -> ImageDiff:
    """Compare two images pixel by pixel, ignoring anti-aliasing noise.

    Args:
        base_path: the image as it was.
        new_path: the image as it is now.
        diff_path: where to write a PNG with the base greyed out, differing pixels in red and
            anti-aliasing changes in yellow; nothing is written when ``None``. Images of
            different sizes get the new image, greyed out, with a red frame.
        color_threshold: how far two colours may be apart and still count as the same, 0 to 1
            (pixelmatch's ``threshold``; 0.1 by default, smaller is stricter).
        enough: once this many pixels are known to differ, the remaining candidates count as
            different without the (slow) anti-aliasing test; the result is then ``estimated``.
            Pass more than the caller's own limit, so that its verdict stays exact.

    Returns:
        The number of differing and anti-aliased pixels.

    Raises:
        ImageError: either file cannot be read as an image.
    """
    base = _open_rgb(base_path)
    new = _open_rgb(new_path)
    width, height = base.size
    if base.size != new.size:
        if diff_path is not None:
            frame = _greyed(new)
            ImageDraw.Draw(frame).rectangle(
                (0, 0, new.width - 1, new.height - 1), outline=_DIFF_RED, width=12
            )
            _save_png(frame, diff_path)
        return ImageDiff(width, height, width * height, resized=True)

    if ImageChops.difference(base, new).getbbox() is None:
        if diff_path is not None:
            _save_png(_greyed(base), diff_path)
        return ImageDiff(width, height, 0)

    max_delta = _MAX_YIQ_DELTA * color_threshold * color_threshold
    candidates = _over_threshold(base, new, max_delta)
    raw_base = base.convert("RGBA").tobytes()
    raw_new = new.convert("RGBA").tobytes()
    real = bytearray(width * height)
    soft = bytearray(width * height)
    different = aliased = 0
    estimated = False
    for match in _NONZERO.finditer(candidates.tobytes()):
        index = match.start()
        x, y = index % width, index // width
        if different >= enough:
            estimated = True
            real[index] = 255
            different += 1
        elif antialiased(raw_base, x, y, width, height, raw_new) or antialiased(
            raw_new, x, y, width, height, raw_base
        ):
            soft[index] = 255
            aliased += 1
        else:
            real[index] = 255
            different += 1
    if diff_path is not None:
        picture = _greyed(base)
        picture.paste(_AA_YELLOW, mask=Image.frombytes("L", base.size, bytes(soft)))
        picture.paste(_DIFF_RED, mask=Image.frombytes("L", base.size, bytes(real)))
        _save_png(picture, diff_path)
    return ImageDiff(width, height, different, aliased, estimated=estimated)


def _greyed(image: Image.Image) -> Image.Image:
    grey = image.convert("L").convert("RGB")
    white = Image.new("RGB", image.size, (255, 255, 255))
    return Image.blend(white, grey, _BACKGROUND_ALPHA)


def _save_png(image: Image.Image, path: Path) -> None:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    write_output(path, buffer.getvalue())


def make_specimen_photo(
    path: Path,
    size: tuple[int, int],
    *,
    seed: int,
    sky: tuple[str, str] = ("#8fc6e8", "#f3e3b5"),
    ground: tuple[str, ...] = ("#5c8a3c", "#46702e", "#2f5520"),
) -> None:
    """Paint a made-up landscape photo for the specimens: the same pixels for the same seed.

    Sky, sun, rolling hills, rice-field rows and a few standing figures: enough detail and
    contrast to test crops, focal points and text over a photo, and no real person or place.

    Args:
        path: where to write the PNG.
        size: its (width, height).
        seed: chooses hill shapes and figure positions.
        sky: top and horizon colours of the sky.
        ground: colours of the hills, back to front.
    """
    width, height = size
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, horizon = (_rgb(c) for c in sky)
    for row in range(height):
        t = row / max(1, height - 1)
        shade = tuple(round(a + (b - a) * t) for a, b in zip(top, horizon, strict=True))
        draw.line((0, row, width, row), fill=shade)
    sun_x, sun_y, sun_r = rng.uniform(0.2, 0.8) * width, 0.22 * height, 0.06 * min(size)
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill="#fff4d0")
    for layer, hill in enumerate(ground):
        base_y = height * (0.45 + 0.12 * layer)
        points = [(0.0, float(height))]
        steps = 12
        for step in range(steps + 1):
            x = width * step / steps
            points.append((x, base_y - rng.uniform(0, 0.08) * height))
        points.append((float(width), float(height)))
        draw.polygon(points, fill=hill)
    field_top = int(height * 0.78)
    for row in range(field_top, height, max(4, height // 60)):
        draw.line((0, row, width, row + height // 40), fill="#7aa84a", width=max(2, height // 200))
    figures = [
        (rng.uniform(0.8, 0.95) * height, rng.uniform(0.1, 0.9) * width)
        for _index in range(rng.randint(3, 6))
    ]
    for foot, x in sorted(figures):  # far ones first, so nearer ones stand in front
        tall = 0.16 * height
        draw.rectangle((x - tall * 0.12, foot - tall * 0.75, x + tall * 0.12, foot), fill="#23313f")
        draw.ellipse(
            (x - tall * 0.1, foot - tall, x + tall * 0.1, foot - tall * 0.78), fill="#c58b5a"
        )
    _save_png(image, path)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
