"""``quyche check``: load, check, filter, render, choose the exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding, Severity, sort_findings
from quyche_rules.i18n import Lang

__all__ = ["run_check_command"]


def _split(value: str | None) -> tuple[str, ...] | None:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else None


def run_check_command(args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None],
                      started: float) -> int:
    """Run ``quyche check`` and return its exit code."""
    from quyche_rules.baseline import filter_baseline, read_baseline, write_baseline
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.loading.folder import find_regulations, load_regulation

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
    findings: list[Finding] = []
    notes: list[str] = []
    engines: tuple[str, ...] = ()
    regulations = provisions = 0
    folders = [f for p in paths for f in find_regulations(p)]
    for folder in folders:
        try:
            loaded = load_regulation(folder)
        except LoadFailed as failed:
            findings.extend(failed.findings)
            regulations += 1
            continue
        selected = config.selected(specs)
        result = run_checks(loaded, engine=engine, day=args.on, select=selected)
        findings.extend(f for f in result.findings if f.code in selected or f.code in ("QC020", "QC021"))
        notes.extend(n for n in result.notes if n not in notes)
        engines = result.engines_run or engines
        regulations += 1
        provisions += result.provisions
    findings = sort_findings(config.apply(findings))
    if args.write_baseline is not None:
        count = write_baseline(args.write_baseline, findings)
        sys.stderr.write((f"Đã ghi {count} phát hiện vào {args.write_baseline}\n" if lang == "vi"
                          else f"Wrote {count} findings to {args.write_baseline}\n"))
        return 0
    if args.baseline is not None:
        findings = filter_baseline(findings, read_baseline(args.baseline))
    if args.verbose:
        for note in notes:
            sys.stderr.write(note + "\n")
        sys.stderr.write(("bộ máy: " if lang == "vi" else "engines: ") + (", ".join(engines) or "-") + "\n")
    if args.format == "json":
        from quyche_rules.reports.json_report import render_json

        out(render_json(findings, lang=lang, regulations=regulations, provisions=provisions, engines=engines),
            args.output)
    else:
        from quyche_rules.reports.text import render_text, summary_line

        colour = args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        body = render_text(findings, specs, lang=lang, colour=colour)
        summary = summary_line(findings, regulations, provisions, time.perf_counter() - started, lang)
        out((body + "\n" if body else "") + summary + "\n", args.output)
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0
