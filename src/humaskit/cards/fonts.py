"""Fonts of a brand kit with Pillow and raqm: loading each (role, size) once, measuring text with
colour-emoji fallback, and drawing one line of it.

:class:`FontBook` implements :class:`humaskit.layout.plan.Measurer` for the planner and draws the
lines :mod:`humaskit.cards.draw` asks for. Each font file is checked once (fontTools reads its
character map); a file that is no font is a brand-kit error naming the role.

A variable font with a weight is drawn from a static instance cut at that weight
(:func:`humaskit.cards.instances.instance_file`, cached on disk), not by setting the weight on the
variable font: the instance has the weight's own advances and the punctuation spaced for it.
"""

from __future__ import annotations

import contextlib
import io
import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont, features

from humaskit.cards.fontfacts import code_point_runs, from_runs, load_facts, store_facts
from humaskit.cards.instances import WeightAxis, instance_file
from humaskit.cards.textmask import (
    ADULTS,
    FAMILY,
    SUPERSAMPLE,
    RunMasks,
    family_tile,
    paste_emoji,
    paste_run,
    split_families,
)
from humaskit.errors import BrandError, Location, RenderError
from humaskit.i18n import _

__all__ = ["EMOJI_EM", "EMOJI_SIZE", "REF_SIZE", "FontBook"]

