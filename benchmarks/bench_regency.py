"""Benchmark: one weekly release for every unit of the registry, rendered as a batch (issue 5).

Run from anywhere::

    python benchmarks/bench_regency.py                  # every unit (~340 releases), minutes
    python benchmarks/bench_regency.py --units 60       # a quick run
    python benchmarks/bench_regency.py --json regency.json --keep /tmp/regency
    python benchmarks/bench_regency.py --units 60 --rounds 2   # serial/parallel alternated

It writes a temporary workspace with one release per unit of ``brand/units.yaml``: half of them
``kind: rilis`` with a small generated photo (1600×1200 JPEG), the others ``kind: kinerja`` with
four figures. Then it runs ``humaskit render`` three times, each in a new process:

1. ``--jobs 1`` into a fresh output folder;
2. ``--jobs P`` (default 2) into another fresh output folder;
3. ``--jobs P`` again into the second folder, nothing changed: every release must be skipped.

With ``--rounds R`` steps 1 and 2 alternate R times and their times are added up, so that load
from other work on a shared machine falls on both alike.

It reports the throughput of 2 against 1 (target ≥ 1.8× on two cores), the time of 3 as a share
of 2 (target < 5 %) and the peak resident memory of one rendering process (target < 200 MB,
issue 14), read with ``getrusage``: ``RUSAGE_SELF`` of the command for ``--jobs 1``,
``RUSAGE_CHILDREN`` (the largest worker) for ``--jobs P``. CPU seconds (all processes) and the
1-minute load average around each run are shown too: on a busy machine they tell a slow run from
a slow humaskit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw, ImageFilter

import humaskit
from humaskit.model.brand import load_brand

TARGET_SPEEDUP = 1.8
TARGET_RERUN_SHARE = 0.05
TARGET_RSS_MB = 200.0  # issue 14: at most 200 MB per worker
WEEK = dt.date(2024, 6, 3)  # a Monday: the weekly post of every account
PHOTOS = 12  # distinct generated photos, shared round-robin by the releases that have one

# Runs the CLI in this (new) process and writes its own timing and memory to a JSON file.
_MEASURE = """
import json, resource, sys, time
from humaskit.cli.app import main
start = time.perf_counter()
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
elapsed = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
with open(sys.argv[1], "w") as handle:
    json.dump({"code": code, "in_process_s": elapsed, "self_kb": me.ru_maxrss,
               "children_kb": kids.ru_maxrss, "cpu_s": cpu}, handle)
"""


def make_photo(path: Path, seed: int) -> None:
    """A 1600×1200 JPEG that looks like a photo to the encoder: shapes, gradients, blur, noise."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1600, 1200), (rng.randrange(256), 120, rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(1600), rng.randrange(1200)
        r = rng.randrange(40, 300)
        fill = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    image = image.filter(ImageFilter.GaussianBlur(6))
    noise = Image.effect_noise((1600, 1200), 24).convert("RGB")
    Image.blend(image, noise, 0.15).save(path, "JPEG", quality=85)


def make_workspace(root: Path, units: int | None) -> int:
    """Write the workspace: one release per unit (the first ``units`` when given)."""
    registry = load_brand().units()
    chosen = registry[:units] if units else registry
    (root / "rilis").mkdir(parents=True)
    (root / "foto").mkdir()
    (root / "humaskit.toml").write_text('[workspace]\nname = "bench"\n', encoding="utf-8")
    for i in range(PHOTOS):
        make_photo(root / "foto" / f"kegiatan-{i:02d}.jpg", i)
    for i, unit in enumerate(chosen):
        fields: dict[str, Any] = {
            "title": f"Laporan Kegiatan Sepekan {unit.short_name}",
            "date": WEEK.isoformat(),
            "unit": unit.key,
            "summary": (
                f"{unit.name} merangkum pelayanan dan kegiatan sepekan terakhir "
                "untuk warga Kabupaten Blora."
            ),
            "tags": ["kinerja", "blora"],
        }
        if i % 2 == 0:
            fields.update(
                kind="rilis",
                image=f"../foto/kegiatan-{i % PHOTOS:02d}.jpg",
                image_alt=f"Kegiatan pelayanan warga oleh {unit.short_name}",
            )
        else:
            fields.update(
                kind="kinerja",
                stats=[
                    {"label": "Warga dilayani", "value": 120 + i, "unit": "orang"},
                    {"label": "Aduan selesai", "value": 14 + i % 9, "target": 25},
                    {"label": "Kegiatan lapangan", "value": 3 + i % 5},
                    {"label": "Unggahan informasi", "value": 7},
                ],
            )
        head = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
        body = (
            f"Sepanjang pekan ini {unit.name} melayani warga dan menindaklanjuti aduan.\n\n"
            "Warga dapat menyampaikan aduan melalui kanal resmi Pemkab Blora."
        )
        name = f"{WEEK.isoformat()}-laporan-sepekan-{unit.key}.md"
        (root / "rilis" / name).write_text(f"---\n{head}---\n{body}\n", encoding="utf-8")
    return len(chosen)


