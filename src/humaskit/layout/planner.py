"""Card layouts as data: the schema, the loader and the pure layout planner.

A layout is a YAML file under ``templates/layouts/``: a canvas colour and a list of layers drawn in
order (rectangles, gradients, a pattern, pictures, text boxes). Positions are insets from the edges
of the canvas (or of its safe frame, which leaves out a story's top and bottom zones), in units of
the canvas (``6s`` = 6 % of the short side, ``50w``/``50h`` = half the width/height, ``12px``), or
relative to an earlier layer (``above: headline``). So one layout serves every size.

The planner turns a layout, a canvas and the card's values into a :class:`Plan`: exact boxes,
colours, fitted font sizes and final lines. It never touches pixels; text is measured through the
:class:`Measurer` protocol, which ``humaskit.cards.draw`` implements with Pillow and tests fake.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import jinja2
import yaml

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.layout.textfit import fit_text
from humaskit.text.templating import environment

__all__ = [
    "ArcItem",
    "Box",
    "Canvas",
    "FillItem",
    "GradientItem",
    "ImageItem",
    "Item",
    "Layout",
    "Measurer",
    "PatternItem",
    "Plan",
    "TextItem",
    "TextLine",
    "fit_text",
    "load_layout",
    "parse_layout",
    "plan_layout",
]

RGBA = tuple[int, int, int, int]


class Measurer(Protocol):
    """Measures text for the planner; widths are linear in the font size."""

    def advance(self, text: str, font: str) -> float:
        """Width of ``text`` in font role ``font`` at a size of 1 px."""
        ...

    def vmetrics(self, font: str) -> tuple[float, float]:
        """Ascent and descent (both positive) of font role ``font`` at a size of 1 px."""
        ...


@dataclass(frozen=True)
class Canvas:
    """The image being planned: its size and the story safe zones kept free of text."""

    width: int
    height: int
    safe_top: int = 0
    safe_bottom: int = 0

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    def frame(self, name: str) -> Box:
        if name == "safe":
            return Box(0, self.safe_top, self.width, self.height - self.safe_bottom)
        return Box(0, 0, self.width, self.height)

    def facts(self) -> dict[str, object]:
        """What ``when:`` expressions may ask about the canvas."""
        ratio = self.height / self.width
        return {
            "width": self.width,
            "height": self.height,
            "landscape": ratio < 0.9,
            "square": 0.9 <= ratio <= 1.1,
            "portrait": ratio > 1.1,
            "story": ratio > 1.6,
        }


@dataclass(frozen=True)
class TextLine:
    """One line of a text block: its string and where its baseline starts."""

    text: str
    x: float
    baseline: float
    width: float


@dataclass(frozen=True)
class FillItem:
    layer: str
    box: Box
    color: RGBA
    radius: float = 0.0


@dataclass(frozen=True)
class GradientItem:
    layer: str
    box: Box
    color: RGBA
    direction: str
    stops: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class PatternItem:
    layer: str
    box: Box
    color: RGBA
    scale: float


@dataclass(frozen=True)
class ImageItem:
    layer: str
    box: Box
    source: str
    fit: str
    shape: str
    radius: float
    focus: tuple[float, float]


@dataclass(frozen=True)
class TextItem:
    layer: str
    box: Box
    font: str
    size: int
    color: RGBA
    lines: tuple[TextLine, ...]
    large: bool
    read_with: str = ""  # alt text reads this right after that (earlier) layer's text


@dataclass(frozen=True)
class ArcItem:
    """A ring (donut chart): ``fraction`` of it in ``color`` from 12 o'clock clockwise, the rest
    in ``track`` (when given)."""

    layer: str
    box: Box
    color: RGBA
    track: RGBA | None
    fraction: float
    thickness: float


Item = FillItem | GradientItem | PatternItem | ImageItem | TextItem | ArcItem


@dataclass(frozen=True)
class Plan:
    """Everything the drawing module needs, as plain data."""

    canvas: Canvas
    background: RGBA
    items: tuple[Item, ...]
    warnings: tuple[tuple[str, str], ...] = ()
    # What a screen reader says for a repeated cell (``rows[2]``) instead of its texts.
    alts: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------------------------------
# Schema


@dataclass(frozen=True)
class Box:
    """A rectangle in canvas pixels: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def contains(self, other: Box) -> bool:
        return (
            self.x0 <= other.x0
            and self.y0 <= other.y0
            and other.x1 <= self.x1
            and other.y1 <= self.y1
        )


_LENGTH_TERM = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(fw|fh|px|s|w|h)?\s*$")


