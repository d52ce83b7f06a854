"""Issue 12, items 2 and 10: no content dropped silently, carousels that do not read as generated.

Every agenda item, schedule row, figure and highlight is on some image of its release (read from
the alt texts the release writes); a card that shows fewer says "+N" and where the rest are; the
rows of agenda and pengumuman cards are as tall as their text, inside their white cards; a
carousel is made only when it adds slides worth swiping, shows the headline once, and takes its
points from what adds to the headline; a recap of one release is refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from cardkit import SIZES, content, kit
from conftest import EXAMPLES, Workspace, invoke_cli
from humaskit import render
from humaskit.cards.carousel import fit_carousel, release_slides, worth_swiping
from humaskit.cards.content import CardContent, agenda_views
from humaskit.cards.points import duplicates, key_points, points_label, restates
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.geometry import Canvas
from humaskit.layout.loader import parse_layout
from humaskit.layout.plan import FillItem, Plan, TextItem
from humaskit.layout.planner import plan_layout
from humaskit.model.body import parse_body
from humaskit.model.brand import load_brand
from humaskit.model.entries import AgendaItem
from humaskit.model.platforms import ImageSize, load_platforms
from humaskit.model.release import Release, load_release, resolve_unit
from humaskit.pipeline.carousels import elsewhere_where, release_carousels, rest_where
from humaskit.pipeline.images import card_content

EVENTS = [
    ("2024-09-09", "08.00", "Perekaman KTP elektronik dan KIA", "Balai Desa Bangkleyan, Jati"),
    ("2024-09-10", "08.30", "Konsultasi aduan warga SP4N-LAPOR!", "Aula Kantor Kecamatan Cepu"),
    ("2024-09-11", "09.00", "Pelatihan admin medsos desa gelombang 1", "Pendopo Rumah Dinas"),
    (
        "2024-09-12",
        "09.00",
        "Pelatihan admin medsos desa gelombang 2",
        "Aula Kecamatan Randublatung",
    ),
    (
        "2024-09-13",
        "13.00",
        "Pemeriksaan kesehatan gratis dan posyandu lansia",
        "Puskesmas Kunduran",
    ),
    ("2024-09-14", "07.00", "Kerja bakti dan penanaman pohon", "Waduk Greneng, Tunjungan"),
    ("2024-09-16", "09.00", "Sosialisasi Identitas Kependudukan Digital bagi perangkat desa", None),
    ("2024-09-17", "10.00", "Bazar UMKM desa", "Alun-alun Blora"),
    ("2024-09-18", "19.30", "Pentas seni barongan", "Gedung Sasana Bhakti Praja Blora"),
]
SCHEDULE_BODY = (
    "Layanan ini gratis bagi warga yang belum merekam KTP-el.\n\n"
    "Jadwal layanan, pukul 08.00–14.00 WIB:\n\n"
    + "".join(
        f"- {day}: Kantor Kecamatan {place}\n"
        for day, place in [
            ("Senin, 8 Juli 2024", "Jati"),
            ("Selasa, 9 Juli 2024", "Randublatung"),
            ("Rabu, 10 Juli 2024", "Kradenan"),
            ("Senin, 15 Juli 2024", "Todanan"),
            ("Selasa, 16 Juli 2024", "Kunduran"),
            ("Rabu, 17 Juli 2024", "Bogorejo"),
        ]
    )
)
CAROUSEL = ImageSize("carousel", 1080, 1350)
PENGUMUMAN = {
    "when": "Setiap Sabtu, 1–29 Juni 2024, 08.00–12.00 WIB",
    "place": "Kantor Disdukcapil Blora, Jalan Pemuda Nomor 12",
    "contact": "WhatsApp 0812-0000-0000 (contoh)",
}
CELL = re.compile(r"^events\[\d+\]")


def _views() -> Any:
    return agenda_views(
        [AgendaItem(dt.date.fromisoformat(d), title, t, p) for d, t, title, p in EVENTS]
    )


def _agenda_release(workspace: Workspace, count: int, name: str = "") -> Path:
    events = [
        {"date": d, "time": t, "title": title, **({"place": p} if p else {})}
        for d, t, title, p in EVENTS[:count]
    ]
    return workspace.release(
        name or f"rilis/2024-09-02-agenda-{count}.md",
        kind="agenda",
        date="2024-09-02",
        title=f"Agenda Layanan Keliling Pekan Ini ({count} kegiatan)",
        agenda=events,
        body="Layanan keliling ini terbuka untuk semua warga.\n",
    )


def _loaded(path: Path) -> tuple[Release, CardContent, CardRenderer]:
    release, brand = load_release(path), load_brand()
    unit = resolve_unit(release, brand)
    base = card_content(release, brand, unit)
    return release, base, CardRenderer(base, brand, unit)


def _carousel(path: Path, platform: str = "instagram") -> Any:
    release, base, renderer = _loaded(path)
    brand = load_brand()
    unit = resolve_unit(release, brand)
    rules = load_platforms()
    return release_carousels(release, base, brand, unit, [rules[platform]], None, None, renderer)


def _alts(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.alt.txt")))


def _manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return data


def _texts(plan: Plan, prefix: str) -> list[TextItem]:
    return [i for i in plan.items if isinstance(i, TextItem) and i.layer.startswith(prefix)]


# --- rows as tall as their text -------------------------------------------------------------------


def _cells(plan: Plan, group: str) -> Iterator[tuple[FillItem, list[TextItem]]]:
    index = 1
    while True:
        prefix = f"{group}[{index}]."
        cards = [i for i in plan.items if isinstance(i, FillItem) and i.layer in (prefix + "card",)]
        if not cards:
            return
        yield cards[0], _texts(plan, prefix)
        index += 1


@pytest.mark.parametrize("size", [*SIZES[:3], CAROUSEL], ids=lambda s: s.variant)
@pytest.mark.parametrize(
    ("layout", "group"),
    [("agenda", "events"), ("pengumuman", "facts")],
    ids=["agenda", "pengumuman"],
)
def test_rows_hold_their_text_and_share_one_spacing(
    layout: str, group: str, size: ImageSize
) -> None:
    brand, unit = kit()
    changes = {"agenda": _views()} if layout == "agenda" else PENGUMUMAN
    renderer = CardRenderer(content(layout, **changes), brand, unit, sizes=[size])  # type: ignore[arg-type]
    plan = renderer.plan(layout, size)
    cells = list(_cells(plan, group))
    assert len(cells) >= 2, "at least two rows fit every portrait and square card"
    for card, texts in cells:
        for text in texts:  # the place line too: inside its white card, not hanging below it
            assert card.box.contains(text.box), (text.layer, text.box, card.box)
        top = min(t.box.y0 for t in texts) - card.box.y0
        bottom = card.box.y1 - max(t.box.y1 for t in texts)
        assert bottom >= top - 1, "as much room under the lowest text as above the highest"
    gaps = [b.box.y0 - a.box.y1 for (a, _ta), (b, _tb) in itertools.pairwise(cells)]
    assert max(gaps) - min(gaps) < 1, gaps


@pytest.mark.parametrize("count", [1, 2, 5, 9])
@pytest.mark.parametrize("size", SIZES[3:], ids=lambda s: s.variant)
def test_landscape_events_sit_between_the_headline_and_the_foot(
    size: ImageSize, count: int
) -> None:
    """The link and X cards (their own layouts through templates/sets.yaml): with a headline of
    three lines, the event tiles and the announcement's rows overlap neither it nor the foot."""
    brand, unit = kit()
    for layout, group, changes in (
        ("agenda-lanskap", "events", {"agenda": _views()[:count]}),
        ("pengumuman-lanskap", "facts", PENGUMUMAN),
    ):
        renderer = CardRenderer(content("agenda", **changes), brand, unit, sizes=[size])  # type: ignore[arg-type]
        plan = renderer.plan(layout, size)
        boxes = {i.layer: i.box for i in plan.items}
        cells = [b for name, b in boxes.items() if name.startswith(f"{group}[")]
        assert cells, layout
        headline, footer = boxes["headline"], boxes["footer"]
        for cell in cells:
            assert size.height >= cell.y1 and cell.x1 <= size.width, (layout, cell)
            if cell.x0 < headline.x1:  # under the headline, not beside it
                assert cell.y0 >= headline.y1, (layout, cell, headline)
            if cell.x0 < footer.x1:
                assert cell.y1 <= footer.y0, (layout, cell, footer)


