"""The press-release model (SPEC §4) and every bad input of issue 2 with its message."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_releases import BAD_RELEASES, GOOD_HEAD
from conftest import EXAMPLES, Workspace, frontmatter_text
from humaskit.errors import HumaskitError, PlatformError, ReleaseError, UsageError
from humaskit.model.body import parse_body
from humaskit.model.brand import load_brand
from humaskit.model.release import load_release, resolve_unit
from humaskit.model.stats import Stat
from humaskit.pipeline.render import render
from humaskit.text.captions import build_captions

pytestmark = pytest.mark.usefixtures("english")

WriteRelease = Callable[..., Path]


# --- a valid release -----------------------------------------------------------------------


def test_every_spec_field_is_read(workspace: Workspace, write_release: WriteRelease) -> None:
    photo = workspace.photo("foto/studi-tiru.jpg")
    path = write_release(
        title="Bupati Blora Ingin OPD Bangun Kinerja Transparan",
        date="2024-05-10",
        unit="dinkominfo",
        kind="rilis",
        location="Bandung",
        summary="Puluhan admin medsos OPD belajar ke Sumedang.",
        image="../foto/studi-tiru.jpg",
        image_alt="Bupati bersama admin medsos OPD",
        image_focus=[0.5, 0.35],
        image_credit="Dinkominfo Blora",
        tags=["medsos", "kehumasan", "SPBE"],
        quote={
            "text": "Di era digital ini kita harus terbuka.",
            "by": "Arief Rohman",
            "role": "Bupati",
        },
        stats=[
            {"label": "Admin medsos OPD ikut studi tiru", "value": 40, "unit": "orang"},
            {"label": "Desa/kelurahan punya akun medsos", "value": 0, "target": 295},
        ],
        agenda=[
            {
                "date": "2024-05-14",
                "time": "09.00",
                "title": "Pelatihan admin desa",
                "place": "Pendopo Kabupaten",
            }
        ],
        link="https://example.go.id/berita/123",
        approved_by="Kepala Dinkominfo",
        platforms=["instagram", "facebook", "x"],
    )
    release = load_release(path)
    assert release.title == "Bupati Blora Ingin OPD Bangun Kinerja Transparan"
    assert release.date == dt.date(2024, 5, 10)
    assert release.unit == "dinkominfo"
    assert release.kind == "rilis"
    assert release.location == "Bandung"
    assert release.summary == "Puluhan admin medsos OPD belajar ke Sumedang."
    assert release.image == photo.resolve()
    assert release.image_alt == "Bupati bersama admin medsos OPD"
    assert release.image_focus == (0.5, 0.35)
    assert release.image_credit == "Dinkominfo Blora"
    assert release.tags == ("medsos", "kehumasan", "SPBE")
    assert release.quote is not None
    assert (release.quote.text, release.quote.by, release.quote.role) == (
        "Di era digital ini kita harus terbuka.",
        "Arief Rohman",
        "Bupati",
    )
    assert release.stats == (
        Stat("Admin medsos OPD ikut studi tiru", 40.0, "orang", None),
        Stat("Desa/kelurahan punya akun medsos", 0.0, None, 295.0),
    )
    assert release.stats[1].percent_of_target == 0
    assert len(release.agenda) == 1
    item = release.agenda[0]
    assert (item.date, item.time, item.title, item.place) == (
        dt.date(2024, 5, 14),
        "09.00",
        "Pelatihan admin desa",
        "Pendopo Kabupaten",
    )
    assert release.link == "https://example.go.id/berita/123"
    assert release.approved_by == "Kepala Dinkominfo"
    assert release.platforms == ("instagram", "facebook", "x")
    assert release.notices == ()
    assert release.line_of("title") == 2
    assert release.line_of("platforms") == release.lines["platforms"] > release.line_of("link")


def test_summary_defaults_to_first_paragraph_as_plain_text(write_release: WriteRelease) -> None:
    body = "Warga **Cepu** menerima [bantuan](https://contoh.go.id) air bersih.\n\nParagraf kedua."
    release = load_release(write_release(body=body))
    assert release.summary == "Warga Cepu menerima bantuan (https://contoh.go.id) air bersih."


def test_minimal_release_gets_defaults(write_release: WriteRelease) -> None:
    release = load_release(write_release())
    assert release.kind == "rilis"
    assert release.platforms is None
    assert release.image is None
    assert release.stats == ()
    assert release.image_focus == (0.5, 0.5)


def test_body_markdown_to_plain_and_whatsapp() -> None:
    body = parse_body(
        "Paragraf dengan **tebal**, *miring* dan ~~coret~~ serta [tautan](https://contoh.go.id).\n\n"
        "- butir satu\n- butir **dua**\n\n"
        "1. langkah pertama\n2. langkah kedua\n\n"
        "> kutipan warga\n"
    )
    plain = body.to_text("plain")
    assert "**" not in plain and "~~" not in plain and "[" not in plain
    assert "Paragraf dengan tebal, miring dan coret serta tautan (https://contoh.go.id)." in plain
    assert "• butir satu\n• butir dua" in plain
    assert "1. langkah pertama\n2. langkah kedua" in plain
    assert "“kutipan warga”" in plain
    assert [p.text() for p in body.points] == [
        "butir satu",
        "butir dua",
        "langkah pertama",
        "langkah kedua",
    ]
    whatsapp = body.to_text("whatsapp")
    assert "*tebal*" in whatsapp
    assert "_miring_" in whatsapp
    assert "~coret~" in whatsapp
    assert "• butir *dua*" in whatsapp


def test_raw_html_is_not_interpreted() -> None:
    body = parse_body("Teks <b>tebal</b> biasa.")
    assert body.to_text() == "Teks <b>tebal</b> biasa."


# --- stats -----------------------------------------------------------------------------------


def test_stats_from_csv(workspace: Workspace, write_release: WriteRelease) -> None:
    workspace(
        {
            "data/kinerja.csv": (
                "label,value,unit,target\n"
                "Balita ditimbang,1875,balita,2000\n"
                "Cakupan imunisasi,91.3,%,95\n"
                "Kelas ibu balita,36,kali,\n"
            )
        }
    )
    release = load_release(write_release(kind="kinerja", stats="../data/kinerja.csv"))
    assert release.stats == (
        Stat("Balita ditimbang", 1875.0, "balita", 2000.0),
        Stat("Cakupan imunisasi", 91.3, "%", 95.0),
        Stat("Kelas ibu balita", 36.0, "kali", None),
    )
    assert release.stats_file == (workspace.root / "data/kinerja.csv").resolve()
    assert release.stats_file in release.input_files


def test_stats_csv_with_semicolons_and_decimal_commas(
    workspace: Workspace, write_release: WriteRelease
) -> None:
    workspace({"data/k.csv": "\ufeffLabel;Value;Unit\nCakupan;91,3;%\n"})
    release = load_release(write_release(stats="../data/k.csv"))
    assert release.stats == (Stat("Cakupan", 91.3, "%", None),)


def test_example_kinerja_release_reads_its_csv() -> None:
    release = load_release(EXAMPLES / "rilis" / "2024-06-03-kinerja-posyandu.md")
    assert release.stats[0] == Stat("Balita ditimbang", 1875.0, "balita", 2000.0)
    assert len(release.stats) == 5


# --- unknown keys ----------------------------------------------------------------------------


def test_unknown_key_is_a_notice_with_did_you_mean(write_release: WriteRelease) -> None:
    release = load_release(write_release(sumary="Ringkasan salah ketik", colour="merah"))
    by_field = {n.field: n for n in release.notices}
    assert set(by_field) == {"sumary", "colour"}
    typo = by_field["sumary"]
    assert typo.code == "unknown-field"
    assert "Did you mean 'summary'?" in typo.message
    assert typo.line == 5
    # the typo is not used as the summary
    assert release.summary != "Ringkasan salah ketik"
    assert "Known fields:" in by_field["colour"].message


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "field", "line"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_RELEASES],
)
def test_bad_release_is_refused_with_file_field_line(
    workspace: Workspace, text: str, fragment: str, field: str | None, line: int | None
) -> None:
    workspace({"rilis/rusak.md": text})
    path = workspace.root / "rilis/rusak.md"
    with pytest.raises(ReleaseError) as info:
        load_release(path)
    error = info.value
    assert fragment in error.message
    assert error.hint, "every error says how to fix it"
    assert error.location.file == path
    assert error.location.field == field
    assert error.location.line == line
    assert "rusak.md" in str(error)


def test_not_utf8_names_the_line(workspace: Workspace) -> None:
    text = "---\ntitle: Kafe di Cepu\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi caf\xe9.\n"
    workspace({"rilis/latin1.md": text.encode("latin-1")})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/latin1.md")
    assert "not UTF-8" in info.value.message
    assert info.value.location.line == 6
    assert "UTF-8" in info.value.hint


def test_binary_file_is_refused(workspace: Workspace) -> None:
    workspace({"rilis/biner.md": b"---\ntitle: x\x00\x01\n---\n"})
    with pytest.raises(ReleaseError, match="not a text file"):
        load_release(workspace.root / "rilis/biner.md")


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        load_release(tmp_path / "tidak-ada.md")
    assert info.value.exit_code == 2
    assert "does not exist" in info.value.message


def test_unknown_unit_suggests_nearest(write_release: WriteRelease) -> None:
    release = load_release(write_release(unit="dinkominfoo"))
    with pytest.raises(ReleaseError) as info:
        resolve_unit(release, load_brand())
    error = info.value
    assert "Unknown unit 'dinkominfoo'" in error.message
    assert "dinkominfo" in error.hint.split("?")[0]
    assert error.location.file == release.path
    assert error.location.field == "unit"
    assert error.location.line == 4


def test_unknown_unit_via_build_captions(write_release: WriteRelease) -> None:
    release = load_release(write_release(unit="kec-cepuu"))
    with pytest.raises(ReleaseError) as info:
        build_captions(release, load_brand(), platforms=["x"])
    assert "kec-cepu" in info.value.hint


def test_unit_by_kemendagri_code(write_release: WriteRelease) -> None:
    release = load_release(write_release(unit="33.16.05"))
    unit = resolve_unit(release, load_brand())
    assert "Cepu" in unit.name


def test_unknown_platform_in_frontmatter(write_release: WriteRelease) -> None:
    release = load_release(write_release(platforms=["instagram", "tiktak"]))
    with pytest.raises(PlatformError) as info:
        build_captions(release, load_brand())
    error = info.value
    assert "Unknown platform 'tiktak'" in error.message
    assert "tiktok" in error.hint
    assert error.location.file == release.path
    assert error.location.field == "platforms"
    assert error.location.line == 5


def test_unknown_platform_option(write_release: WriteRelease, tmp_path: Path) -> None:
    path = write_release()
    with pytest.raises(UsageError) as info:
        render([path], tmp_path / "out", platforms=["instagram", "fesbuk"], images=False)
    assert "Unknown platform 'fesbuk'" in info.value.message
    assert "facebook" in info.value.hint
    assert not (tmp_path / "out").exists()


def test_stats_csv_missing_columns(workspace: Workspace, write_release: WriteRelease) -> None:
    workspace({"data/k.csv": "label,satuan\nBalita,orang\n"})
    path = write_release(stats="../data/k.csv")
    with pytest.raises(ReleaseError) as info:
        load_release(path)
    error = info.value
    assert "lacks the column(s) value" in error.message
    assert error.location.file == (workspace.root / "data/k.csv").resolve()
    assert error.location.line == 1
    assert "label,value" in error.hint


def test_stats_csv_non_numeric_value(workspace: Workspace, write_release: WriteRelease) -> None:
    workspace({"data/k.csv": "label,value,unit\nBalita,1875,balita\nPosyandu,enam puluh,unit\n"})
    with pytest.raises(ReleaseError) as info:
        load_release(write_release(stats="../data/k.csv"))
    error = info.value
    assert "'enam puluh' of figure 2 is not a number" in error.message
    assert error.location.file == (workspace.root / "data/k.csv").resolve()
    assert error.location.field == "value"
    assert error.location.line == 3


def test_stats_csv_thousands_separator_is_refused(
    workspace: Workspace, write_release: WriteRelease
) -> None:
    workspace({"data/k.csv": "label,value\nBalita,1.875.000\n"})
    with pytest.raises(ReleaseError, match="ambiguous: it may mean 1875000"):
        load_release(write_release(stats="../data/k.csv"))


def test_stats_csv_missing_file(write_release: WriteRelease) -> None:
    with pytest.raises(ReleaseError) as info:
        load_release(write_release(stats="../data/tidak-ada.csv"))
    assert info.value.location.field == "stats"
    assert "does not exist" in info.value.message


def test_photo_outside_workspace_is_refused(
    workspace: Workspace, write_release: WriteRelease, tmp_path: Path
) -> None:
    outside = Workspace(tmp_path / "lain").photo("rahasia.jpg")
    path = write_release(image=str(outside))
    with pytest.raises(HumaskitError) as info:
        load_release(path)
    assert info.value.location.field == "image"
    assert "outside the workspace" in info.value.message


# --- encodings, line endings, hostile YAML ---------------------------------------------------


def test_bom_and_crlf_load_fine(workspace: Workspace) -> None:
    text = frontmatter_text(
        {"title": "Judul dengan BOM", "date": "2024-05-10", "unit": "dinkominfo"},
        "Paragraf **satu**.\n\nParagraf dua.",
    )
    workspace({"rilis/crlf.md": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")})
    release = load_release(workspace.root / "rilis/crlf.md")
    assert release.title == "Judul dengan BOM"
    assert release.summary == "Paragraf satu."
    assert "\r" not in release.body_markdown
    assert release.line_of("unit") == 4


def test_crlf_error_names_the_right_line(workspace: Workspace) -> None:
    text = "---\r\ntitle: Judul\r\ndate: 2024-02-30\r\nunit: dinkominfo\r\n---\r\nIsi.\r\n"
    workspace({"rilis/crlf.md": text.encode("utf-8")})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/crlf.md")
    assert info.value.location.line == 3


def test_blank_lines_before_and_inside_the_frontmatter_keep_lines_right(
    workspace: Workspace,
) -> None:
    workspace(
        {"rilis/r.md": "\n\n---\n\n\ntitle: [a]\ndate: 2024-05-10\nunit: dinkominfo\n---\nx\n"}
    )
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/r.md")
    assert info.value.location.line == 6


def test_yaml_alias_bomb_is_refused(workspace: Workspace) -> None:
    lines = [
        "---",
        "title: Judul",
        "date: 2024-05-10",
        "unit: dinkominfo",
        "a: &a [x,x,x,x,x,x,x,x,x]",
    ]
    names = "abcdefghij"
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    # 9**10 leaves if expanded: only a guard that counts nodes before building them survives.
    workspace({"rilis/bom.md": "\n".join([*lines, "---", "Isi."]) + "\n"})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/bom.md")
    assert "aliases" in info.value.message


def test_yaml_python_tags_are_refused(workspace: Workspace) -> None:
    workspace(
        {"rilis/tag.md": GOOD_HEAD + "summary: !!python/object/apply:os.system [echo]\n---\nx\n"}
    )
    with pytest.raises(ReleaseError, match="not valid YAML"):
        load_release(workspace.root / "rilis/tag.md")
