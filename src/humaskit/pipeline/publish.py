"""Staging and publishing: how a planned output folder reaches the disk whole (SPEC §7).

A job (one release, one recap) is written into a hidden staging folder next to its output
folder and moved into place only when all of it is written, so a job that fails halfway (a full
disk) leaves its previous complete output, or nothing, never a mix. The staged folder holds
exactly the files its manifest lists and ``manifest.json``, and replaces the old folder whole:
a slide, a platform or a release that went away since the last run leaves no file behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from humaskit.errors import Location, RenderError
from humaskit.files import write_output
from humaskit.i18n import _
from humaskit.pipeline.manifest import MANIFEST_NAME, Manifest

# No job takes an hour to write: an older staging folder was left by a killed run.
STALE_AFTER = 3600.0


def stage_and_publish(manifest: Manifest, files: Mapping[str, bytes], out: Path) -> Path:
    """Write ``files`` and the manifest into a staging folder, then make it ``out/<slug>``.

    Args:
        manifest: the manifest; it must list exactly the keys of ``files``.
        files: each file's path relative to the output folder → its bytes.
        out: the folder the output folder goes into.

    Returns:
        The published output folder.

    Raises:
        RenderError: a file cannot be written or the folder cannot be moved into place.
        ValueError: the manifest does not list exactly ``files`` (a bug).
    """
    listed = list(manifest.files)
    if sorted(listed) != sorted(files) or MANIFEST_NAME in files:
        raise ValueError(f"{manifest.slug}: the manifest does not list exactly the files written")
    out_dir = out / manifest.slug
    staging = _staging_dir(out, manifest.slug)
    try:
        for rel in listed:
            write_output(staging / rel, files[rel])
        write_output(staging / MANIFEST_NAME, manifest.to_json())
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir


def holds_exactly(folder: Path, manifest: Manifest) -> bool:
    """Whether ``folder`` holds the files ``manifest`` lists and ``manifest.json``, no others."""
    try:
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    except OSError:
        return False
    return present == {*manifest.files, MANIFEST_NAME}


def _staging_dir(out: Path, slug: str) -> Path:
    """A new hidden folder in ``out`` where one job is written before it is published."""
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


def remove_stale_staging(out: Path, older_than: float = STALE_AFTER) -> None:
    """Delete the staging folders a killed run left in ``out`` (hidden, never listed anyway).

    Only folders older than ``older_than`` seconds go, so another run writing into the same
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