def test_rows_that_do_not_fit_are_counted_for_the_line_under_them() -> None:
    views = _views()
    brand, unit = kit()
    card = content("agenda", agenda=views, more_where="di keterangan")
    plan = CardRenderer(card, brand, unit, sizes=SIZES).plan("agenda", SIZES[0])  # type: ignore[arg-type]
    shown = dict(plan.shown)["events"]
    assert 2 <= shown < len(views)
    assert len(list(_cells(plan, "events"))) == shown
    (more,) = _texts(plan, "more")
    assert " ".join(line.text for line in more.lines) == (
        f"+{len(views) - shown} agenda lain di keterangan"
    )
    last_card = list(_cells(plan, "events"))[-1][0]
    assert more.box.y0 > last_card.box.y1  # under the rows, above the rule
    (rule,) = [i for i in plan.items if isinstance(i, FillItem) and i.layer == "rule"]
    assert more.box.y1 < rule.box.y0


# --- key points -----------------------------------------------------------------------------------


def test_a_sentence_that_restates_the_headline_is_no_point() -> None:
    title = "Capaian Posyandu di Kecamatan Jepon Januari–Mei 2024"
    assert restates(
        "Dinas Kesehatan Kabupaten Blora merangkum capaian posyandu di Kecamatan Jepon selama "
        "Januari hingga Mei 2024.",
        [title],
    )
    assert not restates("Dari 62 posyandu, 58 aktif melayani warga setiap bulan.", [title])
    body = parse_body(
        "Dinas Kesehatan Kabupaten Blora merangkum capaian posyandu di Kecamatan Jepon selama "
        "Januari hingga Mei 2024. Kalimat kedua.\n\n"
        "Dari 62 posyandu, 58 aktif melayani warga setiap bulan.\n\n"
        "Orang tua diimbau membawa balita ke posyandu setiap bulan.\n\n"
        "*Catatan: angka dalam rilis ini adalah data contoh.*\n"
    )
    assert key_points(body, "", [title]) == (
        "Dari 62 posyandu, 58 aktif melayani warga setiap bulan.",
        "Orang tua diimbau membawa balita ke posyandu setiap bulan.",
    )


