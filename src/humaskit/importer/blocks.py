"""The text of an imported document as a list of blocks, whatever it came from.

A :class:`Block` is one heading, paragraph or list item, already written as Markdown (bold,
italic, links) and as plain text for the guesses (title, dateline, quote). The Word reader
(:mod:`humaskit.importer.html`) and the WhatsApp reader (:mod:`humaskit.importer.whatsapp`)
both produce them; :func:`to_markdown` joins them into a release body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from humaskit.model.body import parse_body

BlockKind = Literal["heading", "paragraph", "bullet", "number"]

_SPACES = re.compile(r"[ \t\u00a0]+")
# Control characters (Word's page and column breaks among them) and invisible direction marks,
# which the release reader refuses or a caption should not carry.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item.

    Attributes:
        kind: ``heading``, ``paragraph``, ``bullet`` (an item of a bulleted list) or ``number``.
        markdown: the block's text as Markdown, without the list marker.
        text: the same text without any markup.
        bold: the whole block is bold (a title written as a bold first line).
        depth: the nesting level of a list item, 0 for the outermost.
    """

    kind: BlockKind
    markdown: str
    text: str
    bold: bool = False
    depth: int = 0

    def with_text(self, markdown: str, text: str) -> Block:
        """The same block with other text (a dateline cut from its start)."""
        return replace(self, markdown=markdown, text=text)


def clean_spaces(text: str) -> str:
    """Runs of spaces and tabs (and non-breaking spaces) as one space, trimmed; control
    characters and direction marks removed."""
    return _SPACES.sub(" ", _CONTROLS.sub(" ", _MARKS.sub("", text))).strip()


def to_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as a Markdown body: blank lines between paragraphs, list items together."""
    parts: list[str] = []
    previous: Block | None = None
    counter = 0
    for block in blocks:
        if block.kind == "number":
            counter = counter + 1 if previous is not None and previous.kind == "number" else 1
        if block.kind in ("bullet", "number"):
            marker = "-" if block.kind == "bullet" else f"{counter}."
            line = "  " * block.depth + f"{marker} {block.markdown}"
            listed = previous is not None and previous.kind in ("bullet", "number")
            if listed and previous is not None and previous.kind == block.kind:
                parts[-1] += "\n" + line
            else:
                parts.append(line)
        elif block.kind == "heading":
            parts.append(_bold(block))
        else:
            parts.append(block.markdown)
        previous = block
    return "\n\n".join(p for p in parts if p.strip())


def _bold(block: Block) -> str:
    """A sub-heading as a bold paragraph (release bodies have no headings), when that reads
    back as its text; else as it is."""
    if block.bold or "*" in block.markdown.replace("\\*", ""):
        return block.markdown
    bold = f"**{block.markdown}**"
    return checked_markdown(bold, block.text, lambda _text: block.markdown)


def cut_markdown(markdown: str, text: str, cut: int) -> tuple[str, str]:
    """The block without the first ``cut`` characters of its plain text (a dateline).

    Markup is skipped while counting; an escaped character counts as one; a bold or italic run
    the cut falls inside is opened again at the new start.
    """
    position = counted = 0
    marks: list[str] = []
    while position < len(markdown) and counted < cut:
        char = markdown[position]
        if char == "\\" and position + 1 < len(markdown):
            position += 2
            counted += 1
        elif char == "*":
            run = len(markdown[position:]) - len(markdown[position:].lstrip("*"))
            mark = "*" * run
            if marks and marks[-1] == mark:
                marks.pop()
            else:
                marks.append(mark)
            position += run
        else:
            position += 1
            counted += 1
    # markers right after the cut belong to it too (the close of a bold dateline)
    while position < len(markdown) and markdown[position] == "*":
        run = len(markdown[position:]) - len(markdown[position:].lstrip("*"))
        mark = "*" * run
        if marks and marks[-1] == mark:
            marks.pop()
            position += run
        else:
            break
    rest = "".join(marks) + markdown[position:].lstrip()
    return (rest.strip() if text[cut:].strip() else ""), text[cut:].strip()


def checked_markdown(markdown: str, text: str, escape: Callable[[str], str]) -> str:
    """``markdown`` when a Markdown reader reads it back as ``text``; else ``text`` escaped.

    Bold or italic marks next to punctuation can fail CommonMark's flanking rules
    (``a**!**b``) and would show as asterisks; such a block loses its marks instead.
    """
    blocks = parse_body(markdown).blocks
    if len(blocks) != 1:
        return escape(text)
    read = blocks[0].text()
    for href in {span.href for span in blocks[0].spans if span.href}:
        read = read.replace(f" ({href})", "")  # how the body shows a link's address
    return markdown if clean_spaces(read) == text else escape(text)
