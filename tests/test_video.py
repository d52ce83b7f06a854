"""Short vertical clips (issue 16): every clip decoded back with PyAV and checked.

One short release (a cover and a closing scene, so the clip lasts the shortest 8 s) is rendered
once for the module; the checks read its files. That render takes over 5 s (images for four
platforms and the clip), so every test that uses it is marked slow, like the renders of their
own (determinism, sound, a killed batch); timing and the refusals run in the fast lane.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path
from typing import Any

import pytest

from conftest import Workspace
from humaskit.pipeline.manifest import manifest_json_schema, read_manifest
from humaskit.pipeline.render import render
from humaskit.video import encoder, timing

av = pytest.importorskip("av")

CLIPS = {
    "instagram": "instagram/reel.mp4",
    "tiktok": "tiktok/video.mp4",
    "youtube": "youtube/short.mp4",
    "whatsapp": "whatsapp/status.mp4",
}
PLATFORMS = list(CLIPS)
# Mean absolute difference (0-255, over every channel of every pixel) under which a decoded
# frame counts as the card it should show: H.264 at CRF 21 in 4:2:0 differs from the RGB card
# by about 1-2 levels on average; a different card differs by tens.
SAME_CARD = 4.0


def _photo(path: Path) -> None:
    """A photo with a diagonal gradient and stripes, so that a zoom changes its pixels."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for x in range(0, 1600, 80):
        draw.line((x, 0, x + 400, 1200), fill=(200, 60, 40), width=12)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)


def _release(workspace: Workspace, name: str = "rilis/2024-05-10-rapat.md", **fields: Any) -> Path:
    _photo(workspace.root / "foto/rapat.jpg")
    return workspace.release(
        name,
        image="../foto/rapat.jpg",
        image_alt="Peserta rapat duduk menghadap layar",
        platforms=PLATFORMS,
        **fields,
    )


def _wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A mono 8-bit WAV of a 440 Hz tone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        count = int(seconds * rate)
        tone = (math.sin(2 * math.pi * 440 * i / rate) for i in range(count))
        samples = bytes(128 + int(60 * v) for v in tone)
        out.writeframes(samples)
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = Workspace(tmp_path_factory.mktemp("video") / "ws")
    source = _release(workspace)
    out = workspace.root.parent / "out"
    report = render([source], out, video=True)
    assert report.ok, [r.message for r in report.results]
    return out / "2024-05-10-rapat"


@pytest.mark.slow
def test_four_clips_are_written_and_listed_in_the_manifest(rendered: Path) -> None:
    import jsonschema

    data = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, manifest_json_schema())
    manifest = read_manifest(rendered)
    assert manifest is not None
    videos = {a.platform: a for a in manifest.artifacts if a.type == "video"}
    assert {pid: a.path for pid, a in videos.items()} == CLIPS
    contents = {(rendered / a.path).read_bytes() for a in videos.values()}
    assert len(contents) == 1  # one clip, written four times
    for artifact in videos.values():
        assert (artifact.width, artifact.height, artifact.fps) == (1080, 1920, 30)
        assert artifact.codec == "h264" and artifact.audio is False
        assert artifact.duration is not None and 8 <= artifact.duration <= 30
        assert artifact.alt and artifact.alt.startswith("Video pendek")
        assert (rendered / artifact.alt_path).read_text(encoding="utf-8") == artifact.alt + "\n"
        assert artifact.subtitles and (rendered / artifact.subtitles).is_file()
    # Images of the same names stay beside the clips (whatsapp/status.jpg and its alt text).
    assert (rendered / "whatsapp/status.alt.txt").is_file()


@pytest.mark.slow
def test_the_clip_decodes_as_the_issue_asks(rendered: Path) -> None:
    data = (rendered / CLIPS["tiktok"]).read_bytes()
    found = encoder.probe(data)
    assert (found.codec, found.profile, found.pixel_format) == ("h264", "High", "yuv420p")
    assert (found.width, found.height, found.fps) == (1080, 1920, 30)
    assert 8 <= found.duration <= 30 and found.audio is None
    manifest = read_manifest(rendered)
    assert manifest is not None
    listed = next(a for a in manifest.artifacts if a.path == CLIPS["tiktok"])
    assert listed.duration == pytest.approx(found.duration, abs=1 / 30)
    # faststart: the index comes before the pictures.
    assert data.index(b"moov") < data.index(b"mdat")


@pytest.mark.slow
def test_key_frames_every_two_seconds(rendered: Path) -> None:
    path = rendered / CLIPS["youtube"]
    with av.open(str(path)) as container:
        keys = [i for i, frame in enumerate(container.decode(video=0)) if frame.key_frame]
    assert keys == list(range(0, keys[-1] + 1, encoder.GOP))


