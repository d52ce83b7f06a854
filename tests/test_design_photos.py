"""Photos as the hero and line icons (issue 12, items 8 and 9): crops keep each photo's focus point
in view, the before/after photos have focus fields of their own, the potensi photo is not buried
under a scrim, and the bundled Lucide icons draw in their colour role, with their licence."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cardkit import SIZES, content, kit, make_photo
from conftest import Workspace
from humaskit.cards.renderer import CardRenderer
from humaskit.errors import ReleaseError, TemplateError
from humaskit.layout.geometry import Canvas, cover_crop
from humaskit.layout.icons import icon_names, icon_strokes, icons_file
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import GradientItem, ImageItem, StrokeItem, TextItem
from humaskit.layout.planner import plan_layout
from humaskit.model.platforms import ImageSize
from humaskit.model.release import load_release

ICONS = icons_file().parent
CORNERS = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.02, 0.97), (0.5, 0.5)]
BOXES = [(1080, 1350), (1080, 540), (300, 900), (1600, 900), (100, 100)]
PHOTOS = [(6000, 2000), (1760, 1320), (800, 1200), (1000, 1000)]


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


# --- crops keep the focus point in view


@pytest.mark.parametrize("focus", CORNERS)
@pytest.mark.parametrize("box", BOXES)
@pytest.mark.parametrize("photo", PHOTOS)
def test_a_crop_keeps_the_focus_point_inside_the_visible_box(
    focus: tuple[float, float], box: tuple[int, int], photo: tuple[int, int]
) -> None:
    x0, y0, x1, y1 = cover_crop(photo, box, focus)
    assert 0 <= x0 <= x1 <= photo[0] and 0 <= y0 <= y1 <= photo[1]
    assert (x1 - x0) / (y1 - y0) == pytest.approx(box[0] / box[1], rel=1e-6)
    fx, fy = focus[0] * photo[0], focus[1] * photo[1]
    assert x0 <= fx <= x1 and y0 <= fy <= y1
    # As central as the photo's edges allow: the crop moves towards the focus point.
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    assert abs(cx - fx) <= abs(photo[0] / 2 - fx) + 1e-6
    assert abs(cy - fy) <= abs(photo[1] / 2 - fy) + 1e-6


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def _corner_photo(path: Path, size: tuple[int, int], mark: tuple[float, float]) -> Path:
    """A grey photo with a red square around ``mark`` (0..1)."""
    image = Image.new("RGB", size, (128, 128, 128))
    side = min(size) // 10
    x, y = round(mark[0] * (size[0] - side)), round(mark[1] * (size[1] - side))
    image.paste((220, 20, 20), (x, y, x + side, y + side))
    image.save(path)
    return path


@pytest.mark.parametrize("source", ["photo_before", "photo_after"])
def test_before_and_after_photos_are_cropped_around_their_own_focus(
    tmp_path: Path, source: str
) -> None:
    """The pothole in a photo's lower-left corner shows on the aduan card when its focus field
    points at it, and is cropped away without it."""
    mark = (0.0, 1.0)
    photo = _corner_photo(tmp_path / "jalan.png", (3000, 1000), mark)
    brand, unit = kit()
    found = {}
    for focus in ((0.5, 0.5), mark):
        card = content(
            "aduan",
            complaint="Jalan berlubang.",
            action="Ditambal.",
            status_step=3,
            photo_before=photo,
            photo_after=photo,
            **{f"{source}_focus": focus},
        )
        renderer = CardRenderer(card, brand, unit, sizes=SIZES)  # type: ignore[arg-type]
        plan = renderer.plan("aduan", SIZES[0])
        (item,) = [i for i in plan.items if isinstance(i, ImageItem) and i.source == source]
        assert item.focus == focus
        out = renderer.render("aduan", SIZES[0], "png")
        image = Image.open(io.BytesIO(out.data)).convert("RGB")
        box = item.box
        crop = image.crop((round(box.x0), round(box.y0), round(box.x1), round(box.y1)))
        found[focus] = sum(1 for r, g, _b in _pixels(crop) if r > 180 and g < 80)
    assert found[mark] > 0 and found[(0.5, 0.5)] == 0, found


def test_the_focus_fields_are_read_and_checked(workspace: Workspace) -> None:
    workspace.photo("foto/sebelum.jpg")
    workspace.photo("foto/sesudah.jpg")
    fields = {
        "kind": "aduan",
        "complaint": "Jalan berlubang.",
        "action": "Ditambal.",
        "status": "selesai",
        "image_before": "../foto/sebelum.jpg",
        "image_after": "../foto/sesudah.jpg",
    }
    release = load_release(workspace.release(**fields, image_before_focus=[0.5, 0.8]))
    assert release.image_before_focus == (0.5, 0.8)
    assert release.image_after_focus == (0.5, 0.5)  # the centre when not given
    assert release.notices == ()  # a known field: no "unknown field" warning
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.release(**fields, image_after_focus=[0.5, 1.5]))
    assert "'image_after_focus' must be two numbers between 0 and 1" in info.value.message
    assert info.value.location.field == "image_after_focus"


# --- the potensi photo is the hero


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width}x{s.height}")
def test_the_potensi_photo_is_large_and_no_scrim_covers_it(tmp_path: Path, size: object) -> None:
    photo = make_photo(tmp_path / "desa.jpg", (3000, 1000))
    brand, unit = kit()
    card = content(
        "potensi", photo=photo, highlights=("Sawah", "Hutan jati"), contact="Kantor Desa"
    )
    plan = CardRenderer(card, brand, unit, sizes=SIZES).plan("potensi", size)  # type: ignore[arg-type]
    (hero,) = [i for i in plan.items if isinstance(i, ImageItem) and i.source == "photo"]
    canvas = plan.canvas
    assert hero.box.width * hero.box.height >= 0.3 * canvas.width * canvas.height
    assert not [i for i in plan.items if isinstance(i, GradientItem)]
    # No text of the card's content stands on the photo (only the header on its solid badge,
    # the kicker, the wide cards' highlight count and the credit each on its own chip).
    on_photo = {i.layer for i in plan.items if isinstance(i, TextItem) and i.box.overlaps(hero.box)}
    assert on_photo <= {"org", "unit", "kicker", "count", "credit", "slide-number"}, on_photo


@pytest.mark.parametrize(
    "size",
    [SIZES[2], ImageSize("photo", 1080, 1920, 150, 400, 151, 672, 192)],
    ids=["story", "tiktok"],
)
def test_on_9_16_the_potensi_photo_runs_from_the_top_with_the_header_on_its_plate(
    tmp_path: Path, size: ImageSize
) -> None:
    """A 9:16 photo runs from the canvas's top (under the app's top zone, where no text goes)
    full bleed, with the header on its dark plate as on the feed card (the height under it
    then holds the highlights); no text stands on it but the header, its credit and the
    kicker's chip on its lower edge."""
    photo = make_photo(tmp_path / "desa.jpg", (3000, 2000))
    brand, unit = kit()
    card = content("potensi", photo=photo, highlights=("Sawah",), contact="Kantor Desa")
    plan = CardRenderer(card, brand, unit, sizes=[size]).plan("potensi", size)
    (hero,) = [i for i in plan.items if isinstance(i, ImageItem) and i.source == "photo"]
    texts = {i.layer: i.box for i in plan.items if isinstance(i, TextItem)}
    assert hero.box.y0 == 0 and hero.box.y1 - size.safe_top >= 0.2 * size.height
    assert hero.box.width == size.width  # full bleed
    (plate,) = [i for i in plan.items if i.layer == "header"]
    assert plate.box.contains(texts["unit"]) and plate.box.contains(texts["org"])
    on_photo = {name for name, box in texts.items() if box.overlaps(hero.box)}
    assert on_photo <= {"org", "unit", "kicker", "credit"}, on_photo


