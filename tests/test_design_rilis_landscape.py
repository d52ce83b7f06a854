"""Issue 12, the rilis link and X cards (1200x630, 1200x627, 1600x900): the headline leads
(at least 6 % of the width where it fits its lines), the org plate stays small, the unit whole."""

from __future__ import annotations

import pytest

from cardkit import SIZES, content, kit
from humaskit.cards.renderer import CardRenderer, text_items
from humaskit.model.platforms import ImageSize
from humaskit.pipeline.textlayers import text_layers

WIDE = [size for size in SIZES if size.width > size.height]
# The example release's headline: 170 characters, five lines on a link card.
LONG = (
    "Bupati Blora Ajak Admin Medsos OPD Belajar ke Sumedang dan Jawa Barat agar Kinerja "
    "Pemerintah Tampil Transparan, Informatif, dan Menarik"
)
SHORT = "Bupati Blora Ingin OPD Bangun Kinerja Transparan dan Informatif Lewat Medsos"


def _layers(title: str, size: ImageSize, photo: bool = True) -> dict[str, tuple[int, int, int]]:
    """Each text layer's (size, lines, bottom) on the rilis-landscape card."""
    brand, unit = kit()
    changes: dict[str, object] = {"title": title}
    if not photo:
        changes["photo"] = None
    card = CardRenderer(content("rilis", **changes), brand, unit, sizes=SIZES)
    layers = text_layers(text_items(card.plan("rilis-landscape", size)))
    for layer in layers:
        assert not layer.truncated, (size.variant, layer.layer, layer.lines)
    return {layer.layer: (layer.size, len(layer.lines), layer.box[3]) for layer in layers}


@pytest.mark.parametrize("size", WIDE, ids=lambda s: s.variant)
@pytest.mark.parametrize("title", [SHORT, LONG], ids=["short", "long"])
def test_the_headline_leads_the_wide_card(size: ImageSize, title: str) -> None:
    layers = _layers(title, size)
    headline, _lines, _bottom = layers["headline"]
    # 6 % of the width for a title of four lines or fewer; the 170-character one is within a
    # pixel or two of it (it fills five lines across the card).
    floor = 0.06 * size.width if title == SHORT else 0.058 * size.width
    assert headline >= floor, (size.variant, headline)
    # The headline is the largest text by far: at least twice the unit's size.
    assert headline >= 2 * layers["unit"][0]


@pytest.mark.parametrize("size", WIDE, ids=lambda s: s.variant)
def test_the_org_plate_is_a_narrow_band_at_the_top(size: ImageSize) -> None:
    layers = _layers(SHORT, size)
    assert layers["unit"][2] <= 0.145 * size.height, (size.variant, layers["unit"])  # was 16 %
