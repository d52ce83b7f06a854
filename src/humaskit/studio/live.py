"""What the studio shows while an admin types: captions with their counts, images, findings.

Everything here is the library's own work on the text being edited, read as if it were the file
on disk (:func:`~humaskit.model.release.release_from_bytes`): the captions are
:func:`~humaskit.text.captions.build_captions`', the images those
:func:`~humaskit.pipeline.images.render_images` draws for one platform, the findings the
release's notices and the refusals ``check`` would report. So what the preview shows is what
``humaskit render`` writes.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from threading import Lock

from humaskit.diagnostics import Diagnostic
from humaskit.errors import HumaskitError
from humaskit.model.brand import Brand, Unit
from humaskit.model.platforms import Platform, load_platforms
from humaskit.model.release import Release, release_from_bytes, resolve_unit
from humaskit.pipeline.context import RenderOptions, brand_for
from humaskit.pipeline.headline import (
    CARD_TITLE_NEEDED,
    cut_headline,
    shown_images,
    small_headline,
)
from humaskit.pipeline.images import render_images
from humaskit.pipeline.job import release_platforms
from humaskit.pipeline.plan import as_diagnostics
from humaskit.text.captions import build_captions

_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class CaptionView:
    platform: str
    name: str
    text: str
    length: int
    limit: int
    over: bool


@dataclass(frozen=True)
class ImageView:
    key: str
    path: str
    alt: str
    width: int
    height: int


@dataclass
class Findings:
    """Diagnostics sorted by the form field they concern (``""``: the release as a whole)."""

    by_field: dict[str, list[Diagnostic]] = field(default_factory=dict)
    body_line: int | None = None  # a finding without a field from here on is the body's

    def add(self, diagnostic: Diagnostic) -> None:
        found = _FIELD.match(diagnostic.field or "")
        name = found[0] if found else ""
        line = diagnostic.line
        if not name and self.body_line and line is not None and line >= self.body_line:
            name = "body"
        self.by_field.setdefault(name, []).append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.by_field.values())

    @property
    def errors(self) -> int:
        return sum(d.is_error for items in self.by_field.values() for d in items)


@dataclass
class Context:
    """A release being edited, read and resolved: its brand, unit and platform rules."""

    release: Release
    brand: Brand
    unit: Unit
    rules: dict[str, Platform]
    options: RenderOptions


def load_context(
    data: bytes, path: Path, workspace: Path, findings: Findings, *, platforms: tuple[str, ...] = ()
) -> Context | None:
    """The release in ``data`` (as the file ``path``) ready to caption and draw; ``None`` when
    it cannot be read, the reason then in ``findings``."""
    try:
        options = RenderOptions(out=workspace / "out", platforms=platforms)
        brand, templates = brand_for(path, options)
        release = release_from_bytes(data, path, workspace=workspace)
        findings.extend(as_diagnostics(release.notices))
        unit = resolve_unit(release, brand)
        rules = dict(load_platforms(templates))
        return Context(
            release,
            brand,
            unit,
            rules,
            RenderOptions(out=options.out, templates_dir=templates, platforms=platforms),
        )
    except HumaskitError as exc:
        findings.add(Diagnostic.from_error(exc, code=type(exc).__name__))
        return None


def captions(context: Context, names: dict[str, str]) -> list[CaptionView]:
    """Every platform's caption of the release, with its length against the limit."""
    chosen = release_platforms(context.release, context.unit, context.options)
    built = build_captions(
        context.release,
        context.brand,
        platforms=chosen,
        templates_dir=context.options.templates_dir,
        platform_rules=context.rules,
    )
    return [
        CaptionView(
            pid,
            names.get(pid, pid),
            caption.text,
            caption.length,
            caption.limit,
            caption.length > caption.limit,
        )
        for pid, caption in built.items()
    ]


class ImageCache:
    """The last images drawn, by the hash of their bytes, for the page to fetch (bounded)."""

    def __init__(self, size: int = 48) -> None:
        self._items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._size = size
        self._lock = Lock()

    def put(self, data: bytes, suffix: str) -> str:
        key = hashlib.sha256(data).hexdigest()[:24] + suffix
        with self._lock:
            self._items[key] = (data, suffix)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self._lock:
            return self._items.get(key)


def images(
    context: Context,
    platform: str,
    cache: ImageCache,
    findings: Findings,
    *,
    every: bool = False,
) -> list[ImageView]:
    """The images of one platform, drawn now and kept in ``cache``; problems in ``findings``.

    Only its first image unless ``every`` (a carousel takes seconds; a card a fraction of one).
    """
    rule = context.rules.get(platform)
    if rule is None:
        return []
    if not every and rule.images:
        rule = replace(rule, images=rule.images[:1])
    built = build_captions(
        context.release,
        context.brand,
        platforms=[platform],
        templates_dir=context.options.templates_dir,
        platform_rules=context.rules,
    )
    texts = {pid: caption.text for pid, caption in built.items()}
    try:
        plan = render_images(
            context.release, context.brand, context.unit, [rule], context.options, texts
        )
    except HumaskitError as exc:
        findings.add(Diagnostic.from_error(exc, code=type(exc).__name__))
        return []
    findings.extend(plan.diagnostics)
    shown = shown_images(plan.artifacts)
    refusal = cut_headline(context.release, shown)
    if refusal is not None:
        findings.add(Diagnostic.from_error(refusal, code=CARD_TITLE_NEEDED))
    elif (advice := small_headline(context.release, shown)) is not None:
        findings.add(advice)
    views = []
    for artifact in plan.artifacts:
        if artifact.type != "image":
            continue
        key = cache.put(plan.files[artifact.path], Path(artifact.path).suffix)
        views.append(
            ImageView(
                key,
                artifact.path,
                artifact.alt or "",
                artifact.width or 0,
                artifact.height or 0,
            )
        )
    return views
