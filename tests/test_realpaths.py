"""``realpaths.resolved`` answers what ``Path.resolve()`` answers, and forgets between runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from humaskit import realpaths


@pytest.fixture(autouse=True)
def _fresh() -> None:
    realpaths.forget()


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "real" / "inner").mkdir(parents=True)
    (tmp_path / "real" / "inner" / "rilis.md").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "inner" / "alias.md").symlink_to("rilis.md")
    return tmp_path


@pytest.mark.parametrize(
    "relative",
    [
        "real/inner/rilis.md",  # a file
        "real/inner",  # a folder
        "linked/inner/rilis.md",  # a file in a linked folder
        "real/inner/alias.md",  # a link to a file
        "real/inner/nothing.md",  # missing
        "linked/inner/../inner/rilis.md",  # `..` after a link
        "real/inner/",  # trailing slash
    ],
)
def test_same_answer_as_resolve(tmp_path: Path, relative: str) -> None:
    root = _tree(tmp_path)
    path = root / relative
    assert realpaths.resolved(path) == path.resolve()
    assert realpaths.resolved(str(path)) == path.resolve()  # again, from the remembered folder


def test_relative_path_is_taken_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    monkeypatch.chdir(root / "linked")
    assert realpaths.resolved("inner/rilis.md") == Path("inner/rilis.md").resolve()
    assert realpaths.resolved("inner/rilis.md") == (root / "real/inner/rilis.md").resolve()


def test_forget_sees_a_folder_relinked_between_runs(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / "other" / "inner").mkdir(parents=True)
    (root / "other" / "inner" / "rilis.md").write_text("y", encoding="utf-8")
    path = root / "linked" / "inner" / "rilis.md"
    assert realpaths.resolved(path) == (root / "real/inner/rilis.md").resolve()

    (root / "linked").unlink()
    (root / "linked").symlink_to(root / "other", target_is_directory=True)
    # Within a run the folder is remembered as it was resolved first ...
    assert realpaths.resolved(path) == (root / "real/inner/rilis.md").resolve()
    # ... and a new run sees it as it is now.
    realpaths.forget()
    assert realpaths.resolved(path) == (root / "other/inner/rilis.md").resolve()


@pytest.mark.parametrize("run", ["render", "check"])
def test_each_run_starts_by_forgetting(tmp_path: Path, run: str) -> None:
    from humaskit.pipeline.check import check
    from humaskit.pipeline.render import render

    realpaths._folders["/stale/folder"] = Path("/elsewhere")
    (tmp_path / "rilis").mkdir()
    try:
        if run == "render":
            render([tmp_path / "rilis"], tmp_path / "out")
        else:
            check([tmp_path / "rilis"])
    except Exception:  # an empty folder may be refused; what matters is what was forgotten
        pass
    assert "/stale/folder" not in realpaths._folders
