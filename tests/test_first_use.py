"""No unpleasant surprise on first use (issue 13, points 11-17).

Placeholder text is never published unnoticed, the brand kit's approval rule is the default, a
blurry photo is named by render as by check, ``new --unit`` is checked, output honours the umask,
commands find the workspace's ``rilis/`` and ``out/`` from anywhere inside it, ``--lang`` works
anywhere, and ``compare`` sums up by folder.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import QUIET_UNIT, CliResult, Workspace
from humaskit.model.kinds import kind_names
from humaskit.model.placeholders import CODE, MARKER, SCAFFOLD_TEXTS, is_placeholder, mark
from humaskit.model.release import load_release
from humaskit.pipeline.check import check
from humaskit.pipeline.render import render
from humaskit.resources import builtin_brand_dir, builtin_templates_dir
from humaskit.tools.compare import compare
from humaskit.tools.preview import preview
from humaskit.tools.scaffold import new_release

RunCli = Callable[..., CliResult]
APPROVED = {"approved_by": "Kepala Dinkominfo"}
# A release with nothing left to do, in a kit without example values (conftest.Workspace).
FINISHED = {**APPROVED, "unit": QUIET_UNIT}
pytestmark = pytest.mark.usefixtures("english")


def _codes(findings: object) -> list[str]:
    return [f.code for f in findings]  # type: ignore[attr-defined]


# --- 11: placeholder text ---------------------------------------------------------------------

# The fields each kind's scaffold leaves for a person to write.
SCAFFOLD_FIELDS = {
    "rilis": {"summary", "body"},
    "kutipan": {"summary", "body", "quote"},
    "kinerja": {"summary", "body", "source", "stats"},
    "agenda": {"summary", "body", "agenda"},
    "pengumuman": {"summary", "body", "place", "contact"},
    "hoaks": {"summary", "body", "claim", "fact", "source"},
    "aduan": {"summary", "body", "complaint", "action"},
    "potensi": {"summary", "body", "highlights"},
}


def test_every_kind_is_listed() -> None:
    assert set(SCAFFOLD_FIELDS) == set(kind_names())


@pytest.mark.parametrize("kind", sorted(SCAFFOLD_FIELDS))
def test_a_fresh_scaffold_warns_in_render_and_fails_check(workspace: Workspace, kind: str) -> None:
    path = new_release(f"Uji {kind}", folder=workspace.root / "rilis", unit="dinkominfo", kind=kind)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("# approved_by: Kepala Dinas", "approved_by: Kepala Dinas"))
    release = load_release(path)
    found = [n for n in release.notices if n.code == CODE]
    assert {n.field for n in found} == SCAFFOLD_FIELDS[kind]
    lines = text.splitlines()
    for notice in found:  # each at the line holding it
        assert notice.line is not None
        assert notice.field == "body" or lines[notice.line - 1].startswith(f"{notice.field}:")
    report = render([path], workspace.root / "out", images=False)
    warnings = report.results[0].manifest.warnings  # type: ignore[union-attr]
    assert {w.field for w in warnings if w.code == CODE} == SCAFFOLD_FIELDS[kind]
    assert not any(w.is_error for w in warnings)
    checked = check([path])
    errors = [f for f in checked.findings if f.is_error]
    assert not checked.ok and {f.code for f in errors} == {CODE}
    assert {f.field for f in errors} == SCAFFOLD_FIELDS[kind]


def test_every_sentence_of_the_scaffold_template_is_known() -> None:
    """A new "Tulis … di sini." in the template is a placeholder without editing the module."""
    template = (builtin_templates_dir() / "new" / "release.md.j2").read_text(encoding="utf-8")
    values = "\n".join(line for line in template.splitlines() if not line.startswith("#"))
    sentences = re.findall(r"Tulis [^.\n]*\.", values)  # not the comments' instructions
    assert len(sentences) >= 7
    for sentence in sentences:
        assert is_placeholder(sentence), sentence


def test_the_marker_catches_an_imported_image_alt(workspace: Workspace) -> None:
    workspace.photo()
    alt = mark("apa yang terlihat di foto")
    assert alt.startswith(MARKER)
    path = workspace.release(image="../foto/foto.jpg", image_alt=alt, **APPROVED)
    [found] = [n for n in load_release(path).notices if n.code == CODE]
    assert found.field == "image_alt"
    assert found.line == path.read_text().splitlines().index(f"image_alt: '{alt}'") + 1
    assert [f.code for f in check([path]).findings if f.is_error] == [CODE]


@pytest.mark.parametrize(
    "text",
    [
        "Jabatan Fungsional Baru Dilantik di Blora",
        "Nama kegiatan ini Gebyar Posyandu",
        "Warga menulis: tulis aduan Anda di sini bila perlu",
        "Contoh baik dari Desa Bangkleyan",
    ],
)
def test_own_words_that_resemble_the_scaffold_are_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tulis klaim yang beredar di sini.",
        "  tulis KLAIM yang beredar\n di sini ",
        "Tulis isi rilis di sini. Paragraf pertama adalah lead.",
        "Nama Lengkap",
        "[isi: nama pejabat]",
        "Kepala Dinas [ISI: jabatan]",
    ],
)
def test_scaffold_text_and_marked_text_are_placeholders(text: str) -> None:
    assert is_placeholder(text)


def test_the_scaffold_texts_are_normalised() -> None:
    for text in SCAFFOLD_TEXTS:
        assert text == text.casefold().strip() and not text.endswith(".")


def test_a_finished_release_has_no_placeholder(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    path = workspace.release(**FINISHED)
    assert check([path]).findings == []


# --- 12: approval -----------------------------------------------------------------------------


def _relaxed_brand(workspace: Workspace) -> None:
    kit = (builtin_brand_dir() / "brand.yaml").read_text(encoding="utf-8")
    assert "require_approval: true" in kit
    workspace(
        {"brand/brand.yaml": kit.replace("require_approval: true", "require_approval: false")}
    )


def test_the_brand_kits_approval_rule_warns_in_render_and_fails_check(
    workspace: Workspace,
) -> None:
    workspace.kit_without_examples()
    unapproved = workspace.release("rilis/2024-05-10-belum.md", unit=QUIET_UNIT)
    approved = workspace.release("rilis/2024-05-10-sudah.md", **FINISHED)
    report = render([workspace.root / "rilis"], workspace.root / "out", images=False)
    by_name = {r.source.name: r for r in report.results}
    assert report.ok  # a warning, not a failure
    warned = [w for w in by_name[unapproved.name].manifest.warnings if w.code == "not-approved"]  # type: ignore[union-attr]
    assert len(warned) == 1 and warned[0].field == "approved_by"
    assert "not-approved" not in _codes(by_name[approved.name].manifest.warnings)  # type: ignore[union-attr]
    checked = check([unapproved])
    assert not checked.ok and [f.code for f in checked.findings if f.is_error] == ["not-approved"]
    assert check([approved]).ok
    # One finding, not two, when the flag repeats what the brand kit says.
    assert _codes(check([unapproved], require_approval=True).findings) == ["not-approved"]


def test_without_the_brand_kits_rule_only_the_flag_requires_approval(
    workspace: Workspace,
) -> None:
    _relaxed_brand(workspace)
    path = workspace.release()
    report = render([path], workspace.root / "out", images=False)
    assert "not-approved" not in _codes(report.results[0].manifest.warnings)  # type: ignore[union-attr]
    assert check([path]).ok
    assert not check([path], require_approval=True).ok


# --- 13: blurry photos ------------------------------------------------------------------------


def test_a_small_photo_is_named_alike_by_render_check_manifest_and_preview(
    workspace: Workspace,
) -> None:
    workspace.kit_without_examples()
    workspace.photo("foto/kecil.jpg", size=(400, 300))
    path = workspace.release(image="../foto/kecil.jpg", image_alt="Warga di balai desa", **FINISHED)
    line = path.read_text().splitlines().index("image: ../foto/kecil.jpg") + 1
    [checked] = check([path], platforms=["instagram"]).findings
    assert checked.code == "photo-low-resolution"
    assert (checked.field, checked.line) == ("image", line)
    assert "foto/kecil.jpg is 400×300 pixels" in checked.message
    assert str(workspace.root) not in checked.message  # the workspace's own path, not /tmp/…
    result = preview([path], workspace.root / "out", platforms=["instagram"])
    [manifest] = [r.manifest for r in result.report.results]
    rendered = [w for w in manifest.warnings if w.code == "photo-low-resolution"]  # type: ignore[union-attr]
    assert [(w.message, w.field, w.line) for w in rendered] == [
        (checked.message, checked.field, checked.line)
    ]
    saved = json.loads((result.report.results[0].out_dir / "manifest.json").read_text())  # type: ignore[operator]
    assert checked.message in [w["message"] for w in saved["warnings"]]
    page = result.index.read_text(encoding="utf-8")
    assert "foto/kecil.jpg is 400×300 pixels" in page


def test_a_large_photo_is_not_called_blurry(workspace: Workspace) -> None:
    workspace.kit_without_examples()
    workspace.photo("foto/besar.jpg", size=(2400, 3000))
    path = workspace.release(image="../foto/besar.jpg", image_alt="Warga di balai desa", **FINISHED)
    assert check([path], platforms=["instagram"]).findings == []


# --- 14: new --unit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "first"), [("cepu", "kec-cepu"), ("Kecamatan Cepu", "kec-cepu"), ("jati", "kec-jati")]
)
def test_new_refuses_an_unknown_unit_with_render_s_suggestions(
    run_cli: RunCli, workspace: Workspace, given: str, first: str
) -> None:
    folder = workspace.root / "rilis"
    result = run_cli(
        "new", "Rapat", "--unit", given, "--dir", folder, "--date", "2024-05-10", lang="en"
    )
    assert result.exit_code == 2, result.output
    assert f"Unknown unit {given!r}" in result.stderr
    assert f"Did you mean {first}," in result.stderr
    assert not folder.exists() or not any(folder.iterdir())
    # render names the same units, in the same order, for a release with that unit
    path = workspace.release(unit=given, **APPROVED)
    [failed] = render([path], workspace.root / "out", images=False).results
    assert f"Did you mean {first}," in failed.message
    assert result.stderr.split("Did you mean ")[1].split("?")[0] in failed.message


def test_cepu_suggests_the_kecamatan_before_the_kelurahan(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("new", "Rapat", "--unit", "cepu", "--dir", tmp_path, lang="en")
    names = result.stderr.split("Did you mean ")[1].split("?")[0].split(", ")
    assert names.index("kec-cepu") < names.index("kel-cepu")


def test_new_accepts_a_key_or_a_code(run_cli: RunCli, tmp_path: Path) -> None:
    for unit in ("kec-cepu", "33.16.05", " dinkominfo "):
        result = run_cli("new", f"Rapat {unit}", "--unit", unit, "--dir", tmp_path)
        assert result.exit_code == 0, result.output


# --- 15: the umask ----------------------------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    saved = os.umask(0o022)
    os.umask(saved)
    yield os.umask
    os.umask(saved)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("mask", "folder", "file"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_output_honours_the_umask(
    workspace: Workspace, umask: Callable[[int], None], mask: int, folder: int, file: int
) -> None:
    path = workspace.release(**APPROVED)
    umask(mask)
    out = workspace.root / "out"
    report = render([path], out, images=False)
    assert report.ok
    written = list(out.rglob("*"))
    assert any(p.is_file() for p in written) and any(p.is_dir() for p in written)
    for entry in written:
        mode = stat.S_IMODE(entry.stat().st_mode)
        assert mode == (folder if entry.is_dir() else file), (entry, oct(mode))
    scaffold = new_release("Rapat Baru", folder=workspace.root / "rilis", unit="dinkominfo")
    assert stat.S_IMODE(scaffold.stat().st_mode) == file


# --- 16: the workspace's rilis/ and out/ ------------------------------------------------------


def test_without_src_the_workspace_s_releases_render_into_its_out(
    run_cli: RunCli, workspace: Workspace
) -> None:
    path = workspace.release(**APPROVED)
    (workspace.root / "rilis" / "sub").mkdir()
    for cwd in (workspace.root, workspace.root / "rilis", workspace.root / "rilis" / "sub"):
        result = run_cli("render", "--no-images", "--force", cwd=cwd)
        assert result.exit_code == 0, result.output
        assert (workspace.root / "out" / path.stem / "manifest.json").is_file()
        assert not (cwd / "out").exists() or cwd == workspace.root
    # a folder given explicitly still writes to the workspace's out/
    result = run_cli("render", ".", "--no-images", "--force", cwd=workspace.root / "rilis")
    assert result.exit_code == 0 and not (workspace.root / "rilis" / "out").exists()
    checked = run_cli("check", cwd=workspace.root / "rilis" / "sub", lang="en")
    assert checked.exit_code == 0 and "1 checked" in checked.stderr


def test_without_src_outside_a_workspace_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("render", cwd=tmp_path, lang="en")
    assert result.exit_code == 2
    assert "No press release was given" in result.stderr and "humaskit init" in result.stderr
    assert not (tmp_path / "out").exists()


def test_outside_a_workspace_out_stays_here(run_cli: RunCli, tmp_path: Path) -> None:
    loose = tmp_path / "lepas"
    Workspace(tmp_path / "ws").release(**APPROVED)
    (tmp_path / "ws" / "humaskit.toml").unlink()  # no longer a workspace
    loose.mkdir()
    result = run_cli("render", tmp_path / "ws" / "rilis", "--no-images", cwd=loose)
    assert result.exit_code == 0, result.output
    assert (loose / "out").is_dir()


# --- 17: --lang anywhere, compare's progress and summary --------------------------------------


@pytest.mark.parametrize(
    "where",
    [
        ["--lang", "en", "check", "SRC"],
        ["check", "--lang", "en", "SRC"],
        ["check", "SRC", "--lang", "en"],
        ["check", "SRC", "--lang=en"],
    ],
)
def test_lang_is_accepted_anywhere(run_cli: RunCli, workspace: Workspace, where: list[str]) -> None:
    workspace.kit_without_examples()
    path = workspace.release(**FINISHED)
    args = [str(path) if a == "SRC" else a for a in where]
    result = run_cli(*args, env={"HUMASKIT_LANG": "id"})
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == "1 checked: 0 errors, 0 warnings."


@pytest.mark.parametrize(
    "where", [["--lang", "fr", "units"], ["units", "--lang", "fr"], ["units", "--lang=xx"]]
)
def test_an_unknown_language_is_refused(run_cli: RunCli, where: list[str]) -> None:
    result = run_cli(*where)
    assert result.exit_code == 2
    wanted = where[-1].split("=")[-1] if "=" in where[-1] else where[where.index("--lang") + 1]
    assert repr(wanted) in result.stderr and "id, en" in result.stderr


def test_a_lang_after_double_dash_is_left_alone() -> None:
    from humaskit.cli.app import hoist_language

    assert hoist_language(["new", "x", "--lang", "en"]) == ["--lang", "en", "new", "x"]
    assert hoist_language(["new", "--", "--lang", "en"]) == ["new", "--", "--lang", "en"]
    assert hoist_language(["check", "--lang"]) == ["check", "--lang"]


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_compare_reports_progress_and_sums_up_by_folder(run_cli: RunCli, tmp_path: Path) -> None:
    same = {f"r{i}/x/caption.txt": "sama\n" for i in range(3)}
    base = _tree(tmp_path / "base", {**same, "r1/instagram/caption.txt": "a\n", "r2/a.txt": "a"})
    new = _tree(
        tmp_path / "new",
        {**same, "r1/instagram/caption.txt": "b\n", "r1/x/alt.txt": "baru", "r3/b.txt": "b"},
    )
    seen: list[int] = []
    pairs = []
    result = compare(base, new, on_start=seen.append, on_pair=pairs.append)
    assert seen == [len(result.pairs)] == [len(pairs)] == [7]
    assert [(f.folder, f.changed, f.added, f.missing) for f in result.by_folder()] == [
        ("r1", 1, 1, 0),
        ("r2", 0, 0, 1),
        ("r3", 0, 1, 0),
    ]
    shown = run_cli("compare", base, new, "--report", tmp_path / "rep", lang="en")
    assert shown.exit_code == 1
    lines = shown.stderr.strip().splitlines()
    assert lines[:3] == [
        "warning: r1: 1 changed (0 images), 1 added, 0 missing.",
        "warning: r2: 0 changed (0 images), 0 added, 1 missing.",
        "warning: r3: 0 changed (0 images), 1 added, 0 missing.",
    ]
    assert lines[3] == "7 compared: 1 changed, 2 added, 1 missing."
    assert not any("caption.txt" in line for line in lines)  # the files are in the report
