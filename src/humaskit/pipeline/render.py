"""``render``: press releases in, captions, images and a manifest out (SPEC §7).

Each release is rendered on its own: a bad release is reported and the others still render. A
release whose inputs (source, photo, CSV, brand kit, templates, humaskit version, options) hash
to the ``inputs_hash`` of the manifest already in its output folder is skipped unless ``force``.

A release is written into a hidden staging folder next to its output folder and moved into place
only when all of it is written, so a release that fails halfway (a broken photo, a full disk)
leaves its previous complete output, or nothing, never a mix. ``shard=(K, N)`` renders the K-th
of N disjoint parts of a batch, for CI matrices (:func:`shard_index`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from humaskit import __version__
from humaskit.errors import HumaskitError, Location, RenderError, UsageError
from humaskit.i18n import _
from humaskit.model.brand import Brand, Unit, load_brand
from humaskit.model.platforms import Platform, load_platforms
from humaskit.model.release import Release, load_release, resolve_unit
from humaskit.model.workspace import find_workspace
from humaskit.pipeline.output import (
    MANIFEST_NAME,
    MANIFEST_SCHEMA,
    dump_json,
    read_manifest,
    release_slug,
    write_output,
)
from humaskit.resources import builtin_brand_dir, builtin_templates_dir
from humaskit.text.captions import build_captions
from humaskit.text.counting import count_length

Status = Literal["rendered", "skipped", "failed"]
FORMATS = ("auto", "png", "jpeg", "webp")
_SKIP_NAMES = frozenset({"readme.md", "changelog.md", "license.md", "contributing.md"})
_SKIP_DIRS = frozenset({"out", "node_modules", "brand", "templates"})
_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class RenderOptions:
    """What to render and how; the same for every release of one run."""

    out: Path
    platforms: tuple[str, ...] = ()
    fmt: str = "auto"
    force: bool = False
    brand_dir: Path | None = None
    templates_dir: Path | None = None
    x_thread: bool = False
    images: bool = True
    allow_paths: tuple[Path, ...] = ()

    def fingerprint(self) -> str:
        """The options that change the output, as text for the inputs hash."""
        return (
            f"platforms={','.join(self.platforms)};fmt={self.fmt};"
            f"x_thread={self.x_thread};images={self.images}"
        )


@dataclass
class ReleaseResult:
    """What happened to one release."""

    source: Path
    status: Status
    out_dir: Path | None = None
    manifest: dict[str, Any] | None = None
    error: dict[str, object] | None = None
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        data: dict[str, Any] = {"source": str(self.source), "status": self.status}
        if self.out_dir is not None:
            data["out"] = str(self.out_dir)
        if self.manifest is not None:
            data["artifacts"] = len(self.manifest.get("artifacts", []))
            data["warnings"] = self.manifest.get("warnings", [])
        if self.error is not None:
            data["error"] = self.error
        return data


@dataclass
class RenderReport:
    """The outcome of a run."""

    results: list[ReleaseResult] = field(default_factory=list)
    shard: tuple[int, int] | None = None
    found: int = 0

    def by_status(self, status: Status) -> list[ReleaseResult]:
        """The results with ``status``."""
        return [r for r in self.results if r.status == status]

    @property
    def ok(self) -> bool:
        """Whether every release rendered or was skipped."""
        return not self.by_status("failed")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: counts and one entry per release."""
        data: dict[str, Any] = {
            "rendered": len(self.by_status("rendered")),
            "skipped": len(self.by_status("skipped")),
            "failed": len(self.by_status("failed")),
        }
        if self.shard is not None:
            index, count = self.shard
            data["shard"] = {"index": index, "count": count, "found": self.found}
        data["releases"] = [r.to_dict() for r in self.results]
        return data


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``: the second of four parts; K runs from 1 to N.

    Raises:
        UsageError: the text is not ``K/N`` with whole numbers and ``1 <= K <= N``.
    """
    match = _SHARD.fullmatch(text)
    index, count = (int(match[1]), int(match[2])) if match else (0, 0)
    if not match or count < 1 or not 1 <= index <= count:
        raise UsageError(
            _("{value!r} is not a valid shard.").format(value=text),
            hint=_(
                "Write --shard K/N with whole numbers and K from 1 to N, e.g. --shard 1/3, "
                "--shard 2/3 and --shard 3/3 for a batch split over three machines."
            ),
            location=Location(field="--shard"),
        )
    return index, count


def shard_index(path: Path, count: int) -> int:
    """The shard (1..``count``) a release belongs to.

    The shard follows from a SHA-256 of the release's path relative to its workspace (as the
    manifest's ``source`` shows it), not from its position in the batch: the same release lands
    in the same shard on every machine, and adding or removing other releases moves none.
    """
    rel = _display_path(path, find_workspace(path))
    number = int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:8], "big")
    return number % count + 1


def find_releases(paths: Iterable[Path | str], out: Path | None = None) -> list[Path]:
    """The release files named by ``paths``: files as given, folders searched recursively.

    In folders, README/CHANGELOG files, hidden folders and ``out``, ``brand``, ``templates``
    folders are passed over. A path that does not exist is a usage error.
    """
    found: list[Path] = []
    out_resolved = out.resolve() if out is not None else None
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for candidate in sorted(path.rglob("*.md")):
                rel_parts = candidate.relative_to(path).parts[:-1]
                if any(p.startswith((".", "_")) or p in _SKIP_DIRS for p in rel_parts):
                    continue
                if candidate.name.lower() in _SKIP_NAMES:
                    continue
                if out_resolved is not None and out_resolved in candidate.resolve().parents:
                    continue
                found.append(candidate)
        else:
            raise UsageError(
                _("{path} does not exist.").format(path=path),
                hint=_("Give a press release (.md) or a folder holding them."),
                location=Location(path),
            )
    unique: dict[Path, Path] = {}
    for item in found:
        unique.setdefault(item.resolve(), item)
    return list(unique.values())


@cache
def _tree_digest(folder: Path) -> str:
    """A digest of every file below ``folder`` (names and contents), cached per process."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def inputs_hash(release: Release, brand: Brand, options: RenderOptions) -> str:
    """The hash of everything a release's output depends on."""
    digest = hashlib.sha256()
    digest.update(f"humaskit {__version__}\n{options.fingerprint()}\n".encode())
    for path in release.input_files:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for folder in (brand.root, builtin_brand_dir(), builtin_templates_dir(), options.templates_dir):
        if folder is not None:
            digest.update(_tree_digest(folder.resolve()).encode())
    return "sha256:" + digest.hexdigest()


