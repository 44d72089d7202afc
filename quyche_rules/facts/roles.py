"""Facts about who does what: the roles actors play in tasks, and every act an actor must, may or must not do.

Derivations here: ``task_role`` merges what duties and coordinations say about who leads and who cooperates;
``act`` gathers every duty, power, power received by delegation and prohibition as one kind of fact, so that
conflicts between them (QC302, QC303) are one comparison; ``holder_party`` makes a unit and its head one party
(:func:`~quyche_rules.facts.organisation.party`).
"""

from __future__ import annotations

from collections.abc import Callable

from quyche_rules.facts.builder import Builder
from quyche_rules.facts.organisation import party
from quyche_rules.model import Coordination, Delegation, Duty, Power, Prohibition, Regulation
from quyche_rules.model.norms import Condition, Norm

__all__ = ["conditions", "role_and_act_facts", "role_parts"]


def _task_roles(norms: tuple[Norm, ...]) -> dict[tuple[str, str, str], tuple[list[str], Norm]]:
    """Return (task, holder, role) -> (the norm kinds saying so, the first such norm), for lead and cooperate."""
    out: dict[tuple[str, str, str], tuple[list[str], Norm]] = {}
    for n in norms:
        if isinstance(n, Duty) and n.role in ("lead", "cooperate"):
            out.setdefault((n.task, n.holder, n.role), ([], n))[0].append("duty")
        elif isinstance(n, Coordination):
            out.setdefault((n.task, n.lead, "lead"), ([], n))[0].append("coordination")
            for coop in n.cooperating:
                out.setdefault((n.task, coop, "cooperate"), ([], n))[0].append("coordination")
    return out


def role_parts(reg: Regulation) -> dict[tuple[str, str], set[str]]:
    """Return (task, lead or cooperate) -> the actors, other than roles, that the regulation gives that part.

    A role ("đơn vị chủ trì", kind ``role``) in a norm about a task stands for these actors: "the lead of the task",
    wherever the regulation names it.
    """
    roles = {a.id for a in reg.actors if a.kind == "role"}
    out: dict[tuple[str, str], set[str]] = {}
    for prov in reg.provisions:
        for task, holder, part in _task_roles(prov.norms):
            if holder not in roles:
                out.setdefault((task, part), set()).add(holder)
    return out


def _parties(reg: Regulation) -> Callable[[str, str], str]:
    """Return party(holder, task): :func:`party`, and for a role the one party that plays its part in the task."""
    stands = {a.id: a.stands_for for a in reg.actors if a.kind == "role" and a.stands_for}
    parts = role_parts(reg) if stands else {}

    def of(holder: str, task: str) -> str:
        if holder in stands:
            found = {party(reg, a) for a in parts.get((task, str(stands[holder])), ())}
            return found.pop() if len(found) == 1 else holder
        return party(reg, holder)

    return of


def _cond(c: Condition) -> str:
    return c.kind if c.kind != "other" else f"other:{c.text}"


def conditions(n: Norm) -> tuple[str, str, str]:
    """Return (scope, anti, words) of a norm's conditions, for telling norms that cannot both hold apart.

    ``scope`` names when the norm holds ("+urgent", "-secret", "" for always); ``anti`` is the scope of a norm
    that holds exactly when this one does not (one condition only, else "!": no norm is known to exclude it).
    Two norms whose one's ``anti`` is the other's ``scope`` ("khi cấp bách" and "trừ khi cấp bách") never both
    hold. ``words`` quotes the conditions for a message.
    """
    parts = [f"+{_cond(c)}" for c in n.when] + [f"-{_cond(c)}" for c in n.unless]
    scope = ",".join(sorted(parts))
    anti = "!" if len(parts) != 1 else ("-" if parts[0][0] == "+" else "+") + parts[0][1:]
    words = "; ".join([f"khi {c.text}" for c in n.when] + [f"trừ {c.text}" for c in n.unless])
    return scope, anti, words


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


def role_and_act_facts(b: Builder) -> None:
    """Add the derived ``task_role`` and ``act`` facts (QC3xx, QC412).

    ``task_role``: one per (task, holder, role, provision) for the roles lead (chủ trì) and cooperate
    (phối hợp), whether a duty or a coordination says so (``via``: duty, coordination or both);
    ``label`` is "holder name (provision)".

    ``act``: one per thing an actor must, may or must not do. ``source`` duty (a duty, or the lead or a
    cooperator of a coordination; ``action`` ""), power, delegation (the power the receiver gets, one per
    scope item) or prohibition (one per document type). ``object`` is ``doc:<id>``, else ``task:<id>``, else
    ``*``; ``object_label`` is its name in «» ("" for everything); ``power_key`` is ``<action>:<object>``.
    """
    reg = b.reg
    docs = reg.document_type_by_id
    party_of = _parties(reg)
    for prov in reg.provisions:
        phrase = prov.phrase
        roles = _task_roles(prov.norms)
        for (task, holder, role), (via, said) in roles.items():
            scope, anti, words = conditions(said)
            b.add("task_role", task=task, task_name=reg.task_name(task), **b.actor(holder, "holder", task),
                  holder_party=party_of(holder, task), role=role, via="+".join(dict.fromkeys(via)),
                  scope=scope, anti=anti, each=bool(getattr(said, "each", False)), provision=phrase,
                  label=f"{reg.actor_name(holder)} ({phrase}{', ' + words if words else ''})")
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
            label = f"«{docs[doc].name if doc in docs else doc}»" if doc else (
                f"«{reg.task_name(task)}»" if task else "")
            b.add("act", source=source, **b.actor(holder, "holder", task), holder_party=party_of(holder, task),
                  action=action, role=role, task=task, task_name=reg.task_name(task) if task else "",
                  doctype=doc, object=obj, object_label=label, power_key=f"{action}:{obj}" if action else "",
                  exclusive=bool(isinstance(norm, Power) and norm.exclusive),
                  signing=(norm.signing or "") if isinstance(norm, Delegation) else "",
                  condition=(norm.condition or "") if isinstance(norm, Delegation) else "",
                  provision=phrase, label=f"{reg.actor_name(holder)} ({phrase})")
