"""Issue 13, point 10: misspelt fields, photo paths and documents that are not releases get a
message that says what to write."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bad_releases import GOOD_HEAD
from conftest import EXAMPLES, CliResult, Workspace
from humaskit import i18n
from humaskit.diagnostics import Diagnostic, Severity
from humaskit.errors import ReleaseError
from humaskit.model.pathhints import same_but_case
from humaskit.model.release import load_release
from humaskit.pipeline.check import check
from humaskit.pipeline.discovery import find_releases

PHOTO = next(p for p in sorted((EXAMPLES / "foto").iterdir()) if p.suffix == ".jpg")


@pytest.fixture
def indonesian() -> Iterator[None]:
    previous = i18n._current
    i18n.set_language("id")
    yield
    i18n._current = previous


def _refused(workspace: Workspace, text: str, name: str = "rilis/r.md") -> ReleaseError:
    workspace({name: text})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / name)
    return info.value


@pytest.mark.parametrize(
    ("typo", "field"), [("tittle", "title"), ("dtae", "date"), ("unti", "unit")]
)
def test_misspelt_required_field_names_the_line_and_the_name(
    workspace: Workspace, indonesian: None, typo: str, field: str
) -> None:
    head = GOOD_HEAD.replace(f"\n{field}:", f"\n{typo}:")
    error = _refused(workspace, head + "---\nIsi.\n")
    line = head.split("\n").index(next(x for x in head.split("\n") if x.startswith(typo))) + 1
    assert error.location.line == line
    assert error.location.field == typo
    assert f"Kolom wajib '{field}' tidak ada; baris {line} berisi '{typo}'." == error.message
    assert f"Maksud Anda '{field}'?" in error.hint


def test_missing_required_field_far_from_any_key_keeps_the_plain_message(
    workspace: Workspace, indonesian: None
) -> None:
    error = _refused(workspace, "---\ndate: 2024-05-10\nunit: pemkab\nlokasi: x\n---\nIsi.\n")
    assert error.message == "Kolom wajib 'title' belum ada."


def test_misspelt_image_field_is_an_error_diagnostic(workspace: Workspace) -> None:
    workspace({"rilis/r.md": GOOD_HEAD + "imgae: ../foto/x.jpg\n---\nIsi.\n"})
    release = load_release(workspace.root / "rilis/r.md")
    [notice] = [n for n in release.notices if n.field == "imgae"]
    assert notice.code == "misspelt-image-field"
    assert notice.severity is Severity.ERROR
    assert notice.line == 5
    assert "'image'" in notice.message
    report = check([workspace.root / "rilis/r.md"])
    assert not report.ok
    plain = load_release_notice(workspace, "lokasi_baru: x\n")
    assert plain.code == "unknown-field" and plain.severity is Severity.WARNING


def load_release_notice(workspace: Workspace, line: str) -> Diagnostic:
    workspace({"rilis/s.md": GOOD_HEAD + line + "---\nIsi.\n"})
    return load_release(workspace.root / "rilis/s.md").notices[0]


def _with_photo(workspace: Workspace) -> None:
    (workspace.root / "foto").mkdir(parents=True, exist_ok=True)
    shutil.copy(PHOTO, workspace.root / "foto" / "IMG_2041.JPG")


def test_photo_differing_only_in_capitals_gets_the_right_name(
    workspace: Workspace, indonesian: None
) -> None:
    _with_photo(workspace)
    error = _refused(
        workspace, GOOD_HEAD + "image: ../foto/img_2041.jpg\nimage_alt: x\n---\nIsi.\n"
    )
    assert error.location.line == 5
    assert "tulis image: ../foto/IMG_2041.JPG" in error.hint
    assert "Linux" in error.hint


def test_photo_path_from_the_workspace_root_gets_the_relative_one(
    workspace: Workspace, indonesian: None
) -> None:
    _with_photo(workspace)
    error = _refused(workspace, GOOD_HEAD + "image: foto/IMG_2041.JPG\nimage_alt: x\n---\nIsi.\n")
    assert "bukan dari folder kerja: tulis image: ../foto/IMG_2041.JPG." in error.hint
    nested = _refused(
        workspace,
        GOOD_HEAD + "image: foto/img_2041.jpg\nimage_alt: x\n---\nIsi.\n",
        name="rilis/2024/r.md",
    )
    assert "tulis image: ../../foto/IMG_2041.JPG." in nested.hint


def test_photo_nowhere_keeps_the_general_advice(workspace: Workspace, indonesian: None) -> None:
    error = _refused(workspace, GOOD_HEAD + "image: ../foto/tidak-ada.jpg\nimage_alt: x\n---\nx\n")
    assert error.hint == "Lokasi ini relatif terhadap berkas rilis; periksa folder dan ejaannya."


def test_same_but_case_needs_a_real_difference(tmp_path: Path) -> None:
    (tmp_path / "A.jpg").write_bytes(b"x")
    assert same_but_case("a.JPG", tmp_path) == "A.jpg"
    assert same_but_case("A.jpg", tmp_path) is None
    assert same_but_case("b.jpg", tmp_path) is None


def test_folder_of_documents_only_says_what_to_do(workspace: Workspace, indonesian: None) -> None:
    workspace({"masuk/laporan.docx": b"PK\x03\x04word/", "masuk/catatan.txt": "teks\n"})
    with pytest.raises(ReleaseError) as info:
        find_releases([workspace.root / "masuk"])
    assert info.value.exit_code == 1
    assert "hanya 2 dokumen: catatan.txt, laporan.docx" in info.value.message
    assert "humaskit import FILE" in info.value.hint
    workspace({"kosong/.keep": ""})
    assert find_releases([workspace.root / "kosong"]) == []


def test_folder_of_documents_exits_1_in_the_cli(
    run_cli: Callable[..., CliResult], workspace: Workspace
) -> None:
    workspace({"masuk/laporan.docx": b"PK\x03\x04word/"})
    result = run_cli("check", workspace.root / "masuk")
    assert result.exit_code == 1
    assert "humaskit import FILE" in result.stderr


@pytest.mark.parametrize(
    ("name", "raw", "what"),
    [
        ("laporan.docx", b"PK\x03\x04\x14\x00word/document.xml\x00", "dokumen Word (.docx)"),
        ("lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "dokumen Word (.doc)"),
        ("scan.pdf", b"%PDF-1.7\n\x00", "dokumen PDF"),
    ],
)
def test_document_named_explicitly_is_called_what_it_is(
    workspace: Workspace, indonesian: None, name: str, raw: bytes, what: str
) -> None:
    workspace({f"rilis/{name}": raw})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis" / name)
    assert info.value.message == f"{name} adalah {what}, bukan rilis dalam format Markdown."
    assert "NUL" not in info.value.message
    assert "Ubah dengan `humaskit import FILE`" in info.value.hint
