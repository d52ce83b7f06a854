"""The docs keep their promises: the README's command table matches the commands ``--help``
lists, and every docstring example (``>>>``) in the package runs and shows what it says."""

from __future__ import annotations

import contextlib
import doctest
import importlib
import pkgutil
import re
from collections.abc import Callable

import pytest
import typer

import humaskit
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


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(humaskit.__path__, "humaskit."))


def test_the_package_has_docstring_examples() -> None:
    """The doctest sweep below finds examples (so an import problem cannot make it vacuous)."""
    finder = doctest.DocTestFinder()
    found = [
        test
        for name in _modules()
        for test in finder.find(importlib.import_module(name))
        if test.examples
    ]
    assert len(found) >= 2, [t.name for t in found]


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str, english: None) -> None:
    """Docstring examples run from the repository root, as a reader would paste them."""
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    with contextlib.chdir(REPO):
        for test in doctest.DocTestFinder().find(module):
            runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
