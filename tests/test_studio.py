"""studio: the editor's text model, and the web application through Starlette's test client.

The browser tests (the real server driven by Chromium) are in ``test_studio_browser.py``.
"""

from __future__ import annotations

import io
import re
import shutil
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette 1.x suggests httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from conftest import EXAMPLES, Workspace
from humaskit import i18n
from humaskit.model.release import load_release
from humaskit.studio import create_app
from humaskit.studio.document import read_document
from humaskit.studio.editor import FIELD_PREFIX, Editor, new_editor, open_editor
from humaskit.tools.preview import specimens_dir

HOSTILE = "</script><script>alert(1)</script>"
ORIGIN = "http://127.0.0.1:8765"


def form_of(workspace: Path, relative: str) -> dict[str, str]:
    """The form the editor page shows for ``relative``, as the browser would post it."""
    raw = (workspace / relative).read_bytes()
    editor = open_editor(workspace, relative, raw)
    form = {"path": relative, "token": editor.document.token, "kind": editor.kind}
    form["body"] = editor.document.body
    form.update({FIELD_PREFIX + f.name: f.value for f in editor.fields})
    return form


@pytest.fixture
def studio(workspace: Workspace) -> Iterator[TestClient]:
    workspace.release()
    with TestClient(
        create_app(workspace.root), base_url=ORIGIN, headers={"HX-Request": "true"}
    ) as client:
        yield client


RELEASE = "rilis/2024-05-10-rapat.md"


def _in_english(studio: TestClient, path: str, params: dict[str, str] | None = None) -> str:
    """The page at ``path`` as it reads with English chosen (``--lang en``)."""
    i18n.set_language("en")
    try:
        return studio.get(path, params=params).text
    finally:
        i18n.set_language(None)


# --- the text model ---------------------------------------------------------------------------


def _hand_written() -> list[Path]:
    found = sorted((EXAMPLES / "rilis").glob("*.md"))
    found += [p for p in sorted(specimens_dir().glob("*.md")) if p.name.lower() != "readme.md"]
    return found


def page_form(editor: Editor) -> dict[str, str]:
    """The fields as the editor page posts them: a field of rows as one input per part."""
    form = {}
    for f in editor.fields:
        if f.widget in ("rows", "record"):
            form[FIELD_PREFIX + f.name] = ""
            for index, cells in f.shown_rows():
                for part, _label, _help, value, _example in cells:
                    form[f"{FIELD_PREFIX}{f.name}.{index}.{part}"] = value
        else:
            form[FIELD_PREFIX + f.name] = f.value
    return form


@pytest.mark.parametrize("path", _hand_written(), ids=lambda p: p.name)
def test_a_release_opened_and_saved_unchanged_is_byte_identical(path: Path) -> None:
    raw = path.read_bytes()
    for variant in (raw, raw.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + raw):
        editor = open_editor(path.parent.parent, f"rilis/{path.name}", variant)
        form = {FIELD_PREFIX + f.name: f.value for f in editor.fields}
        assert editor.to_bytes({**form, "body": editor.document.body}) == variant
        assert editor.to_bytes({**page_form(editor), "body": editor.document.body}) == variant


def test_figures_agenda_and_quote_are_edited_as_rows() -> None:
    shown = {}
    for name in ("2024-05-14-agenda-pelatihan-admin-desa.md", "2024-05-10-studi-tiru-medsos.md"):
        editor = open_editor(EXAMPLES, "rilis/" + name, (EXAMPLES / "rilis" / name).read_bytes())
        shown.update({f.name: f for f in editor.fields})
    assert shown["agenda"].widget == "rows" and len(shown["agenda"].rows) == 4
    assert shown["agenda"].rows[0][:2] == ("2024-05-21", "09.00")
    assert shown["quote"].widget == "record" and shown["quote"].rows[0][1] == "Arief Rohman"
    kinerja = open_editor(
        EXAMPLES, "rilis/x.md", b"---\nkind: kinerja\nstats: ../data/x.csv\n---\n"
    )
    assert next(f for f in kinerja.fields if f.name == "stats").widget == "text"  # a CSV path
    odd = b"---\nkind: kinerja\nstats:\n  - {label: A, value: 1, note: x}\n---\n"
    kinerja = open_editor(EXAMPLES, "rilis/x.md", odd)  # a key rows would lose: kept as YAML
    assert next(f for f in kinerja.fields if f.name == "stats").widget == "yaml"


