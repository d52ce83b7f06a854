"""Benchmark: humaskit against its closest peer, fmcardgen 1.0, on the peer's own job (issue 14).

fmcardgen turns the frontmatter of each post into one social card (typer + Pillow). This script
writes a corpus of 30 Indonesian releases (titles 44–194 characters, median ≈ 77, one body
paragraph, a unit key humaskit knows), a fmcardgen config that draws the title (Inter Bold 48 px
at x 96, y 150, max width 1010) and an ``{unit} · {date:%d/%m/%Y}`` line (Inter Medium 26 px at
x 96, y 100) on a flat 1200×630 PNG template, and a humaskit workspace whose
``templates/platforms.yaml`` gives ``facebook`` one 1200×630 image; every release posts to
``facebook`` only, so humaskit draws one link card per release (plus its caption, alt text and
manifest, and the DRAF watermark: the releases are not approved).

Then it runs, interleaved round after round, each a whole command in a new process with a fresh
output folder:

- ``fmcardgen -c config.yaml -o out/{file_stem}.png -r corpus/`` (all 30 posts);
- ``humaskit render corpus/rilis --out … --jobs 1`` and ``--jobs 2`` (all 30);
- both tools on a single release.

Wall time and CPU time (user + sys of the child, ``os.wait4``) are recorded per run; the
reported figure is the median of the per-round ratios (fmcardgen ÷ humaskit wall time, i.e.
humaskit's throughput as a multiple of fmcardgen's), which cancels most of the load from other
work on a shared machine. The 1-minute load average is printed before and after.

Set up the peer once (not part of humaskit)::

    python3 -m venv /tmp/fmcardgen && /tmp/fmcardgen/bin/pip install fmcardgen==1.0
    apt-get install -y fonts-inter

Run::

    python benchmarks/bench_peer.py --fmcardgen /tmp/fmcardgen/bin/fmcardgen
    python benchmarks/bench_peer.py --fmcardgen /tmp/fmcardgen/bin/fmcardgen --quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image

import humaskit

RELEASES = 30
INTER = Path("/usr/share/fonts/opentype/inter")
TARGET_ONE_PROCESS = 2.0
TARGET_TWO_JOBS = 3.5

# Title material: who, what, where; a title is one subject, one verb phrase and some tail,
# trimmed or extended so the lengths spread from 44 to 194 characters around a median of ~77.
_SUBJECTS = [
    "Bupati Blora",
    "Pemkab Blora",
    "Dinas Kesehatan Blora",
    "Camat Cepu",
    "Dinkominfo Blora",
    "Warga Desa Sambongrejo",
    "DPUPR Blora",
    "Wakil Bupati",
]
_VERBS = [
    "Resmikan Jalan Desa",
    "Gelar Posyandu Serentak",
    "Luncurkan Layanan Aduan Daring",
    "Tinjau Pembangunan Jembatan",
    "Bagikan Bibit Jagung",
    "Buka Pelatihan Admin Medsos",
    "Salurkan Bantuan Pangan",
    "Canangkan Gerakan Tanam Pohon",
]
_TAILS = [
    "di Kecamatan Randublatung",
    "untuk Ribuan Warga",
    "Bersama Perangkat Desa",
    "pada Awal Pekan Ini",
    "demi Pelayanan yang Lebih Cepat",
    "dan Ajak Warga Ikut Mengawasi",
    "serta Targetkan Rampung Akhir Tahun",
    "agar Anak-Anak Tumbuh Sehat dan Terhindar dari Tengkes",
    "sekaligus Menampung Aspirasi dan Masukan Masyarakat dari Seluruh Desa",
]
_UNITS = ["pemkab", "dinkominfo", "dinkes"]


def titles(count: int, seed: int = 14) -> list[str]:
    """``count`` titles, 44–194 characters, median around 77."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = [rng.choice(_SUBJECTS), rng.choice(_VERBS)]
        tails = 2 if i % 4 == 0 else 1
        if i % 10 == 9:
            tails = 4
        words += rng.sample(_TAILS[:6] if tails == 1 else _TAILS, tails)
        title = " ".join(words)
        while len(title) < 44:
            title += " " + rng.choice(_TAILS)
        out.append(title[:194].rstrip())
    out[0] = "Camat Cepu Bagikan Bibit Jagung untuk Petani"  # the shortest, 44 characters
    return out


