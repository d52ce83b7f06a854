"""Hostile inputs (issue 11, items 13-15): links, special files, names and values that lie.

One section per class of break: links leading out of a templates folder, a workspace or a
compared folder; names that could forge an output line; special files given or found; tables
taken for prose; control characters, repeated keys and broken links in YAML.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import CliResult, Workspace, frontmatter_text
from humaskit.cards.carousel import key_points
from humaskit.errors import BrandError, PathError, ReleaseError, TemplateError, UsageError
from humaskit.layout.loader import load_layout
from humaskit.model.body import parse_body
from humaskit.model.brand import BRAND_FILE, UNITS_FILE, Brand, load_brand
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release
from humaskit.pipeline.discovery import find_releases
from humaskit.resources import builtin_brand_dir, builtin_templates_dir
from humaskit.tools.compare import compare
from humaskit.yamlio import read_yaml

pytestmark = pytest.mark.usefixtures("english")

RunCli = Callable[..., CliResult]
SECRET = "RAHASIA-9b2d7e"  # planted outside the workspace


def _kit(folder: Path, brand: str | None = None, units: str | None = None) -> Brand:
    """A brand kit in ``folder``: the built-in one's YAML files, or the texts given."""
    folder.mkdir(parents=True)
    for name, text in ((BRAND_FILE, brand), (UNITS_FILE, units)):
        own = text if text is not None else (builtin_brand_dir() / name).read_text("utf-8")
        (folder / name).write_text(own, encoding="utf-8")
    return load_brand(folder)


