"""Issue 12, item 2 on single images: an agenda card fits its events in compact rows before it
says "+N". The example's four events are all on the 4:5 feed, the story, the TikTok photo and
the square card (in slimmer rows); with more events than fit, the square says where the rest are
directly under its rows, as every size does. Item 5: a story or a status sets the headline and
the rows larger than the feed does; beside TikTok's buttons every row follows one rule (the
title in two lines, the time and place on one). The landscape cards' tiles all show the weekday
and the time (the kutipan cards show the whole quote: tests/test_design_kutipan_whole.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cardkit import rendered_images
from conftest import EXAMPLES
from humaskit.tools.preview import write_specimen_workspace

AGENDA = EXAMPLES / "rilis" / "2024-05-14-agenda-pelatihan-admin-desa.md"
CELL = re.compile(r"^events\[(\d+)\]\.")
FLOOR = 0.024  # of the image's width


@pytest.fixture(scope="module")
def agenda_images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return rendered_images(AGENDA, tmp_path_factory.mktemp("agenda"))


@pytest.fixture(scope="module")
def specimen_images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The images of the built-in specimen with six events (more than a card has room for)."""
    folder = tmp_path_factory.mktemp("specimen")
    specimens = write_specimen_workspace(folder / "ws")
    (many,) = [p for p in specimens if p.stem == "agenda-banyak-butir"]
    return rendered_images(many, folder / "out")


def _layer(image: dict[str, Any], name: str) -> dict[str, Any]:
    (layer,) = [t for t in image["text_layers"] if t["layer"] == name]
    return layer


def _cells(image: dict[str, Any], sub: str) -> list[dict[str, Any]]:
    return [t for t in image["text_layers"] if CELL.match(t["layer"]) and t["layer"].endswith(sub)]


def _events(image: dict[str, Any]) -> set[str]:
    return {m.group(1) for t in image["text_layers"] if (m := CELL.match(t["layer"]))}


@pytest.mark.parametrize(
    "path",
    [
        "instagram/feed.png",
        "instagram/story.png",
        "whatsapp/status.png",
        "tiktok/photo.png",
        "threads/feed.png",
        "youtube/community.png",
    ],
)
def test_the_four_events_fit_a_portrait_or_square_card(
    agenda_images: dict[str, dict[str, Any]], path: str
) -> None:
    image = agenda_images[path]
    assert _events(image) == {"1", "2", "3", "4"}, path
    more = [t for t in image["text_layers"] if t["layer"] == "more"]
    assert not more or not " ".join(more[0]["lines"]).strip(), more


def test_the_square_card_says_where_the_events_it_leaves_out_are(
    specimen_images: dict[str, dict[str, Any]],
) -> None:
    image = specimen_images["youtube/community.png"]
    shown = _events(image)
    assert len(shown) >= 4  # as many as the example's four, in the slimmer rows
    more = _layer(image, "more")
    assert more["lines"] == [f"+{6 - len(shown)} agenda lain di keterangan"]
    footer = _layer(image, "footer")
    # directly under the last row, as on every other size, not on the footer's line (round 5)
    last = max(t["box"][3] for t in _cells(image, ".meta"))
    assert 0 < more["box"][1] - last <= 0.07 * image["width"]  # the row card's padding, a gap
    assert more["box"][3] < footer["box"][1] - 0.04 * image["width"]


def test_the_square_headline_is_at_least_five_percent_of_the_width(
    agenda_images: dict[str, dict[str, Any]],
) -> None:
    image = agenda_images["youtube/community.png"]
    assert _layer(image, "headline")["size"] >= 0.05 * image["width"] - 0.5


def test_compact_rows_keep_every_text_whole_and_above_the_floor(
    agenda_images: dict[str, dict[str, Any]],
) -> None:
    for path, image in agenda_images.items():
        for layer in image["text_layers"]:
            if CELL.match(layer["layer"]):
                assert not layer["truncated"], (path, layer["layer"], layer["lines"])
                assert layer["size"] >= FLOOR * image["width"] - 0.5, (path, layer["layer"])


@pytest.mark.parametrize("path", ["instagram/story.png", "whatsapp/status.png"])
def test_a_story_sets_the_headline_and_the_rows_larger_than_the_feed(
    agenda_images: dict[str, dict[str, Any]], path: str
) -> None:
    feed, story = agenda_images["instagram/feed.png"], agenda_images[path]
    assert _layer(story, "headline")["size"] >= 1.15 * _layer(feed, "headline")["size"]
    for sub in (".title", ".meta"):
        assert min(t["size"] for t in _cells(story, sub)) > max(
            t["size"] for t in _cells(feed, sub)
        ), sub
    # the rows use the height: less than 6 % of it is left between the last row and the rule
    last = max(t["box"][3] for t in story["text_layers"] if CELL.match(t["layer"]))
    footer = _layer(story, "footer")
    assert footer["box"][1] - last < 0.06 * story["height"], (last, footer["box"])


