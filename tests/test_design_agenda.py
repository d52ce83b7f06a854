"""Issue 12, item 2 on single images: an agenda card fits its events in compact rows before it
says "+N". The example's four events are all on the 4:5 feed, the story and the TikTok photo;
the square card, with the least height, shows three and says where the fourth is on the footer's
line. A wide card quotes a long quote by its first whole sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES
from humaskit import render
from humaskit.cards.points import pull_quote

AGENDA = EXAMPLES / "rilis" / "2024-05-14-agenda-pelatihan-admin-desa.md"
CELL = re.compile(r"^events\[(\d+)\]\.")
FLOOR = 0.024  # of the image's width


@pytest.fixture(scope="module")
def agenda_images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("agenda")
    report = render([AGENDA], out)
    (result,) = report.results
    assert result.status == "rendered" and result.out_dir is not None, result.message
    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    return {a["path"]: a for a in manifest["artifacts"] if a["type"] == "image"}


def _events(image: dict[str, Any]) -> set[str]:
    return {m.group(1) for t in image["text_layers"] if (m := CELL.match(t["layer"]))}


@pytest.mark.parametrize(
    "path", ["instagram/feed.png", "instagram/story.png", "tiktok/photo.png", "threads/feed.png"]
)
def test_the_four_events_fit_a_portrait_card(
    agenda_images: dict[str, dict[str, Any]], path: str
) -> None:
    image = agenda_images[path]
    assert _events(image) == {"1", "2", "3", "4"}, path
    more = [t for t in image["text_layers"] if t["layer"] == "more"]
    assert not more or not " ".join(more[0]["lines"]).strip(), more


def test_the_square_card_says_where_the_event_it_leaves_out_is(
    agenda_images: dict[str, dict[str, Any]],
) -> None:
    image = agenda_images["youtube/community.png"]
    assert _events(image) == {"1", "2", "3"}
    (more,) = [t for t in image["text_layers"] if t["layer"] == "more"]
    assert more["lines"] == ["+1 agenda lain di keterangan"]
    (footer,) = [t for t in image["text_layers"] if t["layer"] == "footer"]
    # on the footer's line, to its right, not over it
    assert abs(more["box"][3] - footer["box"][3]) <= 4 and more["box"][0] > footer["box"][2]


def test_compact_rows_keep_every_text_whole_and_above_the_floor(
    agenda_images: dict[str, dict[str, Any]],
) -> None:
    for path, image in agenda_images.items():
        for layer in image["text_layers"]:
            if CELL.match(layer["layer"]):
                assert not layer["truncated"], (path, layer["layer"], layer["lines"])
                assert layer["size"] >= FLOOR * image["width"] - 0.5, (path, layer["layer"])


def test_the_9_16_rows_are_larger_than_the_feeds_where_no_buttons_narrow_them(
    agenda_images: dict[str, dict[str, Any]],
) -> None:
    def title_size(path: str) -> float:
        image = agenda_images[path]
        return max(t["size"] for t in image["text_layers"] if t["layer"] == "events[1].title")

    assert title_size("instagram/story.png") > title_size("instagram/feed.png")


def test_a_long_quote_is_pulled_by_its_first_whole_sentence() -> None:
    quote = (
        "Kantor pemerintah jangan hanya bekerja, tetapi juga melapor kepada warganya. Media "
        "sosial membuat laporan itu bisa dibaca siapa saja, kapan saja."
    )
    first = "Kantor pemerintah jangan hanya bekerja, tetapi juga melapor kepada warganya."
    assert pull_quote(quote, 110) == first
    assert pull_quote(quote, 200) == quote  # short enough: whole
    assert pull_quote("Kerja. " + "Satu kalimat panjang " * 8, 50).startswith("Kerja. ")  # no stub


def test_the_wide_quote_card_quotes_the_first_sentence_at_a_feed_size(tmp_path: Path) -> None:
    report = render([EXAMPLES / "rilis" / "2024-05-13-kutipan-keterbukaan-informasi.md"], tmp_path)
    (result,) = report.results
    assert result.out_dir is not None, result.message
    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    for image in manifest["artifacts"]:
        if image["type"] != "image" or image["template"] != "kutipan-landscape":
            continue
        (quote,) = [t for t in image["text_layers"] if t["layer"] == "block.quote"] or [
            t for t in image["text_layers"] if t["layer"] == "quote"
        ]
        text = " ".join(quote["lines"])
        assert text.endswith("warganya.”") and not quote["truncated"], text
        assert quote["size"] >= 0.06 * image["width"] - 0.5, (image["path"], quote["size"])


def test_an_event_slide_is_labelled_by_its_dates() -> None:
    import datetime as dt

    from humaskit.cards.carousel import _agenda_label
    from humaskit.cards.content import agenda_views
    from humaskit.model.entries import AgendaItem

    def label(*days: str) -> str:
        items = [AgendaItem(dt.date.fromisoformat(d), "Kegiatan") for d in days]
        return _agenda_label(agenda_views(items))

    assert label("2024-09-13", "2024-09-14") == "Agenda 13–14 September 2024"
    assert label("2024-05-28", "2024-06-03") == "Agenda 28 Mei – 3 Juni 2024"
    assert label("2024-12-30", "2025-01-02") == "Agenda 30 Desember 2024 – 2 Januari 2025"
    assert label("2024-09-09", "2024-09-09") == "Agenda 9 September 2024"
