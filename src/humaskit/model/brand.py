"""The brand kit: the identity (``brand.yaml``) and the unit registry (``units.yaml``).

A kit is a folder. The built-in Blora kit ships with humaskit; a user's kit may hold only the files
it changes: a missing ``brand.yaml`` or ``units.yaml``, and any font or logo file the user's kit
lacks, are taken from the built-in kit. Relative paths in either file start at the kit folder.

Both files are validated strictly, and every error names the file, the field and the line (both
are read with :func:`humaskit.yamlio.read_yaml`, which keeps the line of every value).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from humaskit.errors import BrandError, Location, shown_file
from humaskit.i18n import _
from humaskit.model.brand_file import BRAND_FILE, ComplaintChannel, parse_brand
from humaskit.model.kitfile import cached, kit_path, unique_tags
from humaskit.model.unitcache import registry_of
from humaskit.model.units import Registry, UnitEntry, nearest_units
from humaskit.resources import builtin_brand_dir

__all__ = ["Brand", "ComplaintChannel", "FontSpec", "Unit", "load_brand"]

UNITS_FILE = "units.yaml"


@dataclass(frozen=True)
class FontSpec:
    """A font role: the file (absolute) and, for variable fonts, the weight to use."""

    file: Path
    weight: int | None = None


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
    data = cached(brand_file, parse_brand)
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
