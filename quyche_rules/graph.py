"""Model -> networkx MultiDiGraph of responsibility and authority; graph-first query helpers.

networkx is imported when a graph is built (about a tenth of a second, a fifth of the pre-commit hook's run):
:func:`has_cycle` tells, with the standard library's :mod:`graphlib`, whether a check needs it at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from typing import TYPE_CHECKING, Any

from quyche_rules.model import (
    Coordination,
    Delegation,
    Duty,
    FollowUp,
    Power,
    Prohibition,
    Provision,
    Regulation,
    Reporting,
    Substitution,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EDGE_KINDS", "WhoAnswer", "actor_node", "build_graph", "delegation_id", "export_graph", "has_cycle",
    "task_node", "who",
]

EDGE_KINDS = (
    "holds_duty", "holds_power", "prohibited", "delegates", "leads", "cooperates", "substitutes",
    "reports_to", "part_of", "heads", "deputy_of", "cites", "follows_up",
)


def actor_node(actor_id: str) -> str:
    """Return the graph node of an actor."""
    return f"actor:{actor_id}"


def task_node(task_id: str) -> str:
    """Return the graph node of a task."""
    return f"task:{task_id}"


def doc_node(doc_id: str) -> str:
    """Return the graph node of a document type."""
    return f"doc:{doc_id}"


def provision_node(phrase: str) -> str:
    """Return the graph node of a provision."""
    return f"provision:{phrase}"


def delegation_id(provision: Provision, index: int, norm: Delegation) -> str:
    """Return the delegation's own id, or one derived from its provision and position."""
    return norm.id or f"{provision.phrase}#{index}"


def _add_structure(g: nx.MultiDiGraph[str], reg: Regulation) -> None:
    for actor in reg.actors:
        g.add_node(actor_node(actor.id), type="actor", id=actor.id, name=actor.name, kind=actor.kind)
    for task in reg.tasks:
        g.add_node(task_node(task.id), type="task", id=task.id, name=task.name)
    for doc in reg.document_types:
        g.add_node(doc_node(doc.id), type="document_type", id=doc.id, name=doc.name)
    heads = {a.parent: a.id for a in reg.actors if a.kind == "unit_head" and a.parent}
    body_head = next((a.id for a in reg.actors if a.kind == "head"), None)
    for actor in reg.actors:
        if actor.parent:
            g.add_edge(actor_node(actor.id), actor_node(actor.parent), kind="part_of", provision="")
        if actor.kind == "unit_head" and actor.parent:
            g.add_edge(actor_node(actor.id), actor_node(actor.parent), kind="heads", provision="")
        if actor.kind == "head" and actor.parent:
            g.add_edge(actor_node(actor.id), actor_node(actor.parent), kind="heads", provision="")
        if actor.kind == "deputy_head" and body_head:
            g.add_edge(actor_node(actor.id), actor_node(body_head), kind="deputy_of", provision="")
        if actor.kind == "unit_deputy" and actor.parent in heads:
            g.add_edge(actor_node(actor.id), actor_node(heads[actor.parent]), kind="deputy_of", provision="")


def _add_norm(g: nx.MultiDiGraph[str], prov: Provision, index: int, norm: object) -> None:
    where = prov.phrase
    if isinstance(norm, Duty):
        g.add_edge(actor_node(norm.holder), task_node(norm.task), kind="holds_duty", role=norm.role, provision=where)
        if norm.role == "lead":
            g.add_edge(actor_node(norm.holder), task_node(norm.task), kind="leads", provision=where)
        elif norm.role == "cooperate":
            g.add_edge(actor_node(norm.holder), task_node(norm.task), kind="cooperates", provision=where)
    elif isinstance(norm, (Power, Prohibition)):
        kind = "holds_power" if isinstance(norm, Power) else "prohibited"
        targets = [task_node(norm.task)] if norm.task else []
        targets += [doc_node(d) for d in norm.document_types]
        for target in targets:
            g.add_edge(actor_node(norm.holder), target, kind=kind, action=norm.action, provision=where)
    elif isinstance(norm, Delegation):
        g.add_edge(
            actor_node(norm.from_), actor_node(norm.to), kind="delegates", provision=where,
            did=delegation_id(prov, index, norm), mode=norm.mode, signing=norm.signing or "", action=norm.action,
            scope=",".join(norm.scope), task=norm.task or "",
        )
    elif isinstance(norm, Coordination):
        g.add_edge(actor_node(norm.lead), task_node(norm.task), kind="leads", provision=where)
        for coop in norm.cooperating:
            g.add_edge(actor_node(coop), task_node(norm.task), kind="cooperates", provision=where)
    elif isinstance(norm, Substitution):
        g.add_edge(actor_node(norm.substitute), actor_node(norm.absent), kind="substitutes", provision=where)
        if norm.fallback:
            g.add_edge(actor_node(norm.fallback), actor_node(norm.absent), kind="substitutes", provision=where,
                       fallback=True)
    elif isinstance(norm, Reporting):
        g.add_edge(actor_node(norm.from_), actor_node(norm.to), kind="reports_to", provision=where,
                   task=norm.task or "", frequency=norm.frequency)
    elif isinstance(norm, FollowUp):
        g.add_edge(actor_node(norm.holder), task_node(norm.task), kind="follows_up", provision=where)


