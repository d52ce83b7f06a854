"""The Markdown body of a press release, parsed with markdown-it-py.

The body becomes a list of blocks (paragraphs, headings, list items, quotes, table rows) whose
inline formatting can be written out as plain text (most platforms) or WhatsApp's ``*bold*``,
``_italic_``, ``~strike~``. Pure functions of text: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

Style = Literal["plain", "whatsapp"]
BlockKind = Literal["paragraph", "heading", "item", "quote", "row"]

# Between the cells of a table row written out as one line.
CELL_SEPARATOR = " · "

# WhatsApp's markers for each inline Markdown style.
_WHATSAPP_MARKS = {"strong": "*", "em": "_", "s": "~"}


@dataclass(frozen=True)
class Span:
    """A run of text with its styles (``strong``, ``em``, ``s``, ``code``) and link target."""

    text: str
    styles: frozenset[str] = frozenset()
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """One block of the body: a paragraph, a heading, a list item, a quoted paragraph or a table
    row (its cells on one line, :data:`CELL_SEPARATOR` between them)."""

    kind: BlockKind
    spans: tuple[Span, ...]
    ordinal: int | None = None  # the number of an ordered-list item

    def text(self, style: Style = "plain") -> str:
        """This block's text, with inline formatting in ``style``."""
        return render_spans(self.spans, style)


@dataclass(frozen=True)
class Body:
    """A parsed body."""

    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """The plain paragraphs, in order (a table is none: its rows are not prose)."""
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    @property
    def points(self) -> tuple[Block, ...]:
        """The list items: the key points of the release."""
        return tuple(b for b in self.blocks if b.kind == "item")

    def first_paragraph(self) -> str:
        """The first paragraph as plain text ('' when there is none)."""
        paragraphs = self.paragraphs
        return paragraphs[0].text() if paragraphs else ""

    def to_text(self, style: Style = "plain") -> str:
        """The whole body as text: blocks separated by blank lines, list items and the rows of
        a table by line breaks."""
        out: list[str] = []
        previous: BlockKind | None = None
        for block in self.blocks:
            line = block.text(style)
            if block.kind == "item":
                bullet = f"{block.ordinal}." if block.ordinal is not None else "•"
                line = f"{bullet} {line}"
            elif block.kind == "quote":
                line = f"“{line}”"
            elif block.kind == "heading" and style == "whatsapp":
                line = f"*{line}*"
            follows = previous == block.kind and block.kind in ("item", "row")
            separator = "\n" if follows else "\n\n"
            out.append((separator if out else "") + line)
            previous = block.kind
        return "".join(out)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Tables are parsed (GFM pipe tables) so that their rows are known as rows: unparsed, a
    # table is a paragraph of pipes that became a key point on a slide.
    return MarkdownIt("commonmark", {"html": False}).enable(["strikethrough", "table"])


