"""QC4xx (Python part): delegation cycles and over-long delegation chains, with networkx.

The other QC4xx checks are declarative (``quyche_rules/lang/builtin/qc4_delegation.yaml``); these two
need graph algorithms (cycles, longest paths), which the rule language does not have.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quyche_rules.checks.bases import GOV_DELEG, TL_4, TUQ_3
from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit, Location
from quyche_rules.graph import has_cycle
from quyche_rules.i18n import Text
from quyche_rules.model import Delegation

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["MAX_CHAIN_DEPTH"]

#: the longest chain the law allows: head -> TL. holder -> the holder's own deputy (Decree 30/2020 Art. 13(4))
MAX_CHAIN_DEPTH = 2
assert MAX_CHAIN_DEPTH >= 2, "delegation_chain_too_long looks for chains of three steps or more"

@dataclass(frozen=True)
class _Edge:
    """One delegation as an edge of the ``delegates`` subgraph.

    ``objects`` are its scope items and task; empty when it names none (it passes all of its action).
    """

    source: str
    target: str
    action: str
    objects: frozenset[str]
    provision: str


def _edges(ctx: CheckContext) -> list[_Edge]:
    """Return the delegations as edges, in document order (the responsibility graph is not needed)."""
    out = []
    for prov in ctx.reg.provisions:
        for norm in prov.norms:
            if isinstance(norm, Delegation):
                objects = {s for s in norm.scope if s}
                if norm.task:
                    objects.add(norm.task)
                out.append(_Edge(norm.from_, norm.to, norm.action, frozenset(objects), prov.phrase))
    return out


def _location(ctx: CheckContext, phrase: str) -> Location | None:
    prov = ctx.provision.get(phrase)
    return prov.location if prov is not None else None


def _names(ctx: CheckContext, actors: list[str], sep: str = " → ") -> str:
    return sep.join(ctx.reg.actor_name(a) for a in actors)


@check(
    "QC410", "delegation-cycle", "error",
    title=("Chuỗi ủy quyền, giao ký quay vòng", "Delegations loop back"),
    message=("Các quy định giao quyền tạo thành vòng: {chain}{others}; {closing} khép vòng",
             "The delegations form a loop: {chain}{others}; {closing} closes it"),
    rationale=(
        "Ủy quyền, giao ký đi từ người có thẩm quyền xuống người nhận; một vòng (A giao B, B giao lại A) "
        "làm không xác định được ai giữ quyền và ai chịu trách nhiệm, và trái với nguyên tắc người nhận "
        "ủy quyền không ủy quyền lại, người ký thừa lệnh chỉ giao lại cho cấp phó. Vòng tính theo cùng "
        "một hành vi (ký, quyết định…) và cùng đối tượng (các bước có chung loại văn bản hoặc nhiệm vụ, "
        "hoặc không giới hạn đối tượng); mỗi vòng báo một lần, tại quy định khép vòng (quy định đứng sau "
        "cùng trong văn bản).",
        "Delegation runs from the competent person down to the receiver; a loop (A delegates to B, B "
        "back to A) leaves unclear who holds the power and who answers for it, and breaks the rules that "
        "an authorised signer does not authorise again and a TL. holder passes only to its own deputy. A "
        "loop is of one action (sign, decide…) over a shared object (every step shares a document type or "
        "task, or names none); each loop is reported once, at the provision that closes it (the last one "
        "in the text).",
    ),
    fix=("Bỏ quy định giao ngược lại trong vòng, để quyền chỉ đi một chiều",
         "Remove the delegation that leads back, so the power flows one way"),
    legal_basis=(TUQ_3, TL_4, *GOV_DELEG),
    examples=(
        "articles:\n  - {article: '3', title: Giao việc, chapter: II, clauses: [{clause: '1', "
        "text: Vụ trưởng Vụ A giao Vụ trưởng Vụ B quyết định kế hoạch năm; Vụ trưởng Vụ B giao lại Vụ trưởng Vụ A., "
        "norms: [{delegation: {mode: assign, action: decide, from: vu-truong-a, to: vu-truong-b, task: ke-hoach-nam}}, "
        "{delegation: {mode: assign, action: decide, from: vu-truong-b, to: vu-truong-a, task: ke-hoach-nam}}]}]}",
        "articles:\n  - {article: '3', title: Giao việc, chapter: II, clauses: [{clause: '1', "
        "text: Vụ trưởng Vụ A giao Vụ trưởng Vụ B quyết định kế hoạch năm., norms: [{delegation: "
        "{mode: assign, action: decide, from: vu-truong-a, to: vu-truong-b, task: ke-hoach-nam}}]}]}",
    ),
)
def delegation_cycle(ctx: CheckContext) -> Iterator[Hit]:
    """Delegations of one action over a shared object do not loop back: one finding per loop.

    A loop is a strongly connected component of the delegations of one action that pass one object (a
    delegation that names no object passes every object), so finding them costs time linear in the
    delegations of each object, however many cycles they form (networkx ``strongly_connected_components``).
    Components with the same members are one loop; its finding lists them, the provisions whose
    delegations close it, and one example cycle.
    """
    edges = _edges(ctx)
    if not has_cycle((e.source, e.target) for e in edges):  # no loop of any action over any object
        return
    import networkx as nx  # lazy: only delegations that loop need it (quyche_rules.graph)

    order = {p.phrase: n for n, p in enumerate(ctx.reg.provisions)}
    loops: dict[frozenset[str], dict[_Edge, None]] = {}  # (the edges in the order met: the example does not
    # depend on how strings hash)
    for passing in _passing_by_object(edges):
        graph: nx.DiGraph[str] = nx.DiGraph((e.source, e.target) for e in passing)
        for component in nx.strongly_connected_components(graph):
            if len(component) == 1 and not graph.has_edge(next(iter(component)), next(iter(component))):
                continue
            members = frozenset(component)
            loops.setdefault(members, {}).update(
                (e, None) for e in passing if e.source in members and e.target in members)
    for members, loop_edges in sorted(loops.items(), key=lambda item: sorted(item[0])):
        start = min(members)
        example = [u for u, _ in nx.find_cycle(nx.DiGraph((e.source, e.target) for e in loop_edges), source=start)]
        others = sorted(members - set(example))
        provisions = sorted({e.provision for e in loop_edges}, key=order.__getitem__)
        closing = provisions[-1]
        yield Hit(tuple(provisions), actors=(*example, *others), at=_location(ctx, closing), values={
            "chain": _names(ctx, [*example, example[0]]), "closing": closing,
            "others": Text.of(f"; vòng gồm cả {_names(ctx, others, ', ')}",
                              f"; the loop also takes in {_names(ctx, others, ', ')}") if others else "",
        })


def _passing_by_object(edges: list[_Edge]) -> Iterator[list[_Edge]]:
    """Yield, per action and per object, the delegations that pass it (and, per action, those that pass all).

    Only delegations inside a loop of their action (ignoring objects) can be in a loop over one object, so the
    others are dropped first; each object then costs the delegations that name it plus those that name none.
    """
    import networkx as nx  # lazy: (its caller's) only delegations that loop need it

    for action in sorted({e.action for e in edges}):
        mine = [e for e in edges if e.action == action]
        whole: nx.DiGraph[str] = nx.DiGraph((e.source, e.target) for e in mine)
        component = {n: i for i, c in enumerate(nx.strongly_connected_components(whole)) for n in c}
        inside = [e for e in mine if component[e.source] == component[e.target]]
        every = [e for e in inside if not e.objects]
        by_object: dict[str, list[_Edge]] = {}
        for e in inside:
            for obj in e.objects:
                by_object.setdefault(obj, []).append(e)
        if every:
            yield every
        for obj in sorted(by_object):
            yield [*by_object[obj], *every]


@check(
    "QC411", "delegation-chain-too-long", "warning",
    title=("Chuỗi ủy quyền, giao ký quá dài", "Delegation chain too long"),
    message=("Chuỗi giao quyền {chain} dài {depth} cấp, quá {limit} cấp (người đứng đầu → người nhận → "
             "cấp phó của người nhận); cấp thứ {over} tại {provision}",
             "The delegation chain {chain} is {depth} steps long, more than {limit} (head → receiver → "
             "the receiver's own deputy); step {over} is in {provision}"),
    rationale=(
        "Người đứng đầu giao cho người nhận (KT, TL, TUQ); chỉ người ký thừa lệnh được giao lại một lần "
        "nữa, cho cấp phó của mình; người được ký thừa ủy quyền không được ủy quyền lại. Vì vậy chuỗi dài "
        "nhất hợp lệ là hai cấp; chuỗi dài hơn làm mờ trách nhiệm người ký. Chuỗi đi theo việc giao lại "
        "cùng hành vi và cùng đối tượng (trường via, hoặc giao tiếp quyền vừa nhận); báo một lần, tại cấp "
        "vượt quá giới hạn.",
        "The head delegates to a receiver (KT., TL., TUQ.); only a TL. holder may pass signing on once "
        "more, to its own deputy, and an authorised (TUQ.) signer may not authorise again. The longest "
        "lawful chain is therefore two steps; longer chains blur who answers for a signature. A chain "
        "follows sub-delegations of the same action and object (`via`, or passing on what was received); "
        "it is reported once, at the first step beyond the limit.",
    ),
    fix=("Để người đứng đầu giao trực tiếp cho người ký cuối cùng, bỏ các cấp trung gian",
         "Have the head delegate directly to the final signer and drop the intermediate steps"),
    legal_basis=(TL_4, TUQ_3),
    examples=(
        "actors:\n  - {id: pho-vu-truong-a, name: Phó Vụ trưởng Vụ A, kind: unit_deputy, parent: vu-a}\n"
        "  - {id: chuyen-vien-a, name: Chuyên viên Vụ A, kind: staff, parent: vu-a}\n"
        "articles:\n  - {article: '3', title: Giao việc, chapter: II, clauses: [{clause: '1', "
        "text: Bộ trưởng giao Vụ trưởng Vụ A quyết định kế hoạch năm; Vụ trưởng giao lại Phó Vụ trưởng; "
        "Phó Vụ trưởng giao lại chuyên viên., norms: ["
        "{delegation: {mode: assign, action: decide, from: bo-truong, to: vu-truong-a, task: ke-hoach-nam}}, "
        "{delegation: {mode: assign, action: decide, from: vu-truong-a, to: pho-vu-truong-a, task: ke-hoach-nam}}, "
        "{delegation: {mode: assign, action: decide, from: pho-vu-truong-a, to: chuyen-vien-a, "
        "task: ke-hoach-nam}}]}]}",
        "actors:\n  - {id: pho-vu-truong-a, name: Phó Vụ trưởng Vụ A, kind: unit_deputy, parent: vu-a}\n"
        "  - {id: chuyen-vien-a, name: Chuyên viên Vụ A, kind: staff, parent: vu-a}\n"
        "articles:\n  - {article: '3', title: Giao việc, chapter: II, clauses: [{clause: '1', "
        "text: Bộ trưởng giao Vụ trưởng Vụ A quyết định kế hoạch năm; Vụ trưởng giao lại Phó Vụ trưởng., norms: ["
        "{delegation: {mode: assign, action: decide, from: bo-truong, to: vu-truong-a, task: ke-hoach-nam}}, "
        "{delegation: {mode: assign, action: decide, from: vu-truong-a, to: pho-vu-truong-a, task: ke-hoach-nam}}"
        "]}]}",
    ),
    reads_facts=True,
)
def delegation_chain_too_long(ctx: CheckContext) -> Iterator[Hit]:
    """No chain of sub-delegations is deeper than MAX_CHAIN_DEPTH (networkx ``dag_longest_path``).

    The chain graph has a node per delegation and an edge parent -> child per ``redelegation`` fact.
    Delegations on a loop are QC410's and are left out, so what remains is a DAG. A delegation whose
    longest chain from a root has MAX_CHAIN_DEPTH + 1 steps is the first step beyond the limit: one
    finding there, naming the longest chain through it.
    """
    # both ends of a redelegation are delegations (facts/delegation.py derives them from the delegation facts)
    links = [(str(r["parent"]), str(r["child"])) for r in ctx.facts_of("redelegation")]
    if not {p for p, _ in links} & {c for _, c in links}:  # no delegation both given on and passed on: no chain
        return  # of three steps
    import networkx as nx  # lazy: only chains of three or more need it (quyche_rules.graph)

    info: dict[str, dict[str, str | int]] = {}
    for f in ctx.facts_of("delegation"):
        info.setdefault(str(f["did"]), f)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(info)
    graph.add_edges_from(links)
    looped = {n for c in nx.strongly_connected_components(graph) if len(c) > 1 for n in c}
    looped |= {n for n in graph if graph.has_edge(n, n)}
    dag = graph.subgraph(n for n in graph if n not in looped)
    steps: dict[str, int] = {}  # steps in the longest chain from a root down to each delegation
    for did in nx.topological_sort(dag):
        steps[did] = 1 + max((steps[p] for p in dag.predecessors(did)), default=0)
    for did in sorted(d for d, n in steps.items() if n == MAX_CHAIN_DEPTH + 1):
        # every node of the subgraph leads to ``did``, so its longest path ends there, with steps[did] nodes
        up = nx.dag_longest_path(dag.subgraph(nx.ancestors(dag, did) | {did}))
        down = nx.dag_longest_path(dag.subgraph(nx.descendants(dag, did) | {did}))
        chain = [info[d] for d in up + down[1:]]
        actors = [str(chain[0]["from"]), *(str(f["to"]) for f in chain)]
        over = str(info[did]["provision"])
        yield Hit(tuple(dict.fromkeys(str(f["provision"]) for f in chain)), actors=tuple(actors),
                  tasks=tuple(str(f["task"]) for f in chain if f["task"]), at=_location(ctx, over),
                  values={"chain": _names(ctx, actors), "depth": len(chain), "limit": MAX_CHAIN_DEPTH,
                          "over": MAX_CHAIN_DEPTH + 1, "provision": over})
