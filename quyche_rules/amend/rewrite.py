"""The norms an organisational change moves: every actor field naming the old actor set to the new one.

Used by the reorganisation operations (:mod:`quyche_rules.amend.op_organisation`) for the norms the amendment
says move (``takes_over``), and to know who bears a duty under a norm (QC606).
"""

from __future__ import annotations

from collections.abc import Callable

from quyche_rules.model import Coordination, Duty, FollowUp, Norm, Reporting
from quyche_rules.model.norm_items import NormItem, unwrap

__all__ = ["ACTOR_FIELDS", "bearer_keys", "rewrite_items", "rewrite_norm"]

#: the fields of a norm that name actors
ACTOR_FIELDS = (
    "holder",
    "accountable_to",
    "from_",
    "to",
    "lead",
    "cooperating",
    "absent",
    "substitute",
    "fallback",
    "targets",
)

def rewrite_norm(norm: Norm, old: str, new: str, tasks: frozenset[str] | None) -> Norm:
    """Return ``norm`` with every actor field naming ``old`` set to ``new`` (only on ``tasks`` when given)."""
    if tasks is not None and getattr(norm, "task", None) not in tasks:
        return norm
    updates: dict[str, object] = {}
    for name in ACTOR_FIELDS:
        if name not in type(norm).model_fields:
            continue
        value = getattr(norm, name)
        if isinstance(value, str) and value == old:
            updates[name] = new
        elif isinstance(value, tuple) and old in value:
            updates[name] = tuple(dict.fromkeys(new if v == old else v for v in value))
    if not updates:
        return norm
    if isinstance(norm, Coordination):
        lead = str(updates.get("lead", norm.lead))
        coop = updates.get("cooperating", norm.cooperating)
        assert isinstance(coop, tuple)
        updates["cooperating"] = tuple(c for c in coop if c != lead)
    return norm.model_copy(update=updates)


def rewrite_items(items: tuple[NormItem, ...], fn: Callable[[Norm], Norm]) -> tuple[NormItem, ...]:
    """Apply ``fn`` to every norm; when something changed, drop norms that became identical."""
    out: list[NormItem] = []
    changed = False
    for item in items:
        norm = unwrap(item)
        new = fn(norm)
        if new is not norm:
            changed = True
            key = next(iter(type(item).model_fields))
            item = item.model_copy(update={key: new})
        out.append(item)
    if not changed:
        return items
    unique: list[NormItem] = []
    for item in out:
        if item not in unique:
            unique.append(item)
    return tuple(unique)


def bearer_keys(norm: Norm) -> list[tuple[str, str, str]]:
    """Return (actor, task, role) for each actor that bears a duty under ``norm`` (for QC606)."""
    if isinstance(norm, Duty):
        return [(norm.holder, norm.task, norm.role)]
    if isinstance(norm, Coordination):
        return [(norm.lead, norm.task, "lead"), *((c, norm.task, "cooperate") for c in norm.cooperating)]
    if isinstance(norm, FollowUp):
        return [(norm.holder, norm.task, "follow_up")]
    if isinstance(norm, Reporting):
        return [(norm.from_, norm.task or "", f"report:{norm.to}")]
    return []
