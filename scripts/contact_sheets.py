"""Contact sheets for design review: every image of one release per kind, side by side.

Renders the example releases (one per kind) into a temporary folder and writes, for each kind, one
sheet with every image of that release (every platform, every size, every carousel slide) scaled to
one height, labelled with its platform, variant and size. The README's "Gambar" section shows them;
reviewers open them before looking at single images at full size.

    python scripts/contact_sheets.py                 # docs/gambar/<kind>.jpg
    python scripts/contact_sheets.py --out /tmp/cs   # elsewhere
    python scripts/contact_sheets.py --src my/rilis  # other releases (one sheet per release)
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from humaskit.pipeline.render import render
from humaskit.resources import builtin_brand_dir

ROOT = Path(__file__).resolve().parent.parent
TILE_HEIGHT = 380
GAP = 24
LABEL = 56
SHEET_WIDTH = 2400
BACKGROUND = (236, 238, 234)


def _font(size: int) -> ImageFont.FreeTypeFont:
    fonts = builtin_brand_dir() / "fonts"
    path = next(iter(sorted(fonts.glob("PlusJakartaSans*.ttf"))))
    return ImageFont.truetype(str(path), size)


def _images(folder: Path) -> list[tuple[str, Path]]:
    """The release's images in manifest order, labelled ``platform · variant · WxH``."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    found = []
    for artifact in manifest["artifacts"]:
        if artifact["type"] != "image":
            continue
        label = f"{artifact['platform']} · {Path(artifact['path']).stem}"
        label += f"\n{artifact['width']}×{artifact['height']}"
        found.append((label, folder / artifact["path"]))
    return found


def sheet(title: str, images: list[tuple[str, Path]]) -> Image.Image:
    """One sheet: tiles of equal height in rows, each with its label under it."""
    font, head = _font(21), _font(40)
    tiles = []
    for label, path in images:
        with Image.open(path) as image:
            image = image.convert("RGB")
            width = round(image.width * TILE_HEIGHT / image.height)
            tiles.append((label, image.resize((width, TILE_HEIGHT), Image.Resampling.LANCZOS)))
    rows: list[list[tuple[str, Image.Image]]] = [[]]
    used = GAP
    for tile in tiles:
        if rows[-1] and used + tile[1].width + GAP > SHEET_WIDTH:
            rows.append([])
            used = GAP
        rows[-1].append(tile)
        used += tile[1].width + GAP
    height = 90 + len(rows) * (TILE_HEIGHT + LABEL + GAP) + GAP
    canvas = Image.new("RGB", (SHEET_WIDTH, height), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    draw.text((GAP, 24), title, font=head, fill=(20, 40, 30))
    y = 90
    for row in rows:
        x = GAP
        for label, image in row:
            canvas.paste(image, (x, y))
            draw.multiline_text(
                (x, y + TILE_HEIGHT + 4), label, font=font, fill=(60, 60, 60), spacing=2
            )
            x += image.width + GAP
        y += TILE_HEIGHT + LABEL + GAP
    return canvas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "examples" / "rilis")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gambar")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = render([args.src], out=Path(tmp), force=True)
        for result in report.results:
            if result.out_dir is None:
                continue
            manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
            name = manifest["kind"] if args.src == ROOT / "examples" / "rilis" else manifest["slug"]
            # The label font has no emoji: they are left out of the sheet's title.
            words = "".join(c for c in manifest["title"] if ord(c) < 0x2000 or c in "–—…")
            title = f"{manifest['kind']} — {' '.join(words.split())}"
            target = args.out / f"{name}.jpg"
            sheet(title, _images(result.out_dir)).save(target, "JPEG", quality=78, optimize=True)
            print(target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target)


if __name__ == "__main__":
    main()
