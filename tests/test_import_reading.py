"""The parts of ``humaskit import`` that read text: mammoth's HTML, WhatsApp marks, datelines,
quotes and the zip checks, one input at a time."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import pytest

from humaskit.errors import ReleaseError
from humaskit.importer.blocks import Block, to_markdown
from humaskit.importer.docx import read_docx
from humaskit.importer.guess import find_dateline, find_quote, find_title
from humaskit.importer.html import read_html
from humaskit.importer.whatsapp import read_whatsapp


def _paragraph(text: str, *, bold: bool = False) -> Block:
    return Block("paragraph", text, text, bold=bold)


def test_mammoth_html_becomes_markdown_with_lists_links_and_safe_links_only() -> None:
    blocks, images = read_html(
        "<h1>Judul</h1>"
        '<p>Baca <a href="https://blorakab.go.id/x">berita <strong>lengkap</strong></a> dan '
        '<a href="javascript:alert(1)">ini</a>.</p>'
        "<ol><li>satu</li><li>dua<ul><li>dalam</li></ul></li></ol>"
        '<p><img src="image-1" /></p>'
        "<table><tr><td><p>sel</p></td></tr></table>"
    )
    assert images == ["image-1"]
    assert to_markdown(blocks[1:]) == (
        "Baca [berita **lengkap**](https://blorakab.go.id/x) dan ini.\n\n"
        "1. satu\n2. dua\n\n  - dalam\n\nsel"
    )


def test_bold_runs_with_spaces_inside_are_moved_out_and_joined() -> None:
    (block,) = read_html("<p><strong>BLORA </strong>– <strong>kata </strong><em> miring</em></p>")[
        0
    ]
    assert block.markdown == "**BLORA** – **kata** *miring*"
    (title,) = read_html("<p><strong>Semua </strong><strong>tebal</strong></p>")[0]
    assert title.bold and title.markdown == "**Semua tebal**"


def test_whatsapp_marks_lists_and_chat_prefixes() -> None:
    chat = read_whatsapp(
        "10/05/24 09.15 - Humas Desa: *Judul*\n"
        "• satu\n"
        "2) dua\n"
        "~coret~ dan snake_case_name tetap\n"
        "\u200e<attached: 00000012-PHOTO-2024-05-10.jpg>\n"
    )
    assert [b.kind for b in chat.blocks] == ["paragraph", "bullet", "number", "paragraph"]
    assert chat.blocks[0].bold and chat.blocks[0].text == "Judul"
    assert chat.blocks[3].markdown == "coret dan snake\\_case\\_name tetap"
    assert chat.attachments == ("00000012-PHOTO-2024-05-10.jpg",)


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        ("BLORA – Bupati membuka acara.", "Blora", None),
        ("BLORA, (blorakab.go.id) – Bupati membuka.", "Blora", None),
        ("Blora, 10 Mei 2024 – Bupati membuka.", "Blora", dt.date(2024, 5, 10)),
        ("BLORA, Jumat (10/5/2024) – Bupati membuka.", "Blora", dt.date(2024, 5, 10)),
        ("Cepu, 3 Agt 2024 — Camat membuka.", "Cepu", dt.date(2024, 8, 3)),
        ("Kunduran, 17 Agustus 2024", "Kunduran", dt.date(2024, 8, 17)),
        ("Blora, 31 Februari 2024 – tanggal yang tidak ada.", "Blora", None),
    ],
)
def test_datelines(text: str, place: str, day: dt.date | None) -> None:
    found = find_dateline([_paragraph(text)])
    assert found is not None and (found.location, found.date) == (place, day)


@pytest.mark.parametrize(
    "text", ["Bupati Blora – yang baru – membuka acara.", "Pada 10 Mei 2024 warga berkumpul."]
)
def test_no_dateline_in_ordinary_sentences(text: str) -> None:
    assert find_dateline([_paragraph(text)]) is None


@pytest.mark.parametrize(
    ("text", "by", "role"),
    [
        (
            "“Kami siap melayani warga,” ujar Bupati Blora Arief Rohman.",
            "Arief Rohman",
            "Bupati Blora",
        ),
        (
            '"Kader kami siap setiap bulan," kata Sutrisno, Kepala Desa Bangkleyan.',
            "Sutrisno",
            "Kepala Desa Bangkleyan",
        ),
        ("“Terima kasih atas dukungannya,” tutur Sri Wahyuni.", "Sri Wahyuni", None),
    ],
)
def test_an_attributed_quote(text: str, by: str, role: str | None) -> None:
    found = find_quote([_paragraph(text)])
    assert found is not None and (found.by, found.role) == (by, role)


def test_a_quote_by_nya_names_nobody() -> None:
    assert find_quote([_paragraph("“Kami siap melayani warga,” ujarnya.")]) is None


def test_the_same_quote_twice_is_still_one() -> None:
    quote = "“Kami siap melayani warga,” ujar Bupati Blora Arief Rohman."
    assert find_quote([_paragraph(quote), _paragraph(quote)]) is not None


def test_a_long_bold_paragraph_deep_in_the_text_is_no_title() -> None:
    blocks = [_paragraph(f"Paragraf {n}.") for n in range(4)] + [_paragraph("Tebal", bold=True)]
    assert find_title(blocks) is None


def _lying_zip(declared: int) -> bytes:
    """A small zip whose central directory claims ``declared`` unpacked bytes for one entry."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/image1.png", b"\x00" * 1000)
    data = bytearray(buffer.getvalue())
    central = data.rindex(b"PK\x01\x02")  # the last entry's central directory record
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def test_a_zip_bomb_is_refused_from_its_declared_size_unread(english: None) -> None:
    with pytest.raises(ReleaseError, match="unpacks to more than 256 MB"):
        read_docx(Path("bom.docx"), _lying_zip(0xFFFF0000))