@dataclass(frozen=True)
class Length:
    """A length as a sum of terms: ``6s`` (% of the short side), ``50w``, ``50h``, ``12px``;
    in a box, ``50fw`` / ``50fh`` are half the width / height of the layer's frame (the canvas,
    its safe frame, a repeat's cell or the layer named by ``inside``)."""

    terms: tuple[tuple[float, str], ...]

    def px(
        self, width: int, height: int, frame_w: float | None = None, frame_h: float | None = None
    ) -> float:
        per = {
            "s": min(width, height) / 100,
            "w": width / 100,
            "h": height / 100,
            "px": 1.0,
            "fw": (width if frame_w is None else frame_w) / 100,
            "fh": (height if frame_h is None else frame_h) / 100,
        }
        return sum(value * per[unit] for value, unit in self.terms)

    @classmethod
    def parse(cls, raw: object) -> Length:
        if isinstance(raw, bool):
            raise ValueError(raw)
        if isinstance(raw, int | float):
            return cls(((float(raw), "px"),))
        if not isinstance(raw, str):
            raise ValueError(raw)
        terms = []
        if raw.strip().endswith(("+", "-")):
            raise ValueError(raw)
        for sign, part in re.findall(r"([+-]?)\s*([^+-]+)", raw.strip()):
            m = _LENGTH_TERM.match(part)
            if not m:
                raise ValueError(raw)
            value = float(m.group(1)) * (-1 if sign == "-" else 1)
            terms.append((value, m.group(2) or "px"))
        if not terms:
            raise ValueError(raw)
        return cls(tuple(terms))


_BOX_LENGTHS = (
    "left",
    "right",
    "top",
    "bottom",
    "width",
    "height",
    "max_width",
    "max_height",
    "gap",
    "gap_x",
    "pad_x",
    "pad_y",
)
_BOX_REFS = ("after", "before", "above", "below", "middle", "wrap", "inside")


@dataclass(frozen=True)
class BoxSpec:
    """Where a layer goes: insets from its frame, a size, or a relation to an earlier layer."""

    left: Length | None = None
    right: Length | None = None
    top: Length | None = None
    bottom: Length | None = None
    width: Length | None = None
    height: Length | None = None
    max_width: Length | None = None
    max_height: Length | None = None
    gap: Length | None = None
    gap_x: Length | None = None
    pad_x: Length | None = None
    pad_y: Length | None = None
    after: str | None = None
    before: str | None = None
    above: str | None = None
    below: str | None = None
    middle: str | None = None
    wrap: tuple[str, ...] | None = None
    inside: str | None = None  # the frame is that layer's box: insets measure from its edges


@dataclass(frozen=True, eq=False)
class Layer:
    id: str
    box: BoxSpec
    frame: str
    when: Any
    line: int


@dataclass(frozen=True, eq=False)
class RectLayer(Layer):
    color: str = "primary"
    alpha: float = 1.0
    radius: Length | None = None
    behind: bool = False  # drawn under the layers it wraps, though declared after them


@dataclass(frozen=True, eq=False)
class GradientLayer(Layer):
    color: str = "secondary"
    direction: str = "down"
    stops: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))


@dataclass(frozen=True, eq=False)
class PatternLayer(Layer):
    color: str = "secondary"
    alpha: float = 0.2
    scale: Length | None = None


@dataclass(frozen=True, eq=False)
class ImageLayer(Layer):
    source: str = "photo"
    fit: str = "cover"
    shape: str = "rect"
    radius: Length | None = None


@dataclass(frozen=True, eq=False)
class TextLayer(Layer):
    text: Any = None
    font: str = "body"
    color: str = "text_on_dark"
    alpha: float = 1.0
    size: Length = Length(((4.0, "s"),))
    min_size: Length | None = None
    max_lines: int = 1
    line_height: float = 1.2
    align: str = "left"
    valign: str = "top"
    overflow: str = "shrink"
    balance: bool = True
    read_with: str | None = None


@dataclass(frozen=True, eq=False)
class ChartLayer(Layer):
    """What bars and rings share: how full (``value``, 0..1) and the colours of fill and track."""

    value: Any = None
    color: str = "accent"
    alpha: float = 1.0
    track: str | None = None
    track_alpha: float = 0.25


@dataclass(frozen=True, eq=False)
class BarLayer(ChartLayer):
    """A horizontal bar filled to ``value`` of its box, over an optional track."""

    radius: Length | None = None


@dataclass(frozen=True, eq=False)
class DonutLayer(ChartLayer):
    """A ring filled to ``value``, for a single percentage."""

    thickness: Length | None = None


@dataclass(frozen=True, eq=False)
class RepeatLayer(Layer):
    """Its ``layers`` once per element of ``items``, in a grid of ``columns`` inside its box.

    The sub-layers are placed in their cell as if the cell were the frame, and see the element
    as ``item``, its position as ``index`` (from 1) and the number of cells as ``count``. With
    ``uniform``, a text sub-layer gets the same size in every cell (the size the fullest one
    needs), so tiles and rows read as one set.
    """

    items: Any = None
    columns: Any = 1
    max_items: int = 12
    spacing: Length | None = None
    spacing_x: Length | None = None
    row_height: Length | None = None
    valign: str = "top"
    uniform: bool = True
    alt: Any = None
    layers: tuple[Layer, ...] = ()


