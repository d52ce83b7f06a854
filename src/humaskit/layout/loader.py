"""Reading a layout file: YAML with line numbers in, a validated :class:`Layout` out.

Each layer is read by its registered type (:mod:`humaskit.layout.schema`): the keys it accepts and
requires come from the type's fields and each value is read by the field's
:class:`~humaskit.layout.values.Value`. Errors name the file, the line and the key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import humaskit.layout.layers  # noqa: F401  (registers the built-in layer types)
from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.layout.geometry import Length
from humaskit.layout.schema import (
    BOX_LENGTHS,
    BOX_REFS,
    COMMON_KEYS,
    BoxSpec,
    Layer,
    Layout,
    layer_types,
)
from humaskit.layout.values import COLOR_ROLES, KeyContext, compile_jinja
from humaskit.yamlio import KeyPath, YamlDoc, read_yaml, suggest

__all__ = ["load_layout", "parse_layout"]

_FRAMES = ("safe", "canvas")
# The built-in layouts have at most a few dozen layers; this bounds planning time per card.
MAX_LAYERS = 200
Fail = Callable[..., TemplateError]


# ---------------------------------------------------------------------------------------------
# YAML with line numbers: the shared reader (humaskit.yamlio), its values as _Map trees


class _Map(dict[str, Any]):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    lines: dict[str, int]


def _tree(value: Any, path: KeyPath, doc: YamlDoc) -> Any:
    """The reader's plain value, with each mapping a :class:`_Map` that knows its lines."""
    if isinstance(value, dict):
        out = _Map()
        out.line = doc.value_line(*path) or 1
        out.lines = {}
        for raw_key, item in value.items():
            key = str(raw_key)
            out[key] = _tree(item, (*path, key), doc)
            out.lines[key] = doc.value_line(*path, key) or out.line
        return out
    if isinstance(value, list):
        return [_tree(item, (*path, index), doc) for index, item in enumerate(value)]
    return value


def _read_yaml(text: str, source: Path | str) -> Any:
    doc = read_yaml(
        text, source, error=TemplateError, syntax=_("The layout is not valid YAML: {problem}")
    )
    return _tree(doc.data, (), doc) if doc.data is not None else None


# ---------------------------------------------------------------------------------------------
# The layout and its layers


