"""X counting is linear: hostile captions within a CPU and memory bound, in a subprocess.

twitter-text's URL regex backtracks quadratically on runs without spaces, and the earlier
counter (twitter-text-parser) used it as it is: a 2 KB body of "1." × 1000 took 74 s to render
for X and 163 s to check; a one-paragraph 1.9 MB body 148 s. Each case here runs in a fresh
interpreter limited to CPU_SECONDS of CPU time (RLIMIT_CPU: the kernel stops it with SIGXCPU,
whatever else runs on the machine) and to ADDRESS_SPACE_LIMIT of memory (RLIMIT_AS), as
tests/test_bounds.py does; nothing here reads a clock.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

CPU_SECONDS = 20
ADDRESS_SPACE_LIMIT = 1 << 30
# Approved: check refuses a release without approved_by under the built-in brand kit.
HEAD = (
    "---\ntitle: Uji teks panjang\ndate: 2024-05-10\nunit: dinkominfo\n"
    "approved_by: Kepala Dinkominfo\n---\n\n"
)
# One paragraph of Javanese script: 1.9 MB of UTF-8 but under the templates' output bound of a
# million characters, so the whole paragraph is the lead the fitter shortens.
JAVANESE = "ꦥꦼꦩꦼꦫꦶꦤ꧀ꦠꦃ ꦏꦧꦸꦥꦠꦺꦤ꧀ ꦧ꧀ꦭꦺꦴꦫ ꦩ꧀ꦧꦁꦸꦤ꧀ ꦢꦭꦤ꧀ ꦢꦺꦱ 12 km. "
SENTENCE = "Pemerintah Kabupaten Blora membangun jalan desa sepanjang 12 km di Kecamatan Cepu. "

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")


def _limited() -> None:
    # SIGXCPU at the soft limit; SIGKILL at the hard one, should the first be caught.
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        preexec_fn=_limited,
        capture_output=True,
        text=True,
        env={**os.environ, "HUMASKIT_LANG": "en"},
        timeout=600,
        check=False,
    )
    killed = result.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
    assert not killed, f"stopped after {CPU_SECONDS} s of CPU: {args[:4]}"
    return result


def _workspace(tmp_path: Path, body: str) -> Path:
    release = tmp_path / "rilis" / "2024-05-10-uji.md"
    release.parent.mkdir()
    release.write_text(HEAD + body + "\n", encoding="utf-8")
    assert release.stat().st_size < 2 * 1024 * 1024  # under the release size cap
    (tmp_path / "humaskit.toml").write_text("", encoding="utf-8")
    return tmp_path


def _render_x(workspace: Path) -> subprocess.CompletedProcess[str]:
    command = ["-m", "humaskit", "render", "rilis", "--platform", "x", "--no-images"]
    return _run([*command, "--out", "out"], workspace)


def test_a_body_of_dots_renders_and_checks_for_x(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path, "1." * 1000)
    rendered = _render_x(workspace)
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    assert list((workspace / "out").glob("*/x/caption.txt"))
    checked = _run(["-m", "humaskit", "check", "rilis", "--platform", "x"], workspace)
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]


@pytest.mark.slow
def test_a_one_paragraph_body_of_1_9_mb_renders_for_x(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path, (JAVANESE * (1_900_000 // len(JAVANESE.encode()))).strip())
    rendered = _render_x(workspace)
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    caption = next((workspace / "out").glob("*/x/caption.txt")).read_text(encoding="utf-8")
    assert JAVANESE.split()[0] in caption
    checked = _run(["-m", "humaskit", "check", "rilis", "--platform", "x"], workspace)
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]


@pytest.mark.slow
def test_a_one_paragraph_ascii_body_of_1_9_mb_finishes_for_x(tmp_path: Path) -> None:
    # 1.9 million ASCII characters of lead are more than a template may write (a million), so
    # this release stops with that template error, exit 1; what matters here is that it stops
    # within the bound instead of counting for minutes.
    workspace = _workspace(tmp_path, (SENTENCE * (1_900_000 // len(SENTENCE))).strip())
    rendered = _render_x(workspace)
    assert rendered.returncode in (0, 1), rendered.stderr[-2000:]
    assert "Traceback" not in rendered.stderr


# Texts of one to two million characters on which a backtracking URL regex is quadratic or
# worse, as Python expressions, each with the count it must give: twitter-text finds no URL in
# any (no TLD after a dot; a URL over 4,096 characters; a label over 63), so every code point
# counts by its weight.
HOSTILE = [
    ("dots", "'1.' * 1_000_000", 2_000_000),
    ("labels reaching a TLD", "'a.' * 600_000 + 'com'", 1_200_003),
    ("CJK labels", "'中文.' * 200_000", 1_000_000),
    ("a long path", "'http://a.com/' + 'a.' * 500_000", 1_000_013),
    ("parentheses", "'http://a.com/a' + '(x)' * 300_000", 900_014),
    ("a long host", "'http://' + 'あ' * 600_000 + '.com'", 1_200_011),
    ("a long query", "'http://a.com/?' + 'a!' * 500_000", 1_000_014),
    ("hyphens", "'a-' * 1_000_000", 2_000_000),
]


@pytest.mark.slow
def test_x_counting_of_hostile_texts_is_within_the_bound(tmp_path: Path) -> None:
    program = "from humaskit.text.counting import x_weighted_length\n" + "".join(
        f"assert x_weighted_length({text}) == {expected}, {name!r}\n"
        for name, text, expected in HOSTILE
    )
    result = _run(["-c", program + "print('ok')\n"], tmp_path)
    assert result.stdout.strip() == "ok", result.stderr[-2000:]
