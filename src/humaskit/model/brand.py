"""The brand kit: the identity (``brand.yaml``) and the unit registry (``units.yaml``).

A kit is a folder. The built-in Blora kit ships with humaskit; a user's kit may hold only the files
it changes: a missing ``brand.yaml`` or ``units.yaml``, and any font or logo file the user's kit
lacks, are taken from the built-in kit. Relative paths in either file start at the kit folder.

Both files are validated strictly, and every error names the file, the field and the line (both
are read with :func:`humaskit.yamlio.read_yaml`, which keeps the line of every value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from humaskit.errors import BrandError, Location
from humaskit.i18n import _
from humaskit.resources import builtin_brand_dir
from humaskit.yamlio import KeyPath, nearest, read_yaml, suggest

__all__ = ["Brand", "ComplaintChannel", "FontSpec", "Unit", "load_brand"]

BRAND_FILE = "brand.yaml"
UNITS_FILE = "units.yaml"
UNIT_TYPES = ("kabupaten", "opd", "kecamatan", "desa", "kelurahan")
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
)
_UNIT_KEYS = (
    *("key", "name", "short_name", "type", "code", "parent"),
    *("handles", "hashtags", "accent", "logo", "platforms"),
)

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_ROLE = re.compile(r"[a-z][a-z0-9_]*")
_UNIT_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
_HASHTAG = re.compile(r"(?!\d+$)\w+")
_LOCALE = re.compile(r"[a-z]{2,3}([_-][A-Za-z]{2})?")

T = TypeVar("T")


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


@dataclass(frozen=True)
class _UnitEntry:
    """One validated entry of ``units.yaml``, before inheritance."""

    key: str
    name: str
    short_name: str
    type: str
    code: str | None
    parent: str | None
    handles: Mapping[str, str]
    hashtags: tuple[str, ...]
    accent: str | None
    logo: str | None
    platforms: tuple[str, ...] | None
    line: int  # of the entry
    parent_line: int


@dataclass(frozen=True)
class _Registry:
    file: Path
    entries: Mapping[str, _UnitEntry]  # in file order
    by_code: Mapping[str, str]


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
    _registry: _Registry = field(repr=False, compare=False)
    _resolve: Callable[[str], Path] = field(repr=False, compare=False)
    _cache: dict[str, Unit] = field(default_factory=dict, repr=False, compare=False)

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

    def _inherit(self, entry: _UnitEntry, above: Unit | None) -> Unit:
        colors = dict(above.colors if above else self.colors)
        if entry.accent:
            colors["accent"] = entry.accent
        if entry.logo:
            logo = self._resolve(entry.logo)
        else:
            logo = above.logo if above else self.logos["main"]
        platforms = entry.platforms or (above.platforms if above else self.platforms)
        handles = entry.handles
        if not handles and entry.parent is None:
            handles = self.handles
        return Unit(
            key=entry.key,
            name=entry.name,
            short_name=entry.short_name,
            type=entry.type,
            code=entry.code,
            parent=entry.parent,
            handles=handles,
            hashtags=_unique((*(above.hashtags if above else ()), *entry.hashtags)),
            colors=MappingProxyType(colors),
            logo=logo,
            platforms=platforms,
            lineage=(*(above.lineage if above else ()), entry.key),
        )

    def _unknown(self, wanted: str) -> BrandError:
        looks_like_code = wanted.strip()[:1].isdigit()
        pool = list(self._registry.by_code) if looks_like_code else []
        pool = pool or list(self._registry.entries)
        near = nearest(wanted.strip().lower(), pool, n=3, cutoff=0.0)
        hint = _("Did you mean {names}? Every unit is listed in {file}.").format(
            names=", ".join(near), file=self._registry.file
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

    def resolve(relative: str) -> Path:
        own = (root / relative).resolve()
        # A kit's fonts and logos live in the kit: a path (or symlink) leading out of it is
        # refused, so a shared brand.yaml cannot make humaskit read files elsewhere.
        if not own.is_relative_to(root):
            raise BrandError(
                _("The brand kit file {path!r} lies outside the brand folder.").format(
                    path=relative
                ),
                hint=_("Put fonts and logos inside {folder} and name them relative to it.").format(
                    folder=root
                ),
                location=Location(file=kit_file(BRAND_FILE)),
            )
        if root == builtin or own.exists():
            return own
        fallback = (builtin / relative).resolve()
        # Point at the user's path when neither exists, as that is where they will look.
        return fallback if fallback.exists() else own

    data = _cached(kit_file(BRAND_FILE), _parse_brand)
    registry = _cached(kit_file(UNITS_FILE), _parse_units)
    fonts = {role: FontSpec(resolve(file), weight) for role, (file, weight) in data.fonts.items()}
    return Brand(
        root=root,
        name=data.name,
        short_name=data.short_name,
        locale=data.locale,
        require_approval=data.require_approval,
        colors=MappingProxyType(dict(data.colors)),
        fonts=MappingProxyType(fonts),
        logos=MappingProxyType({role: resolve(file) for role, file in data.logos.items()}),
        hashtags=data.hashtags,
        handles=MappingProxyType(dict(data.handles)),
        footer=data.footer,
        complaint_channels=data.complaint_channels,
        platforms=data.platforms,
        _registry=registry,
        _resolve=resolve,
    )


# --------------------------------------------------------------------------- parsing with lines

# (file, parser) → (modification time, size, parsed value): one entry per file, so editing a kit
# in `humaskit watch` replaces its entry instead of piling up old ones.
_PARSED: dict[tuple[Path, str], tuple[int, int, Any]] = {}


def _cached(path: Path, parse: Callable[[_Doc], T]) -> T:
    """Parse ``path`` again only when its modification time or size changed."""
    try:
        stat = path.stat()
    except OSError as error:
        raise BrandError(
            _("Cannot read {file}: {error}.").format(file=path, error=error.strerror),
            location=Location(file=path),
        ) from error
    slot = (path, parse.__name__)
    known = _PARSED.get(slot)
    if known is None or known[:2] != (stat.st_mtime_ns, stat.st_size):
        known = (stat.st_mtime_ns, stat.st_size, parse(_Doc(path)))
        _PARSED[slot] = known
    result: T = known[2]
    return result


@dataclass(frozen=True)
class _At:
    """A value of the file with the line it was written on (``raw``: a scalar as written)."""

    value: Any
    line: int | None
    path: KeyPath = ()
    raw: str | None = None

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.value, dict | list)


class _Doc:
    """A YAML file with its lines, and typed accessors that fail with file, field and line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise self.error(
                None, "", _("The file is not UTF-8 text."), _("Save it as UTF-8.")
            ) from error
        self.yaml = read_yaml(
            text,
            path,
            error=BrandError,
            syntax=_("Not valid YAML: {problem}."),
            hint=_(
                "Check the indentation and quoting near this line; quote values that "
                "start with '#', '@', '*' or contain ': '."
            ),
            show_context=True,
        )
        if self.yaml.data is None:
            raise self.error(None, "", _("The file is empty."))
        self.root = _At(self.yaml.data, self.yaml.value_line())

    def error(self, at: _At | None, name: str, message: str, hint: str = "") -> BrandError:
        line = at.line if at is not None else None
        return BrandError(message, hint=hint, location=Location(self.path, name or None, line))

    def child(self, at: _At, key: str | int, value: Any) -> _At:
        path = (*at.path, key)
        return _At(value, self.yaml.value_line(*path), path, self.yaml.scalars.get(path))

    def mapping(
        self, at: _At, name: str, allowed: Iterable[str] | None = None
    ) -> dict[str, tuple[_At, _At]]:
        """A mapping's items by key; refuses duplicate keys and, given ``allowed``, unknown ones."""
        if not isinstance(at.value, dict):
            raise self.error(at, name, _("Expected a mapping (key: value lines) here."))
        items: dict[str, tuple[_At, _At]] = {}
        allowed = tuple(allowed) if allowed is not None else None
        for key, value in at.value.items():
            path = (*at.path, str(key))
            key_at = _At(key, self.yaml.line(*path), path)
            where = f"{name}.{key}" if name else str(key)
            if not isinstance(key, str):
                raise self.error(key_at, where, _("Keys must be text."))
            if path in self.yaml.duplicates:
                again, first = self.yaml.duplicates[path]
                raise self.error(
                    _At(key, again, path),
                    where,
                    _("{key!r} is given twice (first on line {line}).").format(key=key, line=first),
                    _("Keep one of them."),
                )
            if allowed is not None and key not in allowed:
                raise self.error(
                    key_at,
                    where,
                    _("Unknown field {key!r}.").format(key=key),
                    _suggest(key, allowed),
                )
            items[key] = (key_at, self.child(at, key, value))
        return items

    def sequence(self, at: _At, name: str) -> list[_At]:
        if not isinstance(at.value, list):
            raise self.error(at, name, _("Expected a list here, e.g. [a, b]."))
        return [self.child(at, index, item) for index, item in enumerate(at.value)]

    def text(self, node: _At, name: str, pattern: re.Pattern[str] | None = None) -> str:
        value = node.value
        if not isinstance(value, str) or not value.strip():
            hint = ""
            if value is None and name.rsplit(".", 1)[-1] in (*COLOR_ROLES, "accent"):
                hint = _('Quote colours: "#0E5A43" (an unquoted # starts a comment).')
            elif isinstance(value, int | float):
                hint = _('Quote it: "{value}".').format(value=node.raw)
            raise self.error(node, name, _("Expected text here."), hint)
        value = value.strip()
        if pattern is not None and not pattern.fullmatch(value):
            raise self.error(
                node,
                name,
                _("{value!r} is not valid here.").format(value=value),
                _format_hint(pattern),
            )
        return value

    def optional_text(
        self, node: _At | None, name: str, pattern: re.Pattern[str] | None = None
    ) -> str | None:
        if node is None or node.value is None:
            return None
        return self.text(node, name, pattern)

    def flag(self, node: _At, name: str) -> bool:
        value = node.value
        if not isinstance(value, bool):
            raise self.error(node, name, _("Expected true or false here."))
        return value

    def color(self, node: _At, name: str) -> str:
        return self.text(node, name, _COLOR).upper()

    def hashtags(self, node: _At, name: str) -> tuple[str, ...]:
        tags = []
        for index, item in enumerate(self.sequence(node, name)):
            tag = self.text(item, f"{name}[{index}]").removeprefix("#")
            if not _HASHTAG.fullmatch(tag):
                raise self.error(
                    item,
                    f"{name}[{index}]",
                    _("{tag!r} is not a hashtag.").format(tag=tag),
                    _("Use letters, digits and _ only, without spaces, e.g. BloraDigital."),
                )
            tags.append(tag)
        return _unique(tags)

    def platforms(self, node: _At, name: str) -> tuple[str, ...]:
        items = [
            self.text(item, f"{name}[{i}]", _ROLE)
            for i, item in enumerate(self.sequence(node, name))
        ]
        if not items:
            raise self.error(node, name, _("List at least one platform."))
        if len(set(items)) != len(items):
            raise self.error(node, name, _("A platform is listed twice."))
        return tuple(items)

    def handles(self, node: _At, name: str) -> dict[str, str]:
        handles = {}
        for platform, (key_node, value) in self.mapping(node, name).items():
            self.check_role(key_node, f"{name}.{platform}", platform)
            handles[platform] = self.text(value, f"{name}.{platform}")
        return handles

    def check_role(self, node: _At, name: str, role: str) -> None:
        if not _ROLE.fullmatch(role):
            raise self.error(
                node,
                name,
                _("{role!r} is not a valid name.").format(role=role),
                _("Use lower-case letters, digits and _, e.g. instagram."),
            )


