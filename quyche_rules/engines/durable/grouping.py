"""Which checks share rulesets and sessions, and which rules share a ruleset.

Checks whose partition keys agree (each kind keyed by the same field) and share a keyed kind form one
group: its facts are selected and encoded once, and a fact that several checks read is asserted once per
ruleset, not once per check. Where a check has several keys, a key whose largest partition is below the
session bound in this data is preferred (a key such as a direction with two values would make sessions
grow with the input), then one that lets the check join a group; the checks with fewest choices are placed
first. Checks that match one fact alone join any group that already has their kind. A check that cannot
be partitioned is a group of its own, in one session.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from quyche_rules.engines.durable.compile import Rule
from quyche_rules.engines.durable.partition import PartitionKey, is_single, partition_keys
from quyche_rules.engines.durable.select import FactIndex
from quyche_rules.lang.model import Check

__all__ = ["Group", "group_checks", "pack"]


@dataclass
class Group:
    """Checks that share rulesets and sessions; ``keyed`` False: one check, one unsplittable session."""

    checks: list[Check]
    positive: dict[str, str] = field(default_factory=dict)  # kind -> key field
    negated: dict[str, str] = field(default_factory=dict)
    keyed: bool = True

    def fits(self, key: PartitionKey) -> bool:
        """Whether ``key`` agrees with this group's keys and shares at least one keyed kind with it."""
        shared = False
        for mine, theirs in ((self.positive, key.positive), (self.negated, key.negated)):
            for kind, fld in theirs.items():
                if mine.get(kind, fld) != fld:
                    return False
                shared = shared or kind in mine
        return self.keyed and shared

    def key_of(self, kind: str, negated: bool) -> str:
        """Return the key field of a kind's facts (or of its negation copies)."""
        return (self.negated if negated else self.positive)[kind]

    def add(self, check: Check, key: PartitionKey) -> None:
        """Add a check partitioned by ``key`` (which :meth:`fits`, or the group's first)."""
        self.checks.append(check)
        self.positive.update(key.positive)
        self.negated.update(key.negated)


def _largest(key: PartitionKey, index: FactIndex) -> int:
    """Return the size of the largest partition ``key`` makes of the facts."""
    sizes: Counter[Hashable] = Counter()
    for kind, fld in [*key.positive.items(), *key.negated.items()]:
        sizes.update(index.sizes(kind, fld))
    return max(sizes.values(), default=0)


def _merge(groups: list[Group]) -> list[Group]:
    """Merge keyed groups whose keys agree and share a keyed kind, until none do."""
    merged = True
    while merged:
        merged = False
        for i, j in itertools.combinations(range(len(groups)), 2):
            a, b = groups[i], groups[j]
            if b.keyed and a.fits(PartitionKey(b.positive, b.negated)):
                a.checks.extend(b.checks)
                a.positive.update(b.positive)
                a.negated.update(b.negated)
                del groups[j]
                merged = True
                break
    return groups


def group_checks(checks: Sequence[Check], index: FactIndex, bound: int) -> list[Group]:
    """Group the checks whose partition keys agree (see the module docstring); every check in one group."""
    groups: list[Group] = []
    singles: list[Check] = []
    options: list[tuple[Check, list[PartitionKey]]] = []
    for check in checks:
        if is_single(check):
            singles.append(check)
            continue
        keys = partition_keys(check)
        if not keys:
            groups.append(Group([check], keyed=False))
            continue
        if len(keys) == 1:
            options.append((check, keys))
            continue
        scored = sorted((_largest(k, index), n, k) for n, k in enumerate(keys))  # n: candidate order
        options.append((check, [k for size, _, k in scored if size < bound] or [scored[0][2]]))
    options.sort(key=lambda o: len(o[1]))  # the checks with fewest choices first (stable: input order)
    for check, fine in options:
        home = next(((g, k) for k in fine for g in groups if g.fits(k)), None)
        if home is None:
            home = (Group([]), fine[0])
            groups.append(home[0])
        home[0].add(check, home[1])
    groups = _merge(groups)
    rest: Group | None = None
    for check in singles:
        kind = check.when[0].kind
        group = next((g for g in groups if g.keyed and kind in g.positive), None)
        if group is None:
            if rest is None:
                rest = Group([])
                groups.append(rest)
            group = rest
        group.add(check, PartitionKey({kind: group.positive.get(kind, "fid")}, {}))
    return groups


def pack(rules_by_check: Sequence[list[Rule]], size: int, weight: Callable[[str], int]) -> list[list[Rule]]:
    """Pack rules into chunks of at most ``size`` rules, each check's rules together where they fit.

    A fact is asserted once per chunk that reads its kind, so a check goes to the chunk with room whose
    kind tags it shares most (by ``weight``, the facts of a tag), else to the first with room, else to a
    new chunk; the checks with the most rules go first.
    """
    chunks: list[list[Rule]] = []
    tags: list[set[str]] = []
    for rules in sorted(rules_by_check, key=len, reverse=True):
        for start in range(0, len(rules), size):
            piece = rules[start : start + size]
            mine = {tag for rule in piece for tag, _ in rule.alpha}
            fits = [n for n, c in enumerate(chunks) if len(c) + len(piece) <= size]
            best = max(fits, key=lambda n: (sum(weight(t) for t in mine & tags[n]), -n), default=None)
            if best is None:
                chunks.append([])
                tags.append(set())
                best = len(chunks) - 1
            chunks[best].extend(piece)
            tags[best] |= mine
    return chunks
