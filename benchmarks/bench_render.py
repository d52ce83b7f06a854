"""Benchmark: humaskit against a bare Pillow script doing the same image work (issue 3, "Speed").

Run from anywhere::

    python benchmarks/bench_render.py [--runs N | --quick] [--json results.json] [--out-dir DIR]

In one run it measures, each as the median of N timed runs after one untimed warm-up:

1. ``humaskit.pipeline.render()`` of the study-visit example for all its platforms (``force=True``,
   ``jobs=1``), the part spent in ``render_images`` (timed by wrapping it), and the same render
   with ``images=False`` (captions and manifest only);
2. a bare Pillow script, below, that decodes the same photo once (``draft`` at the largest needed
   scale, EXIF transpose, then one LANCZOS pass to that scale, as humaskit does since issue 14)
   and, for every distinct image humaskit drew, draws it as humaskit does where it matters for
   time: a photo card (JPEG) is cover-cropped from the photo with a gradient scrim, a flat card
   (PNG: humaskit draws it without the photo) is a plain canvas; three lines of text with the
   bundled font; encoded by humaskit's own ``encode`` (the same settings and PNG writer); written
   as many times as humaskit wrote that image;
3. ``CardRenderer.plan()`` per card (every layout at every distinct platform size), and the start-up
   time of ``humaskit --help`` in a new process.

The results go to stdout as Markdown tables, and to a JSON file with ``--json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

import humaskit
import humaskit.layout.layers.text
import humaskit.pipeline.job
from humaskit.cards.imaging import encode as humaskit_encode
from humaskit.cards.renderer import CardRenderer
from humaskit.layout.sets import available_layouts
from humaskit.model.brand import load_brand
from humaskit.model.platforms import ImageSize, load_platforms
from humaskit.model.release import load_release, resolve_unit
from humaskit.pipeline.images import SKIPPED_VARIANTS, card_content
from humaskit.pipeline.render import render

ROOT = Path(__file__).resolve().parents[1]
RELEASE = ROOT / "examples" / "rilis" / "2024-05-10-studi-tiru-medsos.md"
FONT = ROOT / "brand" / "fonts" / "PlusJakartaSans-Variable.ttf"

TARGET_RATIO = 1.15  # issue 14: the full kit within 1.15x an honest floor
TARGET_PLAN_MS = 5.0
TARGET_HELP_MS = 250.0


@dataclass(frozen=True)
class Card:
    """One distinct image: what the bare script draws once, and where it writes it."""

    width: int
    height: int
    fmt: str  # png, jpeg or webp
    paths: tuple[str, ...]  # relative output paths; one write each
    # Where humaskit shows the photo on this card (x0, y0, x1, y1), from its own plan: the bare
    # script cuts the photo to the same boxes. None on a card without the photo.
    photo_box: tuple[int, int, int, int] | None = None


@dataclass
class Results:
    """Everything one benchmark run measured, in milliseconds unless named otherwise."""

    runs: int
    machine: dict[str, str]
    humaskit_ms: list[float] = field(default_factory=list)
    humaskit_images_ms: list[float] = field(default_factory=list)
    captions_only_ms: list[float] = field(default_factory=list)
    humaskit_cold_ms: float = 0.0
    bare_ms: list[float] = field(default_factory=list)
    # CPU time (user + sys of this process) of the same runs: what a busy shared core hides.
    humaskit_cpu_ms: list[float] = field(default_factory=list)
    bare_cpu_ms: list[float] = field(default_factory=list)
    cli_render_ms: list[float] = field(default_factory=list)
    help_ms: list[float] = field(default_factory=list)
    plan_cold_ms: dict[str, float] = field(default_factory=dict)
    plan_warm_ms: dict[str, float] = field(default_factory=dict)
    headline_fit_ms: dict[str, float] = field(default_factory=dict)
    text_fit_ms: dict[str, float] = field(default_factory=dict)
    images_written: int = 0
    distinct_images: int = 0
    distinct_by_bytes: int = 0
    formats: dict[str, int] = field(default_factory=dict)


def median(values: list[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "pillow": PIL.__version__,
        "raqm": str(ImageFont.core.HAVE_RAQM),
        "humaskit": humaskit.__version__,
        "os": platform.platform(),
    }


@contextmanager
def stopwatch(into: list[float], cpu: list[float] | None = None) -> Iterator[None]:
    """Append the wall time of the block, in ms, to ``into`` (and its CPU time to ``cpu``)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        into.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)


# --- humaskit --------------------------------------------------------------------------------


