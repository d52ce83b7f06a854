"""What each studio request does, as plain functions: form values in, HTML out.

The routes (:mod:`humaskit.studio.app`) only read the request and call these; tests call them
the same way through Starlette's test client.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlencode

from humaskit.errors import Location, UsageError
from humaskit.i18n import _
from humaskit.importer import import_document
from humaskit.model.kinds import kind_names
from humaskit.model.platforms import load_platforms
from humaskit.pipeline.context import RenderOptions, brand_for, clear_caches
from humaskit.pipeline.manifest import read_manifest
from humaskit.pipeline.render import render
from humaskit.studio.document import FieldView, token_of
from humaskit.studio.editor import FIELD_PREFIX, NEW_NAME, Editor, new_editor, open_editor
from humaskit.studio.labels import label
from humaskit.studio.live import Findings, ImageCache, captions, images, load_context
from humaskit.studio.views import page
from humaskit.studio.workspace import (
    OUTPUT,
    RELEASES,
    inside,
    list_releases,
    new_release_path,
    platform_zip,
    read_release,
    relative_name,
    save_photo,
    save_release,
)

MAX_UNITS_SHOWN = 12
# The photo fields a form uploads a photo for and clicks its focus on (``<name>_focus``).
PHOTO_FIELDS = ("image", "image_before", "image_after")


def list_page(workspace: Path) -> str:
    """The start page: the releases, a new release of each kind, the Word import."""
    return page(
        "list.html.j2",
        {"rows": list_releases(workspace), "kinds": kind_names(), "workspace": str(workspace)},
    )


def _editor(workspace: Path, values: Mapping[str, str]) -> Editor:
    relative = values.get("path", "")
    kind = values.get(FIELD_PREFIX + "kind", "") or values.get("kind", "")
    if relative:
        _path, raw = read_release(workspace, relative)
        return open_editor(workspace, relative, raw, kind)
    return new_editor(workspace, kind)


def _platform_names(workspace: Path) -> dict[str, str]:
    templates = workspace / "templates"
    rules = load_platforms(templates if templates.is_dir() else None)
    return {pid: rule.name for pid, rule in rules.items()}


def editor_page(
    workspace: Path,
    relative: str,
    kind: str = "",
    imported: str = "",
    fill: str = "",
    typed: Mapping[str, str] | None = None,
) -> str:
    """The editor of the release ``relative`` (a new one of ``kind`` when empty); after an
    import, which document it came from and the fields still to fill in. ``typed``: the form
    as it is when the kind is changed in it; the fields both kinds have keep what was typed."""
    values = {"path": relative, "kind": kind}
    editor = _editor(workspace, values)
    if typed:
        editor.fields = [_as_typed(f, typed, kind) for f in editor.fields]
    names = _platform_names(workspace)
    findings = Findings()
    context = load_context(editor.to_bytes({}), _source(workspace, editor), workspace, findings)
    # Every platform can be drawn; the release's own come first.
    own = [] if context is None else [c.platform for c in captions(context, names)]
    platforms = [*own, *(p for p in names if p not in own)]
    return page(
        "editor.html.j2",
        {
            "editor": editor,
            "path": relative,
            "token": editor.document.token if relative else "",
            "body": editor.document.body if relative else "",
            "body_example": "" if relative else editor.document.body,
            "platforms": [{"id": p, "name": names.get(p, p)} for p in platforms],
            "photos": {name: _photo_url(workspace, editor, name) for name in PHOTO_FIELDS},
            "photo_fields": PHOTO_FIELDS,
            "imported": imported,
            "to_fill": [(name, label(name)) for name in fill.split(",") if name],
        },
    )


def _as_typed(field: FieldView, typed: Mapping[str, str], kind: str) -> FieldView:
    """``field`` with what was typed in the form before the kind changed to ``kind``."""
    if field.name == "kind":
        return replace(field, value=kind)
    value = typed.get(FIELD_PREFIX + field.name)
    if value is None or field.widget in ("yaml", "rows", "record"):
        return field
    return replace(field, value=value)


def fields_fragment(workspace: Path, values: Mapping[str, str]) -> str:
    """The editor with the fields of the kind chosen in the form (htmx swaps its fields in)."""
    kind = values.get(FIELD_PREFIX + "kind", "")
    return editor_page(workspace, values.get("path", ""), kind, typed=values)


def _source(workspace: Path, editor: Editor) -> Path:
    return workspace / (editor.relative or NEW_NAME)


def _photo_url(workspace: Path, editor: Editor, field: str = "image") -> str:
    """The studio address of the release's photo ``field``, "" when it has none (or it is
    outside the workspace)."""
    value = editor.document.values.get(field)
    if not isinstance(value, str) or not value.strip():
        return ""
    base = PurePosixPath(editor.relative or NEW_NAME).parent
    joined = os.path.normpath((base / value.strip()).as_posix())
    try:
        inside(workspace, joined)
    except UsageError:
        return ""
    return "/file/" + quote(PurePosixPath(joined).as_posix())


def preview_fragment(workspace: Path, values: Mapping[str, str]) -> str:
    """The live part of the editor: captions with counts, findings by field, disk changes."""
    editor = _editor(workspace, values)
    names = _platform_names(workspace)
    data = editor.to_bytes(values)
    findings = Findings(body_line=_body_line(data))
    context = load_context(data, _source(workspace, editor), workspace, findings)
    shown = [] if context is None else captions(context, names)
    return page(
        "preview.html.j2",
        {
            "captions": shown,
            "findings": findings.by_field,
            "fields": [*(f.name for f in editor.fields), "body"],
            "changed_on_disk": _changed_on_disk(workspace, values),
            "path": editor.relative,
        },
    )


def _body_line(data: bytes) -> int | None:
    """The first line of the body in a release's bytes (after the closing ``---``)."""
    lines = data.decode("utf-8", "replace").split("\n")
    fences = [i for i, line in enumerate(lines) if line.rstrip("\r").strip() == "---"][:2]
    return fences[1] + 2 if len(fences) == 2 else None