COLOR_ROLES = ("primary", "secondary", "accent", "text_on_dark", "text_on_light", "background")
FONT_ROLES = ("heading", "body", "numbers")
_ENUMS: dict[str, tuple[str, ...]] = {
    "frame": ("safe", "canvas"),
    "direction": ("down", "up", "right", "left"),
    "source": ("photo", "photo_before", "photo_after", "logo"),
    "fit": ("cover", "contain"),
    "shape": ("rect", "circle", "rounded"),
    "font": FONT_ROLES,
    "color": COLOR_ROLES,
    "track": COLOR_ROLES,
    "align": ("left", "center", "right"),
    "valign": ("top", "middle", "bottom"),
    "overflow": ("shrink", "truncate"),
}
_LENGTH_KEYS = frozenset(
    {"radius", "size", "min_size", "scale", "thickness", "spacing", "spacing_x", "row_height"}
)
_HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_COMMON = ("id", "type", "when", "box", "frame")
_CHART_KEYS = ("value", "color", "alpha", "track", "track_alpha")
_KINDS: dict[str, tuple[type[Layer], tuple[str, ...]]] = {
    "rect": (RectLayer, ("color", "alpha", "radius", "behind")),
    "gradient": (GradientLayer, ("color", "direction", "stops")),
    "pattern": (PatternLayer, ("color", "alpha", "scale")),
    "image": (ImageLayer, ("source", "fit", "shape", "radius")),
    "bar": (BarLayer, (*_CHART_KEYS, "radius")),
    "donut": (DonutLayer, (*_CHART_KEYS, "thickness")),
    "repeat": (
        RepeatLayer,
        (
            "items",
            "columns",
            "max_items",
            "spacing",
            "spacing_x",
            "row_height",
            "valign",
            "uniform",
            "alt",
            "layers",
        ),
    ),
    "text": (
        TextLayer,
        (
            "text",
            "font",
            "color",
            "alpha",
            "size",
            "min_size",
            "max_lines",
            "line_height",
            "align",
            "valign",
            "overflow",
            "balance",
            "read_with",
        ),
    ),
}


class _Map(dict[str, Any]):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    lines: dict[str, int]


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = _Map()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            out[key] = _plain(value_node)
            out.lines[key] = value_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return yaml.SafeLoader(  # let PyYAML type the scalar (int, float, bool, null, str)
        ""
    ).construct_object(node)