def time_render_vs_bare(work: Path, runs: int, results: Results) -> None:
    """Time humaskit, the bare script and the captions-only render, interleaved.

    One untimed warm-up of each first (humaskit's is reported as its cold time), then ``runs``
    rounds of humaskit, bare script, captions only, so that noise from other work on the
    machine falls on all three alike.
    """
    out, bare_out, captions_out = work / "humaskit", work / "bare", work / "captions"
    original = humaskit.pipeline.job.render_images
    images_ms: list[float] = []

    def timed(*args: Any, **kwargs: Any) -> Any:
        with stopwatch(images_ms):
            return original(*args, **kwargs)

    cold: list[float] = []
    with stopwatch(cold):
        report = render([RELEASE], out, force=True, jobs=1)
    results.humaskit_cold_ms = cold[0]
    result = report.results[0]
    if not report.ok or result.out_dir is None:
        raise SystemExit(f"humaskit failed: {report.to_dict()}")
    cards = cards_from_manifest(result.out_dir, results)
    release = load_release(RELEASE)
    assert release.image is not None
    bare_render(release.image, release.image_focus, cards, bare_out)
    render([RELEASE], captions_out, force=True, jobs=1, images=False)
    for _ in range(runs):
        # plan_release looks render_images up in its module at call time, so the wrapper runs.
        humaskit.pipeline.job.render_images = timed
        try:
            with stopwatch(results.humaskit_ms, results.humaskit_cpu_ms):
                render([RELEASE], out, force=True, jobs=1)
        finally:
            humaskit.pipeline.job.render_images = original
        with stopwatch(results.bare_ms, results.bare_cpu_ms):
            bare_render(release.image, release.image_focus, cards, bare_out)
        with stopwatch(results.captions_only_ms):
            render([RELEASE], captions_out, force=True, jobs=1, images=False)
    results.humaskit_images_ms = images_ms


def cards_from_manifest(out_dir: Path, results: Results) -> list[Card]:
    """The distinct images of humaskit's run, counted the way ``render_images`` counts them.

    humaskit draws one card per (layout, width, height, safe_top, safe_bottom) and account shown
    (the footer handle differs between platforms) and writes it to every platform folder that
    asks for it: one card per distinct output file. The manifest has no safe zones, so they come
    from the platform rules.
    """
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    rules = load_platforms()
    groups: dict[tuple[str, int, int, int, int, str, str], list[str]] = {}
    sizes: dict[tuple[str, int, int, int, int, str, str], ImageSize] = {}
    digests: set[str] = set()
    for artifact in manifest["artifacts"]:
        if artifact["type"] != "image":
            continue
        size = rules[artifact["platform"]].image(artifact["variant"])
        ext = Path(artifact["path"]).suffix.lstrip(".")
        fmt = {"jpg": "jpeg"}.get(ext, ext)
        digest = hashlib.sha256((out_dir / artifact["path"]).read_bytes()).hexdigest()
        # Cards of one layout and size still differ where they show the platform's own account
        # (the footer handle): each distinct file is one image humaskit draws, so one the bare
        # script draws too.
        key = (artifact["template"], size.width, size.height, size.safe_top, size.safe_bottom, fmt)
        groups.setdefault((*key, digest), []).append(artifact["path"])
        sizes.setdefault((*key, digest), size)
        digests.add(digest)
    release = load_release(RELEASE)
    brand = load_brand()
    unit = resolve_unit(release, brand)
    renderer = CardRenderer(card_content(release, brand, unit), brand, unit)
    cards = []
    for k, paths in groups.items():
        size = sizes[k]
        boxes = [
            item.box
            for item in renderer.plan(k[0], size).items
            if getattr(item, "source", None) == "photo"
        ]
        box = boxes[0] if boxes and k[5] != "png" else None
        photo_box = (round(box.x0), round(box.y0), round(box.x1), round(box.y1)) if box else None
        cards.append(Card(k[1], k[2], k[5], tuple(paths), photo_box))
    results.distinct_images = len(cards)
    results.images_written = sum(len(c.paths) for c in cards)
    results.distinct_by_bytes = len(digests)
    for card in cards:
        results.formats[card.fmt] = results.formats.get(card.fmt, 0) + 1
    return cards


# --- the bare Pillow script ------------------------------------------------------------------

HEADLINE = (
    "Bupati Blora Ajak Admin Medsos OPD",
    "Belajar ke Sumedang dan Jawa Barat",
    "agar Kinerja Pemerintah Tampil Transparan",
)