def brand_for(release_path: Path, options: RenderOptions) -> tuple[Brand, Path | None]:
    """The brand kit and templates folder of a release: explicit options, else its workspace's."""
    workspace = find_workspace(release_path)
    brand_dir = options.brand_dir or (
        workspace / "brand" if (workspace / "brand").is_dir() else None
    )
    templates = options.templates_dir or (
        workspace / "templates" if (workspace / "templates").is_dir() else None
    )
    return _load_brand_cached(brand_dir), templates


@cache
def _load_brand_cached(brand_dir: Path | None) -> Brand:
    return load_brand(brand_dir)


def clear_caches() -> None:
    """Forget the brand kits and folder digests this process read, so later edits are seen.

    A batch reads them once; ``humaskit watch`` calls this before every render.
    """
    _load_brand_cached.cache_clear()
    _tree_digest.cache_clear()


def render_release(path: Path, options: RenderOptions) -> ReleaseResult:
    """Render one release; never raises for bad input (the result says what went wrong).

    A bug (an exception that is not a :class:`HumaskitError`) fails this release only, so the
    batch goes on; ``HUMASKIT_DEBUG=1`` lets it through with its traceback instead.
    """
    try:
        return _render_release(path, options)
    except HumaskitError as exc:
        return ReleaseResult(path, "failed", error=exc.to_dict(), message=str(exc))
    except Exception as exc:
        if os.environ.get("HUMASKIT_DEBUG"):
            raise
        return _failed(
            path,
            _("Internal error in humaskit: {problem}.").format(
                problem=f"{type(exc).__name__}: {exc}"
            ),
        )


