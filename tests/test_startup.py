"""Start-up of the command line (issue 14): a help screen loads none of the heavy libraries.

Each check runs the command in a fresh interpreter and lists what it imported, so a module-level
import added back to the CLI path (PyYAML through ``yamlio``, Pillow, Jinja2…) fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Libraries a help screen does not need; each costs from a few to a few hundred milliseconds.
HEAVY = (
    "yaml",
    "PIL",
    "jinja2",
    "babel",
    "markdown_it",
    "fontTools",
    "twitter_text",
    "pydantic",
    "rich",
    "humaskit.yamlio",
    "humaskit.pipeline",
    "humaskit.cards",
)

_PROBE = """
import json, sys
from humaskit.cli.app import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted({name.split('.')[0] if not name.startswith('humaskit') else name
                 for name in sys.modules})
print(json.dumps(loaded))
"""


def _loaded_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    last = done.stdout.strip().splitlines()[-1]
    return set(json.loads(last))


@pytest.mark.parametrize("args", [("--help",), ("render", "--help"), ("--lang", "en", "--help")])
def test_a_help_screen_loads_no_heavy_library(args: tuple[str, ...]) -> None:
    loaded = _loaded_after(*args)
    assert "typer" in loaded  # the probe did run the command line
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_a_mistyped_command_still_gets_a_suggestion() -> None:
    # yamlio (and PyYAML) is imported only here, when a command name is not known.
    done = subprocess.run(
        [sys.executable, "-m", "humaskit", "--lang", "en", "rendr"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "render" in done.stderr
