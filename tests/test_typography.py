"""Text set on cards gets a typesetter's care: curly quotes, no double punctuation, numbers kept
with their units, no emoji alone at a line start, no single word alone on a last line."""

from __future__ import annotations

import itertools

import pytest

from humaskit.layout.linebreak import best_breaks, defects
from humaskit.layout.textfit import STEP_DOWN, Fit, fit_text
from humaskit.layout.typography import NBSP, tidy


@pytest.mark.parametrize(
    ("written", "set_as"),
    [
        ('Kata "Bupati" tegas', "Kata “Bupati” tegas"),
        ("disebut 'cepat' oleh warga", "disebut ‘cepat’ oleh warga"),
        ("Jum'at", "Jum’at"),
        ("SP4N-LAPOR!.", "SP4N-LAPOR!"),
        ("Benarkah?.", "Benarkah?"),
        ("tunggu...", "tunggu…"),
        ("selesai..", "selesai."),
        ("satu,, dua", "satu, dua"),
        ("mulai 09.00 WIB", f"mulai 09.00{NBSP}WIB"),
        ("jalan 1,2 km.", f"jalan 1,2{NBSP}km."),
        ("naik 25 %", f"naik 25{NBSP}%"),
        ("1.875 balita", f"1.875{NBSP}balita"),
        ("Posyandu juara 🎉", f"Posyandu juara{NBSP}🎉"),
        ("Selamat 👨‍👩‍👧 keluarga", f"Selamat{NBSP}👨‍👩‍👧 keluarga"),
        ("kampung bersih 🧹, panggung", f"kampung bersih{NBSP}🧹, panggung"),  # its comma too
        ("Rayakan HUT RI ke-79 dengan", f"Rayakan HUT{NBSP}RI{NBSP}ke-79 dengan"),
        ("BPJS KIS DAN KTP", f"BPJS{NBSP}KIS DAN{NBSP}KTP"),  # pairs, never a chain
        ("Hari Jadi Blora", "Hari Jadi Blora"),
        ("https://lapor.go.id/a..b", "https://lapor.go.id/a.b"),
    ],
)
def test_tidy_sets_text_as_a_typesetter_would(written: str, set_as: str) -> None:
    assert tidy(written) == set_as


def test_tidy_keeps_decimals_handles_and_line_breaks() -> None:
    text = "91,3% dari 95%\n@contoh.dinkesblora · lapor.go.id"
    assert tidy(text) == text


def _measure(text: str) -> float:
    return 0.5 * len(text)  # every character half an em wide


def test_a_last_line_never_holds_one_word_when_the_line_above_can_give_one() -> None:
    # Balanced into three lines, "meningkat" would be alone on the last one.
    text = "Mei jalan meningkat jalan Bupati rusak meningkat"
    fit = fit_text(
        text,
        measure=_measure,
        width=199,
        height=400,
        min_size=20,
        max_size=20,
        max_lines=6,
        line_height=1.2,
    )
    assert not fit.truncated and len(fit.lines) == 3
    assert fit.lines[-1] == "rusak meningkat", fit.lines


def test_a_family_emoji_is_drawn_as_one_glyph() -> None:
    """Round 5, rilis 3: the family set as four separate faces read as a broken ZWJ sequence.
    The headline keeps the joiners, so the emoji font shapes the family as one glyph, one
    glyph wide, and no line starts with it."""
    from cardkit import SIZES, content, kit
    from humaskit.cards.renderer import CardRenderer

    brand, unit = kit()
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    card = CardRenderer(content("rilis", title=f"Posyandu ramah keluarga {family}"), brand, unit)
    out = card.render("rilis", SIZES[0], "png")
    assert not [code for code, _m in out.warnings if code == "emoji-family"]
    plan = card.plan("rilis", SIZES[0])
    headline = next(i for i in plan.items if getattr(i, "layer", "") == "headline")
    lines = [line.text for line in headline.lines]  # type: ignore[attr-defined]
    assert family in "".join(lines)
    assert not any(line.startswith(family) for line in lines)
    assert not set(tidy(family)) - set(family)


def _fit(text: str, width: float, max_lines: int = 6) -> tuple[str, ...]:
    fit = fit_text(
        text,
        measure=_measure,
        width=width,
        height=1000,
        min_size=20,
        max_size=20,
        max_lines=max_lines,
        line_height=1.2,
    )
    assert not fit.truncated and fit.size == 20
    return fit.lines


