"""``quyche diff``: compare two versions (folders, a folder and amendments, or a folder and its git past)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from quyche_rules.commands.compare import ChangeSet, build_comparisons, diff_inputs, diff_usage, report_usage
from quyche_rules.errors import UsageError
from quyche_rules.findings import Severity
from quyche_rules.i18n import Lang

__all__ = ["run_diff_command", "run_diff_formats_command"]


def run_diff_command(args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None]) -> int:
    """Run ``quyche diff --format text|json``; exit 1 only for introduced findings at or above ``--fail-on``."""
    from quyche_rules.amend.render import render_diff_json, render_diff_text

    # the text and json formats read the configuration nearest the first path named (OLD), and show the
    # resolved findings of ``--base`` where they were read from
    change = _change(args, lang, diff_usage, config_from=args.paths[0] if args.paths else None, rebase=False)
    if args.format == "json":
        docs = [json.loads(render_diff_json(c, lang=lang)) for c in change.comparisons]
        text = (
            json.dumps(
                {
                    "tool": docs[0]["tool"] if docs else {},
                    "lang": lang,
                    "comparisons": [{k: v for k, v in d.items() if k not in ("tool", "lang")} for d in docs],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        colour = args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = "\n".join(render_diff_text(c, change.specs, lang=lang, colour=colour) for c in change.comparisons)
    out(text, args.output)
    return _exit_code(args, change)


def run_diff_formats_command(
    args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None], fmt: str
) -> int:
    """Run ``quyche diff --format sarif|github``; exit 1 only for introduced findings at ``--fail-on``."""
    from quyche_rules.commands.formats import render_diff_formats

    change = _change(args, lang, report_usage)
    root = getattr(args, "root", None)
    out(render_diff_formats(fmt, change.comparisons, change.specs, lang=lang, root=root, selected=change.selected),
        args.output)
    return _exit_code(args, change)


def _change(
    args: argparse.Namespace,
    lang: Lang,
    usage: Callable[[], UsageError],
    *,
    config_from: Path | None = None,
    rebase: bool = True,
) -> ChangeSet:
    paths, against, amendments = diff_inputs(args, usage)
    return build_comparisons(
        paths,
        lang=lang,
        against=against,
        base=args.base,
        amendments=amendments,
        on=args.on,
        engine=args.engine,
        config_path=args.config,
        config_from=config_from,
        rebase=rebase,
    )


def _exit_code(args: argparse.Namespace, change: ChangeSet) -> int:
    threshold = Severity(args.fail_on) if args.fail_on else change.fail_on
    return 1 if change.failing(threshold) else 0
