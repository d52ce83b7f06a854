"""The command line: a thin typer shell over the Python API (SPEC §8).

Each command parses its options, calls one library function and prints the result. Library
errors become a red line on stderr and an exit code in exactly one place,
:func:`humaskit.cli.common.guard`; the commands live in :mod:`humaskit.cli.commands`.
Help texts are translated, so the app is built after the language is known
(:func:`build_app`; ``--lang`` and ``HUMASKIT_LANG`` choose it).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from humaskit import __version__
from humaskit.i18n import _, set_language


def _version(value: bool) -> None:
    if value:
        typer.echo(f"humaskit {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    """Build the typer app with help texts in the current language."""
    app = typer.Typer(
        name="humaskit",
        help=_(
            "Turn a Markdown press release into Blora-branded captions and images for every "
            "social platform."
        ),
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def _root(
        lang: Annotated[
            str | None,
            typer.Option("--lang", help=_("Language of messages: id (default) or en.")),
        ] = None,
        version: Annotated[
            bool,
            typer.Option(
                "--version", callback=_version, is_eager=True, help=_("Show the version.")
            ),
        ] = False,
    ) -> None:
        if lang:
            set_language(lang)

    # The command modules import only typer at the top; each command imports its library
    # function when it runs, so `humaskit --help` stays fast.
    from humaskit.cli.commands import (
        check,
        compare,
        importing,
        listings,
        recap,
        render,
        scaffold,
        studio,
    )

    render.add_render(app)
    check.add_check(app)
    scaffold.add_scaffold(app)
    listings.add_listings(app)
    render.add_preview(app)
    compare.add_compare(app)
    recap.add_recap(app)
    render.add_watch(app)
    importing.add_import(app)
    studio.add_studio(app)
    return app


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """The ``humaskit`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from_argv(args))
    app = build_app()
    app(args=args, prog_name="humaskit")
