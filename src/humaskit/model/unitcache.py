"""The validated unit registry kept on disk between processes (issue 14).

Reading and checking the 100 kB ``units.yaml`` (341 units) costs ≈ 50 ms in every process. A
registry that passed every check is kept as JSON in ``units/`` of humaskit's per-user cache, named
by a hash of the file's resolved path, size and modification time and of this format's version;
the entry repeats that identity and is ignored when it does not match or cannot be read. An
edited ``units.yaml`` has another modification time, so it is read and checked again; a file with
an error is never stored, so its error is reported every time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from humaskit.files import write_atomic
from humaskit.model.kitfile import cached
from humaskit.model.units import Registry, UnitEntry, parse_units
from humaskit.realpaths import resolved
from humaskit.resources import user_cache_dir

__all__ = ["load_registry", "registry_of", "store_registry"]

# Bumped whenever UnitEntry or the checks of parse_units change what a stored registry means.
FORMAT = 2
_FIELDS = tuple(f.name for f in dataclasses.fields(UnitEntry))
_MAPPINGS = ("handles", "handle_lines")


def _identity(path: Path, size: int, mtime_ns: int) -> list[Any]:
    return [FORMAT, list(_FIELDS), str(resolved(path)), size, mtime_ns]


def _entry(identity: list[Any], folder: Path | None) -> Path:
    digest = hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:40]
    return (folder if folder is not None else user_cache_dir() / "units") / f"{digest}.json"


def _to_json(entry: UnitEntry) -> list[Any]:
    values = []
    for name in _FIELDS:
        value = getattr(entry, name)
        values.append(dict(value) if name in _MAPPINGS else value)
    return values


def _from_json(values: list[Any]) -> UnitEntry:
    fields = dict(zip(_FIELDS, values, strict=True))
    for name in _MAPPINGS:
        fields[name] = MappingProxyType(dict(fields[name]))
    fields["hashtags"] = tuple(fields["hashtags"])
    if fields["platforms"] is not None:
        fields["platforms"] = tuple(fields["platforms"])
    return UnitEntry(**fields)


def load_registry(
    path: Path, size: int, mtime_ns: int, folder: Path | None = None
) -> Registry | None:
    """The registry stored for this version of ``path``; None when there is none."""
    identity = _identity(path, size, mtime_ns)
    try:
        stored = json.loads(_entry(identity, folder).read_text(encoding="utf-8"))
        if not isinstance(stored, dict) or stored.get("identity") != identity:
            return None
        entries = {values[0]: _from_json(values) for values in stored["entries"]}
        by_code = {str(code): str(key) for code, key in stored["by_code"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return Registry(path, MappingProxyType(entries), MappingProxyType(by_code))


def store_registry(
    path: Path, size: int, mtime_ns: int, registry: Registry, folder: Path | None = None
) -> None:
    """Keep ``registry`` (checked) for this version of ``path``; no error without a cache."""
    identity = _identity(path, size, mtime_ns)
    data = {
        "identity": identity,
        "entries": [_to_json(entry) for entry in registry.entries.values()],
        "by_code": dict(registry.by_code),
    }
    with contextlib.suppress(OSError):
        write_atomic(
            _entry(identity, folder),
            json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
            sync=False,
        )


# units.yaml → (modification time, size, registry) of this process; the disk cache across them.
_REGISTRIES: dict[Path, tuple[int, int, Registry]] = {}


def registry_of(path: Path) -> Registry:
    """The checked registry of ``path``: from this process, from the disk cache
    (:mod:`humaskit.model.unitcache`), or read and checked (and then kept in both)."""
    try:
        stat = path.stat()
    except OSError:
        return cached(path, parse_units)  # reports the file that cannot be read
    known = _REGISTRIES.get(path)
    if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
        return known[2]
    registry = load_registry(path, stat.st_size, stat.st_mtime_ns)
    if registry is None:
        registry = cached(path, parse_units)
        store_registry(path, stat.st_size, stat.st_mtime_ns, registry)
    _REGISTRIES[path] = (stat.st_mtime_ns, stat.st_size, registry)
    return registry
