"""The fields of every release kind: parsing, validation, warnings, captions and scaffolds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CliResult, Workspace
from humaskit.errors import PathError, ReleaseError
from humaskit.model.release import Release, load_release
from humaskit.model.stats import MAX_STATS
from humaskit.pipeline.render import render

WriteRelease = Callable[..., Path]
RunCli = Callable[..., CliResult]

pytestmark = pytest.mark.usefixtures("english")

HOAKS: dict[str, Any] = {
    "kind": "hoaks",
    "claim": "Pendaftaran CPNS Blora dibuka lewat tautan WhatsApp berbayar.",
    "fact": "Tidak ada pendaftaran lewat WhatsApp; seleksi hanya lewat sscasn.bkn.go.id, gratis.",
    "source": "BKPSDM Kabupaten Blora",
}
ADUAN: dict[str, Any] = {
    "kind": "aduan",
    "complaint": "Jalan desa berlubang di dekat balai desa membahayakan pengendara.",
    "action": "DPUPR menambal 40 meter jalan pada 12 Juni 2024.",
    "status": "selesai",
    "ticket": "LAPOR-2024-0612",
}


def line_with(path: Path, text: str) -> int:
    """The number of the first line of ``path`` that reads ``text`` (stripped)."""
    return [line.strip() for line in path.read_text().splitlines()].index(text) + 1


def codes(release: Release) -> dict[str, set[str]]:
    """The notices of ``release`` as code → the fields they are about."""
    found: dict[str, set[str]] = {}
    for notice in release.notices:
        found.setdefault(notice.code, set()).add(notice.field or "")
    return found


# --- the fields of each kind -------------------------------------------------------------------


def test_hoaks_fields_are_read(write_release: WriteRelease) -> None:
    release = load_release(write_release(**HOAKS))
    assert release.claim == HOAKS["claim"]
    assert release.fact == HOAKS["fact"]
    assert release.source == "BKPSDM Kabupaten Blora"
    assert release.notices == ()


def test_aduan_fields_and_photos_are_read(
    workspace: Workspace, write_release: WriteRelease
) -> None:
    before = workspace.photo("foto/sebelum.jpg")
    after = workspace.photo("foto/sesudah.jpg")
    path = write_release(
        **{**ADUAN, "status": "Selesai"},  # with a capital: still the status selesai
        image_before="../foto/sebelum.jpg",
        image_after="../foto/sesudah.jpg",
    )
    release = load_release(path)
    assert (release.complaint, release.action) == (ADUAN["complaint"], ADUAN["action"])
    assert release.status == "selesai"
    assert release.ticket == "LAPOR-2024-0612"
    assert release.image_before == before.resolve()
    assert release.image_after == after.resolve()
    assert {before.resolve(), after.resolve()} <= set(release.input_files)
    assert release.notices == ()


def test_pengumuman_potensi_and_kinerja_fields_are_read(write_release: WriteRelease) -> None:
    release = load_release(
        write_release(
            kind="pengumuman",
            when="Senin–Jumat, 8–17 Juli 2024, 08.00–14.00 WIB",
            place="Kantor Kecamatan Jati",
            contact="0800-0000-0000 (contoh)",
            period="Juli 2024",
            source="Disdukcapil Blora",
        )
    )
    assert release.when == "Senin–Jumat, 8–17 Juli 2024, 08.00–14.00 WIB"
    assert release.place == "Kantor Kecamatan Jati"
    assert release.contact == "0800-0000-0000 (contoh)"
    assert (release.period, release.source) == ("Juli 2024", "Disdukcapil Blora")
    assert release.notices == ()


def test_highlights_keep_commas_and_a_single_string_is_one_item(
    workspace: Workspace, write_release: WriteRelease
) -> None:
    workspace.photo("foto/desa.jpg")
    listed = load_release(
        write_release(
            kind="potensi",
            image="../foto/desa.jpg",
            image_alt="Sawah",
            highlights=["Jelajah sawah, hutan jati, dan sungai", "  ", "Kuliner jagung", 2024],
        )
    )
    assert listed.highlights == ("Jelajah sawah, hutan jati, dan sungai", "Kuliner jagung", "2024")
    assert listed.notices == ()
    single = load_release(write_release(highlights="Batik, tenun, dan gerabah"))
    assert single.highlights == ("Batik, tenun, dan gerabah",)


def test_highlight_that_is_not_text_is_refused(workspace: Workspace) -> None:
    text = (
        "---\ntitle: Judul\ndate: 2024-05-10\nunit: dinkominfo\nhighlights:\n"
        "  - Sawah\n  - {nama: Jati}\n---\nIsi.\n"
    )
    workspace({"rilis/r.md": text})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/r.md")
    assert "Item 2 of 'highlights' must be text" in info.value.message
    assert info.value.location.field == "highlights[1]"
    assert info.value.location.line == 7


def test_unknown_status_suggests_the_nearest(write_release: WriteRelease) -> None:
    path = write_release(**{**ADUAN, "status": "selesei"})
    with pytest.raises(ReleaseError) as info:
        load_release(path)
    error = info.value
    assert "Unknown complaint status 'selesei'" in error.message
    assert "Did you mean 'selesai'?" in error.hint
    assert "diterima, diproses, selesai" in error.hint
    assert error.location.file == path
    assert error.location.field == "status"
    assert error.location.line == line_with(path, "status: selesei")


@pytest.mark.parametrize("name", ["image_before", "image_after"])
def test_missing_before_after_photo_is_refused(write_release: WriteRelease, name: str) -> None:
    path = write_release(**ADUAN, **{name: "../foto/tidak-ada.jpg"})
    with pytest.raises(ReleaseError) as info:
        load_release(path)
    assert "does not exist" in info.value.message
    assert info.value.location.field == name
    assert info.value.location.line is not None


def test_before_photo_outside_the_workspace_is_refused(
    tmp_path: Path, write_release: WriteRelease
) -> None:
    (tmp_path / "luar.jpg").write_bytes(b"not read")
    with pytest.raises(PathError) as info:
        load_release(write_release(**ADUAN, image_before=str(tmp_path / "luar.jpg")))
    assert info.value.location.field == "image_before"


# --- what each kind requires -------------------------------------------------------------------

REQUIRED = [
    ("hoaks", HOAKS, "claim"),
    ("hoaks", HOAKS, "fact"),
    ("aduan", ADUAN, "complaint"),
    ("aduan", ADUAN, "status"),
    ("kinerja", {"kind": "kinerja"}, "stats"),
    ("agenda", {"kind": "agenda"}, "agenda"),
]


@pytest.mark.parametrize(("kind", "fields", "missing"), REQUIRED)
def test_kind_without_its_required_field_is_refused(
    write_release: WriteRelease, kind: str, fields: dict[str, Any], missing: str
) -> None:
    path = write_release(omit=(missing,), **fields)
    with pytest.raises(ReleaseError) as info:
        load_release(path)
    error = info.value
    assert f"A release of kind '{kind}' needs the field '{missing}'" in error.message
    assert f"{missing}:" in error.hint
    assert error.location.file == path
    # the field is not in the file: the message points at the line that asks for it
    assert error.location.line == line_with(path, f"kind: {kind}")


def test_required_field_left_empty_points_at_its_own_line(workspace: Workspace) -> None:
    text = (
        "---\ntitle: Judul\ndate: 2024-05-10\nunit: dinkominfo\nkind: hoaks\nclaim:\nfact: Benar.\n"
    )
    workspace({"rilis/r.md": text + "---\nIsi.\n"})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/r.md")
    assert info.value.location.field == "claim"
    assert info.value.location.line == 6


def test_empty_stats_list_counts_as_missing(write_release: WriteRelease) -> None:
    with pytest.raises(ReleaseError, match="needs the field 'stats'"):
        load_release(write_release(kind="kinerja", stats=[]))


# --- what each kind should have ----------------------------------------------------------------


def test_hoaks_without_source_warns(write_release: WriteRelease) -> None:
    release = load_release(write_release(omit=("source",), **HOAKS))
    assert codes(release) == {"missing-field": {"source"}}
    assert "source:" in release.notices[0].message


@pytest.mark.parametrize(("status", "warned"), [("diterima", False), ("diproses", True)])
def test_aduan_without_action_warns_once_it_is_being_handled(
    write_release: WriteRelease, status: str, warned: bool
) -> None:
    release = load_release(write_release(omit=("action",), **{**ADUAN, "status": status}))
    assert codes(release) == ({"missing-field": {"action"}} if warned else {})


def test_pengumuman_warns_for_each_missing_part(write_release: WriteRelease) -> None:
    release = load_release(write_release(kind="pengumuman", place="Pendopo"))
    assert codes(release) == {"missing-field": {"when", "contact"}}
    kind_line = release.line_of("kind")
    assert all(n.line == kind_line for n in release.notices)


def test_potensi_without_photo_and_highlights_warns(write_release: WriteRelease) -> None:
    release = load_release(write_release(kind="potensi"))
    assert codes(release) == {"missing-field": {"image", "highlights"}}


def test_rilis_has_no_kind_warnings(write_release: WriteRelease) -> None:
    assert load_release(write_release(kind="rilis")).notices == ()


@pytest.mark.parametrize(
    "text",
    [
        "Warga (0812-3456-7890) melapor jalan rusak.",
        "Hubungi pelapor di +62 812 3456 7890.",
        "Pelapor 081234567890 minta ditindaklanjuti.",
        "Telepon kantor (0296) 531234.",
        "NIK 3316012345678901 atas nama pelapor.",
        "Balasan dikirim ke warga.blora@contoh.id.",
    ],
)
def test_personal_data_in_a_complaint_warns(write_release: WriteRelease, text: str) -> None:
    release = load_release(write_release(**{**ADUAN, "complaint": text}))
    assert codes(release) == {"personal-data": {"complaint"}}
    notice = release.notices[0]
    assert "personal data" in notice.message
    assert notice.line == release.line_of("complaint")


@pytest.mark.parametrize(
    "text",
    [
        "Tiket LAPOR-2024-0612 diterima 12 Juni 2024.",
        "Lampu jalan RT 03 RW 02 padam sejak 2024; 40 meter jalan ditambal, biaya Rp12.500.000.",
        "Saluran air 1,5 km di Jl. Pemuda No. 10 tersumbat.",
    ],
)
def test_ordinary_complaint_text_does_not_warn(write_release: WriteRelease, text: str) -> None:
    release = load_release(write_release(**{**ADUAN, "complaint": text, "action": text}))
    assert release.notices == ()


def test_personal_data_in_the_action_warns_too(write_release: WriteRelease) -> None:
    release = load_release(
        write_release(**{**ADUAN, "action": "Petugas menelepon pelapor di 0813 1111 2222."})
    )
    assert codes(release) == {"personal-data": {"action"}}


# --- odd figures -------------------------------------------------------------------------------


def stat_release(write_release: WriteRelease, *stats: dict[str, Any]) -> Release:
    return load_release(write_release(kind="kinerja", stats=list(stats)))


def test_target_of_zero_warns_and_gives_no_percentage(write_release: WriteRelease) -> None:
    release = stat_release(write_release, {"label": "Desa ber-akun", "value": 3, "target": 0})
    assert codes(release) == {"stat-target-zero": {"stats[0].target"}}
    assert release.stats[0].percent_of_target is None
    notice = release.notices[0]
    assert "no percentage" in notice.message
    assert notice.line == line_with(release.path, "target: 0")


def test_negative_value_warns_that_it_gets_no_bar(write_release: WriteRelease) -> None:
    release = stat_release(
        write_release,
        {"label": "Kasus stunting", "value": 120},
        {"label": "Perubahan kasus", "value": -15, "unit": "kasus"},
    )
    assert codes(release) == {"stat-negative": {"stats[1].value"}}
    assert "no bar" in release.notices[0].message
    assert "-15" in release.notices[0].message


@pytest.mark.parametrize("unit", ["%", "persen", " Persen "])
def test_percentage_above_100_warns(write_release: WriteRelease, unit: str) -> None:
    release = stat_release(write_release, {"label": "Cakupan", "value": 112.5, "unit": unit})
    assert codes(release) == {"stat-percent-over-100": {"stats[0].value"}}
    assert "112.5%" in release.notices[0].message


def test_realisation_above_target_and_100_percent_are_fine(write_release: WriteRelease) -> None:
    release = stat_release(
        write_release,
        {"label": "Balita ditimbang", "value": 2100, "unit": "balita", "target": 2000},
        {"label": "Cakupan", "value": 100, "unit": "%", "target": 95},
        {"label": "Tanpa target", "value": 0},
    )
    assert release.notices == ()
    assert release.stats[0].percent_of_target == 105


def test_csv_warnings_name_the_csv_file_and_line(
    workspace: Workspace, write_release: WriteRelease
) -> None:
    workspace(
        {
            "data/angka.csv": (
                "label,value,unit,target\nBalita,1875,balita,2000\n"
                "Imunisasi,104,%,\nDesa,3,desa,0\n"
            )
        }
    )
    release = load_release(write_release(kind="kinerja", stats="../data/angka.csv"))
    assert codes(release) == {"stat-percent-over-100": {"stats"}, "stat-target-zero": {"stats"}}
    messages = {n.code: n.message for n in release.notices}
    assert messages["stat-percent-over-100"].startswith("angka.csv, line 3:")
    assert messages["stat-target-zero"].startswith("angka.csv, line 4:")
    assert all(n.line == release.line_of("stats") for n in release.notices)


@pytest.mark.parametrize(
    ("stats", "fragment", "field"),
    [
        ([{"label": "A", "value": "banyak"}], "is not a number", "stats[0].value"),
        ([{"value": 3}], "has no label", "stats[0].label"),
        ([{"label": "A", "value": 1, "target": "x"}], "is not a number", "stats[0].target"),
        ([{"label": f"A{i}", "value": i} for i in range(MAX_STATS + 1)], "at most 24", "stats"),
    ],
)
def test_unusable_figures_stay_errors(
    write_release: WriteRelease, stats: list[dict[str, Any]], fragment: str, field: str
) -> None:
    with pytest.raises(ReleaseError) as info:
        load_release(write_release(kind="kinerja", stats=stats))
    assert fragment in info.value.message
    assert info.value.location.field == field
    assert info.value.location.line is not None


def test_warnings_reach_the_manifest_and_check(
    tmp_path: Path, write_release: WriteRelease, run_cli: RunCli
) -> None:
    path = write_release(
        kind="kinerja",
        stats=[{"label": "Cakupan", "value": 120, "unit": "%"}],
    )
    report = render([path], tmp_path / "out", images=False, platforms=["x"])
    (result,) = report.results
    assert result.status == "rendered", result.message
    manifest = json.loads(
        next((tmp_path / "out").glob("*/manifest.json")).read_text(encoding="utf-8")
    )
    warnings = {w["code"]: w for w in manifest["warnings"]}
    assert warnings["stat-percent-over-100"]["field"] == "stats[0].value"
    assert warnings["stat-percent-over-100"]["line"] == line_with(path, "value: 120")

    checked = run_cli("check", str(path), "--json", lang="en")
    findings = json.loads(checked.stdout)
    found = [f for f in findings["findings"] if f["code"] == "stat-percent-over-100"]
    assert found and found[0]["severity"] == "warning"
    assert found[0]["field"] == "stats[0].value"


# --- captions ----------------------------------------------------------------------------------

FULL_BODY = "\n\n".join(
    [
        "Paragraf pembuka menjelaskan duduk perkaranya secara rinci untuk warga. " * 4,
        "- butir pertama yang cukup panjang\n- butir kedua yang juga cukup panjang",
        "Paragraf penutup menyebut rencana berikutnya dan cara bertanya lebih lanjut. " * 4,
    ]
)
KIND_FIELDS: dict[str, dict[str, Any]] = {
    "hoaks": HOAKS,
    "aduan": ADUAN,
    "pengumuman": {
        "kind": "pengumuman",
        "when": "Senin, 8 Juli 2024, 08.00–14.00 WIB",
        "place": "Kantor Kecamatan Jati",
        "contact": "0800-0000-0000 (contoh)",
    },
    "potensi": {
        "kind": "potensi",
        "highlights": ["Jelajah sawah, hutan jati, dan sungai", "Kuliner jagung dan singkong"],
        "contact": "Kantor Desa Bangkleyan",
    },
    "kinerja": {
        "kind": "kinerja",
        "period": "Januari–Mei 2024",
        "source": "Dinkes Blora (data contoh)",
        "stats": [
            {"label": "Balita ditimbang", "value": 1875, "unit": "balita", "target": 2000},
            {"label": "Imunisasi dasar lengkap", "value": 91.3, "unit": "%", "target": 95},
            {"label": "Kelas ibu balita", "value": 36, "unit": "kali"},
        ],
    },
}


def captions_of(path: Path, platforms: list[str], limit: int | None = None) -> dict[str, Any]:
    from dataclasses import replace

    from humaskit.model.brand import load_brand
    from humaskit.model.platforms import load_platforms
    from humaskit.text.captions import build_captions

    rules = load_platforms()
    if limit is not None:
        rules = {p: replace(rules[p], caption_limit=limit) for p in platforms}
    return build_captions(
        load_release(path), load_brand(), platforms=platforms, platform_rules=rules
    )


def test_hoaks_caption_marks_claim_and_fact(write_release: WriteRelease) -> None:
    captions = captions_of(write_release(**HOAKS), ["instagram", "whatsapp"])
    text = captions["instagram"].text
    assert f"❌ HOAKS: {HOAKS['claim']}\n✅ FAKTA: {HOAKS['fact']}\nSumber: BKPSDM" in text
    whatsapp = captions["whatsapp"].text
    assert "❌ *HOAKS*:" in whatsapp
    # the hoax comes right after the lead, before the rest of the body
    lead = whatsapp.index("Dinkominfo Blora mengumpulkan")
    assert lead < whatsapp.index("HOAKS") < whatsapp.index("Rapat membahas jadwal")


@pytest.mark.parametrize(
    ("status", "line"),
    [
        ("diterima", "📥 Status: Aduan diterima · Nomor tiket LAPOR-2024-0612"),
        ("diproses", "⏳ Status: Sedang diproses · Nomor tiket LAPOR-2024-0612"),
        ("selesai", "✅ Status: Selesai ditindaklanjuti · Nomor tiket LAPOR-2024-0612"),
    ],
)
def test_aduan_caption_says_complaint_action_and_status(
    write_release: WriteRelease, status: str, line: str
) -> None:
    text = captions_of(write_release(**{**ADUAN, "status": status}), ["facebook"])["facebook"].text
    assert f"📝 Aduan warga: {ADUAN['complaint']}\n🛠️ Tindak lanjut: {ADUAN['action']}" in text
    assert line in text
    # the channels to report stay in the caption, under their own name
    assert "Aduan & aspirasi: SP4N-LAPOR!" in text


def test_aduan_caption_without_ticket(write_release: WriteRelease) -> None:
    text = captions_of(write_release(omit=("ticket",), **ADUAN), ["facebook"])["facebook"].text
    assert "✅ Status: Selesai ditindaklanjuti\n" in text
    assert "tiket" not in text


def test_pengumuman_caption_says_when_where_and_whom(write_release: WriteRelease) -> None:
    text = captions_of(write_release(**KIND_FIELDS["pengumuman"]), ["instagram"])["instagram"].text
    assert (
        "🗓 Senin, 8 Juli 2024, 08.00–14.00 WIB\n📍 Kantor Kecamatan Jati\n☎️ 0800-0000-0000 (contoh)"
    ) in text


def test_potensi_caption_lists_highlights_and_contact(write_release: WriteRelease) -> None:
    text = captions_of(write_release(**KIND_FIELDS["potensi"]), ["facebook"])["facebook"].text
    assert "• Jelajah sawah, hutan jati, dan sungai\n• Kuliner jagung dan singkong" in text
    assert "☎️ Kantor Desa Bangkleyan" in text


def test_kinerja_caption_gives_period_source_and_share_of_target(
    write_release: WriteRelease,
) -> None:
    text = captions_of(write_release(**KIND_FIELDS["kinerja"]), ["facebook"])["facebook"].text
    assert "📊 Capaian Januari–Mei 2024\n" in text
    assert "• Balita ditimbang: 1.875 balita dari target 2.000 balita (93,8%)" in text
    # a percentage's share of a percentage target is left out: it would read as a third figure
    assert "• Imunisasi dasar lengkap: 91,3% dari target 95%\n" in text
    assert "• Kelas ibu balita: 36 kali\n" in text
    assert "Sumber data: Dinkes Blora (data contoh)" in text


def test_kinerja_caption_with_target_zero_shows_no_percentage(write_release: WriteRelease) -> None:
    path = write_release(
        kind="kinerja", stats=[{"label": "Desa", "value": 3, "unit": "desa", "target": 0}]
    )
    text = captions_of(path, ["facebook"])["facebook"].text
    assert "• Desa: 3 desa dari target 0 desa\n" in text


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_every_kind_fits_every_platform(write_release: WriteRelease, kind: str) -> None:
    from humaskit.model.platforms import load_platforms
    from humaskit.text.counting import count_length

    rules = load_platforms()
    path = write_release(body=FULL_BODY, summary=FULL_BODY[:300], **KIND_FIELDS[kind])
    captions = captions_of(path, list(rules))
    for pid, caption in captions.items():
        limit = rules[pid].caption_limit
        assert caption.length == count_length(caption.text + "\n", rules[pid]) <= limit


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_kind_block_drops_in_the_documented_order(write_release: WriteRelease, kind: str) -> None:
    from humaskit.model.kinds import get_kind
    from humaskit.text.fitting import LATE_BLOCKS, OPTIONAL_BLOCKS

    main = get_kind(kind).caption_block
    assert main is not None
    late = [b for b in LATE_BLOCKS if b != "link"]
    late.insert(late.index("hashtags") + 1, main)
    # Facebook shows links: the link goes after the lead (left out once cut to a stub).
    order = [b for b in OPTIONAL_BLOCKS if b != main] + late + ["lead", "link"]
    path = write_release(body=FULL_BODY, tags=["medsos"], **KIND_FIELDS[kind])
    full = captions_of(path, ["facebook"])["facebook"]
    assert full.dropped == ()
    seen_main_kept_while_body_gone = False
    previous: tuple[str, ...] = ()
    for limit in range(full.length - 1, 60, -29):
        caption = captions_of(path, ["facebook"], limit)["facebook"]
        assert caption.length <= limit
        assert list(caption.dropped) == sorted(caption.dropped, key=order.index)
        assert caption.dropped[: len(previous)] == previous
        previous = caption.dropped
        if "body" in caption.dropped and main not in caption.dropped:
            seen_main_kept_while_body_gone = True
        if main in caption.dropped:
            assert "hashtags" in caption.dropped
    assert seen_main_kept_while_body_gone
    assert main in previous


def test_x_keeps_the_point_of_each_kind_in_one_line(write_release: WriteRelease) -> None:
    hoaks = captions_of(write_release(**HOAKS), ["x"])["x"]
    assert f"❌ HOAKS. ✅ FAKTA: {HOAKS['fact']}" in hoaks.text
    assert "hoaks" not in hoaks.dropped
    aduan = captions_of(write_release(**ADUAN), ["x"])["x"]
    assert f"✅ Selesai ditindaklanjuti: {ADUAN['action']}" in aduan.text
    info = captions_of(write_release(**KIND_FIELDS["pengumuman"]), ["x"])["x"]
    assert "🗓 Senin, 8 Juli 2024, 08.00–14.00 WIB, Kantor Kecamatan Jati" in info.text


# --- scaffolds ---------------------------------------------------------------------------------

# The fields each kind's scaffold writes out (uncommented), so that an admin sees them explained.
SCAFFOLD_FIELDS = {
    "rilis": (),
    "kutipan": ("quote",),
    "kinerja": ("period", "source", "stats"),
    "agenda": ("agenda",),
    "pengumuman": ("when", "place", "contact"),
    "hoaks": ("claim", "fact", "source"),
    "aduan": ("complaint", "action", "status"),
    "potensi": ("highlights", "contact"),
}


@pytest.mark.slow  # every kind scaffolded and rendered with images
def test_every_kind_scaffolds_and_renders(tmp_path: Path, run_cli: RunCli) -> None:
    from humaskit.model.kinds import kind_names

    KINDS = kind_names()

    assert set(SCAFFOLD_FIELDS) == set(KINDS)
    (tmp_path / "humaskit.toml").write_text('[workspace]\nname = "tes"\n', encoding="utf-8")
    for kind in KINDS:
        made = run_cli(
            "new", f"Contoh {kind}", "--kind", kind, "--date", "2024-06-10", cwd=tmp_path
        )
        assert made.exit_code == 0, made.output
        release = load_release(tmp_path / "rilis" / f"2024-06-10-contoh-{kind}.md")
        assert release.kind == kind
        assert [n for n in release.notices if n.code == "unknown-field"] == []
        for name in SCAFFOLD_FIELDS[kind]:
            assert release.line_of(name) is not None, (kind, name)
            # every field is explained in a comment right above it
            lines = release.path.read_text(encoding="utf-8").splitlines()
            assert lines[release.line_of(name) - 2].startswith("#"), (kind, name)
    rendered = run_cli(
        "render", "rilis", "--out", "out", "--platform", "instagram", "--json", cwd=tmp_path
    )
    assert rendered.exit_code == 0, rendered.output
    manifests = sorted((tmp_path / "out").glob("*/manifest.json"))
    assert len(manifests) == len(KINDS)
    for path in manifests:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        assert any(a["type"] == "image" for a in manifest["artifacts"]), path
        assert not [w for w in manifest["warnings"] if w["code"] == "unknown-field"], path


def test_scaffold_of_an_unknown_kind_is_a_usage_error(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "Judul", "--kind", "hoax", cwd=tmp_path, lang="en")
    assert result.exit_code == 2
    assert "Unknown kind 'hoax'" in result.stderr
    assert "hoaks" in result.stderr


# --- examples ----------------------------------------------------------------------------------


def test_one_example_per_kind_each_without_warnings() -> None:
    from conftest import EXAMPLES
    from humaskit.model.kinds import kind_names

    KINDS = kind_names()

    releases = [load_release(p) for p in sorted((EXAMPLES / "rilis").glob("*.md"))]
    assert sorted(r.kind for r in releases) == sorted(KINDS)
    for release in releases:
        assert release.notices == (), (release.path.name, release.notices)
    by_kind = {r.kind: r for r in releases}
    aduan = by_kind["aduan"]
    assert aduan.status == "selesai"
    assert aduan.image_before is not None and aduan.image_after is not None
    for photo in (aduan.image_before, aduan.image_after):
        assert photo.stat().st_size < 100_000, "example photos of a complaint stay small"
    kinerja = by_kind["kinerja"]
    assert kinerja.period and kinerja.source
    assert any(s.unit == "%" and s.target for s in kinerja.stats)
    assert by_kind["pengumuman"].when and by_kind["pengumuman"].contact
    assert len(by_kind["potensi"].highlights) >= 3
