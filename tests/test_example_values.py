"""Example values are not published unnoticed (issue 12, "placeholder values reach the pixels").

A field drawn on an image or written into a caption that still holds a value of the examples or
of the sample brand kit ("(contoh)", ``LAPOR-CONTOH-0603``, ``contoh.blorakab.go.id``,
``@contoh.dpuprblora``, "0800-0000-0000") gets one ``example-value`` warning, in ``render``
and in ``check`` alike; the rule is in :mod:`humaskit.model.example_values`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, QUIET_UNIT, CliResult, Workspace
from humaskit.diagnostics import Diagnostic
from humaskit.i18n import set_language
from humaskit.model.example_values import CODE, example_values, holds_example_value
from humaskit.pipeline.check import check
from humaskit.pipeline.render import render
from humaskit.resources import builtin_brand_dir

RunCli = Callable[..., CliResult]
pytestmark = pytest.mark.usefixtures("english")
APPROVED = {"approved_by": "Kepala Dinkominfo"}


def _example_findings(findings: list[Diagnostic]) -> dict[str, Diagnostic]:
    found = [f for f in findings if f.code == CODE]
    by_field = {f.field or "": f for f in found}
    assert len(by_field) == len(found), "one warning per field"
    return by_field


def _line(path: Path, start: str) -> int:
    """The 1-based line of ``path`` starting with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith(start))


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("Disdukcapil Blora (contoh)", ["marker"]),
        ("Kantor Desa Bangkleyan (Contoh)", ["marker"]),
        ("Dinas Kesehatan Kabupaten Blora (data contoh)", ["marker"]),
        ("LAPOR-CONTOH-0603", ["ticket"]),
        ("Nomor tiket TIKET_CONTOH_12 sudah ditutup.", ["ticket"]),
        ("https://contoh.blorakab.go.id/dukcapil/jemput-bola", ["host"]),
        ("Lihat contoh.blorakab.go.id untuk jadwalnya.", ["host"]),
        ("Kirim ke humas@contoh.blorakab.go.id.", ["host"]),
        ("@contoh.dpuprblora", ["handle"]),
        ("Ikuti @contoh_blorakab di X.", ["handle"]),
        ("0800-0000-0000", ["phone"]),
        ("Hubungi +62 21 000 0000 atau 0812 000000.", ["phone", "phone"]),
        ("Disdukcapil Blora (contoh) 0800-0000-0000", ["marker", "phone"]),
        ("0800-0000-0000 (contoh)", ["phone", "marker"]),
    ],
)
def test_each_rule_finds_its_example_value(text: str, rules: list[str]) -> None:
    assert [rule for rule, _value in example_values(text)] == rules
    assert holds_example_value(text)


def test_the_value_found_is_the_value_as_written() -> None:
    assert example_values("Disdukcapil Blora (contoh) 0800-0000-0000") == [
        ("marker", "(contoh)"),
        ("phone", "0800-0000-0000"),
    ]
    assert example_values("Buka https://contoh.blorakab.go.id/aduan sekarang") == [
        ("host", "https://contoh.blorakab.go.id/aduan")
    ]
    assert example_values("Ikuti @contoh_blorakab.") == [("handle", "@contoh_blorakab")]


def test_an_account_field_of_the_kit_is_an_example_without_its_at_sign() -> None:
    assert example_values("contoh-pemkab-blora", handle=True) == [("handle", "contoh-pemkab-blora")]
    assert not holds_example_value("contoh-pemkab-blora")  # in a sentence it is a word


@pytest.mark.parametrize(
    "text",
    [
        "Desa Bangkleyan menjadi contoh bagi desa lain dalam pengelolaan sampah.",
        "Sebagai contoh, warga dapat mengurus KTP di balai desa.",
        "Contoh-contoh praktik baik dibagikan dalam rapat.",
        "CONTOH-CONTOH PRAKTIK BAIK",
        "Pelatihan ini memberi contoh. Peserta lalu mencoba sendiri.",
        "Formulir diisi sesuai petunjuk (lihat contoh di bawah ini).",
        "Catatan: rilis ini dikarang sebagai contoh untuk humaskit.",
        "Bantuan Rp 1.000.000 untuk 2.000 keluarga.",
        "Hubungi 0812-3000-0001 atau (0296) 531000.",
        "https://blorakab.go.id/contoh/halaman",
        "contoh.com",
        "@contohkamera",
        "",
    ],
)
def test_ordinary_text_holds_no_example_value(text: str) -> None:
    assert example_values(text) == []