def _failed(path: Path, message: str) -> ReleaseResult:
    error: dict[str, object] = {"error": "InternalError", "message": message, "file": str(path)}
    return ReleaseResult(path, "failed", error=error, message=f"{path}: {message}")


def _render_release(path: Path, options: RenderOptions) -> ReleaseResult:
    brand, templates_dir = brand_for(path, options)
    options_here = replace(options, templates_dir=templates_dir)
    release = load_release(path, allow_paths=options.allow_paths)
    unit = resolve_unit(release, brand)
    rules = load_platforms(templates_dir)
    slug = release_slug(path.stem, release.date.isoformat())
    out_dir = options.out / slug
    digest = inputs_hash(release, brand, options_here)
    previous = read_manifest(out_dir)
    _refuse_collision(path, release.workspace, previous, out_dir)
    if (
        not options.force
        and previous is not None
        and previous.get("inputs_hash") == digest
        and all((out_dir / a["path"]).is_file() for a in previous.get("artifacts", []))
    ):
        return ReleaseResult(path, "skipped", out_dir, previous)

    staging = _staging_dir(options.out, slug)
    try:
        manifest = _write_release(release, brand, unit, rules, slug, digest, staging, options_here)
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ReleaseResult(path, "rendered", out_dir, manifest)


def _refuse_collision(
    path: Path, workspace: Path, previous: Mapping[str, Any] | None, out_dir: Path
) -> None:
    """Refuse to replace the output of another, existing release whose folder name is the same.

    Folder names are lower case without accents, so ``Rapat.md`` and ``rapat.md`` (or two
    same-named files in different folders) would otherwise overwrite each other silently.
    """
    other = previous.get("source") if previous is not None else None
    if not isinstance(other, str) or other == _display_path(path, workspace):
        return
    other_path = workspace / other
    if other_path.is_file() and other_path.resolve() != path.resolve():
        raise RenderError(
            _("{path} and {other} write to the same output folder {folder}.").format(
                path=path, other=other, folder=out_dir
            ),
            hint=_(
                "Rename one of the files: the folder name is the date and the file name, "
                "in lower case without accents."
            ),
            location=Location(path),
        )


def _staging_dir(out: Path, slug: str) -> Path:
    """A new hidden folder in ``out`` where one release is written before it is published."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{slug}.", suffix=".partial", dir=out))
    except OSError as exc:
        raise _write_error(out, exc) from None


def _publish(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` with the complete ``staging`` folder (two renames, no copying)."""
    old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
    try:
        if out_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
            out_dir.rename(old)
        try:
            staging.rename(out_dir)
        except OSError:
            if old.exists():
                old.rename(out_dir)  # put the previous output back
            raise
    except OSError as exc:
        raise _write_error(out_dir, exc) from None
    shutil.rmtree(old, ignore_errors=True)


def _write_error(path: Path, exc: OSError) -> RenderError:
    return RenderError(
        _("Cannot write {path}: {problem}.").format(path=path, problem=exc.strerror or exc),
        hint=_("Check that the output folder is writable and the disk is not full."),
        location=Location(path),
    )


