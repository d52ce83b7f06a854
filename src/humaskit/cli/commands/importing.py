"""``import``: a Word document or WhatsApp text made into a release."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from humaskit.cli.common import guard, json_option
from humaskit.i18n import _

# Text piped in is read up to this size; the importer refuses what is longer.
_STDIN_LIMIT = 4 * 1024 * 1024


def add_import(app: typer.Typer) -> None:
    @app.command(
        "import",
        help=_(
            "Make a press release from a Word document (.docx) or WhatsApp text (.txt, or - "
            "for standard input), with its photos, and say what is still to fill in.\n\n"
            "Example: humaskit import laporan.docx --unit desa-bangkleyan"
        ),
    )
    def import_cmd(
        source: Annotated[
            Path, typer.Argument(help=_("The .docx or .txt file, or - to read the text piped in."))
        ],
        unit: Annotated[
            str | None,
            typer.Option("--unit", "-u", help=_("Unit key or code (default: guessed).")),
        ] = None,
        kind: Annotated[
            str | None, typer.Option("--kind", "-k", help=_("Kind of release (default: rilis)."))
        ] = None,
        folder: Annotated[
            Path | None,
            typer.Option("--dir", help=_("Folder to write to (default: the workspace's rilis/).")),
        ] = None,
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.importer import import_document
        from humaskit.importer.placeholders import what_to_fill
        from humaskit.model.workspace import find_workspace

        with guard(as_json):
            text = None
            if str(source) == "-":
                source = Path("-")
                text = sys.stdin.read(_STDIN_LIMIT + 1)
            workspace = find_workspace(folder if folder is not None else Path.cwd())
            result = import_document(
                source, workspace=workspace, dest_dir=folder, unit=unit, kind=kind, text=text
            )
        if as_json:
            console.print_json(
                {
                    "ok": True,
                    "path": str(result.path),
                    "guessed": [
                        {"field": f, "value": v, "how": how} for f, v, how in result.guessed
                    ],
                    "to_fill": result.to_fill,
                    "photos": [str(p) for p in result.photos],
                }
            )
            return
        console.success(_("Written: {path}").format(path=result.path))
        for path in result.photos:
            console.info("+ " + str(path))
        if result.guessed:
            console.info(_("Guessed from the document (check them):"))
        for name, value, how in result.guessed:
            console.info(f"  {name}: {value}  ({how})")
        for name in result.to_fill:
            console.warning(_("still to fill in: {what}.").format(what=what_to_fill(name)), name)
        console.info(
            _(
                "Once it is approved, add 'approved_by: <who approved it>'; then check it: "
                "humaskit check {path}"
            ).format(path=result.path)
        )
        console.print_text(str(result.path))
