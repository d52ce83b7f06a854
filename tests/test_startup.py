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
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardkit import kit
from conftest import examples

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


def _loaded_after(*args: str, cache: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "HUMASKIT_CACHE_DIR": str(cache)},
    )
    last = done.stdout.strip().splitlines()[-1]
    return set(json.loads(last))


@pytest.mark.parametrize("args", [("--help",), ("render", "--help"), ("--lang", "en", "--help")])
def test_a_help_screen_loads_no_heavy_library(args: tuple[str, ...], tmp_path: Path) -> None:
    # An empty cache: typer writes even the root help screen.
    loaded = _loaded_after(*args, cache=tmp_path / "cache")
    assert "typer" in loaded  # the probe did run the command line
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


# --------------------------------------------------------------------------- root help cache

# Runs the command line as the console script does and reports the exit code and the modules
# loaded in a file, so that stdout and stderr are exactly what the command wrote.
_RUN = """
import json, os, sys
from humaskit.cli.app import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
sys.stdout.flush()
sys.stderr.flush()
with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


@dataclass(frozen=True)
class _Run:
    code: int
    stdout: str
    stderr: str
    modules: frozenset[str]

    @property
    def typer_loaded(self) -> bool:
        return any(name.split(".")[0] in ("typer", "click") for name in self.modules)


def _run(args: tuple[str, ...], tmp_path: Path, **env: str | None) -> _Run:
    environ = {**os.environ, "HUMASKIT_CACHE_DIR": str(tmp_path / "cache")}
    environ["PROBE_OUT"] = str(tmp_path / "probe.json")
    for variable in ("HUMASKIT_LANG", "FORCE_COLOR", "TTY_COMPATIBLE"):  # unless env sets them
        environ.pop(variable, None)
    for key, value in env.items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environ,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads((tmp_path / "probe.json").read_text(encoding="utf-8"))
    return _Run(probe["code"], done.stdout, done.stderr, frozenset(probe["modules"]))


@pytest.mark.parametrize(
    ("args", "env_lang", "columns", "usage"),
    [
        (("--help",), None, None, "Penggunaan:"),
        (("-h",), "en", "64", "Usage:"),
        (("--lang", "en", "--help"), None, None, "Usage:"),
        (("--help", "--lang=id"), "en", "200", "Penggunaan:"),  # the option beats the variable
        ((), None, "52", "Penggunaan:"),  # `humaskit` alone: the help on stderr, exit 2
        ((), "en", None, "Usage:"),
    ],
)
def test_the_cached_root_help_is_what_typer_prints(
    tmp_path: Path, args: tuple[str, ...], env_lang: str | None, columns: str | None, usage: str
) -> None:
    env = {"HUMASKIT_LANG": env_lang, "COLUMNS": columns}
    typer_wrote = _run(args, tmp_path, **env)
    assert typer_wrote.typer_loaded  # an empty cache: typer writes it, and it is kept
    cached = _run(args, tmp_path, **env)
    assert not cached.typer_loaded
    assert not cached.modules & set(HEAVY)
    assert (cached.code, cached.stdout, cached.stderr) == (
        typer_wrote.code,
        typer_wrote.stdout,
        typer_wrote.stderr,
    )
    shown = cached.stderr if not args else cached.stdout
    assert shown.startswith(usage) and "render" in shown
    assert cached.code == (2 if not args else 0)


def test_a_stale_or_damaged_entry_is_not_shown(tmp_path: Path) -> None:
    typer_wrote = _run(("--help",), tmp_path)
    (entry,) = (tmp_path / "cache" / "help").glob("*.txt")
    head, stamp, _text = entry.read_text(encoding="utf-8").split("\n", 2)
    # Another stamp (an edited help text, another typer): typer writes it and the entry again.
    entry.write_text(f"{head}\nstale\nOld help", encoding="utf-8")
    again = _run(("--help",), tmp_path)
    assert again.typer_loaded and again.stdout == typer_wrote.stdout
    assert entry.read_text(encoding="utf-8").split("\n", 2)[1] == stamp
    # The entry is what is shown when its stamp matches (the test above would pass otherwise).
    entry.write_text(f"{head}\n{stamp}\nKept help", encoding="utf-8")
    assert _run(("--help",), tmp_path).stdout == "Kept help\n"
    # A stream that cannot take the kept text is left to typer (click writes UTF-8 to it).
    entry.write_text(f"{head}\n{stamp}\nKept hélp", encoding="utf-8")
    ascii_out = _run(("--help",), tmp_path, PYTHONIOENCODING="ascii")
    assert ascii_out.code == 0 and ascii_out.typer_loaded
    entry.write_bytes(b"\xff\xfe not text")
    assert _run(("--help",), tmp_path).stdout == typer_wrote.stdout


def test_an_unwritable_help_cache_still_shows_typers_help(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    done = _run(("--help",), tmp_path, HUMASKIT_CACHE_DIR=str(blocker))
    assert done.code == 0 and done.stdout.startswith("Penggunaan:") and done.typer_loaded


@pytest.mark.parametrize(
    "args",
    [
        ("render", "--help"),
        ("--help", "render"),  # typer shows the root help here too, but through typer
        ("--version",),
        ("--lang", "en"),  # no command: an error, not the help
        ("--lang", "fr", "--help"),  # refused with typer's message
        ("--lang=", "--help"),
        ("--lang", "en", "--lang", "id", "--help"),
        ("--lang",),
    ],
)
def test_only_the_bare_root_help_is_answered_from_the_cache(args: tuple[str, ...]) -> None:
    from humaskit.cli import helpcache

    assert helpcache.root_help_request(list(args)) is None


@pytest.mark.parametrize("columns", [None, "", "x", "-3", "30", "52", "79", "80", "81", "200"])
def test_the_help_width_is_the_one_click_wraps_to(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    import typer

    from humaskit.cli import helpcache
    from humaskit.cli.app import build_app

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    command = typer.main.get_command(build_app())
    context = command.context_class(command, info_name="humaskit")
    assert helpcache.help_width() == context.make_formatter().width


def test_the_stamp_follows_every_file_the_help_is_made_from(tmp_path: Path) -> None:
    from humaskit.cli import helpcache

    folder = tmp_path / "cli"
    folder.mkdir()
    module = folder / "commands.py"
    module.write_text("HELP = 'Render'", encoding="utf-8")
    before = helpcache.stamp_of([folder])
    module.write_text("HELP = 'Build'", encoding="utf-8")  # the same size
    os.utime(module, ns=(1, 1))
    assert helpcache.stamp_of([folder]) != before
    (folder / "new.py").write_text("", encoding="utf-8")
    assert helpcache.stamp_of([folder]) != helpcache.stamp_of([folder, tmp_path / "gone"])
    # What is stamped: humaskit's command modules, its compiled catalogues and typer.
    stamped = helpcache.stamp_of(helpcache.sources())
    for name in ("app.py", "root.py", "render.py", "humaskit.mo", "core.py", "formatting.py"):
        assert f"|{name}:" in stamped, name


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


# --------------------------------------------------------------------------- rich on demand


def _say_everything() -> None:
    from humaskit.cli import console
    from humaskit.diagnostics import Diagnostic, Severity
    from humaskit.errors import ReleaseError

    console.error(ReleaseError("Judul kosong.", hint="Isi `title`.\tlalu simpan"))
    console.warning("Foto terlalu kecil → 640×480", "instagram  ")
    console.info("✓ rilis/x.md → out/x  (3 gambar) 😀")
    console.success("Selesai\nbaris kedua")
    console.diagnostics(
        [
            Diagnostic(
                code="a",
                message="Galat",
                severity=Severity.ERROR,
                field="title",
                file="r.md",
                line=3,
            ),
            Diagnostic(code="b", message="Peringatan", field="date", platform="x"),
        ]
    )


def test_plain_lines_are_what_rich_prints_where_it_would_not_style(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from humaskit.cli import console

    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(variable, raising=False)
    _say_everything()  # captured streams are no terminal: written without rich
    plain = capsys.readouterr()
    monkeypatch.setattr(console, "_may_style", lambda stream: True)
    _say_everything()  # through rich, which finds no terminal either
    through_rich = capsys.readouterr()
    assert plain.err and "\x1b" not in plain.err
    assert (plain.out, plain.err) == (through_rich.out, through_rich.err)


@pytest.mark.parametrize(
    ("env", "styled"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": ""}, False),
        ({"TTY_COMPATIBLE": "1"}, True),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, False),
    ],
)
def test_rich_decides_wherever_it_might_style(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], styled: bool
) -> None:
    import io

    from rich.console import Console

    from humaskit.cli import console

    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(variable, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    stream = io.StringIO()
    assert console._may_style(stream) is styled
    assert Console(file=stream).is_terminal is styled


def test_a_check_with_piped_output_loads_no_rich(tmp_path: Path) -> None:
    release = REPO / "examples" / "rilis" / "2024-05-10-studi-tiru-medsos.md"
    done = _run(("check", str(release)), tmp_path)
    assert done.stderr  # it did print its findings
    assert "rich" not in {name.split(".")[0] for name in done.modules}


# --------------------------------------------------------------------------- plain bodies

_MARKDOWN_ALPHABET = list("ab Z9.,!?:;'\"()#-+=>|*_~`[]<&\\\n\n\n\t\r é—“”😀\u00a0\u2028\x0c\x00")


# Mostly what the plain split takes (no inline syntax), so that it is the one tested.
_PLAIN_ALPHABET = list("ab Z9.,!?:;'\"()#-+=>/\n\n é—“”😀\u00a0")


@settings(max_examples=examples(400))
@given(
    st.text(alphabet=_MARKDOWN_ALPHABET, max_size=60)
    | st.text(alphabet=_PLAIN_ALPHABET, max_size=60)
)
def test_a_body_without_markdown_is_split_as_markdown_it_splits_it(text: str) -> None:
    from humaskit.model.body import parse_body, parse_markdown

    assert parse_body(text) == parse_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bupati Blora meresmikan jalan desa.\nWarga hadir!\n\nKegiatan 03/06/2024: 30 warga.",
        "Pukul 09.00 WIB, #BloraMaju (lihat https://blorakab.go.id) — “bagus”.",
        "",
    ],
)
def test_a_plain_body_needs_no_markdown_it(text: str) -> None:
    from humaskit.model import body

    assert body._plain_paragraphs(text) == body.parse_markdown(text)


@pytest.mark.parametrize(
    "text",
    ["- poin", "1. poin", "2024) tahun", "# Judul", "> kutipan", "a\n===", "a  \nb", " a", "a|b"],
)
def test_markdown_syntax_goes_through_markdown_it(text: str) -> None:
    from humaskit.model import body

    assert body._plain_paragraphs(text) is None


def test_without_a_home_folder_the_help_is_typers(monkeypatch: pytest.MonkeyPatch) -> None:
    from humaskit.cli import helpcache

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(helpcache, "user_cache_dir", no_home)
    assert helpcache.cached_help("id", 78) is None
    helpcache.arm()
    helpcache.keep("Penggunaan: humaskit", 78)  # nothing to write to, and no error
    assert not helpcache._armed


# --------------------------------------------------------------------------- compiled snippets

_SNIPPETS = [
    ("{{ title | upper }} · {{ n * 2 }}", False),
    ("{% if n > 1 %}{{ n }} kali{% endif %}", False),
    ("title ~ ' (' ~ n ~ ')'", True),
    ("n > 1 and title", True),
    ("missing", True),
]


def test_layout_snippets_are_compiled_once_and_run_as_jinja_compiles_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    from humaskit.text import templating

    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(tmp_path / "cache"))
    templating.environment.cache_clear()
    scope = {"title": "Posyandu", "n": 3}

    def run_all() -> list[object]:
        out: list[object] = []
        for source, expression in _SNIPPETS:
            snippet = templating.compile_snippet(source, expression=expression)
            out.append(snippet(**scope) if expression else snippet.render(scope))
        return out

    try:
        env = templating.environment(())
        expected = [
            env.compile_expression(source)(**scope)
            if expression
            else env.from_string(source).render(scope)
            for source, expression in _SNIPPETS
        ]
        assert run_all() == expected
        assert len(list((tmp_path / "cache" / "templates").rglob("*.cache"))) == len(_SNIPPETS)
        templating.environment.cache_clear()  # a new process: the code comes from the disk

        def no_compiling(*args: object, **kwargs: object) -> None:
            raise AssertionError("compiled again")

        monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
        assert run_all() == expected
    finally:
        templating.environment.cache_clear()


@pytest.mark.parametrize(
    ("source", "expression"), [("{{ a +", False), ("{% if %}", False), ("a b", True), ("(", True)]
)
def test_a_snippet_that_does_not_parse_says_what_jinja_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expression: bool
) -> None:
    import jinja2

    from humaskit.text import templating

    monkeypatch.setenv("HUMASKIT_CACHE_DIR", str(tmp_path / "cache"))
    templating.environment.cache_clear()
    try:
        env = templating.environment(())
        with pytest.raises(jinja2.TemplateSyntaxError) as jinja_says:
            env.compile_expression(source) if expression else env.from_string(source)
        with pytest.raises(templating.SnippetSyntaxError) as we_say:
            templating.compile_snippet(source, expression=expression)
        assert (we_say.value.message, we_say.value.lineno) == (
            jinja_says.value.message,
            jinja_says.value.lineno,
        )
    finally:
        templating.environment.cache_clear()


def test_a_plain_release_rendered_with_piped_output_loads_no_rich_and_no_markdown_it(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    (work / "rilis").mkdir(parents=True)
    (work / "templates").mkdir()
    (work / "humaskit.toml").write_text('[workspace]\nname = "Uji"\n', encoding="utf-8")
    (work / "templates" / "platforms.yaml").write_text(
        "facebook:\n  images:\n    - {variant: link, width: 1200, height: 630}\n", encoding="utf-8"
    )
    (work / "rilis" / "2024-06-03-jalan.md").write_text(
        "---\ntitle: Bupati Blora Resmikan Jalan Desa Sambongrejo\ndate: 2024-06-03\n"
        "unit: dinkominfo\nkind: rilis\nplatforms: [facebook]\n---\n"
        "Jalan desa sepanjang 1,2 km itu diresmikan pada 03/06/2024, disaksikan warga.\n",
        encoding="utf-8",
    )
    done = _run(("render", str(work / "rilis"), "--out", str(tmp_path / "out")), tmp_path)
    assert done.code == 0, done.stderr
    assert (tmp_path / "out" / "2024-06-03-jalan" / "manifest.json").is_file()
    assert done.stderr  # it printed its lines, without rich
    loaded = {name.split(".")[0] for name in done.modules}
    assert not loaded & {"rich", "markdown_it", "twitter_text", "pydantic"}, sorted(loaded)
