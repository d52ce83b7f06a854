"""Carousels: key points, slide order, trimming to the platform's limit, numbering, output."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import Workspace, invoke_cli
from humaskit.cards.carousel import (
    Slide,
    accounts,
    fit_carousel,
    key_points,
    release_slides,
)
from humaskit.cards.content import CardContent
from humaskit.errors import PlatformError
from humaskit.model.body import parse_body
from humaskit.model.brand import load_brand
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release, resolve_unit
from humaskit.pipeline.images import card_content

LIST_BODY = (
    "Pembuka rilis.\n\n"
    "- akun medsos setiap OPD dikelola lebih menarik;\n"
    "- setiap desa menyusul memiliki akun sendiri; dan\n"
    "- pelatihan admin desa digelar bulan depan.\n"
)
KINERJA_LAYOUT = (
    "name: kinerja\nlayers:\n"
    "  - {id: n, type: text, text: '{{ stats | length }} angka', box: {left: 6s, top: 30s, "
    "width: 80w, height: 10s}}\n"
)


def _content(title: str = "Judul") -> CardContent:
    return CardContent(kind="rilis", title=title, summary="", unit_name="U", date_text="-")


def _slide(role: str, rank: int) -> Slide:
    return Slide(role, "poin", _content(title=role), rank)


def _manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return data


# --- key points ------------------------------------------------------------------------------


def test_key_points_are_the_list_items_as_sentences() -> None:
    points = key_points(parse_body(LIST_BODY))
    assert points == (
        "Akun medsos setiap OPD dikelola lebih menarik",
        "Setiap desa menyusul memiliki akun sendiri",
        "Pelatihan admin desa digelar bulan depan",  # items end alike: no full stop
    )


def test_without_a_list_the_first_sentence_of_each_paragraph_but_not_the_summary() -> None:
    body = parse_body(
        "Ringkasan rilis ini.\n\n"
        "Bupati H. Arief Rohman membuka acara. Kalimat kedua tidak ikut.\n\n"
        "Kegiatan berlangsung di Jl. Pemuda No. 5 Blora. Sisanya tidak ikut."
    )
    assert key_points(body, summary="Ringkasan rilis ini.") == (
        "Bupati H. Arief Rohman membuka acara.",
        "Kegiatan berlangsung di Jl. Pemuda No. 5 Blora.",
    )


def test_long_points_are_cut_at_a_word() -> None:
    (point,) = key_points(parse_body("- " + "kata " * 80))
    assert len(point) <= 150 and point.endswith("…") and " kat…" not in point


# --- trimming and numbering ----------------------------------------------------------------------


def test_fit_numbers_every_slide() -> None:
    carousel = fit_carousel([_slide("cover", 0), _slide("points", 3), _slide("closing", 1)], 10)
    assert [(s.content.slide, s.content.slides) for s in carousel.slides] == [
        (1, 3),
        (2, 3),
        (3, 3),
    ]
    assert carousel.dropped == ()


def test_the_least_important_slides_go_first_and_order_is_kept() -> None:
    slides = [
        _slide("cover", 0),
        _slide("points", 3),
        _slide("points-2", 6),
        _slide("quote", 4),
        _slide("stats", 2),
        _slide("stats-2", 5),
        _slide("closing", 1),
    ]
    kept = fit_carousel(slides, 4)
    assert [s.role for s in kept.slides] == ["cover", "points", "stats", "closing"]
    assert [s.role for s in kept.dropped] == ["points-2", "quote", "stats-2"]
    assert [s.content.slides for s in kept.slides] == [4] * 4
    smallest = fit_carousel(slides, 2)
    assert [s.role for s in smallest.slides] == ["cover", "closing"]


def test_equal_ranks_drop_the_later_slide() -> None:
    slides = [_slide("cover", 0), _slide("a", 2), _slide("b", 2), _slide("c", 2), _slide("end", 1)]
    assert [s.role for s in fit_carousel(slides, 4).slides] == ["cover", "a", "b", "end"]


# --- slides of a release --------------------------------------------------------------------------


def test_slides_of_a_release_with_points_quote_and_figures(workspace: Workspace) -> None:
    workspace({"templates/layouts/kinerja.yaml": KINERJA_LAYOUT})
    stats = [{"label": f"Angka {i}", "value": i + 1} for i in range(10)]
    path = workspace.release(
        body=LIST_BODY, quote={"text": "Kita bekerja untuk warga.", "by": "Bupati"}, stats=stats
    )
    release, brand = load_release(path), load_brand()
    unit = resolve_unit(release, brand)
    slides = release_slides(
        release,
        card_content(release, brand, unit),
        brand=brand,
        platform="instagram",
        account_lines=("Instagram: @contoh",),
        templates_dir=workspace.root / "templates",
    )
    assert [(s.role, s.layout) for s in slides] == [
        ("cover", "rilis"),
        ("points", "poin"),
        ("quote", "kutipan"),
        ("stats", "kinerja"),
        ("stats", "kinerja"),
        ("closing", "penutup"),
    ]
    # Ten figures make two slides of five (not six and four), on one scale for the carousel:
    # the largest figure of all is the full bar, on the slide that shows it.
    assert [len(s.content.stats) for s in slides if s.role == "stats"] == [5, 5]
    assert max(v.share for v in slides[3].content.stats) < 1.0
    assert max(v.share for v in slides[4].content.stats) == 1.0
    assert slides[-1].content.points == ("Instagram: @contoh",)
    assert slides[-1].content.photo is None


def test_a_quote_release_does_not_repeat_its_quote(workspace: Workspace) -> None:
    path = workspace.release(kind="kutipan", quote={"text": "Kita bekerja.", "by": "Bupati"})
    release, brand = load_release(path), load_brand()
    content = card_content(release, brand, resolve_unit(release, brand))
    slides = release_slides(release, content, brand=brand, platform="instagram", account_lines=())
    assert [s.role for s in slides].count("quote") == 0
    assert slides[0].layout == "kutipan"


def test_accounts_group_platforms_sharing_a_handle() -> None:
    brand = load_brand()
    unit = dataclasses.replace(
        brand.unit("dinkominfo"), handles={"instagram": "@a", "facebook": "@a", "x": "@b"}
    )
    names = {"instagram": "Instagram", "facebook": "Facebook", "x": "X"}
    assert accounts(brand, unit, names) == ("Instagram · Facebook: @a", "X: @b")


# --- platform rules -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["null", "1"])
def test_a_carousel_needs_room_for_two_slides(tmp_path: Path, value: str) -> None:
    (tmp_path / "platforms.yaml").write_text(f"instagram:\n  carousel_max: {value}\n")
    with pytest.raises(PlatformError) as caught:
        load_platforms(tmp_path)
    assert caught.value.location is not None
    assert caught.value.location.field == "instagram.carousel_max"


def test_builtin_carousel_platforms() -> None:
    rules = load_platforms()
    having = {pid for pid, p in rules.items() if any(s.variant == "carousel" for s in p.images)}
    assert having == {"instagram", "facebook", "linkedin"}
    assert all(rules[pid].image("carousel").height == 1350 for pid in having)
    assert rules["linkedin"].carousel_max == 9


# --- rendered output ------------------------------------------------------------------------------


def test_render_writes_numbered_slides_with_alt_text(workspace: Workspace) -> None:
    workspace.photo()
    path = workspace.release(
        body=LIST_BODY,
        image="../foto/foto.jpg",
        image_alt="Rapat admin medsos",
        quote={"text": "Kita bekerja untuk warga.", "by": "Bupati"},
    )
    out = workspace.root / "out"
    result = invoke_cli("--lang", "en", "render", path, "--out", out, "-p", "instagram,facebook")
    assert result.exit_code == 0, result.output
    folder = out / "2024-05-10-rapat"
    slides = [a for a in _manifest(folder)["artifacts"] if a.get("variant") == "carousel"]
    instagram = [a for a in slides if a["platform"] == "instagram"]
    assert [a["path"].rsplit(".", 1)[0] for a in instagram] == [
        f"instagram/carousel-0{n}" for n in range(1, 5)
    ]
    assert [(a["slide"], a["slides"]) for a in instagram] == [(n, 4) for n in range(1, 5)]
    assert [a["template"] for a in instagram] == ["rilis", "poin", "kutipan", "penutup"]
    for artifact in slides:
        with Image.open(folder / artifact["path"]) as image:
            assert image.size == (1080, 1350)
        assert artifact["alt"].strip()
    alts = [a["alt"] for a in instagram]
    assert alts[0].startswith("Slide 1 dari 4. ") and "Rapat admin medsos" in alts[0]
    assert "Akun medsos setiap OPD" in alts[1]
    assert "Sampaikan aduan Anda" in alts[3] and "SP4N-LAPOR!" in alts[3]
    assert (folder / "instagram/carousel-02.alt.txt").read_text(encoding="utf-8").strip() == alts[1]


def test_identical_slides_are_drawn_once(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from humaskit.cards.renderer import CardRenderer

    drawn: list[tuple[str, int, str]] = []
    original = CardRenderer.render_later

    def counting(self: CardRenderer, layout: str, size: Any, *args: Any) -> Any:
        drawn.append((layout, self.content.slide, self.content.handles_text))
        return original(self, layout, size, *args)

    monkeypatch.setattr(CardRenderer, "render_later", counting)
    path = workspace.release(body=LIST_BODY)
    out = workspace.root / "out"
    result = invoke_cli("render", path, "--out", out, "-p", "instagram,facebook,linkedin")
    assert result.exit_code == 0, result.output
    slides = [d for d in drawn if d[1] > 0]
    assert sorted(slides) == sorted(set(slides))
    # cover, points, closing: shared by the three platforms, except that a slide whose layout
    # prints the footer's account (every slide, the closing one too: the family's footer row)
    # is drawn once per account (Instagram and Facebook share the unit's; LinkedIn shows the
    # regency's own)
    from humaskit.pipeline.carousels import shows_handle

    brand = load_brand()
    unit = brand.unit("dinkominfo")
    footers = {
        unit.handles.get(p) or brand.handles[p] for p in ("instagram", "facebook", "linkedin")
    }
    assert len(footers) == 2
    layouts = {layout for layout, _slide, _handle in slides}
    assert len(layouts) == 3
    assert shows_handle("rilis", None) and shows_handle("penutup", None)
    expected = sum(len(footers) if shows_handle(layout, None) else 1 for layout in layouts)
    assert len(slides) == expected


def test_the_closing_slide_ends_with_the_family_footer_row(workspace: Workspace) -> None:
    """The closing slide's body names the unit's accounts with their platforms, once; under it
    the slide ends as every other slide of the post does: the rule and the platform's handle
    row at the same place (round-7 re-check, rilis #10), and the block grows down to the rule
    instead of leaving pattern under the complaint panel."""
    from cardkit import rendered_images

    unit = load_brand().unit("dinkominfo")
    path = workspace.release(body=LIST_BODY)
    images = rendered_images(path, workspace.root / "out")
    closing = [a for a in images.values() if a["template"] == "penutup"]
    assert {a["platform"] for a in closing} >= {"instagram", "facebook", "linkedin"}
    for slide in closing:
        layers = {t["layer"]: t for t in slide["text_layers"]}
        body = [" ".join(t["lines"]) for t in slide["text_layers"] if t["layer"] != "footer"]
        assert body.count(unit.handles["instagram"]) == 1, slide["path"]
        cover = next(
            a
            for a in images.values()
            if a["platform"] == slide["platform"]
            and a.get("variant") == "carousel"
            and a["template"] == "rilis"
        )
        footer = next(t for t in cover["text_layers"] if t["layer"] == "footer")
        assert layers["footer"]["lines"] == footer["lines"], slide["path"]
        assert layers["footer"]["box"][1] == pytest.approx(footer["box"][1], abs=2)
        lowest = max(t["box"][3] for t in slide["text_layers"] if t["layer"] != "footer")
        # the panel's last line ends within the panel's padding and the block's gap of the rule
        assert layers["footer"]["box"][1] - lowest < 0.12 * slide["height"], slide["path"]


def test_a_carousel_over_the_limit_is_trimmed_with_a_warning(workspace: Workspace) -> None:
    workspace({"templates/platforms.yaml": "instagram:\n  carousel_max: 2\n"})
    path = workspace.release(body=LIST_BODY, quote={"text": "Kita bekerja.", "by": "Bupati"})
    out = workspace.root / "out"
    result = invoke_cli("--lang", "en", "render", path, "--out", out, "-p", "instagram")
    assert result.exit_code == 0, result.output
    manifest = _manifest(out / "2024-05-10-rapat")
    slides = [a for a in manifest["artifacts"] if a.get("variant") == "carousel"]
    assert [a["template"] for a in slides] == ["rilis", "penutup"]
    (warning,) = [w for w in manifest["warnings"] if w["code"] == "carousel-trimmed"]
    assert "at most 2" in warning["message"] and "points, quote" in warning["message"]


def test_a_phone_number_account_is_labelled_in_the_footer() -> None:
    """WhatsApp's account is a number: a card that asks the reader to get in touch prints it
    after the platform's label ("WA 0800-…"); other accounts stay as they are."""
    from humaskit.pipeline.carousels import footer_handle

    brand = load_brand()
    unit = brand.unit("dinkominfo")
    number = unit.handles.get("whatsapp") or brand.handles["whatsapp"]
    assert load_platforms()["whatsapp"].account_label == "WA"
    assert footer_handle(brand, unit, "whatsapp") == f"WA {number}"
    aduan = CardContent(kind="aduan", title="Jalan", summary="", unit_name="", date_text="")
    assert footer_handle(brand, unit, "whatsapp", aduan) == f"WA {number}"
    assert footer_handle(brand, unit, "instagram") == (
        unit.handles.get("instagram") or brand.handles["instagram"]
    )


def test_a_handle_that_is_not_an_at_handle_names_its_platform() -> None:
    """A LinkedIn page slug ("contoh-pemkab-blora") alone reads as part of the attribution:
    the footer labels it with the platform ("LinkedIn contoh-pemkab-blora"), once."""
    from humaskit.pipeline.carousels import footer_handle

    brand = load_brand()
    unit = brand.unit("dinkominfo")
    slug = unit.handles.get("linkedin") or brand.handles["linkedin"]
    assert not slug.startswith("@")
    assert footer_handle(brand, unit, "linkedin") == f"LinkedIn {slug}"
    labelled = dataclasses.replace(brand, handles={**brand.handles, "linkedin": f"LinkedIn {slug}"})
    bare_unit = dataclasses.replace(unit, handles={})
    assert footer_handle(labelled, bare_unit, "linkedin") == f"LinkedIn {slug}"


def test_threads_credits_the_units_instagram_account_without_a_threads_one() -> None:
    """Round 7, agenda 6: a Threads profile is made from an Instagram account and keeps its
    @name, so a unit with an Instagram handle and no Threads one is credited by that, not by
    the regency's Threads account; a unit's own Threads handle, or none at all, as before."""
    from humaskit.pipeline.carousels import footer_handle

    brand = load_brand()
    unit = dataclasses.replace(brand.unit("dinkominfo"), handles={"instagram": "@contoh.unit"})
    assert footer_handle(brand, unit, "threads") == "@contoh.unit"
    own = dataclasses.replace(unit, handles={"instagram": "@contoh.unit", "threads": "@unit.t"})
    assert footer_handle(brand, own, "threads") == "@unit.t"
    bare = dataclasses.replace(unit, handles={})
    assert footer_handle(brand, bare, "threads") == brand.handles["threads"]
    assert footer_handle(brand, unit, "tiktok") == brand.handles["tiktok"]


@pytest.mark.parametrize("kind", ["rekap", "kutipan", "rilis", "kinerja", "hoaks", "agenda"])
def test_a_card_that_asks_for_no_contact_shows_the_handle_on_whatsapp(kind: str) -> None:
    """A recap, a quote, news, figures, a fact check or an agenda invite reading, not calling:
    their WhatsApp footer names the unit's Instagram account instead of a number."""
    from humaskit.pipeline.carousels import footer_handle

    brand = load_brand()
    unit = brand.unit("dinkominfo")
    content = CardContent(kind=kind, title="Judul", summary="", unit_name="", date_text="")
    expected = f"Instagram {unit.handles['instagram']}"
    assert footer_handle(brand, unit, "whatsapp", content) == expected


@pytest.mark.parametrize(
    ("kind", "field"),
    [("pengumuman", "contact"), ("potensi", "contact"), ("aduan", "complaint_channels")],
)
def test_the_whatsapp_footer_does_not_repeat_a_number_the_card_prints(
    kind: str, field: str
) -> None:
    """A card whose contact row (or complaint channel) already prints the WhatsApp number
    shows the handle in its footer: one number, once, on one card."""
    from humaskit.pipeline.carousels import footer_handle

    brand = load_brand()
    unit = brand.unit("dinkominfo")
    number = brand.handles["whatsapp"]  # "0800-0000-0000 (contoh)"
    base = CardContent(kind=kind, title="Judul", summary="", unit_name="", date_text="")
    same = dataclasses.replace(base, **{field: "Disdukcapil Blora (contoh) 0800 0000 0000"})
    other = dataclasses.replace(base, **{field: "Pokdarwis desa, 0812-0000-0001 (contoh)"})
    handle = f"Instagram {unit.handles['instagram']}"
    assert footer_handle(brand, unit, "whatsapp", same) == handle
    assert footer_handle(brand, unit, "whatsapp", other) == f"WA {number}"


def test_whatsapp_footers_of_the_examples(workspace: Workspace) -> None:
    """Rendered: the pengumuman card prints its HUBUNGI number once, the footer the handle."""
    from cardkit import rendered_images

    path = workspace.release(
        kind="pengumuman",
        title="Layanan KTP Keliling",
        contact="Disdukcapil Blora (contoh) 0800-0000-0000",
    )
    images = rendered_images(path, workspace.root / "out")
    status = images["whatsapp/status.png"]
    texts = [" ".join(t["lines"]) for t in status["text_layers"]]
    assert sum("0800" in t for t in texts) == 1, texts
    footer = [" ".join(t["lines"]) for t in status["text_layers"] if t["layer"] == "footer"]
    assert footer and footer[0].startswith("Instagram @"), footer


def test_the_closing_slide_lists_the_platforms_own_account_first() -> None:
    """On LinkedIn the regency's slide leads with its LinkedIn page, on X with its X account;
    every account is still listed once."""
    brand = load_brand()
    unit = brand.unit("pemkab")
    names = {pid: p.name for pid, p in load_platforms().items()}
    plain = accounts(brand, unit, names)
    on_linkedin = accounts(brand, unit, names, "linkedin")
    assert on_linkedin[0] == f"LinkedIn: {brand.handles['linkedin']}"
    assert accounts(brand, unit, names, "x")[0] == f"X: {brand.handles['x']}"
    assert sorted(on_linkedin) == sorted(plain)


def test_a_layout_that_sets_the_number_account_itself_gets_it_and_a_handle_for_its_foot() -> None:
    """The aduan layout sets WhatsApp's number under the complaint channels (``account_text``):
    its footer shows the handle; a layout that does not name it keeps the number in the foot."""
    from humaskit.pipeline.carousels import for_platform

    brand = load_brand()
    unit = brand.unit("dinkominfo")
    base = CardContent(kind="aduan", title="Judul", summary="", unit_name="", date_text="")
    own = for_platform(base, brand, unit, "whatsapp", "aduan")
    assert own.account_text == f"WA {brand.handles['whatsapp']}"
    assert own.handles_text == f"Instagram {unit.handles['instagram']}"
    plain = for_platform(dataclasses.replace(base, kind="pengumuman"), brand, unit, "whatsapp")
    assert (plain.account_text, plain.handles_text) == ("", f"WA {brand.handles['whatsapp']}")
    assert for_platform(base, brand, unit, "instagram", "aduan").account_text == ""