def test_thanks_and_sign_offs_are_no_key_points() -> None:
    body = parse_body(
        "Petugas menambal enam lubang pada 12 Juni 2024.\n\n"
        "Terima kasih kepada warga yang melapor. Laporan lain dapat dikirim lewat SP4N-LAPOR!.\n\n"
        "Demikian informasi ini kami sampaikan.\n\n"
        "Warga diminta melapor bila menemukan kerusakan jalan.\n"
    )
    assert key_points(body, "", ["Aduan Jalan Berlubang Sudah Ditambal"]) == (
        "Petugas menambal enam lubang pada 12 Juni 2024.",
        "Warga diminta melapor bila menemukan kerusakan jalan.",
    )


def test_list_items_end_alike() -> None:
    mixed = parse_body(
        "Hasilnya:\n\n- Akun dikelola lebih rapi\n- Desa menyusul\n- Pelatihan digelar.\n"
    )
    assert key_points(mixed, "", []) == (
        "Akun dikelola lebih rapi",
        "Desa menyusul",
        "Pelatihan digelar",
    )
    # Items that all end in a full stop keep it; an item of two sentences keeps its own.
    stops = parse_body("Hasilnya:\n\n- Akun dikelola. Lebih rapi.\n- Desa menyusul\n")
    assert key_points(stops, "", []) == ("Akun dikelola. Lebih rapi.", "Desa menyusul")
    same = parse_body("Hasilnya:\n\n- Akun dikelola.\n- Desa menyusul.\n")
    assert key_points(same, "", []) == ("Akun dikelola.", "Desa menyusul.")


