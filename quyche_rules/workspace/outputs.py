"""Where a command may write: an output never destroys an input.

Every subcommand that writes (``check -o`` and ``--write-baseline``, ``diff -o``, ``report -o``, ``graph -o``,
``amend -o``) calls :func:`guard_output` with the paths it reads before it reads or writes anything. An output is
refused when it would replace or land among what the command reads:

* it is one of the input files (the same file, also through a symbolic link, a relative path or a hard link);
* it lies inside a regulation folder (a folder holding ``regulation.yaml``, at or above the output), or inside
  a folder the command reads;
* it is an existing read-only file (renaming over it would replace it all the same);
* for a file output: it is a folder; for a folder output (``amend -o``): it is a file, or it holds an input
  file, a folder the command reads or a regulation folder.

``-`` names standard output (:func:`is_stdout`).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text, os_reason
from quyche_rules.loading import display_path
from quyche_rules.workspace.atomic import write_atomic

__all__ = ["REGULATION_FILE", "guard_output", "is_stdout", "regulation_below", "write_output"]

#: the file that makes a folder a regulation folder
REGULATION_FILE = "regulation.yaml"
_WALK_LIMIT = 20_000  # entries looked at when searching an output folder for a regulation folder

_EXPECTED_FILE = Text.of(
    "một tệp ra không phải tệp đầu vào, nằm ngoài mọi thư mục quy chế và ngoài các thư mục lệnh đọc",
    "an output file that is none of the input files and lies outside every regulation folder and every folder "
    "the command reads",
)
_EXPECTED_FOLDER = Text.of(
    "một thư mục ra mới, trống hoặc kết quả lần chạy trước, nằm ngoài mọi thư mục quy chế và không chứa tệp hay "
    "thư mục đầu vào nào",
    "a new or empty output folder, or a previous output, outside every regulation folder and holding no input "
    "file or folder",
)


def is_stdout(path: Path | None) -> bool:
    """Return True when ``path`` is ``-``, which names standard output."""
    return path is not None and str(path) == "-"


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path``: ``-`` is standard output, anything else :func:`write_atomic`."""
    if is_stdout(path):
        write_stdout(text)
        return
    write_atomic(path, text)


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output and flush it, so that a failure is reported while it can be.

    Raises:
        UsageError: standard output cannot be written (a full disk, closed): why, and how to write a file instead.
        BrokenPipeError: the reader has gone (``| head``): not an error, the CLI ends quietly.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_error(exc) from None


def stdout_error(exc: OSError) -> UsageError:
    """Return the error of standard output that cannot be written (as ``-o`` says a file cannot be)."""
    reason = os_reason(exc)
    return UsageError(
        Text.of(f"Không ghi được đầu ra chuẩn: {reason.vi}", f"Cannot write standard output: {reason.en}"),
        expected=Text.of("đầu ra chuẩn ghi được (một tệp có chỗ trống, một ống dẫn, màn hình)",
                         "a standard output that can be written (a file with room, a pipe, a terminal)"),
        fix=Text.of("Giải phóng chỗ trống hoặc chuyển đầu ra đi nơi khác; hoặc ghi ra tệp bằng -o TỆP",
                    "Free some space or send the output elsewhere; or write a file with -o FILE"),
    )


def _fix(option: str, folder: bool) -> Text:
    if folder:
        return Text.of(
            f"Chọn thư mục khác cho {option}: ngoài mọi thư mục quy chế và thư mục đầu vào, không chứa tệp đầu vào "
            "nào",
            f"Choose another folder for {option}: outside every regulation folder and input folder, holding no "
            "input file",
        )
    return Text.of(
        f"Chọn đường dẫn khác cho {option}: không phải tệp đầu vào, ngoài mọi thư mục quy chế và thư mục đầu vào",
        f"Choose another path for {option}: not an input file, outside every regulation folder and input folder",
    )


def _refuse(option: str, out: str, folder: bool, why: Text) -> UsageError:
    return UsageError(
        Text.of(f"Không ghi {option} {out}: {why.vi}", f"Refusing to write {option} {out}: {why.en}"),
        expected=_EXPECTED_FOLDER if folder else _EXPECTED_FILE,
        fix=_fix(option, folder),
        file=None if folder else out,
    )


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def regulation_below(folder: Path, *, limit: int = _WALK_LIMIT) -> Path | None:
    """Return a regulation folder strictly below ``folder``, if one is found in its first ``limit`` entries.

    Symbolic links are not followed; unreadable folders are skipped.
    """
    pending = [folder]
    seen = 0
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                children = sorted(entries, key=lambda e: e.name)
        except OSError:
            continue
        for entry in children:
            seen += 1
            if seen > limit:
                return None
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                child = Path(entry.path)
                if os.path.isfile(child / REGULATION_FILE):
                    return child
                pending.append(child)
    return None


