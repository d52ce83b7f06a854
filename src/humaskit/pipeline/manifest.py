"""The typed manifest of an output folder: every file it holds and what a person should check.

A :class:`Manifest` is what ``render`` and ``recap`` write as ``manifest.json`` (SPEC §7) and
what they read back to skip unchanged releases. Its JSON form is described by the JSON Schema
``manifest.schema.json`` shipped beside this module (:func:`manifest_json_schema`); ``version``
says which shape of that schema a file has.

Every file of an output folder is listed: each :class:`Artifact` names its file (``path``) and,
for an image, its alt-text file (``alt_path``); ``manifest.json`` itself is the only other file.
An image also lists the text it shows (:class:`TextLayer`: size, box, lines, cut or shrunk), so
type sizes and truncation can be checked without looking at the pixels.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from humaskit.diagnostics import Diagnostic, Severity
from humaskit.pipeline.output import dump_json

MANIFEST_SCHEMA = "humaskit.manifest/1"
MANIFEST_VERSION = 3
MANIFEST_NAME = "manifest.json"
SCHEMA_FILE = "manifest.schema.json"

ArtifactType = Literal["caption", "image", "video"]


@dataclass(frozen=True)
class TextLayer:
    """One block of text on an image, as drawn.

    Attributes:
        layer: the layout layer's name (``rows[2].label`` inside a repeated group).
        font: the font role it is set in (``heading``, ``body``, …).
        size: the final font size in pixels.
        box: the block's box ``(x0, y0, x1, y1)`` in whole pixels.
        lines: the lines as drawn.
        truncated: it did not fit and was cut, ending in "…".
        shrunk: it was set smaller than the layer's size to fit.
    """

    layer: str
    font: str
    size: int
    box: tuple[int, int, int, int]
    lines: tuple[str, ...]
    truncated: bool = False
    shrunk: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "layer": self.layer,
            "font": self.font,
            "size": self.size,
            "box": list(self.box),
            "lines": list(self.lines),
            "truncated": self.truncated,
            "shrunk": self.shrunk,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextLayer:
        """The text layer of a JSON object.

        Raises:
            ValueError: a key is missing or a value has the wrong type.
        """
        layer, font, size = data.get("layer"), data.get("font"), data.get("size")
        box, lines = data.get("box"), data.get("lines")
        truncated, shrunk = data.get("truncated", False), data.get("shrunk", False)
        if (
            not isinstance(layer, str)
            or not isinstance(font, str)
            or type(size) is not int
            or not isinstance(box, list)
            or len(box) != 4
            or not all(type(v) is int for v in box)
            or not isinstance(lines, list)
            or not all(isinstance(line, str) for line in lines)
            or type(truncated) is not bool
            or type(shrunk) is not bool
        ):
            raise ValueError(f"text layer {data!r}")
        return cls(
            layer, font, size, (box[0], box[1], box[2], box[3]), tuple(lines), truncated, shrunk
        )


@dataclass(frozen=True)
class Artifact:
    """One published file: a caption (or a thread post), an image with its alt text, or a
    short clip with its description and subtitles.

    Attributes:
        platform: the platform id the file is for.
        type: ``caption`` or ``image``.
        path: the file, relative to the output folder (``instagram/feed.png``).
        length: a caption's length, counted the platform's way.
        limit: the platform's caption limit.
        hashtags: how many hashtags a caption has.
        part: a thread post's number (from 1); ``parts`` is how many posts the thread has.
        template: the layout that drew an image.
        variant: the platform's image variant (``feed``, ``story``, ``carousel``).
        width: an image's width in pixels; ``height`` its height.
        alt: an image's alt text, as written to ``alt_path``.
        alt_path: the alt-text file beside an image.
        slide: a carousel slide's number (from 1); ``slides`` is how many the carousel has.
        text_layers: an image's text, layer by layer in drawing order.
        duration: a clip's length in seconds; ``fps`` its frames a second; ``codec`` its video
            codec (``h264``); ``audio`` whether it has sound; ``subtitles`` its ``.srt`` file.
    """

    platform: str
    type: ArtifactType
    path: str
    length: int | None = None
    limit: int | None = None
    hashtags: int | None = None
    part: int | None = None
    parts: int | None = None
    template: str | None = None
    variant: str | None = None
    width: int | None = None
    height: int | None = None
    alt: str | None = None
    alt_path: str | None = None
    slide: int | None = None
    slides: int | None = None
    text_layers: tuple[TextLayer, ...] | None = None
    duration: float | None = None
    fps: int | None = None
    codec: str | None = None
    audio: bool | None = None
    subtitles: str | None = None

    @property
    def files(self) -> tuple[str, ...]:
        """The files this artifact puts into the output folder."""
        extra = tuple(p for p in (self.alt_path, self.subtitles) if p is not None)
        return (self.path, *extra)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the fields that have a value, in declaration order."""
        data: dict[str, Any] = {}
        for name in _ARTIFACT_FIELDS:
            value = getattr(self, name)
            if name == "text_layers" and value is not None:
                data[name] = [layer.to_dict() for layer in value]
            elif value is not None:
                data[name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Artifact:
        """The artifact of a JSON object (unknown keys are ignored).

        Raises:
            ValueError: a required key is missing or a value has the wrong type.
        """
        values: dict[str, Any] = {}
        for name in _ARTIFACT_FIELDS:
            value = data.get(name)
            if name == "text_layers":
                if value is not None and not isinstance(value, list):
                    raise ValueError(f"artifact text_layers: {value!r}")
                values[name] = None if value is None else tuple(_text_layers(value))
                continue
            expected: tuple[type, ...] = (
                (str,) if name in _TEXT_FIELDS else _OTHER_TYPES.get(name, (int,))
            )
            if value is not None and (type(value) not in expected):
                raise ValueError(f"artifact {name!r}: {value!r}")
            if name == "duration" and value is not None:
                value = float(value)
            values[name] = value
        if values["platform"] is None or values["path"] is None:
            raise ValueError("artifact without platform or path")
        if values["type"] not in ("caption", "image", "video"):
            raise ValueError(f"artifact type {values['type']!r}")
        return cls(**values)


def _text_layers(items: list[Any]) -> list[TextLayer]:
    if not all(isinstance(item, dict) for item in items):
        raise ValueError("a text layer is not an object")
    return [TextLayer.from_dict(item) for item in items]


_ARTIFACT_FIELDS = tuple(Artifact.__dataclass_fields__)
_TEXT_FIELDS = frozenset(
    {"platform", "type", "path", "template", "variant", "alt", "alt_path", "codec", "subtitles"}
)
_OTHER_TYPES: dict[str, tuple[type, ...]] = {"duration": (int, float), "audio": (bool,)}


@dataclass(frozen=True)
class PeriodEntry:
    """The days a recap covers, as its manifest records them."""

    start: str
    end: str
    week: str | None
    text: str


@dataclass(frozen=True)
class ReleaseEntry:
    """One release a recap sums up."""

    source: str
    title: str
    date: str
    kind: str


@dataclass
class Manifest:
    """What an output folder holds: where it came from, every file, every diagnostic."""

    source: str
    slug: str
    unit: str
    kind: str
    title: str
    date: str
    humaskit: str
    inputs_hash: str
    artifacts: list[Artifact] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    period: PeriodEntry | None = None
    releases: list[ReleaseEntry] | None = None

    @property
    def files(self) -> Iterator[str]:
        """Every file the folder holds besides ``manifest.json``, in manifest order."""
        for artifact in self.artifacts:
            yield from artifact.files

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of ``manifest.json``."""
        data: dict[str, Any] = {
            "schema": MANIFEST_SCHEMA,
            "version": MANIFEST_VERSION,
            "source": self.source,
            "slug": self.slug,
            "unit": self.unit,
            "kind": self.kind,
            "title": self.title,
            "date": self.date,
        }
        if self.period is not None:
            data["period"] = {
                "start": self.period.start,
                "end": self.period.end,
                "week": self.period.week,
                "text": self.period.text,
            }
        if self.releases is not None:
            data["releases"] = [
                {"source": r.source, "title": r.title, "date": r.date, "kind": r.kind}
                for r in self.releases
            ]
        data["humaskit"] = self.humaskit
        data["inputs_hash"] = self.inputs_hash
        data["artifacts"] = [a.to_dict() for a in self.artifacts]
        data["warnings"] = [w.to_dict() for w in self.warnings]
        return data

    def to_json(self) -> bytes:
        """``manifest.json`` as written: UTF-8, indented, keys in a fixed order."""
        return dump_json(self.to_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Manifest:
        """The manifest of a JSON object of this schema and version.

        Raises:
            ValueError: not this schema or version, or a key is missing or malformed.
        """
        if data.get("schema") != MANIFEST_SCHEMA or data.get("version") != MANIFEST_VERSION:
            raise ValueError("another manifest schema or version")
        text = {key: data.get(key) for key in _TEXT_KEYS}
        if not all(isinstance(value, str) for value in text.values()):
            raise ValueError("a manifest field is missing")
        artifacts, warnings = data.get("artifacts"), data.get("warnings")
        if not isinstance(artifacts, list) or not isinstance(warnings, list):
            raise ValueError("artifacts and warnings must be lists")
        period = data.get("period")
        releases = data.get("releases")
        return cls(
            **{key: str(value) for key, value in text.items()},
            artifacts=[Artifact.from_dict(a) for a in artifacts if isinstance(a, dict)],
            warnings=[_diagnostic(w) for w in warnings if isinstance(w, dict)],
            period=PeriodEntry(**period) if isinstance(period, dict) else None,
            releases=[ReleaseEntry(**r) for r in releases] if isinstance(releases, list) else None,
        )


_TEXT_KEYS = ("source", "slug", "unit", "kind", "title", "date", "humaskit", "inputs_hash")


def _diagnostic(data: Mapping[str, Any]) -> Diagnostic:
    """A diagnostic of its :meth:`~humaskit.diagnostics.Diagnostic.to_dict` form."""
    line = data.get("line")
    return Diagnostic(
        code=str(data.get("code", "")),
        message=str(data.get("message", "")),
        severity=Severity(data.get("severity", Severity.WARNING)),
        file=_text(data.get("file")),
        field=_text(data.get("field")),
        line=line if isinstance(line, int) else None,
        platform=_text(data.get("platform")),
        variant=_text(data.get("variant")),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in ``folder``, or ``None`` when there is none, or it is unreadable or older."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        return Manifest.from_dict(data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


def manifest_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``manifest.json``, as shipped in the package."""
    text = resources.files("humaskit.pipeline").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