def _suggest(word: str, options: Iterable[str]) -> str:
    options = list(options)
    return suggest(word, options) or _("Allowed: {names}.").format(names=", ".join(options))


def _format_hint(pattern: re.Pattern[str]) -> str:
    hints = {
        _COLOR.pattern: _('Write colours as "#RRGGBB", e.g. "#0E5A43".'),
        _ROLE.pattern: _("Use lower-case letters, digits and _, e.g. instagram."),
        _UNIT_KEY.pattern: _("Use lower-case letters, digits and -, e.g. desa-bangkleyan."),
        _CODE.pattern: _('Write Kemendagri codes like "33.16.05" or "33.16.01.2001".'),
        _LOCALE.pattern: _("Use a language code such as id or en."),
    }
    return hints.get(pattern.pattern, "")


def _unique(tags: Iterable[str]) -> tuple[str, ...]:
    """Drop repeated hashtags, comparing without case, keeping the first spelling."""
    seen: set[str] = set()
    kept = []
    for tag in tags:
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return tuple(kept)


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


def _parse_brand(doc: _Doc) -> _BrandData:
    top = doc.mapping(doc.root, "", _BRAND_KEYS)

    def required(key: str) -> _At:
        if key not in top:
            raise doc.error(doc.root, key, _("The field {key!r} is missing.").format(key=key))
        return top[key][1]

    def roles(key: str, needed: Iterable[str]) -> dict[str, tuple[_At, _At]]:
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
        locale=doc.text(top["locale"][1], "locale", _LOCALE) if "locale" in top else "id",
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
    )