def _mean_difference(rgb: bytes, card: Any) -> float:
    from PIL import Image, ImageChops, ImageStat

    frame = Image.frombytes("RGB", (1080, 1920), rgb)
    stat = ImageStat.Stat(ImageChops.difference(frame, card.convert("RGB")))
    return float(sum(stat.mean) / 3)


def _scenes(rendered: Path) -> tuple[Any, Any, list[Any]]:
    """The clip's renderer, canvas and scenes, as the pipeline makes them."""
    from humaskit.pipeline.context import RenderOptions
    from humaskit.pipeline.videos import release_clip

    source = rendered.parent.parent / "ws/rilis/2024-05-10-rapat.md"
    base, size, _cover, scenes = release_clip(
        source, RenderOptions(out=rendered.parent, video=True)
    )
    return base, size, scenes


def _cards(rendered: Path) -> tuple[Any, Any]:
    """The cover and the closing card as the image renderer draws them at the clip's size."""
    import io

    from PIL import Image

    base, size, scenes = _scenes(rendered)

    def draw(index: int) -> Any:
        scene = scenes[index]
        card = base.with_content(scene.content).render(scene.layout, size, "png")
        return Image.open(io.BytesIO(card.data))

    assert scenes[0].role == "cover" and scenes[-1].role == "closing"
    return draw(0), draw(-1)


@pytest.mark.slow
def test_first_frame_is_the_cover_and_last_frame_the_closing_card(rendered: Path) -> None:
    frames = encoder.frames_rgb((rendered / CLIPS["instagram"]).read_bytes(), [0, -1])
    cover, closing = _cards(rendered)
    assert _mean_difference(frames[0], cover) < SAME_CARD
    assert _mean_difference(frames[-1], closing) < SAME_CARD
    # …and the threshold tells the two cards apart.
    assert _mean_difference(frames[0], closing) > 3 * SAME_CARD


@pytest.mark.slow
def test_the_headline_comes_in_line_by_line_after_the_thumbnail_frame(rendered: Path) -> None:
    from PIL import Image, ImageChops

    from humaskit.cards.renderer import text_items
    from humaskit.video.clip import LINE_REVEAL, REVEALED, THUMBNAIL_FRAMES

    base, size, scenes = _scenes(rendered)
    plan = base.with_content(scenes[0].content).plan(scenes[0].layout, size)
    headline = [i for i in text_items(plan) if i.layer in REVEALED]
    assert len(headline) == 1
    item = headline[0]
    # Where the lines may be while they rise: their box, and up to half a text size below it.
    region = (
        item.box.x0 - 4,
        item.box.y0 - 4,
        item.box.x1 + 4,
        item.box.y1 + 0.5 * item.size + 4,
    )
    # The first line in place: a reveal's length after the thumbnail frame (the test headline
    # has three lines or more, so the last one has only started).
    assert len(item.lines) >= 3
    wanted = [0, THUMBNAIL_FRAMES, THUMBNAIL_FRAMES - 1 + round(LINE_REVEAL * timing.FPS)]
    frames = encoder.frames_rgb((rendered / CLIPS["instagram"]).read_bytes(), wanted)
    first, hidden, rising = (Image.frombytes("RGB", (1080, 1920), frames[i]) for i in wanted)
    from PIL import ImageDraw, ImageStat

    outside = Image.new("L", (1080, 1920), 255)
    ImageDraw.Draw(outside).rectangle(region, fill=0)
    for during in (hidden, rising):
        diff = ImageChops.difference(first, during).convert("L")
        # The headline is not (all) in place yet: its region differs by tens of levels…
        assert ImageStat.Stat(diff, ImageChops.invert(outside)).mean[0] > 10
        # …and nothing else differs beyond the encoder's noise (the photo waits for it).
        assert ImageStat.Stat(diff, outside).mean[0] < 0.5
    # Line by line: while the first line is nearly in place, the last has not come in yet.
    last = item.lines[-1]
    bottom = (
        round(item.box.x0),
        round(last.baseline - item.size),
        round(item.box.x1),
        round(last.baseline),
    )
    top_line = item.lines[0]
    top = (
        round(item.box.x0),
        round(top_line.baseline - item.size),
        round(item.box.x1),
        round(top_line.baseline),
    )

    def differs(box: tuple[int, int, int, int]) -> float:
        diff = ImageChops.difference(first.crop(box), rising.crop(box))
        return float(sum(ImageStat.Stat(diff).mean) / 3)

    assert differs(top) < 2 < 20 < differs(bottom)


