"""Each unit's responsibility sheet: what it brings to the meeting where the regulation is reviewed.

For a unit, its posts (head, deputies, staff, clerk) and the groups it belongs to ("các vụ, đơn vị"): what it leads,
cooperates on, carries out and follows up, whom it reports to and how often, what it signs or decides and under which
signing mode (KT., TL., TUQ., Q., TM.), what it delegates, what it must not do, its time limits (with the due date for
an example start date), who stands in for its head, and the findings that name it. What concerns the unit is read
from the responsibility graph (every edge names the provision that creates it) and, for time limits, from the facts
the checks run on; each norm is then said in a sentence (:mod:`quyche_rules.reports.sentences`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx

from quyche_rules import __version__
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.errors import QuycheError
from quyche_rules.facts import DISPLAY, Fact, derive_facts
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang
from quyche_rules.model import (
    Coordination,
    Delegation,
    Duty,
    FollowUp,
    Power,
    Prohibition,
    Regulation,
    Reporting,
    Substitution,
)
from quyche_rules.model.norms import Norm
from quyche_rules.reports.phrases import fullest
from quyche_rules.reports.sentences import norm_sentence
from quyche_rules.reports.sheet_views import SECTIONS, SHEET_UI, SheetLine, SheetSection, SheetView, UnitSheet
from quyche_rules.time import OutsideHolidayData, Period, WorkingCalendar, due_date
from quyche_rules.time.calendar import Override
from quyche_rules.vocabulary import day_words

__all__ = ["POSTS", "build_sheet", "circle", "units_of"]

#: the kinds of actor that belong to a unit and whose responsibilities are the unit's to bring
POSTS = ("unit_head", "unit_deputy", "staff", "clerk")
_COUNTED = ("working_days", "days", "weeks", "months", "years")

Match = Callable[[Norm, str], bool]
#: graph edge kind -> (end of the edge that is the unit's, section, which norms of the provision it stands for)
_EDGES: dict[str, tuple[tuple[int, str, Match], ...]] = {
    "leads": ((0, "leads", lambda n, a: (isinstance(n, Duty) and n.holder == a and n.role == "lead")
               or (isinstance(n, Coordination) and n.lead == a)),),
    "cooperates": ((0, "cooperates", lambda n, a: (isinstance(n, Duty) and n.holder == a and n.role == "cooperate")
                    or (isinstance(n, Coordination) and a in n.cooperating)),),
    "holds_duty": ((0, "carries_out", lambda n, a: isinstance(n, Duty) and n.holder == a and n.role == "responsible"),),
    "follows_up": ((0, "follows_up", lambda n, a: isinstance(n, FollowUp) and n.holder == a),),
    "reports_to": ((0, "reports", lambda n, a: isinstance(n, Reporting) and n.from_ == a),
                   (1, "receives_reports", lambda n, a: isinstance(n, Reporting) and n.to == a)),
    "holds_power": ((0, "signs", lambda n, a: isinstance(n, Power) and n.holder == a),),
    "prohibited": ((0, "prohibited", lambda n, a: isinstance(n, Prohibition) and n.holder == a),),
    "delegates": ((1, "signs", lambda n, a: isinstance(n, Delegation) and n.to == a),
                  (0, "delegates", lambda n, a: isinstance(n, Delegation) and n.from_ == a)),
    "substitutes": ((1, "substitutes", lambda n, a: isinstance(n, Substitution) and n.absent == a),
                    (0, "substitutes", lambda n, a: isinstance(n, Substitution) and a in (n.substitute, n.fallback))),
}


def units_of(reg: Regulation, day: dt.date) -> list[str]:
    """Return the units in force on ``day``, in the order of actors.yaml."""
    return [a.id for a in reg.actors if a.kind == "unit" and a.valid_on(day)]


def circle(reg: Regulation, unit: str, day: dt.date) -> dict[str, str]:
    """Return who answers within a unit: the unit (""), its posts and the groups it is in, each with its name."""
    out = {unit: ""}
    out.update({a.id: a.name for a in reg.actors if a.parent == unit and a.kind in POSTS and a.valid_on(day)})
    for group in reg.actors:
        if group.kind == "group" and group.valid_on(day) and set(group.members_in(reg.actors)) & out.keys():
            out.setdefault(group.id, group.name)
    return out


def _actor(node: str) -> str | None:
    return node.removeprefix("actor:") if node.startswith("actor:") else None


def _norm_lines(reg: Regulation, g: nx.MultiDiGraph[str], who: Mapping[str, str],
                lang: Lang) -> dict[str, list[SheetLine]]:
    """Return the sentences of the norms that concern the unit, by section, read from the graph's edges."""
    provisions = {p.phrase: p for p in reg.provisions}
    seen: set[tuple[str, str, int]] = set()
    out: dict[str, list[SheetLine]] = {}
    for u, v, data in g.edges(data=True):
        ends = (_actor(u), _actor(v))
        prov = provisions.get(data.get("provision", ""))
        if prov is None:
            continue
        for end, section, match in _EDGES.get(data["kind"], ()):
            actor = ends[end]
            if actor is None or actor not in who:
                continue
            for index, norm in enumerate(prov.norms):
                if (section, prov.phrase, index) in seen or not match(norm, actor):
                    continue
                seen.add((section, prov.phrase, index))
                line = SheetLine(norm_sentence(norm, reg).get(lang), prov.phrase, who[actor])
                out.setdefault(section, []).append(line)
    # a follow-up's targets are no edge of the graph (it links the holder to the task): read them from the norms
    for prov in reg.provisions:
        for norm in prov.norms:
            targets = [a for a in norm.targets if a in who] if isinstance(norm, FollowUp) else []
            if targets:
                line = SheetLine(norm_sentence(norm, reg).get(lang), prov.phrase, who[targets[0]])
                out.setdefault("followed_up", []).append(line)
    return {key: _fullest(lines) for key, lines in out.items()}