def test_a_name_stays_on_one_line_when_a_break_of_the_same_size_exists() -> None:
    # Balanced, the lines would break "Jemput / Bola" and "Kecamatan / Jati".
    lines = _fit("Layanan Jemput Bola hadir di Kecamatan Jati mulai pekan depan", 300)
    assert len(lines) == 3
    assert "Jemput Bola" in lines[0] and any("Kecamatan Jati" in line for line in lines), lines


def test_a_place_word_keeps_its_name_in_a_title_case_headline() -> None:
    lines = _fit("Bupati Blora Resmikan Jembatan Baru Di Desa Sendang Kecamatan Jati", 300)
    assert len(lines) == 3
    assert not any(line.endswith(("Desa", "Kecamatan")) for line in lines), lines
    assert len(lines[-1].split()) > 1, lines


@pytest.mark.parametrize(
    "text",
    [
        "Jadwal Pelatihan Admin Media Sosial Desa dan Kelurahan se-Kabupaten Blora",
        "Jelajah Sawah dan Hutan Jati Desa Bangkleyan Siapkan Paket Wisata Edukasi",
        "Pemandu dari pokdarwis dan karang taruna, cocok untuk rombongan pelajar",
    ],
)
def test_a_two_word_term_stays_on_one_line(text: str) -> None:
    for width in range(260, 520, 20):
        lines = _fit(text, width)
        for before, after in itertools.pairwise(lines):
            pair = (before.split()[-1].casefold(), after.split()[0].casefold())
            assert pair not in {("media", "sosial"), ("hutan", "jati"), ("karang", "taruna")}, (
                width,
                lines,
            )


def test_a_number_keeps_the_word_it_counts() -> None:
    lines = _fit("Pemkab Blora salurkan bantuan untuk 12 desa terdampak banjir hari ini", 260)
    assert not any(line.endswith("12") for line in lines), lines


def test_mended_breaks_never_make_a_line_wider_than_the_box() -> None:
    text = "Layanan Jemput Bola hadir di Kecamatan Jati mulai pekan depan"
    for width in range(160, 420, 7):
        lines = _fit(text, width)
        assert all(_measure(line) * 20 <= width + 1e-6 for line in lines), (width, lines)
        assert " ".join(lines) == text


def test_a_word_alone_on_a_middle_line_is_a_defect_and_avoided_where_it_can_be() -> None:
    words = ["capaian", "posyandu", "di", "kecamatan", "jepon", "tahun", "ini", "juga"]
    assert defects([1, 4], words)  # "capaian / posyandu di kecamatan / jepon tahun ini juga"
    assert not defects([2, 5], words)
    # Without the penalty the most even breaks are [2, 5, 6]: "tahun" alone on the third line.
    widths = [3.0, 13.0, 3.0, 3.0, 3.0, 9.0, 3.0, 7.0]
    breaks = best_breaks(words, widths, 1.0, 20.0, 4)
    assert breaks is not None
    starts = [0, *breaks]
    assert all(b - a > 1 for a, b in zip(starts, [*breaks, len(words)], strict=True))


def test_a_two_word_aside_broken_in_its_parentheses_is_a_defect() -> None:
    words = ["Sumber:", "Dinas", "Kesehatan", "Blora", "(data", "contoh)\xa0·", "Januari"]
    assert defects([5], words)  # "… Blora (data / contoh) Januari"
    assert not defects([4], words)  # "… Blora / (data contoh) Januari"


def test_an_ordinal_parted_from_what_it_orders_is_a_defect() -> None:
    words = ["Warga", "Blora", "rayakan", "HUT", "RI", "ke-79", "dengan", "lomba"]
    assert defects([5], words)  # "… HUT RI / ke-79 dengan lomba"
    assert not defects([3], words)  # "Warga Blora rayakan / HUT RI ke-79 dengan lomba"


def test_a_time_bound_to_its_zone_is_not_a_widow() -> None:
    """ "8–17 Juli 2024, / 08.00–14.00 WIB" is the designer's break: the time and its zone are one
    run of no-break spaces, several words on a line of their own, not a widow to avoid by
    parting the date from its year."""
    words = ["8–17", "Juli", "2024,", "08.00–14.00\xa0WIB"]
    assert not defects([3], words)
    assert defects([2], ["naik", "menjadi", "25\xa0%"])  # a short run is still a word alone
    # The even breaks stand: "8–17 Juli 2024," (widths 4 + 4 + 5) over the time (13).
    assert best_breaks(words, [4.0, 4.0, 5.0, 13.0], 1.0, 22.0, 2) == [3]


