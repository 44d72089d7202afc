"""Facts about what norms name: actors (with their successors), tasks, time limits, who follows up each topic.

Derivations here: ``actor_ref.actor_successor`` is the first successor of an ended actor valid on the day
(:func:`~quyche_rules.facts.organisation.held_successors`), empty when the chain ends in an actor of the regulation
that has ended too (a successor outside actors.yaml is taken as the organisation decree names it);
``task_ref.assigns`` says whether a norm gives the task to someone to carry out; ``follow_up_topic`` says
whose follow-up covers a topic (a follow-up norm covers every topic of its task; a lead or responsible duty on a
follow-up task covers the task's other topics); ``task_deadline``'s ``span_*`` fields are its period in a common
unit and how long it can last (:mod:`quyche_rules.time.spans`), and ``ordinary`` says whether it is a time limit of
the task's ordinary case (:func:`_ordinary`).
"""

from __future__ import annotations

import functools

from quyche_rules.facts.builder import Builder, joined
from quyche_rules.facts.organisation import ACTOR_SLOTS
from quyche_rules.model import Actor, Coordination, Deadline, DeadlineRule, Duty, FollowUp, Regulation
from quyche_rules.model.norms import NORM_KINDS, Norm
from quyche_rules.time.spans import span

__all__ = ["reference_facts"]

#: norm kinds that give a task to someone to carry out (a ``task_ref`` with ``assigns`` = 1)
_ASSIGNING = (Duty, Coordination, FollowUp, DeadlineRule)


def _actor_ref(b: Builder, actor_id: str, task: str) -> dict[str, str | int]:
    actor = b.reg.actor_by_id.get(actor_id)
    successor = b.successor(actor_id, task)
    return {
        "actor": actor_id, "actor_name": actor.name if actor else actor_id,
        "actor_kind": actor.kind if actor else "", "actor_known": int(actor is not None),
        "actor_valid": int(b.valid(actor)),
        "actor_period": _period(b.reg, actor, actor_id in b.nobody) if actor else "",
        "actor_successor": successor,
        "actor_successor_name": b.reg.actor_name(successor) if successor else "—",
    }


def _period(reg: Regulation, actor: Actor, through_members: bool) -> str:
    """Return when ``actor`` exists, "from – until"; of a group that names nobody, when its members did."""
    start, end = actor.valid_from, actor.valid_until
    if through_members:
        members = [m for m in (reg.actor_by_id.get(i) for i in actor.members_in(reg.actors)) if m is not None]
        starts = [m.valid_from for m in members if m.valid_from is not None]
        ends = [m.valid_until for m in members if m.valid_until is not None]
        start = min(starts) if members and len(starts) == len(members) else start
        end = max(ends) if members and len(ends) == len(members) else end
    return f"{start or '…'} – {end or '…'}"


def _object_name(reg: Regulation, n: Norm) -> str:
    task = n.__dict__.get("task", None)
    if task:
        return reg.task_name(task)
    items = n.__dict__.get("document_types", ()) or n.__dict__.get("scope", ())
    docs = reg.document_type_by_id
    return joined([docs[i].name if i in docs else reg.task_name(i) for i in items])


def _limits(n: Norm) -> list[tuple[str, str, Deadline]]:
    """Return the time limits a norm sets for its task: (source, holder, deadline)."""
    if isinstance(n, DeadlineRule):
        return [("deadline", n.holder or "", n.within)]
    if isinstance(n, Duty) and n.deadline is not None:
        return [("response" if n.role == "cooperate" else "duty", n.holder, n.deadline)]
    if isinstance(n, Coordination) and n.response_deadline is not None:
        return [("response", "", n.response_deadline)]
    return []


def _span_fields(limit: Deadline) -> dict[str, str | int]:
    """Return a time limit's period in its common unit (02 tuần: 14 days) and the shortest and longest it lasts.

    ``span_value`` is ``value`` with the amounts in the common unit: "01 tuần" and "07 ngày" have the same one.
    """
    return _spans(limit.unit, limit.amount, limit.min, limit.before, limit.key)


