"""A job's plan: the artifacts it will write, their files' bytes, and its diagnostics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from humaskit.cards.overlap import Later
from humaskit.diagnostics import Diagnostic
from humaskit.pipeline.manifest import Artifact


@dataclass
class Plan:
    """What a job will write: its artifacts in manifest order, their files' bytes, diagnostics.

    ``files`` holds exactly the files the artifacts name (each image's alt text too), except
    the images still being encoded on a thread of their own, which are in ``encoding`` (only
    for a plan made with ``wait=False``, see :func:`humaskit.pipeline.job.plan_release`).
    """

    artifacts: list[Artifact] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    encoding: dict[str, Later[bytes]] = field(default_factory=dict)

    def add(self, artifact: Artifact, data: bytes | Later[bytes], alt: bytes | None = None) -> None:
        """Add ``artifact`` with the bytes of its file, or the encoder's work that makes them
        (and with the bytes of its alt-text file, if any)."""
        self.artifacts.append(artifact)
        if isinstance(data, Later):
            self.encoding[artifact.path] = data
        else:
            self.files[artifact.path] = data
        if artifact.alt_path is not None:
            self.files[artifact.alt_path] = alt if alt is not None else b""

    def extend(self, other: Plan) -> None:
        """Add everything of ``other`` after what this plan has."""
        self.artifacts.extend(other.artifacts)
        self.files.update(other.files)
        self.encoding.update(other.encoding)
        self.diagnostics.extend(other.diagnostics)


def warning(code: str, message: str, platform: str | None, variant: str | None) -> Diagnostic:
    """A warning about one platform's artifact."""
    return Diagnostic(code=code, message=message, platform=platform or None, variant=variant)


def as_diagnostics(items: Iterable[object]) -> list[Diagnostic]:
    """Diagnostics of what an earlier stage reports: diagnostics, notices, ``(code, message)``."""
    out: list[Diagnostic] = []
    for item in items:
        if isinstance(item, Diagnostic):
            out.append(item)
        elif isinstance(item, tuple):
            out.append(Diagnostic(code=str(item[0]), message=str(item[1])))
        else:
            out.append(
                Diagnostic(
                    code=str(getattr(item, "code", "")),
                    message=str(getattr(item, "message", "")),
                    field=getattr(item, "field", None),
                    line=getattr(item, "line", None),
                )
            )
    return out
