"""The README's caption examples are what humaskit writes (issue 13: "the README's examples …
match what the program prints").

A README example is a ```text block after a marker naming the release and the platform:
``<!-- caption: examples/rilis/….md x -->`` for a whole caption, ``<!-- caption-end: … -->`` for
the caption's last lines.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from humaskit.model.brand import load_brand
from humaskit.model.release import load_release
from humaskit.text.captions import build_captions

README = REPO / "README.md"
_EXAMPLE = re.compile(
    r"<!-- (caption|caption-end): (\S+) (\w+) -->\n```text\n(.*?)\n```", re.DOTALL
)
EXAMPLES = _EXAMPLE.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_caption_examples() -> None:
    assert len(EXAMPLES) >= 3
    assert {platform for _kind, _path, platform, _text in EXAMPLES} >= {"x", "facebook"}


@pytest.mark.parametrize(
    ("kind", "path", "platform", "shown"), EXAMPLES, ids=[f"{e[1]}-{e[2]}" for e in EXAMPLES]
)
def test_a_readme_caption_is_what_humaskit_writes(
    kind: str, path: str, platform: str, shown: str
) -> None:
    release = load_release(REPO / path)
    text = build_captions(release, load_brand(), platforms=[platform])[platform].text
    if kind == "caption":
        assert text == shown
    else:
        assert text.endswith("\n" + shown)