def test_the_parts_of_rows_are_labelled_in_both_languages(studio: TestClient) -> None:
    page = studio.get("/edit", params={"kind": "kinerja"}).text
    assert '<label for="f-stats-0-label">Yang dihitung</label>' in page
    assert '<label for="f-stats-0-unit">Satuan</label>' in page
    assert "<b>Angka</b>: Angka tanpa pemisah ribuan" in page and ">+ Tambah angka</button>" in page
    assert 'placeholder="Contoh jumlah layanan"' in page and 'value="Contoh' not in page
    english = _in_english(studio, "/edit", {"kind": "agenda"})
    assert '<label for="f-agenda-0-title">Activity</label>' in english
    assert '<label for="f-agenda-0-time">Time</label>' in english
    assert "<b>Time</b>: e.g. 09.00" in english and ">+ Add an activity</button>" in english


def test_rows_added_removed_and_edited_are_saved_as_the_cli_reads_them(
    workspace: Workspace,
) -> None:
    stats = [
        {"label": "Balita ditimbang", "value": 18750, "target": 20000, "unit": "balita"},
        {"label": "Posyandu aktif", "value": 30},
    ]
    agenda = [{"date": "2024-05-21", "time": "09.00", "title": "Rapat", "place": "Pendopo"}]
    quote = {"text": "Kerja nyata.", "by": "Arief Rohman", "role": "Bupati Blora"}
    path = workspace.release(kind="kinerja", stats=stats, agenda=agenda, quote=quote)
    editor = open_editor(workspace.root, RELEASE, path.read_bytes())
    form = page_form(editor)
    del form["f:stats.1.label"], form["f:stats.1.value"], form["f:stats.1.unit"]
    del form["f:stats.1.target"]  # the second figure removed …
    form.update({"f:stats.7.label": "Imunisasi: dasar", "f:stats.7.value": "91.3"})
    form.update({"f:stats.7.unit": "%", "f:stats.7.target": "95"})  # … and one added
    form.update({"f:agenda.3.date": "2024-05-22", "f:agenda.3.time": "13.30"})
    form.update({"f:agenda.3.title": "Pelatihan, gelombang 2", "f:agenda.3.place": ""})
    form.update({"f:quote.0.text": 'Kerja nyata, "bukan" janji.\nDua baris.'})
    form.update({"f:quote.0.role": ""})
    data = editor.to_bytes({**form, "body": editor.document.body})
    path.write_bytes(data)
    assert ".0." not in data.decode("utf-8") and "stats.7" not in data.decode("utf-8")
    release = load_release(path)
    assert [(s.label, s.value, s.unit, s.target) for s in release.stats] == [
        ("Balita ditimbang", 18750, "balita", 20000),
        ("Imunisasi: dasar", 91.3, "%", 95),
    ]
    assert [(a.date.isoformat(), a.time, a.title, a.place) for a in release.agenda] == [
        ("2024-05-21", "09.00", "Rapat", "Pendopo"),
        ("2024-05-22", "13.30", "Pelatihan, gelombang 2", None),
    ]
    assert release.quote is not None
    assert (release.quote.text, release.quote.by, release.quote.role) == (
        'Kerja nyata, "bukan" janji.\nDua baris.',
        "Arief Rohman",
        None,
    )
    # what was typed in a row is text on the page, never markup
    form["f:stats.7.label"] = HOSTILE
    path.write_bytes(editor.to_bytes({**form, "body": editor.document.body}))
    studio = TestClient(create_app(workspace.root), base_url=ORIGIN)
    page = studio.get("/edit", params={"path": RELEASE}).text
    assert HOSTILE not in page and 'value="&lt;/script&gt;&lt;script&gt;alert(1)' in page
    path.write_bytes(data)
    # every row removed: the field is commented out, as an emptied field is
    reopened = open_editor(workspace.root, RELEASE, data)
    emptied = {k: v for k, v in page_form(reopened).items() if not k.startswith("f:agenda.")}
    after = reopened.to_bytes({**emptied, "body": reopened.document.body}).decode("utf-8")
    assert "\n# agenda:\n#   - {date: 2024-05-21" in after and "\nagenda:" not in after


