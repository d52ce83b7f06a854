"""PNG files of flat cards: rows without filters, compressed by ISA-L's deflate.

Pillow's encoder tries every row filter on every row (the adaptive choice), which takes most of
its time; on humaskit's flat cards (areas of one colour, a pattern, text) filtering gains nothing
over no filter, so the rows are compressed as they are. The deflate stream comes from ISA-L
(the ``isal`` package, pinned: its version decides the bytes) at its level 1: about six times
as fast as zlib's level 1 on these cards, and the files about 8 % smaller (benchmarks/README.md,
session 12). Any PNG reader inflates it; where ``isal`` cannot be installed, zlib's level 1
writes the same pixels in other bytes. No metadata chunks; the same pixels give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

__all__ = ["DEFLATE", "png_file"]

_compress: Callable[[bytes | bytearray, int], bytes]
try:
    from isal import isal_zlib

    _compress, DEFLATE, _LEVEL = isal_zlib.compress, "isal", 1
except ImportError:  # pragma: no cover - isal has wheels for the platforms humaskit supports
    _compress, DEFLATE, _LEVEL = zlib.compress, "zlib", 1

_COLOR_TYPES = {"RGB": 2, "L": 0}  # mode → PNG colour type (truecolour, greyscale)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_file(rows: bytes | bytearray, width: int, height: int, mode: str) -> bytes:
    """A lossless 8-bit PNG of ``width`` × ``height`` pixels in ``mode`` (``RGB`` or ``L``) from
    its ``rows``, each after a filter byte 0 (no filter), as IDAT holds them."""
    color_type = _COLOR_TYPES[mode]
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    idat = _compress(rows, _LEVEL)
    chunks = (_chunk(b"IHDR", header), _chunk(b"IDAT", idat), _chunk(b"IEND", b""))
    return b"".join((b"\x89PNG\r\n\x1a\n", *chunks))
