"""Batch rendering: shards, the output folder, full disks, releases failing halfway, the pool."""

from __future__ import annotations

import errno
import json
import os
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import humaskit.files
import humaskit.pipeline.job
import humaskit.pipeline.render
from conftest import REPO, CliResult, Workspace, invoke_cli
from humaskit.errors import UsageError
from humaskit.pipeline.discovery import parse_shard, shard_index
from humaskit.pipeline.render import render


def _cli(*args: str | Path) -> CliResult:
    result = invoke_cli("--lang", "en", "render", *args)
    assert result.exception is None, repr(result.exception)
    assert "Traceback" not in result.output
    return result


def _batch(workspace: Workspace, count: int) -> Path:
    """``count`` releases in ``rilis/`` (two folders deep for some), without photos."""
    for i in range(count):
        folder = "rilis" if i % 3 else "rilis/kecamatan"
        workspace.release(f"{folder}/2024-05-{i % 28 + 1:02d}-kabar-{i}.md", date="2024-05-10")
    return workspace.root


def _sources(report: humaskit.pipeline.render.RenderReport) -> set[str]:
    return {Path(r.source).resolve().as_posix() for r in report.results}


# --- shards ----------------------------------------------------------------------------------


@pytest.mark.slow  # four batch renders
@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_the_shards_partition_the_batch(workspace: Workspace, tmp_path: Path, count: int) -> None:
    root = _batch(workspace, 14)
    everything = _sources(render([root], tmp_path / "all", images=False, force=True))
    assert len(everything) == 14
    parts = [
        _sources(render([root], tmp_path / f"s{k}", images=False, shard=(k, count)))
        for k in range(1, count + 1)
    ]
    assert set().union(*parts) == everything
    assert sum(len(p) for p in parts) == len(everything), "a release landed in two shards"


def test_a_shard_does_not_depend_on_other_files_or_the_machine(
    workspace: Workspace, tmp_path: Path
) -> None:
    root = _batch(workspace, 10)
    releases = sorted((root / "rilis").rglob("*.md"))
    before = {p.relative_to(root): shard_index(p, 4) for p in releases}
    assert len(set(before.values())) > 1, "ten releases should not all fall in one of 4 shards"

    _batch(Workspace(root), 25)  # more releases in the same workspace
    moved = shutil.copytree(root, tmp_path / "elsewhere" / "ws")  # another machine's checkout
    for rel, shard in before.items():
        assert shard_index(root / rel, 4) == shard
        assert shard_index(moved / rel, 4) == shard


