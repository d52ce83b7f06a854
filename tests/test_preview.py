"""preview: the offline page, the specimens, and the page in a real headless Chromium.

The browser tests drive Debian's ``chromium`` (/usr/bin/chromium) through the Playwright Python
package. Without the browser they are skipped, unless ``HUMASKIT_BROWSER_TESTS=1`` (set by
.ci/run) says they must run: then a missing browser is a failure.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CliResult, Workspace
from humaskit.model.kinds import kind_names
from humaskit.model.release import load_release
from humaskit.tools.preview import preview, specimens_dir

RunCli = Callable[..., CliResult]
CHROMIUM = Path(os.environ.get("HUMASKIT_CHROMIUM", "/usr/bin/chromium"))
BROWSER_REQUIRED = os.environ.get("HUMASKIT_BROWSER_TESTS") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A caption that HTML and the clipboard must carry exactly: markup-like text, an ampersand,
# emoji with ZWJ and a flag, and a blank line.
TRICKY_SUMMARY = 'Warga <b>Cepu</b> & "Jepon" 👨‍👩‍👧 🇮🇩 ikut kerja bakti.'


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One preview of two releases by two units (one with a photo) for two platforms."""
    workspace = Workspace(tmp_path_factory.mktemp("preview") / "ws")
    workspace.photo("foto/kegiatan.jpg")
    workspace.release(
        "rilis/2024-05-10-rapat.md",
        image="../foto/kegiatan.jpg",
        image_alt="Peserta rapat duduk menghadap layar",
        summary=TRICKY_SUMMARY,
    )
    workspace.release(
        "rilis/2024-05-11-cepu.md",
        title="Kerja Bakti Kecamatan Cepu",
        unit="kec-cepu",
        date="2024-05-11",
    )
    out = workspace.root.parent / "out"
    result = preview([workspace.root / "rilis"], out, platforms=["instagram", "x"])
    assert result.ok, [r.message for r in result.report.results]
    return result.index


def _captions(index: Path) -> list[Path]:
    return sorted(index.parent.glob("*/*/caption.txt"))


# --- the page as HTML -------------------------------------------------------------------------


def test_the_page_shows_every_image_and_caption_of_the_output(gallery: Path) -> None:
    page = gallery.read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', page)
    images = sorted(gallery.parent.glob("*/*/*.jpg")) + sorted(gallery.parent.glob("*/*/*.png"))
    assert images and len(sources) == len(images)
    for src in sources:
        assert not re.match(r"[a-z]+:", src), src  # relative, so it works from file://
        assert (gallery.parent / html.unescape(src)).is_file()
    shown = re.findall(r'<pre class="caption-text" id="[^"]+">\n(.*?)</pre>', page, re.S)
    written = [c.read_text(encoding="utf-8").removesuffix("\n") for c in _captions(gallery)]
    assert len(written) == 4
    assert sorted(html.unescape(text) for text in shown) == sorted(written)


def test_user_text_is_escaped_not_markup(gallery: Path) -> None:
    page = gallery.read_text(encoding="utf-8")
    assert "<b>Cepu</b>" not in page
    assert "&lt;b&gt;Cepu&lt;/b&gt;" in page


def test_the_page_allows_no_network_request(gallery: Path) -> None:
    page = gallery.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)


def test_every_specimen_is_a_valid_release_and_every_kind_has_one(tmp_path: Path) -> None:
    from humaskit.tools.preview import write_specimen_workspace

    files = write_specimen_workspace(tmp_path / "ws")
    kinds = {load_release(f).kind for f in files}
    assert kinds == set(kind_names())
    assert not (specimens_dir() / "foto").exists()  # photos are painted at run time


@pytest.mark.slow  # paints the specimen photos twice
def test_specimen_photos_are_the_same_on_every_run(tmp_path: Path) -> None:
    from humaskit.tools.preview import write_specimen_workspace

    write_specimen_workspace(tmp_path / "a")
    write_specimen_workspace(tmp_path / "b")
    photos = sorted(p.name for p in (tmp_path / "a" / "foto").iterdir())
    assert photos
    for name in photos:
        assert (tmp_path / "a" / "foto" / name).read_bytes() == (
            tmp_path / "b" / "foto" / name
        ).read_bytes()