def test_changing_one_field_changes_only_its_line() -> None:
    path = EXAMPLES / "rilis" / "2024-06-03-kinerja-posyandu.md"
    raw = path.read_bytes()
    editor = open_editor(EXAMPLES, "rilis/" + path.name, raw)
    form = {FIELD_PREFIX + f.name: f.value for f in editor.fields}
    form[FIELD_PREFIX + "title"] = "Capaian Posyandu: Jepon Naik"
    after = editor.to_bytes({**form, "body": editor.document.body}).decode("utf-8")
    before = raw.decode("utf-8")
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert changed == [(changed[0][0], "title: 'Capaian Posyandu: Jepon Naik'")]
    assert changed[0][0].startswith("title:")


def test_emptied_fields_are_commented_out_and_new_ones_read_back(workspace: Workspace) -> None:
    path = workspace.release(location="Cepu", tags=["Blora"])
    editor = open_editor(workspace.root, RELEASE, path.read_bytes())
    form = {FIELD_PREFIX + f.name: f.value for f in editor.fields}
    form.update(
        {
            FIELD_PREFIX + "location": "",
            FIELD_PREFIX + "tags": "Blora\nDesa Wisata, Jati",
            FIELD_PREFIX + "summary": "Baris satu.\nBaris dua: dengan titik dua.",
            FIELD_PREFIX + "image_focus": "0.25, 0.8",
            FIELD_PREFIX + "approved_by": "Kepala Dinas",
        }
    )
    data = editor.to_bytes({**form, "body": editor.document.body})
    path.write_bytes(data)
    text = data.decode("utf-8")
    assert "# location: Cepu" in text
    release = load_release(path)
    assert release.location is None
    assert list(release.tags) == ["Blora", "Desa Wisata, Jati"]
    assert release.summary == "Baris satu.\nBaris dua: dengan titik dua."
    assert release.image_focus == (0.25, 0.8)
    assert release.approved_by == "Kepala Dinas"


def test_a_new_release_form_shows_the_help_texts_of_humaskit_new(workspace: Workspace) -> None:
    editor = new_editor(workspace.root, "hoaks")
    names = [f.name for f in editor.fields]
    assert {"title", "date", "unit", "claim", "fact"} <= set(names)
    claim = next(f for f in editor.fields if f.name == "claim")
    assert "Klaim palsu yang beredar (wajib)" in claim.help
    assert claim.example == "Tulis klaim yang beredar di sini." and claim.value == ""


def test_a_file_that_is_not_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(Exception, match="UTF-8") as caught:
        read_document(b"---\ntitle: a\n---\n\xff\n", Path("x.md"))
    assert caught.value.location.line == 4  # type: ignore[attr-defined]


# --- the application --------------------------------------------------------------------------


def test_every_answer_forbids_the_network(studio: TestClient) -> None:
    answer = studio.get("/")
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http" not in csp and "'unsafe-inline'" not in csp
    assert not re.search(r'(src|href)="(https?:)?//', answer.text)


def test_the_list_shows_each_release_with_its_status(studio: TestClient) -> None:
    page = studio.get("/").text
    assert RELEASE in page and "Pemkab Blora Gelar Rapat" in page and "Draf" in page


def test_live_preview_shows_each_caption_with_its_count(studio: TestClient) -> None:
    form = form_of(Path(studio.app.state.workspace), RELEASE)
    form["f:title"] = "Kerja Bakti Warga Cepu"
    answer = studio.post("/api/preview", data=form)
    assert answer.status_code == 200
    assert "Kerja Bakti Warga Cepu" in answer.text
    counts = re.findall(r'data-length="(\d+)">[\d.]+ / ([\d.]+)', answer.text)
    assert counts and all(int(n) <= int(limit.replace(".", "")) for n, limit in counts)


