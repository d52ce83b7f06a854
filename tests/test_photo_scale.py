"""A release's photo is decoded once, at the scale of the largest box any card shows it in (not
the largest card), no card enlarges it, and encoding a card while the next is drawn changes no
byte (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from humaskit.cards import imaging, overlap, renderer
from humaskit.layout.plan import ImageItem
from humaskit.pipeline.render import render

EXAMPLE = Path(__file__).parent.parent / "examples" / "rilis" / "2024-05-10-studi-tiru-medsos.md"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.*"))}


def test_the_photo_is_decoded_once_at_the_largest_box_it_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[int, int] | None] = []
    real_open = imaging.open_photo

    def counting(path: Path, *, need: tuple[int, int] | None = None, field: str = "") -> object:
        opened.append(need)
        return real_open(path, need=need, field=field)

    boxes: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (box, photo size at drawing)
    real_cover = imaging.cover

    def watching(image: object, size: tuple[int, int], *args: object) -> object:
        boxes.append((size, image.size))  # type: ignore[attr-defined]
        return real_cover(image, size, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(imaging, "open_photo", counting)
    monkeypatch.setattr(imaging, "cover", watching)
    render([EXAMPLE], tmp_path / "out", force=True)
    assert len(opened) == 1, opened  # one decode for all the release's cards and slides
    need = opened[0]
    assert need is not None
    widest = max(w for (w, _h), _photo in boxes)
    tallest = max(h for (_w, h), _photo in boxes)
    assert need == (widest, tallest)
    assert need[1] < 1920  # the story is 1920 tall, but its photo box is not
    for (w, h), (pw, ph) in boxes:
        assert pw >= w and ph >= h, "a card enlarged the photo"


def test_a_box_larger_than_the_decoded_photo_decodes_it_again(tmp_path: Path) -> None:
    from cardkit import SIZES, content, kit, make_photo

    brand, unit = kit()
    photo = make_photo(tmp_path / "foto.jpg", (3000, 2000))
    card = renderer.CardRenderer(content(photo=photo), brand, unit)  # type: ignore[arg-type]
    small = card._source_photo("photo", (300, 200))
    assert small is not None and small.size[0] < 1000
    large = card._source_photo("photo", (1500, 900))
    assert large is not None and large.size[0] >= 1500 and large.size[1] >= 900
    assert card._source_photo("photo", (300, 200)) is large  # kept: it covers the small box
    plan = card.plan("rilis", SIZES[0])
    assert any(isinstance(i, ImageItem) for i in plan.items)


def test_encoding_beside_drawing_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render([EXAMPLE], tmp_path / "beside", force=True)
    monkeypatch.setattr(overlap.Overlap, "start", lambda self, work: overlap.Later(work, now=True))
    render([EXAMPLE], tmp_path / "in-turn", force=True)
    (beside,) = (tmp_path / "beside").iterdir()
    (in_turn,) = (tmp_path / "in-turn").iterdir()
    a, b = _files(beside), _files(in_turn)
    assert a.keys() == b.keys() and len(a) > 20
    assert [name for name in a if a[name] != b[name]] == []


def test_an_error_while_encoding_reaches_the_caller() -> None:
    def failing() -> bytes:
        raise ValueError("broken encoder")

    runs = overlap.Overlap()
    first = runs.start(failing)
    second = runs.start(lambda: b"ok")  # waits for the first, which failed
    with pytest.raises(ValueError, match="broken encoder"):
        first.result()
    assert second.result() == b"ok"
