"""``new`` and ``init``: scaffold a press release and a workspace."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

from humaskit.errors import BrandError, Location, UsageError
from humaskit.files import write_output
from humaskit.i18n import _
from humaskit.model.kinds import kind_names
from humaskit.pipeline.context import RenderOptions, brand_for
from humaskit.pipeline.output import slugify
from humaskit.resources import builtin_brand_dir
from humaskit.text.templating import environment, render_template, search_path


def workspace_marker(name: str) -> str:
    """The text of a new ``humaskit.toml``: comments in the language of messages, one setting."""
    comment = _(
        "humaskit workspace: releases in rilis/, photos in foto/, output in out/. A brand/ "
        "folder here (see `humaskit init --brand`) replaces the built-in Blora brand kit; a "
        "templates/ folder here overrides built-in templates of the same name."
    )
    lines = textwrap.wrap(comment, width=96, break_on_hyphens=False)
    return "".join(f"# {line}\n" for line in lines) + f'[workspace]\nname = "{name}"\n'


GITIGNORE = "out/\n"
# Where init puts its sample release: beside rilis/, so that `humaskit render` (which reads
# rilis/) never publishes it; it still holds the scaffold's text, which check refuses.
SAMPLE_FOLDER = "contoh"


def new_release(
    title: str,
    *,
    folder: Path = Path("rilis"),
    unit: str = "pemkab",
    kind: str = "rilis",
    date: dt.date | None = None,
    templates_dir: Path | None = None,
    force: bool = False,
) -> Path:
    """Write a new press release with every field explained; return its path."""
    if kind not in kind_names():
        raise UsageError(
            _("Unknown kind {kind!r}.").format(kind=kind),
            hint=_("Choose one of: {kinds}.").format(kinds=", ".join(kind_names())),
        )
    if not title.strip():
        raise UsageError(_("The title is empty."), hint=_('Example: humaskit new "Judul rilis"'))
    day = date or dt.date.today()
    path = folder / f"{day.isoformat()}-{slugify(title, 60)}.md"
    _check_unit(unit, path)
    if path.exists() and not force:
        raise UsageError(
            _("{path} already exists.").format(path=path),
            hint=_("Choose another title, or add --force to overwrite it."),
            location=Location(path),
        )
    text = release_text(title.strip(), day, unit=unit, kind=kind, templates_dir=templates_dir)
    write_output(path, text.encode("utf-8"))
    return path


def release_text(
    title: str,
    day: dt.date,
    *,
    unit: str = "pemkab",
    kind: str = "rilis",
    templates_dir: Path | None = None,
) -> str:
    """The text ``new`` writes: a release of ``kind`` with every field of it explained.

    The studio reads the field help texts from it, so both say the same.
    """
    env = environment(tuple(search_path("new", templates_dir)))
    text = render_template(
        env,
        "release.md.j2",
        {"title": title, "date": day.isoformat(), "unit": unit, "kind": kind},
    )
    return text.rstrip() + "\n"


def _check_unit(unit: str, path: Path) -> None:
    """Refuse a unit the brand kit of ``path``'s workspace does not know, suggesting the units
    it most likely means, as ``render`` does for a release's ``unit``.

    Raises:
        UsageError: no unit has that key or code.
    """
    brand, _templates = brand_for(path, RenderOptions(out=Path("out")))
    try:
        brand.unit(unit)
    except BrandError as exc:
        raise UsageError(exc.message, hint=exc.hint, location=Location(field="--unit")) from None


def init_workspace(folder: Path, *, with_brand: bool = False) -> list[Path]:
    """Create a workspace in ``folder``; return the paths created. Existing files are kept.

    The sample release goes to ``contoh/`` (:data:`SAMPLE_FOLDER`), not ``rilis/``: a render of
    the workspace's releases does not publish it.
    """
    created: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    for sub in ("rilis", "foto"):
        if not (folder / sub).is_dir():
            (folder / sub).mkdir()
            created.append(folder / sub)
    marker = folder / "humaskit.toml"
    if not marker.exists():
        name = folder.resolve().name.replace('"', "")
        write_output(marker, workspace_marker(name).encode("utf-8"))
        created.append(marker)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        write_output(ignore, GITIGNORE.encode("utf-8"))
        created.append(ignore)
    if with_brand and not (folder / "brand" / "brand.yaml").exists():
        (folder / "brand").mkdir(exist_ok=True)
        shutil.copy2(builtin_brand_dir() / "brand.yaml", folder / "brand" / "brand.yaml")
        created.append(folder / "brand" / "brand.yaml")
    sample = folder / SAMPLE_FOLDER
    if not any((folder / "rilis").glob("*.md")) and not any(sample.glob("*.md")):
        created.append(
            new_release("Contoh Rilis Pertama", folder=sample, unit="pemkab", kind="rilis")
        )
    return created
