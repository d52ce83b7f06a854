"""studio in a real browser: the server started on 127.0.0.1 as ``humaskit studio`` starts it,
driven by Playwright in Debian's chromium (as the preview tests are).

Skipped without the browser unless ``HUMASKIT_BROWSER_TESTS=1`` (then a missing browser fails).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Workspace
from humaskit.model.release import load_release

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
HOSTILE = "</script><script>alert(1)</script>"
SLOW = 90_000  # ms: a card render on a loaded 2-core machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Studio:
    """A ``humaskit studio`` process over a workspace, on a free port."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "humaskit", "studio", str(root)]
        command += ["--port", str(self.port), "--no-browser"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        pytest.fail(
            f"the studio did not start: {self.process.stdout and self.process.stdout.read()}"
        )

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl-C
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


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
def studio(workspace: Workspace) -> Iterator[Studio]:
    workspace.release(platforms=["instagram", "x"])
    (workspace.root / "foto").mkdir(exist_ok=True)
    server = Studio(workspace.root)
    yield server
    assert server.stop() == 0, "Ctrl-C should stop the studio cleanly"


@pytest.fixture
def tab(browser: Any, studio: Studio) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=studio.url)
    page = context.new_page()
    page.set_default_timeout(SLOW)
    page.problems = []
    page.foreign = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on(
        "request",
        lambda r: r.url.startswith(studio.url) or page.foreign.append(r.url),
    )
    yield page
    context.close()