# A text matching neither is plain paragraphs to markdown-it, which then need not be imported
# (≈ 35 ms): characters that are syntax (or whitespace markdown-it treats apart) anywhere in a
# line, and what is syntax at the start of a line (headings, quotes, lists, setext rules).
_INLINE_SYNTAX = re.compile("[\\\\`*_~\\[\\]<&|\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BLOCK_START = re.compile(r"[#>+\-=]|\d+[.)]")


def _plain_paragraphs(markdown: str) -> Body | None:
    """The body of a text without any Markdown syntax, as markdown-it parses it (paragraphs
    split at empty lines, the lines of one joined by a space); ``None`` when the text might
    hold syntax, or a line starts or ends in whitespace."""
    if _INLINE_SYNTAX.search(markdown):
        return None
    blocks: list[Block] = []
    lines: list[str] = []
    for line in [*markdown.split("\n"), ""]:
        if line:
            if line != line.strip() or _BLOCK_START.match(line):
                return None
            lines.append(line)
        elif lines:
            spans: list[Span] = []
            for text in lines:
                spans += [Span(" "), Span(text)] if spans else [Span(text)]
            blocks.append(Block("paragraph", tuple(spans)))
            lines = []
    return Body(tuple(blocks))


def parse_body(markdown: str) -> Body:
    """Parse Markdown into blocks.

    Raw HTML is not interpreted (it stays as text): releases are published as plain captions.
    A table becomes one ``row`` block per row (header included), never a paragraph or a list
    item, so it is neither the summary nor a key point. A body of plain paragraphs is split
    without markdown-it (:func:`_plain_paragraphs`), into the same blocks.
    """
    plain = _plain_paragraphs(markdown)
    return plain if plain is not None else parse_markdown(markdown)


def parse_markdown(markdown: str) -> Body:
    """:func:`parse_body` through markdown-it, whatever the text."""
    tokens = _parser().parse(markdown)
    blocks: list[Block] = []
    context: list[str] = []  # open containers: "bullet", "ordered", "quote"
    ordinals: list[int] = []
    pending_kind: BlockKind = "paragraph"
    cells: list[tuple[Span, ...]] | None = None  # the cells of the table row being read
    for token in tokens:
        kind = token.type
        if kind == "tr_open":
            cells = []
        elif kind == "tr_close" and cells is not None:
            row = _join_cells(cells)
            if row:
                blocks.append(Block("row", row))
            cells = None
        elif kind == "inline" and cells is not None:
            cells.append(_inline_spans(token.children or []))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            context.append("ordered" if kind == "ordered_list_open" else "bullet")
            ordinals.append(int(token.attrs.get("start", 1) or 1) - 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            context.pop()
            ordinals.pop()
        elif kind == "blockquote_open":
            context.append("quote")
        elif kind == "blockquote_close":
            context.pop()
        elif kind == "list_item_open":
            ordinals[-1] += 1
        elif kind == "heading_open":
            pending_kind = "heading"
        elif kind == "paragraph_open":
            pending_kind = "paragraph"
        elif kind in ("fence", "code_block"):
            blocks.append(
                Block("paragraph", (Span(token.content.rstrip("\n"), frozenset({"code"})),))
            )
        elif kind == "inline":
            spans = _inline_spans(token.children or [])
            if not spans:
                continue
            if context and context[-1] in ("bullet", "ordered") and pending_kind == "paragraph":
                ordinal = ordinals[-1] if context[-1] == "ordered" else None
                blocks.append(Block("item", spans, ordinal))
            elif "quote" in context and pending_kind == "paragraph":
                blocks.append(Block("quote", spans))
            else:
                blocks.append(Block(pending_kind, spans))
    return Body(tuple(blocks))


def _join_cells(cells: Sequence[tuple[Span, ...]]) -> tuple[Span, ...]:
    """A table row's cells as one run of spans (an empty cell as "–"); none for an empty row."""
    if not any("".join(s.text for s in cell).strip() for cell in cells):
        return ()
    spans: list[Span] = []
    for index, cell in enumerate(cells):
        if index:
            spans.append(Span(CELL_SEPARATOR))
        spans.extend(cell or (Span("–"),))
    return tuple(spans)


def _inline_spans(children: Sequence[Token]) -> tuple[Span, ...]:
    spans: list[Span] = []
    styles: set[str] = set()
    href: str | None = None
    for child in children:
        kind = child.type
        if kind == "text" or kind == "html_inline":
            spans.append(Span(child.content, frozenset(styles), href))
        elif kind == "code_inline":
            spans.append(Span(child.content, frozenset(styles | {"code"}), href))
        elif kind == "softbreak":
            # A line break in the source is a space inside whatever styles surround it, so
            # "**desa dan\nkelurahan**" stays one bold run.
            spans.append(Span(" ", frozenset(styles), href))
        elif kind == "hardbreak":
            spans.append(Span("\n", frozenset(), href))
        elif kind.endswith("_open") and kind != "link_open":
            styles.add(kind.removesuffix("_open"))
        elif kind.endswith("_close") and kind != "link_close":
            styles.discard(kind.removesuffix("_close"))
        elif kind == "link_open":
            href = str(child.attrs.get("href", "")) or None
        elif kind == "link_close":
            if href is not None:
                label = "".join(s.text for s in spans if s.href == href)
                if label.strip() != href and href not in label:
                    spans.append(Span(f" ({href})", frozenset(), None))
            href = None
        elif kind == "image":
            spans.append(Span(child.content, frozenset(styles), href))
    return tuple(s for s in spans if s.text)


def render_spans(spans: Sequence[Span], style: Style = "plain") -> str:
    """Write spans out as text in ``style``, merging neighbours that share styles."""
    runs: list[tuple[frozenset[str], list[str]]] = []
    for span in spans:
        if runs and runs[-1][0] == span.styles:
            runs[-1][1].append(span.text)
        else:
            runs.append((span.styles, [span.text]))
    out: list[str] = []
    for styles, parts in runs:
        text = "".join(parts)
        if style == "whatsapp":
            for name in ("s", "em", "strong"):
                mark = _WHATSAPP_MARKS[name]
                if name in styles and text.strip():
                    lead = text[: len(text) - len(text.lstrip())]
                    trail = text[len(text.rstrip()) :]
                    text = f"{lead}{mark}{text.strip()}{mark}{trail}"
        out.append(text)
    return "".join(out).strip()
