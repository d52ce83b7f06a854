"""Issue 12: the announcement card never drops whom to contact, and 9:16 is not a narrowed 4:5.

The facts of a pengumuman rank KAPAN, HUBUNGI, TEMPAT above the summary (which the caption
carries): every image that shows fact rows shows the HUBUNGI row when the release has a contact,
and on a 9:16 image the headline is set larger than on the 4:5 feed card.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from humaskit.pipeline.manifest import MANIFEST_NAME
from humaskit.pipeline.render import render
from humaskit.tools.preview import write_specimen_workspace

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "rilis"
    / "2024-07-01-pengumuman-layanan-adminduk.md"
)


def _images(path: Path, out: Path) -> dict[str, dict[str, Any]]:
    report = render([path], out)
    (result,) = report.results
    assert result.status == "rendered" and result.out_dir is not None, result.message
    data = json.loads((result.out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    return {a["path"]: a for a in data["artifacts"] if a["type"] == "image"}


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return _images(EXAMPLE, tmp_path_factory.mktemp("pengumuman"))


@pytest.fixture(scope="module")
def specimen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The built-in pengumuman specimen: a longer announcement than the example's."""
    root = tmp_path_factory.mktemp("spesimen")
    (path,) = [p for p in write_specimen_workspace(root / "ws") if "pengumuman" in p.name]
    return _images(path, root / "out")


def _labels(image: dict[str, Any]) -> list[str]:
    return [
        " ".join(t["lines"])
        for t in image["text_layers"]
        if t["layer"].startswith("facts[") and t["layer"].endswith(".label")
    ]


def _fact_texts(image: dict[str, Any]) -> list[str]:
    return [
        " ".join(t["lines"])
        for t in image["text_layers"]
        if t["layer"].startswith("facts[") and t["layer"].endswith(".text")
    ]


PHONE = re.compile(r"\d{4}-\d{4}-\d{4}")


@pytest.mark.parametrize("release", ["images", "specimen"])
def test_every_image_with_fact_rows_shows_whom_to_contact(
    release: str, request: pytest.FixtureRequest
) -> None:
    images: dict[str, dict[str, Any]] = request.getfixturevalue(release)
    with_rows = {path: _fact_texts(image) for path, image in images.items() if _fact_texts(image)}
    assert len(with_rows) >= 12  # feeds, stories, TikTok, link cards, X, carousel covers
    # the rows are ranked: when, then whom to contact (its number), then where
    missing = [path for path, texts in with_rows.items() if not PHONE.search(texts[1])]
    assert not missing, f"the contact dropped or out of order on {missing}"
    for path, image in images.items():
        labels = _labels(image)
        if labels:  # rows with labels (the wide cards' tiles carry icons only)
            assert labels[:2] == ["KAPAN", "HUBUNGI"], path


def _headline(image: dict[str, Any]) -> int:
    (size,) = [t["size"] for t in image["text_layers"] if t["layer"] == "headline"]
    return int(size)


@pytest.mark.parametrize("path", ["instagram/story.png", "tiktok/photo.png", "whatsapp/status.png"])
def test_a_9_16_headline_is_larger_than_the_feed_cards(
    images: dict[str, dict[str, Any]], path: str
) -> None:
    feed = _headline(images["instagram/feed.png"])
    assert _headline(images[path]) >= 1.1 * feed


def _list_rows(image: dict[str, Any]) -> list[str]:
    return [
        " ".join(t["lines"])
        for t in image["text_layers"]
        if t["layer"].startswith("list[") and t["layer"].endswith(".text")
    ]


def test_the_schedule_is_on_the_single_cards_and_counted_where_it_is_cut(
    images: dict[str, dict[str, Any]],
) -> None:
    # The body's list (six dates) shows under its label on the portrait cards; where a card
    # shows fewer rows, "+N lainnya" says how many are left out.
    for path in ("instagram/feed.png", "instagram/story.png", "tiktok/photo.png"):
        image = images[path]
        rows = _list_rows(image)
        assert rows and rows[0].startswith("Senin, 8 Juli 2024"), path
        texts = {t["layer"]: " ".join(t["lines"]) for t in image["text_layers"]}
        assert texts["list-label"].startswith("JADWAL LAYANAN"), path
        if len(rows) < 6:
            assert texts["list-more"].startswith(f"+{6 - len(rows)} lainnya"), path
        else:
            assert "list-more" not in texts, path
    # The story has the height for all six; every row is on some image of the release.
    assert len(_list_rows(images["instagram/story.png"])) == 6
    # A carousel's cover leaves the list to its key-point slides.
    assert not _list_rows(images["instagram/carousel-01.png"])