def test_list_items_are_kept_unless_the_cover_shows_them_already() -> None:
    body = parse_body(SCHEDULE_BODY)
    summary = "Layanan perekaman KTP-el di enam kantor kecamatan pada 8–17 Juli 2024."
    # Short schedule rows share words with the summary, yet each adds a date and a place.
    assert len(key_points(body, summary, ["Layanan Jemput Bola di Kantor Kecamatan"])) == 6
    highlight = "Menyusuri pematang sawah dan belajar menanam padi bersama petani."
    assert duplicates(
        "🌾 menyusuri pematang sawah dan belajar menanam padi bersama petani", [highlight]
    )
    listed = parse_body(f"Rute:\n\n- 🌾 {highlight.lower()}\n- bersepeda ke hutan jati\n")
    assert key_points(listed, "", [highlight]) == ("Bersepeda ke hutan jati",)


def test_a_sentence_too_long_for_a_point_is_left_out_not_cut() -> None:
    long = "Bupati menegaskan " + "bahwa keterbukaan informasi adalah pelayanan " * 5 + "prima."
    body = parse_body(f"{long}\n\nSetiap OPD rutin membagikan kegiatannya.\n")
    assert key_points(body) == ("Setiap OPD rutin membagikan kegiatannya.",)


@pytest.mark.parametrize(
    ("body", "label"),
    [
        (SCHEDULE_BODY, "Jadwal layanan, pukul 08.00–14.00 WIB"),
        ("Peserta dua orang. Materi pelatihan meliputi:\n\n- satu\n- dua\n", "Materi pelatihan"),
        ("Yang perlu dilakukan warga:\n\n- satu\n- dua\n", "Yang perlu dilakukan warga"),
        ("Pembuka.\n\n- satu\n- dua\n", "Yang perlu diketahui"),
        ("Satu.\n\nDua.\n", "Yang perlu diketahui"),
        ("Daftar:\n\n- satu\n\nSela.\n\n- dua\n", "Yang perlu diketahui"),
    ],
)
def test_key_point_slides_are_labelled_by_the_sentence_that_introduces_the_list(
    body: str, label: str
) -> None:
    assert points_label(parse_body(body)) == label


# --- slides ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [6, 9])
def test_every_event_is_on_one_slide_in_order(workspace: Workspace, count: int) -> None:
    (carousel,) = _carousel(_agenda_release(workspace, count)).values()
    events = [s for s in carousel.slides if s.layout == "agenda"]
    titles = [e.title for s in events for e in s.content.agenda]
    assert titles == [title for _d, _t, title, _p in EVENTS[:count]]
    cover, *pages = events
    assert cover.role == "cover" and not cover.content.section
    assert cover.content.agenda_rest == count - len(cover.content.agenda)
    assert cover.content.more_where == "di slide berikutnya"
    for page in pages:  # labelled by the dates it shows ("Agenda 13–14 September 2024")
        first, last = page.content.agenda[0], page.content.agenda[-1]
        assert page.content.section == page.content.title
        assert page.content.section.startswith(f"Agenda {first.day}")
        assert page.content.section.endswith(last.date_short)
    # The pages share the events evenly: no page of one event after pages of three.
    sizes = [len(p.content.agenda) for p in pages]
    assert max(sizes) - min(sizes) <= 1
    assert pages[-1].content.agenda_rest == 0 and pages[-1].content.more_where == ""


def test_the_cover_and_the_event_slides_share_the_events_evenly(workspace: Workspace) -> None:
    # Six events where the cover and a slide fit four each: 3 and 3, not 4 and 2 (half the
    # second slide empty, round 5).
    release, base, _renderer = _loaded(_agenda_release(workspace, 6))
    slides = release_slides(
        release, base, brand=load_brand(), platform="instagram", account_lines=(), shows=None
    )
    assert [len(s.content.agenda) for s in slides if s.role in ("cover", "agenda")] == [3, 3]


def test_a_trimmed_carousel_says_where_the_left_out_events_are(workspace: Workspace) -> None:
    release, base, _renderer = _loaded(_agenda_release(workspace, 9))
    brand = load_brand()
    slides = release_slides(
        release, base, brand=brand, platform="instagram", account_lines=(), shows=None
    )
    kept = fit_carousel(slides, 3, rest_where="di keterangan")
    assert [s.role for s in kept.slides] == ["cover", "agenda", "closing"]
    page = kept.slides[1].content
    cover = len(kept.slides[0].content.agenda)
    assert page.agenda_rest == 9 - cover - len(page.agenda) and page.more_where == "di keterangan"
    assert kept.slides[0].content.more_where == "di slide berikutnya"


