"""The brand kit loader and the unit registry (SPEC §5)."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest

from humaskit.errors import BrandError
from humaskit.model import brand as brand_module
from humaskit.model.brand import BRAND_FILE, UNITS_FILE, Brand, load_brand
from humaskit.resources import builtin_brand_dir

# These tests check English message texts; the Indonesian catalogue is tested in test_i18n.
pytestmark = pytest.mark.usefixtures("english")

REPO = Path(__file__).resolve().parent.parent

BRAND_YAML = """\
name: Pemerintah Desa Contoh
short_name: Desa Contoh
locale: id
require_approval: false
colors:
  primary: "#112233"
  secondary: "#223344"
  accent: "#AABBCC"
  text_on_dark: "#FFFFFF"
  text_on_light: "#000000"
  background: "#FAFAFA"
fonts:
  heading: {file: fonts/Heading.ttf, weight: 800}
  body: {file: fonts/Body.ttf}
  numbers: fonts/Heading.ttf
  emoji: {file: fonts/Emoji.ttf}
logos:
  main: logos/main.png
hashtags: [Contoh, "#ContohKita"]
handles:
  instagram: "@contoh.root"
footer: Pemerintah Desa Contoh
complaint_channels:
  - name: SP4N-LAPOR!
    url: https://www.lapor.go.id
platforms: [instagram, facebook, x]
"""

UNITS_YAML = """\
units:
  - key: root
    name: Pemerintah Contoh
    type: kabupaten
    code: "99.01"
  - key: kec-a
    name: Kecamatan A
    short_name: Kec. A
    type: kecamatan
    code: "99.01.01"
    parent: root
    accent: "#123456"
    logo: logos/kec-a.png
    platforms: [instagram]
    hashtags: [KecamatanA, Bersama]
    handles: {instagram: "@contoh.keca"}
  - key: desa-b
    name: Desa B
    type: desa
    code: "99.01.01.2001"
    parent: kec-a
    hashtags: [bersama, DesaB]
  - key: opd-c
    name: Dinas C
    type: opd
    parent: root
    logo: logos/missing.png
"""


def write_kit(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (relative path → content) under ``folder`` and return it."""
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def kit(tmp_path: Path, brand: str = BRAND_YAML, units: str = UNITS_YAML) -> Brand:
    return load_brand(write_kit(tmp_path / "kit", {BRAND_FILE: brand, UNITS_FILE: units}))


def brand_error(tmp_path: Path, **files: str) -> BrandError:
    with pytest.raises(BrandError) as caught:
        kit(tmp_path, **files)
    return caught.value


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of ``text`` that holds ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_units", REPO / "scripts" / "gen_units.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the built-in kit


@pytest.fixture(scope="module")
def builtin() -> Brand:
    return load_brand()


def test_builtin_kit_loads(builtin: Brand) -> None:
    assert builtin.name == "Pemerintah Kabupaten Blora"
    assert builtin.root == builtin_brand_dir().resolve()
    assert set(builtin.colors) >= {"primary", "secondary", "accent", "background"}
    assert all(len(value) == 7 and value.startswith("#") for value in builtin.colors.values())
    assert set(builtin.fonts) >= {"heading", "body", "numbers", "emoji"}
    for spec in builtin.fonts.values():
        assert spec.file.is_absolute()
        assert spec.file.parent == builtin.root / "fonts"
    assert builtin.fonts["heading"].weight == 800
    assert builtin.logos["main"].is_absolute()
    assert builtin.complaint_channels[0].name == "SP4N-LAPOR!"
    assert "instagram" in builtin.platforms
    assert builtin.locale == "id"


def test_builtin_registry_covers_every_area(builtin: Brand) -> None:
    units = builtin.units()
    counts = Counter(unit.type for unit in units)
    assert counts["kabupaten"] == 1
    assert counts["kecamatan"] == 16
    assert counts["desa"] == 271
    assert counts["kelurahan"] == 24
    assert counts["opd"] >= 15
    assert len(units) == 1 + counts["opd"] + 16 + 271 + 24

    with (REPO / "brand" / "data" / "blora-wilayah.csv").open(encoding="utf-8") as handle:
        csv_codes = {row["kode"] for row in csv.DictReader(handle)}
    assert {unit.code for unit in units if unit.code} == csv_codes

    by_key = {unit.key: unit for unit in units}
    for unit in units:
        if unit.type == "kecamatan":
            assert unit.parent == "pemkab"
            assert unit.key.startswith("kec-")
        elif unit.type in ("desa", "kelurahan"):
            parent = by_key[unit.parent or ""]
            assert parent.type == "kecamatan"
            assert unit.code is not None and parent.code == unit.code.rsplit(".", 1)[0]
            assert unit.key.startswith("desa-" if unit.type == "desa" else "kel-")
            assert unit.lineage == ("pemkab", parent.key, unit.key)
            assert not unit.handles


