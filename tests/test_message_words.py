"""Issue 13, point 8: messages use words a person uses, name built-in files as built-in, give
advice about the release, and ``check`` and ``render`` say it the same way."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, CliResult
from humaskit import i18n
from humaskit.errors import Location, ReleaseError, shown_file
from humaskit.pipeline.fitwords import fitted_words
from humaskit.resources import builtin_brand_dir, builtin_templates_dir

RunCli = Callable[..., CliResult]
ADUAN = "rilis/2024-06-14-aduan-jalan-berlubang.md"
LONG_ACTION = (
    "action: Tim DPUPR Blora memeriksa lokasi dan menambal enam lubang dengan aspal di ruas "
    "sepanjang sekitar 200 meter, lalu memasang rambu peringatan, membersihkan saluran air di "
    "kedua sisi jalan, dan menjadwalkan pengaspalan ulang seluruh ruas pada bulan depan bersama "
    "warga desa setempat yang ikut bergotong royong."
)


@pytest.fixture
def language() -> Iterator[Callable[[str], None]]:
    previous = i18n._current
    yield i18n.set_language
    i18n._current = previous


def test_fitted_blocks_in_peoples_words(language: Callable[[str], None]) -> None:
    language("id")
    assert fitted_words(["hashtags", "agenda"], ["lead"]) == (
        "tagar dan jadwal tidak dimuat, ringkasan dipendekkan"
    )
    assert fitted_words(["handles", "hashtags", "info"]) == (
        "nama akun, tagar, dan rincian pengumuman tidak dimuat"
    )
    assert fitted_words(["releases", "handles"], ["titles"]) == (
        "sebagian rilis dalam daftar dan nama akun tidak dimuat, judul rilis dipendekkan"
    )
    language("en")
    assert fitted_words(["hashtags", "agenda"], ["lead"]) == (
        "hashtags and schedule left out, summary shortened"
    )


def test_an_extension_block_keeps_its_name(language: Callable[[str], None]) -> None:
    language("id")
    assert fitted_words(["peta_lokasi"]) == "peta_lokasi tidak dimuat"


def test_built_in_files_are_named_as_built_in(language: Callable[[str], None]) -> None:
    language("id")
    layout = builtin_templates_dir() / "layouts" / "aduan.yaml"
    assert str(Location(layout, "action", 3)) == "templat bawaan aduan:3 [action]"
    assert shown_file(builtin_brand_dir() / "units.yaml") == "berkas kit merek bawaan units.yaml"
    assert shown_file("rilis/a.md") == "rilis/a.md"
    error = ReleaseError("x", location=Location(layout))
    assert error.to_dict()["file"] == "templat bawaan aduan"


def _long_action_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    path = root / ADUAN
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^action: .*$", LONG_ACTION, text), encoding="utf-8")
    return root


def test_check_gives_advice_about_the_release(run_cli: RunCli, tmp_path: Path) -> None:
    root = _long_action_workspace(tmp_path)
    result = run_cli("check", root / ADUAN, env={"COLUMNS": "400"})
    text = result.stderr
    assert "templat bawaan aduan" in text
    assert "Persingkat 'action' di rilis Anda." in text
    assert "tagar tidak dimuat" in text
    for internal in ("site-packages", "_data", "hashtags", "left out", "dihilangkan"):
        assert internal not in text


@pytest.mark.slow
def test_render_says_it_as_check_does(run_cli: RunCli, tmp_path: Path) -> None:
    root = _long_action_workspace(tmp_path)
    checked = run_cli("check", root / ADUAN, env={"COLUMNS": "400"}).stderr
    rendered = run_cli("render", root / ADUAN, "--out", tmp_path / "out", env={"COLUMNS": "400"})
    assert rendered.exit_code == 0, rendered.output
    fitted = re.search(r"Caption x disesuaikan[^\n]*", checked)
    assert fitted is not None and fitted[0] in rendered.stderr
    cut = re.search(r"teks lapisan 'action' pada templat bawaan aduan[^\n]*", checked)
    assert cut is not None and cut[0] in rendered.stderr
    # "(dan 7 lainnya)" says which images the others are.
    also = re.search(r"instagram/feed\.jpg \(juga ([^)]*)\)", rendered.stderr)
    assert also is not None and "instagram/story.jpg" in also[1]
    manifest = (tmp_path / "out").rglob("manifest.json")
    for path in manifest:
        assert "site-packages" not in path.read_text(encoding="utf-8")
