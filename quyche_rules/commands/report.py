"""``quyche report``: the reviewer's report on one regulation, or on a change.

``quyche report PATH`` writes the reviewer's report on one regulation; with ``--against OLD``, ``--base REV``
or ``--amendment FILE…`` it reports on a change: findings introduced, resolved and persisting, and the
responsibility diff per unit, built exactly as ``quyche diff`` builds them (:mod:`quyche_rules.commands.versions`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from quyche_rules.commands.check import check_folders, configured
from quyche_rules.commands.formats import finding_locator, render_document
from quyche_rules.commands.settings import Settings, exit_code, regulation_folders, settings
from quyche_rules.commands.versions import build_comparisons
from quyche_rules.findings import sort_findings
from quyche_rules.i18n import Lang
from quyche_rules.loading import find_regulations
from quyche_rules.reports.document import part_for_check, part_for_comparison

__all__ = ["run"]


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche report``: the reviewer's HTML or Markdown report on a regulation or a change."""
    paths: list[Path] = list(args.paths)
    s = settings(args, lang, start=paths[0] if paths else Path("rules"),
                 folders=regulation_folders([*(paths or [Path("rules")]), args.against]))
    s.guard_output([*(paths or [Path("rules")]), args.against, *(args.amendment or ())])
    if args.against is None and args.base is None and not args.amendment:
        return _report_single(args, s, paths or [Path("rules")])
    change = build_comparisons(paths, s, against=args.against, base=args.base, amendments=args.amendment or (),
                               on=args.on)
    parts = [part_for_comparison(c, lang) for c in change.comparisons]
    s.emit(render_document(args.format, parts, s.specs, lang, finding_locator(args.root)))
    return exit_code(change.introduced, s.fail_on)


def _report_single(args: argparse.Namespace, s: Settings, paths: list[Path]) -> int:
    folders = [f for p in paths for f in find_regulations(p)]
    run_ = check_folders(folders, lang=s.lang, engine=s.engine, day=args.on, selected=s.selected)
    findings = sort_findings(s.config.apply(run_.findings))
    part = part_for_check(run_.regulations, findings, s.lang, configured(s, run_.suppressed))
    s.emit(render_document(args.format, [part], s.specs, s.lang, finding_locator(args.root)))
    return exit_code(findings, s.fail_on)  # suppressed findings never count