@functools.lru_cache(maxsize=4096)
def _spans(unit: str, amount: int, least: int | None, before: bool, key: str) -> dict[str, str | int]:
    """:func:`_span_fields` of a time limit's values (a regulation has few distinct ones; callers never change it)."""
    sp = span(unit, amount)
    if sp is None:
        return {"span_unit": "", "span_amount": 0, "span_shortest": 0, "span_longest": 0, "span_value": key}
    per = sp.amount // amount
    value = f"{sp.unit}:{least * per}-{sp.amount}" if least is not None else f"{sp.unit}:{sp.amount}"
    return {"span_unit": sp.unit, "span_amount": sp.amount, "span_shortest": sp.shortest,
            "span_longest": sp.longest, "span_value": value + (":before" if before else "")}


def _ordinary(reg: Regulation, task: str, limit: Deadline) -> int:
    """Return 1 if ``limit`` is a time limit of the task's ordinary case, which a task needing a deadline needs.

    Of normal urgency: the Decree itself has urgent documents handled at once (Nghị định 30/2020 khoản 2 Điều 24),
    and a limit for urgent ones leaves the ordinary ones without. For a task about incoming documents, also a time
    to handle them once received (direction ``after``): a lead time before a meeting or a date of the calendar is
    not the "thời hạn giải quyết" the regulation must set for each document.
    """
    if limit.urgency != "normal":
        return 0
    found = reg.task_by_id.get(task)
    incoming = found is not None and "incoming-documents" in found.topics
    return int(limit.direction == "after" or not incoming)


def _followed_topics(reg: Regulation, n: Norm) -> list[tuple[str, str, str]]:
    """Return (topic, holder, via) for each topic whose work the norm's holder follows up."""
    task = reg.task_by_id.get(n.__dict__.get("task", None) or "")
    if task is None:
        return []
    if isinstance(n, FollowUp):
        return [(topic, n.holder, "follow_up") for topic in task.topics]
    if isinstance(n, Duty) and n.role != "cooperate" and "follow-up" in task.topics:
        return [(topic, n.holder, "duty") for topic in task.topics if topic != "follow-up"]
    return []


def reference_facts(b: Builder) -> None:
    """Add the ``actor_ref``, ``task_ref``, ``task_deadline`` and ``follow_up_topic`` facts."""
    reg = b.reg
    # the fields naming each actor, the same in every fact; on each task for an actor whose successor took over some
    actors: dict[tuple[str, str], dict[str, str | int]] = {}
    for prov in reg.provisions:
        refs: dict[str, int] = {}
        for n in prov.norms:
            kind = NORM_KINDS[type(n)]
            task = n.__dict__.get("task", None) or ""
            named: dict[str, str] | None = None
            for slot in ACTOR_SLOTS[kind]:
                value = n.__dict__.get(slot, None)
                for actor_id in (value if isinstance(value, tuple) else (value,)):
                    if actor_id:
                        if named is None:
                            named = {"task": task, "task_name": reg.task_name(task) if task else "",
                                     "action": n.__dict__.get("action", ""), "object_name": _object_name(reg, n),
                                     "provision": prov.phrase}
                        on = task if actor_id in b.taken else ""  # (whose successor took over some tasks only)
                        fields = actors.get((actor_id, on))
                        if fields is None:
                            fields = actors[actor_id, on] = _actor_ref(b, actor_id, on)
                        b.add("actor_ref", norm=kind, slot=slot.rstrip("_"), **fields, **named)
            if task:
                refs[task] = max(refs.get(task, 0), int(isinstance(n, _ASSIGNING)))
            for source, holder, limit in _limits(n):
                b.add("task_deadline", task=task, task_name=reg.task_name(task), source=source, holder=holder,
                      holder_name=reg.actor_name(holder) if holder else "", unit=limit.unit,
                      amount=limit.amount, min_amount=limit.min or 0, direction=limit.direction,
                      next_month=int(limit.next_month), latest=int(limit.latest),
                      value=limit.key, urgency=limit.urgency,
                      from_event=limit.from_event or "", provision=prov.phrase, **_span_fields(limit),
                      ordinary=_ordinary(reg, task, limit))
            for topic, holder, via in _followed_topics(reg, n):
                b.add("follow_up_topic", topic=topic, task=task, **b.actor(holder, "holder", task), via=via,
                      provision=prov.phrase)
        for task, assigns in refs.items():
            b.add("task_ref", task=task, task_name=reg.task_name(task), assigns=assigns,
                  provision=prov.phrase)
