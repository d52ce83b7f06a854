"""The text on every image is checkable: the manifest lists each text layer as drawn (size, box,
lines, cut or shrunk), and ``check`` and ``render`` report text under the readable floor (2.4 % of
the image's width) or cut with "…", naming the image, the layout and the layer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cardkit import SIZES, content, kit, make_photo
from conftest import Workspace, invoke_cli
from humaskit.cards import draw
from humaskit.cards.renderer import EXTENSIONS, CardRenderer, image_format, text_items
from humaskit.layout.plan import TextLine
from humaskit.pipeline.check import check
from humaskit.pipeline.manifest import (
    MANIFEST_NAME,
    MANIFEST_VERSION,
    Manifest,
    TextLayer,
    manifest_json_schema,
    read_manifest,
)
from humaskit.pipeline.render import render
from humaskit.pipeline.textlayers import layout_label, text_findings, text_floor, text_layers
from humaskit.resources import builtin_templates_dir
from humaskit.tools.preview import write_specimen_workspace

SCHEMA = manifest_json_schema()
CELL = re.compile(r"\[\d+\]")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "rilis"

# A user's rilis layout: a readable title and a deliberately small date line.
SMALL_LAYOUT = """\
name: rilis
description: Tes — teks terlalu kecil.
background: primary
layers:
  - id: title
    type: text
    text: "{{ title }}"
    font: heading
    size: 6s
    min_size: 4.4s
    max_lines: 6
    box: {left: 6s, right: 6s, top: 20s, height: 50s}
  - id: tiny-date
    type: text
    text: "{{ date_text }}"
    font: body
    size: 10px
    box: {left: 6s, right: 6s, bottom: 6s, height: 6s}
"""
# A user's rilis layout whose one-line box cannot hold the summary: it is cut with "…". (A cut
# title refuses the release instead: tests/test_design_rilis.py.)
CUT_LAYOUT = """\
name: rilis
description: Tes — teks terpotong.
background: primary
layers:
  - id: lead
    type: text
    text: "{{ summary }}"
    font: heading
    size: 6s
    overflow: truncate
    box: {left: 6s, right: 6s, top: 20s, height: 8s}