@pytest.mark.slow
def test_the_cover_photo_moves_and_its_text_does_not(rendered: Path) -> None:
    from PIL import Image, ImageChops

    frames = encoder.frames_rgb((rendered / CLIPS["instagram"]).read_bytes(), [0, 90])
    first = Image.frombytes("RGB", (1080, 1920), frames[0])
    later = Image.frombytes("RGB", (1080, 1920), frames[90])
    moved = ImageChops.difference(first, later).convert("L")
    assert moved.getbbox() is not None  # the Ken Burns move changed the picture


@pytest.mark.slow
def test_subtitles_follow_the_scenes(rendered: Path) -> None:
    text = (rendered / "tiktok/video.srt").read_text(encoding="utf-8")
    blocks = [b.splitlines() for b in text.strip().split("\n\n")]
    assert [b[0] for b in blocks] == [str(i) for i in range(1, len(blocks) + 1)]
    times = [b[1].split(" --> ") for b in blocks]
    assert times[0][0] == "00:00:00,000"
    for (_start, end), (start, _end) in itertools.pairwise(times):
        assert end == start
    manifest = read_manifest(rendered)
    assert manifest is not None
    duration = next(a for a in manifest.artifacts if a.type == "video").duration
    assert duration is not None
    seconds, millis = times[-1][1].rsplit(",", 1)
    hours, minutes, secs = (int(v) for v in seconds.split(":"))
    assert hours * 3600 + minutes * 60 + secs + int(millis) / 1000 == pytest.approx(duration)
    assert "Pemkab Blora Gelar Rapat Koordinasi Admin Medsos" in " ".join(blocks[0])


@pytest.mark.slow
def test_scene_text_stays_out_of_every_platforms_ui_zones(rendered: Path) -> None:
    from humaskit.cards.renderer import CardRenderer, text_items
    from humaskit.model.platforms import load_platforms
    from humaskit.model.release import load_release, resolve_unit
    from humaskit.pipeline.context import RenderOptions, brand_for
    from humaskit.pipeline.images import card_content
    from humaskit.pipeline.videos import clip_scenes

    source = rendered.parent.parent / "ws/rilis/2024-05-10-rapat.md"
    options = RenderOptions(out=rendered.parent, video=True)
    brand, _templates = brand_for(source, options)
    release = load_release(source)
    unit = resolve_unit(release, brand)
    rules = load_platforms()
    size, _layout, scenes = clip_scenes(
        release, brand, unit, [rules[p] for p in PLATFORMS], rules, options
    )
    tall = [s for p in rules.values() for s in p.images if (s.width, s.height) == (1080, 1920)]
    assert tall
    for zone in tall:  # the clip's canvas is clear of each 9:16 image's zones
        assert size.safe_top >= zone.safe_top and size.safe_bottom >= zone.safe_bottom
        if zone.safe_right:
            assert size.safe_right >= zone.safe_right
            assert size.safe_right_top <= zone.safe_right_top
            assert size.safe_right_bottom <= zone.safe_right_bottom
    base = CardRenderer(card_content(release, brand, unit), brand, unit, sizes=[size])
    column_top, column_bottom = size.safe_right_top, size.height - size.safe_right_bottom
    for scene in scenes:
        for item in text_items(base.with_content(scene.content).plan(scene.layout, size)):
            box = item.box
            assert box.y0 >= size.safe_top - 0.5 and box.y1 <= size.height - size.safe_bottom + 0.5
            in_column_rows = box.y1 > column_top and box.y0 < column_bottom
            if in_column_rows:
                assert box.x1 <= size.width - size.safe_right + 0.5, (scene.role, item.layer)


