"""Security: paths stay in the workspace, output stays in --out, templates stay in the sandbox."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CliResult, Workspace, examples
from humaskit.errors import HumaskitError, PathError, PlatformError, TemplateError
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release
from humaskit.pipeline.output import MAX_SLUG, release_slug, slugify
from humaskit.resources import builtin_templates_dir

pytestmark = pytest.mark.usefixtures("english")

RunCli = Callable[..., CliResult]
SECRET = "RAHASIA-4f9c1e"  # planted outside the workspace and in the environment
SLUG_INPUTS = 3000  # README ("Keandalan dan keamanan") quotes this figure
# Names Windows refuses for a file or folder, whatever follows the dot.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{d}{i}" for d in ("com", "lpt") for i in range(10)
}


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the workspace holding a photo, a CSV and a secret text file."""
    folder = Workspace(tmp_path / "luar").root
    Workspace(folder).photo("foto.jpg")
    (folder / "data.csv").write_text("label,value\nRahasia,1\n", encoding="utf-8")
    (folder / "rahasia.txt").write_text(SECRET + "\n", encoding="utf-8")
    return folder


# --- reading: photos, CSVs and before/after photos stay inside the workspace ------------------

# Release fields that name a file, with the file in `outside` they may point at.
PATH_FIELDS = [
    ("image", "foto.jpg"),
    ("stats", "data.csv"),
    ("image_before", "foto.jpg"),
    ("image_after", "foto.jpg"),
]


def _escapes(workspace: Workspace, outside: Path, target: str) -> dict[str, str]:
    """Ways to name ``outside/target`` from ``rilis/``: relative, absolute, home, symlinks."""
    ws = workspace.root
    (ws / "foto").mkdir(exist_ok=True)
    link = ws / "foto" / f"tautan-{target}"
    link.symlink_to(outside / target)
    folder_link = ws / "foto" / "folder-luar"
    if not folder_link.exists():
        folder_link.symlink_to(outside, target_is_directory=True)
    depth = len(Path(os.path.relpath(outside, ws / "rilis")).parts)
    return {
        "dotdot": os.path.relpath(outside / target, ws / "rilis"),
        "deep-dotdot": "../" * (depth + 3) + str(outside / target).lstrip("/"),
        "absolute": str(outside / target),
        "inside-then-out": "../foto/../../luar/" + target,
        "symlinked-file": f"../foto/tautan-{target}",
        "symlinked-folder": f"../foto/folder-luar/{target}",
    }


def _field_is_parsed(workspace: Workspace, field: str, target: str) -> bool:
    """Whether release.py reads ``field`` yet (image_before/after arrive with the aduan work)."""
    inside = workspace.root / "foto" / f"dalam-{target}"
    inside.parent.mkdir(parents=True, exist_ok=True)
    if target.endswith(".jpg"):
        workspace.photo(f"foto/dalam-{target}")
    else:
        inside.write_text("label,value\nBalita,3\n", encoding="utf-8")
    path = workspace.release("rilis/2024-05-10-cek.md", **{field: f"../foto/dalam-{target}"})
    release = load_release(path)
    value = getattr(release, "stats_file" if field == "stats" else field)
    return value is not None


@pytest.mark.parametrize(("field", "target"), PATH_FIELDS)
@pytest.mark.parametrize(
    "how",
    ["dotdot", "deep-dotdot", "absolute", "inside-then-out", "symlinked-file", "symlinked-folder"],
)
def test_a_path_leaving_the_workspace_is_refused(
    workspace: Workspace, outside: Path, field: str, target: str, how: str
) -> None:
    if not _field_is_parsed(workspace, field, target):
        pytest.skip(f"{field} is not parsed by release.py yet")
    raw = _escapes(workspace, outside, target)[how]
    path = workspace.release(**{field: raw})
    with pytest.raises(PathError) as info:
        load_release(path)
    error = info.value
    assert error.location.file == path
    assert error.location.field == field
    assert error.location.line is not None
    assert "outside the workspace" in error.message
    assert "--allow-path" in error.hint
    # ... and the same path is fine once its folder is allowed explicitly
    release = load_release(path, allow_paths=[outside.resolve()])
    assert any(p.resolve().parent == outside.resolve() for p in release.input_files)


