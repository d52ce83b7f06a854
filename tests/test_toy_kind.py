"""A kind declared in this file alone is read, checked, captioned and drawn end to end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from humaskit.errors import ReleaseError
from humaskit.model import fields
from humaskit.model.kinds import Field, Kind, get_kind, kind_names, register, unregister
from humaskit.model.release import load_release
from humaskit.pipeline.render import render

pytestmark = pytest.mark.usefixtures("english")

LOMBA = Kind(
    "lomba",
    required=("deadline",),
    recommended=("prize",),
    fields=(
        Field("deadline", "deadline: <the last day to enter>", fields.text),
        Field("prize", "prize: <what the winners get>", fields.text),
    ),
    caption="🏆 {{ bold('Lomba') }}: daftar paling lambat {{ extra.deadline }}",
)
# The kind's own card: its layout names its field, and the alt text reads it out.
LAYOUT = """\
name: lomba
background: primary
layers:
  - id: title
    type: text
    text: "{{ title }}"
    font: heading
    color: text_on_dark
    size: 4s
    min_size: 3s
    max_lines: 4
    box: {left: 8s, right: 8s, top: 15h, height: 40h}
  - id: deadline
    type: text
    text: "Daftar paling lambat {{ extra.deadline }}"
    font: body
    color: text_on_dark
    size: 3s
    box: {left: 8s, right: 8s, top: 60h, height: 10h}
"""

RELEASE = """\
---
title: Lomba Video Pendek Hari Jadi Blora
date: 2024-06-01
unit: dinkominfo
kind: lomba
deadline: 30 Juni 2024
platforms: [instagram, x, whatsapp]
---
Dinkominfo Blora membuka lomba video pendek bertema potensi desa untuk pelajar dan umum.

Karya diunggah ke akun masing-masing dengan tagar resmi Hari Jadi Blora.
"""


@pytest.fixture
def lomba() -> Iterator[Kind]:
    """The toy kind, registered for one test and removed after it."""
    register(LOMBA)
    try:
        yield LOMBA
    finally:
        unregister(LOMBA.name)
    assert LOMBA.name not in kind_names()


def _workspace(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "humaskit.toml").write_text('[workspace]\nname = "tes"\n', encoding="utf-8")
    layout = root / "templates" / "layouts" / "lomba.yaml"
    layout.parent.mkdir(parents=True, exist_ok=True)
    layout.write_text(LAYOUT, encoding="utf-8")
    path = root / "rilis" / "2024-06-01-lomba.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("lomba")
def test_a_registered_kind_renders_end_to_end(tmp_path: Path) -> None:
    source = _workspace(tmp_path / "ws", RELEASE)
    release = load_release(source)
    assert release.kind == "lomba"
    # its own fields are read (the built-in kinds' own fields are there too, all None)
    assert {k: release.extra[k] for k in ("deadline", "prize")} == {
        "deadline": "30 Juni 2024",
        "prize": None,
    }
    assert {v for k, v in release.extra.items() if k not in ("deadline", "prize")} <= {None}
    assert [n.code for n in release.notices] == ["missing-field"]  # no prize: a warning
    assert "prize: <what the winners get>" in release.notices[0].message

    report = render([source], tmp_path / "out", force=True)
    assert report.ok, report.to_dict()
    out = report.results[0].out_dir
    assert out is not None
    block = "🏆 Lomba: daftar paling lambat 30 Juni 2024"
    assert block in (out / "instagram" / "caption.txt").read_text(encoding="utf-8")
    assert block in (out / "x" / "caption.txt").read_text(encoding="utf-8")
    assert "🏆 *Lomba*: daftar" in (out / "whatsapp" / "caption.txt").read_text(encoding="utf-8")
    assert (out / "instagram" / "feed.png").is_file()
    alt = (out / "instagram" / "feed.alt.txt").read_text(encoding="utf-8")
    assert "Lomba Video Pendek Hari Jadi Blora" in alt
    assert "Daftar paling lambat 30 Juni 2024" in alt


@pytest.mark.usefixtures("lomba")
def test_a_registered_kind_checks_its_required_field(tmp_path: Path) -> None:
    source = _workspace(tmp_path / "ws", RELEASE.replace("deadline: 30 Juni 2024\n", ""))
    with pytest.raises(ReleaseError) as caught:
        load_release(source)
    assert "'deadline'" in caught.value.message
    assert "deadline: <the last day to enter>" in caught.value.hint


def test_an_unregistered_kind_is_unknown(tmp_path: Path) -> None:
    source = _workspace(tmp_path / "ws", RELEASE)
    with pytest.raises(ReleaseError, match="Unknown kind 'lomba'"):
        load_release(source)
    with pytest.raises(KeyError):
        get_kind("lomba")


def test_a_kind_cannot_be_registered_twice(lomba: Kind) -> None:
    with pytest.raises(ValueError, match="registered already"):
        register(lomba)
    with pytest.raises(ValueError, match="built-in"):
        unregister("rilis")