"""


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """Assertions match the English message ids."""


def _manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    return data


def _images(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["path"]: a for a in data["artifacts"] if a["type"] == "image"}


def _render_one(path: Path, out: Path, platforms: Sequence[str]) -> dict[str, Any]:
    report = render([path], out, platforms=platforms)
    (result,) = report.results
    assert result.status == "rendered", result.message
    assert result.out_dir is not None
    return _manifest(result.out_dir)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[tuple[tuple[str, ...], int]]]]:
    """Every text block the Pillow surface draws, image by image: (lines, size)."""
    images: list[list[tuple[tuple[str, ...], int]]] = []
    draw_plan, text = draw.draw_plan, draw.PillowSurface.text

    def spy_plan(*args: Any, **kwargs: Any) -> Any:
        images.append([])
        return draw_plan(*args, **kwargs)

    def spy_text(self: Any, lines: Sequence[TextLine], font: str, size: int, color: Any) -> None:
        images[-1].append((tuple(line.text for line in lines), size))
        text(self, lines, font, size, color)

    monkeypatch.setattr(draw, "draw_plan", spy_plan)
    monkeypatch.setattr(draw.PillowSurface, "text", spy_text)
    yield images


def test_the_floor_is_2_4_percent_of_the_width() -> None:
    assert [text_floor(w) for w in (1080, 1200, 1600)] == [26, 29, 38]
    layer = TextLayer("org", "body", 26, (0, 0, 10, 10), ("ORG",))
    at = {"width": 1080, "image": "x/a.png", "layout": "templates/layouts/rilis.yaml"}
    assert text_findings([layer], **at) == []  # type: ignore[arg-type]
    small = TextLayer("org", "body", 25, (0, 0, 10, 10), ("ORG",))
    (found,) = text_findings([small], **at)  # type: ignore[arg-type]
    assert found.code == "text-too-small" and found.variant == "x/a.png"


def test_a_feed_card_lists_the_text_it_draws(
    workspace: Workspace, drawn: list[list[tuple[tuple[str, ...], int]]]
) -> None:
    workspace.photo()
    path = workspace.release(image="../foto/foto.jpg", image_alt="Foto rapat")
    data = _render_one(path, workspace.root / "out", ["threads"])  # one image: the feed card
    (feed,) = _images(data).values()
    assert feed["path"] == "threads/feed.jpg" and len(drawn) == 1
    layers = feed["text_layers"]
    assert [(tuple(t["lines"]), t["size"]) for t in layers] == drawn[0]
    names = [t["layer"] for t in layers]
    assert {"headline", "org"} <= set(names), names
    headline = layers[names.index("headline")]
    x0, y0, x1, y1 = headline["box"]
    assert 0 <= x0 < x1 <= 1080 and 0 <= y0 < y1 <= 1350
    assert " ".join(headline["lines"]) == "Pemkab Blora Gelar Rapat Koordinasi Admin Medsos"
    assert headline["truncated"] is False
    # The manifest's layers are the plan's, as check sees them without drawing.
    brand, unit = kit()
    card = CardRenderer(content("rilis", title="Judul"), brand, unit, sizes=SIZES)
    planned = text_layers(text_items(card.plan("rilis", SIZES[0])))
    rendered = card.render("rilis", SIZES[0])
    assert text_layers(rendered.texts) == planned and planned


def test_render_and_check_see_the_same_text_layers(workspace: Workspace) -> None:
    workspace({"templates/layouts/rilis.yaml": SMALL_LAYOUT})
    path = workspace.release()
    data = _render_one(path, workspace.root / "out", ["instagram", "x"])
    rendered = {
        (w["variant"], w["message"]) for w in data["warnings"] if w["code"].startswith("text-")
    }
    report = check([path], platforms=["instagram", "x"])
    checked = {(f.variant, f.message) for f in report.findings if f.code.startswith("text-")}
    assert checked and checked == rendered


def test_check_reports_small_text_of_a_user_layout(workspace: Workspace) -> None:
    # The user's rilis layout on every size, the wide X card too (the built-in template set
    # gives the wide cards rilis-landscape).
    workspace(
        {
            "templates/layouts/rilis.yaml": SMALL_LAYOUT,
            "templates/sets.yaml": "kinds:\n  rilis: {default: rilis}\n",
        }
    )
    path = workspace.release(approved_by="Kepala Dinkominfo")  # not an error for approval
    result = invoke_cli("--lang", "en", "check", path, "-p", "instagram,x", "--json")
    assert result.exit_code == 0, result.output  # warnings, not errors
    findings = json.loads(result.stdout)["findings"]
    small = [f for f in findings if f["code"] == "text-too-small"]
    variants = {f["variant"] for f in small}
    assert {"instagram/feed.png", "instagram/story.png", "x/post.png"} <= variants, variants
    feed = next(f for f in small if f["variant"] == "instagram/feed.png")
    assert feed["severity"] == "warning" and feed["platform"] == "instagram"
    assert feed["file"].endswith("2024-05-10-rapat.md")
    message = feed["message"]
    for part in (
        "instagram/feed.png",
        "templates/layouts/rilis.yaml",
        "'tiny-date'",
        "10 px",
        "26 px",
        "1080 px",
    ):
        assert part in message, message
    x = next(f for f in small if f["variant"] == "x/post.png")
    assert "10 px" in x["message"] and "38 px" in x["message"]
    assert not [f for f in findings if "'title'" in f["message"]]  # the title is large enough
    # In Indonesian by default.
    result = invoke_cli("check", path, "-p", "instagram")
    assert "teks lapisan 'tiny-date' pada templates/layouts/rilis.yaml berukuran 10 px" in (
        result.stderr
    ), result.stderr


def test_cut_text_is_reported_once_by_check_and_render(workspace: Workspace) -> None:
    workspace({"templates/layouts/rilis.yaml": CUT_LAYOUT})
    path = workspace.release()
    report = check([path], platforms=["threads"])
    (cut,) = [f for f in report.findings if f.code == "text-truncated"]
    assert cut.variant == "threads/feed.png" and cut.platform == "threads"
    assert "'lead'" in cut.message and "templates/layouts/rilis.yaml" in cut.message
    assert "…" in cut.message
    data = _render_one(path, workspace.root / "out", ["threads"])
    (feed,) = _images(data).values()
    (lead,) = feed["text_layers"]
    assert lead["truncated"] is True and lead["lines"][-1].endswith("…")
    (warning,) = [w for w in data["warnings"] if w["code"] == "text-truncated"]
    assert warning["message"] == cut.message and warning["variant"] == "threads/feed.png"


def test_a_built_in_layout_is_named_not_its_installed_path(workspace: Workspace) -> None:
    builtin = builtin_templates_dir() / "layouts" / "agenda.yaml"
    assert layout_label(builtin) == "built-in template agenda"
    assert layout_label(workspace.root / "templates" / "layouts" / "rilis.yaml") == (
        "templates/layouts/rilis.yaml"
    )
    # A finding about a built-in layout names it the same way (whichever layout is small today).
    small = TextLayer("events[1].place", "body", 20, (0, 0, 1, 1), ("x",))
    found = text_findings([small], width=1600, image="x/post.png", layout=builtin)
    assert found and all(f.code == "text-too-small" for f in found)
    for finding in found:
        assert "built-in template agenda" in finding.message
        assert str(builtin_templates_dir()) not in finding.message


def test_repeated_cells_at_one_size_are_one_finding() -> None:
    cells = [TextLayer(f"rows[{i}].label", "body", 20, (0, 0, 1, 1), ("x",)) for i in range(4)]
    found = text_findings(cells, width=1080, image="x/a.png", layout="t/layouts/a.yaml")
    assert len(found) == 1 and "'rows[*].label'" in found[0].message


def test_the_manifest_with_text_layers_round_trips_and_validates(workspace: Workspace) -> None:
    path = workspace.release()
    data = _render_one(path, workspace.root / "out", ["instagram"])
    assert data["version"] == MANIFEST_VERSION == 3
    for image in _images(data).values():
        assert image["text_layers"], image["path"]
        for layer in image["text_layers"]:
            assert len(layer["box"]) == 4 and all(isinstance(v, int) for v in layer["box"])
    manifest = Manifest.from_dict(data)
    assert json.loads(manifest.to_json()) == data
    folder = next((workspace.root / "out").iterdir())
    assert read_manifest(folder) == manifest


@pytest.mark.parametrize(
    "broken",
    [{"size": "26"}, {"box": [0, 0, 1]}, {"lines": "x"}, {"truncated": "no"}, {"layer": None}],
)
def test_a_malformed_text_layer_is_not_read(workspace: Workspace, broken: dict[str, Any]) -> None:
    path = workspace.release()
    data = _render_one(path, workspace.root / "out", ["threads"])
    folder = next((workspace.root / "out").iterdir())
    image = next(a for a in data["artifacts"] if a["type"] == "image")
    image["text_layers"][0].update(broken)
    (folder / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert read_manifest(folder) is None  # so the next render writes it anew
    assert render([path], workspace.root / "out", platforms=["threads"]).results[0].status == (
        "rendered"
    )


def test_a_version_2_manifest_is_rendered_again(workspace: Workspace) -> None:
    path = workspace.release()
    _render_one(path, workspace.root / "out", ["threads"])
    folder = next((workspace.root / "out").iterdir())
    data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    data["version"] = 2
    for artifact in data["artifacts"]:
        artifact.pop("text_layers", None)
    (folder / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert read_manifest(folder) is None
    again = render([path], workspace.root / "out", platforms=["threads"])
    assert again.results[0].status == "rendered"
    assert "text_layers" in _images(_manifest(folder))["threads/feed.png"]


@pytest.mark.parametrize("fmt", ["auto", "png", "jpeg", "webp"])
def test_check_names_the_file_render_writes(tmp_path: Path, fmt: str) -> None:
    brand, unit = kit()
    photo = tmp_path / "foto.jpg"
    make_photo(photo)
    card = CardRenderer(content("rilis", photo=photo), brand, unit, sizes=SIZES)
    out = card.render("rilis", SIZES[0], fmt)
    assert out.ext == EXTENSIONS[image_format(card.plan("rilis", SIZES[0]), fmt)]


@pytest.mark.slow  # renders every specimen and every example
def test_no_text_under_the_floor_and_nothing_cut_on_any_specimen_or_example(
    tmp_path: Path,
) -> None:
    """The issue's acceptance test, read from the manifests' text layers."""
    specimens = write_specimen_workspace(tmp_path / "spesimen")
    report = render([*specimens, EXAMPLES], tmp_path / "out")
    problems: set[str] = set()
    for result in report.results:
        assert result.status == "rendered" and result.out_dir is not None, result.message
        for image in _images(_manifest(result.out_dir)).values():
            floor = text_floor(image["width"])
            for layer in image["text_layers"]:
                name = f"{image['template']} {CELL.sub('[*]', layer['layer'])}"
                if layer["size"] < floor:
                    problems.add(f"{name} {layer['size']} px < {floor} px ({image['width']} w)")
                if layer["truncated"]:
                    problems.add(f"{name} cut on {image['path']}")
            problems.update(_overlaps(image))
    assert not problems, "\n".join(sorted(problems))


# The kutipan's large opening quotation mark stands in the corner of the quote's box by design.
_DECORATIVE = frozenset({"mark"})


def _overlaps(image: dict[str, Any]) -> set[str]:
    """Pairs of text layers of ``image`` whose boxes overlap: one text drawn over another."""
    layers = [t for t in image["text_layers"] if t["layer"] not in _DECORATIVE]
    found = set()
    for i, first in enumerate(layers):
        for second in layers[i + 1 :]:
            a, b = first["box"], second["box"]
            if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1:
                found.add(
                    f"{image['template']} {first['layer']} overlaps {second['layer']} "
                    f"on {image['path']}"
                )
    return found
