"""Shared fixtures: inline workspaces, press releases written from fields, the CLI in-process.

Also the one place where hypothesis profiles are registered (see :func:`examples`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

from humaskit import i18n

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# --- hypothesis profiles ---------------------------------------------------------------------
# HYPOTHESIS_PROFILE chooses one:
#   ci       the default, what .ci/run runs: the same inputs on every run (derandomized), so a
#            failure is reproducible and never a flake; no example database is kept.
#   nightly  ten times the inputs, new ones on each run; failures are kept in the example
#            database (.hypothesis/) and tried first next time.
# No per-example deadline in either: a card render is slow on a busy machine, not wrong.
EXAMPLE_SCALE = {"ci": 1, "nightly": 10}
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, suppress_health_check=_QUIET
)
settings.register_profile(
    "nightly",
    deadline=None,
    derandomize=False,
    max_examples=100 * EXAMPLE_SCALE["nightly"],
    suppress_health_check=_QUIET,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in EXAMPLE_SCALE:
    raise pytest.UsageError(
        f"HYPOTHESIS_PROFILE={PROFILE!r}: use one of {', '.join(sorted(EXAMPLE_SCALE))}"
    )
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives the browser is slow, wherever it is: one rule instead of a mark each."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


def examples(count: int) -> int:
    """How many inputs a property draws: ``count`` in CI, ten times that in the nightly run.

    Use it as ``@settings(max_examples=examples(500))``; everything else comes from the profile.
    """
    return count * EXAMPLE_SCALE[PROFILE]


# The fields of a minimal valid release; tests override or omit them.
BASE_FIELDS: dict[str, Any] = {
    "title": "Pemkab Blora Gelar Rapat Koordinasi Admin Medsos",
    "date": "2024-05-10",
    "unit": "dinkominfo",
}
BASE_BODY = (
    "Dinkominfo Blora mengumpulkan admin media sosial OPD untuk menyamakan gaya unggahan.\n\n"
    "Rapat membahas jadwal unggahan dan cara menanggapi aduan warga."
)


def frontmatter_text(fields: Mapping[str, Any], body: str) -> str:
    """A release file: ``fields`` as YAML frontmatter, then ``body``."""
    head = yaml.safe_dump(dict(fields), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{head}---\n{body}\n"


# A unit of the built-in registry without accounts of its own (the OPDs' are made up).
QUIET_UNIT = "desa-bangkleyan"


def _builtin_brand() -> Path:
    from humaskit.resources import builtin_brand_dir

    return builtin_brand_dir()


class Workspace:
    """A workspace folder in ``tmp_path`` (marked by ``humaskit.toml``) with helpers to fill it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "humaskit.toml").write_text('[workspace]\nname = "tes"\n', encoding="utf-8")

    def __call__(self, files: Mapping[str, str | bytes]) -> Path:
        """Write ``files`` (relative path → text or bytes); return the workspace root."""
        for rel, content in files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        return self.root

    def release(
        self,
        name: str = "rilis/2024-05-10-rapat.md",
        *,
        body: str = BASE_BODY,
        omit: tuple[str, ...] = (),
        **fields: Any,
    ) -> Path:
        """Write a release made of the base fields updated with ``fields``, minus ``omit``."""
        data = {**BASE_FIELDS, **fields}
        for key in omit:
            data.pop(key, None)
        self({name: frontmatter_text(data, body)})
        return self.root / name

    def kit_without_examples(self) -> None:
        """The built-in brand kit without its made-up accounts and complaint channel (what
        ``example-value`` warns about) as this workspace's ``brand/brand.yaml``. With a unit
        without accounts of its own (:data:`QUIET_UNIT`), a finished release has no warning."""
        kit = yaml.safe_load((_builtin_brand() / "brand.yaml").read_text(encoding="utf-8"))
        del kit["handles"]
        kit["complaint_channels"] = [{"name": "SP4N-LAPOR!", "url": "https://www.lapor.go.id"}]
        self({"brand/brand.yaml": yaml.safe_dump(kit, sort_keys=False, allow_unicode=True)})

    def photo(self, name: str = "foto/foto.jpg", size: tuple[int, int] = (1600, 1200)) -> Path:
        """A plain JPEG photo (Pillow is only for tests here; the package confines it)."""
        from PIL import Image

        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (40, 110, 70)).save(path, "JPEG", quality=80)
        return path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """An empty workspace; call it with a dict of path → content to write files."""
    return Workspace(tmp_path / "ws")


@pytest.fixture
def write_release(workspace: Workspace) -> Callable[..., Path]:
    """``write_release(name=..., body=..., omit=(...), **fields)`` → the written release's path."""
    return workspace.release


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, whatever the environment says (assertions match English ids)."""
    i18n.set_language("en")
    yield
    i18n.set_language(None)


@dataclass(frozen=True)
class CliResult:
    """What one CLI run did."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    @property
    def output(self) -> str:
        """stdout and stderr together, for checks that look at everything a user sees."""
        return self.stdout + self.stderr


def invoke_cli(
    *args: str | Path,
    lang: str | None = None,
    env: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
) -> CliResult:
    """Run ``humaskit ARGS`` in-process, as :func:`humaskit.cli.app.main` does.

    typer's CliRunner (this version) keeps stdout and stderr apart, so both are checked.
    ``HUMASKIT_LANG`` is cleared unless ``env`` sets it, so the default language is tested.
    """
    from typer.testing import CliRunner

    from humaskit.cli.app import _language_from_argv, build_app

    argv = [str(a) for a in args]
    if lang is not None:
        argv = ["--lang", lang, *argv]
    environ: dict[str, str | None] = {"HUMASKIT_LANG": None, "HUMASKIT_DEBUG": None}
    environ.update(env or {})
    saved = dict(os.environ)
    previous = i18n._current
    try:
        for key, value in environ.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        with contextlib.chdir(cwd or Path.cwd()):
            i18n.set_language(_language_from_argv(argv))
            result = CliRunner().invoke(build_app(), argv, catch_exceptions=True)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        i18n._current = previous
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    return CliResult(result.exit_code, result.stdout, result.stderr, exception)


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """``run_cli(*args, lang=None, env=None, cwd=None)`` → :class:`CliResult`."""
    return invoke_cli
