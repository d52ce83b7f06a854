"""Faults: hostile images and files, a batch killed with SIGKILL, two renders at once, and a sweep
of every bad input through the CLI (no traceback, ever)."""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import struct
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

import humaskit.pipeline.release_job
import humaskit.pipeline.render
from bad_releases import BAD_RELEASES
from conftest import BASE_BODY, BASE_FIELDS, CliResult, Workspace, frontmatter_text
from humaskit.cards.imaging import MAX_PIXELS, open_photo
from humaskit.errors import ImageError, ReleaseError
from humaskit.model.release import load_release
from humaskit.pipeline.render import ReleaseResult, RenderOptions, render

pytestmark = pytest.mark.usefixtures("english")

RunCli = Callable[..., CliResult]
GPS_IFD = 0x8825
CAMERA = "KameraRahasia-7731"


# --- image files ----------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels but holds almost no data: a bomb's header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def _encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _noisy(size: tuple[int, int] = (800, 600)) -> Image.Image:
    return Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))


def _animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (64, 48), c) for c in ((220, 20, 20), (20, 20, 220))]
    params: dict[str, object] = {"save_all": True, "append_images": frames[1:], "duration": 100}
    if fmt == "PNG":
        params["default_image"] = False
    return _encoded(frames[0], fmt, **params)


def _sixteen_bit() -> bytes:
    image = Image.new("I;16", (64, 48))
    image.putdata([i * 20 for i in range(64 * 48)])
    return _encoded(image, "PNG")


# name -> (file name, bytes): images humaskit must refuse with an ImageError
BAD_IMAGES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "bomb-30000x30000": ("bom.png", lambda: png_header_only(30_000, 30_000)),
    "bomb-just-over-limit": ("bom.png", lambda: png_header_only(9_500, 9_500)),
    "bomb-long-strip": ("strip.png", lambda: png_header_only(1_000_000, 100)),
    "truncated-jpeg": ("potong.jpg", lambda: _encoded(_noisy(), "JPEG")[:6000]),
    "truncated-png": ("potong.png", lambda: _encoded(_noisy(), "PNG")[:5000]),
    "corrupt-jpeg": ("rusak.jpg", lambda: b"\xff\xd8\xff\xe0" + os.urandom(4000)),
    "random-bytes": ("acak.jpg", lambda: os.urandom(2048)),
    "empty": ("kosong.jpg", lambda: b""),
    "text-as-jpeg": ("teks.jpg", lambda: b"bukan gambar\n" * 10),
    "png-named-jpg": ("salah.jpg", lambda: _encoded(Image.new("RGB", (64, 48)), "PNG")),
    "jpeg-named-png": ("salah.png", lambda: _encoded(Image.new("RGB", (64, 48)), "JPEG")),
    "webp-named-jpg": ("salah.jpg", lambda: _encoded(Image.new("RGB", (64, 48)), "WEBP")),
}


