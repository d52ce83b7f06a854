"""Platform rules: the built-in figures of SPEC §6, user overrides, and errors people can act on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from humaskit import i18n
from humaskit.errors import PlatformError
from humaskit.model.platforms import (
    ImageSize,
    Platform,
    builtin_platforms,
    get_platform,
    load_platforms,
    parse_platform_list,
)
from humaskit.resources import builtin_templates_dir

SPEC_IDS = ["instagram", "facebook", "x", "threads", "tiktok", "whatsapp", "linkedin", "youtube"]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def _user_rules(tmp_path: Path, text: str) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "platforms.yaml").write_text(text, encoding="utf-8")
    return templates


def _error(tmp_path: Path, text: str) -> PlatformError:
    templates = _user_rules(tmp_path, text)
    with pytest.raises(PlatformError) as caught:
        load_platforms(templates)
    assert caught.value.location.file == templates / "platforms.yaml"
    return caught.value


# --- built-in rules -------------------------------------------------------------------------------


def test_builtin_rules_hold_the_eight_platforms_of_the_spec() -> None:
    platforms = load_platforms()
    assert list(platforms) == SPEC_IDS
    assert all(isinstance(p, Platform) and p.id == pid for pid, p in platforms.items())


@pytest.mark.parametrize(
    ("pid", "limit", "counting", "max_hashtags"),
    [
        ("instagram", 2200, "utf16", 5),
        ("facebook", 63206, "utf16", 3),
        ("x", 280, "twitter", 3),
        ("threads", 500, "threads", 1),
        ("tiktok", 2200, "utf16", 5),
        ("whatsapp", 4096, "utf16", 0),
        ("linkedin", 3000, "utf16", 3),
        ("youtube", 5000, "utf16", 15),
    ],
)
def test_caption_figures_follow_the_spec(
    pid: str, limit: int, counting: str, max_hashtags: int | None
) -> None:
    platform = builtin_platforms()[pid]
    assert platform.caption_limit == limit
    assert platform.counting == counting
    assert platform.max_hashtags == max_hashtags


@pytest.mark.parametrize(
    ("pid", "sizes"),
    [
        ("instagram", {"feed": (1080, 1350), "story": (1080, 1920), "carousel": (1080, 1350)}),
        ("facebook", {"feed": (1080, 1350), "link": (1200, 630), "carousel": (1080, 1350)}),
        ("x", {"post": (1600, 900)}),
        ("threads", {"feed": (1080, 1350)}),
        ("tiktok", {"photo": (1080, 1920)}),
        ("whatsapp", {"status": (1080, 1920)}),
        ("linkedin", {"link": (1200, 627), "feed": (1080, 1350), "carousel": (1080, 1350)}),
        ("youtube", {"community": (1080, 1080)}),
    ],
)
def test_image_sizes_follow_the_spec(pid: str, sizes: dict[str, tuple[int, int]]) -> None:
    images = builtin_platforms()[pid].images
    assert {image.variant: (image.width, image.height) for image in images} == sizes


def test_other_builtin_figures() -> None:
    platforms = builtin_platforms()
    story = platforms["instagram"].image("story")
    assert (story.safe_top, story.safe_bottom) == (250, 250)
    assert platforms["tiktok"].image("photo").safe_bottom > 0
    assert platforms["x"].alt_text_limit == 1000
    assert platforms["instagram"].carousel_max == 10
    assert platforms["facebook"].carousel_max == 10
    assert platforms["whatsapp"].formatting == "whatsapp"
    assert platforms["whatsapp"].hashtag_placement == "none"
    assert {pid for pid, p in platforms.items() if not p.shows_links} == {"instagram", "tiktok"}
    assert {p.formatting for pid, p in platforms.items() if pid != "whatsapp"} == {"plain"}


def test_every_builtin_figure_names_its_source() -> None:
    lines = (builtin_templates_dir() / "platforms.yaml").read_text(encoding="utf-8").splitlines()
    figure = re.compile(r"^\s+(caption_limit|max_hashtags|alt_text_limit|carousel_max): \d")
    for number, line in enumerate(lines):
        if figure.match(line) or line.lstrip().startswith("- {variant"):
            sourced = "#" in line or lines[number - 1].lstrip().startswith("#")
            assert sourced, f"platforms.yaml line {number + 1} has no source comment: {line}"


def test_builtin_platforms_are_cached_and_read_only() -> None:
    assert builtin_platforms() is builtin_platforms()
    with pytest.raises(TypeError):
        builtin_platforms()["x"] = builtin_platforms()["instagram"]  # type: ignore[index]


def test_image_lookup_names_the_known_variants() -> None:
    instagram = builtin_platforms()["instagram"]
    assert instagram.image("feed") == ImageSize("feed", 1080, 1350)
    with pytest.raises(PlatformError) as caught:
        instagram.image("stroy")
    assert "'story'" in caught.value.hint


# --- user overrides -------------------------------------------------------------------------------


def test_user_rules_override_per_field(tmp_path: Path) -> None:
    templates = _user_rules(tmp_path, "instagram:\n  caption_limit: 1000\n  max_hashtags: 3\n")
    platforms = load_platforms(templates)
    builtin = builtin_platforms()
    assert platforms["instagram"].caption_limit == 1000
    assert platforms["instagram"].max_hashtags == 3
    assert platforms["instagram"].images == builtin["instagram"].images
    assert platforms["instagram"].shows_links is False
    assert platforms["x"] == builtin["x"]
    assert list(platforms) == SPEC_IDS


def test_user_images_replace_the_list_whole(tmp_path: Path) -> None:
    text = "x:\n  images:\n    - {variant: square, width: 1080, height: 1080}\n"
    platforms = load_platforms(_user_rules(tmp_path, text))
    assert platforms["x"].images == (ImageSize("square", 1080, 1080),)
    assert platforms["x"].caption_limit == 280


def test_user_may_add_a_platform_with_defaults(tmp_path: Path) -> None:
    text = (
        "mastodon:\n"
        "  name: Mastodon\n"
        "  caption_limit: 500\n"
        "  images:\n"
        "    - {variant: feed, width: 1200, height: 675}\n"
    )
    platforms = load_platforms(_user_rules(tmp_path, text))
    mastodon = platforms["mastodon"]
    assert list(platforms)[-1] == "mastodon"
    assert mastodon.counting == "utf16"
    assert mastodon.formatting == "plain"
    assert mastodon.hashtag_placement == "end"
    assert mastodon.shows_links is True
    assert mastodon.max_hashtags is None
    assert mastodon.carousel_max is None


@pytest.mark.parametrize("text", ["", "# nothing yet\n"])
def test_an_empty_user_file_changes_nothing(tmp_path: Path, text: str) -> None:
    assert load_platforms(_user_rules(tmp_path, text)) == load_platforms()


def test_a_templates_folder_without_rules_uses_the_builtin_ones(tmp_path: Path) -> None:
    assert load_platforms(tmp_path) == load_platforms()


# --- errors ---------------------------------------------------------------------------------------


def test_a_wrong_value_names_file_platform_field_and_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "# ours\ninstagram:\n  name: Instagram\n  caption_limit: '2.200'\n")
    assert error.location.field == "instagram.caption_limit"
    assert error.location.line == 4
    assert "whole number" in error.message
    assert "2200" in error.hint
    assert "platforms.yaml:4" in str(error)


def test_an_unknown_field_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    error = _error(tmp_path, "instagram:\n  caption_limt: 1000\n")
    assert "'caption_limt'" in error.message
    assert "Did you mean 'caption_limit'?" in error.hint
    assert error.location.line == 2


def test_a_workspace_sets_the_footer_account_rules(tmp_path: Path) -> None:
    """account_label / account_kinds / account_fallback are data a workspace can override."""
    text = "whatsapp:\n  account_label: WhatsApp\n  account_kinds: [aduan]\n"
    rules = load_platforms(_user_rules(tmp_path, text + "  account_fallback: facebook\n"))[
        "whatsapp"
    ]
    assert (rules.account_label, rules.account_kinds, rules.account_fallback) == (
        "WhatsApp",
        ("aduan",),
        "facebook",
    )
    assert load_platforms()["x"].account_label is None


def test_a_wrong_choice_suggests_the_nearest(tmp_path: Path) -> None:
    error = _error(tmp_path, "x:\n  counting: twiter\n")
    assert error.location.field == "x.counting"
    assert "'twitter'" in error.hint


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        ("x:\n  caption_limit: true\n", "x.caption_limit", 2),
        ("x:\n  caption_limit: 0\n", "x.caption_limit", 2),
        ("x:\n  max_hashtags: -1\n", "x.max_hashtags", 2),
        ("x:\n  shows_links: 'yes'\n", "x.shows_links", 2),
        ("x:\n  name: ''\n", "x.name", 2),
        ("x:\n  formatting: markdown\n", "x.formatting", 2),
        ("x:\n  images: []\n", "x.images", 2),
        ("x:\n  caption_limit: [280]\n", "x.caption_limit", 2),
        ("x:\n  account_label: ''\n", "x.account_label", 2),
        ("x:\n  account_kinds: pengumuman\n", "x.account_kinds", 2),
        ("x:\n  account_kinds: [Pengumuman!]\n", "x.account_kinds", 2),
        ("x:\n  account_fallback: '../ig'\n", "x.account_fallback", 2),
    ],
)
def test_invalid_values_are_refused(tmp_path: Path, text: str, field: str, line: int) -> None:
    error = _error(tmp_path, text)
    assert error.location.field == field
    assert error.location.line == line


@pytest.mark.parametrize(
    ("images", "line", "words"),
    [
        ("    - {variant: feed, widht: 1080, height: 1350}\n", 3, "'width'"),
        ("    - {variant: feed, height: 1350}\n", 3, "'width'"),
        ("    - {variant: ../feed, width: 1080, height: 1350}\n", 3, "'../feed'"),
        (
            "    - {variant: a, width: 10, height: 10}\n    - {variant: a, width: 9, height: 9}\n",
            4,
            "twice",
        ),
        ("    - variant: tall\n      width: 1080\n      height: 0\n", 5, "height"),
        (
            "    - {variant: s, width: 1080, height: 1920, safe_top: 1000, safe_bottom: 920}\n",
            3,
            "room",
        ),
        ("    - {variant: s, width: 99999, height: 10}\n", 3, "pixels"),
    ],
)
def test_invalid_image_sizes_point_at_their_line(
    tmp_path: Path, images: str, line: int, words: str
) -> None:
    error = _error(tmp_path, "tiktok:\n  images:\n" + images)
    assert error.location.field == "tiktok.images"
    assert error.location.line == line
    assert words in error.message + " " + error.hint


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "x:\n  caption_limit: 280\n  name: [X\n")
    assert error.location.line is not None and error.location.line >= 3
    assert "YAML" in error.message


def test_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "x:\n  caption_limit: 200\n  caption_limit: 300\n")
    assert error.location.field == "x.caption_limit"
    assert error.location.line == 3


def test_an_unsafe_platform_id_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "'../evil':\n  name: Evil\n")
    assert error.location.line == 1
    assert "'../evil'" in error.message


def test_a_new_platform_must_be_complete(tmp_path: Path) -> None:
    error = _error(tmp_path, "x:\n  name: X\nmastodon:\n  name: Mastodon\n  caption_limit: 500\n")
    assert error.location.field == "mastodon"
    assert error.location.line == 3
    assert "'images'" in error.message


def test_rules_that_are_not_a_mapping_are_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "- instagram\n- x\n")
    assert error.location.line == 1


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "platforms.yaml").write_bytes(b"x:\n  name: \xff\n")
    with pytest.raises(PlatformError) as caught:
        load_platforms(templates)
    assert "UTF-8" in caught.value.hint


# --- looking platforms up -------------------------------------------------------------------------


def test_get_platform_ignores_case_and_spaces() -> None:
    assert get_platform(builtin_platforms(), " Instagram ").id == "instagram"
    assert get_platform(builtin_platforms(), "X").id == "x"


@pytest.mark.parametrize(("typed", "nearest"), [("instagarm", "instagram"), ("twitter", "x")])
def test_unknown_platform_suggests_the_nearest_and_lists_all(typed: str, nearest: str) -> None:
    with pytest.raises(PlatformError) as caught:
        get_platform(builtin_platforms(), typed)
    assert f"'{typed}'" in caught.value.message
    assert f"Did you mean '{nearest}'?" in caught.value.hint
    assert all(pid in caught.value.hint for pid in SPEC_IDS)


def test_parse_platform_list_splits_commas_and_repeats() -> None:
    known = builtin_platforms().keys()
    assert parse_platform_list(["instagram,x", "facebook", "x"], known) == [
        "instagram",
        "x",
        "facebook",
    ]
    assert parse_platform_list([" Instagram , X ,"], known) == ["instagram", "x"]
    assert parse_platform_list([], known) == []


def test_parse_platform_list_refuses_unknown_and_empty() -> None:
    known = list(builtin_platforms())
    with pytest.raises(PlatformError) as caught:
        parse_platform_list(["instagram,tiktak"], known)
    assert "'tiktak'" in caught.value.message
    assert "'tiktok'" in caught.value.hint
    with pytest.raises(PlatformError):
        parse_platform_list([" , "], known)
