"""The Pillow side: golden images of every layout at every size, photos in, bad input refused.

The golden comparison lives in tests/goldens.py (HUMASKIT_UPDATE_GOLDENS=1 regenerates
tests/golden/ after an intended visual change; review the changed images in the diff).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from cardkit import SIZES, content, kit, layout_for, make_photo
from goldens import golden_differences
from humaskit.cards.imaging import open_photo
from humaskit.cards.renderer import CardRenderer, check_contrast
from humaskit.errors import ImageError, TemplateError
from humaskit.layout.sets import layouts_for
from humaskit.model.kinds import kind_names


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


CASES = {
    "rilis-photo": ("rilis", {"photo": "photo"}),
    "rilis-flat-emoji": ("rilis", {"title": "Panen Raya Jagung 🌽 di Desa Bangkleyan 👨‍👩‍👧"}),
    "kutipan-portrait": ("kutipan", {"photo": "portrait", "portrait": "portrait"}),
    "kutipan-flat": ("kutipan", {}),
}


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    return {
        "photo": make_photo(folder / "photo.jpg", quality=92),
        "portrait": make_photo(folder / "portrait.png", (800, 1200)),
    }


@pytest.mark.slow  # every size at full size; tests/test_goldens.py keeps a fast check
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_images(case: str, photos: dict[str, Path]) -> None:
    kind, changes = CASES[case]
    for source in ("photo", "portrait"):
        if source in changes:
            changes = {**changes, source: photos[str(changes[source])]}
    brand, unit = kit()
    renderer = CardRenderer(content(kind, **changes), brand, unit, sizes=SIZES)  # type: ignore[arg-type]
    failures = []
    for size in SIZES:
        out = renderer.render(layout_for(kind, size), size)
        image = Image.open(io.BytesIO(out.data))
        assert image.size == (size.width, size.height)
        assert out.alt
        failures.extend(golden_differences(f"{case}-{size.width}x{size.height}", out.data, out.ext))
    assert not failures, failures


def test_output_is_deterministic_and_has_no_metadata(tmp_path: Path) -> None:
    photo = tmp_path / "gps.jpg"
    exif = Image.Exif()
    exif[0x010F] = "KameraContoh"
    make_photo(photo, exif=exif.tobytes(), icc_profile=b"")
    brand, unit = kit()
    one = CardRenderer(content(photo=photo), brand, unit).render("rilis", SIZES[0], "jpeg")  # type: ignore[arg-type]
    two = CardRenderer(content(photo=photo), brand, unit).render("rilis", SIZES[0], "jpeg")  # type: ignore[arg-type]
    assert one.data == two.data
    assert b"KameraContoh" not in one.data
    assert not Image.open(io.BytesIO(one.data)).getexif()
    assert one.ext == "jpg"
    flat = CardRenderer(content(), brand, unit).render("rilis", SIZES[4])  # type: ignore[arg-type]
    assert flat.ext == "png"
    assert b"tIME" not in flat.data


def test_exif_rotation_and_focus(tmp_path: Path) -> None:
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait
    make_photo(path, (1200, 800), exif=exif.tobytes())
    photo = open_photo(path, need=(300, 300))
    assert photo.image.height > photo.image.width
    assert photo.original == (800, 1200)


def test_heic_photo_is_read(tmp_path: Path) -> None:
    import pillow_heif

    path = tmp_path / "phone.heic"
    heif = pillow_heif.from_pillow(Image.new("RGB", (320, 240), (30, 120, 200)))
    heif.save(path, quality=90)
    photo = open_photo(path, need=(300, 300))
    assert photo.original == (320, 240)
    assert photo.image.mode == "RGB"
    red, green, blue = photo.image.getpixel((160, 120))  # type: ignore[misc]
    assert blue > green > red


@pytest.mark.parametrize("mode", ["CMYK", "I;16", "P", "RGBA", "LA"])
def test_unusual_photo_modes_are_converted(tmp_path: Path, mode: str) -> None:
    path = tmp_path / ("photo.jpg" if mode == "CMYK" else "photo.png")
    base = Image.new("RGB", (64, 48), (200, 100, 50))
    image = base.convert(mode) if mode != "I;16" else Image.new("I;16", (64, 48), 40000)
    image.save(path)
    photo = open_photo(path)
    assert photo.image.mode == "RGB"
    if mode == "I;16":
        assert photo.image.getpixel((0, 0)) == (156, 156, 156)


def test_tiny_photo_warns(tmp_path: Path) -> None:
    brand, unit = kit()
    tiny = make_photo(tmp_path / "tiny.jpg", (200, 150))
    renderer = CardRenderer(content(photo=tiny), brand, unit)  # type: ignore[arg-type]
    out = renderer.render("rilis", SIZES[0])  # type: ignore[arg-type]
    assert "photo-low-resolution" not in [code for code, _m in out.warnings]  # said per release
    (low,) = renderer.low_resolution()
    assert (low.field, low.path, low.original) == ("image", tiny, (200, 150))
    assert low.box[0] > 200 * 1.5 or low.box[1] > 150 * 1.5


def test_missing_glyph_is_named() -> None:
    brand, unit = kit()
    out = CardRenderer(content(title="Aksara ꦧꦊꦫ Blora"), brand, unit).render("rilis", SIZES[0])  # type: ignore[arg-type]
    messages = [m for code, m in out.warnings if code == "missing-glyph"]
    assert any("U+A9A7" in m for m in messages)


def test_draft_watermark_changes_the_card() -> None:
    brand, unit = kit()
    plain = CardRenderer(content(), brand, unit).render("rilis", SIZES[4])  # type: ignore[arg-type]
    draft = CardRenderer(content(draft=True), brand, unit).render("rilis", SIZES[4])  # type: ignore[arg-type]
    assert plain.data != draft.data


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _huge_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_bad_photos_are_refused(tmp_path: Path) -> None:
    good = io.BytesIO()
    make_photo(tmp_path / "ok.jpg")
    Image.open(tmp_path / "ok.jpg").save(good, "JPEG")
    png = io.BytesIO()
    Image.new("RGB", (10, 10)).save(png, "PNG")
    cases = {
        "corrupt.jpg": b"this is not a photo",
        "truncated.jpg": good.getvalue()[: len(good.getvalue()) // 3],
        "wrong.jpg": png.getvalue(),
        "bomb.png": _huge_png(),
    }
    for name, data in cases.items():
        path = _write(tmp_path / name, data)
        with pytest.raises(ImageError) as info:
            open_photo(path)
        assert info.value.location.file == path, name
    with pytest.raises(ImageError):
        open_photo(tmp_path / "missing.jpg")


def test_unknown_layout_and_kind() -> None:
    brand, unit = kit()
    with pytest.raises(TemplateError):
        CardRenderer(content(), brand, unit).render("nope", SIZES[0])  # type: ignore[arg-type]
    with pytest.raises(TemplateError):
        layouts_for("kartun", "instagram", "feed")
    assert layouts_for("kutipan", "instagram", "story") == "kutipan"


def test_user_layout_overrides_builtin(tmp_path: Path) -> None:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "rilis.yaml").write_text(
        "background: accent\nlayers:\n  - {id: t, type: text, text: 'x', box: {}}\n"
    )
    (tmp_path / "sets.yaml").write_text("kinds:\n  rilis: {default: rilis, x: kutipan}\n")
    assert layouts_for("rilis", "x", "post", tmp_path) == "kutipan"
    brand, unit = kit()
    out = CardRenderer(content(), brand, unit, templates_dir=tmp_path).render("rilis", SIZES[1])  # type: ignore[arg-type]
    assert Image.open(io.BytesIO(out.data)).getpixel((5, 5)) == (224, 165, 38)


@pytest.mark.parametrize("with_photo", [False, True])
def test_builtin_layouts_meet_contrast(with_photo: bool, photos: dict[str, Path]) -> None:
    # With a photo the check assumes the worst photo behind each text, so this holds for any.
    brand, unit = kit()
    changes = {"photo": photos["photo"]} if with_photo else {}
    for kind in ("rilis", "kutipan"):
        for size in SIZES:
            card = content(kind, **changes)
            assert check_contrast(card, brand, unit, kind, size) == [], (kind, size)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_alt_text_is_indonesian_whatever_the_ui_language(
    lang: str, photos: dict[str, Path]
) -> None:
    from humaskit import i18n

    i18n.set_language(lang)
    brand, unit = kit()
    renderer = CardRenderer(content(photo=photos["photo"]), brand, unit, sizes=SIZES[:1])  # type: ignore[arg-type]
    alt = renderer.alt_text(renderer.plan("rilis", SIZES[0]))
    assert alt.startswith("Bupati bersama admin medsos OPD. Teks pada kartu: ")
    assert "Bupati Blora Ingin OPD" in alt
    # in reading order: the date line before the headline below it, the footer last
    assert alt.index("Jumat") < alt.index("Bupati Blora Ingin") < alt.index("@contoh")
    flat = CardRenderer(content(), brand, unit, sizes=SIZES[:1])  # type: ignore[arg-type]
    assert flat.alt_text(flat.plan("rilis", SIZES[0])).startswith("Teks pada kartu: ")


@pytest.mark.parametrize("kind", kind_names())
def test_every_release_kind_has_its_own_layout(kind: str) -> None:
    assert layouts_for(kind, "instagram", "feed") == kind


def test_landscape_quote_card_puts_the_portrait_beside_the_quote(
    photos: dict[str, Path],
) -> None:
    brand, unit = kit()
    card = content(
        "kutipan",
        photo=photos["portrait"],
        portrait=photos["portrait"],
        quote_text="Kerja nyata untuk warga.",
    )
    renderer = CardRenderer(card, brand, unit, sizes=SIZES)  # type: ignore[arg-type]
    for size in SIZES:
        layout = "kutipan-landscape" if size.width > size.height else "kutipan"
        boxes = {i.layer: i.box for i in renderer.plan(layout, size).items}
        if size.width > size.height:
            assert "portrait" not in boxes
            assert boxes["panel"].x0 == 0 and boxes["panel"].height == size.height
            for layer in ("logo", "quote", "person", "footer"):
                assert boxes[layer].x0 > boxes["panel"].x1, layer
        else:
            assert "panel" not in boxes and "portrait" in boxes
