"""The parsers of the subcommands that look things up, start files and read texts: explain to show.

``explain``, ``rules``, ``who``, ``graph``, ``cite``, ``law``, ``due``, ``schema``, ``new``, ``import``,
``coverage``, ``ls`` and ``show``, added in this order after the checking and reporting ones
(:func:`quyche_rules.arguments.build_parser`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from quyche_rules.arguments.shared import folder_in_force, iso_date, sub_parser

__all__ = ["add_lookup_commands"]


def add_lookup_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: argparse.ArgumentParser,
                        out: argparse.ArgumentParser) -> None:
    """Add the subcommands from ``explain`` to ``show`` (``lang`` and ``out`` are the shared parent parsers)."""
    e = sub_parser(sub, "explain",
                   "explain a check: what, why, legal basis, and its examples run on a small regulation",
                   "  quyche explain QC301\n  quyche explain qc402 --lang en\n", lang)
    e.add_argument("code", metavar="CODE", help="a check code, e.g. QC301 (see quyche rules)")
    e.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                   help="regulations whose own checks.yaml may declare CODE (default: rules/, if there)")

    r = sub_parser(sub, "rules", "list the checks: the built-in ones and those of the regulations' checks.yaml",
                   "  quyche rules\n  quyche rules rules/ubdt-2017 --format json --lang en\n", lang)
    r.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                   help="also list the checks of these regulations' checks.yaml (default: rules/, if there)")
    r.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    w = sub_parser(sub, "who", "who leads, cooperates, decides and signs for a task",
                   "  quyche who xay-dung-chuong-trinh-cong-tac\n"
                   "  quyche who xay-dung-chuong-trinh-cong-tac rules/ubdt-2017 --on 2020-01-01\n", lang)
    w.add_argument("task", metavar="TASK", help="a task id from tasks.yaml")
    folder_in_force(w)
    w.add_argument("--on", type=iso_date, default=None, metavar="DATE", help="as of this date, YYYY-MM-DD")

    g = sub_parser(sub, "graph", "export the responsibility graph",
                   "  quyche graph rules/ubdt-2017 --format dot -o ubdt.dot\n  quyche graph --format graphml\n",
                   lang, out)
    g.add_argument("path", nargs="?", type=Path, default=Path("rules"), metavar="PATH",
                   help="a regulation folder, or a folder of them: the newest (default: rules/)")
    g.add_argument("--format", choices=("dot", "graphml", "json"), default="json",
                   help="export format (default: json, node-link)")

    ci = sub_parser(sub, "cite", "read a Vietnamese citation phrase into its parts and its canonical form",
                    '  quyche cite "các điểm a, b và c khoản 1 Điều 7"\n'
                    '  quyche cite "khoản 2 Điều này" --context "Điều 5"\n', lang)
    ci.add_argument("phrase", metavar="PHRASE", help='a citation phrase, e.g. "điểm a khoản 2 Điều 5"')
    ci.add_argument("--context", default=None, metavar="PHRASE",
                    help="the provision the phrase is written in, for 'Điều này' and bare 'khoản 2'")

    lw = sub_parser(sub, "law", "the law catalogue: the instruments the checks and the regulations cite",
                    "  quyche law\n  quyche law nd-30-2020 --lang en\n  quyche law --format json\n", lang)
    lw.add_argument("id", nargs="?", default=None, metavar="ID",
                    help="an instrument's id: show it, its history and the provisions quoted (default: list them all)")
    lw.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    du = sub_parser(sub, "due", "when a period ends on the working-day calendar (Civil Code 2015, Articles 147-148)",
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

    s = sub_parser(sub, "schema", "print the JSON Schema of a kind of rule file, or a readable reference of its fields",
                   "  quyche schema article\n  quyche schema amendment --format markdown > sua-doi.md\n", lang)
    s.add_argument("kind", nargs="?", default="article", metavar="KIND",
                   help="regulation, actors, tasks, article (default), checks, amendment or calendar")
    s.add_argument("--format", choices=("json", "markdown"), default="json",
                   help="json (the JSON Schema, default) or markdown (every field with its description)")

    nw = sub_parser(sub, "new", "start a draft amendment, or a regulation folder, from a commented template",
                    "  quyche new amendment --base rules/ubdt-2023 -o sua-doi.yaml\n"
                    "  quyche new regulation bo-xyz-2026 -o rules/bo-xyz-2026\n", lang)
    nw.add_argument("kind", choices=("amendment", "regulation"), metavar="KIND", help="amendment or regulation")
    nw.add_argument("name", nargs="?", default=None, metavar="NAME", help="the new regulation's ASCII id")
    nw.add_argument("--base", type=Path, default=None, metavar="DIR", help="the regulation the amendment amends")
    nw.add_argument("-o", "--output", type=Path, default=None, metavar="PATH",
                    help="file (amendment; - or none: standard output) or folder (regulation; default: NAME) to "
                         "write, atomically; never over an existing file, nor inside a regulation folder")
    nw.add_argument("--effective", type=iso_date, default=None, metavar="DATE",
                    help="the date it takes effect, YYYY-MM-DD (default: today)")

    im = sub_parser(sub, "import", "read a regulation's text (.md, .txt, .docx) into a folder with suggested norms",
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

    cv = sub_parser(sub, "coverage",
                    "how much of a regulation's text is encoded by confirmed norms, per chapter and article",
                    "  quyche coverage rules/chinh-phu-2026\n"
                    "  quyche coverage rules/bo-xyz-2026 --format json\n", lang)
    cv.add_argument("path", type=Path, metavar="DIR", help="a regulation folder")
    cv.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    ls = sub_parser(sub, "ls", "list a regulation's actors, tasks, document types or provisions",
                    "  quyche ls actors rules/ubdt-2017 --on 2022-10-01\n"
                    "  quyche ls provisions rules/ubdt-2023 --format json\n", lang)
    ls.add_argument("what", choices=("actors", "tasks", "document-types", "provisions"), metavar="WHAT",
                    help="actors, tasks, document-types or provisions")
    folder_in_force(ls)
    ls.add_argument("--on", type=iso_date, default=None, metavar="DATE",
                    help="as of this date, YYYY-MM-DD: only the actors that exist that day")
    ls.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    sw = sub_parser(sub, "show", "show a provision: its text, its norms in sentences and its amendment history",
                    '  quyche show "khoản 2 Điều 11" rules/ubdt-2017\n'
                    '  quyche show "Điều 7" rules/ubdt-2023 --lang en\n', lang)
    sw.add_argument("citation", metavar="CITATION", help='a citation phrase, e.g. "khoản 2 Điều 11"')
    folder_in_force(sw)
    sw.add_argument("--on", type=iso_date, default=None, metavar="DATE", help="as of this date, YYYY-MM-DD")
