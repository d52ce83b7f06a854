"""Generate brand/logos/logo-placeholder.png: a roundel that is obviously not a real emblem.

Run from the repository root: ``python scripts/make_placeholder_logo.py``. Drawn at 4× and scaled
down for smooth edges; the output is deterministic.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SIZE = 512
SS = 4


def main() -> None:
    big = SIZE * SS
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    gold, green, white = (224, 165, 38, 255), (14, 90, 67, 255), (255, 255, 255, 255)
    draw.ellipse((0, 0, big - 1, big - 1), fill=gold)
    inset = big * 0.06
    draw.ellipse((inset, inset, big - inset, big - inset), fill=green)
    ring = big * 0.12
    dash = big // 90
    draw.ellipse((ring, ring, big - ring, big - ring), outline=white, width=dash)
    # A stylised teak leaf: two arcs meeting at the tips.
    cx, top, bottom = big / 2, big * 0.2, big * 0.52
    w = big * 0.13
    draw.chord((cx - w, top, cx + w, bottom), 0, 360, fill=gold)
    draw.line((cx, top + big * 0.02, cx, bottom + big * 0.04), fill=green, width=dash)
    font_file = ROOT / "brand" / "fonts" / "PlusJakartaSans-Variable.ttf"
    font = ImageFont.truetype(str(font_file), round(big * 0.13))
    font.set_variation_by_axes([800])
    draw.text((cx, big * 0.66), "LOGO", font=font, fill=white, anchor="mm")
    small = ImageFont.truetype(str(font_file), round(big * 0.075))
    small.set_variation_by_axes([700])
    draw.text((cx, big * 0.79), "CONTOH", font=small, fill=gold, anchor="mm")
    out = img.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    out.save(ROOT / "brand" / "logos" / "logo-placeholder.png", compress_level=9)


if __name__ == "__main__":
    main()
