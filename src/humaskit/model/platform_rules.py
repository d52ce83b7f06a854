"""Reading one platform rules file: each platform's fields checked, as plain values.

:func:`read_rules` reads ``platforms.yaml`` (built-in or a workspace's) with
:func:`humaskit.yamlio.read_yaml` and checks every value, reporting a bad one with its file,
platform, field and line; :mod:`humaskit.model.platforms` merges the files and builds the
:class:`~humaskit.model.platforms.Platform` values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from humaskit.errors import Location, PlatformError
from humaskit.i18n import _
from humaskit.yamlio import KeyPath, YamlDoc, nearest, read_yaml

COUNTING_MODES = ("utf16", "twitter", "threads")
HASHTAG_PLACEMENTS = ("end", "inline", "none")
FORMATTINGS = ("plain", "whatsapp")

# Ids and variants become folder and file names in the output (``instagram/feed.png``), so only
# plain lowercase names are accepted: nothing that could climb out of the output folder.
_NAME_RE = re.compile(r"[a-z][a-z0-9_-]{0,31}")
# Windows refuses these as file or folder names, whatever follows them after a dot.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(10)}
)


def valid_name(name: object) -> bool:
    """Whether ``name`` can be a folder or file name on every system (see ``_NAME_RE``)."""
    return isinstance(name, str) and bool(_NAME_RE.fullmatch(name)) and name not in _RESERVED


# Names people type for a platform; only used to suggest the real id, never accepted silently.
_ALIASES = {
    "twitter": "x",
    "ig": "instagram",
    "insta": "instagram",
    "fb": "facebook",
    "wa": "whatsapp",
    "yt": "youtube",
    "tt": "tiktok",
    "li": "linkedin",
}

_MAX_PIXELS = 10_000

_FIELDS = (
    "name",
    "caption_limit",
    "counting",
    "max_hashtags",
    "hashtag_placement",
    "formatting",
    "shows_links",
    "alt_text_limit",
    "images",
    "carousel_max",
    "account_label",
    "account_kinds",
    "account_fallback",
)
_IMAGE_FIELDS = ("variant", "width", "height", "safe_top", "safe_bottom")
# The right-hand column an app's action buttons cover, and the rows it spans (from the top, and
# from the bottom).
_RIGHT_FIELDS = ("safe_right", "safe_right_top", "safe_right_bottom")


class _Invalid(Exception):
    """A value is wrong; the caller knows where it is and turns this into a PlatformError."""

    def __init__(self, problem: str, hint: str = "", line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint
        self.line = line


@dataclass(frozen=True)
class Origin:
    """Where a platform's values came from, to point errors at the right file and line."""

    file: Path
    line: int | None


