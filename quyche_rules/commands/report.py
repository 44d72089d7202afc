"""``quyche report``: the reviewer's report on one regulation, or on a change.

``quyche report PATH`` writes the reviewer's report on one regulation; with ``--against OLD``, ``--base REV``
or ``--amendment FILE…`` it reports on a change: the instrument and each operation's old and new wording, findings
introduced, resolved and persisting, and the responsibility diff per unit, built exactly as ``quyche diff`` builds
them (:mod:`quyche_rules.commands.versions`). ``--format`` is ``html``, ``markdown`` or ``docx`` (a Word document,
written only to a file). With ``-o FILE`` the path written is said on standard error, and ``--open`` opens it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from quyche_rules.commands.check import check_folders, configured
from quyche_rules.commands.formats import finding_locator, generated_stamp, render_document
from quyche_rules.commands.settings import Settings, exit_code, regulation_folders, settings
from quyche_rules.commands.versions import build_comparisons, load_amendments
from quyche_rules.errors import UsageError
from quyche_rules.findings import sort_findings
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import display_path, find_regulations
from quyche_rules.reports.document import Part, part_for_check, part_for_comparison
from quyche_rules.workspace.atomic import write_atomic
from quyche_rules.workspace.outputs import is_stdout

__all__ = ["OPENER", "deliver", "open_file", "refuse_unwritable", "run"]

_WROTE = Text.of("Đã ghi {path}", "Wrote {path}")
_OPENING = Text.of("Đang mở {path}", "Opening {path}")


def open_file(path: Path) -> None:
    """Open ``path`` with the system's viewer: the browser for HTML, the associated program otherwise."""
    if path.suffix.lower() in (".html", ".htm"):
        import webbrowser  # lazy: only when asked to open a report

        webbrowser.open(path.resolve().as_uri())
        return
    if sys.platform == "win32":
        os.startfile(path)  # the user's own file, opened as they asked
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


#: what ``--open`` calls; tests put a fake one here
OPENER: Callable[[Path], None] = open_file


def refuse_unwritable(args: argparse.Namespace, command: str) -> None:
    """Refuse, before any work, a Word document with no file to write it to, and ``--open`` with no file to open.

    Raises:
        UsageError: naming the option missing (exit code 2).
    """
    output = getattr(args, "output", None)
    if args.format == "docx" and output is None:
        raise UsageError(
            Text.of("--format docx ghi một tệp Word: cần -o TỆP", "--format docx writes a Word file: it needs -o FILE"),
            expected=Text.of("-o TỆP.docx (hoặc -o - để ghi ra đầu ra chuẩn)", "-o FILE.docx (or -o - for standard "
                             "output)"),
            fix=Text.of(f"Ví dụ: quyche {command} … --format docx -o bao-cao.docx",
                        f"For example: quyche {command} … --format docx -o report.docx"),
        )
    if getattr(args, "open", False) and (output is None or is_stdout(output)):
        raise UsageError(
            Text.of("--open mở tệp đã ghi: cần -o TỆP", "--open opens the file written: it needs -o FILE"),
            fix=Text.of(f"Ví dụ: quyche {command} … -o bao-cao.html --open",
                        f"For example: quyche {command} … -o report.html --open"),
        )


def deliver(args: argparse.Namespace, s: Settings, content: str | bytes) -> None:
    """Write ``content`` to ``-o`` (atomically) or standard output; say what was written; open it if asked."""
    output: Path | None = getattr(args, "output", None)
    if isinstance(content, bytes):
        if output is None or is_stdout(output):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        write_atomic(output, content)
    else:
        s.emit(content)
    if s.output is None:
        return
    shown = display_path(s.output)
    sys.stderr.write(_WROTE.fill({"path": shown}).get(s.lang) + "\n")
    if getattr(args, "open", False):
        sys.stderr.write(_OPENING.fill({"path": shown}).get(s.lang) + "\n")
        OPENER(s.output)


def _render(args: argparse.Namespace, parts: Sequence[Part], s: Settings) -> str | bytes:
    locator = finding_locator(args.root)
    if args.format != "docx":
        return render_document(args.format, parts, s.specs, s.lang, locator)
    from quyche_rules.reports.document import build_report  # lazy: the report's view, off the hook's path
    from quyche_rules.reports.docx_report import render_docx  # lazy: python-docx, only for Word

    view = build_report(parts, s.specs, lang=s.lang, locator=locator, diagrams="none",
                        generated=generated_stamp(os.environ))
    return render_docx(view)


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche report``: the reviewer's HTML, Markdown or Word report on a regulation or a change."""
    refuse_unwritable(args, "report")
    paths: list[Path] = list(args.paths)
    s = settings(args, lang, start=paths[0] if paths else Path("rules"),
                 folders=regulation_folders([*(paths or [Path("rules")]), args.against]))
    s.guard_output([*(paths or [Path("rules")]), args.against, *(args.amendment or ())])
    if args.against is None and args.base is None and not args.amendment:
        return _report_single(args, s, paths or [Path("rules")])
    change = build_comparisons(paths, s, against=args.against, base=args.base, amendments=args.amendment or (),
                               on=args.on, use_cache=not args.no_cache)
    amendments = load_amendments(args.amendment) if args.amendment else []  # loaded (and checked) above
    parts = [part_for_comparison(c, lang, amendments, args.on) for c in change.comparisons]
    deliver(args, s, _render(args, parts, s))
    return exit_code(change.introduced, s.fail_on)


def _report_single(args: argparse.Namespace, s: Settings, paths: list[Path]) -> int:
    folders = [f for p in paths for f in find_regulations(p)]
    run_ = check_folders(folders, lang=s.lang, engine=s.engine, day=args.on, selected=s.selected,
                         use_cache=not args.no_cache)
    findings = sort_findings(s.config.apply(run_.findings))
    part = part_for_check(run_.regulations, findings, s.lang, configured(s, run_.suppressed))
    deliver(args, s, _render(args, [part], s))
    return exit_code(findings, s.fail_on)  # suppressed findings never count
