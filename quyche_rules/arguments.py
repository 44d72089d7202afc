"""The argument parser of the ``quyche`` command: every subcommand, its options and its examples.

Options that several subcommands share are declared once, as parent parsers; every subcommand's ``--help``
ends with examples. Built only when the command line is read (:mod:`quyche_rules.cli`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from quyche_rules import __version__

__all__ = ["build_parser"]

_SEVERITIES = ("error", "warning", "info")
_ENGINES = ("both", "durable", "reference")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _parent(*adders: str) -> argparse.ArgumentParser:
    """Return a parent parser with the shared options named (so each is declared, and helped, once)."""
    p = argparse.ArgumentParser(add_help=False)
    for name in adders:
        _SHARED[name](p)
    return p


_SHARED = {
    "lang": lambda p: p.add_argument(
        "--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
        help="language of the messages: vi (default, or $QUYCHE_LANG) or en"),
    "config": lambda p: p.add_argument(
        "--config", type=Path, default=None, metavar="FILE",
        help="configuration file (default: the nearest quyche.toml, or pyproject.toml with [tool.quyche])"),
    "fail-on": lambda p: p.add_argument(
        "--fail-on", choices=_SEVERITIES, default=None,
        help="lowest severity that makes the exit code 1 (default: the configuration's, else warning)"),
    "engine": lambda p: p.add_argument(
        "--engine", choices=_ENGINES, default=None,
        help="rule engine for declarative checks: both (default: run both and compare), durable or reference"),
    "on": lambda p: p.add_argument(
        "--on", type=_date, default=None, metavar="DATE",
        help="read and check as of this date, YYYY-MM-DD (default: the regulation's effective date)"),
    "root": lambda p: p.add_argument(
        "--root", type=Path, default=None, metavar="DIR",
        help="repository root that file paths in sarif, github and reports are relative to (default: here)"),
    "output": lambda p: p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE",
        help="write to this file (atomically; - is standard output; never an input, nor inside a regulation "
             "folder or a folder read) instead of standard output"),
}


def _sub(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str, examples: str,
         *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
    return sub.add_parser(
        name, parents=list(parents), help=summary, description=summary,
        epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _folder_in_force(parser: argparse.ArgumentParser, metavar: str = "PATH") -> None:
    parser.add_argument("path", nargs="?", type=Path, default=Path("rules"), metavar=metavar,
                        help="a regulation folder, or a folder of them: the one in force on --on (default: rules/)")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the ``quyche`` command and its subcommands."""
    lang = _parent("lang")
    gate = _parent("config", "fail-on", "engine", "on")
    out = _parent("output")
    root = _parent("root")
    p = argparse.ArgumentParser(
        prog="quyche", parents=[lang], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check Vietnamese working regulations (Quy chế làm việc) for gaps, conflicts and orphaned "
                    "duties, citing the provision and the legal basis of every finding.",
        epilog="examples:\n  quyche check\n  quyche diff rules/ubdt-2017 rules/ubdt-2023\n"
               "  quyche explain QC301\n\nexit codes: 0 nothing at or above --fail-on, 1 findings, "
               "2 usage, configuration or internal error",
    )
    p.add_argument("--version", action="version", version=f"quyche-rules {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = _sub(sub, "check", "check one or more regulations (default: rules/)",
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
    c.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
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

    d = _sub(sub, "diff", "compare two versions: responsibilities gained and lost, findings introduced",
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

    am = _sub(sub, "amend", "apply amendment files to a regulation and write the consolidated version",
              "  quyche amend rules/ubdt-2017 draft.yaml -o build/hop-nhat\n"
              "  quyche amend rules/ubdt-2017 a.yaml b.yaml -o build/hop-nhat --on 2024-01-01\n",
              lang, _parent("config", "fail-on"))
    am.add_argument("base", type=Path, metavar="BASE", help="the regulation folder amended (never written)")
    am.add_argument("amendments", nargs="+", type=Path, metavar="AMENDMENT",
                    help="amendment files, applied in order of effect")
    am.add_argument("-o", "--output", dest="folder", type=Path, required=True, metavar="DIR",
                    help="folder to write: new, empty, or a previous output of quyche amend left as it wrote it "
                         "(written atomically; never inside or around a regulation folder)")
    am.add_argument("--on", type=_date, default=None, metavar="DATE",
                    help="write the version in force on this date, YYYY-MM-DD")
    am.add_argument("--format", choices=("text", "json"), default="text",
                    help="format of the findings on the operations (QC6xx)")

    rp = _sub(sub, "report", "the reviewer's report (HTML, Markdown or Word) on a regulation or on a change",
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

    sh = _sub(sub, "sheet", "each unit's responsibility sheet: what it leads, cooperates on, reports, signs",
              "  quyche sheet rules/ubdt-2023 --unit vu-tong-hop --format docx -o vu-tong-hop.docx\n"
              "  quyche sheet rules/ubdt-2023 --format html -o phieu.html --open\n", lang, _parent("config"), out)
    _folder_in_force(sh, metavar="DIR")
    sh.add_argument("--unit", default=None, metavar="ID", help="only this unit (an actor id of actors.yaml)")
    sh.add_argument("--on", type=_date, default=None, metavar="DATE",
                    help="as of this date, YYYY-MM-DD; due dates are counted from it (default: the effective date)")
    sh.add_argument("--format", choices=("html", "markdown", "docx"), default="html",
                    help="sheet format (default: html; docx needs -o FILE)")
    sh.add_argument("--open", action="store_true", help="open the file written (-o) with the system's viewer")

    e = _sub(sub, "explain", "explain a check: what, why, legal basis, and its examples run on a small regulation",
             "  quyche explain QC301\n  quyche explain qc402 --lang en\n", lang)
    e.add_argument("code", metavar="CODE", help="a check code, e.g. QC301 (see quyche rules)")
    e.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                   help="regulations whose own checks.yaml may declare CODE (default: rules/, if there)")

    r = _sub(sub, "rules", "list the checks: the built-in ones and those of the regulations' checks.yaml",
             "  quyche rules\n  quyche rules rules/ubdt-2017 --format json --lang en\n", lang)
    r.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                   help="also list the checks of these regulations' checks.yaml (default: rules/, if there)")
    r.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    w = _sub(sub, "who", "who leads, cooperates, decides and signs for a task",
             "  quyche who xay-dung-chuong-trinh-cong-tac\n"
             "  quyche who xay-dung-chuong-trinh-cong-tac rules/ubdt-2017 --on 2020-01-01\n", lang)
    w.add_argument("task", metavar="TASK", help="a task id from tasks.yaml")
    _folder_in_force(w)
    w.add_argument("--on", type=_date, default=None, metavar="DATE", help="as of this date, YYYY-MM-DD")

    g = _sub(sub, "graph", "export the responsibility graph",
             "  quyche graph rules/ubdt-2017 --format dot -o ubdt.dot\n  quyche graph --format graphml\n",
             lang, out)
    g.add_argument("path", nargs="?", type=Path, default=Path("rules"), metavar="PATH",
                   help="a regulation folder, or a folder of them: the newest (default: rules/)")
    g.add_argument("--format", choices=("dot", "graphml", "json"), default="json",
                   help="export format (default: json, node-link)")

    ci = _sub(sub, "cite", "read a Vietnamese citation phrase into its parts and its canonical form",
              '  quyche cite "các điểm a, b và c khoản 1 Điều 7"\n'
              '  quyche cite "khoản 2 Điều này" --context "Điều 5"\n', lang)
    ci.add_argument("phrase", metavar="PHRASE", help='a citation phrase, e.g. "điểm a khoản 2 Điều 5"')
    ci.add_argument("--context", default=None, metavar="PHRASE",
                    help="the provision the phrase is written in, for 'Điều này' and bare 'khoản 2'")

    lw = _sub(sub, "law", "the law catalogue: the instruments the checks and the regulations cite",
              "  quyche law\n  quyche law nd-30-2020 --lang en\n  quyche law --format json\n", lang)
    lw.add_argument("id", nargs="?", default=None, metavar="ID",
                    help="an instrument's id: show it, its history and the provisions quoted (default: list them all)")
    lw.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    du = _sub(sub, "due", "when a period ends on the working-day calendar (Civil Code 2015, Articles 147-148)",
              '  quyche due 2026-11-27 "05 ngày làm việc"\n'
              '  quyche due 2026-11-30 "chậm nhất 03 ngày làm việc trước"   # a lead time, counted back\n'
              '  quyche due 2027-02-01 "01 năm" --calendar calendar.yaml --lang en --format json\n', lang)
    du.add_argument("date", metavar="DATE",
                    help="the day counted from (or back from): YYYY-MM-DD or DD/MM/YYYY, YYYY-MM-DDTHH:MM for hours")
    du.add_argument("period", metavar="PERIOD",
                    help='as drafters write it: "05 ngày làm việc", "10 ngày", "02 tuần", "03 tháng", "01 năm", '
                         '"24 giờ", "chậm nhất 03 ngày làm việc trước"')
    du.add_argument("--calendar", type=Path, default=None, metavar="FILE",
                    help="extra days off and working days: a calendar.yaml, or a regulation folder holding one")
    du.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    s = _sub(sub, "schema", "print the JSON Schema of a kind of rule file, or a readable reference of its fields",
             "  quyche schema article\n  quyche schema amendment --format markdown > sua-doi.md\n", lang)
    s.add_argument("kind", nargs="?", default="article", metavar="KIND",
                   help="regulation, actors, tasks, article (default), checks, amendment or calendar")
    s.add_argument("--format", choices=("json", "markdown"), default="json",
                   help="json (the JSON Schema, default) or markdown (every field with its description)")

    nw = _sub(sub, "new", "start a draft amendment, or a regulation folder, from a commented template",
              "  quyche new amendment --base rules/ubdt-2023 -o sua-doi.yaml\n"
              "  quyche new regulation bo-xyz-2026 -o rules/bo-xyz-2026\n", lang)
    nw.add_argument("kind", choices=("amendment", "regulation"), metavar="KIND", help="amendment or regulation")
    nw.add_argument("name", nargs="?", default=None, metavar="NAME", help="the new regulation's ASCII id")
    nw.add_argument("--base", type=Path, default=None, metavar="DIR", help="the regulation the amendment amends")
    nw.add_argument("-o", "--output", type=Path, default=None, metavar="PATH",
                    help="file (amendment; - or none: standard output) or folder (regulation; default: NAME) to "
                         "write, atomically; never over an existing file, nor inside a regulation folder")
    nw.add_argument("--effective", type=_date, default=None, metavar="DATE",
                    help="the date it takes effect, YYYY-MM-DD (default: today)")

    im = _sub(sub, "import", "read a regulation's text (.md, .txt, .docx) into a folder with suggested norms",
              "  quyche import quy-che.md -o rules/bo-xyz-2026\n"
              "  quyche import quy-che.docx -o rules/bo-xyz-2026 --actors actors.yaml\n"
              "  quyche import quy-che.md -o rules/bo-xyz-2026 --update\n", lang)
    im.add_argument("file", type=Path, metavar="FILE", help="the regulation's text: .md, .txt or .docx")
    im.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                    help="the regulation folder to write, atomically; never over an existing one without --update")
    im.add_argument("--actors", type=Path, default=None, metavar="FILE",
                    help="an existing actors.yaml whose actors (names and aliases) are recognised in the text")
    im.add_argument("--update", action="store_true",
                    help="re-import into DIR: keep confirmed norms, regulation.yaml and actors.yaml; report changes")

    cv = _sub(sub, "coverage", "how much of a regulation's text is encoded by confirmed norms, per chapter and article",
              "  quyche coverage rules/chinh-phu-2026\n"
              "  quyche coverage rules/bo-xyz-2026 --format json\n", lang)
    cv.add_argument("path", type=Path, metavar="DIR", help="a regulation folder")
    cv.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    ls = _sub(sub, "ls", "list a regulation's actors, tasks, document types or provisions",
              "  quyche ls actors rules/ubdt-2017 --on 2022-10-01\n"
              "  quyche ls provisions rules/ubdt-2023 --format json\n", lang)
    ls.add_argument("what", choices=("actors", "tasks", "document-types", "provisions"), metavar="WHAT",
                    help="actors, tasks, document-types or provisions")
    _folder_in_force(ls)
    ls.add_argument("--on", type=_date, default=None, metavar="DATE",
                    help="as of this date, YYYY-MM-DD: only the actors that exist that day")
    ls.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    sw = _sub(sub, "show", "show a provision: its text, its norms in sentences and its amendment history",
              '  quyche show "khoản 2 Điều 11" rules/ubdt-2017\n'
              '  quyche show "Điều 7" rules/ubdt-2023 --lang en\n', lang)
    sw.add_argument("citation", metavar="CITATION", help='a citation phrase, e.g. "khoản 2 Điều 11"')
    _folder_in_force(sw)
    sw.add_argument("--on", type=_date, default=None, metavar="DATE", help="as of this date, YYYY-MM-DD")

    ca = _sub(sub, "cache", "manage the cache of checked regulations (.quyche_cache/; QUYCHE_CACHE_DIR moves it)",
              "  quyche cache clean\n  quyche cache clean --lang en\n", lang)
    ca.add_argument("action", choices=("clean",), metavar="ACTION", help="clean: delete every entry")

    co = _sub(sub, "completion", "print the shell completion script (bash, zsh or fish)",
              "  quyche completion bash > ~/.local/share/bash-completion/completions/quyche\n"
              "  quyche completion fish > ~/.config/fish/completions/quyche.fish\n", lang)
    co.add_argument("shell", choices=("bash", "zsh", "fish"), metavar="SHELL", help="bash, zsh or fish")
    co.set_defaults(parser=p)
    return p