def run(workspace: Path, out: Path, jobs: int, scratch: Path) -> dict[str, Any]:
    """``humaskit render`` in a new process; wall time, memory and the JSON summary."""
    measure = scratch / f"measure-{time.monotonic_ns()}.json"
    command = [
        sys.executable,
        "-c",
        _MEASURE,
        str(measure),
        "render",
        str(workspace / "rilis"),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--json",
    ]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    # As installed: bytecode cached (PYTHONDONTWRITEBYTECODE would recompile every module).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    load_after = os.getloadavg()[0]
    stats = json.loads(measure.read_text(encoding="utf-8"))
    summary = json.loads(done.stdout)
    if summary.get("failed"):
        failures = [r for r in summary["releases"] if r["status"] == "failed"]
        print(json.dumps(failures[:3], indent=2, ensure_ascii=False), file=sys.stderr)
    return {
        "jobs": jobs,
        "wall_s": wall,
        "in_process_s": stats["in_process_s"],
        "cpu_s": stats["cpu_s"],
        "exit_code": stats["code"],
        "rendered": summary["rendered"],
        "skipped": summary["skipped"],
        "failed": summary["failed"],
        # ru_maxrss is in KiB on Linux.
        "self_rss_mb": stats["self_kb"] / 1024,
        "worker_rss_mb": (stats["children_kb"] if jobs > 1 else stats["self_kb"]) / 1024,
        # Other work on the machine slows a run down: the 1-minute load average around it.
        "load": (load_before, load_after),
    }


def _add(total: dict[str, Any] | None, run: dict[str, Any]) -> dict[str, Any]:
    """Add up the times of several rounds; keep the largest memory and the load range."""
    if total is None:
        return run
    summed = {k: total[k] + run[k] for k in ("wall_s", "in_process_s", "cpu_s")}
    peaks = {k: max(total[k], run[k]) for k in ("self_rss_mb", "worker_rss_mb")}
    load = (min(total["load"][0], run["load"][0]), max(total["load"][1], run["load"][1]))
    return {**run, **summed, **peaks, "load": load}


def machine() -> str:
    """A one-line description of the machine."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, humaskit {humaskit.__version__}"
    )


def main() -> None:
    """Parse the options, build the workspace, run the three renders, print the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=None, help="only the first N units")
    parser.add_argument("--parallel", type=int, default=2, help="--jobs of the parallel runs")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="alternate the serial and parallel renders this many times (fresh output each) "
        "and add up their times, so that load from other work falls on both alike",
    )
    parser.add_argument("--quick", action="store_true", help="the first 24 units, one round")
    args = parser.parse_args()
    if args.quick:
        args.units, args.rounds = args.units or 24, 1

    scratch = args.keep or Path(tempfile.mkdtemp(prefix="humaskit-regency-"))
    if args.keep and scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        count = make_workspace(scratch / "ws", args.units)
        print(f"{count} releases in {scratch / 'ws'}", file=sys.stderr)
        runs: dict[str, dict[str, Any]] = {}
        plan = [("serial", 1), ("parallel", args.parallel)] * args.rounds
        for index, (label, jobs) in enumerate([*plan, ("rerun", args.parallel)]):
            out = scratch / f"out-{min(index, len(plan) - 1)}"
            if label != "rerun":
                shutil.rmtree(out, ignore_errors=True)
            print(f"render --jobs {jobs} ({label}) …", file=sys.stderr, flush=True)
            result = run(scratch / "ws", out, jobs, scratch)
            print(f"  {result}", file=sys.stderr, flush=True)
            runs[label] = _add(runs.get(label), result)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)

    serial, parallel, rerun = runs["serial"], runs["parallel"], runs["rerun"]
    speedup = serial["wall_s"] / parallel["wall_s"]
    share = rerun["wall_s"] / (parallel["wall_s"] / args.rounds)
    rss = max(serial["worker_rss_mb"], parallel["worker_rss_mb"])
    verdicts = {
        "speedup": speedup >= TARGET_SPEEDUP,
        "rerun_share": share < TARGET_RERUN_SHARE,
        "worker_rss": rss < TARGET_RSS_MB,
        "all_rendered": serial["rendered"] == parallel["rendered"] == count
        and rerun["skipped"] == count,
    }
    results = {
        "machine": machine(),
        "releases": count,
        "runs": runs,
        "speedup": speedup,
        "rerun_share": share,
        "worker_rss_mb": rss,
        "verdicts": verdicts,
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    def ok(flag: bool) -> str:
        return "met" if flag else "MISSED"

    p = args.parallel
    print(f"Machine: {results['machine']}\n")
    print(f"{count} releases (one per unit), all platforms of each unit; ", end="")
    print(f"{args.rounds} round(s) of serial and parallel, times added up.\n")
    print(
        "| run | wall s | releases/s | CPU s | rendered | skipped | failed | peak RSS MB | load |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for label, r in runs.items():
        rate = count * (1 if label == "rerun" else args.rounds) / r["wall_s"]
        print(
            f"| {label} (`--jobs {r['jobs']}`) | {r['wall_s']:.1f} | {rate:.2f} | {r['cpu_s']:.1f} "
            f"| {r['rendered']} | {r['skipped']} | {r['failed']} | {r['worker_rss_mb']:.0f} "
            f"| {r['load'][0]:.1f} → {r['load'][1]:.1f} |"
        )
    print("\n| measure | value | target | result |")
    print("|---|---:|---|---|")
    print(f"| throughput `--jobs {p}` / `--jobs 1` | {speedup:.2f}× | ≥ 1.8× ", end="")
    print(f"| {ok(verdicts['speedup'])} |")
    print(f"| unchanged re-run / full run | {share:.1%} | < 5 % | {ok(verdicts['rerun_share'])} |")
    print(f"| peak RSS of one rendering process | {rss:.0f} MB | < 200 MB ", end="")
    print(f"| {ok(verdicts['worker_rss'])} |")
    if not verdicts["all_rendered"]:
        print("\nNot every release rendered, or the re-run rendered something again.")


if __name__ == "__main__":
    main()
