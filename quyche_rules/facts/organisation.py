"""Facts about the organisation and the catalogue: actors, tasks, topics, the regulation; who answers for whom.

Derivations here: a unit *has a head* when a unit head valid on the day belongs to it; a task is *used* when a
norm names it; a topic is *covered* by a task a norm names; an actor or task is *first named* in the first
provision with a norm naming it; an ended actor's *successor* is the first valid one down its chain; a head and
its unit are one *party*.
"""

from __future__ import annotations

import datetime as dt

from quyche_rules.facts.builder import Builder
from quyche_rules.model import Regulation
from quyche_rules.model.norms import NORM_KINDS
from quyche_rules.vocabulary import TOPICS

__all__ = [
    "ACTOR_SLOTS", "DEFAULT_REQUIRED_TOPICS", "first_mentions", "is_deputy_of", "organisation_facts", "party",
    "successors", "taken_tasks",
]

#: topics every working regulation must cover (Decree 30/2020 Art. 13(7), 24; DOMAIN.md rules 18, 23, 24)
DEFAULT_REQUIRED_TOPICS = ("digital-signature", "electronic-handling", "follow-up", "incoming-documents")

#: norm kind -> the attributes that name actors
ACTOR_SLOTS: dict[str, tuple[str, ...]] = {
    "duty": ("holder", "accountable_to"), "power": ("holder",), "prohibition": ("holder",),
    "delegation": ("from_", "to"), "coordination": ("lead", "cooperating"),
    "substitution": ("absent", "substitute", "fallback"), "reporting": ("from_", "to"),
    "follow_up": ("holder", "targets"), "deadline": ("holder",),
}


def party(reg: Regulation, actor_id: str) -> str:
    """Return who answers for what ``actor_id`` holds: a head's unit or body, otherwise the actor itself.

    A unit and its head are one party ("Vụ A chủ trì" and "Vụ trưởng Vụ A chủ trì" name one lead): the head
    answers personally for the whole unit (DOMAIN.md rule 2). Deputies and staff stay parties of their own, and
    so does the head of a collective body: what the Government decides collectively, the Prime Minister does not
    decide alone. A body is collective when its kind says so, when the regulation's ``collective:`` block names it,
    or when the regime is collective and it is the regulation's own body.
    """
    actor = reg.actor_by_id.get(actor_id)
    if actor is not None and actor.kind in ("head", "unit_head") and actor.parent:
        parent = reg.actor_by_id.get(actor.parent)
        if parent is not None and _collective(reg, parent.id, parent.kind):
            return actor_id
        return actor.parent
    return actor_id


def _collective(reg: Regulation, actor_id: str, kind: str) -> bool:
    meta = reg.meta
    return kind == "collective" or (meta.collective is not None and meta.collective.body == actor_id) or (
        meta.regime == "collective" and meta.body == actor_id)


def is_deputy_of(reg: Regulation, deputy: str, head: str) -> bool:
    """Return True when ``deputy`` is a deputy of ``head``: of the same body, or of the same unit.

    "Cấp phó" in Decree 30/2020 Art. 13(1) is the head's own deputy: the deputy head of another body (a Tổng cục
    under the ministry) is not the Minister's, nor a Deputy Minister the Tổng cục trưởng's.
    """
    d, h = reg.actor_by_id.get(deputy), reg.actor_by_id.get(head)
    if d is None or h is None:
        return False
    return d.parent == h.parent and (d.kind, h.kind) in (("deputy_head", "head"), ("unit_deputy", "unit_head"))


def first_mentions(reg: Regulation) -> tuple[dict[str, str], dict[str, str]]:
    """Return the first provision that names each actor, and each task, in any norm."""
    actors: dict[str, str] = {}
    tasks: dict[str, str] = {}
    for prov in reg.provisions:
        for n in prov.norms:
            kind = NORM_KINDS[type(n)]
            for slot in ACTOR_SLOTS[kind]:
                value = n.__dict__.get(slot, None)
                for actor_id in (value if isinstance(value, tuple) else (value,)):
                    if actor_id:
                        actors.setdefault(actor_id, prov.phrase)
            task: str | None = n.__dict__.get("task", None)  # a slug, where the norm kind has a task
            if task:
                tasks.setdefault(task, prov.phrase)
    return actors, tasks


def held_successors(reg: Regulation, day: dt.date) -> dict[str, str]:
    """Return, for each actor with a successor that holds its duties on ``day``, that successor.

    A successor holds them when it is valid on the day, or lies outside actors.yaml (taken as the organisation
    decree names it); a chain ending in an actor of the regulation that has ended too leaves no holder. Which of
    the duties it holds is :func:`taken_tasks`'s.
    """
    return {a: s for a, s in successors(reg, day).items()
            if s not in reg.actor_by_id or reg.actor_by_id[s].valid_on(day)}


