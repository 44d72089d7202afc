"""Compare two versions of a regulation: who gained, lost or changed which responsibility; findings delta.

Responsibilities are read from the norms. Each actor's holdings are keyed by meaning (a duty: task and role;
a delegation: counterpart, action and signing mode; …) so that a holding whose details change (a deadline, a
scope) is reported as changed, not as lost and gained. Findings are matched by meaning too (code, provisions
and actors), never by line, and sorted into introduced, resolved and persisting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.findings import Finding, Severity, sort_findings
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

__all__ = [
    "ActorChanges",
    "Comparison",
    "EndedActor",
    "Entry",
    "Fate",
    "FindingsDelta",
    "ResponsibilityDiff",
    "diff_regulations",
    "findings_delta",
    "meaning_key",
]

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


@dataclass(frozen=True)
class ActorChanges:
    """What one actor gained, lost and kept with changes."""

    actor: str
    status: str  # kept, new or ended
    gained: tuple[Entry, ...] = ()
    lost: tuple[Entry, ...] = ()
    changed: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Fate:
    """Where one duty of an ended actor went.

    ``went_to`` lists the actors that hold it in the new version and did not before (the successor
    first), with the provisions; when it is empty the duty was taken over by nobody, and ``still_held_by``
    names the actors that held it already and still do (a shared duty whose share is lost).
    """

    entry: Entry
    went_to: tuple[tuple[str, tuple[str, ...]], ...]  # (actor, provisions in the new version)
    still_held_by: tuple[str, ...] = ()

    @property
    def lost(self) -> bool:
        """Return True when nobody took the duty over."""
        return not self.went_to


@dataclass(frozen=True)
class EndedActor:
    """An actor in force in the old version and gone (merged, renamed, dissolved) in the new one."""

    actor: str
    ended_on: dt.date | None  # first day without it, when the new version records it
    successor: str | None
    duties: tuple[Fate, ...]


@dataclass(frozen=True)
class ResponsibilityDiff:
    """The responsibility diff between two regulations."""

    old: Regulation
    new: Regulation
    old_day: dt.date
    new_day: dt.date
    actors: tuple[ActorChanges, ...] = ()
    ended: tuple[EndedActor, ...] = ()

    def is_empty(self) -> bool:
        """Return True when no responsibility changed and no actor ended."""
        return not self.actors and not self.ended


@dataclass(frozen=True)
class FindingsDelta:
    """Findings introduced by the new version, resolved by it, and persisting in both."""

    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    persisting: tuple[Finding, ...] = ()

    def failing(self, threshold: Severity) -> list[Finding]:
        """Return the introduced findings at or above ``threshold``."""
        return [f for f in self.introduced if f.severity.rank >= threshold.rank]


@dataclass(frozen=True)
class Comparison:
    """Everything ``quyche diff`` reports about one pair of versions."""

    responsibilities: ResponsibilityDiff
    findings: FindingsDelta
    old_label: str
    new_label: str
    notes: tuple[str, ...] = field(default=())


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


def holdings_of(norm: Norm) -> list[tuple[str, str, tuple[str, ...], str]]:
    """Return (actor, category, key, details) for each actor a norm gives a responsibility to."""
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
    if isinstance(norm, DeadlineRule) and norm.holder:
        return [(norm.holder, "deadline", (norm.task,), _json(_dump(norm, "within")))]
    return []


@dataclass
class _Held:
    details: set[str] = field(default_factory=set)
    provisions: list[str] = field(default_factory=list)


def holdings(reg: Regulation) -> dict[str, dict[tuple[str, tuple[str, ...]], _Held]]:
    """Return actor -> (category, key) -> details and provisions, over every provision in force."""
    out: dict[str, dict[tuple[str, tuple[str, ...]], _Held]] = {}
    for prov in reg.provisions:
        for norm in prov.norms:
            for actor, category, key, details in holdings_of(norm):
                held = out.setdefault(actor, {}).setdefault((category, key), _Held())
                held.details.add(details)
                if prov.phrase not in held.provisions:
                    held.provisions.append(prov.phrase)
    return out


def _valid(reg: Regulation, actor: str, day: dt.date) -> bool:
    found = reg.actor_by_id.get(actor)
    return found is not None and found.valid_on(day)


def diff_regulations(
    old: Regulation, new: Regulation, *, old_day: dt.date | None = None, new_day: dt.date | None = None
) -> ResponsibilityDiff:
    """Return what each actor gained, lost or kept with changes, and where the duties of ended actors went.

    Args:
        old: the earlier version.
        new: the later version.
        old_day: the date the old version is read at (default: its effective date).
        new_day: the date the new version is read at (default: its effective date).
    """
    o_day, n_day = old_day or old.effective, new_day or new.effective
    before, after = holdings(old), holdings(new)
    ended_ids = sorted(a.id for a in old.actors if a.valid_on(o_day) and not _valid(new, a.id, n_day))
    changes: list[ActorChanges] = []
    for actor in sorted(set(before) | set(after)):
        b, a = before.get(actor, {}), after.get(actor, {})
        gained, lost, changed = [], [], []
        for ck in sorted(set(b) | set(a)):
            if ck in a and ck not in b:
                gained.append(
                    Entry(
                        ck[0], ck[1], new=tuple(sorted(a[ck].details)), new_provisions=tuple(a[ck].provisions)
                    )
                )
            elif ck in b and ck not in a:
                if actor not in ended_ids:
                    lost.append(
                        Entry(
                            ck[0],
                            ck[1],
                            old=tuple(sorted(b[ck].details)),
                            old_provisions=tuple(b[ck].provisions),
                        )
                    )
            elif b[ck].details != a[ck].details:
                changed.append(
                    Entry(
                        ck[0],
                        ck[1],
                        tuple(sorted(b[ck].details)),
                        tuple(sorted(a[ck].details)),
                        tuple(b[ck].provisions),
                        tuple(a[ck].provisions),
                    )
                )
        if gained or lost or changed:
            status = (
                "ended"
                if actor in ended_ids
                else ("kept" if _valid(old, actor, o_day) or actor in old.actor_by_id else "new")
            )
            changes.append(ActorChanges(actor, status, tuple(gained), tuple(lost), tuple(changed)))
    ended = [_ended(old, new, actor, before, after, n_day) for actor in ended_ids]
    return ResponsibilityDiff(old, new, o_day, n_day, tuple(changes), tuple(ended))


def _ended(
    old: Regulation,
    new: Regulation,
    actor: str,
    before: dict[str, dict[tuple[str, tuple[str, ...]], _Held]],
    after: dict[str, dict[tuple[str, tuple[str, ...]], _Held]],
    day: dt.date,
) -> EndedActor:
    now = new.actor_by_id.get(actor)
    was = old.actor_by_id[actor]
    until = now.valid_until if now is not None else None
    ended_on = until + dt.timedelta(days=1) if until is not None and until < dt.date.max else until
    successor = (now.successor if now is not None else None) or was.successor
    fates = []
    for (category, key), h in sorted(before.get(actor, {}).items()):
        if category not in DUTY_CATEGORIES:
            continue
        same = _equivalents(category, key)
        went: list[tuple[str, tuple[str, ...]]] = []
        kept: list[str] = []
        for other, got in sorted(after.items()):
            if other == actor or not any(ck in got for ck in same) or not _valid(new, other, day):
                continue
            had = before.get(other, {})
            if other != successor and any(ck in had for ck in same):
                kept.append(other)
                continue
            provisions = tuple(dict.fromkeys(p for ck in same if ck in got for p in got[ck].provisions))
            went.append((other, provisions))
        went.sort(key=lambda x: (x[0] != successor, x[0]))
        entry = Entry(category, key, old=tuple(sorted(h.details)), old_provisions=tuple(h.provisions))
        fates.append(Fate(entry, tuple(went), tuple(kept)))
    return EndedActor(actor, ended_on, successor, tuple(fates))


def _equivalents(category: str, key: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Return the holdings that carry on the same responsibility.

    Leading a task as a duty or as the lead of a coordination is the same role, and so is cooperating.
    """
    same = [(category, key)]
    if category == "duty" and key[1] in ("lead", "cooperate"):
        same.append(("coordination", key))
    elif category == "coordination":
        same.append(("duty", key))
    return same


def meaning_key(finding: Finding) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return the key that matches a finding across versions.

    It is the code, the provisions and the actors: no regulation id, no line.
    """
    return (
        finding.code,
        tuple(sorted({p.citation for p in finding.provisions})),
        tuple(sorted(set(finding.actors))),
    )


def findings_delta(old: Iterable[Finding], new: Iterable[Finding]) -> FindingsDelta:
    """Sort findings into introduced (only new), resolved (only old) and persisting (both, as now)."""
    old_list, new_list = sort_findings(old), sort_findings(new)
    old_keys = {meaning_key(f) for f in old_list}
    new_keys = {meaning_key(f) for f in new_list}
    return FindingsDelta(
        introduced=tuple(f for f in new_list if meaning_key(f) not in old_keys),
        resolved=tuple(f for f in old_list if meaning_key(f) not in new_keys),
        persisting=tuple(f for f in new_list if meaning_key(f) in old_keys),
    )


def count_by_severity(findings: Sequence[Finding]) -> dict[str, int]:
    """Return the number of findings of each severity."""
    return {
        s.value: sum(1 for f in findings if f.severity is s)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    }
