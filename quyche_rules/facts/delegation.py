"""Facts about delegations and signing: each delegation, what it passes on, and the chains and loops they form.

Derivations here (Decree 30/2020/NĐ-CP Art. 13 for the signing modes):

* ``tuq``: signing by authorisation: TUQ., or an ``authorize`` delegation of signing with no mode;
* ``from_holds`` / ``unheld``: whether the delegator holds what it passes on (:func:`unheld`);
* ``fields_ok`` / ``outside_fields``: what lies outside the receiver's assigned fields (:func:`outside_fields`);
* ``post_vacant``, ``acting_post``, ``acting_post_kind``: the head post a Q. fills, and whether it is vacant
  (:func:`quyche_rules.facts.posts.acting_post`);
* ``to_is_deputy``: whether the receiver is the delegator's own deputy;
* ``from_heads_body``, ``to_heads_own_unit``: whether the delegator heads a body, and the receiver a unit or body of
  the delegator's own structure (:mod:`quyche_rules.facts.posts`);
* ``redelegation``: a delegation that passes on another (its ``via``, else one to its delegator of the same
  action whose objects overlap); ``delegation_cycle``: a loop of delegations (one per strongly connected
  component of the delegation graph, whatever the action: its members and one example cycle; linear in the
  delegations, however many cycles they form).
"""

from __future__ import annotations

from collections.abc import Callable

from quyche_rules.citations.instruments import is_instrument_reference
from quyche_rules.facts.builder import Builder, Fact, joined
from quyche_rules.facts.organisation import is_deputy_of, party
from quyche_rules.facts.posts import acting_post, body_of, condition_of, heads_body, heads_unit_of, post_vacant
from quyche_rules.graph import actor_node, delegation_id, has_cycle
from quyche_rules.model import Delegation, Duty, Power, Provision, Regulation

__all__ = ["chain_facts", "delegation_facts", "holdings", "is_tuq", "outside_fields", "unheld"]

_SIGN_ACTIONS = ("sign", "sign_digitally")


def is_tuq(n: Delegation) -> bool:
    """Signing by authorisation (Decree 30/2020 Art. 13(3)): TUQ, or ``authorize`` of signing with no mode."""
    return n.signing == "TUQ" or (n.signing is None and n.mode == "authorize" and n.action in _SIGN_ACTIONS)


def _all_members(reg: Regulation, actor_id: str, test: Callable[[str], bool]) -> bool:
    """Tell whether ``test`` holds of the actor, or of every member of a group (a group of none: False)."""
    actor = reg.actor_by_id.get(actor_id)
    if actor is None:
        return False
    if actor.kind != "group":
        return test(actor_id)
    members = [m for m in actor.members_in(reg.actors) if m in reg.actor_by_id]
    return bool(members) and all(test(m) for m in members)


def outside_fields(reg: Regulation, n: Delegation) -> list[str]:
    """Return the fields, document types and tasks of ``n`` outside the fields assigned to its receiver.

    A KT. delegation that names no field, document type or task gives the deputy every document: ``["*"]``, as
    the head may give a deputy only the fields assigned and "một số văn bản" of its own (Decree 30/2020 Art.
    13(1)). A head-level document type (one the head may list for KT.) is never outside;
    any other document type is outside unless its field is the receiver's; a task is outside when it has a
    field that is not the receiver's (a task without a field cannot be placed). Unknown ids (QC103) are not
    counted.
    """
    if n.signing == "KT" and not (n.fields or n.scope or n.task):
        return ["*"]  # every document: a deputy signs only what the head assigns (Decree 30/2020 Art. 13(1))
    to = reg.actor_by_id.get(n.to)
    if to is not None and to.kind == "group":
        return []  # each member signs in the fields assigned to it: what they are is each member's data
    own = set(to.fields) if to else set()
    docs, tasks = reg.document_type_by_id, reg.task_by_id
    out = [f for f in n.fields if f not in own]
    for item in (*n.scope, *([n.task] if n.task else [])):
        if item in docs:
            if not docs[item].head_level and docs[item].field not in own:
                out.append(item)
        elif item in tasks and tasks[item].field and tasks[item].field not in own:
            out.append(item)
    return list(dict.fromkeys(out))


