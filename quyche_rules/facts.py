"""Model + graph -> flat facts (str/int values only) for the rule engines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import networkx as nx

from quyche_rules.graph import delegation_id, edges_of
from quyche_rules.i18n import Lang
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

__all__ = ["ACTION_VI", "DEFAULT_REQUIRED_TOPICS", "TOPIC_NAMES", "Fact", "action_words", "derive_facts"]

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
            if type(value) is str or type(value) is int:  # most values (speed only)
                fact[key] = value
            elif value is None:
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


#: Vietnamese verbs of the actions, for messages
ACTION_VI = {
    "decide": "quyết định", "approve": "phê duyệt", "sign": "ký", "submit": "trình", "issue": "ban hành",
    "direct": "chỉ đạo", "assign": "phân công", "inspect": "kiểm tra", "propose": "đề xuất",
    "appraise": "thẩm định", "comment": "góp ý", "manage": "quản lý", "sign_digitally": "ký số",
    "seal": "đóng dấu", "register": "đăng ký",
}


def action_words(action: str, lang: Lang) -> str:
    """Return an action in words: its Vietnamese verb, or in English the id with spaces (``sign digitally``)."""
    return ACTION_VI.get(action, action) if lang == "vi" else action.replace("_", " ")

_SIGN_ACTIONS = ("sign", "sign_digitally")


def _party(reg: Regulation, actor_id: str) -> str:
    """Return who answers for what ``actor_id`` holds: a head's unit or body, otherwise the actor itself.

    A unit and its head are one party ("Vụ A chủ trì" and "Vụ trưởng Vụ A chủ trì" name one lead): the head
    answers personally for the whole unit (DOMAIN.md rule 2). Deputies and staff stay parties of their own.
    """
    actor = reg.actor_by_id.get(actor_id)
    if actor is not None and actor.kind in ("head", "unit_head") and actor.parent:
        return actor.parent
    return actor_id


def _is_tuq(n: Delegation) -> bool:
    """Signing by authorisation (Decree 30/2020 Art. 13(3)): TUQ, or ``authorize`` of signing with no mode."""
    return n.signing == "TUQ" or (n.signing is None and n.mode == "authorize" and n.action in _SIGN_ACTIONS)


def _outside_fields(reg: Regulation, n: Delegation) -> list[str]:
    """Return the fields, document types and tasks of ``n`` outside the fields assigned to its receiver.

    A head-level document type (one the head may list for KT, Decree 30/2020 Art. 13(1)) is never outside;
    any other document type is outside unless its field is the receiver's; a task is outside when it has a
    field that is not the receiver's (a task without a field cannot be placed). Unknown ids (QC103) are not
    counted.
    """
    to = reg.actor_by_id.get(n.to)
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


def _unheld(reg: Regulation, n: Delegation, holds: set[tuple[str, str]]) -> list[str]:
    """Return what ``n`` passes on that its delegator does not hold (empty: it holds all of it).

    The head of the body holds every power of the body (headship regime). Otherwise each item passed on (the
    scope items, else the task, else ``field:<id>`` for each field) must be held by the delegator's party
    (_holdings): as such, through the delegation's task, through the item's field of work, or through a power
    over everything of that action; an ``assign`` delegation with no signing mode may also pass on work the
    party leads or is responsible for (phân công). A delegation that names nothing needs some holding of its
    action (else ``*``).
    """
    src = reg.actor_by_id.get(n.from_)
    if src is not None and src.kind == "head":
        return []
    party, action = _party(reg, n.from_), n.action

    def has(obj: str) -> bool:
        return (party, f"{action}:{obj}") in holds

    items = list(n.scope) or ([n.task] if n.task else []) or [f"field:{f}" for f in n.fields]
    if not items:
        return [] if any(h == party and o.startswith(f"{action}:") for h, o in holds) else ["*"]
    docs, tasks = reg.document_type_by_id, reg.task_by_id
    out: list[str] = []
    for item in items:
        field = docs[item].field if item in docs else tasks[item].field if item in tasks else None
        if has(item) or has("*") or (n.task and has(n.task)) or (field and has(f"field:{field}")) or (
            n.mode == "assign" and n.signing is None and (party, f"work:{item}") in holds
        ):
            continue
        out.append(item)
    return out


def _post_vacant(reg: Regulation, n: Delegation) -> bool:
    """Return True when the head post the receiver of a Q. acts in is vacant.

    That post is the delegator's own, or (when a superior gives Q.) that of the head whose deputy receives it.
    """
    src, to = reg.actor_by_id.get(n.from_), reg.actor_by_id.get(n.to)
    if src is not None and src.vacant:
        return True
    if to is None or n.signing != "Q":
        return False
    return any(_is_deputy_of(reg, to.id, a.id) for a in reg.actors if a.vacant)


def _delegation(b: _Builder, phrase: str, index: int, prov: Any, n: Delegation,
                holds: set[tuple[str, str]]) -> None:
    reg = b.reg
    to = reg.actor_by_id.get(n.to)
    src = reg.actor_by_id.get(n.from_)
    outside = _outside_fields(reg, n)
    unheld = _unheld(reg, n, holds)
    b.add(
        "delegation", did=delegation_id(prov, index, n), mode=n.mode, signing=n.signing or "",
        **b.actor(n.from_, "from"), **b.actor(n.to, "to"), action=n.action, task=n.task,
        scope_count=len(n.scope), fields_count=len(n.fields), has_instrument=bool(n.instrument),
        has_valid_until=n.valid_until is not None,
        expired=n.valid_until is not None and n.valid_until < b.day,
        may_subdelegate=n.may_subdelegate, via=n.via, condition=n.condition,
        from_vacant=bool(src and src.vacant), to_is_deputy=_is_deputy_of(reg, n.to, n.from_),
        to_is_unit_head=bool(to and to.kind == "unit_head"), fields_ok=not outside, from_holds=not unheld,
        provision=phrase,
        # QC4xx: signing by authorisation, vacancy of the post a Q. fills, what lies outside the receiver's
        # fields and what the delegator does not hold (ids, ", "-joined), the bounds as text, the regime
        tuq=_is_tuq(n), post_vacant=_post_vacant(reg, n), outside_fields=", ".join(outside),
        unheld=", ".join(unheld), action_vi=ACTION_VI.get(n.action, n.action), valid_until=n.valid_until,
        valid_until_text=n.valid_until.isoformat() if n.valid_until else "—",
        scope_text=", ".join(n.scope) or n.task or "—", regime=reg.meta.regime,
    )
    for item in n.scope:
        b.add("delegation_scope", did=delegation_id(prov, index, n), item=item, provision=phrase)


def _holdings(reg: Regulation) -> set[tuple[str, str]]:
    """Return (party, "action:object") pairs held by power norms or received by delegation.

    The object is a task, a document type, ``field:<id>`` (a delegation over a field of work) or ``*`` (a
    power or delegation that names no object: all of that action). A lead or responsible duty on a task adds
    ``work:<task>`` (the holder may assign that work). Keyed by party (_party): a unit head exercises what its
    unit holds, and a unit what its head holds.
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
                    holds.add((_party(reg, norm.holder), f"work:{norm.task}"))
                continue
            for obj in objs or ["*"]:
                holds.add((_party(reg, holder), f"{norm.action}:{obj}"))
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
                      fallback=n.fallback, written=n.written, provision=phrase,
                      label=f"{reg.actor_name(n.substitute)} ({phrase})")
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


