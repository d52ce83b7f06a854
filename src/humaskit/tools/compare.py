"""``compare``: the visual difference of two output folders, for CI (SPEC §8).

Images are paired by their path relative to each folder and compared perceptually
(:func:`humaskit.cards.imagediff.diff_images`: a colour distance that ignores anti-aliasing).
Caption and alt-text files (``.txt``) are compared as text, since a template change may alter only
words. The HTML report is self-contained: the base, new and difference images of every changed
pair are copied next to it, so it can be uploaded as a CI artifact and opened anywhere.
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from humaskit.errors import Location, RenderError, UsageError
from humaskit.files import write_output
from humaskit.i18n import _
from humaskit.tools.pages import render_page

__all__ = ["CompareReport", "FolderSummary", "Pair", "Skipped", "compare"]

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})
TEXT_SUFFIXES = frozenset({".txt"})
REPORT_NAME = "index.html"
# Marks a folder as a compare report, so that a re-run may clear its old pictures.
_MARKER = ".humaskit-compare"
Status = Literal["same", "changed", "added", "missing"]


@dataclass
class Pair:
    """One file, as it is in the base and in the new folder."""

    path: str
    kind: Literal["image", "text"]
    status: Status
    ratio: float = 0.0
    different: int = 0
    estimated: bool = False
    resized: bool = False
    diff: str | None = None
    base_copy: str | None = None
    new_copy: str | None = None
    text_diff: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        data: dict[str, Any] = {"path": self.path, "kind": self.kind, "status": self.status}
        if self.kind == "image" and self.status in ("same", "changed"):
            data.update(
                ratio=round(self.ratio, 6),
                pixels=self.different,
                estimated=self.estimated,
                resized=self.resized,
            )
        if self.diff:
            data["diff"] = self.diff
        return data


@dataclass
class CompareReport:
    """The outcome of a comparison."""

    base: Path
    new: Path
    threshold: float
    pairs: list[Pair] = field(default_factory=list)
    report: Path | None = None
    skipped: list[Skipped] = field(default_factory=list)

    def count(self, status: Status, kind: str | None = None) -> int:
        """How many pairs have ``status`` (and ``kind``, if given)."""
        return sum(1 for p in self.pairs if p.status == status and kind in (None, p.kind))

    @property
    def ok(self) -> bool:
        """Whether nothing changed past the threshold and no file was added or went missing."""
        return all(p.status == "same" for p in self.pairs)

    def by_folder(self) -> list[FolderSummary]:
        """What differs, folder by folder (a release's output folder, the first part of each
        path), in path order; folders where nothing differs are left out."""
        folders: dict[str, FolderSummary] = {}
        for pair in self.pairs:
            if pair.status == "same":
                continue
            name = pair.path.split("/", 1)[0] if "/" in pair.path else "."
            summary = folders.setdefault(name, FolderSummary(name))
            if pair.status == "changed":
                summary.changed += 1
                summary.changed_images += pair.kind == "image"
            elif pair.status == "added":
                summary.added += 1
            else:
                summary.missing += 1
        return list(folders.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary with every pair that is not the same."""
        return {
            "ok": self.ok,
            "base": str(self.base),
            "new": str(self.new),
            "threshold": self.threshold,
            "report": str(self.report) if self.report else None,
            "compared": len(self.pairs),
            "same": self.count("same"),
            "changed": self.count("changed"),
            "added": self.count("added"),
            "missing": self.count("missing"),
            "differences": [p.to_dict() for p in self.pairs if p.status != "same"],
            "skipped": [s.to_dict() for s in self.skipped],
        }


@dataclass
class FolderSummary:
    """How many files of one output folder changed, were added or went missing."""

    folder: str
    changed: int = 0
    changed_images: int = 0  # of ``changed``; the rest are captions and alt texts
    added: int = 0
    missing: int = 0