def test_builtin_opds(builtin: Brand) -> None:
    wanted = {"dinkominfo", "dinkes", "disdik", "dpmd", "dpupr", "dinsos", "dukcapil", "bappeda"}
    wanted |= {"setda", "bpbd", "dlh", "dpmptsp"}
    opds = {unit.key: unit for unit in builtin.units() if unit.type == "opd"}
    assert wanted <= set(opds)
    assert opds["dinkominfo"].name == "Dinas Komunikasi dan Informatika Kabupaten Blora"
    assert opds["dinkominfo"].short_name == "Dinkominfo Blora"
    assert "BloraDigital" in opds["dinkominfo"].hashtags
    for unit in opds.values():
        assert unit.parent == "pemkab"
        assert unit.code is None
        assert len(unit.hashtags) <= 2
        assert all("contoh" in handle for handle in unit.handles.values())


def test_lookup_by_key_and_code(builtin: Brand) -> None:
    cepu = builtin.unit("33.16.05")
    assert cepu.name == "Kecamatan Cepu"
    assert cepu.key == "kec-cepu"
    assert builtin.unit("kec-cepu") is cepu
    assert builtin.unit(" KEC-CEPU ") is cepu
    desa = builtin.unit("33.16.01.2001")
    assert (desa.key, desa.name, desa.parent) == ("desa-bangkleyan", "Desa Bangkleyan", "kec-jati")
    assert builtin.unit("kel-cepu").name == "Kelurahan Cepu"
    assert builtin.unit("kel-cepu").parent == "kec-cepu"
    assert builtin.unit("33.16").key == "pemkab"


def test_repeated_area_names_get_the_kecamatan_in_their_key(builtin: Brand) -> None:
    plosorejo = [unit for unit in builtin.units() if unit.name == "Desa Plosorejo"]
    assert sorted(unit.key for unit in plosorejo) == [
        "desa-plosorejo-banjarejo",
        "desa-plosorejo-kunduran",
        "desa-plosorejo-randublatung",
    ]
    # A name shared by one desa and one kelurahan differs by prefix already.
    assert builtin.unit("desa-tambahrejo").parent == "kec-tunjungan"
    assert builtin.unit("kel-tambahrejo").parent == "kec-blora"


def test_root_unit_uses_the_brand_handles_and_others_only_their_own(builtin: Brand) -> None:
    assert dict(builtin.unit("pemkab").handles) == dict(builtin.handles)
    assert builtin.unit("desa-bangkleyan").handles == {}
    assert builtin.unit("dinkominfo").handles["instagram"] != builtin.handles["instagram"]


def test_unknown_unit_suggests_the_nearest_keys(builtin: Brand) -> None:
    with pytest.raises(BrandError) as caught:
        builtin.unit("dinkomifo")
    error = caught.value
    assert "dinkomifo" in error.message
    assert "dinkominfo" in error.hint
    assert error.hint.count(",") == 2  # three suggestions
    assert error.location.file == builtin.units_file
    assert "units.yaml" in str(error)


def test_generated_registry_is_up_to_date(tmp_path: Path) -> None:
    gen = load_generator()
    committed = REPO / "brand" / "units.yaml"
    out = tmp_path / "units.yaml"
    shutil.copy(committed, out)  # so hand-edited admin fields are kept, as a real run keeps them
    assert gen.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "brand/units.yaml is out of date: run python scripts/gen_units.py"
    )


def test_generator_keeps_hand_edits(tmp_path: Path) -> None:
    gen = load_generator()
    out = tmp_path / "units.yaml"
    assert gen.main(["--out", str(out), "--fresh"]) == 0
    text = out.read_text(encoding="utf-8")
    text = text.replace(
        "  - key: kec-cepu\n", '  - key: kec-cepu\n    handles: {instagram: "@kec.cepu"}\n', 1
    )
    text += "  - key: upt-contoh\n    name: UPT Contoh\n    type: opd\n    parent: dinkes\n"
    out.write_text(text, encoding="utf-8")
    assert gen.main(["--out", str(out)]) == 0
    assert gen.main(["--out", str(out), "--check"]) == 0
    write_kit(tmp_path / "kit", {BRAND_FILE: BRAND_YAML, UNITS_FILE: out.read_text("utf-8")})
    regenerated = load_brand(tmp_path / "kit")
    assert regenerated.unit("kec-cepu").handles == {"instagram": "@kec.cepu"}
    assert regenerated.unit("upt-contoh").lineage == ("pemkab", "dinkes", "upt-contoh")
    assert gen.main(["--out", str(out), "--fresh", "--check"]) == 1


# --------------------------------------------------------------------------- user kits