REF_SIZE = 200  # measuring size; widths are scaled linearly from it
EMOJI_SIZE = 109  # the only size Noto Color Emoji's bitmaps load at
EMOJI_EM = 0.95  # an emoji is drawn this many times the font size tall
# Punctuation set against an emoji as against a letter: it moves into the blank right side of
# the emoji's tile at the punctuation's height (a broom's bristles end far left of its handle).
_TUCKED = frozenset(",.;:!?)…”’")
_TUCK_MAX = 0.4  # at most this share of the tile's width (a comma may sit under a handle)
_JOINERS = (
    {0x200D, 0xFE0F, 0xFE0E, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
)


def _require_raqm() -> None:
    if not features.check_feature("raqm"):
        raise RenderError(
            _("Pillow cannot use the raqm text layout engine on this machine."),
            hint=_("Install the system libraries libraqm0 and libfribidi0 (Debian/Ubuntu)."),
        )


def _unreadable_font(path: Path, role: str) -> BrandError:
    return BrandError(
        _("The font file for {role!r} is not a TrueType or OpenType font.").format(role=role),
        hint=_("Point fonts.{role}.file in brand.yaml at a .ttf or .otf file.").format(role=role),
        location=Location(path, f"fonts.{role}"),
    )


@dataclass(frozen=True)
class _Facts:
    """What fontTools reads from a font file once: its character map and its weight axis."""

    cmap: frozenset[int]
    weight_axis: WeightAxis | None
    axis_defaults: tuple[float, ...] = ()  # every axis's default, in the font's order
    weight_index: int = 0  # where the weight axis is among them

    def variation(self, weight: int) -> list[float]:
        """Axis values for Pillow's ``set_variation_by_axes``: ``weight``, others at default."""
        values = list(self.axis_defaults)
        if self.weight_axis is not None:
            values[self.weight_index] = self.weight_axis.clamp(weight)
        return values


def _inspect(path: Path) -> _Facts | None:
    """The facts of ``path``; ``None`` when it is no font fontTools can read.

    Cached by the file's size and modification time, so an edited font is read again.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return _inspect_version(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _inspect_version(path: Path, size: int, mtime_ns: int) -> _Facts | None:
    """The facts of this version of ``path``: from the disk cache (:mod:`.fontfacts`) or read
    with fontTools and then kept there."""
    stored = load_facts(path, size, mtime_ns)
    if stored is not None:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            return _facts_from_json(stored)
    facts = _read_facts(path)
    if facts is not None:
        store_facts(path, size, mtime_ns, _facts_to_json(facts))
    return facts


def _facts_to_json(facts: _Facts) -> dict[str, Any]:
    axis = facts.weight_axis
    return {
        "cmap": code_point_runs(facts.cmap),
        "weight": None if axis is None else [axis.minimum, axis.default, axis.maximum],
        "defaults": list(facts.axis_defaults),
        "index": facts.weight_index,
    }


def _facts_from_json(stored: dict[str, Any]) -> _Facts:
    weight = stored["weight"]
    return _Facts(
        from_runs(stored["cmap"]),
        None if weight is None else WeightAxis(*(float(v) for v in weight)),
        tuple(float(v) for v in stored["defaults"]),
        int(stored["index"]),
    )


def _read_facts(path: Path) -> _Facts | None:
    from fontTools.ttLib import TTFont, TTLibError  # only needed once per font file

    try:
        with TTFont(str(path), lazy=True) as font:
            cmap = frozenset(font.getBestCmap() or {})
            axes = font["fvar"].axes if "fvar" in font else []
            for index, a in enumerate(axes):
                if a.axisTag == "wght":
                    weight = WeightAxis(a.minValue, a.defaultValue, a.maxValue)
                    defaults = tuple(float(b.defaultValue) for b in axes)
                    return _Facts(cmap, weight, defaults, index)
            return _Facts(cmap, None)
    except (TTLibError, OSError, ValueError, KeyError, AssertionError, struct.error):
        return None


def _static_source(path: Path, weight: int) -> str | bytes | None:
    """A static instance of the variable font ``path`` at ``weight`` (a file or its bytes);
    ``None`` when fontTools cannot cut one (the weight is then set on the variable font)."""
    try:
        found = instance_file(path, weight)
    except Exception:  # a malformed variable table can fail anywhere inside fontTools
        return None
    return found if isinstance(found, bytes) else str(found)


# What identifies a font file without reading it: its path, size, modification time, and the
# weight asked of it.
FontIdentity = tuple[str, int, int, int | None]
# Font books shared by the renderers of a process, by the identities of their fonts: a batch of
# releases of one brand kit loads and measures its fonts once. A few brand kits at most.
_SHARED_MAX = 4
_shared: dict[tuple[tuple[str, FontIdentity], ...], FontBook] = {}
# Measured widths kept per book; past this many (a batch of hundreds of releases), start again.
_WIDTHS_MAX = 50_000
_TILES_MAX = 512


def _identity(path: Path, weight: int | None) -> FontIdentity:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1, weight)
    return (str(path), stat.st_size, stat.st_mtime_ns, weight)


class FontBook:
    """The fonts of a brand by role: loads each (role, size) once and measures text.

    Implements :class:`humaskit.layout.plan.Measurer`.

    Args:
        fonts: font role to ``(file, weight or None)``; the ``emoji`` role is the colour-emoji
            fallback.
    """

    @classmethod
    def shared(cls, fonts: Mapping[str, tuple[Path, int | None]]) -> FontBook:
        """A book of ``fonts`` shared with every other caller asking for the same files (same
        path, size, modification time and weight), so that they are loaded and measured once
        per process. An edited font file makes a new book."""
        key = tuple(
            sorted((role, _identity(path, weight)) for role, (path, weight) in fonts.items())
        )
        book = _shared.get(key)
        if book is None:
            book = cls(fonts)
            if len(_shared) >= _SHARED_MAX:
                del _shared[next(iter(_shared))]
            _shared[key] = book
        return book

    def __init__(self, fonts: Mapping[str, tuple[Path, int | None]]) -> None:
        _require_raqm()
        self._files = dict(fonts)
        self._identities = {role: _identity(path, w) for role, (path, w) in self._files.items()}
        self._cmaps: dict[str, frozenset[int]] = {}
        # What Pillow opens per role (a file or an instance's bytes), and the weight still to set
        # on a variable font that no static instance could be cut from.
        self._sources: dict[str, str | bytes] = {}
        self._variations: dict[str, list[float]] = {}
        for role, (path, weight) in self._files.items():
            facts = _inspect(path)
            if facts is None:
                raise _unreadable_font(path, role)
            self._cmaps[role] = facts.cmap
            self._sources[role] = str(path)
            if weight is None or facts.weight_axis is None:
                continue  # a static font: its weight is the file's
            source = _static_source(path, weight)
            if source is not None:
                self._sources[role] = source
            else:
                self._variations[role] = facts.variation(weight)
        self._fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}
        self._widths: dict[tuple[str, str], float] = {}
        self._emoji_tiles: dict[str, Image.Image] = {}
        self._tucks: dict[str, int] = {}
        self._runs = RunMasks()
        self.missing: set[str] = set()
        self.recomposed: set[str] = set()  # family sequences drawn from their members

    def identity(self, role: str) -> FontIdentity:
        """What identifies the font of ``role`` (for caches of what is drawn with it)."""
        return self._identities[role]

    def font(self, role: str, size: int) -> ImageFont.FreeTypeFont:
        """The font of ``role`` at ``size`` px, its weight set."""
        key = (role, size)
        if key not in self._fonts:
            source = self._sources[role]
            opened = io.BytesIO(source) if isinstance(source, bytes) else source
            try:
                font = ImageFont.truetype(opened, size, layout_engine=ImageFont.Layout.RAQM)
            except OSError:  # FreeType cannot open what fontTools could read
                raise _unreadable_font(self._files[role][0], role) from None
            if role in self._variations:
                with contextlib.suppress(OSError, ValueError):
                    font.set_variation_by_axes(self._variations[role])
            self._fonts[key] = font
        return self._fonts[key]

    def runs(self, text: str, role: str) -> list[tuple[bool, str]]:
        """Split ``text`` into (is_emoji, run) by which font can draw each character."""
        own = self._cmaps[role]
        emoji = self._cmaps.get("emoji", frozenset())
        # Characters are collected per run and joined once: adding to a string per character
        # would cost the square of a run's length.
        runs: list[tuple[bool, list[str]]] = []
        for i, ch in enumerate(text):
            cp = ord(ch)
            following = ord(text[i + 1]) if i + 1 < len(text) else 0
            in_run = bool(runs) and runs[-1][0]
            if cp in _JOINERS and in_run:
                is_emoji = True
            elif cp in own and following != 0xFE0F:
                is_emoji = False
            elif cp in emoji:
                is_emoji = True
            else:
                if not ch.isspace():
                    self.missing.add(ch)
                is_emoji = False
            if runs and runs[-1][0] == is_emoji:
                runs[-1][1].append(ch)
            else:
                runs.append((is_emoji, [ch]))
        return split_families([(is_emoji, "".join(chars)) for is_emoji, chars in runs])

    def _emoji_width(self, run: str) -> int:
        """An emoji run's tile width at the bitmap size, measured without drawing it: fitting
        measures many candidates, and a tile for each would cost memory (emoji count squared)."""
        return max(1, math.ceil(self.font("emoji", EMOJI_SIZE).getlength(run)))

    def _emoji_tile(self, run: str) -> Image.Image:
        """An emoji run drawn at the bitmap size on a transparent tile, trimmed to its advance."""
        if run not in self._emoji_tiles:
            font = self.font("emoji", EMOJI_SIZE)
            width = self._emoji_width(run)
            ascent, descent = font.getmetrics()
            if FAMILY.fullmatch(run):
                members = [self._emoji_tile(m) for m in run.split("\u200d")]
                inked = [m.crop(m.getbbox() or (0, 0, m.width, m.height)) for m in members]
                adults = sum(1 for m in run.split("\u200d") if m in ADULTS)
                tile = family_tile(inked[:adults], inked[adults:], (width, ascent + descent))
            else:
                tile = Image.new("RGBA", (width, ascent + descent), (0, 0, 0, 0))
                ImageDraw.Draw(tile).text(
                    (0, ascent), run, font=font, anchor="ls", embedded_color=True
                )
            if len(self._emoji_tiles) >= _TILES_MAX:
                self._emoji_tiles.clear()
            self._emoji_tiles[run] = tile
        return self._emoji_tiles[run]

    def _emoji_tuck(self, run: str) -> int:
        """How far punctuation after ``run`` moves in, in px at the bitmap size: the blank right
        side of its tile in the punctuation's band (from just above the baseline to the
        descender), at most ``_TUCK_MAX`` of the tile. Kept per run: an int each."""
        if run not in self._tucks:
            tile = self._emoji_tile(run)
            band = tile.getchannel("A").point(lambda a: 255 if a > 48 else 0)
            box = band.crop((0, round(0.55 * tile.height), tile.width, tile.height)).getbbox()
            blank = tile.width - (box[2] if box else 0)
            if len(self._tucks) >= _TILES_MAX:
                self._tucks.clear()
            self._tucks[run] = max(0, min(blank, round(_TUCK_MAX * tile.width)))
        return self._tucks[run]

    def _emoji_advance(self, runs: list[tuple[bool, str]], i: int) -> float:
        """The advance of emoji run ``i`` at the bitmap size, less its tuck before punctuation."""
        run = runs[i][1]
        width = float(self._emoji_width(run))
        following = runs[i + 1][1] if i + 1 < len(runs) else ""
        if following[:1] in _TUCKED:
            width -= self._emoji_tuck(run)
        return width

    def _emoji_scale(self, size: int) -> float:
        ascent, descent = self.font("emoji", EMOJI_SIZE).getmetrics()
        return EMOJI_EM * size / (ascent + descent)

    def advance(self, text: str, font: str) -> float:
        """Width of ``text`` at 1 px (each distinct string is measured once)."""
        key = (text, font)
        if key not in self._widths:
            total = 0.0
            runs = self.runs(text, font)
            for i, (is_emoji, run) in enumerate(runs):
                if is_emoji:
                    total += self._emoji_advance(runs, i) * self._emoji_scale(REF_SIZE)
                else:
                    total += self.font(font, REF_SIZE).getlength(run)
            if len(self._widths) >= _WIDTHS_MAX:
                self._widths.clear()
            self._widths[key] = total / REF_SIZE
        return self._widths[key]

    def vmetrics(self, font: str) -> tuple[float, float]:
        """Ascent and descent at 1 px, from the font's typographic metrics."""
        ascent, descent = self.font(font, REF_SIZE).getmetrics()
        return ascent / REF_SIZE, descent / REF_SIZE

    def cap_height(self, font: str) -> float:
        """Height of a capital letter ("H") above the baseline at 1 px; icons beside text are
        sized from it."""
        top = self.font(font, REF_SIZE).getbbox("H", anchor="ls")[1]
        return -float(top) / REF_SIZE

    def draw_line(
        self,
        canvas: Image.Image,
        xy: tuple[float, float],
        text: str,
        role: str,
        size: int,
        fill: tuple[int, int, int, int],
    ) -> None:
        """Draw one line with its baseline starting at ``xy``; emoji runs come from tiles."""
        x, baseline = xy
        scale = self._emoji_scale(size)
        runs = self.runs(text, role)
        for i, (is_emoji, run) in enumerate(runs):
            if is_emoji:
                tile = self._emoji_tile(run)
                if FAMILY.fullmatch(run):
                    self.recomposed.add(run)
                ascent = self.font("emoji", EMOJI_SIZE).getmetrics()[0]
                target = (max(1, round(tile.width * scale)), max(1, round(tile.height * scale)))
                small = tile.resize(target, Image.Resampling.LANCZOS)
                # Centre the emoji on the text's x-height band rather than on its baseline.
                top = baseline - ascent * scale + size * 0.06
                paste_emoji(canvas, small, (round(x), round(top)), size, fill)
                x += self._emoji_advance(runs, i) * scale
            else:
                # Drawn at 4× and scaled down, so that glyphs are not snapped to whole pixels.
                big = self.font(role, size * SUPERSAMPLE)
                ix, iy = math.floor(x), math.floor(baseline)
                placed = self._runs.mask(role, big, run, x - ix, baseline - iy)
                paste_run(canvas, placed, (ix, iy), fill)
                x += self.advance(run, role) * size
