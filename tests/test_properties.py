"""Property-based tests (hypothesis): parsing, caption fitting, X counting, layout planning.

Each property runs on generated inputs. The number of inputs per property is ``INPUTS[name]``
in the default (CI) profile and ten times that with ``HYPOTHESIS_PROFILE=nightly`` (the profiles
are registered in conftest.py). README ("Keandalan dan keamanan") states these figures; keep both
in step.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BASE_FIELDS, EXAMPLES, examples
from humaskit.cards.content import CardContent, card_values
from humaskit.errors import HumaskitError, TemplateError
from humaskit.layout.geometry import Canvas
from humaskit.layout.plan import TextItem
from humaskit.layout.planner import plan_layout
from humaskit.layout.sets import available_layouts, find_layout
from humaskit.model.body import parse_body
from humaskit.model.brand import Brand, load_brand
from humaskit.model.kinds import kind_names
from humaskit.model.platforms import load_platforms
from humaskit.model.release import Release, known_fields, load_release
from humaskit.model.stats import Stat
from humaskit.text.captions import build_captions
from humaskit.text.counting import _emoji_spans, count_length

# Generated inputs per property in the default (CI) run; README quotes these numbers.
INPUTS = {
    "release_fields": 1000,
    "release_raw": 1000,
    "captions": 1000,
    "x_counting": 2000,
    "x_unicode": 1000,
    "layout": 500,
}


def budget(name: str) -> Any:
    """The hypothesis settings of property ``name``: its example count (the profile does the rest:
    fixed inputs in CI, new ones nightly, no per-example deadline)."""
    return settings(max_examples=examples(INPUTS[name]))


# Thousands of generated inputs: outside the fast lane (pytest -m "not slow").
pytestmark = pytest.mark.slow

RULES = load_platforms()
BASE_RELEASE = load_release(EXAMPLES / "rilis" / "2024-05-10-studi-tiru-medsos.md")


@pytest.fixture(scope="module")
def brand() -> Brand:
    return load_brand()


# --- text strategies ------------------------------------------------------------------------

URLS = (
    "https://blorakab.go.id/berita/2024/05/10/studi-tiru-medsos-opd-ke-sumedang?utm=ig",
    "https://lapor.go.id",
    "http://example.go.id/a/b/c.html#bagian",
    "https://www.example.com/" + "x" * 120,
)
MENTIONS = ("@dinkominfo.blora", "@pemkab_blora", "@BupatiBlora")
HASHTAGS = ("#Blora", "#SPBE", "#PelayananPublik", "#BloraMustika2024")
# Emoji sequences X counts as 2 each (single, variation selector, skin tone, ZWJ, flag, keycap,
# and a sequence newer than twitter-text's table).
EMOJI = ("😀", "🎉", "❤️", "👍🏽", "👨‍👩‍👧", "🇮🇩", "1️⃣", "🐦‍🔥", "🫱🏽‍🫲🏿", "📊")
CJK = "日本語中文한국어ひらがなカタカナ"

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=15,
)
latin_words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789éüñ,.!?-", min_size=1, max_size=12
)
special = st.sampled_from(URLS + MENTIONS + HASHTAGS + EMOJI)
tokens = st.one_of(latin_words, latin_words, latin_words, special, words)
separators = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", ", "])


@st.composite
def prose(draw: st.DrawFn, max_tokens: int = 60) -> str:
    """Text made of words, URLs, mentions, hashtags, emoji and arbitrary Unicode."""
    parts = draw(st.lists(st.tuples(tokens, separators), min_size=1, max_size=max_tokens))
    return "".join(t + s for t, s in parts).strip() or "Blora"


# --- 1. release parsing ---------------------------------------------------------------------

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(
        [
            "2024-05-10",
            "2024-02-30",
            "10-05-2024",
            "dinkominfo",
            "tidak-ada",
            *kind_names(),
            "https://example.go.id/x",
            "ftp://example.go.id",
            "../foto/foto.jpg",
            "/etc/passwd",
            "../../../../etc/passwd",
            "../data/stats.csv",
            "diterima",
            "selesai",
        ]
    ),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    [
                        "label",
                        "value",
                        "unit",
                        "target",
                        "date",
                        "title",
                        "text",
                        "by",
                        "role",
                        "time",
                        "place",
                    ]
                ),
                st.text(max_size=8),
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=15,
)
# YAML the dumper never writes: tags, anchors and aliases, flow oddities.
NASTY_LINES = (
    "title: !!binary aGFsbw==",
    "date: !!timestamp 2024-05-10",
    "tags: !!set {a, b}",
    "title: !!python/object/apply:os.system [echo x]",
    "unit: &u [*u]",
    "stats: &s [{label: a, value: 1}, *s]",
    "quote: {text: [1, 2]}",
    "image_focus: [.nan, .inf]",
    "platforms: [instagram, instagram, '']",
    "? [complex, key]\n: value",
    "title: |\n  baris satu\n  baris dua",
    "agenda: [{date: 2024-13-01, title: x}]",
    "link: 'javascript:alert(1)'",
    "title: '\u202eRTL override'",
    "<<: {title: merged}",
    "title: 0x1F",
)


@st.composite
def release_files(draw: st.DrawFn) -> bytes:
    fields: dict[str, Any] = dict(BASE_FIELDS)
    for key in draw(st.lists(st.sampled_from(list(BASE_FIELDS)), max_size=3)):
        fields.pop(key, None)
    fields.update(
        draw(
            st.dictionaries(
                st.one_of(st.sampled_from(known_fields()), st.text(min_size=1, max_size=12)),
                yaml_values,
                max_size=8,
            )
        )
    )
    head = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    extra = draw(st.lists(st.sampled_from(NASTY_LINES), max_size=2))
    body = draw(st.one_of(prose(), st.text(max_size=300), st.just("")))
    text = "---\n" + head + "".join(line + "\n" for line in extra) + "---\n" + body + "\n"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + text.replace("\n", newline).encode("utf-8")


class ReleaseSandbox:
    """A reusable workspace with a photo and a stats CSV, and one release file to overwrite."""

    def __init__(self, root: Path) -> None:
        from PIL import Image

        self.root = root
        (root / "humaskit.toml").write_text("", encoding="utf-8")
        (root / "foto").mkdir()
        Image.new("RGB", (64, 48), (10, 90, 60)).save(root / "foto" / "foto.jpg", "JPEG")
        (root / "data").mkdir()
        (root / "data" / "stats.csv").write_text("label,value\nBalita,12\n", encoding="utf-8")
        (root / "rilis").mkdir()
        self.path = root / "rilis" / "2024-05-10-rilis.md"

    def load(self, data: bytes) -> Release | HumaskitError:
        self.path.write_bytes(data)
        try:
            return load_release(self.path)
        except HumaskitError as exc:
            return exc


@pytest.fixture(scope="module")
def sandbox() -> Iterator[ReleaseSandbox]:
    with tempfile.TemporaryDirectory() as folder:
        yield ReleaseSandbox(Path(folder))


def _check_release_outcome(outcome: Release | HumaskitError, root: Path) -> None:
    if isinstance(outcome, HumaskitError):
        # a message for people, naming the file
        assert outcome.message and "Traceback" not in str(outcome)
        assert outcome.location.file is not None
        return
    assert outcome.title and isinstance(outcome.title, str)
    assert isinstance(outcome.date, dt.date)
    assert outcome.kind in kind_names()
    for path in outcome.input_files:
        assert path.resolve().is_relative_to(root.resolve()), path


@budget("release_fields")
@given(data=release_files())
def test_release_parsing_gives_a_release_or_a_humaskit_error(
    sandbox: ReleaseSandbox, data: bytes
) -> None:
    _check_release_outcome(sandbox.load(data), sandbox.root)


@budget("release_raw")
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: ("---\n" + t + "\n---\nIsi.\n").encode()),
        st.text(max_size=400).map(str.encode),
    )
)
def test_arbitrary_bytes_give_a_release_or_a_humaskit_error(
    sandbox: ReleaseSandbox, data: bytes
) -> None:
    _check_release_outcome(sandbox.load(data), sandbox.root)


# --- 2. caption fitting ---------------------------------------------------------------------

_TRAILING = "…*_~,;:.!?–—-"


def _marked_words(text: str) -> list[str]:
    """Words holding a URL, a mention or a hashtag, without "…", bold marks or punctuation."""
    return [w.strip(_TRAILING) for w in text.split() if "://" in w or "#" in w or "@" in w]


@st.composite
def releases(draw: st.DrawFn) -> Release:
    body_md = draw(prose(max_tokens=120))
    quote = draw(st.one_of(st.none(), prose(max_tokens=30)))
    return replace(
        BASE_RELEASE,
        title=draw(prose(max_tokens=40)),
        summary=draw(prose(max_tokens=80)),
        body_markdown=body_md,
        body=parse_body(body_md),
        kind=draw(st.sampled_from(kind_names())),
        location=draw(st.one_of(st.none(), latin_words)),
        tags=tuple(draw(st.lists(st.one_of(latin_words, words), max_size=8))),
        link=draw(st.one_of(st.none(), st.sampled_from(URLS))),
        quote=None if quote is None else replace(BASE_RELEASE.quote or _QUOTE, text=quote),
        stats=tuple(
            Stat(label, value)
            for label, value in draw(
                st.lists(st.tuples(latin_words, st.integers(0, 10**9)), max_size=5)
            )
        ),
        agenda=(),
    )


_QUOTE = BASE_RELEASE.quote


@budget("captions")
@given(
    release=releases(),
    pid=st.sampled_from(sorted(RULES)),
    share=st.one_of(st.just(1.0), st.floats(min_value=0.3, max_value=1.0)),
)
def test_captions_fit_and_never_cut_a_url_mention_or_hashtag(
    brand: Brand, release: Release, pid: str, share: float
) -> None:
    rules = RULES[pid]
    limit = max(100, int(rules.caption_limit * share))
    fitted_rules = {pid: replace(rules, caption_limit=limit)}
    try:
        caption = build_captions(release, brand, platforms=[pid], platform_rules=fitted_rules)[pid]
    except TemplateError:
        # Only a limit tighter than the platform's own may leave the fixed text no room.
        assert limit < rules.caption_limit
        return
    assert caption.length == count_length(caption.text + "\n", fitted_rules[pid]) <= limit
    roomy = {pid: replace(rules, caption_limit=10**7)}
    full = build_captions(release, brand, platforms=[pid], platform_rules=roomy)[pid].text
    whole = set(_marked_words(full))
    for word in _marked_words(caption.text):
        assert word in whole, f"{word!r} was cut: not a whole word of the uncut caption"


# --- 3. X counting --------------------------------------------------------------------------


def _x_weight(char: str) -> int:
    """twitter-text v3: these ranges weigh 1, every other code point 2."""
    cp = ord(char)
    light = (
        cp <= 0x10FF or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037
    )
    return 1 if light else 2


# Pieces whose weight is computed independently of twitter-text: (text, weight).
X_PIECES = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10).map(
        lambda t: (t, len(t))
    ),
    st.text(alphabet="àéîõüçñßÀÉÎ", min_size=1, max_size=6).map(lambda t: (t, len(t))),
    # decomposed accents count after NFC: e + U+0301 is one é
    st.integers(1, 5).map(lambda n: ("e\u0301" * n, n)),
    st.text(alphabet=CJK, min_size=1, max_size=8).map(lambda t: (t, 2 * len(t))),
    st.sampled_from(EMOJI).map(lambda e: (e, 2)),
    st.sampled_from(URLS).map(lambda u: (u, 23)),
    st.sampled_from(["—", "“", "”", "‘", "′", "…", "€", "→", "•"]).map(lambda c: (c, _x_weight(c))),
)


@budget("x_counting")
@given(pieces=st.lists(X_PIECES, min_size=1, max_size=40))
def test_x_counting_matches_an_independent_count(pieces: list[tuple[str, int]]) -> None:
    # Pieces are joined by spaces (weight 1 each) so that a URL has clear edges.
    text = " ".join(p for p, _w in pieces)
    expected = sum(w for _p, w in pieces) + len(pieces) - 1
    assert count_length(text, "x") == expected, text


@budget("x_unicode")
@given(text=st.text(max_size=200))
def test_x_counting_of_plain_unicode_is_the_weighted_sum(text: str) -> None:
    # Without URLs or emoji, the count is the weighted sum of the NFC code points.
    # twitter-text reads CR LF and a lone CR as one line break, as the X apps do
    normalised = re.sub(r"\r\n?", "\n", unicodedata.normalize("NFC", text))

    if _emoji_spans(normalised) or re.search(r"[./:@#＠＃]", normalised):
        return  # emoji, URL-like or entity text: covered by the test above
    assert count_length(text, "x") == sum(_x_weight(c) for c in normalised)


# --- 4. layout planning ---------------------------------------------------------------------

LAYOUTS = sorted(available_layouts())


@st.composite
def canvases(draw: st.DrawFn) -> Canvas:
    width = draw(st.integers(480, 3000))
    # From 2:1 wide (the widest platform card is 1200x627, 1.91:1) to 1:3 tall.
    height = draw(st.integers(max(320, width // 2), min(4000, width * 3)))
    story = draw(st.booleans()) and height > width
    safe = draw(st.integers(0, height // 8)) if story else 0
    return Canvas(width, height, safe, safe)


@st.composite
def card_contents(draw: st.DrawFn) -> CardContent:
    optional = st.one_of(st.none(), prose(max_tokens=25))
    return CardContent(
        kind=draw(st.sampled_from(kind_names())),
        title=draw(prose(max_tokens=40)),
        summary=draw(prose(max_tokens=60)),
        unit_name=draw(prose(max_tokens=6)),
        date_text=draw(st.sampled_from(["Jumat, 10 Mei 2024", "1 Januari 2099", ""])),
        photo=draw(st.sampled_from([None, Path("foto.jpg")])),
        photo_credit=draw(optional),
        quote_text=draw(optional),
        quote_by=draw(optional),
        quote_role=draw(optional),
        handles_text=draw(prose(max_tokens=4)),
        footer=draw(prose(max_tokens=8)),
        draft=draw(st.booleans()),
        location=draw(optional),
    )


@pytest.fixture(scope="module")
def fonts(brand: Brand) -> Any:
    from humaskit.cards.fonts import FontBook

    return FontBook({r: (f.file, f.weight) for r, f in brand.fonts.items()})


@budget("layout")
@given(content=card_contents(), canvas=canvases(), layout_name=st.sampled_from(LAYOUTS))
def test_built_in_layouts_keep_every_text_box_inside_the_canvas(
    brand: Brand, fonts: Any, content: CardContent, canvas: Canvas, layout_name: str
) -> None:
    unit = brand.unit("dinkominfo")
    available = ["logo"] + (["photo"] if content.photo else [])
    plan = plan_layout(
        find_layout(layout_name),
        canvas,
        values=card_values(content),
        colors=unit.colors,
        measurer=fonts,
        available=available,
    )
    slack = 0.5  # rounding to 2 decimals
    for item in plan.items:
        if not isinstance(item, TextItem):
            continue
        box = item.box
        assert -slack <= box.x0 <= box.x1 <= canvas.width + slack, (item.layer, box)
        assert -slack <= box.y0 <= box.y1 <= canvas.height + slack, (item.layer, box)
        # a story's top and bottom zones stay free of text (the app's own buttons sit there)
        assert canvas.safe_top - slack <= box.y0, (item.layer, box)
        assert box.y1 <= canvas.height - canvas.safe_bottom + slack, (item.layer, box)
        for line in item.lines:
            assert line.x >= -slack and line.x + line.width <= canvas.width + slack, line
