"""Photos and logos: only allowed decoders run, within stated pixel bounds, and a path the system
cannot open is an ordinary error naming the release (or kit) file, field and line.

The memory bounds are measured in a subprocess with a 1 GiB address-space limit (as in
tests/test_bounds.py), never by timing.
"""

from __future__ import annotations

import ast
import io
import json
import os
import resource
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import EpsImagePlugin, Image, features

import humaskit.cards.imaging as imaging
from conftest import REPO, CliResult, Workspace
from humaskit.cards.imagediff import diff_images, image_size
from humaskit.cards.imaging import load_logo, open_photo
from humaskit.cards.photofiles import MAX_DECODED_PIXELS, MAX_PIXELS, MAX_WEBP_PIXELS
from humaskit.errors import BrandError, ImageError
from humaskit.model.brand import load_brand

RunCli = Callable[..., CliResult]
ADDRESS_SPACE_LIMIT = 1 << 30
BUILTIN_BRAND = (REPO / "brand" / "brand.yaml").read_text(encoding="utf-8")
BUILTIN_LOGO = "logos/logo-placeholder.png"
INTERNAL = ("Kesalahan internal", "Internal error", "InternalError", "Traceback")


# --- fixtures made in code -------------------------------------------------------------------


def _encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _picture(size: tuple[int, int] = (64, 48)) -> Image.Image:
    return Image.new("RGB", size, (200, 60, 40))


