"""The command line: a thin typer shell over the Python API (SPEC §8).

Each command parses its options, calls one library function and prints the result. Library
errors become a red line on stderr and an exit code in exactly one place,
:func:`humaskit.cli.common.guard`; the commands live in :mod:`humaskit.cli.commands`.
Help texts are translated, so the app is built after the language is known
(:func:`build_app`; ``--lang`` and ``HUMASKIT_LANG`` choose it). ``--lang`` may stand anywhere
on the command line (:func:`hoist_language`); a language humaskit has no messages in is refused.
"""

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
import typer.core

from humaskit import __version__
from humaskit.cli.helptext import HumaskitCommand, HumaskitGroup
from humaskit.i18n import SUPPORTED, _, normalise, set_language


def hoist_language(args: Sequence[str]) -> list[str]:
    """``render x --lang en`` → ``--lang en render x``: the root command reads ``--lang``.

    Each ``--lang X`` or ``--lang=X`` before a ``--`` moves to the front (the last one wins, as
    for any option), so ``--lang`` works after the subcommand and after its arguments too.
    """
    rest = list(args)
    hoisted: list[str] = []
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(rest):
            hoisted += rest[index : index + 2]
            del rest[index : index + 2]
        elif arg.startswith("--lang="):
            hoisted.append(arg)
            del rest[index]
        else:
            index += 1
    return hoisted + rest


class _LanguageAnywhere(HumaskitGroup):
    """The root command, reading ``--lang`` wherever it stands (:func:`hoist_language`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_language(args))


def _check_language(value: str | None) -> str | None:
    """Refuse a language humaskit has no messages in (exit 2, as for any bad option)."""
    if value is not None and normalise(value) is None:
        raise typer.BadParameter(
            _("humaskit has no messages in {lang!r}; choose one of: {choices}.").format(
                lang=value, choices=", ".join(SUPPORTED)
            )
        )
    return value


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
        cls=_LanguageAnywhere,
    )

    @app.callback()
    def _root(
        lang: Annotated[
            str | None,
            typer.Option(
                "--lang",
                help=_("Language of messages: id (default) or en."),
                callback=_check_language,
                is_eager=True,
            ),
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
    # Every command's help screen in humaskit's language (cli/helptext.py).
    for command in app.registered_commands:
        if command.cls is None or command.cls is typer.core.TyperCommand:
            command.cls = HumaskitCommand
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
