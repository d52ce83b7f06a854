"""The speed work of issue 14 changes no card: caches keyed right and bounded, the fast PNG
encoder lossless, the photo resampled once without a visible change.

Each test compares a card drawn with the caches warm against the same card drawn after the
caches were emptied, so a cache keyed too loosely (another colour, size or font served from it)
fails here.
"""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageChops, ImageStat

from cardkit import COLORS, SIZES, content, kit, make_photo
from humaskit.cards import draw, fonts, imaging
from humaskit.cards.fonts import FontBook
from humaskit.cards.imaging import encode, open_photo
from humaskit.cards.renderer import CardRenderer
from humaskit.pipeline import context


def _empty_caches() -> None:
    draw._backgrounds.clear()
    draw._scaled.clear()
    draw._watermarks.clear()
    imaging._logos.clear()
    imaging._fitted_logos.clear()
    fonts._shared.clear()


def _card(unit: SimpleNamespace, size_index: int, **changes: object) -> bytes:
    brand, _unit = kit()
    return CardRenderer(content(**changes), brand, unit).render("rilis", SIZES[size_index]).data  # type: ignore[arg-type]


def _other_unit(colors: dict[str, str]) -> SimpleNamespace:
    _brand, unit = kit()
    return SimpleNamespace(**{**unit.__dict__, "colors": colors})


@pytest.mark.parametrize("draft", [False, True])
def test_a_warm_cache_draws_the_same_card_as_a_cold_one(draft: bool) -> None:
    _brand, unit = kit()
    green = _card(unit, 4, draft=draft)  # warms background, scaled masks, watermark, logo
    red_unit = _other_unit({**COLORS, "primary": "#8B1A1A", "secondary": "#5A0F0F"})
    red_warm = _card(red_unit, 4, draft=draft)
    small_warm = _card(unit, 5, draft=draft)  # 1200×627: one row less than the cached 1200×630
    _empty_caches()
    assert _card(red_unit, 4, draft=draft) == red_warm
    assert red_warm != green
    _empty_caches()
    assert _card(unit, 5, draft=draft) == small_warm
    _empty_caches()
    assert _card(unit, 4, draft=draft) == green


def test_the_watermark_cache_is_keyed_by_the_font(tmp_path: Path) -> None:
    brand, unit = kit()
    first = CardRenderer(content(draft=True), brand, unit).render("rilis", SIZES[4]).data  # type: ignore[arg-type]
    other = dict(brand.fonts)
    other["heading"] = dataclasses.replace(other["heading"], file=other["body"].file)
    changed = SimpleNamespace(**{**brand.__dict__, "fonts": other})
    second = CardRenderer(content(draft=True), changed, unit).render("rilis", SIZES[4]).data  # type: ignore[arg-type]
    _empty_caches()
    alone = CardRenderer(content(draft=True), changed, unit).render("rilis", SIZES[4]).data  # type: ignore[arg-type]
    assert second == alone != first