# --- a release in a workspace with a kit of its own --------------------------------------------


def test_one_warning_per_field_naming_file_field_line_and_fix(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    path = workspace.release(
        "rilis/2024-07-01-layanan.md",
        unit=QUIET_UNIT,
        kind="pengumuman",
        when="Senin, 1 Juli 2024",
        place="Balai Desa Bangkleyan",
        contact="Kantor Desa Bangkleyan (contoh) 0800-0000-0000",
        link="https://contoh.blorakab.go.id/desa/bangkleyan",
        body=(
            "Desa Bangkleyan menjadi contoh bagi desa lain dalam layanan adminduk.\n\n"
            "Informasi lebih lanjut di 0800-0000-0000.\n\n"
            "Pendaftaran juga lewat 0800-0000-0000 (contoh)."
        ),
        **APPROVED,
    )
    report = check([path])
    assert report.ok  # a warning in check, not an error
    found = _example_findings(report.findings)
    assert set(found) == {"contact", "link", "body"}
    shown = str(path)  # the release as check was given it
    contact = found["contact"]
    assert (contact.file, contact.line) == (shown, _line(path, "contact:"))
    assert contact.message == (
        "The field 'contact' still holds example text: "
        "'Kantor Desa Bangkleyan (contoh) 0800-0000-0000'. Replace it with the real text "
        "without the example mark and the real phone number before publishing."
    )
    assert str(contact).startswith(f"{shown}:{contact.line} [contact]: ")
    assert found["link"].line == _line(path, "link:")
    assert "the real web address" in found["link"].message
    body = found["body"]  # one warning for the body, at the first paragraph holding one
    assert body.line == _line(path, "Informasi lebih lanjut")
    assert body.message.startswith(
        "The body still holds example text: '0800-0000-0000', '(contoh)'."
    )


def test_render_warns_as_check_does_once_per_release(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    path = workspace.release(
        unit=QUIET_UNIT,
        kind="aduan",
        complaint="Jalan desa berlubang di depan sekolah.",
        action="DPUPR menambal lubang pada hari yang sama.",
        status="selesai",
        ticket="LAPOR-CONTOH-0603",
        **APPROVED,
    )
    checked = [f for f in check([path]).findings if f.code == CODE]
    report = render([path], workspace.root / "out", images=False)
    assert report.ok
    manifest = report.results[0].manifest
    assert manifest is not None
    rendered = [w for w in manifest.warnings if w.code == CODE]
    assert [(w.field, w.line, w.message) for w in rendered] == [
        (f.field, f.line, f.message) for f in checked
    ]
    assert [w.field for w in rendered] == ["ticket"]  # once, for all eight platforms


def test_a_finished_release_and_kit_have_no_example_value(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    path = workspace.release(unit=QUIET_UNIT, **APPROVED)
    assert check([path]).findings == []


def test_the_kits_example_values_are_one_warning_naming_the_file_fields_and_line(
    workspace: Workspace,
) -> None:
    kit = (builtin_brand_dir() / "brand.yaml").read_text(encoding="utf-8")
    workspace({"brand/brand.yaml": kit})
    path = workspace.release(unit=QUIET_UNIT, platforms=["instagram", "x"], **APPROVED)
    found = [f for f in check([path]).findings if f.code == CODE]
    # One warning for the kit file: only the accounts of the release's platforms, and every
    # complaint channel (a kit copied from the sample holds a dozen; one message names them).
    (finding,) = found
    brand_file = workspace.root / "brand" / "brand.yaml"
    assert (finding.file, finding.line) == ("brand/brand.yaml", _line(brand_file, "instagram:"))
    assert finding.message == (
        "5 fields of brand/brand.yaml still hold example values: handles.instagram, "
        "handles.x, complaint_channels[1].name, complaint_channels[1].url, "
        "complaint_channels[1].phone. Replace them with "
        "the real account, the real text without the example mark, the real web address, and "
        "the real phone number before publishing."
    )


def test_a_unit_posting_with_the_kits_own_accounts_names_each_field_once(
    workspace: Workspace,
) -> None:
    # The regency's own unit has no accounts of its own in units.yaml: it posts with the kit's,
    # which are both the unit's and the kit's accounts; the warning names them once.
    kit = (builtin_brand_dir() / "brand.yaml").read_text(encoding="utf-8")
    workspace({"brand/brand.yaml": kit})
    path = workspace.release(unit="pemkab", platforms=["facebook"], **APPROVED)
    (finding,) = [f for f in check([path]).findings if f.code == CODE]
    assert finding.message.startswith(
        "4 fields of brand/brand.yaml still hold example values: handles.facebook, "
        "complaint_channels[1].name,"
    )


def test_the_kits_example_values_are_said_once_for_all_releases(workspace: Workspace) -> None:
    kit = (builtin_brand_dir() / "brand.yaml").read_text(encoding="utf-8")
    workspace({"brand/brand.yaml": kit})
    paths = [
        workspace.release(
            f"rilis/rilis-{n}.md", unit=QUIET_UNIT, platforms=["instagram"], **APPROVED
        )
        for n in range(3)
    ]
    found = [f for f in check(paths).findings if f.code == CODE]
    assert len(found) == 1 and found[0].file == "brand/brand.yaml"


def test_the_units_accounts_are_named_in_units_yaml(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    path = workspace.release(unit="dpupr", platforms=["instagram"], **APPROVED)
    (finding,) = _example_findings(check([path]).findings).values()
    assert finding.field == "units[dpupr].handles.instagram"
    assert finding.file == "built-in brand kit file units.yaml"
    units = builtin_brand_dir() / "units.yaml"
    assert finding.line == _line(units, 'handles: {instagram: "@contoh.dpuprblora"')
    assert "built-in brand kit file units.yaml" in finding.message
    assert "'@contoh.dpuprblora'" in finding.message


def test_the_message_is_in_indonesian_by_default(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    path = workspace.release(unit=QUIET_UNIT, link="https://contoh.blorakab.go.id/x", **APPROVED)
    set_language("id")
    (finding,) = _example_findings(check([path]).findings).values()
    assert finding.message == (
        "Isian 'link' masih memuat nilai contoh: 'https://contoh.blorakab.go.id/x'. "
        "Ganti dengan alamat web yang sebenarnya sebelum diterbitkan."
    )


# --- the examples -------------------------------------------------------------------------------

EXAMPLE_FIELDS = {
    "2024-06-14-aduan-jalan-berlubang.md": {"ticket"},
    "2024-07-01-pengumuman-layanan-adminduk.md": {"contact", "body", "link"},
    "2024-08-20-potensi-desa-wisata.md": {"contact", "link"},
    "2024-06-10-hoaks-bantuan-kuota.md": {"source", "link"},
    "2024-06-03-kinerja-posyandu.md": {"source", "link"},
}


def test_the_examples_pass_check_with_their_example_values_warned(run_cli: RunCli) -> None:
    result = run_cli("check", "rilis/", "--json", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    report = check([EXAMPLES / "rilis"])
    assert report.ok
    for name, fields in EXAMPLE_FIELDS.items():
        own = {
            f.field
            for f in report.findings
            if f.code == CODE and f.file is not None and f.file.endswith(name)
        }
        assert own == fields, name
    kit = " ".join(
        f.message for f in report.findings if f.code == CODE and "brand kit" in (f.file or "")
    )
    for field in ("handles.instagram", "units[dpupr].handles.instagram"):
        assert field in kit
    assert "units[dpupr].handles.x" not in kit  # its accounts: Instagram and Facebook only


def test_an_example_renders_with_its_warning(tmp_path: Path) -> None:
    source = EXAMPLES / "rilis" / "2024-06-14-aduan-jalan-berlubang.md"
    report = render([source], tmp_path / "out", platforms=["instagram"])
    assert report.ok, [r.error for r in report.results]
    manifest = report.results[0].manifest
    assert manifest is not None
    assert any(name.endswith((".png", ".jpg")) for name in manifest.files)  # images drawn
    warned = [w for w in manifest.warnings if w.code == CODE]
    assert "ticket" in {w.field for w in warned}
    said = " ".join(w.message for w in warned)
    assert "'units[dpupr].handles.instagram'" in said and "handles.instagram" in said