BRAND_YAML = (builtin_brand_dir() / BRAND_FILE).read_text(encoding="utf-8")
UNITS_YAML = (builtin_brand_dir() / UNITS_FILE).read_text(encoding="utf-8")


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the workspace holding a secret, a photo and a caption template."""
    folder = tmp_path / "luar"
    folder.mkdir()
    (folder / "rahasia.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "instagram.j2").write_text("{% include 'rahasia.txt' %}\n", encoding="utf-8")
    Image.new("RGB", (40, 30), (200, 20, 20)).save(folder / "foto.png")
    return folder


# --- 13a: a templates folder's entries resolve inside it ------------------------------------


@pytest.mark.parametrize("entry", ["captions", "layouts"])
def test_a_linked_templates_subfolder_leading_outside_is_refused(
    workspace: Workspace, outside: Path, run_cli: RunCli, entry: str
) -> None:
    ws = workspace.root
    workspace.release(platforms=["instagram"])
    shutil.copy(builtin_templates_dir() / "layouts" / "rilis.yaml", outside / "rilis.yaml")
    (ws / "templates").mkdir()
    (ws / "templates" / entry).symlink_to(outside, target_is_directory=True)
    result = run_cli("render", "rilis", "--out", "out", "--jobs", "1", cwd=ws, lang="en")
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output
    assert f"templates/{entry} leads to" in result.output
    assert "outside the templates folder" in result.output
    assert "Traceback" not in result.output
    if (ws / "out").exists():
        assert SECRET.encode() not in _all_bytes(ws / "out")
        assert not list((ws / "out").rglob("caption.txt"))


def test_linked_template_files_leading_outside_are_refused(
    workspace: Workspace, outside: Path
) -> None:
    templates = workspace.root / "templates"
    (templates / "layouts").mkdir(parents=True)
    shutil.copy(builtin_templates_dir() / "platforms.yaml", outside / "platforms.yaml")
    (templates / "platforms.yaml").symlink_to(outside / "platforms.yaml")
    with pytest.raises(TemplateError, match=r"platforms\.yaml leads to"):
        load_platforms(templates)
    (templates / "platforms.yaml").unlink()
    shutil.copy(builtin_templates_dir() / "layouts" / "rilis.yaml", outside / "rilis.yaml")
    (templates / "layouts" / "rilis.yaml").symlink_to(outside / "rilis.yaml")
    from humaskit.layout.sets import available_layouts

    with pytest.raises(TemplateError, match=r"layouts/rilis.yaml leads to"):
        available_layouts(templates)


def test_a_link_inside_the_templates_folder_is_followed(
    workspace: Workspace, run_cli: RunCli
) -> None:
    ws = workspace.root
    workspace.release(platforms=["instagram"])
    workspace({"templates/milik-kami/instagram.j2": "Caption dari templat kami.\n"})
    (ws / "templates" / "captions").symlink_to("milik-kami", target_is_directory=True)
    result = run_cli(
        "render", "rilis", "--out", "out", "--no-images", "--jobs", "1", cwd=ws, lang="en"
    )
    assert result.exit_code == 0, result.output
    (caption,) = (ws / "out").rglob("instagram/caption.txt")
    assert caption.read_text(encoding="utf-8").startswith("Caption dari templat kami.")


# --- 13b, 15a: release files are ordinary files inside the workspace ------------------------


def test_a_release_linked_out_of_the_workspace_is_refused_in_a_folder_scan(
    workspace: Workspace, outside: Path, run_cli: RunCli
) -> None:
    ws = workspace.root
    workspace.release(platforms=["x"])
    (outside / "rilis-luar.md").write_text(
        frontmatter_text({"title": SECRET, "date": "2024-05-11", "unit": "dinkominfo"}, "Isi."),
        encoding="utf-8",
    )
    (ws / "rilis" / "2024-05-11-luar.md").symlink_to(outside / "rilis-luar.md")
    (ws / "rilis" / "2024-05-12-env.md").symlink_to("/proc/self/environ")
    result = run_cli(
        "render", "rilis", "--out", "out", "--no-images", "--jobs", "1", cwd=ws, lang="en"
    )
    assert result.exit_code == 1, result.output
    assert "1 rendered, 0 unchanged, 2 failed" in result.stderr
    for name in ("2024-05-11-luar.md", "2024-05-12-env.md"):
        assert re.search(rf"✗ rilis/{name}\n .*is a link to .*outside the workspace", result.stderr)
    assert SECRET not in result.output and SECRET.encode() not in _all_bytes(ws / "out")
    # the API refuses it the same way, and --allow-path admits the folder, as for photos
    with pytest.raises(PathError) as info:
        load_release(ws / "rilis" / "2024-05-11-luar.md")
    assert "--allow-path" in info.value.hint
    allowed = load_release(ws / "rilis" / "2024-05-11-luar.md", allow_paths=[outside])
    assert allowed.title == SECRET


def test_a_release_linked_inside_the_workspace_is_read(workspace: Workspace) -> None:
    real = workspace.release("arsip/2024-05-10-rapat.md")
    link = workspace.root / "rilis" / "2024-05-10-rapat.md"
    link.parent.mkdir()
    link.symlink_to(real)
    assert find_releases([workspace.root / "rilis"]) == [link]
    assert load_release(link).title == load_release(real).title


def _special_files(folder: Path) -> dict[str, Path]:
    """A FIFO, a link to /dev/zero and a folder, each named like a release."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "2024-05-20-fifo.md")
    (folder / "2024-05-21-nol.md").symlink_to("/dev/zero")
    (folder / "2024-05-22-folder.md").mkdir()
    (folder / "2024-05-23-putus.md").symlink_to(folder / "tidak-ada.md")
    return {
        "fifo": folder / "2024-05-20-fifo.md",
        "device": folder / "2024-05-21-nol.md",
        "folder": folder / "2024-05-22-folder.md",
        "dangling": folder / "2024-05-23-putus.md",
    }


