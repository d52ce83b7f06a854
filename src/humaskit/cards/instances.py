"""Static instances of variable fonts, cut with fontTools, with punctuation spaced for the weight.

A variable font is turned into a static font at one weight with ``varLib.instancer`` (every
other axis pinned to its default), so that outlines, advances and kerning all come from that one
weight and the file renders the same under any layout engine.

Cutting the instance also respaces punctuation (:func:`respace_punctuation`). Plus Jakarta Sans,
the bundled face, widens the side bearings of its punctuation as it gets heavier while its letters
get tighter: at 800 a comma sits 110 units from the letter before it, against 33–55 units
between letters, so "bekerja," reads "bekerja ," and "1,2" reads "1, 2". The type's own spacing
at the default (Regular) weight is taken as right: each punctuation mark keeps its default side
bearings scaled by how much the letters' side bearings shrank, never looser than it was.

Instances of a brand kit's variable font are cut once and kept on disk (:func:`instance_file`),
named by the font's content hash and the weight; a lookup goes by the file's path, size and
modification time, so a large font is read and hashed only when an instance is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from humaskit.files import write_atomic
from humaskit.realpaths import resolved
from humaskit.resources import user_cache_dir

__all__ = [
    "ALGORITHM",
    "WeightAxis",
    "cache_dir",
    "instance_file",
    "respace_punctuation",
    "static_instance",
]

# Bump when the bytes an instance is cut into change (cached instances are then cut again).
# 2: glyphs no longer carry the OVERLAP_SIMPLE/OVERLAP_COMPOUND flags (see static_instance).
ALGORITHM = 2
# The glyphs whose side bearings tell how tight a weight is spaced (the spacing control letters).
_SPACING_REFERENCE = "no"
_USE_MY_METRICS = 0x0200


@dataclass(frozen=True)
class WeightAxis:
    """A variable font's ``wght`` axis: its lowest, default and highest value."""

    minimum: float
    default: float
    maximum: float

    def clamp(self, weight: float) -> float:
        return min(max(weight, self.minimum), self.maximum)


def _version_tag() -> str:
    from fontTools import version  # only needed when an instance is looked up

    return f"{ALGORITHM}-{version}"


