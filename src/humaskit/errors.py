"""The one exception hierarchy of humaskit.

Every error carries a message meant for people: which file, which field or template, the line
where known, and how to fix it. The CLI turns these into one red line on stderr and an exit code
in exactly one place (``humaskit.cli.app``); nothing else catches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from humaskit.i18n import _
from humaskit.realpaths import resolved
from humaskit.resources import data_root


def shown_file(file: Path | str) -> str:
    """A file as people read it in a message: a built-in one by what it is ("built-in template
    aduan", not ``…/site-packages/humaskit/_data/templates/layouts/aduan.yaml``), any other as
    given."""
    path = Path(file)
    if not path.is_absolute():
        return str(file)
    try:
        root = data_root()
    except RuntimeError:  # pragma: no cover - an installation without its data
        return str(file)
    for folder, describe in (
        ("templates", _builtin_template),
        ("brand", lambda rel: _("built-in brand kit file {name}").format(name=rel)),
    ):
        try:
            rel = resolved(path).relative_to(resolved(root / folder)).as_posix()
        except (ValueError, OSError):
            continue
        return describe(rel)
    return str(file)


def _builtin_template(rel: str) -> str:
    name = rel.removeprefix("layouts/").removesuffix(".yaml") if rel.startswith("layouts/") else rel
    return _("built-in template {name}").format(name=name)


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, optionally a field and a 1-based line number."""

    file: Path | str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(shown_file(self.file) + (f":{self.line}" if self.line else ""))
        if self.field:
            parts.append(f"[{self.field}]")
        return " ".join(parts)


class HumaskitError(Exception):
    """Root of every error humaskit raises on purpose.

    Args:
        message: what is wrong, already translated, in a sentence.
        hint: how to fix it, already translated; may be empty.
        location: file, field and line the problem is at.
    """

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "", location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location or Location()

    def __str__(self) -> str:
        where = str(self.location)
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form, for ``--json`` output."""
        return {
            "error": type(self).__name__,
            "message": self.message,
            "hint": self.hint,
            "file": shown_file(self.location.file) if self.location.file is not None else None,
            "field": self.location.field,
            "line": self.location.line,
        }


class UsageError(HumaskitError):
    """The command was called wrongly: a missing file, an unknown option value (exit 2)."""

    exit_code = 2


class ReleaseError(HumaskitError):
    """A press release is invalid."""


class BrandError(HumaskitError):
    """The brand kit or the unit registry is invalid."""


class PlatformError(HumaskitError):
    """The platform rules are invalid, or an unknown platform was asked for."""


class TemplateError(HumaskitError):
    """A caption or layout template is invalid or failed to render."""


class ImageError(HumaskitError):
    """A photo cannot be read or is refused (corrupt, too large, wrong type)."""


class RenderError(HumaskitError):
    """Output could not be produced or written."""


class PathError(HumaskitError):
    """A path points outside the workspace or the allowed folders."""