@pytest.mark.parametrize("action", [None, "Dinas PUPR menambal lubang di ruas itu."])
def test_on_tiktok_before_and_after_stand_side_by_side_and_clear_of_text(
    tmp_path: Path, action: str | None
) -> None:
    """With both photos the TikTok aduan card (narrowed by its button column) sets them side by
    side across the card, large, and no text but their own tags stands on them, with or without
    a follow-up yet."""
    size = ImageSize("photo", 1080, 1920, 150, 400, 151, 672, 192)
    plan = _aduan_plan(tmp_path, size, action)
    photos = {i.source: i.box for i in plan.items if isinstance(i, ImageItem)}
    left, right = photos["photo_before"], photos["photo_after"]
    assert left.y0 == right.y0 and left.x1 < right.x0  # side by side
    assert right.x1 - left.x0 >= 0.7 * size.width  # up to its button column
    assert left.height >= 0.12 * size.height
    texts = [i for i in plan.items if isinstance(i, TextItem)]
    on_photos = {t.layer for t in texts if t.box.overlaps(left) or t.box.overlaps(right)}
    assert on_photos <= {"before-tag", "after-tag"}, on_photos
    shown = " ".join(line.text for t in texts for line in t.lines)
    assert ("menambal" if action else "berlubang") in shown


