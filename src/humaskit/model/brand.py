"""The brand kit: the identity (``brand.yaml``) and the unit registry (``units.yaml``).

A kit is a folder. The built-in Blora kit ships with humaskit; a user's kit may hold only the files
it changes: a missing ``brand.yaml`` or ``units.yaml``, and any font or logo file the user's kit
lacks, are taken from the built-in kit. Relative paths in either file start at the kit folder.

Both files are validated strictly, and every error names the file, the field and the line (both
are read with :func:`humaskit.yamlio.read_yaml`, which keeps the line of every value).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from humaskit.errors import BrandError, Location, shown_file
from humaskit.i18n import _
from humaskit.model.fields import web_address_problem
from humaskit.model.kitfile import LOCALE, KitFile, KitValue, cached, kit_path, unique_tags
from humaskit.model.unitcache import registry_of
from humaskit.model.units import Registry, UnitEntry, nearest_units
from humaskit.resources import builtin_brand_dir

__all__ = ["Brand", "ComplaintChannel", "FontSpec", "Unit", "load_brand"]

BRAND_FILE = "brand.yaml"
UNITS_FILE = "units.yaml"
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
class FontSpec:
    """A font role: the file (absolute) and, for variable fonts, the weight to use."""

    file: Path
    weight: int | None = None


@dataclass(frozen=True)
class ComplaintChannel:
    """Where citizens can file a complaint: a name and a URL and/or a phone number."""

    name: str
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Unit:
    """An account-holding unit with everything it inherits already resolved.

    ``handles`` are the unit's own accounts only, so that a desa never presents the regency's
    account as its own; the one exception is the registry's root unit (no parent), which is the
    organisation itself and so uses the brand's handles when it sets none. ``hashtags`` are the
    unit's and its ancestors' extra hashtags, ancestors first, without the brand's own.
    """

    key: str
    name: str
    short_name: str
    type: str
    code: str | None
    parent: str | None
    handles: Mapping[str, str]
    hashtags: tuple[str, ...]
    colors: Mapping[str, str]
    logo: Path
    platforms: tuple[str, ...]
    lineage: tuple[str, ...]
    logo_from: Location = field(default=Location(), compare=False)  # where the logo was named
    video: bool = False  # render short vertical clips too (``video: true``, issue 16)
    # Where each handle is written (platform → file, field, line): units.yaml, or brand.yaml
    # for the root unit that uses the brand's handles.
    handles_from: Mapping[str, Location] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )


@dataclass(frozen=True)
class Brand:
    """A loaded brand kit. Get units with :meth:`unit` and :meth:`units`."""

    root: Path
    name: str
    short_name: str
    locale: str
    require_approval: bool
    colors: Mapping[str, str]
    fonts: Mapping[str, FontSpec]
    logos: Mapping[str, Path]
    hashtags: tuple[str, ...]
    handles: Mapping[str, str]
    footer: str
    complaint_channels: tuple[ComplaintChannel, ...]
    platforms: tuple[str, ...]
    _registry: Registry = field(repr=False, compare=False)
    _resolve: Callable[[str, Location], Path] = field(repr=False, compare=False)
    _cache: dict[str, Unit] = field(default_factory=dict, repr=False, compare=False)
    _logo_from: Location = field(default=Location(), repr=False, compare=False)
    video: bool = False  # every unit renders short vertical clips unless it says otherwise
    _file: Path | None = field(default=None, repr=False, compare=False)
    _lines: Mapping[str, int | None] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )

    def where(self, key: str) -> Location:
        """Where field ``key`` of ``brand.yaml`` is (``handles.instagram``,
        ``complaint_channels[1].phone``): the file, the field and its line where known."""
        return Location(self._file, key, self._lines.get(key))

    @property
    def units_file(self) -> Path:
        """The ``units.yaml`` the registry was read from."""
        return self._registry.file

    def unit(self, key_or_code: str) -> Unit:
        """The unit with this key (``"kec-cepu"``) or Kemendagri code (``"33.16.05"``).

        Raises:
            BrandError: no unit has that key or code; the hint suggests the nearest keys.
        """
        wanted = key_or_code.strip()
        key = self._registry.by_code.get(wanted) or wanted.lower()
        if key in self._cache:
            return self._cache[key]
        if key not in self._registry.entries:
            raise self._unknown(key_or_code)
        return self._build(key)

    def units(self) -> list[Unit]:
        """Every unit, in the order of ``units.yaml``."""
        return [self.unit(key) for key in self._registry.entries]

    def _build(self, key: str) -> Unit:
        entries = self._registry.entries
        chain = [key]
        while (parent := entries[chain[-1]].parent) is not None and parent not in self._cache:
            chain.append(parent)
        # Resolve from the top down so each unit copies its already-resolved parent.
        for current in reversed(chain):
            entry = entries[current]
            above = self._cache.get(entry.parent) if entry.parent else None
            self._cache[current] = self._inherit(entry, above)
        return self._cache[key]

    def _inherit(self, entry: UnitEntry, above: Unit | None) -> Unit:
        colors = dict(above.colors if above else self.colors)
        if entry.accent:
            colors["accent"] = entry.accent
        if entry.logo:
            logo_from = Location(self._registry.file, f"units[{entry.key}].logo", entry.logo_line)
            logo = self._resolve(entry.logo, logo_from)
        else:
            logo = above.logo if above else self.logos["main"]
            logo_from = above.logo_from if above else self._logo_from
        platforms = entry.platforms or (above.platforms if above else self.platforms)
        handles = entry.handles
        handles_from = {
            p: Location(self._registry.file, f"units[{entry.key}].handles.{p}", line)
            for p, line in entry.handle_lines.items()
        }
        if not handles and entry.parent is None:
            handles = self.handles
            handles_from = {p: self.where(f"handles.{p}") for p in handles}
        return Unit(
            key=entry.key,
            name=entry.name,
            short_name=entry.short_name,
            type=entry.type,
            code=entry.code,
            parent=entry.parent,
            handles=handles,
            hashtags=unique_tags((*(above.hashtags if above else ()), *entry.hashtags)),
            colors=MappingProxyType(colors),
            logo=logo,
            platforms=platforms,
            lineage=(*(above.lineage if above else ()), entry.key),
            logo_from=logo_from,
            video=entry.video
            if entry.video is not None
            else (above.video if above else self.video),
            handles_from=MappingProxyType(handles_from),
        )

    def nearest_units(self, wanted: str, n: int = 3) -> list[str]:
        """The keys (or codes) of the ``n`` units ``wanted`` most likely means, best first
        (:func:`humaskit.model.units.nearest_units`)."""
        return nearest_units(self._registry, wanted, n)

    def _unknown(self, wanted: str) -> BrandError:
        near = self.nearest_units(wanted)
        hint = _("Did you mean {names}? Every unit is listed in {file}.").format(
            names=", ".join(near), file=shown_file(self._registry.file)
        )
        return BrandError(
            _("Unknown unit {key!r}: no unit has this key or Kemendagri code.").format(key=wanted),
            hint=hint,
            location=Location(file=self._registry.file),
        )


def load_brand(path: Path | str | None = None) -> Brand:
    """Load a brand kit.

    Args:
        path: the kit folder (or its ``brand.yaml``); ``None`` loads the built-in Blora kit.
            Files the folder lacks are taken from the built-in kit.

    Returns:
        The validated kit, with font and logo paths made absolute.

    Raises:
        BrandError: the folder is missing, or a file of the kit is invalid.
    """
    builtin = builtin_brand_dir().resolve()
    if path is None:
        root = builtin
    else:
        root = Path(path).expanduser().resolve()
        if root.is_file():
            root = root.parent
        if not root.is_dir():
            raise BrandError(
                _("The brand kit folder {path} does not exist.").format(path=path),
                hint=_(
                    "Give the folder that holds brand.yaml, or leave the option out to use "
                    "the built-in Blora kit."
                ),
                location=Location(file=str(path)),
            )
        if not (root / BRAND_FILE).is_file() and not (root / UNITS_FILE).is_file():
            raise BrandError(
                _("The brand kit folder {path} holds neither {brand} nor {units}.").format(
                    path=root, brand=BRAND_FILE, units=UNITS_FILE
                ),
                hint=_(
                    "Put your brand.yaml there, or leave the option out to use the built-in "
                    "Blora kit."
                ),
                location=Location(file=root),
            )

    def kit_file(name: str) -> Path:
        own = root / name
        return own if own.is_file() else builtin / name

    def resolve(relative: str, where: Location) -> Path:
        return kit_path(root, builtin, relative, where)

    brand_file = kit_file(BRAND_FILE)
    data = cached(brand_file, _parse_brand)
    registry = registry_of(kit_file(UNITS_FILE))

    def named(key: str) -> Location:
        return Location(brand_file, key, data.lines.get(key))

    fonts = {
        role: FontSpec(resolve(file, named(f"fonts.{role}")), weight)
        for role, (file, weight) in data.fonts.items()
    }
    return Brand(
        root=root,
        name=data.name,
        short_name=data.short_name,
        locale=data.locale,
        require_approval=data.require_approval,
        colors=MappingProxyType(dict(data.colors)),
        fonts=MappingProxyType(fonts),
        logos=MappingProxyType(
            {role: resolve(file, named(f"logos.{role}")) for role, file in data.logos.items()}
        ),
        hashtags=data.hashtags,
        handles=MappingProxyType(dict(data.handles)),
        footer=data.footer,
        complaint_channels=data.complaint_channels,
        platforms=data.platforms,
        _registry=registry,
        _resolve=resolve,
        _logo_from=named("logos.main"),
        video=data.video,
        _file=brand_file,
        _lines=data.lines,
    )


# --------------------------------------------------------------------------- brand.yaml


@dataclass(frozen=True)
class _BrandData:
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


def _parse_brand(doc: KitFile) -> _BrandData:
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
    return _BrandData(
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
