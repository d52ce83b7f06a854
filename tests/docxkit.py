"""Word documents for the import tests, built in code with python-docx (a test dependency)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.shared import Inches
from PIL import Image


def jpeg_bytes(
    size: tuple[int, int] = (1600, 1200), color: tuple[int, int, int] = (30, 120, 70)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def bmp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, "BMP")
    return buffer.getvalue()


def press_release(
    path: Path,
    *,
    title: str | None = "Posyandu Desa Bangkleyan Layani 120 Balita",
    bold_title: bool = False,
    above: Sequence[str] = (),
    title_level: int = 1,
    dateline: str = "BLORA – ",
    paragraphs: Sequence[str] = (
        "“Kami ingin setiap balita tertimbang setiap bulan,” ujar Bupati Blora Arief Rohman.",
    ),
    bullets: Sequence[str] = ("Penimbangan balita", "Pemberian makanan tambahan"),
    photos: Sequence[bytes] = (),
    alt: str | None = None,
) -> Path:
    """A press release as an admin writes it in Word: a title, a dateline, bold, a list, photos."""
    document = docx.Document()
    for line in above:
        document.add_paragraph().add_run(line).bold = True
    if title is not None:
        if bold_title:
            document.add_paragraph().add_run(title).bold = True
        else:
            document.add_heading(title, level=title_level)
    lead = document.add_paragraph()
    lead.add_run(dateline).bold = True
    lead.add_run("Posyandu Melati di Desa Bangkleyan melayani ")
    lead.add_run("120 balita").bold = True
    lead.add_run(" pada Jumat, 10 Mei 2024, dengan ")
    lead.add_run("senyum").italic = True
    lead.add_run(".")
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    for text in paragraphs:
        document.add_paragraph(text)
    for data in photos:
        shape = document.add_picture(io.BytesIO(data), width=Inches(3))
        if alt is not None:
            shape._inline.docPr.set("descr", alt)
    document.save(str(path))
    return path


def replace_media(path: Path, data: bytes) -> None:
    """Put ``data`` in place of every image inside the .docx at ``path`` (a damaged photo)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, data if name.startswith("word/media/") else content)