def test_the_headline_is_the_covers_alone(workspace: Workspace) -> None:
    path = workspace.release(
        body=SCHEDULE_BODY,
        quote={"text": "Kami jemput bola.", "by": "Kepala Disdukcapil"},
        stats=[{"label": f"Angka {i}", "value": i + 1} for i in range(8)],
    )
    (carousel,) = _carousel(path).values()
    title = load_release(path).title
    # The closing slide shows the accounts and the complaint channels, never a title.
    inner = [s for s in carousel.slides if s.role not in ("cover", "closing")]
    assert carousel.slides[0].content.title == title
    assert [s.role for s in inner] == ["points", "points", "quote", "stats", "stats"]
    assert all(s.content.title != title for s in inner)
    assert all(s.content.section == s.content.title for s in inner)
    points = [s for s in inner if s.role == "points"]
    assert [s.content.title for s in points] == [
        "Jadwal layanan, pukul 08.00–14.00 WIB",
        "Jadwal layanan, pukul 08.00–14.00 WIB (lanjutan)",
    ]
    # Six rows on two slides of three, the second numbered on from the first.
    assert [(len(s.content.points), s.content.points_from) for s in points] == [(3, 1), (3, 4)]


def test_figure_slides_follow_a_figures_cover_at_once_on_one_scale(workspace: Workspace) -> None:
    stats = [{"label": f"Angka {i}", "value": (i + 1) * 10} for i in range(12)]
    path = workspace.release(kind="kinerja", body=SCHEDULE_BODY, stats=stats)
    (carousel,) = _carousel(path).values()
    roles = [s.role for s in carousel.slides]
    assert roles[:2] == ["cover", "stats"] and roles[-1] == "closing"
    figures = [s.content.stats for s in carousel.slides[:2]]
    assert [len(f) for f in figures] == [6, 6]
    assert [v.label for f in figures for v in f] == [s["label"] for s in stats]
    # One scale for the carousel: the largest figure of all is the only full bar.
    assert max(v.share for v in figures[0]) < 1.0 == max(v.share for v in figures[1])


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "kutipan", "quote": {"text": "Kita bekerja untuk warga.", "by": "Bupati"}},
        {"body": "Satu paragraf saja.\n"},
    ],
    ids=["quote-card", "nothing-to-add"],
)
def test_no_carousel_that_adds_only_the_closing_slide(
    workspace: Workspace, fields: dict[str, Any]
) -> None:
    path = workspace.release(**fields)
    release, base, _renderer = _loaded(path)
    slides = release_slides(
        release, base, brand=load_brand(), platform="instagram", account_lines=()
    )
    assert [s.role for s in slides] == ["cover", "closing"] and not worth_swiping(slides)
    assert _carousel(path) == {}
    out = workspace.root / "out"
    result = invoke_cli("render", path, "--out", out, "-p", "instagram")
    assert result.exit_code == 0, result.output
    assert not list(out.rglob("carousel-*")), "no carousel files"


# --- where the rest are ---------------------------------------------------------------------------


def test_a_card_points_to_the_caption_only_when_the_caption_lists_the_rest(
    workspace: Workspace,
) -> None:
    release = load_release(_agenda_release(workspace, 6))
    titles = "\n".join(e.title for e in release.agenda)
    assert rest_where(release, f"Agenda\n{titles}", "feed") == "di keterangan"
    assert rest_where(release, "Agenda tanpa daftar", "feed") == ""
    assert rest_where(release, f"Agenda\n{titles}", "story") == ""  # a story has no caption
    # ... but where the platform's feed post is a carousel, its slides page through them all
    assert rest_where(release, None, "story", feed_carousel=True) == "di unggahan feed"
    linked = dataclasses.replace(release, link="https://contoh.blorakab.go.id/agenda")
    # a status has no caption either, and no feed carousel: the site of the release's link
    assert rest_where(linked, None, "status") == "di contoh.blorakab.go.id"
    assert rest_where(linked, "🔗 Selengkapnya: https://contoh.blorakab.go.id/agenda", "post") == (
        "di tautan"
    )
    # neither a caption that lists them nor a link: the account whose carousel shows them all
    assert rest_where(release, "Agenda", "post", elsewhere="di Instagram @a") == "di Instagram @a"
    assert rest_where(release, None, "status", elsewhere="di Instagram @a") == "di Instagram @a"
    assert rest_where(linked, None, "status", elsewhere="di Instagram @a") == (
        "di contoh.blorakab.go.id"
    )
    rules = load_platforms(None)
    handles = {"instagram": "@contoh.dpmdblora", "whatsapp": "0800-0000"}.get
    assert elsewhere_where(release, [rules["instagram"]], None, handles) == (
        "di Instagram @contoh.dpmdblora"
    )
    assert elsewhere_where(release, [rules["whatsapp"], rules["x"]], None, handles) == ""


