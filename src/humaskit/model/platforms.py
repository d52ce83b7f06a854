"""Platform rules: caption limits, counting, hashtags and image sizes, read from data (SPEC §6).

The rules live in ``templates/platforms.yaml``; a workspace's own ``templates/platforms.yaml``
overrides them per platform and per field, and may add platforms. Every value is checked, and a
bad one is reported with its file, platform, field and line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from humaskit.errors import Location, PlatformError
from humaskit.i18n import _
from humaskit.model.platform_rules import Origin, read_rules, suggestion_hint
from humaskit.model.workspace import templates_entry
from humaskit.resources import builtin_templates_dir

PLATFORMS_FILE = "platforms.yaml"

# The image variant drawn as a carousel (humaskit.cards.carousel), and the fewest slides it
# can have:
# the cover and the closing slide.
CAROUSEL_VARIANT = "carousel"
MIN_CAROUSEL = 2


@dataclass(frozen=True)
class ImageSize:
    """One image a platform gets: its variant name, its size and the zones to keep clear.

    ``safe_top`` / ``safe_bottom`` are the rows the app covers at the top and the bottom;
    ``safe_right`` the columns its action buttons cover at the right edge, from row
    ``safe_right_top`` down to ``safe_right_bottom`` rows above the bottom edge.
    """

    variant: str
    width: int
    height: int
    safe_top: int = 0
    safe_bottom: int = 0
    safe_right: int = 0
    safe_right_top: int = 0
    safe_right_bottom: int = 0

    @property
    def shape(self) -> ImageSize:
        """The size and its zones without the variant's name: variants of one shape show the
        same image."""
        return dataclasses.replace(self, variant="")


@dataclass(frozen=True)
class Platform:
    """The rules of one platform. See ``templates/platforms.yaml`` for what each field means."""

    id: str
    name: str
    caption_limit: int
    counting: str
    max_hashtags: int | None
    hashtag_placement: str
    formatting: str
    shows_links: bool
    alt_text_limit: int | None
    images: tuple[ImageSize, ...]
    carousel_max: int | None
    # The footer's account when it is a phone number (WhatsApp's): the label before it, the
    # kinds whose cards print it, the platform whose handle the other cards print instead
    # (humaskit.pipeline.carousels.footer_handle).
    account_label: str | None = None
    account_kinds: tuple[str, ...] = ()
    account_fallback: str | None = None

    def image(self, variant: str) -> ImageSize:
        """The image size named ``variant``.

        Raises:
            PlatformError: the platform has no such variant.
        """
        for size in self.images:
            if size.variant == variant:
                return size
        known = [size.variant for size in self.images]
        raise PlatformError(
            _("Platform {platform!r} has no image variant {variant!r}.").format(
                platform=self.id, variant=variant
            ),
            hint=suggestion_hint(variant, known),
            location=Location(field=f"{self.id}.images"),
        )


# Defaults for fields a platform may leave out; the others are required.
_DEFAULTS: dict[str, Any] = {
    "counting": "utf16",
    "max_hashtags": None,
    "hashtag_placement": "end",
    "formatting": "plain",
    "shows_links": True,
    "alt_text_limit": None,
    "carousel_max": None,
    "account_label": None,
    "account_kinds": (),
    "account_fallback": None,
}


_REQUIRED = ("name", "caption_limit", "images")


def load_platforms(user_templates_dir: Path | None = None) -> dict[str, Platform]:
    """Read the platform rules: the built-in ones, overridden by the workspace's own.

    Args:
        user_templates_dir: the workspace's ``templates/`` folder. When it holds a
            ``platforms.yaml``, each platform and field named there replaces the built-in value
            (a list such as ``images`` is replaced whole); new platforms are added.

    Returns:
        The platforms by id, in file order (built-in ones first).

    Raises:
        PlatformError: a rules file cannot be read or holds an invalid value; the error names
            the file, the platform, the field and the line.
    """
    user_path = (
        templates_entry(Path(user_templates_dir), PLATFORMS_FILE) if user_templates_dir else None
    )
    stamp = _stamp(user_path) if user_path is not None and user_path.is_file() else None
    return dict(_load(_stamp(builtin_templates_dir() / PLATFORMS_FILE), user_path, stamp))


def _stamp(path: Path) -> tuple[Path, int, int]:
    stat = path.stat()
    return (path, stat.st_mtime_ns, stat.st_size)


@cache
def _load(
    builtin: tuple[Path, int, int],
    user_path: Path | None,
    user_stamp: tuple[Path, int, int] | None,
) -> Mapping[str, Platform]:
    """The merged rules, cached per file version: a batch reads each rules file once."""
    merged, origin = read_rules(builtin[0], required=True)
    if user_path is not None and user_stamp is not None:
        overrides, user_origin = read_rules(user_path, required=False)
        for pid, fields in overrides.items():
            merged.setdefault(pid, {}).update(fields)
            if pid not in origin:
                origin[pid] = user_origin[pid]
    return MappingProxyType(
        {pid: _build(pid, fields, origin[pid]) for pid, fields in merged.items()}
    )


@cache
def _builtin() -> Mapping[str, Platform]:
    return MappingProxyType(load_platforms(None))


def builtin_platforms() -> Mapping[str, Platform]:
    """The built-in platform rules, read once per process (read-only)."""
    return _builtin()


def get_platform(platforms: Mapping[str, Platform], pid: str) -> Platform:
    """The platform with id ``pid`` (case and surrounding spaces ignored).

    Raises:
        PlatformError: no platform has that id; the hint lists the known ids and the nearest.
    """
    key = pid.strip().lower()
    try:
        return platforms[key]
    except KeyError:
        raise _unknown_platform(pid, platforms) from None


def parse_platform_list(values: Sequence[str], known: Iterable[str]) -> list[str]:
    """Turn ``--platform`` values into platform ids.

    Each value may name several platforms separated by commas (``"instagram,x"``) and the option
    may be repeated; ids are lowercased, duplicates dropped, order kept.

    Args:
        values: the option values as typed.
        known: the valid platform ids.

    Returns:
        The ids, in the order first named; empty when ``values`` is empty.

    Raises:
        PlatformError: a value names an unknown platform, or names none at all.
    """
    known_ids = list(known)
    ids: list[str] = []
    for value in values:
        for part in value.split(","):
            pid = part.strip().lower()
            if not pid:
                continue
            if pid not in known_ids:
                raise _unknown_platform(part.strip(), known_ids)
            if pid not in ids:
                ids.append(pid)
    if values and not ids:
        raise PlatformError(
            _("No platform was named."),
            hint=_("Name one or more of: {known}.").format(known=", ".join(known_ids)),
            location=Location(field="platform"),
        )
    return ids


def _build(pid: str, fields: dict[str, Any], origin: Origin) -> Platform:
    for field in _REQUIRED:
        if field not in fields:
            raise PlatformError(
                _("Platform {platform!r} has no {field!r}.").format(platform=pid, field=field),
                hint=_("A new platform needs at least name, caption_limit and images."),
                location=Location(file=origin.file, field=pid, line=origin.line),
            )
    values = {**_DEFAULTS, **fields}
    values["images"] = tuple(ImageSize(**size) for size in values["images"])
    has_carousel = any(size.variant == CAROUSEL_VARIANT for size in values["images"])
    if has_carousel and (values["carousel_max"] or 0) < MIN_CAROUSEL:
        # A carousel always holds its cover and its closing slide (the complaint channels).
        raise PlatformError(
            _(
                "Platform {platform!r} has a carousel image but carousel_max is {value}; a "
                "carousel needs at least {minimum} slides."
            ).format(
                platform=pid,
                value="null" if values["carousel_max"] is None else values["carousel_max"],
                minimum=MIN_CAROUSEL,
            ),
            hint=_(
                "Set carousel_max to the most images the platform takes in one post, or remove "
                "the carousel image size."
            ),
            location=Location(file=origin.file, field=f"{pid}.carousel_max", line=origin.line),
        )
    return Platform(id=pid, **values)


def _unknown_platform(pid: str, known: Iterable[str]) -> PlatformError:
    return PlatformError(
        _("Unknown platform {platform!r}.").format(platform=pid),
        hint=suggestion_hint(pid, sorted(known)),
        location=Location(field="platform"),
    )
