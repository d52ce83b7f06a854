"""The HTML pages humaskit writes (the preview page, the compare report): one environment.

Pages are rendered from ``templates/preview/`` (a user's copy first) in the same Jinja2 sandbox
as captions (:mod:`humaskit.text.templating`), with autoescaping on: captions, titles and alt
texts are user text shown as HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from humaskit.text.templating import environment, render_template, search_path

PAGES_FOLDER = "preview"


def thousands(value: object) -> str:
    """``2200`` → ``"2.200"``: Indonesian digit grouping (the pages' ``angka`` filter)."""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def render_page(name: str, context: Mapping[str, Any], templates_dir: Path | None = None) -> str:
    """The page template ``name`` rendered with ``context``, as HTML.

    Raises:
        TemplateError: the template is missing or broken.
    """
    env = environment(
        tuple(search_path(PAGES_FOLDER, templates_dir)),
        (("angka", thousands),),
        autoescape=True,
    )
    return render_template(env, name, context)