@dataclass(frozen=True)
class Skipped:
    """An entry of a compared folder that was not read: a link leading out of the folder, or
    something that is not an ordinary file (a FIFO, a device)."""

    folder: Literal["base", "new"]
    path: str
    reason: Literal["link-outside", "not-a-file"]

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready form."""
        return {"folder": self.folder, "path": self.path, "reason": self.reason}


def _files(
    root: Path, skip: Path | None, which: Literal["base", "new"], skipped: list[Skipped]
) -> dict[str, Path]:
    """The images and texts under ``root`` by relative path, without following links out.

    humaskit never writes links into an output folder; one that leads outside ``root`` (a file
    or a folder) is left out and noted in ``skipped``, so that neither a linked secret reaches
    the report nor a linked picture is copied. A link inside ``root`` is compared as its target
    is; links to folders are not descended into. FIFOs and devices are never opened.
    """
    real_root = root.resolve()
    found: dict[str, Path] = {}
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names) + [d for d in dirs if (here / d).is_symlink()]:
            path = here / name
            rel = path.relative_to(root)
            if name.startswith(".") or (
                path.suffix.lower() not in IMAGE_SUFFIXES | TEXT_SUFFIXES and not path.is_symlink()
            ):
                continue
            real = path.resolve()
            if skip is not None and (real == skip or skip in real.parents):
                continue
            if not (real == real_root or real_root in real.parents):
                skipped.append(Skipped(which, rel.as_posix(), "link-outside"))
            elif path.is_dir():
                continue  # a link to a folder inside: its files are compared where they are
            elif not path.is_file():
                skipped.append(Skipped(which, rel.as_posix(), "not-a-file"))
            elif path.suffix.lower() in IMAGE_SUFFIXES | TEXT_SUFFIXES:
                found[rel.as_posix()] = path
    return found


def _check_folder(path: Path, name: str) -> None:
    if not path.is_dir():
        raise UsageError(
            _("The {name} folder {path} does not exist.").format(name=name, path=path),
            hint=_("Give two output folders of humaskit render or preview."),
            location=Location(path),
        )


def compare(
    base: Path | str,
    new: Path | str,
    *,
    threshold: float = 0.0,
    color_threshold: float = 0.1,
    report_dir: Path | str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_pair: Callable[[Pair], None] | None = None,
) -> CompareReport:
    """Compare two output folders image by image (and caption by caption).

    Args:
        base: the folder rendered before the change (e.g. from the main branch).
        new: the folder rendered after it.
        threshold: the share of an image's pixels (0 to 1) that may differ before it counts
            as changed; 0 means any perceptible difference counts.
        color_threshold: how far two colours may be apart and still match, 0 to 1 (0.1 by
            default; smaller is stricter).
        report_dir: where to write the HTML report and its pictures; none when ``None``.
        on_start: called once with the number of files to compare (to size a progress bar).
        on_pair: called with each pair once compared (progress).

    Returns:
        Every pair with its status; ``ok`` is false when anything changed, was added or is
        missing.

    Raises:
        UsageError: a folder does not exist or a threshold is outside 0 to 1.
        ImageError: an image cannot be read.
        RenderError: the report cannot be written.
    """
    from humaskit.cards.imagediff import diff_images

    base, new = Path(base), Path(new)
    _check_folder(base, _("base"))
    _check_folder(new, _("new"))
    for name, value in (("--threshold", threshold), ("--color-threshold", color_threshold)):
        if not 0.0 <= value <= 1.0:
            raise UsageError(
                _("{option} must be between 0 and 1, not {value}.").format(
                    option=name, value=value
                ),
                hint=_("For example 0.001 allows one pixel in a thousand to differ."),
            )
    report_root = Path(report_dir) if report_dir is not None else None
    skip = report_root.resolve() if report_root is not None else None
    if report_root is not None:
        _prepare_report_dir(report_root)
    result = CompareReport(base, new, threshold, report=None)
    base_files = _files(base, skip, "base", result.skipped)
    new_files = _files(new, skip, "new", result.skipped)
    paths = sorted(base_files.keys() | new_files.keys())
    if on_start:
        on_start(len(paths))
    for rel in paths:
        kind: Literal["image", "text"] = (
            "image" if Path(rel).suffix.lower() in IMAGE_SUFFIXES else "text"
        )
        old_path, new_path = base_files.get(rel), new_files.get(rel)
        if old_path is None or new_path is None:
            pair = Pair(rel, kind, "added" if old_path is None else "missing")
        elif kind == "text":
            pair = _compare_text(rel, old_path, new_path)
        else:
            diff_rel = f"diff/{rel}.png"
            allowed = int(threshold * _pixels(old_path))
            diff = diff_images(
                old_path,
                new_path,
                report_root / diff_rel if report_root is not None else None,
                color_threshold=color_threshold,
                enough=max(20_000, allowed + 1),
            )
            changed = diff.resized or diff.different > allowed
            pair = Pair(
                rel,
                kind,
                "changed" if changed else "same",
                ratio=diff.ratio,
                different=diff.different,
                estimated=diff.estimated,
                resized=diff.resized,
                diff=diff_rel if report_root is not None and changed else None,
            )
            if report_root is not None and not changed:
                (report_root / diff_rel).unlink(missing_ok=True)
        if report_root is not None and pair.kind == "image" and pair.status != "same":
            if old_path is not None:
                pair.base_copy = "base/" + rel
                write_output(report_root / pair.base_copy, old_path.read_bytes())
            if new_path is not None:
                pair.new_copy = "new/" + rel
                write_output(report_root / pair.new_copy, new_path.read_bytes())
        result.pairs.append(pair)
        if on_pair:
            on_pair(pair)
    if report_root is not None:
        result.report = report_root / REPORT_NAME
        write_output(result.report, render_report(result).encode("utf-8"))
    return result


def _pixels(path: Path) -> int:
    from humaskit.cards.imagediff import image_size

    width, height = image_size(path)
    return width * height


def _compare_text(rel: str, old: Path, new: Path) -> Pair:
    old_text = old.read_text(encoding="utf-8", errors="replace")
    new_text = new.read_text(encoding="utf-8", errors="replace")
    if old_text == new_text:
        return Pair(rel, "text", "same")
    lines = difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), "base/" + rel, "new/" + rel, lineterm=""
    )
    return Pair(rel, "text", "changed", text_diff="\n".join(lines))


def _prepare_report_dir(folder: Path) -> None:
    """Create the report folder; clear the pictures of an earlier report, and only those."""
    try:
        if folder.exists() and not (folder / _MARKER).is_file() and any(folder.iterdir()):
            raise UsageError(
                _("The report folder {path} is not empty and holds no earlier report.").format(
                    path=folder
                ),
                hint=_("Choose a new or empty folder for --report."),
                location=Location(folder),
            )
        for sub in ("base", "new", "diff"):
            shutil.rmtree(folder / sub, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _MARKER).write_text("humaskit compare report\n", encoding="utf-8")
    except OSError as exc:
        raise RenderError(
            _("Cannot write {path}: {problem}.").format(path=folder, problem=exc.strerror or exc),
            hint=_("Check that the output folder is writable and the disk is not full."),
            location=Location(folder),
        ) from None


def render_report(result: CompareReport) -> str:
    """The HTML report, from ``templates/preview/compare.html.j2`` (autoescaped)."""
    context = {
        **result.to_dict(),
        "pairs": [
            {
                **p.to_dict(),
                "base_src": _src(p.base_copy),
                "new_src": _src(p.new_copy),
                "diff_src": _src(p.diff),
                "text_diff": p.text_diff,
                "percent": p.ratio * 100,
            }
            for p in result.pairs
            if p.status != "same"
        ],
        "threshold_percent": result.threshold * 100,
    }
    return render_page("compare.html.j2", context)


def _src(path: str | None) -> str | None:
    return quote(path) if path else None
