"""Compare two versions of a regulation: who gained, lost or changed which responsibility; findings delta.

Responsibilities are read from the norms (:mod:`quyche_rules.amend.holdings`), keyed by meaning, so that a
holding whose details change (a deadline, a scope) is reported as changed, not as lost and gained. The duties of
the actors that ended go to their successors (:mod:`quyche_rules.amend.succession`). Findings are matched by
meaning too (code, provisions and actors), never by line, and sorted into introduced, resolved and persisting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from quyche_rules.amend.holdings import Entry, Held, Holdings, holdings, holdings_of
from quyche_rules.amend.succession import EndedActor, Fate, ended_actors, ended_ids
from quyche_rules.findings import Finding, Severity, sort_findings
from quyche_rules.model import Regulation

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
    "holdings_of",
    "meaning_key",
]


@dataclass(frozen=True)
class ActorChanges:
    """What one actor gained, lost and kept with changes."""

    actor: str
    status: str  # kept, new or ended
    gained: tuple[Entry, ...] = ()
    lost: tuple[Entry, ...] = ()
    changed: tuple[Entry, ...] = ()


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


def _valid(reg: Regulation, actor: str, day: dt.date) -> bool:
    found = reg.actor_by_id.get(actor)
    return found is not None and found.valid_on(day)


def _entry(category: str, key: tuple[str, ...], old: Held | None, new: Held | None) -> Entry:
    return Entry(
        category,
        key,
        tuple(sorted(old.details)) if old else (),
        tuple(sorted(new.details)) if new else (),
        tuple(old.provisions) if old else (),
        tuple(new.provisions) if new else (),
    )


def diff_regulations(
    old: Regulation, new: Regulation, *, old_day: dt.date | None = None, new_day: dt.date | None = None,
    held: tuple[Holdings, Holdings] | None = None,
) -> ResponsibilityDiff:
    """Return what each actor gained, lost or kept with changes, and where the duties of ended actors went.

    Args:
        old: the earlier version.
        new: the later version.
        old_day: the date the old version is read at (default: its effective date).
        new_day: the date the new version is read at (default: its effective date).
        held: the :func:`~quyche_rules.amend.holdings.holdings` of ``old`` and ``new``, if already listed.
    """
    o_day, n_day = old_day or old.effective, new_day or new.effective
    before, after = held if held is not None else (holdings(old), holdings(new))
    ended = set(ended_ids(old, new, o_day, n_day))
    changes: list[ActorChanges] = []
    for actor in sorted(set(before) | set(after)):
        b, a = before.get(actor, {}), after.get(actor, {})
        gained, lost, changed = [], [], []
        for ck in sorted(set(b) | set(a)):
            if ck in a and ck not in b:
                gained.append(_entry(*ck, None, a[ck]))
            elif ck in b and ck not in a:
                if actor not in ended:  # an ended actor's duties are followed to its successor instead
                    lost.append(_entry(*ck, b[ck], None))
            elif b[ck].details != a[ck].details:
                changed.append(_entry(*ck, b[ck], a[ck]))
        if gained or lost or changed:
            # an actor the old version records only for later (a successor) is new, as one it does not name
            status = "ended" if actor in ended else ("kept" if _valid(old, actor, o_day) or b else "new")
            changes.append(ActorChanges(actor, status, tuple(gained), tuple(lost), tuple(changed)))
    gone = ended_actors(old, new, before, after, o_day, n_day)
    return ResponsibilityDiff(old, new, o_day, n_day, tuple(changes), gone)


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
