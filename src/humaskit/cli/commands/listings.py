"""``platforms``, ``templates``, ``units`` and ``brand``: what humaskit knows."""

from pathlib import Path
from typing import Annotated, Any

import typer

from humaskit.cli.common import (
    brand_option,
    guard,
    json_option,
    templates_option,
)
from humaskit.i18n import _


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


def add_listings(app: typer.Typer) -> None:
    @app.command("platforms", help=_("Show the platform rules: limits, hashtags, image sizes."))
    def platforms_cmd(
        templates: Path | None = templates_option(),
        as_json: bool = json_option(),
    ) -> None:
        from dataclasses import asdict

        from humaskit.cli import console
        from humaskit.model.platforms import load_platforms

        with guard(as_json):
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
        templates: Path | None = templates_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.layout.sets import available_layouts
        from humaskit.model.kinds import kind_names
        from humaskit.model.platforms import load_platforms
        from humaskit.pipeline.images import SKIPPED_VARIANTS

        rows: list[dict[str, Any]] = []
        with guard(as_json):
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
        brand: Path | None = brand_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.model.brand import load_brand

        with guard(as_json):
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
        brand: Path | None = brand_option(),
        as_json: bool = json_option(),
    ) -> None:
        from humaskit.cli import console
        from humaskit.model.brand import load_brand

        with guard(as_json):
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
        console.table(_("Brand kit"), [_("field"), _("value")], _brand_rows(kit))


def _brand_rows(kit: Any) -> list[tuple[str, str]]:
    """The brand kit in people's words: labels, "yes"/"no", channels as "name: address"."""
    from humaskit.resources import builtin_brand_dir

    def folder(path: Path) -> str:
        if path.resolve() == builtin_brand_dir().resolve():
            return _("the built-in brand kit")
        return str(path)

    def inside(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(kit.root.resolve()))
        except ValueError:
            return str(path)

    rows: list[tuple[str, str]] = [
        (_("Folder"), folder(kit.root)),
        (_("Name"), kit.name),
        (_("Short name"), kit.short_name),
        (_("Language"), kit.locale),
        (_("Approval required"), _("yes") if kit.require_approval else _("no")),
    ]
    rows.extend((_("Colour {name}").format(name=k), v) for k, v in kit.colors.items())
    rows.extend((_("Font {name}").format(name=k), inside(v.file)) for k, v in kit.fonts.items())
    rows.extend((_("Logo {name}").format(name=k), inside(v)) for k, v in kit.logos.items())
    rows.append((_("Hashtags"), " ".join(f"#{tag.lstrip('#')}" for tag in kit.hashtags)))
    rows.extend((_("Account on {platform}").format(platform=k), v) for k, v in kit.handles.items())
    for channel in kit.complaint_channels:
        ways = [w for w in (channel.url, channel.phone) if w]
        rows.append((_("Complaint channel"), f"{channel.name}: {', '.join(ways)}"))
    rows.append((_("Platforms"), ", ".join(kit.platforms)))
    rows.append((_("Units"), str(len(kit.units()))))
    return rows