def _write_release(
    release: Release,
    brand: Brand,
    unit: Unit,
    rules: Mapping[str, Platform],
    slug: str,
    digest: str,
    out_dir: Path,
    options: RenderOptions,
) -> dict[str, Any]:
    """Write the captions, images and manifest of ``release`` into ``out_dir``; the manifest."""
    path, templates_dir = release.path, options.templates_dir
    platforms = list(options.platforms or release.platforms or unit.platforms)
    captions = build_captions(
        release,
        brand,
        platforms=platforms,
        templates_dir=templates_dir,
        platform_rules=rules,
        x_thread=options.x_thread,
    )
    artifacts: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = [
        {"code": n.code, "message": n.message, "field": n.field, "line": n.line}
        for n in release.notices
    ]
    for pid, caption in captions.items():
        rel = f"{pid}/caption.txt"
        write_output(out_dir / rel, (caption.text + "\n").encode("utf-8"))
        artifacts.append(
            {
                "platform": pid,
                "type": "caption",
                "path": rel,
                "length": caption.length,
                "limit": caption.limit,
                "hashtags": len(caption.hashtags),
            }
        )
        if caption.dropped or caption.shortened:
            parts = []
            if caption.dropped:
                parts.append(_("left out {blocks}").format(blocks=", ".join(caption.dropped)))
            if caption.shortened:
                parts.append(_("shortened {blocks}").format(blocks=", ".join(caption.shortened)))
            warnings.append(
                {
                    "code": "caption-shortened",
                    "message": _(
                        "The {platform} caption was fitted to {limit} characters: {what}."
                    ).format(platform=pid, limit=caption.limit, what="; ".join(parts)),
                    "artifact": rel,
                }
            )
        for index, post in enumerate(caption.thread, 1):
            part = f"{pid}/thread-{index:02d}.txt"
            write_output(out_dir / part, (post + "\n").encode("utf-8"))
            artifacts.append(
                {
                    "platform": pid,
                    "type": "caption",
                    "path": part,
                    "part": index,
                    "parts": len(caption.thread),
                    "length": count_length(post, rules[pid]),
                    "limit": caption.limit,
                }
            )
    if options.images:
        from humaskit.pipeline.images import render_images

        image_artifacts, image_warnings = render_images(
            release, brand, unit, [rules[p] for p in platforms], out_dir, options
        )
        artifacts.extend(image_artifacts)
        warnings.extend(image_warnings)
    manifest = {
        "schema": MANIFEST_SCHEMA,
        "source": _display_path(path, release.workspace),
        "slug": slug,
        "unit": unit.key,
        "kind": release.kind,
        "title": release.title,
        "date": release.date.isoformat(),
        "humaskit": __version__,
        "inputs_hash": digest,
        "artifacts": artifacts,
        "warnings": warnings,
    }
    write_output(out_dir / MANIFEST_NAME, dump_json(manifest))
    return manifest


def _display_path(path: Path, workspace: Path) -> str:
    try:
        return path.resolve().relative_to(workspace).as_posix()
    except ValueError:
        return path.as_posix()