def until(page: Any, script: str, timeout: float = SLOW / 1000) -> Any:
    """Poll ``script`` (a JavaScript expression) until it is truthy; its value.

    Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the page,
    which the studio's Content-Security-Policy forbids; ``evaluate`` runs from outside.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value or time.monotonic() > deadline:
            assert value, f"still false after {timeout:.0f} s: {script}"
            return value
        time.sleep(0.2)


def _count(page: Any, platform: str) -> int:
    return int(
        page.locator(f'.caption[data-platform="{platform}"] .count').get_attribute("data-length")
    )


def test_create_edit_preview_save_render_copy(tab: Any, studio: Studio) -> None:
    tab.goto(studio.url + "/")
    tab.get_by_role("link", name="Rilis berita", exact=True).click()
    # nothing written yet: the form says what is missing
    tab.wait_for_selector("#find-body .finding, #find-title .finding")
    # the body with the toolbar: a bold word as typed
    tab.click("#body")
    tab.keyboard.type("Warga gotong royong membersihkan saluran air. ")
    tab.click('[data-md="bold"]')
    tab.keyboard.type("Seratus warga")
    tab.wait_for_selector("#find-title .finding")
    tab.fill("#f-title", "Kerja Bakti Warga Desa Bangkleyan")
    tab.wait_for_selector('.caption[data-platform="x"]', state="attached")
    assert "Seratus warga" in tab.locator("#captions").text_content()
    tab.fill("#f-date", "2024-07-01")
    # the unit picker: search by name, pick from the list
    tab.fill(".unit-search", "bangkleyan")
    tab.locator('[data-unit="desa-bangkleyan"]').click()
    assert tab.input_value("#f-unit") == "desa-bangkleyan"
    tab.fill("#f-platforms", "instagram\nx")
    until(tab, "document.querySelectorAll('#captions .caption').length === 2")
    before = _count(tab, "x")
    tab.click("#body")
    tab.keyboard.press("End")
    tab.keyboard.type(" ikut serta sejak pagi hari.")
    until(tab, "document.querySelector('#captions').textContent.includes('sejak pagi')")
    assert _count(tab, "x") != before
    # the images of the chosen platform follow
    tab.select_option("#platform", "x")
    until(
        tab,
        "Array.from(document.querySelectorAll('#images img'))"
        ".some(i => i.complete && i.naturalWidth > 0)",
    )
    shown = tab.locator("#images img").first.get_attribute("alt")
    assert "Kerja Bakti Warga Desa Bangkleyan" in shown
    # save: a new release goes to rilis/ and the editor reopens on it
    tab.click("#save")
    tab.wait_for_url("**/edit?path=rilis%2F2024-07-01-kerja-bakti-warga-desa-bangkleyan.md")
    saved = studio.root / "rilis" / "2024-07-01-kerja-bakti-warga-desa-bangkleyan.md"
    release = load_release(saved)
    assert release.unit == "desa-bangkleyan" and "**Seratus warga**" in release.body_markdown
    # render, then copy the X caption
    tab.click("#render")
    tab.wait_for_selector('#render-result [data-copy^="out-x"]', timeout=SLOW)
    tab.evaluate("navigator.clipboard.writeText('')")
    tab.click('#render-result [data-copy^="out-x"]')
    expected = (
        (studio.root / "out" / "2024-07-01-kerja-bakti-warga-desa-bangkleyan" / "x" / "caption.txt")
        .read_text(encoding="utf-8")
        .removesuffix("\n")
    )
    until(tab, "navigator.clipboard.readText().then(t => t.length > 0)")
    assert tab.evaluate("navigator.clipboard.readText()") == expected
    with tab.expect_download() as download:
        tab.locator('.rendered[data-platform="instagram"] a[download]').click()
    assert download.value.suggested_filename.endswith("-instagram.zip")
    assert tab.problems == [] and tab.foreign == []


def test_upload_a_photo_and_click_its_focus(tab: Any, studio: Studio, workspace: Workspace) -> None:
    photo = workspace.photo("upload/panen.jpg", size=(1200, 800))
    tab.goto(studio.url + "/edit?path=rilis%2F2024-05-10-rapat.md")
    tab.wait_for_selector(".caption", state="attached")
    tab.set_input_files('input[name="upload"]', str(photo))
    tab.wait_for_selector("#focus-photo")
    assert tab.input_value("#f-image") == "../foto/panen.jpg"
    until(tab, "document.querySelector('#focus-photo').naturalWidth > 0")
    tab.locator("#focus-photo").scroll_into_view_if_needed()
    box = tab.locator("#focus-photo").bounding_box()
    tab.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.75)
    assert tab.input_value("#f-image_focus") == "[0.25, 0.75]"
    tab.fill("#f-image_alt", "Petani memanen padi di sawah")
    tab.click("#save")
    tab.wait_for_selector("#save-status .message.ok")
    release = load_release(studio.root / "rilis" / "2024-05-10-rapat.md")
    assert release.image == (studio.root / "foto" / "panen.jpg").resolve()
    assert release.image_focus == (0.25, 0.75)
    assert tab.problems == []


def test_aduan_before_and_after_photos_have_their_own_focus(
    tab: Any, studio: Studio, workspace: Workspace
) -> None:
    before = workspace.photo("upload/sebelum.jpg", size=(1200, 800))
    after = workspace.photo("upload/sesudah.jpg", size=(1200, 800))
    tab.goto(studio.url + "/edit?kind=aduan")
    tab.wait_for_selector("#f-image_before", state="attached")
    tab.set_input_files('input[name="upload:image_before"]', str(before))
    tab.wait_for_selector("#focus-photo-image_before")
    tab.set_input_files('input[name="upload:image_after"]', str(after))
    tab.wait_for_selector("#focus-photo-image_after")
    assert tab.input_value("#f-image_before") == "../foto/sebelum.jpg"
    assert tab.input_value("#f-image_after") == "../foto/sesudah.jpg"
    for name, (x, y) in (("image_before", (0.5, 0.75)), ("image_after", (0.25, 0.5))):
        selector = f"#focus-photo-{name}"
        until(tab, f"document.querySelector('{selector}').naturalWidth > 0")
        tab.locator(selector).scroll_into_view_if_needed()
        box = tab.locator(selector).bounding_box()
        tab.mouse.click(box["x"] + box["width"] * x, box["y"] + box["height"] * y)
        assert tab.input_value(f"#f-{name}_focus") == f"[{x}, {y}]"
    assert tab.input_value("#f-image_before_focus") == "[0.5, 0.75]"
    assert tab.problems == []


def test_changing_the_kind_swaps_the_fields_without_a_reload(tab: Any, studio: Studio) -> None:
    tab.goto(studio.url + "/edit?kind=rilis")
    tab.wait_for_selector("#f-title")
    tab.evaluate("window.notReloaded = true")
    tab.fill("#f-title", "Jalan Berlubang Diperbaiki")
    tab.select_option("#f-kind", "aduan")
    tab.wait_for_selector("#f-complaint")
    assert tab.evaluate("window.notReloaded") is True
    assert tab.input_value("#f-title") == "Jalan Berlubang Diperbaiki"
    assert tab.locator('input[name="upload:image_before"]').count() == 1
    tab.select_option("#f-kind", "kinerja")
    tab.wait_for_selector("#f-stats")
    assert tab.locator("#f-complaint").count() == 0
    assert tab.problems == []


def test_the_breadcrumb_follows_a_kind_change(tab: Any, studio: Studio) -> None:
    tab.goto(studio.url + "/edit?kind=rilis")
    tab.wait_for_selector("#f-title")
    assert "Rilis berita" in tab.locator("#crumb").inner_text()
    tab.evaluate("window.notReloaded = true")
    tab.select_option("#f-kind", "aduan")
    tab.wait_for_selector("#f-complaint")
    until(tab, "document.querySelector('#crumb').textContent.includes('Tindak lanjut aduan')")
    assert "Rilis berita" not in tab.locator("#crumb").inner_text()
    assert tab.locator("#crumb").count() == 1 and tab.evaluate("window.notReloaded") is True
    assert tab.url.endswith("/edit?kind=aduan")  # a reload opens the kind chosen
    # a saved release: its path and its kind
    tab.goto(studio.url + "/edit?path=rilis%2F2024-05-10-rapat.md")
    tab.wait_for_selector(".caption", state="attached")
    tab.select_option("#f-kind", "pengumuman")
    tab.wait_for_selector("#f-contact")
    until(tab, "document.querySelector('#crumb').textContent.includes('Pengumuman')")
    assert "rilis/2024-05-10-rapat.md" in tab.locator("#crumb").inner_text()
    assert tab.url.endswith("/edit?path=rilis%2F2024-05-10-rapat.md")
    assert tab.problems == []


def test_two_tabs_never_lose_an_edit_silently(browser: Any, tab: Any, studio: Studio) -> None:
    address = studio.url + "/edit?path=rilis%2F2024-05-10-rapat.md"
    tab.goto(address)
    tab.wait_for_selector(".caption", state="attached")
    other = tab.context.new_page()
    other.set_default_timeout(SLOW)
    other.goto(address)
    other.wait_for_selector(".caption", state="attached")
    other.fill("#f-title", "Judul dari tab kedua")
    other.click("#save")
    other.wait_for_selector("#save-status .message.ok")
    saved = (studio.root / "rilis" / "2024-05-10-rapat.md").read_bytes()
    # the first tab is told as soon as it is used again …
    tab.fill("#f-location", "Cepu")
    tab.wait_for_selector("#disk-banner .message.warn")
    # … and its save does not replace the other tab's work without being asked to
    tab.click("#save")
    tab.wait_for_selector("#save-status .message.warn #save-anyway")
    assert (studio.root / "rilis" / "2024-05-10-rapat.md").read_bytes() == saved
    tab.click("#save-status #save-anyway")
    tab.wait_for_selector("#save-status .message.ok")
    release = load_release(studio.root / "rilis" / "2024-05-10-rapat.md")
    assert release.location == "Cepu" and release.title != "Judul dari tab kedua"
    # the refused save is answered 409, which the browser logs; nothing else went wrong
    assert [p for p in tab.problems if "409" not in p] == []


def test_a_hostile_title_does_nothing(tab: Any, studio: Studio) -> None:
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(studio.url + "/edit?path=rilis%2F2024-05-10-rapat.md")
    tab.wait_for_selector(".caption", state="attached")
    tab.fill("#f-title", HOSTILE)
    until(tab, "document.querySelector('#captions').textContent.includes('alert(1)')")
    tab.click("#save")
    tab.wait_for_selector("#save-status .message.ok")
    tab.goto(studio.url + "/")
    assert HOSTILE in tab.locator("table.releases").inner_text()
    tab.goto(studio.url + "/edit?path=rilis%2F2024-05-10-rapat.md")
    tab.wait_for_selector(".caption", state="attached")
    assert tab.input_value("#f-title") == HOSTILE
    assert HOSTILE in tab.title()
    assert dialogs == [] and tab.problems == []
    assert tab.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_requests_outside_the_workspace_are_refused(tab: Any, studio: Studio) -> None:
    (studio.root.parent / "rahasia.md").write_text("---\ntitle: RAHASIA\n---\nRAHASIA\n")
    tab.goto(studio.url + "/")
    for url in (
        "/file/..%2Frahasia.md",
        "/file/%2e%2e/rahasia.md",
        "/edit?path=..%2Frahasia.md",
        "/edit?path=%2Fetc%2Fpasswd",
    ):
        status, text = tab.evaluate(
            "u => fetch(u).then(r => r.text().then(t => [r.status, t]))", url
        )
        assert status in (400, 403, 404), url
        assert "RAHASIA" not in text and "root:" not in text
    status = tab.evaluate(
        """() => {
        const body = new FormData();
        body.append('path', '../rahasia.md'); body.append('f:title', 'X'); body.append('body', 'X');
        return fetch('/api/save', {method: 'POST', body, headers: {'HX-Request': 'true'}})
          .then(r => r.status);
        }"""
    )
    assert status in (400, 403, 409)
    assert "RAHASIA" in (studio.root.parent / "rahasia.md").read_text()


def test_import_a_docx(tab: Any, studio: Studio, tmp_path: Path) -> None:
    pytest.importorskip("humaskit.importer", reason="the import command is not merged yet")
    docx = pytest.importorskip("docx", reason="python-docx builds the test document")
    document = docx.Document()
    document.add_heading("Panen Raya Padi di Desa Bangkleyan", level=1)
    document.add_paragraph(
        "BLORA – Warga Desa Bangkleyan memanen padi bersama pada Jumat (10/5/2024)."
    )
    document.add_paragraph("Hasil panen tahun ini naik dibanding tahun lalu.")
    source = tmp_path / "laporan.docx"
    document.save(str(source))
    tab.goto(studio.url + "/")
    tab.set_input_files('input[name="document"]', str(source))
    tab.click('#import button[type="submit"]')
    tab.wait_for_url("**/edit?path=rilis%2F*")
    assert tab.input_value("#f-title") == "Panen Raya Padi di Desa Bangkleyan"
    tab.wait_for_selector(".caption", state="attached")
    assert "Hasil panen tahun ini naik" in tab.locator("#captions").text_content()


def test_add_a_figure_and_remove_one_then_save(tab: Any, studio: Studio) -> None:
    stats = [
        {"label": "Balita ditimbang", "value": 18750, "target": 20000, "unit": "balita"},
        {"label": "Posyandu aktif", "value": 30, "unit": "posyandu"},
    ]
    workspace = Workspace(studio.root)
    saved = workspace.release("rilis/2024-06-03-kinerja.md", kind="kinerja", stats=stats)
    tab.goto(studio.url + "/edit?path=rilis%2F2024-06-03-kinerja.md")
    tab.wait_for_selector('.caption[data-platform="x"]', state="attached")
    assert tab.input_value("#f-stats-0-label") == "Balita ditimbang"
    assert tab.input_value("#f-stats-1-value") == "30"
    tab.click('[data-add-row="stats"]')
    tab.wait_for_selector("#f-stats-2-label")
    assert tab.evaluate("document.activeElement.id") == "f-stats-2-label"
    tab.keyboard.type("Imunisasi dasar lengkap")
    tab.fill("#f-stats-2-value", "91.3")
    tab.fill("#f-stats-2-unit", "%")
    tab.fill("#f-stats-2-target", "95")
    until(tab, "document.querySelector('#captions').textContent.includes('Imunisasi dasar')")
    tab.click('[data-row="1"] [data-remove-row]')
    until(tab, "!document.querySelector('#captions').textContent.includes('Posyandu aktif')")
    tab.click("#save")
    tab.wait_for_selector("#save-status .message.ok")
    release = load_release(saved)
    assert [(s.label, s.value, s.unit, s.target) for s in release.stats] == [
        ("Balita ditimbang", 18750, "balita", 20000),
        ("Imunisasi dasar lengkap", 91.3, "%", 95),
    ]
    assert tab.problems == []


def test_add_an_agenda_item_and_edit_the_quote_then_save(tab: Any, studio: Studio) -> None:
    workspace = Workspace(studio.root)
    saved = workspace.release(
        "rilis/2024-05-14-agenda.md",
        kind="agenda",
        agenda=[
            {"date": "2024-05-21", "time": "09.00", "title": "Gelombang 1", "place": "Pendopo"}
        ],
        quote={"text": "Admin desa adalah wajah desa.", "by": "Arief Rohman"},
    )
    tab.goto(studio.url + "/edit?path=rilis%2F2024-05-14-agenda.md")
    tab.wait_for_selector(".caption", state="attached")
    tab.click('[data-add-row="agenda"]')
    tab.fill("#f-agenda-1-date", "2024-05-22")
    tab.fill("#f-agenda-1-time", "13.30")
    tab.fill("#f-agenda-1-title", "Gelombang 2: Cepu, Sambong")
    tab.fill("#f-agenda-1-place", "Aula Kecamatan Cepu")
    until(tab, "document.querySelector('#captions').textContent.includes('Gelombang 2')")
    tab.fill("#f-quote-0-text", "Admin desa adalah wajah desa di media sosial.")
    tab.fill("#f-quote-0-role", "Bupati Blora")
    tab.click("#save")
    tab.wait_for_selector("#save-status .message.ok")
    release = load_release(saved)
    assert [(a.date.isoformat(), a.time, a.title, a.place) for a in release.agenda] == [
        ("2024-05-21", "09.00", "Gelombang 1", "Pendopo"),
        ("2024-05-22", "13.30", "Gelombang 2: Cepu, Sambong", "Aula Kecamatan Cepu"),
    ]
    assert release.quote is not None
    assert (release.quote.text, release.quote.by, release.quote.role) == (
        "Admin desa adalah wajah desa di media sosial.",
        "Arief Rohman",
        "Bupati Blora",
    )
    assert tab.problems == []