def holdings(reg: Regulation) -> set[tuple[str, str]]:
    """Return (party, "action:object") pairs held by power norms or received by delegation.

    The object is a task, a document type, ``field:<id>`` (a delegation over a field of work) or ``*`` (a
    power or delegation that names no object: all of that action). A lead or responsible duty on a task adds
    ``work:<task>`` (the holder may assign that work). Keyed by party: a unit head exercises what its unit
    holds, and a unit what its head holds.
    """
    holds: set[tuple[str, str]] = set()
    for prov in reg.provisions:
        for norm in prov.norms:
            if isinstance(norm, Power):
                holder, objs = norm.holder, ([norm.task] if norm.task else []) + list(norm.document_types)
            elif isinstance(norm, Delegation):
                holder = norm.to
                objs = ([norm.task] if norm.task else []) + list(norm.scope)
                objs += [f"field:{f}" for f in norm.fields]
            else:
                if isinstance(norm, Duty) and norm.role != "cooperate":
                    holds.add((party(reg, norm.holder), f"work:{norm.task}"))
                continue
            for obj in objs or ["*"]:
                holds.add((party(reg, holder), f"{norm.action}:{obj}"))
    return holds


def unheld(reg: Regulation, n: Delegation, holds: set[tuple[str, str]]) -> list[str]:
    """Return what ``n`` passes on that its delegator does not hold (empty: it holds all of it).

    The head of the body holds every power of the body (headship regime). Otherwise each item passed on (the
    scope items, else the task, else ``field:<id>`` for each field) must be held by the delegator's party
    (:func:`holdings`): as such, through the delegation's task, through the item's field of work, or through a
    power over everything of that action; an ``assign`` delegation with no signing mode may also pass on work
    the party leads or is responsible for (phân công). A delegation that names nothing needs some holding of
    its action (else ``*``).
    """
    src = reg.actor_by_id.get(n.from_)
    if src is not None and src.kind == "head":
        return []
    who, action = party(reg, n.from_), n.action

    def has(obj: str) -> bool:
        return (who, f"{action}:{obj}") in holds

    items = list(n.scope) or ([n.task] if n.task else []) or [f"field:{f}" for f in n.fields]
    if not items:
        return [] if any(h == who and o.startswith(f"{action}:") for h, o in holds) else ["*"]
    docs, tasks = reg.document_type_by_id, reg.task_by_id
    out: list[str] = []
    for item in items:
        field = docs[item].field if item in docs else tasks[item].field if item in tasks else None
        if has(item) or has("*") or (n.task and has(n.task)) or (field and has(f"field:{field}")) or (
            n.mode == "assign" and n.signing is None and (who, f"work:{item}") in holds
        ):
            continue
        out.append(item)
    return out


def delegation_facts(b: Builder, prov: Provision, index: int, n: Delegation, holds: set[tuple[str, str]]) -> None:
    """Add the ``delegation`` fact of one delegation norm, and a ``delegation_scope`` fact per scope item."""
    reg = b.reg
    src = reg.actor_by_id.get(n.from_)
    outside = outside_fields(reg, n)
    missing = unheld(reg, n, holds)
    did = delegation_id(prov, index, n)
    post = acting_post(reg, n)
    b.add(
        "delegation", did=did, mode=n.mode, signing=n.signing or "",
        **b.actor(n.from_, "from", n.task), **b.actor(n.to, "to", n.task), action=n.action, task=n.task,
        scope_count=len(n.scope), fields_count=len(n.fields), has_instrument=bool(n.instrument),
        instrument=n.instrument or "", instrument_ok=is_instrument_reference(n.instrument or ""),
        has_valid_until=n.valid_until is not None,
        expired=n.valid_until is not None and n.valid_until < b.day,
        may_subdelegate=n.may_subdelegate, via=n.via, condition=condition_of(n), per_case=n.per_case,
        on_behalf_of=n.on_behalf_of or "", tm_name=reg.actor_name(n.on_behalf_of or n.from_),
        from_vacant=bool(src and src.vacant),
        to_is_deputy=_all_members(reg, n.to, lambda m: is_deputy_of(reg, m, n.from_)),
        to_is_unit_head=_all_members(reg, n.to, lambda m: reg.actor_by_id[m].kind == "unit_head"),
        to_heads_own_unit=_all_members(reg, n.to, lambda m: heads_unit_of(reg, m, body_of(reg, n.from_))),
        from_heads_body=heads_body(reg, n.from_),
        fields_ok=not outside, from_holds=not missing,
        provision=prov.phrase, tuq=is_tuq(n), post_vacant=post_vacant(reg, n),
        acting_post=post.id if post else "", acting_post_kind=post.kind if post else "", outside_fields=joined(outside),
        unheld=joined(missing), valid_until=n.valid_until,
        valid_until_text=n.valid_until.isoformat() if n.valid_until else "—",
        scope_text=joined(n.scope) or n.task or "—", regime=reg.meta.regime,
    )
    for item in n.scope:
        b.add("delegation_scope", did=did, item=item, provision=prov.phrase)


