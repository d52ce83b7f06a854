"""humaskit: a Markdown press release in, Blora-branded captions and images out.

The Python API (SPEC §9)::

    from humaskit import load_release, load_brand, build_captions, render, count_length

    release = load_release("rilis/2024-05-10-studi-tiru.md")
    captions = build_captions(release, load_brand())
    report = render(["rilis/"], "out")
    count_length("Halo Blora! https://example.go.id", "x")  # 35: a URL counts 23

Heavy modules are imported on first use, so that ``humaskit --help`` starts fast.
"""

from __future__ import annotations

# Not `from typing import ...`: typing costs ≈ 5-20 ms, and the root help screen imports this
# package and little else (humaskit.cli.helpcache). mypy reads this name as typing's.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
    "HumaskitError",
    "__version__",
    "build_captions",
    "count_length",
    "load_brand",
    "load_release",
    "render",
]

if TYPE_CHECKING:
    from typing import Any

    from humaskit.errors import HumaskitError
    from humaskit.model.brand import load_brand
    from humaskit.model.release import load_release
    from humaskit.pipeline.render import render
    from humaskit.text.captions import build_captions
    from humaskit.text.counting import count_length

_LAZY = {
    "load_brand": "humaskit.model.brand",
    "build_captions": "humaskit.text.captions",
    "count_length": "humaskit.text.counting",
    "HumaskitError": "humaskit.errors",
    "load_release": "humaskit.model.release",
    "render": "humaskit.pipeline.render",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'humaskit' has no attribute {name!r}")