def load_layout(path: Path) -> Layout:
    """Read and validate a layout file.

    Raises:
        TemplateError: the file is unreadable, or its YAML, Jinja or schema is invalid.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(
            _("Cannot read the layout: {error}").format(error=exc), location=Location(file=path)
        ) from exc
    return parse_layout(text, path)


def parse_layout(text: str, source: Path | str) -> Layout:
    """Parse and validate layout YAML ``text``; ``source`` names it in errors."""
    name = Path(source).stem

    def fail(
        message: str, line: int | None, field: str | None = None, hint: str = ""
    ) -> TemplateError:
        return TemplateError(
            message, hint=hint, location=Location(file=source, field=field, line=line)
        )

    data = _read_yaml(text, source)
    if not isinstance(data, _Map) or not isinstance(data.get("layers"), list) or not data["layers"]:
        raise fail(_("A layout needs a non-empty list under 'layers:'."), 1, "layers")
    if len(data["layers"]) > MAX_LAYERS:
        raise fail(
            _("A layout may have at most {limit} layers; this one has {count}.").format(
                limit=MAX_LAYERS, count=len(data["layers"])
            ),
            data.lines["layers"],
            "layers",
            _("Use a 'repeat' layer for many similar items."),
        )
    unknown = set(data) - {"name", "description", "background", "layers"}
    if unknown:
        key = sorted(unknown)[0]
        raise fail(
            _("Unknown key {key!r} in the layout.").format(key=key),
            data.lines[key],
            key,
            _("Allowed: name, description, background, layers."),
        )
    background = data.get("background", "background")
    if background not in COLOR_ROLES:
        raise fail(
            _("Unknown colour role {role!r}.").format(role=background),
            data.lines.get("background"),
            "background",
            _("Use one of: {roles}.").format(roles=", ".join(COLOR_ROLES)),
        )
    layers: list[Layer] = []
    for index, raw in enumerate(data["layers"]):
        layers.append(_parse_layer(raw, index, source, {la.id for la in layers}, fail))
    return Layout(
        name=str(data.get("name", name)),
        source=source,
        description=str(data.get("description", "")),
        background=background,
        layers=tuple(layers),
    )


def _parse_layer(raw: Any, index: int, source: Path | str, known: set[str], fail: Fail) -> Layer:
    if not isinstance(raw, _Map):
        raise fail(_("Layer {n} must be a mapping.").format(n=index + 1), None, f"layers[{index}]")
    layer_id = str(raw.get("id", f"layer{index + 1}"))
    kind = raw.get("type")
    types = layer_types()
    cls = types.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise fail(
            _("Layer {layer!r} has an unknown type {kind!r}.").format(layer=layer_id, kind=kind),
            raw.lines.get("type", raw.line),
            f"{layer_id}.type",
            _("Use one of: {kinds}.").format(kinds=", ".join(types)),
        )
    allowed = cls.keys()
    for key in raw:
        if key not in COMMON_KEYS and key not in allowed:
            hint = suggest(key, [*COMMON_KEYS, *allowed])
            raise fail(
                _("Layer {layer!r} has an unknown key {key!r}.").format(layer=layer_id, key=key),
                raw.lines[key],
                f"{layer_id}.{key}",
                hint,
            )
    kwargs: dict[str, Any] = {"id": layer_id, "line": raw.line}

    def where(key: str) -> tuple[int | None, str]:
        return raw.lines.get(key, raw.line), f"{layer_id}.{key}"

    def parse_sub(sub: Any, sub_index: int, sub_known: set[str]) -> Layer:
        return _parse_layer(sub, sub_index, source, sub_known, fail)

    for key, value_kind in allowed.items():
        if key not in raw:
            continue
        context = KeyContext(
            layer_id, key, raw.lines[key], source, frozenset(known), fail, parse_sub
        )
        try:
            kwargs[key] = value_kind.parse(raw[key], context)
        except (ValueError, TypeError) as exc:
            raise fail(
                _("Layer {layer!r}: invalid value {value!r} for {key!r}.").format(
                    layer=layer_id, value=raw[key], key=key
                ),
                *where(key),
                value_kind.hint(),
            ) from exc
    for required in cls.required():
        if required not in kwargs:
            raise fail(
                _("Layer {layer!r} of type {kind!r} needs {key!r}.").format(
                    layer=layer_id, kind=kind, key=required
                ),
                raw.line,
                f"{layer_id}.{required}",
            )
    kwargs["frame"] = raw.get("frame", cls.default_frame)
    if kwargs["frame"] not in _FRAMES:
        raise fail(
            _("Layer {layer!r}: unknown frame {value!r}.").format(
                layer=layer_id, value=kwargs["frame"]
            ),
            *where("frame"),
            _("Use one of: safe, canvas."),
        )
    when = raw.get("when")
    kwargs["when"] = (
        None
        if when is None
        else compile_jinja(
            str(when), template=False, line=raw.lines["when"], field=f"{layer_id}.when", fail=fail
        )
    )
    kwargs["box"] = _parse_box(raw.get("box", _Map()), layer_id, known, raw, fail)
    layer = cls(**kwargs)
    layer.check(fail, raw.lines)
    return layer


def _parse_box(raw: Any, layer_id: str, known: set[str], parent: _Map, fail: Fail) -> BoxSpec:
    line = parent.lines.get("box", parent.line)
    if not isinstance(raw, dict):
        raise fail(
            _("Layer {layer!r}: 'box' must be a mapping.").format(layer=layer_id),
            line,
            f"{layer_id}.box",
        )
    values: dict[str, Any] = {}
    for key, value in raw.items():
        key_line = raw.lines.get(key, line) if isinstance(raw, _Map) else line
        if key in BOX_LENGTHS:
            try:
                values[key] = Length.parse(value)
            except ValueError as exc:
                raise fail(
                    _("Layer {layer!r}: invalid length {value!r} for {key!r}.").format(
                        layer=layer_id, value=value, key=key
                    ),
                    key_line,
                    f"{layer_id}.box.{key}",
                    _("Lengths look like 6s, 50w, 30h or 12px."),
                ) from exc
        elif key in BOX_REFS:
            # Only `wrap` may name several layers: the box then surrounds all of them.
            refs = value if key == "wrap" and isinstance(value, list) else [value]
            for ref in refs:
                if not isinstance(ref, str) or ref not in known:
                    raise fail(
                        _(
                            "Layer {layer!r}: {key!r} names {ref!r}, which is not an earlier layer."
                        ).format(layer=layer_id, key=key, ref=ref),
                        key_line,
                        f"{layer_id}.box.{key}",
                    )
            values[key] = tuple(refs) if key == "wrap" else str(value)
        else:
            hint = suggest(str(key), [*BOX_LENGTHS, *BOX_REFS])
            raise fail(
                _("Layer {layer!r} has an unknown box key {key!r}.").format(
                    layer=layer_id, key=key
                ),
                key_line,
                f"{layer_id}.box.{key}",
                hint,
            )
    return BoxSpec(**values)
