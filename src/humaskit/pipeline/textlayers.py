"""The text on an image as the manifest lists it, and the findings about it.

Every image artifact lists its text layers (:class:`~humaskit.pipeline.manifest.TextLayer`):
the layer, its final size, its box, its lines, whether it was cut or shrunk. ``render`` takes
them from what it drew and ``check`` from the same plan without drawing, so both see the same
text. Both report each text under the readable floor (``text-too-small``, 2.4 % of the image's
width: 26 px at 1080, 29 px at 1200, 38 px at 1600) and each text cut with an ellipsis
(``text-truncated``), naming the image, the layout and the layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from humaskit.diagnostics import Diagnostic
from humaskit.i18n import _
from humaskit.layout.plan import TextItem
from humaskit.pipeline.manifest import TextLayer
from humaskit.resources import builtin_templates_dir
from humaskit.text.shortening import excerpt

__all__ = [
    "FLOOR_PER_MILLE",
    "layout_label",
    "text_findings",
    "text_floor",
    "text_layers",
    "without_planner_truncation",
]

# The smallest text an image may show, in thousandths of its width (2.4 %).
FLOOR_PER_MILLE = 24
# The planner's own warning for cut text; replaced by the finding made here, which names more.
PLANNER_TRUNCATED = "text-truncated"
_CELL = re.compile(r"\[\d+\]")


def text_floor(width: int) -> int:
    """The smallest text size in px allowed on an image ``width`` px wide (rounded half up)."""
    return (width * FLOOR_PER_MILLE + 500) // 1000


def text_layers(items: Iterable[TextItem]) -> tuple[TextLayer, ...]:
    """The manifest's form of the text blocks ``items``, in their order."""
    return tuple(
        TextLayer(
            layer=item.layer,
            font=item.font,
            size=item.size,
            box=(round(item.box.x0), round(item.box.y0), round(item.box.x1), round(item.box.y1)),
            lines=tuple(line.text for line in item.lines),
            truncated=item.truncated,
            shrunk=item.shrunk,
        )
        for item in items
    )


def layout_label(source: Path | str) -> str:
    """How messages name a layout file: ``built-in template rilis`` for a built-in one (never an
    installed package's path), else its path from the templates folder on
    (``templates/layouts/rilis.yaml``)."""
    path = Path(source)
    try:
        builtin = path.resolve().is_relative_to(builtin_templates_dir().resolve())
    except OSError:
        builtin = False
    if builtin:
        return _("built-in template {name}").format(name=path.stem)
    return Path(*path.parts[-3:]).as_posix() if len(path.parts) > 3 else path.as_posix()


def without_planner_truncation(warnings: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The planner's warnings less its ``text-truncated`` ones (:func:`text_findings` says more)."""
    return [w for w in warnings if w[0] != PLANNER_TRUNCATED]


def text_findings(
    layers: Iterable[TextLayer],
    *,
    width: int,
    image: str,
    layout: Path | str,
    fields: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    """A warning for each of ``layers`` under the floor of an image ``width`` px wide, and for
    each one cut with an ellipsis.

    Args:
        layers: the image's text layers.
        width: the image's width in px.
        image: the image as messages name it (``instagram/feed.png``).
        layout: the file of the layout that placed the text.
        fields: the release's texts by field name; a cut text that is one of them is advice
            about the release ("shorten 'action' in your release").
    """
    floor = text_floor(width)
    found: list[Diagnostic] = []
    label = ""
    small: set[tuple[str, int]] = set()
    for layer in layers:
        if layer.size >= floor and not layer.truncated:
            continue
        label = label or layout_label(layout)
        # The cells of a repeated group at one size are one finding (``rows[*].label``).
        name = _CELL.sub("[*]", layer.layer)
        if layer.size < floor and (name, layer.size) not in small:
            small.add((name, layer.size))
            message = _(
                "{image}: the text of layer {layer!r} in {layout} is {size} px, below the "
                "smallest readable size of {floor} px for an image {width} px wide (2.4 %)."
            ).format(
                image=image,
                layer=name,
                layout=label,
                size=layer.size,
                floor=floor,
                width=width,
            )
            hint = _("Give the layer a size (and min_size) of at least 2.4w in the layout.")
            found.append(Diagnostic("text-too-small", f"{message} {hint}", variant=image))
        if layer.truncated:
            message = _(
                "{image}: the text of layer {layer!r} in {layout} does not fit and was cut "
                "with “…”: {text!r}."
            ).format(
                image=image, layer=layer.layer, layout=label, text=excerpt(" ".join(layer.lines))
            )
            field = _field_shown(layer.lines, fields or {})
            if field == "title":
                hint = _("Shorten 'title' in your release, or give it a shorter 'card_title'.")
            elif field is not None:
                hint = _("Shorten {field!r} in your release.").format(field=field)
            else:
                hint = _(
                    "Shorten the text, or give the layer more room or more lines in the layout."
                )
            found.append(Diagnostic("text-truncated", f"{message} {hint}", variant=image))
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _field_shown(lines: Sequence[str], fields: Mapping[str, str]) -> str | None:
    """The release field whose text a cut layer shows (its drawn words begin the field's)."""
    drawn = _words(" ".join(lines).rstrip("…"))[:-1]  # the last word may be cut
    if len(drawn) < 2:
        return None
    for name, value in fields.items():
        if _words(value)[: len(drawn)] == drawn:
            return name
    return None
