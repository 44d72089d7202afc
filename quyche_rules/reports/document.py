"""The reviewer's report as plain data: what the HTML and Markdown templates show, in one language.

:func:`build_report` turns the parts of a report (one regulation checked, or one comparison of two versions)
into a :class:`ReportView`: a summary by severity and family, the findings of each part grouped into
introduced / resolved / persisting (or all findings for a single regulation), each with its check's title,
its provisions (Vietnamese text, citation, location), legal basis, fix hint and diagram, and the
responsibility diff per unit. Everything is sorted; nothing depends on the clock unless ``generated`` is
given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from quyche_rules import __version__
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.findings import Finding
from quyche_rules.graph import build_graph
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation
from quyche_rules.reports.common import SEVERITIES, anchors, family_label, family_of, fingerprint
from quyche_rules.reports.diagrams import Diagram, diagram_for
from quyche_rules.reports.locate import Locator

if TYPE_CHECKING:
    from quyche_rules.amend.diff import Entry
    from quyche_rules.amend.render import Comparison

__all__ = ["UI", "FindingView", "Part", "ReportView", "build_report", "part_for_check", "part_for_comparison"]

GroupKey = Literal["all", "introduced", "resolved", "persisting"]

UI: dict[str, Text] = {
    "title_single": Text.of("Báo cáo kiểm tra quy chế làm việc", "Working regulation check report"),
    "title_change": Text.of("Báo cáo thay đổi quy chế làm việc", "Working regulation change report"),
    "summary": Text.of("Tóm tắt", "Summary"),
    "by_group": Text.of("Theo mức độ", "By severity"),
    "by_family": Text.of("Theo nhóm kiểm tra", "By check family"),
    "total": Text.of("Tổng", "Total"),
    "filters": Text.of("Lọc phát hiện", "Filter findings"),
    "severity": Text.of("Mức độ", "Severity"),
    "family": Text.of("Nhóm", "Family"),
    "select_all": Text.of("Chọn tất cả", "Select all"),
    "select_none": Text.of("Bỏ chọn tất cả", "Clear all"),
    "shown": Text.of("Đang hiển thị {shown}/{total} phát hiện", "Showing {shown} of {total} findings"),
    "no_findings": Text.of("Không có phát hiện nào.", "No findings."),
    "contents": Text.of("Mục lục", "Contents"),
    "provisions": Text.of("Quy định liên quan", "Provisions involved"),
    "legal_basis": Text.of("Căn cứ pháp lý", "Legal basis"),
    "fix": Text.of("Gợi ý sửa", "How to fix"),
    "diagram": Text.of("Sơ đồ", "Diagram"),
    "legend": Text.of(
        "Mũi tên đỏ: quan hệ do chính các quy định của phát hiện này tạo ra.",
        "Red arrows: relations created by this finding's own provisions.",
    ),
    "location": Text.of("Vị trí", "Location"),
    "actors": Text.of("Chủ thể", "Actors"),
    "tasks": Text.of("Nhiệm vụ", "Tasks"),
    "old": Text.of("Bản cũ", "Old version"),
    "new": Text.of("Bản mới", "New version"),
    "regulation": Text.of("Văn bản", "Regulation"),
    "effective": Text.of("hiệu lực", "effective"),
    "responsibilities": Text.of("Thay đổi trách nhiệm theo đơn vị", "Responsibility changes by unit"),
    "no_changes": Text.of("Không có thay đổi trách nhiệm.", "No responsibility changed."),
    "gained": Text.of("Nhận thêm", "Gained"),
    "lost": Text.of("Không còn", "Lost"),
    "changed": Text.of("Thay đổi", "Changed"),
    "ended": Text.of(
        "Chủ thể chấm dứt và nơi nhận nhiệm vụ", "Actors that ended and where their duties went"
    ),
    "nobody": Text.of("không ai nhận", "taken over by nobody"),
    "status_new": Text.of("mới", "new"),
    "status_ended": Text.of("đã chấm dứt", "ended"),
    "generated": Text.of("Lập ngày", "Generated on"),
    "made_by": Text.of("Lập bằng", "Made with"),
    "disclaimer": Text.of(
        "Báo cáo do công cụ tự động lập để hỗ trợ rà soát; không thay thế ý kiến thẩm định pháp lý.",
        "Produced automatically to support review; it does not replace a legal opinion.",
    ),
    "old_version": Text.of("bản cũ", "old version"),
}

_GROUPS: dict[str, Text] = {
    "all": Text.of("Phát hiện", "Findings"),
    "introduced": Text.of("Phát hiện mới (do thay đổi gây ra)", "Introduced by the change"),
    "resolved": Text.of("Đã khắc phục", "Resolved by the change"),
    "persisting": Text.of("Còn tồn tại", "Still open"),
}
_GROUP_SHORT: dict[str, Text] = {
    "all": Text.of("Phát hiện", "Findings"),
    "introduced": Text.of("Phát sinh", "Introduced"),
    "resolved": Text.of("Đã khắc phục", "Resolved"),
    "persisting": Text.of("Còn tồn tại", "Persisting"),
}


@dataclass(frozen=True)
class Part:
    """One regulation (or several) checked, or one comparison of two versions.

    ``regulations`` resolves names and draws diagrams for ``all``, ``introduced`` and ``persisting``
    findings; ``old_regulations`` does it for ``resolved`` ones.
    """

    heading: str
    groups: tuple[tuple[GroupKey, tuple[Finding, ...]], ...]
    regulations: Mapping[str, Regulation]
    old_regulations: Mapping[str, Regulation] = field(default_factory=dict)
    comparison: Comparison | None = None
    old_label: str = ""
    new_label: str = ""


def _describe_reg(reg: Regulation, lang: Lang) -> str:
    day = reg.effective.strftime("%d/%m/%Y") if lang == "vi" else reg.effective.isoformat()
    return f"{reg.meta.number} — {reg.meta.title} ({UI['effective'].get(lang)} {day})"


def part_for_check(regulations: Sequence[Regulation], findings: Sequence[Finding], lang: Lang) -> Part:
    """Return the part of a report on regulations checked on their own (all findings in one group)."""
    regs = sorted(regulations, key=lambda r: r.id)
    heading = "; ".join(_describe_reg(r, lang) for r in regs) or UI["regulation"].get(lang)
    return Part(heading, (("all", tuple(findings)),), {r.id: r for r in regs})


def part_for_comparison(comp: Comparison, lang: Lang) -> Part:
    """Return the part of a report on one comparison (introduced, resolved, persisting; responsibilities)."""
    diff, delta = comp.responsibilities, comp.findings
    arrow = f"{comp.old_label} → {comp.new_label}"
    groups: tuple[tuple[GroupKey, tuple[Finding, ...]], ...] = (
        ("introduced", tuple(delta.introduced)),
        ("resolved", tuple(delta.resolved)),
        ("persisting", tuple(delta.persisting)),
    )
    return Part(
        arrow, groups, {diff.new.id: diff.new}, {diff.old.id: diff.old}, comp, comp.old_label, comp.new_label
    )


@dataclass(frozen=True)
class ProvisionView:
    """A provision involved in a finding."""

    citation: str
    regulation: str
    text: str
    where: str


@dataclass(frozen=True)
class FindingView:
    """One finding as the templates show it."""

    anchor: str
    fingerprint: str
    group: str
    code: str
    name: str
    title: str
    severity: str
    severity_label: str
    family: str
    family_label: str
    message: str
    where: str
    provisions: tuple[ProvisionView, ...]
    actors: tuple[str, ...]
    tasks: tuple[str, ...]
    legal_basis: tuple[tuple[str, str, str], ...]  # (text, url, quote)
    fix: str
    diagram: Diagram | None
    svg: str = ""
    mermaid: str = ""


@dataclass(frozen=True)
class GroupView:
    """Findings of one kind (all, introduced, resolved, persisting) in one part."""

    key: str
    title: str
    anchor: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class ChangeLine:
    """One responsibility gained, lost or changed, in words, with the provisions behind it."""

    sign: str
    kind: str
    text: str
    provisions: str


@dataclass(frozen=True)
class ActorView:
    """What one unit gained, lost and kept with changes."""

    actor: str
    name: str
    status: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class EndedView:
    """An actor that ended and where its duties went."""

    actor: str
    name: str
    detail: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class PartView:
    """One part of the report."""

    heading: str
    anchor: str
    old_label: str
    new_label: str
    is_change: bool
    groups: tuple[GroupView, ...]
    actors: tuple[ActorView, ...]
    ended: tuple[EndedView, ...]


@dataclass(frozen=True)
class CountRow:
    """A summary row: a label and counts per severity, plus the total."""

    key: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class ReportView:
    """Everything a report template needs."""

    lang: str
    title: str
    t: Mapping[str, str]
    parts: tuple[PartView, ...]
    severities: tuple[tuple[str, str], ...]  # (value, label)
    families: tuple[tuple[str, str], ...]  # (family, label), those present
    group_rows: tuple[CountRow, ...]
    family_rows: tuple[CountRow, ...]
    total: int
    version: str
    generated: str


def _where(locator: Locator, file: str, line: int, column: int) -> str:
    return f"{locator.display(file)}:{line}:{column}"


def _graph_of(cache: dict[str, nx.MultiDiGraph[str]], reg: Regulation) -> nx.MultiDiGraph[str]:
    key = f"{reg.id}@{id(reg)}"
    if key not in cache:
        cache[key] = build_graph(reg)
    return cache[key]


def _regulation_of(f: Finding, regs: Mapping[str, Regulation]) -> Regulation | None:
    for p in f.provisions:
        if p.regulation in regs:
            return regs[p.regulation]
    return next(iter(regs.values())) if len(regs) == 1 else None


def _finding_view(
    f: Finding,
    anchor: str,
    group: str,
    spec: CheckSpec | None,
    reg: Regulation | None,
    graph: nx.MultiDiGraph[str] | None,
    lang: Lang,
    locator: Locator,
    diagrams: str,
) -> FindingView:
    from quyche_rules.reports.mermaid import render_mermaid
    from quyche_rules.reports.svg import render_svg

    family = family_of(f.code)
    diagram = diagram_for(f, graph, lang) if graph is not None else None
    return FindingView(
        anchor=anchor,
        fingerprint=fingerprint(f),
        group=group,
        code=f.code,
        name=f.name,
        title=spec.title.get(lang) if spec else f.name,
        severity=f.severity.value,
        severity_label=f.severity.label(lang).capitalize(),
        family=family,
        family_label=family_label(family, lang),
        message=f.message.get(lang),
        where=_where(locator, f.file, f.line, f.column),
        provisions=tuple(
            ProvisionView(
                p.citation,
                p.regulation,
                p.text,
                _where(locator, p.location.file, p.location.line, p.location.column) if p.location else "",
            )
            for p in f.provisions
        ),
        actors=tuple(f"{reg.actor_name(a)} ({a})" if reg else a for a in f.actors),
        tasks=tuple(f"{reg.task_name(t)} ({t})" if reg else t for t in f.tasks),
        legal_basis=tuple((b.text(), b.url, b.quote) for b in spec.legal_basis) if spec else (),
        fix=f.fix.get(lang) if f.fix else (spec.fix.get(lang) if spec else ""),
        diagram=diagram,
        svg=render_svg(diagram, ident=f"d-{anchor}") if diagram is not None and diagrams == "svg" else "",
        mermaid=render_mermaid(diagram) if diagram is not None and diagrams == "mermaid" else "",
    )


def _short(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_short(v) for v in value) + "]"
    return str(value)


def _details(entry: Entry) -> str:
    if len(entry.old) != 1 or len(entry.new) != 1:
        return f"{'; '.join(entry.old)} → {'; '.join(entry.new)}"
    old, new = json.loads(entry.old[0]), json.loads(entry.new[0])
    parts = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            parts.append(f"{name}: {_short(old.get(name))} → {_short(new.get(name))}")
    return "; ".join(parts)


def _responsibilities(comp: Comparison, lang: Lang) -> tuple[tuple[ActorView, ...], tuple[EndedView, ...]]:
    from quyche_rules.amend.render import describe

    diff = comp.responsibilities
    old, new = diff.old, diff.new
    old_tag = f", {UI['old_version'].get(lang)}"
    actors = []
    for change in diff.actors:
        reg = new if change.actor in new.actor_by_id else old
        lines = [
            ChangeLine("+", "gained", describe(e, new, lang), "; ".join(e.new_provisions))
            for e in change.gained
        ]
        lines += [
            ChangeLine("−", "lost", describe(e, old, lang), "; ".join(e.old_provisions) + old_tag)
            for e in change.lost
        ]
        lines += [
            ChangeLine(
                "~", "changed", f"{describe(e, new, lang)}: {_details(e)}", "; ".join(e.new_provisions)
            )
            for e in change.changed
        ]
        status = {"new": UI["status_new"].get(lang), "ended": UI["status_ended"].get(lang)}.get(
            change.status, ""
        )
        actors.append(ActorView(change.actor, reg.actor_name(change.actor), status, tuple(lines)))
    ended = []
    for e in diff.ended:
        bits = []
        if e.ended_on is not None:
            day = e.ended_on.strftime("%d/%m/%Y") if lang == "vi" else e.ended_on.isoformat()
            bits.append(f"không còn từ {day}" if lang == "vi" else f"gone from {day}")
        if e.successor:
            name = new.actor_name(e.successor) if e.successor in new.actor_by_id else e.successor
            bits.append(f"kế thừa: {name}" if lang == "vi" else f"successor: {name}")
        lines = []
        for fate in e.duties:
            what = describe(fate.entry, old, lang)
            if fate.went_to:
                lines += [
                    ChangeLine("→", "gained", f"{new.actor_name(a)}: {what}", "; ".join(p))
                    for a, p in fate.went_to
                ]
            else:
                lines.append(
                    ChangeLine(
                        "✗",
                        "lost",
                        f"{UI['nobody'].get(lang)}: {what}",
                        "; ".join(fate.entry.old_provisions) + old_tag,
                    )
                )
        ended.append(EndedView(e.actor, old.actor_name(e.actor), "; ".join(bits), tuple(lines)))
    return tuple(actors), tuple(ended)


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
    diagrams: Literal["svg", "mermaid"],
    generated: str = "",
) -> ReportView:
    """Return the view of a report on ``parts``.

    Args:
        parts: what the report is about (see :func:`part_for_check`, :func:`part_for_comparison`).
        specs: the catalogue (titles, legal bases, fix hints).
        lang: language of the report (the provisions' text stays Vietnamese).
        locator: shows files relative to the repository root.
        diagrams: ``svg`` (inline, for HTML) or ``mermaid`` (for Markdown).
        generated: a date to print (from ``SOURCE_DATE_EPOCH``); none by default, for byte-identical output.
    """
    graphs: dict[str, nx.MultiDiGraph[str]] = {}
    part_views = []
    by_group: dict[str, list[Finding]] = {}
    everything: list[Finding] = []
    is_change = any(p.comparison is not None for p in parts)
    for n, part in enumerate(parts, start=1):
        group_views = []
        for key, findings in part.groups:
            regs = part.old_regulations if key == "resolved" else part.regulations
            names = anchors(findings, prefix=f"p{n}-{key[:3]}-" if is_change or len(parts) > 1 else "")
            views = []
            for f, anchor in zip(findings, names, strict=True):
                reg = _regulation_of(f, regs)
                graph = _graph_of(graphs, reg) if reg is not None else None
                views.append(
                    _finding_view(f, anchor, key, specs.get(f.code), reg, graph, lang, locator, diagrams)
                )
            group_views.append(GroupView(key, _GROUPS[key].get(lang), f"p{n}-{key}", tuple(views)))
            by_group.setdefault(key, []).extend(findings)
            everything.extend(findings)
        actors: tuple[ActorView, ...] = ()
        ended: tuple[EndedView, ...] = ()
        if part.comparison is not None:
            actors, ended = _responsibilities(part.comparison, lang)
        part_views.append(
            PartView(
                part.heading,
                f"p{n}",
                part.old_label,
                part.new_label,
                part.comparison is not None,
                tuple(group_views),
                actors,
                ended,
            )
        )
    group_keys = [
        (k, _GROUP_SHORT[k].get(lang))
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
        t={k: v.get(lang) for k, v in UI.items()},
        parts=tuple(part_views),
        severities=tuple((s.value, s.label(lang).capitalize()) for s in SEVERITIES),
        families=families,
        group_rows=_rows(group_keys, by_group),
        family_rows=_rows([(fam, f"{fam} · {text}") for fam, text in families], by_family),
        total=len(everything),
        version=__version__,
        generated=generated,
    )