def test_a_finding_is_shown_beside_its_field(studio: TestClient) -> None:
    form = form_of(Path(studio.app.state.workspace), RELEASE)
    form["f:unit"] = "tidak-ada-unit"
    answer = studio.post("/api/preview", data=form).text
    beside = re.search(r'id="find-unit" hx-swap-oob="true">(.*?)</div>\n', answer, re.S)
    assert beside is not None and "tidak-ada-unit" in beside[1]


def test_saving_unchanged_writes_nothing_and_an_edit_is_saved(studio: TestClient) -> None:
    root = Path(studio.app.state.workspace)
    before = (root / RELEASE).read_bytes()
    form = form_of(root, RELEASE)
    assert studio.post("/api/save", data=form).status_code == 200
    assert (root / RELEASE).read_bytes() == before
    form["body"] = form["body"] + "\nParagraf tambahan.\n"
    assert studio.post("/api/save", data=form).status_code == 200
    assert "Paragraf tambahan." in load_release(root / RELEASE).body_markdown


def test_a_change_on_disk_is_detected_and_not_overwritten_silently(studio: TestClient) -> None:
    root = Path(studio.app.state.workspace)
    form = form_of(root, RELEASE)
    other = (root / RELEASE).read_text(encoding="utf-8").replace("Rapat", "Rapat Lain")
    (root / RELEASE).write_text(other, encoding="utf-8")
    assert "diubah di disk" in studio.post("/api/preview", data=form).text
    form["f:title"] = "Judul dari tab pertama"
    refused = studio.post("/api/save", data=form)
    assert refused.status_code == 409 and "diubah di disk" in refused.text
    assert (root / RELEASE).read_text(encoding="utf-8") == other
    forced = studio.post("/api/save", data={**form, "overwrite": "1"})
    assert forced.status_code == 200
    assert load_release(root / RELEASE).title == "Judul dari tab pertama"


def test_a_new_release_is_saved_in_rilis_and_opens_in_the_editor(studio: TestClient) -> None:
    root = Path(studio.app.state.workspace)
    editor = new_editor(root, "rilis")
    form = {FIELD_PREFIX + f.name: f.value for f in editor.fields}
    form.update({"path": "", "token": "", "kind": "rilis", "body": "Isi rilis baru."})
    form.update({"f:title": "Posyandu Desa Bangkleyan", "f:date": "2024-07-01"})
    form["f:unit"] = "desa-bangkleyan"
    answer = studio.post("/api/save", data=form)
    assert answer.status_code == 200
    target = "rilis/2024-07-01-posyandu-desa-bangkleyan.md"
    assert answer.headers["hx-redirect"] == "/edit?path=" + target.replace("/", "%2F")
    release = load_release(root / target)
    assert (release.title, release.unit, release.kind) == (
        "Posyandu Desa Bangkleyan",
        "desa-bangkleyan",
        "rilis",
    )
    again = studio.post("/api/save", data=form)
    assert again.status_code == 409  # the same title and date again: never overwritten


@pytest.mark.parametrize(
    "url",
    [
        "/edit?path=../../etc/passwd",
        "/edit?path=/etc/passwd",
        "/edit?path=rilis/../../outside.md",
        "/file/%2e%2e/outside.md",
        "/file/rilis/%2e%2e/%2e%2e/outside.md",
        "/download?path=../outside.md&platform=x",
    ],
)
def test_reading_outside_the_workspace_is_refused(studio: TestClient, url: str) -> None:
    root = Path(studio.app.state.workspace)
    (root.parent / "outside.md").write_text("---\ntitle: RAHASIA\n---\nRAHASIA\n")
    answer = studio.get(url)
    assert answer.status_code in (400, 403, 404)
    assert "RAHASIA" not in answer.text


