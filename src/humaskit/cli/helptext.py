"""click's and typer's own words (``Usage:``, ``[required]``, ``Error: Missing option``) in the
language of humaskit's messages.

typer (through its copy of click, or click itself in older versions) writes part of its help
screens and usage errors with the standard library's :func:`gettext.gettext` and part as plain
English. Both are routed to humaskit's catalogue here, so that a help screen or a mistyped
option reads in one language:

- :func:`route_library_gettext` points the ``_``/``ngettext`` that typer's and click's modules
  imported from :mod:`gettext` at :func:`humaskit.i18n._`, so their marked strings (``required``,
  ``default: {default}``, ``Options``, ``Commands``…) are looked up in our catalogue. Their
  message ids are listed in :data:`LIBRARY_MESSAGES` so that extraction puts them there.
- :class:`HumaskitCommand` and :class:`HumaskitGroup` write the usage line, the help option and
  placeholders themselves (``SRC...`` and ``--unit UNIT``, not ``{SRC}...`` and ``<str>``).
- :func:`show_usage_error` writes a usage error (missing option, invalid value, unknown option)
  from the exception's parts, not from click's English sentence.
"""

from __future__ import annotations

import gettext as _stdlib
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
import typer.core

from humaskit.i18n import N_, _, ngettext

# The strings typer and click mark for gettext that humaskit's help screens and errors show.
# Listed so that scripts/update_translations.py extracts them into our catalogue.
LIBRARY_MESSAGES = (
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)

_LIBRARY_PACKAGES = ("typer", "click")


def route_library_gettext() -> None:
    """Make typer's and click's gettext calls look in humaskit's catalogue.

    They import ``gettext``/``ngettext`` from the standard library at module level, which would
    read the process's default text domain; each such name is replaced by humaskit's function
    (which follows ``--lang``). Safe to call more than once.
    """
    replacements: dict[object, Callable[..., str]] = {
        _stdlib.gettext: _,
        _stdlib.ngettext: ngettext,
    }
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in _LIBRARY_PACKAGES:
            continue
        for attribute in ("_", "gettext", "ngettext"):
            current = getattr(module, attribute, None)
            for original, ours in replacements.items():
                if current is original:
                    setattr(module, attribute, ours)


def _placeholder(param: Any) -> str:
    """The placeholder a person reads for a parameter: its metavar, else its name in capitals."""
    metavar = getattr(param, "metavar", None)
    return str(metavar) if metavar else str(param.name or "").upper()


def _argument_label(param: Any) -> str:
    label = _placeholder(param)
    return label + ("..." if getattr(param, "nargs", 1) != 1 else "")


def _usage_pieces(command: Any, ctx: Any) -> list[str]:
    pieces = [_("[OPTIONS]")]
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") != "argument":
            continue
        label = _argument_label(param)
        pieces.append(label if param.required else f"[{label}]")
    return pieces


def _name_placeholders(command: Any) -> None:
    """Give every option that takes a value a readable placeholder (``--unit UNIT``)."""
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or param.metavar:
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        param.metavar = _placeholder(param)


# typer shows an option's range as "x>=1"; people read "at least 1".
_RANGE = re.compile(r"\bx>=(?P<low>[\d.]+)(?=[;\]])")


def _range_words(found: re.Match[str]) -> str:
    return _("at least {low}").format(low=found["low"])


class _Words:
    """What :class:`HumaskitCommand` and :class:`HumaskitGroup` share."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = _usage_pieces(self, ctx)
        if isinstance(self, typer.core.TyperGroup):
            pieces.append(_("COMMAND [ARGS]..."))
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_label(param), record[1]))
            elif param.param_type_name == "option":
                options.append((record[0], _RANGE.sub(_range_words, record[1])))
        if arguments:
            with formatter.section(_("Arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(_("Options")):
                formatter.write_dl(options)
        if isinstance(self, typer.core.TyperGroup):
            self.format_commands(ctx, formatter)


class HumaskitCommand(_Words, typer.core.TyperCommand):
    """A typer command whose help screen is in the language of humaskit's messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_placeholders(self)