def test_dotdot_inside_the_workspace_is_fine(workspace: Workspace) -> None:
    workspace.photo("foto/foto.jpg")
    path = workspace.release(image="../rilis/../foto/./foto.jpg", image_alt="Foto")
    assert load_release(path).image == (workspace.root / "foto" / "foto.jpg").resolve()


def test_a_symlink_to_an_allowed_folder_is_fine(workspace: Workspace, outside: Path) -> None:
    (workspace.root / "foto").mkdir()
    (workspace.root / "foto" / "bersama.jpg").symlink_to(outside / "foto.jpg")
    path = workspace.release(image="../foto/bersama.jpg", image_alt="Foto")
    with pytest.raises(PathError):
        load_release(path)
    assert load_release(path, allow_paths=[outside]).image == (outside / "foto.jpg").resolve()


def test_cli_refuses_an_escape_and_allow_path_admits_it(
    workspace: Workspace, outside: Path, run_cli: RunCli
) -> None:
    ws = workspace.root
    workspace.release(image=str(outside / "foto.jpg"), image_alt="Foto", platforms=["x"])
    refused = run_cli("render", "rilis", "--out", "out", "--jobs", "1", cwd=ws, lang="en")
    assert refused.exit_code == 1
    assert "outside the workspace" in refused.output and "Traceback" not in refused.output
    assert "2024-05-10-rapat.md" in refused.output
    assert not (ws / "out").exists() or not _files(ws / "out")
    allowed = run_cli(
        "render", "rilis", "--out", "out", "--jobs", "1", "--allow-path", str(outside), cwd=ws
    )
    assert allowed.exit_code == 0, allowed.output
    checked = run_cli("check", "rilis", "--allow-path", str(outside), cwd=ws, lang="en")
    assert "outside the workspace" not in checked.output


# --- writing: output never leaves --out ------------------------------------------------------

HOSTILE_NAMES = [
    "../../x",
    "/etc/passwd",
    "..",
    ".",
    "C:\\Windows\\System32",
    "\\\\server\\share",
    "CON",
    "nul",
    "Com1",
    "LPT9.txt",
    "aux.",
    "a\x00b",
    "x" * 500,
    "\u202eRTL override\u202c",
    "مرحبا بلورا",
    "日本語のタイトル",
    "🎉🎉🎉",
    "Ünïcödé Çafé",
    "   ",
    "",
    "-",
    'rapat:*?<>|"',
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=repr)
def test_slugs_are_safe_folder_names(name: str) -> None:
    for slug in (slugify(name), release_slug(name, "2024-05-10")):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert len(slug) <= MAX_SLUG
        assert slug.split(".")[0] not in WINDOWS_RESERVED


