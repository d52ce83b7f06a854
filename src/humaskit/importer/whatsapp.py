"""WhatsApp-style text as :class:`~humaskit.importer.blocks.Block` s, and its attachment lines.

WhatsApp marks ``*bold*``, ``_italic_`` and ``~struck~`` text; each line is a paragraph (the app
does not wrap lines), ``- ``, ``• `` and ``1. `` lines are list items, and a photo sent with the
text shows as a line such as ``IMG-20240510-WA0003.jpg (file terlampir)``. The time-and-name
prefix of an exported chat (``10/05/24 09.15 - Humas Desa: …``) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from humaskit.importer.blocks import Block, BlockKind, checked_markdown, clean_spaces
from humaskit.importer.html import escape_line_start, escape_markdown, escape_plain

_CHAT_PREFIX = re.compile(
    r"^\u200e?\[?\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:[AP]M)?\]?"
    r"\s*(?:-\s*)?[^:]{1,60}:\s"
)
_ATTACHMENT = re.compile(
    r"^\u200e?(?:<(?:attached|terlampir):\s*(?P<a>[^>]+?)>|"
    r"(?P<b>[^\s/\\<>]+\.[A-Za-z0-9]{2,5})\s*"
    r"\((?:file terlampir|file attached|berkas terlampir)\))$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•●▪◦]|\*(?=\s))\s+")
_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")
_MARKS = re.compile(r"(?<![\w*_~])(?P<m>[*_~])(?=\S)(?P<t>[^\n]*?\S)(?P=m)(?![\w*_~])")
_MARKDOWN = {"*": "**", "_": "*", "~": ""}


@dataclass(frozen=True)
class WhatsAppText:
    """The blocks of a WhatsApp text and the names of its attachments, in order."""

    blocks: tuple[Block, ...]
    attachments: tuple[str, ...]


def _inline(text: str) -> tuple[str, str, bool]:
    """``text``'s Markdown, its plain text, and whether it is all one bold run."""
    markdown: list[str] = []
    plain: list[str] = []
    bold_chars = 0
    position = 0
    for found in _MARKS.finditer(text):
        before = text[position : found.start()]
        markdown.append(escape_markdown(before))
        plain.append(before)
        mark = _MARKDOWN[found["m"]]
        inner = found["t"]
        markdown.append(f"{mark}{escape_markdown(inner)}{mark}")
        plain.append(inner)
        if found["m"] == "*":
            bold_chars += len(inner)
        position = found.end()
    markdown.append(escape_markdown(text[position:]))
    plain.append(text[position:])
    flat = clean_spaces("".join(plain))
    return clean_spaces("".join(markdown)), flat, bold_chars > 0 and bold_chars >= len(flat)


def read_whatsapp(text: str) -> WhatsAppText:
    """The blocks and attachment names of a WhatsApp text."""
    blocks: list[Block] = []
    attachments: list[str] = []
    for raw in text.splitlines():
        line = _CHAT_PREFIX.sub("", clean_spaces(raw.replace("\u200e", "")), count=1)
        if not line:
            continue
        attached = _ATTACHMENT.match(line)
        if attached:
            attachments.append((attached["a"] or attached["b"]).strip())
            continue
        kind: BlockKind = "paragraph"
        for pattern, name in ((_BULLET, "bullet"), (_NUMBER, "number")):
            marker = pattern.match(line)
            if marker:
                kind = "bullet" if name == "bullet" else "number"
                line = line[marker.end() :]
                break
        markdown, plain, bold = _inline(line)
        if plain:
            markdown = checked_markdown(escape_line_start(markdown), plain, escape_plain)
            blocks.append(Block(kind, markdown, plain, bold=bold))
    return WhatsAppText(tuple(blocks), tuple(attachments))