def read_rules(
    path: Path, *, required: bool
) -> tuple[dict[str, dict[str, Any]], dict[str, Origin]]:
    """Read and check one rules file; return its (partial) platforms and where each starts."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlatformError(
            _("Cannot read the platform rules: {reason}.").format(reason=exc),
            hint=_("Make sure the file exists and is saved as UTF-8."),
            location=Location(file=path),
        ) from exc
    doc = read_yaml(
        text,
        path,
        error=PlatformError,
        syntax=_("The platform rules are not valid YAML: {problem}."),
        hint=_("Check the indentation and quoting near that line."),
    )
    if doc.data is None:
        if required:
            raise PlatformError(
                _("The platform rules file is empty."),
                hint=_("Reinstall humaskit to restore the built-in rules."),
                location=Location(file=path),
            )
        return {}, {}
    if not isinstance(doc.data, dict):
        raise PlatformError(
            _("The platform rules must map platform ids to their rules."),
            hint=_("Start each platform at the left margin, e.g. 'instagram:'."),
            location=Location(file=path, line=doc.value_line()),
        )
    platforms: dict[str, dict[str, Any]] = {}
    origin: dict[str, Origin] = {}
    for pid, value in _pairs(doc, ()):
        line = doc.line(pid)
        if not valid_name(pid):
            raise PlatformError(
                _("Invalid platform id {platform!r}.").format(platform=pid),
                hint=_(
                    "Use lowercase letters, digits, '-' and '_', starting with a letter, "
                    "at most 32 characters."
                ),
                location=Location(file=path, field=pid, line=line),
            )
        if not isinstance(value, dict):
            raise PlatformError(
                _("The rules of platform {platform!r} must be a mapping of fields.").format(
                    platform=pid
                ),
                hint=_("Indent the fields under the platform id, e.g. '  caption_limit: 2200'."),
                location=Location(file=path, field=pid, line=doc.value_line(pid)),
            )
        platforms[pid] = _read_platform(pid, doc)
        origin[pid] = Origin(path, line)
    return platforms, origin


def _read_platform(pid: str, doc: YamlDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for field, _value in _pairs(doc, (pid,)):
        where = f"{pid}.{field}"
        if field not in _FIELDS:
            raise PlatformError(
                _("Unknown field {field!r} in platform {platform!r}.").format(
                    field=field, platform=pid
                ),
                hint=suggestion_hint(field, _FIELDS),
                location=Location(file=doc.source, field=where, line=doc.line(pid, field)),
            )
        try:
            if field == "images":
                fields[field] = _check_images(doc, (pid, field))
            elif field == "account_kinds":
                fields[field] = _check_kinds(_get(doc, (pid, field)))
            else:
                fields[field] = _check_field(field, _scalar(doc, (pid, field)))
        except _Invalid as bad:
            raise PlatformError(
                _("Invalid value of {field!r} in platform {platform!r}: {problem}").format(
                    field=field, platform=pid, problem=bad.problem
                ),
                hint=bad.hint,
                location=Location(
                    file=doc.source, field=where, line=bad.line or doc.value_line(pid, field)
                ),
            ) from None
    return fields


def _check_field(field: str, value: Any) -> Any:
    if field == "name":
        if not isinstance(value, str) or not value.strip():
            raise _Invalid(_("expected a non-empty text."), _("Write the platform's name."))
        return value.strip()
    if field == "caption_limit":
        return _whole_number(value, minimum=1, nullable=False)
    if field in ("alt_text_limit", "carousel_max"):
        return _whole_number(value, minimum=1, nullable=True)
    if field == "max_hashtags":
        return _whole_number(value, minimum=0, nullable=True)
    if field == "counting":
        return _choice(value, COUNTING_MODES)
    if field == "hashtag_placement":
        return _choice(value, HASHTAG_PLACEMENTS)
    if field == "formatting":
        return _choice(value, FORMATTINGS)
    if field == "account_label":
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise _Invalid(_("expected a non-empty text."), _("Write e.g. 'WhatsApp', or 'null'."))
        return value.strip()
    if field == "account_fallback":
        if value is None:
            return None
        if not valid_name(value):
            raise _Invalid(
                _("expected a platform id, got {value!r}.").format(value=value),
                _("Write e.g. 'instagram', or 'null'."),
            )
        return value
    if field == "shows_links":
        if not isinstance(value, bool):
            raise _Invalid(
                _("expected true or false, got {value!r}.").format(value=value),
                _("Write 'true' or 'false'."),
            )
        return value
    raise AssertionError(field)  # _FIELDS and this function list the same names


def _check_kinds(value: Any) -> tuple[str, ...]:
    """``account_kinds``: a list of release kinds (``[pengumuman, aduan]``), maybe empty."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(valid_name(kind) for kind in value):
        raise _Invalid(
            _("expected a list of release kinds, got {value!r}.").format(value=value),
            _("Write e.g. '[pengumuman, aduan]', or '[]'."),
        )
    return tuple(value)


