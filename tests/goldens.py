"""Golden images: a rendered card must match its committed golden pixel for pixel.

The comparison is the project's own pixelmatch diff (:func:`humaskit.cards.imagediff.diff_images`)
at full size: pixels that differ only as anti-aliasing does are forgiven, every other differing
pixel fails. On a failure the golden, the new image and a diff picture (differing pixels red,
anti-aliasing yellow) are written to ``tests/golden-failures/`` (ignored by git) and named in the
message.

Set ``HUMASKIT_UPDATE_GOLDENS=1`` to write the goldens instead, after an intended visual change;
review the changed files in the diff before committing them. A missing golden is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from humaskit.cards.imagediff import diff_images

GOLDEN = Path(__file__).resolve().parent / "golden"
FAILURES = Path(__file__).resolve().parent / "golden-failures"
UPDATE = os.environ.get("HUMASKIT_UPDATE_GOLDENS") == "1"


def golden_differences(
    name: str,
    data: bytes,
    ext: str,
    *,
    golden_dir: Path = GOLDEN,
    failures: Path = FAILURES,
    update: bool = UPDATE,
) -> list[str]:
    """Compare a rendered image (``data``, an ``ext`` file) with ``golden_dir/NAME.EXT``.

    Returns one message per failure (none when the images match). With ``update`` the golden is
    written instead, unless it already matches.
    """
    golden = golden_dir / f"{name}.{ext}"
    for stale in failures.glob(f"{name}.*") if failures.is_dir() else ():
        stale.unlink()
    if golden.is_file() and golden.read_bytes() == data:
        return []
    failures.mkdir(parents=True, exist_ok=True)
    new = failures / f"{name}.new.{ext}"
    new.write_bytes(data)
    if not golden.is_file():
        if update:
            return _write_golden(golden, new)
        return [f"{golden.name}: no golden image (run with HUMASKIT_UPDATE_GOLDENS=1); new: {new}"]
    diff_path = failures / f"{name}.diff.png"
    diff = diff_images(golden, new, diff_path)
    if diff.different == 0 and not diff.resized:
        new.unlink()
        diff_path.unlink(missing_ok=True)
        return []
    if update:
        diff_path.unlink(missing_ok=True)
        return _write_golden(golden, new)
    base = failures / f"{name}.base.{ext}"
    shutil.copyfile(golden, base)
    what = "a different size" if diff.resized else f"{diff.different} differing pixels"
    return [f"{golden.name}: {what}; base: {base}, new: {new}, diff: {diff_path}"]


def _write_golden(golden: Path, new: Path) -> list[str]:
    golden.parent.mkdir(parents=True, exist_ok=True)
    for other in golden.parent.glob(f"{golden.stem}.*"):
        other.unlink()
    new.replace(golden)
    return []
