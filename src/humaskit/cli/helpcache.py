"""The root help screen without typer: ``humaskit --help``, ``-h`` and ``humaskit`` alone.

Importing typer (and the copy of click inside it) takes about as long as the whole start-up
budget of ``humaskit --help`` (≤ 100 ms, issue 14). The root help screen is the same text for
the same installed code, language and width, so the first time typer writes it the text is kept
in the user cache (:func:`humaskit.resources.user_cache_dir`, ``help/``) and from then on it is
printed from there, without importing typer. Everything else on the command line (a command's
help, ``--version``, any error) goes through typer as before.

- **What typer wrote, not a copy of it.** The text is stored from inside typer's own help
  call (:meth:`humaskit.cli.root._LanguageAnywhere.get_help`), with the width click wrapped it
  to; tests compare the cached screen with typer's, byte for byte, in both languages.
- **Never stale.** An entry is named by humaskit's version, the language and the width, and
  holds a stamp of everything the text is made from: the size and modification time of
  humaskit's top-level and command-line modules (``__init__.py`` with the version,
  ``i18n.py``, ``cli/``, ``cli/commands/``), of the compiled catalogues and of typer's files,
  and the Python version. Any difference (an edited
  help text in a checkout, a new catalogue, another typer) is a miss: typer writes the screen
  and the entry is replaced.
- **Colour** is no part of the key: the help screens are click's plain text
  (``rich_markup_mode=None``), with no colour codes whatever the terminal.

This module imports only :mod:`os`, :mod:`sys`, :mod:`pathlib`, :mod:`humaskit.i18n` (whose
gettext import waits for the first translated message) and :mod:`humaskit.resources`, so a
cached root help costs little more than starting Python.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from humaskit import __version__
from humaskit.i18n import language, normalise
from humaskit.resources import user_cache_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# click's help formatter: the terminal's width, at most 80, less 2, at least 50.
_MAX_WIDTH = 80
_MIN_WIDTH = 50
# The first line of an entry; another format version is a miss.
_FORMAT = "humaskit-help 1"

_PACKAGE = Path(__file__).resolve().parent.parent  # humaskit/
_armed = False


class HelpRequest:
    """A command line that asks for the root help screen, and where the screen goes."""

    __slots__ = ("exit_code", "to_stderr")

    def __init__(self, *, to_stderr: bool) -> None:
        # `humaskit` alone prints the help on stderr and exits 2 (click's no_args_is_help);
        # `--help` prints it on stdout and exits 0.
        self.to_stderr = to_stderr
        self.exit_code = 2 if to_stderr else 0


def root_help_request(args: Sequence[str]) -> HelpRequest | None:
    """The request when ``args`` ask for the root help screen and nothing else, else ``None``.

    ``[]``, ``["--help"]``, ``["-h"]``, the last two with one ``--lang X`` (or ``--lang=X``) of a
    language humaskit has, before or after. Anything else, even what typer would also answer
    with the root help (``--help render``), goes through typer.
    """
    if not args:
        return HelpRequest(to_stderr=True)
    rest = list(args)
    langs = 0
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--lang" and index + 1 < len(rest):
            if normalise(rest[index + 1]) is None:
                return None  # refused by typer, with its message
            langs += 1
            del rest[index : index + 2]
        elif arg.startswith("--lang="):
            if normalise(arg.split("=", 1)[1]) is None:
                return None
            langs += 1
            del rest[index]
        else:
            index += 1
    if langs <= 1 and rest in (["--help"], ["-h"]):
        return HelpRequest(to_stderr=False)
    return None


def help_width() -> int:
    """The width click wraps a help screen to, as its ``HelpFormatter`` computes it.

    ``shutil.get_terminal_size().columns`` (``COLUMNS``, else the terminal of stdout, else 80)
    limited to 80, less 2, at least 50; written out so that :mod:`shutil` is not imported.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or _MAX_WIDTH
    return max(min(columns, _MAX_WIDTH) - 2, _MIN_WIDTH)


def _typer_folders() -> list[Path]:
    """typer's package folder and its copy of click, found on ``sys.path`` without importing."""
    for entry in sys.path:
        folder = Path(entry or os.curdir) / "typer"
        if (folder / "__init__.py").is_file():
            return [folder, folder / "_click"]
    return []


def sources() -> list[Path]:
    """The folders whose files the root help screen is made from.

    Each folder stands for its files (not its subfolders): the size and modification time of
    each goes into the stamp.
    """
    cli = _PACKAGE / "cli"
    folders = [_PACKAGE, cli, cli / "commands"]
    with contextlib.suppress(OSError):
        folders += sorted(p / "LC_MESSAGES" for p in (_PACKAGE / "locale").iterdir() if p.is_dir())
    return folders + _typer_folders()


def stamp_of(folders: Iterable[Path]) -> str:
    """One line naming every file of ``folders`` with its size and modification time."""
    parts = [f"py{sys.hexversion:x}"]
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                files = sorted(
                    (entry.name, entry.stat())
                    for entry in entries
                    if entry.is_file() and not entry.name.endswith((".pyc", ".po"))
                )
        except OSError:
            parts.append(f"{folder}:missing")
            continue
        parts.append(str(folder))
        parts += [f"{name}:{stat.st_size}:{stat.st_mtime_ns}" for name, stat in files]
    return "|".join(parts)


def entry_path(lang: str, width: int) -> Path | None:
    """The cache file of the root help screen in ``lang`` at ``width``; ``None`` when there is
    no cache folder (no home folder to put it in)."""
    try:
        return user_cache_dir() / "help" / f"{__version__}-{lang}-{width}.txt"
    except (RuntimeError, KeyError):  # Path.home() without HOME or a password entry
        return None


def cached_help(lang: str, width: int) -> str | None:
    """The root help screen kept for ``lang`` and ``width``, when it is still what typer writes."""
    path = entry_path(lang, width)
    if path is None:
        return None
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, rest = content.partition("\n")
    stamp, _, text = rest.partition("\n")
    if head != _FORMAT or stamp != stamp_of(sources()):
        return None
    return text


def show(request: HelpRequest) -> bool:
    """Print the cached root help screen for ``request``; ``False`` (nothing printed) on a miss."""
    text = cached_help(language(), help_width())
    if text is None:
        return False
    stream = sys.stderr if request.to_stderr else sys.stdout
    try:
        stream.write(text + "\n")  # as click.echo writes it
    except UnicodeEncodeError:
        # Nothing was written (the whole text is encoded first): a stream that cannot take
        # the text (PYTHONIOENCODING=ascii) is left to click, which writes UTF-8 to it.
        return False
    stream.flush()
    return True


def arm() -> None:
    """Keep the next root help screen typer writes in this process (see :func:`keep`)."""
    global _armed
    _armed = True


def keep(text: str, width: int) -> None:
    """Store the root help screen typer wrote at ``width``, if :func:`arm` asked for it.

    The entry is written to a temporary file and renamed into place, so a process reading it
    at the same time sees the old entry or the new one. A cache that cannot be written is no
    cache: nothing is reported.
    """
    global _armed
    if not _armed:
        return
    _armed = False
    path = entry_path(language(), width)
    if path is None:
        return
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(f"{_FORMAT}\n{stamp_of(sources())}\n{text}", encoding="utf-8")
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