def render(
    paths: Sequence[Path | str],
    out: Path | str = "out",
    *,
    platforms: Sequence[str] = (),
    fmt: str = "auto",
    jobs: int = 1,
    force: bool = False,
    brand_dir: Path | None = None,
    templates_dir: Path | None = None,
    x_thread: bool = False,
    images: bool = True,
    allow_paths: Sequence[Path] = (),
    shard: tuple[int, int] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[ReleaseResult], None] | None = None,
) -> RenderReport:
    """Render press releases (files or folders) into ``out``.

    Args:
        paths: release files or folders holding them (searched recursively).
        out: the output folder; each release gets ``OUT/<date>-<slug>/``.
        platforms: only these platforms (default: each release's or its unit's).
        fmt: image format, one of auto, png, jpeg, webp.
        jobs: releases rendered at once, in separate processes.
        force: render even when the inputs have not changed.
        brand_dir: a brand kit folder (default: the workspace's ``brand/``, else built-in).
        templates_dir: a templates folder overriding the built-ins.
        x_thread: also write the X caption as a numbered thread.
        images: render images (captions and manifest only when false).
        allow_paths: further folders releases may read photos and data from.
        shard: ``(K, N)`` renders only the releases of shard K of N (:func:`shard_index`);
            the N shards of a batch are disjoint and together hold every release.
        on_start: called once with the number of releases found (to size a progress bar).
        on_result: called with each release's result as soon as it is done (progress).

    Returns:
        A report with one result per release; failed releases carry their error.

    Raises:
        UsageError: a path does not exist or an option value is wrong.
        RenderError: the output folder cannot be created or written to (nothing is rendered).
    """
    if shard is not None:
        parse_shard(f"{shard[0]}/{shard[1]}")
    if fmt not in FORMATS:
        raise UsageError(
            _("Unknown image format {fmt!r}.").format(fmt=fmt),
            hint=_("Choose one of: {formats}.").format(formats=", ".join(FORMATS)),
        )
    options = RenderOptions(
        out=Path(out),
        platforms=tuple(platforms),
        fmt=fmt,
        force=force,
        brand_dir=Path(brand_dir) if brand_dir else None,
        templates_dir=Path(templates_dir) if templates_dir else None,
        x_thread=x_thread,
        images=images,
        allow_paths=tuple(Path(p).resolve() for p in allow_paths),
    )
    if options.platforms:
        known = load_platforms(options.templates_dir)
        unknown = [p for p in options.platforms if p not in known]
        if unknown:
            raise UsageError(
                _("Unknown platform {platform!r}.").format(platform=unknown[0]),
                hint=_("Known platforms: {known}.").format(known=", ".join(known)),
            )
    files = find_releases(paths, options.out)
    report = RenderReport(shard=shard, found=len(files))
    if shard is not None:
        files = [f for f in files if shard_index(f, shard[1]) == shard[0]]
    if files:
        check_writable(options.out)
        remove_stale_staging(options.out)
    if on_start:
        on_start(len(files))

    def done(result: ReleaseResult) -> None:
        if on_result:
            on_result(result)

    if jobs > 1 and len(files) > 1:
        report.results.extend(_render_in_pool(files, options, jobs, done))
    else:
        for path in files:
            result = render_release(path, options)
            report.results.append(result)
            done(result)
    return report


def _render_in_pool(
    files: Sequence[Path],
    options: RenderOptions,
    jobs: int,
    done: Callable[[ReleaseResult], None],
) -> list[ReleaseResult]:
    """Render in ``jobs`` worker processes; results in the order of ``files``.

    Each result is passed to ``done`` as soon as it is ready, whatever the order. The workers
    live for the whole batch, so each pays for its imports (Pillow, twitter-text) once.
    """
    results: list[ReleaseResult | None] = [None] * len(files)
    with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
        futures = {pool.submit(render_release, path, options): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                # A worker was killed (out of memory, a signal): its releases fail, not the batch.
                result = _failed(
                    files[index],
                    _("The process rendering this release stopped unexpectedly."),
                )
            results[index] = result
            done(result)
    return [r for r in results if r is not None]


# No release takes an hour to render: an older staging folder was left by a killed run.
STALE_AFTER = 3600.0


def remove_stale_staging(out: Path, older_than: float = STALE_AFTER) -> None:
    """Delete the staging folders a killed run left in ``out`` (hidden, never listed anyway).

    Only folders older than ``older_than`` seconds go, so another render writing into the same
    ``out`` at this moment keeps its own.
    """
    cutoff = time.time() - older_than
    for path in out.glob(".*"):
        try:
            stale = path.is_dir() and path.stat().st_mtime < cutoff
        except OSError:
            continue
        if stale and path.name.endswith((".partial", ".old")):
            shutil.rmtree(path, ignore_errors=True)


def check_writable(out: Path) -> None:
    """Make sure ``out`` exists (created if need be) and files can be written in it.

    Raises:
        RenderError: it cannot be created, is not a folder, or is not writable. This is exit
            code 1, like other output problems: the option is well formed, the file system
            refuses it.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".humaskit-", suffix=".probe", dir=out)
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        raise RenderError(
            _("Cannot write to the output folder {out}: {problem}.").format(
                out=out, problem=exc.strerror or exc
            ),
            hint=_("Choose another folder with --out, or make this one writable."),
            location=Location(out, "--out"),
        ) from None