def _changed_on_disk(workspace: Path, values: Mapping[str, str]) -> bool:
    relative, token = values.get("path", ""), values.get("token", "")
    if not relative or not token:
        return False
    path = inside(workspace, relative)
    return not path.is_file() or token_of(path.read_bytes()) != token


def images_fragment(workspace: Path, values: Mapping[str, str], cache: ImageCache) -> str:
    """The images of the chosen platform, drawn from the form as it is now."""
    editor = _editor(workspace, values)
    findings = Findings()
    platform = values.get("platform", "")
    source = _source(workspace, editor)
    context = load_context(
        editor.to_bytes(values), source, workspace, findings, platforms=(platform,)
    )
    every = values.get("every") == "1"
    drawn = (
        []
        if context is None or not platform
        else images(context, platform, cache, findings, every=every)
    )
    return page(
        "images.html.j2",
        {"images": drawn, "findings": [d for items in findings.by_field.values() for d in items]},
    )


def units_fragment(workspace: Path, query: str) -> str:
    """The units whose key, name or Kemendagri code contain ``query`` (the unit picker)."""
    brand, _templates = brand_for(workspace / NEW_NAME, RenderOptions(out=workspace / OUTPUT))
    wanted = query.strip().casefold()
    found = []
    if wanted:
        for unit in brand.units():
            haystack = " ".join((unit.key, unit.name, unit.short_name, unit.code or ""))
            if wanted in haystack.casefold():
                found.append(unit)
                if len(found) >= MAX_UNITS_SHOWN:
                    break
    return page("units.html.j2", {"units": found, "query": query})


def save(workspace: Path, values: Mapping[str, str]) -> tuple[str, str]:
    """Save the form's release; the message and, for a new release, the page to go to."""
    editor = _editor(workspace, values)
    data = editor.to_bytes(values)
    relative = editor.relative or new_release_path(
        workspace, values.get("f:title", ""), values.get("f:date", "")
    )
    unchanged = bool(editor.relative) and data == editor.document.raw
    token = save_release(
        workspace,
        relative,
        data,
        values.get("token", "") if editor.relative else "",
        overwrite=values.get("overwrite") == "1",
    )
    target = "" if editor.relative else "/edit?" + urlencode({"path": relative})
    return page("saved.html.j2", {"path": relative, "token": token, "unchanged": unchanged}), target


