"""The typer app of the command line: the root command and every command wired in.

:mod:`humaskit.cli.app` (the console script) imports this module only when typer is needed,
which is for everything but a root help screen kept in the cache (:mod:`humaskit.cli.helpcache`).
"""

from typing import Annotated, Any

import typer
import typer.core

from humaskit import __version__
from humaskit.cli import helpcache
from humaskit.cli.app import hoist_language
from humaskit.cli.helptext import HumaskitCommand, HumaskitGroup
from humaskit.i18n import SUPPORTED, _, normalise, set_language


class _LanguageAnywhere(HumaskitGroup):
    """The root command, reading ``--lang`` wherever it stands (:func:`hoist_language`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_language(args))

    def get_help(self, ctx: Any) -> str:
        text: str = super().get_help(ctx)
        if ctx.parent is None:
            # The root help as typer wrote it, for the next `humaskit --help` (when main()
            # asked for it); the width is the one click just wrapped the text to.
            helpcache.keep(text, ctx.make_formatter().width)
        return text


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
