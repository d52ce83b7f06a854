"""Broken press releases shared by the release and CLI tests (a helper module, not a test file).

``BAD_RELEASES`` rows are (id, file text, message fragment, field, line).
"""

from __future__ import annotations

GOOD_HEAD = "---\ntitle: Judul\ndate: 2024-05-10\nunit: dinkominfo\n"

BAD_RELEASES = [
    # (id, file text, message fragment, field, line)
    ("no-frontmatter", "Judul saja, tanpa frontmatter.\n", "no frontmatter block", None, 1),
    (
        "unclosed-frontmatter",
        GOOD_HEAD + "Isi rilis tanpa penutup.\n",
        "is not closed",
        None,
        5,  # where the body starts: the closing '---' belongs just above it
    ),
    (
        "yaml-syntax",
        "---\ntitle: Judul: dengan titik dua\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi.\n",
        "not valid YAML",
        None,
        2,
    ),
    (
        "yaml-syntax-later-line",
        GOOD_HEAD + "tags: [medsos, kehumasan\nkind: rilis\n---\nIsi.\n",
        "not valid YAML",
        None,
        5,  # the line of the '[' never closed, not the line where the parser gave up
    ),
    (
        "missing-title",
        "---\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi.\n",
        "'title' is missing",
        "title",
        None,
    ),
    (
        "missing-date",
        "---\ntitle: Judul\nunit: dinkominfo\n---\nIsi.\n",
        "'date' is missing",
        "date",
        None,
    ),
    (
        "missing-unit",
        "---\ntitle: Judul\ndate: 2024-05-10\n---\nIsi.\n",
        "'unit' is missing",
        "unit",
        None,
    ),
    (
        "title-as-list",
        "---\ntitle: [satu, dua]\ndate: 2024-05-10\nunit: dinkominfo\n---\nIsi.\n",
        "'title' must be text, not a list",
        "title",
        2,
    ),
    (
        "image-focus-out-of-range",
        GOOD_HEAD + "image_focus: [0.5, 1.5]\n---\nIsi.\n",
        "'image_focus' must be two numbers between 0 and 1",
        "image_focus",
        5,
    ),
    (
        "image-focus-not-a-pair",
        GOOD_HEAD + "image_focus: 0.5\n---\nIsi.\n",
        "'image_focus' must be two numbers between 0 and 1",
        "image_focus",
        5,
    ),
    (
        "tags-as-mapping",
        GOOD_HEAD + "tags: {medsos: ya}\n---\nIsi.\n",
        "'tags' must be a list of words",
        "tags",
        5,
    ),
    (
        "impossible-date",
        "---\ntitle: Judul\ndate: 2024-02-30\nunit: dinkominfo\n---\nIsi.\n",
        "'2024-02-30' is not a valid date",
        "date",
        3,
    ),
    (
        "date-wrong-format",
        "---\ntitle: Judul\ndate: 10/05/2024\nunit: dinkominfo\n---\nIsi.\n",
        "is not a valid date",
        "date",
        3,
    ),
    (
        "agenda-impossible-date",
        GOOD_HEAD + "kind: agenda\nagenda:\n  - {date: 2024-13-01, title: Rapat}\n---\nIsi.\n",
        "not a valid date",
        "agenda[0].date",
        7,
    ),
    (
        "photo-missing",
        GOOD_HEAD + "image: ../foto/tidak-ada.jpg\n---\nIsi.\n",
        "The photo '../foto/tidak-ada.jpg' does not exist",
        "image",
        5,
    ),
    (
        "empty-body",
        GOOD_HEAD + "---\n\n   \n",
        "body of the release is empty",
        None,
        6,
    ),
    (
        "unknown-kind",
        GOOD_HEAD + "kind: kinerjaa\n---\nIsi.\n",
        "Unknown kind 'kinerjaa'",
        "kind",
        5,
    ),
    (
        "link-not-a-url",
        GOOD_HEAD + "link: contoh.go.id/berita\n---\nIsi.\n",
        "is not a web address",
        "link",
        5,
    ),
    (
        "stats-value-not-a-number",
        GOOD_HEAD + "stats:\n  - {label: Balita, value: 10}\n  - {label: Posyandu, value: banyak}\n"
        "---\nIsi.\n",
        "The value 'banyak' of figure 2 is not a number",
        "stats[1].value",
        7,
    ),
    (
        "frontmatter-is-a-list",
        "---\n- title\n- date\n---\nIsi.\n",
        "must be a list of 'field: value' lines",
        None,
        2,
    ),
]