def _humaskit(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """humaskit in a subprocess with a time-out: a FIFO opened for reading would block it."""
    return subprocess.run(
        [sys.executable, "-m", "humaskit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HUMASKIT_LANG": lang},
        check=False,
    )


def test_special_files_in_a_folder_are_never_opened(workspace: Workspace) -> None:
    ws = workspace.root
    workspace.release(approved_by="Kepala Dinkominfo")  # an error each without, in check
    special = _special_files(ws / "rilis")
    workspace.release(
        "rilis/2024-05-22-folder.md/2024-05-24-di-dalam.md", approved_by="Kepala Dinkominfo"
    )
    result = _humaskit("check", "rilis", cwd=ws)  # would block on the FIFO, or read /dev/zero
    assert result.returncode == 1, result.stderr
    assert "5 checked: 3 errors" in result.stderr
    assert "2024-05-20-fifo.md is not a regular file (it is a named pipe (FIFO))" in result.stderr
    assert "2024-05-21-nol.md is not a regular file (it is a device)" in result.stderr
    assert "2024-05-23-putus.md is a link to" in result.stderr
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    # a folder named like a release is a folder: the release in it is found
    assert special["folder"] not in find_releases([ws / "rilis"])
    assert special["folder"] / "2024-05-24-di-dalam.md" in find_releases([ws / "rilis"])


@pytest.mark.parametrize(
    ("what", "in_english", "in_indonesian"),
    [
        ("fifo", "is not a regular file (it is a named pipe (FIFO))", "bukan berkas biasa"),
        ("device", "is not a regular file (it is a device)", "bukan berkas biasa"),
        ("dangling", "is a link to", "tidak ada"),
    ],
)
def test_a_special_file_given_by_name_is_said_to_be_what_it_is(
    workspace: Workspace, what: str, in_english: str, in_indonesian: str
) -> None:
    path = _special_files(workspace.root / "rilis")[what]
    rel = path.relative_to(workspace.root).as_posix()
    for lang, words in (("en", in_english), ("id", in_indonesian)):
        result = _humaskit("render", rel, "--out", "out", cwd=workspace.root, lang=lang)
        assert result.returncode == 2, result.stderr
        assert words in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(UsageError, match=re.escape(in_english)):
        load_release(path)


def test_a_folder_given_to_load_release_is_said_to_be_a_folder(workspace: Workspace) -> None:
    folder = _special_files(workspace.root / "rilis")["folder"]
    with pytest.raises(UsageError, match="is a folder, not a press release file"):
        load_release(folder)


# --- 13c: compare stays inside the compared folders -----------------------------------------


def test_compare_skips_links_out_of_the_compared_folders(
    tmp_path: Path, outside: Path, run_cli: RunCli
) -> None:
    base, new = tmp_path / "base", tmp_path / "new"
    for folder in (base, new):
        (folder / "rilis" / "x").mkdir(parents=True)
        (folder / "rilis" / "x" / "caption.txt").write_text("Sama.\n", encoding="utf-8")
    (new / "rilis" / "x" / "bocor.txt").symlink_to(outside / "rahasia.txt")
    (new / "rilis" / "x" / "foto.png").symlink_to(outside / "foto.png")
    (new / "rilis" / "luar").symlink_to(outside, target_is_directory=True)
    (new / "rilis" / "x" / "sama.txt").symlink_to("caption.txt")  # inside: compared
    os.mkfifo(new / "rilis" / "x" / "pipa.png")  # reading it would block the comparison
    (base / "rilis" / "x" / "sama.txt").write_text("Sama.\n", encoding="utf-8")
    report = tmp_path / "laporan"
    result = compare(base, new, report_dir=report)
    assert result.ok
    assert {(s.folder, s.path, s.reason) for s in result.skipped} == {
        ("new", "rilis/x/bocor.txt", "link-outside"),
        ("new", "rilis/x/foto.png", "link-outside"),
        ("new", "rilis/luar", "link-outside"),
        ("new", "rilis/x/pipa.png", "not-a-file"),
    }
    assert [p.path for p in result.pairs] == ["rilis/x/caption.txt", "rilis/x/sama.txt"]
    page = (report / "index.html").read_text(encoding="utf-8")
    assert SECRET not in page and "rilis/x/bocor.txt" in page and "Dilewati" in page
    assert not list(report.rglob("foto.png")) and "bukan berkas biasa" in page
    shown = run_cli("compare", str(base), str(new), "--report", str(report), lang="en")
    assert shown.exit_code == 0, shown.output
    assert "new/rilis/x/foto.png: skipped: a link leading out of the compared folder" in (
        shown.stderr
    )
    as_json = run_cli("compare", str(base), str(new), "--report", str(report), "--json", lang="en")
    assert len(json.loads(as_json.stdout)["skipped"]) == 4


# --- 14: a name cannot forge an output line ---------------------------------------------------

FORGED = "x\n✓ rilis/palsu.md → out/palsu\n✗ rilis/lain.md"


def test_a_line_break_in_a_release_name_cannot_forge_an_output_line(
    workspace: Workspace, run_cli: RunCli
) -> None:
    ws = workspace.root
    workspace.release(f"rilis/2024-05-10-{FORGED}.md", platforms=["x"])
    workspace.release(f"rilis/2024-05-11-{FORGED}-rusak.md", omit=("unit",))
    workspace(
        {
            f"rilis/2024-05-12-{FORGED}-kunci.md": frontmatter_text(
                {"title": "Rapat", "date": "2024-05-12", "unit": "dinkominfo", "x\n✓ tipuan": 1},
                "Isi.",
            )
        }
    )
    for args in (
        ("render", "rilis", "--out", "out", "--no-images", "--jobs", "1"),
        ("check", "rilis"),
        ("render", f"rilis/{FORGED}-tidak-ada.md"),
    ):
        result = run_cli(*args, cwd=ws, lang="en")
        assert result.exception is None
        lines = result.output.splitlines()
        assert not any(
            line.startswith(("✓ rilis/palsu", "✗ rilis/lain", "✓ tipuan")) for line in lines
        )
        assert "\\x0a✓ rilis/palsu.md" in result.output
    data = json.loads(
        run_cli("render", "rilis", "--out", "out", "--json", cwd=ws, lang="en").stdout
    )
    assert any(FORGED in r["source"] for r in data["releases"])


# --- 15b: a table is not prose ---------------------------------------------------------------

TABLE_BODY = """\
Dinkes Blora mencatat kunjungan posyandu selama semester pertama.

| Bulan | Balita |
|---|---|
| Januari | 40 |
| Februari | **52** |

Kader akan menambah jadwal layanan di desa terpencil.
"""


def test_a_table_is_neither_a_key_point_nor_the_summary() -> None:
    body = parse_body(TABLE_BODY)
    assert [b.kind for b in body.blocks] == ["paragraph", "row", "row", "row", "paragraph"]
    points = key_points(body)
    assert points == (
        "Dinkes Blora mencatat kunjungan posyandu selama semester pertama.",
        "Kader akan menambah jadwal layanan di desa terpencil.",
    )
    assert not any("|" in p for p in points)
    assert parse_body(TABLE_BODY.split("\n\n", 1)[1]).first_paragraph().startswith("Kader")
    assert "Bulan · Balita\nJanuari · 40\nFebruari · 52" in body.to_text()
    assert "|" not in body.to_text()


def test_a_release_with_a_table_puts_no_pipes_on_its_cards_or_captions(
    workspace: Workspace, run_cli: RunCli
) -> None:
    workspace.release(body=TABLE_BODY, platforms=["instagram"])
    result = run_cli(
        "render",
        "rilis",
        "--out",
        "out",
        "--no-images",
        "--jobs",
        "1",
        cwd=workspace.root,
        lang="en",
    )
    assert result.exit_code == 0, result.output
    (caption,) = (workspace.root / "out").rglob("caption.txt")
    assert "|" not in caption.read_text(encoding="utf-8")


# --- 15c: control characters in YAML values are refused -------------------------------------


@pytest.mark.parametrize(
    ("line", "field", "code"),
    [
        ('title: "Rapat\\0Koordinasi"', "title", "U+0000"),
        ('title: "Rapat \\e[2J Koordinasi"', "title", "U+001B"),
        ('location: "Blora\\x07"', "location", "U+0007"),
        ('quote: {text: "Kata \\x9b", by: Bupati}', "quote.text", "U+009B"),
        ('tags: [ok, "ta\\rg"]', "tags[1]", "U+000D"),
    ],
)
def test_a_control_character_in_a_frontmatter_value_is_refused(
    workspace: Workspace, line: str, field: str, code: str
) -> None:
    head = "---\ntitle: Rapat\ndate: 2024-05-10\nunit: dinkominfo\n"
    if line.startswith("title:"):
        head = head.replace("title: Rapat\n", "")
    workspace({"rilis/r.md": head + line + "\n---\nIsi.\n"})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis" / "r.md")
    assert code in info.value.message and info.value.location.field == field
    assert info.value.location.line == (head + line).count("\n") + 1


def test_tab_and_line_feed_stay_allowed(workspace: Workspace) -> None:
    path = workspace.release(title="Rapat\tKoordinasi", summary="Baris satu\nbaris dua")
    assert load_release(path).title == "Rapat\tKoordinasi"


def test_a_raw_control_character_in_the_body_is_refused_with_its_line(
    workspace: Workspace,
) -> None:
    path = workspace.release(body="Paragraf satu.\n\nIsi \x1b[31mmerah\x1b[0m.\n")
    with pytest.raises(ReleaseError, match="U\\+001B") as info:
        load_release(path)
    assert (
        info.value.location.line
        == path.read_text().splitlines().index("Isi \x1b[31mmerah\x1b[0m.") + 1
    )


def test_control_characters_in_brand_and_layout_yaml_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BrandError, match="U\\+001B") as info:
        _kit(
            tmp_path / "kit",
            brand=BRAND_YAML.replace("\nname: Pemerintah Kabupaten Blora", '\nname: "Pemkab\\e"'),
        )
    line = BRAND_YAML.splitlines().index("name: Pemerintah Kabupaten Blora") + 1
    assert info.value.location.field == "name" and info.value.location.line == line
    layout = builtin_templates_dir() / "layouts" / "rilis.yaml"
    bad = tmp_path / "rilis.yaml"
    bad.write_text(
        layout.read_text(encoding="utf-8").replace('"{{ title }}"', '"\\0{{ title }}"'),
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="U\\+0000"):
        load_layout(bad)