def _fullest(lines: list[SheetLine]) -> list[SheetLine]:
    """Keep, of the sentences of one provision, those no longer one says too (:func:`fullest`)."""
    by_provision: dict[str, list[str]] = {}
    for line in lines:
        by_provision.setdefault(line.provision, []).append(line.text)
    kept = {(p, text) for p, texts in by_provision.items() for text in fullest(texts)}
    return [line for line in lines if (line.provision, line.text) in kept]


def _due(fact: Fact, start: dt.date, cal: WorkingCalendar, lang: Lang) -> str:
    """Return when a time limit falls for the example start date, or "" when it is a fixed date or a moment.

    Past the years whose public holidays are known, it says so: a day counted there could be a holiday.
    """
    unit, direction = str(fact["unit"]), str(fact["direction"])
    if unit not in _COUNTED or direction not in ("after", "before"):
        return ""
    try:
        due = due_date(start, Period(unit, int(fact["amount"]), before=direction == "before"), cal)
    except OutsideHolidayData as outside:
        first, last = outside.years
        return SHEET_UI["due_unknown"].fill({"first": first, "last": last}).get(lang)
    except (QuycheError, OverflowError, ValueError):
        return ""
    return day_words(due.day).get(lang)


def _deadline_lines(facts: Iterable[Fact], who: Mapping[str, str], start: dt.date, lang: Lang,
                    cal: WorkingCalendar) -> list[SheetLine]:
    """Return the unit's time limits: its own, and the time to answer in a coordination it takes part in."""
    facts = list(facts)
    # a coordination's time to answer has no holder: it binds whoever takes part in the task at that provision
    parts = {(f["task"], f["provision"]): str(f["holder"]) for f in facts
             if f["kind"] == "task_role" and str(f["holder"]) in who}
    lines = []
    for f in facts:
        if f["kind"] != "task_deadline":
            continue
        holder = str(f["holder"]) or parts.get((f["task"], f["provision"]), "")
        if holder not in who:
            continue
        period = DISPLAY["task_deadline"]["period"](f).get(lang)
        event = str(f["from_event"])
        if event and f["direction"] == "after":
            period += f" kể từ khi {event}" if lang == "vi" else f" from «{event}»"
        if f["source"] == "response":
            period += f" ({SHEET_UI['to_answer'].get(lang)})"
        lines.append(SheetLine(f"«{f['task_name']}»: {period}", str(f["provision"]), who[holder],
                               _due(f, start, cal, lang)))
    return list(dict.fromkeys(lines))


def _finding_lines(findings: Sequence[Finding], specs: Mapping[str, CheckSpec], who: Mapping[str, str],
                   lang: Lang) -> list[SheetLine]:
    lines = []
    for f in findings:
        if not set(f.actors) & who.keys():
            continue
        spec = specs.get(f.code)
        title = spec.title.get(lang) if spec is not None else f.name
        lines.append(SheetLine(f"{f.code} {title}: {f.message.get(lang)}",
                               "; ".join(p.citation for p in f.provisions), f.severity.label(lang).capitalize()))
    return lines


def build_sheet(reg: Regulation, g: nx.MultiDiGraph[str], units: Sequence[str], findings: Sequence[Finding],
                specs: Mapping[str, CheckSpec], *, day: dt.date, lang: Lang, generated: str = "",
                calendar: Override | None = None) -> SheetView:
    """Return the sheets of ``units`` of ``reg`` as of ``day`` (due dates are counted from ``day``).

    Args:
        reg: the regulation.
        g: its responsibility graph (:func:`quyche_rules.graph.build_graph`).
        units: the ids of the units to write a sheet for.
        findings: the findings of the regulation; those naming a unit or its posts go on its sheet.
        specs: the catalogue (the checks' titles).
        day: the day the regulation is read at, and the example start date of every time limit.
        lang: the language of the sheet (the regulation's words stay Vietnamese).
        generated: a date to print; none by default, for byte-identical output.
        calendar: the regulation's own days off and working days (its calendar.yaml), counted in the due dates.
    """
    facts = derive_facts(reg, on=day)
    cal = WorkingCalendar(calendar)
    sheets = []
    for n, unit in enumerate(units, start=1):
        who = circle(reg, unit, day)
        found = _norm_lines(reg, g, who, lang)
        found["deadlines"] = _deadline_lines(facts, who, day, lang, cal)
        found["findings"] = _finding_lines(findings, specs, who, lang)
        sections = tuple(SheetSection(key, title.get(lang), tuple(found[key]))
                         for key, title in SECTIONS.items() if found.get(key))
        posts = tuple(name for actor, name in who.items() if actor != unit)
        sheets.append(UnitSheet(f"u{n}-{unit}", unit, reg.actor_name(unit), posts, sections))
    t = {k: v.get(lang) for k, v in SHEET_UI.items()}
    t["due_note"] = SHEET_UI["due_note"].fill({"day": day_words(day)}).get(lang)
    return SheetView(
        lang=lang, title=SHEET_UI["title"].get(lang), regulation=f"{reg.meta.number} — {reg.meta.title}",
        day=day_words(day).get(lang), t=t, units=tuple(sheets), version=__version__, generated=generated,
        issuer=reg.actor_name(reg.meta.body),
    )