def test_a_short_number_and_unit_with_its_full_stop_is_still_a_widow() -> None:
    # round 7: the aduan action ended "… sepanjang sekitar / 200 meter." (its full stop made
    # the run of no-break spaces long enough to pass for a line of its own)
    words = ["di", "ruas", "sepanjang", "sekitar", "200\xa0meter."]
    assert defects([4], words)
    assert not defects([3], words)  # "… sepanjang / sekitar 200 meter."
    assert not defects([3], ["8–17", "Juli", "2024,", "08.00–14.00\xa0WIB."])


def test_a_place_word_before_a_word_that_is_no_name_may_end_a_line() -> None:
    """In Title Case every word is capitalised: "Kecamatan / Selama Juli 2024" parts no name,
    and a headline set a little smaller breaks there rather than leave "Kecamatan" alone."""
    words = [
        "Layanan",
        "Jemput",
        "Bola",
        "Perekaman",
        "KTP-el",
        "di",
        "Kantor",
        "Kecamatan",
        "Selama",
        "Juli",
        "2024",
    ]
    assert not defects([2, 4, 6, 8], words)
    assert defects([2, 4, 7, 8], words)  # "Kecamatan" alone on the fourth line
    assert defects([2, 4, 7, 9], words)  # "Kantor / Kecamatan": a place parted from its name


def test_a_headline_is_set_a_little_smaller_rather_than_leave_a_word_alone() -> None:
    """The pengumuman link card's headline column (582 px, 6 w at most, 5 w at least)."""
    from PIL import ImageFont

    from humaskit.resources import builtin_brand_dir

    path = builtin_brand_dir() / "fonts" / "PlusJakartaSansHumaskit-ExtraBold.ttf"
    font = ImageFont.truetype(str(path), 100)
    text = "Layanan Jemput Bola Perekaman KTP-el di Kantor Kecamatan Selama Juli 2024"

    def at(low: int, high: int) -> Fit:
        return fit_text(
            text,
            measure=lambda s: font.getlength(s) / 100,
            width=582,
            height=357,
            min_size=low,
            max_size=high,
            max_lines=6,
            line_height=1.1,
        )

    largest = next(s for s in range(72, 40, -1) if not at(s, s).truncated)
    assert any(len(line.split(" ")) == 1 for line in at(largest, largest).lines)
    clean = at(60, 72)
    assert not any(len(line.split(" ")) == 1 for line in clean.lines), clean.lines
    assert STEP_DOWN * largest <= clean.size < largest


def test_a_month_keeps_its_year() -> None:
    words = ["Setiap", "Sabtu,", "1–29", "Juni", "2024,", "08.00–12.00\xa0WIB"]
    assert defects([4], words)  # "Setiap Sabtu, 1–29 Juni / 2024, 08.00–12.00 WIB"
    assert not defects([2], words)  # "Setiap Sabtu, / 1–29 Juni 2024, 08.00–12.00 WIB"


def test_a_line_of_details_breaks_after_its_separator_which_the_break_replaces() -> None:
    # 10 px a character: the place (34 characters) fits a line, the whole (46) does not.
    lines = _fit(f"09.00{NBSP}WIB · Aula Kantor Kecamatan Randublatung", 360)
    assert lines == (f"09.00{NBSP}WIB", "Aula Kantor Kecamatan Randublatung")
    # on one line, the separator stays
    assert _fit(f"09.00{NBSP}WIB · Aula Kecamatan", 400) == (f"09.00{NBSP}WIB · Aula Kecamatan",)


def test_a_list_is_not_broken_before_its_middle_item_when_a_break_of_the_same_size_exists() -> None:
    # Round 5 of the design review: "… harus jujur, / rapi, dan selalu diperbarui." read ragged.
    text = (
        "Warga berhak tahu apa yang dikerjakan pemerintahnya setiap hari. Akun media sosial desa"
        " adalah jendela pertama yang mereka buka, maka jendela itu harus jujur, rapi, dan selalu"
        " diperbarui."
    )
    for width in range(300, 350, 10):
        lines = _fit(text, width, max_lines=10)
        assert not any(line.endswith("jujur,") for line in lines), (width, lines)