def _font(doc: _Doc, node: _At, name: str) -> tuple[str, int | None]:
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


def _channel(doc: _Doc, node: _At, name: str) -> ComplaintChannel:
    items = doc.mapping(node, name, ("name", "url", "phone"))
    if "name" not in items:
        raise doc.error(node, f"{name}.name", _("The channel's name is missing."))
    url = doc.optional_text(items.get("url", (None, None))[1], f"{name}.url")
    phone = doc.optional_text(items.get("phone", (None, None))[1], f"{name}.phone")
    if url is not None and not url.startswith(("https://", "http://")):
        raise doc.error(items["url"][1], f"{name}.url", _("The URL must start with https://."))
    if url is None and phone is None:
        raise doc.error(node, name, _("Give the channel a url or a phone number."))
    return ComplaintChannel(doc.text(items["name"][1], f"{name}.name"), url, phone)


# --------------------------------------------------------------------------- units.yaml


def _parse_units(doc: _Doc) -> _Registry:
    top = doc.mapping(doc.root, "", ("units",))
    if "units" not in top:
        raise doc.error(doc.root, "units", _("The list `units:` is missing."))
    entries: dict[str, _UnitEntry] = {}
    by_code: dict[str, str] = {}
    for index, node in enumerate(doc.sequence(top["units"][1], "units")):
        entry = _unit_entry(doc, node, index)
        clashes = [
            (
                "key",
                entries.get(entry.key),
                _("The key {key!r} is already used by the unit on line {line}."),
            )
        ]
        if entry.code:
            clashes.append(
                (
                    "code",
                    entries.get(by_code.get(entry.code, "")),
                    _("The code of {key!r} is already used by {other!r} on line {line}."),
                )
            )
        for what, seen, message in clashes:
            if seen is not None:
                raise doc.error(
                    node,
                    f"units[{entry.key}].{what}",
                    message.format(key=entry.key, other=seen.key, line=seen.line),
                    _("Every unit needs its own key and code."),
                )
        entries[entry.key] = entry
        if entry.code:
            by_code[entry.code] = entry.key
    _check_tree(doc, entries)
    return _Registry(doc.path, MappingProxyType(entries), MappingProxyType(by_code))