# --- 15d: a key written twice is an error naming both lines --------------------------------


def test_a_key_written_twice_in_a_release_names_both_lines(
    workspace: Workspace, run_cli: RunCli
) -> None:
    workspace(
        {"rilis/r.md": "---\ntitle: A\ndate: 2024-05-10\nunit: dinkominfo\ntitle: B\n---\nIsi.\n"}
    )
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis" / "r.md")
    assert info.value.message == "The key 'title' is written twice, on line 2 and on line 5."
    assert (info.value.location.field, info.value.location.line) == ("title", 5)
    result = run_cli("check", "rilis", cwd=workspace.root, lang="id")
    assert "Kunci 'title' ditulis dua kali, baris 2 dan 5." in result.stderr


def test_a_nested_key_written_twice_is_refused(workspace: Workspace) -> None:
    head = "---\ntitle: A\ndate: 2024-05-10\nunit: dinkominfo\n"
    workspace({"rilis/r.md": head + "quote:\n  text: Satu\n  by: X\n  text: Dua\n---\nIsi.\n"})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis" / "r.md")
    assert (info.value.location.field, info.value.location.line) == ("quote.text", 8)
    assert "line 6 and on line 8" in info.value.message


def test_keys_written_twice_in_brand_units_layout_and_platform_files_are_refused(
    tmp_path: Path,
) -> None:
    with pytest.raises(BrandError, match="'short_name' is written twice"):
        _kit(tmp_path / "a", brand=BRAND_YAML + "short_name: Lagi\n")
    units = UNITS_YAML.replace(
        "    short_name: Pemkab Blora\n", "    short_name: A\n    name: B\n", 1
    )
    with pytest.raises(BrandError, match="'name' is written twice"):
        _kit(tmp_path / "b", units=units)
    layout = (builtin_templates_dir() / "layouts" / "rilis.yaml").read_text(encoding="utf-8")
    (tmp_path / "rilis.yaml").write_text(layout + "\nlayers: []\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="'layers' is written twice"):
        load_layout(tmp_path / "rilis.yaml")
    rules = (builtin_templates_dir() / "platforms.yaml").read_text(encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "platforms.yaml").write_text(
        rules.replace("\nx:\n", "\nx:\n  name: X\n", 1), encoding="utf-8"
    )
    with pytest.raises(Exception, match="'name' is written twice"):
        load_platforms(tmp_path / "templates")


def test_read_yaml_names_the_first_repeat() -> None:
    with pytest.raises(Exception, match="'b' is written twice, on line 2 and on line 4"):
        read_yaml("a: 1\nb: 2\nc: 3\nb: 4\na: 5\n", "a.yaml")
    with pytest.raises(Exception, match=r"a.yaml:3 \[c.d\]: The key 'd' is written twice"):
        read_yaml("a: 1\nb: 2\nc: {d: 1, d: 2}\nb: 3\n", "a.yaml")


# --- 15e: a link is a web address --------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "https://  x y z",
        "https://contoh.go.id/berita 123",
        "https://",
        "https:///berita",
        "ftp://contoh.go.id",
        "javascript:alert(1)",
        "https://-contoh.go.id",
        "https://contoh.go.id:99999/",
        "https://contoh..go.id",
    ],
)
def test_a_link_that_is_no_web_address_is_refused(workspace: Workspace, link: str) -> None:
    path = workspace.release(link=link)
    with pytest.raises(ReleaseError, match="is not a web address") as info:
        load_release(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert info.value.location.field == "link"
    assert info.value.location.line == next(
        n for n, line in enumerate(lines, 1) if line.startswith("link:")
    )


@pytest.mark.parametrize(
    "link",
    [
        "https://contoh.blorakab.go.id/berita/2024/05/studi-tiru",
        "http://blorakab.go.id",
        "https://contoh.go.id:8443/a?b=1&c=d#e",
        "HTTPS://BLORAKAB.GO.ID/",
        "https://[2001:db8::1]/x",
        "https://blora.desa.id/",
    ],
)
def test_a_web_address_is_accepted(workspace: Workspace, link: str) -> None:
    assert load_release(workspace.release(link=link)).link == link