def _parents(child: Fact, by_id: dict[str, Fact], by_to: dict[tuple[str, str], list[Fact]],
             scopes: dict[str, set[str]], delegator: str) -> list[Fact]:
    """Return the delegations ``child`` passes on: the one its ``via`` names, else those it may derive from.

    Without ``via``, a parent is a delegation to the child's delegator (its party ``delegator``: a unit and its
    head are one, so "Vụ B ủy quyền…" passes on what its head received), of the same action, whose objects
    overlap the child's: the tasks agree (or one names none) and the scopes share an item (or one names none).
    So a unit head who holds a TL. list and a TUQ. for other documents passes on only the one whose documents
    it passes.
    """
    parent = by_id.get(str(child["via"])) if child["via"] else None
    if parent is not None:  # an unknown ``via`` is QC103's; the parent is then derived as if none were given
        return [parent] if parent is not child else []
    mine = scopes.get(str(child["did"]), set())
    return [
        p for p in by_to.get((delegator, str(child["action"])), [])
        if p is not child and (p["task"] == child["task"] or not child["task"] or not p["task"])
        and (not mine or not scopes.get(str(p["did"])) or bool(mine & scopes[str(p["did"])]))
    ]


def chain_facts(b: Builder) -> None:
    """Add the derived facts: sub-delegation links (``redelegation``) and the loops (``delegation_cycle``).

    A loop is one strongly connected component of the delegations: the graph of who delegates to whom, each
    delegation an edge in document order (as the responsibility graph's ``delegates`` edges are, so each actor's
    next steps are tried in the same order when a loop's example is traced).
    """
    delegations = [f for f in b.facts if f["kind"] == "delegation"]
    by_id = {str(f["did"]): f for f in delegations}
    scopes: dict[str, set[str]] = {}
    for f in b.facts:
        if f["kind"] == "delegation_scope":
            scopes.setdefault(str(f["did"]), set()).add(str(f["item"]))
    by_to: dict[tuple[str, str], list[Fact]] = {}
    for p in delegations:
        by_to.setdefault((party(b.reg, str(p["to"])), str(p["action"])), []).append(p)
    for child in delegations:
        for parent in _parents(child, by_id, by_to, scopes, party(b.reg, str(child["from"]))):
            b.add("redelegation", parent=parent["did"], child=child["did"], parent_signing=parent["signing"],
                  child_signing=child["signing"], parent_mode=parent["mode"], child_mode=child["mode"],
                  parent_may_subdelegate=parent["may_subdelegate"], child_to_is_deputy=child["to_is_deputy"],
                  holder=child["from"], holder_name=child["from_name"], to=child["to"], to_name=child["to_name"],
                  provision=child["provision"], parent_provision=parent["provision"],
                  parent_tuq=parent["tuq"])
    edges = [(actor_node(n.from_), actor_node(n.to))
             for prov in b.reg.provisions for n in prov.norms if isinstance(n, Delegation)]
    if not has_cycle(edges):
        return
    import networkx as nx  # lazy: only delegations that loop need the components (quyche_rules.graph)

    delegates: nx.DiGraph[str] = nx.DiGraph(edges)
    loops = [c for c in nx.strongly_connected_components(delegates)
             if len(c) > 1 or delegates.has_edge(next(iter(c)), next(iter(c)))]
    for members in sorted(sorted(c) for c in loops):
        example = [u for u, _ in nx.find_cycle(delegates.subgraph(members), source=members[0])]
        b.add("delegation_cycle", actors=joined([n.removeprefix("actor:") for n in example], " → "),
              first=members[0].removeprefix("actor:"), members=joined([n.removeprefix("actor:") for n in members]),
              size=len(members))