def _check_kind(option: str, out: str, target: Path, info: os.stat_result | None, folder: bool) -> None:
    if info is None:
        return
    if folder:
        if not stat.S_ISDIR(info.st_mode):
            raise UsageError(
                Text.of(f"{out} là một tệp, không phải thư mục", f"{out} is a file, not a folder"),
                expected=_EXPECTED_FOLDER,
                fix=Text.of(f"Chọn một thư mục cho {option}", f"Choose an output folder for {option}"),
            )
        return
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(
            Text.of(f"{out} là một thư mục, không phải tệp", f"{out} is a folder, not a file"),
            expected=Text.of(f"{option} là một tệp, hoặc - (đầu ra chuẩn)",
                             f"{option} names a file, or - (standard output)"),
            fix=Text.of(f"Chỉ ra một tệp trong thư mục đó, ví dụ {option} {out.rstrip('/')}/bao-cao.html",
                        f"Name a file in that folder, e.g. {option} {out.rstrip('/')}/report.html"),
            file=out,
        )
    if stat.S_ISREG(info.st_mode) and (not info.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise UsageError(
            Text.of(f"Không thay {out}: tệp chỉ được đọc (read-only)",
                    f"Refusing to replace {out}: the file is read-only"),
            expected=Text.of("một tệp ra ghi được, hoặc một tệp mới", "a writable output file, or a new one"),
            fix=Text.of(f"Chọn đường dẫn khác cho {option}, hoặc cho phép ghi (chmod u+w) nếu được thay tệp này",
                        f"Choose another path for {option}, or make the file writable (chmod u+w) if it may be "
                        "replaced"),
            file=out,
        )


def guard_output(path: Path, inputs: Iterable[Path | None], *, option: str = "-o", folder: bool = False) -> None:
    """Refuse an output that would overwrite, or land among, what the command reads.

    Args:
        path: the output (a file, or with ``folder`` a folder); ``-`` (standard output) is always allowed for a
            file.
        inputs: every path the command reads: the files and folders it was given (``--config``, ``--baseline``,
            ``--against``, amendment files included) and the regulation folders it reads; ``None`` is skipped.
        option: the option naming the output, as messages show it (``-o``, ``--write-baseline``).
        folder: the output is a folder (``quyche amend -o``).

    Raises:
        UsageError: saying which input the output would overwrite and how to choose another (exit code 2).
    """
    if is_stdout(path):
        if folder:
            raise UsageError(
                Text.of(f"{option} cần một thư mục; - (đầu ra chuẩn) không phải thư mục",
                        f"{option} needs a folder; - (standard output) is not one"),
                expected=_EXPECTED_FOLDER, fix=_fix(option, folder),
            )
        return
    out = display_path(path)
    target = Path(os.path.realpath(path))
    info = _stat(target)
    _check_kind(option, out, target, info, folder)
    for parent in target.parents:
        if os.path.isfile(parent / REGULATION_FILE):
            raise _refuse(option, out, folder, Text.of(
                f"nó nằm trong thư mục quy chế {display_path(parent)}",
                f"it lies inside the regulation folder {display_path(parent)}",
            ))
    for given in inputs:
        if given is None or is_stdout(given):
            continue
        real = Path(os.path.realpath(given))
        shown = display_path(given)
        same = real == target or (info is not None and _same(real, target))
        if os.path.isdir(real):
            if same or target.is_relative_to(real):
                raise _refuse(option, out, folder, Text.of(
                    f"nó nằm trong thư mục {shown} mà lệnh này đọc",
                    f"it lies inside the folder {shown}, which this command reads",
                ))
            if folder and real.is_relative_to(target):
                raise _refuse(option, out, folder, Text.of(
                    f"nó chứa thư mục {shown} mà lệnh này đọc",
                    f"it holds the folder {shown}, which this command reads",
                ))
        elif same:
            raise _refuse(option, out, folder, Text.of(
                f"đó là tệp đầu vào {shown}, sẽ bị ghi đè",
                f"it is the input file {shown}, which would be overwritten",
            ))
        elif folder and real.is_relative_to(target):
            raise _refuse(option, out, folder, Text.of(
                f"nó chứa tệp đầu vào {shown}", f"it holds the input file {shown}",
            ))
    if folder and info is not None:
        below = regulation_below(target)
        if below is not None:
            raise _refuse(option, out, folder, Text.of(
                f"nó chứa thư mục quy chế {display_path(below)}",
                f"it holds the regulation folder {display_path(below)}",
            ))
