"""The unit registry (``units.yaml``): every account-holding unit, validated, before inheritance.

:func:`parse_units` checks each entry (key, name, type, Kemendagri code, parent, accounts,
hashtags, accent colour, logo, platforms), that keys and codes are unique, and that following
parents always ends at a root; :class:`humaskit.model.brand.Brand` resolves what each unit
inherits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from humaskit.errors import BrandError, Location
from humaskit.i18n import _
from humaskit.model.kitfile import CODE, UNIT_KEY, KitFile, KitValue, suggest_allowed
from humaskit.yamlio import nearest

UNIT_TYPES = ("kabupaten", "opd", "kecamatan", "desa", "kelurahan")
_UNIT_KEYS = (
    *("key", "name", "short_name", "type", "code", "parent"),
    *("handles", "hashtags", "accent", "logo", "platforms", "video"),
)


@dataclass(frozen=True)
class UnitEntry:
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
    logo_line: int | None = None
    video: bool | None = None  # short vertical clips too (None: as the parent, else the brand)
    # platform → the line of its handle
    handle_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Registry:
    file: Path
    entries: Mapping[str, UnitEntry]  # in file order
    by_code: Mapping[str, str]


def parse_units(doc: KitFile) -> Registry:
    top = doc.mapping(doc.root, "", ("units",))
    if "units" not in top:
        raise doc.error(doc.root, "units", _("The list `units:` is missing."))
    entries: dict[str, UnitEntry] = {}
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
    return Registry(doc.path, MappingProxyType(entries), MappingProxyType(by_code))


def _unit_entry(doc: KitFile, node: KitValue, index: int) -> UnitEntry:
    items = doc.mapping(node, f"units[{index}]", _UNIT_KEYS)
    if "key" not in items:
        raise doc.error(node, f"units[{index}].key", _("This unit has no key."))
    key = doc.text(items["key"][1], f"units[{index}].key", UNIT_KEY)
    where = f"units[{key}]"

    def get(name: str) -> KitValue | None:
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
            suggest_allowed(unit_type, UNIT_TYPES),
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
    return UnitEntry(
        key=key,
        name=name,
        short_name=doc.text(short_name, f"{where}.short_name") if short_name else name,
        type=unit_type,
        code=doc.text(code, f"{where}.code", CODE) if code else None,
        parent=doc.text(parent, f"{where}.parent") if parent else None,
        handles=MappingProxyType(doc.handles(handles, f"{where}.handles") if handles else {}),
        hashtags=doc.hashtags(hashtags, f"{where}.hashtags") if hashtags else (),
        accent=doc.color(accent, f"{where}.accent") if accent else None,
        logo=doc.text(logo, f"{where}.logo") if logo else None,
        platforms=doc.platforms(platforms, f"{where}.platforms") if platforms else None,
        line=node.line or 1,
        parent_line=(parent or node).line or 1,
        logo_line=logo.line if logo else None,
        video=_flag(doc, get("video"), f"{where}.video"),
        handle_lines=MappingProxyType(_handle_lines(doc, handles, f"{where}.handles")),
    )


def _handle_lines(doc: KitFile, node: KitValue | None, name: str) -> dict[str, int]:
    """The line of each handle (validated already, by :meth:`KitFile.handles`)."""
    if node is None:
        return {}
    return {
        platform: value.line
        for platform, (_key, value) in doc.mapping(node, name).items()
        if value.line is not None
    }


def _check_tree(doc: KitFile, entries: Mapping[str, UnitEntry]) -> None:
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


# Unit types by how likely a bare place name means them: ``cepu`` is the kecamatan first.
_TYPE_RANK = {"kabupaten": 0, "kecamatan": 1, "kelurahan": 2, "desa": 3}


def nearest_units(registry: Registry, wanted: str, n: int = 3) -> list[str]:
    """The keys (or codes) of the ``n`` units ``wanted`` most likely means, best first.

    A unit named ``wanted`` (``Kecamatan Cepu``) comes first; then the units whose key is
    ``<type>-wanted`` (``cepu``: ``kec-cepu``, ``kel-cepu``, ``rsud-cepu``), the regency and
    kecamatan before kelurahan and desa before OPD; then the keys spelled most alike.
    """
    text = wanted.strip()
    if text[:1].isdigit() and registry.by_code:
        return nearest(text, list(registry.by_code), n=n, cutoff=0.0)
    entries = registry.entries
    folded = " ".join(text.casefold().replace("-", " ").split())
    slug = folded.replace(" ", "-")
    named = [
        k for k, e in entries.items() if folded in (e.name.casefold(), e.short_name.casefold())
    ]
    ends = sorted(
        (k for k in entries if k.split("-", 1)[-1] == slug),
        key=lambda k: _TYPE_RANK.get(entries[k].type, len(_TYPE_RANK)),
    )
    alike = nearest(slug, list(entries), n=n, cutoff=0.0)
    return list(dict.fromkeys([*named, *ends, *alike]))[:n]


def _flag(doc: KitFile, node: KitValue | None, name: str) -> bool | None:
    """An optional true/false field: ``None`` when the entry does not set it."""
    return None if node is None else doc.flag(node, name)
