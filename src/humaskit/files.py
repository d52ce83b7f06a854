"""Writing files atomically: a reader sees the old file or the new one, never a part.

This sits below every layer that writes (cards' diff images, the pipeline's output, the tools'
pages), so none of them has to reach up into another for it; :func:`describe_os_error` words an
OS error (a name too long, no permission) for every layer that reads.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from humaskit.errors import Location, RenderError
from humaskit.i18n import _


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux).

    Elsewhere it is set and put back at once (``os.umask`` has no read-only form).
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def honour_umask(path: Path, *, folder: bool = False) -> None:
    """Give ``path`` the permissions a plain ``open``/``mkdir`` would have had.

    ``tempfile`` creates its files ``0600`` and folders ``0700`` whatever the umask, so output
    written through them would be readable by its owner only; under umask 022 a file becomes
    ``0644`` and a folder ``0755``, as users of shared folders and web-served previews expect.
    """
    if os.name == "posix":
        path.chmod((0o777 if folder else 0o666) & ~current_umask())


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a part.

    The bytes go to a temporary file in the same folder, are flushed to disk (unless ``sync`` is
    false: the caller flushes a whole folder at once), and replace the target with one
    ``os.replace``. The file gets the permissions the umask allows
    (:func:`honour_umask`), not ``tempfile``'s owner-only ones.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":  # Windows has no owner/group/other modes to honour
                os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data``, without flushing it to disk.

    For a folder no one reads until it is complete (a staging folder published whole, whose
    caller flushes it at once): no temporary file and rename per file. A plain exclusive
    ``open`` gives the file the permissions the umask allows, as :func:`honour_umask` would.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(data)


def write_output(path: Path, data: bytes, *, sync: bool = True, new: bool = False) -> None:
    """:func:`write_atomic` (:func:`write_new` with ``new``) with OS errors (full disk, no
    permission) turned into RenderError."""
    try:
        if new:
            write_new(path, data)
        else:
            write_atomic(path, data, sync=sync)
    except OSError as exc:
        raise RenderError(
            _("Cannot write {path}: {problem}.").format(path=path, problem=exc.strerror or exc),
            hint=_("Check that the output folder is writable and the disk is not full."),
            location=Location(path),
        ) from None


def describe_os_error(exc: OSError) -> str:
    """What went wrong with a file, in the user's language (``nama berkas terlalu panjang``)."""
    words = {
        errno.ENAMETOOLONG: _("the file name is too long"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOENT: _("the file does not exist"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ELOOP: _("the symbolic links go round in a loop"),
        errno.EIO: _("the disk could not be read"),
    }
    return words.get(exc.errno or -1) or exc.strerror or str(exc)
