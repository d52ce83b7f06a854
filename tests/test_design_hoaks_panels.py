"""Round 6 of the design review, hoaks: the claim starts right under the HOAKS stamp (no empty
band inside the claim panel beside the stamp), and on X the FAKTA and HOAKS panels end on one
bottom line, the source of the fact inside the claim panel."""

from __future__ import annotations

from typing import Any

import pytest

from cardkit import TIKTOK_PHOTO, content, kit
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.plan import TextItem
from humaskit.model.platforms import ImageSize

HOAKS = {
    "title": "Hoaks: Pemkab Blora Bagikan Bantuan Kuota Internet Lewat Tautan Pendaftaran",
    "claim": (
        "Pemkab Blora membagikan bantuan kuota internet Rp500 ribu untuk setiap warga yang "
        "mendaftar lewat tautan di pesan berantai."
    ),
    "fact": (
        "Pemkab Blora tidak membuka pendaftaran bantuan kuota. Tautan itu situs tiruan yang "
        "memancing NIK dan nomor ponsel warga."
    ),
    "source": "Dinkominfo Kabupaten Blora (contoh)",
}
TALL = [
    ImageSize("feed", 1080, 1350),
    ImageSize("square", 1080, 1080),
    ImageSize("story", 1080, 1920, 250, 250),
    TIKTOK_PHOTO,
]
X = ImageSize("x", 1600, 900)
LINK = ImageSize("link", 1200, 630)


def _items(size: ImageSize) -> dict[str, Any]:
    brand, unit = kit()
    card = content("hoaks", **HOAKS)
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("hoaks", size)  # type: ignore[arg-type]
    return {i.layer: i for i in plan.items}


@pytest.mark.parametrize("size", TALL, ids=lambda s: f"{s.width}x{s.height}-{s.safe_top}")
def test_the_claim_starts_right_under_the_stamp(size: ImageSize) -> None:
    items = _items(size)
    claim, panel, stamp = items["claim"], items["claim-panel"], items["claim-mark.frame"]
    assert isinstance(claim, TextItem)
    # the panel's top padding over the claim is about its bottom padding (was 50-60 px more)
    top_pad = claim.box.y0 - panel.box.y0
    bottom_pad = panel.box.y1 - claim.box.y1
    assert top_pad <= bottom_pad + 0.012 * size.width, (top_pad, bottom_pad)
    # still astride the panel's top edge, clear of the claim's words
    assert stamp.box.y0 < panel.box.y0 < stamp.box.y1 <= claim.box.y0
    assert stamp.box.y1 - panel.box.y0 >= 0.012 * size.width


def test_on_x_the_fact_and_claim_panels_end_on_one_line() -> None:
    items = _items(X)
    fact, rim, source, claim = (items[k] for k in ("fact-panel", "claim-rim", "source", "claim"))
    assert abs(fact.box.y1 - rim.box.y1) <= 1
    assert rim.box.x0 <= source.box.x0 and source.box.x1 <= rim.box.x1
    assert rim.box.y0 < claim.box.y1 < source.box.y0 and source.box.y1 < rim.box.y1
    assert not claim.truncated and not source.truncated


def test_a_link_card_keeps_every_word_of_the_claim() -> None:
    items = _items(LINK)
    assert not items["claim"].truncated


def _closing_items(kind: str, **changes: Any) -> dict[str, Any]:
    from humaskit.cards.carousel import closing_slide

    brand, unit = kit()
    slide = closing_slide(content(kind, **changes), ["Instagram: @contoh.dinkominfoblora"])
    size = ImageSize("feed", 1080, 1350)
    plan = CardRenderer(slide.content, brand, unit, sizes=[size]).plan(slide.layout, size)  # type: ignore[arg-type]
    return {i.layer: i for i in plan.items}


def test_a_hoax_carousels_closing_slide_keeps_the_red_rule() -> None:
    band = _closing_items("hoaks", **HOAKS)["band"]
    assert band.box.y0 == 0 and band.box.x1 - band.box.x0 == 1080
    assert band.color[:3] == (0xB3, 0x26, 0x1E)
    # another kind's closing slide is as it was: no rule
    assert "band" not in _closing_items("rilis")
