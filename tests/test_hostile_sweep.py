"""A sweep of hostile values through every field of every example release.

Issue 11 asks for a new sweep "of each class — not only the ones named". Every leaf of every
example's frontmatter (top-level fields and the fields of agenda items, figures, highlights,
quotes…) is replaced in turn by each hostile value of its class, and the release goes through
``check`` (which plans every image, so the layouts' text fitting runs too) for Instagram and X.
The only outcomes allowed are a clean result or humaskit's own diagnostics: with
``HUMASKIT_DEBUG=1`` any other exception escapes with its traceback and fails the case.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frontmatter
import pytest
import yaml

from humaskit.pipeline.check import check

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Text: floods, control and format characters (through YAML escapes), template and markup
# injection, a lone surrogate, a megabyte-sized word.
HOSTILE_TEXT = {
    "emoji-flood": "😀👨‍👩‍👧🏳️‍🌈" * 1500,
    "one-long-word": "x" * 60_000,
    "many-words": "kata " * 30_000,
    "control": "awal\x1b]0;judul\x07\x1b[2J\x00akhir",
    "bidi": "\u202ekiri\u2066ke\u2069kanan",
    "template": "{{ 7*7 }}{% for i in range(10**9) %}x{% endfor %}",
    "markup": "</script><script>alert(1)</script> | a | b |\n|---|---|",
    "surrogate": "teks \ud800 rusak",
    "url-run": "1." * 2000 + "https://" + "a." * 2000,
    "empty": "",
}
# Any leaf: values of the wrong type or out of range.
HOSTILE_ANY = {
    "huge-int": 10**400,
    "huge-float": 1e308,
    "nan": float("nan"),
    "negative": -1,
    "bool": True,
    "list": ["a", ["b"]],
    "mapping": {"a": {"b": 1}},
    "datetime": dt.datetime(2024, 5, 10, 10, 0, tzinfo=dt.UTC),
    "none": None,
}

Path_ = tuple[str | int, ...]


def _leaves(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict | list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _replaced(data: Any, path: Path_, new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replaced(data[head], tuple(rest), new)  # type: ignore[index]
    return copy


def _cases() -> Iterator[Any]:
    for release in sorted((EXAMPLES / "rilis").glob("*.md")):
        post = frontmatter.load(release)
        for path, value in _leaves(post.metadata):
            values = {**HOSTILE_ANY, **(HOSTILE_TEXT if isinstance(value, str) else {})}
            for name in values:
                where = ".".join(str(p) for p in path)
                yield pytest.param(
                    release.name, path, name, id=f"{release.stem[11:]}-{where}-{name}"
                )


@pytest.fixture(scope="module")
def examples_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sweep") / "ws"
    shutil.copytree(EXAMPLES, root)
    return root


@pytest.mark.slow
@pytest.mark.parametrize(("release", "path", "value"), list(_cases()))
def test_no_hostile_value_in_any_field_breaks_check(
    examples_copy: Path, monkeypatch: pytest.MonkeyPatch, release: str, path: Path_, value: str
) -> None:
    monkeypatch.setenv("HUMASKIT_DEBUG", "1")  # an internal error raises instead of reporting
    post = frontmatter.load(EXAMPLES / "rilis" / release)
    new = {**HOSTILE_ANY, **HOSTILE_TEXT}[value]
    data = _replaced(post.metadata, path, new)
    text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**9)
    target = examples_copy / "rilis" / f"sweep-{release}"
    target.write_text(f"---\n{text}---\n{post.content}\n", encoding="utf-8")
    try:
        report = check([target], platforms=["instagram", "x"])
    finally:
        target.unlink()
    assert report.checked == 1
    assert not [f for f in report.findings if f.code == "InternalError"]
