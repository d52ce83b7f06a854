#!/usr/bin/env python3
"""Generate the unit registry ``brand/units.yaml`` of the built-in Blora brand kit.

Sources:

- ``brand/data/blora-wilayah.csv``: every kecamatan, desa and kelurahan of Kabupaten Blora with its
  Kemendagri code (cahyadsn/wilayah, MIT; see ``brand/data/README.md``);
- ``OPDS`` below: the regional agencies (OPD) of Pemkab Blora, written by hand because no
  machine-readable list of them is at hand. Their names follow the usual Indonesian nomenclature;
  check them against the regency's regulation on its agencies before relying on them.

Usage::

    python scripts/gen_units.py            # rewrite brand/units.yaml
    python scripts/gen_units.py --check    # exit 1 if brand/units.yaml is out of date
    python scripts/gen_units.py --fresh    # rewrite without keeping hand-edited fields

Regenerating keeps, for every key already in the output file, the fields that admins own
(``handles``, ``hashtags``, ``accent``, ``logo``, ``platforms``), and keeps units added by hand
(keys the generator does not produce) after the generated ones. The output is a pure function of
the CSV, this script and those kept fields: running it twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO / "brand" / "data" / "blora-wilayah.csv"
DEFAULT_OUT = REPO / "brand" / "units.yaml"

ROOT_KEY = "pemkab"
ROOT_CODE = "33.16"

# Fields an admin may edit by hand; regeneration keeps them for keys that already exist.
ADMIN_FIELDS = ("handles", "hashtags", "accent", "logo", "platforms")
FIELD_ORDER = ("key", "name", "short_name", "type", "code", "parent", *ADMIN_FIELDS)


@dataclass(frozen=True)
class Opd:
    """One regional agency: key, full name, short name and its own extra hashtags."""

    key: str
    name: str
    short_name: str
    hashtags: tuple[str, ...] = ()


# The OPDs of Pemkab Blora. Full names get " Kabupaten Blora" appended unless they already name the
# place; short names are what fits on an image card.
OPDS: tuple[Opd, ...] = (
    Opd("setda", "Sekretariat Daerah", "Setda Blora"),
    Opd("setwan", "Sekretariat DPRD", "Setwan Blora"),
    Opd("inspektorat", "Inspektorat Daerah", "Inspektorat Blora"),
    Opd("bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda Blora"),
    Opd("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD Blora"),
    Opd(
        "bkpsdm",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM Blora",
    ),
    Opd("bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD Blora", ("SiagaBencana",)),
    Opd("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol Blora"),
    Opd("satpolpp", "Satuan Polisi Pamong Praja", "Satpol PP Blora"),
    Opd("disdik", "Dinas Pendidikan", "Disdik Blora", ("PendidikanBlora",)),
    Opd("dinkes", "Dinas Kesehatan", "Dinkes Blora", ("BloraSehat",)),
    Opd("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR Blora"),
    Opd("disperkim", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim Blora"),
    Opd("dishub", "Dinas Perhubungan", "Dishub Blora"),
    Opd(
        "dinsos",
        "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak",
        "Dinsos P3A Blora",
    ),
    Opd("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB Blora"),
    Opd("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil Blora"),
    Opd("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD Blora", ("DesaMembangun",)),
    Opd("dinkominfo", "Dinas Komunikasi dan Informatika", "Dinkominfo Blora", ("BloraDigital",)),
    Opd(
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP Blora",
    ),
    Opd(
        "dinporabudpar",
        "Dinas Kepemudaan, Olahraga, Kebudayaan dan Pariwisata",
        "Dinporabudpar Blora",
        ("WisataBlora",),
    ),
    Opd("dlh", "Dinas Lingkungan Hidup", "DLH Blora"),
    Opd("dintanpan", "Dinas Pertanian dan Ketahanan Pangan", "Dintanpan Blora"),
    Opd("disnakkan", "Dinas Peternakan dan Perikanan", "Disnakkan Blora"),
    Opd("dindagkop", "Dinas Perdagangan, Koperasi dan Usaha Mikro", "Dindagkop UM Blora"),
    Opd("dinperinaker", "Dinas Perindustrian dan Tenaga Kerja", "Dinperinaker Blora"),
    Opd("dinarpus", "Dinas Perpustakaan dan Kearsipan", "Dinarpus Blora"),
    Opd("rsud-blora", "Rumah Sakit Umum Daerah dr. R. Soetijono Blora", "RSUD Blora"),
    Opd("rsud-cepu", "Rumah Sakit Umum Daerah dr. R. Soeprapto Cepu", "RSUD Cepu"),
)

AREA_PREFIX = {"kecamatan": "kec", "desa": "desa", "kelurahan": "kel"}
AREA_TITLE = {"kecamatan": "Kecamatan", "desa": "Desa", "kelurahan": "Kelurahan"}

HEADER = """\
# GENERATED FILE: the unit registry of the built-in Blora brand kit (SPEC section 5).
#
# Made by `python scripts/gen_units.py` from brand/data/blora-wilayah.csv (cahyadsn/wilayah, MIT,
# following Kepmendagri No. 300.2.2-2430 Tahun 2025; see brand/data/README.md) and the list of OPDs
# written in that script. Check it is current with `python scripts/gen_units.py --check`.
#
# Editing by hand:
# - handles, hashtags, accent, logo and platforms belong to the admins: edit them freely.
#   Regenerating keeps them for every existing key (`--fresh` drops them).
# - key, name, short_name, type, code and parent come from the sources: change the CSV or the
#   script and regenerate, or your edit is overwritten.
# - A unit you add by hand (a key the generator does not make) is kept, after the generated ones.
#
# Fields: key (what a release's `unit:` names), name, short_name, type (kabupaten | opd |
# kecamatan | desa | kelurahan), code (Kemendagri area code; OPDs have none), parent (a key),
# and optionally handles ({platform: account}), hashtags (extra hashtags, without '#'), accent
# ("#RRGGBB"), logo (a file relative to the brand kit folder) and platforms (where the unit
# posts). A unit inherits accent, logo, platforms and hashtags from its parent; handles are never
# inherited (the root, pemkab, uses the handles in brand.yaml).
#
# Keys of areas: "kec-", "desa-" or "kel-" followed by the name in lower case, with every run of
# other characters than a-z and 0-9 replaced by "-" (kec-cepu, desa-bangkleyan, kel-cepu). When two
# or more desa (or two or more kelurahan) share a name, each of them gets "-" and its kecamatan's
# name, written the same way, appended (desa-plosorejo-randublatung, desa-plosorejo-banjarejo).
#
# The handles of the OPDs are PLACEHOLDERS ("contoh"): replace them with the real accounts.
# Kecamatan, desa and kelurahan have no handles here: their admins add them.
"""


@dataclass(frozen=True)
class Area:
    """One row of the area CSV."""

    code: str
    level: str
    name: str
    parent_code: str


@dataclass
class Entry:
    """One unit of the registry as it is written out."""

    fields: dict[str, Any]
    comment: str | None = None  # a comment line written before the entry

    @property
    def key(self) -> str:
        return str(self.fields["key"])


def slugify(text: str) -> str:
    """Lower-case ``text`` and replace every run of characters other than a-z, 0-9 with ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def proper_name(text: str) -> str:
    """Capitalise the first letter of each word, keeping the rest (the CSV has ``plosorejo``)."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def read_areas(csv_path: Path) -> list[Area]:
    """Read the area CSV, sorted by code.

    Raises:
        ValueError: a row has an unknown level or an unknown parent.
    """
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    areas = [
        Area(row["kode"].strip(), row["tingkat"].strip(), row["nama"].strip(), row["induk"].strip())
        for row in rows
    ]
    codes = {area.code for area in areas}
    for area in areas:
        if area.level not in ("kabupaten", *AREA_TITLE):
            raise ValueError(f"{csv_path}: unknown tingkat {area.level!r} of {area.code}")
        if area.parent_code and area.parent_code not in codes:
            raise ValueError(f"{csv_path}: parent {area.parent_code} of {area.code} is missing")
    # Sorting the numeric parts puts each area right after its parent and before the next sibling.
    return sorted(areas, key=lambda area: [int(part) for part in area.code.split(".")])


def area_keys(areas: Sequence[Area]) -> dict[str, str]:
    """Map each kecamatan, desa and kelurahan code to its unique key (rule in ``HEADER``)."""
    kecamatan_slug = {a.code: slugify(a.name) for a in areas if a.level == "kecamatan"}
    counts = Counter((a.level, slugify(a.name)) for a in areas if a.level in AREA_PREFIX)
    keys: dict[str, str] = {}
    for area in areas:
        if area.level not in AREA_PREFIX:
            continue
        slug = slugify(area.name)
        key = f"{AREA_PREFIX[area.level]}-{slug}"
        if area.level != "kecamatan" and counts[(area.level, slug)] > 1:
            key += "-" + kecamatan_slug[area.parent_code]
        keys[area.code] = key
    duplicates = [key for key, n in Counter(keys.values()).items() if n > 1]
    if duplicates:
        raise ValueError(f"the key rule gives duplicate keys: {', '.join(sorted(duplicates))}")
    return keys


def opd_handles(key: str) -> dict[str, str]:
    """Obviously fake handles that show where an OPD's real accounts go."""
    compact = key.replace("-", "")
    return {
        "instagram": f"@contoh.{compact}blora",
        "facebook": f"@contoh.{compact}blora",
    }