def _unit_entry(doc: _Doc, node: _At, index: int) -> _UnitEntry:
    items = doc.mapping(node, f"units[{index}]", _UNIT_KEYS)
    if "key" not in items:
        raise doc.error(node, f"units[{index}].key", _("This unit has no key."))
    key = doc.text(items["key"][1], f"units[{index}].key", _UNIT_KEY)
    where = f"units[{key}]"

    def get(name: str) -> _At | None:
        """The value node of an optional field; ``None`` when absent or null."""
        if name not in items:
            return None
        value = items[name][1]
        return None if value.value is None else value

    for name in ("name", "type"):
        if name not in items:
            raise doc.error(
                node, f"{where}.{name}", _("The field {key!r} is missing.").format(key=name)
            )
    unit_type = doc.text(items["type"][1], f"{where}.type")
    if unit_type not in UNIT_TYPES:
        raise doc.error(
            items["type"][1],
            f"{where}.type",
            _("Unknown unit type {type!r}.").format(type=unit_type),
            _suggest(unit_type, UNIT_TYPES),
        )
    name = doc.text(items["name"][1], f"{where}.name")
    short_name, code, parent, logo, handles, hashtags, accent, platforms = (
        get(field_name)
        for field_name in (
            "short_name",
            "code",
            "parent",
            "logo",
            "handles",
            "hashtags",
            "accent",
            "platforms",
        )
    )
    return _UnitEntry(
        key=key,
        name=name,
        short_name=doc.text(short_name, f"{where}.short_name") if short_name else name,
        type=unit_type,
        code=doc.text(code, f"{where}.code", _CODE) if code else None,
        parent=doc.text(parent, f"{where}.parent") if parent else None,
        handles=MappingProxyType(doc.handles(handles, f"{where}.handles") if handles else {}),
        hashtags=doc.hashtags(hashtags, f"{where}.hashtags") if hashtags else (),
        accent=doc.color(accent, f"{where}.accent") if accent else None,
        logo=doc.text(logo, f"{where}.logo") if logo else None,
        platforms=doc.platforms(platforms, f"{where}.platforms") if platforms else None,
        line=node.line or 1,
        parent_line=(parent or node).line or 1,
    )


def _check_tree(doc: _Doc, entries: Mapping[str, _UnitEntry]) -> None:
    """Every parent exists and following parents always ends at a root."""
    for entry in entries.values():
        if entry.parent is not None and entry.parent not in entries:
            near = nearest(entry.parent, entries, n=3)
            hint = _("Did you mean {names}?").format(names=", ".join(near)) if near else ""
            raise BrandError(
                _("The parent {parent!r} of {key!r} is not a unit.").format(
                    parent=entry.parent, key=entry.key
                ),
                hint=hint,
                location=Location(doc.path, f"units[{entry.key}].parent", entry.parent_line),
            )
    done: set[str] = set()
    for entry in entries.values():
        path: list[str] = []
        current: str | None = entry.key
        while current is not None and current not in done:
            if current in path:
                cycle = [*path[path.index(current) :], current]
                raise BrandError(
                    _("The units form a cycle: {cycle}.").format(cycle=" → ".join(cycle)),
                    hint=_("Change one of these parents so that the chain ends at the root."),
                    location=Location(
                        doc.path, f"units[{current}].parent", entries[current].parent_line
                    ),
                )
            path.append(current)
            current = entries[current].parent
        done.update(path)