@pytest.mark.parametrize("action", [None, "Dinas PUPR menambal lubang di ruas itu."])
def test_a_story_with_photos_shows_the_complaint_and_the_action_beside_them(
    tmp_path: Path, action: str | None
) -> None:
    """A story or status has the width: as on the 4:5 card, the photos are stacked in a column
    at the right, large, and the text column beside them holds what was reported and what was
    done (or that it will be reported), none of it on the photos."""
    size = SIZES[2]
    plan = _aduan_plan(tmp_path, size, action)
    photos = {i.source: i.box for i in plan.items if isinstance(i, ImageItem)}
    top, bottom = photos["photo_before"], photos["photo_after"]
    assert top.x0 == bottom.x0 and top.y1 < bottom.y0  # stacked
    assert min(top.height, bottom.height) >= 0.15 * size.height
    texts = [i for i in plan.items if isinstance(i, TextItem)]
    on_photos = {t.layer for t in texts if t.box.overlaps(top) or t.box.overlaps(bottom)}
    assert on_photos <= {"before-tag", "after-tag"}, on_photos
    shown = " ".join(line.text for t in texts for line in t.lines)
    assert "berlubang" in shown  # the complaint
    assert ("menambal" if action else "akan kami kabarkan") in shown


def _aduan_plan(tmp_path: Path, size: ImageSize, action: str | None) -> Any:
    before = make_photo(tmp_path / "sebelum.jpg")
    after = make_photo(tmp_path / "sesudah.jpg")
    brand, unit = kit()
    card = content(
        "aduan",
        photo_before=before,
        photo_after=after,
        action=action,
        complaint="Jalan desa berlubang di depan sekolah dasar.",
    )
    return CardRenderer(card, brand, unit, sizes=[size]).plan("aduan", size)


# --- line icons