def _parents(child: Fact, by_id: dict[str, Fact], by_to: dict[tuple[str, str], list[Fact]],
             scopes: dict[str, set[str]]) -> list[Fact]:
    """Return the delegations ``child`` passes on: the one its ``via`` names, else those it may derive from.

    Without ``via``, a parent is a delegation to the child's delegator, of the same action, whose objects
    overlap the child's: the tasks agree (or one names none) and the scopes share an item (or one names none).
    So a unit head who holds a TL. list and a TUQ. for other documents passes on only the one whose documents
    it passes.
    """
    parent = by_id.get(str(child["via"])) if child["via"] else None
    if parent is not None:  # an unknown ``via`` is QC103's; the parent is then derived as if none were given
        return [parent] if parent is not child else []
    mine = scopes.get(str(child["did"]), set())
    return [
        p for p in by_to.get((str(child["from"]), str(child["action"])), [])
        if p is not child and (p["task"] == child["task"] or not child["task"] or not p["task"])
        and (not mine or not scopes.get(str(p["did"])) or bool(mine & scopes[str(p["did"])]))
    ]


def _chain_facts(b: _Builder, g: nx.MultiDiGraph[str]) -> None:
    """Derived facts: sub-delegation links (parent -> child) and delegation cycles."""
    delegations = [f for f in b.facts if f["kind"] == "delegation"]
    by_id = {str(f["did"]): f for f in delegations}
    scopes: dict[str, set[str]] = {}
    for f in b.facts:
        if f["kind"] == "delegation_scope":
            scopes.setdefault(str(f["did"]), set()).add(str(f["item"]))
    by_to: dict[tuple[str, str], list[Fact]] = {}
    for p in delegations:
        by_to.setdefault((str(p["to"]), str(p["action"])), []).append(p)
    for child in delegations:
        for parent in _parents(child, by_id, by_to, scopes):
            b.add("redelegation", parent=parent["did"], child=child["did"], parent_signing=parent["signing"],
                  child_signing=child["signing"], parent_mode=parent["mode"], child_mode=child["mode"],
                  parent_may_subdelegate=parent["may_subdelegate"], child_to_is_deputy=child["to_is_deputy"],
                  holder=child["from"], holder_name=child["from_name"], to=child["to"], to_name=child["to_name"],
                  provision=child["provision"], parent_provision=parent["provision"],
                  parent_tuq=parent["tuq"])
    view = edges_of(g, "delegates")
    simple: nx.DiGraph[str] = nx.DiGraph(view)
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
                value = n.__dict__.get(slot, None)
                for actor_id in (value if isinstance(value, tuple) else (value,)):
                    if actor_id:
                        actors.setdefault(actor_id, prov.phrase)
            task: str | None = n.__dict__.get("task", None)  # a slug, where the norm kind has a task
            if task:
                tasks.setdefault(task, prov.phrase)
    return actors, tasks