def test_the_caches_stay_bounded_over_many_sizes() -> None:
    brand, unit = kit()
    _empty_caches()
    for width in range(600, 1400, 40):  # 20 sizes, more than any bound holds
        size = dataclasses.replace(SIZES[4], width=width, height=width * 630 // 1200)
        CardRenderer(content(draft=True), brand, unit).render("rilis", size)  # type: ignore[arg-type]
    held = sum(3 * image.width * image.height for image in draw._backgrounds.values())
    assert held <= draw._BACKGROUND_BYTES
    assert len(draw._watermarks) <= draw._WATERMARKS_MAX
    assert len(draw._scaled) <= draw._SCALED_MAX
    assert len(imaging._fitted_logos) <= imaging._FITTED_MAX


def test_a_font_book_is_shared_until_its_file_changes(tmp_path: Path) -> None:
    brand, _unit = kit()
    heavy = tmp_path / "heavy.ttf"
    heavy.write_bytes(brand.fonts["heading"].file.read_bytes())
    files = {"heading": (heavy, 800), "emoji": (brand.fonts["emoji"].file, None)}
    book = FontBook.shared(files)
    assert FontBook.shared(dict(files)) is book
    stat = heavy.stat()
    os.utime(heavy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert FontBook.shared(files) is not book


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_the_png_encoder_is_lossless_and_deterministic(mode: str) -> None:
    image = Image.effect_mandelbrot((301, 173), (-2, -1.2, 1, 1.2), 60).convert(mode)
    data, ext = encode(image, "png")
    assert ext == "png" and data == encode(image.copy(), "png")[0]
    back = Image.open(io.BytesIO(data))
    back.load()
    assert back.mode == mode and back.size == image.size
    assert back.tobytes() == image.tobytes()
    assert not {"icc_profile", "exif", "dpi"} & set(back.info)


@pytest.mark.parametrize("mode", ["RGB", "L"])
@pytest.mark.parametrize("size", [(301, 173), (1080, 1920), (7, 1), (30000, 3)])
def test_the_png_rows_are_built_as_the_plain_join_would(mode: str, size: tuple[int, int]) -> None:
    """The rows packed in one call are byte for byte what joining each row after a 0 byte
    gives (a story card; one pixel; rows longer than Pillow's 64 KiB pieces)."""
    image = Image.effect_mandelbrot(size, (-2, -1.2, 1, 1.2), 60).convert(mode)
    stride = image.size[0] * len(image.getbands())
    raw = image.tobytes()
    joined = b"".join(b"\0" + raw[i : i + stride] for i in range(0, len(raw), stride))
    assert imaging._unfiltered_rows(image, stride) == joined


def test_a_photo_is_resampled_once_to_the_scale_the_cards_need(tmp_path: Path) -> None:
    path = make_photo(tmp_path / "foto.png", (2400, 1800))
    # Reduced by 3 to 800×600 while decoding, then resampled to cover 620×400 exactly.
    photo = open_photo(path, need=(620, 400))
    assert photo.size == (620, 465)
    assert photo.original == (2400, 1800)
    full = open_photo(path)
    # Cover-cropping a card from the resampled photo or from the full photo looks the same.
    once = imaging.cover(photo.image, (600, 400), (0.5, 0.5))
    twice = imaging.cover(full.image, (600, 400), (0.5, 0.5))
    difference = ImageChops.difference(once, twice)
    worst = max(high for _low, high in difference.getextrema())
    assert worst <= 16  # of 255, at a few edge pixels; JPEG q90 itself moves edges more
    assert max(ImageStat.Stat(difference).mean) < 0.5


def test_large_brand_files_are_identified_by_size_and_time(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    big = folder / "big.ttf"
    big.write_bytes(b"\0" * (context._HASH_BELOW + 10))
    small = folder / "small.yaml"
    small.write_text("a: 1\n", encoding="utf-8")
    first = context._tree_digest(folder)
    context._tree_digest.cache_clear()
    stat = big.stat()
    os.utime(big, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert context._tree_digest(folder) != first
    context._tree_digest.cache_clear()
    again = context._tree_digest(folder)
    small.write_text("a: 2\n", encoding="utf-8")
    os.utime(small, ns=(small.stat().st_atime_ns, small.stat().st_mtime_ns))
    context._tree_digest.cache_clear()
    assert context._tree_digest(folder) != again


def test_flat_cards_are_deflated_by_isa_l_with_the_pixels_kept() -> None:
    """The PNG writer uses ISA-L (the pinned ``isal`` dependency) and any reader inflates it."""
    from humaskit.cards.png import DEFLATE

    assert DEFLATE == "isal"
    image = Image.effect_mandelbrot((640, 360), (-2, -1.2, 1, 1.2), 60).convert("RGB")
    data, ext = imaging.encode(image, "png")
    assert ext == "png" and data == imaging.encode(image, "png")[0]
    with Image.open(io.BytesIO(data)) as back:
        assert back.convert("RGB").tobytes() == image.tobytes()


@pytest.mark.parametrize("size_index", [0, 4])
def test_the_watermark_in_bands_draws_what_its_whole_masks_draw(
    size_index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watermark is pasted in bands cut to their ink (issue 14: fewer pixels to blend); the
    card is the same as when each mask is pasted whole."""
    _brand, unit = kit()
    _empty_caches()
    banded = _card(unit, size_index, draft=True)
    ((shadow, light),) = draw._watermarks.values()
    assert len(shadow) > 1 and len(light) > 1

    def whole(xy: tuple[int, int], mask: Image.Image, rows: int = 32) -> list[object]:
        return [draw._trimmed(xy, mask)]

    monkeypatch.setattr(draw, "_bands", whole)
    _empty_caches()
    assert _card(unit, size_index, draft=True) == banded
    ((shadow_whole, light_whole),) = draw._watermarks.values()
    full = sum(m.width * m.height for _xy, m in (*shadow_whole, *light_whole))
    in_bands = sum(m.width * m.height for _xy, m in (*shadow, *light))
    assert in_bands < 0.6 * full


def test_a_png_logo_loads_only_the_png_decoder(tmp_path: Path) -> None:
    """A file whose first bytes say PNG is opened with Pillow's PNG plugin alone (the WebP, GIF
    and AVIF plugins cost a start-up ≈ 3 ms); run in a fresh interpreter, whose plugins are
    not yet loaded."""
    import subprocess
    import sys

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (40, 30), (10, 20, 30, 255)).save(logo)
    script = (
        "import sys; from pathlib import Path; from humaskit.cards.imaging import load_logo; "
        f"load_logo(Path({str(logo)!r})); "
        "print(sorted(m for m in sys.modules if m.endswith('ImagePlugin')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "['PIL.PngImagePlugin']"