@pytest.mark.slow  # renders every specimen
def test_preview_without_src_renders_the_specimens(tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "out"
    result = run_cli("preview", "--out", out, "--platform", "x", "--json", "--jobs", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] and data["specimens"] and data["failed"] == 0
    assert data["rendered"] == len([p for p in specimens_dir().glob("*.md") if p.stem != "README"])
    page = (out / "index.html").read_text(encoding="utf-8")
    for kind in kind_names():
        assert f'data-kind="{kind}"' in page


def test_a_failing_release_is_listed_on_the_page_and_exits_1(
    workspace: Workspace, tmp_path: Path, run_cli: RunCli
) -> None:
    workspace.release("rilis/2024-05-10-baik.md")
    workspace.release("rilis/2024-05-11-rusak.md", unit="tidak-ada")
    out = tmp_path / "out"
    result = run_cli("preview", workspace.root / "rilis", "--out", out, "-p", "x")
    assert result.exit_code == 1
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "2024-05-11-rusak.md" in page and "Rilis yang gagal dirender" in page


# --- the page in headless Chromium ------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if BROWSER_REQUIRED:
            pytest.fail(message + "; HUMASKIT_BROWSER_TESTS=1 requires it")
        pytest.skip(message + "; set HUMASKIT_BROWSER_TESTS=1 to require it")
    if BROWSER_REQUIRED:
        from playwright.sync_api import sync_playwright
    else:
        sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
        sync_playwright = sync_api.sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, gallery: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.console_messages_seen = []
    tab.requests_seen = []
    tab.on("console", lambda m: tab.console_messages_seen.append((m.type, m.text)))
    tab.on("pageerror", lambda e: tab.console_messages_seen.append(("pageerror", str(e))))
    tab.on("request", lambda r: tab.requests_seen.append(r.url))
    tab.goto(gallery.as_uri(), wait_until="load")
    yield tab
    context.close()


def test_the_page_loads_without_errors_or_network(page: Any) -> None:
    assert [m for m in page.console_messages_seen if m[0] in ("error", "pageerror")] == []
    assert page.requests_seen, "the page and its images should have been requested"
    assert [u for u in page.requests_seen if not u.startswith("file://")] == []


def test_every_image_loads(page: Any) -> None:
    states = page.evaluate(
        "Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])"
    )
    assert states
    assert [s for s in states if not (s[1] and s[2] > 0)] == []
    alts = page.evaluate("Array.from(document.images).map(i => i.alt)")
    assert all(alts)
    assert page.get_by_text("Peserta rapat duduk menghadap layar").first.is_visible()


def test_the_copy_button_puts_the_exact_caption_on_the_clipboard(page: Any, gallery: Path) -> None:
    expected = {c.read_text(encoding="utf-8").removesuffix("\n") for c in _captions(gallery)}
    buttons = page.locator("button.copy")
    assert buttons.count() == len(expected)
    copied = set()
    for index in range(buttons.count()):
        page.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(index).click()
        page.wait_for_function(
            "b => b.textContent.startsWith('Tersalin')", arg=buttons.nth(index).element_handle()
        )
        copied.add(page.evaluate("navigator.clipboard.readText()"))
    assert copied == expected
    assert any(TRICKY_SUMMARY in text for text in copied)


def test_filters_hide_and_show_platforms_and_units(page: Any) -> None:
    def visible(selector: str) -> list[str]:
        return page.evaluate(
            "s => Array.from(document.querySelectorAll(s))"
            ".filter(e => e.offsetParent !== null).map(e => e.dataset.platform || e.dataset.unit)",
            selector,
        )

    assert sorted(set(visible(".platform"))) == ["instagram", "x"]
    page.select_option("#filter-platform", "x")
    assert set(visible(".platform")) == {"x"}
    page.select_option("#filter-unit", "kec-cepu")
    assert visible(".release") == ["kec-cepu"]
    assert page.locator("#shown").text_content() == "1 rilis ditampilkan"
    page.select_option("#filter-platform", "")
    page.select_option("#filter-unit", "")
    assert sorted(visible(".release")) == ["dinkominfo", "kec-cepu"]
    assert sorted(set(visible(".platform"))) == ["instagram", "x"]