def test_a_counter_hoax_clip_has_one_scene_per_step(workspace: Workspace) -> None:
    from humaskit.cards.renderer import CardRenderer, text_items
    from humaskit.model.platforms import load_platforms
    from humaskit.model.release import load_release, resolve_unit
    from humaskit.pipeline.context import RenderOptions, brand_for
    from humaskit.pipeline.images import card_content
    from humaskit.pipeline.videos import clip_scenes

    claim = "Pemkab Blora membagikan kuota internet lewat tautan di pesan berantai."
    fact = "Pemkab Blora tidak membuka pendaftaran bantuan kuota apa pun."
    source = workspace.release(
        "rilis/2024-06-10-hoaks.md",
        kind="hoaks",
        claim=claim,
        fact=fact,
        source="Dinkominfo Kabupaten Blora",
        platforms=PLATFORMS,
    )
    options = RenderOptions(out=workspace.root.parent / "out", video=True)
    brand, _templates = brand_for(source, options)
    release = load_release(source)
    unit = resolve_unit(release, brand)
    rules = load_platforms()
    size, _layout, scenes = clip_scenes(
        release, brand, unit, [rules[p] for p in PLATFORMS], rules, options
    )
    roles = [s.role for s in scenes]
    assert roles[:4] == ["cover", "claim", "fact", "source"] and roles[-1] == "closing"
    base = CardRenderer(card_content(release, brand, unit), brand, unit, sizes=[size])
    shown = {}
    for scene in scenes[1:4]:
        assert scene.keep  # the steps are the clip's point: timing never drops them
        plan = base.with_content(scene.content).plan(scene.layout, size)
        assert not plan.warnings, (scene.role, plan.warnings)
        items = text_items(plan)
        for item in items:  # every text at least 2.4 % of the width
            assert item.size >= 0.024 * size.width, (scene.role, item.layer, item.size)
        shown[scene.role] = " ".join(line.text for i in items for line in i.lines)
    assert "HOAKS" in shown["claim"] and "kuota internet" in shown["claim"]
    assert "FAKTA" not in shown["claim"] and "pendaftaran" not in shown["claim"]
    assert "FAKTA" in shown["fact"] and "pendaftaran" in shown["fact"]
    assert "HOAKS" not in shown["fact"] and "tautan di pesan" not in shown["fact"]
    assert "Dinkominfo Kabupaten Blora" in shown["source"] and "lapor" in shown["source"].lower()
    assert "pendaftaran bantuan" not in shown["source"] and "tautan di pesan" not in shown["source"]


def test_a_scene_reads_only_what_no_later_scene_shows_again() -> None:
    from humaskit.video.clip import _read_later

    texts = ["FAKTA\nfakta\nHOAKS\nklaim\nSumber", "HOAKS\nklaim", "FAKTA\nfakta", "penutup"]
    assert _read_later(texts) == ["Sumber", "HOAKS\nklaim", "FAKTA\nfakta", "penutup"]


# --- one scene per key point, figure and event (planned and timed, not encoded) ---------------

EXAMPLES = Path(__file__).parent.parent / "examples/rilis"
# The 9:16 rules every scene keeps at 1080 wide: no text under 26 px (2.4 % of the width).
SMALLEST_TEXT = 26


def _planned(path: Path) -> tuple[Any, Any, list[Any], Any]:
    """The clip of the release at ``path`` as the pipeline plans and times it: its renderer,
    canvas, scenes and timing."""
    from humaskit.pipeline.context import RenderOptions
    from humaskit.pipeline.videos import release_clip
    from humaskit.video.clip import plan_timing

    base, size, _cover, scenes = release_clip(path, RenderOptions(out=Path("unused"), video=True))
    return base, size, scenes, plan_timing(base, scenes, size)


def _shown(base: Any, scene: Any, size: Any) -> str:
    """Every line of text a scene's card shows, after checking it keeps the 9:16 rules: no
    warning (nothing shrunk past its floor or cut), no text under 26 px, none in a UI zone."""
    from humaskit.cards.renderer import text_items

    plan = base.with_content(scene.content).plan(scene.layout, size)
    assert not plan.warnings, (scene.name, plan.warnings)
    column_top, column_bottom = size.safe_right_top, size.height - size.safe_right_bottom
    lines = []
    for item in text_items(plan):
        box = item.box
        assert item.size >= SMALLEST_TEXT, (scene.name, item.layer, item.size)
        assert box.y0 >= size.safe_top - 0.5, (scene.name, item.layer)
        assert box.y1 <= size.height - size.safe_bottom + 0.5, (scene.name, item.layer)
        if box.y1 > column_top and box.y0 < column_bottom:
            assert box.x1 <= size.width - size.safe_right + 0.5, (scene.name, item.layer)
        assert not any(line.text.endswith("…") for line in item.lines), (scene.name, item.layer)
        if item.layer in ("point", "title", "label") and len(item.lines) > 1:
            assert len(item.lines[-1].text.split()) > 1, (scene.name, item.layer, item.lines)
        lines += [line.text for line in item.lines]
    return "\n".join(lines)


