"""``preview``: render, then one offline ``index.html`` to look at and copy everything (SPEC §8).

The page is built from what :func:`humaskit.pipeline.render.render` wrote (the manifests and
the files they list), so it shows exactly what an admin would upload. It is self-contained:
styles and script are inline, images are linked by relative path into the output folder, and a
Content-Security-Policy forbids every network request, so it works the same from ``file://``
on a laptop without internet. The page speaks Indonesian, the language of the admins.

With no release given, the built-in specimens (``templates/specimens/``) are rendered: one
release per kind with stress data, their photos painted at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from humaskit.errors import HumaskitError, Location, TemplateError
from humaskit.files import write_output
from humaskit.i18n import _
from humaskit.model.kinds import kind_names
from humaskit.model.platforms import load_platforms
from humaskit.pipeline.context import RenderOptions, brand_for, check_run_paths
from humaskit.pipeline.render import ReleaseResult, RenderReport, render
from humaskit.resources import builtin_templates_dir
from humaskit.tools.pages import render_page as render_html

__all__ = ["PreviewResult", "preview", "specimens_dir", "write_specimen_workspace"]

INDEX_NAME = "index.html"
PAGE_TEMPLATE = "index.html.j2"
SPECIMEN_FOLDER = "_spesimen"


@dataclass
class PreviewResult:
    """What ``preview`` did: the render report and where the page is."""

    report: RenderReport
    index: Path
    specimens: bool = False

    @property
    def ok(self) -> bool:
        """Whether every release rendered (or was unchanged)."""
        return self.report.ok

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: the page, then the render summary."""
        return {"index": str(self.index), "specimens": self.specimens, **self.report.to_dict()}


def specimens_dir() -> Path:
    """The built-in specimen releases."""
    return builtin_templates_dir() / "specimens"


def write_specimen_workspace(folder: Path) -> list[Path]:
    """Lay out the specimens as a workspace in ``folder`` and return their release files.

    The releases go to ``rilis/``, their photos are painted into ``foto/`` (the same pixels on
    every run, so an unchanged template renders unchanged images), and a ``humaskit.toml``
    marks the folder as the workspace the releases may read from.
    """
    from humaskit.cards.imagediff import make_specimen_photo

    source = specimens_dir()
    rilis, foto = folder / "rilis", folder / "foto"
    write_output(folder / "humaskit.toml", b"# humaskit preview specimens\n")
    for photo in _specimen_photos(source / "photos.yaml"):
        make_specimen_photo(
            foto / f"{photo['name']}.png",
            (int(photo["size"][0]), int(photo["size"][1])),
            seed=int(photo["seed"]),
            **{k: tuple(photo[k]) for k in ("sky", "ground") if k in photo},
        )
    files = []
    for release in sorted(source.glob("*.md")):
        if release.name.lower() == "readme.md":
            continue
        target = rilis / release.name
        write_output(target, release.read_bytes())
        files.append(target)
    return files


def _specimen_photos(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        photos = data["photos"]
        if not isinstance(photos, list) or not all(
            isinstance(p, dict) and {"name", "size", "seed"} <= p.keys() for p in photos
        ):
            raise TypeError
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        raise TemplateError(
            _("The specimen photo list is missing or malformed."),
            hint=_("Each entry of 'photos:' needs name, size [width, height] and seed."),
            location=Location(path, "photos"),
        ) from None
    return photos


def preview(
    paths: Sequence[Path | str],
    out: Path | str = "out",
    *,
    platforms: Sequence[str] = (),
    fmt: str = "auto",
    jobs: int = 1,
    force: bool = False,
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
    allow_paths: Sequence[Path] = (),
    video: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[ReleaseResult], None] | None = None,
) -> PreviewResult:
    """Render releases (or, with none, the specimens) and write ``OUT/index.html``.

    Args:
        paths: release files or folders; empty for the built-in specimens.
        out: the output folder; the page is ``OUT/index.html``.
        platforms: only these platforms (default: each release's or its unit's).
        fmt: image format, one of auto, png, jpeg, webp.
        jobs: releases rendered at once.
        force: render even when the inputs have not changed.
        brand_dir: a brand kit folder.
        templates_dir: a templates folder overriding the built-ins (its ``preview/`` folder may
            override the page template too).
        allow_paths: further folders releases may read from.
        video: also make the short vertical clips, which the page plays.
        on_start: called with the number of releases found.
        on_result: called with each release's result.

    Returns:
        The render report and the page's path; failed releases are listed on the page too.

    Raises:
        UsageError: a path does not exist or an option value is wrong.
        TemplateError: the page template is broken.
        RenderError: the page cannot be written.
    """
    check_run_paths(paths, out, brand_dir=brand_dir, templates_dir=templates_dir)
    out = Path(out)
    options = {
        "platforms": platforms,
        "fmt": fmt,
        "jobs": jobs,
        "force": force,
        "brand_dir": brand_dir,
        "templates_dir": templates_dir,
        "video": video,
        "on_start": on_start,
        "on_result": on_result,
    }
    specimens = not paths
    if specimens:
        # Inside the output, at a fixed place: messages name stable paths, and an admin can
        # open the specimen releases the page shows.
        files = write_specimen_workspace(out / SPECIMEN_FOLDER)
        report = render(files, out, **options)  # type: ignore[arg-type]
    else:
        report = render(paths, out, allow_paths=allow_paths, **options)  # type: ignore[arg-type]
    page = build_page(report, out, brand_dir=brand_dir, templates_dir=templates_dir)
    page["specimens"] = specimens
    html = render_page(page, templates_dir)
    index = out / INDEX_NAME
    write_output(index, html.encode("utf-8"))
    return PreviewResult(report, index, specimens)


