"""Staging and publishing: how a planned output folder reaches the disk whole (SPEC §7).

A job (one release, one recap) is written into a hidden staging folder next to its output
folder and moved into place only when all of it is written, so a job that fails halfway (a full
disk) leaves its previous complete output, or nothing, never a mix. The staged folder holds
exactly the files its manifest lists and ``manifest.json``, and replaces the old folder whole:
a slide, a platform or a release that went away since the last run leaves no file behind.

The swap is one atomic step on Linux; elsewhere it is two renames, and a run killed between them
leaves the previous output hidden, which the next run (:func:`tidy_out`) or the next publish of
that folder renames back (:func:`restore_hidden`). Whatever the moment a run is killed, the
folder is visible and complete again after the next run at the latest.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import cast

from humaskit.errors import Location, RenderError
from humaskit.files import honour_umask, write_output
from humaskit.i18n import _
from humaskit.pipeline.manifest import MANIFEST_NAME, Manifest, read_manifest

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
        # The staging folder is new and hidden, and published whole: each file is written
        # straight into it, flushed with the others by _sync_folder.
        for rel in listed:
            write_output(staging / rel, files[rel], new=True)
        write_output(staging / MANIFEST_NAME, manifest.to_json(), new=True)
        _sync_folder(staging, [*listed, MANIFEST_NAME])
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir


def _sync_folder(folder: Path, names: list[str]) -> None:
    """Flush the files just written to ``folder`` to the disk before it is published: one
    ``syncfs`` on Linux (one flush for the whole release instead of one per file), else an
    ``fsync`` of each file."""
    try:
        if _SYNCFS is not None:
            fd = os.open(folder, os.O_RDONLY)
            try:
                if _SYNCFS(fd) == 0:
                    return
            finally:
                os.close(fd)
        for name in names:
            fd = os.open(folder / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as exc:
        raise _write_error(folder, exc) from None


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
        staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", suffix=".partial", dir=out))
        honour_umask(staging, folder=True)  # it becomes out/<slug>: not owner-only
        return staging
    except OSError as exc:
        raise _write_error(out, exc) from None


def _publish(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` with the complete ``staging`` folder, in one step where possible.

    On Linux the two folders are swapped in one atomic step (``renameat2`` with
    ``RENAME_EXCHANGE``): ``out_dir`` is never missing, and ``staging`` then holds the previous
    output, which the caller removes. Elsewhere (or on a file system that cannot swap) the old
    folder is renamed to ``.<name>.<pid>.old`` first; a run killed between the two renames leaves
    ``out_dir`` missing, and the next run or publish of it renames the old folder back
    (:func:`restore_hidden`). Another run publishing the same folder at the same moment makes a
    step fail; the swap is then tried again.
    """
    restore_hidden(out_dir)
    try:
        for _attempt in range(_ATTEMPTS):
            try:
                swapped = _exchange(staging, out_dir)
            except FileNotFoundError:  # no output yet: one rename puts it in place
                if _rename_unless_taken(staging, out_dir):
                    return
                continue
            if swapped or _swap_by_renames(staging, out_dir):
                return
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))  # other runs kept replacing it
    except OSError as exc:
        raise _write_error(out_dir, exc) from None


# Swaps tried before giving up, when other runs keep publishing the same folder meanwhile.
_ATTEMPTS = 5
# The answers of a rename onto a folder that exists and is not empty.
_TAKEN = frozenset({errno.EEXIST, errno.ENOTEMPTY})


def _rename_unless_taken(staging: Path, out_dir: Path) -> bool:
    """Rename ``staging`` to the missing ``out_dir``; False if another run made it meanwhile."""
    try:
        _rename(staging, out_dir)
    except OSError as exc:
        if exc.errno in _TAKEN:
            return False
        raise
    return True


def _swap_by_renames(staging: Path, out_dir: Path) -> bool:
    """Replace ``out_dir`` with two renames; False if another run changed it in between."""
    old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
    moved = False
    if out_dir.exists():
        shutil.rmtree(old, ignore_errors=True)  # this process's own, from a failed attempt
        try:
            _rename(out_dir, old)
        except FileNotFoundError:  # another run moved it away meanwhile
            return False
        moved = True
    try:
        _rename(staging, out_dir)
    except OSError as exc:
        if moved:
            with contextlib.suppress(OSError):  # unless another run published it meanwhile
                _rename(old, out_dir)  # put the previous output back
        if exc.errno in _TAKEN:
            return False
        raise
    shutil.rmtree(old, ignore_errors=True)
    return True


def _rename(source: Path, target: Path) -> None:
    """``os.rename``, a seam of its own so the tests can stop a run between two renames."""
    source.rename(target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot swap.

    Raises:
        FileNotFoundError: one of them does not exist.
        OSError: the swap failed otherwise.
    """
    if _RENAMEAT2 is None:
        return False
    args = (_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if _RENAMEAT2(*args) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # an old kernel, or a file system that cannot swap
    raise OSError(code, os.strerror(code), str(second))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _find_renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (Linux only), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    path, fd = ctypes.c_char_p, ctypes.c_int
    function.argtypes = [fd, path, fd, path, ctypes.c_uint]
    function.restype = ctypes.c_int
    return cast("Callable[..., int]", function)


_RENAMEAT2 = _find_renameat2()


def _find_syncfs() -> Callable[[int], int] | None:
    """glibc's ``syncfs`` (Linux only), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return cast("Callable[[int], int]", function)


_SYNCFS = _find_syncfs()


def restore_hidden(out_dir: Path) -> bool:
    """Rename back the previous output a run killed halfway through a publish left hidden.

    Between the two renames of a publish without an atomic swap, ``out_dir`` is missing and its
    previous output is ``.<name>.<pid>.old``. When ``out_dir`` is missing and such a folder is
    complete (its manifest reads and it holds exactly the files the manifest lists), it becomes
    ``out_dir`` again; of several, the newest. Staging folders (``.partial``) are never moved in:
    one may be another run's, about to be published.

    Returns:
        Whether a folder was renamed back.
    """
    if out_dir.exists() or out_dir.is_symlink():
        return False
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.\d+\.old")
    try:
        hidden = [p for p in out_dir.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return False
    for candidate in sorted(hidden, key=_mtime, reverse=True):
        manifest = read_manifest(candidate)
        if manifest is None or not holds_exactly(candidate, manifest):
            continue
        try:
            _rename(candidate, out_dir)
        except OSError:  # another run restored or published it meanwhile
            return False
        return True
    return False


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write_error(path: Path, exc: OSError) -> RenderError:
    return RenderError(
        _("Cannot write {path}: {problem}.").format(path=path, problem=exc.strerror or exc),
        hint=_("Check that the output folder is writable and the disk is not full."),
        location=Location(path),
    )


def tidy_out(out: Path, older_than: float = STALE_AFTER) -> None:
    """Repair what killed runs left in ``out``, at the start of a run.

    First every output folder a run killed halfway through its publish left hidden is renamed
    back (:func:`restore_hidden`), then the hidden staging and old folders older than
    ``older_than`` seconds are deleted (never listed anyway). Younger ones may be another run's,
    writing into the same ``out`` at this moment, and stay.
    """
    pattern = re.compile(r"\.(.+)\.\d+\.old")
    try:
        hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    except OSError:
        return
    for name in hidden:
        match = pattern.fullmatch(name)
        if match:
            restore_hidden(out / match[1])
    cutoff = time.time() - older_than
    for name in hidden:
        path = out / name
        try:
            stale = path.is_dir() and path.stat().st_mtime < cutoff
        except OSError:
            continue
        if stale and name.endswith((".partial", ".old")):
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