def _successors(reg: Regulation, day: dt.date) -> dict[str, str]:
    """Return, for each actor with a successor, the first successor down the chain valid on ``day``.

    A unit merged into one that was itself renamed later gets the renamed unit; when no one in the chain
    is valid (or the chain names actors outside actors.yaml), the last actor of the chain. The head or
    deputy of a unit without a successor of their own gets the same post in the unit's successor, if any.
    """
    chain: nx.DiGraph[str] = nx.DiGraph(
        (a.id, a.successor) for a in reg.actors if a.successor and a.successor != a.id
    )
    out: dict[str, str] = {}
    for actor in reg.actors:
        if actor.id not in chain or not chain.out_degree(actor.id):
            continue
        later = list(nx.dfs_preorder_nodes(chain, actor.id))[1:]
        valid = [s for s in later if s in reg.actor_by_id and reg.actor_by_id[s].valid_on(day)]
        out[actor.id] = valid[0] if valid else later[-1]
    for actor in reg.actors:
        unit = out.get(actor.parent or "")
        if actor.id in out or not unit or actor.kind not in ("unit_head", "unit_deputy"):
            continue
        posts = (a.id for a in reg.actors if a.kind == actor.kind and a.parent == unit and a.valid_on(day))
        post = next(posts, "")
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
    task = n.__dict__.get("task", None)
    if task:
        return reg.task_name(task)
    items = n.__dict__.get("document_types", ()) or n.__dict__.get("scope", ())
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
            task = n.__dict__.get("task", None) or ""
            for slot in _ACTOR_SLOTS[kind]:
                value = n.__dict__.get(slot, None)
                for actor_id in (value if isinstance(value, tuple) else (value,)):
                    if actor_id:
                        b.add("actor_ref", norm=kind, slot=slot.rstrip("_"), **_actor_ref(b, succ, actor_id),
                              task=task, task_name=reg.task_name(task) if task else "",
                              action=n.__dict__.get("action", ""), object_name=_object_name(reg, n),
                              provision=prov.phrase)
            if task:
                refs[task] = max(refs.get(task, 0), int(isinstance(n, _ASSIGNING)))
            for source, holder, limit in _limits(n):
                b.add("task_deadline", task=task, task_name=reg.task_name(task), source=source, holder=holder,
                      holder_name=reg.actor_name(holder) if holder else "", unit=limit.unit,
                      amount=limit.amount, value=f"{limit.unit}:{limit.amount}", urgency=limit.urgency,
                      from_event=limit.from_event or "", text=_deadline_text(limit), provision=prov.phrase)
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
    task = reg.task_by_id.get(n.__dict__.get("task", None) or "")
    if task is None:
        return []
    if isinstance(n, FollowUp):
        return [(topic, n.holder, "follow_up") for topic in task.topics]
    if isinstance(n, Duty) and n.role != "cooperate" and "follow-up" in task.topics:
        return [(topic, n.holder, "duty") for topic in task.topics if topic != "follow-up"]
    return []


