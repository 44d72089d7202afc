"""``quyche sheet``: each unit's responsibility sheet, for the meeting where the regulation is reviewed.

``quyche sheet DIR [--unit ID] [--on DATE] --format html|markdown|docx [-o FILE] [--open]`` writes, for every unit
in force (or the one named: a unit, or one of its posts), what it leads, cooperates on, reports (to whom, how often),
signs and under which signing mode, its time limits with the due date of an example start date (``--on``, else the
regulation's effective date), who stands in for its head, and the findings that name it
(:mod:`quyche_rules.reports.sheet`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os

from quyche_rules.commands.check import check_folders
from quyche_rules.commands.formats import generated_stamp
from quyche_rules.commands.report import deliver, refuse_unwritable
from quyche_rules.commands.settings import refuse_day_before, regulation_folders, settings
from quyche_rules.errors import UsageError
from quyche_rules.findings import sort_findings
from quyche_rules.graph import build_graph
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import LoadedRegulation, find_regulations, load_regulation
from quyche_rules.model import Regulation
from quyche_rules.reports.sheet import POSTS, build_sheet, units_of

__all__ = ["run"]


def _in_force(args: argparse.Namespace) -> LoadedRegulation:
    """Load the regulation at the path given; of several, the one in force on ``--on`` (default: the newest)."""
    loaded = [load_regulation(f) for f in find_regulations(args.path)]
    if not loaded:
        raise UsageError(
            Text.of(f"Không có quy chế nào trong {args.path}", f"No regulation in {args.path}"),
            fix=Text.of("Chỉ ra thư mục chứa regulation.yaml, ví dụ rules/ubdt-2023",
                        "Name a folder holding a regulation.yaml, e.g. rules/ubdt-2023"),
        )
    loaded.sort(key=lambda r: r.regulation.effective)
    in_force = [r for r in loaded if args.on is None or r.regulation.effective <= args.on]
    return (in_force or loaded)[-1]


def _units(reg: Regulation, wanted: str | None, day: dt.date) -> list[str]:
    """Return the units to write a sheet for: every unit in force, or the one named (a post names its unit)."""
    units = units_of(reg, day)
    if wanted is None:
        return units
    actor = reg.actor_by_id.get(wanted)
    if actor is not None and actor.kind in POSTS and actor.parent:
        actor = reg.actor_by_id.get(actor.parent)
    if actor is None or actor.id not in units:
        close = difflib.get_close_matches(wanted, units, n=1)
        raise UsageError(
            Text.of(f"Không có đơn vị {wanted!r} đang hoạt động trong {reg.id}",
                    f"No unit {wanted!r} in force in {reg.id}"),
            fix=Text.of(f"Có phải ý bạn là {close[0]!r}?" if close else "Xem actors.yaml (các chủ thể kind: unit)",
                        f"Did you mean {close[0]!r}?" if close else "See actors.yaml (the actors of kind unit)"),
        )
    return [actor.id]


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche sheet``: the responsibility sheets of a regulation's units."""
    refuse_unwritable(args, "sheet")
    s = settings(args, lang, start=args.path, folders=regulation_folders([args.path]))
    s.guard_output([args.path])
    loaded = _in_force(args)
    reg = loaded.regulation
    refuse_day_before(reg, args.on)
    day = args.on or reg.effective
    units = _units(reg, args.unit, day)
    checked = check_folders([loaded.root], lang=lang, engine="reference", day=day, selected=s.selected)
    findings = sort_findings(s.config.apply(checked.findings))
    view = build_sheet(reg, build_graph(reg), units, findings, s.specs, day=day, lang=lang,
                       generated=generated_stamp(os.environ), calendar=loaded.calendar)
    if args.format == "docx":
        from quyche_rules.reports.docx_sheet import render_sheet_docx  # lazy: python-docx only for Word

        deliver(args, s, render_sheet_docx(view))
    else:
        from quyche_rules.reports.sheet_render import render_sheet  # lazy: jinja2

        deliver(args, s, render_sheet(view, args.format))
    return 0
