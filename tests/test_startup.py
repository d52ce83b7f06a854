"""Start-up (issue 14): a help screen loads none of the heavy libraries, and what is kept on
disk between processes (font facts, compiled templates) follows the files it was made from.

Each check runs the command in a fresh interpreter and lists what it imported, so a module-level
import added back to the CLI path (PyYAML through ``yamlio``, Pillow, Jinja2…) fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cardkit import kit

REPO = Path(__file__).resolve().parent.parent

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


# --------------------------------------------------------------------------- disk caches


def test_font_facts_come_back_from_disk_and_follow_the_file(tmp_path: Path) -> None:
    from humaskit.cards import fontfacts, fonts

    # The variable font, so that the weight axis and its defaults go through the cache too.
    font = tmp_path / "variable.ttf"
    font.write_bytes((REPO / "brand" / "fonts" / "PlusJakartaSans-Variable.ttf").read_bytes())
    cache = tmp_path / "cache"
    stat = font.stat()
    read = fonts._read_facts(font)
    assert read is not None and read.weight_axis is not None
    fontfacts.store_facts(font, stat.st_size, stat.st_mtime_ns, fonts._facts_to_json(read), cache)
    stored = fontfacts.load_facts(font, stat.st_size, stat.st_mtime_ns, cache)
    assert stored is not None
    assert fonts._facts_from_json(stored) == read  # the same cmap, axis and defaults
    # Another modification time (an edited font) is another entry: nothing is served for it.
    assert fontfacts.load_facts(font, stat.st_size, stat.st_mtime_ns + 1, cache) is None
    # An entry that is damaged, or that names another file, is ignored.
    (entry,) = cache.glob("facts-*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert fontfacts.load_facts(font, stat.st_size, stat.st_mtime_ns, cache) is None
    entry.write_text(json.dumps({"identity": ["other"], "facts": {}}), encoding="utf-8")
    assert fontfacts.load_facts(font, stat.st_size, stat.st_mtime_ns, cache) is None


def test_code_point_runs_round_trip() -> None:
    from humaskit.cards.fontfacts import code_point_runs, from_runs

    points = frozenset({0x20, 0x21, 0x22, 0x41, 0x1F600, 0x1F601})
    assert code_point_runs(points) == [[0x20, 0x22], [0x41, 0x41], [0x1F600, 0x1F601]]
    assert from_runs(code_point_runs(points)) == points
    assert code_point_runs(frozenset()) == []


def test_an_unwritable_cache_reads_the_font_in_every_process(tmp_path: Path) -> None:
    from humaskit.cards import fontfacts

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")  # a file where the cache folder should be
    font = kit()[0].fonts["heading"].file
    fontfacts.store_facts(font, 1, 2, {"cmap": []}, blocker / "fonts")  # no error
    assert fontfacts.load_facts(font, 1, 2, blocker / "fonts") is None


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from humaskit.text import templating

    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "caption.j2"
    template.write_text("Halo {{ name }}!", encoding="utf-8")

    def render_fresh() -> str:
        templating.environment.cache_clear()  # a new process: no template in memory
        env = templating.environment((folder,))
        return templating.render_template(env, "caption.j2", {"name": "Blora"})

    assert render_fresh() == "Halo Blora!"
    assert len(list((tmp_path / "cache" / "templates").rglob("*.cache"))) == 1
    assert render_fresh() == "Halo Blora!"  # from the cache
    template.write_text("Selamat pagi {{ name }}.", encoding="utf-8")
    assert render_fresh() == "Selamat pagi Blora."
    templating.environment.cache_clear()


def test_compiled_templates_depend_on_the_environment(tmp_path: Path) -> None:
    from humaskit.text import templating

    a = templating.bytecode_cache("one")
    b = templating.bytecode_cache("two")
    assert a is not None and b is not None and a.directory != b.directory


def test_an_unwritable_template_cache_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from humaskit.text import templating

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(blocker))
    assert templating.bytecode_cache("tag") is None


def test_the_unit_registry_comes_back_from_disk_as_it_was_checked(tmp_path: Path) -> None:
    from humaskit.model import unitcache
    from humaskit.model.kitfile import KitFile
    from humaskit.model.units import parse_units

    units = tmp_path / "units.yaml"
    units.write_bytes((REPO / "brand" / "units.yaml").read_bytes())
    fresh = parse_units(KitFile(units))
    stat = units.stat()
    cache = tmp_path / "cache"
    assert unitcache.load_registry(units, stat.st_size, stat.st_mtime_ns, cache) is None
    unitcache.store_registry(units, stat.st_size, stat.st_mtime_ns, fresh, cache)
    back = unitcache.load_registry(units, stat.st_size, stat.st_mtime_ns, cache)
    assert back is not None
    assert list(back.entries) == list(fresh.entries)  # file order kept
    assert dict(back.entries) == dict(fresh.entries)
    assert dict(back.by_code) == dict(fresh.by_code) and back.file == fresh.file
    # An edited file (another size or modification time) is read and checked again.
    assert unitcache.load_registry(units, stat.st_size + 1, stat.st_mtime_ns, cache) is None
    assert unitcache.load_registry(units, stat.st_size, stat.st_mtime_ns + 1, cache) is None
    (entry,) = cache.glob("*.json")
    entry.write_text('{"identity": 1}', encoding="utf-8")
    assert unitcache.load_registry(units, stat.st_size, stat.st_mtime_ns, cache) is None


def test_an_edited_units_file_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from humaskit.errors import BrandError
    from humaskit.model import unitcache

    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(tmp_path / "cache"))
    units = tmp_path / "units.yaml"
    text = (REPO / "brand" / "units.yaml").read_text(encoding="utf-8")
    units.write_text(text, encoding="utf-8")
    first = unitcache.registry_of(units)
    unitcache._REGISTRIES.clear()  # a new process
    assert unitcache.registry_of(units).entries == first.entries  # from the disk cache
    unitcache._REGISTRIES.clear()
    before = units.stat().st_mtime_ns
    units.write_text(text.replace("units:", "unitz:", 1), encoding="utf-8")  # the same size
    os.utime(units, ns=(before + 1_000_000_000, before + 1_000_000_000))  # a later edit
    with pytest.raises(BrandError):
        unitcache.registry_of(units)
    unitcache._REGISTRIES.clear()
