"""``humaskit import``: Word documents and WhatsApp text made into releases that check accepts.

The .docx fixtures are built in code with python-docx (tests/docxkit.py); every refused input
must leave the workspace as it was, with an Indonesian message and exit code 1.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import CliResult, Workspace, examples
from docxkit import bmp_bytes, jpeg_bytes, press_release, replace_media
from humaskit.errors import ImageError, ReleaseError, UsageError
from humaskit.importer import ImportResult, import_document
from humaskit.importer import docx as docx_module
from humaskit.importer.placeholders import IMAGE_ALT_PLACEHOLDER, is_placeholder
from humaskit.pipeline.check import check

RunCli = Callable[..., CliResult]


def _front(path: Path) -> tuple[dict[str, object], str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _import(workspace: Workspace, source: Path, **options: str) -> ImportResult:
    return import_document(source, workspace=workspace.root, **options)  # type: ignore[arg-type]


# --- Word documents ---------------------------------------------------------------------------


def test_a_word_release_becomes_a_release_that_check_accepts(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(tmp_path / "laporan.docx", photos=[jpeg_bytes(), jpeg_bytes()])
    result = _import(workspace, source)

    assert result.path == workspace.root / "rilis" / (
        "2024-05-10-posyandu-desa-bangkleyan-layani-120-balita.md"
    )
    fields, body = _front(result.path)
    assert fields["title"] == "Posyandu Desa Bangkleyan Layani 120 Balita"
    assert str(fields["date"]) == "2024-05-10"
    assert fields["location"] == "Blora"
    assert fields["unit"] == "desa-bangkleyan"
    assert fields["kind"] == "rilis"
    assert fields["quote"] == {
        "text": "Kami ingin setiap balita tertimbang setiap bulan.",
        "by": "Arief Rohman",
        "role": "Bupati Blora",
    }
    # the dateline is cut from the lead; bold, italic and the list are Markdown
    assert body.startswith("Posyandu Melati di Desa Bangkleyan melayani **120 balita** pada")
    assert "*senyum*." in body
    assert "- Penimbangan balita\n- Pemberian makanan tambahan\n" in body
    # both photos are in foto/, the release points at the first, its alt text is to be filled
    assert [p.name for p in result.photos] == [
        "2024-05-10-posyandu-desa-bangkleyan-layani-120-balita-1.jpg",
        "2024-05-10-posyandu-desa-bangkleyan-layani-120-balita-2.jpg",
    ]
    assert all(p.parent == workspace.root / "foto" for p in result.photos)
    assert result.photos[0].read_bytes() == jpeg_bytes()
    assert fields["image"] == "../foto/" + result.photos[0].name
    assert fields["image_alt"] == IMAGE_ALT_PLACEHOLDER and is_placeholder(fields["image_alt"])
    assert result.to_fill == ["image_alt"]
    guessed = {name: how for name, _value, how in result.guessed}
    assert set(guessed) >= {"title", "date", "location", "unit", "quote", "image"}

    report = check([result.path])
    assert report.ok, [str(f) for f in report.findings]


def test_a_bold_first_line_is_the_title_and_words_alt_text_is_kept(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(
        tmp_path / "x.docx",
        bold_title=True,
        dateline="Blora, 12 Juni 2024 – ",
        photos=[jpeg_bytes()],
        alt="Kader posyandu menimbang balita",
    )
    result = _import(workspace, source, unit="dinkominfo")
    fields, body = _front(result.path)
    assert fields["title"] == "Posyandu Desa Bangkleyan Layani 120 Balita"
    assert str(fields["date"]) == "2024-06-12"
    assert fields["unit"] == "dinkominfo"
    assert fields["image_alt"] == "Kader posyandu menimbang balita"
    assert result.to_fill == []
    assert not body.startswith("Blora")
    assert check([result.path]).ok


@pytest.mark.parametrize("level", [0, 1, 2])
def test_siaran_pers_and_a_number_above_the_title_are_passed_over(
    level: int, workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(
        tmp_path / "x.docx", above=("SIARAN PERS", "Nomor: 12/HUMAS/V/2024"), title_level=level
    )
    fields, body = _front(_import(workspace, source).path)
    assert fields["title"] == "Posyandu Desa Bangkleyan Layani 120 Balita"
    assert "SIARAN" not in body and "Nomor" not in body
    assert str(fields["date"]) == "2024-05-10"


def test_the_same_document_gives_the_same_bytes_and_a_second_import_a_new_name(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(tmp_path / "x.docx", photos=[jpeg_bytes()])
    first = _import(workspace, source)
    second = _import(workspace, source)
    assert second.path != first.path and second.path.name.endswith("-2.md")
    assert second.photos[0] != first.photos[0]
    one = first.path.read_text(encoding="utf-8")
    two = second.path.read_text(encoding="utf-8")
    assert one.replace(first.photos[0].name, "P") == two.replace(second.photos[0].name, "P")


def test_two_different_quotes_are_ambiguous_and_none_is_taken(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(
        tmp_path / "x.docx",
        paragraphs=(
            "“Posyandu adalah garda depan kesehatan,” ujar Bupati Blora Arief Rohman.",
            "“Kader kami siap setiap bulan,” kata Sutrisno, Kepala Desa Bangkleyan.",
        ),
    )
    fields, _body = _front(_import(workspace, source).path)
    assert "quote" not in fields


def test_text_that_looks_like_markup_stays_text(workspace: Workspace, tmp_path: Path) -> None:
    source = press_release(
        tmp_path / "x.docx",
        title="Judul: dengan --- dan # tanda",
        paragraphs=(
            "Hitungan 2*3*4 dan nama_berkas [bukan tautan].",
            "# bukan judul",
            "2024. Tahun yang baik.",
            "---",
            "- bukan daftar",
            "<b>bukan HTML</b>",
        ),
    )
    result = _import(workspace, source)
    fields, body = _front(result.path)
    assert fields["title"] == "Judul: dengan --- dan # tanda"
    assert "Hitungan 2\\*3\\*4 dan nama\\_berkas \\[bukan tautan\\]." in body
    assert "\\# bukan judul" in body
    assert "2024\\. Tahun" in body and "\\---" in body and "\\- bukan daftar" in body
    assert "\\<b\\>bukan HTML\\</b\\>" in body
    from humaskit.model.release import load_release

    texts = {block.kind: [] for block in load_release(result.path).body.blocks}
    for block in load_release(result.path).body.blocks:
        texts[block.kind].append(block.text())
    # only the two bullets are list items; the rest is read back as the text it was
    assert texts["item"] == ["Penimbangan balita", "Pemberian makanan tambahan"]
    assert "heading" not in texts
    assert texts["paragraph"][-5:] == [
        "# bukan judul",
        "2024. Tahun yang baik.",
        "---",
        "- bukan daftar",
        "<b>bukan HTML</b>",
    ]
    assert check([result.path]).ok


# --- WhatsApp text ----------------------------------------------------------------------------

WHATSAPP = """*Kerja Bakti Warga Desa Bangkleyan Bersihkan Saluran Air*
Blora, 10 Mei 2024 – Warga Desa Bangkleyan bergotong royong membersihkan saluran air, _pagi tadi_.
- Saluran sepanjang 2 km
- Diikuti *150 warga*
IMG-20240510-WA0003.jpg (file terlampir)
"""


def test_whatsapp_text_with_an_attachment(workspace: Workspace, tmp_path: Path) -> None:
    chat = tmp_path / "wa" / "pesan.txt"
    chat.parent.mkdir()
    chat.write_text(WHATSAPP, encoding="utf-8")
    (chat.parent / "IMG-20240510-WA0003.jpg").write_bytes(jpeg_bytes())
    result = _import(workspace, chat)
    fields, body = _front(result.path)
    assert fields["title"] == "Kerja Bakti Warga Desa Bangkleyan Bersihkan Saluran Air"
    assert str(fields["date"]) == "2024-05-10" and fields["location"] == "Blora"
    assert body == (
        "Warga Desa Bangkleyan bergotong royong membersihkan saluran air, *pagi tadi*.\n\n"
        "- Saluran sepanjang 2 km\n- Diikuti **150 warga**\n"
    )
    assert result.photos[0].read_bytes() == jpeg_bytes()
    assert check([result.path]).ok


def test_a_missing_attachment_is_refused_and_nothing_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    chat = tmp_path / "pesan.txt"
    chat.write_text(WHATSAPP, encoding="utf-8")
    before = _files(workspace.root)
    with pytest.raises(ImageError, match=r"IMG-20240510-WA0003\.jpg"):
        _import(workspace, chat)
    assert _files(workspace.root) == before


def test_standard_input_through_the_cli(workspace: Workspace) -> None:
    import contextlib

    from typer.testing import CliRunner

    from humaskit.cli.app import build_app

    with contextlib.chdir(workspace.root):
        result = CliRunner().invoke(
            build_app(),
            ["import", "-", "--unit", "kec-cepu"],
            input="*Judul Dari WhatsApp*\nBLORA – Isi rilis.\n",
        )
    assert result.exit_code == 0, result.output
    (path,) = (workspace.root / "rilis").glob("*-judul-dari-whatsapp.md")
    fields, body = _front(path)
    assert fields["unit"] == "kec-cepu" and body == "Isi rilis.\n"
    # no date in the text: today's, and the admin is told to check it
    assert "date" in result.stderr and str(path) in result.stdout


# --- refused input ----------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_FILES: dict[str, tuple[str, bytes]] = {
    "pdf": ("laporan.docx", b"%PDF-1.7\n" + b"x" * 100),
    "password": ("laporan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
    "corrupt": ("laporan.docx", b"PK\x03\x04" + b"\x00" * 300),
    "xlsx": ("laporan.docx", _zip({"xl/workbook.xml": b"<workbook/>"})),
    "entries": (
        "laporan.docx",
        _zip({"word/document.xml": b"<x/>", **{f"n/{i}": b"" for i in range(4001)}}),
    ),
    "broken-xml": ("laporan.docx", _zip({"word/document.xml": b"<w:document"})),
    "empty-text": ("pesan.txt", b"\n\n  \n"),
    "no-title": ("pesan.txt", b"Hanya satu paragraf tanpa judul tebal.\n"),
    "title-only": ("pesan.txt", b"*Judul saja*\n"),
    "latin1": ("pesan.txt", "*Judul*\nKe caf\xe9\n".encode("latin-1")),
    "pdf-name": ("laporan.pdf", b"%PDF-1.7\n"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_is_refused_in_indonesian_with_exit_1_and_nothing_written(
    case: str, workspace: Workspace, tmp_path: Path, run_cli: RunCli
) -> None:
    name, data = BAD_FILES[case]
    source = tmp_path / name
    source.write_bytes(data)
    before = _files(workspace.root)
    result = run_cli("import", source, cwd=workspace.root)
    assert result.exit_code == 1, result.output
    assert "kesalahan" in result.stderr and name in result.stderr
    assert "Traceback" not in result.output and "site-packages" not in result.output
    assert _files(workspace.root) == before


@pytest.mark.usefixtures("english")
def test_an_empty_word_document_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    import docx

    path = tmp_path / "kosong.docx"
    docx.Document().save(str(path))
    with pytest.raises(ReleaseError, match="empty"):
        _import(workspace, path)


@pytest.mark.usefixtures("english")
def test_a_word_document_without_a_title_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    source = press_release(tmp_path / "x.docx", title=None)
    with pytest.raises(ReleaseError, match="no title"):
        _import(workspace, source)


def test_an_unsupported_image_is_refused_and_no_photo_is_left(
    workspace: Workspace, tmp_path: Path, run_cli: RunCli
) -> None:
    source = press_release(tmp_path / "x.docx", photos=[jpeg_bytes(), bmp_bytes()])
    result = run_cli("import", source, cwd=workspace.root)
    assert result.exit_code == 1
    assert "BMP" in result.stderr and "x.docx" in result.stderr
    assert _files(workspace.root) == ["humaskit.toml"]


@pytest.mark.usefixtures("english")
def test_a_zip_bomb_is_refused_by_its_unpacked_size(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_module, "MAX_UNPACKED", 1024 * 1024)
    source = press_release(tmp_path / "x.docx")
    with zipfile.ZipFile(source, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\x00" * (2 * 1024 * 1024))
    with pytest.raises(ReleaseError, match="unpacks to more than 1 MB"):
        _import(workspace, source)


def test_a_damaged_photo_is_refused_and_no_photo_is_left(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(tmp_path / "x.docx", photos=[jpeg_bytes()])
    replace_media(source, jpeg_bytes()[:400])
    with pytest.raises(ImageError) as caught:
        _import(workspace, source)
    assert caught.value.location.file == source
    assert _files(workspace.root) == ["humaskit.toml"]


@pytest.mark.usefixtures("english")
def test_too_much_xml_is_refused_before_it_is_parsed(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_module, "MAX_XML", 64 * 1024)
    many = [
        f"Paragraf nomor {n} dengan isi yang cukup panjang untuk menambah XML." for n in range(900)
    ]
    source = press_release(tmp_path / "x.docx", paragraphs=many)
    with pytest.raises(ReleaseError, match="text of the document is larger"):
        _import(workspace, source)


def test_a_failed_write_removes_the_photos_already_written(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from humaskit.errors import RenderError
    from humaskit.importer import core

    source = press_release(tmp_path / "x.docx", photos=[jpeg_bytes()])
    real = core.write_output

    def failing(path: Path, data: bytes) -> None:
        if path.suffix == ".md":
            raise RenderError("disk full")
        real(path, data)

    monkeypatch.setattr(core, "write_output", failing)
    with pytest.raises(RenderError):
        _import(workspace, source)
    assert _files(workspace.root) == ["humaskit.toml"]


@pytest.mark.parametrize(
    ("options", "word"),
    [
        ({"kind": "laporan"}, "laporan"),
        ({"kind": "kinerja"}, "kinerja"),
        ({"unit": "desa-x"}, "desa-x"),
    ],
)
def test_wrong_options_are_usage_errors(
    options: dict[str, str], word: str, workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(tmp_path / "x.docx")
    with pytest.raises(UsageError, match=word):
        _import(workspace, source, **options)
    assert _files(workspace.root) == ["humaskit.toml"]


def test_a_folder_outside_the_workspace_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    from humaskit.errors import PathError

    source = press_release(tmp_path / "x.docx")
    with pytest.raises(PathError):
        import_document(source, workspace=workspace.root, dest_dir=tmp_path / "elsewhere")


@pytest.mark.parametrize("kind", ["hoaks", "aduan", "kutipan", "pengumuman", "potensi"])
def test_every_importable_kind_checks_but_for_its_placeholders(
    kind: str, workspace: Workspace, tmp_path: Path
) -> None:
    source = press_release(tmp_path / "x.docx", paragraphs=())
    result = _import(workspace, source, kind=kind)
    fields, _body = _front(result.path)
    assert fields["kind"] == kind
    for name in result.to_fill:
        value = fields[name]
        assert is_placeholder(value if not isinstance(value, dict) else value["text"])
    assert check([result.path]).ok, [str(f) for f in check([result.path]).findings]


# --- properties -------------------------------------------------------------------------------


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Zl", "Zp")),
    max_size=40,
)


@settings(max_examples=examples(300))
@given(before=_TEXT, middle=_TEXT, after=_TEXT, mark=st.sampled_from(["", "strong", "em"]))
@example(before="&amp; &#42; &copy", middle="", after="", mark="")
@example(before="1. satu | dua | tiga", middle="", after="", mark="")
@example(before="~~coret~~ ==tanda== `kode` <div> [a](b) ![c](d)", middle="", after="", mark="")
@example(before="https://contoh.id/a_b_c www.contoh.id x@y.id", middle="", after="", mark="")
@example(before="\\* ** __ _x_ *y*", middle="x", after="", mark="strong")
@example(before="    kode", middle="", after="", mark="")
@example(before="#tagar :smile: 😀", middle="", after="", mark="")
@example(before="a", middle="!", after="b", mark="strong")
@example(before="kata", middle=" tebal ", after="lagi", mark="em")
def test_any_paragraph_reads_back_as_the_text_it_was(
    before: str, middle: str, after: str, mark: str
) -> None:
    """Whatever a paragraph says, with a bold or italic run anywhere in it, the release body
    reads it back as that text: no markup shows, none is read into it."""
    from html import escape

    from humaskit.importer.blocks import clean_spaces, to_markdown
    from humaskit.importer.html import read_html
    from humaskit.model.body import parse_body

    inner = f"<{mark}>{escape(middle)}</{mark}>" if mark else escape(middle)
    blocks, _images = read_html(f"<p>{escape(before)}{inner}{escape(after)}</p>")
    expected = clean_spaces(before + middle + after)
    if not expected:
        assert blocks == []
        return
    (block,) = parse_body(to_markdown(blocks)).blocks
    assert block.kind == "paragraph"
    assert clean_spaces(block.text()) == expected
