"""Issue 12, the quote card on 9:16: not a narrowed 4:5, its quote and signature set larger."""

from __future__ import annotations

from cardkit import SIZES, content, kit
from humaskit.cards.renderer import CardRenderer, text_items
from humaskit.model.platforms import ImageSize
from humaskit.pipeline.textlayers import text_layers

FEED, STORY = (next(s for s in SIZES if s.variant == name) for name in ("feed", "story"))


def _sizes(size: ImageSize) -> dict[str, int]:
    brand, unit = kit()
    card = CardRenderer(content("kutipan"), brand, unit, sizes=SIZES)
    layers = text_layers(text_items(card.plan("kutipan", size)))
    assert not any(layer.truncated for layer in layers)
    return {layer.layer: layer.size for layer in layers}


def test_a_story_sets_the_quote_and_the_signature_larger_than_the_feed() -> None:
    feed, story = _sizes(FEED), _sizes(STORY)
    for layer in ("quote", "person", "role"):
        assert story[layer] > feed[layer], (layer, story[layer], feed[layer])
    assert story["person"] >= 1.15 * feed["person"]