@dataclass(frozen=True, eq=False)
class Layout:
    """A parsed, validated layout file."""

    name: str
    source: Path | str
    description: str
    background: str
    layers: tuple[Layer, ...]

    def evaluate(
        self, layer: Layer, compiled: Any, scope: Mapping[str, Any], *, render: bool = False
    ) -> Any:
        """Run a compiled ``when:`` expression or ``text:`` template of ``layer``."""
        try:
            return compiled.render(scope) if render else compiled(**scope)
        except TemplateError:
            raise
        except Exception as exc:  # any Jinja or sandbox failure is the layout's fault
            raise TemplateError(
                _("Layer {layer!r} failed to evaluate: {error}").format(layer=layer.id, error=exc),
                hint=_("Check the expression; available names: {names}.").format(
                    names=", ".join(sorted(scope))
                ),
                location=Location(file=self.source, field=layer.id, line=layer.line),
            ) from exc


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

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = _plain(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(
            _("The layout is not valid YAML: {problem}").format(
                problem=getattr(exc, "problem", None) or exc
            ),
            mark.line + 1 if mark is not None else None,
        ) from exc
    if not isinstance(data, _Map) or not isinstance(data.get("layers"), list) or not data["layers"]:
        raise fail(_("A layout needs a non-empty list under 'layers:'."), 1, "layers")
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


def _parse_layer(
    raw: Any, index: int, source: Path | str, known: set[str], fail: Callable[..., TemplateError]
) -> Layer:
    if not isinstance(raw, _Map):
        raise fail(_("Layer {n} must be a mapping.").format(n=index + 1), None, f"layers[{index}]")
    layer_id = str(raw.get("id", f"layer{index + 1}"))
    kind = raw.get("type")
    if kind not in _KINDS:
        raise fail(
            _("Layer {layer!r} has an unknown type {kind!r}.").format(layer=layer_id, kind=kind),
            raw.lines.get("type", raw.line),
            f"{layer_id}.type",
            _("Use one of: {kinds}.").format(kinds=", ".join(_KINDS)),
        )
    cls, allowed = _KINDS[kind]
    for key in raw:
        if key not in _COMMON and key not in allowed:
            close = difflib.get_close_matches(key, [*_COMMON, *allowed], n=1)
            raise fail(
                _("Layer {layer!r} has an unknown key {key!r}.").format(layer=layer_id, key=key),
                raw.lines[key],
                f"{layer_id}.{key}",
                _("Did you mean {guess!r}?").format(guess=close[0]) if close else "",
            )
    kwargs: dict[str, Any] = {"id": layer_id, "line": raw.line}

    def where(key: str) -> tuple[int | None, str]:
        return raw.lines.get(key, raw.line), f"{layer_id}.{key}"

    for key in allowed:
        if key not in raw:
            continue
        value = raw[key]
        is_hex = key in ("color", "track") and isinstance(value, str) and _HEX_COLOR.match(value)
        if key in _ENUMS and value not in _ENUMS[key] and not is_hex:
            if key in ("color", "track"):
                message = _("Layer {layer!r}: unknown colour role {value!r}.")
            elif key == "font":
                message = _("Layer {layer!r}: unknown font role {value!r}.")
            else:
                message = _("Layer {layer!r}: unknown value {value!r} for {key!r}.")
            raise fail(
                message.format(layer=layer_id, value=value, key=key),
                *where(key),
                _("Use one of: {values}.").format(values=", ".join(_ENUMS[key]))
                + (" " + _("Or a colour code like #C62828.") if key in ("color", "track") else ""),
            )
        try:
            if key in _LENGTH_KEYS:
                value = Length.parse(value)
            elif key in ("value", "items"):
                value = _compile(
                    str(value),
                    template=False,
                    line=raw.lines[key],
                    field=f"{layer_id}.{key}",
                    fail=fail,
                )
            elif key == "columns":
                if isinstance(value, str):
                    value = _compile(
                        value,
                        template=False,
                        line=raw.lines[key],
                        field=f"{layer_id}.{key}",
                        fail=fail,
                    )
                elif not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 8:
                    raise ValueError(value)
            elif key == "max_items":
                if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 24:
                    raise ValueError(value)
            elif key == "layers":
                value = _parse_sublayers(value, layer_id, raw.lines[key], source, fail)
            elif key in ("alpha", "line_height", "track_alpha"):
                value = float(value)
                if not 0 <= value <= (1 if key == "alpha" else 5):
                    raise ValueError(value)
            elif key == "max_lines":
                if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
                    raise ValueError(value)
            elif key in ("balance", "behind", "uniform"):
                if not isinstance(value, bool):
                    raise ValueError(value)
            elif key == "stops":
                value = tuple((float(p), float(a)) for p, a in value)
                if len(value) < 2 or any(not (0 <= p <= 1 and 0 <= a <= 1) for p, a in value):
                    raise ValueError(value)
            elif key in ("text", "alt"):
                value = _compile(
                    str(value),
                    template=True,
                    line=raw.lines[key],
                    field=f"{layer_id}.text",
                    fail=fail,
                )
        except (ValueError, TypeError) as exc:
            raise fail(
                _("Layer {layer!r}: invalid value {value!r} for {key!r}.").format(
                    layer=layer_id, value=raw[key], key=key
                ),
                *where(key),
                _("Lengths look like 6s, 50w, 30h or 12px.") if key in _LENGTH_KEYS else "",
            ) from exc
        kwargs[key] = value
    for required in {"text": "text", "bar": "value", "donut": "value", "repeat": "items"}.get(
        kind, ""
    ).split():
        if required not in kwargs:
            raise fail(
                _("Layer {layer!r} of type {kind!r} needs {key!r}.").format(
                    layer=layer_id, kind=kind, key=required
                ),
                raw.line,
                f"{layer_id}.{required}",
            )
    if kind == "repeat" and "layers" not in kwargs:
        raise fail(
            _("Layer {layer!r} of type {kind!r} needs {key!r}.").format(
                layer=layer_id, kind=kind, key="layers"
            ),
            raw.line,
            f"{layer_id}.layers",
        )
    if kind == "text" and "text" not in kwargs:
        raise fail(
            _("Text layer {layer!r} has no 'text:'.").format(layer=layer_id),
            raw.line,
            f"{layer_id}.text",
        )
    if "read_with" in kwargs and (
        not isinstance(kwargs["read_with"], str) or kwargs["read_with"] not in known
    ):
        raise fail(
            _("Layer {layer!r}: 'read_with' names {ref!r}, which is not an earlier layer.").format(
                layer=layer_id, ref=kwargs["read_with"]
            ),
            *where("read_with"),
        )
    kwargs["frame"] = raw.get(
        "frame", "canvas" if kind in ("gradient", "pattern", "image") else "safe"
    )
    if kwargs["frame"] not in _ENUMS["frame"]:
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
        else _compile(
            str(when), template=False, line=raw.lines["when"], field=f"{layer_id}.when", fail=fail
        )
    )
    kwargs["box"] = _parse_box(raw.get("box", _Map()), layer_id, known, raw, fail)
    if kwargs.get("behind") and kwargs["box"].wrap is None:
        raise fail(
            _("Layer {layer!r}: 'behind' needs 'box: {{wrap: [...]}}'.").format(layer=layer_id),
            *where("behind"),
            _("Name the earlier layers this shape goes behind, e.g. wrap: [logo, unit]."),
        )
    return cls(**kwargs)


def _parse_sublayers(
    raw: Any, layer_id: str, line: int, source: Path | str, fail: Callable[..., TemplateError]
) -> tuple[Layer, ...]:
    """The layers of one cell of a ``repeat`` layer (which may not nest)."""
    if not isinstance(raw, list) or not raw:
        raise fail(
            _("Layer {layer!r}: 'layers' must be a non-empty list.").format(layer=layer_id),
            line,
            f"{layer_id}.layers",
        )
    subs: list[Layer] = []
    for index, sub in enumerate(raw):
        layer = _parse_layer(sub, index, source, {s.id for s in subs}, fail)
        if isinstance(layer, RepeatLayer):
            raise fail(
                _("Layer {layer!r}: a repeat cannot hold another repeat.").format(layer=layer_id),
                layer.line,
                f"{layer_id}.{layer.id}",
            )
        subs.append(layer)
    return tuple(subs)


