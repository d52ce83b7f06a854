"""Stills of a release's clip scenes, for design review: each scene as a 1080×1920 PNG.

Plans the clip as ``humaskit render --video`` does (``humaskit.pipeline.videos.release_clip``),
times it, and writes every scene's card at rest (the frame the scene ends on), numbered in clip
order, with the scenes timing drops marked ``-dropped``. For each scene it prints how long it
stays and each text layer's size, and flags what breaks the 9:16 rules: text under 26 px,
text in a platform's UI zones, shrunk or cut text.

    python scripts/video_stills.py examples/rilis/2024-06-03-kinerja-posyandu.md --out /tmp/stills
"""

from __future__ import annotations

import argparse
from pathlib import Path

from humaskit.cards.renderer import text_items
from humaskit.pipeline.context import RenderOptions
from humaskit.pipeline.videos import release_clip
from humaskit.video.clip import plan_timing

SMALLEST = 26  # px at 1080 wide (2.4 % of the width)


def stills(path: Path, out: Path) -> None:
    """Write the scene stills of the release at ``path`` into ``out``."""
    base, size, _cover, scenes = release_clip(path, RenderOptions(out=out, video=True))
    timing = plan_timing(base, scenes, size)
    frames = dict(timing.kept)
    out.mkdir(parents=True, exist_ok=True)
    top, bottom = size.safe_top, size.height - size.safe_bottom
    column_top, column_bottom = size.safe_right_top, size.height - size.safe_right_bottom
    for number, scene in enumerate(scenes, 1):
        renderer = base.with_content(scene.content)
        plan = renderer.plan(scene.layout, size)
        kept = number - 1 in frames
        name = f"{path.stem}-{number:02d}-{scene.role}{'' if kept else '-dropped'}.png"
        (out / name).write_bytes(renderer.render(scene.layout, size, "png").data)
        seconds = f"{frames[number - 1] / 30:.1f} s" if kept else "dropped"
        print(f"{name}  {scene.layout}  {seconds}")
        for code, message in plan.warnings:
            print(f"    ! {code}: {message}")
        for item in text_items(plan):
            box = item.box
            flags = []
            if item.size < SMALLEST:
                flags.append("SMALL")
            if box.y0 < top - 0.5 or box.y1 > bottom + 0.5:
                flags.append("TOP/BOTTOM ZONE")
            if (
                box.y1 > column_top
                and box.y0 < column_bottom
                and box.x1 > size.width - size.safe_right
            ):
                flags.append("RIGHT COLUMN")
            text = " / ".join(line.text for line in item.lines)
            print(f"    {item.layer:<16} {item.size:5.1f}px {' '.join(flags):<8} {text[:70]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("releases", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/video-stills"))
    args = parser.parse_args()
    for path in args.releases:
        stills(path, args.out)


if __name__ == "__main__":
    main()
