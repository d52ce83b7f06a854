"""The README keeps its promises: its command table matches the commands ``--help`` lists."""

from __future__ import annotations

import re
from collections.abc import Callable

import typer

from conftest import REPO, CliResult
from humaskit.cli.app import build_app

README = REPO / "README.md"
_FIRST_CELL = re.compile(r"^\|\s*`humaskit ([a-z][a-z0-9-]*)[^`]*`\s*\|")


def readme_commands() -> set[str]:
    """Commands named in the first column of the README's tables (``| `humaskit render` |``)."""
    text = README.read_text(encoding="utf-8")
    return {m[1] for line in text.splitlines() if (m := _FIRST_CELL.match(line.strip()))}


def help_commands(result: CliResult) -> set[str]:
    """Command names from the ``Commands:`` section of ``humaskit --help``."""
    lines = result.stdout.splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.strip().endswith(":") and "ommand" in line
    )
    names = set()
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        names.add(line.split()[0])
    return names


def test_help_lists_the_registered_commands(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--help", lang="en")
    assert result.exit_code == 0
    registered = set(typer.main.get_command(build_app()).commands)
    assert help_commands(result) == registered
    assert {"render", "check", "new", "init", "platforms", "units", "brand"} <= registered


def test_every_command_is_in_the_readme_table(run_cli: Callable[..., CliResult]) -> None:
    commands = help_commands(run_cli("--help", lang="en"))
    missing = commands - readme_commands()
    assert not missing, f"README.md's command table lacks: {sorted(missing)}"


def test_every_readme_command_exists(run_cli: Callable[..., CliResult]) -> None:
    documented = readme_commands()
    assert documented, "README.md has no table of `humaskit <command>` rows"
    unknown = documented - help_commands(run_cli("--help", lang="en"))
    assert not unknown, f"README.md documents commands that do not exist: {sorted(unknown)}"


def test_every_command_has_help(run_cli: Callable[..., CliResult]) -> None:
    for command in readme_commands():
        result = run_cli(command, "--help", lang="en")
        assert result.exit_code == 0, command
        assert f"humaskit {command}" in result.stdout