def _down_the_chain(links: dict[str, dict[str, None]], start: str) -> list[str]:
    """Return the actors after ``start`` down its successor links, each once, in depth-first order.

    Each actor has one successor, so this follows the links until one comes back (a loop, QC113's) or ends; an
    id declared twice (QC0xx) may have two, and then networkx walks them all, depth first.
    """
    if any(len(after) > 1 for after in links.values()):
        import networkx as nx  # lazy: only a defective organisation needs it (quyche_rules.graph)

        graph: nx.DiGraph[str] = nx.DiGraph((a, s) for a, after in links.items() for s in after)
        return list(nx.dfs_preorder_nodes(graph, start))[1:]
    seen, later = {start}, []
    current = next(iter(links[start]))
    while current not in seen:
        later.append(current)
        seen.add(current)
        if current not in links:
            break
        current = next(iter(links[current]))
    return later


def _chains(reg: Regulation, day: dt.date) -> dict[str, tuple[str, ...]]:
    """Return, for each actor with a successor, the actors from which its duties pass, then that successor.

    The chain ends at the first actor valid on the day, else at the last one down the links. A unit head or
    deputy without a successor of their own takes their unit's chain, ending at the same post in its successor.
    """
    links: dict[str, dict[str, None]] = {}  # actor -> its successors (one, unless an id is declared twice)
    for a in reg.actors:
        if a.successor and a.successor != a.id:
            links.setdefault(a.id, {})[a.successor] = None
    out: dict[str, tuple[str, ...]] = {}
    for actor in reg.actors:
        if actor.id not in links:
            continue
        later = _down_the_chain(links, actor.id)
        valid = next((n for n, s in enumerate(later) if s in reg.actor_by_id and reg.actor_by_id[s].valid_on(day)),
                     len(later) - 1)
        out[actor.id] = (actor.id, *later[: valid + 1])
    for actor in reg.actors:
        chain = out.get(actor.parent or "")
        if actor.id in out or not chain or actor.kind not in ("unit_head", "unit_deputy"):
            continue
        posts = (a.id for a in reg.actors if a.kind == actor.kind and a.parent == chain[-1] and a.valid_on(day))
        post = next(posts, "")
        if post:
            out[actor.id] = (*chain[:-1], post)
    return out


def successors(reg: Regulation, day: dt.date) -> dict[str, str]:
    """Return, for each actor with a successor, the first successor down the chain valid on ``day``.

    A unit merged into one that was itself renamed later gets the renamed unit; when no one in the chain
    is valid (or the chain names actors outside actors.yaml), the last actor of the chain. The head or
    deputy of a unit without a successor of their own gets the same post in the unit's successor, if any.
    """
    return {actor: chain[-1] for actor, chain in _chains(reg, day).items()}


def taken_tasks(reg: Regulation, day: dt.date) -> dict[str, frozenset[str]]:
    """Return, for each actor whose successor took over only some of its duties, the tasks it took over.

    Each actor the duties pass from passes on what its ``takes_over`` says; a duty on another task, or on none,
    stays with the ended actor. Actors absent from the result pass on all their duties.
    """
    out: dict[str, frozenset[str]] = {}
    by_id = reg.actor_by_id
    for actor, chain in _chains(reg, day).items():
        taken: frozenset[str] | None = None
        for link in chain[:-1]:
            rule = by_id[link].takes_over if link in by_id else "all"
            if rule == "all":
                continue
            tasks = frozenset() if rule == "none" else frozenset(rule)
            taken = tasks if taken is None else taken & tasks
        if taken is not None:
            out[actor] = taken
    return out


def organisation_facts(b: Builder, required_topics: tuple[str, ...] | None) -> None:
    """Add the ``actor``, ``task``, ``topic_covered``, ``required_topic`` and ``regulation`` facts."""
    reg = b.reg
    heads = {a.parent for a in reg.actors if a.kind == "unit_head" and a.valid_on(b.day)}
    # first_provision: the first provision that names the actor or task, else the regulation's first provision
    # (where findings about something no provision names are reported)
    first = reg.provisions[0].phrase if reg.provisions else "regulation.yaml"
    actor_first, task_first = first_mentions(reg)
    for a in reg.actors:
        b.add("actor", id=a.id, name=a.name, actor_kind=a.kind, parent=a.parent, valid=b.valid(a),
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
        b.add("required_topic", topic=topic, topic_name=TOPICS.get(topic, topic), provision=first)
    b.add("regulation", id=reg.id, regime=reg.meta.regime, number=reg.meta.number, first_provision=first)
