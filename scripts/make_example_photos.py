"""Generate the photo-like example images in ``examples/foto/``.

The example workspace needs photos, but nothing may be downloaded or copied into the project, so
this script paints simple procedural scenes (a meeting room, a posyandu, a village road, a training
room, a portrait silhouette, a road with potholes before and after its repair) and adds light
falloff, blur and film grain so that they behave like photographs: they compress like photos,
and they carry the EXIF metadata that humaskit has to respect (Orientation) or strip (GPS, camera
make and model).

The output is deterministic: every scene draws from its own ``random.Random`` with a fixed seed, so
running the script again reproduces the same pictures (given the same Pillow and libjpeg).

Usage (from the repository root)::

    python scripts/make_example_photos.py            # writes examples/foto/*.jpg
    python scripts/make_example_photos.py --out DIR  # somewhere else

The images are CC0: made by this script, free of any third-party material.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter

SEED = 20240507
JPEG_QUALITY = 85

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]

SKIN: Sequence[RGB] = ((176, 124, 92), (150, 102, 72), (196, 148, 112), (132, 90, 64))
SHIRTS: Sequence[RGB] = (
    (238, 236, 228),  # white shirt
    (126, 96, 60),  # khaki civil-servant uniform
    (40, 64, 110),  # navy
    (150, 40, 46),  # maroon batik
    (60, 110, 90),  # green
    (196, 164, 92),  # ochre batik
    (90, 90, 96),  # grey
)
HIJABS: Sequence[RGB] = (
    (30, 36, 60),
    (176, 120, 140),
    (92, 120, 150),
    (200, 190, 170),
    (120, 40, 60),
)


# --------------------------------------------------------------------------- helpers


def lerp(a: float, b: float, t: float) -> float:
    """Linear interpolation between ``a`` and ``b``."""
    return a + (b - a) * t


def mix(c1: RGB, c2: RGB, t: float) -> RGB:
    """Blend two colours; ``t`` = 0 gives ``c1``."""
    return (
        round(lerp(c1[0], c2[0], t)),
        round(lerp(c1[1], c2[1], t)),
        round(lerp(c1[2], c2[2], t)),
    )


def shade(c: RGB, factor: float) -> RGB:
    """Darken (factor < 1) or lighten (factor > 1) a colour, clipped to 0..255."""
    return (
        min(255, round(c[0] * factor)),
        min(255, round(c[1] * factor)),
        min(255, round(c[2] * factor)),
    )


def vertical_gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]]) -> Image.Image:
    """Return an RGB image running through ``stops`` (position 0..1, colour) from top to bottom."""
    width, height = size
    column: list[RGB] = []
    for y in range(height):
        t = y / max(1, height - 1)
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if p0 <= t <= p1:
                column.append(mix(c0, c1, (t - p0) / max(1e-9, p1 - p0)))
                break
        else:
            column.append(stops[-1][1] if t > stops[-1][0] else stops[0][1])
    strip = Image.new("RGB", (1, height))
    strip.putdata(column)
    return strip.resize((width, height), Image.Resampling.NEAREST)


def soft_glow(
    img: Image.Image, centre: tuple[float, float], radius: float, colour: RGB, strength: float
) -> None:
    """Screen a blurred disc of light onto ``img`` (lamps, the sun, a window's bloom)."""
    w, h = img.size
    mask = Image.new("L", (w, h), 0)
    cx, cy = centre
    ImageDraw.Draw(mask).ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius), fill=round(255 * strength)
    )
    mask = mask.filter(ImageFilter.GaussianBlur(radius * 0.8))
    img.paste(Image.new("RGB", (w, h), colour), (0, 0), mask)


