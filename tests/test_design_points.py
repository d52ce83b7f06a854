"""Issue 12, item 9 (dead zones) on the key-points slide: a slide of few short points is filled
by larger type, and the largest points such a slide may hold still fit whole, above the rule."""

from __future__ import annotations

import pytest

from cardkit import content, kit
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.plan import TextItem
from humaskit.model.platforms import ImageSize

FEED = ImageSize("feed", 1080, 1350)


def _texts(points: list[str], section: str = "Yang perlu diketahui") -> dict[str, TextItem]:
    brand, unit = kit()
    card = content("rilis", points=tuple(points), section=section, slide=2, slides=3)
    renderer = CardRenderer(card, brand, unit, sizes=[FEED])  # type: ignore[arg-type]
    plan = renderer.plan("poin", FEED)
    return {i.layer.rsplit(".", 1)[-1]: i for i in plan.items if isinstance(i, TextItem)}


def test_two_short_points_are_set_larger_than_four_long_ones() -> None:
    few = _texts(
        [
            "Dari 62 posyandu di kecamatan itu, 58 di antaranya aktif melayani warga.",
            "Orang tua diimbau membawa balita ke posyandu terdekat setiap bulan.",
        ]
    )
    many = _texts(["Kalimat poin yang panjang dan memerlukan beberapa baris teks. " * 2] * 4)
    assert few["point1"].size >= 0.044 * FEED.width, few["point1"].size
    assert few["point1"].size > many["point1"].size


@pytest.mark.parametrize(
    "points",
    [
        ["a" * 4 + " kata" * 29, "Poin kedua yang pendek.", "Poin ketiga pendek."],  # ~150 + 2
        ["Kata kata kata kata kata kata kata kata kata kata kata kata. " * 1] * 3,
        ["Poin " + "panjang " * 10] * 4,  # four points of 340 characters: the smaller set
    ],
)
def test_the_largest_points_a_slide_holds_fit_whole_above_the_rule(points: list[str]) -> None:
    texts = _texts(points, section="Jadwal layanan, pukul 08.00–14.00 WIB di enam kecamatan")
    footer = texts["footer"]
    for n in range(1, len(points) + 1):
        point = texts[f"point{n}"]
        assert not point.truncated, point.lines
        assert point.box.y1 < footer.box.y0 - 0.03 * FEED.width, (n, point.box, footer.box)


@pytest.mark.parametrize("kind", ["kinerja", "rilis"])
def test_a_kinerja_points_slide_names_the_source_of_its_figures(kind: str) -> None:
    brand, unit = kit()
    card = content(
        kind,
        source="Dinas Kesehatan Kabupaten Blora",
        period="Januari–Mei 2024",
        points=("Dari 62 posyandu, 58 aktif.", "Kader terlatih 248 orang."),
        slide=2,
        slides=3,
    )
    plan = CardRenderer(card, brand, unit, sizes=[FEED]).plan("poin", FEED)
    texts = {
        i.layer: " ".join(line.text for line in i.lines)
        for i in plan.items
        if isinstance(i, TextItem)
    }
    if kind == "kinerja":
        assert texts["source"].startswith("Sumber: Dinas Kesehatan Kabupaten Blora")
        assert "Januari–Mei 2024" in texts["source"]
    else:
        assert "source" not in texts