def test_inheritance_in_a_user_kit(tmp_path: Path) -> None:
    write_kit(tmp_path / "kit", {"logos/kec-a.png": b"png"})
    brand = kit(tmp_path)
    root, kec, desa, opd = (brand.unit(key) for key in ("root", "kec-a", "desa-b", "opd-c"))

    assert root.colors["accent"] == "#AABBCC"
    assert kec.colors["accent"] == desa.colors["accent"] == "#123456"
    assert desa.colors["primary"] == "#112233"

    kit_dir = (tmp_path / "kit").resolve()
    assert root.logo == kit_dir / "logos" / "main.png"
    assert kec.logo == desa.logo == kit_dir / "logos" / "kec-a.png"
    assert opd.logo == kit_dir / "logos" / "missing.png"  # the user's path, even though missing

    assert root.platforms == ("instagram", "facebook", "x")
    assert kec.platforms == desa.platforms == ("instagram",)

    assert root.hashtags == ()  # the brand's own hashtags are not the unit's
    assert desa.hashtags == ("KecamatanA", "Bersama", "DesaB")
    assert brand.hashtags == ("Contoh", "ContohKita")

    assert dict(root.handles) == {"instagram": "@contoh.root"}
    assert dict(kec.handles) == {"instagram": "@contoh.keca"}
    assert desa.handles == {}  # never the kecamatan's account
    assert desa.lineage == ("root", "kec-a", "desa-b")
    assert desa.short_name == "Desa B"
    assert kec.short_name == "Kec. A"
    assert [unit.key for unit in brand.units()] == ["root", "kec-a", "desa-b", "opd-c"]


def test_user_kit_without_units_uses_the_builtin_registry(tmp_path: Path) -> None:
    brand = load_brand(write_kit(tmp_path / "kit", {BRAND_FILE: BRAND_YAML}))
    assert brand.name == "Pemerintah Desa Contoh"
    assert brand.units_file == builtin_brand_dir().resolve() / UNITS_FILE
    assert brand.unit("33.16.05").colors["accent"] == "#AABBCC"


def test_user_kit_falls_back_to_builtin_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_builtin = write_kit(
        tmp_path / "builtin",
        {
            BRAND_FILE: BRAND_YAML.replace("Pemerintah Desa Contoh", "Bawaan"),
            UNITS_FILE: UNITS_YAML,
            "fonts/Heading.ttf": b"font",
            "fonts/Body.ttf": b"font",
        },
    )
    monkeypatch.setattr(brand_module, "builtin_brand_dir", lambda: fake_builtin)
    user = write_kit(tmp_path / "user", {BRAND_FILE: BRAND_YAML, "fonts/Body.ttf": b"mine"})
    brand = load_brand(user)
    assert brand.fonts["heading"].file == fake_builtin.resolve() / "fonts" / "Heading.ttf"
    assert brand.fonts["body"].file == user.resolve() / "fonts" / "Body.ttf"
    assert brand.fonts["emoji"].file == user.resolve() / "fonts" / "Emoji.ttf"

    only_units = write_kit(tmp_path / "units-only", {UNITS_FILE: UNITS_YAML})
    assert load_brand(only_units).name == "Bawaan"
    assert load_brand(user / BRAND_FILE).root == user.resolve()


def test_missing_or_empty_kit_folder(tmp_path: Path) -> None:
    with pytest.raises(BrandError, match="does not exist"):
        load_brand(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BrandError, match="neither"):
        load_brand(tmp_path / "empty")


def test_edited_file_is_read_again(tmp_path: Path) -> None:
    assert kit(tmp_path).short_name == "Desa Contoh"
    changed = BRAND_YAML.replace("short_name: Desa Contoh", "short_name: Desa Contoh Baru")
    assert kit(tmp_path, brand=changed).short_name == "Desa Contoh Baru"


# --------------------------------------------------------------------------- validation


def test_bad_colour_names_file_field_and_line(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML.replace('"#223344"', '"#22334"'))
    assert error.location.file == (tmp_path / "kit" / BRAND_FILE).resolve()
    assert error.location.field == "colors.secondary"
    assert error.location.line == line_of(BRAND_YAML, "secondary:")
    assert "#RRGGBB" in error.hint


def test_unquoted_colour_explains_the_comment(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML.replace('"#AABBCC"', "#AABBCC"))
    assert error.location.field == "colors.accent"
    assert "comment" in error.hint


def test_missing_colour_role(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML.replace('  background: "#FAFAFA"\n', ""))
    assert error.location.field == "colors.background"
    assert "background" in error.message


def test_missing_font_role(tmp_path: Path) -> None:
    error = brand_error(
        tmp_path, brand=BRAND_YAML.replace("  emoji: {file: fonts/Emoji.ttf}\n", "")
    )
    assert error.location.field == "fonts.emoji"