def generate(areas: Sequence[Area]) -> list[Entry]:
    """Build the registry entries: the regency, its OPDs, then each kecamatan with its areas."""
    roots = [a for a in areas if a.level == "kabupaten"]
    if [a.code for a in roots] != [ROOT_CODE]:
        raise ValueError(f"expected exactly one kabupaten with code {ROOT_CODE}")
    keys = area_keys(areas)
    keys[ROOT_CODE] = ROOT_KEY
    children = Counter((a.parent_code, a.level) for a in areas)
    entries = [
        Entry(
            {
                "key": ROOT_KEY,
                "name": "Pemerintah Kabupaten Blora",
                "short_name": "Pemkab Blora",
                "type": "kabupaten",
                "code": ROOT_CODE,
                "parent": None,
            },
            comment="The regency itself; its accounts are the handles in brand.yaml.",
        )
    ]
    for index, opd in enumerate(OPDS):
        name = opd.name if opd.name.endswith(("Blora", "Cepu")) else f"{opd.name} Kabupaten Blora"
        fields: dict[str, Any] = {
            "key": opd.key,
            "name": name,
            "short_name": opd.short_name,
            "type": "opd",
            "code": None,
            "parent": ROOT_KEY,
            "handles": opd_handles(opd.key),
        }
        if opd.hashtags:
            fields["hashtags"] = list(opd.hashtags)
        comment = "Regional agencies (OPD); handles are placeholders." if index == 0 else None
        entries.append(Entry(fields, comment=comment))
    for area in areas:
        if area.level == "kabupaten":
            continue
        title = AREA_TITLE[area.level]
        name = f"{title} {proper_name(area.name)}"
        fields = {
            "key": keys[area.code],
            "name": name,
            "short_name": name,
            "type": area.level,
            "code": area.code,
            "parent": keys[area.parent_code],
        }
        comment = None
        if area.level == "kecamatan":
            fields["hashtags"] = ["Kecamatan" + re.sub(r"[^A-Za-z0-9]", "", proper_name(area.name))]
            n_desa = children[(area.code, "desa")]
            n_kel = children[(area.code, "kelurahan")]
            comment = f"{name} ({area.code}): {n_desa} desa, {n_kel} kelurahan."
        entries.append(Entry(fields, comment=comment))
    return entries


