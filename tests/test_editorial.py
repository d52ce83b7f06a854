"""Captions an editor would sign (issue 13, points 1-6), each as a class.

The link stays on platforms that show links; a lead is never a stub and never cut just before
its figure; the release's topic is among the hashtags; a summary restated by the first paragraph
is printed once; WhatsApp bold survives a line break in the source; every caption and image
shows its own platform's handle, checked by that platform's rules; a unit without accounts says
so on its closing slide; the limit holds for the caption file as a person copies it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import EXAMPLES, Workspace
from humaskit.errors import BrandError
from humaskit.model.body import parse_body
from humaskit.model.brand import BRAND_FILE, UNITS_FILE, Brand, load_brand
from humaskit.model.handles import HANDLE_RULES, followable, handle_problem, normalize_handle
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release
from humaskit.pipeline.period import parse_week
from humaskit.pipeline.recap_caption import recap_caption
from humaskit.text.captions import build_captions
from humaskit.text.counting import count_length
from humaskit.text.fitting import LEAD_MIN_WORDS, caption_file
from humaskit.text.repetition import restates
from humaskit.text.shortening import ELLIPSIS, shorten

pytestmark = pytest.mark.usefixtures("english")

WriteRelease = Callable[..., Path]
RULES = load_platforms()
RILIS = EXAMPLES / "rilis"
STUDI_TIRU = RILIS / "2024-05-10-studi-tiru-medsos.md"
KINERJA = RILIS / "2024-06-03-kinerja-posyandu.md"
AGENDA = RILIS / "2024-05-14-agenda-pelatihan-admin-desa.md"
POTENSI = RILIS / "2024-08-20-potensi-desa-wisata.md"
EXAMPLE_FILES = sorted(RILIS.glob("*.md"))
LINKED_EXAMPLES = [p for p in EXAMPLE_FILES if load_release(p).link]
LINK_PLATFORMS = [pid for pid, rule in RULES.items() if rule.shows_links]
FIGURE = re.compile(r"^(?:rp\.?)?\d", re.IGNORECASE)


@pytest.fixture(scope="module")
def brand() -> Brand:
    return load_brand()


def _limited(platform: str, limit: int) -> dict[str, object]:
    return {platform: replace(RULES[platform], caption_limit=limit)}


# --- 1. the link, the lead stub, the cut before a figure ---------------------------------------


@pytest.mark.parametrize("path", LINKED_EXAMPLES, ids=lambda p: p.stem)
def test_x_keeps_the_link_of_every_example(path: Path, brand: Brand) -> None:
    release = load_release(path)
    caption = build_captions(release, brand, platforms=["x"])["x"]
    assert release.link and release.link in caption.text
    assert "link" not in caption.dropped


@pytest.mark.parametrize("platform", LINK_PLATFORMS)
def test_the_link_stays_while_title_link_and_complaint_fit(
    write_release: WriteRelease, brand: Brand, platform: str
) -> None:
    link = "https://contoh.blorakab.go.id/berita/2024/05/kunjungan"
    title = "Pemerintah Desa Bangkleyan Menerima Kunjungan Kerja " + "Rombongan Besar " * 4
    lead = "Pemerintah Desa Bangkleyan menerima kunjungan kerja dari rombongan kecamatan " * 2
    release = load_release(write_release(title=title.strip(), summary=lead.strip(), link=link))
    full = build_captions(release, brand, platforms=[platform])[platform]
    # the smallest limit that holds the title, the link and the compact complaint line
    bare = build_captions(
        release, brand, platforms=[platform], platform_rules=_limited(platform, full.length)
    )[platform]
    link_line = "🔗 Selengkapnya: " + link
    for limit in range(full.length, 60, -17):
        rules = _limited(platform, limit)
        caption = build_captions(release, brand, platforms=[platform], platform_rules=rules)[
            platform
        ]
        if link in caption.text:
            continue
        # the link went only because it did not fit: the caption without any lead but with
        # the link would be too long
        kept = [p for p in caption.text.split("\n\n") if not p.startswith(lead[:30])]
        with_link = "\n\n".join([*kept[:-1], link_line, kept[-1]])
        assert count_length(caption_file(with_link), RULES[platform]) > limit, limit
    assert link in bare.text


@pytest.mark.parametrize("limit", range(150, 281, 7))
def test_a_lead_is_never_a_stub(write_release: WriteRelease, brand: Brand, limit: int) -> None:
    title = "Pemerintah Desa Bangkleyan Luncurkan Paket Wisata Edukasi Jelajah Sawah dan Hutan Jati"
    lead = (
        "Pemerintah Desa Bangkleyan menyiapkan paket jelajah sawah, hutan jati, dan kuliner "
        "desa untuk pelajar dan wisatawan akhir pekan."
    )
    release = load_release(write_release(title=title, summary=lead, link="https://contoh.go.id/a"))
    caption = build_captions(release, brand, platforms=["x"], platform_rules=_limited("x", limit))[
        "x"
    ]
    shown = [p for p in caption.text.split("\n\n") if p.startswith("Pemerintah Desa Bangkleyan me")]
    if shown:
        assert len(shown[0].split()) >= LEAD_MIN_WORDS, shown[0]
    else:
        assert "lead" in caption.dropped and "lead" not in caption.shortened


def _cut_words(original: str, short: str) -> tuple[str, str]:
    """The last word kept and the first word left out by a cut ``short`` of ``original``."""
    kept = short.removesuffix(ELLIPSIS).strip()
    rest = original[len(kept) :].split()
    return kept.split()[-1], rest[0] if rest else ""


FIGURE_LEADS = [
    "Sebanyak 1.875 balita ditimbang dan cakupan imunisasi dasar lengkap mencapai 91,3 persen "
    "di posyandu Kecamatan Jepon selama Januari–Mei 2024.",
    "Bupati meresmikan jembatan baru di Desa Sumber yang dibangun dengan biaya Rp1,2 miliar "
    "dari APBD dan ditargetkan dipakai warga sejak 1 Juli.",
    "Realisasi pajak daerah triwulan pertama tercatat sebesar 27 persen dari target tahunan, "
    "naik dari periode yang sama tahun lalu.",
]


@pytest.mark.parametrize("text", FIGURE_LEADS, ids=range(len(FIGURE_LEADS)))
def test_a_cut_never_lands_next_to_a_figure(text: str) -> None:
    for max_chars in range(10, len(text)):
        short = shorten(text, max_chars)
        assert len(short) <= max_chars
        if not short.endswith(ELLIPSIS):
            continue
        last, following = _cut_words(text, short)
        assert not FIGURE.match(following), short  # not "… mencapai…" before "91,3"
        assert not FIGURE.match(last), short  # not "… Rp1,2…" without its "miliar"


def test_a_cut_backs_off_to_the_clause_that_holds_its_figure() -> None:
    lead = FIGURE_LEADS[0]
    cut = shorten(lead, 80)
    assert cut == "Sebanyak 1.875 balita ditimbang…"  # not "… dasar lengkap mencapai…"
    assert "91,3 persen" in shorten(lead, 95)


def test_x_caption_of_the_figures_release_has_no_clause_cut_before_its_figure(
    brand: Brand,
) -> None:
    caption = build_captions(load_release(KINERJA), brand, platforms=["x"])["x"]
    assert "mencapai…" not in caption.text
    assert "91,3 persen" in caption.text or "📊" in caption.text


# --- 2. the topic in the hashtags: see test_captions.py (brand, release, unit) -----------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_caption_with_hashtags_carries_its_topic(path: Path, brand: Brand) -> None:
    release = load_release(path)
    topic = "#" + release.tags[0][:1].upper() + release.tags[0][1:]
    for pid, caption in build_captions(release, brand, platforms=list(RULES)).items():
        if caption.hashtags:
            assert topic.casefold() in {t.casefold() for t in caption.hashtags}, pid


# --- 3. the same sentence twice ------------------------------------------------------------------


def test_restates_tells_a_paraphrase_from_a_new_point() -> None:
    studi = load_release(STUDI_TIRU)
    assert restates(studi.summary, studi.body.paragraphs[0].text())
    kinerja = load_release(KINERJA)
    assert restates(kinerja.summary, kinerja.body.paragraphs[0].text())
    quote = load_release(RILIS / "2024-05-13-kutipan-keterbukaan-informasi.md")
    assert not restates(quote.summary, quote.body.paragraphs[0].text())
    hoaks = load_release(RILIS / "2024-06-10-hoaks-bantuan-kuota.md")
    assert not restates(hoaks.summary, hoaks.body.paragraphs[0].text())
    assert not restates("Rapat.", "Rapat.")  # too few words to judge


FULL_BODY_PLATFORMS = ["facebook", "whatsapp", "linkedin", "youtube"]


@pytest.mark.parametrize("path", [STUDI_TIRU, KINERJA, AGENDA], ids=lambda p: p.stem)
def test_a_restated_summary_is_printed_once(path: Path, brand: Brand) -> None:
    release = load_release(path)
    first = release.body.paragraphs[0].text()
    captions = build_captions(release, brand, platforms=[*FULL_BODY_PLATFORMS, "x", "instagram"])
    for pid in FULL_BODY_PLATFORMS:
        text = captions[pid].text
        assert release.summary not in text, pid
        assert re.sub(r"\*", "", first)[:60] in re.sub(r"\*", "", text), pid
    # where the body is not shown, the summary is the lead
    assert release.summary[:40] in captions["instagram"].text


def test_the_lead_comes_back_when_the_body_is_dropped(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    caption = build_captions(
        release, brand, platforms=["facebook"], platform_rules=_limited("facebook", 900)
    )["facebook"]
    assert "body" in caption.dropped
    assert release.summary[:50] in caption.text


# --- 4. WhatsApp bold, the recap's WhatsApp and X captions -----------------------------------


def test_whatsapp_bold_survives_a_line_break_in_the_source() -> None:
    body = parse_body(
        "menggelar **pelatihan admin medsos desa dan\nkelurahan** dalam empat gelombang"
    )
    assert body.blocks[0].text("whatsapp") == (
        "menggelar *pelatihan admin medsos desa dan kelurahan* dalam empat gelombang"
    )
    assert body.blocks[0].text() == (
        "menggelar pelatihan admin medsos desa dan kelurahan dalam empat gelombang"
    )
    # a hard line break cannot be inside WhatsApp bold: each line gets its own
    hard = parse_body("**satu dua  \ntiga**")
    assert hard.blocks[0].text("whatsapp") == "*satu dua*\n*tiga*"


def test_the_agenda_whatsapp_caption_has_one_bold_run(brand: Brand) -> None:
    text = build_captions(load_release(AGENDA), brand, platforms=["whatsapp"])["whatsapp"].text
    assert "*pelatihan admin medsos desa dan kelurahan*" in text
    assert not re.search(r"\w\* \*\w", text)


def _week(workspace: Workspace, count: int) -> list[object]:
    title = "Pemkab Blora Menggelar Kegiatan Pelayanan Publik Terpadu di Kecamatan Nomor {n}"
    return [
        load_release(
            workspace.release(
                f"rilis/r{n:02d}.md", date="2024-05-06", title=title.format(n=n), tags=["layanan"]
            )
        )
        for n in range(count)
    ]


def test_the_recap_never_asks_to_follow_a_phone_number(workspace: Workspace, brand: Brand) -> None:
    releases = _week(workspace, 2)
    unit = brand.unit("pemkab")
    assert not followable("whatsapp", brand.handles["whatsapp"])
    text, *_ = recap_caption(releases, brand, unit, RULES["whatsapp"], parse_week("2024-W19"))
    assert "Ikuti" not in text and brand.handles["whatsapp"] not in text.split("📣")[0]
    instagram, *_ = recap_caption(releases, brand, unit, RULES["instagram"], parse_week("2024-W19"))
    assert f"Ikuti {brand.handles['instagram']}" in instagram


@pytest.mark.parametrize("count", [3, 6, 14])
def test_the_recap_gives_up_complaint_details_before_hashtags(
    workspace: Workspace, brand: Brand, count: int
) -> None:
    releases = _week(workspace, count)
    unit = brand.unit("dinkominfo")
    text, _length, tags, given_up = recap_caption(
        releases, brand, unit, RULES["x"], parse_week("2024-W19")
    )
    if "hashtags" in given_up:
        assert "complaint" in given_up and given_up.index("complaint") < given_up.index("hashtags")
    if not tags:
        assert "Aduan & aspirasi" not in text
    assert "📣 Aduan" in text
    if tags:
        assert "#Layanan" in tags  # the week's topic


# --- 5. handles per platform -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "handle", "ok"),
    [
        ("x", "@contoh_blorakab", True),
        ("x", "@contoh.pemkabblora", False),  # X handles cannot hold a dot
        ("x", "@a_very_long_handle", False),  # more than 15
        ("instagram", "@contoh.pemkabblora", True),
        ("instagram", "@contoh pemkab", False),
        ("threads", "@contoh.pemkabblora", True),
        ("facebook", "@blora", True),
        ("facebook", "@bl", False),
        ("tiktok", "@blora.", False),
        ("youtube", "@contoh.pemkabblora", True),
        ("linkedin", "contoh-pemkab-blora", True),
        ("linkedin", "@contoh.pemkabblora", False),
        ("whatsapp", "0800-0000-0000 (contoh)", True),
        ("whatsapp", "+62 811 2345 6789", True),
        ("whatsapp", "https://whatsapp.com/channel/0029VaAbCdEf", True),
        ("whatsapp", "@blora", False),
        ("mastodon", "anything at all", True),  # no rule known: kept as written
    ],
)
def test_handles_follow_their_platform_rules(platform: str, handle: str, ok: bool) -> None:
    problem = handle_problem(platform, handle)
    assert (problem is None) == ok, problem
    if problem is not None:
        message, hint = problem
        assert handle in message and HANDLE_RULES[platform].name in message
        assert HANDLE_RULES[platform].example in hint


def test_handles_get_their_at_where_the_platform_writes_one() -> None:
    assert normalize_handle("x", "blorakab") == "@blorakab"
    assert normalize_handle("instagram", " @blora.kab ") == "@blora.kab"
    assert normalize_handle("linkedin", "pemkab-blora") == "pemkab-blora"
    assert normalize_handle("whatsapp", "0811-2345-6789") == "0811-2345-6789"


def _kit(tmp_path: Path, brand_yaml: str, units_yaml: str | None = None) -> Path:
    builtin = load_brand().root
    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / BRAND_FILE).write_text(brand_yaml, encoding="utf-8")
    if units_yaml is not None:
        (folder / UNITS_FILE).write_text(units_yaml, encoding="utf-8")
    assert (builtin / BRAND_FILE).is_file()
    return folder


def test_a_dotted_x_handle_in_the_brand_kit_is_refused_at_its_line(tmp_path: Path) -> None:
    builtin = (load_brand().root / BRAND_FILE).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  x: .*$", '  x: "@contoh.pemkabblora"', builtin)
    folder = _kit(tmp_path, text)
    with pytest.raises(BrandError) as caught:
        load_brand(folder)
    error = caught.value
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  x: "))
    assert error.location.file == folder / BRAND_FILE
    assert error.location.field == "handles.x" and error.location.line == line
    assert "@contoh.pemkabblora" in error.message and "15" in error.message
    assert "e.g. @" in error.hint


def test_a_unit_handle_is_checked_by_its_platform_too(tmp_path: Path) -> None:
    builtin = load_brand().root
    units = (builtin / UNITS_FILE).read_text(encoding="utf-8")
    bad = units.replace(
        'handles: {instagram: "@contoh.setdablora", facebook: "@contoh.setdablora"}',
        'handles: {instagram: "@contoh.setdablora", x: "@contoh.setdablora"}',
        1,
    )
    assert bad != units
    folder = _kit(tmp_path, (builtin / BRAND_FILE).read_text(encoding="utf-8"), bad)
    with pytest.raises(BrandError) as caught:
        load_brand(folder)
    assert caught.value.location.field == "units[setda].handles.x"
    assert caught.value.location.file == folder / UNITS_FILE


def test_every_builtin_handle_follows_its_platform(brand: Brand) -> None:
    for unit in [*brand.units(), None]:
        handles = brand.handles if unit is None else unit.handles
        for platform, handle in handles.items():
            assert handle_problem(platform, handle) is None, (platform, handle)


def test_every_image_footer_shows_its_own_platform_handle(brand: Brand) -> None:
    from humaskit.pipeline.images import check_images

    release = load_release(STUDI_TIRU)
    unit = brand.unit(release.unit)
    platforms = [RULES[p] for p in ("instagram", "x", "linkedin", "facebook")]
    _findings, shown = check_images(release, brand, unit, platforms, None)
    texts: dict[str, str] = {}
    for image, _width, _height, layers in shown:
        if "carousel" in image:
            continue  # the closing slide lists every account, each named with its platform
        texts.setdefault(image.split("/")[0], "")
        texts[image.split("/")[0]] += "\n".join(line for layer in layers for line in layer.lines)
    expected = {p.id: unit.handles.get(p.id) or brand.handles[p.id] for p in platforms}
    assert expected["x"] == "@contoh_blorakab" and "." not in expected["x"]
    for pid, handle in expected.items():
        assert handle in texts[pid], pid
        others = {h for p, h in expected.items() if h != handle}
        assert not any(h in texts[pid] for h in others), pid


DESA_BODY = "\n\n".join(
    [
        "Pemerintah Desa Bangkleyan membuka paket wisata edukasi untuk pelajar dan keluarga.",
        "- jelajah sawah dan belajar menanam padi bersama petani\n"
        "- bersepeda menyusuri jalan desa menuju hutan jati\n"
        "- mencicipi kuliner olahan jagung dan singkong",
        "Paket dapat dipesan lewat kantor desa pada hari kerja.",
    ]
)


def test_a_desa_without_accounts_says_so_on_its_closing_slide(
    write_release: WriteRelease, brand: Brand
) -> None:
    from humaskit.pipeline.images import check_images

    release = load_release(
        write_release(unit="desa-bangkleyan", title="Paket Wisata Edukasi", body=DESA_BODY)
    )
    desa = brand.unit("desa-bangkleyan")
    assert not desa.handles
    _findings, shown = check_images(release, brand, desa, [RULES["instagram"]], None)
    closing = [shown_image.layers for shown_image in shown if "carousel" in shown_image.path][-1]
    heading = next(layer for layer in closing if layer.layer.endswith("heading"))
    text = " ".join(heading.lines)
    assert text == "Desa Bangkleyan belum punya akun sendiri. Ikuti kabarnya di Pemkab Blora"
    assert not heading.truncated
    # the accounts it lists are the regency's, as the heading says
    assert any(brand.handles["instagram"] in line for layer in closing for line in layer.lines)


def test_a_unit_with_accounts_keeps_follow_us_on_its_closing_slide(
    write_release: WriteRelease, brand: Brand
) -> None:
    from humaskit.pipeline.images import check_images

    release = load_release(write_release(unit="dinkominfo", title="Paket", body=DESA_BODY))
    unit = brand.unit("dinkominfo")
    _findings, shown = check_images(release, brand, unit, [RULES["instagram"]], None)
    closing = [shown_image.layers for shown_image in shown if "carousel" in shown_image.path][-1]
    heading = next(layer for layer in closing if layer.layer.endswith("heading"))
    assert " ".join(heading.lines) == f"Ikuti kabar {unit.short_name}"


# --- 6. the whole caption file is counted ----------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_the_caption_file_as_copied_is_within_the_limit(path: Path, brand: Brand) -> None:
    for pid, caption in build_captions(load_release(path), brand, platforms=list(RULES)).items():
        copied = caption_file(caption.text)
        assert copied.endswith("\n")
        assert caption.length == count_length(copied, pid) <= RULES[pid].caption_limit, pid


def test_an_x_thread_post_file_is_within_the_limit(brand: Brand) -> None:
    caption = build_captions(load_release(STUDI_TIRU), brand, platforms=["x"], x_thread=True)["x"]
    assert len(caption.thread) > 1
    assert all(count_length(caption_file(post), "x") <= 280 for post in caption.thread)


def test_a_short_whole_sentence_is_no_stub() -> None:
    from humaskit.text.fitting import shortened_lead

    lead = (
        "Jalan desa sudah ditambal. " + "Perbaikan dikerjakan tim DPUPR selama dua hari penuh. " * 3
    )
    assert shortened_lead(lead, 40) == "Jalan desa sudah ditambal."  # four words, but whole
    assert (
        shortened_lead("Pemerintah Desa Bangkleyan menerima kunjungan kerja rombongan.", 30) == ""
    )
    assert shortened_lead(lead, None) == lead
