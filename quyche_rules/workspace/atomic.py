"""Writing one output file: a regular file atomically, a device or a pipe directly.

A regular file, or a path that does not exist yet, is written to a temporary beside it, then renamed over it.
Only such a path gets the temporary-then-rename treatment: renaming over
``/dev/null`` would replace the device with a regular file (as root). An existing character device or FIFO
(``/dev/null``, ``/dev/full``, ``/dev/stdout`` on a terminal or a pipe, a named pipe) is opened for writing and
written in place; a folder, a block device or a socket is refused. A symbolic link is followed: the file it
points to is written (atomically when it is a regular file), the link stays.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text, os_reason

__all__ = ["write_atomic"]


def _mode_for(path: Path) -> int:
    """Return the mode the file should get: the existing file's, else the usual one under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(path: Path, exc: OSError) -> UsageError:
    reason = os_reason(exc)
    return UsageError(
        Text.of(f"Không ghi được {path}: {reason.vi}", f"Cannot write {path}: {reason.en}"),
        fix=Text.of("Kiểm tra thư mục, quyền ghi và chỗ trống trên đĩa",
                    "Check the folder, the permissions and the free disk space"),
        file=str(path),
    )


def _not_writable_kind(path: Path, folder: bool) -> UsageError:
    if folder:
        what = Text.of(f"{path} là một thư mục, không ghi đè được bằng một tệp",
                       f"{path} is a folder; an output file cannot replace it")
    else:
        what = Text.of(f"{path} không phải tệp thường, thiết bị ký tự hay ống dẫn",
                       f"{path} is not a regular file, a character device or a pipe")
    return UsageError(
        what,
        expected=Text.of("một tệp (mới hoặc có sẵn), /dev/null, một ống dẫn, hoặc - (đầu ra chuẩn)",
                         "a file (new or existing), /dev/null, a pipe, or - (standard output)"),
        fix=Text.of("Chỉ ra một tệp, ví dụ -o bao-cao.json", "Name a file, e.g. -o report.json"),
        file=str(path),
    )


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part.

    The new file keeps the mode of the file it replaces (or gets the usual mode for a new file). A character
    device or a FIFO is written directly (no temporary, no rename); a symbolic link is followed.

    Raises:
        UsageError: the file cannot be written (no such folder, no permission, disk full, a folder or a block
            device named); the old file, if any, is left as it was and no temporary file remains.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)  # follows symbolic links: the kind of what is written
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if not (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise _not_writable_kind(path, stat.S_ISDIR(info.st_mode))
        try:
            _write_in_place(path, raw)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        return
    target = Path(os.path.realpath(path)) if info is not None and path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    try:
        _write(target, folder, raw)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _write_in_place(path: Path, raw: bytes) -> None:
    """Write ``raw`` to an existing device or FIFO: opened for writing, never created, truncated or renamed."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(raw)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _write(path: Path, folder: Path, raw: bytes) -> None:
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