def _parse_box(
    raw: Any, layer_id: str, known: set[str], parent: _Map, fail: Callable[..., TemplateError]
) -> BoxSpec:
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
        if key in _BOX_LENGTHS:
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
        elif key in _BOX_REFS:
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
            close = difflib.get_close_matches(str(key), [*_BOX_LENGTHS, *_BOX_REFS], n=1)
            raise fail(
                _("Layer {layer!r} has an unknown box key {key!r}.").format(
                    layer=layer_id, key=key
                ),
                key_line,
                f"{layer_id}.box.{key}",
                _("Did you mean {guess!r}?").format(guess=close[0]) if close else "",
            )
    return BoxSpec(**values)


def _compile(
    source: str, *, template: bool, line: int, field: str, fail: Callable[..., TemplateError]
) -> Any:
    try:
        env = environment(())  # the sandbox the captions render in
        return env.from_string(source) if template else env.compile_expression(source)
    except jinja2.TemplateSyntaxError as exc:
        raise fail(
            _("Jinja syntax error: {error}").format(error=exc.message),
            line + (exc.lineno or 1) - 1,
            field,
        ) from exc


# ---------------------------------------------------------------------------------------------
# Planning


def _rgba(colors: Mapping[str, str], role: str, alpha: float, layout: Layout, layer: Layer) -> RGBA:
    value = role if _HEX_COLOR.match(role) else colors.get(role)
    if value is None:
        raise TemplateError(
            _(
                "Layer {layer!r} uses the colour role {role!r}, which the brand does not define."
            ).format(layer=layer.id, role=role),
            hint=_("Use one of: {roles}.").format(roles=", ".join(sorted(colors))),
            location=Location(file=layout.source, field=f"{layer.id}.color", line=layer.line),
        )
    text = value.lstrip("#")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return (r, g, b, round(alpha * 255))


def _resolve(length: Length | None, canvas: Canvas) -> float | None:
    return None if length is None else length.px(canvas.width, canvas.height)


def _axis(
    start: float | None,
    end: float | None,
    size: float | None,
    lo: float,
    hi: float,
    center: float | None,
) -> tuple[float, float]:
    """One axis of a box from insets, a size and an optional centre."""
    if start is not None and end is not None:
        return lo + start, hi - end
    if size is None:
        if start is None and end is None:
            return lo, hi  # nothing said: the whole frame
        size = 0.0
    if start is not None:
        return lo + start, lo + start + size
    if end is not None:
        return hi - end - size, hi - end
    mid = center if center is not None else (lo + hi) / 2
    return mid - size / 2, mid + size / 2


def _box(
    spec: BoxSpec,
    canvas: Canvas,
    frame: Box,
    placed: Mapping[str, Box],
    stand_ins: Mapping[str, Box],
) -> Box:
    if spec.inside and spec.inside in placed:
        frame = placed[spec.inside]

    def px(value: Length | None) -> float | None:
        if value is None:
            return None
        return value.px(canvas.width, canvas.height, frame.width, frame.height)

    gap = px(spec.gap) or 0.0
    gap_x = px(spec.gap_x) or gap
    vertical = {**stand_ins, **placed}
    x0, x1, y0, y1 = frame.x0, frame.x1, frame.y0, frame.y1
    left, right, top, bottom = px(spec.left), px(spec.right), px(spec.top), px(spec.bottom)
    cx = cy = None
    # A relation replaces the frame edge and the inset on that side.
    if spec.after and spec.after in placed:
        x0, left = placed[spec.after].x1 + gap_x, 0.0
    if spec.before and spec.before in placed:
        x1, right = placed[spec.before].x0 - gap_x, 0.0
    if spec.below and spec.below in vertical:
        y0, top = vertical[spec.below].y1 + gap, 0.0
    if spec.above and spec.above in vertical:
        y1, bottom = vertical[spec.above].y0 - gap, 0.0
    if spec.middle and spec.middle in placed:
        ref = placed[spec.middle]
        cy = (ref.y0 + ref.y1) / 2
        top = bottom = None
    wrapped = [placed[r] for r in spec.wrap or () if r in placed]
    if wrapped:
        pad_x, pad_y = px(spec.pad_x) or 0.0, px(spec.pad_y) or 0.0
        # `left`/`right` given with `wrap` fix the horizontal edges (a full-width panel whose
        # height follows its text).
        return Box(
            x0 + left if left is not None else min(b.x0 for b in wrapped) - pad_x,
            min(b.y0 for b in wrapped) - pad_y,
            x1 - right if right is not None else max(b.x1 for b in wrapped) + pad_x,
            max(b.y1 for b in wrapped) + pad_y,
        )
    ax0, ax1 = _axis(left, right, px(spec.width), x0, x1, cx)
    ay0, ay1 = _axis(top, bottom, px(spec.height), y0, y1, cy)
    max_w, max_h = px(spec.max_width), px(spec.max_height)
    if max_w is not None and ax1 - ax0 > max_w:
        ax0, ax1 = (ax1 - max_w, ax1) if left is None and right is not None else (ax0, ax0 + max_w)
    if max_h is not None and ay1 - ay0 > max_h:
        ay0, ay1 = (ay1 - max_h, ay1) if top is None and bottom is not None else (ay0, ay0 + max_h)
    return Box(ax0, ay0, ax1, ay1)