@pytest.mark.parametrize("which", ["example", "specimen"])
def test_every_tiktok_row_follows_one_rule(
    agenda_images: dict[str, dict[str, Any]],
    specimen_images: dict[str, dict[str, Any]],
    which: str,
) -> None:
    """Beside the app's buttons: the title in at most two lines, the time and place on one,
    every row at the same sizes, so the rows look alike."""
    image = (agenda_images if which == "example" else specimen_images)["tiktok/photo.png"]
    titles, metas = _cells(image, ".title"), _cells(image, ".meta")
    assert len(titles) == len(metas) == len(_events(image)) >= 4
    assert all(len(t["lines"]) <= 2 for t in titles), [t["lines"] for t in titles]
    assert all(len(t["lines"]) == 1 for t in metas), [t["lines"] for t in metas]
    assert len({t["size"] for t in titles}) == 1 and len({t["size"] for t in metas}) == 1


@pytest.mark.parametrize("path", ["instagram/story.png", "whatsapp/status.png", "tiktok/photo.png"])
def test_many_events_on_9_16_keep_the_compact_rows_and_say_how_many_more(
    specimen_images: dict[str, dict[str, Any]], path: str
) -> None:
    image = specimen_images[path]
    shown = len(_events(image))
    assert shown >= 4, path  # the six events: as many as before, or more
    assert _cells(image, ".weekday"), path  # the compact rows (a date tile with the weekday)
    assert _layer(image, "more")["lines"][0].startswith(f"+{6 - shown} agenda lain")


@pytest.mark.parametrize("path", ["facebook/link.png", "linkedin/link.png", "x/post.png"])
def test_every_landscape_tile_shows_the_weekday_and_the_time(
    agenda_images: dict[str, dict[str, Any]], path: str
) -> None:
    # read down the tile: day name, date, time ("SEL", "21", "MEI · 09.00"), never the
    # weekday and the time under the month
    image = agenda_images[path]
    tiles = [
        [" ".join(_layer(image, f"events[{n}].{part}")["lines"]) for part in ("weekday", "day")]
        + [" ".join(_layer(image, f"events[{n}].month")["lines"])]
        for n in range(1, 5)
    ]
    assert tiles == [
        ["SEL", "21", "MEI · 09.00"],
        ["RAB", "22", "MEI · 09.00"],
        ["SEL", "28", "MEI · 09.00"],
        ["KAM", "30", "MEI · 09.00"],
    ], (path, tiles)
    for n in range(1, 5):
        weekday, day = _layer(image, f"events[{n}].weekday"), _layer(image, f"events[{n}].day")
        assert weekday["box"][3] <= day["box"][1] + 2, path


def test_six_landscape_tiles_keep_the_weekday_and_the_x_card_the_time(
    specimen_images: dict[str, dict[str, Any]],
) -> None:
    for path in ("facebook/link.png", "linkedin/link.png", "x/post.png"):
        image = specimen_images[path]
        whens = [" ".join(t["lines"]) for t in _cells(image, ".weekday")]
        assert whens == ["SEN", "SEL", "RAB", "KAM", "JUM", "SAB"], (path, whens)
    times = [" ".join(t["lines"]) for t in _cells(specimen_images["x/post.png"], ".time")]
    assert times == ["08.00", "08.30", "09.00", "09.00", "13.00", "07.00"]


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


def test_the_agenda_chip_sits_where_every_kind_puts_its_type_chip(
    agenda_images: dict[str, dict[str, Any]],
) -> None:
    """Round 7, family 2 and round 8, agenda N1: on every size (the square card too, which kept
    it at the right of the header's row) the AGENDA chip is on the left under the header, above
    the headline, where the rilis and pengumuman cards put theirs."""
    checked = 0
    for path, image in agenda_images.items():
        if image["template"] not in ("agenda", "agenda-lanskap"):
            continue  # the closing slide and the list slides
        kicker, unit = _layer(image, "kicker"), _layer(image, "unit")
        assert kicker["box"][0] < 0.1 * image["width"], path
        assert kicker["box"][1] > unit["box"][3], path
        assert kicker["box"][3] < _layer(image, "headline")["box"][1], path
        checked += 1
    assert checked >= 9


@pytest.mark.parametrize(
    "path",
    [
        "x/post.png",
        "facebook/link.png",
        "linkedin/link.png",
        "threads/feed.png",
        "whatsapp/status.png",
        "instagram/story.png",
        "instagram/feed.png",
        "youtube/community.png",
        "tiktok/photo.png",
    ],
)
def test_a_card_that_leaves_out_events_names_where_they_are(
    specimen_images: dict[str, dict[str, Any]], path: str
) -> None:
    """Round 6, agenda 1 and 6: a card that drops the titles (the landscape tiles show dates
    only) or some events ("+2") says where they are, never a bare "+2 agenda lain". Without a
    link, a card whose own caption does not list them sends readers to the Instagram account,
    whose carousel pages through every event."""
    image = specimen_images[path]
    titles = {t["layer"] for t in image["text_layers"] if t["layer"].endswith(".title")}
    if len(titles) == 6:
        return
    note = " ".join(_layer(image, "more")["lines"])
    assert re.fullmatch(
        r"(\+\d agenda lain|Rincian acara) di (keterangan|unggahan feed|Instagram @contoh\.\w+)",
        note,
    ), (path, note)


