"""Round 6 of the design review, kinerja: the source line never ends (or starts) a line on its
" · " separator; on the wide cards the figures' labels share one top line and the figures sit
closer under the headline."""

from __future__ import annotations

from typing import Any

import pytest

from cardkit import POSYANDU, content, kit
from humaskit.cards.content import stat_views
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.plan import TextItem
from humaskit.model.platforms import ImageSize
from humaskit.model.stats import Stat

# the specimen's twelve figures, the first three as the wide cards show them
TWELVE = [
    Stat("Balita ditimbang", 18750, "balita", 20000),
    Stat("Imunisasi dasar lengkap", 91.3, "%", 95),
    Stat("Jalan kabupaten mantap", 72.4, "%", 80),
    *[Stat(f"Capaian {n}", 40 + n, "desa", 100) for n in range(1, 10)],
]
TITLE = "Capaian Posyandu di Kecamatan Jepon Januari–Mei 2024"
X = ImageSize("x", 1600, 900)
STORY = ImageSize("story", 1080, 1920, 250, 250)
FEED = ImageSize("feed", 1080, 1350)
LINK = ImageSize("link", 1200, 630)
SOURCE = "Dinas Kesehatan Kabupaten Blora (data contoh), diolah humaskit"


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


def _texts(stats: list[Any], size: ImageSize, source: str = SOURCE) -> dict[str, TextItem]:
    brand, unit = kit()
    card = content(
        "kinerja",
        title=TITLE,
        stats=stat_views(stats),
        source=source,
        period="Januari–Mei 2024",
    )
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("kinerja", size)  # type: ignore[arg-type]
    return {i.layer: i for i in plan.items if isinstance(i, TextItem)}


@pytest.mark.parametrize("size", [X, LINK, STORY, FEED], ids=lambda s: s.variant)
@pytest.mark.parametrize("stats", [POSYANDU, TWELVE], ids=["five", "twelve"])
def test_the_source_line_never_ends_a_line_on_its_separator(
    stats: list[Any], size: ImageSize
) -> None:
    lines = [line.text for line in _texts(stats, size)["source"].lines]
    assert len(lines) >= 1
    for text in lines:
        assert not text.rstrip().endswith("·"), lines
        assert not text.lstrip().startswith("·"), lines
    # the "+N" note is one part: it starts after a separator (or a line) and stays whole
    for note in [text for text in lines if "+" in text]:
        assert note.startswith("+") or " · +" in note, lines
        assert "capaian lain" in note, lines


def _plan_items(stats: list[Any], size: ImageSize) -> dict[str, Any]:
    brand, unit = kit()
    card = content(
        "kinerja", title=TITLE, stats=stat_views(stats), source=SOURCE, period="Januari–Mei 2024"
    )
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("kinerja", size)  # type: ignore[arg-type]
    return {i.layer: i for i in plan.items}


@pytest.mark.parametrize("size", [X, LINK], ids=lambda s: s.variant)
@pytest.mark.parametrize("stats", [POSYANDU, TWELVE], ids=["five", "twelve"])
def test_wide_labels_share_a_top_line_and_the_figures_sit_between_headline_and_source(
    stats: list[Any], size: ImageSize
) -> None:
    items = _plan_items(stats, size)
    columns = 3 if size.width >= 1600 else 2
    labels = [items[f"side[{n}].label"] for n in range(1, columns + 1)]
    figures = [items[f"side[{n}].figure"] for n in range(1, columns + 1)]
    tracks = [items[f"side[{n}].bar.track"] for n in range(1, columns + 1)]
    # one top line for the labels, each figure right under its label, one line for the bars
    assert len({round(label.box.y0) for label in labels}) == 1
    for label, figure in zip(labels, figures, strict=True):
        assert 0 <= figure.box.y0 - label.box.y1 <= 0.01 * size.width
    assert len({round(track.box.y0) for track in tracks}) == 1
    # the figures do not leave a band under the headline while the foot is packed
    above = labels[0].box.y0 - items["headline"].box.y1
    below = items["source"].box.y0 - max(t.box.y1 for t in tracks)
    assert abs(above - below) <= 0.03 * size.width, (above, below)
