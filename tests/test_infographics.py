"""The infographic layouts (kinerja, agenda, pengumuman, hoaks, aduan, potensi) and the layer types
they are built from: repeat groups, bars and rings.

Golden images live in tests/golden/ like the card goldens (HUMASKIT_UPDATE_GOLDENS=1 rewrites
them). The plan tests check the data the pictures are drawn from: bars that start at zero and
share one scale, progress capped at the target, every figure in the alt text.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cardkit import SIZES, content, kit, make_photo
from goldens import golden_differences
from humaskit.cards.content import agenda_views, stat_views
from humaskit.cards.renderer import CardRenderer, check_contrast
from humaskit.errors import TemplateError
from humaskit.layout.geometry import Canvas, Length
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import ArcItem, FillItem, TextItem
from humaskit.layout.planner import plan_layout
from humaskit.model.entries import AgendaItem
from humaskit.model.platforms import ImageSize
from humaskit.model.stats import Stat


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


POSYANDU = [
    Stat("Balita ditimbang", 1875, "balita", 2000),
    Stat("Cakupan imunisasi dasar lengkap", 91.3, "%"),
    Stat("Anggaran kesehatan desa", 12_750_000_000, "Rp"),
    Stat("Kader posyandu aktif", 1_200, "orang"),
    Stat("Posyandu aktif", 1020, "posyandu", 1100),
    Stat("Ibu hamil diperiksa", 640, "orang", 700),
    Stat("Bayi lahir", 520, "bayi"),
    Stat("Balita gizi baik", 1700, "balita"),
]
KECAMATAN = [
    Stat(f"Kecamatan {name}", value, "balita")
    for name, value in [
        ("Blora", 1875),
        ("Cepu", 1620),
        ("Randublatung", 1400),
        ("Kunduran", 1320),
        ("Todanan", 1100),
        ("Jepon", 980),
        ("Ngawen", 870),
        ("Japah", 650),
        ("Tunjungan", 610),
        ("Banjarejo", 540),
        ("Kedungtuban", 500),
        ("Sambong", 420),
    ]
]
AGENDA = [
    AgendaItem(dt.date(2024, 5, 14), "Pelatihan admin media sosial desa", "09.00", "Pendopo"),
    AgendaItem(dt.date(2024, 5, 15), "Sosialisasi SP4N-LAPOR! untuk perangkat desa", "13:00"),
    AgendaItem(dt.date(2024, 5, 17), "Jumat bersih di alun-alun", None, "Alun-alun Blora"),
    AgendaItem(dt.date(2024, 5, 20), "Rapat koordinasi kehumasan", "08.30", None),
    AgendaItem(dt.date(2024, 5, 21), "Lomba video desa", "10.00", "Gedung Sasana Bhakti"),
]
HOAKS = {
    "title": "Hoaks: Pendaftaran Bantuan Sosial Lewat Tautan WhatsApp",
    "claim": "Pesan berantai menyebut warga bisa mendaftar bantuan sosial lewat tautan WhatsApp.",
    "fact": "Pendaftaran bantuan sosial hanya melalui desa/kelurahan dan aplikasi resmi Kemensos.",
    "source": "Dinas Sosial P3A Kabupaten Blora",
}
ADUAN = {
    "title": "Jalan Berlubang di Desa Sambongrejo Sudah Ditambal",
    "complaint": "Warga melaporkan lubang besar di jalan desa dekat SD yang membahayakan.",
    "action": "Dinas PUPR menambal 120 meter persegi jalan dan memasang rambu sementara.",
    "status": "selesai",
    "status_text": "Selesai ditindaklanjuti",
    "status_step": 3,
    "ticket": "LAPOR-2024-0517",
    "complaint_channels": "SP4N-LAPOR! lapor.go.id · Lapor Bupati (contoh)",
}
PENGUMUMAN = {
    "title": "Layanan KTP Elektronik Buka di Hari Sabtu Selama Juni",
    "summary": "Warga yang belum merekam KTP-el bisa datang langsung tanpa antre daring.",
    "when": "Setiap Sabtu, 1–29 Juni 2024, 08.00–12.00 WIB",
    "place": "Kantor Disdukcapil Blora",
    "contact": "WhatsApp 0812-0000-0000 (contoh)",
}
POTENSI = {
    "title": "Gula Aren Desa Sumberejo",
    "unit_name": "Desa Sumberejo",
    "highlights": (
        "Dimasak dengan tungku kayu jati",
        "Produksi 300 kg per bulan",
        "Bersertifikat halal",
    ),
    "contact": "BUMDes Sumber Makmur (contoh)",
}

# case name -> (layout, changes); "photo"/"photo_before"/"photo_after" name fixture photos
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "kinerja-hero": ("kinerja", {"stats": stat_views(POSYANDU[:1])}),
    "kinerja-ring": ("kinerja", {"stats": stat_views(POSYANDU[1:2])}),
    "kinerja-tiles": ("kinerja", {"stats": stat_views(POSYANDU[:4])}),
    "kinerja-list": ("kinerja", {"stats": stat_views(POSYANDU), "source": "Dinkes Blora"}),
    "kinerja-ranked": ("kinerja", {"stats": stat_views(KECAMATAN), "period": "Mei 2024"}),
    "agenda-one": ("agenda", {"agenda": agenda_views(AGENDA[:1])}),
    "agenda-list": ("agenda", {"agenda": agenda_views(AGENDA)}),
    "pengumuman": ("pengumuman", PENGUMUMAN),
    # A schedule of dates in the body's list: the date tiles (and "+N lainnya" where cut).
    "pengumuman-jadwal": (
        "pengumuman",
        {
            **PENGUMUMAN,
            "points": (
                "Sabtu, 1 Juni 2024: Kantor Kecamatan Cepu",
                "Sabtu, 8 Juni 2024: Kantor Kecamatan Randublatung",
                "Sabtu, 15 Juni 2024: Kantor Kecamatan Ngawen",
                "Sabtu, 22 Juni 2024: Kantor Kecamatan Banjarejo",
            ),
            "points_label": "Jadwal layanan, pukul 08.00–12.00 WIB",
        },
    ),
    "hoaks": ("hoaks", HOAKS),
    "aduan-photos": (
        "aduan",
        {**ADUAN, "photo_before": "photo", "photo_after": "photo"},
    ),
    "aduan-received": (
        "aduan",
        {**ADUAN, "action": None, "status": "diterima", "status_step": 1, "status_text": "x"},
    ),
    "potensi-photo": ("potensi", {**POTENSI, "photo": "photo"}),
    "potensi-flat": ("potensi", POTENSI),
}


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    return {"photo": make_photo(folder / "photo.jpg", quality=92)}


def _card(case: str, photos: dict[str, Path]) -> tuple[str, Any]:
    layout, changes = CASES[case]
    changes = {
        key: photos[value] if key.startswith("photo") and key != "photo_alt" else value
        for key, value in changes.items()
        if not (key.startswith("photo") and value is None)
    }
    return layout, content(layout, **changes)


# The platform image each landscape size of cardkit.SIZES stands for: a kind may give those
# sizes a layout of its own (templates/sets.yaml), which is what the platforms get.
LANDSCAPE_IMAGES = {
    "x": ("x", "post"),
    "link": ("facebook", "link"),
    "linkedin": ("linkedin", "link"),
}


def _platform_layout(layout: str, variant: str) -> str:
    from humaskit.layout.sets import layouts_for

    where = LANDSCAPE_IMAGES.get(variant)
    return layouts_for(layout, *where) if where else layout


@pytest.mark.slow  # every size at full size; tests/test_goldens.py keeps a fast check
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_infographics(case: str, photos: dict[str, Path]) -> None:
    layout, card = _card(case, photos)
    brand, unit = kit()
    renderer = CardRenderer(card, brand, unit, sizes=SIZES)  # type: ignore[arg-type]
    failures = []
    for size in SIZES:
        out = renderer.render(_platform_layout(layout, size.variant), size)
        # Realistic content fits every size: no text cut or shrunk below its smallest size.
        assert not [w for w in out.warnings if w[0] == "text-truncated"], (size, out.warnings)
        image = Image.open(io.BytesIO(out.data))
        assert image.size == (size.width, size.height)
        failures.extend(golden_differences(f"{case}-{size.width}x{size.height}", out.data, out.ext))
    assert not failures, failures


@pytest.mark.parametrize("word", ["FAKTA", "BENAR"])
def test_a_user_layout_with_one_word_changed_fails_the_golden(
    word: str, tmp_path: Path, photos: dict[str, Path]
) -> None:
    """A copy of the built-in hoaks layout matches the goldens; with the portrait cards' FAKTA
    mark turned into another word, exactly the portrait goldens fail."""
    from humaskit.resources import builtin_templates_dir

    original = (builtin_templates_dir() / "layouts" / "hoaks.yaml").read_text(encoding="utf-8")
    assert original.count('text: "FAKTA"') == 3  # portrait first, then square, then wide
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "hoaks.yaml").write_text(
        original.replace('text: "FAKTA"', f'text: "{word}"', 1), encoding="utf-8"
    )
    layout, card = _card("hoaks", photos)
    brand, unit = kit()
    renderer = CardRenderer(card, brand, unit, sizes=SIZES, templates_dir=tmp_path)  # type: ignore[arg-type]
    failed = set()
    for size in SIZES:
        out = renderer.render(layout, size)
        name = f"hoaks-{size.width}x{size.height}"
        if golden_differences(name, out.data, out.ext, failures=tmp_path / "f", update=False):
            failed.add(name)
    portrait = {f"hoaks-{s.width}x{s.height}" for s in SIZES if s.height > s.width}
    assert failed == (set() if word == "FAKTA" else portrait)


@pytest.mark.parametrize("case", sorted(CASES))
def test_infographics_meet_contrast(case: str, photos: dict[str, Path]) -> None:
    layout, card = _card(case, photos)
    brand, unit = kit()
    for size in SIZES:
        shown = _platform_layout(layout, size.variant)
        assert check_contrast(card, brand, unit, shown, size) == [], (case, size)  # type: ignore[arg-type]


def _plan(layout: str, size_index: int = 0, **changes: Any) -> Any:
    brand, unit = kit()
    renderer = CardRenderer(content(layout, **changes), brand, unit, sizes=SIZES)  # type: ignore[arg-type]
    return renderer, renderer.plan(layout, SIZES[size_index])


def _bars(plan: Any, group: str) -> dict[str, FillItem]:
    """The filled bars of a repeat group, by cell ('rows[1]' …)."""
    return {
        i.layer.rsplit(".", 1)[0]: i
        for i in plan.items
        if isinstance(i, FillItem) and i.layer.startswith(group) and i.layer.endswith(".bar")
    }


def test_ranked_bars_start_at_zero_and_share_one_scale() -> None:
    _renderer, plan = _plan("kinerja", 2, stats=stat_views(KECAMATAN[:8]))  # story: 8 rows
    bars = _bars(plan, "rows")
    assert len(bars) == 8
    x0 = {round(b.box.x0, 3) for b in bars.values()}
    assert len(x0) == 1  # every bar starts at the same zero line
    widths = [bars[f"rows[{n}]"].box.width for n in range(1, 9)]
    values = [s.value for s in KECAMATAN[:8]]
    # ranked (largest first) and proportional to the value: one scale for all
    assert widths == sorted(widths, reverse=True)
    for width, value in zip(widths, values, strict=True):
        assert width / widths[0] == pytest.approx(value / values[0], abs=0.01)


def test_progress_is_realisation_over_target_and_capped() -> None:
    over = Stat("Sekolah terakreditasi", 130, "sekolah", 100)
    stats = [Stat("Posyandu aktif", 550, "posyandu", 1100), over, *POSYANDU[5:8]]
    _renderer, plan = _plan("kinerja", 0, stats=stat_views(stats))
    tracks = {
        i.layer.rsplit(".", 2)[0]: i
        for i in plan.items
        if isinstance(i, FillItem) and i.layer.endswith(".bar.track")
    }
    bars = _bars(plan, "rows")
    half = bars["rows[1]"].box.width / tracks["rows[1]"].box.width
    assert half == pytest.approx(0.5, abs=0.01)
    assert bars["rows[2]"].box.width == pytest.approx(tracks["rows[2]"].box.width)  # 130 %: full
    texts = [
        " ".join(line.text for line in i.lines).replace("\xa0", " ")
        for i in plan.items
        if isinstance(i, TextItem)
    ]
    # the printed figure tells what the capped bar cannot
    assert "130 dari 100 sekolah (130%)" in texts


def test_negative_figure_gets_no_bar() -> None:
    stats = [Stat("Balita pindah (selisih)", -12, "balita"), *KECAMATAN[:4]]
    views = stat_views(stats)
    assert views[0].share == 0
    _renderer, plan = _plan("kinerja", 0, stats=views)
    bars = _bars(plan, "rows")
    assert "rows[5]" not in bars  # the negative figure sorts last and has no filled bar
    assert len(bars) == 4


def test_single_percentage_is_a_ring() -> None:
    _renderer, plan = _plan("kinerja", 0, stats=stat_views(POSYANDU[1:2]))
    rings = [i for i in plan.items if isinstance(i, ArcItem) and not i.layer.endswith(".track")]
    assert len(rings) == 1 and rings[0].fraction == pytest.approx(0.913)
    assert rings[0].box.width == pytest.approx(rings[0].box.height)


def test_alt_text_states_every_figure_and_target() -> None:
    renderer, plan = _plan("kinerja", 0, stats=stat_views(POSYANDU[:6]))
    alt = renderer.alt_text(plan)
    assert "Balita ditimbang: 1.875 dari target 2.000 balita (93,8%)." in alt
    assert "Anggaran kesehatan desa: Rp12,75 miliar." in alt
    for stat in POSYANDU[:6]:
        assert stat.label in alt
    # figures are read in the order they are shown, before the source line
    assert alt.index("Balita ditimbang") < alt.index("Posyandu aktif")


def test_more_figures_than_fit_are_announced() -> None:
    renderer, plan = _plan("kinerja", 0, stats=stat_views(KECAMATAN))  # feed: 6 rows of 12
    assert len(_bars(plan, "rows")) == 6
    # With no caption naming the rest, the card counts them and sends nowhere ...
    assert "+6 capaian lain —" in renderer.alt_text(plan)
    # ... and says where they are when the caption does.
    renderer, plan = _plan("kinerja", 0, stats=stat_views(KECAMATAN), more_where="di keterangan")
    assert "+6 capaian lain di keterangan" in renderer.alt_text(plan)


def test_agenda_alt_text_reads_each_event() -> None:
    views = agenda_views(AGENDA)
    renderer, plan = _plan("agenda", 0, agenda=views, more_where="di keterangan")
    alt = renderer.alt_text(plan)
    assert (
        "Selasa, 14 Mei 2024, pukul 09.00 WIB: Pelatihan admin media sosial desa, di Pendopo."
        in alt
    )
    shown = dict(plan.shown)["events"]
    assert 2 <= shown < len(views)  # as many rows as fit the feed card
    assert f"+{len(views) - shown} agenda lain di keterangan" in alt


def test_aduan_steps_follow_the_status() -> None:
    _renderer, plan = _plan("aduan", 0, **{**ADUAN, "status_step": 2})
    dots = {
        i.layer: i.color[:3] for i in plan.items if isinstance(i, FillItem) and ".dot" in i.layer
    }
    assert dots["steps[1].dot"] == dots["steps[2].dot"] != dots["steps[3].dot"]


def test_before_after_alt_text(photos: dict[str, Path]) -> None:
    renderer, plan = _plan(
        "aduan", 0, **{**ADUAN, "photo_before": photos["photo"], "photo_after": photos["photo"]}
    )
    # The feed card stacks the photos: the alt text says which is which where they are.
    assert "sebelum (atas) dan sesudah (bawah)" in renderer.alt_text(plan)


# --- the layer types and box features, on small layouts


class _Fixed:
    """A measurer where every character is 0.5 em wide."""

    def advance(self, text: str, font: str) -> float:
        return 0.5 * len(text)

    def vmetrics(self, font: str) -> tuple[float, float]:
        return (0.8, 0.2)


COLORS = {
    "primary": "#0E5A43",
    "accent": "#E0A526",
    "text_on_dark": "#FFFFFF",
    "background": "#F5F1E6",
}


def _plan_yaml(text: str, values: dict[str, Any], canvas: Canvas | None = None) -> Any:
    layout = parse_layout(text, "test.yaml")
    return plan_layout(
        layout,
        canvas or Canvas(1000, 1000),
        values=values,
        colors=COLORS,
        measurer=_Fixed(),
    )


def test_repeat_places_cells_in_a_grid_and_sizes_text_uniformly() -> None:
    plan = _plan_yaml(
        """