@pytest.mark.parametrize("path", ["instagram/story.png", "whatsapp/status.png", "tiktok/photo.png"])
def test_a_9_16_card_uses_the_feed_cards_boxed_header(
    agenda_images: dict[str, dict[str, Any]], path: str
) -> None:
    """Round 6, agenda 2: 9:16 has the feed's header box on the cream, not a green masthead:
    the headline hangs from the header as far as on the feed card, and the header sits just
    under the app's top zone."""
    feed, tall = agenda_images["instagram/feed.png"], agenda_images[path]
    gap = {
        name: _layer(image, "headline")["box"][1] - _layer(image, "unit")["box"][3]
        for name, image in (("feed", feed), ("tall", tall))
    }
    assert abs(gap["tall"] - gap["feed"]) <= 2, gap
    assert 150 <= _layer(tall, "org")["box"][1] <= 360, _layer(tall, "org")["box"]


@pytest.mark.parametrize(
    "path", ["instagram/feed.png", "youtube/community.png", "threads/feed.png"]
)
def test_a_one_line_title_row_is_centred_on_its_date_tile(
    specimen_images: dict[str, dict[str, Any]], path: str
) -> None:
    """Round 6, agenda 3: a compact row whose title takes one line sets the title and the time
    and place in the middle of the date tile's height, not at its top over an empty foot."""
    image = specimen_images[path]
    boxes = {t["layer"]: (t["box"], len(t["lines"])) for t in image["text_layers"]}
    checked = 0
    for n in sorted(_events(image)):
        title, lines = boxes[f"events[{n}].title"]
        if lines != 1:
            continue
        meta = boxes[f"events[{n}].meta"][0]
        tile = (boxes[f"events[{n}].weekday"][0][1], boxes[f"events[{n}].month"][0][3])
        text_mid, tile_mid = (title[1] + meta[3]) / 2, sum(tile) / 2
        assert abs(text_mid - tile_mid) <= 0.012 * image["width"], (path, n, text_mid, tile_mid)
        checked += 1
    assert checked >= 2, path


@pytest.mark.parametrize(
    "path", ["instagram/feed.png", "threads/feed.png", "instagram/story.png", "whatsapp/status.png"]
)
def test_a_feed_card_fits_as_many_rows_as_its_height_holds(
    specimen_images: dict[str, dict[str, Any]], path: str
) -> None:
    """Round 7, agenda N1: the six events' 4:5 card shows five rows and "+1", not four rows
    over a 150 px empty band; so does the story and the status, under the AGENDA chip."""
    image = specimen_images[path]
    assert _events(image) == {"1", "2", "3", "4", "5"}, path
    assert _layer(image, "more")["lines"][0].startswith("+1 agenda lain"), path


def test_every_card_and_slide_uses_one_row(
    agenda_images: dict[str, dict[str, Any]], specimen_images: dict[str, dict[str, Any]]
) -> None:
    """Round 7, agenda 4 / family 5: one row everywhere, the carousel included: the date tile
    with the weekday, the day and the month; the title; the time and place on one line (no
    weekday in the text line, no separate place line)."""
    parts = {"weekday", "day", "month", "title", "meta"}
    checked = 0
    for images in (agenda_images, specimen_images):
        for path, image in images.items():
            if image["template"] != "agenda":
                continue
            for n in _events(image):
                mine = {
                    t["layer"].split(".", 1)[1]
                    for t in image["text_layers"]
                    if t["layer"].startswith(f"events[{n}].")
                }
                assert mine == parts, (path, n, mine)
                checked += 1
    assert checked >= 40


@pytest.mark.parametrize("slide", ["instagram/carousel-01.png", "instagram/carousel-02.png"])
def test_the_event_slides_fill_their_height(
    specimen_images: dict[str, dict[str, Any]], slide: str
) -> None:
    """Round 7, agenda 5: the six events share the cover and one slide evenly (3 and 3), in
    rows that grow into the slide: no more than 200 px of empty cream above the rule."""
    image = specimen_images[slide]
    assert len(_events(image)) == 3, slide
    foot = max(
        t["box"][3] for t in image["text_layers"] if CELL.match(t["layer"]) or t["layer"] == "more"
    )
    assert _layer(image, "footer")["box"][1] - foot < 200 + 0.06 * image["width"], slide


def test_the_threads_footer_names_the_units_account(
    specimen_images: dict[str, dict[str, Any]],
) -> None:
    """Round 7, agenda 6 / family 4: a Threads profile is an Instagram account; a unit without a
    Threads handle is credited by its Instagram one, as its note above says, not by the
    regency's account."""
    image = specimen_images["threads/feed.png"]
    assert _layer(image, "footer")["lines"] == ["@contoh.dpmdblora"]