@pytest.mark.parametrize("case", list(BAD_IMAGES))
def test_bad_images_are_refused_with_a_clear_message(tmp_path: Path, case: str) -> None:
    name, make = BAD_IMAGES[case]
    path = tmp_path / name
    path.write_bytes(make())
    tracemalloc.start()
    try:
        with pytest.raises(ImageError) as info:
            open_photo(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.location.file == path
    assert info.value.hint
    # refused from the header: no pixel buffer of the claimed size was ever allocated
    assert peak < 40 * 1024 * 1024, peak


def test_bomb_message_names_the_size(tmp_path: Path) -> None:
    path = tmp_path / "besar.png"
    path.write_bytes(png_header_only(9_000, 10_001))
    assert MAX_PIXELS < 9_000 * 10_001
    with pytest.raises(ImageError):
        open_photo(path)


# Accepted oddities: (file name, bytes, the colour at the top-left corner afterwards)
ODD_IMAGES: dict[str, tuple[str, Callable[[], bytes], tuple[int, int, int]]] = {
    # animated images: the first frame is used (README, "Keandalan dan keamanan")
    "animated-gif": ("anim.gif", lambda: _animated("GIF"), (220, 20, 20)),
    "animated-webp": ("anim.webp", lambda: _animated("WEBP"), (220, 20, 20)),
    "apng": ("anim.png", lambda: _animated("PNG"), (220, 20, 20)),
    "cmyk-jpeg": (
        "cmyk.jpg",
        lambda: _encoded(Image.new("CMYK", (64, 48), (0, 255, 255, 0)), "JPEG"),
        (255, 0, 0),
    ),
    "sixteen-bit-png": ("abu16.png", _sixteen_bit, (0, 0, 0)),
    "palette-png": (
        "palet.png",
        lambda: _encoded(Image.new("RGB", (64, 48), (10, 200, 10)).convert("P"), "PNG"),
        (10, 200, 10),
    ),
    "alpha-png": (
        "alfa.png",
        lambda: _encoded(Image.new("RGBA", (64, 48), (0, 0, 0, 0)), "PNG"),
        (255, 255, 255),
    ),
    "wide-strip": ("garis.png", lambda: _encoded(Image.new("RGB", (20_000, 4)), "PNG"), (0, 0, 0)),
}


@pytest.mark.parametrize("case", list(ODD_IMAGES))
def test_odd_images_become_plain_rgb(tmp_path: Path, case: str) -> None:
    name, make, corner = ODD_IMAGES[case]
    path = tmp_path / name
    path.write_bytes(make())
    photo = open_photo(path)
    assert photo.image.mode == "RGB"
    pixel = photo.image.getpixel((0, 0))
    assert isinstance(pixel, tuple)
    assert all(abs(a - b) <= 40 for a, b in zip(pixel, corner, strict=True)), pixel


def _photo_with_metadata() -> bytes:
    image = _noisy((1600, 1200))
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    exif[0x0110] = "Model-X9"  # Model
    exif[0x0131] = "Editor 1.0"  # Software
    exif[0x0112] = 1
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "S", 2: (6.0, 58.0, 12.0), 3: "E", 4: (111.0, 25.0, 3.0)})
    return _encoded(image, "JPEG", exif=exif.tobytes(), comment=CAMERA.encode(), quality=80)


@pytest.mark.parametrize(
    "fmt",
    [
        pytest.param("png", marks=pytest.mark.slow),  # PNG and WebP encode slowly;
        "jpeg",
        pytest.param("webp", marks=pytest.mark.slow),  # JPEG keeps the check in the fast lane
    ],
)
def test_outputs_carry_no_exif_gps_or_camera_data(
    workspace: Workspace, run_cli: RunCli, fmt: str
) -> None:
    ws = workspace({"foto/kamera.jpg": _photo_with_metadata()})
    with Image.open(ws / "foto" / "kamera.jpg") as source:
        assert source.getexif().get_ifd(GPS_IFD), "the source carries GPS to strip"
    workspace.release(image="../foto/kamera.jpg", image_alt="Foto", platforms=["x", "instagram"])
    result = run_cli("render", "rilis", "--out", "out", "--jobs", "1", "--format", fmt, cwd=ws)
    assert result.exit_code == 0, result.output
    images = [p for p in (ws / "out").rglob("*") if p.suffix in (".png", ".jpg", ".webp")]
    assert images
    for path in images:
        raw = path.read_bytes()
        assert CAMERA.encode() not in raw and b"Model-X9" not in raw
        with Image.open(path) as image:
            assert len(image.getexif()) == 0, path
            assert not image.getexif().get_ifd(GPS_IFD)
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info), path


# --- release files --------------------------------------------------------------------------


def _alias_bomb() -> str:
    lines = ["---", "title: Judul", "date: 2024-05-10", "unit: dinkominfo", "a: &a [x,x,x,x,x]"]
    for prev, name in itertools.pairwise("abcdefghijklmno"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 8) + "]")
    return "\n".join([*lines, "---", "Isi.", ""])


def test_alias_bomb_is_refused_in_bounded_memory(workspace: Workspace) -> None:
    workspace({"rilis/bom.md": _alias_bomb()})
    tracemalloc.start()
    try:
        with pytest.raises(ReleaseError) as info:
            load_release(workspace.root / "rilis/bom.md")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "aliases" in info.value.message
    assert peak < 20 * 1024 * 1024, peak


