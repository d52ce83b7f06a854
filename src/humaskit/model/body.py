"""The Markdown body of a press release, parsed with markdown-it-py.

The body becomes a list of blocks (paragraphs, headings, list items, quotes) whose inline
formatting can be written out as plain text (most platforms) or WhatsApp's ``*bold*``,
``_italic_``, ``~strike~``. Pure functions of text: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

Style = Literal["plain", "whatsapp"]
BlockKind = Literal["paragraph", "heading", "item", "quote"]

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
    """One block of the body: a paragraph, a heading, a list item or a quoted paragraph."""

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
        """The plain paragraphs, in order."""
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
        """The whole body as text: blocks separated by blank lines, list items by line breaks."""
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
            separator = "\n" if previous == "item" and block.kind == "item" else "\n\n"
            out.append((separator if out else "") + line)
            previous = block.kind
        return "".join(out)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def parse_body(markdown: str) -> Body:
    """Parse Markdown into blocks.

    Raw HTML is not interpreted (it stays as text): releases are published as plain captions.
    """
    tokens = _parser().parse(markdown)
    blocks: list[Block] = []
    context: list[str] = []  # open containers: "bullet", "ordered", "quote"
    ordinals: list[int] = []
    pending_kind: BlockKind = "paragraph"
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
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
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" " if kind == "softbreak" else "\n", frozenset(), href))
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
    out: list[str] = []
    for span in spans:
        text = span.text
        if style == "whatsapp":
            for name in ("s", "em", "strong"):
                mark = _WHATSAPP_MARKS[name]
                if name in span.styles and text.strip():
                    lead = text[: len(text) - len(text.lstrip())]
                    trail = text[len(text.rstrip()) :]
                    text = f"{lead}{mark}{text.strip()}{mark}{trail}"
        out.append(text)
    return "".join(out).strip()
