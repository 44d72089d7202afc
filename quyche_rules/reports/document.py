"""The reviewer's report as plain data: what the HTML and Markdown templates show, in one language.

:func:`build_report` turns the parts of a report (one regulation checked, or one comparison of two versions)
into a :class:`ReportView`: a summary by severity and family, the findings of each part grouped into
introduced / resolved / persisting (or all findings for a single regulation), each with its check's title,
its provisions (Vietnamese text, citation, location), legal basis, fix hint and diagram, and the
responsibility diff per unit, and the findings the provisions suppress with their reasons
(:mod:`quyche_rules.reports.suppressed`). A comparison also shows the change as a reviewer reads it: the
instrument, and each operation's old and new wording side by side (:mod:`quyche_rules.reports.wording`).
Everything is sorted; nothing depends on the clock unless ``generated`` is given. The view types and the interface
words are in :mod:`quyche_rules.reports.views` and :mod:`quyche_rules.reports.change_views`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from quyche_rules import __version__
from quyche_rules.amend.diff import Comparison
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.checks.suppressions import Suppressed
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang
from quyche_rules.model import Regulation
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.reports.change_views import CHANGE_UI, InstrumentView
from quyche_rules.reports.common import SEVERITIES, anchors, family_label, family_of
from quyche_rules.reports.finding_refs import Refs, Shown
from quyche_rules.reports.finding_view import finding_view, graph_of, regulation_of
from quyche_rules.reports.locate import Locator
from quyche_rules.reports.responsibilities import responsibility_views
from quyche_rules.reports.suppressed import suppressed_row, suppressed_views
from quyche_rules.reports.views import (
    GROUP_SHORT,
    GROUP_TITLES,
    UI,
    ActorView,
    CountRow,
    EndedView,
    FindingView,
    GroupView,
    PartView,
    ReportView,
)
from quyche_rules.reports.wording import amendment_views, version_view
from quyche_rules.vocabulary import day_words

__all__ = ["UI", "FindingView", "Part", "ReportView", "build_report", "part_for_check", "part_for_comparison"]

GroupKey = Literal["all", "introduced", "resolved", "persisting"]


@dataclass(frozen=True)
class Part:
    """One regulation (or several) checked, or one comparison of two versions.

    ``regulations`` resolves names and draws diagrams for ``all``, ``introduced`` and ``persisting``
    findings; ``old_regulations`` does it for ``resolved`` ones. ``suppressed``: the findings its provisions
    suppress, listed apart with their reasons. ``amendments`` (with the day ``on`` they are read at): the amendment
    files a comparison applies, whose operations the report shows one by one.
    """

    heading: str
    groups: tuple[tuple[GroupKey, tuple[Finding, ...]], ...]
    regulations: Mapping[str, Regulation]
    old_regulations: Mapping[str, Regulation] = field(default_factory=dict)
    comparison: Comparison | None = None
    old_label: str = ""
    new_label: str = ""
    suppressed: tuple[Suppressed, ...] = ()
    amendments: tuple[AmendmentFile, ...] = ()
    on: dt.date | None = None


def _describe_reg(reg: Regulation, lang: Lang) -> str:
    day = day_words(reg.effective).get(lang)
    return f"{reg.meta.number} — {reg.meta.title} ({UI['effective'].get(lang)} {day})"


def part_for_check(regulations: Sequence[Regulation], findings: Sequence[Finding], lang: Lang,
                   suppressed: Sequence[Suppressed] = ()) -> Part:
    """Return the part of a report on regulations checked on their own (all findings in one group)."""
    regs = sorted(regulations, key=lambda r: r.id)
    heading = "; ".join(_describe_reg(r, lang) for r in regs) or UI["regulation"].get(lang)
    return Part(heading, (("all", tuple(findings)),), {r.id: r for r in regs}, suppressed=tuple(suppressed))


def part_for_comparison(comp: Comparison, lang: Lang, amendments: Sequence[AmendmentFile] = (),
                        on: dt.date | None = None) -> Part:
    """Return the part of a report on one comparison (introduced, resolved, persisting; responsibilities).

    ``amendments``: the amendment files applied to the old version (read at ``on``) to make the new one.
    """
    diff, delta = comp.responsibilities, comp.findings
    arrow = f"{comp.old_label} → {comp.new_label}"
    groups: tuple[tuple[GroupKey, tuple[Finding, ...]], ...] = (
        ("introduced", tuple(delta.introduced)),
        ("resolved", tuple(delta.resolved)),
        ("persisting", tuple(delta.persisting)),
    )
    return Part(
        arrow, groups, {diff.new.id: diff.new}, {diff.old.id: diff.old}, comp, comp.old_label, comp.new_label,
        amendments=tuple(amendments), on=on,
    )


def _instruments(part: Part, shown: list[Shown], lang: Lang, locator: Locator,
                 prefix: str) -> tuple[InstrumentView, ...]:
    """Return the change of a comparison as a reviewer reads it: the instrument(s) and their operations."""
    if part.comparison is None:
        return ()
    diff = part.comparison.responsibilities
    refs = Refs(tuple(shown), diff.old.id, diff.new.id)
    if part.amendments:
        return amendment_views(diff.old, diff.new, part.amendments, part.on, refs, lang, locator, prefix)
    return (version_view(diff.old, diff.new, refs, lang, prefix),)


def _rows(
    keys: Sequence[tuple[str, str]], findings_of: Mapping[str, Sequence[Finding]]
) -> tuple[CountRow, ...]:
    rows = []
    for key, text in keys:
        found = findings_of.get(key, ())
        counts = tuple(sum(1 for f in found if f.severity is s) for s in SEVERITIES)
        rows.append(CountRow(key, text, counts, sum(counts)))
    return tuple(rows)


def build_report(
    parts: Sequence[Part],
    specs: Mapping[str, CheckSpec],
    *,
    lang: Lang,
    locator: Locator,
    diagrams: Literal["svg", "mermaid", "none"],
    generated: str = "",
) -> ReportView:
    """Return the view of a report on ``parts``.

    Args:
        parts: what the report is about (see :func:`part_for_check`, :func:`part_for_comparison`).
        specs: the catalogue (titles, legal bases, fix hints).
        lang: language of the report (the provisions' text stays Vietnamese).
        locator: shows files relative to the repository root.
        diagrams: ``svg`` (inline, for HTML), ``mermaid`` (for Markdown) or ``none`` (for Word).
        generated: a date to print (from ``SOURCE_DATE_EPOCH``); none by default, for byte-identical output.
    """
    graphs: dict[str, nx.MultiDiGraph[str]] = {}
    part_views = []
    by_group: dict[str, list[Finding]] = {}
    everything: list[Finding] = []
    is_change = any(p.comparison is not None for p in parts)
    for n, part in enumerate(parts, start=1):
        group_views = []
        shown: list[Shown] = []
        for key, findings in part.groups:
            regs = part.old_regulations if key == "resolved" else part.regulations
            names = anchors(findings, prefix=f"p{n}-{key[:3]}-" if is_change or len(parts) > 1 else "")
            views = []
            for f, anchor in zip(findings, names, strict=True):
                reg = regulation_of(f, regs)
                graph = graph_of(graphs, reg) if reg is not None and diagrams != "none" else None
                views.append(finding_view(f, anchor, key, specs.get(f.code), reg, graph, lang, locator, diagrams))
                shown.append(Shown(key, GROUP_SHORT[key].get(lang), f, views[-1]))
            group_views.append(GroupView(key, GROUP_TITLES[key].get(lang), f"p{n}-{key}", tuple(views)))
            by_group.setdefault(key, []).extend(findings)
            everything.extend(findings)
        actors: tuple[ActorView, ...] = ()
        ended: tuple[EndedView, ...] = ()
        if part.comparison is not None:
            actors, ended = responsibility_views(part.comparison, lang)
        hidden = suppressed_views(part.suppressed, specs, lang, locator, f"p{n}-sup-" if len(parts) > 1 else "sup-")
        part_views.append(PartView(
            part.heading, f"p{n}", part.old_label, part.new_label, part.comparison is not None, tuple(group_views),
            actors, ended, hidden, _instruments(part, shown, lang, locator, f"p{n}-"),
        ))
    group_keys = [
        (k, GROUP_SHORT[k].get(lang))
        for k in ("all", "introduced", "resolved", "persisting")
        if k in by_group
    ]
    by_family: dict[str, list[Finding]] = {}
    for f in everything:
        by_family.setdefault(family_of(f.code), []).append(f)
    families = tuple((fam, family_label(fam, lang)) for fam in sorted(by_family))
    return ReportView(
        lang=lang,
        title=UI["title_change" if is_change else "title_single"].get(lang),
        t={k: v.get(lang) for k, v in (UI | CHANGE_UI).items()},
        parts=tuple(part_views),
        severities=tuple((s.value, s.label(lang).capitalize()) for s in SEVERITIES),
        families=families,
        group_rows=_rows(group_keys, by_group),
        family_rows=_rows([(fam, f"{fam} · {text}") for fam, text in families], by_family),
        total=len(everything),
        version=__version__,
        generated=generated,
        suppressed_row=suppressed_row([x for part in parts for x in part.suppressed], lang),
        issuer=next((r.actor_name(r.meta.body) for p in parts for r in p.regulations.values()), ""),
    )
