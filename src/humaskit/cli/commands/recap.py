"""``recap``: a unit's week (or date range) in one carousel and caption."""

from pathlib import Path
from typing import Annotated

import typer

from humaskit.cli.common import (
    allow_path_option,
    brand_option,
    format_option,
    guard,
    json_option,
    optional_src_argument,
    out_folder,
    out_option,
    platform_option,
    sources,
    split_platforms,
    templates_option,
)
from humaskit.i18n import _, ngettext


def add_recap(app: typer.Typer) -> None:
    @app.command(
        "recap",
        help=_(
            "Sum up a unit's press releases of one week (or date range) in one carousel and "
            "one caption per platform.\n\n"
            "Example: humaskit recap rilis/ --unit dinkominfo --week 2024-W19"
        ),
    )
    def recap_cmd(
        unit: Annotated[str, typer.Option("--unit", "-u", help=_("Unit key or code."))],
        src: Annotated[list[Path] | None, optional_src_argument()] = None,
        week: Annotated[
            str | None, typer.Option("--week", help=_("ISO week, e.g. 2024-W19."))
        ] = None,
        start: Annotated[
            str | None, typer.Option("--from", metavar="DATE", help=_("First day, YYYY-MM-DD."))
        ] = None,
        end: Annotated[
            str | None, typer.Option("--to", metavar="DATE", help=_("Last day, YYYY-MM-DD."))
        ] = None,
        out: str | None = out_option(),
        platform: list[str] | None = platform_option(),
        fmt: str = format_option(),
        brand: Path | None = brand_option(),
        templates: Path | None = templates_option(),
        allow_path: list[Path] | None = allow_path_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.period import parse_period
        from humaskit.pipeline.recap import recap

        with guard(as_json):
            result = recap(
                sources(src),
                unit,
                parse_period(week, start, end),
                out=out_folder(out),
                platforms=split_platforms(platform),
                fmt=fmt,
                brand_dir=brand,
                templates_dir=templates,
                allow_paths=allow_path or [],
            )
        if as_json:
            console.print_json({"ok": True, **result.to_dict()})
            return
        count = len(result.releases)
        console.info(
            "✓ "
            + ngettext("{count} release → {out}", "{count} releases → {out}", count).format(
                count=count, out=result.out_dir
            )
        )
        console.diagnostics(result.manifest.warnings, grouped=True)
