"""Hostile input stays within memory bounds, measured in a subprocess with a hard limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

# A render of one release for one platform needs well under this; the emoji bug needed 2.6 GB.
ADDRESS_SPACE_LIMIT = 1 << 30


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_a_title_of_300_emoji_renders_within_a_gigabyte(tmp_path: Path) -> None:
    # Fitting measures many candidate lines; each emoji run measured used to get its own tile
    # at the bitmap size, so memory grew with the square of the emoji count.
    emoji = "😀🎉👍🏽🌾🏠👨‍👩‍👧"
    title = "".join(emoji[i % len(emoji)] for i in range(300))
    release = tmp_path / "rilis" / "2024-05-10-emoji.md"
    release.parent.mkdir()
    release.write_text(
        f'---\ntitle: "{title}"\ndate: 2024-05-10\nunit: dinkominfo\n---\n\nIsi singkat.\n',
        encoding="utf-8",
    )
    (tmp_path / "humaskit.toml").write_text("", encoding="utf-8")
    command = [sys.executable, "-m", "humaskit", "render", "rilis", "--out", "out"]
    result = subprocess.run(
        [*command, "--platform", "instagram", "--json"],
        cwd=tmp_path,
        preexec_fn=_limited,
        capture_output=True,
        text=True,
        env={**os.environ, "HUMASKIT_LANG": "en"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list((tmp_path / "out").glob("*/instagram/feed.*"))
