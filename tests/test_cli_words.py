"""Issue 13, point 7: help screens, usage errors, ``brand`` and ``humaskit.toml`` speak the
language of messages: no click/typer English in Indonesian, no code-like placeholders."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult

RunCli = Callable[..., CliResult]

COMMANDS = [
    "render",
    "check",
    "new",
    "init",
    "platforms",
    "templates",
    "units",
    "brand",
    "preview",
    "compare",
    "recap",
    "watch",
]
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "[required]",
    "[default:",
    "Show this message and exit.",
)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_click_english_in_indonesian(run_cli: RunCli, command: str | None) -> None:
    result = run_cli(*([command] if command else []), "-h")
    assert result.exit_code == 0, result.output
    for english in CLICK_ENGLISH:
        assert english not in result.stdout, (command, english)
    assert result.stdout.startswith("Penggunaan: humaskit")
    assert "Opsi:" in result.stdout
    assert "Tampilkan bantuan ini lalu keluar." in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_placeholders_read_like_words(run_cli: RunCli, command: str) -> None:
    """No ``{title}``, ``<list[Path]>`` or ``<str>``: placeholders are plain capitals."""
    text = run_cli(command, "-h").stdout
    assert not re.search(r"[{}<>]", text.split("\n", 1)[0]), text.split("\n", 1)[0]
    assert not re.search(r"<(str|int|path|list|bool)", text, re.IGNORECASE), text
    for line in text.splitlines():
        option = re.match(r"\s+(?:-\w, )?--[\w-]+ (\S+)", line)
        if option:
            assert re.fullmatch(r"[A-Z_/]+", option[1]), line


def test_help_in_english_keeps_clicks_words(run_cli: RunCli) -> None:
    result = run_cli("recap", "-h", lang="en")
    assert result.stdout.startswith("Usage: humaskit recap [OPTIONS] [SRC...]")
    assert "Options:" in result.stdout
    assert "[required]" in result.stdout
    assert "Show this message and exit." in result.stdout


def test_help_shows_defaults_and_required_in_indonesian(run_cli: RunCli) -> None:
    text = run_cli("recap", "-h").stdout
    assert re.search(r"-u, --unit UNIT +Kunci atau kode unit\. +\[wajib\]", text), text
    assert re.search(
        r"-o, --out DIR +Folder hasil \(bawaan: folder out/ di folder kerja\)\.", text
    ), text
    jobs = " ".join(run_cli("render", "-h").stdout.split())
    assert "x>=" not in jobs
    assert re.search(
        r"--jobs N Jumlah rilis yang dibuat sekaligus\. \[bawaan: \d+; paling sedikit 1\]", jobs
    )
    assert re.search(r"^  SRC\.\.\. +File atau folder rilis \(bawaan:", text, re.MULTILINE), text


def test_missing_option_in_indonesian(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("recap", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Penggunaan: humaskit recap [OPSI] [SRC...]",
        "Coba 'humaskit recap -h' untuk bantuan.",
        "",
        "Galat: Opsi '--unit' / '-u' belum diisi: Kunci atau kode unit.",
    ]


def test_a_bad_value_in_indonesian_and_english(run_cli: RunCli) -> None:
    # SRC may be left out (the workspace's rilis/): a bad option value is the usage error here
    result = run_cli("render", "--jobs", "0")
    assert result.exit_code == 2
    assert "Galat: Nilai '--jobs' / '-j' tidak sah: angkanya paling sedikit 1." in result.stderr
    english = run_cli("render", "--jobs", "0", lang="en")
    assert "Error: Invalid value for '--jobs' / '-j': the number must be at least 1." in (
        english.stderr
    )
    assert "Try 'humaskit render -h' for help." in english.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["render", "--jobs", "x", "."],
            "Galat: Nilai '--jobs' / '-j' tidak sah: isi dengan bilangan bulat, misalnya 2.",
        ),
        (["render", "--jobs", "0", "."], "angkanya paling sedikit 1."),
        (["render", "--jbos", "2", "."], "Galat: Tidak ada opsi '--jbos'. Maksud Anda '--jobs'?"),
        (["rendr"], "Galat: Tidak ada perintah 'rendr'. Maksud Anda 'render'?"),
        (["render", "-o"], "Galat: Opsi '-o' perlu nilai sesudahnya."),
        (["units", "a", "b"], "Galat: Ada kata lebih yang tidak dikenali: b."),
    ],
)
def test_usage_errors_in_indonesian(run_cli: RunCli, args: list[str], expected: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr, result.stderr
    assert "Error" not in result.stderr and "Invalid value" not in result.stderr
    assert "Input should" not in result.stderr


def test_brand_table_in_peoples_words(run_cli: RunCli) -> None:
    result = run_cli("brand", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = result.stdout
    for code in ("True", "False", "None", "{'", "'phone'", "require_approval", "short_name"):
        assert code not in text, code
    assert re.search(r"Wajib disetujui +│ ya", text), text
    assert re.search(r"Kanal aduan +│ SP4N-LAPOR!: https://www.lapor.go.id +│", text), text
    assert "#Blora #PemkabBlora" in text
    assert "kit merek bawaan" in text
    english = run_cli("brand", lang="en", env={"COLUMNS": "200"}).stdout
    assert re.search(r"Approval required +│ yes", english), english


@pytest.mark.parametrize(
    ("lang", "word"), [("id", "Folder kerja humaskit"), ("en", "humaskit workspace")]
)
def test_workspace_marker_comments_follow_the_language(
    run_cli: RunCli, tmp_path: Path, lang: str, word: str
) -> None:
    result = run_cli("init", str(tmp_path / "ws"), lang=lang)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ws" / "humaskit.toml").read_text(encoding="utf-8")
    assert text.startswith(f"# {word}")
    assert tomllib.loads(text) == {"workspace": {"name": "ws"}}
    assert all(len(line) <= 100 for line in text.splitlines())


README = Path(__file__).resolve().parent.parent / "README.md"
README_CASES = {
    "hash-in-list": (
        "rilis/2024-05-10-posyandu.md",
        "title: Posyandu\ndate: 2024-05-10\nunit: pemkab\ntags: [#posyandu, #kesehatan]\n",
        ("check",),
    ),
    "misspelt-title": (
        "rilis/2024-05-11-judul.md",
        "tittle: Posyandu\ndate: 2024-05-10\nunit: pemkab\n",
        ("check",),
    ),
    "missing-option": ("rilis/2024-05-12-ok.md", "", ("recap",)),
}


def _readme_block(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"<!-- readme-message: {name} -->\n```text\n(.*?)```", text, re.DOTALL)
    assert found is not None, name
    return found[1]


@pytest.mark.parametrize("name", sorted(README_CASES))
def test_readme_messages_are_what_the_program_prints(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    rel, fields, command = README_CASES[name]
    root = tmp_path / "ws"
    (root / "rilis").mkdir(parents=True)
    (root / "humaskit.toml").write_text("", encoding="utf-8")
    (root / rel).write_text(f"---\n{fields}---\n\nIsi rilis.\n", encoding="utf-8")
    args = [*command, "rilis/" if command == ("recap",) else rel]
    result = run_cli(*args, cwd=root, env={"COLUMNS": "1000"})
    for line in _readme_block(name).splitlines():
        assert line in result.stderr.splitlines(), (line, result.stderr)