def render_fragment(workspace: Path, values: Mapping[str, str]) -> str:
    """Render the saved release into ``out/`` as ``humaskit render`` does; show the result."""
    relative = values.get("path", "")
    if not relative:
        raise UsageError(
            _("Save the release before rendering it."),
            hint=_("Press Save first; rendering uses the file in rilis/."),
        )
    path, _raw = read_release(workspace, relative)
    clear_caches()
    report = render([path], workspace / OUTPUT)
    result = report.results[0]
    if result.manifest is None or result.out_dir is None:
        return page("rendered.html.j2", {"error": result.error or {}, "platforms": []})
    out_dir = result.out_dir
    prefix = relative_name(workspace, out_dir)
    platforms: dict[str, dict[str, Any]] = {}
    names = _platform_names(workspace)
    for artifact in result.manifest.artifacts:
        block = platforms.setdefault(
            artifact.platform,
            {
                "id": artifact.platform,
                "name": names.get(artifact.platform, artifact.platform),
                "captions": [],
                "images": [],
            },
        )
        if artifact.type == "caption":
            text = (out_dir / artifact.path).read_text(encoding="utf-8").removesuffix("\n")
            block["captions"].append(
                {
                    "text": text,
                    "length": artifact.length,
                    "limit": artifact.limit,
                    "part": artifact.part,
                }
            )
        else:
            block["images"].append(
                {"src": "/file/" + quote(f"{prefix}/{artifact.path}"), "alt": artifact.alt or ""}
            )
    for block in platforms.values():
        block["download"] = "/download?" + urlencode({"path": relative, "platform": block["id"]})
    return page(
        "rendered.html.j2",
        {
            "error": {},
            "platforms": list(platforms.values()),
            "out": prefix,
            "warnings": result.manifest.warnings,
        },
    )


def download(workspace: Path, relative: str, platform: str) -> tuple[str, bytes]:
    """One platform's rendered images of a release, as a zip (name, bytes)."""
    path, _raw = read_release(workspace, relative)
    from humaskit.model.release import load_release
    from humaskit.pipeline.output import release_slug

    release = load_release(path, workspace=workspace)
    slug = release_slug(path.stem, release.date.isoformat())
    out_dir = workspace / OUTPUT / slug
    manifest = read_manifest(out_dir)
    files = (
        []
        if manifest is None
        else [
            name
            for artifact in manifest.artifacts
            if artifact.platform == platform and artifact.type == "image"
            for name in artifact.files
        ]
    )
    if not files:
        raise UsageError(
            _("There are no rendered images of {platform} for {path}.").format(
                platform=platform, path=relative
            ),
            hint=_("Press Render first."),
            location=Location(relative),
        )
    return f"{slug}-{platform}.zip", platform_zip(out_dir, files)


def photo_fragment(
    workspace: Path, values: Mapping[str, str], name: str, data: bytes, field: str = "image"
) -> str:
    """Store an uploaded photo in ``foto/``; the photo box and the new value of ``field``
    (``image``, ``image_before`` or ``image_after``)."""
    if field not in PHOTO_FIELDS:
        raise UsageError(
            _("{field} is not a photo field.").format(field=field),
            hint=_("Upload the photo with the button beside a photo field."),
        )
    stored = save_photo(workspace, name, data)
    base = PurePosixPath(values.get("path", "") or NEW_NAME).parent
    image = os.path.relpath(stored, base.as_posix())
    return page("photo.html.j2", {"image": image, "src": "/file/" + quote(stored), "field": field})


def import_upload(workspace: Path, name: str, data: bytes) -> str:
    """Import an uploaded Word file (or WhatsApp text) into ``rilis/`` with the ``import``
    command's code; the editor address of the release it made, with what to check."""
    if not name.lower().endswith((".docx", ".txt")):
        raise UsageError(
            _("{name} is not a Word document (.docx).").format(name=name),
            hint=_("Save the document in Word as .docx and upload that file."),
            location=Location(name),
        )
    with tempfile.TemporaryDirectory(prefix="humaskit-studio-") as folder:
        source = Path(folder) / Path(name).name
        source.write_bytes(data)
        result = import_document(source, workspace=workspace, dest_dir=workspace / RELEASES)
    query = {"path": relative_name(workspace, result.path), "imported": Path(name).name}
    if result.to_fill:
        query["fill"] = ",".join(result.to_fill)
    return "/edit?" + urlencode(query)
