"""Which unit a release belongs to: the one asked for, else the one the text names.

A desa admin's text says "Desa Bangkleyan" in its title or first lines; when exactly one unit
of the registry is named there (a desa inside a named kecamatan counts as the desa), it is the
guess. Otherwise the regency's own unit (the registry's root) is used, and the admin is told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from humaskit.errors import BrandError, UsageError
from humaskit.i18n import _
from humaskit.model.brand import Brand, Unit, load_brand


def _brand(root: Path) -> Brand:
    return load_brand(root / "brand" if (root / "brand").is_dir() else None)


def _named(unit: Unit, text: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
        for name in {unit.name, unit.short_name}
        if len(name) > 4
    )


def guess_unit(root: Path, wanted: str | None, texts: Sequence[str]) -> tuple[str, str]:
    """The unit key for a release, and how it was chosen ("" when the admin gave it).

    Raises:
        UsageError: ``wanted`` is no unit's key or code (the hint names the nearest).
    """
    brand = _brand(root)
    if wanted is not None:
        try:
            return brand.unit(wanted).key, ""
        except BrandError as exc:
            raise UsageError(exc.message, hint=exc.hint) from None
    units = brand.units()
    text = "\n".join(texts)
    named = [unit for unit in units if unit.parent is not None and _named(unit, text)]
    inner = [u for u in named if not any(u.key in other.lineage[:-1] for other in named)]
    if len(inner) == 1:
        return inner[0].key, _("the unit named in the title or first lines: {name}").format(
            name=inner[0].name
        )
    top = next(unit for unit in units if unit.parent is None)
    return top.key, _("no single unit is named in the text; give --unit to choose another")
