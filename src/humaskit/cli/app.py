"""The command line: a thin typer shell over the Python API (SPEC §8).

Each command parses its options, calls one library function and prints the result. Library
errors become a red line on stderr and an exit code in exactly one place, :func:`_guard`.
Help texts are translated, so the app is built after the language is known
(:func:`build_app`; ``--lang`` and ``HUMASKIT_LANG`` choose it).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from humaskit import __version__
from humaskit.errors import HumaskitError, UsageError
from humaskit.i18n import _, set_language

if TYPE_CHECKING:
    from humaskit.pipeline.render import ReleaseResult as _Result

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@contextmanager
def _guard(as_json: bool = False) -> Iterator[None]:
    """Turn humaskit errors into a message and an exit code (the one place that does so)."""
    try:
        yield
    except HumaskitError as exc:
        from humaskit.cli import console

        if as_json:
            console.print_json({"ok": False, "error": exc.to_dict()})
        else:
            console.error(exc)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug in humaskit, not bad input: say so, without a traceback
        if os.environ.get("HUMASKIT_DEBUG"):
            raise
        from humaskit.cli import console

        message = _("Internal error in humaskit: {problem}.").format(
            problem=f"{type(exc).__name__}: {exc}"
        )
        hint = _("Please report it with the command you ran; HUMASKIT_DEBUG=1 shows details.")
        if as_json:
            console.print_json(
                {"ok": False, "error": {"error": "InternalError", "message": message}}
            )
        else:
            console.error(HumaskitError(message, hint=hint))
        raise typer.Exit(EXIT_PROBLEMS) from None


def _split_platforms(values: Sequence[str] | None) -> list[str]:
    """``--platform instagram,x --platform facebook`` → ``["instagram", "x", "facebook"]``."""
    out: list[str] = []
    for value in values or ():
        out.extend(p.strip().lower() for p in value.split(",") if p.strip())
    return list(dict.fromkeys(out))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"humaskit {__version__}")
        raise typer.Exit()


def _layout_cell(kind: str, platform: str, variant: str, templates: Path | None) -> str:
    """What the ``templates`` table says draws an image: a carousel names its cover's layout
    and the slide layouts that may follow it (which ones depends on the release)."""
    from humaskit.cards.carousel import CLOSING_LAYOUT, POINTS_LAYOUT, QUOTE_LAYOUT, STATS_LAYOUT
    from humaskit.layout.sets import layouts_for
    from humaskit.model.platforms import CAROUSEL_VARIANT

    if variant != CAROUSEL_VARIANT:
        return layouts_for(kind, platform, variant, templates)
    cover = layouts_for(kind, platform, "feed", templates)
    slides = dict.fromkeys((POINTS_LAYOUT, QUOTE_LAYOUT, STATS_LAYOUT, CLOSING_LAYOUT))
    return f"{cover} + {', '.join(slides)}"


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

    _add_render(app)
    _add_check(app)
    _add_scaffold(app)
    _add_listings(app)
    _add_preview(app)
    _add_compare(app)
    _add_recap(app)
    _add_watch(app)
    return app


# Options shared by several commands. They are built when a command is defined, inside
# build_app(), so that their help texts are in the chosen language.
def _json_option() -> Any:
    return typer.Option(False, "--json", help=_("Print one JSON document on stdout."))


def _brand_option() -> Any:
    return typer.Option(
        None, "--brand", metavar="DIR", help=_("Brand kit folder."), file_okay=False
    )


def _templates_option() -> Any:
    return typer.Option(
        None, "--templates", metavar="DIR", help=_("Templates folder overriding the built-ins.")
    )


def _src_argument() -> Any:
    # No default: usable both as `src: list[Path] = _src_argument()` and inside `Annotated`.
    return typer.Argument(help=_("Release files or folders."), metavar="SRC")


def _out_option() -> Any:
    return typer.Option(Path("out"), "--out", "-o", help=_("Output folder."))


def _format_option() -> Any:
    return typer.Option("auto", "--format", help=_("Image format: auto, png, jpeg or webp."))


def _jobs_option() -> Any:
    return typer.Option(
        max(1, os.cpu_count() or 1), "--jobs", "-j", min=1, help=_("Releases rendered at once.")
    )


def _force_option() -> Any:
    return typer.Option(False, "--force", help=_("Render even when nothing changed."))


def _x_thread_option() -> Any:
    return typer.Option(False, "--x-thread", help=_("Also write the X caption as a thread."))


def _no_images_option() -> Any:
    return typer.Option(False, "--no-images", help=_("Captions and manifest only."))


def _platform_option() -> Any:
    return typer.Option(None, "--platform", "-p", help=_("Only these platforms (comma-separated)."))


def _allow_path_option() -> Any:
    return typer.Option(None, "--allow-path", help=_("A further folder releases may read from."))


def _add_render(app: typer.Typer) -> None:
    @app.command(
        "render",
        help=_(
            "Render press releases (files or folders) into captions, images and a manifest.\n\n"
            "Example: humaskit render rilis/ --out out --platform instagram,x"
        ),
    )
    def render_cmd(
        src: list[Path] = _src_argument(),
        out: Path = _out_option(),
        platform: list[str] | None = _platform_option(),
        fmt: str = _format_option(),
        jobs: int = _jobs_option(),
        force: bool = _force_option(),
        brand: Path | None = _brand_option(),
        templates: Path | None = _templates_option(),
        x_thread: bool = _x_thread_option(),
        no_images: bool = _no_images_option(),
        allow_path: list[Path] | None = _allow_path_option(),
        shard: Annotated[
            str | None,
            typer.Option(
                "--shard",
                metavar="K/N",
                help=_("Render only part K of N of the releases (for CI machines)."),
            ),
        ] = None,
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.render import ReleaseResult, parse_shard, render

        def progress(result: ReleaseResult) -> None:
            bar.advance()
            if not as_json:
                _print_result(result)

        with _guard(as_json), console.ProgressBar(_("Rendering")) as bar:
            report = render(
                src,
                out,
                platforms=_split_platforms(platform),
                fmt=fmt,
                jobs=jobs,
                force=force,
                brand_dir=brand,
                templates_dir=templates,
                x_thread=x_thread,
                images=not no_images,
                allow_paths=allow_path or [],
                shard=parse_shard(shard) if shard is not None else None,
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


def _print_result(result: _Result) -> None:
    """One line per release: rendered (with its warnings), skipped or failed (with the error)."""
    from humaskit.cli import console

    if result.status == "failed":
        console.info(f"✗ {result.source}")
        console.info("  " + result.message)
    elif result.status == "skipped":
        console.info("· " + _("{source}: unchanged, skipped").format(source=result.source))
    else:
        console.info("✓ " + _("{source} → {out}").format(source=result.source, out=result.out_dir))
        _print_warnings((result.manifest or {}).get("warnings", []))


def _print_warnings(warnings: Sequence[dict[str, Any]]) -> None:
    """Each kind of warning once, with how many images or captions it concerns."""
    from humaskit.cli import console

    groups: dict[str, list[dict[str, Any]]] = {}
    for warning in warnings:
        groups.setdefault(str(warning.get("code")), []).append(warning)
    for items in groups.values():
        first = items[0]
        where = str(first.get("artifact") or first.get("field") or "")
        if len(items) > 1:
            where += " " + _("(and {count} more)").format(count=len(items) - 1)
        console.warning(str(first.get("message", "")), where.strip())


def _add_check(app: typer.Typer) -> None:
    @app.command(
        "check",
        help=_(
            "Check press releases without writing anything: fields, caption limits, hashtags, "
            "alt text, contrast, text that would not fit, photo resolution, approval.\n\n"
            "Example: humaskit check rilis/ --require-approval"
        ),
    )
    def check_cmd(
        src: list[Path] = _src_argument(),
        platform: list[str] | None = _platform_option(),
        require_approval: Annotated[
            bool,
            typer.Option(
                "--require-approval", help=_("A release without approved_by is an error.")
            ),
        ] = False,
        brand: Path | None = _brand_option(),
        templates: Path | None = _templates_option(),
        allow_path: list[Path] | None = _allow_path_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.check import check

        with _guard(as_json):
            report = check(
                src,
                platforms=_split_platforms(platform),
                require_approval=require_approval,
                brand_dir=brand,
                templates_dir=templates,
                allow_paths=allow_path or [],
            )
        if as_json:
            console.print_json({"ok": report.ok, **report.to_dict()})
        else:
            for f in report.findings:
                where = (
                    f.source
                    + (f":{f.line}" if f.line else "")
                    + (f" [{f.field}]" if f.field else "")
                )
                if f.platform:
                    where += f" ({f.platform})"
                if f.severity == "error":
                    console.error(HumaskitError(f.message, location=None))
                    console.info("  " + where)
                else:
                    console.warning(f.message, where)
            data = report.to_dict()
            console.info(
                _("{checked} checked: {errors} errors, {warnings} warnings.").format(**data)
            )
        raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _add_scaffold(app: typer.Typer) -> None:
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

        with _guard():
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

        with _guard():
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


def _add_preview(app: typer.Typer) -> None:
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
        out: Path = _out_option(),
        platform: list[str] | None = _platform_option(),
        fmt: str = _format_option(),
        jobs: int = _jobs_option(),
        force: bool = _force_option(),
        brand: Path | None = _brand_option(),
        templates: Path | None = _templates_option(),
        allow_path: list[Path] | None = _allow_path_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.render import ReleaseResult
        from humaskit.tools.preview import preview

        def progress(result: ReleaseResult) -> None:
            bar.advance()
            if not as_json and result.status == "failed":
                console.info(f"✗ {result.source}")
                console.info("  " + result.message)

        with _guard(as_json), console.ProgressBar(_("Rendering")) as bar:
            result = preview(
                src or [],
                out,
                platforms=_split_platforms(platform),
                fmt=fmt,
                jobs=jobs,
                force=force,
                brand_dir=brand,
                templates_dir=templates,
                allow_paths=allow_path or [],
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


def _add_compare(app: typer.Typer) -> None:
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
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.compare import compare

        with _guard(as_json):
            result = compare(
                base,
                new,
                threshold=threshold,
                color_threshold=color_threshold,
                report_dir=report,
            )
        if as_json:
            console.print_json(result.to_dict())
        else:
            labels = {"changed": _("changed"), "added": _("added"), "missing": _("missing")}
            for pair in result.pairs:
                if pair.status != "same":
                    console.warning(labels[pair.status], pair.path)
            data = result.to_dict()
            console.info(
                _(
                    "{compared} compared: {changed} changed, {added} added, {missing} missing."
                ).format(**data)
            )
            console.info(_("Report: {path}").format(path=result.report))
        raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


def _add_recap(app: typer.Typer) -> None:
    @app.command(
        "recap",
        help=_(
            "Sum up a unit's press releases of one week (or date range) in one carousel and "
            "one caption per platform.\n\n"
            "Example: humaskit recap rilis/ --unit dinkominfo --week 2024-W19"
        ),
    )
    def recap_cmd(
        src: Annotated[list[Path], _src_argument()],
        unit: Annotated[str, typer.Option("--unit", "-u", help=_("Unit key or code."))],
        week: Annotated[
            str | None, typer.Option("--week", help=_("ISO week, e.g. 2024-W19."))
        ] = None,
        start: Annotated[
            str | None, typer.Option("--from", help=_("First day, YYYY-MM-DD."))
        ] = None,
        end: Annotated[str | None, typer.Option("--to", help=_("Last day, YYYY-MM-DD."))] = None,
        out: Path = _out_option(),
        platform: list[str] | None = _platform_option(),
        fmt: str = _format_option(),
        brand: Path | None = _brand_option(),
        templates: Path | None = _templates_option(),
        allow_path: list[Path] | None = _allow_path_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.pipeline.recap import parse_period, recap

        with _guard(as_json):
            result = recap(
                src,
                unit,
                parse_period(week, start, end),
                out=out,
                platforms=_split_platforms(platform),
                fmt=fmt,
                brand_dir=brand,
                templates_dir=templates,
                allow_paths=allow_path or [],
            )
        if as_json:
            console.print_json({"ok": True, **result.to_dict()})
            return
        console.info(
            "✓ "
            + _("{count} releases → {out}").format(count=len(result.releases), out=result.out_dir)
        )
        _print_warnings(result.manifest["warnings"])


def _add_watch(app: typer.Typer) -> None:
    @app.command(
        "watch",
        help=_(
            "Render press releases, then again whenever one of them, its photos or data, the "
            "brand kit or the templates change. Stop with Ctrl-C.\n\n"
            "Example: humaskit watch rilis/ --platform instagram"
        ),
    )
    def watch_cmd(
        src: list[Path] = _src_argument(),
        out: Path = _out_option(),
        platform: list[str] | None = _platform_option(),
        fmt: str = _format_option(),
        jobs: int = _jobs_option(),
        brand: Path | None = _brand_option(),
        templates: Path | None = _templates_option(),
        x_thread: bool = _x_thread_option(),
        no_images: bool = _no_images_option(),
        allow_path: list[Path] | None = _allow_path_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.tools.watch import watch

        def rendering(paths: list[Path]) -> None:
            console.info(_("Rendering {count} release(s)…").format(count=len(paths)))

        def started() -> None:
            console.info(_("Watching for changes; stop with Ctrl-C."))

        try:
            with _guard():
                watch(
                    src,
                    out,
                    platforms=_split_platforms(platform),
                    fmt=fmt,
                    jobs=jobs,
                    brand_dir=brand,
                    templates_dir=templates,
                    x_thread=x_thread,
                    images=not no_images,
                    allow_paths=allow_path or [],
                    on_render=rendering,
                    on_result=_print_result,
                    on_error=console.error,
                    on_watch=started,
                )
        except typer.Exit as stop:
            if stop.exit_code != 130:  # Ctrl-C ends watching normally
                raise
        console.info(_("Stopped watching."))
        raise typer.Exit(EXIT_OK)


def _add_listings(app: typer.Typer) -> None:
    @app.command("platforms", help=_("Show the platform rules: limits, hashtags, image sizes."))
    def platforms_cmd(
        templates: Path | None = _templates_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from dataclasses import asdict

        from humaskit.cli import console
        from humaskit.model.platforms import load_platforms

        with _guard(as_json):
            rules = load_platforms(templates)
        if as_json:
            console.print_json({pid: asdict(p) for pid, p in rules.items()})
            return
        console.table(
            _("Platforms"),
            [_("id"), _("caption limit"), _("counting"), _("hashtags"), _("images")],
            [
                (
                    p.id,
                    f"{p.caption_limit:,}".replace(",", "."),
                    p.counting,
                    "-" if p.max_hashtags is None else p.max_hashtags,
                    ", ".join(f"{i.variant} {i.width}×{i.height}" for i in p.images),
                )
                for p in rules.values()
            ],
        )

    @app.command(
        "templates",
        help=_("Show the layouts with the sizes each platform gets, per kind of release."),
    )
    def templates_cmd(
        templates: Path | None = _templates_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.layout.sets import available_layouts
        from humaskit.model.kinds import kind_names
        from humaskit.model.platforms import load_platforms
        from humaskit.pipeline.images import SKIPPED_VARIANTS

        rows: list[dict[str, Any]] = []
        with _guard(as_json):
            rules = load_platforms(templates)
            layouts = available_layouts(templates)
            for kind in kind_names():
                for platform in rules.values():
                    for size in platform.images:
                        if size.variant in SKIPPED_VARIANTS:
                            continue
                        rows.append(
                            {
                                "kind": kind,
                                "platform": platform.id,
                                "variant": size.variant,
                                "size": f"{size.width}×{size.height}",
                                "layout": _layout_cell(kind, platform.id, size.variant, templates),
                            }
                        )
        if as_json:
            console.print_json({"layouts": {k: str(v) for k, v in layouts.items()}, "images": rows})
            return
        console.table(_("Layouts"), [_("layout"), _("file")], list(layouts.items()))
        console.table(
            _("Images per kind and platform"),
            [_("kind"), _("platform"), _("variant"), _("size"), _("layout")],
            [(r["kind"], r["platform"], r["variant"], r["size"], r["layout"]) for r in rows],
        )

    @app.command(
        "units",
        help=_("Show the unit registry; filter by words or type.\n\nExample: humaskit units cepu"),
    )
    def units_cmd(
        query: Annotated[
            str | None, typer.Argument(help=_("Words in the key, name or code."))
        ] = None,
        kind: Annotated[
            str | None,
            typer.Option("--type", help=_("kabupaten, opd, kecamatan, desa or kelurahan.")),
        ] = None,
        brand: Path | None = _brand_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.model.brand import load_brand

        with _guard(as_json):
            kit = load_brand(brand)
            units = kit.units()
        needle = (query or "").casefold()
        chosen = [
            u
            for u in units
            if (not kind or u.type == kind)
            and needle in f"{u.key} {u.name} {u.code or ''}".casefold()
        ]
        if as_json:
            console.print_json(
                [
                    {
                        "key": u.key,
                        "name": u.name,
                        "short_name": u.short_name,
                        "type": u.type,
                        "code": u.code,
                        "parent": u.parent,
                        "handles": dict(u.handles),
                        "hashtags": list(u.hashtags),
                        "platforms": list(u.platforms),
                    }
                    for u in chosen
                ]
            )
            return
        console.table(
            _("Units ({count})").format(count=len(chosen)),
            [_("key"), _("name"), _("type"), _("code"), _("parent")],
            [(u.key, u.name, u.type, u.code, u.parent) for u in chosen],
        )

    @app.command("brand", help=_("Show the brand kit: names, colours, fonts, handles, channels."))
    def brand_cmd(
        brand: Path | None = _brand_option(),
        as_json: bool = _json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.model.brand import load_brand

        with _guard(as_json):
            kit = load_brand(brand)
        data: dict[str, Any] = {
            "root": str(kit.root),
            "name": kit.name,
            "short_name": kit.short_name,
            "locale": kit.locale,
            "require_approval": kit.require_approval,
            "colors": dict(kit.colors),
            "fonts": {k: str(v.file) for k, v in kit.fonts.items()},
            "logos": {k: str(v) for k, v in kit.logos.items()},
            "hashtags": list(kit.hashtags),
            "handles": dict(kit.handles),
            "complaint_channels": [
                {"name": c.name, "url": c.url, "phone": c.phone} for c in kit.complaint_channels
            ],
            "platforms": list(kit.platforms),
            "units": len(kit.units()),
        }
        if as_json:
            console.print_json(data)
            return
        rows: list[tuple[str, str]] = []
        for key, value in data.items():
            if isinstance(value, dict):
                rows.extend((f"{key}.{k}", str(v)) for k, v in value.items())
            elif isinstance(value, list):
                rows.append((key, ", ".join(str(v) for v in value)))
            else:
                rows.append((key, str(value)))
        console.table(_("Brand kit"), [_("field"), _("value")], rows)


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