layers:
  - id: grid
    type: repeat
    items: things
    columns: 2
    spacing: 20px
    box: {left: 0, top: 0, width: 1020px, height: 500px}
    layers:
      - id: name
        type: text
        text: "{{ item }}"
        size: 100px
        min_size: 10px
        box: {}
""",
        {"things": ["a", "bb", "a very long name indeed"]},
    )
    texts = [i for i in plan.items if isinstance(i, TextItem)]
    assert [t.layer for t in texts] == ["grid[1].name", "grid[2].name", "grid[3].name"]
    assert texts[2].box.y0 >= 240  # third cell on the second row
    assert len({t.size for t in texts}) == 1  # one size for the set: the one the longest needs


@pytest.mark.parametrize(("min_rows", "shown"), [(1, 1), (0, 0)])
def test_fitted_rows_that_find_no_room_keep_min_rows(min_rows: int, shown: int) -> None:
    # With `fit_rows` the rows that do not fit are left out; `min_rows: 0` lets a list give way
    # whole (a later layer reads `shown` and says where the list is), 1 keeps the first row.
    plan = _plan_yaml(
        f"""
layers:
  - id: grid
    type: repeat
    items: things
    fit_rows: true
    min_rows: {min_rows}
    box: {{left: 0, top: 0, width: 500px, height: 60px}}
    layers:
      - id: name
        type: text
        text: "{{{{ item }}}}"
        size: 100px
        box: {{height: 100px}}
  - id: more
    type: text
    text: "{{{{ shown.get('grid') }}}} shown"
    size: 20px
    box: {{left: 0, top: 200px, width: 500px, height: 40px}}
