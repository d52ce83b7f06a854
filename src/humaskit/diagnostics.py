"""The one type for every problem humaskit reports without stopping: a :class:`Diagnostic`.

Every stage (release parsing, figures, captions, layout planning, drawing, check, render,
recap) reports what a person should look at as a ``Diagnostic``: a stable ``code`` for scripts,
a ``severity``, a translated ``message`` for people, and where it is (``file``, ``field``,
``line``; the ``platform`` and ``variant`` or artifact it concerns). The CLI prints them in one
place; ``--json`` and ``manifest.json`` carry :meth:`Diagnostic.to_dict`.

Errors that stop a release stay exceptions (:mod:`humaskit.errors`); a diagnostic made from one
keeps its location (:meth:`Diagnostic.from_error`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from humaskit.errors import HumaskitError


class Severity(StrEnum):
    """How much a diagnostic matters: ``error`` fails ``check`` (exit 1), ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, with everything a person needs to find and fix it.

    Attributes:
        code: a stable identifier for scripts, e.g. ``caption-shortened``.
        message: what is wrong and how to fix it, already translated.
        severity: :class:`Severity`; warnings by default.
        file: the file the problem is in, as shown to people (workspace-relative where possible).
        field: the release field, layout layer or template the problem concerns.
        line: the 1-based line in ``file``, where known.
        platform: the platform id the problem concerns, if any.
        variant: the image variant or artifact (``instagram/feed.png``) it concerns, if any.
    """

    code: str
    message: str
    severity: Severity = Severity.WARNING
    file: str | None = None
    field: str | None = None
    line: int | None = None
    platform: str | None = None
    variant: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at(
        self,
        *,
        file: Path | str | None = None,
        platform: str | None = None,
        variant: str | None = None,
    ) -> Diagnostic:
        """The same diagnostic, with a file, platform or variant filled in where it had none."""
        return replace(
            self,
            file=self.file if self.file is not None or file is None else str(file),
            platform=self.platform or platform,
            variant=self.variant or variant,
        )

    @classmethod
    def from_error(cls, error: HumaskitError, code: str = "invalid") -> Diagnostic:
        """An error as a diagnostic of severity ``error``, keeping its location and hint."""
        from humaskit.errors import shown_file

        message = error.message + (f" {error.hint}" if error.hint else "")
        where = error.location
        return cls(
            code=code,
            message=message,
            severity=Severity.ERROR,
            file=shown_file(where.file) if where.file is not None else None,
            field=where.field,
            line=where.line,
        )

    def where(self) -> str:
        """``file:line [field]``, the way every message shows its place; empty when unknown."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file + (f":{self.line}" if self.line else ""))
        if self.field:
            parts.append(f"[{self.field}]")
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, str | int]:
        """A JSON-ready form: only the keys that have a value, ``code`` and ``message`` always."""
        data: dict[str, str | int] = {"code": self.code, "severity": str(self.severity)}
        data["message"] = self.message
        for key in ("file", "field", "line", "platform", "variant"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data
