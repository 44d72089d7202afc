"""One finding per ended actor and cause: the orphaned-norm checks grouped over the provisions they concern.

A reorganisation that ends one unit leaves every provision naming it stale; reporting each provision apart buries
the one cause under dozens of lines. QC105-QC109 are therefore grouped by check and actor: the first finding (in
document order) stands for the group, lists every provision concerned, and says how many more there are. ``quyche
check --expand`` keeps one finding per provision.
"""

from __future__ import annotations

from collections.abc import Sequence

from quyche_rules.findings import Finding
from quyche_rules.i18n import Text, joined

__all__ = ["GROUPED", "grouped"]

#: checks reported once per actor: every norm they find names the same ended actor for the same cause
GROUPED = frozenset({"QC105", "QC106", "QC107", "QC108", "QC109"})


def grouped(findings: Sequence[Finding]) -> list[Finding]:
    """Return ``findings`` with those of :data:`GROUPED` merged per (check, first actor), in first-seen order."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    out: list[Finding | tuple[str, str]] = []
    for f in findings:
        if f.code not in GROUPED or not f.actors:
            out.append(f)
            continue
        key = (f.code, f.actors[0])
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(f)
    return [item if isinstance(item, Finding) else _merge(groups[item]) for item in out]


def _merge(members: list[Finding]) -> Finding:
    first = members[0]
    if len(members) == 1:
        return first
    provisions = {p.citation: p for f in members for p in f.provisions}
    others = [c for c in provisions if c not in {p.citation for p in first.provisions}]
    if others:
        more = joined(others, "; ")
        message = Text.of(f"{first.message.vi} (và {len(others)} quy định khác: {more})",
                          f"{first.message.en} (and {len(others)} more provision(s): {more})")
    else:
        rest = joined([t for f in members[1:] for t in f.tasks if t not in first.tasks] or ["—"])
        message = Text.of(f"{first.message.vi} (và {len(members) - 1} trường hợp khác cùng quy định; nhiệm vụ: {rest})",
                          f"{first.message.en} (and {len(members) - 1} more case(s) in the same provisions; tasks: "
                          f"{rest})")
    tasks = tuple(dict.fromkeys(t for f in members for t in f.tasks))
    return first.model_copy(update={"message": message, "provisions": tuple(provisions.values()), "tasks": tasks})
