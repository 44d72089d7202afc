"""Model + graph -> flat facts (str/int values only) for the rule engines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import networkx as nx

from quyche_rules.graph import delegation_id, edges_of
from quyche_rules.model import (
    Coordination,
    Deadline,
    DeadlineRule,
    Delegation,
    Duty,
    FollowUp,
    Power,
    Prohibition,
    Regulation,
    Reporting,
    Substitution,
)
from quyche_rules.model.norms import NORM_KINDS, Norm

__all__ = ["DEFAULT_REQUIRED_TOPICS", "TOPIC_NAMES", "Fact", "derive_facts"]

Fact = dict[str, str | int]

#: topics every working regulation must cover (Decree 30/2020 Art. 13(7), 24; DOMAIN.md rules 18, 23, 24)
DEFAULT_REQUIRED_TOPICS = ("digital-signature", "electronic-handling", "follow-up", "incoming-documents")

#: Vietnamese names of the usual topics, for messages; any other topic is shown by its id
TOPIC_NAMES = {
    "digital-signature": "ký số, chữ ký số", "electronic-handling": "xử lý công việc trên môi trường mạng",
    "follow-up": "theo dõi, đôn đốc", "incoming-documents": "tiếp nhận, giải quyết văn bản đến",
    "reporting": "chế độ báo cáo", "work-programme": "chương trình công tác", "meetings": "hội họp",
    "absence": "vắng mặt, thay thế",
}

#: norm kind -> the attributes that name actors (the ``slot`` of an ``actor_ref`` fact)
_ACTOR_SLOTS: dict[str, tuple[str, ...]] = {
    "duty": ("holder", "accountable_to"), "power": ("holder",), "prohibition": ("holder",),
    "delegation": ("from_", "to"), "coordination": ("lead", "cooperating"),
    "substitution": ("absent", "substitute", "fallback"), "reporting": ("from_", "to"),
    "follow_up": ("holder", "targets"), "deadline": ("holder",),
}
#: norm kinds that give a task to someone to carry out (a ``task_ref`` with ``assigns`` = 1)
_ASSIGNING = (Duty, Coordination, FollowUp, DeadlineRule)


def _deadline(d: Deadline | None) -> dict[str, str | int]:
    if d is None:
        return {"has_deadline": 0, "deadline_unit": "", "deadline_amount": 0, "urgency": ""}
    return {"has_deadline": 1, "deadline_unit": d.unit, "deadline_amount": d.amount, "urgency": d.urgency}


class _Builder:
    def __init__(self, reg: Regulation, day: dt.date) -> None:
        self.reg = reg
        self.day = day
        self.facts: list[Fact] = []

    def add(self, kind: str, **values: Any) -> None:
        fact: Fact = {"kind": kind, "fid": f"{kind}:{len(self.facts)}", "seq": len(self.facts)}
        for key, value in values.items():
            if value is None:
                fact[key] = ""
            elif isinstance(value, bool):
                fact[key] = int(value)
            elif isinstance(value, dt.date):
                fact[key] = value.isoformat()
            else:
                fact[key] = value
        self.facts.append(fact)

    def actor(self, actor_id: str, prefix: str) -> dict[str, Any]:
        actor = self.reg.actor_by_id.get(actor_id)
        return {
            prefix: actor_id,
            f"{prefix}_name": actor.name if actor else actor_id,
            f"{prefix}_kind": actor.kind if actor else "",
            f"{prefix}_valid": int(actor is not None and actor.valid_on(self.day)),
            f"{prefix}_known": int(actor is not None),
        }


def _is_deputy_of(reg: Regulation, deputy: str, head: str) -> bool:
    d, h = reg.actor_by_id.get(deputy), reg.actor_by_id.get(head)
    if d is None or h is None:
        return False
    if d.kind == "deputy_head" and h.kind == "head":
        return True
    return d.kind == "unit_deputy" and h.kind == "unit_head" and d.parent == h.parent


def _delegation(b: _Builder, phrase: str, index: int, prov: Any, n: Delegation, holds: set[tuple[str, str]]) -> None:
    reg = b.reg
    to = reg.actor_by_id.get(n.to)
    doc_types = reg.document_type_by_id
    to_fields = set(to.fields) if to else set()
    fields_ok = set(n.fields) <= to_fields and all(
        doc_types[s].head_level or (doc_types[s].field in to_fields)
        for s in n.scope if s in doc_types and not n.fields
    )
    src = reg.actor_by_id.get(n.from_)
    covered = {n.task} if n.task else set(n.scope)
    from_holds = (src is not None and src.kind == "head") or (
        bool(covered) and all((n.from_, f"{n.action}:{c}") in holds for c in covered)
    ) or (not covered and any(h == n.from_ and a.startswith(f"{n.action}:") for h, a in holds))
    b.add(
        "delegation", did=delegation_id(prov, index, n), mode=n.mode, signing=n.signing or "",
        **b.actor(n.from_, "from"), **b.actor(n.to, "to"), action=n.action, task=n.task,
        scope_count=len(n.scope), fields_count=len(n.fields), has_instrument=bool(n.instrument),
        has_valid_until=n.valid_until is not None,
        expired=n.valid_until is not None and n.valid_until < b.day,
        may_subdelegate=n.may_subdelegate, via=n.via, condition=n.condition,
        from_vacant=bool(src and src.vacant), to_is_deputy=_is_deputy_of(reg, n.to, n.from_),
        to_is_unit_head=bool(to and to.kind == "unit_head"), fields_ok=fields_ok, from_holds=from_holds,
        provision=phrase,
    )
    for item in n.scope:
        b.add("delegation_scope", did=delegation_id(prov, index, n), item=item, provision=phrase)


def _holdings(reg: Regulation) -> set[tuple[str, str]]:
    """Return (actor, "action:object") pairs held by power norms or received by delegation."""
    holds: set[tuple[str, str]] = set()
    for prov in reg.provisions:
        for norm in prov.norms:
            if isinstance(norm, Power):
                for obj in ([norm.task] if norm.task else []) + list(norm.document_types):
                    holds.add((norm.holder, f"{norm.action}:{obj}"))
            elif isinstance(norm, Delegation):
                for obj in ([norm.task] if norm.task else []) + list(norm.scope):
                    holds.add((norm.to, f"{norm.action}:{obj}"))
    return holds


def _norm_facts(b: _Builder) -> Iterator[None]:
    reg = b.reg
    holds = _holdings(reg)
    for prov in reg.provisions:
        phrase = prov.phrase
        for index, n in enumerate(prov.norms):
            if isinstance(n, Duty):
                b.add("duty", **b.actor(n.holder, "holder"), task=n.task, task_name=reg.task_name(n.task),
                      role=n.role, accountable_to=n.accountable_to, provision=phrase, **_deadline(n.deadline))
            elif isinstance(n, (Power, Prohibition)):
                kind = "power" if isinstance(n, Power) else "prohibition"
                extra = {"exclusive": n.exclusive} if isinstance(n, Power) else {}
                for doc in n.document_types or ("",):
                    b.add(kind, **b.actor(n.holder, "holder"), action=n.action, task=n.task,
                          task_name=reg.task_name(n.task) if n.task else "", doctype=doc, provision=phrase, **extra)
            elif isinstance(n, Delegation):
                _delegation(b, phrase, index, prov, n, holds)
            elif isinstance(n, Coordination):
                cid = f"{phrase}#{index}"
                b.add("coordination", cid=cid, **b.actor(n.lead, "lead"), task=n.task,
                      task_name=reg.task_name(n.task), n_cooperating=len(n.cooperating), silence=n.silence,
                      provision=phrase, **_deadline(n.response_deadline))
                for coop in n.cooperating:
                    b.add("cooperation", cid=cid, **b.actor(coop, "holder"), task=n.task,
                          task_name=reg.task_name(n.task), provision=phrase)
            elif isinstance(n, Substitution):
                b.add("substitution", **b.actor(n.absent, "absent"), **b.actor(n.substitute, "substitute"),
                      fallback=n.fallback, written=n.written, provision=phrase)
            elif isinstance(n, Reporting):
                b.add("reporting", **b.actor(n.from_, "from"), **b.actor(n.to, "to"), task=n.task,
                      frequency=n.frequency, provision=phrase, **_deadline(n.deadline))
            elif isinstance(n, FollowUp):
                b.add("follow_up", **b.actor(n.holder, "holder"), task=n.task, task_name=reg.task_name(n.task),
                      provision=phrase)
            elif isinstance(n, DeadlineRule):
                b.add("deadline", task=n.task, task_name=reg.task_name(n.task), holder=n.holder or "",
                      provision=phrase, **_deadline(n.within))
        yield None


def _chain_facts(b: _Builder, g: nx.MultiDiGraph) -> None:
    """Derived facts: sub-delegation links (parent -> child) and delegation cycles."""
    delegations = [f for f in b.facts if f["kind"] == "delegation"]
    by_id = {str(f["did"]): f for f in delegations}
    for child in delegations:
        parents = [by_id[str(child["via"])]] if child["via"] and str(child["via"]) in by_id else [
            p for p in delegations
            if p is not child and p["to"] == child["from"] and p["action"] == child["action"]
            and (p["task"] == child["task"] or not child["task"] or not p["task"])
        ]
        for parent in parents:
            b.add("redelegation", parent=parent["did"], child=child["did"], parent_signing=parent["signing"],
                  child_signing=child["signing"], parent_mode=parent["mode"], child_mode=child["mode"],
                  parent_may_subdelegate=parent["may_subdelegate"], child_to_is_deputy=child["to_is_deputy"],
                  holder=child["from"], holder_name=child["from_name"], to=child["to"], to_name=child["to_name"],
                  provision=child["provision"], parent_provision=parent["provision"])
    view = edges_of(g, "delegates")
    simple = nx.DiGraph(view)
    for cycle in sorted(sorted(c) for c in nx.simple_cycles(simple)):
        b.add("delegation_cycle", actors=" → ".join(n.removeprefix("actor:") for n in cycle),
              first=cycle[0].removeprefix("actor:"))


def _deadline_text(d: Deadline) -> str:
    """Return the Vietnamese wording of a time limit, e.g. "05 ngày làm việc"."""
    words = {"working_days": "ngày làm việc", "days": "ngày", "hours": "giờ"}
    if d.unit in words:
        return f"{d.amount:02d} {words[d.unit]}"
    return "trong ngày" if d.unit == "same_day" else "ngay"


def _first_mentions(reg: Regulation) -> tuple[dict[str, str], dict[str, str]]:
    """Return the first provision that names each actor, and each task, in any norm."""
    actors: dict[str, str] = {}
    tasks: dict[str, str] = {}
    for prov in reg.provisions:
        for n in prov.norms:
            kind = NORM_KINDS[type(n)]
            for slot in _ACTOR_SLOTS[kind]:
                value = getattr(n, slot, None)
                for actor_id in (value if isinstance(value, tuple) else (value,)):
                    if actor_id:
                        actors.setdefault(actor_id, prov.phrase)
            task = getattr(n, "task", None)
            if isinstance(task, str) and task:
                tasks.setdefault(task, prov.phrase)
    return actors, tasks


def _successors(reg: Regulation, day: dt.date) -> dict[str, str]:
    """Return, for each actor with a successor, the first successor down the chain valid on ``day``.

    A unit merged into one that was itself renamed later gets the renamed unit; when no one in the chain
    is valid (or the chain names actors outside actors.yaml), the last actor of the chain. The head or
    deputy of a unit without a successor of their own gets the same post in the unit's successor, if any.
    """
    chain = nx.DiGraph((a.id, a.successor) for a in reg.actors if a.successor and a.successor != a.id)
    out: dict[str, str] = {}
    for actor in reg.actors:
        if actor.id not in chain:
            continue
        later = list(nx.dfs_preorder_nodes(chain, actor.id))[1:]
        valid = [s for s in later if s in reg.actor_by_id and reg.actor_by_id[s].valid_on(day)]
        out[actor.id] = valid[0] if valid else later[-1]
    for actor in reg.actors:
        unit = out.get(actor.parent or "")
        if actor.id in out or not unit or actor.kind not in ("unit_head", "unit_deputy"):
            continue
        post = next((a.id for a in reg.actors if a.kind == actor.kind and a.parent == unit and a.valid_on(day)), "")
        if post:
            out[actor.id] = post
    return out


def _actor_ref(b: _Builder, succ: dict[str, str], actor_id: str) -> dict[str, str | int]:
    actor = b.reg.actor_by_id.get(actor_id)
    successor = succ.get(actor_id, "")
    return {
        "actor": actor_id, "actor_name": actor.name if actor else actor_id,
        "actor_kind": actor.kind if actor else "", "actor_known": int(actor is not None),
        "actor_valid": int(actor is not None and actor.valid_on(b.day)),
        "actor_period": (f"{actor.valid_from or '…'} – {actor.valid_until or '…'}" if actor else ""),
        "actor_successor": successor,
        "actor_successor_name": b.reg.actor_name(successor) if successor else "—",
    }


def _object_name(reg: Regulation, n: Norm) -> str:
    task = getattr(n, "task", None)
    if task:
        return reg.task_name(task)
    items = getattr(n, "document_types", ()) or getattr(n, "scope", ())
    docs = reg.document_type_by_id
    return ", ".join(docs[i].name if i in docs else reg.task_name(i) for i in items)


def _reference_facts(b: _Builder) -> None:
    """Add the derived reference facts.

    They are: who each norm names (``actor_ref``), where each task is named (``task_ref``), every time limit
    of a task (``task_deadline``) and who follows up the work of each topic (``follow_up_topic``).
    """
    reg = b.reg
    succ = _successors(reg, b.day)
    for prov in reg.provisions:
        refs: dict[str, int] = {}
        for n in prov.norms:
            kind = NORM_KINDS[type(n)]
            task = getattr(n, "task", None) or ""
            for slot in _ACTOR_SLOTS[kind]:
                value = getattr(n, slot, None)
                for actor_id in (value if isinstance(value, tuple) else (value,)):
                    if actor_id:
                        b.add("actor_ref", norm=kind, slot=slot.rstrip("_"), **_actor_ref(b, succ, actor_id),
                              task=task, task_name=reg.task_name(task) if task else "",
                              action=getattr(n, "action", ""), object_name=_object_name(reg, n),
                              provision=prov.phrase)
            if task:
                refs[task] = max(refs.get(task, 0), int(isinstance(n, _ASSIGNING)))
            for source, holder, limit in _limits(n):
                b.add("task_deadline", task=task, task_name=reg.task_name(task), source=source, holder=holder,
                      holder_name=reg.actor_name(holder) if holder else "", unit=limit.unit,
                      amount=limit.amount, value=f"{limit.unit}:{limit.amount}", urgency=limit.urgency,
                      text=_deadline_text(limit), provision=prov.phrase)
            for topic, holder, via in _followed_topics(reg, n):
                b.add("follow_up_topic", topic=topic, task=task, **b.actor(holder, "holder"), via=via,
                      provision=prov.phrase)
        for task, assigns in refs.items():
            b.add("task_ref", task=task, task_name=reg.task_name(task), assigns=assigns,
                  provision=prov.phrase)


def _limits(n: Norm) -> list[tuple[str, str, Deadline]]:
    """Return the time limits a norm sets for its task: (source, holder, deadline)."""
    if isinstance(n, DeadlineRule):
        return [("deadline", n.holder or "", n.within)]
    if isinstance(n, Duty) and n.deadline is not None:
        return [("response" if n.role == "cooperate" else "duty", n.holder, n.deadline)]
    if isinstance(n, Coordination) and n.response_deadline is not None:
        return [("response", "", n.response_deadline)]
    return []


def _followed_topics(reg: Regulation, n: Norm) -> list[tuple[str, str, str]]:
    """Return (topic, holder, via) for each topic whose work the norm's holder follows up.

    A follow-up norm follows up every topic of its task; a lead or responsible duty on a task that is itself
    a follow-up task (topic ``follow-up``) follows up the task's other topics.
    """
    task = reg.task_by_id.get(getattr(n, "task", None) or "")
    if task is None:
        return []
    if isinstance(n, FollowUp):
        return [(topic, n.holder, "follow_up") for topic in task.topics]
    if isinstance(n, Duty) and n.role != "cooperate" and "follow-up" in task.topics:
        return [(topic, n.holder, "duty") for topic in task.topics if topic != "follow-up"]
    return []


def derive_facts(reg: Regulation, g: nx.MultiDiGraph, *, on: dt.date | None = None,
                 required_topics: tuple[str, ...] | None = None) -> list[Fact]:
    """Return the facts of ``reg`` as of ``on`` (default: its effective date), in a deterministic order."""
    b = _Builder(reg, on or reg.effective)
    heads = {a.parent for a in reg.actors if a.kind == "unit_head" and a.valid_on(b.day)}
    # first_provision: the first provision that names the actor or task, else the regulation's first provision
    # (where findings about something no provision names are reported)
    first = reg.provisions[0].phrase if reg.provisions else "regulation.yaml"
    actor_first, task_first = _first_mentions(reg)
    for a in reg.actors:
        b.add("actor", id=a.id, name=a.name, actor_kind=a.kind, parent=a.parent, valid=a.valid_on(b.day),
              vacant=a.vacant, has_head=a.id in heads, n_fields=len(a.fields),
              first_provision=actor_first.get(a.id, first))
    used = {n.task for p in reg.provisions for n in p.norms if getattr(n, "task", None)}
    for t in reg.tasks:
        b.add("task", id=t.id, name=t.name, field=t.field, needs_lead=t.needs_lead,
              needs_deadline=t.needs_deadline, used=t.id in used, first_provision=task_first.get(t.id, first))
        for topic in t.topics:
            if t.id in used:
                b.add("topic_covered", topic=topic, task=t.id, task_name=t.name, provision=task_first[t.id])
    topics = required_topics if required_topics is not None else (reg.meta.required_topics or DEFAULT_REQUIRED_TOPICS)
    for topic in topics:
        b.add("required_topic", topic=topic, topic_name=TOPIC_NAMES.get(topic, topic), provision=first)
    b.add("regulation", id=reg.id, regime=reg.meta.regime, number=reg.meta.number, first_provision=first)
    for _ in _norm_facts(b):
        pass
    _chain_facts(b, g)
    _reference_facts(b)
    return b.facts