@pytest.mark.slow  # 3,000 generated names
@settings(max_examples=examples(SLUG_INPUTS))
@given(st.text(max_size=300))
def test_slugify_is_always_a_portable_name(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= MAX_SLUG and slug not in WINDOWS_RESERVED
    full = release_slug(text, "2024-05-10")
    assert len(full) <= MAX_SLUG and full.startswith("2024-05-10-")


@pytest.mark.parametrize(
    "title",
    [
        "../../x",
        "/etc/passwd",
        "CON",
        # "a\u0000b" is refused before anything is written: tests/test_hostile_inputs.py
        pytest.param("🎉" * 80, marks=pytest.mark.slow),  # long titles: captions and images
        "\u202eevil",
        pytest.param("x" * 3000, marks=pytest.mark.slow),  # take seconds to fit
    ],
)
def test_a_hostile_title_writes_nothing_outside_out(
    workspace: Workspace, run_cli: RunCli, title: str
) -> None:
    ws = workspace.root
    workspace.release(title=title, platforms=["x", "instagram"])
    before = _files(ws.parent)
    result = run_cli("render", "rilis", "--out", "out", "--jobs", "1", "--json", cwd=ws)
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    new = _files(ws.parent) - before
    # A title too long for the card's headline is refused (it asks for card_title): nothing is
    # written at all then; otherwise the release is written, and only inside --out.
    refused = not report["ok"] and "card_title" in result.output
    assert new or refused, "something was written"
    assert all((ws / "out") in p.parents for p in new), sorted(new)
    if report["ok"]:
        assert (ws / "out" / "2024-05-10-rapat" / "manifest.json").is_file()


@pytest.mark.parametrize(
    "stem", ["CON", "nul", "COM1", "aux.", "x" * 200, "2024-05-10-Ünïcödé 🎉 ‮rtl"]
)
def test_hostile_file_names_give_safe_output_folders(
    workspace: Workspace, run_cli: RunCli, stem: str
) -> None:
    ws = workspace.root
    workspace.release(f"rilis/{stem}.md", platforms=["x"])
    result = run_cli("render", "rilis", "--out", "out", "--jobs", "1", "--no-images", cwd=ws)
    assert result.exit_code == 0, result.output
    (folder,) = (ws / "out").iterdir()
    assert re.fullmatch(r"2024-05-10-[a-z0-9]+(-[a-z0-9]+)*", folder.name)
    assert folder.name.split("-", 3)[-1] not in WINDOWS_RESERVED


def test_case_colliding_releases_do_not_overwrite_each_other(
    workspace: Workspace, run_cli: RunCli
) -> None:
    ws = workspace.root
    workspace.release("rilis/a/2024-05-10-Rapat.md", title="Rapat A", platforms=["x"])
    workspace.release("rilis/b/2024-05-10-rapat.md", title="Rapat B", platforms=["x"])
    result = run_cli(
        "render", "rilis", "--out", "out", "--jobs", "1", "--no-images", cwd=ws, lang="en"
    )
    assert "Traceback" not in result.output
    # one of them renders; the other is refused, naming both, instead of replacing its output
    assert result.exit_code == 1
    assert "same output folder" in result.output
    caption = (ws / "out" / "2024-05-10-rapat" / "x" / "caption.txt").read_text(encoding="utf-8")
    manifest = json.loads((ws / "out" / "2024-05-10-rapat" / "manifest.json").read_text())
    winner = "Rapat A" if "Rapat A" in caption else "Rapat B"
    assert manifest["title"] == winner
    assert manifest["source"].endswith("Rapat.md" if winner == "Rapat A" else "rapat.md")


@pytest.mark.parametrize(
    "pid",
    ["../../x", "/abs", "x/../../y", "con", "nul", "com1", "X", "x\n", "a" * 40, "ünï", ".x"],
)
def test_a_platform_id_cannot_name_a_path(workspace: Workspace, pid: str) -> None:
    # a complete, valid platform (X's rules) under a hostile id: only the id is wrong
    x_rules = yaml.safe_load((builtin_templates_dir() / "platforms.yaml").read_text())["x"]
    ws = workspace({"templates/platforms.yaml": json.dumps({"ok": x_rules})})
    assert "ok" in load_platforms(ws / "templates")
    workspace({"templates/platforms.yaml": json.dumps({pid: x_rules})})
    with pytest.raises(PlatformError) as info:
        load_platforms(ws / "templates")
    assert "Invalid platform id" in info.value.message
    assert info.value.location.file is not None


@pytest.mark.parametrize("variant", ["../../feed", "/tmp/feed", "con", "feed.png", "Feed"])
def test_an_image_variant_cannot_name_a_path(workspace: Workspace, variant: str) -> None:
    rules = {
        "instagram": {"images": [{"variant": variant, "width": 1080, "height": 1080}]},
    }
    ws = workspace({"templates/platforms.yaml": json.dumps(rules)})
    with pytest.raises(PlatformError):
        load_platforms(ws / "templates")


def test_platform_option_cannot_name_a_path(workspace: Workspace, run_cli: RunCli) -> None:
    ws = workspace.root
    workspace.release()
    result = run_cli("render", "rilis", "--out", "out", "--platform", "../../x", cwd=ws)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (ws / "out").exists()


# --- templates: the sandbox -----------------------------------------------------------------

# Jinja that tries to reach Python internals, files or the environment.
TEMPLATE_ATTACKS = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__ }}",
    "lipsum-os": "{{ lipsum.__globals__.os.environ }}",
    "joiner-globals": "{{ joiner.__init__.__globals__['os'].popen('echo x').read() }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "attr-filter": "{{ ''|attr('__class__') }}",
    "format-string": "{{ '{0.__class__.__mro__}'.format('') }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': ''}) }}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-outside": "{% include '../../../luar/rahasia.txt' %}",
    "import-outside": "{% import '../../luar/rahasia.txt' as r %}{{ r }}",
    "environ": "{{ environ.HUMASKIT_TEST_SECRET }}",
    "os-environ": "{{ os.environ.HUMASKIT_TEST_SECRET }}",
    "range-self": "{{ range.__self__ }}",
    "dict-items-mutation": "{% set d = {} %}{{ d.__setitem__('a', 1) }}",
    "loop-big": "{{ range(10**9) | list | length }}",
}


