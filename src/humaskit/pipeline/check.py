"""``check``: validate releases without writing anything.

Each release is loaded, its unit resolved, its captions fitted, its images planned (without
encoding), and every problem is reported as a finding: an ``error`` (the release must be fixed;
exit 1) or a ``warning`` (it renders, but someone should look).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from humaskit.errors import HumaskitError
from humaskit.i18n import _
from humaskit.pipeline.render import RenderOptions, brand_for, find_releases

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a release."""

    severity: Severity
    code: str
    message: str
    source: str
    field: str | None = None
    line: int | None = None
    platform: str | None = None


@dataclass
class CheckReport:
    """All findings of a check run."""

    checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "checked": self.checked,
            "errors": sum(f.severity == "error" for f in self.findings),
            "warnings": sum(f.severity == "warning" for f in self.findings),
            "findings": [asdict(f) for f in self.findings],
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
        require_approval: a release without ``approved_by`` is an error.
        brand_dir: a brand kit folder (default: the workspace's, else built-in).
        templates_dir: a templates folder overriding the built-ins.
        allow_paths: further folders releases may read from.

    Returns:
        The findings; ``report.ok`` is false when any is an error.
    """
    from humaskit.model.platforms import load_platforms
    from humaskit.model.release import load_release, resolve_unit
    from humaskit.text.captions import build_captions

    options = RenderOptions(
        out=Path("out"),
        brand_dir=brand_dir,
        templates_dir=templates_dir,
        allow_paths=tuple(Path(p).resolve() for p in allow_paths),
    )
    report = CheckReport()
    for path in find_releases(paths):
        report.checked += 1
        source = str(path)
        try:
            brand, templates = brand_for(path, options)
            release = load_release(path, allow_paths=options.allow_paths)
            for notice in release.notices:
                report.findings.append(
                    Finding(
                        "warning", notice.code, notice.message, source, notice.field, notice.line
                    )
                )
            if require_approval and not release.approved_by:
                report.findings.append(
                    Finding(
                        "error",
                        "not-approved",
                        _("The release has no 'approved_by'; it may not be published yet.")
                        + " "
                        + _("Add 'approved_by: <who approved it>' once it is approved."),
                        source,
                        "approved_by",
                    )
                )
            unit = resolve_unit(release, brand)
            rules = load_platforms(templates)
            wanted = list(platforms or release.platforms or unit.platforms)
            captions = build_captions(
                release, brand, platforms=wanted, templates_dir=templates, platform_rules=rules
            )
            for pid, caption in captions.items():
                if caption.dropped or caption.shortened:
                    report.findings.append(
                        Finding(
                            "warning",
                            "caption-shortened",
                            _(
                                "The {platform} caption had to be shortened to fit {limit} "
                                "characters (left out: {dropped})."
                            ).format(
                                platform=pid,
                                limit=caption.limit,
                                dropped=", ".join(caption.dropped + caption.shortened) or "-",
                            ),
                            source,
                            platform=pid,
                        )
                    )
            from humaskit.pipeline.images import check_images

            for code, severity, message, pid in check_images(
                release, brand, unit, [rules[p] for p in wanted], templates
            ):
                level: Severity = "error" if severity == "error" else "warning"
                report.findings.append(Finding(level, code, message, source, platform=pid or None))
        except HumaskitError as exc:
            loc = exc.location
            report.findings.append(
                Finding(
                    "error",
                    type(exc).__name__,
                    exc.message + (" " + exc.hint if exc.hint else ""),
                    str(loc.file) if loc.file is not None else source,
                    loc.field,
                    loc.line,
                )
            )
    return report