def _flat(text: str) -> str:
    """Text as a test looks for it: lines joined, no-break spaces as spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def test_a_release_with_four_points_has_a_scene_for_each_and_drops_the_last_first(
    workspace: Workspace,
) -> None:
    points = [
        "Setiap OPD mengunggah satu kabar kegiatan setiap hari kerja",
        "Admin kecamatan menjawab pertanyaan warga paling lambat satu hari",
        "Foto kegiatan memakai keterangan yang menyebut tempat dan waktu",
        "Aduan warga diteruskan ke SP4N-LAPOR! pada hari yang sama",
    ]
    body = "Rapat menyepakati empat hal:\n\n" + "\n".join(f"- {p}." for p in points) + "\n"
    source = workspace.release(body=body, platforms=PLATFORMS)
    base, size, scenes, timing = _planned(source)
    assert scenes[0].role == "cover" and scenes[-1].role == "closing"
    scene_points = [s for s in scenes if s.role == "point"]
    assert [s.name for s in scene_points] == ["point 1", "point 2", "point 3", "point 4"]
    for number, (scene, point) in enumerate(zip(scene_points, points, strict=True), 1):
        assert scene.layout == "poin-satu"
        assert (scene.content.item_number, scene.content.item_count) == (number, 4)
        shown = _flat(_shown(base, scene, size))
        assert point in shown and f"{number}/4" in shown and str(number) in shown.split()
    # Within 30 s: the cover and the closing scene stay; what goes is named, the last first.
    kept = [i for i, _n in timing.kept]
    assert kept[0] == 0 and kept[-1] == len(scenes) - 1
    assert sum(n for _i, n in timing.kept) <= timing_limit()
    dropped = [scenes[i].name for i in timing.dropped()]
    kept_points = [scenes[i].name for i in kept if scenes[i].role == "point"]
    assert kept_points + [d for d in dropped if d.startswith("point")] == [
        s.name for s in scene_points
    ]


def timing_limit() -> int:
    return int(timing.LONGEST_CLIP * timing.FPS)


def test_the_kinerja_clip_has_one_scene_per_figure() -> None:
    base, size, scenes, plan = _planned(EXAMPLES / "2024-06-03-kinerja-posyandu.md")
    figures = [s for s in scenes if s.role == "figure"]
    stats = base.content.stats
    assert len(stats) == 5 and len(figures) == len(stats)
    kept = {i for i, _n in plan.kept}
    assert all(scenes.index(s) in kept for s in figures)  # the figures are the release's point
    assert [s.role for s in scenes[: len(stats) + 1]] == ["cover"] + ["figure"] * len(stats)
    for number, (scene, stat) in enumerate(zip(figures, stats, strict=True), 1):
        assert scene.layout == "angka-satu" and scene.content.stats == (stat,)
        shown = _flat(_shown(base, scene, size))
        assert stat.value_text.replace("\u00a0", " ") in shown and stat.label in shown
        assert f"{number}/5" in shown and "Sumber: Dinas Kesehatan" in shown
        if stat.target is not None:  # the target, as the kinerja card writes it
            words = f"Target {stat.target_text}" if stat.is_percent else stat.figure_text
            assert _flat(words) in shown
    # The figure is on one line, the largest text of its scene.
    from humaskit.cards.renderer import text_items

    for scene in figures:
        items = text_items(base.with_content(scene.content).plan(scene.layout, size))
        value = next(i for i in items if i.layer == "value")
        assert len(value.lines) == 1 and value.size == max(i.size for i in items)


def test_the_agenda_clip_has_one_scene_per_event() -> None:
    base, size, scenes, plan = _planned(EXAMPLES / "2024-05-14-agenda-pelatihan-admin-desa.md")
    events = [s for s in scenes if s.role == "event"]
    agenda = base.content.agenda
    assert len(agenda) == 4 and len(events) == len(agenda)
    kept = {i for i, _n in plan.kept}
    assert all(scenes.index(s) in kept for s in events)  # every date is on some image
    for number, (scene, event) in enumerate(zip(events, agenda, strict=True), 1):
        assert scene.layout == "agenda-satu" and scene.content.agenda == (event,)
        shown = _flat(_shown(base, scene, size))
        for part in (event.day, event.month.upper(), event.weekday, event.title, event.place):
            assert part is not None and _flat(part) in shown, part
        assert event.time_text is not None and _flat(event.time_text) in shown
        assert f"{number}/4" in shown
    # What time leaves out is of the lowest rank: here the key points, the last first.
    dropped = [scenes[i] for i in plan.dropped()]
    assert dropped and {s.role for s in dropped} == {"point"}
    assert 0 in kept and len(scenes) - 1 in kept


def test_an_announcement_clip_keeps_each_schedule_row() -> None:
    """An announcement's key points are its main slides (often its schedule): each row gets a
    scene and none is dropped for time; the scenes are shortened alike instead."""
    base, size, scenes, plan = _planned(EXAMPLES / "2024-07-01-pengumuman-layanan-adminduk.md")
    points = [s for s in scenes if s.role == "point"]
    assert len(points) == len(base.content.points) == 6
    kept = {i for i, _n in plan.kept}
    assert all(scenes.index(s) in kept for s in points) and plan.dropped() == ()
    for scene in points:
        assert _flat(scene.content.points[0]) in _flat(_shown(base, scene, size))


def test_the_subtitles_list_each_scenes_text() -> None:
    for name in ("2024-05-14-agenda-pelatihan-admin-desa.md", "2024-06-03-kinerja-posyandu.md"):
        _base, _size, scenes, plan = _planned(EXAMPLES / name)
        cues = plan.subtitles().strip().split("\n\n")
        assert len(cues) == len(plan.kept)
        for cue, (index, _n) in zip(cues, plan.kept, strict=True):
            text = _flat(" ".join(cue.splitlines()[2:]))
            content = scenes[index].content
            if scenes[index].role == "event":
                assert _flat(content.agenda[0].title) in text and content.agenda[0].day in text
            if scenes[index].role == "figure":
                stat = content.stats[0]
                assert stat.label in text and _flat(stat.value_text) in text


def test_a_clip_that_leaves_scenes_out_says_which_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from humaskit.model.platforms import load_platforms
    from humaskit.model.release import load_release, resolve_unit
    from humaskit.pipeline.context import RenderOptions, brand_for
    from humaskit.pipeline.videos import VIDEO_FILES, render_videos

    # Planned, timed and drawn as for real; not encoded (the test is about what is said).
    monkeypatch.setattr(encoder, "encode", lambda frames, **_options: b"clip")
    path = EXAMPLES / "2024-05-14-agenda-pelatihan-admin-desa.md"
    options = RenderOptions(out=Path("unused"), video=True)
    brand, templates = brand_for(path, options)
    release = load_release(path)
    unit = resolve_unit(release, brand)
    rules = load_platforms(templates)
    plan = render_videos(release, brand, unit, [rules[p] for p in VIDEO_FILES], rules, options)
    trimmed = [d for d in plan.diagnostics if d.code == "video-trimmed"]
    assert len(trimmed) == 1 and trimmed[0].variant == "instagram/reel.mp4"
    _base, _size, scenes, timing = _planned(path)
    names = [scenes[i].name for i in timing.dropped()]
    assert names and all(name in trimmed[0].message for name in names)


def test_one_item_layouts_keep_text_inside_every_canvas() -> None:
    """The scene layouts are made for the clip, but a user's set may name them for any size:
    each keeps its text on the canvas and out of a story's top and bottom rows there too."""
    from humaskit.cards.renderer import CardRenderer, text_items
    from humaskit.model.platforms import ImageSize

    base, _size, scenes, _plan = _planned(EXAMPLES / "2024-05-14-agenda-pelatihan-admin-desa.md")
    _kinerja, _s, figures, _p = _planned(EXAMPLES / "2024-06-03-kinerja-posyandu.md")
    samples = {s.layout: s for s in [*scenes, *figures] if s.layout.endswith("-satu")}
    assert set(samples) == {"poin-satu", "agenda-satu", "angka-satu"}
    sizes = [
        ImageSize("feed", 1080, 1350),
        ImageSize("square", 1080, 1080),
        ImageSize("story", 1080, 1920, safe_top=250, safe_bottom=250),
        ImageSize("link", 1200, 630),
        ImageSize("x", 1600, 900),
    ]
    for layout, scene in samples.items():
        owner = _kinerja if layout == "angka-satu" else base
        renderer = CardRenderer(owner.content, owner.brand, owner.unit, sizes=sizes)
        for size in sizes:
            plan = renderer.with_content(scene.content).plan(layout, size)
            for item in text_items(plan):
                box = item.box
                assert box.x0 >= 0 and box.x1 <= size.width + 0.5, (layout, size, item.layer)
                assert size.safe_top - 0.5 <= box.y0, (layout, size, item.layer)
                assert box.y1 <= size.height - size.safe_bottom + 0.5, (layout, size, item.layer)