def static_instance(data: bytes, weight: float) -> bytes:
    """The static instance of the variable font ``data`` at ``weight``, as TrueType bytes.

    The weight is clamped to the font's ``wght`` axis; every other axis is pinned to its default.
    The bytes are the same for the same font, weight and fontTools version (the file's time stamp
    is kept from the source).

    Overlapping contours are kept but not flagged as overlapping, as in the variable font itself:
    FreeType draws a flagged glyph with 4×4 supersampling, about four times slower (a headline
    line took 10–15 ms instead of 3), for edges that differ only in anti-aliasing.
    """
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    overlap = instancer.OverlapMode.KEEP_AND_DONT_SET_FLAGS
    default = TTFont(io.BytesIO(data), recalcTimestamp=False)
    axes = {axis.axisTag: axis for axis in default["fvar"].axes}
    wght = axes["wght"]
    limits: dict[str, float | None] = dict.fromkeys(axes)
    limits["wght"] = min(max(float(weight), wght.minValue), wght.maxValue)
    varfont = TTFont(io.BytesIO(data), recalcTimestamp=False)
    try:
        font = instancer.instantiateVariableFont(
            varfont, limits, updateFontNames=True, overlap=overlap
        )
    except ValueError:  # no STAT names for this weight: keep the default instance's names
        varfont = TTFont(io.BytesIO(data), recalcTimestamp=False)
        font = instancer.instantiateVariableFont(varfont, limits, overlap=overlap)
    respace_punctuation(default, font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _side_bearings(font: Any, name: str) -> tuple[int, int, int] | None:
    """(left side bearing, right side bearing, advance) of a glyph with ink; ``None`` if none."""
    glyf = font["glyf"]
    glyph = glyf[name]
    glyph.recalcBounds(glyf)
    if not hasattr(glyph, "xMin") or glyph.xMax <= glyph.xMin:
        return None
    advance = font["hmtx"][name][0]
    return int(glyph.xMin), int(advance - glyph.xMax), int(advance)


def respace_punctuation(default: Any, instance: Any) -> dict[str, int]:
    """Tighten the punctuation of ``instance`` (a static cut of the variable font ``default``)
    to the letters' spacing; returns the horizontal shift per changed glyph.

    A punctuation mark (a character of Unicode category P* in the character map, or a glyph a
    substitution turns one into) gets its side bearings from the default instance, times the
    ratio of the spacing letters' side bearings ("n", "o") in ``instance`` to those in
    ``default``, and only where that is tighter than what ``instance`` has. Composite glyphs
    that use a moved glyph are corrected so they do not move.
    Fonts without TrueType outlines or without the spacing letters are left as they are.
    """
    if "glyf" not in instance or "glyf" not in default:
        return {}
    cmap = default.getBestCmap() or {}
    reference = [cmap.get(ord(ch)) for ch in _SPACING_REFERENCE]
    before = [_side_bearings(default, n) for n in reference if n]
    after = [_side_bearings(instance, n) for n in reference if n]
    if len(before) < len(_SPACING_REFERENCE) or None in before or None in after:
        return {}
    total_before = sum(sb[0] + sb[1] for sb in before if sb)
    total_after = sum(sb[0] + sb[1] for sb in after if sb)
    if total_before <= 0 or total_after <= 0:
        return {}
    ratio = total_after / total_before
    marks = sorted(_substitutes(default, {n for cp, n in cmap.items() if _is_punctuation(cp)}))
    shifts: dict[str, int] = {}
    advances: dict[str, int] = {}
    for name in marks:
        was, now = _side_bearings(default, name), _side_bearings(instance, name)
        if was is None or now is None:
            continue
        left = min(now[0], round(was[0] * ratio))
        right = min(now[1], round(was[1] * ratio))
        if (left, right) != now[:2]:
            shifts[name] = left - now[0]
            advances[name] = now[2] + (left - now[0]) + (right - now[1])
    if shifts:
        _move_glyphs(instance, shifts, advances)
    return shifts


def _is_punctuation(code_point: int) -> bool:
    return unicodedata.category(chr(code_point)).startswith("P")


def _substitutes(font: Any, names: set[str]) -> set[str]:
    """``names`` and every glyph a single or alternate substitution turns them into (the
    forms "case" and "calt" use, such as ``hyphen.case`` between capitals and figures)."""
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return names
    mappings: list[tuple[str, list[str]]] = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            inner = table.ExtSubTable if lookup.LookupType == 7 else table
            if getattr(inner, "LookupType", lookup.LookupType) == 1:
                mappings += [(a, [b]) for a, b in inner.mapping.items()]
            elif getattr(inner, "LookupType", lookup.LookupType) == 3:
                mappings += list(inner.alternates.items())
    found, grown = set(names), True
    while grown:
        grown = False
        for source, targets in mappings:
            if source in found and not found.issuperset(targets):
                found.update(targets)
                grown = True
    return found


def _move_glyphs(font: Any, shifts: dict[str, int], advances: dict[str, int]) -> None:
    glyf, hmtx = font["glyf"], font["hmtx"]
    touched: set[str] = set(shifts)
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        own = shifts.get(name, 0)
        if glyph.isComposite():
            for component in glyph.components:
                if not hasattr(component, "x"):  # placed by matching points: left alone
                    continue
                inner = shifts.get(component.glyphName, 0)
                if own == 0 and inner == 0:
                    continue
                # A moved component moves its composite by the component's transform of the
                # shift; undo that, then apply the composite's own shift.
                xx, xy = 1.0, 0.0
                if hasattr(component, "transform"):
                    xx, xy = component.transform[0][0], component.transform[0][1]
                component.x = round(component.x + own - xx * inner)
                component.y = round(component.y - xy * inner)
                # The composite's metrics are its own now, not a component's.
                component.flags &= ~_USE_MY_METRICS
                touched.add(name)
        elif own and glyph.numberOfContours > 0:
            glyph.coordinates.translate((own, 0))
    for name in touched:
        glyph = glyf[name]
        glyph.recalcBounds(glyf)
        hmtx[name] = (advances.get(name, hmtx[name][0]), int(getattr(glyph, "xMin", 0)))
    if "hdmx" in font:  # device advances per size would contradict the new ones
        del font["hdmx"]


def cache_dir() -> Path:
    """Where cut instances are kept: ``fonts/`` in humaskit's per-user cache."""
    return user_cache_dir() / "fonts"


# Instances found in this process, by (path, size, mtime, weight): no disk access on a hit.
_found: dict[tuple[str, int, int, float], Path | bytes] = {}


def instance_file(path: Path, weight: float, folder: Path | None = None) -> Path | bytes:
    """The static instance of the variable font ``path`` at ``weight``: a cached file, or the
    bytes themselves when the cache folder cannot be written.

    ``folder/ref-…`` (keyed by path, size, modification time and weight) names the instance
    file; ``folder/<content hash>.ttf`` is the instance, written atomically, so processes that
    cut the same instance at the same time all end with the same complete file.
    """
    stat = path.stat()
    key = (str(resolved(path)), stat.st_size, stat.st_mtime_ns, float(weight))
    if key in _found:
        return _found[key]
    folder = folder if folder is not None else cache_dir()
    tag = _version_tag()
    lookup = hashlib.sha256("\0".join([*map(str, key), tag]).encode()).hexdigest()[:40]
    ref = folder / f"ref-{lookup}.txt"
    found = _read_ref(ref, folder)
    if found is None:
        data = path.read_bytes()
        digest = hashlib.sha256(data)
        digest.update(f"\0{float(weight)}\0{tag}".encode())
        found = folder / f"{digest.hexdigest()[:40]}.ttf"
        if not found.is_file():
            built = static_instance(data, weight)
            try:
                write_atomic(found, built)
            except OSError:  # no writable cache: keep the instance in memory for this process
                _found[key] = built
                return built
        with contextlib.suppress(OSError):  # without the ref, the next process hashes again
            write_atomic(ref, found.name.encode())
    _found[key] = found
    return found


def _read_ref(ref: Path, folder: Path) -> Path | None:
    try:
        name = ref.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    target = folder / name
    if not name.endswith(".ttf") or "/" in name or "\\" in name or not target.is_file():
        return None
    return target