class HumaskitGroup(_Words, typer.core.TyperGroup):
    """The ``humaskit`` group: its help screen and its usage errors in humaskit's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_placeholders(self)
        # typer would add "Did you mean …" in English; resolve_command adds ours.
        self.suggest_commands = False

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _library_error("UsageError") as exc:
            # yamlio pulls in PyYAML; only a mistyped command needs its suggestion.
            from humaskit.yamlio import suggest

            close = suggest(args[0], self.commands) if args else ""
            if close and hasattr(exc, "message"):
                exc.message = f"{exc.message} {close}"
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        route_library_gettext()
        extra["windows_expand_args"] = windows_expand_args
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except _library_error("UsageError") as exc:
            show_usage_error(exc)
            sys.exit(getattr(exc, "exit_code", 2))
        except _library_error("ClickException") as exc:
            typer.echo(_("Error: {problem}").format(problem=str(exc)), err=True)
            sys.exit(getattr(exc, "exit_code", 1))
        except typer.Abort:
            typer.echo(_("Aborted!"), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _library_error(name: str) -> type[Exception]:
    """click's exception class ``name`` (``UsageError``, ``ClickException``), found through the
    one typer exports (``typer.BadParameter``), so that typer's copy of click and click itself
    are both handled."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name and issubclass(cls, Exception):
            return cls
    raise LookupError(name)  # pragma: no cover - every click version has both


# click's English sentences that carry no parts to rebuild them from: the pattern, and our
# message with the pattern's groups as placeholders.
_SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)"),
        N_("Unexpected extra words: {args}. Put a text with spaces in quotes."),
    ),
    (
        re.compile(r"Option '?(?P<option>[^' ]+)'? requires an argument\.?"),
        N_("The option '{option}' needs a value after it."),
    ),
    (
        re.compile(r"Option '?(?P<option>[^' ]+)'? does not take a value\.?"),
        N_("The option '{option}' takes no value."),
    ),
    (
        re.compile(r"Input should be a valid integer.*|.*is not a valid int(?:eger| range).*"),
        N_("a whole number is needed here, e.g. 2."),
    ),
    (
        re.compile(r"Input should be greater than or equal to (?P<min>\S+)|.*>=\s*(?P<min2>\S+)"),
        N_("the number must be at least {min}."),
    ),
    (
        re.compile(r"Input should be a valid boolean.*|.*is not a valid boolean.*"),
        N_("write yes or no (true or false)."),
    ),
)


def _sentence(text: str) -> str:
    """One of click's (or pydantic's) English sentences in our words, when it is a known one."""
    for pattern, message in _SENTENCES:
        found = pattern.fullmatch(text.strip())
        if found:
            parts = {k: v for k, v in found.groupdict().items() if v is not None}
            if "min2" in parts:
                parts["min"] = parts.pop("min2")
            return _(message).format(**parts)
    return text


def _param_name(param: Any) -> str:
    """``'--unit' / '-u'`` for an option, ``'SRC'`` for an argument."""
    if getattr(param, "param_type_name", "") == "argument":
        return f"'{_placeholder(param)}'"
    return " / ".join(f"'{opt}'" for opt in param.opts)


def usage_problem(exc: Exception) -> str:
    """A usage error's sentence in humaskit's language, built from the error's parts."""
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    if kind == "MissingParameter" and param is not None:
        name = _param_name(param)
        what = str(getattr(param, "help", None) or "").rstrip(".")
        if param.param_type_name == "argument":
            if what:
                return _("Missing argument {name}: {help}.").format(name=name, help=what)
            return _("Missing argument {name}.").format(name=name)
        if what:
            return _("Missing option {name}: {help}.").format(name=name, help=what)
        return _("Missing option {name}.").format(name=name)
    if kind in ("BadParameter", "MissingParameter"):
        problem = _sentence(str(getattr(exc, "message", "")))
        if param is None:
            return _("Invalid value: {problem}").format(problem=problem)
        return _("Invalid value for {name}: {problem}").format(
            name=_param_name(param), problem=problem
        )
    if kind == "NoSuchOption":
        text = _("There is no option {name}.").format(name=f"'{exc.option_name}'")  # type: ignore[attr-defined]
        close = sorted(getattr(exc, "possibilities", None) or ())
        if close:
            text += " " + _("Did you mean {suggestion!r}?").format(suggestion=close[0])
        return text
    return _sentence(str(getattr(exc, "message", exc)))


def show_usage_error(exc: Exception) -> None:
    """Print a usage error the way click does (usage, where to get help, the problem), in
    humaskit's language, on stderr."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        typer.echo(ctx.get_help(), err=True)
        return
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        names = ctx.help_option_names
        if ctx.command.get_help_option(ctx) is not None and names:
            typer.echo(
                _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=names[0]
                ),
                err=True,
            )
        typer.echo("", err=True)
    typer.echo(_("Error: {problem}").format(problem=usage_problem(exc)), err=True)


__all__ = [
    "LIBRARY_MESSAGES",
    "HumaskitCommand",
    "HumaskitGroup",
    "route_library_gettext",
    "show_usage_error",
    "usage_problem",
]
