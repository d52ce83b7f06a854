"""``check``: releases validated without writing anything."""

from pathlib import Path
from typing import Annotated

import typer

from humaskit.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    allow_path_option,
    brand_option,
    guard,
    json_option,
    optional_src_argument,
    platform_option,
    sources,
    split_platforms,
    templates_option,
)
from humaskit.i18n import _


def add_check(app: typer.Typer) -> None:
    @app.command(
        "check",
        help=_(
            "Check press releases without writing anything: fields, caption limits, hashtags, "
            "alt text, contrast, text that would not fit, photo resolution, approval.\n\n"
            "Example: humaskit check rilis/ --require-approval"
        ),
    )
    def check_cmd(
        src: Annotated[list[Path] | None, optional_src_argument()] = None,
        platform: list[str] | None = platform_option(),
        require_approval: Annotated[
            bool,
            typer.Option(
                "--require-approval", help=_("A release without approved_by is an error.")
            ),
        ] = False,
        brand: Path | None = brand_option(),
        templates: Path | None = templates_option(),
        allow_path: list[Path] | None = allow_path_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.check import check

        with guard(as_json):
            report = check(
                sources(src),
                platforms=split_platforms(platform),
                require_approval=require_approval,
                brand_dir=brand,
                templates_dir=templates,
                allow_paths=allow_path or [],
            )
        if as_json:
            console.print_json({"ok": report.ok, **report.to_dict()})
        else:
            console.diagnostics(report.findings)
            data = report.to_dict()
            console.info(
                _("{checked} checked: {errors} errors, {warnings} warnings.").format(**data)
            )
        raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)