def _eps() -> bytes:
    """A tiny Encapsulated PostScript file, written by hand: Pillow would hand it to Ghostscript."""
    return (
        b"%!PS-Adobe-3.0 EPSF-3.0\n"
        b"%%BoundingBox: 0 0 64 48\n"
        b"%%EndComments\n"
        b"newpath 0 0 moveto 64 48 lineto stroke\n"
        b"showpage\n"
        b"%%EOF\n"
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def transparent_png(width: int, height: int) -> bytes:
    """A real, fully transparent RGBA PNG, compressed row block by row block (small in memory):
    a few hundred KB on disk for 9400×9500, 357 MB once decoded."""
    row = b"\x00" + bytes(width * 4)
    block = row * max(1, 4_000_000 // len(row))
    rows_per_block = len(block) // len(row)
    packer = zlib.compressobj(1)
    parts = []
    left = height
    while left > 0:
        take = min(left, rows_per_block)
        parts.append(packer.compress(block[: take * len(row)]))
        left -= take
    parts.append(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


# name -> (file name, bytes, words the English message must hold)
MISLABELLED: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "tiff-as-jpg": ("foto.jpg", lambda: _encoded(_picture(), "TIFF"), ("TIFF",)),
    "bmp-as-jpg": ("foto.jpg", lambda: _encoded(_picture(), "BMP"), ("BMP",)),
    "ico-as-png": ("foto.png", lambda: _encoded(_picture(), "ICO"), ("ICO",)),
    "gif-as-jpg": ("foto.jpg", lambda: _encoded(_picture(), "GIF"), ("GIF", ".jpg")),
    "eps-as-jpg": ("p.jpg", _eps, ("EPS",)),
    "tiff-as-tif": ("foto.tif", lambda: _encoded(_picture(), "TIFF"), ("TIFF",)),
    "psd-header-as-jpg": ("foto.jpg", lambda: b"8BPS\x00\x01" + bytes(40), ("Photoshop",)),
    "pdf-as-jpg": ("foto.jpg", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(64), ("PDF",)),
    "mpo-as-png": (
        "foto.png",
        lambda: _encoded(_picture(), "MPO", save_all=True, append_images=[_picture()]),
        ("MPO", ".png"),
    ),
}


@pytest.fixture
def no_postscript(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail loudly if Pillow's EPS loader (the way to Ghostscript) is ever reached."""

    def reached(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Pillow's EPS loader ran on a photo")

    Image.init()
    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", reached)
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", reached)
    yield


@pytest.mark.usefixtures("english", "no_postscript")
@pytest.mark.parametrize("case", list(MISLABELLED))
def test_other_formats_are_refused_whatever_their_name(tmp_path: Path, case: str) -> None:
    name, make, words = MISLABELLED[case]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(ImageError) as info:
        open_photo(path, need=(1080, 1080), field="image_before")
    error = info.value
    assert error.location.file == path
    assert error.location.field == "image_before"
    assert repr(name) in error.message and "'image_before'" in error.message
    assert all(word in error.message for word in words), error.message
    assert error.hint


@pytest.mark.usefixtures("no_postscript")
def test_the_refusal_is_in_indonesian_and_lists_what_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "p.jpg"
    path.write_bytes(_eps())
    with pytest.raises(ImageError) as info:
        open_photo(path)
    message = info.value.message
    assert "'p.jpg'" in message and "isian 'image'" in message
    assert "PostScript/EPS" in message
    assert "hanya membaca JPEG, PNG, WebP, GIF, HEIC, atau AVIF" in message


def _mpo() -> bytes:
    second = Image.new("RGB", (640, 480), (0, 0, 255))
    return _encoded(
        Image.new("RGB", (640, 480), (255, 0, 0)), "MPO", save_all=True, append_images=[second]
    )


# Accepted: (file name, bytes, expected size after decoding with need=(200, 150)): decoded
# reduced (JPEG in draft mode at ½, since ¼ would be 160×120, too small; others reduced by 3 to
# 214×160), then resampled once to the smallest size that covers the need.
ACCEPTED: dict[str, tuple[str, Callable[[], bytes], tuple[int, int]]] = {
    # a phone JPEG with a second picture: its first frame, decoded reduced like any JPEG
    "mpo": ("telepon.jpg", _mpo, (200, 150)),
    "gif": ("animasi.gif", lambda: _encoded(_picture((640, 480)), "GIF"), (214, 160)),
    "webp": ("foto.webp", lambda: _encoded(_picture((640, 480)), "WEBP"), (214, 160)),
    "png": ("foto.png", lambda: _encoded(_picture((640, 480)), "PNG"), (214, 160)),
}
if features.check("avif"):
    ACCEPTED["avif"] = (
        "foto.avif",
        lambda: _encoded(_picture((640, 480)), "AVIF", speed=10),
        (214, 160),
    )


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_accepted_formats_are_read_at_the_needed_scale(tmp_path: Path, case: str) -> None:
    name, make, size = ACCEPTED[case]
    path = tmp_path / name
    path.write_bytes(make())
    photo = open_photo(path, need=(200, 150))
    assert photo.original == (640, 480)
    assert photo.size == size
    assert photo.image.mode == "RGB"
    red, _green, blue = photo.image.getpixel((10, 10))  # type: ignore[misc]
    assert red > 150 and blue < 120


@pytest.mark.usefixtures("english")
def test_heic_without_its_reader_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "telepon.heic"
    # the first bytes of a HEIC file; the reader is "not installed", so nothing else is read
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64))
    monkeypatch.setattr(imaging, "_heif_loaded", False)
    with pytest.raises(ImageError) as info:
        open_photo(path)
    assert "pillow-heif" in info.value.message


def test_every_image_open_in_the_package_names_its_formats() -> None:
    """The allow-list is the mechanism: an Image.open without formats=[...] would let any of
    Pillow's decoders (EPS → Ghostscript among them) run on a user's file."""
    unguarded = []
    for source in (REPO / "src" / "humaskit").rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "open"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "Image"
                and not any(k.arg == "formats" for k in node.keywords)
            ):
                unguarded.append(f"{source.relative_to(REPO)}:{node.lineno}")
    assert not unguarded, unguarded


@pytest.mark.usefixtures("english")
def test_compare_reads_only_its_own_output_formats(tmp_path: Path) -> None:
    base = tmp_path / "lama.png"
    base.write_bytes(_encoded(_picture(), "PNG"))
    tiff = tmp_path / "baru.png"
    tiff.write_bytes(_encoded(_picture(), "TIFF"))
    with pytest.raises(ImageError):
        diff_images(base, tiff)
    with pytest.raises(ImageError):
        image_size(tiff)
    eps = tmp_path / "baru2.png"
    eps.write_bytes(_eps())
    with pytest.raises(ImageError):
        image_size(eps)
    assert diff_images(base, base).different == 0


# --- pixel bounds, from the header ------------------------------------------------------------


def _header_png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    data = _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + data + _chunk(b"IEND", b"")


def _plain_webp(width: int, height: int) -> bytes:
    """A real lossless WebP of one colour: a few hundred bytes (its decoder is set up at open)."""
    plain = Image.new("RGB", (width, height), (10, 20, 30))
    return _encoded(plain, "WEBP", lossless=True, method=0)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("name", "make", "limit", "size"),
    [
        ("besar.png", lambda: _header_png(7100, 7100), MAX_DECODED_PIXELS, "7100×7100 pixels"),
        ("besar.webp", lambda: _plain_webp(5001, 5001), MAX_WEBP_PIXELS, "5001×5001 pixels"),
        # Pillow itself refuses past 2 × 89.5 MP before telling the size: the bound is stated
        ("bom.png", lambda: _header_png(20_000, 20_000), MAX_DECODED_PIXELS, "178 million"),
    ],
)
def test_a_photo_over_its_bound_is_refused_with_size_and_limit(
    tmp_path: Path, name: str, make: Callable[[], bytes], limit: int, size: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(ImageError) as info:
        open_photo(path, need=(1080, 1920))
    message = info.value.message
    assert f"at most {limit // 1_000_000} million pixels" in message, message
    assert size in message, message
    assert info.value.hint


def test_the_bounds_are_as_stated() -> None:
    # README "Keandalan dan keamanan" states these numbers: change both together.
    assert (MAX_PIXELS, MAX_DECODED_PIXELS, MAX_WEBP_PIXELS) == (90_000_000, 50_000_000, 25_000_000)


# --- whole renders in a subprocess with 1 GiB of address space --------------------------------


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def _render_limited(root: Path, *extra: str) -> tuple[int, dict[str, object], str]:
    """``humaskit render rilis`` in ``root`` (Indonesian, one platform) under the memory limit."""
    env = {k: v for k, v in os.environ.items() if k not in ("HUMASKIT_LANG", "HUMASKIT_DEBUG")}
    command = [sys.executable, "-m", "humaskit", "render", "rilis", "--out", "out", "--jobs", "1"]
    result = subprocess.run(
        [*command, "--platform", "instagram", "--json", *extra],
        cwd=root,
        preexec_fn=_limited,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    everything = result.stdout + result.stderr
    assert not any(word in everything for word in INTERNAL), everything[-3000:]
    return result.returncode, json.loads(result.stdout), everything


def _error_of(report: dict[str, object]) -> dict[str, object]:
    releases = report["releases"]
    assert isinstance(releases, list) and len(releases) == 1
    error = releases[0]["error"]
    assert isinstance(error, dict)
    return error


def _kit(workspace: Workspace, logo: str, data: bytes) -> None:
    workspace(
        {
            "brand/brand.yaml": BUILTIN_BRAND.replace(BUILTIN_LOGO, logo),
            f"brand/{logo}": data,
        }
    )


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_a_9400x9500_png_is_refused_within_a_gigabyte(workspace: Workspace) -> None:
    # 48 KB to 350 KB on disk, 1.8 GB once decoded and converted before the bound
    workspace({"foto/besar.png": transparent_png(9400, 9500)})
    workspace.release(image="../foto/besar.png", image_alt="Foto")
    code, report, _output = _render_limited(workspace.root)
    assert code == 1
    error = _error_of(report)
    assert error["error"] == "ImageError" and error["field"] == "image"
    # reported where the photo is named: the release file and the line of `image:`
    assert str(error["file"]).endswith("2024-05-10-rapat.md") and isinstance(error["line"], int)
    assert "'besar.png'" in str(error["message"])
    assert "9400×9500 piksel" in str(error["message"])
    assert "50 juta piksel" in str(error["message"])


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_a_20000x20000_logo_is_refused_naming_the_kit_file(workspace: Workspace) -> None:
    _kit(workspace, "logos/raksasa.png", transparent_png(20_000, 20_000))
    workspace.release()
    code, report, _output = _render_limited(workspace.root)
    assert code == 1
    error = _error_of(report)
    assert Path(str(error["file"])) == (workspace.root / "brand" / "brand.yaml").resolve()
    assert error["field"] == "logos.main"
    lines = BUILTIN_BRAND.replace(BUILTIN_LOGO, "logos/raksasa.png").splitlines()
    assert error["line"] == next(i for i, t in enumerate(lines, 1) if "main: logos/raksasa" in t)
    assert "'raksasa.png'" in str(error["message"])


def _gradient(mode: str, size: tuple[int, int]) -> Image.Image:
    band = Image.linear_gradient("L").resize(size)
    return band if mode == "L" else Image.merge(mode, [band] * len(mode))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize(
    ("name", "make"),
    [
        # just under each bound: rendered, reduced, within the limit
        ("besar.png", lambda p: _gradient("RGBA", (7071, 7071)).save(p, compress_level=1)),
        ("jalur.png", lambda p: _gradient("RGBA", (50_000, 1000)).save(p, compress_level=1)),
        ("besar.jpg", lambda p: _gradient("RGB", (10_000, 9000)).save(p, quality=70)),
        ("besar.webp", lambda p: _gradient("RGBA", (5000, 5000)).save(p, method=0)),
    ],
)
def test_photos_just_within_the_bounds_render_within_a_gigabyte(
    workspace: Workspace, name: str, make: Callable[[Path], None]
) -> None:
    path = workspace.root / "foto" / name
    path.parent.mkdir(parents=True)
    make(path)
    workspace.release(image=f"../foto/{name}", image_alt="Foto")
    code, report, output = _render_limited(workspace.root)
    assert code == 0, output[-2000:]
    assert report["rendered"] == 1
    assert list((workspace.root / "out").glob("*/instagram/feed.*"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_a_large_logo_within_the_bound_renders_reduced_within_a_gigabyte(
    workspace: Workspace,
) -> None:
    buffer = io.BytesIO()
    _gradient("RGBA", (7000, 7000)).save(buffer, "PNG", compress_level=1)
    _kit(workspace, "logos/besar.png", buffer.getvalue())
    workspace.release()
    code, report, output = _render_limited(workspace.root)
    assert code == 0, output[-2000:]
    assert report["rendered"] == 1


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_progressive_jpeg_is_bounded_like_the_others(tmp_path: Path) -> None:
    # a progressive JPEG's decoder keeps every coefficient: no reduced decoding to rely on
    path = tmp_path / "progresif.jpg"
    _gradient("RGB", (8000, 7000)).save(path, quality=60, progressive=True)
    with pytest.raises(ImageError) as info:
        open_photo(path, need=(1080, 1920))
    assert "progressive JPEG" in info.value.message and "50 million" in info.value.message


# --- the field, the file and the line of what could not be opened -----------------------------

LONG_NAME = "a" * 300 + ".jpg"


@pytest.mark.parametrize("field", ["image", "stats"])
def test_a_name_too_long_is_an_error_naming_the_release_field_and_line(
    workspace: Workspace, run_cli: RunCli, field: str
) -> None:
    value = f"../foto/{LONG_NAME}" if field == "image" else f"../data/{'b' * 300}.csv"
    workspace.photo("foto/ada.jpg")
    workspace({"data/ada.csv": "label,value\nBalita,3\n"})
    release = workspace.release(**{field: value})
    for command in ("render", "check"):
        result = run_cli(command, "rilis", "--out", "out", cwd=workspace.root)
        if command == "check":
            result = run_cli("check", "rilis", cwd=workspace.root)
        assert result.exit_code == 1, result.output
        assert result.exception is None
        assert not any(word in result.output for word in INTERNAL), result.output
        assert "nama berkas terlalu panjang" in result.output
        assert f"[{field}]" in result.output
        line = release.read_text(encoding="utf-8").splitlines().index(f"{field}: {value}") + 1
        assert f"{release.name}:{line}" in result.output, result.output


@pytest.mark.usefixtures("english")
def test_a_kit_logo_name_too_long_names_the_kit_file_field_and_line(tmp_path: Path) -> None:
    kit = tmp_path / "brand"
    kit.mkdir()
    (kit / "brand.yaml").write_text(
        BUILTIN_BRAND.replace(BUILTIN_LOGO, "logos/" + "c" * 300 + ".png"), encoding="utf-8"
    )
    with pytest.raises(BrandError) as info:
        load_brand(kit)
    assert info.value.location.file == (kit / "brand.yaml").resolve()
    assert info.value.location.field == "logos.main"
    assert info.value.location.line is not None
    assert "too long" in info.value.message


@pytest.mark.usefixtures("english")
def test_a_unit_logo_refusal_names_units_yaml_field_and_line(tmp_path: Path) -> None:
    kit = tmp_path / "brand"
    (kit / "logos").mkdir(parents=True)
    (kit / "logos" / "cepu.png").write_bytes(_encoded(_picture(), "TIFF"))
    (kit / "units.yaml").write_text(
        "units:\n"
        "  - key: pemkab\n"
        "    name: Pemerintah Kabupaten Blora\n"
        "    type: kabupaten\n"
        "  - key: kec-cepu\n"
        "    name: Kecamatan Cepu\n"
        "    type: kecamatan\n"
        "    parent: pemkab\n"
        "    logo: logos/cepu.png\n",
        encoding="utf-8",
    )
    unit = load_brand(kit).unit("kec-cepu")
    with pytest.raises(ImageError) as info:
        load_logo(unit.logo, need=(400, 400), where=unit.logo_from)
    where = info.value.location
    assert Path(str(where.file)).resolve() == (kit / "units.yaml").resolve()
    assert (where.field, where.line) == ("units[kec-cepu].logo", 9)
    assert "'cepu.png'" in info.value.message and "TIFF" in info.value.message
    # a unit without its own logo inherits the brand's, and where it was named
    pemkab = load_brand(kit).unit("pemkab")
    assert pemkab.logo_from.field == "logos.main"


def test_a_before_photo_of_another_format_names_image_before(
    workspace: Workspace, run_cli: RunCli
) -> None:
    workspace.photo("foto/sesudah.jpg")
    workspace({"foto/sebelum.jpg": _encoded(_picture((800, 600)), "BMP")})
    workspace.release(
        kind="aduan",
        complaint="Jalan berlubang di depan balai desa.",
        action="Lubang ditambal dengan aspal.",
        status="selesai",
        image_before="../foto/sebelum.jpg",
        image_after="../foto/sesudah.jpg",
    )
    result = run_cli(
        "render", "rilis", "--out", "out", "--platform", "instagram", cwd=workspace.root
    )
    assert result.exit_code == 1, result.output
    assert not any(word in result.output for word in INTERNAL), result.output
    assert "isian 'image_before'" in result.output and "BMP" in result.output