def has_cycle(edges: Iterable[tuple[str, str]]) -> bool:
    """Return whether the directed graph of ``edges`` has a cycle (an edge from a node to itself is one)."""
    after: dict[str, set[str]] = {}
    for source, target in edges:
        after.setdefault(source, set()).add(target)
    try:
        TopologicalSorter(after).prepare()
    except CycleError:
        return True
    return False


def build_graph(reg: Regulation, *, cites: dict[str, list[str]] | None = None) -> nx.MultiDiGraph[str]:
    """Build the responsibility graph; every norm edge names the provision that creates it.

    Args:
        reg: the regulation.
        cites: provision phrase -> phrases of the provisions its text cites (from the cross-reference pass).
    """
    import networkx as nx  # lazy: see the module's docstring

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(regulation=reg.id)
    _add_structure(g, reg)
    for prov in reg.provisions:
        g.add_node(provision_node(prov.phrase), type="provision", id=prov.phrase)
        for index, norm in enumerate(prov.norms):
            _add_norm(g, prov, index, norm)
    for source, targets in (cites or {}).items():
        for target in targets:
            g.add_edge(provision_node(source), provision_node(target), kind="cites", provision=source)
    return g


def edges_of(g: nx.MultiDiGraph[str], kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Return the edges of ``kind`` with their data, in the graph's order (one pass, no filtered view)."""
    return [(u, v, data) for u, v, data in g.edges(data=True) if data["kind"] == kind]


@dataclass(frozen=True)
class WhoAnswer:
    """Who leads, cooperates, decides and signs for a task, each with the provisions that say so."""

    task: str
    leads: tuple[tuple[str, str], ...]
    cooperates: tuple[tuple[str, str], ...]
    responsible: tuple[tuple[str, str], ...]
    decides: tuple[tuple[str, str], ...]
    signs: tuple[tuple[str, str], ...]
    follows_up: tuple[tuple[str, str], ...]


def who(reg: Regulation, g: nx.MultiDiGraph[str], task_id: str, on: dt.date | None = None) -> WhoAnswer:
    """Answer who leads, cooperates, decides and signs for ``task_id``, valid on ``on``."""
    day = on or reg.effective
    node = task_node(task_id)
    found: dict[str, set[tuple[str, str]]] = {k: set() for k in ("lead", "coop", "resp", "dec", "sign", "fu")}
    for u, _, data in g.in_edges(node, data=True) if node in g else ():
        actor_id = g.nodes[u].get("id", u.removeprefix("actor:"))
        actor = reg.actor_by_id.get(actor_id)
        if actor is not None and not actor.valid_on(day):
            continue
        pair = (actor_id, data["provision"])
        kind = data["kind"]
        if kind == "leads":
            found["lead"].add(pair)
        elif kind == "cooperates":
            found["coop"].add(pair)
        elif kind == "holds_duty" and data.get("role") == "responsible":
            found["resp"].add(pair)
        elif kind == "holds_power":
            found["sign" if data["action"] in ("sign", "sign_digitally") else "dec"].add(pair)
        elif kind == "follows_up":
            found["fu"].add(pair)
    for _, v, data in edges_of(g, "delegates"):
        if data.get("task") == task_id:
            found["sign" if data["action"] in ("sign", "sign_digitally") else "dec"].add(
                (v.removeprefix("actor:"), data["provision"])
            )
    return WhoAnswer(
        task_id, *(tuple(sorted(found[k])) for k in ("lead", "coop", "resp", "dec", "sign", "fu"))
    )


def export_graph(g: nx.MultiDiGraph[str], fmt: str) -> str:
    """Return the graph as ``json`` (node-link), ``graphml`` or ``dot`` text, deterministically."""
    import networkx as nx  # lazy: see the module's docstring

    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g)) + "\n"
    lines = ["digraph quyche {", "  rankdir=LR;"]
    for node in sorted(g.nodes):
        data = g.nodes[node]
        label = str(data.get("name", data.get("id", node)))
        lines.append(f"  {_dot(node)} [label={_dot(label)}];")
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"], e[2]["provision"])):
        label = f"{data['kind']} ({data['provision']})"
        lines.append(f"  {_dot(u)} -> {_dot(v)} [label={_dot(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    r"""Return ``text`` as a DOT double-quoted string that shows it as written.

    In a quoted DOT string only ``\"`` is an escape; a label is then read as an escString, where a backslash
    escapes the next character. So backslashes are doubled, quotes escaped and line breaks written ``\n``: a
    name ending in a backslash can no longer swallow the closing quote.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\n", "\\n")
    return f'"{escaped}"'
