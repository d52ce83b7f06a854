"""``new`` and ``init``: a new release, a new workspace."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from humaskit.cli.common import (
    guard,
)
from humaskit.errors import UsageError
from humaskit.i18n import _


def add_scaffold(app: typer.Typer) -> None:
    @app.command(
        "new",
        help=_(
            "Write a new press release with every field explained.\n\n"
            'Example: humaskit new "Posyandu Desa Bangkleyan" --unit desa-bangkleyan'
        ),
    )
    def new_cmd(
        title: Annotated[str, typer.Argument(help=_("The title of the release."))],
        unit: Annotated[str, typer.Option("--unit", "-u", help=_("Unit key or code."))] = "pemkab",
        kind: Annotated[
            str,
            typer.Option(
                "--kind",
                "-k",
                help=_(
                    "Kind of release: rilis, kutipan, kinerja, agenda, pengumuman, hoaks, "
                    "aduan or potensi; the new file explains the fields of that kind."
                ),
            ),
        ] = "rilis",
        date: Annotated[
            str | None, typer.Option("--date", help=_("Date YYYY-MM-DD (default: today)."))
        ] = None,
        folder: Annotated[Path, typer.Option("--dir", help=_("Folder to write to."))] = Path(
            "rilis"
        ),
        force: Annotated[
            bool, typer.Option("--force", help=_("Overwrite an existing file."))
        ] = False,
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.scaffold import new_release

        with guard():
            day = _parse_date_option(date)
            path = new_release(title, folder=folder, unit=unit, kind=kind, date=day, force=force)
        console.success(_("Written: {path}").format(path=path))
        console.print_text(str(path))

    @app.command(
        "init",
        help=_("Create a workspace: rilis/, foto/, humaskit.toml and a first release."),
    )
    def init_cmd(
        folder: Annotated[Path, typer.Argument(help=_("Folder (default: here)."))] = Path(),
        with_brand: Annotated[
            bool, typer.Option("--brand", help=_("Also copy brand.yaml to edit the brand."))
        ] = False,
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.scaffold import init_workspace

        with guard():
            created = init_workspace(folder, with_brand=with_brand)
        for path in created:
            console.info("+ " + str(path))
        console.success(_("Workspace ready in {folder}.").format(folder=folder))


def _parse_date_option(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            _("{value!r} is not a valid date.").format(value=text),
            hint=_(
                "Write the date as YYYY-MM-DD, for example 2024-05-10, and check the day exists."
            ),
        ) from None