def _stand_in(layer: Layer, placed: dict[str, Box], stand_ins: dict[str, Box]) -> None:
    """Record a layer left out (by ``when:``, a missing image or empty text).

    Layers stacked ``above``/``below`` it then stack against what it was stacked against, so the
    stack closes up; layers placed ``after``/``before`` it fall back to their own insets.
    """
    if layer.id in placed:  # a same-named alternative (other `when:`) is already drawn
        return
    for ref in (layer.box.above, layer.box.below):
        box = placed.get(ref or "") or stand_ins.get(ref or "")
        if box is not None:
            stand_ins[layer.id] = box
            return


def _is_large(size: int, font_weight: int, canvas: Canvas) -> bool:
    """WCAG "large text", judged at the size a phone shows the card (its short side at 360 px).

    WCAG's thresholds are in CSS px: 24 px, or 18.66 px when bold.
    """
    shown = size * 360 / canvas.short
    return shown >= 24 or (font_weight >= 700 and shown >= 18.66)


def plan_layout(
    layout: Layout,
    canvas: Canvas,
    *,
    values: Mapping[str, Any],
    colors: Mapping[str, str],
    measurer: Measurer,
    available: Iterable[str] = (),
    weights: Mapping[str, int] | None = None,
) -> Plan:
    """Plan one card: boxes, colours, fitted text, in drawing order.

    Args:
        layout: the layout to plan.
        canvas: the image size and its safe zones.
        values: the card's fields, as seen by the layout's Jinja expressions.
        colors: colour roles to ``#RRGGBB``.
        measurer: measures text at a size of 1 px.
        available: image sources present (``photo``, ``logo``); image layers of absent sources
            are left out.
        weights: font weight per font role, for telling large text from small.

    Returns:
        The plan, with ``text-shrunk``/``text-truncated`` warnings.

    Raises:
        TemplateError: an expression fails or a colour role is unknown.
    """
    planner = _Planner(layout, canvas, colors, measurer, set(available), weights or {})
    items: list[Item] = []
    warnings: list[tuple[str, str]] = []
    planner.run(layout.layers, {**values, "canvas": canvas.facts()}, None, "", {}, items, warnings)
    background = _rgba(colors, layout.background, 1.0, layout, layout.layers[0])
    return Plan(
        canvas, background, tuple(items), tuple(dict.fromkeys(warnings)), tuple(planner.alts)
    )