def _check_images(doc: YamlDoc, path: KeyPath) -> tuple[dict[str, Any], ...]:
    node = _get(doc, path)
    if not isinstance(node, list) or not node:
        raise _Invalid(
            _("expected a list of image sizes."),
            _("Write e.g. '- {variant: feed, width: 1080, height: 1350}'."),
        )
    sizes: list[dict[str, Any]] = []
    for index, item in enumerate(node):
        item_path = (*path, index)
        if not isinstance(item, dict):
            raise _Invalid(
                _("each image size must be a mapping of variant, width and height."),
                _("Write e.g. '- {variant: feed, width: 1080, height: 1350}'."),
                doc.value_line(*item_path),
            )
        values: dict[str, Any] = {}
        for key, _value in _pairs(doc, item_path, where="images"):
            if key not in (*_IMAGE_FIELDS, *_RIGHT_FIELDS):
                raise _Invalid(
                    _("unknown image field {field!r}.").format(field=key),
                    suggestion_hint(key, (*_IMAGE_FIELDS, *_RIGHT_FIELDS)),
                    doc.line(*item_path, key),
                )
            values[key] = (_scalar(doc, (*item_path, key)), doc.value_line(*item_path, key))
        for key in ("variant", "width", "height"):
            if key not in values:
                raise _Invalid(
                    _("an image size has no {field!r}.").format(field=key),
                    _("Every image size needs variant, width and height."),
                    doc.value_line(*item_path),
                )
        variant, line = values["variant"]
        if not valid_name(variant):
            raise _Invalid(
                _("invalid image variant {variant!r}.").format(variant=variant),
                _("Use lowercase letters, digits, '-' and '_', starting with a letter."),
                line,
            )
        if any(size["variant"] == variant for size in sizes):
            raise _Invalid(
                _("image variant {variant!r} is listed twice.").format(variant=variant),
                _("Give each image size its own variant name."),
                line,
            )
        numbers: dict[str, int] = {}
        for key in ("width", "height", "safe_top", "safe_bottom", *_RIGHT_FIELDS):
            value, line = values.get(key, (0, doc.value_line(*item_path)))
            try:
                numbers[key] = _whole_number(
                    value, minimum=1 if key in ("width", "height") else 0, nullable=False
                )
            except _Invalid as bad:
                raise _Invalid(f"{key}: {bad.problem}", bad.hint, line) from None
            if numbers[key] > _MAX_PIXELS:
                raise _Invalid(
                    _("{field} {value} is larger than {maximum} pixels.").format(
                        field=key, value=numbers[key], maximum=_MAX_PIXELS
                    ),
                    _("Use the size the platform recommends."),
                    line,
                )
        if numbers["safe_top"] + numbers["safe_bottom"] >= numbers["height"]:
            raise _Invalid(
                _(
                    "safe_top and safe_bottom of {variant!r} leave no room inside its height."
                ).format(variant=variant),
                _("Make safe_top + safe_bottom smaller than height."),
                doc.value_line(*item_path),
            )
        if numbers["safe_right"] >= numbers["width"] or (
            numbers["safe_right_top"] + numbers["safe_right_bottom"] >= numbers["height"]
        ):
            raise _Invalid(
                _("the right-hand zone of {variant!r} leaves no room inside its size.").format(
                    variant=variant
                ),
                _(
                    "Make safe_right smaller than width, and safe_right_top + safe_right_bottom "
                    "smaller than height."
                ),
                doc.value_line(*item_path),
            )
        sizes.append({"variant": variant, **numbers})
    return tuple(sizes)


def _whole_number(value: Any, *, minimum: int, nullable: bool) -> Any:
    if value is None and nullable:
        return None
    # bool is an int subclass; 'yes' must not become 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        hint = _("Write a whole number without separators, e.g. 2200.")
        if nullable:
            hint += " " + _("Write 'null' for no limit.")
        raise _Invalid(
            _("expected a whole number of at least {minimum}, got {value!r}.").format(
                minimum=minimum, value=value
            ),
            hint,
        )
    return value


def _choice(value: Any, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _Invalid(
            _("expected one of {choices}, got {value!r}.").format(
                choices=", ".join(choices), value=value
            ),
            suggestion_hint(str(value), choices),
        )
    return value


def _get(doc: YamlDoc, path: KeyPath) -> Any:
    value = doc.data
    for part in path:
        value = value[part]
    return value


def _pairs(doc: YamlDoc, path: KeyPath, *, where: str | None = None) -> list[tuple[str, Any]]:
    """The items of the mapping at ``path``; keys must be plain names (read_yaml refused
    repeated ones)."""
    where = ".".join(str(p) for p in path) if where is None else where
    for key in _get(doc, path):
        if isinstance(key, dict | list | tuple):
            raise PlatformError(
                _("A key in the platform rules is not a plain name."),
                hint=_("Keys are names such as 'instagram' or 'caption_limit'."),
                location=Location(file=doc.source, field=where or None, line=doc.value_line(*path)),
            )
    return [(str(key), value) for key, value in _get(doc, path).items()]


def _scalar(doc: YamlDoc, path: KeyPath) -> Any:
    """The value at ``path``, which must be a single value."""
    value = _get(doc, path)
    if isinstance(value, dict | list):
        raise _Invalid(
            _("expected a single value, not a list or mapping."), "", doc.value_line(*path)
        )
    return value


def _nearest(name: str, known: Iterable[str]) -> str | None:
    known = list(known)
    alias = _ALIASES.get(name.strip().lower())
    if alias is not None and alias in known:
        return alias
    matches = nearest(name.strip().lower(), known)
    return matches[0] if matches else None


def suggestion_hint(name: str, known: Sequence[str]) -> str:
    nearest = _nearest(name, known)
    listing = _("Known: {known}.").format(known=", ".join(known))
    if nearest is None:
        return listing
    return _("Did you mean {suggestion!r}?").format(suggestion=nearest) + " " + listing
