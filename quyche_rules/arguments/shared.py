"""What the subcommands' parsers share: the common options as parent parsers, and how a subcommand is added.

Each shared option is declared, and helped, once (:func:`parent`); every subcommand's ``--help`` ends with its
examples (:func:`sub_parser`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text, excerpt

__all__ = ["existing_folder", "folder_in_force", "iso_date", "jobs_count", "parent", "sub_parser"]

_SEVERITIES = ("error", "warning", "info")
_ENGINES = ("both", "durable", "reference")


def iso_date(value: str) -> dt.date:
    """Read a ``YYYY-MM-DD`` date option (an :class:`argparse.ArgumentTypeError` when it is not one)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def jobs_count(value: str) -> int:
    """Read ``--jobs N``: a number of processes, an integer of at least 1.

    Raises:
        UsageError: ``value`` is not such an integer (0, -3, ``abc``): said with what was given and how to fix it.
    """
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs >= 1:
        return jobs
    given = excerpt(value)
    raise UsageError(
        Text.of(f"--jobs {given}: số tiến trình phải là một số nguyên từ 1 trở lên",
                f"--jobs {given}: the number of processes must be an integer of at least 1"),
        expected=Text.of("một số nguyên ≥ 1 (1: mọi việc trong một tiến trình)",
                         "an integer >= 1 (1: everything in one process)"),
        fix=Text.of("Viết --jobs 1 để chạy trong một tiến trình, --jobs 4 cho bốn tiến trình, hoặc bỏ --jobs "
                    "(mặc định: một tiến trình mỗi lõi)",
                    "Write --jobs 1 for one process, --jobs 4 for four, or leave --jobs out (default: one per "
                    "core)"),
    )


def existing_folder(value: str) -> Path:
    """Read ``--root DIR``: a folder that exists (the repository root paths are made relative to).

    Raises:
        UsageError: ``value`` does not exist or is not a folder.
    """
    path = Path(value)
    if path.is_dir():
        return path
    what = (Text.of(f"--root {path}: không phải một thư mục", f"--root {path}: not a folder") if path.exists()
            else Text.of(f"Không tìm thấy đường dẫn {path} (--root)", f"Path not found: {path} (--root)"))
    raise UsageError(
        what,
        expected=Text.of("thư mục gốc của kho (các đường dẫn trong sarif, github và báo cáo tính từ đó)",
                         "the repository's root folder (paths in sarif, github and reports are relative to it)"),
        fix=Text.of("Chỉ ra một thư mục có thật, hoặc bỏ --root (mặc định: thư mục hiện tại)",
                    "Name a folder that exists, or leave --root out (default: the working directory)"),
    )


def parent(*adders: str) -> argparse.ArgumentParser:
    """Return a parent parser with the shared options named (so each is declared, and helped, once)."""
    p = argparse.ArgumentParser(add_help=False)
    for name in adders:
        _SHARED[name](p)
    return p


_SHARED = {
    "lang": lambda p: p.add_argument(
        "--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
        help="language of the messages: vi (default, or $QUYCHE_LANG) or en"),
    "config": lambda p: p.add_argument(
        "--config", type=Path, default=None, metavar="FILE",
        help="configuration file (default: the nearest quyche.toml, or pyproject.toml with [tool.quyche])"),
    "fail-on": lambda p: p.add_argument(
        "--fail-on", choices=_SEVERITIES, default=None,
        help="lowest severity that makes the exit code 1 (default: the configuration's, else warning)"),
    "engine": lambda p: p.add_argument(
        "--engine", choices=_ENGINES, default=None,
        help="rule engine for declarative checks: both (default: run both and compare), durable or reference"),
    "on": lambda p: p.add_argument(
        "--on", type=iso_date, default=None, metavar="DATE",
        help="read and check as of this date, YYYY-MM-DD (default: the regulation's effective date)"),
    "root": lambda p: p.add_argument(
        "--root", type=existing_folder, default=None, metavar="DIR",
        help="repository root that file paths in sarif, github and reports are relative to (default: here)"),
    "output": lambda p: p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE",
        help="write to this file (atomically; - is standard output; never an input, nor inside a regulation "
             "folder or a folder read) instead of standard output"),
}


def sub_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str, examples: str,
               *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add subcommand ``name``: its one-line summary, its examples after its options, and its parent parsers."""
    return sub.add_parser(
        name, parents=list(parents), help=summary, description=summary,
        epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def folder_in_force(parser: argparse.ArgumentParser, metavar: str = "PATH") -> None:
    """Add the optional positional regulation folder (or folder of them), ``rules/`` by default."""
    parser.add_argument("path", nargs="?", type=Path, default=Path("rules"), metavar=metavar,
                        help="a regulation folder, or a folder of them: the one in force on --on (default: rules/)")
