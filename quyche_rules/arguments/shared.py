"""What the subcommands' parsers share: the common options as parent parsers, and how a subcommand is added.

Each shared option is declared, and helped, once (:func:`parent`); every subcommand's ``--help`` ends with its
examples (:func:`sub_parser`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

__all__ = ["folder_in_force", "iso_date", "parent", "sub_parser"]

_SEVERITIES = ("error", "warning", "info")
_ENGINES = ("both", "durable", "reference")


def iso_date(value: str) -> dt.date:
    """Read a ``YYYY-MM-DD`` date option (an :class:`argparse.ArgumentTypeError` when it is not one)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


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
        "--root", type=Path, default=None, metavar="DIR",
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