@pytest.fixture(scope="module")
def agendas(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The 6- and 9-event agendas rendered for every platform."""
    workspace = Workspace(tmp_path_factory.mktemp("agendas") / "ws")
    paths = {n: _agenda_release(workspace, n) for n in (6, 9)}
    report = render(list(paths.values()), workspace.root / "out")
    folders = {}
    for n, path in paths.items():
        (result,) = [r for r in report.results if r.source == path]
        assert result.status == "rendered" and result.out_dir is not None, result.message
        folders[n] = result.out_dir
    return folders


@pytest.mark.parametrize("count", [6, 9])
def test_every_event_is_in_some_alt_text(agendas: dict[int, Path], count: int) -> None:
    alts = _alts(agendas[count])
    for _d, _t, title, _p in EVENTS[:count]:
        assert title in alts, title


def _events_on(image: dict[str, Any]) -> int:
    return len({m.group(0) for t in image["text_layers"] if (m := CELL.match(t["layer"]))})


def _more_line(image: dict[str, Any]) -> str:
    lines = [" ".join(t["lines"]) for t in image["text_layers"] if t["layer"] == "more"]
    return lines[0] if lines else ""


@pytest.mark.parametrize("count", [6, 9])
def test_a_card_that_shows_fewer_events_says_how_many_and_where(
    agendas: dict[int, Path], count: int
) -> None:
    folder = agendas[count]
    manifest = _manifest(folder)
    titles = [title for _d, _t, title, _p in EVENTS[:count]]
    captions = {
        a["platform"]: (folder / a["path"]).read_text(encoding="utf-8")
        for a in manifest["artifacts"]
        if a["type"] == "caption"
    }
    images = [a for a in manifest["artifacts"] if a["type"] == "image"]
    in_caption = {pid for pid, text in captions.items() if all(t in text for t in titles)}
    for image in (a for a in images if not a.get("slide")):
        shown = _events_on(image)
        assert shown >= 1, image["path"]
        line = _more_line(image)
        if shown == count:  # the date tiles of a landscape card: every date, titles elsewhere
            assert image["template"] == "agenda-lanskap", image["path"]
            assert re.fullmatch(r"Rincian acara di (keterangan|tautan|Instagram @\S+)", line)
            continue
        assert line.startswith(f"+{count - shown} agenda lain"), (image["path"], line)
        if image["variant"] in ("story", "status"):  # posted without a caption
            # a story points to the feed post where that is a carousel (checked below to show
            # every event), else to the Instagram account, whose carousel does
            feed = any(a["platform"] == image["platform"] and a.get("slide") for a in images)
            where = " di unggahan feed" if feed else " di Instagram @contoh.dinkominfoblora"
            assert line == f"+{count - shown} agenda lain{where}", image["path"]
        elif image["platform"] in in_caption:
            assert line == f"+{count - shown} agenda lain di keterangan", image["path"]
    # The carousel: each events slide says how many come after it, and that the next slide
    # shows them; the last one shows the rest.
    slides = sorted(
        (a for a in images if a["platform"] == "instagram" and a.get("slide")),
        key=lambda a: a["slide"],
    )
    events = [a for a in slides if a["template"] == "agenda"]
    seen = 0
    for slide in events[:-1]:
        seen += _events_on(slide)
        assert _more_line(slide) == f"+{count - seen} agenda lain di slide berikutnya →"
    assert seen + _events_on(events[-1]) == count and _more_line(events[-1]) == ""


# --- recap ----------------------------------------------------------------------------------------


def test_a_recap_of_one_release_says_so_and_makes_nothing(workspace: Workspace) -> None:
    workspace.release("rilis/2024-05-08-latihan.md", date="2024-05-08", title="Pelatihan")
    out = workspace.root / "out"
    result = invoke_cli(
        "--lang", "en", "recap", workspace.root / "rilis", "--unit", "dinkominfo",
        "--week", "2024-W19", "--out", out,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "only one press release" in result.stderr
    assert "rilis/2024-05-08-latihan.md" in result.stderr and "two or more" in result.stderr
    assert not out.exists()


def test_a_recap_posted_alone_on_a_story_lists_the_week(workspace: Workspace) -> None:
    for day, title in (("06", "Rapat Koordinasi"), ("08", "Pelatihan Admin Desa")):
        workspace.release(f"rilis/2024-05-{day}-r.md", date=f"2024-05-{day}", title=title)
    out = workspace.root / "out"
    result = invoke_cli(
        "recap", workspace.root / "rilis", "--unit", "dinkominfo", "--week", "2024-W19",
        "--out", out, "-p", "whatsapp",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    alt = (out / "rekap-dinkominfo-2024-w19" / "whatsapp" / "status.alt.txt").read_text("utf-8")
    assert "Senin, 6 Mei — Rapat Koordinasi" in alt and "Rabu, 8 Mei — Pelatihan Admin Desa" in alt


# --- the examples and the specimens (slow: every platform of every one) ---------------------------


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Release, Path]]:
    from humaskit.tools.preview import write_specimen_workspace

    tmp = tmp_path_factory.mktemp("all")
    specimens = write_specimen_workspace(tmp / "spesimen")
    report = render([*specimens, EXAMPLES / "rilis"], tmp / "out")
    out = []
    for result in report.results:
        assert result.status == "rendered" and result.out_dir is not None, result.message
        out.append((load_release(result.source), result.out_dir))
    return out


def _listed(release: Release) -> Sequence[str]:
    """What must be on some image: events, figures, highlights, and the rows of a schedule."""
    rows = [b.text() for b in release.body.points] if release.kind == "pengumuman" else []
    return [
        *(e.title for e in release.agenda),
        *(s.label for s in release.stats),
        *release.highlights,
        *(r.rstrip(";.,") for r in rows),
    ]


@pytest.mark.slow
def test_every_item_of_every_example_and_specimen_is_in_some_alt_text(
    everything: list[tuple[Release, Path]],
) -> None:
    missing = []
    for release, folder in everything:
        alts = _alts(folder).casefold()
        missing += [f"{folder.name}: {t}" for t in _listed(release) if t.casefold() not in alts]
    assert not missing, "\n".join(missing)


@pytest.mark.slow
def test_every_carousel_shows_the_headline_once(everything: list[tuple[Release, Path]]) -> None:
    for release, folder in everything:
        slides = [
            a
            for a in _manifest(folder)["artifacts"]
            if a.get("variant") == "carousel" and a["platform"] == "instagram"
        ]
        if not slides:
            continue
        assert len(slides) >= 3, f"{folder.name}: a carousel adds more than the closing slide"
        title = " ".join(release.title.split())
        with_title = [
            a["path"]
            for a in slides
            if title in " ".join(" ".join(t["lines"]) for t in a["text_layers"]).replace("- ", "-")
            or title in " ".join(line for t in a["text_layers"] for line in t["lines"])
        ]
        assert len(with_title) <= 1, (folder.name, with_title)


# The tallest empty band an inner slide may leave between two of its texts (header, content and
# foot), at 1080×1350: a larger one reads as a layout left half done (issue 12, item 9).
MAX_BAND = 200


def _largest_band(layers: Sequence[dict[str, Any]]) -> tuple[float, str, str]:
    """The tallest vertical gap between the texts of an image (by their boxes), and the layers
    above and below it."""
    spans = sorted((t["box"][1], t["box"][3], t["layer"]) for t in layers)
    best: tuple[float, str, str] = (0.0, "", "")
    bottom, above = spans[0][1], spans[0][2]
    for y0, y1, name in spans[1:]:
        if y0 - bottom > best[0]:
            best = (y0 - bottom, above, name)
        if y1 > bottom:
            bottom, above = y1, name
    return best


def test_the_band_measure_finds_the_gap_between_texts() -> None:
    layers = [
        {"layer": "unit", "box": [0, 90, 400, 164]},
        {"layer": "slide-number", "box": [900, 117, 998, 145]},
        {"layer": "heading", "box": [60, 528, 600, 588]},
        {"layer": "point1", "box": [170, 600, 900, 838]},
        {"layer": "footer", "box": [60, 1258, 300, 1285]},
    ]
    assert _largest_band(layers) == (420, "point1", "footer")


@pytest.mark.slow
def test_inner_slides_leave_no_empty_band(everything: list[tuple[Release, Path]]) -> None:
    """Every slide after the cover of every example hangs its content from the header and
    fills the room: no empty band over MAX_BAND px (at 1350 px high) between header, content
    and foot, and no text under the floor of 2.4 % of the width."""
    examples = {p.stem for p in (EXAMPLES / "rilis").glob("*.md")}
    bands = []
    for _release, folder in everything:
        if folder.name not in examples:
            continue
        for image in _manifest(folder)["artifacts"]:
            if image.get("variant") != "carousel" or image.get("slide", 1) == 1:
                continue
            if image["platform"] != "instagram" or image["path"].startswith("rekap"):
                continue
            layers = image["text_layers"]
            gap, above, below = _largest_band(layers)
            if gap > MAX_BAND * image["height"] / 1350:
                bands.append(f"{folder.name}/{image['path']}: {gap:.0f} px {above}→{below}")
            small = [t["layer"] for t in layers if t["size"] < 0.024 * image["width"] - 0.5]
            assert not small, (folder.name, image["path"], small)
    assert not bands, "\n".join(bands)


GROWING = """\
layers:
  - id: block
    type: group
    valign: {valign}
    grow: 2
    box: {{left: 10px, right: 10px, top: 100px, bottom: 500px}}
    layers:
      - id: a
        type: text
        text: "{{{{ title }}}}"
        size: 20px
        max_lines: 12
        box: {{left: 0, right: 0, top: 0, height: 700px}}
      - id: b
        type: text
        text: "b"
        size: 10px
        box: {{left: 0, right: 0, below: a, gap: 10px, height: 10px}}
"""


class _HalfEm:
    def advance(self, text: str, font: str) -> float:
        return 0.5 * len(text)

    def vmetrics(self, font: str) -> tuple[float, float]:
        return 0.9, 0.2


def _grown(title: str, valign: str = "top") -> dict[str, TextItem]:
    layout = parse_layout(GROWING.format(valign=valign), "grow.yaml")
    plan = plan_layout(
        layout,
        Canvas(400, 1000),
        values={"title": title},
        colors={"text_on_dark": "#FFFFFF", "background": "#F5F1E6"},
        measurer=_HalfEm(),
    )
    return {i.layer: i for i in plan.items if isinstance(i, TextItem)}


def test_a_growing_group_sets_a_short_block_larger_up_to_its_cap() -> None:
    short = _grown("Dua kata")
    a, b = short["a"], short["b"]
    assert a.size == 40 and b.size == 20  # twice the size: the cap, the box has room
    assert b.box.y0 - a.box.y1 == pytest.approx(20)  # its gaps grow with it


def test_a_growing_group_grows_only_as_far_as_its_box_allows() -> None:
    words = " ".join(["kata"] * 60)
    grown = _grown(words)
    a, b = grown["a"], grown["b"]
    assert 20 < a.size < 40
    assert b.box.y1 <= 500.5 and not a.truncated
    assert b.box.y1 > 400  # it grew until the block nearly fills the box (at 1×: ~310)


def test_an_upper_group_keeps_a_third_of_the_room_above_it() -> None:
    grown = _grown(" ".join(["kata"] * 60), valign="upper")
    above = grown["a"].box.y0 - 100
    below = 500 - grown["b"].box.y1
    assert above == pytest.approx((above + below) / 3, abs=0.5)
