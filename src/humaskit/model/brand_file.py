"""``brand.yaml``, the identity of a brand kit, read and validated (:func:`parse_brand`).

:func:`humaskit.model.brand.load_brand` puts it together with the unit registry; every error
names the file, the field and the line, and the line of every value a message may name is kept
(:attr:`BrandData.lines`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from humaskit.i18n import _
from humaskit.model.fields import web_address_problem
from humaskit.model.kitfile import LOCALE, KitFile, KitValue

__all__ = [
    "BRAND_FILE",
    "COLOR_ROLES",
    "FONT_ROLES",
    "BrandData",
    "ComplaintChannel",
    "parse_brand",
]

BRAND_FILE = "brand.yaml"
COLOR_ROLES = ("primary", "secondary", "accent", "text_on_dark", "text_on_light", "background")
FONT_ROLES = ("heading", "body", "numbers", "emoji")

_BRAND_KEYS = (
    "name",
    "short_name",
    "locale",
    "require_approval",
    "colors",
    "fonts",
    "logos",
    "hashtags",
    "handles",
    "footer",
    "complaint_channels",
    "platforms",
    "video",
)


@dataclass(frozen=True)
class ComplaintChannel:
    """Where citizens can file a complaint: a name and a URL and/or a phone number."""

    name: str
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class BrandData:
    """What ``brand.yaml`` says, validated; paths still relative to the kit folder."""

    name: str
    short_name: str
    locale: str
    require_approval: bool
    colors: Mapping[str, str]
    fonts: Mapping[str, tuple[str, int | None]]
    logos: Mapping[str, str]
    hashtags: tuple[str, ...]
    handles: Mapping[str, str]
    footer: str
    complaint_channels: tuple[ComplaintChannel, ...]
    platforms: tuple[str, ...]
    # The lines of the values, by ``fonts.body``, ``handles.x``, ``complaint_channels[0].url`` …
    lines: Mapping[str, int | None]
    video: bool = False


def parse_brand(doc: KitFile) -> BrandData:
    top = doc.mapping(doc.root, "", _BRAND_KEYS)

    def required(key: str) -> KitValue:
        if key not in top:
            raise doc.error(doc.root, key, _("The field {key!r} is missing.").format(key=key))
        return top[key][1]

    def roles(key: str, needed: Iterable[str]) -> dict[str, tuple[KitValue, KitValue]]:
        items = doc.mapping(required(key), key)
        for role in needed:
            if role not in items:
                raise doc.error(
                    top[key][0],
                    f"{key}.{role}",
                    _("The role {role!r} is missing.").format(role=role),
                    _("Give every one of: {roles}.").format(roles=", ".join(needed)),
                )
        for role, (key_node, _value) in items.items():
            doc.check_role(key_node, f"{key}.{role}", role)
        return items

    colors = {r: doc.color(v, f"colors.{r}") for r, (_k, v) in roles("colors", COLOR_ROLES).items()}
    fonts = {r: _font(doc, v, f"fonts.{r}") for r, (_k, v) in roles("fonts", FONT_ROLES).items()}
    logos = {r: doc.text(v, f"logos.{r}") for r, (_k, v) in roles("logos", ("main",)).items()}
    name = doc.text(required("name"), "name")
    return BrandData(
        name=name,
        short_name=doc.text(required("short_name"), "short_name"),
        locale=doc.text(top["locale"][1], "locale", LOCALE) if "locale" in top else "id",
        require_approval=doc.flag(top["require_approval"][1], "require_approval")
        if "require_approval" in top
        else False,
        colors=colors,
        fonts=fonts,
        logos=logos,
        hashtags=doc.hashtags(top["hashtags"][1], "hashtags") if "hashtags" in top else (),
        handles=doc.handles(top["handles"][1], "handles") if "handles" in top else {},
        footer=doc.text(top["footer"][1], "footer") if "footer" in top else name,
        complaint_channels=tuple(
            _channel(doc, item, f"complaint_channels[{i}]")
            for i, item in enumerate(
                doc.sequence(top["complaint_channels"][1], "complaint_channels")
            )
        )
        if "complaint_channels" in top
        else (),
        platforms=doc.platforms(required("platforms"), "platforms"),
        video=doc.flag(top["video"][1], "video") if "video" in top else False,
        lines=_lines(doc, top, roles),
    )


def _lines(
    doc: KitFile,
    top: Mapping[str, tuple[KitValue, KitValue]],
    roles: Callable[[str, Iterable[str]], dict[str, tuple[KitValue, KitValue]]],
) -> dict[str, int | None]:
    """The line of each value messages name: fonts, logos, names, handles, channels."""
    lines = {
        f"{key}.{role}": value.line
        for key in ("fonts", "logos")
        for role, (_k, value) in roles(key, ()).items()
    }
    lines.update({key: top[key][1].line for key in ("name", "short_name", "footer") if key in top})
    if "handles" in top:
        for platform, (_k, value) in doc.mapping(top["handles"][1], "handles").items():
            lines[f"handles.{platform}"] = value.line
    if "complaint_channels" in top:
        channels = doc.sequence(top["complaint_channels"][1], "complaint_channels")
        for i, item in enumerate(channels):
            where = f"complaint_channels[{i}]"
            for part, (_k, value) in doc.mapping(item, where).items():
                lines[f"{where}.{part}"] = value.line
    return lines


def _font(doc: KitFile, node: KitValue, name: str) -> tuple[str, int | None]:
    if node.is_scalar:
        return doc.text(node, name), None
    items = doc.mapping(node, name, ("file", "weight"))
    if "file" not in items:
        raise doc.error(
            node, f"{name}.file", _("The font file is missing."), _("Write {file: fonts/Name.ttf}.")
        )
    weight = None
    if "weight" in items:
        weight_node = items["weight"][1]
        weight = weight_node.value
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 1000:
            raise doc.error(
                weight_node,
                f"{name}.weight",
                _("The weight must be a whole number from 1 to 1000, e.g. 700."),
            )
    return doc.text(items["file"][1], f"{name}.file"), weight


def _channel(doc: KitFile, node: KitValue, name: str) -> ComplaintChannel:
    items = doc.mapping(node, name, ("name", "url", "phone"))
    if "name" not in items:
        raise doc.error(node, f"{name}.name", _("The channel's name is missing."))
    url = doc.optional_text(items.get("url", (None, None))[1], f"{name}.url")
    phone = doc.optional_text(items.get("phone", (None, None))[1], f"{name}.phone")
    problem = web_address_problem(url) if url is not None else None
    if problem:
        raise doc.error(
            items["url"][1],
            f"{name}.url",
            _("The URL is not a web address: {problem}.").format(problem=problem),
            _("Write the full address, starting with https://, without spaces."),
        )
    if url is None and phone is None:
        raise doc.error(node, name, _("Give the channel a url or a phone number."))
    return ComplaintChannel(doc.text(items["name"][1], f"{name}.name"), url, phone)