def test_every_bundled_icon_has_its_svg_source_and_licence() -> None:
    licence = (ICONS / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("ISC License") and "Lucide" in licence
    data = json.loads(icons_file().read_text(encoding="utf-8"))
    assert "ISC" in data["licence"] and "lucide-static" in data["source"]
    readme = (ICONS / "README.md").read_text(encoding="utf-8")
    assert "lucide-static" in readme and "ISC" in readme
    names = icon_names()
    assert {"phone", "megaphone", "calendar", "map-pin", "clock", "info"} <= set(names)
    for name in names:
        svg = (ICONS / "svg" / f"{name}.svg").read_text(encoding="utf-8")
        assert re.match(r"<!-- @license lucide-static v[\d.]+ - ISC -->", svg), name
        strokes = icon_strokes(name)
        assert strokes and all(len(line) >= 2 for line in strokes), name
        assert all(0 <= v <= 1 for line in strokes for point in line for v in point), name


MISSING = (
    "  - {id: missing, type: icon, icon: phone, beside: absent-text, box: {left: 0, width: 10px}}\n"
)
ICON_LAYOUT = """\
name: t
description: t
background: background
layers:
  - {id: white, type: rect, color: "#FFFFFF", frame: canvas, box: {}}
  - {id: line, type: text, text: "Hubungi kami", color: "#000000", size: 40px,
     box: {left: 100px, top: 100px, width: 600px, height: 60px}}
  - {id: mark, type: icon, icon: phone, color: primary, beside: line,
     box: {left: 40px, width: 60px}}
  - {id: big, type: icon, icon: megaphone, color: accent, box: {left: 100px, top: 300px,
     width: 200px, height: 300px}}
"""
ICON_LAYOUT += MISSING


def _icon_layout(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    (folder / "layouts").mkdir(parents=True)
    text = ICON_LAYOUT.replace("absent-text", "line2").replace(
        "  - {id: missing",
        '  - {id: line2, type: text, text: "", box: {}}\n  - {id: missing',
    )
    (folder / "layouts" / "rilis.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_icon_layer_draws_in_its_colour_role_beside_its_text(tmp_path: Path) -> None:
    folder = _icon_layout(tmp_path)
    brand, unit = kit()
    renderer = CardRenderer(content(), brand, unit, templates_dir=folder)
    plan = renderer.plan("rilis", SIZES[1])
    strokes = {i.layer: i for i in plan.items if isinstance(i, StrokeItem)}
    assert set(strokes) == {"mark", "big"}  # an icon beside empty text is left out
    (text,) = [i for i in plan.items if isinstance(i, TextItem)]
    mark = strokes["mark"]
    # Beside its text: centred on the cap height of the first line, 1.2 × the cap height drawn.
    cap = 40 * 0.745
    assert (mark.box.y0 + mark.box.y1) / 2 == pytest.approx(text.lines[0].baseline - cap / 2, 1)
    assert mark.box.width == pytest.approx(1.2 * cap * 24 / 20, abs=0.5)
    assert mark.width == pytest.approx(mark.box.width / 12, abs=0.01)  # Lucide's weight
    # Without `beside`: the box's shorter side, at its left, centred from top to bottom.
    big = strokes["big"].box
    assert (big.width, big.height) == (200, 200) and (big.x0, big.y0) == (100, 350)
    image = Image.open(io.BytesIO(renderer.render("rilis", SIZES[1], "png").data)).convert("RGB")
    for item, role in ((mark, "primary"), (strokes["big"], "accent")):
        want = tuple(int(brand.colors[role][i : i + 2], 16) for i in (1, 3, 5))
        b = item.box
        crop = image.crop((round(b.x0), round(b.y0), round(b.x1), round(b.y1)))
        pixels = _pixels(crop)
        inked = [p for p in pixels if p != (255, 255, 255)]
        assert 0.05 < len(inked) / len(pixels) < 0.6, item.layer  # strokes, not a filled box
        assert pixels.count(want) > 20, (item.layer, want)  # fully covered pixels: the role
    # Outside the icons' boxes nothing is drawn but the text.
    assert image.getpixel((900, 900)) == (255, 255, 255)


def test_icons_draw_the_same_pixels_every_time(tmp_path: Path) -> None:
    folder = _icon_layout(tmp_path)
    brand, unit = kit()
    one = CardRenderer(content(), brand, unit, templates_dir=folder).render("rilis", SIZES[0])
    two = CardRenderer(content(), brand, unit, templates_dir=folder).render("rilis", SIZES[0])
    assert one.data == two.data


def test_an_unknown_icon_is_refused_with_the_names_that_exist() -> None:
    text = ICON_LAYOUT.replace("icon: megaphone", "icon: megafon").replace(MISSING, "")
    with pytest.raises(TemplateError) as info:
        parse_layout(text, "t.yaml")
    assert "megafon" in info.value.message and "big" in info.value.message
    assert "megaphone" in info.value.hint


def test_the_built_in_layouts_use_icons_not_emoji() -> None:
    from humaskit.resources import builtin_templates_dir

    for name in ("aduan", "potensi"):
        source = (builtin_templates_dir() / "layouts" / f"{name}.yaml").read_text("utf-8")
        assert "📣" not in source and "☎" not in source, name
        assert "type: icon" in source, name


def test_icons_are_planned_as_pure_data() -> None:
    layout = parse_layout(
        ICON_LAYOUT.replace(MISSING, ""),
        "t.yaml",
    )

    class Fixed:
        def advance(self, text: str, font: str) -> float:
            return 0.5 * len(text)

        def vmetrics(self, font: str) -> tuple[float, float]:
            return (0.8, 0.2)

    plan = plan_layout(
        layout,
        Canvas(1000, 1000),
        values={},
        colors={"primary": "#0E5A43", "accent": "#E0A526", "background": "#F5F1E6"},
        measurer=Fixed(),
    )
    strokes = [i for i in plan.items if isinstance(i, StrokeItem)]
    # A measurer without cap heights: 0.72 of the font size.
    assert strokes[0].box.width == pytest.approx(1.2 * 0.72 * 40 * 24 / 20, abs=0.01)
    assert strokes[0].color == (14, 90, 67, 255)
