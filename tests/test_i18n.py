"""The Indonesian catalogue: it covers the code, keeps placeholders, is compiled, and is used."""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import babel
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from humaskit import i18n

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "src" / "humaskit" / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "humaskit.po"
MO = PO.with_suffix(".mo")
FIX = "run 'python scripts/update_translations.py' and translate the empty msgstr entries"


def _load_tool() -> ModuleType:
    path = REPO / "scripts" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _load_tool()


@pytest.fixture(scope="module")
def catalogue(tool: ModuleType) -> Catalog:
    parsed: Catalog = tool.parse_po(PO.read_bytes())
    return parsed


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The code's messages as plain ``pybabel extract`` finds them, with locations."""
    pot = tmp_path_factory.mktemp("pot") / "humaskit.pot"
    command = [
        sys.executable,
        "-m",
        "babel.messages.frontend",
        "--quiet",
        "extract",
        "-F",
        "babel.cfg",
        # The keywords of humaskit.i18n, given here too so that a babel.cfg that lost them fails.
        *("-k", "_", "-k", "N_", "-k", "ngettext:1,2", "--no-default-keywords"),
        "-o",
        str(pot),
        ".",
    ]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    with pot.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("HUMASKIT_LANG", raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


# --- the catalogue covers the code ---------------------------------------------------------


def test_extraction_sees_every_module_that_calls_the_translation_functions(
    extracted: Catalog,
) -> None:
    calls = re.compile(r"\b(_|N_|ngettext)\(\s*[rbuf]*[\"']")
    callers = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "src" / "humaskit").rglob("*.py")
        if calls.search(path.read_text(encoding="utf-8"))
    }
    located = {filename for message in extracted for filename, _line in message.locations}
    assert callers, "no module calls _(); the pattern above is out of date"
    assert callers <= located, f"babel.cfg misses messages in {sorted(callers - located)}"


def test_every_message_of_the_code_is_translated(
    extracted: Catalog, catalogue: Catalog, tool: ModuleType
) -> None:
    untranslated = set(tool.untranslated(catalogue))
    translated = _ids(catalogue) - untranslated
    missing = sorted(_ids(extracted) - translated, key=str)
    assert not missing, f"{len(missing)} message(s) lack a translation ({FIX}): {missing}"


def test_the_script_extracts_what_pybabel_extracts(extracted: Catalog, tool: ModuleType) -> None:
    assert tool.message_ids(tool.extract()) == _ids(extracted)


# --- placeholders ----------------------------------------------------------------------------


def test_every_translation_keeps_the_placeholders_of_its_message(
    catalogue: Catalog, tool: ModuleType
) -> None:
    assert tool.placeholder_problems(catalogue) == []


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("{path} does not exist.", {"{path}"}),
        ("Unknown unit {key!r}.", {"{key!r}"}),
        ("contrast {ratio:.2f}:1", {"{ratio:.2f}"}),
        ("Check the {{ }} and {{label: x}} tags.", set()),
        ("Write {file: fonts/Name.ttf}.", {"{file: fonts/Name.ttf}"}),
        ("{a} and {a} and {b!s}", {"{a}", "{b!s}"}),
        ("Check the {{ }} and {% %} tags.", {"{% %}"}),
    ],
)
def test_placeholders_are_the_format_fields(tool: ModuleType, text: str, fields: set[str]) -> None:
    assert tool.placeholders(text) == fields


def test_a_changed_placeholder_is_reported(tool: ModuleType) -> None:
    catalog = Catalog(locale="id")
    catalog.add("The file {path} does not exist.", "Berkas {lokasi} tidak ada.")
    catalog.add("Unknown unit {key!r}.", "Unit {key} tidak dikenal.")
    catalog.add("Written: {path}", "Ditulis: {path}")
    problems = tool.placeholder_problems(catalog)
    assert len(problems) == 2
    assert "{lokasi}" in problems[0] and "{key!r}" in problems[1]


# --- the compiled catalogue ----------------------------------------------------------------


def test_mo_is_compiled_from_the_current_po(tool: ModuleType, tmp_path: Path) -> None:
    fresh = tmp_path / "humaskit.mo"
    fresh.write_bytes(tool.compile_mo(PO.read_bytes()))
    assert fresh.read_bytes() == MO.read_bytes(), f"the .mo is stale: {FIX}"


def test_compiling_is_deterministic_and_independent_of_the_babel_version(
    tool: ModuleType,
) -> None:
    po = PO.read_bytes()
    assert tool.compile_mo(po) == tool.compile_mo(po)
    for data in (po, MO.read_bytes(), (LOCALE / "humaskit.pot").read_bytes()):
        assert f"Babel {babel.__version__}".encode() not in data


def test_gettext_reads_every_translation_from_the_mo(catalogue: Catalog) -> None:
    translations = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    singles = [m for m in catalogue if m.id and isinstance(m.id, str) and m.string]
    assert singles
    for message in singles:
        assert translations.gettext(message.id) == message.string
    assert translations.plural(5) == 0  # Indonesian has one plural form


# --- choosing the language -----------------------------------------------------------------


@pytest.fixture(scope="module")
def known(catalogue: Catalog) -> tuple[str, str]:
    """A message of the code whose Indonesian text differs from the English one."""
    for message in catalogue:
        if isinstance(message.id, str) and message.string and message.string != message.id:
            return message.id, str(message.string)
    raise AssertionError("the catalogue translates nothing")


