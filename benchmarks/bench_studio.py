"""Benchmark: what an admin waits for in ``humaskit studio`` (issue 15).

Run from anywhere::

    python benchmarks/bench_studio.py              # 15 timed runs per measure
    python benchmarks/bench_studio.py --runs 31 --json studio.json

It copies ``examples/`` into a temporary workspace and drives the studio's application in
process, through Starlette's test client (the same routes the browser calls, HTTP parsing and
the HTML templates included; only the network socket is left out), on the study-visit release
(``rilis/2024-05-10-studi-tiru-medsos.md``, 8 platforms, a 4000×3000 photo):

- ``caption preview``: ``POST /api/preview`` with one more character in the body each run, as
  htmx sends it after a keystroke: the release read from the form's text, every platform's
  caption built and counted, the findings by field. Target: ~100 ms.
- ``one card image``: ``POST /api/images`` for X with the title changed each run (so nothing is
  reused): the release read, its captions (a card says where the rest is), one card drawn and
  encoded. Target: ~400 ms. ``first Instagram image`` is the same for Instagram's feed card.
- ``every Instagram image``: the same with ``every=1`` (feed, story and a carousel of slides),
  what the "every image" box asks for; no target.
- ``save unchanged``: ``POST /api/save`` of the form as opened (nothing is written).

Each measure has one untimed warm-up (imports, fonts, the brand kit); the medians and the
fastest runs are printed as a Markdown table. The 1-minute load average is shown, since the
machine is shared: a slow run on a loaded machine is not a slow studio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RELEASE = "rilis/2024-05-10-studi-tiru-medsos.md"
TARGETS = {"caption preview": 0.100, "one card image": 0.400}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measure")
    parser.add_argument("--json", type=Path, help="write the raw runs here")
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from humaskit.studio import create_app
    from humaskit.studio.editor import FIELD_PREFIX, open_editor

    with tempfile.TemporaryDirectory(prefix="bench-studio-") as folder:
        root = Path(folder) / "ws"
        shutil.copytree(REPO / "examples", root)
        editor = open_editor(root, RELEASE, (root / RELEASE).read_bytes())
        form = {"path": RELEASE, "token": editor.document.token, "kind": editor.kind}
        form.update({FIELD_PREFIX + f.name: f.value for f in editor.fields})
        form["body"] = editor.document.body
        client = TestClient(
            create_app(root), base_url="http://127.0.0.1:8765", headers={"HX-Request": "true"}
        )

        def preview(run: int) -> None:
            data = {**form, "body": form["body"] + "x" * run}
            assert client.post("/api/preview", data=data).status_code == 200

        def card(platform: str, every: bool = False) -> Callable[[int], None]:
            def draw(run: int) -> None:
                data = {**form, "platform": platform, "f:title": form["f:title"] + f" {run}"}
                if every:
                    data["every"] = "1"
                answer = client.post("/api/images", data=data)
                assert answer.status_code == 200 and "/drawn/" in answer.text

            return draw

        def save(run: int) -> None:
            assert client.post("/api/save", data=form).status_code == 200

        measures: list[tuple[str, Callable[[int], None], int]] = [
            ("caption preview", preview, args.runs),
            ("one card image", card("x"), args.runs),
            ("first Instagram image", card("instagram"), args.runs),
            ("every Instagram image", card("instagram", every=True), max(3, args.runs // 5)),
            ("save unchanged", save, args.runs),
        ]
        results: dict[str, Any] = {"load_before": os.getloadavg()[0], "measures": {}}
        for name, run, count in measures:
            run(0)  # warm-up
            times = []
            for index in range(1, count + 1):
                start = time.perf_counter()
                run(index)
                times.append(time.perf_counter() - start)
            results["measures"][name] = times
            print(f"{name}: median {statistics.median(times) * 1000:.0f} ms", file=sys.stderr)
        results["load_after"] = os.getloadavg()[0]

    print("| measure | runs | median | fastest | target |")
    print("|---|---:|---:|---:|---|")
    for name, times in results["measures"].items():
        target = TARGETS.get(name)
        shown = f"~{target * 1000:.0f} ms" if target else "–"
        print(
            f"| {name} | {len(times)} | {statistics.median(times) * 1000:.0f} ms | "
            f"{min(times) * 1000:.0f} ms | {shown} |"
        )
    print(
        f"\n1-minute load average: {results['load_before']:.2f} before, "
        f"{results['load_after']:.2f} after; {os.cpu_count()} CPUs."
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