def test_a_link_out_of_the_workspace_is_not_followed(studio: TestClient) -> None:
    root = Path(studio.app.state.workspace)
    secret = root.parent / "rahasia.txt"
    secret.write_text("RAHASIA")
    (root / "foto").mkdir(exist_ok=True)
    (root / "foto" / "link.jpg").symlink_to(secret)
    answer = studio.get("/file/foto/link.jpg")
    assert answer.status_code == 403 and "RAHASIA" not in answer.text


@pytest.mark.parametrize("path", ["../luar.md", "/tmp/luar.md", "foto/bukan-rilis.md"])
def test_writing_outside_rilis_is_refused(studio: TestClient, path: str) -> None:
    root = Path(studio.app.state.workspace)
    form = form_of(root, RELEASE)
    form["path"] = path
    answer = studio.post("/api/save", data=form)
    assert answer.status_code in (400, 403, 404, 409)
    assert not (root.parent / "luar.md").exists() and not Path("/tmp/luar.md").exists()
    assert not (root / "foto" / "bukan-rilis.md").exists()


def test_changes_from_another_site_are_refused(studio: TestClient) -> None:
    root = Path(studio.app.state.workspace)
    before = (root / RELEASE).read_bytes()
    form = form_of(root, RELEASE)
    form["f:title"] = "Diganti situs lain"
    plain = studio.post("/api/save", data=form, headers={"HX-Request": ""})
    assert plain.status_code == 403
    foreign = studio.post("/api/save", data=form, headers={"Host": "evil.example"})
    assert foreign.status_code == 403
    assert (root / RELEASE).read_bytes() == before