def build_page(
    report: RenderReport,
    out: Path,
    *,
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
) -> dict[str, Any]:
    """The data the page template shows: releases, platforms, captions, images, warnings."""
    names = {pid: rule.name for pid, rule in load_platforms(templates_dir).items()}
    releases: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for result in report.results:
        if result.manifest is None or result.out_dir is None:
            failures.append({"source": str(result.source), "message": result.message})
            continue
        releases.append(_release_view(result, out, names, brand_dir))
    kind_order = {kind: index for index, kind in enumerate(kind_names())}
    releases.sort(key=lambda r: (kind_order.get(r["kind"], len(kind_order)), r["date"], r["slug"]))
    units = sorted({(r["unit"], r["unit_name"]) for r in releases}, key=lambda u: u[1].lower())
    used = {p["id"] for r in releases for p in r["platforms"]}
    return {
        "releases": releases,
        "failures": failures,
        "units": [{"key": key, "name": name} for key, name in units],
        "platforms": [{"id": pid, "name": name} for pid, name in names.items() if pid in used],
        "counts": {
            "releases": len(releases),
            "images": sum(len(p["images"]) for r in releases for p in r["platforms"]),
            "captions": sum(len(p["captions"]) for r in releases for p in r["platforms"]),
        },
    }


def _release_view(
    result: ReleaseResult, out: Path, names: dict[str, str], brand_dir: Path | None
) -> dict[str, Any]:
    manifest = result.manifest
    out_dir = result.out_dir or out
    assert manifest is not None  # failed releases are listed apart
    try:
        prefix = out_dir.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        prefix = out_dir.resolve().as_uri()
    platforms: dict[str, dict[str, Any]] = {}

    def block(pid: str) -> dict[str, Any]:
        return platforms.setdefault(
            pid,
            {
                "id": pid,
                "name": names.get(pid, pid),
                "captions": [],
                "images": [],
                "videos": [],
                "warnings": [],
            },
        )

    for artifact in manifest.artifacts:
        pid, path = artifact.platform, artifact.path
        if artifact.type == "caption":
            block(pid)["captions"].append(
                {
                    "path": path,
                    "text": _read_caption(out_dir / path),
                    "length": artifact.length,
                    "limit": artifact.limit,
                    "hashtags": artifact.hashtags,
                    "part": artifact.part,
                    "parts": artifact.parts,
                    "over": (artifact.length or 0) > (artifact.limit or 0),
                }
            )
        elif artifact.type == "video":
            block(pid)["videos"].append(
                {
                    "src": _url(prefix, path),
                    "path": path,
                    "alt": artifact.alt or "",
                    "width": artifact.width,
                    "height": artifact.height,
                    "variant": artifact.variant or "",
                    "duration": artifact.duration or 0.0,
                    "subtitles": _url(prefix, artifact.subtitles) if artifact.subtitles else "",
                    "audio": bool(artifact.audio),
                }
            )
        else:
            block(pid)["images"].append(
                {
                    "src": _url(prefix, path),
                    "path": path,
                    "alt": artifact.alt or "",
                    "width": artifact.width,
                    "height": artifact.height,
                    "variant": artifact.variant or "",
                    "template": artifact.template or "",
                }
            )
    general: list[dict[str, Any]] = []
    for warning in manifest.warnings:
        view = {**warning.to_dict(), "artifact": warning.variant or ""}
        pid = (warning.variant or "").split("/", 1)[0] if "/" in (warning.variant or "") else ""
        if pid in platforms:
            platforms[pid]["warnings"].append(view)
        else:
            general.append(view)
    return {
        "slug": manifest.slug,
        "title": manifest.title,
        "kind": manifest.kind,
        "date": manifest.date,
        "source": manifest.source,
        "unit": manifest.unit,
        "unit_name": _unit_name(result.source, manifest.unit, out, brand_dir),
        "status": result.status,
        "warnings": general,
        "warning_count": len(manifest.warnings),
        "platforms": list(platforms.values()),
    }


def _read_caption(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    # render writes each caption with one closing newline that is not part of the caption
    return text[:-1] if text.endswith("\n") else text


def _url(prefix: str, path: str) -> str:
    if prefix.startswith("file:"):
        return prefix + "/" + quote(path)
    return quote(f"{prefix}/{path}" if prefix and prefix != "." else path)


def _unit_name(source: Path, key: str, out: Path, brand_dir: Path | None) -> str:
    try:
        brand, _templates = brand_for(source, RenderOptions(out=out, brand_dir=brand_dir))
        return brand.unit(key).short_name
    except HumaskitError:
        return key


def render_page(page: dict[str, Any], templates_dir: Path | None = None) -> str:
    """The page as HTML, from ``preview/index.html.j2`` (the user's copy first, if any)."""
    return render_html(PAGE_TEMPLATE, page, templates_dir)