@dataclass
class _Planner:
    """Plans a sequence of layers; a ``repeat`` layer plans its cells with the same machinery."""

    layout: Layout
    canvas: Canvas
    colors: Mapping[str, str]
    measurer: Measurer
    have: set[str]
    weights: Mapping[str, int]
    alts: list[tuple[str, str]] = field(default_factory=list)

    def run(
        self,
        layers: Iterable[Layer],
        scope: Mapping[str, Any],
        frame: Box | None,
        prefix: str,
        caps: Mapping[str, int],
        items: list[Item],
        warnings: list[tuple[str, str]],
    ) -> dict[str, Box]:
        """Plan ``layers`` into ``items``; returns the boxes placed, by layer id.

        ``frame`` replaces the canvas (or safe) frame inside a repeat's cell; ``prefix`` names
        the cell in item names; ``caps`` caps text sizes per layer id (uniform cells).
        """
        layout, canvas, colors = self.layout, self.canvas, self.colors
        placed: dict[str, Box] = {}
        stand_ins: dict[str, Box] = {}
        for layer in layers:
            if (
                (layer.when is not None and not layout.evaluate(layer, layer.when, scope))
                or (isinstance(layer, ImageLayer) and layer.source not in self.have)
                # a shape wrapping only absent layers would otherwise fill the whole frame
                or (layer.box.wrap is not None and not any(r in placed for r in layer.box.wrap))
            ):
                _stand_in(layer, placed, stand_ins)
                continue
            box = _box(layer.box, canvas, frame or canvas.frame(layer.frame), placed, stand_ins)
            name = prefix + layer.id
            if isinstance(layer, ImageLayer):
                focus = scope.get("photo_focus", (0.5, 0.5)) if layer.source == "photo" else None
                fx, fy = focus or (0.5, 0.5)
                radius = _resolve(layer.radius, canvas) or 0.0
                items.append(
                    ImageItem(name, box, layer.source, layer.fit, layer.shape, radius, (fx, fy))
                )
            elif isinstance(layer, RectLayer):
                color = _rgba(colors, layer.color, layer.alpha, layout, layer)
                fill = FillItem(name, box, color, _resolve(layer.radius, canvas) or 0.0)
                wrapped = {prefix + r for r in layer.box.wrap or ()}
                first = next((i for i, it in enumerate(items) if it.layer in wrapped), None)
                if layer.behind and first is not None:
                    items.insert(first, fill)
                else:
                    items.append(fill)
            elif isinstance(layer, GradientLayer):
                color = _rgba(colors, layer.color, 1.0, layout, layer)
                items.append(GradientItem(name, box, color, layer.direction, layer.stops))
            elif isinstance(layer, PatternLayer):
                color = _rgba(colors, layer.color, layer.alpha, layout, layer)
                scale = _resolve(layer.scale, canvas) or canvas.short / 10
                items.append(PatternItem(name, box, color, scale))
            elif isinstance(layer, BarLayer):
                items.extend(self._bar(layer, box, name, scope))
            elif isinstance(layer, DonutLayer):
                arc = self._donut(layer, box, name, scope)
                items.append(arc)
                box = arc.box  # the ring's square: what text placed in or by it lines up with
            elif isinstance(layer, RepeatLayer):
                grid = self._repeat(layer, box, name, scope, items, warnings)
                if grid is None:
                    _stand_in(layer, placed, stand_ins)
                    continue
                box = grid
            elif isinstance(layer, TextLayer):
                item, notes = _plan_text(
                    layout, layer, box, canvas, scope, colors, self.measurer, caps.get(layer.id)
                )
                warnings.extend(notes)
                if item is None:
                    _stand_in(layer, placed, stand_ins)
                    continue
                item["layer"] = name
                large = _is_large(item["size"], self.weights.get(layer.font, 400), canvas)
                read_with = prefix + layer.read_with if layer.read_with else ""
                items.append(TextItem(**item, large=large, read_with=read_with))
                box = item["box"]
            placed[layer.id] = box
            stand_ins.pop(layer.id, None)
        return placed

    def _fraction(self, layer: ChartLayer, scope: Mapping[str, Any]) -> float:
        raw = self.layout.evaluate(layer, layer.value, scope)
        try:
            value = float(raw if raw is not None else 0.0)
        except (TypeError, ValueError):
            raise TemplateError(
                _("Layer {layer!r}: 'value' gave {value!r}, not a number.").format(
                    layer=layer.id, value=raw
                ),
                hint=_("'value' is a fraction from 0 to 1, e.g. item.ratio or item.share."),
                location=Location(file=self.layout.source, field=layer.id, line=layer.line),
            ) from None
        # A chart never draws past its end or below zero: the number next to it says the rest.
        return min(1.0, max(0.0, value)) if value == value else 0.0

    def _bar(self, layer: BarLayer, box: Box, name: str, scope: Mapping[str, Any]) -> list[Item]:
        fraction = self._fraction(layer, scope)
        radius = min(_resolve(layer.radius, self.canvas) or 0.0, box.height / 2)
        out: list[Item] = []
        if layer.track is not None:
            track = _rgba(self.colors, layer.track, layer.track_alpha, self.layout, layer)
            out.append(FillItem(name + ".track", box, track, radius))
        width = box.width * fraction
        if width >= 1:
            color = _rgba(self.colors, layer.color, layer.alpha, self.layout, layer)
            fill = Box(box.x0, box.y0, box.x0 + width, box.y1)
            out.append(FillItem(name, fill, color, min(radius, width / 2)))
        return out

    def _donut(self, layer: DonutLayer, box: Box, name: str, scope: Mapping[str, Any]) -> ArcItem:
        fraction = self._fraction(layer, scope)
        side = min(box.width, box.height)
        square = Box(
            box.x0 + (box.width - side) / 2,
            box.y0 + (box.height - side) / 2,
            box.x0 + (box.width + side) / 2,
            box.y0 + (box.height + side) / 2,
        )
        thickness = _resolve(layer.thickness, self.canvas) or side * 0.14
        color = _rgba(self.colors, layer.color, layer.alpha, self.layout, layer)
        track = (
            _rgba(self.colors, layer.track, layer.track_alpha, self.layout, layer)
            if layer.track is not None
            else None
        )
        return ArcItem(name, square, color, track, fraction, min(thickness, side / 2))

    def _repeat(
        self,
        layer: RepeatLayer,
        box: Box,
        name: str,
        scope: Mapping[str, Any],
        items: list[Item],
        warnings: list[tuple[str, str]],
    ) -> Box | None:
        """Plan the cells of a repeat into ``items``; returns the box the cells cover."""
        raw = self.layout.evaluate(layer, layer.items, scope)
        if raw is None:
            return None
        if isinstance(raw, str | bytes | Mapping) or not isinstance(raw, Iterable):
            raise TemplateError(
                _("Layer {layer!r}: 'items' must give a list, not {value!r}.").format(
                    layer=layer.id, value=raw
                ),
                location=Location(file=self.layout.source, field=layer.id, line=layer.line),
            )
        elements = list(raw)[: layer.max_items]
        if not elements:
            return None
        columns = layer.columns
        if not isinstance(columns, int):
            columns = self.layout.evaluate(layer, columns, scope)
            if not isinstance(columns, int) or isinstance(columns, bool) or columns < 1:
                raise TemplateError(
                    _("Layer {layer!r}: 'columns' must give a whole number from 1.").format(
                        layer=layer.id
                    ),
                    location=Location(file=self.layout.source, field=layer.id, line=layer.line),
                )
        columns = min(columns, len(elements))
        rows = -(-len(elements) // columns)
        gap_y = _resolve(layer.spacing, self.canvas) or 0.0
        gap_x = _resolve(layer.spacing_x, self.canvas) or gap_y
        cell_w = (box.width - gap_x * (columns - 1)) / columns
        pitch_h = _resolve(layer.row_height, self.canvas)
        share_h = (box.height - gap_y * (rows - 1)) / rows
        # A row height is what a row wants; rows never spill out of the group's box.
        cell_h = min(pitch_h, share_h) if pitch_h is not None else share_h
        grid_h = rows * cell_h + (rows - 1) * gap_y
        top = {"top": box.y0, "bottom": box.y1 - grid_h}.get(
            layer.valign, box.y0 + (box.height - grid_h) / 2
        )
        cells = []
        for index, element in enumerate(elements):
            row, col = divmod(index, columns)
            x0 = box.x0 + col * (cell_w + gap_x)
            y0 = top + row * (cell_h + gap_y)
            cell_scope = {**scope, "item": element, "index": index + 1, "count": len(elements)}
            cells.append((Box(x0, y0, x0 + cell_w, y0 + cell_h), cell_scope))

        def plan_cells(caps: Mapping[str, int]) -> tuple[list[Item], list[tuple[str, str]]]:
            cell_items: list[Item] = []
            cell_warnings: list[tuple[str, str]] = []
            for index, (cell, cell_scope) in enumerate(cells):
                prefix = f"{name}[{index + 1}]."
                self.run(layer.layers, cell_scope, cell, prefix, caps, cell_items, cell_warnings)
            return cell_items, cell_warnings

        planned, notes = plan_cells({})
        if layer.uniform and len(cells) > 1:
            sizes: dict[str, int] = {}
            for item in planned:
                if isinstance(item, TextItem):
                    sub = item.layer.rsplit(".", 1)[-1]
                    sizes[sub] = min(sizes.get(sub, item.size), item.size)
            uneven = any(
                isinstance(item, TextItem) and item.size > sizes[item.layer.rsplit(".", 1)[-1]]
                for item in planned
            )
            if uneven:
                planned, notes = plan_cells(sizes)
        items.extend(planned)
        warnings.extend(notes)
        if layer.alt is not None:
            for index, (_cell, cell_scope) in enumerate(cells):
                said = self.layout.evaluate(layer, layer.alt, cell_scope, render=True).strip()
                self.alts.append((f"{name}[{index + 1}]", " ".join(said.split())))
        used = cells[-1][0]
        return Box(box.x0, top, box.x1, max(used.y1, top + grid_h))


def _plan_text(
    layout: Layout,
    layer: TextLayer,
    box: Box,
    canvas: Canvas,
    scope: Mapping[str, Any],
    colors: Mapping[str, str],
    measurer: Measurer,
    cap: int | None = None,
) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    text = " ".join(layout.evaluate(layer, layer.text, scope, render=True).split(" ")).strip()
    if not text:
        return None, []
    max_size = round(layer.size.px(canvas.width, canvas.height))
    if cap is not None:
        max_size = min(max_size, cap)
    min_size = round(layer.min_size.px(canvas.width, canvas.height)) if layer.min_size else max_size
    if layer.overflow == "truncate":
        min_size = max_size
    fit = fit_text(
        text,
        measure=lambda s: measurer.advance(s, layer.font),
        width=box.width,
        height=box.height,
        min_size=min_size,
        max_size=max_size,
        max_lines=layer.max_lines,
        line_height=layer.line_height,
        balance=layer.balance,
    )
    notes: list[tuple[str, str]] = []
    where = Location(file=layout.source, field=layer.id)
    if fit.truncated:
        notes.append(
            (
                "text-truncated",
                _("{where}: the text of {layer!r} does not fit and was cut: {text!r}.").format(
                    where=where, layer=layer.id, text=text
                ),
            )
        )
    elif fit.shrunk and fit.size <= min_size and min_size < max_size:
        notes.append(
            (
                "text-shrunk",
                _("{where}: the text of {layer!r} was shrunk to its smallest size.").format(
                    where=where, layer=layer.id
                ),
            )
        )
    ascent, descent = measurer.vmetrics(layer.font)
    pitch = layer.line_height * fit.size
    block_h = (len(fit.lines) - 1) * pitch + fit.size
    top = {"top": box.y0, "bottom": box.y1 - block_h}.get(
        layer.valign, box.y0 + (box.height - block_h) / 2
    )
    # Centre the glyphs' ascent+descent on the em box so the block's edges sit on the ink.
    first_baseline = top + fit.size * (1 + ascent - descent) / 2
    lines = []
    widest = max(fit.widths)
    for i, (line, w) in enumerate(zip(fit.lines, fit.widths, strict=True)):
        x = {"left": box.x0, "right": box.x1 - w}.get(layer.align, box.x0 + (box.width - w) / 2)
        lines.append(TextLine(line, round(x, 2), round(first_baseline + i * pitch, 2), round(w, 2)))
    bx0 = {"left": box.x0, "right": box.x1 - widest}.get(
        layer.align, box.x0 + (box.width - widest) / 2
    )
    ink = Box(round(bx0, 2), round(top, 2), round(bx0 + widest, 2), round(top + block_h, 2))
    color = _rgba(colors, layer.color, layer.alpha, layout, layer)
    item = {
        "layer": layer.id,
        "box": ink,
        "font": layer.font,
        "size": fit.size,
        "color": color,
        "lines": tuple(lines),
    }
    return item, notes
