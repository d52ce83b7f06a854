"""No wrong fact is published: times, figures and dates are read as written, or refused.

Issue 11, items 5 and 6: YAML 1.1 reads an unquoted ``10:30`` as 630 and ``!!timestamp`` makes a
date-time; a quoted ``'1.875'`` is a thousands separator in Indonesian; a target of 0 once put the
word "None" on a card. Each class is checked here through ``load_release`` (which ``check``,
``render`` and ``recap`` share) and, for "None", through a whole render.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Workspace
from humaskit.errors import Location as Where
from humaskit.errors import ReleaseError
from humaskit.model.release import load_release
from humaskit.pipeline.render import render
from humaskit.text.templating import render_string

HEAD = "title: Uji fakta\ndate: 2024-05-10\nunit: dinkominfo\n"


def _release(workspace: Workspace, head: str, name: str = "rilis/2024-05-10-uji.md") -> Path:
    workspace({name: f"---\n{HEAD}{head}---\nIsi rilis.\n"})
    return workspace.root / name


def _agenda(time: str) -> str:
    return (
        "kind: agenda\nagenda:\n  - {date: 2024-05-21, title: Satu}\n"
        f"  - date: 2024-05-22\n    title: Dua\n    time: {time}\n"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("10:30", "10.30"),  # YAML 1.1: sexagesimal 630
        ("13.30", "13.30"),  # YAML: the float 13.3
        ("9:05", "09.05"),
        ('"09.00"', "09.00"),
        ("'23:59'", "23.59"),
        ("00.00 WIB", "00.00"),
    ],
)
def test_time_is_read_as_written(workspace: Workspace, written: str, shown: str) -> None:
    release = load_release(_release(workspace, _agenda(written)))
    assert release.agenda[1].time == shown
    assert release.agenda[0].time is None


@pytest.mark.parametrize(
    "written",
    ["25:99", "24.00", "12:60", "9.5", "pagi", "'10:30:00'", "1030", "!!timestamp 2024-05-10"],
)
def test_bad_time_names_file_field_and_line(
    workspace: Workspace, english: None, written: str
) -> None:
    path = _release(workspace, _agenda(written))
    with pytest.raises(ReleaseError) as caught:
        load_release(path)
    assert caught.value.location == Where(path, "agenda[1].time", 10)
    assert "HH.MM" in caught.value.hint


def test_bad_time_hint_is_indonesian(workspace: Workspace) -> None:
    with pytest.raises(ReleaseError) as caught:
        load_release(_release(workspace, _agenda("25:99")))
    assert "bukan" in caught.value.message or "jam" in caught.value.message.lower()


@pytest.mark.parametrize(
    ("field", "written", "digits"),
    [
        ("value", "'1.875'", "1875"),
        ("value", "'1,875'", "1875"),
        ("value", "'1.875.000'", "1875000"),
        ("value", "'1.875,5'", "1875.5"),
        ("value", "1.875", "1875"),  # unquoted: YAML's float, but the text is the same
        ("target", "'2.000'", "2000"),
    ],
)
def test_grouped_number_is_refused_with_a_hint(
    workspace: Workspace, english: None, field: str, written: str, digits: str
) -> None:
    figure = {"value": "1000", "target": "3000", field: written}
    value, target = figure["value"], figure["target"]
    head = (
        "kind: kinerja\nstats:\n"
        f"  - {{label: Balita, value: {value}, unit: balita, target: {target}}}\n"
    )
    path = _release(workspace, head)
    with pytest.raises(ReleaseError) as caught:
        load_release(path)
    assert caught.value.location == Where(path, f"stats[0].{field}", 7)
    assert digits in caught.value.hint


@pytest.mark.parametrize(
    ("written", "value"),
    [("1875", 1875.0), ("91.3", 91.3), ("'91,3'", 91.3), ("0.125", 0.125), ("1.8750", 1.875)],
)
def test_plain_numbers_still_read(workspace: Workspace, written: str, value: float) -> None:
    head = f"kind: kinerja\nstats:\n  - {{label: Balita, value: {written}, unit: balita}}\n"
    assert load_release(_release(workspace, head)).stats[0].value == value


def test_grouped_number_in_csv_is_refused(workspace: Workspace) -> None:
    workspace({"data/s.csv": "label,value,unit,target\nBalita,1.875,balita,2000\n"})
    path = _release(workspace, "kind: kinerja\nstats: ../data/s.csv\n")
    with pytest.raises(ReleaseError) as caught:
        load_release(path)
    assert caught.value.location.line == 2
    assert "1875" in caught.value.hint


@pytest.mark.parametrize(
    "head",
    [
        "",  # the date line of HEAD is replaced below
        "kind: agenda\nagenda:\n  - {date: !!timestamp 2024-05-21T10:00:00+07:00, title: A}\n",
    ],
)
def test_a_date_and_time_is_refused(workspace: Workspace, english: None, head: str) -> None:
    name = "rilis/x.md"
    date = "!!timestamp 2024-05-10T10:00:00+07:00" if not head else "2024-05-10"
    workspace({name: f"---\ntitle: T\ndate: {date}\nunit: dinkominfo\n{head}---\nIsi.\n"})
    with pytest.raises(ReleaseError) as caught:
        load_release(workspace.root / name)
    assert caught.value.location.field == ("date" if not head else "agenda[0].date")
    assert caught.value.location.line == (3 if not head else 7)
    assert "2024-05-" in caught.value.hint


def test_a_tagged_plain_date_is_a_date(workspace: Workspace) -> None:
    workspace(
        {"rilis/x.md": "---\ntitle: T\ndate: !!timestamp 2024-05-10\nunit: dinkominfo\n---\nIsi.\n"}
    )
    assert str(load_release(workspace.root / "rilis/x.md").date) == "2024-05-10"


def test_an_absent_value_prints_as_nothing_never_as_none() -> None:
    assert render_string("{{ x }} dari target", {"x": None}, origin=Where("t.yaml")) == (
        " dari target"
    )
    assert render_string("{{ x or '' }}", {"x": None}, origin=Where("t.yaml")) == ""


# Every kind with its optional fields left out, and figures of zero.
SPARSE = {
    "rilis/2024-05-10-kinerja-nol.md": (
        "kind: kinerja\nstats:\n  - {label: Balita, value: 0, unit: balita, target: 0}\n"
    ),
    "rilis/2024-05-10-kinerja-campur.md": (
        "kind: kinerja\nstats:\n  - {label: A, value: 5, unit: balita, target: 0}\n"
        "  - {label: B, value: 0}\n  - {label: C, value: 3, target: 4}\n"
    ),
    "rilis/2024-05-10-kinerja-persen.md": (
        "kind: kinerja\nstats:\n  - {label: Cakupan, value: 0, unit: '%', target: 0}\n"
    ),
    "rilis/2024-05-10-agenda.md": "kind: agenda\nagenda:\n  - {date: 2024-05-21, title: Satu}\n",
    "rilis/2024-05-10-kutipan.md": "kind: kutipan\nquote: Kita bisa.\n",
    "rilis/2024-05-10-pengumuman.md": "kind: pengumuman\n",
    "rilis/2024-05-10-hoaks.md": "kind: hoaks\nclaim: Klaim.\nfact: Fakta.\n",
    "rilis/2024-05-10-rilis.md": "",
}


def test_no_none_reaches_any_published_text(workspace: Workspace, tmp_path: Path) -> None:
    for name, head in SPARSE.items():
        _release(workspace, head, name)
    out = tmp_path / "out"
    summary = render(
        [workspace.root / "rilis"], out, platforms=("instagram", "facebook", "x", "whatsapp")
    )
    assert [r.status for r in summary.results] == ["rendered"] * len(SPARSE), [
        r.message for r in summary.results
    ]
    texts = [*out.rglob("caption*.txt"), *out.rglob("*.alt.txt"), *out.rglob("manifest.json")]
    assert len(texts) > len(SPARSE) * 4
    for path in texts:
        assert "None" not in path.read_text(encoding="utf-8"), path