def test_a_10_mb_release_is_refused_without_being_read(workspace: Workspace) -> None:
    head = frontmatter_text(BASE_FIELDS, "")
    path = workspace.root / "rilis" / "besar.md"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for _ in range(10 * 1024):
            fh.write("Paragraf panjang. " * 57 + "\n")
    assert path.stat().st_size > 10 * 1000 * 1000
    tracemalloc.start()
    try:
        with pytest.raises(ReleaseError) as info:
            load_release(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger than" in info.value.message
    assert peak < 2 * 1024 * 1024, peak


def test_a_long_release_under_the_cap_still_fits_every_caption(workspace: Workspace) -> None:
    from humaskit.model.brand import load_brand
    from humaskit.text.captions import build_captions

    body = "\n\n".join(f"Paragraf {i} tentang pelayanan publik di Blora." * 8 for i in range(3000))
    path = workspace.release(body=body, summary="Ringkasan. " * 400)
    assert path.stat().st_size > 1_000_000
    release = load_release(path)
    captions = build_captions(release, load_brand(), platforms=["x", "instagram", "threads"])
    assert all(c.length <= c.limit for c in captions.values())


ENCODING_CASES = {
    # name: (bytes, None when it loads fine, else a fragment of the message and its line)
    "latin-1": (
        "---\ntitle: Peresmian Café\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi.\n".encode(
            "latin-1"
        ),
        ("not UTF-8", 2),
    ),
    "utf-16": (
        "---\ntitle: Judul\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi.\n".encode("utf-16"),
        ("NUL byte", 1),
    ),
    "nul-in-body": (
        b"---\ntitle: Judul\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi.\n\nBaris\x00tujuh\n",
        ("NUL byte", 8),
    ),
    "bom": (b"\xef\xbb\xbf" + frontmatter_text(BASE_FIELDS, BASE_BODY).encode(), None),
    "crlf": (frontmatter_text(BASE_FIELDS, BASE_BODY).replace("\n", "\r\n").encode(), None),
    "cr-only": (frontmatter_text(BASE_FIELDS, BASE_BODY).replace("\n", "\r").encode(), None),
    "bom-crlf": (
        b"\xef\xbb\xbf" + frontmatter_text(BASE_FIELDS, BASE_BODY).replace("\n", "\r\n").encode(),
        None,
    ),
}


@pytest.mark.parametrize("case", list(ENCODING_CASES))
def test_encodings_and_line_endings(workspace: Workspace, run_cli: RunCli, case: str) -> None:
    data, expected = ENCODING_CASES[case]
    ws = workspace({"rilis/2024-05-10-rapat.md": data})
    path = ws / "rilis" / "2024-05-10-rapat.md"
    if expected is None:
        assert load_release(path).title == BASE_FIELDS["title"]
        result = run_cli("render", "rilis", "--out", "out", "-p", "x", "--no-images", cwd=ws)
        assert result.exit_code == 0, result.output
        caption = (ws / "out" / "2024-05-10-rapat" / "x" / "caption.txt").read_bytes()
        assert b"\r" not in caption and b"\xef\xbb\xbf" not in caption
        return
    fragment, line = expected
    with pytest.raises(ReleaseError) as info:
        load_release(path)
    assert fragment in info.value.message
    assert info.value.location.line == line


# --- SIGKILL halfway, and two renders at once ------------------------------------------------

BATCH = 30


def _batch(workspace: Workspace, count: int = BATCH) -> Path:
    for i in range(count):
        day = 1 + i % 28
        workspace.release(
            f"rilis/2024-05-{day:02d}-kegiatan-{i:02d}.md",
            title=f"Kegiatan nomor {i} Pemkab Blora untuk warga",
            date=f"2024-05-{day:02d}",
            platforms=["x"],
            tags=["blora", f"kegiatan{i}"],
        )
    return workspace.root


def _humaskit(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUMASKIT_LANG": "en", "HUMASKIT_DEBUG": ""}
    env.pop("HUMASKIT_DEBUG")
    return subprocess.Popen(
        [sys.executable, "-m", "humaskit", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so workers die with it
    )


def _assert_outputs_whole(out: Path) -> int:
    """Every visible file under ``out`` is complete; returns the number of complete releases."""
    complete = 0
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        manifest_path = folder / "manifest.json"
        # a published release folder always has its manifest: it is moved into place whole
        assert manifest_path.is_file(), f"{folder} has no manifest"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed = {a["path"] for a in manifest["artifacts"]}
        for artifact in manifest["artifacts"]:
            path = folder / artifact["path"]
            assert path.is_file(), path
            if artifact["type"] == "image":
                with Image.open(path) as image:
                    image.load()  # raises on a truncated file
                    assert image.size == (artifact["width"], artifact["height"])
            else:
                text = path.read_text(encoding="utf-8")
                assert text.endswith("\n") and len(text.strip()) > 0
        visible = {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".") and p.suffix not in (".txt",)
        }
        assert visible - {"manifest.json"} <= listed, visible - listed
        complete += 1
    return complete


def _leftovers(out: Path) -> list[Path]:
    """Hidden staging folders and temporary files in ``out``."""
    return [p for p in out.rglob(".*") if not p.name.startswith(".humaskit-")]


@pytest.mark.slow  # a subprocess batch killed with SIGKILL
def test_a_batch_killed_halfway_leaves_only_whole_outputs_and_the_rerun_completes_it(
    workspace: Workspace,
) -> None:
    ws = _batch(workspace)
    out = ws / "out"
    process = _humaskit("render", "rilis", "--out", "out", "--jobs", "2", cwd=ws)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        # Published folders only: a hidden staging folder holds its manifest before it is moved
        # into place, and is not an output yet.
        published = [m for m in out.glob("*/manifest.json") if not m.parent.name.startswith(".")]
        if out.is_dir() and len(published) >= 4:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the batch finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    time.sleep(0.5)  # let the killed workers' exit settle
    before = _assert_outputs_whole(out)
    assert 4 <= before < BATCH

    # What the killed run left half-written is hidden (a staging folder); make it look old, as
    # it would be by the time someone runs the batch again.
    leftovers = _leftovers(out)
    assert all(p.name.startswith(".") for p in leftovers)
    old = time.time() - 2 * 3600
    for path in leftovers:
        os.utime(path, (old, old))

    rerun = _humaskit("render", "rilis", "--out", "out", "--jobs", "2", "--json", cwd=ws)
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    report = json.loads(stdout)
    assert report["rendered"] + report["skipped"] == BATCH
    assert report["failed"] == 0
    assert _assert_outputs_whole(out) == BATCH
    assert not [p for p in _leftovers(out) if p.parent == out], "stale staging was cleaned"


@pytest.mark.slow  # two subprocess batches
def test_two_renders_into_the_same_out_at_once(workspace: Workspace) -> None:
    ws = _batch(workspace, 8)
    first = _humaskit("render", "rilis", "--out", "out", "--jobs", "1", "--force", cwd=ws)
    second = _humaskit("render", "rilis", "--out", "out", "--jobs", "1", "--force", cwd=ws)
    for process in (first, second):
        _stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
    assert _assert_outputs_whole(ws / "out") == 8
    assert not _leftovers(ws / "out")


# --- the sweep: every bad input through the CLI ----------------------------------------------

GOOD = frontmatter_text(BASE_FIELDS, BASE_BODY)


def _sweep_cases() -> dict[str, dict[str, str | bytes]]:
    """Workspaces (path → content) holding one bad input each, from here and bad_releases."""
    cases: dict[str, dict[str, str | bytes]] = {}
    for case_id, text, *_rest in BAD_RELEASES:
        cases[f"release-{case_id}"] = {"rilis/2024-05-10-rusak.md": text}
    for name, (data, expected) in ENCODING_CASES.items():
        if expected is not None:
            cases[f"encoding-{name}"] = {"rilis/2024-05-10-rusak.md": data}
    cases["alias-bomb"] = {"rilis/2024-05-10-rusak.md": _alias_bomb()}
    cases["too-large"] = {"rilis/2024-05-10-rusak.md": GOOD + "x" * (3 * 1024 * 1024)}
    for name, (file_name, make) in BAD_IMAGES.items():
        fields = {**BASE_FIELDS, "image": f"../foto/{file_name}", "image_alt": "Foto"}
        cases[f"image-{name}"] = {
            f"foto/{file_name}": make(),
            "rilis/2024-05-10-rusak.md": frontmatter_text(fields, BASE_BODY),
        }
    for field, value in [
        ("image", "/etc/hostname"),
        ("image", "../../../../../../etc/hostname"),
        ("stats", "/etc/hostname"),
        ("image_before", "/etc/hostname"),
        ("image_after", "../../../../../../etc/hostname"),
        ("unit", "../../x"),
        ("platforms", ["../../x"]),
        ("kind", "{{ 7*7 }}"),
    ]:
        fields = {**BASE_FIELDS, field: value}
        cases[f"field-{field}-{value}"] = {
            "rilis/2024-05-10-rusak.md": frontmatter_text(fields, BASE_BODY)
        }
    cases["template-syntax"] = {
        "rilis/2024-05-10-rusak.md": GOOD,
        "templates/captions/instagram.j2": "{% if %}\n",
    }
    cases["template-sandbox"] = {
        "rilis/2024-05-10-rusak.md": GOOD,
        "templates/captions/x.j2": "{{ cycler.__init__.__globals__ }}\n",
    }
    cases["layout-yaml"] = {
        "rilis/2024-05-10-rusak.md": GOOD,
        "templates/layouts/rilis.yaml": "layers: [\n",
    }
    cases["platforms-yaml"] = {
        "rilis/2024-05-10-rusak.md": GOOD,
        "templates/platforms.yaml": "x: {caption_limit: -5}\n",
    }
    cases["brand-yaml"] = {
        "rilis/2024-05-10-rusak.md": GOOD,
        "brand/brand.yaml": "colors: [\n",
    }
    cases["units-yaml"] = {
        "rilis/2024-05-10-rusak.md": GOOD,
        "brand/units.yaml": "units:\n  - key: 1\n",
    }
    return cases


SWEEP = _sweep_cases()
COMMANDS = [("render", "--out", "out", "--jobs", "1"), ("check",), ("render", "--json")]


@pytest.mark.parametrize("case", list(SWEEP))
def test_no_bad_input_makes_the_cli_print_a_traceback(
    workspace: Workspace, run_cli: RunCli, case: str
) -> None:
    ws = workspace(SWEEP[case])
    for command, *options in COMMANDS:
        result = run_cli(command, "rilis", *options, cwd=ws)
        assert "Traceback" not in result.output, result.output
        assert "Internal error" not in result.output, result.output
        assert "Kesalahan internal" not in result.output, result.output
        assert result.exception is None, result.exception
        assert result.exit_code in (1, 2), (command, result.exit_code, result.output)
        if "--json" in options:
            json.loads(result.stdout)  # one JSON document, even on failure


# --- a worker that dies, a parent that dies -----------------------------------------------------


_REAL_RENDER_RELEASE = humaskit.pipeline.release_job.render_release


def _kills_its_process(path: Path, options: RenderOptions) -> ReleaseResult:
    """render_release, except that one release kills its process, as running out of memory does."""
    if "kegiatan-03" in path.name:
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_RENDER_RELEASE(path, options)


@pytest.mark.slow  # worker pools rebuilt after a crash
def test_a_worker_killed_by_one_release_fails_only_that_release(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _batch(workspace, 8)
    # Workers are forked, so they see the patched function.
    monkeypatch.setattr(humaskit.pipeline.release_job, "render_release", _kills_its_process)
    report = render([ws / "rilis"], out=ws / "out", jobs=2, platforms=["x"], images=False)
    failed = [r for r in report.results if r.status == "failed"]
    assert [r.source.name for r in failed] == ["2024-05-04-kegiatan-03.md"]
    assert "stopped unexpectedly" in failed[0].message
    # Every other release is published: rendered, or "skipped" as already up to date when its
    # worker had published it just before the pool broke and the retry found it unchanged.
    others = [r for r in report.results if r.status != "failed"]
    assert len(others) == 7 and all(r.status in ("rendered", "skipped") for r in others)
    assert all(r.out_dir is not None and (r.out_dir / "manifest.json").is_file() for r in others)


@pytest.mark.slow  # a subprocess whose parent is killed
def test_workers_exit_when_their_parent_is_killed(workspace: Workspace) -> None:
    ws = _batch(workspace)
    out = ws / "out"
    process = _humaskit("render", "rilis", "--out", "out", "--jobs", "2", cwd=ws)
    deadline = time.monotonic() + 180
    children: list[int] = []
    while time.monotonic() < deadline and process.poll() is None and not children:
        if out.is_dir() and list(out.glob("*/manifest.json")):
            task = Path(f"/proc/{process.pid}/task/{process.pid}/children")
            children = [int(pid) for pid in task.read_text().split()]
        time.sleep(0.02)
    assert children, "no workers were seen"
    os.kill(process.pid, signal.SIGKILL)  # the parent only, not its process group
    process.wait(timeout=30)
    deadline = time.monotonic() + 30
    alive = children
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and _running(pid)]
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, f"workers outlived their parent: {alive}"


def _running(pid: int) -> bool:
    """A process that exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
