"""``compare``: two output folders, image by image, for CI."""

from pathlib import Path
from typing import Annotated

import typer

from humaskit.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    guard,
    json_option,
)
from humaskit.i18n import _


def add_compare(app: typer.Typer) -> None:
    @app.command(
        "compare",
        help=_(
            "Compare two output folders image by image (and caption by caption) for CI; write an "
            "HTML report with base, new and difference images. Exit 1 when anything changed past "
            "the threshold, was added or is missing.\n\n"
            "Example: humaskit compare out-main out --report compare-report"
        ),
    )
    def compare_cmd(
        base: Annotated[Path, typer.Argument(help=_("Output folder before the change."))],
        new: Annotated[Path, typer.Argument(help=_("Output folder after the change."))],
        threshold: Annotated[
            float,
            typer.Option(
                "--threshold",
                help=_("Share of an image's pixels (0 to 1) that may differ; default 0."),
            ),
        ] = 0.0,
        color_threshold: Annotated[
            float,
            typer.Option(
                "--color-threshold",
                help=_("How far colours may differ and still match, 0 to 1; default 0.1."),
            ),
        ] = 0.1,
        report: Annotated[
            Path, typer.Option("--report", metavar="DIR", help=_("Folder for the HTML report."))
        ] = Path("compare-report"),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.compare import compare

        with guard(as_json), console.ProgressBar(_("Comparing")) as bar:
            result = compare(
                base,
                new,
                threshold=threshold,
                color_threshold=color_threshold,
                report_dir=report,
                on_start=None if as_json else bar.start,
                on_pair=lambda _pair: bar.advance(),
            )
        if as_json:
            console.print_json(result.to_dict())
        else:
            # One line per output folder that differs, not one per file: the files are in the
            # report (and in --json).
            for folder in result.by_folder():
                console.warning(
                    _(
                        "{changed} changed ({images} images), {added} added, {missing} missing."
                    ).format(
                        changed=folder.changed,
                        images=folder.changed_images,
                        added=folder.added,
                        missing=folder.missing,
                    ),
                    folder.folder,
                )
            reasons = {
                "link-outside": _("skipped: a link leading out of the compared folder"),
                "not-a-file": _("skipped: not a regular file"),
            }
            for entry in result.skipped:
                console.warning(reasons[entry.reason], f"{entry.folder}/{entry.path}")
            data = result.to_dict()
            console.info(
                _(
                    "{compared} compared: {changed} changed, {added} added, {missing} missing."
                ).format(**data)
            )
            if result.report is not None:
                console.info(_("Report: {path}").format(path=result.report))
        raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)
