"""What a layout is made of: the :class:`Layer` base class, the registry of layer types, where a
layer goes (:class:`BoxSpec`) and the parsed :class:`Layout`.

A layer type is one class: a frozen dataclass registered under its YAML ``type`` name with
:func:`layer_type`. Its YAML keys are its fields declared with :func:`key` (a field without a
default is a required key); it plans itself into plan items (:meth:`Layer.plan`), and those items
draw themselves and tell the contrast check what they put behind text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.layout.geometry import Box, Length
from humaskit.layout.values import Value
from humaskit.text.templating import fresh_budget

if TYPE_CHECKING:
    from humaskit.layout.planner import Cell, Planner

__all__ = [
    "BOX_LENGTHS",
    "BOX_REFS",
    "COMMON_KEYS",
    "BoxSpec",
    "Layer",
    "Layout",
    "key",
    "layer_type",
    "layer_types",
    "unregister_layer_type",
]

BOX_LENGTHS = (
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
BOX_REFS = ("after", "before", "above", "below", "middle", "wrap", "inside")
# The keys every layer has, whatever its type.
COMMON_KEYS = ("id", "type", "when", "box", "frame")


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


def key(value: Value, default: Any = dataclasses.MISSING) -> Any:
    """Declare a layer field as a YAML key read by ``value``; without ``default`` it is required."""
    return dataclasses.field(default=default, metadata={"value": value})


@dataclass(frozen=True, eq=False, kw_only=True)
class Layer:
    """One layer of a layout. Subclasses add their keys as fields (see :func:`key`)."""

    type_name: ClassVar[str] = ""  # set by @layer_type
    default_frame: ClassVar[str] = "safe"  # the frame when the YAML names none

    id: str
    box: BoxSpec
    frame: str
    when: Any
    line: int

    @classmethod
    def keys(cls) -> dict[str, Value]:
        """The YAML keys of this type (besides the common ones), in declaration order."""
        return {
            f.name: f.metadata["value"] for f in dataclasses.fields(cls) if "value" in f.metadata
        }

    @classmethod
    def required(cls) -> tuple[str, ...]:
        """The keys that have no default."""
        return tuple(
            f.name
            for f in dataclasses.fields(cls)
            if "value" in f.metadata
            and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
        )

    def check(self, fail: Callable[..., TemplateError], lines: Mapping[str, int]) -> None:
        """Checks across keys once the layer is read; ``lines`` gives each key's line."""

    def present(self, planner: Planner) -> bool:
        """Whether the layer can be planned at all (an image of an absent photo cannot)."""
        return True

    def plan(self, planner: Planner, cell: Cell, box: Box, scope: Mapping[str, Any]) -> Box | None:
        """Add this layer's items to ``cell``; return the box later layers line up with, or
        ``None`` when the layer turned out empty (it is then left out like a false ``when:``)."""
        raise NotImplementedError


_TYPES: dict[str, type[Layer]] = {}
L = TypeVar("L", bound=type[Layer])


def layer_type(name: str) -> Callable[[L], L]:
    """Register a layer class under its YAML ``type`` name (a class decorator)."""

    def register(cls: L) -> L:
        if name in _TYPES:
            raise ValueError(f"the layer type {name!r} is registered already")
        cls.type_name = name
        _TYPES[name] = cls
        return cls

    return register


def unregister_layer_type(name: str) -> None:
    """Forget a registered layer type (for tests and plug-ins that clean up)."""
    del _TYPES[name]


def layer_types() -> Mapping[str, type[Layer]]:
    """The registered layer types by YAML name, in registration order."""
    return _TYPES


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
        fresh_budget()
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
