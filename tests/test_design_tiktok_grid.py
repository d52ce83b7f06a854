"""The TikTok photo's grid across the kinds (round 8, defect 4): every text column stops a margin
short of the action column, as rilis's TikTok block does, and the header stands at one height.

Read from the manifest's text layers and the header plate's pixels of the examples' and
specimens' TikTok photos.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from humaskit.pipeline.manifest import MANIFEST_NAME
from humaskit.pipeline.render import render
from humaskit.tools.preview import write_specimen_workspace

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "rilis"
# The kinds whose TikTok photo round 8 measured, and rilis, whose grid they follow.
KINDS = ("aduan", "hoaks", "pengumuman", "agenda", "kinerja", "rilis")
# 1080 - 152 (the action column, templates/platforms.yaml) - 6s (the family's margin, 64.8 px):
# a box ending at 863 paints its last pixel at x = 862, where rilis's TikTok rule ends.
COLUMN = 1080 - 152 - round(0.06 * 1080)
HEADER = (0x0A, 0x3D, 0x2E)  # the brand's secondary colour, the header plate's


@pytest.fixture(scope="module")
def tiktok_photos(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, Any]]]:
    """(release folder, manifest image entry with its file) of every TikTok photo of KINDS."""
    root = tmp_path_factory.mktemp("tiktok-grid")
    specimens = [p for p in write_specimen_workspace(root / "ws") if p.stem.split("-")[0] in KINDS]
    examples = [
        p
        for p in EXAMPLES.glob("*.md")
        if any(kind in p.stem for kind in KINDS) or "studi" in p.stem
    ]
    report = render([*examples, *specimens], root / "out", platforms=("tiktok",))
    photos = []
    for result in report.results:
        assert result.status == "rendered" and result.out_dir is not None, result.message
        data = json.loads((result.out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        for image in data["artifacts"]:
            if image["type"] == "image" and image["platform"] == "tiktok":
                photos.append(
                    (result.out_dir.name, {**image, "file": result.out_dir / image["path"]})
                )
    assert {image["template"] for _, image in photos} >= set(KINDS)
    return photos


def test_every_tiktok_text_stops_at_the_family_column(
    tiktok_photos: list[tuple[str, dict[str, Any]]],
) -> None:
    """Round 8: the pengumuman title ran to x = 999, the agenda title to 903, the aduan tracker
    to 883 (above the action column, where the safe frame is the canvas's width)."""
    wide = [
        (name, image["template"], layer["layer"], layer["box"])
        for name, image in tiktok_photos
        for layer in image["text_layers"]
        if layer["box"][2] > COLUMN
    ]
    assert not wide, wide


def _plate_top(file: Path) -> int:
    """The first row of the header plate at x = 120 (inside it on every kind, left of its text)."""
    with Image.open(file) as im:
        rgb = im.convert("RGB")
        column = [rgb.getpixel((120, y)) for y in range(150, 700)]
    for y in range(len(column) - 6):
        if all(
            max(abs(c - h) for c, h in zip(px, HEADER, strict=True)) <= 12
            for px in column[y : y + 6]
        ):  # type: ignore[arg-type]
            return 150 + y
    raise AssertionError(f"no header plate in {file}")


def test_the_tiktok_header_stands_at_one_height_on_every_kind(
    tiktok_photos: list[tuple[str, dict[str, Any]]],
) -> None:
    """Round 8: the aduan header started at y = 157 and hoaks at 172, against 215 on the others
    (their org lines at y = 178 and 198, against 241-244)."""
    orgs = {
        (name, image["template"]): next(
            t["box"][1] for t in image["text_layers"] if t["layer"] == "org"
        )
        for name, image in tiktok_photos
    }
    assert max(orgs.values()) - min(orgs.values()) <= 10, orgs
    plates = {(name, image["template"]): _plate_top(image["file"]) for name, image in tiktok_photos}
    assert max(plates.values()) - min(plates.values()) <= 3, plates
