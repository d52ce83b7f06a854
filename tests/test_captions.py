"""Captions: every platform within its limit, the fitting order, shortening, hashtags, threads."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, examples
from humaskit.model.brand import Brand, load_brand
from humaskit.model.platforms import Platform, load_platforms
from humaskit.model.release import Release, load_release
from humaskit.text.captions import build_captions, camel_hashtag, make_hashtags
from humaskit.text.counting import count_length
from humaskit.text.fitting import LATE_BLOCKS, OPTIONAL_BLOCKS, Caption, caption_file
from humaskit.text.shortening import shorten
from humaskit.text.threads import split_thread

pytestmark = pytest.mark.usefixtures("english")

WriteRelease = Callable[..., Path]
RULES = load_platforms()
EXAMPLE_FILES = sorted((EXAMPLES / "rilis").glob("*.md"))
STUDI_TIRU = EXAMPLES / "rilis" / "2024-05-10-studi-tiru-medsos.md"
KINERJA = EXAMPLES / "rilis" / "2024-06-03-kinerja-posyandu.md"
# The fitter's documented order for a release whose kind has no block of its own, on a
# platform that shows links: the link goes only after the lead.
DROP_ORDER = [*OPTIONAL_BLOCKS, *(b for b in LATE_BLOCKS if b != "link"), "lead", "link"]
LEAD = (
    "Rapat koordinasi admin medsos OPD membahas jadwal unggahan dan cara menanggapi aduan "
    "warga dengan cepat."
)
LONG_BODY = "\n\n".join(
    [
        "Paragraf **pertama** menjelaskan latar belakang kegiatan secara rinci dan panjang. " * 3,
        "- butir pertama yang cukup panjang untuk dibaca\n- butir kedua yang juga panjang",
        "Paragraf ketiga menutup rilis dengan rencana tindak lanjut dari setiap OPD. " * 3,
    ]
)


@pytest.fixture(scope="module")
def brand() -> Brand:
    return load_brand()


def _captions(
    release: Release,
    brand: Brand,
    platforms: Sequence[str] | None = None,
    rules: dict[str, Platform] | None = None,
    **options: bool,
) -> dict[str, Caption]:
    return build_captions(release, brand, platforms=platforms, platform_rules=rules, **options)


def _limited(platform: str, limit: int) -> dict[str, Platform]:
    return {platform: replace(RULES[platform], caption_limit=limit)}


# --- every platform, every example ------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_fits_every_platform(path: Path, brand: Brand) -> None:
    release = load_release(path)
    captions = _captions(release, brand, platforms=list(RULES))
    assert set(captions) == set(RULES) and len(RULES) == 8
    for pid, caption in captions.items():
        limit = RULES[pid].caption_limit
        assert caption.limit == limit
        # the limit holds for the caption file as copied: the text and its final line break
        assert caption.length == count_length(caption_file(caption.text), pid)
        assert caption.length <= limit, pid
        assert caption.text.startswith(caption.text.strip())
        # the way to complain is never dropped entirely
        assert "Aduan" in caption.text, pid
        assert "lapor.go.id" in caption.text, pid


def test_unit_platforms_are_the_default(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    assert set(_captions(release, brand)) == set(RULES)


def test_release_platforms_subset(write_release: WriteRelease, brand: Brand) -> None:
    release = load_release(write_release(platforms=["instagram", "x"]))
    assert list(_captions(release, brand)) == ["instagram", "x"]


# --- the exact limit boundary -----------------------------------------------------------------


def _x_caption(write_release: WriteRelease, brand: Brand, title: str) -> Caption:
    path = write_release(
        title=title,
        summary=LEAD,
        link="https://contoh.blorakab.go.id/berita/2024/05/rapat-koordinasi-admin",
        tags=["medsos"],
    )
    return _captions(load_release(path), brand, platforms=["x"])["x"]


def test_x_caption_of_exactly_280_is_kept_and_281_is_fitted(
    write_release: WriteRelease, brand: Brand
) -> None:
    short = _x_caption(write_release, brand, "Judul")
    assert short.dropped == () and short.shortened == ()
    room = 280 - short.length  # ASCII letters weigh 1 each in twitter-text v3
    assert room > 20
    words = "Rapat " * ((room - 2) // 6)  # at least one "x" after them: no trailing space
    title = "Judul " + words + "x" * (room - 1 - len(words))
    assert len(title) == len("Judul") + room

    exact = _x_caption(write_release, brand, title)
    assert exact.length == count_length(exact.text + "\n", "x") == 280
    assert exact.dropped == () and exact.shortened == ()
    assert title in exact.text and LEAD in exact.text
    assert "#Blora" in exact.text and "https://contoh.blorakab.go.id" in exact.text

    over = _x_caption(write_release, brand, title + "x")
    assert count_length(over.text + "\n", "x") == over.length <= 280
    assert over.dropped or over.shortened
    # only as much as needed: the first step (shortening the lead) is enough here
    assert over.shortened == ("lead",) and over.dropped == ()
    assert over.text.startswith(title + "x")
    assert over.length >= 280 - 20


def test_x_url_counts_23_whatever_its_length(write_release: WriteRelease, brand: Brand) -> None:
    def caption(link: str) -> Caption:
        path = write_release(summary=LEAD, link=link)
        return _captions(load_release(path), brand, platforms=["x"])["x"]

    short = caption("https://contoh.go.id/a")
    long = caption("https://contoh.blorakab.go.id/berita/" + "sangat-panjang-" * 20)
    assert long.text.count("sangat-panjang-") == 20  # the URL is whole
    assert long.length == short.length


# --- the fitting order ------------------------------------------------------------------------


def _is_prefix(small: Sequence[str], big: Sequence[str]) -> bool:
    return tuple(big[: len(small)]) == tuple(small)


def test_blocks_drop_in_the_documented_order(write_release: WriteRelease, brand: Brand) -> None:
    path = write_release(
        summary=LEAD + " " + LEAD,
        body=LONG_BODY,
        quote={"text": "Kami ingin medsos OPD lebih informatif.", "by": "Bupati"},
        link="https://contoh.blorakab.go.id/berita/rapat",
        tags=["medsos", "kehumasan"],
        location="Blora",
    )
    release = load_release(path)
    full = _captions(release, brand, platforms=["facebook"])["facebook"]
    assert full.dropped == () and full.shortened == ()
    previous: tuple[str, ...] = ()
    seen_title = False
    for limit in range(full.length - 1, 55, -23):  # 49: the dateline and "📣 Aduan" alone
        caption = _captions(release, brand, ["facebook"], _limited("facebook", limit))["facebook"]
        assert caption.length <= limit
        assert list(caption.dropped) == sorted(caption.dropped, key=DROP_ORDER.index)
        # a smaller limit drops the same blocks and maybe more, never different ones
        assert _is_prefix(previous, caption.dropped), (limit, previous, caption.dropped)
        previous = caption.dropped
        if "title" in caption.shortened:
            seen_title = True
            # the title is the last thing shortened, after every optional block is gone
            assert caption.dropped[-1] == "link"
        if caption.dropped and caption.dropped[-1] in LATE_BLOCKS:
            # the lead is shortened (step 2) before late blocks drop (step 3)
            assert "lead" in caption.shortened + caption.dropped
        if "link" in caption.dropped:
            # where links show, the link goes after the lead
            assert "lead" in caption.dropped
        assert "Aduan" in caption.text
    assert seen_title
    assert previous == (
        "body",
        "points",
        "quote",
        "handles",
        "hashtags",
        "complaint",
        "lead",
        "link",
    )


def test_body_drops_first_and_only_when_needed(write_release: WriteRelease, brand: Brand) -> None:
    release = load_release(write_release(body=LONG_BODY, tags=["medsos"], summary=LEAD))
    full = _captions(release, brand, ["facebook"])["facebook"]
    at_limit = _captions(release, brand, ["facebook"], _limited("facebook", full.length))
    assert at_limit["facebook"].text == full.text
    one_less = _captions(release, brand, ["facebook"], _limited("facebook", full.length - 1))
    caption = one_less["facebook"]
    assert caption.dropped == ("body",) and caption.shortened == ()
    assert "#Blora" in caption.text  # hashtags survive: the body went first
    assert "Paragraf ketiga" not in caption.text
    assert "• butir pertama" in caption.text


def test_complaint_compact_line_always_stays(write_release: WriteRelease, brand: Brand) -> None:
    release = load_release(write_release(summary=LEAD, body=LONG_BODY))
    full = _captions(release, brand, ["facebook"])["facebook"]
    assert "Aduan & aspirasi: SP4N-LAPOR! (lapor.go.id)" in full.text
    tiny = _captions(release, brand, ["facebook"], _limited("facebook", 80))["facebook"]
    assert "complaint" in tiny.dropped
    assert "📣 Aduan: lapor.go.id" in tiny.text
    assert tiny.length <= 80


def test_kind_block_is_kept_longest(brand: Brand) -> None:
    release = load_release(KINERJA)
    # X shows one figure in a line of its own next to a lead that fits whole; on a tighter
    # limit it goes after the hashtags
    short = replace(release, summary="Capaian posyandu Kecamatan Jepon selama lima bulan pertama.")
    x = _captions(short, brand, ["x"])["x"]
    assert "stats" not in x.dropped and "📊 Balita ditimbang: 1.875 balita" in x.text
    tight = _captions(release, brand, ["x"], _limited("x", 160))["x"]
    assert tight.dropped.index("hashtags") < tight.dropped.index("stats")
    # on a roomier platform the figures survive while the body goes
    caption = _captions(release, brand, ["facebook"], _limited("facebook", 900))["facebook"]
    assert "body" in caption.dropped and "stats" not in caption.dropped
    assert "Capaian" in caption.text
    assert "1.875 balita dari target 2.000 balita (93,8%)" in caption.text


def test_nothing_dropped_that_was_not_there(write_release: WriteRelease, brand: Brand) -> None:
    release = load_release(write_release(summary=LEAD + " " + LEAD + " " + LEAD))
    caption = _captions(release, brand, ["x"])["x"]
    assert "stats" not in caption.dropped and "agenda" not in caption.dropped
    assert "quote" not in caption.dropped


def test_caption_too_long_even_when_empty_is_a_template_error(
    write_release: WriteRelease, brand: Brand
) -> None:
    from humaskit.errors import TemplateError

    release = load_release(write_release())
    with pytest.raises(TemplateError) as info:
        _captions(release, brand, ["x"], _limited("x", 10))
    assert "x.j2" in str(info.value.location.file)


# --- shorten() --------------------------------------------------------------------------------


def test_shorten_keeps_text_that_fits() -> None:
    assert shorten("  Teks pendek.  ", 50) == "Teks pendek."
    assert shorten("Tepat", 5) == "Tepat"


def test_shorten_at_sentence_boundary() -> None:
    text = "Bupati membuka rapat. Peserta membahas jadwal unggahan medsos."
    assert shorten(text, 30) == "Bupati membuka rapat."


def test_shorten_at_word_boundary_with_ellipsis() -> None:
    text = "Bupati membuka rapat koordinasi admin medsos"
    result = shorten(text, 25)
    assert result == "Bupati membuka rapat…"
    assert len(result) <= 25


def test_shorten_prefers_word_when_sentence_is_too_short() -> None:
    text = "Ya. Bupati membuka rapat koordinasi admin medsos se-Kabupaten Blora"
    result = shorten(text, 40)
    assert result.endswith("…") and len(result) <= 40
    assert result.startswith("Ya. Bupati membuka")


@pytest.mark.parametrize(
    "token",
    [
        "https://contoh.blorakab.go.id/berita/2024/05/studi-tiru-medsos",
        "#PemkabBloraMelayaniDenganSepenuhHati",
        "@dinkominfo.blora.kabupaten",
    ],
)
def test_shorten_never_cuts_url_hashtag_or_mention(token: str) -> None:
    text = f"Baca selengkapnya {token} hari ini"
    for max_chars in range(len("Baca selengkapnya") + 2, len(text)):
        result = shorten(text, max_chars)
        assert len(result) <= max_chars
        kept = result.removesuffix("…").split()
        assert all(word in text.split() for word in kept), result
        if token[:5] in result:
            assert token in result


def test_shorten_returns_empty_when_one_word_does_not_fit() -> None:
    assert shorten("Pemberdayaan masyarakat", 8) == ""
    assert shorten("Kata", 1) == ""
    assert shorten("https://contoh.blorakab.go.id/berita", 20) == ""


def test_shorten_keeps_a_link_whole_and_apart_from_the_ellipsis() -> None:
    text = "Lapor: https://lapor.go.id, atau kanal aduan Pemkab Blora"
    assert shorten(text, 32) == "Lapor: https://lapor.go.id, …"
    assert shorten("Ikuti @contoh.pemkabblora dan #Blora setiap hari", 39) == (
        "Ikuti @contoh.pemkabblora dan #Blora …"
    )


def test_shorten_does_not_break_at_no_break_space() -> None:
    text = "Dana Rp12,75\u00a0miliar cair"
    assert shorten(text, 16) == ""  # "Dana…" would end just before the figure
    assert shorten(text, 21) == "Dana Rp12,75\u00a0miliar…"


@settings(max_examples=examples(150))
@given(
    st.lists(st.text(alphabet="abcdefgh.#@/:", min_size=1, max_size=12), min_size=1, max_size=25),
    st.integers(min_value=0, max_value=120),
)
def test_shorten_properties(words: list[str], max_chars: int) -> None:
    text = " ".join(words)
    result = shorten(text, max_chars)
    assert len(result) <= max(max_chars, 0) or result == text.strip()
    if len(text) <= max_chars:
        assert result == text
    body = result.removesuffix("…")
    if body.endswith(" "):
        # after a URL, mention or hashtag: " …", and the word keeps its punctuation
        assert re.search(r"://|^[@#]", body.split()[-1]), result
        body = body[:-1]
    # the result is a prefix of the text made of whole words (punctuation before "…" may go)
    assert text.startswith(body)
    rest = text[len(body) :]
    at_boundary = rest == "" or rest[0] in " ,;:–—-" or body.endswith((".", "!", "?"))
    assert body == "" or at_boundary, (text, result)
    kept = body.split()
    assert all(word in words for word in kept[:-1])
    if kept:
        assert any(word.startswith(kept[-1]) for word in words)
        next_space = text.find(" ", len(body))
        whole = text[text.rfind(" ", 0, len(body)) + 1 : None if next_space < 0 else next_space]
        assert whole.startswith(kept[-1]) and set(whole[len(kept[-1]) :]) <= set(",;:–—-.")


# --- hashtags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("pelayanan publik", "PelayananPublik"),
        ("SPBE", "SPBE"),
        ("#Blora", "Blora"),
        ("studi-tiru", "StudiTiru"),
        ("BloraDigital", "BloraDigital"),
        ("kesehatan_ibu anak", "KesehatanIbuAnak"),
        ("", ""),
    ],
)
def test_camel_hashtag(raw: str, tag: str) -> None:
    assert camel_hashtag(raw) == tag


def test_make_hashtags_dedupes_case_insensitively_and_limits() -> None:
    tags = make_hashtags(["Blora", "blora", "#BLORA", "medsos", "Medsos", "SPBE", "x y"], None)
    assert tags == ("#Blora", "#Medsos", "#SPBE", "#XY")
    assert make_hashtags(["a", "b", "c"], 2) == ("#A", "#B")
    assert make_hashtags(["a", "b"], 0) == ()


@pytest.mark.parametrize(("platform", "most"), [("instagram", 5), ("threads", 1), ("whatsapp", 0)])
def test_platform_hashtag_limits(
    write_release: WriteRelease, brand: Brand, platform: str, most: int
) -> None:
    tags = ["medsos", "kehumasan", "SPBE", "posyandu", "kesehatan", "imunisasi", "desa wisata"]
    release = load_release(write_release(tags=tags))
    caption = _captions(release, brand, [platform])[platform]
    assert len(caption.hashtags) == most
    in_text = re.findall(r"(?<![\w/])#\w+", caption.text)
    assert len(in_text) == most
    assert set(in_text) == set(caption.hashtags)


def test_hashtags_are_brand_release_unit_firsts_then_the_rest(
    write_release: WriteRelease, brand: Brand
) -> None:
    release = load_release(write_release(tags=["medsos", "pemkab blora", "SPBE"]))
    caption = _captions(release, brand, ["youtube"])["youtube"]
    (unit_tag,) = brand.unit("dinkominfo").hashtags
    first_brand, *more_brand = brand.hashtags
    expected = make_hashtags(
        [first_brand, "medsos", unit_tag, *more_brand, "pemkab blora", "SPBE"], None
    )
    assert caption.hashtags == expected
    assert len({t.casefold() for t in caption.hashtags}) == len(caption.hashtags)


@pytest.mark.parametrize("platform", ["facebook", "x", "linkedin", "threads", "instagram"])
def test_the_release_topic_tag_is_always_among_the_hashtags(
    write_release: WriteRelease, brand: Brand, platform: str
) -> None:
    # many brand and unit tags cannot push the release's own first tag out
    release = load_release(write_release(tags=["posyandu", "kesehatan"]))
    wide = replace(brand, hashtags=("Blora", "PemkabBlora", "JatengGayeng", "BloraMustika"))
    caption = _captions(release, wide, [platform])[platform]
    most = RULES[platform].max_hashtags
    assert most is not None and len(caption.hashtags) == most
    assert "#Posyandu" in caption.hashtags
    if most > 1:
        assert caption.hashtags[:2] == ("#Blora", "#Posyandu")  # brand tag, then the topic
    else:
        assert caption.hashtags == ("#Posyandu",)  # Threads' one topic tag is the topic


def test_hashtag_order_holds_for_any_tags() -> None:
    from humaskit.text.captions import caption_hashtags

    assert caption_hashtags(["Blora", "PemkabBlora"], ["posyandu"], ["KecamatanJati"], 3) == (
        "#Blora",
        "#Posyandu",
        "#KecamatanJati",
    )
    assert caption_hashtags(["Blora"], [], ["BloraSehat"], 1) == ("#Blora",)
    assert caption_hashtags(["Blora"], ["blora", "sehat"], [], 1) == ("#Blora",)
    assert caption_hashtags(["Blora"], ["a"], ["b"], 0) == ()


# --- formatting per platform ------------------------------------------------------------------


def test_whatsapp_uses_its_own_formatting(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    text = _captions(release, brand, ["whatsapp"])["whatsapp"].text
    assert text.startswith(f"*{release.title}*\n")
    assert "_Bandung, Jumat, 10 Mei 2024_" in text
    assert "*Sekitar 40 admin media sosial*" in text
    assert "**" not in text
    assert not re.search(r"(?<![\w/])#[A-Z]", text)


def test_plain_platforms_have_no_markdown(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    for pid, caption in _captions(release, brand, list(RULES)).items():
        if pid == "whatsapp":
            continue
        assert "**" not in caption.text, pid
        assert "*Sekitar" not in caption.text, pid


def test_links_only_where_the_platform_shows_them(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    captions = _captions(release, brand, list(RULES))
    assert release.link is not None
    assert release.link not in captions["instagram"].text
    assert "tautan di bio" in captions["instagram"].text
    assert release.link in captions["facebook"].text


def test_indonesian_date_in_captions(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    assert (
        "Bandung, Jumat, 10 Mei 2024" in _captions(release, brand, ["instagram"])["instagram"].text
    )


# --- X threads --------------------------------------------------------------------------------

_NUMBER = re.compile(r"\n\n(\d+)/(\d+)$")


def test_x_thread_parts_fit_and_are_numbered(brand: Brand) -> None:
    release = load_release(STUDI_TIRU)
    caption = _captions(release, brand, ["x"], x_thread=True)["x"]
    parts = caption.thread
    assert len(parts) > 1
    words: list[str] = []
    for index, part in enumerate(parts, 1):
        assert count_length(caption_file(part), "x") <= 280
        match = _NUMBER.search(part)
        assert match is not None, part
        assert (int(match[1]), int(match[2])) == (index, len(parts))
        words += part[: match.start()].split()
    assert parts[0].startswith(release.title)
    # the thread carries the whole body, in order, no word cut
    body_words = release.body.to_text().split()
    assert " ".join(body_words) in " ".join(words)
    assert release.link in words
    # without --x-thread there is no thread
    assert _captions(release, brand, ["x"])["x"].thread == ()


def test_split_thread_keeps_urls_whole() -> None:
    url = "https://contoh.blorakab.go.id/berita/2024/05/" + "a" * 60
    text = " ".join(["Kalimat pengisi yang biasa saja."] * 30 + [url] + ["Penutup."] * 20)
    parts = split_thread(text, RULES["x"])
    assert all(count_length(p, "x") <= 280 for p in parts)
    assert sum(url in p for p in parts) == 1
    rejoined = " ".join(_NUMBER.sub("", p) for p in parts).split()
    assert rejoined == text.split()


def test_split_thread_prefers_paragraph_ends() -> None:
    paragraphs = [f"Paragraf {i} " + "isi " * 30 + "selesai." for i in range(6)]
    parts = split_thread("\n\n".join(paragraphs), RULES["x"])
    for part in parts:
        assert _NUMBER.sub("", part).endswith("selesai.")


THREAD_WORDS = st.sampled_from(
    [
        "Blora",
        "kinerja",
        "transparan",
        "https://blorakab.go.id/berita/2024/05/10/studi-tiru-medsos",
        "#PemkabBlora",
        "@dinkominfo_blora",
        "👨‍👩‍👧",
        "🇮🇩",
        "政府",
        "café",
        "Rp12,75",
        "miliar.",
        "\n",
        "\n\n",
    ]
)


@pytest.mark.slow  # a property over long threads
@settings(max_examples=examples(60))
@given(st.lists(THREAD_WORDS, min_size=40, max_size=400))
def test_fast_thread_split_equals_counting_every_step(words: list[str]) -> None:
    from humaskit.text.threads import _thread_posts

    text = " ".join(words)
    tokens = [w for w in re.split(r"( |\n)", text.strip()) if w]
    x = RULES["x"]

    def weight(token: str) -> int:
        return count_length(token, x) if token.strip() else len(token)

    budget = x.caption_limit - len("\n\n99/99")
    fast = _thread_posts(tokens, x, budget, weight, 6)
    exact = _thread_posts(tokens, x, budget, weight, None)
    assert fast == exact
    assert all(count_length(p, x) <= budget for p in fast)
