"""``quyche check``: load, check, filter, render, choose the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding, Severity, sort_findings
from quyche_rules.i18n import Lang, Text

if TYPE_CHECKING:
    from quyche_rules.model import Regulation

__all__ = ["CheckRun", "check_folders", "run_check_command"]


def _split(value: str | None) -> tuple[str, ...] | None:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else None


def _folders_and_staged(paths: list[Path], find: Callable[[Path], list[Path]]
                        ) -> tuple[list[Path], dict[Path, set[str]]]:
    """Return the regulation folders to check and, for files named directly, which files to report on.

    A file (as a pre-commit hook passes them) is checked with the whole regulation it belongs to, and only
    the findings that touch the named files are reported; files outside any regulation are skipped.
    """
    folders: list[Path] = []
    staged: dict[Path, set[str]] = {}
    for path in paths:
        if path.is_file():
            root = next((p for p in path.resolve().parents if (p / "regulation.yaml").is_file()), None)
            if root is None:
                continue
            folder = next((f for f in folders if f.resolve() == root), None)
            if folder is None:
                folder = Path(os.path.relpath(root)) if root.is_relative_to(Path.cwd()) else root
                folders.append(folder)
            staged.setdefault(folder, set()).add(str(path.resolve()))
        else:
            folders.extend(f for f in find(path) if f not in folders)
    return folders, staged


def _touches(finding: Finding, files: set[str] | None) -> bool:
    """Return True when no file filter applies, or the finding or one of its provisions lies in ``files``."""
    if files is None:
        return True
    places = [finding.location.file] + [p.location.file for p in finding.provisions if p.location]
    return any(str(Path(place).resolve()) in files for place in places)


@dataclass
class CheckRun:
    """Regulation folders loaded and checked: the findings (before the configuration adjusts them) and counts."""

    findings: list[Finding] = field(default_factory=list)
    regulations: list[Regulation] = field(default_factory=list)  # those that loaded
    notes: list[Text] = field(default_factory=list)
    engines: tuple[str, ...] = ()
    checked: int = 0  # regulations, those that failed to load included
    provisions: int = 0


def check_folders(
    folders: Sequence[Path],
    *,
    lang: Lang,
    engine: str,
    day: dt.date | None,
    selected: Collection[str],
    staged: Mapping[Path, set[str]] | None = None,
) -> CheckRun:
    """Load and check ``folders``, showing progress; keep the findings of the ``selected`` checks (and QC020, QC021).

    ``staged`` keeps, for a folder, only the findings that touch the files named (see :func:`_folders_and_staged`).
    """
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.commands.formats import check_progress
    from quyche_rules.loading.folder import load_regulation

    run = CheckRun()
    progress = check_progress(folders, lang)
    for index, folder in enumerate(folders, start=1):
        progress.step(index, str(folder), "load")
        try:
            loaded = load_regulation(folder)
        except LoadFailed as failed:
            run.findings.extend(failed.findings)
            run.checked += 1
            continue
        progress.step(index, str(folder), "check")
        run.regulations.append(loaded.regulation)
        result = run_checks(loaded, engine=engine, day=day, select=selected)
        files = staged.get(folder) if staged is not None else None
        run.findings.extend(f for f in result.findings if (f.code in selected or f.code in ("QC020", "QC021"))
                            and _touches(f, files))
        run.notes.extend(n for n in result.notes if n not in run.notes)
        run.engines = result.engines_run or run.engines
        run.checked += 1
        run.provisions += result.provisions
    progress.done()
    return run


def run_check_command(args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None],
                      started: float) -> int:
    """Run ``quyche check`` and return its exit code."""
    from quyche_rules.baseline import filter_baseline, read_baseline, write_baseline
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.loading.folder import find_regulations

    paths = list(args.paths) or [Path("rules")]
    specs = all_checks()
    config_path = args.config or find_config(paths[0])
    config = load_config(config_path, specs) if config_path else Config()
    if args.select or args.ignore:
        from quyche_rules.config import _codes

        config = Config(
            select=_codes(list(_split(args.select) or ()), "--select", specs, "--select") if args.select
            else config.select,
            ignore=config.ignore + (_codes(list(_split(args.ignore) or ()), "--ignore", specs, "--ignore")
                                    if args.ignore else ()),
            severity=config.severity, fail_on=config.fail_on, engine=config.engine, source=config.source,
        )
    engine = args.engine or config.engine
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    folders, staged = _folders_and_staged(paths, find_regulations)
    selected = config.selected(specs)
    run = check_folders(folders, lang=lang, engine=engine, day=args.on, selected=selected, staged=staged)
    notes, engines, regulations, provisions = run.notes, run.engines, run.checked, run.provisions
    findings = sort_findings(config.apply(run.findings))
    if args.write_baseline is not None:
        count = write_baseline(args.write_baseline, findings)
        sys.stderr.write(f"Đã ghi {count} phát hiện vào {args.write_baseline}\n" if lang == "vi"
                          else f"Wrote {count} findings to {args.write_baseline}\n")
        return 0
    if args.baseline is not None:
        findings = filter_baseline(findings, read_baseline(args.baseline))
    if args.verbose:
        for note in notes:
            sys.stderr.write(note.get(lang) + "\n")
        sys.stderr.write(("bộ máy: " if lang == "vi" else "engines: ") + (", ".join(engines) or "-") + "\n")
    from quyche_rules.commands.formats import render_check_formats, wants_github
    from quyche_rules.reports.text import colour_wanted, render_text, summary_line

    fmt = "github" if wants_github(args.format, os.environ) else (args.format or "text")
    interactive = args.output is None and sys.stdout.isatty()  # time only on a terminal: files stay identical
    summary = summary_line(findings, regulations, provisions,
                           time.perf_counter() - started if interactive else None, lang)
    if fmt == "json":
        from quyche_rules.reports.json_report import render_json

        out(render_json(findings, lang=lang, regulations=regulations, provisions=provisions, engines=engines),
            args.output)
    elif fmt == "text":
        colour = colour_wanted(sys.stdout.isatty(), os.environ, to_file=args.output is not None)
        body = render_text(findings, specs, lang=lang, colour=colour)
        out((body + "\n" if body else "") + summary + "\n", args.output)
    else:
        out(render_check_formats(fmt, findings, specs, selected=selected, lang=lang, regulations=run.regulations,
                                 counts=(regulations, provisions), engines=engines, root=args.root,
                                 summary=summary), args.output)
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0