@pytest.mark.parametrize("text", ["3/2", "0/2", "a/b", "2", "1/0", "-1/2", "1/2/3", ""])
def test_bad_shards_are_usage_errors(workspace: Workspace, tmp_path: Path, text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_shard(text)
    assert "K/N" in info.value.hint
    result = _cli(_batch(workspace, 2), "--out", tmp_path / "out", "--shard", text)
    assert result.exit_code == 2
    assert "shard" in result.stderr
    assert not (tmp_path / "out").exists()


def test_parse_shard() -> None:
    assert parse_shard("2/4") == (2, 4)
    assert parse_shard(" 1 / 1 ") == (1, 1)


def test_json_summary_names_the_shard(workspace: Workspace, tmp_path: Path) -> None:
    root = _batch(workspace, 9)
    result = _cli(root, "--out", tmp_path / "out", "--no-images", "--shard", "2/3", "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["shard"] == {"index": 2, "count": 3, "found": 9}
    mine = {r["source"] for r in summary["releases"]}
    assert summary["rendered"] == len(mine)
    assert all(shard_index(Path(s), 3) == 2 for s in mine)

    text = _cli(root, "--out", tmp_path / "out", "--no-images", "--shard", "2/3")
    assert f"Shard 2/3: {len(mine)} of 9 releases." in text.stderr


# --- the output folder -----------------------------------------------------------------------


def test_an_output_folder_that_cannot_be_made_is_one_clear_error(
    workspace: Workspace, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = _cli(_batch(workspace, 3), "--out", blocker / "out", "--no-images")
    assert result.exit_code == 1
    assert "Cannot write to the output folder" in result.stderr
    assert "--out" in result.stderr
    assert result.stderr.count("error") == 1, "one error for the run, not one per release"

    as_json = _cli(_batch(workspace, 3), "--out", blocker / "out", "--no-images", "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["error"]["error"] == "RenderError"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_output_folder_is_one_clear_error(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = _cli(_batch(workspace, 2), "--out", out, "--no-images")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert "Cannot write to the output folder" in result.stderr


# --- full disks and releases failing halfway -------------------------------------------------


def _leftovers(out: Path) -> list[str]:
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.name.startswith(".") or p.suffix in (".tmp", ".partial", ".old")
    )


def _fail_writes(monkeypatch: pytest.MonkeyPatch, slug: str, name: str) -> Callable[..., None]:
    """Make writing the file ``name`` of the release ``slug`` hit a full disk (through
    ``write_new``, how a staging folder is filled, and ``write_atomic``)."""
    real_atomic = humaskit.files.write_atomic
    real_new = humaskit.files.write_new

    def failing(real: Callable[..., None]) -> Callable[..., None]:
        def full_disk(path: Path, data: bytes, **options: bool) -> None:
            if path.name.startswith(name) and f".{slug}." in path.parent.parent.name:
                # Half the file reaches the disk first, as a real ENOSPC does.
                real(path.with_name(path.name + ".half"), data[: len(data) // 2], **options)
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            real(path, data, **options)

        return full_disk

    monkeypatch.setattr(humaskit.files, "write_atomic", failing(real_atomic))
    monkeypatch.setattr(humaskit.files, "write_new", failing(real_new))
    return failing(real_new)


def _three_releases(workspace: Workspace) -> Path:
    for day, name in ((10, "alpha"), (11, "beta"), (12, "gamma")):
        workspace.release(f"rilis/2024-05-{day}-{name}.md", date=f"2024-05-{day}")
    return workspace.root


@pytest.mark.slow  # renders a batch twice
def test_a_full_disk_fails_that_release_only_and_keeps_its_old_output(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _three_releases(workspace)
    out = tmp_path / "out"
    args = (root, "--out", out, "-p", "instagram", "--jobs", "1", "--json")
    assert _cli(*args).exit_code == 0
    beta = out / "2024-05-11-beta"
    old_files = {p.relative_to(beta): p.read_bytes() for p in beta.rglob("*") if p.is_file()}
    gamma_manifest = out / "2024-05-12-gamma" / "manifest.json"
    gamma_hash = json.loads(gamma_manifest.read_text(encoding="utf-8"))["inputs_hash"]
    assert Path("instagram/story.png") in old_files or Path("instagram/story.jpg") in old_files

    for source in (root / "rilis").glob("*.md"):  # every release changed: all render again
        source.write_text(source.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    _fail_writes(monkeypatch, "2024-05-11-beta", "story")  # after its caption and feed image
    result = _cli(*args)

    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    statuses = {Path(r["source"]).stem: r["status"] for r in summary["releases"]}
    assert statuses == {
        "2024-05-10-alpha": "rendered",
        "2024-05-11-beta": "failed",
        "2024-05-12-gamma": "rendered",
    }
    failure = next(r for r in summary["releases"] if r["status"] == "failed")["error"]
    assert failure["error"] == "RenderError"
    assert "No space left on device" in failure["message"]
    assert "story" in failure["message"]
    now = {p.relative_to(beta): p.read_bytes() for p in beta.rglob("*") if p.is_file()}
    assert now == old_files, "beta keeps its previous complete output, untouched"
    assert _leftovers(out) == []
    assert json.loads(gamma_manifest.read_text(encoding="utf-8"))["inputs_hash"] != gamma_hash


def test_a_release_failing_halfway_leaves_no_folder_in_a_fresh_output(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _three_releases(workspace)
    out = tmp_path / "out"
    _fail_writes(monkeypatch, "2024-05-11-beta", "story")
    result = _cli(root, "--out", out, "-p", "instagram", "--jobs", "1")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "2 rendered, 0 unchanged, 1 failed." in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["2024-05-10-alpha", "2024-05-12-gamma"]
    assert _leftovers(out) == []


def test_a_bug_in_one_release_does_not_stop_the_batch(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _three_releases(workspace)
    real = humaskit.pipeline.job.build_captions

    def buggy(release: Any, *args: Any, **kwargs: Any) -> Any:
        if release.path.stem.endswith("beta"):
            raise ZeroDivisionError("division by zero")
        return real(release, *args, **kwargs)

    monkeypatch.setattr(humaskit.pipeline.job, "build_captions", buggy)
    result = _cli(root, "--out", tmp_path / "out", "--no-images", "--jobs", "1", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["rendered"], summary["failed"]) == (2, 1)
    failed = next(r for r in summary["releases"] if r["status"] == "failed")
    assert failed["error"]["error"] == "InternalError"
    assert "ZeroDivisionError" in failed["error"]["message"]
    assert _leftovers(tmp_path / "out") == []


# --- the process pool ------------------------------------------------------------------------


def test_the_pool_reports_every_release_in_order(workspace: Workspace, tmp_path: Path) -> None:
    root = _batch(workspace, 6)
    bad = workspace.release("rilis/2024-05-20-rusak.md", unit="tidak-ada")
    seen: list[str] = []
    report = render(
        [root],
        tmp_path / "out",
        images=False,
        jobs=2,
        on_result=lambda r: seen.append(r.status),
    )
    single = render([root], tmp_path / "out1", images=False, jobs=1)
    assert [r.source for r in report.results] == [r.source for r in single.results]
    assert sorted(seen) == sorted(r.status for r in report.results)
    assert {r.source: r.status for r in report.results}[bad] == "failed"
    assert len(report.by_status("rendered")) == 6
    assert _leftovers(tmp_path / "out") == []


# --- the CI recipes in examples/ci run commands that exist ------------------------------------

CI = REPO / "examples" / "ci"
_SHELL_BREAK = re.compile(r"\s(?:>|>>|\||&&|\|\||;|2>)\s")
_OPTION = re.compile(r"(?<![\w-])(--?[a-zA-Z][\w-]*)")


def _ci_scripts(path: Path) -> list[str]:
    """The shell text of every step (GitHub ``run``) or script line (GitLab) of a CI file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scripts: list[str] = []
    if "jobs" in data:  # GitHub Actions
        for job in data["jobs"].values():
            scripts.extend(step["run"] for step in job.get("steps", []) if "run" in step)
    else:  # GitLab CI: every job (and default) with script lines
        for job in data.values():
            if isinstance(job, dict):
                for key in ("before_script", "script", "after_script"):
                    scripts.extend(job.get(key, []))
    return scripts


def _humaskit_commands(path: Path) -> list[list[str]]:
    """Each ``humaskit …`` command of a CI file, as words, up to a redirection or pipe."""
    commands = []
    for script in _ci_scripts(path):
        for line in script.replace("\\\n", " ").splitlines():
            line = line.strip()
            if not line.startswith("humaskit "):
                continue
            line = _SHELL_BREAK.split(f" {line} ", maxsplit=1)[0]
            commands.append(shlex.split(line)[1:])
    return commands


def _cli_options(command: str) -> set[str]:
    result = invoke_cli("--lang", "en", command, "--help")
    assert result.exit_code == 0, f"humaskit {command} does not exist: {result.stderr}"
    return set(_OPTION.findall(result.stdout.split("Options:", 1)[1]))


@pytest.mark.parametrize("recipe", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_recipes_use_only_commands_and_options_that_exist(recipe: str) -> None:
    commands = _humaskit_commands(CI / recipe)
    used = {words[0] for words in commands}
    assert {"preview", "compare", "render"} <= used, f"{recipe} lost a step: {sorted(used)}"
    for words in commands:
        known = _cli_options(words[0])
        for word in words[1:]:
            if word.startswith("-"):
                option = word.split("=", 1)[0]
                assert option in known, f"{recipe}: humaskit {words[0]} has no option {option}"
    renders = [w for w in commands if w[0] == "render"]
    assert renders and all("--shard" in w for w in renders), "batch rendering is sharded"
    compares = [w for w in commands if w[0] == "compare"]
    assert compares and all("--report" in w for w in compares)


def test_ci_recipe_shards_are_valid() -> None:
    github = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    shards = github["jobs"]["render"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    for k in shards:
        assert parse_shard(f"{k}/{len(shards)}") == (k, len(shards))
    gitlab = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "$CI_NODE_INDEX/$CI_NODE_TOTAL" in " ".join(gitlab["render"]["script"])
    assert gitlab["render"]["parallel"] >= 2