# --- timing (pure) ----------------------------------------------------------------------------


def test_reading_time_grows_with_the_words_and_is_bounded() -> None:
    short, longer = "Rapat koordinasi", " ".join(["kata"] * 10)
    assert timing.reading_time(longer) > timing.reading_time(short)
    assert timing.reading_time(longer) == pytest.approx(timing.LEAD + 10 / timing.WORDS_PER_SECOND)
    assert timing.reading_time(" ".join(["kata"] * 500)) == timing.LONGEST_SCENE
    assert timing.reading_time("") == timing.SHORTEST_SCENE


def test_a_clip_lasts_8_to_30_seconds_and_drops_the_least_important_scenes() -> None:
    many = " ".join(["kata"] * 40)
    scenes = [
        timing.Timed(many, 0, True),
        *(timing.Timed(many, rank, False) for rank in (2, 5, 3, 5)),
        timing.Timed(many, 1, True),
    ]
    kept = timing.schedule(scenes)
    assert sum(n for _i, n in kept) <= 30 * timing.FPS
    indexes = [i for i, _n in kept]
    assert indexes[0] == 0 and indexes[-1] == 5  # the cover and the closing scene stay
    assert 2 not in indexes and 4 not in indexes  # rank 5 went first
    short = timing.schedule([timing.Timed("a", 0, True), timing.Timed("b", 1, True)])
    assert sum(n for _i, n in short) == 8 * timing.FPS


