"""One finding as the reports show it: its check's title, provisions, legal basis, fix hint and diagram."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from quyche_rules.checks.spec import CheckSpec
from quyche_rules.findings import Finding
from quyche_rules.graph import build_graph
from quyche_rules.i18n import Lang
from quyche_rules.model import Regulation
from quyche_rules.reports.basis import bases_of, basis_label
from quyche_rules.reports.common import family_label, family_of, fingerprint
from quyche_rules.reports.diagrams import diagram_for
from quyche_rules.reports.locate import Locator
from quyche_rules.reports.mermaid import render_mermaid
from quyche_rules.reports.svg import render_svg
from quyche_rules.reports.views import FindingView, ProvisionView

__all__ = ["finding_view", "graph_of", "regulation_of"]


def _where(locator: Locator, file: str, line: int, column: int) -> str:
    return f"{locator.display(file)}:{line}:{column}"


def graph_of(cache: dict[str, nx.MultiDiGraph[str]], reg: Regulation) -> nx.MultiDiGraph[str]:
    """Return the responsibility graph of ``reg``, built once per report."""
    key = f"{reg.id}@{id(reg)}"
    if key not in cache:
        cache[key] = build_graph(reg)
    return cache[key]


def regulation_of(f: Finding, regs: Mapping[str, Regulation]) -> Regulation | None:
    """Return the regulation a finding is about, among ``regs`` (the only one, when its provisions do not say)."""
    for p in f.provisions:
        if p.regulation in regs:
            return regs[p.regulation]
    return next(iter(regs.values())) if len(regs) == 1 else None


def finding_view(
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
    """Return one finding as the templates show it: title, provisions, legal basis, fix and diagram."""
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
        legal_basis=tuple((basis_label(b, lang), b.url, b.quote) for b in bases_of(f, spec)),
        fix=f.fix.get(lang) if f.fix else (spec.fix.get(lang) if spec else ""),
        diagram=diagram,
        svg=render_svg(diagram, ident=f"d-{anchor}") if diagram is not None and diagrams == "svg" else "",
        mermaid=render_mermaid(diagram) if diagram is not None and diagrams == "mermaid" else "",
    )