def write_corpus(root: Path) -> dict[str, Path]:
    """The humaskit workspace (which is also fmcardgen's corpus) and fmcardgen's config."""
    work = root / "corpus"
    (work / "rilis").mkdir(parents=True)
    (work / "templates").mkdir()
    (work / "humaskit.toml").write_text('[workspace]\nname = "Benchmark"\n', encoding="utf-8")
    (work / "templates" / "platforms.yaml").write_text(
        "facebook:\n  images:\n    - {variant: link, width: 1200, height: 630}\n",
        encoding="utf-8",
    )
    day = dt.date(2024, 6, 3)
    for i, title in enumerate(titles(RELEASES)):
        date = day + dt.timedelta(days=i)
        text = (
            "---\n"
            f"title: {json.dumps(title, ensure_ascii=False)}\n"
            f"date: '{date.isoformat()}'\n"  # quoted: fmcardgen parses text
            f"unit: {_UNITS[i % len(_UNITS)]}\n"
            "kind: rilis\n"
            "platforms: [facebook]\n"
            "---\n"
            f"{title}. Kegiatan ini berlangsung pada {date:%d/%m/%Y} dan diikuti warga, perangkat "
            "desa dan pegawai Pemkab Blora, yang diajak ikut mengawasi dan memberi masukan.\n"
        )
        (work / "rilis" / f"{date.isoformat()}-rilis-{i:02d}.md").write_text(text, "utf-8")
    single = root / "single"
    (single / "rilis").mkdir(parents=True)
    shutil.copytree(work / "templates", single / "templates")
    shutil.copy(work / "humaskit.toml", single / "humaskit.toml")
    first = sorted((work / "rilis").iterdir())[0]
    shutil.copy(first, single / "rilis" / first.name)
    template = root / "template.png"
    Image.new("RGB", (1200, 630), (0, 84, 147)).save(template)
    config = root / "fmcardgen.yaml"
    config.write_text(
        f"template: {template}\n"
        "fonts:\n"
        f"  - {{name: bold, path: {INTER / 'Inter-Bold.otf'}}}\n"
        f"  - {{name: medium, path: {INTER / 'Inter-Medium.otf'}}}\n"
        "defaults: {fg: white}\n"
        "fields:\n"
        "  - {source: title, font: bold, font_size: 48, x: 96, y: 150, max_width: 1010}\n"
        "  - source: [unit, date]\n"
        '    format: "{unit} · {date:%d/%m/%Y}"\n'
        "    parse: {date: datetime}\n"
        "    font: medium\n"
        "    font_size: 26\n"
        "    x: 96\n"
        "    y: 100\n",
        encoding="utf-8",
    )
    return {"corpus": work, "single": single, "config": config}


