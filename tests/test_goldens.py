"""The golden comparison is strict: one changed word on a card fails it, and says where to look."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cardkit import SIZES, content, kit, layout_for
from goldens import GOLDEN, golden_differences
from humaskit.cards.renderer import CardRenderer

# The golden case "rilis-flat-emoji" of test_draw.py: a rilis card without a photo.
TITLE = "Panen Raya Jagung 🌽 di Desa Bangkleyan 👨‍👩‍👧"
CASE = "rilis-flat-emoji"


def _render(size_index: int = 0, **changes: object) -> tuple[str, bytes, str]:
    brand, unit = kit()
    size = SIZES[size_index]
    card = content("rilis", **{"title": TITLE, **changes})
    renderer = CardRenderer(card, brand, unit, sizes=SIZES)  # type: ignore[arg-type]
    out = renderer.render(layout_for("rilis", size), size)
    return f"{CASE}-{size.width}x{size.height}", out.data, out.ext


def test_the_unchanged_card_matches_its_golden(tmp_path: Path) -> None:
    name, data, ext = _render()
    assert golden_differences(name, data, ext, failures=tmp_path, update=False) == []
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "changes",
    [
        {"footer": "Pemerintah Kabupaten Rembang"},
        {"date_text": "Jumat, 17 Mei 2024"},
        {"handles_text": "@contoh.pemkabrembang"},
        {"title": TITLE.replace("Jagung", "Padi")},
        {"unit_name": ""},
    ],
    ids=["footer", "date", "handle", "title", "unit-removed"],
)
def test_one_changed_word_fails_the_golden(tmp_path: Path, changes: dict[str, str]) -> None:
    name, data, ext = _render(**changes)
    failures = golden_differences(name, data, ext, failures=tmp_path, update=False)
    assert len(failures) == 1 and "differing pixels" in failures[0], failures
    for part in ("base", "new", "diff"):
        written = next(tmp_path.glob(f"{name}.{part}.*"))
        assert str(written) in failures[0]
        assert written.stat().st_size > 0


def test_a_missing_golden_fails_and_update_writes_it(tmp_path: Path) -> None:
    name, data, ext = _render(size_index=4)
    goldens, failures = tmp_path / "golden", tmp_path / "failures"
    goldens.mkdir()
    missing = golden_differences(name, data, ext, golden_dir=goldens, failures=failures)
    assert len(missing) == 1 and "no golden image" in missing[0]
    written = golden_differences(
        name, data, ext, golden_dir=goldens, failures=failures, update=True
    )
    assert written == []
    assert (goldens / f"{name}.{ext}").read_bytes() == data
    # a stale failure from an earlier run is cleared once the image matches again
    assert not list(failures.iterdir())


def test_update_replaces_a_changed_golden(tmp_path: Path) -> None:
    name, _data, ext = _render(size_index=4)
    goldens = tmp_path / "golden"
    goldens.mkdir()
    shutil.copyfile(GOLDEN / f"{name}.{ext}", goldens / f"{name}.{ext}")
    _n, changed, _e = _render(size_index=4, footer="Pemerintah Kabupaten Rembang")
    assert (
        golden_differences(
            name, changed, ext, golden_dir=goldens, failures=tmp_path / "f", update=True
        )
        == []
    )
    assert (goldens / f"{name}.{ext}").read_bytes() == changed