def test_a_hostile_title_is_escaped_everywhere(studio: TestClient) -> None:
    root = Path(studio.app.state.workspace)
    form = form_of(root, RELEASE)
    form["f:title"] = HOSTILE
    assert studio.post("/api/save", data=form).status_code == 200
    assert load_release(root / RELEASE).title == HOSTILE
    pages = [
        studio.get("/").text,
        studio.get("/edit?path=" + RELEASE).text,
        studio.post("/api/preview", data=form_of(root, RELEASE)).text,
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page


def test_the_unit_picker_finds_units_by_name_and_by_code(studio: TestClient) -> None:
    by_name = studio.get("/api/units", params={"q": "cepu"}).text
    assert 'data-unit="kec-cepu"' in by_name
    by_code = studio.get("/api/units", params={"q": "33.16.05"}).text
    assert 'data-unit="kec-cepu"' in by_code
    assert studio.get("/api/units", params={"q": ""}).text.strip() == ""


def test_an_uploaded_photo_goes_to_foto_and_into_the_image_field(
    studio: TestClient, workspace: Workspace
) -> None:
    photo = workspace.photo("tmp/Foto Kegiatan.JPG").read_bytes()
    form = form_of(workspace.root, RELEASE)
    answer = studio.post(
        "/api/photo", data=form, files={"upload": ("Foto Kegiatan.JPG", photo, "image/jpeg")}
    )
    assert answer.status_code == 200
    assert (workspace.root / "foto" / "foto-kegiatan.jpg").read_bytes() == photo
    assert 'value="../foto/foto-kegiatan.jpg"' in answer.text
    fake = studio.post(
        "/api/photo", data=form, files={"upload": ("x.jpg", b"<html>not a photo", "image/jpeg")}
    )
    assert fake.status_code == 409 and "JPEG" in fake.text


def test_render_writes_out_and_one_platform_downloads_as_the_same_zip(
    studio: TestClient, workspace: Workspace
) -> None:
    workspace.release(platforms=["x"])
    form = form_of(workspace.root, RELEASE)
    answer = studio.post("/api/render", data=form)
    assert answer.status_code == 200 and "data-copy=" in answer.text
    out = workspace.root / "out" / "2024-05-10-rapat"
    caption = (out / "x" / "caption.txt").read_text(encoding="utf-8").removesuffix("\n")
    assert caption.split("\n")[0] in answer.text
    first = studio.get("/download", params={"path": RELEASE, "platform": "x"})
    second = studio.get("/download", params={"path": RELEASE, "platform": "x"})
    assert first.status_code == 200 and first.content == second.content
    names = zipfile.ZipFile(io.BytesIO(first.content)).namelist()
    assert names and all(n.startswith("x/") for n in names)


def test_the_pages_speak_english_with_lang_en(studio: TestClient) -> None:
    page = _in_english(studio, "/")
    assert "New release" in page and 'lang="en"' in page


def test_examples_are_untouched_by_opening(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    with TestClient(create_app(root), base_url=ORIGIN) as client:
        for path in sorted((root / "rilis").glob("*.md")):
            assert client.get("/edit", params={"path": f"rilis/{path.name}"}).status_code == 200
    for path in sorted((root / "rilis").glob("*.md")):
        assert path.read_bytes() == (EXAMPLES / "rilis" / path.name).read_bytes()


def test_a_word_file_uploaded_becomes_a_release_in_rilis(
    studio: TestClient, workspace: Workspace, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Panen Raya Padi di Desa Bangkleyan", level=1)
    document.add_paragraph("BLORA – Warga Desa Bangkleyan memanen padi bersama.")
    document.add_paragraph("Hasil panen tahun ini naik dibanding tahun lalu.")
    buffer = io.BytesIO()
    document.save(buffer)
    answer = studio.post(
        "/api/import", files={"document": ("laporan.docx", buffer.getvalue(), "application/zip")}
    )
    assert answer.status_code == 200
    target = answer.headers["hx-redirect"]
    relative = target.split("path=", 1)[1].split("&", 1)[0].replace("%2F", "/")
    release = load_release(workspace.root / relative)
    assert release.title == "Panen Raya Padi di Desa Bangkleyan"
    page = studio.get(target).text
    assert "laporan.docx" in page and 'value="Panen Raya Padi di Desa Bangkleyan"' in page


def test_an_upload_that_is_no_word_file_is_refused_and_writes_nothing(
    studio: TestClient, workspace: Workspace
) -> None:
    before = sorted(p.name for p in (workspace.root / "rilis").iterdir())
    for name, data in (("laporan.pdf", b"%PDF-1.4"), ("laporan.docx", b"not a zip at all")):
        answer = studio.post("/api/import", files={"document": (name, data, "application/zip")})
        assert answer.status_code == 409
        assert "Traceback" not in answer.text and 'class="message error"' in answer.text
    assert sorted(p.name for p in (workspace.root / "rilis").iterdir()) == before


def test_an_empty_body_is_reported_beside_the_body(
    studio: TestClient, workspace: Workspace
) -> None:
    form = form_of(workspace.root, RELEASE)
    form["body"] = ""
    answer = studio.post("/api/preview", data=form).text
    beside = re.search(r'id="find-body" hx-swap-oob="true">(.*?)</div>\n', answer, re.S)
    assert beside is not None and "finding error" in beside[1]


def test_field_labels_are_words_and_follow_lang(studio: TestClient) -> None:
    page = studio.get("/edit", params={"kind": "aduan"}).text
    assert ">Judul</label>" in page and ">Teks alternatif foto</label>" in page
    assert ">title</label>" not in page and ">image_alt</label>" not in page
    assert "Judul rilis (wajib)" in page  # the help of `humaskit new`
    english = _in_english(studio, "/edit", {"kind": "aduan"})
    assert ">Title</label>" in english and ">Photo description</label>" in english
    assert "Release title (required)" in english and "Judul rilis (wajib)" not in english
    assert ">Photo before</label>" in english


def test_before_and_after_photos_upload_into_their_own_fields(
    studio: TestClient, workspace: Workspace
) -> None:
    photo = workspace.photo("tmp/Jalan Rusak.jpg").read_bytes()
    page = studio.get("/edit", params={"kind": "aduan"}).text
    assert 'name="upload:image_before"' in page and 'name="upload:image_after"' in page
    form = {"path": "", "kind": "aduan"}
    answer = studio.post(
        "/api/photo",
        params={"field": "image_before"},
        data=form,
        files={"upload:image_before": ("Jalan Rusak.jpg", photo, "image/jpeg")},
    )
    assert answer.status_code == 200
    assert 'id="f-image_before"' in answer.text and 'value="../foto/jalan-rusak.jpg"' in answer.text
    assert 'data-focus="image_before_focus"' in answer.text and 'id="f-image"' not in answer.text
    refused = studio.post(
        "/api/photo",
        params={"field": "title"},
        data=form,
        files={"upload:title": ("x.jpg", photo, "image/jpeg")},
    )
    assert refused.status_code == 409


def test_changing_the_kind_swaps_the_fields_and_keeps_what_was_typed(
    studio: TestClient,
) -> None:
    form = {"path": "", "kind": "rilis", "f:kind": "aduan", "f:title": "Jalan Berlubang Diperbaiki"}
    answer = studio.post("/api/fields", data=form)
    assert answer.status_code == 200
    assert 'id="f-complaint"' in answer.text and 'id="f-stats"' not in answer.text
    assert 'value="Jalan Berlubang Diperbaiki"' in answer.text
    assert '<input type="hidden" name="kind" value="aduan">' in answer.text
    assert answer.headers["hx-replace-url"] == "/edit?kind=aduan"
    crumb = re.search(r'<span class="muted" id="crumb">(.*?)</span>', answer.text)
    assert crumb is not None and "Tindak lanjut aduan" in crumb[1]
    form["f:kind"] = "kinerja"
    assert 'id="f-stats"' in studio.post("/api/fields", data=form).text


def test_a_new_complaint_starts_with_a_status_chosen(studio: TestClient) -> None:
    page = studio.get("/edit", params={"kind": "aduan"}).text
    assert '<option value="diterima" selected>' in page


def test_choices_show_words_and_save_their_keys(studio: TestClient, workspace: Workspace) -> None:
    page = studio.get("/edit", params={"kind": "aduan"}).text
    assert '<option value="kinerja">Kinerja (angka capaian)</option>' in page
    assert '<option value="diterima" selected>Diterima</option>' in page
    assert ">kinerja</option>" not in page and ">diterima</option>" not in page
    assert "rilis | kutipan" not in page and "diterima | diproses" not in page  # keys in help
    assert "Jenis konten: rilis berita, kutipan pejabat" in page
    listing = studio.get("/").text
    assert ">Rilis berita</a>" in listing and ">Tindak lanjut aduan</a>" in listing
    assert '<span class="pill" title="rilis">Rilis berita</span>' in listing
    english = _in_english(studio, "/edit", {"kind": "aduan"})
    assert '<option value="diterima" selected>Received</option>' in english
    assert '<option value="aduan" selected>Complaint follow-up</option>' in english
    # the key, not the words, is what a save writes
    workspace.release(
        "rilis/2024-05-11-jalan.md",
        kind="aduan",
        complaint="Jalan desa berlubang.",
        status="diterima",
    )
    form = form_of(Path(studio.app.state.workspace), "rilis/2024-05-11-jalan.md")
    assert studio.post("/api/save", data={**form, "f:status": "diproses"}).status_code == 200
    saved = (workspace.root / "rilis/2024-05-11-jalan.md").read_text(encoding="utf-8")
    assert "status: diproses" in saved
    assert load_release(workspace.root / "rilis/2024-05-11-jalan.md").status == "diproses"


def test_after_an_import_the_fields_to_fill_are_named_in_words(studio: TestClient) -> None:
    """What is still to fill in after an import is named as the form names it, never by its
    key; with nothing to fill in the message does not end on an empty list."""
    page = studio.get("/edit", params={"path": RELEASE, "imported": "laporan.docx"}).text
    assert "Periksa isiannya sebelum menyimpan" in page and "Masih perlu diisi" not in page
    page = studio.get(
        "/edit", params={"path": RELEASE, "imported": "laporan.docx", "fill": "image_alt"}
    ).text
    assert "Masih perlu diisi" in page
    assert '<a href="#f-image_alt">Teks alternatif foto</a>' in page
    assert ">image_alt<" not in page
