"""Issue 12, item 1 for the quote card: every kutipan image shows the whole quote, the wide link
and X cards and the 1080×1080 square too (a long quote is set smaller and on more lines, not cut
to its first sentence), read from the manifest's text layers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES
from humaskit import render
from humaskit.model.release import load_release
from humaskit.tools.preview import write_specimen_workspace

FLOOR = 0.024  # of the image's width


def _images(release: Path, out: Path) -> list[dict[str, Any]]:
    report = render([release], out)
    (result,) = report.results
    assert result.status == "rendered" and result.out_dir is not None, result.message
    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    return [a for a in manifest["artifacts"] if a["type"] == "image"]


@pytest.fixture(scope="module")
def quote_releases(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The kutipan example (a quote of 148 characters) and specimen (190 characters)."""
    specimens = tmp_path_factory.mktemp("specimens")
    write_specimen_workspace(specimens)
    return [
        EXAMPLES / "rilis" / "2024-05-13-kutipan-keterbukaan-informasi.md",
        specimens / "rilis" / "kutipan.md",
    ]


def _words(text: str) -> list[str]:
    return text.replace("“", " ").replace("”", " ").split()


def test_every_kutipan_image_shows_the_whole_quote(
    quote_releases: list[Path], tmp_path: Path
) -> None:
    for n, path in enumerate(quote_releases):
        quote = load_release(path).quote
        assert quote is not None
        images = [
            i for i in _images(path, tmp_path / str(n)) if i["template"].startswith("kutipan")
        ]
        sizes = {(i["width"], i["height"]) for i in images}
        assert {(1200, 630), (1600, 900), (1080, 1080), (1080, 1350)} <= sizes, sizes
        for image in images:
            (layer,) = [t for t in image["text_layers"] if t["layer"] in ("quote", "block.quote")]
            shown = " ".join(layer["lines"])
            assert not layer["truncated"], (image["path"], shown)
            assert _words(shown) == _words(quote.text), (image["path"], shown)
            assert layer["size"] >= round(FLOOR * image["width"]), (image["path"], layer["size"])


def test_the_4_5_quote_block_takes_the_room_of_a_one_line_signature(
    quote_releases: list[Path], tmp_path: Path
) -> None:
    """Round-7 re-check, kutipan #5: with a one-line signature ("Bupati Blora", the specimen)
    the quote takes the room a role line would have used, so neither the band over the mark nor
    the one under the signature is a dead field (both were about 180–200 px on the specimen's
    feed, threads and LinkedIn cards); the example's name-over-role block is the reference."""
    for n, path in enumerate(quote_releases):
        for image in _images(path, tmp_path / str(n)):
            if not image["template"].startswith("kutipan") or image["height"] != 1350:
                continue
            boxes = {t["layer"]: t["box"] for t in image["text_layers"]}
            over = boxes["mark"][1] - boxes["unit"][3]
            under = boxes["footer"][1] - max(boxes[k][3] for k in ("person", "role") if k in boxes)
            assert max(over, under) < 0.12 * image["height"], (image["path"], over, under)
