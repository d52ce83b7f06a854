"""Runs that report truthfully (issue 11, items 12, 14 and 7).

- A run that could only do nothing, or would ignore an option, is a usage error (exit 2): an
  empty ``--out``, an ``--out`` that is a source folder or holds one, a ``--brand`` or
  ``--templates`` folder that does not exist; for every command taking those options.
- Names printed on the terminal never carry the control characters in them (escape codes).
- ``check`` reports every release and goes on past one that breaks, as ``render`` does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, Workspace, invoke_cli
from humaskit.cli import console
from humaskit.errors import UsageError
from humaskit.pipeline import check as check_module
from humaskit.pipeline.check import check
from humaskit.pipeline.render import render
from humaskit.tools.watch import watch

pytestmark = pytest.mark.usefixtures("english")

RunCli = Callable[..., CliResult]
RECAP = ("recap", "--unit", "dinkominfo", "--from", "2024-05-01", "--to", "2024-05-31")
# Every command with --out; SRC is filled in per test. watch is driven through its API below,
# since a watch that wrongly starts would not return.
OUT_COMMANDS = {
    "render": ("render", "SRC", "--no-images"),
    "preview": ("preview", "SRC", "--platform", "x"),
    "recap": (*RECAP, "SRC"),
}
FOLDER_COMMANDS = {**OUT_COMMANDS, "check": ("check", "SRC")}


@pytest.fixture
def run_cli() -> RunCli:
    """``humaskit ARGS`` in English unless ``lang`` says otherwise."""

    def run(*args: str | Path, lang: str = "en", cwd: Path | None = None) -> CliResult:
        return invoke_cli(*args, lang=lang, cwd=cwd)

    return run


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    # Approved: the built-in brand kit requires approval, and check refuses a release without.
    approved = {"approved_by": "Kepala Dinkominfo"}
    workspace.release("rilis/2024-05-10-rapat.md", **approved)
    workspace.release(
        "rilis/2024-05-11-lain.md", title="Pemkab Blora Buka Layanan Aduan Baru", **approved
    )
    return workspace


def _args(template: tuple[str, ...], src: Path) -> list[str]:
    return [str(src) if a == "SRC" else a for a in template]


def _usage_error(result: CliResult, needle: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None
    assert "error:" in result.stderr and needle in result.stderr
    assert "Internal error" not in result.output


# ---- item 12: runs that would do nothing ----------------------------------------------------


@pytest.mark.parametrize("command", sorted(OUT_COMMANDS))
@pytest.mark.parametrize("out", ["", "rilis", ".", "ws-parent"])
def test_an_out_that_would_skip_everything_is_a_usage_error(
    ws: Workspace, run_cli: RunCli, command: str, out: str
) -> None:
    before = sorted(ws.root.parent.rglob("*"))
    target = {"": "", "rilis": "rilis", ".": ".", "ws-parent": ".."}[out]
    result = run_cli(*_args(OUT_COMMANDS[command], Path("rilis")), "--out", target, cwd=ws.root)
    _usage_error(result, "--out")
    assert sorted(ws.root.parent.rglob("*")) == before  # nothing written


def test_watch_refuses_the_same_outs(ws: Workspace) -> None:
    stop = threading.Event()
    stop.set()  # a watch that started anyway would render once and return
    for out in ("", ws.root / "rilis", ws.root):
        with pytest.raises(UsageError, match="output folder"):
            watch([ws.root / "rilis"], out, stop_event=stop)
    assert not (ws.root / "out").exists()


def test_python_api_refuses_an_empty_out(ws: Workspace) -> None:
    with pytest.raises(UsageError, match="empty"):
        render([ws.root / "rilis"], "")


@pytest.mark.parametrize("command", sorted(FOLDER_COMMANDS))
@pytest.mark.parametrize("option", ["--templates", "--brand"])
def test_a_missing_templates_or_brand_folder_is_a_usage_error(
    ws: Workspace, run_cli: RunCli, tmp_path: Path, command: str, option: str
) -> None:
    missing = tmp_path / "tidak-ada"
    extra = ["--out", str(tmp_path / "out")] if command in OUT_COMMANDS else []
    result = run_cli(*_args(FOLDER_COMMANDS[command], ws.root / "rilis"), *extra, option, missing)
    _usage_error(result, option)
    assert str(missing) in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_messages_are_indonesian_by_default(ws: Workspace, run_cli: RunCli) -> None:
    result = run_cli("render", "rilis", "--out", "rilis", lang="id", cwd=ws.root)
    assert result.exit_code == 2
    assert "dilewati" in result.stderr and "--out out" in result.stderr
    result = run_cli("check", "rilis", "--templates", "nope", lang="id", cwd=ws.root)
    assert result.exit_code == 2 and "tidak ada" in result.stderr


def test_outs_inside_the_sources_and_single_files_still_render(
    ws: Workspace, run_cli: RunCli
) -> None:
    result = run_cli("render", ".", "--out", "out", "--no-images", cwd=ws.root)
    assert result.exit_code == 0, result.output
    assert "2 rendered" in result.stderr
    # a file named on its own is rendered, wherever --out is
    result = run_cli(
        "render", "rilis/2024-05-10-rapat.md", "--out", "rilis", "--no-images", cwd=ws.root
    )
    assert result.exit_code == 0, result.output
    assert (ws.root / "rilis" / "2024-05-10-rapat" / "manifest.json").is_file()


# ---- item 14: names printed escaped ---------------------------------------------------------

HOSTILE = "x\x1b]0;HACKED\x07\x1b[2J"


def test_control_characters_in_file_names_are_printed_escaped(
    ws: Workspace, run_cli: RunCli, tmp_path: Path
) -> None:
    ws.release(f"rilis/{HOSTILE}.md")
    for args in (
        ("check", "rilis", "--require-approval"),
        ("render", "rilis", "--out", str(tmp_path / "out"), "--no-images"),
        ("render", f"rilis/{HOSTILE}-tidak-ada.md"),
    ):
        result = run_cli(*args, cwd=ws.root)
        assert result.exception is None
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "x\\x1b]0;HACKED\\x07\\x1b[2J" in result.stderr


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("bell\x07", "bell\\x07"),
        ("c1\x9b2J", "c1\\x9b2J"),
        ("del\x7f", "del\\x7f"),
        ("rlo\u202etxt.md", "rlo\\u202etxt.md"),
        ("not-utf8-\udcff.md", "not-utf8-\\udcff.md"),
        ("Rapat Koordinasi – Blora 😀", "Rapat Koordinasi – Blora 😀"),
    ],
)
def test_safe_spells_out_what_a_terminal_would_obey(raw: str, shown: str) -> None:
    assert console.safe(raw) == shown
    assert console.safe(raw, lines=False) == shown


def test_line_breaks_stay_in_messages_but_not_in_places() -> None:
    assert console.safe("a\nb") == "a\nb"
    assert console.safe("a\nb", lines=False) == "a\\x0ab"
    assert console.safe("a\rb") == "a\\x0db"


def test_tables_escape_their_cells_and_ignore_markup(capsys: pytest.CaptureFixture[str]) -> None:
    console.table("T", ["name"], [["[bold]x\x1b[2J"]])
    shown = capsys.readouterr().out
    assert "\x1b[2J" not in shown and "[bold]x\\x1b[2J" in shown


def test_json_output_escapes_what_json_dumps_lets_through(
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = "a\x1b[2J\x9b2J\u202etxt\udcff.md 😀"
    console.print_json({"source": name})
    shown = capsys.readouterr().out
    assert not any(c in shown for c in "\x1b\x9b\u202e\udcff")
    assert "😀" in shown and json.loads(shown) == {"source": name}


# ---- item 7: check goes on --------------------------------------------------------------------


def test_check_reports_every_bad_release_and_goes_on(ws: Workspace, run_cli: RunCli) -> None:
    ws({"foto/rusak.jpg": b"\xff\xd8\xff\xe0" + b"bukan foto" * 10})
    ws.release("rilis/2024-05-12-foto.md", image="../foto/rusak.jpg", approved_by="Kepala")
    ws({"rilis/2024-05-13-yaml.md": '---\ntitle: "a \\ud800 b"\ndate: 2024-05-13\n---\nIsi.\n'})
    result = run_cli("check", "rilis", cwd=ws.root)
    assert result.exit_code == 1, result.output
    assert "4 checked: 2 errors" in result.stderr
    assert "rusak.jpg" in result.stderr and "2024-05-13-yaml.md" in result.stderr


def test_check_turns_a_bug_in_one_release_into_its_error(
    ws: Workspace, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = check_module.plan_release

    def broken(release, *args, **kwargs):  # type: ignore[no-untyped-def]
        if release.path.name.endswith("rapat.md"):
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real(release, *args, **kwargs)

    monkeypatch.setattr(check_module, "plan_release", broken)
    report = check([ws.root / "rilis"])
    assert report.checked == 2 and not report.ok
    errors = [f for f in report.findings if f.is_error]
    assert len(errors) == 1 and errors[0].code == "InternalError"
    assert errors[0].file is not None and errors[0].file.endswith("2024-05-10-rapat.md")
    result = run_cli("check", "rilis", cwd=ws.root)
    assert result.exit_code == 1 and result.exception is None
    assert "2 checked: 1 errors" in result.stderr
    assert "Internal error in humaskit: UnicodeEncodeError" in result.stderr


def test_check_lets_a_bug_through_when_debugging(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(check_module, "plan_release", broken)
    monkeypatch.setenv("HUMASKIT_DEBUG", "1")
    with pytest.raises(RuntimeError):
        check([ws.root / "rilis"])