""",
        {"things": ["a", "b"]},
    )
    texts = [i for i in plan.items if isinstance(i, TextItem)]
    assert [t.layer for t in texts if t.layer.startswith("grid[")] == ["grid[1].name"][:shown]
    (more,) = [" ".join(line.text for line in t.lines) for t in texts if t.layer == "more"]
    assert more == f"{shown} shown"


def test_bar_and_donut_clamp_their_value() -> None:
    plan = _plan_yaml(
        """
layers:
  - id: bar
    type: bar
    value: "1.7"
    track: primary
    box: {left: 0, top: 0, width: 500px, height: 20px}
  - id: ring
    type: donut
    value: "-0.2"
    box: {left: 0, top: 100px, width: 300px, height: 200px}
""",
        {},
    )
    fills = {i.layer: i for i in plan.items if isinstance(i, FillItem)}
    assert fills["bar"].box.width == 500 and fills["bar.track"].box.width == 500
    ring = next(i for i in plan.items if isinstance(i, ArcItem))
    assert ring.fraction == 0 and ring.box.width == ring.box.height == 200


def test_lengths_subtract_and_measure_the_frame() -> None:
    assert Length.parse("50fh - 0.8s").px(1000, 2000, 300, 400) == pytest.approx(200 - 8)
    assert Length.parse("56h - 26s").px(1000, 1000) == pytest.approx(300)
    with pytest.raises(ValueError):
        Length.parse("10s -")
    plan = _plan_yaml(
        """