def add_grain(img: Image.Image, rng: random.Random, amount: int) -> Image.Image:
    """Add luminance grain of peak-to-peak ``amount`` levels, like sensor noise.

    A prime-sized tile of two averaged uniform draws (roughly bell-shaped) is repeated over the
    frame; at this size the repetition cannot be seen and it is far faster than per-pixel Python.
    """
    tile_size = 521
    n = tile_size * tile_size
    a = rng.randbytes(n)
    b = rng.randbytes(n)
    tile = Image.frombytes(
        "L", (tile_size, tile_size), bytes((x + y) // 2 for x, y in zip(a, b, strict=True))
    )
    tile = tile.point(lambda v: v * amount // 255)
    noise = Image.new("L", img.size)
    for y in range(0, img.height, tile_size):
        for x in range(0, img.width, tile_size):
            noise.paste(tile, (x, y))
    noise_rgb = Image.merge("RGB", (noise, noise, noise))
    return ImageChops.add(img, noise_rgb, scale=1.0, offset=-(amount // 2))


def uneven_light(img: Image.Image, rng: random.Random, depth: float) -> Image.Image:
    """Multiply by a smooth random light field so flat areas are never perfectly flat."""
    small = Image.new("L", (6, 5))
    small.putdata([round(255 * (1 - depth * rng.random())) for _ in range(30)])
    field_l = small.resize(img.size, Image.Resampling.BICUBIC)
    return ImageChops.multiply(img, Image.merge("RGB", (field_l, field_l, field_l)))


def vignette(img: Image.Image, strength: float) -> Image.Image:
    """Darken the corners as a real lens does."""
    mask = Image.radial_gradient("L").resize(img.size, Image.Resampling.BICUBIC)
    mask = mask.point(lambda v: round(min(255, max(0, (v - 90) * 1.6)) * strength))
    return Image.composite(Image.new("RGB", img.size, (8, 6, 4)), img, mask)


def finish(
    img: Image.Image, rng: random.Random, *, grain: int = 14, blur: float = 0.0
) -> Image.Image:
    """Apply the camera look: slight softness, uneven light, vignette and grain."""
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    img = uneven_light(img, rng, 0.12)
    img = vignette(img, 0.55)
    return add_grain(img, rng, grain)


# --------------------------------------------------------------------------- people


@dataclass
class Person:
    """A head-and-shoulders figure; ``x``/``y`` is the centre of the shoulders' top."""

    x: float
    y: float
    head: float  # head height in pixels: sets the scale of everything else
    shirt: RGB
    skin: RGB
    hijab: RGB | None = None
    peci: bool = False
    from_behind: bool = False
    torso_len: float = 3.2
    extras: list[str] = field(default_factory=list)


def draw_person(draw: ImageDraw.ImageDraw, p: Person) -> None:
    """Draw a simple person silhouette; detail is deliberately low (blur hides the rest)."""
    s = p.head
    hair = (24, 20, 18)
    shoulder_w = 2.5 * s
    top = p.y
    # torso with rounded shoulders
    draw.rounded_rectangle(
        (p.x - shoulder_w / 2, top, p.x + shoulder_w / 2, top + p.torso_len * s),
        radius=0.75 * s,
        fill=p.shirt,
    )
    # a shadow on one side gives the torso some volume
    draw.rounded_rectangle(
        (p.x + shoulder_w * 0.18, top + 0.1 * s, p.x + shoulder_w / 2, top + p.torso_len * s),
        radius=0.6 * s,
        fill=shade(p.shirt, 0.82),
    )
    head_box = (p.x - 0.4 * s, top - 1.05 * s, p.x + 0.4 * s, top - 0.05 * s)
    if p.hijab is not None:
        # the veil falls over the shoulders as a rounded cape
        draw.rounded_rectangle(
            (p.x - 0.85 * s, top - 0.3 * s, p.x + 0.85 * s, top + 1.1 * s),
            radius=0.6 * s,
            fill=p.hijab,
        )
        draw.ellipse((p.x - 0.52 * s, top - 1.2 * s, p.x + 0.52 * s, top + 0.05 * s), fill=p.hijab)
        if not p.from_behind:
            draw.ellipse((p.x - 0.3 * s, top - 0.95 * s, p.x + 0.3 * s, top - 0.2 * s), fill=p.skin)
        return
    # neck, then head
    draw.rectangle((p.x - 0.18 * s, top - 0.3 * s, p.x + 0.18 * s, top + 0.1 * s), fill=p.skin)
    if not p.from_behind and p.shirt[0] > 200:
        # the dark collar and tie line of a white office shirt
        draw.polygon(
            [(p.x - 0.25 * s, top), (p.x + 0.25 * s, top), (p.x, top + 0.5 * s)],
            fill=shade(p.shirt, 0.85),
        )
    draw.ellipse(head_box, fill=hair if p.from_behind else p.skin)
    if not p.from_behind:
        # hairline: a dark cap over the top of the head
        draw.chord(
            (
                head_box[0] - 0.02 * s,
                head_box[1] - 0.02 * s,
                head_box[2] + 0.02 * s,
                top - 0.35 * s,
            ),
            180,
            360,
            fill=hair,
        )
        draw.ellipse(
            (p.x - 0.47 * s, top - 0.65 * s, p.x - 0.33 * s, top - 0.4 * s), fill=shade(p.skin, 0.9)
        )
        draw.ellipse(
            (p.x + 0.33 * s, top - 0.65 * s, p.x + 0.47 * s, top - 0.4 * s), fill=shade(p.skin, 0.9)
        )
    if p.peci:
        draw.rectangle(
            (p.x - 0.42 * s, top - 1.28 * s, p.x + 0.42 * s, top - 0.82 * s), fill=(14, 14, 16)
        )


def random_person(
    rng: random.Random, x: float, y: float, head: float, *, from_behind: bool = False
) -> Person:
    """A plausible participant: about half wear a hijab, a few a peci."""
    hijab = rng.choice(HIJABS) if rng.random() < 0.45 else None
    return Person(
        x=x,
        y=y,
        head=head * rng.uniform(0.93, 1.07),
        shirt=rng.choice(SHIRTS),
        skin=rng.choice(SKIN),
        hijab=hijab,
        peci=hijab is None and rng.random() < 0.25,
        from_behind=from_behind,
    )


# --------------------------------------------------------------------------- scenes


def scene_meeting(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A government meeting room: screen, flags, ceiling lights and a long table of participants."""
    w, h = size
    img = vertical_gradient(
        size,
        [
            (0.0, (70, 62, 56)),
            (0.13, (96, 86, 76)),
            (0.14, (214, 200, 176)),
            (0.62, (186, 168, 140)),
        ],
    )
    d = ImageDraw.Draw(img)
    # ceiling lights
    for i in range(7):
        lx = w * (0.08 + i * 0.14)
        d.ellipse((lx - w * 0.025, h * 0.05, lx + w * 0.025, h * 0.075), fill=(255, 248, 225))
    # wood panelling on the back wall
    for i in range(14):
        x0 = w * i / 14
        d.rectangle((x0, h * 0.14, x0 + w * 0.004, h * 0.62), fill=(168, 146, 112))
    d.rectangle((0, h * 0.52, w, h * 0.62), fill=(120, 84, 52))
    # window with curtains on the left
    d.rectangle((0, h * 0.16, w * 0.14, h * 0.55), fill=(236, 242, 246))
    d.rectangle((w * 0.12, h * 0.15, w * 0.19, h * 0.6), fill=(150, 120, 80))
    # big screen with a blue slide
    sx0, sy0, sx1, sy1 = w * 0.30, h * 0.17, w * 0.70, h * 0.44
    d.rectangle(
        (sx0 - w * 0.008, sy0 - w * 0.008, sx1 + w * 0.008, sy1 + w * 0.008), fill=(20, 20, 24)
    )
    slide = vertical_gradient(
        (round(sx1 - sx0), round(sy1 - sy0)), [(0, (22, 84, 150)), (1, (14, 50, 100))]
    )
    img.paste(slide, (round(sx0), round(sy0)))
    d.rectangle(
        (sx0 + w * 0.03, sy0 + h * 0.05, sx0 + w * 0.27, sy0 + h * 0.075), fill=(245, 245, 240)
    )
    d.rectangle(
        (sx0 + w * 0.03, sy0 + h * 0.095, sx0 + w * 0.2, sy0 + h * 0.11), fill=(190, 210, 235)
    )
    for i in range(3):
        y = sy0 + h * (0.14 + i * 0.03)
        d.rectangle(
            (sx0 + w * 0.03, y, sx0 + w * 0.03 + w * rng.uniform(0.15, 0.3), y + h * 0.01),
            fill=(160, 190, 225),
        )
    d.ellipse(
        (sx1 - w * 0.1, sy0 + h * 0.05, sx1 - w * 0.03, sy0 + h * 0.05 + w * 0.07),
        fill=(224, 165, 38),
    )
    # flags on poles right of the screen: red-white and a green one
    for fx, colours in (
        (0.78, ((200, 30, 40), (245, 245, 245))),
        (0.84, ((20, 110, 70), (20, 110, 70))),
    ):
        px = w * fx
        d.rectangle((px - w * 0.003, h * 0.18, px + w * 0.003, h * 0.6), fill=(200, 180, 110))
        d.polygon(
            [(px, h * 0.2), (px + w * 0.045, h * 0.23), (px + w * 0.04, h * 0.27), (px, h * 0.24)],
            fill=colours[0],
        )
        d.polygon(
            [(px, h * 0.24), (px + w * 0.04, h * 0.27), (px + w * 0.042, h * 0.31), (px, h * 0.28)],
            fill=colours[1],
        )
    # floor (carpet)
    d.rectangle((0, h * 0.62, w, h), fill=(104, 44, 40))
    # the background is out of focus
    img = img.filter(ImageFilter.GaussianBlur(w / 900))
    for i in range(7):
        soft_glow(img, (w * (0.08 + i * 0.14), h * 0.065), w * 0.04, (255, 246, 220), 0.5)
    soft_glow(img, (w * 0.06, h * 0.35), w * 0.12, (255, 255, 255), 0.35)

    # perspective table: vanishing point above the middle of the frame
    d = ImageDraw.Draw(img)
    far_y, near_y = h * 0.56, h * 1.05
    far_l, far_r = w * 0.44, w * 0.56
    near_l, near_r = w * 0.18, w * 0.82
    people: list[tuple[float, Person]] = []
    seats = 6
    for side in (-1, 1):
        for i in range(seats):
            t = (i + 0.6) / (seats + 0.4)
            t_persp = t**1.6  # seats bunch up with distance
            ty = lerp(far_y, near_y, t_persp)
            edge = lerp(far_l, near_l, t_persp) if side < 0 else lerp(far_r, near_r, t_persp)
            head = lerp(h * 0.05, h * 0.17, t_persp)
            x = edge + side * head * 1.1
            people.append((ty, random_person(rng, x, ty - head * 1.5, head)))
    # the bupati's end of the table: three people facing the camera
    for j, x in enumerate((0.46, 0.5, 0.54)):
        p = random_person(rng, w * x, far_y - h * 0.065, h * 0.045)
        if j == 1:
            p.shirt, p.hijab, p.peci = (238, 236, 228), None, True
        people.append((far_y - 1, p))
    people.sort(key=lambda item: item[0])
    for _, p in [pp for pp in people if pp[0] <= far_y]:
        draw_person(d, p)
    # table surface and its skirt
    d.polygon(
        [(far_l, far_y), (far_r, far_y), (near_r, near_y), (near_l, near_y)], fill=(92, 58, 34)
    )
    d.polygon(
        [
            (far_l + w * 0.01, far_y + h * 0.004),
            (far_r - w * 0.01, far_y + h * 0.004),
            (near_r - w * 0.06, near_y),
            (near_l + w * 0.06, near_y),
        ],
        fill=(120, 78, 46),
    )
    # things on the table: laptops, water bottles, microphones
    for i in range(seats):
        t = ((i + 0.6) / (seats + 0.4)) ** 1.6
        ty = lerp(far_y, near_y, t)
        sc = lerp(0.25, 1.0, t)
        for side in (-1, 1):
            ex = lerp(far_l, near_l, t) if side < 0 else lerp(far_r, near_r, t)
            bx = ex - side * w * 0.04 * sc
            d.rectangle(
                (bx - w * 0.004 * sc, ty - h * 0.05 * sc, bx + w * 0.004 * sc, ty),
                fill=(200, 225, 240),
            )
            d.rectangle(
                (bx - w * 0.004 * sc, ty - h * 0.058 * sc, bx + w * 0.004 * sc, ty - h * 0.05 * sc),
                fill=(30, 90, 170),
            )
            lx = ex - side * w * 0.09 * sc
            d.polygon(
                [
                    (lx - w * 0.03 * sc, ty),
                    (lx + w * 0.03 * sc, ty),
                    (lx + w * 0.026 * sc, ty - h * 0.06 * sc),
                    (lx - w * 0.026 * sc, ty - h * 0.06 * sc),
                ],
                fill=(52, 54, 60),
            )
    for _, p in [pp for pp in people if pp[0] > far_y]:
        draw_person(d, p)
    # a participant in the foreground, seen from behind and out of focus
    fg = Image.new("RGBA", size, (0, 0, 0, 0))
    draw_person(
        ImageDraw.Draw(fg),
        Person(
            x=w * 0.1, y=h * 0.8, head=h * 0.22, shirt=(40, 64, 110), skin=SKIN[0], from_behind=True
        ),
    )
    fg = fg.filter(ImageFilter.GaussianBlur(w / 250))
    img.paste(fg, (0, 0), fg)
    return finish(img, rng, grain=12, blur=w / 2500)


def draw_tree(
    d: ImageDraw.ImageDraw,
    x: float,
    ground: float,
    height: float,
    rng: random.Random,
    greens: Sequence[RGB],
) -> None:
    """A teak-like tree: a straight trunk and a broad, lumpy crown of big leaves."""
    trunk_w = height * 0.05
    d.rectangle(
        (x - trunk_w / 2, ground - height * 0.75, x + trunk_w / 2, ground), fill=(92, 74, 58)
    )
    for _ in range(9):
        cx = x + rng.uniform(-0.28, 0.28) * height
        cy = ground - height * rng.uniform(0.62, 0.98)
        r = height * rng.uniform(0.13, 0.22)
        d.ellipse((cx - r * 1.2, cy - r, cx + r * 1.2, cy + r), fill=rng.choice(greens))


def scene_posyandu(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A village posyandu under a canopy: kader at a table, mothers, a hanging scale."""
    w, h = size
    img = vertical_gradient(
        size,
        [
            (0.0, (120, 170, 220)),
            (0.3, (200, 222, 236)),
            (0.31, (120, 140, 90)),
            (1.0, (110, 120, 90)),
        ],
    )
    d = ImageDraw.Draw(img)
    greens: Sequence[RGB] = ((60, 100, 50), (76, 120, 58), (94, 134, 70), (50, 84, 44))
    for x in (0.05, 0.2, 0.85, 0.98):
        draw_tree(d, w * x, h * 0.36, h * 0.3, rng, greens)
    # a house behind: cream wall, terracotta roof, door and windows
    d.rectangle((w * 0.1, h * 0.2, w * 0.9, h * 0.5), fill=(232, 222, 196))
    d.polygon(
        [(w * 0.02, h * 0.22), (w * 0.25, h * 0.1), (w * 0.75, h * 0.1), (w * 0.98, h * 0.22)],
        fill=(168, 76, 48),
    )
    d.rectangle((w * 0.42, h * 0.27, w * 0.58, h * 0.5), fill=(110, 74, 46))
    for wx in (0.17, 0.68):
        d.rectangle((w * wx, h * 0.28, w * (wx + 0.15), h * 0.4), fill=(70, 80, 86))
        d.rectangle((w * (wx + 0.072), h * 0.28, w * (wx + 0.078), h * 0.4), fill=(232, 222, 196))
    # ceramic floor of the terrace
    d.rectangle((0, h * 0.5, w, h), fill=(196, 188, 176))
    for i in range(1, 12):
        y = h * 0.5 + (h * 0.5) * (i / 12) ** 1.5
        d.line((0, y, w, y), fill=(176, 168, 156), width=max(2, w // 800))
    img = img.filter(ImageFilter.GaussianBlur(w / 700))
    d = ImageDraw.Draw(img)
    # blue tarp canopy with a beam
    d.polygon([(0, 0), (w, 0), (w, h * 0.09), (0, h * 0.12)], fill=(36, 92, 160))
    for i in range(9):
        x = w * i / 8
        d.polygon(
            [
                (x - w * 0.06, h * 0.1 - h * 0.03 * (i / 8)),
                (x + w * 0.06, h * 0.1 - h * 0.03 * (i / 8)),
                (x, h * 0.135 - h * 0.03 * (i / 8)),
            ],
            fill=(30, 80, 142),
        )
    d.rectangle((0, h * 0.12, w, h * 0.13), fill=(120, 100, 70))
    # hanging scale (dacin): hook, bar, sling with a toddler
    hx = w * 0.62
    d.line((hx, h * 0.13, hx, h * 0.27), fill=(60, 60, 60), width=max(3, w // 400))
    d.rectangle((hx - w * 0.18, h * 0.27, hx + w * 0.08, h * 0.28), fill=(150, 130, 80))
    d.ellipse((hx - w * 0.15, h * 0.265, hx - w * 0.13, h * 0.29), fill=(80, 80, 80))
    d.line((hx, h * 0.28, hx, h * 0.33), fill=(60, 60, 60), width=max(3, w // 400))
    d.polygon(
        [
            (hx - w * 0.07, h * 0.33),
            (hx + w * 0.07, h * 0.33),
            (hx + w * 0.09, h * 0.44),
            (hx - w * 0.09, h * 0.44),
        ],
        fill=(200, 60, 90),
    )
    toddler = Person(
        x=hx, y=h * 0.36, head=h * 0.045, shirt=(250, 214, 80), skin=SKIN[2], torso_len=1.6
    )
    draw_person(d, toddler)
    d.polygon(
        [
            (hx - w * 0.09, h * 0.4),
            (hx + w * 0.09, h * 0.4),
            (hx + w * 0.09, h * 0.44),
            (hx - w * 0.09, h * 0.44),
        ],
        fill=(200, 60, 90),
    )
    # standing mother waiting beside the scale
    mother = Person(
        x=w * 0.86,
        y=h * 0.36,
        head=h * 0.06,
        shirt=(92, 120, 150),
        skin=SKIN[1],
        hijab=(60, 70, 110),
        torso_len=5.5,
    )
    draw_person(d, mother)
    # kader at the registration table (pink uniform, hijab)
    kader = Person(
        x=w * 0.25,
        y=h * 0.5,
        head=h * 0.065,
        shirt=(222, 120, 150),
        skin=SKIN[0],
        hijab=(232, 150, 176),
    )
    draw_person(d, kader)
    kader2 = Person(
        x=w * 0.44,
        y=h * 0.505,
        head=h * 0.06,
        shirt=(222, 120, 150),
        skin=SKIN[3],
        hijab=(240, 232, 220),
    )
    draw_person(d, kader2)
    # table with a blue cloth, a register book and a growth chart (KMS)
    d.rectangle((w * 0.05, h * 0.6, w * 0.62, h * 0.76), fill=(40, 110, 180))
    d.rectangle((w * 0.05, h * 0.59, w * 0.62, h * 0.61), fill=(60, 130, 200))
    d.polygon(
        [(w * 0.12, h * 0.6), (w * 0.3, h * 0.6), (w * 0.32, h * 0.585), (w * 0.14, h * 0.585)],
        fill=(246, 246, 240),
    )
    d.polygon(
        [(w * 0.36, h * 0.6), (w * 0.5, h * 0.6), (w * 0.52, h * 0.585), (w * 0.38, h * 0.585)],
        fill=(130, 200, 150),
    )
    # mother with a baby in the foreground, seen from behind, out of focus
    fg = Image.new("RGBA", size, (0, 0, 0, 0))
    fd = ImageDraw.Draw(fg)
    draw_person(
        fd,
        Person(
            x=w * 0.72,
            y=h * 0.78,
            head=h * 0.12,
            shirt=(160, 70, 90),
            skin=SKIN[0],
            hijab=(40, 46, 70),
            from_behind=True,
        ),
    )
    draw_person(
        fd,
        Person(
            x=w * 0.58,
            y=h * 0.74,
            head=h * 0.06,
            shirt=(250, 240, 200),
            skin=SKIN[2],
            torso_len=1.5,
        ),
    )
    fg = fg.filter(ImageFilter.GaussianBlur(w / 300))
    img.paste(fg, (0, 0), fg)
    soft_glow(img, (w * 0.5, h * 0.25), w * 0.5, (255, 250, 235), 0.12)
    return finish(img, rng, grain=14, blur=w / 2500)


def scene_village_road(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A panorama: morning sun, hills, teak forest, rice fields and a concrete village road."""
    w, h = size
    horizon = h * 0.46
    img = vertical_gradient(
        size,
        [
            (0.0, (70, 130, 200)),
            (0.35, (150, 190, 226)),
            (0.46, (236, 222, 190)),
            (0.47, (120, 150, 70)),
            (1.0, (88, 130, 40)),
        ],
    )
    # clouds
    clouds = Image.new("L", size, 0)
    cd = ImageDraw.Draw(clouds)
    for _ in range(14):
        cx, cy = rng.uniform(0, w), rng.uniform(h * 0.05, h * 0.3)
        for _ in range(6):
            rx, ry = rng.uniform(0.03, 0.08) * w, rng.uniform(0.02, 0.05) * h
            ox, oy = rng.uniform(-0.05, 0.05) * w, rng.uniform(-0.02, 0.02) * h
            cd.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=150)
    clouds = clouds.filter(ImageFilter.GaussianBlur(h * 0.02))
    img.paste(Image.new("RGB", size, (250, 250, 252)), (0, 0), clouds)
    # the morning sun, low in the east, shines through the thin clouds
    soft_glow(img, (w * 0.66, h * 0.14), h * 0.2, (255, 240, 200), 0.8)
    d = ImageDraw.Draw(img)
    d.ellipse((w * 0.66 - h * 0.04, h * 0.1, w * 0.66 + h * 0.04, h * 0.18), fill=(255, 250, 232))
    # two ranges of hazy hills
    for base, amp, colour in ((0.40, 0.08, (130, 150, 160)), (0.44, 0.05, (92, 120, 100))):
        pts = [(0.0, float(h))]
        phase = rng.uniform(0, math.tau)
        for i in range(121):
            x = w * i / 120
            y = h * base - h * amp * (
                0.6 * math.sin(i / 9 + phase) + 0.4 * math.sin(i / 3.7 + 2 * phase)
            )
            pts.append((x, y))
        pts.append((float(w), float(h)))
        d.polygon(pts, fill=colour)
    # teak forest band along the horizon
    greens: Sequence[RGB] = ((66, 92, 44), (84, 110, 52), (100, 124, 60), (58, 80, 40))
    x = -w * 0.01
    while x < w * 1.01:
        draw_tree(d, x, horizon + h * 0.02, h * rng.uniform(0.16, 0.24), rng, greens)
        x += h * rng.uniform(0.05, 0.1)
    # houses with limasan roofs near the trees
    for hxf in (0.12, 0.18, 0.57):
        hx = w * hxf
        d.rectangle(
            (hx, horizon - h * 0.03, hx + h * 0.14, horizon + h * 0.03), fill=(236, 226, 204)
        )
        d.polygon(
            [
                (hx - h * 0.02, horizon - h * 0.03),
                (hx + h * 0.03, horizon - h * 0.08),
                (hx + h * 0.11, horizon - h * 0.08),
                (hx + h * 0.16, horizon - h * 0.03),
            ],
            fill=(150, 66, 40),
        )
        d.rectangle(
            (hx + h * 0.055, horizon - h * 0.01, hx + h * 0.085, horizon + h * 0.03),
            fill=(90, 60, 40),
        )
    img = img.filter(ImageFilter.GaussianBlur(h / 900))
    d = ImageDraw.Draw(img)
    # rice field with rows converging to the vanishing point
    vp = (w * 0.47, horizon)
    field_top = horizon + h * 0.03
    d.rectangle((0, field_top, w, h), fill=(96, 140, 44))
    for i in range(-60, 61):
        xb = vp[0] + i * w * 0.03
        d.line(
            (vp[0] + (xb - vp[0]) * 0.05, field_top, xb, h),
            fill=(70, 112, 34),
            width=max(2, round(h / 300)),
        )
    # ripening patches on the right
    d.polygon([(w * 0.62, field_top), (w, field_top), (w, h * 0.7)], fill=(176, 168, 70))
    # pematang (dykes) crossing the field
    for i in range(1, 7):
        y = field_top + (h - field_top) * (i / 7) ** 1.8
        d.line(
            (0, y, w, y), fill=(120, 120, 60), width=max(2, round(h * 0.004 * (i / 7) ** 1.5 * 3))
        )
    # the concrete road, curving away
    road_l: list[tuple[float, float]] = []
    road_r: list[tuple[float, float]] = []
    for i in range(41):
        t = i / 40
        y = lerp(h, field_top, t**0.7)
        cx = lerp(w * 0.42, vp[0] + w * 0.03, t) + w * 0.06 * math.sin(t * math.pi) * (1 - t)
        half = lerp(w * 0.16, w * 0.004, t**0.7)
        road_l.append((cx - half, y))
        road_r.append((cx + half, y))
    d.polygon(road_l + road_r[::-1], fill=(170, 168, 160))
    centre = [((a[0] + b[0]) / 2, a[1]) for a, b in zip(road_l, road_r, strict=True)]
    for i in range(0, 40, 2):
        d.line(
            (centre[i], centre[i + 1]),
            fill=(236, 236, 228),
            width=max(2, round(h * 0.008 * (1 - i / 40))),
        )
    # joints in the concrete slabs
    for i in range(0, 40, 3):
        d.line(
            (road_l[i], road_r[i]),
            fill=(140, 138, 132),
            width=max(1, round(h * 0.003 * (1 - i / 40))),
        )
    # electricity poles along the road
    for i in range(6):
        t = (i / 6) ** 0.6
        idx = min(39, round(t * 40))
        px, py = road_r[idx][0] + h * 0.04 * (1 - t), road_r[idx][1]
        ph = lerp(h * 0.55, h * 0.03, t)
        d.rectangle((px - ph * 0.012, py - ph, px + ph * 0.012, py), fill=(70, 70, 72))
        d.rectangle(
            (px - ph * 0.08, py - ph * 0.95, px + ph * 0.08, py - ph * 0.93), fill=(70, 70, 72)
        )
    # a farmer with a caping (conical hat) in the field
    fx, fy = w * 0.26, h * 0.66
    farmer = Person(x=fx, y=fy, head=h * 0.045, shirt=(60, 70, 110), skin=SKIN[1], torso_len=3.6)
    draw_person(d, farmer)
    d.polygon(
        [(fx - h * 0.06, fy - h * 0.03), (fx + h * 0.06, fy - h * 0.03), (fx, fy - h * 0.085)],
        fill=(214, 190, 130),
    )
    return finish(img, rng, grain=14, blur=h / 1500)


def _pothole_outlines(w: int, h: int) -> list[list[tuple[float, float]]]:
    """Ragged outlines of the potholes: the same spots before and after, near to far."""
    layout = random.Random(SEED + 404)
    outlines = []
    for i in range(6):
        t = (i + 0.5) / 6  # 0 = near the camera, 1 = towards the horizon
        y = lerp(h * 0.93, h * 0.58, t**0.8)
        half_road = lerp(w * 0.4, w * 0.06, t**0.8)
        cx = w * 0.5 + layout.uniform(-0.55, 0.55) * half_road
        rx = lerp(w * 0.1, w * 0.015, t**0.8) * layout.uniform(0.8, 1.2)
        ry = rx * layout.uniform(0.25, 0.35)
        points = []
        for k in range(14):
            angle = math.tau * k / 14
            jitter = layout.uniform(0.7, 1.15)
            points.append((cx + math.cos(angle) * rx * jitter, y + math.sin(angle) * ry * jitter))
        outlines.append(points)
    return outlines


def scene_road_repair(size: tuple[int, int], rng: random.Random, *, repaired: bool) -> Image.Image:
    """A village road between teak trees: broken by potholes, or with the holes patched.

    Both versions share one layout (their own fixed seed), so the two photos show the same
    spot, as before-and-after pictures of a complaint's follow-up do.
    """
    w, h = size
    horizon = h * 0.5
    sky = ((150, 170, 190), (196, 204, 210)) if not repaired else ((90, 150, 210), (200, 220, 236))
    img = vertical_gradient(
        size,
        [(0.0, sky[0]), (0.5, sky[1]), (0.51, (104, 130, 60)), (1.0, (80, 110, 44))],
    )
    d = ImageDraw.Draw(img)
    layout = random.Random(SEED + 405)
    greens: Sequence[RGB] = ((66, 92, 44), (84, 110, 52), (100, 124, 60), (58, 80, 40))
    # houses far back first, then teak trees along both sides, smaller towards the horizon
    for hx in (0.2, 0.72):
        top, base = horizon - h * 0.035, horizon + h * 0.01
        d.rectangle((w * hx, top, w * (hx + 0.06), base), fill=(230, 222, 200))
        d.polygon(
            [
                (w * (hx - 0.008), top),
                (w * (hx + 0.015), top - h * 0.03),
                (w * (hx + 0.045), top - h * 0.03),
                (w * (hx + 0.068), top),
            ],
            fill=(150, 66, 40),
        )
    for side in (-1, 1):
        for i in range(9):
            t = i / 9
            x = w * 0.5 + side * lerp(w * 0.62, w * 0.1, t**0.7)
            ground = lerp(h * 0.8, horizon + h * 0.01, t**0.7)
            draw_tree(d, x, ground, lerp(h * 0.75, h * 0.1, t**0.7), layout, greens)
    img = img.filter(ImageFilter.GaussianBlur(w / 700))
    d = ImageDraw.Draw(img)
    # the road: grey asphalt narrowing to the horizon, worn gravel shoulders
    road = [
        (w * 0.04, h),
        (w * 0.47, horizon + h * 0.02),
        (w * 0.53, horizon + h * 0.02),
        (w * 0.96, h),
    ]
    shoulder = [(x + (w * 0.04 if x > w / 2 else -w * 0.04), y) for x, y in road]
    d.polygon(shoulder, fill=(150, 132, 100))
    d.polygon(road, fill=(108, 108, 106))
    for _ in range(500):
        # grit in the surface
        y = lerp(horizon + h * 0.03, h, layout.random() ** 0.6)
        half = lerp(w * 0.03, w * 0.46, (y - horizon) / (h - horizon))
        x = w * 0.5 + layout.uniform(-1, 1) * half
        r = max(1.0, (y - horizon) / h * 4)
        grey = layout.randint(90, 140)
        d.ellipse((x - r, y - r * 0.5, x + r, y + r * 0.5), fill=(grey, grey, grey - 4))
    for outline in _pothole_outlines(w, h):
        xs = [x for x, _ in outline]
        ys = [y for _, y in outline]
        if repaired:
            # a fresh asphalt patch, cut straight around where the hole was
            pad = (max(xs) - min(xs)) * 0.08
            d.polygon(
                [
                    (min(xs) - pad, min(ys) - pad * 0.3),
                    (max(xs) + pad * 0.6, min(ys) - pad * 0.3),
                    (max(xs) + pad, max(ys) + pad * 0.3),
                    (min(xs) - pad * 0.6, max(ys) + pad * 0.3),
                ],
                fill=(58, 58, 60),
            )
        else:
            d.polygon(outline, fill=(86, 74, 58))
            # rain water in the hole mirrors the grey sky
            cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
            puddle = [(cx + (x - cx) * 0.7, cy + (y - cy) * 0.6 + 1) for x, y in outline]
            d.polygon(puddle, fill=(146, 156, 164))
    return finish(img, rng, grain=8, blur=w / 1600)


def scene_road_before(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """The village road with potholes, before the complaint was followed up."""
    return scene_road_repair(size, rng, repaired=False)


def scene_road_after(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """The same road with the holes patched."""
    return scene_road_repair(size, rng, repaired=True)


def scene_training(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A small training room: a projector screen and rows of trainees with laptops, from behind."""
    w, h = size
    img = vertical_gradient(
        size,
        [
            (0.0, (228, 226, 218)),
            (0.55, (206, 200, 188)),
            (0.56, (150, 140, 128)),
            (1.0, (120, 110, 100)),
        ],
    )
    d = ImageDraw.Draw(img)
    d.rectangle((w * 0.25, h * 0.1, w * 0.75, h * 0.45), fill=(246, 246, 246))
    d.rectangle((w * 0.3, h * 0.15, w * 0.55, h * 0.19), fill=(14, 90, 67))
    for i in range(4):
        d.rectangle(
            (w * 0.3, h * (0.24 + i * 0.05), w * (0.45 + 0.05 * (i % 2)), h * (0.26 + i * 0.05)),
            fill=(120, 130, 140),
        )
    d.rectangle((w * 0.6, h * 0.22, w * 0.7, h * 0.4), fill=(224, 165, 38))
    img = img.filter(ImageFilter.GaussianBlur(w / 600))
    d = ImageDraw.Draw(img)
    for row, (y, head) in enumerate(((0.62, 0.07), (0.8, 0.11), (1.02, 0.16))):
        n = 5 - row
        for i in range(n):
            x = w * (i + 0.5) / n + rng.uniform(-0.03, 0.03) * w
            draw_person(d, random_person(rng, x, h * y - h * head, h * head, from_behind=True))
        d.rectangle((0, h * y - h * head * 0.2, w, h * y + h * 0.02), fill=(190, 180, 160))
        for i in range(n):
            x = w * (i + 0.5) / n
            d.rectangle(
                (x - w * 0.05, h * y - h * head * 0.9, x + w * 0.05, h * y - h * head * 0.2),
                fill=(50, 52, 58),
            )
    return finish(img, rng, grain=10, blur=w / 1500)


def scene_portrait(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A neutral studio portrait placeholder: a dark, faceless silhouette in a peci and suit."""
    w, h = size
    img = vertical_gradient(size, [(0.0, (60, 96, 120)), (1.0, (26, 44, 58))])
    soft_glow(img, (w * 0.5, h * 0.42), w * 0.45, (120, 160, 180), 0.5)
    d = ImageDraw.Draw(img)
    silhouette: RGB = (22, 26, 30)
    rim: RGB = (70, 90, 104)
    cx, head_top, s = w * 0.5, h * 0.19, h * 0.34
    shoulders = h * 0.575
    # rim light first, then the silhouette on top, so the edge glows
    for colour, grow in ((rim, w * 0.006), (silhouette, 0.0)):
        d.rounded_rectangle(
            (cx - w * 0.4 - grow, shoulders - grow, cx + w * 0.4 + grow, h * 1.2),
            radius=w * 0.24,
            fill=colour,
        )
        d.rectangle(
            (cx - s * 0.19 - grow, head_top + s * 0.7, cx + s * 0.19 + grow, shoulders + 1),
            fill=colour,
        )
        for side in (-1, 1):
            ex = cx + side * s * 0.37
            d.ellipse(
                (
                    ex - s * 0.07 - grow,
                    head_top + s * 0.45 - grow,
                    ex + s * 0.07 + grow,
                    head_top + s * 0.68 + grow,
                ),
                fill=colour,
            )
        d.ellipse(
            (
                cx - s * 0.36 - grow,
                head_top + s * 0.1 - grow,
                cx + s * 0.36 + grow,
                head_top + s + grow,
            ),
            fill=colour,
        )
        # the peci: a flat-topped cap slightly narrower at the crown
        d.polygon(
            [
                (cx - s * 0.37 - grow, head_top + s * 0.36),
                (cx - s * 0.34 - grow, head_top - grow),
                (cx + s * 0.34 + grow, head_top - grow),
                (cx + s * 0.37 + grow, head_top + s * 0.36),
            ],
            fill=colour,
        )
    # shirt collar and tie between the lapels: enough to read as "official portrait"
    d.polygon(
        [(cx - w * 0.09, shoulders), (cx + w * 0.09, shoulders), (cx, shoulders + h * 0.16)],
        fill=(236, 236, 232),
    )
    d.polygon(
        [
            (cx - w * 0.022, shoulders + h * 0.015),
            (cx + w * 0.022, shoulders + h * 0.015),
            (cx + w * 0.03, h * 0.93),
            (cx, h * 0.97),
            (cx - w * 0.03, h * 0.93),
        ],
        fill=(120, 30, 36),
    )
    d.polygon(
        [(cx - w * 0.09, shoulders), (cx - w * 0.015, h), (cx - w * 0.2, h)], fill=(34, 38, 44)
    )
    d.polygon(
        [(cx + w * 0.09, shoulders), (cx + w * 0.015, h), (cx + w * 0.2, h)], fill=(34, 38, 44)
    )
    return finish(img, rng, grain=10, blur=w / 600)


# --------------------------------------------------------------------------- EXIF and output


def _rational_dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes_f = (value - degrees) * 60
    minutes = int(minutes_f)
    return (float(degrees), float(minutes), round((minutes_f - minutes) * 60, 2))


def make_exif(
    *,
    datetime: str,
    orientation: int | None = None,
    gps: tuple[float, float] | None = None,
    camera: bool = True,
) -> Image.Exif:
    """Build the EXIF block: the camera fields, date, orientation and a (fake) GPS position."""
    exif = Image.Exif()
    if camera:
        exif[ExifTags.Base.Make] = "ContohKamera"
        exif[ExifTags.Base.Model] = "HK-1 (generated example)"
    exif[ExifTags.Base.Software] = "humaskit scripts/make_example_photos.py"
    exif[ExifTags.Base.Artist] = "humaskit (CC0)"
    exif[ExifTags.Base.DateTime] = datetime
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[ExifTags.Base.DateTimeOriginal] = datetime
    if gps is not None:
        lat, lon = gps
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSVersionID] = b"\x02\x03\x00\x00"
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "S" if lat < 0 else "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = _rational_dms(abs(lat))
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "W" if lon < 0 else "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = _rational_dms(abs(lon))
    return exif


@dataclass(frozen=True)
class Photo:
    """One example photo: file name, displayed size, scene painter and its metadata."""

    name: str
    size: tuple[int, int]  # as displayed (after EXIF orientation is applied)
    paint: Callable[[tuple[int, int], random.Random], Image.Image]
    datetime: str
    orientation: int | None = None
    gps: tuple[float, float] | None = None
    exif: bool = True
    supersample: int = 1  # tiny images are painted larger and scaled down, as a camera would
    quality: int = JPEG_QUALITY


PHOTOS: Sequence[Photo] = (
    # A made-up position near Gedung Sate, Bandung: tests prove outputs drop it.
    Photo(
        "studi-tiru.jpg",
        (4000, 3000),
        scene_meeting,
        "2024:05:07 14:05:12",
        gps=(-6.9025, 107.6188),
    ),
    # Stored as a 4000x3000 landscape with Orientation=6: only EXIF transpose shows it upright.
    Photo("posyandu.jpg", (3000, 4000), scene_posyandu, "2024:05:28 08:41:30", orientation=6),
    Photo("jalan-desa.jpg", (6000, 2000), scene_village_road, "2024:08:17 06:32:05"),
    Photo(
        "pelatihan-kecil.jpg",
        (320, 240),
        scene_training,
        "2024:05:14 09:15:00",
        exif=False,
        supersample=4,
    ),
    Photo("bupati.jpg", (1200, 1500), scene_portrait, "2024:01:15 10:00:00", exif=False),
    # Before and after a complaint's follow-up (kind aduan): small files, as sent from a phone.
    Photo(
        "jalan-berlubang-sebelum.jpg",
        (1760, 1320),
        scene_road_before,
        "2024:06:03 07:40:00",
        quality=72,
    ),
    Photo(
        "jalan-berlubang-sesudah.jpg",
        (1760, 1320),
        scene_road_after,
        "2024:06:12 09:15:00",
        quality=72,
    ),
)


def render_photo(photo: Photo, index: int) -> tuple[Image.Image, Image.Exif | None]:
    """Paint one photo and return the pixels as stored in the file plus its EXIF block."""
    rng = random.Random(SEED + index)
    w, h = photo.size
    img = photo.paint((w * photo.supersample, h * photo.supersample), rng)
    if photo.supersample > 1:
        img = img.resize(photo.size, Image.Resampling.LANCZOS)
    if photo.orientation == 6:
        # Orientation 6 means "rotate 90° clockwise to display", so store it turned the other way.
        img = img.transpose(Image.Transpose.ROTATE_90)
    elif photo.orientation not in (None, 1):
        raise ValueError(f"orientation {photo.orientation} is not supported by this script")
    exif = (
        make_exif(datetime=photo.datetime, orientation=photo.orientation, gps=photo.gps)
        if photo.exif
        else None
    )
    return img, exif


def main(argv: Sequence[str] | None = None) -> int:
    """Write every example photo into ``--out`` (default: examples/foto next to this script)."""
    default_out = Path(__file__).resolve().parent.parent / "examples" / "foto"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=default_out, help="output folder")
    parser.add_argument("--only", action="append", help="render only this file name (repeatable)")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for index, photo in enumerate(PHOTOS):
        if args.only and photo.name not in args.only:
            continue
        img, exif = render_photo(photo, index)
        target = out / photo.name
        save_kwargs: dict[str, object] = {
            "quality": photo.quality,
            "optimize": True,
            "subsampling": "4:2:0",
        }
        if exif is not None:
            save_kwargs["exif"] = exif
        img.save(target, "JPEG", **save_kwargs)
        print(f"{target}: {img.width}x{img.height}, {target.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