def _template_workspace(workspace: Workspace, outside: Path) -> Path:
    """A workspace whose user templates live in ``templates/``; returns its root."""
    ws = workspace.root
    workspace.release(platforms=["instagram"])
    # The secret is one folder above the workspace: `luar/` next to `ws/`.
    assert (ws.parent / "luar" / "rahasia.txt").is_file()
    return ws


def _assert_refused(result: CliResult, file_name: str, ws: Path) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Internal error" not in result.output
    assert SECRET not in result.output
    assert file_name in result.output
    assert re.search(re.escape(file_name) + r":\d+", result.output), result.output
    for path in _files(ws / "out") if (ws / "out").exists() else ():
        assert SECRET.encode() not in path.read_bytes()


@pytest.mark.parametrize("attack", list(TEMPLATE_ATTACKS))
def test_caption_template_attacks_fail_with_file_and_line(
    workspace: Workspace, outside: Path, run_cli: RunCli, attack: str
) -> None:
    ws = _template_workspace(workspace, outside)
    source = '{% extends "_base.j2" %}\n{% block headline %}\n' + TEMPLATE_ATTACKS[attack]
    workspace({"templates/captions/instagram.j2": source + "\n{% endblock %}\n"})
    result = run_cli(
        "render",
        "rilis",
        "--out",
        "out",
        "--jobs",
        "1",
        "--no-images",
        env={"HUMASKIT_TEST_SECRET": SECRET},
        cwd=ws,
    )
    _assert_refused(result, "instagram.j2", ws)


@pytest.mark.parametrize("attack", list(TEMPLATE_ATTACKS))
def test_layout_text_attacks_fail_with_file_and_line(
    workspace: Workspace, outside: Path, run_cli: RunCli, attack: str
) -> None:
    ws = _template_workspace(workspace, outside)
    layout = (builtin_templates_dir() / "layouts" / "rilis.yaml").read_text(encoding="utf-8")
    payload = TEMPLATE_ATTACKS[attack].replace('"', '\\"')
    assert '"{{ title }}"' in layout
    workspace({"templates/layouts/rilis.yaml": layout.replace('"{{ title }}"', f'"{payload}"')})
    result = run_cli(
        "render",
        "rilis",
        "--out",
        "out",
        "--jobs",
        "1",
        "--platform",
        "instagram",
        env={"HUMASKIT_TEST_SECRET": SECRET},
        cwd=ws,
    )
    _assert_refused(result, "rilis.yaml", ws)


def test_a_symlinked_template_cannot_read_outside_its_folder(
    workspace: Workspace, outside: Path, run_cli: RunCli
) -> None:
    ws = _template_workspace(workspace, outside)
    workspace({"templates/captions/instagram.j2": "{% include 'bocor.j2' %}\n"})
    (ws / "templates" / "captions" / "bocor.j2").symlink_to(outside / "rahasia.txt")
    result = run_cli("render", "rilis", "--out", "out", "--jobs", "1", "--no-images", cwd=ws)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and SECRET not in result.output
    assert "bocor.j2" in result.output


def test_a_symlinked_caption_template_is_refused(
    workspace: Workspace, outside: Path, run_cli: RunCli
) -> None:
    ws = _template_workspace(workspace, outside)
    (ws / "templates" / "captions").mkdir(parents=True)
    (ws / "templates" / "captions" / "instagram.j2").symlink_to(outside / "rahasia.txt")
    result = run_cli("render", "rilis", "--out", "out", "--jobs", "1", "--no-images", cwd=ws)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and SECRET not in result.output
    assert not list((ws / "out").rglob("caption.txt")) if (ws / "out").exists() else True


def test_sandbox_errors_are_template_errors_in_the_api(workspace: Workspace) -> None:
    from humaskit.text.templating import environment, render_template

    workspace({"templates/captions/jahat.j2": "baris satu\n{{ cycler.__init__.__globals__ }}\n"})
    env = environment((workspace.root / "templates" / "captions",))
    with pytest.raises(TemplateError) as info:
        render_template(env, "jahat.j2", {})
    assert str(info.value.location.file).endswith("jahat.j2")
    assert info.value.location.line == 2
    assert isinstance(info.value, HumaskitError)
