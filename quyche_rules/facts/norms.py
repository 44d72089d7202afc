"""One fact per norm, per cooperating unit and per document type.

Duties, powers, prohibitions, delegations, coordinations, substitutions, reporting lines, follow-ups and deadlines.
"""

from __future__ import annotations

from quyche_rules.facts.builder import Builder, deadline_fields
from quyche_rules.facts.delegation import delegation_facts, holdings
from quyche_rules.model import (
    Coordination,
    DeadlineRule,
    Delegation,
    Duty,
    FollowUp,
    Power,
    Prohibition,
    Reporting,
    Substitution,
)

__all__ = ["norm_facts"]


def norm_facts(b: Builder) -> None:
    """Add the facts of every norm of every provision, in document order."""
    reg = b.reg
    holds = holdings(reg)
    for prov in reg.provisions:
        phrase = prov.phrase
        for index, n in enumerate(prov.norms):
            if isinstance(n, Duty):
                b.add("duty", **b.actor(n.holder, "holder", n.task), task=n.task, task_name=reg.task_name(n.task),
                      role=n.role, accountable_to=n.accountable_to, provision=phrase, **deadline_fields(n.deadline))
            elif isinstance(n, (Power, Prohibition)):
                kind = "power" if isinstance(n, Power) else "prohibition"
                extra = {"exclusive": n.exclusive} if isinstance(n, Power) else {}
                for doc in n.document_types or ("",):
                    b.add(kind, **b.actor(n.holder, "holder", n.task), action=n.action, task=n.task,
                          task_name=reg.task_name(n.task) if n.task else "", doctype=doc, provision=phrase, **extra)
            elif isinstance(n, Delegation):
                delegation_facts(b, prov, index, n, holds)
            elif isinstance(n, Coordination):
                cid = f"{phrase}#{index}"
                b.add("coordination", cid=cid, **b.actor(n.lead, "lead", n.task), task=n.task,
                      task_name=reg.task_name(n.task), n_cooperating=len(n.cooperating), silence=n.silence,
                      provision=phrase, **deadline_fields(n.response_deadline))
                for coop in n.cooperating:
                    b.add("cooperation", cid=cid, **b.actor(coop, "holder", n.task), task=n.task,
                          task_name=reg.task_name(n.task), provision=phrase)
            elif isinstance(n, Substitution):
                b.add("substitution", **b.actor(n.absent, "absent", None), **b.actor(n.substitute, "substitute", None),
                      fallback=n.fallback, written=n.written, provision=phrase,
                      label=f"{reg.actor_name(n.substitute)} ({phrase})")
            elif isinstance(n, Reporting):
                b.add("reporting", **b.actor(n.from_, "from", n.task), **b.actor(n.to, "to", n.task), task=n.task,
                      frequency=n.frequency, provision=phrase, **deadline_fields(n.deadline))
            elif isinstance(n, FollowUp):
                b.add("follow_up", **b.actor(n.holder, "holder", n.task), task=n.task, task_name=reg.task_name(n.task),
                      provision=phrase)
            elif isinstance(n, DeadlineRule):
                b.add("deadline", task=n.task, task_name=reg.task_name(n.task), holder=n.holder or "",
                      provision=phrase, **deadline_fields(n.within))
