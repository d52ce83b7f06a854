"""``humaskit import``: a Word document or WhatsApp text made into a press release.

The public API is :func:`import_document` and its :class:`ImportResult`; the CLI command and the
studio both call it. mammoth (Word to HTML) is confined to this package.
"""

from __future__ import annotations

from humaskit.importer.core import ImportResult, import_document

__all__ = ["ImportResult", "import_document"]
