"""Which layouts exist and which one a card gets.

Layouts are the ``*.yaml`` files under ``templates/layouts/``: the user's folder first, then the
built-in one. Each kind names its layout; ``templates/sets.yaml`` may choose others per
platform and image variant.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.layout.loader import load_layout
from humaskit.layout.schema import Layout
from humaskit.model.kinds import get_kind, kind_names
from humaskit.model.workspace import templates_entry
from humaskit.resources import builtin_templates_dir

__all__ = ["available_layouts", "find_layout", "layouts_for"]


def available_layouts(templates_dir: Path | None = None) -> dict[str, Path]:
    """Every layout name with the file that defines it (user's files win), for ``templates``.

    Raises:
        TemplateError: the user's ``layouts`` folder, or a layout in it, is a link leading out
            of the templates folder (:func:`~humaskit.model.workspace.templates_entry`).
    """
    found = {p.stem: p for p in sorted((builtin_templates_dir() / "layouts").glob("*.yaml"))}
    own = templates_entry(templates_dir, "layouts")
    if templates_dir is not None and own is not None and own.is_dir():
        for path in sorted(own.glob("*.yaml")):
            found[path.stem] = templates_entry(templates_dir, f"layouts/{path.name}") or path
    return dict(sorted(found.items()))


_LAYOUT_CACHE: dict[tuple[Path, int], Layout] = {}


def find_layout(name: str, templates_dir: Path | None = None) -> Layout:
    """The parsed layout ``name``, the user's file before the built-in one.

    Raises:
        TemplateError: no such layout, or it is invalid.
    """
    path = available_layouts(templates_dir).get(name)
    if path is None:
        raise TemplateError(
            _("There is no layout named {name!r}.").format(name=name),
            hint=_("Known layouts: {names}.").format(
                names=", ".join(available_layouts(templates_dir))
            ),
        )
    key = (path, path.stat().st_mtime_ns)
    if key not in _LAYOUT_CACHE:
        _LAYOUT_CACHE[key] = load_layout(path)
    return _LAYOUT_CACHE[key]


def _read_sets(path: Path) -> dict[str, dict[str, str]]:
    stat = path.stat()
    return _read_sets_version(path, stat.st_mtime_ns, stat.st_size)


# libyaml's loader where it is there: the sets file is plain data, and the pure-Python loader
# takes ~10 ms over it in every process.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _read_sets_version(path: Path, _mtime: int, _size: int) -> dict[str, dict[str, str]]:
    """The sets file, parsed once per version of the file (it is read for every image)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(
            _("The template sets file is not valid YAML."),
            location=Location(file=path, line=mark.line + 1 if mark else None),
        ) from exc
    kinds = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(kinds, dict) or not all(
        isinstance(v, dict) and all(isinstance(x, str) for x in v.values()) for v in kinds.values()
    ):
        raise TemplateError(
            _("The template sets file needs 'kinds:' mapping each kind to layouts."),
            hint=_("For example: kinds: {{rilis: {{default: rilis}}}}.").format(),
            location=Location(file=path, field="kinds"),
        )
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in kinds.items()}


def layouts_for(kind: str, platform: str, variant: str, templates_dir: Path | None = None) -> str:
    """The layout a ``kind`` of release gets on ``platform``'s image ``variant``.

    Each kind's declaration (:mod:`humaskit.model.kinds`) names its layout; ``sets.yaml`` may
    map a kind to a ``default`` layout and ``platform.variant`` or ``platform`` exceptions
    (the user's file overrides kinds it names).

    Raises:
        TemplateError: the kind has no template set, or the file is invalid.
    """
    kinds = {name: {"default": get_kind(name).default_layout} for name in kind_names()}
    own = templates_entry(templates_dir, "sets.yaml")
    for path in (builtin_templates_dir() / "sets.yaml", own):
        if path is not None and path.is_file():
            kinds.update(_read_sets(path))
    entry = kinds.get(kind)
    if entry is None:
        raise TemplateError(
            _("No template set for the kind {kind!r}.").format(kind=kind),
            hint=_("Known kinds: {kinds}.").format(kinds=", ".join(sorted(kinds))),
            location=Location(field="kind"),
        )
    for key in (f"{platform}.{variant}", platform, "default"):
        if key in entry:
            return entry[key]
    raise TemplateError(
        _("The template set {kind!r} has no 'default' layout.").format(kind=kind),
        location=Location(file="sets.yaml", field=kind),
    )
