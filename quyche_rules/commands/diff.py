"""``quyche diff``: compare two versions (folders, a folder and amendments, or a folder and its git past)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from quyche_rules.checks.produce import load_findings
from quyche_rules.commands.formats import render_diff_formats, render_load_failure, wants_github
from quyche_rules.commands.settings import exit_code, regulation_folders, settings
from quyche_rules.commands.versions import build_comparisons, diff_inputs, diff_usage, report_usage
from quyche_rules.errors import LoadFailed
from quyche_rules.i18n import Lang
from quyche_rules.reports.changes import render_diff_json, render_diff_text

__all__ = ["run"]


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche diff``; exit 1 only for introduced findings at or above ``--fail-on``.

    The text and json formats read the configuration nearest the first path named (OLD) and show the resolved
    findings of ``--base`` where they were read from; sarif and github show them as ``REV:path``.
    """
    machine = args.format == "sarif" or wants_github(args.format, os.environ)
    paths, against, amendments = diff_inputs(args, report_usage if machine else diff_usage)
    new = paths[0] if paths else Path("rules")
    s = settings(args, lang, start=new if machine or not args.paths else args.paths[0],
                 folders=regulation_folders([*(args.paths or [Path("rules")]), against]))
    s.guard_output([*(args.paths or [Path("rules")]), against, *amendments])
    try:
        change = build_comparisons(paths, s, against=against, base=args.base, amendments=amendments, on=args.on,
                                   use_cache=not args.no_cache, rebase=machine)
    except LoadFailed as failed:  # nothing to compare: what is wrong, in the format and place asked for
        fmt = (args.format or "github") if machine else (args.format or "text")
        s.emit(render_load_failure(fmt, load_findings(failed), s.specs, lang=lang, root=args.root,
                                       category="quyche/diff/"))
        return failed.exit_code
    if machine:
        text = render_diff_formats(args.format or "github", change.comparisons, s.specs, lang=lang,
                                   root=args.root, selected=s.selected)
    elif args.format == "json":
        docs = [json.loads(render_diff_json(c, lang=lang)) for c in change.comparisons]
        text = json.dumps({
            "tool": docs[0]["tool"] if docs else {},
            "lang": lang,
            "comparisons": [{k: v for k, v in d.items() if k not in ("tool", "lang")} for d in docs],
        }, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "\n".join(render_diff_text(c, s.specs, lang=lang, colour=s.colour) for c in change.comparisons)
    s.emit(text)
    return exit_code(change.introduced, s.fail_on)

