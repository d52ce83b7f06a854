"""Round 8, family #9: every slide of a carousel carries its cover's top rule.

The cream inner slides (``poin``, ``pengumuman-jadwal``) drew no rule while the cover and the
closing slide did, so the rule switched off and on within one swipe (hoaks: red, none, red).
The colour at a slide's top edge is its full-width top band's, or else its ground's.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.plan import FillItem, Plan
from humaskit.model.brand import load_brand
from humaskit.model.platforms import ImageSize, load_platforms
from humaskit.model.release import load_release, resolve_unit
from humaskit.pipeline.carousels import release_carousels
from humaskit.pipeline.images import card_content

CAROUSEL = ImageSize("carousel", 1080, 1350)
KINDS = ["rilis", "hoaks", "kinerja", "agenda", "pengumuman"]


def _top_edge(plan: Plan) -> tuple[int, int, int]:
    """The colour of the slide's top rule: the last full-width band at the top edge drawn, or
    the ground when the slide has none."""
    width = plan.canvas.width
    bands = [
        i
        for i in plan.items
        if isinstance(i, FillItem)
        and i.box.y0 <= 0
        and i.box.x0 <= 0
        and i.box.x1 >= width
        and i.box.y1 - i.box.y0 < 0.03 * plan.canvas.height
        and i.color[3] == 255
    ]
    color = bands[-1].color if bands else plan.background
    return (color[0], color[1], color[2])


@pytest.mark.parametrize("kind", KINDS)
def test_every_slide_carries_the_covers_top_rule(kind: str) -> None:
    releases = [load_release(p) for p in sorted((EXAMPLES / "rilis").glob("*.md"))]
    (release,) = [r for r in releases if r.kind == kind]
    brand = load_brand()
    unit = resolve_unit(release, brand)
    base = card_content(release, brand, unit)
    renderer = CardRenderer(base, brand, unit)
    rules = load_platforms()
    (carousel,) = release_carousels(
        release, base, brand, unit, [rules["instagram"]], None, None, renderer
    ).values()
    edges = [
        _top_edge(renderer.with_content(s.content).plan(s.layout, CAROUSEL))
        for s in carousel.slides
    ]
    assert len(edges) >= 3
    layouts = [s.layout for s in carousel.slides]
    assert edges == [edges[0]] * len(edges), list(zip(layouts, edges, strict=True))
    if kind == "hoaks":  # the counter-hoax red, not the brand's green
        assert edges[0] == (0xB3, 0x26, 0x1E)


@pytest.mark.parametrize("layout", ["poin", "kinerja", "kutipan", "agenda", "penutup"])
def test_a_counter_hoax_posts_inner_slides_keep_its_red_rule(layout: str) -> None:
    releases = [load_release(p) for p in sorted((EXAMPLES / "rilis").glob("*.md"))]
    (release,) = [r for r in releases if r.kind == "hoaks"]
    brand = load_brand()
    unit = resolve_unit(release, brand)
    renderer = CardRenderer(card_content(release, brand, unit), brand, unit)
    assert _top_edge(renderer.plan(layout, CAROUSEL)) == (0xB3, 0x26, 0x1E)
