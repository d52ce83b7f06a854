"""Round 8, family 5 and 13: the agenda and pengumuman cards share their components.

- One date tile: agenda's tiles (#0E5A43) differed from pengumuman's (#0A3D2E, the header
  box's colour); both are the header's colour now, on every size.
- On the wide cards (X, link) the header box starts where the text column does (the chip and
  the headline), as on the wide rilis card: it started 12–19 px left of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cardkit import SIZES, content, kit
from humaskit.cards.content import agenda_views
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.plan import FillItem, TextItem
from humaskit.model.entries import AgendaItem
from humaskit.model.platforms import ImageSize

EVENTS = [
    AgendaItem(dt.date(2024, 5, 21), "Pelatihan admin media sosial desa", "09.00", "Pendopo"),
    AgendaItem(dt.date(2024, 5, 22), "Sosialisasi SP4N-LAPOR! untuk perangkat desa", "13.00"),
    AgendaItem(dt.date(2024, 5, 28), "Jumat bersih di alun-alun", None, "Alun-alun Blora"),
]
# pengumuman's tiles (pengumuman.yaml, pengumuman-jadwal.yaml) and every header box are the
# `secondary` role (tests/test_design_family.py): the same colour as the header is theirs.
PENGUMUMAN = {
    "title": "Layanan KTP Elektronik Buka di Hari Sabtu Selama Juni",
    "when": "Setiap Sabtu, 1–29 Juni 2024, 08.00–12.00 WIB",
    "place": "Kantor Disdukcapil Blora",
    "contact": "WhatsApp 0812-0000-0000 (contoh)",
}
WIDE = [s for s in SIZES if s.width > s.height]


def _plan(kind: str, layout: str, size: ImageSize, **changes: Any) -> Any:
    brand, unit = kit()
    card = content(kind, **changes)
    return CardRenderer(card, brand, unit, sizes=SIZES).plan(layout, size)  # type: ignore[arg-type]


def _agenda(layout: str, size: ImageSize, count: int = 3) -> Any:
    return _plan(
        "agenda", layout, size, agenda=agenda_views(EVENTS[:count]), more_where="di keterangan"
    )


def _fill(plan: Any, name: str) -> FillItem:
    (item,) = [i for i in plan.items if isinstance(i, FillItem) and i.layer == name]
    return item


def _tiles(plan: Any) -> list[FillItem]:
    return [
        i
        for i in plan.items
        if isinstance(i, FillItem) and i.layer.rsplit(".", 1)[-1] in ("date-block", "tile")
    ]


@pytest.mark.parametrize("size", SIZES, ids=[f"{s.width}x{s.height}" for s in SIZES])
def test_agenda_date_tiles_are_the_header_colour_as_pengumuman_tiles(size: ImageSize) -> None:
    layout = "agenda-lanskap" if size in WIDE else "agenda"
    for count in (1, 3) if layout == "agenda" else (3,):
        plan = _agenda(layout, size, count)
        header = _fill(plan, "header").color
        tiles = _tiles(plan) or [_fill(plan, "big-date")]
        assert {t.color for t in tiles} == {header}, (size, count)


@pytest.mark.parametrize("size", WIDE, ids=[f"{s.width}x{s.height}" for s in WIDE])
@pytest.mark.parametrize("kind", ["agenda", "pengumuman"])
def test_the_wide_header_box_starts_at_the_text_column(kind: str, size: ImageSize) -> None:
    if kind == "agenda":
        plan = _agenda("agenda-lanskap", size)
    else:
        plan = _plan("pengumuman", "pengumuman-lanskap", size, **PENGUMUMAN)
    header, chip = _fill(plan, "header").box, _fill(plan, "chip").box
    (headline,) = [i.box for i in plan.items if isinstance(i, TextItem) and i.layer == "headline"]
    assert abs(header.x0 - chip.x0) <= 2, (header, chip)
    assert abs(header.x0 - headline.x0) <= 2, (header, headline)
