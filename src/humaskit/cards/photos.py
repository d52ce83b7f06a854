"""The photos of one release as its cards show them: each decoded once, at the scale of the
largest box a card shows it in, and each crop cut once for all the cards that show it alike.

Every card of a release is planned before any is drawn (:func:`humaskit.pipeline.images.
render_images`), so the boxes are known when the photo is first needed: a 4000×3000 photo whose
largest box is 1600×900 (the X card) is decoded at JPEG's half scale and resampled to 1600×1200,
not to the 2560×1920 that would cover the whole 1080×1920 story. A box that comes later and is
larger (a carousel slide, a video's zoom) decodes the photo again at its scale, so no card ever
enlarges a photo that has more pixels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from humaskit.cards.imaging import Photo
    from humaskit.layout.geometry import Point

__all__ = ["LOW_RESOLUTION", "PHOTO_SOURCES", "LowResolution", "ReleasePhotos"]

# Image sources a layout may show, each a CardContent field holding a photo's path, and the
# release field each comes from (for messages).
PHOTO_SOURCES = ("photo", "photo_before", "photo_after", "portrait")
RELEASE_FIELDS = {
    "photo": "image",
    "photo_before": "image_before",
    "photo_after": "image_after",
    "portrait": "quote.photo",
}
LOW_RESOLUTION = 1.5  # upscaling a photo more than this shows visibly soft pixels
# Crops kept per release for the cards that show the same one (≈ 3 MB each at 1080 px wide).
_CROPS_KEPT = 4

Box = tuple[int, int]


@dataclass(frozen=True)
class LowResolution:
    """A photo smaller than the largest box a card shows it in, by more than
    :data:`LOW_RESOLUTION`: it will look soft."""

    field: str  # the release field naming the photo: image, image_before, quote.photo …
    path: Path
    original: tuple[int, int]
    box: tuple[int, int]  # the box needing the most upscaling


def _covers(photo: Photo, need: Box) -> bool:
    """Whether a box of ``need`` can be cut from ``photo`` without enlarging it (or the photo
    is at the original's full size, which no decoding can better)."""
    width, height = photo.size
    full = max(width, height) >= max(photo.original)
    return full or (width >= need[0] and height >= need[1])


class ReleasePhotos:
    """The decoded photos and crops of one release, shared by all its renderers.

    Args:
        sizes: the card sizes asked for; a photo needed before any box was planned for it is
            decoded to cover the largest of them.
    """

    def __init__(self, sizes: Iterable[Box]) -> None:
        self._sizes = list(sizes)
        self._decoded: dict[tuple[str, Path], Photo] = {}
        self._boxes: dict[str, set[Box]] = {}
        self._crops: dict[tuple[object, ...], Any] = {}

    def planned(self, source: str, box: Box) -> None:
        """A card shows ``source`` in a box of ``box`` pixels."""
        self._boxes.setdefault(source, set()).add(box)

    def photo(self, source: str, path: Path | None, box: Box | None = None) -> Photo | None:
        """The photo at ``path`` of image source ``source``, decoded to cover every box planned
        for it (and ``box``); ``None`` without a path.

        Raises:
            ImageError: the photo cannot be read.
        """
        if path is None:
            return None
        if box is not None:
            self.planned(source, box)
        boxes = self._boxes.get(source)
        if boxes:
            need = (max(w for w, _h in boxes), max(h for _w, h in boxes))
        else:  # nothing planned yet: cover the largest card
            width = max(w for w, _h in self._sizes)
            if source != "photo":  # before/after photos sit side by side: half the widest card
                width = width // 2 + 1
            need = (width, max(h for _w, h in self._sizes))
        found = self._decoded.get((source, path))
        if found is None or not _covers(found, need):
            from humaskit.cards.imaging import open_photo

            field = RELEASE_FIELDS.get(source, source)
            found = self._decoded[source, path] = open_photo(path, need=need, field=field)
        return found

    def crop(self, source: str, path: Path | None, box: Box, focus: Point, at: Point) -> Any | None:
        """The photo cover-cropped to ``box`` with ``focus`` at ``at`` (cut once per release)."""
        from humaskit.cards.imaging import cover

        photo = self.photo(source, path, box)
        if photo is None:
            return None
        key = (source, path, photo.image.size, box, focus, at)
        if key not in self._crops:
            if len(self._crops) >= _CROPS_KEPT:
                del self._crops[next(iter(self._crops))]
            self._crops[key] = cover(photo.image, box, focus, at)
        return self._crops[key]

    def low_resolution(self, paths: Mapping[str, Path | None]) -> list[LowResolution]:
        """The photos (``paths`` by source) too small for the largest box planned for them;
        each named once, with its worst box.

        Raises:
            ImageError: a photo cannot be read.
        """
        found = []
        for source in PHOTO_SOURCES:
            boxes = self._boxes.get(source)
            photo = self.photo(source, paths.get(source)) if boxes else None
            if photo is None or not boxes:
                continue
            ow, oh = photo.original
            box = max(sorted(boxes), key=lambda b: max(b[0] / ow, b[1] / oh))
            if max(box[0] / ow, box[1] / oh) > LOW_RESOLUTION:
                field = RELEASE_FIELDS[source]
                found.append(LowResolution(field, photo.path, photo.original, box))
        return found