def bare_render(photo: Path, focus: tuple[float, float], cards: list[Card], out: Path) -> None:
    """What a hand-written Pillow script would do for the same images, nothing more."""
    boxes = [c.photo_box for c in cards if c.photo_box is not None]
    need_w = max(x1 - x0 for x0, _y0, x1, _y1 in boxes)
    need_h = max(y1 - y0 for _x0, y0, _x1, y1 in boxes)
    with Image.open(photo) as opened:
        width, height = opened.size
        scale = max(need_w / width, need_h / height)
        opened.draft("RGB", (int(width * scale), int(height * scale)))
        source = ImageOps.exif_transpose(opened).convert("RGB")
        # Resampled once to the largest scale a card needs, as humaskit does (issue 14).
        scale = max(need_w / source.width, need_h / source.height)
        if scale < 0.8:
            target = (math.ceil(source.width * scale), math.ceil(source.height * scale))
            source = source.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    fonts: dict[int, ImageFont.FreeTypeFont] = {}
    crops: dict[tuple[int, int], Image.Image] = {}  # one crop per box size, as humaskit keeps
    for card in cards:
        size = (card.width, card.height)
        canvas = Image.new("RGB", size, (14, 90, 67))  # flat cards: a plain canvas
        if card.photo_box is not None:  # the photo cut to humaskit's box, a scrim over it
            x0, y0, x1, y1 = card.photo_box
            if (x1 - x0, y1 - y0) not in crops:
                crops[x1 - x0, y1 - y0] = cover(source, (x1 - x0, y1 - y0), focus)
            photo = crops[x1 - x0, y1 - y0].copy()
            paste_scrim(photo, (19, 59, 46))
            canvas.paste(photo, (x0, y0))
        text_px = round(min(size) * 0.07)
        if text_px not in fonts:
            font = ImageFont.truetype(str(FONT), text_px, layout_engine=ImageFont.Layout.RAQM)
            font.set_variation_by_axes([800])
            fonts[text_px] = font
        draw = ImageDraw.Draw(canvas)
        margin = round(min(size) * 0.06)
        baseline = card.height - margin - 2 * round(text_px * 1.1)
        for line in HEADLINE:
            draw.text((margin, baseline), line, font=fonts[text_px], fill="white", anchor="ls")
            baseline += round(text_px * 1.1)
        data = encode(canvas, card.fmt)
        for rel in card.paths:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def cover(image: Image.Image, size: tuple[int, int], focus: tuple[float, float]) -> Image.Image:
    """Fill ``size`` from ``image``, cropping around the focus point."""
    iw, ih = image.size
    scale = max(size[0] / iw, size[1] / ih)
    cw, ch = size[0] / scale, size[1] / scale
    x0 = max(0.0, min(focus[0] * iw - cw / 2, iw - cw))
    y0 = max(0.0, min(focus[1] * ih - ch / 2, ih - ch))
    box = (x0, y0, x0 + cw, y0 + ch)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def paste_scrim(canvas: Image.Image, color: tuple[int, int, int]) -> None:
    """Darken the lower 78 % of the card with a linear ramp of ``color``."""
    w, h = canvas.size
    band = round(h * 0.78)
    ramp = Image.linear_gradient("L").resize((1, band)).point(lambda v: v * 242 // 255)
    canvas.paste(color, (0, h - band, w, h), ramp.resize((w, band), Image.Resampling.NEAREST))


def encode(image: Image.Image, fmt: str) -> bytes:
    """Encode with humaskit's own encoder function (the same settings and, for PNG, the same
    unfiltered zlib writer), so that both sides pay the same for encoding."""
    return humaskit_encode(image, fmt)[0]


# --- planning and start-up -------------------------------------------------------------------


def time_plans(runs: int, results: Results) -> None:
    """Time ``CardRenderer.plan()`` for every layout at every distinct size of the platforms.

    Cold: a new renderer (empty width cache) per run, each card planned once in turn, as a render
    does. Warm: the same card planned again by a renderer that has measured its words already.
    During the cold plans, ``fit_text`` is wrapped to time the fitting of the card's text: the
    slowest call (the headline, or the quote on a quote card) and all calls together.
    """
    release = load_release(RELEASE)
    brand = load_brand(None)
    unit = resolve_unit(release, brand)
    rules = load_platforms()
    sizes: dict[tuple[int, int, int, int], ImageSize] = {}
    for pid in release.platforms or unit.platforms:
        for size in rules[pid].images:
            if size.variant not in SKIPPED_VARIANTS:
                sizes.setdefault((size.width, size.height, size.safe_top, size.safe_bottom), size)
    content = card_content(release, brand, unit)
    jobs = [(layout, size) for layout in available_layouts() for size in sizes.values()]

    def fresh() -> CardRenderer:
        return CardRenderer(content, brand, unit, sizes=list(sizes.values()))

    for layout, size in jobs:  # warm the process-wide caches (layout files, font character maps)
        fresh().plan(layout, size)
    original = humaskit.layout.layers.text.fit_text
    fit_ms: list[float] = []

    def timed_fit(text: str, **kwargs: Any) -> Any:
        with stopwatch(fit_ms):
            return original(text, **kwargs)

    cold: dict[str, list[float]] = {}
    warm: dict[str, list[float]] = {}
    fits: dict[str, list[float]] = {}
    fits_all: dict[str, list[float]] = {}
    for _ in range(runs):
        renderer = fresh()
        # the text layer looks the name up at each call
        humaskit.layout.layers.text.fit_text = timed_fit
        try:
            for layout, size in jobs:
                name = f"{layout} {size.width}×{size.height} ({size.variant})"
                fit_ms.clear()
                with stopwatch(cold.setdefault(name, [])):
                    renderer.plan(layout, size)
                fits.setdefault(name, []).append(max(fit_ms, default=0.0))
                fits_all.setdefault(name, []).append(sum(fit_ms))
        finally:
            humaskit.layout.layers.text.fit_text = original
        for layout, size in jobs:
            name = f"{layout} {size.width}×{size.height} ({size.variant})"
            with stopwatch(warm.setdefault(name, [])):
                renderer.plan(layout, size)
    results.plan_cold_ms = {k: median(v) for k, v in cold.items()}
    results.plan_warm_ms = {k: median(v) for k, v in warm.items()}
    results.headline_fit_ms = {k: median(v) for k, v in fits.items()}
    results.text_fit_ms = {k: median(v) for k, v in fits_all.items()}


def humaskit_command() -> list[str]:
    """The installed console script, else ``python -m humaskit``."""
    script = Path(sys.executable).with_name("humaskit")
    found = str(script) if script.exists() else shutil.which("humaskit")
    return [found] if found else [sys.executable, "-m", "humaskit"]


def time_subprocess(args: list[str], runs: int, into: list[float]) -> None:
    """Run a command ``runs`` times after a warm-up, timing each run."""
    subprocess.run(args, check=True, capture_output=True)
    for _ in range(runs):
        with stopwatch(into):
            subprocess.run(args, check=True, capture_output=True)


# --- report ----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def markdown(r: Results) -> str:
    """The results as Markdown tables."""
    full, bare = median(r.humaskit_ms), median(r.bare_ms)
    images, captions = median(r.humaskit_images_ms), median(r.captions_only_ms)
    ratio = full / bare
    paired = median([h / b for h, b in zip(r.humaskit_ms, r.bare_ms, strict=True)])
    paired_cpu = median([h / b for h, b in zip(r.humaskit_cpu_ms, r.bare_cpu_ms, strict=True)])
    cold_plans = list(r.plan_cold_ms.values())
    plan_med, plan_max = median(cold_plans), max(cold_plans)
    plan_mean = statistics.fmean(cold_plans)
    fit_values = list(r.headline_fit_ms.values())
    fit_med, fit_max = median(fit_values), max(fit_values)
    help_ms = median(r.help_ms)
    fmts = ", ".join(f"{n} {f}" for f, n in sorted(r.formats.items()))
    lines = [
        f"Median of {r.runs} runs after a warm-up; times in ms. "
        f"{r.distinct_images} distinct images ({fmts}; {r.distinct_by_bytes} distinct by content), "
        f"{r.images_written} image files written.",
        "",
        "| measure | median ms | target | result |",
        "|---|---:|---|---|",
        f"| humaskit `render()`, all platforms | {full:.0f} | | |",
        f"| … of which `render_images` | {images:.0f} | | |",
        f"| humaskit `render(images=False)` (captions, manifest) | {captions:.0f} | | |",
        f"| bare Pillow script, same images | {bare:.0f} | | |",
        f"| **ratio humaskit / bare** | **{ratio:.2f}×** | ≤ {TARGET_RATIO}× | "
        f"{verdict(ratio <= TARGET_RATIO)} |",
        f"| ratio, median of the per-round ratios | {paired:.2f}× | (less noisy) | |",
        f"| ratio of CPU times, median of the per-round ratios | {paired_cpu:.2f}× | "
        "(load-proof) | |",
        f"| ratio of the fastest runs | {min(r.humaskit_ms) / min(r.bare_ms):.2f}× | "
        "(least noisy) | |",
        f"| ratio `render_images` / bare | {images / bare:.2f}× | (diagnostic) | |",
        f"| headline fitting per card, median (worst) | {fit_med:.2f} ({fit_max:.2f}) | "
        f"≤ {TARGET_PLAN_MS:.0f} | {verdict(fit_max <= TARGET_PLAN_MS)} |",
        f"| whole `CardRenderer.plan()` per card, median / mean (worst) | "
        f"{plan_med:.2f} / {plan_mean:.2f} ({plan_max:.2f}) | ≤ {TARGET_PLAN_MS:.0f} | "
        f"{verdict(plan_max <= TARGET_PLAN_MS)} (worst card) |",
        f"| `humaskit --help` start-up | {help_ms:.0f} | < {TARGET_HELP_MS:.0f} | "
        f"{verdict(help_ms < TARGET_HELP_MS)} |",
        f"| first `render()` in a fresh process (not a median) | {r.humaskit_cold_ms:.0f} | | |",
        f"| `humaskit render … --force` as a command | {median(r.cli_render_ms):.0f} | | |",
        "",
        "| card planned (in this order) | headline fit | all text fits | plan | plan again |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {r.headline_fit_ms[name]:.2f} | {r.text_fit_ms[name]:.2f} | {ms:.2f} "
        f"| {r.plan_warm_ms[name]:.2f} |"
        for name, ms in r.plan_cold_ms.items()
    ]
    spread = (
        f"humaskit runs: {', '.join(f'{v:.0f}' for v in r.humaskit_ms)}; "
        f"bare runs: {', '.join(f'{v:.0f}' for v in r.bare_ms)}; CPU ms humaskit: "
        f"{', '.join(f'{v:.0f}' for v in r.humaskit_cpu_ms)}, bare: "
        f"{', '.join(f'{v:.0f}' for v in r.bare_cpu_ms)}"
    )
    return "\n".join([*lines, "", spread, ""])


def summary(r: Results) -> dict[str, Any]:
    """The JSON document: raw runs, medians and verdicts."""
    full, bare = median(r.humaskit_ms), median(r.bare_ms)
    worst_plan = max(r.plan_cold_ms.values())
    worst_fit = max(r.headline_fit_ms.values())
    return {
        **asdict(r),
        "medians": {
            "humaskit_ms": full,
            "humaskit_images_ms": median(r.humaskit_images_ms),
            "captions_only_ms": median(r.captions_only_ms),
            "bare_ms": bare,
            "ratio": full / bare,
            "ratio_paired": median([h / b for h, b in zip(r.humaskit_ms, r.bare_ms, strict=True)]),
            "ratio_fastest": min(r.humaskit_ms) / min(r.bare_ms),
            "ratio_cpu_paired": median(
                [h / b for h, b in zip(r.humaskit_cpu_ms, r.bare_cpu_ms, strict=True)]
            ),
            "plan_ms": median(list(r.plan_cold_ms.values())),
            "plan_mean_ms": statistics.fmean(r.plan_cold_ms.values()),
            "plan_worst_ms": worst_plan,
            "headline_fit_ms": median(list(r.headline_fit_ms.values())),
            "headline_fit_worst_ms": worst_fit,
            "help_ms": median(r.help_ms),
            "cli_render_ms": median(r.cli_render_ms),
        },
        "targets_met": {
            "ratio": full / bare <= TARGET_RATIO,
            "headline_fit": worst_fit <= TARGET_PLAN_MS,
            "plan_worst": worst_plan <= TARGET_PLAN_MS,
            "help": median(r.help_ms) < TARGET_HELP_MS,
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 timed runs per measure")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--out-dir", type=Path, help="where to render (default: a temp folder)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 3
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    results = Results(runs=args.runs, machine=machine())

    def step(what: str) -> None:
        print(f"… {what}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="humaskit-bench-", dir=args.out_dir) as tmp:
        work = Path(tmp)
        step("humaskit render() and the bare Pillow script")
        time_render_vs_bare(work, args.runs, results)
        step("CardRenderer.plan()")
        time_plans(args.runs, results)
        step("humaskit --help")
        command = humaskit_command()
        time_subprocess([*command, "--help"], args.runs, results.help_ms)
        step("humaskit render as a command")
        cli_out = str(work / "cli")
        render_args = [*command, "render", str(RELEASE), "--out", cli_out, "--force"]
        time_subprocess(render_args, args.runs, results.cli_render_ms)
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(summary(results), indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
