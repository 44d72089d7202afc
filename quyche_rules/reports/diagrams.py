"""The diagram of a finding: the delegation chain, coordination set or conflict it is about, from the graph.

A :class:`Diagram` is plain data (nodes and labelled edges, sorted); :mod:`quyche_rules.reports.svg` draws it
for HTML and :mod:`quyche_rules.reports.mermaid` writes it for Markdown. Edges created by the finding's own
provisions are highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from quyche_rules.findings import Finding
from quyche_rules.graph import actor_node, task_node
from quyche_rules.i18n import Lang, Text
from quyche_rules.vocabulary import action_text, action_words

__all__ = ["DEdge", "DNode", "Diagram", "diagram_for"]

DiagramKind = Literal["delegation", "coordination", "conflict"]
_MAX_EDGES = 24
_MAX_DEPTH = 4
_TITLES: dict[str, Text] = {
    "delegation": Text.of("Chuỗi giao quyền, ủy quyền", "Delegation chain"),
    "coordination": Text.of("Nhóm phối hợp", "Coordination set"),
    "conflict": Text.of("Xung đột", "Conflict"),
}
_MODES: dict[str, Text] = {
    "assign": Text.of("giao", "assigns"),
    "authorize": Text.of("ủy quyền", "authorises"),
    "entrust": Text.of("ủy nhiệm", "entrusts"),
}
_SIMPLE: dict[str, Text] = {
    "leads": Text.of("chủ trì", "leads"),
    "cooperates": Text.of("phối hợp", "cooperates"),
    "substitutes": Text.of("thay khi vắng", "stands in for"),
    "reports_to": Text.of("báo cáo", "reports to"),
    "follows_up": Text.of("theo dõi, đôn đốc", "follows up"),
}
_CARRIES_OUT = Text.of("thực hiện", "carries out")
_MUST_NOT = Text.of("không được {action}", "must not {action}")
_CONFLICT_KINDS = ("leads", "cooperates", "holds_duty", "holds_power", "prohibited", "substitutes")


@dataclass(frozen=True)
class DNode:
    """A node: an actor, a task or a document type."""

    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class DEdge:
    """A labelled edge; ``highlight`` when a provision of the finding creates it."""

    source: str
    target: str
    label: str
    highlight: bool
    provisions: tuple[str, ...]


@dataclass(frozen=True)
class Diagram:
    """What to draw for one finding."""

    kind: DiagramKind
    title: str
    nodes: tuple[DNode, ...]
    edges: tuple[DEdge, ...]


def edge_label(data: dict[str, Any], lang: Lang) -> str | None:
    """Return the label of a graph edge in ``lang``, or None for edges a diagram leaves out."""
    kind = data["kind"]
    if kind in _SIMPLE:
        return _SIMPLE[kind].get(lang)
    if kind == "holds_duty":
        role = data.get("role", "responsible")
        return None if role in ("lead", "cooperate") else _CARRIES_OUT.get(lang)
    if kind == "holds_power":
        return action_words(str(data.get("action", "")), lang)
    if kind == "prohibited":
        return _MUST_NOT.fill({"action": action_text(str(data.get("action", "")))}).get(lang)
    if kind == "delegates":
        mode = _MODES.get(str(data.get("mode")))
        how = f"{data['signing']}." if data.get("signing") else (mode.get(lang) if mode is not None else "")
        action = action_words(str(data.get("action", "")), lang) if data.get("action") else ""
        return " ".join(x for x in (how, action) if x) or "→"
    return None


def _edges(g: nx.MultiDiGraph[str]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(u, v, d) for u, v, d in g.edges(data=True)]


def _chain(
    g: nx.MultiDiGraph[str], seeds: list[tuple[str, str, dict[str, Any]]]
) -> list[tuple[str, str, dict[str, Any]]]:
    """Extend delegation edges up to the original holder and down to the last delegate."""
    chosen = {(u, v, d["provision"], d.get("did", "")): (u, v, d) for u, v, d in seeds}
    for direction in ("up", "down"):
        frontier = sorted({u if direction == "up" else v for u, v, _ in seeds})
        seen = set(frontier)
        for _ in range(_MAX_DEPTH):
            nxt: set[str] = set()
            for node in frontier:
                around = g.in_edges(node, data=True) if direction == "up" else g.out_edges(node, data=True)
                for u, v, d in sorted(around, key=lambda e: (e[0], e[1], e[2].get("provision", ""))):
                    if d["kind"] != "delegates":
                        continue
                    chosen.setdefault((u, v, d["provision"], d.get("did", "")), (u, v, d))
                    other = u if direction == "up" else v
                    if other not in seen:
                        seen.add(other)
                        nxt.add(other)
            frontier = sorted(nxt)
            if not frontier:
                break
    return list(chosen.values())


def _pick(
    f: Finding, g: nx.MultiDiGraph[str]
) -> tuple[DiagramKind, list[tuple[str, str, dict[str, Any]]]] | None:
    cites = {p.citation for p in f.provisions}
    actors = {actor_node(a) for a in f.actors}
    tasks = {task_node(t) for t in f.tasks}
    own = [e for e in _edges(g) if e[2].get("provision") in cites]
    delegations = [e for e in own if e[2]["kind"] == "delegates" and (not actors or actors & {e[0], e[1]})]
    if f.code.startswith("QC3"):
        at_tasks = [e for e in own if e[2]["kind"] in _CONFLICT_KINDS and (e[1] in tasks or e[1] in actors)]
        if f.code == "QC306" or not at_tasks:
            at_tasks = [
                e for e in own if e[2]["kind"] in _CONFLICT_KINDS and (e[0] in actors or e[1] in actors)
            ]
        if at_tasks:
            return "conflict", at_tasks
    if delegations:
        return "delegation", _chain(g, delegations)
    coordination = [
        e for e in own if e[2]["kind"] in ("leads", "cooperates") and (not tasks or e[1] in tasks)
    ]
    if coordination and (any(e[2]["kind"] == "cooperates" for e in coordination) or "coordination" in f.name):
        return "coordination", coordination
    return None


def _node(g: nx.MultiDiGraph[str], node: str) -> DNode:
    data = g.nodes[node] if node in g else {}
    kind = str(data.get("type", node.split(":", 1)[0]))
    return DNode(node, str(data.get("name") or data.get("id") or node.split(":", 1)[-1]), kind)


def diagram_for(f: Finding, g: nx.MultiDiGraph[str], lang: Lang) -> Diagram | None:
    """Return the diagram of ``f`` drawn from ``g``, or None when it has no chain, set or conflict."""
    picked = _pick(f, g)
    if picked is None:
        return None
    kind, raw = picked
    cites = {p.citation for p in f.provisions}
    merged: dict[tuple[str, str], tuple[list[str], bool, list[str]]] = {}
    for u, v, d in sorted(raw, key=lambda e: (e[0], e[1], e[2].get("provision", ""), e[2]["kind"])):
        text = edge_label(d, lang)
        if text is None:
            continue
        labels, hl, provs = merged.setdefault((u, v), ([], False, []))
        if text not in labels:
            labels.append(text)
        if d.get("provision") and d["provision"] not in provs:
            provs.append(d["provision"])
        merged[(u, v)] = (labels, hl or d.get("provision") in cites, provs)
    if not merged:
        return None
    edges = [
        DEdge(u, v, " · ".join(labels), hl, tuple(provs)) for (u, v), (labels, hl, provs) in merged.items()
    ]
    edges.sort(key=lambda e: (not e.highlight, e.source, e.target))
    edges = sorted(edges[:_MAX_EDGES], key=lambda e: (e.source, e.target))
    ids = sorted({e.source for e in edges} | {e.target for e in edges})
    return Diagram(kind, _TITLES[kind].get(lang), tuple(_node(g, n) for n in ids), tuple(edges))