def test_bad_font_weight(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML.replace("weight: 800", "weight: heavy"))
    assert error.location.field == "fonts.heading.weight"
    assert error.location.line == line_of(BRAND_YAML, "heading:")


def test_bad_yaml_reports_the_line(tmp_path: Path) -> None:
    error = brand_error(
        tmp_path, brand=BRAND_YAML.replace("footer: Pemerintah", "footer: [Pemerintah")
    )
    assert error.location.line is not None
    assert error.location.line >= line_of(BRAND_YAML, "footer:")
    assert "YAML" in error.message
    assert f"{BRAND_FILE}:{error.location.line}" in str(error)


def test_unknown_top_level_key_suggests_the_right_one(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML.replace("hashtags:", "hastags:"))
    assert error.location.field == "hastags"
    assert error.location.line == line_of(BRAND_YAML, "hashtags:")
    assert "hashtags" in error.hint


def test_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML + "locale: en\n")
    assert error.location.field == "locale"
    assert f"line {line_of(BRAND_YAML, 'locale:')}" in error.message
    assert error.location.line == line_of(BRAND_YAML, "locale:") + BRAND_YAML.count("\n") - 2


def test_bad_hashtag(tmp_path: Path) -> None:
    error = brand_error(tmp_path, brand=BRAND_YAML.replace('"#ContohKita"', '"Contoh Kita"'))
    assert error.location.field == "hashtags[1]"


def test_complaint_channel_needs_url_or_phone(tmp_path: Path) -> None:
    error = brand_error(
        tmp_path, brand=BRAND_YAML.replace("    url: https://www.lapor.go.id\n", "")
    )
    assert error.location.field == "complaint_channels[0]"


def test_unknown_parent(tmp_path: Path) -> None:
    error = brand_error(tmp_path, units=UNITS_YAML.replace("parent: kec-a", "parent: kec-aa"))
    assert error.location.field == "units[desa-b].parent"
    assert error.location.line == line_of(UNITS_YAML, "parent: kec-a")
    assert "kec-a" in error.hint


def test_cycle(tmp_path: Path) -> None:
    units = UNITS_YAML.replace("    parent: root\n    accent", "    parent: desa-b\n    accent")
    error = brand_error(tmp_path, units=units)
    assert "cycle" in error.message
    assert "kec-a" in error.message and "desa-b" in error.message


def test_self_parent_is_a_cycle(tmp_path: Path) -> None:
    units = UNITS_YAML.replace(
        "    parent: root\n    logo: logos/missing", "    parent: opd-c\n    logo: logos/missing"
    )
    assert "cycle" in brand_error(tmp_path, units=units).message


def test_duplicate_unit_key(tmp_path: Path) -> None:
    units = UNITS_YAML + "  - key: kec-a\n    name: Lagi\n    type: kecamatan\n"
    error = brand_error(tmp_path, units=units)
    assert error.location.field == "units[kec-a].key"
    assert error.location.line == UNITS_YAML.count("\n") + 1
    assert f"line {line_of(UNITS_YAML, 'key: kec-a')}" in error.message


def test_duplicate_unit_code(tmp_path: Path) -> None:
    units = UNITS_YAML + '  - key: lain\n    name: Lain\n    type: desa\n    code: "99.01.01"\n'
    error = brand_error(tmp_path, units=units)
    assert error.location.field == "units[lain].code"
    assert "kec-a" in error.message


def test_unknown_unit_type_and_field(tmp_path: Path) -> None:
    error = brand_error(tmp_path, units=UNITS_YAML.replace("type: desa", "type: dusun"))
    assert error.location.field == "units[desa-b].type"
    error = brand_error(
        tmp_path, units=UNITS_YAML.replace("    hashtags: [bersama", "    hashtag: [bersama")
    )
    assert error.location.field == "units[2].hashtag"
    assert "hashtags" in error.hint


def test_unquoted_code_must_be_quoted(tmp_path: Path) -> None:
    error = brand_error(tmp_path, units=UNITS_YAML.replace('code: "99.01"', "code: 99.01"))
    assert error.location.field == "units[root].code"
    assert '"99.01"' in error.hint


@pytest.mark.parametrize("logo", ["../outside.png", "/etc/hostname", "logos/link.png"])
def test_kit_files_must_stay_inside_the_kit(tmp_path: Path, logo: str) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not read")
    kit = write_kit(tmp_path / "kit", {BRAND_FILE: BRAND_YAML.replace("logos/main.png", logo)})
    (kit / "logos").mkdir(exist_ok=True)
    (kit / "logos" / "link.png").symlink_to(outside)  # a symlink out of the kit counts as out
    with pytest.raises(BrandError, match="outside the brand folder") as info:
        load_brand(kit)
    assert info.value.location is not None and info.value.location.file == kit / BRAND_FILE