# Both tools run as installed: with their bytecode cached. (An environment that sets
# PYTHONDONTWRITEBYTECODE would make an editable humaskit compile its ~100 modules from source
# in every process, ≈ 0.2–0.4 s, while the peer's wheel came with its .pyc files.)
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Run ``cmd`` in a new process; wall seconds and the child's CPU seconds (user + sys)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fmcardgen", default="/tmp/fmcardgen/bin/fmcardgen")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 rounds")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    humaskit_cmd = [sys.executable, "-m", "humaskit"]
    root = Path(tempfile.mkdtemp(prefix="bench-peer-"))
    try:
        paths = write_corpus(root)
        lengths = sorted(len(t) for t in titles(RELEASES))
        print(
            f"titles: {lengths[0]}–{lengths[-1]} characters, median {statistics.median(lengths)}",
            file=sys.stderr,
        )

        def fresh(name: str) -> Path:
            folder = root / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            return folder

        measures = {
            "fmcardgen, 30 posts": lambda: run(
                [
                    args.fmcardgen,
                    "-c",
                    str(paths["config"]),
                    "-o",
                    f"{fresh('fm')}/{{file_stem}}.png",
                    "-r",
                    "corpus/",
                ],
                root,
            ),
            "humaskit --jobs 1, 30 releases": lambda: run(
                [*humaskit_cmd, "render", "corpus/rilis", "--out", str(fresh("h1")), "--jobs", "1"],
                root,
            ),
            "humaskit --jobs 2, 30 releases": lambda: run(
                [*humaskit_cmd, "render", "corpus/rilis", "--out", str(fresh("h2")), "--jobs", "2"],
                root,
            ),
            "fmcardgen, 1 post": lambda: run(
                [
                    args.fmcardgen,
                    "-c",
                    str(paths["config"]),
                    "-o",
                    f"{fresh('fm1')}/{{file_stem}}.png",
                    "-r",
                    "single/",
                ],
                root,
            ),
            "humaskit, 1 release": lambda: run(
                [*humaskit_cmd, "render", "single/rilis", "--out", str(fresh("hs"))],
                root,
            ),
        }
        load_before = os.getloadavg()[0]
        for fn in measures.values():  # warm-up: caches, font instances, .pyc files
            fn()
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in measures}
        for index in range(rounds):
            for name, fn in measures.items():
                runs[name].append(fn())
            print(f"round {index + 1}/{rounds} done", file=sys.stderr)
        load_after = os.getloadavg()[0]
        pngs = sorted((root / "h1").rglob("*.png"))
        report(runs, rounds, load_before, load_after, len(pngs), args.json)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(
    runs: dict[str, list[dict[str, float]]],
    rounds: int,
    load_before: float,
    load_after: float,
    cards: int,
    json_path: Path | None,
) -> None:
    def median(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    def ratio(peer: str, ours: str, key: str = "wall") -> float:
        return statistics.median(
            p[key] / o[key] for p, o in zip(runs[peer], runs[ours], strict=True)
        )

    print(
        f"humaskit {humaskit.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {rounds} interleaved rounds, load average "
        f"{load_before:.1f} → {load_after:.1f}; humaskit wrote {cards} PNG cards per batch\n"
    )
    print("| command | median wall ms | median CPU ms |")
    print("|---|---:|---:|")
    for name in runs:
        print(f"| {name} | {median(name, 'wall') * 1000:.0f} | {median(name, 'cpu') * 1000:.0f} |")
    peer, one, two = (
        "fmcardgen, 30 posts",
        "humaskit --jobs 1, 30 releases",
        ("humaskit --jobs 2, 30 releases"),
    )
    rows = [
        ("throughput --jobs 1 ÷ fmcardgen (wall)", ratio(peer, one), TARGET_ONE_PROCESS),
        ("throughput --jobs 2 ÷ fmcardgen (wall)", ratio(peer, two), TARGET_TWO_JOBS),
        ("CPU per card fmcardgen ÷ humaskit --jobs 1", ratio(peer, one, "cpu"), None),
        (
            "one release: fmcardgen ÷ humaskit (wall)",
            ratio("fmcardgen, 1 post", "humaskit, 1 release"),
            1.0,
        ),
    ]
    print("\n| measure (median of per-round ratios) | figure | target | result |")
    print("|---|---:|---|---|")
    for label, value, target in rows:
        verdict = "" if target is None else ("met" if value >= target else "missed")
        shown = "" if target is None else f"≥ {target}×"
        print(f"| {label} | {value:.2f}× | {shown} | {verdict} |")
    if json_path is not None:
        data: dict[str, Any] = {"runs": runs, "load": [load_before, load_after]}
        json_path.write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
