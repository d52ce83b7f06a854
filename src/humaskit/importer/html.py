"""mammoth's HTML as :class:`~humaskit.importer.blocks.Block` s, read with the standard parser.

mammoth writes a small, regular HTML: ``h1``–``h6``, ``p``, ``ul``/``ol``/``li``, ``strong``,
``em``, ``a``, ``br``, ``img`` and tables. Headings and paragraphs become blocks; list items
become list blocks (nested lists one level deeper); a table cell's paragraphs become
paragraphs. Bold and italic become ``**…**`` and ``*…*``, links ``[text](url)``; images are
noted in the order they appear (their ``src`` is the name mammoth was given for them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from humaskit.importer.blocks import Block, BlockKind, checked_markdown, clean_spaces

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset({"p", "li", *_HEADINGS})
# What a Markdown reader would take as markup in plain text.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~])")
_LINE_START_SPECIAL = re.compile(r"^(#|>|=|[-+](?=\s|-|$))")
_LINE_START_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def escape_markdown(text: str) -> str:
    """``text`` written so that Markdown shows it as it is (``2*3`` stays ``2*3``)."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape_plain(text: str) -> str:
    """Plain ``text`` as a Markdown paragraph that reads back as that text."""
    return escape_line_start(escape_markdown(text))


def escape_line_start(markdown: str) -> str:
    """A block's Markdown with a leading ``#``, ``-`` or ``1.`` escaped, so it stays a paragraph."""
    markdown = _LINE_START_NUMBER.sub(r"\1\\\2", markdown, count=1)
    return _LINE_START_SPECIAL.sub(r"\\\1", markdown, count=1)


@dataclass
class _Open:
    """A block being read: its kind, depth and pieces of Markdown and text so far."""

    kind: BlockKind
    depth: int
    markdown: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    # characters of text outside any bold run, to tell a wholly bold line
    plain_chars: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.images: list[str] = []
        self.lists: list[str] = []
        self.current: _Open | None = None
        self.bold = 0
        self.italic = 0
        self.link: str | None = None
        self.link_text: list[str] = []

    # --- structure -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("ul", "ol"):
            self._close()
            self.lists.append(tag)
        elif tag in _BLOCKS:
            self._close()
            self.current = _Open(self._kind(tag), max(len(self.lists) - 1, 0))
        elif tag in ("strong", "b"):
            self._mark(_OPEN["**"])
            self.bold += 1
        elif tag in ("em", "i"):
            self._mark(_OPEN["*"])
            self.italic += 1
        elif tag == "a":
            href = values.get("href") or ""
            self.link = href if _SAFE_LINK.match(href) else None
            self.link_text = []
            if self.link is not None:
                self._piece("[", "")
        elif tag == "br":
            self._piece(" ", " ")
        elif tag == "img":
            self.images.append(values.get("src") or "")
        elif tag in ("td", "th"):
            self._close()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCKS:
            self._close()
        elif tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
            self._mark(_CLOSE["**"])
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
            self._mark(_CLOSE["*"])
        elif tag == "a" and self.link is not None:
            self._piece(f"]({self.link})", "")
            self.link = None

    def handle_data(self, data: str) -> None:
        if not data.strip() and self.current is None:
            return
        flat = _SENTINELS.sub("", data.replace("\n", " "))
        self._piece(escape_markdown(flat), flat)
        if self.current is not None and not self.bold:
            self.current.plain_chars += len(flat.strip())

    # --- helpers -------------------------------------------------------------------------
    def _kind(self, tag: str) -> BlockKind:
        if tag in _HEADINGS:
            return "heading"
        if tag == "li":
            return "number" if self.lists and self.lists[-1] == "ol" else "bullet"
        return "paragraph"

    def _piece(self, markdown: str, text: str) -> None:
        if self.current is None:
            # text outside any paragraph (a table cell without one): a paragraph of its own
            self.current = _Open("paragraph", 0)
        self.current.markdown.append(markdown)
        self.current.text.append(text)

    def _mark(self, mark: str) -> None:
        if self.current is not None:
            self.current.markdown.append(mark)

    def _close(self) -> None:
        block, self.current = self.current, None
        if block is None:
            return
        text = clean_spaces("".join(block.text))
        if not text:
            return
        markdown = escape_line_start(clean_spaces(_tidy_marks("".join(block.markdown))))
        self.blocks.append(
            Block(
                kind=block.kind,
                markdown=checked_markdown(markdown, text, escape_plain),
                text=text,
                bold=block.plain_chars == 0,
                depth=block.depth,
            )
        )

    def close(self) -> None:
        super().close()
        self._close()


# Bold and italic are written as markers first and turned into Markdown once a block is whole,
# so that the spaces around them can be put where Markdown needs them.
_OPEN = {"**": "\ue001", "*": "\ue003"}
_CLOSE = {"**": "\ue002", "*": "\ue004"}
_SENTINELS = re.compile("[\ue001-\ue004]")
_MARKDOWN = {"\ue001": "**", "\ue002": "**", "\ue003": "*", "\ue004": "*"}


def _tidy_marks(markdown: str) -> str:
    """Bold and italic runs as Markdown reads them: no empty runs, no spaces inside the marks.

    Word often makes a run bold together with the space after it (``**Blora **kini``), which
    Markdown would not read as bold; the space is moved outside the marks, and a run that ends
    where the next begins is one run.
    """
    previous = None
    while previous != markdown:
        previous = markdown
        for opening, closing in (("\ue001", "\ue002"), ("\ue003", "\ue004")):
            markdown = re.sub(f"{opening}(\\s+)", f"\\1{opening}", markdown)
            markdown = re.sub(f"(\\s+){closing}", f"{closing}\\1", markdown)
            markdown = markdown.replace(opening + closing, "")
            markdown = re.sub(f"{closing}(\\s*){opening}", "\\1", markdown)
    return _SENTINELS.sub(lambda m: _MARKDOWN[m.group()], markdown).strip()


def read_html(html: str) -> tuple[list[Block], list[str]]:
    """The blocks of mammoth's ``html`` and the ``src`` of each image, in document order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.blocks, reader.images
