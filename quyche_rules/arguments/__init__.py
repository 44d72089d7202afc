"""The argument parser of the ``quyche`` command: every subcommand, its options and its examples.

Options that several subcommands share are declared once, as parent parsers (:mod:`quyche_rules.arguments.shared`);
every subcommand's ``--help`` ends with examples. The checking and reporting subcommands are declared here, those
that look things up, start files and read texts in :mod:`quyche_rules.arguments.lookup`. Built only when the
command line is read (:mod:`quyche_rules.cli`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from quyche_rules import __version__
from quyche_rules.arguments.lookup import add_lookup_commands
from quyche_rules.arguments.messages import ArgumentsRefused, Parser
from quyche_rules.arguments.shared import folder_in_force, iso_date, jobs_count, parent, sub_parser

__all__ = ["ArgumentsRefused", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the ``quyche`` command and its subcommands.

    A command line it refuses raises :class:`ArgumentsRefused` (a ``SystemExit`` with code 2), for the caller to
    say in the user's language.
    """
    lang = parent("lang")
    gate = parent("config", "fail-on", "engine", "on")
    out = parent("output")
    root = parent("root")
    p: argparse.ArgumentParser = Parser(
        prog="quyche", parents=[lang], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check Vietnamese working regulations (Quy chế làm việc) for gaps, conflicts and orphaned "
                    "duties, citing the provision and the legal basis of every finding.",
        epilog="examples:\n  quyche check\n  quyche diff rules/ubdt-2017 rules/ubdt-2023\n"
               "  quyche explain QC301\n\nexit codes: 0 nothing at or above --fail-on, 1 findings, "
               "2 usage, configuration or internal error",
    )
    p.add_argument("--version", action="version", version=f"quyche-rules {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub_parser(sub, "check", "check one or more regulations (default: rules/)",
                   "  quyche check rules/ubdt-2017 --on 2022-10-01 --lang en\n"
                   "  quyche check rules/ubdt-2017/articles/dieu-12.yaml   # the hook: findings touching this file\n"
                   "  quyche check rules/ubdt-2017 draft.yaml   # what the draft introduces (as quyche diff)\n",
                   lang, gate, out, root)
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="regulation folders, folders of them, rule files, or amendment drafts (a top-level "
                        "amendment: key), checked against the folder named or the regulation they amend "
                        "(default: rules/)")
    c.add_argument("--format", choices=("text", "json", "sarif", "github", "markdown", "html"), default=None,
                   help="output format (default: text; github under GitHub Actions)")
    c.add_argument("--select", default=None, metavar="CODES",
                   help="comma-separated codes or families to run, e.g. QC3xx,QC401 (default: all)")
    c.add_argument("--ignore", default=None, metavar="CODES", help="comma-separated codes or families to skip")
    c.add_argument("--baseline", type=Path, default=None, metavar="FILE",
                   help="hide the findings recorded in this baseline file")
    c.add_argument("--write-baseline", type=Path, default=None, metavar="FILE",
                   help="record the current findings as accepted in FILE (- is standard output), and exit 0")
    c.add_argument("--jobs", "-j", type=jobs_count, default=None, metavar="N",
                   help="use at most N processes: N regulations at once; 1 keeps everything in one process "
                        "(default: one per core)")
    c.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache of checked regulations (.quyche_cache/)")
    c.add_argument("--expand", action="store_true",
                   help="one finding per provision for the orphaned-norm checks (QC105-QC109), not one per actor")
    c.add_argument("--drafts", action="store_true",
                   help="also check the drafts of this repository that amend a regulation checked (every draft "
                        "when no PATH is named): the pre-commit hook and the audit")
    c.add_argument("-v", "--verbose", action="store_true", help="say which rule engines ran and why")

    d = sub_parser(sub, "diff", "compare two versions: responsibilities gained and lost, findings introduced",
                   "  quyche diff rules/ubdt-2017 rules/ubdt-2023\n"
                   "  quyche diff rules/ubdt-2017 draft.yaml          # a folder and amendment files\n"
                   "  quyche diff --base main rules/ubdt-2017          # the folder against its git past\n",
                   lang, gate, out, root)
    d.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="OLD NEW (folders), OLD AMENDMENT.yaml..., or with --base: [PATH] (default: rules/)")
    d.add_argument("--base", default=None, metavar="REV",
                   help="read OLD from git at this revision (main, HEAD~1)")
    d.add_argument("--format", choices=("text", "json", "sarif", "github"), default=None,
                   help="output format (default: text; github under GitHub Actions)")
    d.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache (.quyche_cache/), where the old version is kept as checked")

    am = sub_parser(sub, "amend", "apply amendment files to a regulation and write the consolidated version",
                    "  quyche amend rules/ubdt-2017 draft.yaml -o build/hop-nhat\n"
                    "  quyche amend rules/ubdt-2017 a.yaml b.yaml -o build/hop-nhat --on 2024-01-01\n",
                    lang, parent("config", "fail-on"))
    am.add_argument("base", type=Path, metavar="BASE", help="the regulation folder amended (never written)")
    am.add_argument("amendments", nargs="+", type=Path, metavar="AMENDMENT",
                    help="amendment files, applied in order of effect")
    am.add_argument("-o", "--output", dest="folder", type=Path, required=True, metavar="DIR",
                    help="folder to write: new, empty, or a previous output of quyche amend left as it wrote it "
                         "(written atomically; never inside or around a regulation folder)")
    am.add_argument("--on", type=iso_date, default=None, metavar="DATE",
                    help="write the version in force on this date, YYYY-MM-DD")
    am.add_argument("--format", choices=("text", "json"), default="text",
                    help="format of the findings on the operations (QC6xx)")

    rp = sub_parser(sub, "report", "the reviewer's report (HTML, Markdown or Word) on a regulation or on a change",
                    "  quyche report rules/ubdt-2023 -o bao-cao.html\n"
                    "  quyche report rules/ubdt-2023 --against rules/ubdt-2017 --format markdown\n"

                    "  quyche report rules/ubdt-2017 --amendment draft.yaml --format docx -o bao-cao.docx --open\n",
                    lang, gate, out, root)
    rp.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                    help="the regulation folder (for a change: the new version, or the base) (default: rules/)")
    how = rp.add_mutually_exclusive_group()
    how.add_argument("--against", type=Path, default=None, metavar="OLD", help="compare with this older folder")
    how.add_argument("--base", default=None, metavar="REV", help="compare with PATH at this git revision (main)")
    how.add_argument("--amendment", type=Path, nargs="+", default=None, metavar="FILE",
                     help="report on these amendment files applied to PATH")
    rp.add_argument("--format", choices=("html", "markdown", "docx"), default="html",
                    help="report format (default: html; docx, a Word document, needs -o FILE)")
    rp.add_argument("--open", action="store_true", help="open the file written (-o) with the system's viewer")
    rp.add_argument("--no-cache", action="store_true",
                    help="neither read nor write the cache (.quyche_cache/) of checked regulations and old versions")

    sh = sub_parser(sub, "sheet", "each unit's responsibility sheet: what it leads, cooperates on, reports, signs",
                    "  quyche sheet rules/ubdt-2023 --unit vu-tong-hop --format docx -o vu-tong-hop.docx\n"
                    "  quyche sheet rules/ubdt-2023 --format html -o phieu.html --open\n", lang, parent("config"), out)
    folder_in_force(sh, metavar="DIR")
    sh.add_argument("--unit", default=None, metavar="ID", help="only this unit (an actor id of actors.yaml)")
    sh.add_argument("--on", type=iso_date, default=None, metavar="DATE",
                    help="as of this date, YYYY-MM-DD; due dates are counted from it (default: the effective date)")
    sh.add_argument("--format", choices=("html", "markdown", "docx"), default="html",
                    help="sheet format (default: html; docx needs -o FILE)")
    sh.add_argument("--open", action="store_true", help="open the file written (-o) with the system's viewer")

    add_lookup_commands(sub, lang, out)

    ca = sub_parser(sub, "cache", "manage the cache of checked regulations (.quyche_cache/; QUYCHE_CACHE_DIR moves it)",
                    "  quyche cache clean\n  quyche cache clean --lang en\n", lang)
    ca.add_argument("action", choices=("clean",), metavar="ACTION", help="clean: delete every entry")

    co = sub_parser(sub, "completion", "print the shell completion script (bash, zsh or fish)",
                    "  quyche completion bash > ~/.local/share/bash-completion/completions/quyche\n"
                    "  quyche completion fish > ~/.config/fish/completions/quyche.fish\n", lang)
    co.add_argument("shell", choices=("bash", "zsh", "fish"), metavar="SHELL", help="bash, zsh or fish")
    co.set_defaults(parser=p)
    return p
