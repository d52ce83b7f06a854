"""What the commands share: the error guard, exit codes and the options several commands take.

Library errors become a red line on stderr and an exit code in exactly one place, :func:`guard`.
Options are built when a command is defined, inside :func:`humaskit.cli.app.build_app`, so that
their help texts are in the chosen language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from humaskit.cli import startup
from humaskit.errors import HumaskitError
from humaskit.i18n import _

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@contextmanager
def guard(as_json: bool = False) -> Iterator[None]:
    """Turn humaskit errors into a message and an exit code (the one place that does so)."""
    startup.release()  # the command's own work begins here
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


def split_platforms(values: Sequence[str] | None) -> list[str]:
    """``--platform instagram,x --platform facebook`` → ``["instagram", "x", "facebook"]``."""
    out: list[str] = []
    for value in values or ():
        out.extend(p.strip().lower() for p in value.split(",") if p.strip())
    return list(dict.fromkeys(out))


def json_option() -> Any:
    return typer.Option(False, "--json", help=_("Print one JSON document on stdout."))


def brand_option() -> Any:
    return typer.Option(
        None, "--brand", metavar="DIR", help=_("Brand kit folder."), file_okay=False
    )


def templates_option() -> Any:
    return typer.Option(
        None, "--templates", metavar="DIR", help=_("Templates folder overriding the built-ins.")
    )


def optional_src_argument() -> Any:
    """SRC that may be left out: the workspace's ``rilis/`` then (:func:`sources`)."""
    return typer.Argument(
        help=_("Release files or folders (default: the workspace's rilis/)."), metavar="SRC"
    )


def sources(src: Sequence[Path] | None) -> list[Path]:
    """The releases a command reads: SRC as given, else the workspace's ``rilis/``.

    Raises:
        UsageError: no SRC outside a workspace (call it inside :func:`guard`).
    """
    from humaskit.model.workspace import default_sources

    return list(src) if src else default_sources()


def out_option() -> Any:
    # Text, not a Path: ``--out ''`` would become ``.``; the pipeline refuses the empty name
    # (:func:`humaskit.pipeline.context.check_run_paths`, with --brand and --templates).
    # No --out: the workspace's out/ wherever inside it the command runs (:func:`out_folder`).
    return typer.Option(
        None, "--out", "-o", metavar="DIR", help=_("Output folder (default: the workspace's out/).")
    )


def out_folder(out: str | None) -> str:
    """``--out`` as given, else the workspace's ``out/`` (``out`` outside a workspace)."""
    from humaskit.model.workspace import default_out

    return out if out is not None else str(default_out())


def format_option() -> Any:
    return typer.Option(
        "auto", "--format", metavar="FORMAT", help=_("Image format: auto, png, jpeg or webp.")
    )


def jobs_option() -> Any:
    return typer.Option(
        max(1, os.cpu_count() or 1),
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help=_("Releases rendered at once."),
    )


def force_option() -> Any:
    return typer.Option(False, "--force", help=_("Render even when nothing changed."))


def x_thread_option() -> Any:
    return typer.Option(False, "--x-thread", help=_("Also write the X caption as a thread."))


def no_images_option() -> Any:
    return typer.Option(False, "--no-images", help=_("Captions and manifest only."))


def platform_option() -> Any:
    return typer.Option(
        None,
        "--platform",
        "-p",
        metavar="PLATFORM",
        help=_("Only these platforms (comma-separated)."),
    )


def allow_path_option() -> Any:
    return typer.Option(
        None, "--allow-path", metavar="DIR", help=_("A further folder releases may read from.")
    )
