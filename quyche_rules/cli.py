"""The command line: error reporting and exit codes.

The parser is :mod:`quyche_rules.arguments`; each subcommand lives in ``commands/``. A subcommand's module is
imported only when it runs, so ``quyche --help`` and the pre-commit hook pay only for what they use.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from quyche_rules import parallel
from quyche_rules.arguments import ArgumentsRefused, build_parser
from quyche_rules.errors import LoadFailed, QuycheError
from quyche_rules.i18n import Lang, Text

__all__ = ["asked_lang", "main"]

_DEFECT = Text.of("lỗi nội bộ: {error}\n  Hãy báo lỗi này; đặt QUYCHE_DEBUG=1 để xem chi tiết.",
                  "internal error: {error}\n  Please report it; set QUYCHE_DEBUG=1 for details.")


#: subcommand -> (module, function); each module is imported only when its command runs
_COMMANDS = {
    "check": ("check", "run"), "diff": ("diff", "run"), "amend": ("amend", "run"), "report": ("report", "run"),
    "explain": ("info", "explain"), "rules": ("info", "rules"), "who": ("info", "who"), "graph": ("info", "graph"),
    "cite": ("info", "cite"), "schema": ("schema_doc", "run"), "law": ("law", "run"), "due": ("due", "run"),
    "sheet": ("sheet", "run"),
    "new": ("new", "run"), "ls": ("browse", "ls"), "show": ("browse", "show"), "completion": ("completion", "run"),
    "cache": ("cache", "run"), "import": ("import_", "run"), "coverage": ("coverage", "run"),
}


def _lang(args: argparse.Namespace) -> Lang:
    value = getattr(args, "lang", None) or os.environ.get("QUYCHE_LANG") or "vi"
    return "en" if value == "en" else "vi"


def asked_lang(argv: Sequence[str]) -> Lang:
    """Return the language the command line asks for, read before it is parsed (the last valid ``--lang`` wins).

    A usage error met while parsing is said in it, even when ``--lang`` comes after the wrong argument.
    """
    value: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        given = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if given in ("vi", "en") and given != arg:  # (--lang xx: as if not given)
            value = given
    return _lang(argparse.Namespace(lang=value))


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While a command runs, make SIGTERM (``kill``, a CI timeout) stop it like Ctrl-C.

    The interruption then unwinds through the writers, which remove their temporary file or folder and leave
    the previous output in place (the default SIGTERM action would end the process on the spot).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a command runs (restored after).

    Loading and checking allocate hundreds of thousands of small objects that rarely form cycles; with the
    default thresholds the collector keeps re-scanning them (about 12 % of the time at 10,000 provisions,
    30 % at 100,000). The thresholds are mypy's; cycles are still collected, only less often.
    """
    previous = gc.get_threshold()
    gc.set_threshold(200_000, 30, 30)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextlib.contextmanager
def _escaping_streams() -> Iterator[None]:
    r"""Make standard output and error escape what their encoding cannot write (restored after).

    Under ``PYTHONIOENCODING=ascii`` (or a terminal in a legacy code page), printing Vietnamese would raise
    UnicodeEncodeError; with ``backslashreplace`` the text comes out escaped (``\u1ebf``), never as an error.
    """
    changed: list[tuple[object, str]] = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if errors in (None, "strict") and callable(reconfigure):
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError, TypeError):  # a stream that cannot change: left as it is
                continue
            changed.append((stream, errors or "strict"))
    try:
        yield
    finally:
        for stream, errors in changed:
            with contextlib.suppress(ValueError, OSError, TypeError):
                stream.reconfigure(errors=errors)  # type: ignore[attr-defined]


def _report_load_failure(failed: LoadFailed, lang: Lang) -> None:
    """Print every problem of files that could not be loaded, as findings."""
    from quyche_rules.checks.catalogue import all_checks  # lazy: only when a file does not load
    from quyche_rules.checks.produce import load_findings  # lazy: as above
    from quyche_rules.reports.text import render_text  # lazy: as above

    sys.stdout.write(render_text(load_findings(failed), all_checks(), lang=lang) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``quyche`` with ``argv``; return the exit code (0 clean, 1 findings, 2 usage/config/internal)."""
    with _escaping_streams():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    asked = sys.argv[1:] if argv is None else argv
    try:
        args = parser.parse_args(argv)
    except ArgumentsRefused as refused:  # argparse's error (an invalid choice, a missing value): usage and why
        sys.stderr.write(refused.render(asked_lang(asked)))
        return 2
    except SystemExit as exc:  # --help, --version: printed by argparse
        return 0 if exc.code in (0, None) else 2
    except QuycheError as err:  # an option's value refused as it is read (--jobs 0, --root that is not there)
        sys.stderr.write(err.render(asked_lang(asked)) + "\n")
        return err.exit_code
    lang = _lang(args)
    if args.command is None:
        parser.print_help()
        return 2
    module, function = _COMMANDS[args.command]
    try:
        with _terminate_as_interrupt(), _fewer_collections():
            command = getattr(importlib.import_module(f"quyche_rules.commands.{module}"), function)
            try:
                code: int = command(args, lang)
            finally:
                parallel.settle()  # a child still writing what the command made for later (a cache entry)
            return code
    except LoadFailed as failed:
        _report_load_failure(failed, lang)
        return failed.exit_code
    except QuycheError as err:
        sys.stderr.write(err.render(lang) + "\n")
        return err.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a defect: say so plainly, never a traceback unless asked
        if os.environ.get("QUYCHE_DEBUG"):
            raise
        sys.stderr.write(_DEFECT.fill({"error": f"{type(exc).__name__}: {exc}"}).get(lang) + "\n")
        return 2
