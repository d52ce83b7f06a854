"""The command line: a thin typer shell over the Python API (SPEC §8).

Each command parses its options, calls one library function and prints the result. Library
errors become a red line on stderr and an exit code in exactly one place,
:func:`humaskit.cli.common.guard`; the commands live in :mod:`humaskit.cli.commands` and the
typer app in :mod:`humaskit.cli.root`. Help texts are translated, so the app is built after the
language is known (:func:`build_app`; ``--lang`` and ``HUMASKIT_LANG`` choose it). ``--lang``
may stand anywhere on the command line (:func:`hoist_language`); a language humaskit has no
messages in is refused.

This module imports no typer: the root help screen (``humaskit``, ``humaskit --help``) comes
from :mod:`humaskit.cli.helpcache` once typer has written it (issue 14: typer's import alone is
about the whole start-up budget of ``--help``).
"""

from __future__ import annotations

import sys

from humaskit.cli import helpcache, startup
from humaskit.i18n import set_language

TYPE_CHECKING = False  # not typing's: typing costs more than the rest of a cached --help
if TYPE_CHECKING:
    from collections.abc import Sequence

    import typer


def hoist_language(args: Sequence[str]) -> list[str]:
    """``render x --lang en`` → ``--lang en render x``: the root command reads ``--lang``.

    Each ``--lang X`` or ``--lang=X`` before a ``--`` moves to the front (the last one wins, as
    for any option), so ``--lang`` works after the subcommand and after its arguments too.
    """
    rest = list(args)
    hoisted: list[str] = []
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(rest):
            hoisted += rest[index : index + 2]
            del rest[index : index + 2]
        elif arg.startswith("--lang="):
            hoisted.append(arg)
            del rest[index]
        else:
            index += 1
    return hoisted + rest


def build_app() -> typer.Typer:
    """Build the typer app with help texts in the current language."""
    from humaskit.cli.root import build_app as build

    return build()


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """The ``humaskit`` console script."""
    startup.hold()  # until the command's work begins (cli.common.guard)
    args = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from_argv(args))
    request = helpcache.root_help_request(args)
    if request is not None:
        if helpcache.show(request):
            raise SystemExit(request.exit_code)
        helpcache.arm()  # typer is about to write it: keep it for the next time
    app = build_app()
    app(args=args, prog_name="humaskit")