layers:
  - id: panel
    type: rect
    box: {left: 100px, top: 100px, width: 400px, height: 200px}
  - id: inner
    type: rect
    color: accent
    box: {inside: panel, left: 10px, right: 50fw, top: 10px, bottom: 10px}
""",
        {},
    )
    inner = next(i for i in plan.items if i.layer == "inner")
    assert (inner.box.x0, inner.box.x1, inner.box.y0, inner.box.y1) == (110, 300, 110, 290)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("type: bar\n    box: {}", "needs 'value'"),
        ("type: repeat\n    items: x\n    box: {}", "needs 'layers'"),
        (
            "type: repeat\n    items: x\n    layers:\n      - {id: r, type: repeat, items: y, "
            "layers: [{type: rect}]}",
            "cannot hold another repeat",
        ),
        ("type: repeat\n    items: x\n    columns: 0\n    layers: [{type: rect}]", "'columns'"),
        ("type: bar\n    value: x\n    color: '#12345'", "unknown colour role"),
    ],
)
def test_new_layer_types_are_validated(body: str, message: str) -> None:
    with pytest.raises(TemplateError) as info:
        parse_layout(f"layers:\n  - id: l\n    {body}\n", "bad.yaml")
    assert message in str(info.value)
    assert info.value.location is not None and info.value.location.line is not None


def test_repeat_items_must_be_a_list() -> None:
    with pytest.raises(TemplateError, match="'items' must give a list"):
        _plan_yaml(
            "layers:\n  - {id: g, type: repeat, items: title, layers: [{type: rect}]}\n",
            {"title": "not a list"},
        )


@pytest.mark.parametrize("size_index", range(len(SIZES)))
def test_hoaks_alt_text_reads_each_mark_with_its_text(size_index: int) -> None:
    # Side by side on wide cards, the two marks sit level: the reading must still pair them, and
    # read the truth first (the fact, then the claim after its HOAKS mark).
    renderer, plan = _plan("hoaks", size_index, **HOAKS)
    alt = renderer.alt_text(plan)
    claim, fact = alt.index("HOAKS, “Pesan berantai"), alt.index("FAKTA, Pendaftaran")
    assert fact < claim < alt.index("Sumber fakta: Dinas Sosial")


def test_read_with_must_name_an_earlier_layer() -> None:
    with pytest.raises(TemplateError, match="read_with"):
        parse_layout("layers:\n  - {id: t, type: text, text: x, read_with: later}\n", "bad.yaml")


def test_check_plans_carousel_slides_too(workspace: Any, run_cli: Any) -> None:
    # A user's closing slide with green-on-green text: only the carousel uses that layout.
    from humaskit.resources import builtin_templates_dir

    closing = (builtin_templates_dir() / "layouts" / "penutup.yaml").read_text(encoding="utf-8")
    probe = (
        "  - {id: probe, type: text, text: Ikuti, color: primary, box: {top: 40h, height: 5s}}\n"
    )
    workspace({"templates/layouts/penutup.yaml": closing.rstrip("\n") + "\n" + probe})
    # Key points give the carousel a slide worth swiping, so it is made (and checked).
    path = workspace.release(body="- pertama yang perlu diketahui\n- kedua yang perlu diketahui\n")
    result = run_cli("--lang", "en", "check", path, "--templates", workspace.root / "templates")
    assert result.exit_code == 1, result.stderr
    assert "carousel" in result.stderr and "has contrast" in result.stderr


def test_every_figure_of_a_kinerja_carousel_is_on_a_slide(workspace: Any) -> None:
    # The carousel's cover and figure slides together show every figure: none is left out
    # between what a 4:5 kinerja card lists and what the next slide starts with.
    from humaskit.cards.carousel import release_slides
    from humaskit.model.brand import load_brand
    from humaskit.model.platforms import load_platforms
    from humaskit.model.release import load_release, resolve_unit
    from humaskit.pipeline.images import card_content

    stats = [{"label": s.label, "value": s.value, "unit": s.unit} for s in KECAMATAN]
    release = load_release(workspace.release(kind="kinerja", stats=stats))
    brand = load_brand()
    unit = resolve_unit(release, brand)
    content = card_content(release, brand, unit)
    renderer = CardRenderer(content, brand, unit)
    size = load_platforms()["instagram"].image("carousel")
    shown = []
    for slide in release_slides(
        release, content, brand=brand, platform="instagram", account_lines=()
    ):
        if slide.layout == "kinerja":
            plan = renderer.with_content(slide.content).plan("kinerja", size)
            shown += [
                " ".join(line.text for line in i.lines)
                for i in plan.items
                if isinstance(i, TextItem) and i.layer.endswith(".label")
            ]
    assert sorted(shown) == sorted(s.label for s in KECAMATAN)


@pytest.mark.parametrize("layout", ["rekap-rilis", "rekap", "poin", "penutup", "rilis"])
def test_text_stays_out_of_the_safe_zones_on_a_short_canvas(layout: str) -> None:
    # Found by the layout property in CI: on a near-square canvas with story zones, the recap
    # slide's date line ran into the bottom zone.
    brand, unit = kit()
    card = content("rilis", title="0 0 000 00000 0000000000", summary="0", unit_name="0")
    renderer = CardRenderer(card, brand, unit)  # type: ignore[arg-type]
    canvas = ImageSize("feed", 692, 693, 57, 57)
    for item in renderer.plan(layout, canvas).items:
        if isinstance(item, TextItem):
            assert item.box.y0 >= 57 - 0.5 and item.box.y1 <= 693 - 57 + 0.5, item.layer
