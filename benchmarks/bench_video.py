"""Benchmark: short vertical clips (issue 16).

Run from anywhere (PyAV installed: ``pip install "humaskit[video]"``)::

    python benchmarks/bench_video.py                       # every example release, then a batch
    python benchmarks/bench_video.py --releases 4 --json video.json

1. **One clip, one job.** For each example release, in a new process: the release's clip
   alone (``humaskit.pipeline.videos.render_videos``: planning, timing, drawing the scenes once,
   composing every frame, encoding), its wall time and CPU time against the clip's duration
   (target: wall ≤ 1.5 × duration for a 15 s clip), and the process's peak resident memory.
2. **A batch.** ``humaskit render <releases> --video --force`` with ``--jobs 1`` and
   ``--jobs 2``, each in a new process into a fresh folder: wall time, CPU seconds of all
   processes, the speed-up (target near 2×), and the peak memory of the largest process.

The 1-minute load average is shown beside each run, and (on Linux) the CPU seconds that other
processes took during it: the machine's busy time from ``/proc/stat`` less the run's own. On a
shared machine they tell a slow run from a slow humaskit; the load average lags by a minute,
the other processes' CPU time does not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "rilis"
TARGET_RATIO = 1.5
TARGET_SPEEDUP = 2.0

_ONE_CLIP = """
import json, resource, sys, time
from pathlib import Path
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release, resolve_unit
from humaskit.pipeline.context import RenderOptions, brand_for
from humaskit.pipeline.videos import VIDEO_FILES, render_videos

path = Path(sys.argv[1])
options = RenderOptions(out=Path("unused"), video=True)
brand, templates = brand_for(path, options)
release = load_release(path)
unit = resolve_unit(release, brand)
rules = load_platforms(templates)
chosen = [rules[p] for p in VIDEO_FILES]
wall, cpu = time.perf_counter(), time.process_time()
plan = render_videos(release, brand, unit, chosen, rules, options)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
clip = next(a for a in plan.artifacts if a.type == "video")
print(json.dumps({
    "release": path.name,
    "duration": clip.duration,
    "wall": wall,
    "cpu": cpu,
    "bytes": len(plan.files[clip.path]),
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def _load() -> float:
    return os.getloadavg()[0]


def _busy() -> float | None:
    """CPU seconds all processes have used since boot (every core), or None off Linux."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    except OSError:
        return None
    ticks = [int(f) for f in fields]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


def _others(busy: float | None, mine: float) -> float | None:
    """CPU seconds other processes used since ``busy`` was read, the run's own ``mine`` less."""
    now = _busy()
    return None if busy is None or now is None else max(0.0, now - busy - mine)


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def one_clip(path: Path) -> dict[str, Any]:
    """The clip of ``path`` made in a new process: its measures."""
    load = _load()
    before, busy = resource.getrusage(resource.RUSAGE_CHILDREN), _busy()
    done = subprocess.run(
        [sys.executable, "-c", _ONE_CLIP, str(path)], capture_output=True, text=True, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load"] = load
    result["others_cpu"] = _others(busy, mine)
    result["ratio"] = result["wall"] / result["duration"]
    result["cpu_ratio"] = result["cpu"] / result["duration"]
    return result


def batch(paths: list[Path], jobs: int, out: Path) -> dict[str, Any]:
    """``humaskit render PATHS --video --force --jobs JOBS`` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _load()
    busy = _busy()
    start = time.perf_counter()
    command = [sys.executable, "-m", "humaskit", "render", *map(str, paths)]
    subprocess.run(
        [*command, "--out", str(out), "--video", "--force", "--jobs", str(jobs)],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "jobs": jobs,
        "releases": len(paths),
        "wall": wall,
        "cpu": cpu,
        "load": load,
        "others_cpu": _others(busy, cpu),
        # The largest process this benchmark has waited for so far (a worker, or the command).
        "rss_mb": after.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--releases", type=int, default=0, help="only the first N examples")
    parser.add_argument("--json", type=Path, help="write the raw measures here")
    parser.add_argument("--no-batch", action="store_true", help="only the one-clip measures")
    args = parser.parse_args()
    paths = sorted(EXAMPLES.glob("*.md"))
    if args.releases:
        paths = paths[: args.releases]
    clips = []
    for path in paths:
        print(f"clip {path.name} …", file=sys.stderr)
        clips.append(one_clip(path))
    print(
        "| release | clip s | wall s | wall ÷ clip | CPU s | CPU ÷ clip | peak MB | load "
        "| others' CPU s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in clips:
        print(
            f"| {c['release']} | {c['duration']:.1f} | {c['wall']:.1f} | {c['ratio']:.2f} | "
            f"{c['cpu']:.1f} | {c['cpu_ratio']:.2f} | {c['rss_mb']:.0f} | {c['load']:.1f} | "
            f"{_seconds(c['others_cpu'])} |"
        )
    runs = []
    if not args.no_batch:
        with tempfile.TemporaryDirectory(prefix="humaskit-bench-video-") as folder:
            for jobs in (1, 2):
                print(f"batch --jobs {jobs} …", file=sys.stderr)
                runs.append(batch(paths, jobs, Path(folder) / f"out{jobs}"))
        print()
        print("| batch | releases | wall s | CPU s | peak MB | load | others' CPU s |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for r in runs:
            print(
                f"| --jobs {r['jobs']} | {r['releases']} | {r['wall']:.1f} | {r['cpu']:.1f} | "
                f"{r['rss_mb']:.0f} | {r['load']:.1f} | {_seconds(r['others_cpu'])} |"
            )
        speedup = runs[0]["wall"] / runs[1]["wall"]
        print(f"\nspeed-up --jobs 2 / --jobs 1: {speedup:.2f}× (target near {TARGET_SPEEDUP}×)")
    if args.json:
        args.json.write_text(json.dumps({"clips": clips, "batch": runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
