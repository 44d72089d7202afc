"""Atomic writes: a temporary file in the same folder, flushed, then renamed over the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text

__all__ = ["write_atomic"]


def _mode_for(path: Path) -> int:
    """Return the mode the file should get: the existing file's, else the usual one under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part.

    The new file keeps the mode of the file it replaces (or gets the usual mode for a new file).

    Raises:
        UsageError: the file cannot be written (no such folder, no permission, disk full); the old file, if
            any, is left as it was and no temporary file remains.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        _write(path, folder, raw)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(
            Text.of(f"Không ghi được {path}: {reason}", f"Cannot write {path}: {reason}"),
            fix=Text.of("Kiểm tra thư mục, quyền ghi và chỗ trống trên đĩa",
                        "Check the folder, the permissions and the free disk space"),
            file=str(path),
        ) from None


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
