"""The kinds of value a layer key takes in layout YAML, each with how it is read and checked.

A layer type declares each of its keys as a dataclass field whose metadata holds one of these
(see :func:`humaskit.layout.schema.key`). :meth:`Value.parse` turns the YAML value into what the
layer holds; it raises ``ValueError``/``TypeError`` for the loader's "invalid value" error, or a
:class:`~humaskit.errors.TemplateError` of its own through ``context.fail``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit.errors import TemplateError
from humaskit.i18n import _
from humaskit.layout.geometry import Length
from humaskit.text.templating import SnippetSyntaxError, compile_snippet

if TYPE_CHECKING:
    from humaskit.layout.schema import Layer

__all__ = [
    "COLOR_ROLES",
    "DEFAULT_COLORS",
    "FONT_ROLES",
    "Choice",
    "ColorRole",
    "Columns",
    "Count",
    "Expression",
    "Flag",
    "FontRole",
    "KeyContext",
    "LayerRef",
    "LengthValue",
    "Number",
    "Stops",
    "Sublayers",
    "Template",
    "Value",
    "compile_jinja",
]

COLOR_ROLES = (
    "primary",
    "secondary",
    "accent",
    "text_on_dark",
    "text_on_light",
    "background",
    "alert",
)
# Colour roles a brand kit may leave out, and what layouts get then: `alert` is the red of a
# warning (the HOAKS stamp); white on it is 6.5:1, and it is 5.8:1 on the brand's cream.
DEFAULT_COLORS = {"alert": "#B3261E"}
FONT_ROLES = ("heading", "body", "numbers")
HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

Fail = Callable[..., TemplateError]


@dataclass(frozen=True)
class KeyContext:
    """Where a value is read: its layer, key and line, the layers before it, and how to fail."""

    layer: str  # the layer's id
    key: str
    line: int
    source: Path | str
    known: frozenset[str]  # ids of the earlier layers of the same list
    fail: Fail  # fail(message, line, field=None, hint="") -> TemplateError
    parse_layer: Callable[[Any, int, set[str]], Layer]  # (raw, index, known) -> layer

    @property
    def field(self) -> str:
        return f"{self.layer}.{self.key}"


class Value:
    """How the YAML value of one layer key is read."""

    def parse(self, raw: Any, context: KeyContext) -> Any:
        return raw

    def hint(self) -> str:
        """What the "invalid value" error suggests."""
        return ""


@dataclass(frozen=True)
class Choice(Value):
    """One of a fixed set of words."""

    values: tuple[str, ...]

    def message(self) -> str:
        return _("Layer {layer!r}: unknown value {value!r} for {key!r}.")

    def extra(self) -> str:
        return ""

    def accepts(self, raw: Any) -> bool:
        return raw in self.values

    def parse(self, raw: Any, context: KeyContext) -> Any:
        if not self.accepts(raw):
            raise context.fail(
                self.message().format(layer=context.layer, value=raw, key=context.key),
                context.line,
                context.field,
                _("Use one of: {values}.").format(values=", ".join(self.values)) + self.extra(),
            )
        return raw


@dataclass(frozen=True)
class FontRole(Choice):
    values: tuple[str, ...] = FONT_ROLES

    def message(self) -> str:
        return _("Layer {layer!r}: unknown font role {value!r}.")


@dataclass(frozen=True)
class ColorRole(Choice):
    """A colour role of the brand, or a colour code like ``#C62828``."""

    values: tuple[str, ...] = COLOR_ROLES

    def message(self) -> str:
        return _("Layer {layer!r}: unknown colour role {value!r}.")

    def extra(self) -> str:
        return " " + _("Or a colour code like #C62828.")

    def accepts(self, raw: Any) -> bool:
        return raw in self.values or (isinstance(raw, str) and bool(HEX_COLOR.match(raw)))


class LengthValue(Value):
    """A :class:`~humaskit.layout.geometry.Length` such as ``6s`` or ``12px``."""

    def parse(self, raw: Any, context: KeyContext) -> Length:
        return Length.parse(raw)

    def hint(self) -> str:
        return _("Lengths look like 6s, 50w, 30h or 12px.")