# --- refusals ---------------------------------------------------------------------------------


def test_without_pyav_video_stops_with_how_to_install_it(
    workspace: Workspace, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Any:
        raise ImportError("no av")

    monkeypatch.setattr(encoder, "_av", missing)
    source = workspace.release()
    result = run_cli("render", source, "--out", workspace.root.parent / "out", "--video")
    assert result.exit_code == 2
    assert 'pip install "humaskit[video]"' in result.output
    assert not (workspace.root.parent / "out").exists() or not any(
        (workspace.root.parent / "out").rglob("*.mp4")
    )


def test_a_missing_audio_file_is_named_with_its_field(workspace: Workspace, english: None) -> None:
    source = workspace.release(audio="../musik/tidak-ada.mp3")
    report = render([source], workspace.root.parent / "out", platforms=["tiktok"], video=True)
    (result,) = report.results
    assert result.status == "failed" and result.error is not None
    assert result.error.get("field") == "audio" and "tidak-ada.mp3" in result.message


def test_a_file_that_is_not_sound_is_refused(workspace: Workspace, english: None) -> None:
    workspace({"musik/lagu.mp3": "bukan suara\n"})
    source = _release(workspace, audio="../musik/lagu.mp3")
    report = render([source], workspace.root.parent / "out", platforms=["tiktok"], video=True)
    (result,) = report.results
    assert result.status == "failed" and result.error is not None
    assert result.error.get("field") == "audio" and "holds no sound" in result.message
    assert not any((workspace.root.parent / "out").rglob("*.mp4"))


def test_sound_longer_than_ten_minutes_is_refused(workspace: Workspace, english: None) -> None:
    _wav(workspace.root / "musik/panjang.wav", 601, rate=2000)
    source = _release(workspace, audio="../musik/panjang.wav")
    report = render([source], workspace.root.parent / "out", platforms=["tiktok"], video=True)
    (result,) = report.results
    assert result.status == "failed" and result.error is not None
    assert result.error.get("field") == "audio" and "10" in result.message


# --- slow: renders of their own ---------------------------------------------------------------


@pytest.mark.slow
def test_with_audio_the_clip_has_an_aac_stream_of_its_length(workspace: Workspace) -> None:
    _wav(workspace.root / "musik/lagu.wav", 3.0)
    source = _release(workspace, audio="../musik/lagu.wav")
    out = workspace.root.parent / "out"
    report = render([source], out, platforms=["tiktok"], video=True)
    assert report.ok, [r.message for r in report.results]
    clip = out / "2024-05-10-rapat/tiktok/video.mp4"
    found = encoder.probe(clip)
    assert found.audio == "aac"
    with av.open(str(clip)) as container:
        stream = container.streams.audio[0]
        seconds = float(stream.duration * stream.time_base)
    # Padded with silence to the clip's length (the tone lasts 3 s), within one AAC frame.
    assert seconds == pytest.approx(found.duration, abs=0.05)
    manifest = read_manifest(out / "2024-05-10-rapat")
    assert manifest is not None
    assert [a.audio for a in manifest.artifacts if a.type == "video"] == [True]


@pytest.mark.slow
def test_a_rerender_gives_the_same_bytes(rendered: Path, tmp_path: Path) -> None:
    source = rendered.parent.parent / "ws/rilis/2024-05-10-rapat.md"
    report = render([source], tmp_path / "again", video=True)
    assert report.ok
    again = tmp_path / "again/2024-05-10-rapat"
    for path in CLIPS.values():
        assert (again / path).read_bytes() == (rendered / path).read_bytes()
    assert (again / "tiktok/video.srt").read_bytes() == (rendered / "tiktok/video.srt").read_bytes()


@pytest.mark.slow
def test_a_batch_killed_mid_video_leaves_no_partial_clip(workspace: Workspace) -> None:
    for day in (10, 11):
        _release(workspace, f"rilis/2024-05-{day}-rapat.md", date=f"2024-05-{day}")
    out = workspace.root.parent / "out"
    scratch = workspace.root.parent / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "humaskit", "render", str(workspace.root / "rilis")]
    process = subprocess.Popen(
        [*command, "--out", str(out), "--video"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 600
        # Wait until a clip is being encoded (its private folder exists), then kill the batch.
        while not any(scratch.glob("humaskit-video-*/clip.mp4")):
            assert process.poll() is None, "the batch ended before a clip was encoded"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    published = [p for p in out.rglob("*.mp4") if not any(part.startswith(".") for part in p.parts)]
    assert published == []
    rerun = subprocess.run([*command, "--out", str(out), "--video"], env=env, check=False)
    assert rerun.returncode == 0
    assert len(list(out.glob("*/*/*.mp4"))) == 2 * len(CLIPS)


# --- the preview page plays the clips (headless Chromium, as tests/test_preview.py) -----------

CHROMIUM = Path(os.environ.get("HUMASKIT_CHROMIUM", "/usr/bin/chromium"))


@pytest.mark.slow
def test_the_preview_page_plays_every_clip(workspace: Workspace) -> None:
    from humaskit.tools.preview import preview

    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("HUMASKIT_BROWSER_TESTS") == "1":
            pytest.fail(message + "; HUMASKIT_BROWSER_TESTS=1 requires it")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    source = _release(workspace)
    result = preview([source], workspace.root.parent / "out", platforms=PLATFORMS, video=True)
    assert result.ok
    page_html = result.index.read_text(encoding="utf-8")
    assert page_html.count("<video ") == len(CLIPS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            tab = browser.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(result.index.as_uri(), wait_until="load")
            tab.evaluate(
                "() => Promise.all(Array.from(document.querySelectorAll('video'), v => v.play()))"
            )
            tab.wait_for_function(
                # A function, not an expression: the page's CSP forbids evaluating strings.
                "() => Array.from(document.querySelectorAll('video'))"
                ".every(v => v.currentTime > 0.2)",
                timeout=120_000,
            )
            states = tab.evaluate(
                "() => Array.from(document.querySelectorAll('video'),"
                " v => [v.videoWidth, v.videoHeight, v.duration, v.error === null])"
            )
        finally:
            browser.close()
    assert len(states) == len(CLIPS)
    for width, height, duration, ok in states:
        assert (width, height, ok) == (1080, 1920, True)
        assert 8 <= duration <= 30
    assert errors == []


@pytest.mark.slow
def test_two_jobs_write_the_same_bytes_as_one(workspace: Workspace) -> None:
    """With --jobs 2 a release's clip is a pool task apart from its images; the folders hold
    the same files with the same bytes (manifests included) as with --jobs 1."""
    import hashlib

    for day in (10, 11):
        _release(workspace, f"rilis/2024-05-{day}-rapat.md", date=f"2024-05-{day}")
    trees = []
    for jobs in (1, 2):
        out = workspace.root.parent / f"out{jobs}"
        report = render([workspace.root / "rilis"], out, video=True, jobs=jobs)
        assert report.ok, [r.message for r in report.results]
        trees.append(
            {
                str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(out).parts)
            }
        )
    assert sum(name.endswith(".mp4") for name in trees[0]) == 2 * len(CLIPS)
    assert trees[0] == trees[1]


def test_the_hoaks_clip_cover_gives_the_fact_room() -> None:
    """The example counter-hoax release's clip cover: its fact is not shrunk to the smallest
    size the layout allows (no text-shrunk warning), and no text is under 26 px."""
    from humaskit.cards.renderer import text_items
    from humaskit.pipeline.context import RenderOptions
    from humaskit.pipeline.videos import release_clip

    path = Path(__file__).parent.parent / "examples/rilis/2024-06-10-hoaks-bantuan-kuota.md"
    base, size, cover, scenes = release_clip(path, RenderOptions(out=Path("unused"), video=True))
    plan = base.with_content(scenes[0].content).plan(cover, size)
    assert [code for code, _message in plan.warnings] == []
    texts = text_items(plan)
    assert {t.layer for t in texts} >= {"fact", "claim"}
    assert min(t.size for t in texts) >= 26
