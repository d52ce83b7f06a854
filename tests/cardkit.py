"""Card-test material shared by the Pillow tests: the sizes, a brand kit, card content, photos.

A helper module, not a test file: test files import it (``from cardkit import ...``) instead of
importing each other.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PIL import Image, ImageDraw

from humaskit.cards.content import CardContent
from humaskit.model.brand import FontSpec
from humaskit.model.platforms import ImageSize
from humaskit.model.stats import Stat
from humaskit.pipeline.manifest import MANIFEST_NAME
from humaskit.pipeline.render import render
from humaskit.resources import builtin_brand_dir

SIZES = [
    ImageSize("feed", 1080, 1350),
    ImageSize("square", 1080, 1080),
    ImageSize("story", 1080, 1920, 250, 250),
    ImageSize("x", 1600, 900),
    ImageSize("link", 1200, 630),
    ImageSize("linkedin", 1200, 627),
]
# The platform image each of SIZES stands for, to pick the layout the template set gives it.
PLATFORM_OF = {
    "feed": ("instagram", "feed"),
    "square": ("youtube", "community"),
    "story": ("instagram", "story"),
    "x": ("x", "post"),
    "link": ("facebook", "link"),
    "linkedin": ("linkedin", "link"),
}


def layout_for(kind: str, size: ImageSize) -> str:
    """The layout the built-in template set gives ``kind`` at ``size`` (one of SIZES)."""
    from humaskit.layout.sets import layouts_for

    return layouts_for(kind, *PLATFORM_OF[size.variant])


LONG = "Bupati Blora Ingin OPD Bangun Kinerja Transparan dan Informatif Lewat Medsos"
COLORS = {
    "primary": "#0E5A43",
    "secondary": "#0A3D2E",
    "accent": "#E0A526",
    "text_on_dark": "#FFFFFF",
    "text_on_light": "#14231D",
    "background": "#F5F1E6",
}


def kit() -> tuple[SimpleNamespace, SimpleNamespace]:
    """A brand and a unit built from the bundled fonts and logo, without a brand folder."""
    root = builtin_brand_dir()
    heavy = root / "fonts" / "PlusJakartaSansHumaskit-ExtraBold.ttf"
    medium = root / "fonts" / "PlusJakartaSansHumaskit-Medium.ttf"
    fonts = {  # as in brand/brand.yaml
        "heading": FontSpec(heavy, 800),
        "body": FontSpec(medium, 500),
        "numbers": FontSpec(heavy, 800),
        "emoji": FontSpec(root / "fonts" / "NotoColorEmoji.ttf", None),
    }
    logo = root / "logos" / "logo-placeholder.png"
    brand = SimpleNamespace(root=root, colors=COLORS, fonts=fonts, logos={"main": logo})
    unit = SimpleNamespace(name="Dinas Komunikasi dan Informatika", colors=COLORS, logo=logo)
    return brand, unit


def make_photo(path: Path, size: tuple[int, int] = (1600, 1200), **save: object) -> Path:
    """A deterministic stand-in photo: a sky-to-field gradient with a row of shapes."""
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        draw.line((0, y, w, y), fill=(90 + 120 * y // h, 150, 210 - 130 * y // h))
    for i in range(8):
        draw.ellipse(
            (i * w // 8, h // 2, i * w // 8 + w // 10, h // 2 + h // 5), fill=(240, 230, 190)
        )
    img.save(path, **save)  # type: ignore[arg-type]
    return path


def content(kind: str = "rilis", **changes: object) -> CardContent:
    """Realistic card content for ``kind``, with ``changes`` applied."""
    base = CardContent(
        kind=kind,
        title=LONG,
        summary="Puluhan admin medsos OPD Pemkab Blora belajar ke Sumedang dan Jawa Barat.",
        unit_name="Dinas Komunikasi dan Informatika",
        date_text="Jumat, 10 Mei 2024",
        photo_alt="Bupati bersama admin medsos OPD",
        photo_credit="Dinkominfo Blora",
        quote_text="Setiap OPD wajib hadir di media sosial dengan informasi yang jujur.",
        quote_by="Arief Rohman",
        quote_role="Bupati Blora",
        handles_text="@contoh.pemkabblora",
        footer="Pemerintah Kabupaten Blora",
        location="Bandung",
    )
    return CardContent(**{**base.__dict__, **changes})  # type: ignore[arg-type]


class HalfEmMeasurer:
    """A measurer for layout tests without fonts: every character half an em wide, ascent 0.9
    and descent 0.2 of the size."""

    def advance(self, text: str, font: str) -> float:
        return 0.5 * len(text)

    def vmetrics(self, font: str) -> tuple[float, float]:
        return 0.9, 0.2


# The brand colours a layout test's plan needs (as in brand/brand.yaml).
PLAN_COLORS = {
    "primary": "#0E5A43",
    "secondary": "#0A3D2E",
    "text_on_dark": "#FFFFFF",
    "background": "#F5F1E6",
}


def rendered_images(release: Path, out: Path) -> dict[str, dict[str, Any]]:
    """Render ``release`` into ``out`` and return its images' manifest entries by path."""
    report = render([release], out)
    (result,) = report.results
    assert result.status == "rendered" and result.out_dir is not None, result.message
    data = json.loads((result.out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    return {a["path"]: a for a in data["artifacts"] if a["type"] == "image"}


# The kinerja example's five figures (examples/rilis/2024-06-03-kinerja-posyandu.md), for the
# design tests of kinerja cards.
POSYANDU = [
    Stat("Balita ditimbang", 1875, "balita", 2000),
    Stat("Cakupan imunisasi dasar lengkap", 91.3, "%", 95),
    Stat("Posyandu aktif", 58, "posyandu", 62),
    Stat("Kader posyandu terlatih", 248, "orang", 310),
    Stat("Kelas ibu balita digelar", 36, "kali"),
]
# The kinerja specimen's twelve figures (templates/specimens/kinerja-12-angka.md).
SPECIMEN_FIGURES = [
    Stat("Balita ditimbang", 18750, "balita", 20000),
    Stat("Imunisasi dasar lengkap", 91.3, "%", 95),
    Stat("Jalan kabupaten mantap", 72.4, "%", 80),
    Stat("Jalan desa diperbaiki", 48.6, "km", 60),
    Stat("KTP elektronik tercetak", 12480, "keping"),
    Stat("Aduan warga selesai", 412, "aduan", 450),
    Stat("Desa punya akun medsos", 208, "desa", 271),
    Stat("Kelurahan punya akun medsos", 21, "kelurahan", 24),
    Stat("UMKM terdaftar", 3215, "usaha"),
    Stat("Pelatihan kerja", 640, "orang", 800),
    Stat("Sekolah terakreditasi A", 118, "sekolah"),
    Stat("Anggaran terserap", 1_250_000_000, "rupiah", 2_500_000_000),
]
# TikTok's photo size with the column its action buttons cover (templates/platforms.yaml).
TIKTOK_PHOTO = ImageSize("photo", 1080, 1920, 150, 400, 152, 672, 192)
