"""What each actor holds in one version of a regulation, keyed by meaning so that versions can be compared.

A holding is keyed by what it is (a duty: task and role; a delegation: counterpart, action and signing mode;
…), never by where it is written, so that a holding whose details change (a deadline, a scope) is the same
holding in both versions. Its details are kept as canonical JSON, with the provisions that give it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.model import (
    Coordination,
    DeadlineRule,
    Delegation,
    Duty,
    FollowUp,
    Norm,
    Power,
    Prohibition,
    Regulation,
    Reporting,
    Substitution,
)

__all__ = ["DUTY_CATEGORIES", "Entry", "Held", "Holdings", "holdings", "holdings_of"]

#: categories whose holdings are duties that someone must carry on when their holder ends
DUTY_CATEGORIES = (
    "duty",
    "coordination",
    "follow_up",
    "reporting",
    "power",
    "delegation_received",
    "deadline",
)


@dataclass(frozen=True)
class Entry:
    """One holding of an actor in one version, or its change between versions."""

    category: str
    key: tuple[str, ...]
    old: tuple[str, ...] = ()  # canonical JSON of the details in the old version
    new: tuple[str, ...] = ()
    old_provisions: tuple[str, ...] = ()
    new_provisions: tuple[str, ...] = ()


@dataclass
class Held:
    """The details of one holding of one actor, and the provisions that give it, in document order."""

    details: set[str] = field(default_factory=set)
    provisions: list[str] = field(default_factory=list)


#: actor -> (category, key) -> what the actor holds
Holdings = dict[str, dict[tuple[str, tuple[str, ...]], Held]]


def _json(values: dict[str, Any]) -> str:
    def plain(v: Any) -> Any:
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        if isinstance(v, tuple):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        return v

    return json.dumps(
        plain({k: v for k, v in values.items() if v not in (None, (), "", False)}),
        ensure_ascii=False,
        sort_keys=True,
    )


def _dump(norm: Norm, *names: str) -> dict[str, Any]:
    data = norm.model_dump(mode="python", by_alias=False, exclude_defaults=True)
    return {n: data[n] for n in names if n in data}


def holdings_of(norm: Norm, body: str | None = None) -> list[tuple[str, str, tuple[str, ...], str]]:
    """Return (actor, category, key, details) for each actor a norm gives a responsibility to.

    ``body``: the body the regulation governs, which a time limit set for a task without a holder binds ("văn bản
    đến được xử lý trong 03 ngày làm việc"); without it, such a limit is no one's.
    """
    if isinstance(norm, Duty):
        return [
            (norm.holder, "duty", (norm.task, norm.role), _json(_dump(norm, "deadline", "accountable_to")))
        ]
    if isinstance(norm, Power):
        return [
            (
                norm.holder,
                "power",
                (norm.action, norm.task or "", ",".join(norm.document_types)),
                _json(_dump(norm, "exclusive")),
            )
        ]
    if isinstance(norm, Prohibition):
        return [
            (norm.holder, "prohibition", (norm.action, norm.task or "", ",".join(norm.document_types)), "{}")
        ]
    if isinstance(norm, Delegation):
        details = _json(
            _dump(
                norm,
                "mode",
                "task",
                "fields",
                "scope",
                "instrument",
                "valid_from",
                "valid_until",
                "may_subdelegate",
                "via",
                "condition",
            )
        )
        how = norm.signing or norm.mode
        return [
            (norm.from_, "delegation_given", (norm.to, norm.action, how), details),
            (norm.to, "delegation_received", (norm.from_, norm.action, how), details),
        ]
    if isinstance(norm, Coordination):
        lead = _json(_dump(norm, "cooperating", "response_deadline", "silence"))
        coop = _json({**_dump(norm, "response_deadline", "silence"), "lead": norm.lead})
        return [
            (norm.lead, "coordination", (norm.task, "lead"), lead),
            *((c, "coordination", (norm.task, "cooperate"), coop) for c in norm.cooperating),
        ]
    if isinstance(norm, Reporting):
        details = _json(_dump(norm, "frequency", "deadline"))
        return [
            (norm.from_, "reporting", ("to", norm.to, norm.task or ""), details),
            (norm.to, "reporting", ("from", norm.from_, norm.task or ""), details),
        ]
    if isinstance(norm, FollowUp):
        return [(norm.holder, "follow_up", (norm.task,), _json(_dump(norm, "targets", "frequency")))]
    if isinstance(norm, Substitution):
        details = _json(_dump(norm, "written"))
        out: list[tuple[str, str, tuple[str, ...], str]] = [
            (norm.substitute, "substitution", ("for", norm.absent), details),
            (norm.absent, "substitution", ("by", norm.substitute), details),
        ]
        if norm.fallback:
            out.append((norm.fallback, "substitution", ("fallback_for", norm.absent), details))
        return out
    if isinstance(norm, DeadlineRule) and (norm.holder or body):
        return [(norm.holder or str(body), "deadline", (norm.task,), _json(_dump(norm, "within")))]
    return []


def holdings(reg: Regulation) -> Holdings:
    """Return actor -> (category, key) -> details and provisions, over every provision in force.

    A time limit set for a task without a holder is the governed body's (:func:`holdings_of`), so that changing it
    is a change of responsibility too.
    """
    out: Holdings = {}
    for prov in reg.provisions:
        for norm in prov.norms:
            for actor, category, key, details in holdings_of(norm, reg.meta.body):
                held = out.setdefault(actor, {}).setdefault((category, key), Held())
                held.details.add(details)
                if prov.phrase not in held.provisions:
                    held.provisions.append(prov.phrase)
    return out