def _task_roles(reg: Regulation, norms: tuple[Norm, ...]) -> dict[tuple[str, str, str], list[str]]:
    """Return (task, holder, role) -> the norm kinds saying so, for the lead and cooperate roles."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for n in norms:
        if isinstance(n, Duty) and n.role in ("lead", "cooperate"):
            out.setdefault((n.task, n.holder, n.role), []).append("duty")
        elif isinstance(n, Coordination):
            out.setdefault((n.task, n.lead, "lead"), []).append("coordination")
            for coop in n.cooperating:
                out.setdefault((n.task, coop, "cooperate"), []).append("coordination")
    return out


def _acts(reg: Regulation, n: Norm) -> list[tuple[str, str, str, str, str]]:
    """Return (source, holder, action, task, doctype) per act a power, prohibition or delegation names."""
    if isinstance(n, (Power, Prohibition)):
        source = "power" if isinstance(n, Power) else "prohibition"
        return [(source, n.holder, n.action, n.task or "", d) for d in n.document_types or ("",)]
    if isinstance(n, Delegation):
        docs, tasks = reg.document_type_by_id, reg.task_by_id
        items = [(i, "") if i in tasks and i not in docs else (n.task or "", i) for i in n.scope]
        return [("delegation", n.to, n.action, t, d) for t, d in items or [(n.task or "", "")]]
    return []


def _role_and_act_facts(b: _Builder) -> None:
    """Add the derived ``task_role`` and ``act`` facts (QC3xx, QC412).

    ``task_role``: one per (task, holder, role, provision) for the roles lead (chủ trì) and cooperate
    (phối hợp), whether a duty or a coordination says so (``via``: duty, coordination or both);
    ``holder_party`` is the unit for a unit head (_party); ``label`` is "holder name (provision)".

    ``act``: one per thing an actor must, may or must not do. ``source`` duty (a duty, or the lead or a
    cooperator of a coordination; ``action`` ""), power, delegation (the power the receiver gets, one per
    scope item) or prohibition (one per document type). ``object`` is ``doc:<id>``, else ``task:<id>``, else
    ``*`` (``object_name`` its name in «»); ``power_key`` is ``<action>:<object>``; ``desc_vi``/``desc_en``
    describe the act; ``label`` is "holder name (provision)".
    """
    reg = b.reg
    role_vi = {"lead": "chủ trì", "cooperate": "phối hợp", "responsible": "thực hiện"}
    docs = reg.document_type_by_id
    for prov in reg.provisions:
        phrase = prov.phrase
        roles = _task_roles(reg, prov.norms)
        for (task, holder, role), via in roles.items():
            b.add("task_role", task=task, task_name=reg.task_name(task), **b.actor(holder, "holder"),
                  holder_party=_party(reg, holder), role=role, via="+".join(dict.fromkeys(via)),
                  provision=phrase, label=f"{reg.actor_name(holder)} ({phrase})")
        duties: dict[tuple[str, str], str] = {}
        for n in prov.norms:
            if isinstance(n, Duty):
                duties.setdefault((n.holder, n.task), n.role)
        for task, holder, role in roles:
            duties.setdefault((holder, task), role)
        rows: list[tuple[str, str, str, str, str, str, Norm | None]] = [
            ("duty", holder, "", task, "", role, None) for (holder, task), role in duties.items()
        ]
        for n in prov.norms:
            rows += [(s, h, a, t, d, "", n) for s, h, a, t, d in _acts(reg, n)]
        for source, holder, action, task, doc, role, norm in rows:
            obj = f"doc:{doc}" if doc else f"task:{task}" if task else "*"
            what = f"«{docs[doc].name if doc in docs else doc}»" if doc else (
                f"«{reg.task_name(task)}»" if task else "")
            if source == "duty":
                desc_vi, desc_en = f"nhiệm vụ «{reg.task_name(task)}» ({role_vi[role]})", \
                    f"the task «{reg.task_name(task)}» ({role})"
            else:  # a power "quyền ký «X»" / "the power to sign «X»"; a prohibition "ký «X»" / "to sign «X»"
                verb = ACTION_VI.get(action, action)
                desc_vi = f"{verb} {what or '(mọi việc)'}"
                desc_en = f"to {action.replace('_', ' ')} {what or '(anything)'}"
                if source != "prohibition":
                    desc_vi, desc_en = f"quyền {desc_vi}", f"the power {desc_en}"
            b.add("act", source=source, **b.actor(holder, "holder"), holder_party=_party(reg, holder),
                  action=action, action_vi=ACTION_VI.get(action, action), role=role, task=task,
                  task_name=reg.task_name(task) if task else "", doctype=doc, object=obj,
                  object_name=what or "(mọi việc)",
                  power_key=f"{action}:{obj}" if action else "",
                  exclusive=bool(isinstance(norm, Power) and norm.exclusive),
                  signing=(norm.signing or "") if isinstance(norm, Delegation) else "",
                  condition=(norm.condition or "") if isinstance(norm, Delegation) else "",
                  desc_vi=desc_vi, desc_en=desc_en, provision=phrase,
                  label=f"{reg.actor_name(holder)} ({phrase})")


def derive_facts(reg: Regulation, g: nx.MultiDiGraph[str], *, on: dt.date | None = None,
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
    used = {str(n.__dict__["task"]) for p in reg.provisions for n in p.norms if n.__dict__.get("task", None)}
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
    _role_and_act_facts(b)
    return b.facts
