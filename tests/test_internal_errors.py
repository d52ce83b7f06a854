"""Inputs that once ended in "internal error" end in a message naming the file, field and line.

Issue 11, item 8. Each class is found where the value is first read, so ``check`` and ``render``
say the same: figures too large for number formatting (39 digits, ``1.0e+308``, 400 digits), a
stats CSV a quote left open turns into one cell of megabytes or holding NUL, a release whose file
name is not UTF-8, a brand-kit font that is no font, layout lengths that are NaN, infinite or
huge (a 9000 px box costs gigabytes to draw) and a text size far beyond the canvas.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, Workspace
from humaskit.resources import builtin_brand_dir, builtin_templates_dir

STATS_RELEASE = (
    "---\ntitle: Capaian posyandu\ndate: 2024-06-03\nunit: dinkes\nkind: kinerja\n"
    "summary: Capaian posyandu semester pertama.\nsource: Dinas Kesehatan (contoh)\n"
    "{stats}approved_by: Kepala Dinkes\n---\n"
    "Isi rilis kinerja.\n"
)
INTERNAL = ("internal", "Internal", "Traceback")


def _assert_told(result: CliResult, *needles: str) -> None:
    """Exit 1 with a message (not an internal error) that contains every needle."""
    assert result.exit_code == 1, result.output
    assert not any(word in result.output for word in INTERNAL), result.output
    for needle in needles:
        assert needle in result.output, (needle, result.output)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("9" * 39, "(39 characters)"),
        ("1.0e+308", "1.0e+308"),
        ("9" * 400, "(400 characters)"),
        ("-" + "9" * 400, "(401 characters)"),
        ("1000000000000000", "1000000000000000"),
    ],
)
@pytest.mark.parametrize("command", ["check", "render"])
def test_a_figure_too_large_names_its_field_and_line(
    workspace: Workspace, run_cli: Callable[..., CliResult], value: str, shown: str, command: str
) -> None:
    stats = f"stats:\n  - label: Anggaran\n    value: {value}\n    unit: rupiah\n"
    workspace({"rilis/2024-06-03-x.md": STATS_RELEASE.format(stats=stats)})
    args = [command, workspace.root / "rilis"] + (
        ["--out", workspace.root / "out"] * (command == "render")
    )
    result = run_cli(*args, lang="en")
    _assert_told(result, "too large", shown, "2024-06-03-x.md:10", "stats[0].value")


def test_the_largest_drawable_figure_renders(
    workspace: Workspace, run_cli: Callable[..., CliResult]
) -> None:
    stats = "stats:\n  - label: Anggaran\n    value: 999999999999999\n    unit: rupiah\n"
    workspace({"rilis/2024-06-03-x.md": STATS_RELEASE.format(stats=stats)})
    result = run_cli("check", workspace.root / "rilis", lang="en")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("csv", "needles"),
    [
        ('label,value\n"' + "x" * 200_000 + '",5\n', ("Line 2", "longer than", "big.csv:2")),
        ('label,value\n"a' + "\n" * 3 + "b,5\n", ()),  # an open quote spanning lines: fine
        ("label,value\na\x00b,5\n", ("control character", "U+0000", "big.csv:2")),
        ("label,value\na\x1b[2Jb,5\n", ("control character", "U+001B")),
        ("label,value\n" + "a,1\n" * 400_000, ("larger than",)),
    ],
    ids=["cell-over-131-kb", "open-quote", "nul", "escape", "over-a-megabyte"],
)
def test_a_broken_stats_csv_is_reported_with_its_line(
    workspace: Workspace,
    run_cli: Callable[..., CliResult],
    csv: str,
    needles: tuple[str, ...],
) -> None:
    workspace(
        {
            "rilis/2024-06-03-x.md": STATS_RELEASE.format(stats="stats: ../data/big.csv\n"),
            "data/big.csv": csv,
        }
    )
    result = run_cli("check", workspace.root / "rilis", lang="en")
    assert not any(word in result.output for word in INTERNAL), result.output
    if needles:
        _assert_told(result, *needles)


def test_a_release_whose_file_name_is_not_utf8_is_refused_by_name(
    workspace: Workspace, run_cli: Callable[..., CliResult]
) -> None:
    workspace.release()
    raw = os.fsencode(workspace.root / "rilis") + b"/2024-05-11-caf\xe9.md"
    Path(os.fsdecode(raw)).write_bytes((workspace.root / "rilis/2024-05-10-rapat.md").read_bytes())
    for command in (["check"], ["render", "--out", str(workspace.root / "out")]):
        result = run_cli(*command, workspace.root / "rilis", lang="en")
        _assert_told(result, "file name is not UTF-8", "Rename the file")


@pytest.mark.parametrize("role", ["body", "emoji"])
def test_a_brand_font_that_is_no_font_names_its_role(
    workspace: Workspace, run_cli: Callable[..., CliResult], role: str
) -> None:
    kit = workspace.root / "kit"
    shutil.copytree(builtin_brand_dir(), kit)
    (kit / "fonts" / "rusak.ttf").write_bytes(os.urandom(4096))
    text = (kit / "brand.yaml").read_text(encoding="utf-8")
    lines = [
        line.split(":", 1)[0] + ": {file: fonts/rusak.ttf}"
        if line.strip().startswith(f"{role}:")
        else line
        for line in text.splitlines()
    ]
    (kit / "brand.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    workspace.release()
    for command in (["check"], ["render", "--out", str(workspace.root / "out")]):
        result = run_cli(*command, workspace.root / "rilis", "--brand", kit, lang="en")
        _assert_told(result, "not a TrueType or OpenType font", f"fonts.{role}", "rusak.ttf")


LAYOUT_BREAKS = {
    "nan-box": (
        "box: {left: 7.6s, top: 7.6s, width: 9s, height: 9s}",
        "box: {left: .nan, top: 7.6s, width: 9s, height: 9s}",
        "logo.box.left",
    ),
    "inf-scale": ("scale: 16s", "scale: .inf", "pattern.scale"),
    "huge-scale": ("scale: 16s", "scale: 100000px", "pattern.scale"),
    "huge-box": (
        "box: {left: 7.6s, top: 7.6s, width: 9s, height: 9s}",
        "box: {left: 7.6s, top: 7.6s, width: 100000px, height: 9s}",
        "logo.box.width",
    ),
    "box-of-gigapixels": (
        "box: {left: 7.6s, top: 7.6s, width: 9s, height: 9s}",
        "box: {left: 7.6s, top: 7.6s, width: 9000px, height: 9000px}",
        "larger than 2 times the canvas",
    ),
    "nan-alpha": ("alpha: 0.55", "alpha: .nan", "pattern.alpha"),
    "bool-alpha": ("alpha: 0.55", "alpha: true", "pattern.alpha"),
}


def _layout(workspace: Workspace, old: str, new: str) -> Path:
    source = (builtin_templates_dir() / "layouts" / "rilis.yaml").read_text(encoding="utf-8")
    assert old in source
    templates = workspace.root / "templat"
    (templates / "layouts").mkdir(parents=True)
    (templates / "layouts" / "rilis.yaml").write_text(source.replace(old, new, 1), "utf-8")
    return templates


@pytest.mark.parametrize("name", sorted(LAYOUT_BREAKS))
def test_a_layout_value_that_cannot_be_drawn_names_layer_and_key(
    workspace: Workspace, run_cli: Callable[..., CliResult], name: str
) -> None:
    old, new, needle = LAYOUT_BREAKS[name]
    templates = _layout(workspace, old, new)
    workspace.release()
    result = run_cli(
        "render",
        workspace.root / "rilis",
        "--templates",
        templates,
        "--out",
        workspace.root / "out",
        "--platform",
        "instagram",
        lang="en",
    )
    _assert_told(result, "rilis.yaml", needle)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_a_text_size_far_beyond_the_canvas_is_drawn_within_a_gigabyte(
    workspace: Workspace,
) -> None:
    templates = _layout(workspace, "size: 2.6w", "size: 9000px")
    workspace.release()

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "humaskit",
            "render",
            "rilis",
            "--templates",
            str(templates),
            "--out",
            "out",
            "--platform",
            "instagram",
        ],
        cwd=workspace.root,
        preexec_fn=limited,
        capture_output=True,
        text=True,
        env={**os.environ, "HUMASKIT_LANG": "en"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert not any(word in result.stderr for word in INTERNAL), result.stderr


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_release_name_too_long_is_a_usage_error(
    workspace: Workspace, run_cli: Callable[..., CliResult], command: str
) -> None:
    workspace.release()
    name = workspace.root / "rilis" / ("a" * 300 + ".md")
    args = [command, name] + (["--out", workspace.root / "out"] * (command == "render"))
    result = run_cli(*args, lang="en")
    assert result.exit_code == 2, result.output
    assert "file name is too long" in result.output
    assert not any(word in result.output for word in INTERNAL), result.output


@pytest.mark.parametrize("kind", ["fifo", "folder"])
@pytest.mark.parametrize("field", ["image", "stats"])
def test_a_photo_or_stats_path_that_is_no_file_says_what_it_is(
    workspace: Workspace, run_cli: Callable[..., CliResult], kind: str, field: str
) -> None:
    target = workspace.root / "foto" / "x.jpg"
    target.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    value = "../foto/x.jpg"
    if field == "image":
        workspace.release(image=value, image_alt="Foto kegiatan")
    else:
        stats = f"stats: {value}\n"
        workspace({"rilis/2024-06-03-x.md": STATS_RELEASE.format(stats=stats)})
    result = run_cli("check", workspace.root / "rilis", lang="en")
    what = "a named pipe (FIFO)" if kind == "fifo" else "a folder"
    _assert_told(result, "not an ordinary file", what, f"[{field}]")
