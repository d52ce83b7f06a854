"""A YAML file of a brand kit, with typed accessors that fail naming the file, field and line.

``brand.yaml`` and ``units.yaml`` are read with :func:`humaskit.yamlio.read_yaml`; a
:class:`KitFile` walks the values with the line each was written on, and :func:`cached` parses a
file again only when it changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from humaskit.errors import BrandError, Location
from humaskit.files import describe_os_error
from humaskit.i18n import _
from humaskit.model.handles import handle_problem, normalize_handle
from humaskit.yamlio import KeyPath, read_yaml, suggest

COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
ROLE = re.compile(r"[a-z][a-z0-9_]*")
UNIT_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
HASHTAG = re.compile(r"(?!\d+$)\w+")
LOCALE = re.compile(r"[a-z]{2,3}([_-][A-Za-z]{2})?")

T = TypeVar("T")


def kit_path(root: Path, builtin: Path, relative: str, where: Location) -> Path:
    """A font or logo path of the kit in ``root`` (named at ``where``), made absolute.

    A kit's fonts and logos live in the kit: a path (or symlink) leading out of it is refused, so
    a shared brand.yaml cannot make humaskit read files elsewhere. A file the kit lacks is taken
    from the built-in kit; when neither has it, the kit's own path is given, as that is where the
    user will look.
    """
    own = (root / relative).resolve()
    if not own.is_relative_to(root):
        raise BrandError(
            _("The brand kit file {path!r} lies outside the brand folder.").format(path=relative),
            hint=_("Put fonts and logos inside {folder} and name them relative to it.").format(
                folder=root
            ),
            location=where,
        )
    try:
        if root == builtin or own.exists():
            return own
        fallback = (builtin / relative).resolve()
        return fallback if fallback.exists() else own
    except OSError as exc:  # a name too long, no permission …
        raise BrandError(
            _("The brand kit file {path!r} cannot be used: {problem}.").format(
                path=relative[:60] + ("…" if len(relative) > 60 else ""),
                problem=describe_os_error(exc),
            ),
            hint=_("Give a shorter name (at most 255 bytes for each part of the path)."),
            location=where,
        ) from None


# (file, parser) → (modification time, size, parsed value): one entry per file, so editing a kit
# in `humaskit watch` replaces its entry instead of piling up old ones.
_PARSED: dict[tuple[Path, str], tuple[int, int, Any]] = {}


def cached(path: Path, parse: Callable[[KitFile], T]) -> T:
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
        known = (stat.st_mtime_ns, stat.st_size, parse(KitFile(path)))
        _PARSED[slot] = known
    result: T = known[2]
    return result


@dataclass(frozen=True)
class KitValue:
    """A value of the file with the line it was written on (``raw``: a scalar as written)."""

    value: Any
    line: int | None
    path: KeyPath = ()
    raw: str | None = None

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.value, dict | list)


class KitFile:
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
        self.root = KitValue(self.yaml.data, self.yaml.value_line())

    def error(self, at: KitValue | None, name: str, message: str, hint: str = "") -> BrandError:
        line = at.line if at is not None else None
        return BrandError(message, hint=hint, location=Location(self.path, name or None, line))

    def child(self, at: KitValue, key: str | int, value: Any) -> KitValue:
        path = (*at.path, key)
        return KitValue(value, self.yaml.value_line(*path), path, self.yaml.scalars.get(path))

    def mapping(
        self, at: KitValue, name: str, allowed: Iterable[str] | None = None
    ) -> dict[str, tuple[KitValue, KitValue]]:
        """A mapping's items by key; given ``allowed``, refuses unknown ones.

        (:func:`~humaskit.yamlio.read_yaml` has refused a key written twice already.)
        """
        if not isinstance(at.value, dict):
            raise self.error(at, name, _("Expected a mapping (key: value lines) here."))
        items: dict[str, tuple[KitValue, KitValue]] = {}
        allowed = tuple(allowed) if allowed is not None else None
        for key, value in at.value.items():
            path = (*at.path, str(key))
            key_at = KitValue(key, self.yaml.line(*path), path)
            where = f"{name}.{key}" if name else str(key)
            if not isinstance(key, str):
                raise self.error(key_at, where, _("Keys must be text."))
            if allowed is not None and key not in allowed:
                raise self.error(
                    key_at,
                    where,
                    _("Unknown field {key!r}.").format(key=key),
                    suggest_allowed(key, allowed),
                )
            items[key] = (key_at, self.child(at, key, value))
        return items

    def sequence(self, at: KitValue, name: str) -> list[KitValue]:
        if not isinstance(at.value, list):
            raise self.error(at, name, _("Expected a list here, e.g. [a, b]."))
        return [self.child(at, index, item) for index, item in enumerate(at.value)]

    def text(self, node: KitValue, name: str, pattern: re.Pattern[str] | None = None) -> str:
        value = node.value
        if not isinstance(value, str) or not value.strip():
            hint = ""
            if value is None and pattern is COLOR:
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
                format_hint(pattern),
            )
        return value

    def optional_text(
        self, node: KitValue | None, name: str, pattern: re.Pattern[str] | None = None
    ) -> str | None:
        if node is None or node.value is None:
            return None
        return self.text(node, name, pattern)

    def flag(self, node: KitValue, name: str) -> bool:
        value = node.value
        if not isinstance(value, bool):
            raise self.error(node, name, _("Expected true or false here."))
        return value

    def color(self, node: KitValue, name: str) -> str:
        return self.text(node, name, COLOR).upper()

    def hashtags(self, node: KitValue, name: str) -> tuple[str, ...]:
        tags = []
        for index, item in enumerate(self.sequence(node, name)):
            tag = self.text(item, f"{name}[{index}]").removeprefix("#")
            if not HASHTAG.fullmatch(tag):
                raise self.error(
                    item,
                    f"{name}[{index}]",
                    _("{tag!r} is not a hashtag.").format(tag=tag),
                    _("Use letters, digits and _ only, without spaces, e.g. BloraDigital."),
                )
            tags.append(tag)
        return unique_tags(tags)

    def platforms(self, node: KitValue, name: str) -> tuple[str, ...]:
        items = [
            self.text(item, f"{name}[{i}]", ROLE)
            for i, item in enumerate(self.sequence(node, name))
        ]
        if not items:
            raise self.error(node, name, _("List at least one platform."))
        if len(set(items)) != len(items):
            raise self.error(node, name, _("A platform is listed twice."))
        return tuple(items)

    def handles(self, node: KitValue, name: str) -> dict[str, str]:
        handles = {}
        for platform, (key_node, value) in self.mapping(node, name).items():
            self.check_role(key_node, f"{name}.{platform}", platform)
            handle = self.text(value, f"{name}.{platform}")
            problem = handle_problem(platform, handle)
            if problem is not None:
                raise self.error(value, f"{name}.{platform}", *problem)
            handles[platform] = normalize_handle(platform, handle)
        return handles

    def check_role(self, node: KitValue, name: str, role: str) -> None:
        if not ROLE.fullmatch(role):
            raise self.error(
                node,
                name,
                _("{role!r} is not a valid name.").format(role=role),
                _("Use lower-case letters, digits and _, e.g. instagram."),
            )


def suggest_allowed(word: str, options: Iterable[str]) -> str:
    options = list(options)
    return suggest(word, options) or _("Allowed: {names}.").format(names=", ".join(options))


def format_hint(pattern: re.Pattern[str]) -> str:
    hints = {
        COLOR.pattern: _('Write colours as "#RRGGBB", e.g. "#0E5A43".'),
        ROLE.pattern: _("Use lower-case letters, digits and _, e.g. instagram."),
        UNIT_KEY.pattern: _("Use lower-case letters, digits and -, e.g. desa-bangkleyan."),
        CODE.pattern: _('Write Kemendagri codes like "33.16.05" or "33.16.01.2001".'),
        LOCALE.pattern: _("Use a language code such as id or en."),
    }
    return hints.get(pattern.pattern, "")


def unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Drop repeated hashtags, comparing without case, keeping the first spelling."""
    seen: set[str] = set()
    kept = []
    for tag in tags:
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return tuple(kept)
