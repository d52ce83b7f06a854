"""``studio``: the local web editor."""

from pathlib import Path
from typing import Annotated

import typer

from humaskit.cli.common import guard
from humaskit.i18n import _


def add_studio(app: typer.Typer) -> None:
    @app.command(
        "studio",
        help=_(
            "Open the studio: a web editor in the browser for the releases of a workspace "
            "(127.0.0.1 only; stop it with Ctrl-C).\n\nExample: humaskit studio ."
        ),
    )
    def studio_cmd(
        folder: Annotated[
            Path, typer.Argument(help=_("Workspace folder (default: here)."))
        ] = Path(),
        port: Annotated[int, typer.Option("--port", help=_("Port on 127.0.0.1."))] = 8765,
        no_browser: Annotated[
            bool, typer.Option("--no-browser", help=_("Do not open the browser."))
        ] = False,
    ) -> None:
        from humaskit.cli import console
        from humaskit.studio import serve

        def ready(address: str) -> None:
            console.success(
                _("The studio is open at {address} (Ctrl-C stops it).").format(address=address)
            )

        with guard():
            serve(folder, port=port, open_browser=not no_browser, on_ready=ready)
        console.info(_("Studio stopped."))
