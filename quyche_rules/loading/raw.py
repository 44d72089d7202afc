"""Reading a rule file's bytes safely, and the problem type every reader of YAML reports (:class:`YamlProblem`).

Only regular files are read, at most :data:`MAX_BYTES` of them (the size checked on the open descriptor, at most one
byte more read); an operating-system error becomes a problem in the user's words ("file not found").
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from quyche_rules.i18n import Text, os_reason

__all__ = ["MAX_BYTES", "MAX_REGULATION_BYTES", "Span", "YamlProblem", "read_bytes", "real_path", "too_large"]

MAX_BYTES = 4_000_000  # a rule file; the 100,000-provision benchmark's tasks.yaml is ~1.5 MB
#: all the rule files of one regulation (the 100,000-provision benchmark's take ~24 MB; a real one, ~0.3 MB)
MAX_REGULATION_BYTES = 64_000_000
#: 1-based (line, column, end line, end column); the end column is exclusive, columns count code points
Span = tuple[int, int, int, int]


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read safely, as the check it stands for (QC001-QC007).

    ``span`` is where in the file; ``None`` for the file as a whole (too large, unreadable).
    """

    code: str
    what: Text
    expected: Text
    fix: Text
    span: Span | None = None


def real_path(path: Path) -> Path | None:
    """Return ``path`` absolute with every symbolic link followed; None when its links loop.

    (``Path.resolve`` raises on a loop: RuntimeError before Python 3.13, OSError since; reading such a path
    fails with ELOOP, which :func:`read_bytes` reports as QC007.)
    """
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def read_bytes(path: Path, *, shown: str | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes, reading no more than that (plus one byte).

    A FIFO, a device (``/dev/zero``), a folder or a symbolic link to one is refused before anything is read.
    ``shown`` is how messages name the file (default: ``path``).

    Raises:
        YamlProblem: QC007 when the file cannot be read or is not a regular file, QC005 when it is too large.
        OSError: never: every operating-system error becomes a QC007 problem.
    """
    name = shown if shown is not None else str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _unreadable(name, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(
                "QC007",
                Text.of(f"{name} không phải một tệp thường", f"{name} is not a regular file"),
                Text.of("một tệp YAML thường", "a regular YAML file"),
                Text.of("Chỉ ra một tệp thường (không phải thư mục, thiết bị hay ống dẫn)",
                        "Name a regular file (not a folder, device or pipe)"),
            )
        if info.st_size > max_bytes:
            raise too_large(info.st_size, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # the file grew while read
        raise too_large(len(data), max_bytes)
    return data


_OS_WORDS = {
    errno.ENOENT: ("không tìm thấy tệp", "file not found"),
    errno.ENOTDIR: ("không tìm thấy tệp (một phần đường dẫn không phải thư mục)",
                    "file not found (part of the path is not a folder)"),
    errno.EACCES: ("không có quyền đọc", "permission denied"),
    errno.EPERM: ("không có quyền đọc", "permission denied"),
    errno.EISDIR: ("đây là một thư mục, không phải tệp", "it is a folder, not a file"),
}  # (any other refusal in the system's words: i18n.os_reason)


def _unreadable(name: str, exc: OSError) -> YamlProblem:
    words = _OS_WORDS.get(exc.errno or 0)
    reason = Text.of(*words) if words is not None else os_reason(exc)
    what = Text.of(f"Không đọc được tệp {name}: {reason.vi}", f"Cannot read {name}: {reason.en}")
    fix = (Text.of("Thay liên kết tượng trưng bằng chính tệp, hoặc cho nó trỏ tới một tệp có thật",
                   "Replace the symbolic link with the file itself, or point it at a file that exists")
           if exc.errno == errno.ELOOP else
           Text.of("Kiểm tra đường dẫn, hoặc tạo tệp này, hoặc cấp quyền đọc",
                   "Check the path, or create the file, or give permission to read it"))
    return YamlProblem("QC007", what, Text.of("một tệp đọc được", "a readable file"), fix)


def too_large(size: int, max_bytes: int) -> YamlProblem:
    """Return the problem of a file over ``max_bytes`` (QC005)."""
    return YamlProblem(
        "QC005",
        Text.of(f"Tệp quá lớn: {size:,} byte (tối đa {max_bytes:,})",
                f"File too large: {size:,} bytes (at most {max_bytes:,})"),
        Text.of(f"tối đa {max_bytes:,} byte", f"at most {max_bytes:,} bytes"),
        Text.of("Tách tệp, mỗi điều một tệp trong articles/", "Split it: one article per file under articles/"),
    )
