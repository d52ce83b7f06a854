"""Text left from a scaffold: the one definition of a placeholder (issue 13, point 11).

A release written by ``humaskit new`` (or ``init``'s sample) holds sentences such as "Tulis klaim
yang beredar di sini." until someone replaces them; a tool that fills a release for a person to
finish (``humaskit import``) marks what is left to write with :func:`mark`, e.g.
``image_alt: "[ISI: apa yang terlihat di foto]"``. Both are placeholders. ``render`` warns about
each one (``placeholder-text``) and ``check`` refuses it, so a placeholder is never published
unnoticed.

A text is a placeholder when (:func:`is_placeholder`):

* it holds :data:`MARKER` (``[ISI:``, any case) anywhere; or
* written in lower case with single spaces and without a final full stop, it equals one of
  :data:`SCAFFOLD_TEXTS` (the scaffold's own sentences, ``templates/new/release.md.j2``), or
  begins with one of them that is at least three words long (a scaffold sentence with text added
  after it is still unfinished).

Pure: no I/O, nothing printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from humaskit.diagnostics import Diagnostic
from humaskit.i18n import _

if TYPE_CHECKING:
    from humaskit.model.release import Release

CODE = "placeholder-text"
# What a tool writes where a person still has to write something: "[ISI: deskripsi foto]".
MARKER = "[ISI:"

# The sentences and names of the built-in scaffold (templates/new/release.md.j2), normalised as
# _normalise does. A user's own templates/new may add its own with the marker.
SCAFFOLD_TEXTS: frozenset[str] = frozenset(
    {
        # every kind
        "tulis ringkasan kegiatan dalam satu atau dua kalimat",
        "apa yang terlihat di foto",
        "tulis isi rilis di sini",
        "paragraf berikutnya menjelaskan latar belakang dan manfaatnya bagi masyarakat",
        "poin kunci pertama",
        "poin kunci kedua",
        # kutipan
        "tulis kutipan di sini",
        "nama lengkap",
        "jabatan",
        # kinerja
        "nama opd, data per",
        "contoh jumlah layanan",
        "contoh cakupan layanan",
        "contoh kegiatan",
        # agenda
        "nama kegiatan",
        "tempat kegiatan",
        # pengumuman
        "nama kantor atau gedung, alamat singkat",
        "nomor layanan atau kantor yang bisa dihubungi",
        # hoaks
        "tulis klaim yang beredar di sini",
        "tulis fakta yang sebenarnya di sini",
        "nama instansi",
        # aduan
        "tulis ringkasan aduan di sini",
        "tulis tindak lanjutnya di sini",
        # potensi
        "keunggulan pertama",
        "keunggulan kedua, misalnya produk atau rute wisata",
    }
)
_PREFIXES = tuple(sorted(t for t in SCAFFOLD_TEXTS if len(t.split()) >= 3))
_SPACES = re.compile(r"\s+")


def mark(what: str) -> str:
    """The placeholder a tool writes for a person to replace: ``[ISI: what]``."""
    return f"{MARKER} {what}]"


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold().rstrip(".:…").rstrip()


def is_placeholder(text: str | None) -> bool:
    """Whether ``text`` is left from a scaffold or marked as still to be written."""
    if not text:
        return False
    if MARKER.casefold() in text.casefold():
        return True
    plain = _normalise(text)
    return plain in SCAFFOLD_TEXTS or plain.startswith(_PREFIXES)


def release_texts(release: Release) -> Iterator[tuple[str, str]]:
    """Every text of ``release`` a person wrote (or should have): (field, text); the body
    block by block."""
    for name in ("title", "card_title", "location", "image_alt", "image_credit"):
        yield name, getattr(release, name) or ""
    if release.summary and release.summary != release.body.first_paragraph():
        yield "summary", release.summary  # a summary taken from the body is reported there
    if release.quote is not None:
        for part in (release.quote.text, release.quote.by, release.quote.role):
            yield "quote", part or ""
    for stat in release.stats:
        yield "stats", stat.label
    for item in release.agenda:
        yield "agenda", item.title
        yield "agenda", item.place or ""
    for name in ("source", "period", "claim", "fact", "complaint", "action"):
        yield name, getattr(release, name) or ""
    for name in ("when", "place", "contact", "ticket"):
        yield name, getattr(release, name) or ""
    for text in release.highlights:
        yield "highlights", text
    for name, value in release.extra.items():
        if isinstance(value, str):
            yield name, value
    for block in release.body.blocks:
        yield "body", block.text()


def placeholder_findings(release: Release) -> list[Diagnostic]:
    """One ``placeholder-text`` warning per field still holding scaffold text or a marker.

    ``check`` makes them errors (:mod:`humaskit.pipeline.check`).
    """
    found: dict[str, str] = {}
    for name, text in release_texts(release):
        if name not in found and is_placeholder(text):
            found[name] = text
    findings = []
    for name, text in found.items():
        shown = text if len(text) <= 60 else text[:57].rstrip() + "…"
        if name == "body":
            what = _("The body still holds text from the template: {text!r}.")
        else:
            what = _("The field {field!r} still holds text from the template: {text!r}.")
        findings.append(
            Diagnostic(
                CODE,
                what.format(field=name, text=shown)
                + " "
                + _("Replace it with the release's own words before publishing."),
                field=name,
                line=release.body_line_of(text) if name == "body" else release.line_of(name),
            )
        )
    return findings
