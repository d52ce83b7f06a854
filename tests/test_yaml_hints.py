"""Issue 13, point 9: the usual YAML mistakes explained in Indonesian at the line they are on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bad_releases import GOOD_HEAD
from conftest import Workspace
from humaskit import i18n
from humaskit.errors import ReleaseError
from humaskit.model.release import load_release
from humaskit.yamlhints import explain, swallowed_by_comment, translate_problem
from humaskit.yamlio import read_yaml


@pytest.fixture
def indonesian() -> Iterator[None]:
    previous = i18n._current
    i18n.set_language("id")
    yield
    i18n._current = previous


def _error(workspace: Workspace, text: str) -> ReleaseError:
    workspace({"rilis/salah.md": text})
    with pytest.raises(ReleaseError) as info:
        load_release(workspace.root / "rilis/salah.md")
    return info.value


# (id, frontmatter lines after GOOD_HEAD, line of the mistake, words of the message, of the hint)
MISTAKES = [
    (
        "hash-in-list",
        "tags: [#posyandu, #kesehatan]\nsummary: Ringkas\n",
        5,
        "'#' memulai komentar",
        "tags: [posyandu, kesehatan]",
    ),
    (
        "colon-in-value",
        "location: Balai Desa: Bangkleyan\n",
        5,
        "nilai 'location' di baris 5 memuat titik dua",
        'location: "Balai Desa: Bangkleyan"',
    ),
    (
        "tab-indent",
        "tags:\n\t- posyandu\n",
        6,
        "baris 6 menjorok dengan tab",
        "spasi",
    ),
    (
        "list-not-closed",
        "tags: [posyandu, kesehatan\nkind: rilis\n",
        5,
        "daftar yang dibuka dengan '[' di baris 5 tidak ditutup",
        "Tutup daftar",
    ),
]


@pytest.mark.parametrize(
    ("fields", "line", "message", "hint"),
    [pytest.param(*case[1:], id=case[0]) for case in MISTAKES],
)
def test_usual_mistake_is_explained_at_its_line(
    workspace: Workspace, indonesian: None, fields: str, line: int, message: str, hint: str
) -> None:
    error = _error(workspace, GOOD_HEAD + fields + "---\nIsi rilis.\n")
    assert error.location.line == line
    assert message in error.message
    assert hint in error.hint
    for english in ("mapping values", "expected", "found", "token", "violates"):
        assert english not in error.message


def test_value_hidden_by_a_comment_is_an_error(workspace: Workspace, indonesian: None) -> None:
    """``summary: #1 di Jawa Tengah`` is valid YAML with an empty summary: said, not lost."""
    error = _error(workspace, GOOD_HEAD + "summary: #1 di Jawa Tengah\n---\nIsi.\n")
    assert error.location.line == 5
    assert error.location.field == "summary"
    assert "dibaca YAML sebagai komentar" in error.message
    assert 'summary: "#1 di Jawa Tengah"' in error.hint
    item = _error(workspace, GOOD_HEAD + "tags:\n  - Blora\n  - #posyandu\n---\nIsi.\n")
    assert (item.location.line, item.location.field) == (7, "tags[1]")
    assert '- "#posyandu"' in item.hint


def test_a_real_comment_stays_a_comment(workspace: Workspace) -> None:
    workspace(
        {
            "rilis/ok.md": GOOD_HEAD
            + "location: # boleh dihapus\ntags: [a] # kata kunci\n---\nIsi.\n"
        }
    )
    release = load_release(workspace.root / "rilis/ok.md")
    assert release.tags == ("a",)
    assert release.location is None


def test_missing_closing_line_names_where_the_body_starts(
    workspace: Workspace, indonesian: None
) -> None:
    error = _error(workspace, GOOD_HEAD + "summary: Ringkas\n\nIsi rilis tanpa penutup.\n")
    assert error.location.line == 7
    assert "tidak ditutup" in error.message
    assert "sebelum baris 7" in error.hint


def test_quoted_text_is_not_taken_for_a_mistake() -> None:
    text = 'title: "Posyandu: Desa"\ntags: ["#a", "#b"\n'
    found = explain(text, 2, "did not find expected ',' or ']'")
    assert found is not None and found.line == 2 and "'['" in found.problem


def test_common_parser_problems_are_translated(indonesian: None) -> None:
    assert translate_problem("did not find expected key") == (
        "baris ini menjorok berbeda dari baris-baris di atasnya"
    )
    assert translate_problem("something rare") == "something rare"


def test_swallowed_ignores_quoted_and_spaced_comments() -> None:
    text = 'a: "#x"\nb: # note\nc: #x\n'
    doc = read_yaml(text, "a.yaml")
    assert swallowed_by_comment(text, doc.empty) == (("c",), 3, 'c: "#x"')
