"""Cut the built-in kit's static fonts from the bundled variable Plus Jakarta Sans.

Run from the repository root: ``python scripts/make_static_fonts.py`` (``--check`` only compares
and exits 1 when a file would change). The instances come from humaskit's own
:func:`humaskit.cards.instances.static_instance` (fontTools' ``varLib.instancer`` at the weight,
punctuation respaced for it), the same cut a brand kit that names the variable font with a
weight gets at run time; the output is deterministic for a given fontTools version.

Because the punctuation spacing is changed, the files are a Modified Version under the SIL Open
Font License. The licence (``brand/fonts/PlusJakartaSans-OFL.txt``) declares no Reserved Font
Name; the family is still renamed ("Plus Jakarta Sans Humaskit") so that the modified files are
never taken for the upstream ones, and the copyright and licence records are kept.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

from humaskit.cards.instances import static_instance

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "brand" / "fonts"
SOURCE = FONTS / "PlusJakartaSans-Variable.ttf"
FAMILY, NEW_FAMILY = "Plus Jakarta Sans", "Plus Jakarta Sans Humaskit"
# The weights brand/brand.yaml uses: heading and numbers 800, body 500.
WEIGHTS = {500: "Medium", 800: "ExtraBold"}
# Name records that carry the family name (family, unique id, full name, PostScript name,
# typographic family, WWS family, variations PostScript prefix).
_NAMED = {1, 3, 4, 6, 16, 21, 25}
_VERSION = 5


def output_file(weight: int) -> Path:
    return FONTS / f"{NEW_FAMILY.replace(' ', '')}-{WEIGHTS[weight]}.ttf"


def build(weight: int) -> bytes:
    """The static font file of ``weight``, renamed."""
    font = TTFont(io.BytesIO(static_instance(SOURCE.read_bytes(), weight)), recalcTimestamp=False)
    names = font["name"]
    for record in names.names:
        text = record.toUnicode()
        if record.nameID in _NAMED:
            text = text.replace(FAMILY, NEW_FAMILY)
            text = text.replace(FAMILY.replace(" ", ""), NEW_FAMILY.replace(" ", ""))
        elif record.nameID == _VERSION:
            text += "; humaskit static instance, punctuation respaced"
        names.setName(text, record.nameID, record.platformID, record.platEncID, record.langID)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    check = parser.parse_args(argv).check
    stale = []
    for weight in WEIGHTS:
        path, data = output_file(weight), build(weight)
        if path.is_file() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not check:
            path.write_bytes(data)
    for path in stale:
        print(f"{'out of date' if check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
