"""The command line: argument parsing, configuration, output and exit codes (the only place that prints)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from quyche_rules import __version__
from quyche_rules.errors import QuycheError, UsageError
from quyche_rules.i18n import Lang, Text

__all__ = ["main"]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
                        help="message language: vi (default) or en")
    p = argparse.ArgumentParser(
        prog="quyche", parents=[common],
        description="Check Vietnamese working regulations (Quy chế làm việc) for gaps, conflicts and orphaned duties.",
    )
    p.add_argument("--version", action="version", version=f"quyche-rules {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", parents=[common], help="check one or more regulation folders (default: rules/)")
    c.add_argument("paths", nargs="*", type=Path, help="regulation folders or a folder of them (default: rules/)")
    c.add_argument("--format", choices=("text", "json", "sarif", "github", "markdown", "html"), default=None,
                   help="output format (default: text; github under GitHub Actions)")
    c.add_argument("--root", type=Path, default=None,
                   help="repository root for sarif and github paths (default: the working directory)")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    c.add_argument("--engine", choices=("both", "durable", "reference"), default=None,
                   help="rule engine: both (default, compared), durable or reference")
    c.add_argument("--on", type=_date, default=None, help="check as of this date (default: the effective date)")
    c.add_argument("--select", default=None, help="comma-separated codes or families to run (QC3xx,QC401)")
    c.add_argument("--ignore", default=None, help="comma-separated codes or families to skip")
    c.add_argument("--config", type=Path, default=None, help="configuration file (quyche.toml or pyproject.toml)")
    c.add_argument("--baseline", type=Path, default=None, help="hide findings recorded in this baseline file")
    c.add_argument("--write-baseline", type=Path, default=None, help="record the current findings as accepted")
    c.add_argument("-o", "--output", type=Path, default=None, help="write the report to this file (atomically)")
    c.add_argument("-v", "--verbose", action="store_true", help="say which engines ran and why")

    s = sub.add_parser("schema", parents=[common], help="print the JSON Schema of a rule file")
    s.add_argument("kind", nargs="?", default="article",
                   help="regulation, actors, tasks, article (default), checks or amendment")

    ci = sub.add_parser("cite", parents=[common], help="parse a Vietnamese citation phrase")
    ci.add_argument("phrase")
    ci.add_argument("--context", default=None, help="the provision the phrase is written in, for 'Điều này'")

    r = sub.add_parser("rules", parents=[common], help="list the checks")
    r.add_argument("--format", choices=("text", "json"), default="text")

    e = sub.add_parser("explain", parents=[common], help="explain one check")
    e.add_argument("code")

    w = sub.add_parser("who", parents=[common], help="who leads, cooperates, decides and signs for a task")
    w.add_argument("task")
    w.add_argument("path", nargs="?", type=Path, default=Path("rules"))
    w.add_argument("--on", type=_date, default=None)

    g = sub.add_parser("graph", parents=[common], help="export the responsibility graph")
    g.add_argument("path", nargs="?", type=Path, default=Path("rules"))
    g.add_argument("--format", choices=("dot", "graphml", "json"), default="json")
    g.add_argument("-o", "--output", type=Path, default=None)

    am = sub.add_parser("amend", parents=[common], help="apply amendment files; write the consolidated regulation")
    am.add_argument("base", type=Path, help="the regulation folder amended (never written)")
    am.add_argument("amendments", nargs="+", type=Path, help="amendment files, applied in order of effect")
    am.add_argument("-o", "--output", type=Path, required=True,
                    help="folder to write (new, empty, or a previous output of quyche amend; written atomically)")
    am.add_argument("--on", type=_date, default=None, help="the version in force on this date")
    am.add_argument("--format", choices=("text", "json"), default="text", help="format of the QC6xx findings")
    am.add_argument("--fail-on", choices=("error", "warning", "info"), default=None)
    am.add_argument("--config", type=Path, default=None)

    d = sub.add_parser("diff", parents=[common], help="responsibility diff and findings delta between two versions")
    d.add_argument("paths", nargs="*", type=Path,
                   help="OLD NEW (folders), OLD AMENDMENT.yaml…, or with --base: [PATH] (default rules/)")
    d.add_argument("--base", default=None, metavar="REV", help="read OLD from git at this revision (main, HEAD~1)")
    d.add_argument("--on", type=_date, default=None,
                   help="read and check both versions as of this date (with amendments: the version in force then)")
    d.add_argument("--format", choices=("text", "json", "sarif", "github"), default=None,
                   help="output format (default: text; github under GitHub Actions)")
    d.add_argument("--root", type=Path, default=None,
                   help="repository root for sarif and github paths (default: the working directory)")
    d.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity of an introduced finding that makes the exit code 1 (default: warning)")
    d.add_argument("--engine", choices=("both", "durable", "reference"), default=None)
    d.add_argument("--config", type=Path, default=None)
    d.add_argument("-o", "--output", type=Path, default=None, help="write the report to this file (atomically)")

    rp = sub.add_parser("report", parents=[common],
                        help="the reviewer's report (HTML or Markdown) on a regulation or on a change")
    rp.add_argument("paths", nargs="*", type=Path,
                    help="the regulation folder (for a change: the new version; default: rules/)")
    how = rp.add_mutually_exclusive_group()
    how.add_argument("--against", type=Path, default=None, metavar="OLD",
                     help="compare with this older folder")
    how.add_argument("--base", default=None, metavar="REV",
                     help="compare with PATH at this git revision (main)")
    how.add_argument("--amendment", type=Path, nargs="+", default=None, metavar="FILE",
                     help="report on these amendment files applied to PATH")
    rp.add_argument("--format", choices=("html", "markdown"), default="html")
    rp.add_argument("-o", "--output", type=Path, default=None,
                    help="write the report to this file (atomically)")
    rp.add_argument("--on", type=_date, default=None, help="check as of this date")
    rp.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                    help="lowest severity giving exit code 1 (for a change: of an introduced finding)")
    rp.add_argument("--engine", choices=("both", "durable", "reference"), default=None)
    rp.add_argument("--config", type=Path, default=None)
    rp.add_argument("--root", type=Path, default=None,
                    help="repository root file locations are shown from (default: the working directory)")
    return p


def _lang(args: argparse.Namespace) -> Lang:
    value = getattr(args, "lang", None) or os.environ.get("QUYCHE_LANG") or "vi"
    return "en" if value == "en" else "vi"


def _out(text: str, output: Path | None = None) -> None:
    if output is not None:
        from quyche_rules.atomic import write_atomic

        write_atomic(output, text)
        return
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def cmd_check(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.check import run_check_command

    return run_check_command(args, lang, _out, time.perf_counter())


def cmd_schema(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.schemagen import available_kinds, schema_text

    if args.kind not in available_kinds():
        raise UsageError(
            Text.of(f"Không có lược đồ {args.kind!r}", f"No schema named {args.kind!r}"),
            expected=Text.of(", ".join(available_kinds()), ", ".join(available_kinds())),
            fix=Text.of("Chọn một loại tệp ở trên", "Pick one of the kinds above"),
        )
    _out(schema_text(args.kind))
    return 0


def cmd_cite(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.info import run_cite

    _out(run_cite(args.phrase, args.context, lang))
    return 0


def cmd_rules(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.info import run_rules

    _out(run_rules(args.format, lang))
    return 0


def cmd_explain(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.info import run_explain

    _out(run_explain(args.code, lang))
    return 0


def cmd_who(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.info import run_who

    _out(run_who(args.path, args.task, args.on, lang))
    return 0


def cmd_graph(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.info import run_graph

    _out(run_graph(args.path, args.format), args.output)
    return 0


def cmd_amend(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.amend import run_amend_command

    return run_amend_command(args, lang, _out)


def cmd_diff(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.diff import run_diff_command, run_diff_formats_command
    from quyche_rules.commands.formats import wants_github

    if args.format == "sarif" or wants_github(args.format, os.environ):
        return run_diff_formats_command(args, lang, _out, args.format or "github")
    return run_diff_command(args, lang, _out)


def cmd_report(args: argparse.Namespace, lang: Lang) -> int:
    from quyche_rules.commands.report import run_report_command

    return run_report_command(args, lang, _out)


_COMMANDS: dict[str, Callable[[argparse.Namespace, Lang], int]] = {
    "check": cmd_check, "schema": cmd_schema, "cite": cmd_cite, "rules": cmd_rules,
    "explain": cmd_explain, "who": cmd_who, "graph": cmd_graph, "amend": cmd_amend, "diff": cmd_diff,
    "report": cmd_report,
}


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``quyche`` with ``argv``; return the exit code (0 clean, 1 findings, 2 usage/config/internal)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return 0 if exc.code in (0, None) else 2
    lang = _lang(args)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        with _terminate_as_interrupt(), _fewer_collections():
            return _COMMANDS[args.command](args, lang)
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
        sys.stderr.write(
            ("lỗi nội bộ" if lang == "vi" else "internal error")
            + f": {type(exc).__name__}: {exc}\n"
            + ("  Hãy báo lỗi này; đặt QUYCHE_DEBUG=1 để xem chi tiết.\n" if lang == "vi"
               else "  Please report it; set QUYCHE_DEBUG=1 for details.\n")
        )
        return 2
