"""``render``, ``preview`` and ``watch``: the commands that render releases."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from humaskit.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    allow_path_option,
    brand_option,
    force_option,
    format_option,
    guard,
    jobs_option,
    json_option,
    no_images_option,
    optional_src_argument,
    out_folder,
    out_option,
    platform_option,
    sources,
    split_platforms,
    templates_option,
    x_thread_option,
)
from humaskit.i18n import _

if TYPE_CHECKING:
    from humaskit.pipeline.render import ReleaseResult


def add_render(app: typer.Typer) -> None:
    @app.command(
        "render",
        help=_(
            "Render press releases (files or folders) into captions, images and a manifest.\n\n"
            "Example: humaskit render rilis/ --out out --platform instagram,x"
        ),
    )
    def render_cmd(
        src: Annotated[list[Path] | None, optional_src_argument()] = None,
        out: str | None = out_option(),
        platform: list[str] | None = platform_option(),
        fmt: str = format_option(),
        jobs: int = jobs_option(),
        force: bool = force_option(),
        brand: Path | None = brand_option(),
        templates: Path | None = templates_option(),
        x_thread: bool = x_thread_option(),
        no_images: bool = no_images_option(),
        allow_path: list[Path] | None = allow_path_option(),
        shard: Annotated[
            str | None,
            typer.Option(
                "--shard",
                metavar="K/N",
                help=_("Render only part K of N of the releases (for CI machines)."),
            ),
        ] = None,
        video: bool = _video_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.discovery import parse_shard
        from humaskit.pipeline.render import render

        def progress(result: "ReleaseResult") -> None:
            bar.advance()
            if not as_json:
                print_result(result)

        with guard(as_json), console.ProgressBar(_("Rendering")) as bar:
            report = render(
                sources(src),
                out_folder(out),
                platforms=split_platforms(platform),
                fmt=fmt,
                jobs=jobs,
                force=force,
                brand_dir=brand,
                templates_dir=templates,
                x_thread=x_thread,
                images=not no_images,
                allow_paths=allow_path or [],
                shard=parse_shard(shard) if shard is not None else None,
                video=video,
                on_start=None if as_json else bar.start,
                on_result=progress,
            )
        summary = report.to_dict()
        if as_json:
            console.print_json({"ok": report.ok, **summary})
        else:
            if report.shard is not None:
                console.info(
                    _("Shard {index}/{count}: {mine} of {found} releases.").format(
                        index=report.shard[0],
                        count=report.shard[1],
                        mine=len(report.results),
                        found=report.found,
                    )
                )
            console.info(
                _("{rendered} rendered, {skipped} unchanged, {failed} failed.").format(**summary)
            )
        if not report.results and not as_json:
            console.warning(_("No press releases found."))
        raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def print_result(result: "ReleaseResult") -> None:
    """One line per release: rendered (with its warnings), skipped or failed (with the error)."""
    from humaskit.cli import console

    if result.status == "failed":
        console.info(f"✗ {result.source}")
        console.info("  " + result.message)
    elif result.status == "skipped":
        console.info("· " + _("{source}: unchanged, skipped").format(source=result.source))
    else:
        console.info("✓ " + _("{source} → {out}").format(source=result.source, out=result.out_dir))
        if result.manifest is not None:
            console.diagnostics(result.manifest.warnings, grouped=True)


def _video_option() -> Any:
    """``--video``: also make the short vertical clips (issue 16)."""
    return typer.Option(
        False,
        "--video",
        help=_(
            "Also make short vertical videos (Reels, TikTok, Shorts, WhatsApp status); "
            'needs pip install "humaskit[video]".'
        ),
    )


def add_preview(app: typer.Typer) -> None:
    @app.command(
        "preview",
        help=_(
            "Render, then write one offline index.html in --out with every image, every caption "
            "with its count and a copy button; with no SRC, the built-in specimens of every "
            "template at every size.\n\n"
            "Example: humaskit preview rilis/ --out out"
        ),
    )
    def preview_cmd(
        src: Annotated[
            list[Path] | None,
            typer.Argument(
                help=_("Release files or folders (none: the specimens)."), metavar="SRC"
            ),
        ] = None,
        out: str | None = out_option(),
        platform: list[str] | None = platform_option(),
        fmt: str = format_option(),
        jobs: int = jobs_option(),
        force: bool = force_option(),
        brand: Path | None = brand_option(),
        templates: Path | None = templates_option(),
        allow_path: list[Path] | None = allow_path_option(),
        video: bool = _video_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.preview import preview

        def progress(result: "ReleaseResult") -> None:
            bar.advance()
            if not as_json and result.status == "failed":
                console.info(f"✗ {result.source}")
                console.info("  " + result.message)

        with guard(as_json), console.ProgressBar(_("Rendering")) as bar:
            result = preview(
                src or [],
                out_folder(out),
                platforms=split_platforms(platform),
                fmt=fmt,
                jobs=jobs,
                force=force,
                brand_dir=brand,
                templates_dir=templates,
                allow_paths=allow_path or [],
                video=video,
                on_start=None if as_json else bar.start,
                on_result=progress,
            )
        if as_json:
            console.print_json({"ok": result.ok, **result.to_dict()})
        else:
            summary = result.report.to_dict()
            console.info(
                _("{rendered} rendered, {skipped} unchanged, {failed} failed.").format(**summary)
            )
            console.success(_("Preview: {path}").format(path=result.index))
        raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


def add_watch(app: typer.Typer) -> None:
    @app.command(
        "watch",
        help=_(
            "Render press releases, then again whenever one of them, its photos or data, the "
            "brand kit or the templates change. Stop with Ctrl-C.\n\n"
            "Example: humaskit watch rilis/ --platform instagram"
        ),
    )
    def watch_cmd(
        src: Annotated[list[Path] | None, optional_src_argument()] = None,
        out: str | None = out_option(),
        platform: list[str] | None = platform_option(),
        fmt: str = format_option(),
        jobs: int = jobs_option(),
        brand: Path | None = brand_option(),
        templates: Path | None = templates_option(),
        x_thread: bool = x_thread_option(),
        no_images: bool = no_images_option(),
        allow_path: list[Path] | None = allow_path_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.watch import watch

        def rendering(paths: list[Path]) -> None:
            console.info(_("Rendering {count} release(s)…").format(count=len(paths)))

        def started() -> None:
            console.info(_("Watching for changes; stop with Ctrl-C."))

        try:
            with guard():
                watch(
                    sources(src),
                    out_folder(out),
                    platforms=split_platforms(platform),
                    fmt=fmt,
                    jobs=jobs,
                    brand_dir=brand,
                    templates_dir=templates,
                    x_thread=x_thread,
                    images=not no_images,
                    allow_paths=allow_path or [],
                    on_render=rendering,
                    on_result=print_result,
                    on_error=console.error,
                    on_watch=started,
                )
        except typer.Exit as stop:
            if stop.exit_code != 130:  # Ctrl-C ends watching normally
                raise
        console.info(_("Stopped watching."))
        raise typer.Exit(EXIT_OK)
