"""``quyche report``: the reviewer's report on one regulation, or on a change.

``quyche report PATH`` writes the reviewer's report on one regulation; with ``--against OLD``, ``--base REV``
or ``--amendment FILE…`` it reports on a change: findings introduced, resolved and persisting, and the
responsibility diff per unit. The comparisons are built with the amendments API
(:func:`quyche_rules.amend.pipeline.compare_loaded`), exactly as ``quyche diff`` builds them
(:mod:`quyche_rules.commands.compare`); the formats are in :mod:`quyche_rules.commands.formats`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from quyche_rules.commands.compare import ChangeSet, build_comparisons
from quyche_rules.commands.diff import run_diff_formats_command
from quyche_rules.commands.formats import (
    check_progress,
    finding_locator,
    generated_stamp,
    render_check_formats,
    render_diff_formats,
    render_document,
    wants_github,
)
from quyche_rules.errors import UsageError
from quyche_rules.findings import Severity
from quyche_rules.i18n import Lang, Text

__all__ = [  # the change and format helpers stay importable from here, where they were first written
    "ChangeSet",
    "build_comparisons",
    "check_progress",
    "generated_stamp",
    "render_check_formats",
    "render_diff_formats",
    "run_diff_formats_command",
    "run_report_command",
    "wants_github",
]


def run_report_command(args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None]) -> int:
    """Run ``quyche report``: the reviewer's HTML or Markdown report on a regulation or a change."""
    from quyche_rules.reports.document import part_for_comparison

    paths: list[Path] = list(args.paths)
    is_change = args.against is not None or args.base is not None or bool(args.amendment)
    if sum((args.against is not None, args.base is not None, bool(args.amendment))) > 1:
        raise UsageError(
            Text.of(
                "--against, --base và --amendment loại trừ nhau",
                "--against, --base and --amendment exclude each other",
            ),
            fix=Text.of("Chọn một cách so sánh", "Choose one way to compare"),
        )
    if not is_change:
        return _report_single(args, lang, out, paths or [Path("rules")])
    change = build_comparisons(
        paths,
        lang=lang,
        against=args.against,
        base=args.base,
        amendments=args.amendment or (),
        on=args.on,
        engine=args.engine,
        config_path=args.config,
    )
    threshold = Severity(args.fail_on) if args.fail_on else change.fail_on
    findings = [
        f
        for c in change.comparisons
        for group in (c.findings.introduced, c.findings.resolved, c.findings.persisting)
        for f in group
    ]
    parts = [part_for_comparison(c, lang) for c in change.comparisons]
    out(render_document(args.format, parts, change.specs, lang, finding_locator(findings, args.root)), args.output)
    return 1 if change.failing(threshold) else 0


def _report_single(
    args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None], paths: list[Path]
) -> int:
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.commands.check import check_folders
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.findings import sort_findings
    from quyche_rules.loading.folder import find_regulations

    specs = all_checks()
    config_path = args.config or find_config(paths[0])
    config = load_config(config_path, specs) if config_path else Config()
    selected = config.selected(specs)
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    folders = [f for p in paths for f in find_regulations(p)]
    run = check_folders(folders, lang=lang, engine=args.engine or config.engine, day=args.on, selected=selected)
    findings = sort_findings(config.apply(run.findings))
    from quyche_rules.reports.document import part_for_check

    part = part_for_check(run.regulations, findings, lang)
    out(render_document(args.format, [part], specs, lang, finding_locator(findings, args.root)), args.output)
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0
