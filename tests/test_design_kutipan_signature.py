"""Round 5 of the design review, kutipan: a portrait slot only for a real portrait
(``quote.photo``, never the release's image), the role once when the quote has no name, and the
gold mark about 0.28 em clear of the first line on every size, read from the manifest's text
layers and the pixels."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import EXAMPLES
from humaskit import render
from humaskit.tools.preview import write_specimen_workspace

EXAMPLE = EXAMPLES / "rilis" / "2024-05-13-kutipan-keterbukaan-informasi.md"


def _render(release: Path, out: Path) -> list[tuple[dict[str, Any], Path]]:
    report = render([release], out)
    (result,) = report.results
    assert result.status == "rendered" and result.out_dir is not None, result.message
    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    return [
        (a, result.out_dir / a["path"])
        for a in manifest["artifacts"]
        if a["type"] == "image" and a["template"].startswith("kutipan")
    ]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], Path]]:
    """The example ships text-only (its only portrait would be the stock silhouette)."""
    return _render(EXAMPLE, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def portrait(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], Path]]:
    """The example with a real ``quote.photo`` (a copy of the workspace, so the path resolves)."""
    root = tmp_path_factory.mktemp("portrait")
    shutil.copytree(EXAMPLES, root / "examples")
    release = root / "examples" / "rilis" / EXAMPLE.name
    text = release.read_text(encoding="utf-8")
    assert "  role: Bupati Blora\n" in text and "  photo:" not in text
    photo = "  role: Bupati Blora\n  photo: ../foto/bupati.jpg\n"
    release.write_text(text.replace("  role: Bupati Blora\n", photo), encoding="utf-8")
    return _render(release, tmp_path_factory.mktemp("portrait-out"))


@pytest.fixture(scope="module")
def specimen(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], Path]]:
    root = tmp_path_factory.mktemp("specimens")
    write_specimen_workspace(root)
    return _render(root / "rilis" / "kutipan.md", tmp_path_factory.mktemp("out"))


def _layer(image: dict[str, Any], name: str) -> dict[str, Any] | None:
    found = [t for t in image["text_layers"] if t["layer"] in (name, "block." + name)]
    return found[0] if found else None


def _wide(images: list[tuple[dict[str, Any], Path]]) -> list[dict[str, Any]]:
    return [a for a, _ in images if a["width"] > a["height"]]


def test_without_quote_photo_the_wide_cards_are_text_only(
    specimen: list[tuple[dict[str, Any], Path]],
) -> None:
    """The specimen has no ``quote.photo``: no panel, the quote starts at the left margin."""
    assert len(_wide(specimen)) == 3
    for image in _wide(specimen):
        quote = _layer(image, "quote")
        assert quote is not None and quote["box"][0] < 0.08 * image["width"], image["path"]


def test_the_example_is_text_only_on_the_wide_cards(
    example: list[tuple[dict[str, Any], Path]],
) -> None:
    """A stock silhouette must never stand in for the Bupati: no panel without ``quote.photo``."""
    assert len(_wide(example)) == 3
    for image in _wide(example):
        quote = _layer(image, "quote")
        assert quote is not None and quote["box"][0] < 0.08 * image["width"], image["path"]


def test_with_quote_photo_the_wide_cards_keep_the_portrait_panel(
    portrait: list[tuple[dict[str, Any], Path]],
) -> None:
    assert len(_wide(portrait)) == 3
    for image in _wide(portrait):
        quote = _layer(image, "quote")
        assert quote is not None and quote["box"][0] > 0.27 * image["width"], image["path"]


def test_a_role_without_a_name_is_shown_once_on_the_name_line(
    specimen: list[tuple[dict[str, Any], Path]],
) -> None:
    for image, _ in specimen:
        person = _layer(image, "person")
        assert person is not None and person["lines"] == ["Bupati Blora"], image["path"]
        role = _layer(image, "role")
        assert role is None or not "".join(role["lines"]).strip(), (image["path"], role)


def _ink_rows(path: Path, box: list[int], gold: bool) -> list[int]:
    """The rows inside ``box`` with gold (the mark) or white (the quote) pixels."""
    with Image.open(path) as im:
        crop = im.convert("RGB").crop(tuple(box))
    w, h = crop.size
    px = crop.load()
    assert px is not None
    rows = []
    for y in range(h):
        for x in range(w):
            r, _, b = px[x, y]
            if (r > 100 and b < 80) if gold else (r > 150 and b > 150):
                rows.append(y + box[1])
                break
    return rows


def test_the_mark_sits_a_quarter_em_clear_of_the_first_line(
    portrait: list[tuple[dict[str, Any], Path]],
    specimen: list[tuple[dict[str, Any], Path]],
) -> None:
    seen = set()
    for image, path in portrait + specimen:
        if (image["width"], image["height"], image["platform"]) in seen:
            continue
        seen.add((image["width"], image["height"], image["platform"]))
        mark, quote = _layer(image, "mark"), _layer(image, "quote")
        assert mark is not None and quote is not None
        mx0, my0, mx1, my1 = mark["box"]
        mark_rows = _ink_rows(path, [mx0, my0, mx1, quote["box"][1]], gold=True)
        text_rows = _ink_rows(path, [quote["box"][0], mark_rows[-1] + 1, mx1, my1 + 40], False)
        gap = text_rows[0] - mark_rows[-1] - 1
        assert 0.22 * quote["size"] <= gap <= 0.4 * quote["size"], (image["path"], gap)


def test_the_handle_sits_under_a_rule_clear_of_the_signature(
    example: list[tuple[dict[str, Any], Path]],
    specimen: list[tuple[dict[str, Any], Path]],
) -> None:
    """Round 6: on the wide cards name, role and handle read as one stack; the handle now sits
    under a thin rule, at least 5 % of the height below the signature's last line."""
    for image in _wide(example) + _wide(specimen):
        footer = _layer(image, "footer")
        last = _layer(image, "role") or _layer(image, "person")
        assert footer is not None and last is not None
        if not "".join(last["lines"]).strip():
            last = _layer(image, "person")
            assert last is not None
        assert footer["box"][1] - last["box"][3] >= 0.05 * image["height"], image["path"]
        assert image["height"] - footer["box"][3] >= 0.04 * image["height"], image["path"]


def test_the_mark_grows_with_the_x_card(example: list[tuple[dict[str, Any], Path]]) -> None:
    """Round 6: at 1600 px the mark was the link cards' 18 % of the height, a third smaller than
    the quote's type; it is now about 24 %."""
    (x,) = [a for a, _ in example if a["width"] == 1600]
    mark = _layer(x, "mark")
    assert mark is not None and mark["size"] >= 0.22 * x["height"], mark["size"]
