"""``check``: validate releases without writing anything.

Each release is planned as ``render`` plans it (:func:`humaskit.pipeline.job.plan_release`),
with its images laid out but not drawn, and nothing is written. Every problem is a
:class:`~humaskit.diagnostics.Diagnostic`: an ``error`` (the release must be fixed; exit 1) or a
``warning`` (it renders, but someone should look). What ``render`` only warns about but must
not be published is an error here (:data:`ERRORS_IN_CHECK`): text left from a scaffold, and a
release without ``approved_by`` when the brand kit (or ``--require-approval``) requires approval.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from humaskit.diagnostics import Diagnostic, Severity
from humaskit.errors import HumaskitError
from humaskit.i18n import _
from humaskit.model.placeholders import CODE as PLACEHOLDER
from humaskit.model.platforms import load_platforms
from humaskit.model.release import load_release, resolve_unit
from humaskit.pipeline.context import RenderOptions, brand_for, check_run_paths
from humaskit.pipeline.discovery import find_releases
from humaskit.pipeline.job import NOT_APPROVED, not_approved, plan_release
from humaskit.pipeline.plan import as_diagnostics
from humaskit.realpaths import forget

# Warnings of render that fail a check: what must not be published. Example values left in a
# release or its kit (``example-value``) stay warnings: the fictional examples must pass.
ERRORS_IN_CHECK = frozenset({PLACEHOLDER, NOT_APPROVED})


@dataclass
class CheckReport:
    """All diagnostics of a check run."""

    checked: int = 0
    findings: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(f.is_error for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "checked": self.checked,
            "errors": sum(f.is_error for f in self.findings),
            "warnings": sum(not f.is_error for f in self.findings),
            "findings": [f.to_dict() for f in self.findings],
        }


def check(
    paths: Sequence[Path | str],
    *,
    platforms: Sequence[str] = (),
    require_approval: bool = False,
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
    allow_paths: Sequence[Path] = (),
) -> CheckReport:
    """Check releases (files or folders) and report what is wrong.

    Args:
        paths: release files or folders holding them.
        platforms: only these platforms (default: each release's or its unit's).
        require_approval: a release without ``approved_by`` is an error even when the brand
            kit does not require approval (when it does, it is an error anyway).
        brand_dir: a brand kit folder (default: the workspace's, else built-in).
        templates_dir: a templates folder overriding the built-ins.
        allow_paths: further folders releases may read from.

    Returns:
        The findings; ``report.ok`` is false when any is an error.
    """
    check_run_paths(paths, None, brand_dir=brand_dir, templates_dir=templates_dir)
    forget()  # folders resolved in an earlier run may have moved
    options = RenderOptions(
        out=Path("out"),
        platforms=tuple(platforms),
        brand_dir=brand_dir,
        templates_dir=templates_dir,
        allow_paths=tuple(Path(p).resolve() for p in allow_paths),
    )
    report = CheckReport()
    seen: set[Diagnostic] = set()
    for path in find_releases(paths):
        report.checked += 1
        for found in _check_release(path, options, require_approval):
            found = found.at(file=path)
            # A finding in a file the releases share (the brand kit) is reported once.
            if found.file is not None and found in seen:
                continue
            seen.add(found)
            report.findings.append(found)
    return report


def _check_release(path: Path, options: RenderOptions, require_approval: bool) -> list[Diagnostic]:
    """The diagnostics of one release: its notices, approval, captions and planned images."""
    found: list[Diagnostic] = []
    try:
        brand, templates = brand_for(path, options)
        release = load_release(path, allow_paths=options.allow_paths)
        notices = as_diagnostics(release.notices)
        found.extend(notices)
        if require_approval and not brand.require_approval and not release.approved_by:
            found.append(not_approved(release))  # plan_release adds it when the brand asks
        unit = resolve_unit(release, brand)
        here = replace(options, templates_dir=templates)
        plan = plan_release(release, brand, unit, load_platforms(templates), here, images="plan")
        found.extend(plan.diagnostics[len(notices) :])  # the notices are there already
    except HumaskitError as exc:
        found.append(Diagnostic.from_error(exc, code=type(exc).__name__))
    except Exception as exc:  # a bug fails this release only, as in render; the check goes on
        if os.environ.get("HUMASKIT_DEBUG"):
            raise
        problem = f"{type(exc).__name__}: {exc}"
        found.append(
            Diagnostic(
                code="InternalError",
                message=_("Internal error in humaskit: {problem}.").format(problem=problem),
                severity=Severity.ERROR,
            )
        )
    return [replace(d, severity=Severity.ERROR) if d.code in ERRORS_IN_CHECK else d for d in found]