def merge_existing(entries: list[Entry], existing: Iterable[Mapping[str, Any]]) -> list[Entry]:
    """Keep admin-owned fields of existing keys and append units that were added by hand."""
    by_key = {entry.key: entry for entry in entries}
    added: list[Entry] = []
    for old in existing:
        key = old.get("key")
        if not isinstance(key, str):
            continue
        if key in by_key:
            for name in ADMIN_FIELDS:
                if name in old:
                    by_key[key].fields[name] = old[name]
        else:
            comment = "Units added by hand." if not added else None
            added.append(Entry(dict(old), comment=comment))
    return entries + added


def read_existing(path: Path) -> list[Mapping[str, Any]]:
    """The entries of an earlier ``units.yaml``; empty when it is missing."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    units = data.get("units") if isinstance(data, dict) else None
    if not isinstance(units, list):
        raise ValueError(f"{path}: expected a mapping with a `units:` list; use --fresh")
    return [unit for unit in units if isinstance(unit, dict)]


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written unquoted and reads back as the same string."""
    if not text or text != text.strip() or re.search(r"[:#\[\]{},&*!|>'\"%@`]", text):
        return False
    return bool(yaml.safe_load(text) == text)


def scalar(value: Any, *, quote: bool = False) -> str:
    """One YAML scalar; strings are written plain where safe, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return value if (not quote and _plain_ok(value)) else json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def flow(value: Any) -> str:
    """A value on one line: lists and mappings in flow style."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    return scalar(value)


def render(entries: Sequence[Entry]) -> str:
    """The text of ``units.yaml``."""
    lines = [HEADER, "units:"]
    for entry in entries:
        if entry.comment:
            lines.append("")
            lines.append(f"  # {entry.comment}")
        ordered = [name for name in FIELD_ORDER if name in entry.fields]
        ordered += [name for name in entry.fields if name not in FIELD_ORDER]
        for position, name in enumerate(ordered):
            value = entry.fields[name]
            text = scalar(value, quote=True) if name == "code" else flow(value)
            lines.append(f"  {'- ' if position == 0 else '  '}{name}: {text}")
    return "\n".join(lines) + "\n"


def build(csv_path: Path, out: Path, *, fresh: bool) -> str:
    """The registry text for ``csv_path``, keeping the hand edits found in ``out`` unless fresh."""
    entries = generate(read_areas(csv_path))
    if not fresh:
        entries = merge_existing(entries, read_existing(out))
    return render(entries)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="area CSV to read")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="registry file to write")
    parser.add_argument("--fresh", action="store_true", help="drop hand-edited fields")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if --out is out of date"
    )
    args = parser.parse_args(argv)
    try:
        text = build(args.csv, args.out, fresh=args.fresh)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"gen_units: {error}", file=sys.stderr)
        return 2
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    if args.check:
        if current != text:
            print(f"{args.out} is out of date: run python scripts/gen_units.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)  # atomic: an interrupted run leaves the old file
    print(f"{args.out}: {text.count(chr(10) + '  - key: ')} units", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