class Expression(Value):
    """A Jinja expression, evaluated when the card is planned (``item.ratio``)."""

    def parse(self, raw: Any, context: KeyContext) -> Any:
        return compile_jinja(
            str(raw), template=False, line=context.line, field=context.field, fail=context.fail
        )


class Template(Value):
    """A Jinja template giving text (``{{ title }}``)."""

    def parse(self, raw: Any, context: KeyContext) -> Any:
        return compile_jinja(
            str(raw),
            template=True,
            line=context.line,
            field=f"{context.layer}.text",
            fail=context.fail,
        )


@dataclass(frozen=True)
class Count(Value):
    """A whole number from ``lo`` to ``hi``."""

    lo: int
    hi: int

    def parse(self, raw: Any, context: KeyContext) -> int:
        if not isinstance(raw, int) or isinstance(raw, bool) or not self.lo <= raw <= self.hi:
            raise ValueError(raw)
        return raw


class Columns(Count):
    """A whole number of columns, or an expression giving one when the card is planned."""

    def parse(self, raw: Any, context: KeyContext) -> Any:
        if isinstance(raw, str):
            return Expression().parse(raw, context)
        return super().parse(raw, context)


@dataclass(frozen=True)
class Number(Value):
    """A number from ``lo`` to ``hi``."""

    lo: float
    hi: float

    def parse(self, raw: Any, context: KeyContext) -> float:
        if isinstance(raw, bool):
            raise ValueError(raw)
        value = float(raw)
        if not self.lo <= value <= self.hi:  # NaN compares false: refused too
            raise ValueError(value)
        return value


class Flag(Value):
    """``true`` or ``false``."""

    def parse(self, raw: Any, context: KeyContext) -> bool:
        if not isinstance(raw, bool):
            raise ValueError(raw)
        return raw


class Stops(Value):
    """Gradient stops: at least two ``[position, opacity]`` pairs, each from 0 to 1."""

    def parse(self, raw: Any, context: KeyContext) -> tuple[tuple[float, float], ...]:
        value = tuple((float(p), float(a)) for p, a in raw)
        if len(value) < 2 or any(not (0 <= p <= 1 and 0 <= a <= 1) for p, a in value):
            raise ValueError(value)
        return value


class LayerRef(Value):
    """The id of an earlier layer."""

    def parse(self, raw: Any, context: KeyContext) -> str:
        if not isinstance(raw, str) or raw not in context.known:
            raise context.fail(
                _("Layer {layer!r}: {key!r} names {ref!r}, which is not an earlier layer.").format(
                    layer=context.layer, key=context.key, ref=raw
                ),
                context.line,
                context.field,
            )
        return raw


@dataclass(frozen=True)
class Sublayers(Value):
    """The layers of a repeat's cell or of a group, which may not hold either themselves;
    with ``repeats``, a group's layers may hold a repeat (its rows then move with the group)."""

    repeats: bool = False

    def parse(self, raw: Any, context: KeyContext) -> tuple[Layer, ...]:
        if not isinstance(raw, list) or not raw:
            raise context.fail(
                _("Layer {layer!r}: {key!r} must be a non-empty list of layers.").format(
                    layer=context.layer, key=context.key
                ),
                context.line,
                context.field,
            )
        subs: list[Layer] = []
        for index, sub in enumerate(raw):
            layer = context.parse_layer(sub, index, {s.id for s in subs})
            nested = layer.type_name != "repeat" or not self.repeats
            if nested and any(
                isinstance(f.metadata.get("value"), Sublayers) for f in dataclasses.fields(layer)
            ):
                raise context.fail(
                    _(
                        "Layer {layer!r}: a repeat or group cannot hold another repeat or group."
                    ).format(layer=context.layer),
                    layer.line,
                    f"{context.layer}.{layer.id}",
                )
            subs.append(layer)
        return tuple(subs)


def compile_jinja(source: str, *, template: bool, line: int, field: str, fail: Fail) -> Any:
    """Compile a Jinja template or expression in the captions' sandbox."""
    try:
        return compile_snippet(source, expression=not template)
    except SnippetSyntaxError as exc:
        raise fail(
            _("Jinja syntax error: {error}").format(error=exc.message),
            line + (exc.lineno or 1) - 1,
            field,
        ) from exc