def test_indonesian_is_the_default(known: tuple[str, str]) -> None:
    english, indonesian = known
    assert i18n.language() == "id"
    assert i18n._(english) == indonesian


def test_set_language_switches_between_english_and_indonesian(known: tuple[str, str]) -> None:
    english, indonesian = known
    i18n.set_language("en")
    assert i18n._(english) == english
    i18n.set_language("id")
    assert i18n._(english) == indonesian


@pytest.mark.parametrize("value", ["en", "en_US.UTF-8", "EN-gb"])
def test_humaskit_lang_chooses_english(
    monkeypatch: pytest.MonkeyPatch, known: tuple[str, str], value: str
) -> None:
    english, _indonesian = known
    monkeypatch.setenv("HUMASKIT_LANG", value)
    assert i18n._(english) == english


def test_set_language_wins_over_humaskit_lang(
    monkeypatch: pytest.MonkeyPatch, known: tuple[str, str]
) -> None:
    english, indonesian = known
    monkeypatch.setenv("HUMASKIT_LANG", "en")
    i18n.set_language("id")
    assert i18n._(english) == indonesian


def test_an_unsupported_humaskit_lang_falls_back_to_indonesian(
    monkeypatch: pytest.MonkeyPatch, known: tuple[str, str]
) -> None:
    english, indonesian = known
    monkeypatch.setenv("HUMASKIT_LANG", "fr")
    assert i18n._(english) == indonesian


# --- the update script on a small checkout -------------------------------------------------


def _checkout(root: Path, code: str) -> None:
    (root / "pyproject.toml").write_text('[project]\nname = "humaskit"\nversion = "9.9"\n')
    (root / "babel.cfg").write_text((REPO / "babel.cfg").read_text(encoding="utf-8"))
    package = root / "src" / "humaskit"
    package.mkdir(parents=True, exist_ok=True)
    (package / "module.py").write_text(code, encoding="utf-8")


def _translate(tool: ModuleType, files: Any, strings: dict[str, str]) -> None:
    catalog = tool.parse_po(files.catalogue.read_bytes())
    for message in catalog:
        if isinstance(message.id, str) and message.id in strings:
            message.string = strings[message.id]
        elif isinstance(message.id, tuple) and message.id[0] in strings:
            message.string = (strings[message.id[0]],)
    files.catalogue.write_bytes(tool.render_po(catalog))


CODE = """\
from gettext import gettext
from humaskit.i18n import N_, _, ngettext

def messages(n: int, name: str) -> list[str]:
    return [
        # TRANSLATORS: a greeting on the first run.
        _("Hello {name}.").format(name=name),
        ngettext("{n} photo", "{n} photos", n).format(n=n),
        N_("Later"),
        gettext("Not ours"),
        print("Not a message"),
    ]
"""


def test_update_then_check_a_small_checkout(tool: ModuleType, tmp_path: Path) -> None:
    _checkout(tmp_path, CODE)
    files = tool.Files(tmp_path)

    notes = tool.update(files)
    assert len(notes) == 3 and all(n.startswith("Not translated") for n in notes)
    pot = files.template.read_text(encoding="utf-8")
    assert "Not ours" not in pot and "Not a message" not in pot
    assert "#. a greeting on the first run." in pot
    assert "#:" not in pot  # no source locations
    assert any(p.startswith("Not translated") for p in tool.check(files))

    _translate(tool, files, {"Hello {name}.": "Halo {name}.", "{n} photo": "{n} foto"})
    _translate(tool, files, {"Later": "Nanti"})
    assert tool.update(files) == []
    assert tool.check(files) == []
    before = [p.read_bytes() for p in (files.template, files.catalogue, files.compiled)]

    assert tool.update(files) == []
    assert [p.read_bytes() for p in (files.template, files.catalogue, files.compiled)] == before
    assert "Halo" in gettext.GNUTranslations(io.BytesIO(before[2])).gettext("Hello {name}.")


def test_check_reports_new_changed_and_stale(tool: ModuleType, tmp_path: Path) -> None:
    _checkout(tmp_path, '_("Hello {name}.")\n_("Later")\n')
    files = tool.Files(tmp_path)
    tool.update(files)
    _translate(tool, files, {"Hello {name}.": "Halo {name}.", "Later": "Nanti"})
    tool.update(files)
    assert tool.check(files) == []

    # A reworded message is not matched to the old one: it arrives untranslated.
    _checkout(tmp_path, '_("Hello {name}!")\n_("Later")\n')
    problems = tool.check(files)
    assert "Not in the catalogue: 'Hello {name}!'" in problems
    assert "No longer in the code: 'Hello {name}.'" in problems
    tool.update(files)
    assert tool.check(files) == ["Not translated: 'Hello {name}!'"]
    assert "Halo" not in files.catalogue.read_text(encoding="utf-8")

    _translate(tool, files, {"Hello {name}!": "Halo {nama}!"})
    assert any(p.startswith("Placeholders differ") for p in tool.check(files))
    _translate(tool, files, {"Hello {name}!": "Halo {name}!"})
    assert tool.check(files) == [
        f"{files.show(files.compiled)} is not compiled from the current .po."
    ]
    tool.update(files)
    assert tool.check(files) == []


def test_check_command_exit_code_on_the_repository(tool: ModuleType) -> None:
    assert tool.main(["--check"]) == 0, FIX
