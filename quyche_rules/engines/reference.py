"""The reference evaluator: the rule language in plain Python, simple enough to be obviously right.

Nested loops over the ``when`` patterns, left to right; for each complete match, every ``unless``
pattern is searched for a blocking fact, and the ``count`` pattern's joined facts are counted.

For speed only: facts are grouped by kind; each pattern's literal filters are applied once per run
(patterns with the same kind and filters share the result); and an equality join looks candidates up
in a dict keyed by the joined field's value (type-exact: ``7`` and ``"7"`` are different keys). Every
join, including the one used for the lookup, is still evaluated on every candidate, so the index only
narrows the search and never decides a match.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

from quyche_rules.engines.base import Match, sort_matches, validate_checks, validate_facts
from quyche_rules.lang.facts import Fact, FactValue
from quyche_rules.lang.model import Check, JoinOp, PatternBase, WhereOp, parse_ref

__all__ = ["ReferenceEngine", "compare_values", "filter_holds"]

Pred = Callable[[FactValue], bool]


def _same(a: FactValue, b: FactValue) -> bool:
    """Equality with types: ``7`` never equals ``"7"``."""
    return type(a) is type(b) and a == b


def _lt(a: FactValue, b: FactValue) -> bool:
    return type(a) is int and type(b) is int and a < b


def _le(a: FactValue, b: FactValue) -> bool:
    return type(a) is int and type(b) is int and a <= b


def _gt(a: FactValue, b: FactValue) -> bool:
    return type(a) is int and type(b) is int and a > b


def _ge(a: FactValue, b: FactValue) -> bool:
    return type(a) is int and type(b) is int and a >= b


def _ne(a: FactValue, b: FactValue) -> bool:
    return not _same(a, b)


_COMPARE: dict[str, Callable[[FactValue, FactValue], bool]] = {
    "eq": _same,
    "ne": _ne,
    "lt": _lt,
    "le": _le,
    "gt": _gt,
    "ge": _ge,
}


def compare_values(op: str, left: FactValue, right: FactValue) -> bool:
    """Return whether ``left op right`` holds (``op`` in eq ne lt le gt ge).

    ``eq``/``ne`` compare with types; ordering operators hold only when both sides are integers.
    """
    return _COMPARE[op](left, right)


def _predicate(flt: WhereOp) -> Pred:
    """Return the test of one ``where`` filter as a function of the fact's value."""
    op, operand = flt.op, flt.operand
    if op == "in":
        members = tuple(operand)
        return lambda v: any(_same(v, m) for m in members)
    if op == "not_in":
        members = tuple(operand)
        return lambda v: not any(_same(v, m) for m in members)
    compare = _COMPARE[op]
    return lambda v: compare(v, operand)


def filter_holds(value: FactValue, flt: WhereOp) -> bool:
    """Return whether a fact's ``value`` satisfies one ``where`` filter."""
    return _predicate(flt)(value)


def _passes(pattern: PatternBase, facts: Sequence[Fact]) -> list[Fact]:
    """Return the facts that pass the pattern's literal filters (all of ``where``, one alternative)."""
    alternatives = [[(field, _predicate(flt)) for field, flt in alt] for alt in pattern.filter_list()]
    return [f for f in facts if any(all(test(f[field]) for field, test in alt) for alt in alternatives)]


class _Join:
    """One join, resolved: this fact's ``field`` ``op`` the bound fact ``bind``'s ``ref_field``."""

    __slots__ = ("bind", "compare", "field", "op", "ref_field")

    def __init__(self, field: str, join: JoinOp) -> None:
        ref = parse_ref(join.ref)
        assert ref is not None, "validated at load time"
        self.field = field
        self.op = join.op
        self.compare = _COMPARE[join.op]
        self.bind, self.ref_field = ref


class _Run:
    """Per-run caches: facts by kind, filtered candidates and equality indexes."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.facts = facts
        self._positions: dict[int, int] | None = None
        self.by_kind: dict[str, list[Fact]] = {}
        for fact in facts:
            self.by_kind.setdefault(str(fact["kind"]), []).append(fact)
        self.filtered: dict[str, list[Fact]] = {}
        self.indexes: dict[tuple[str, str], dict[FactValue, list[Fact]]] = {}

    def candidates(self, pattern: PatternBase) -> tuple[str, list[Fact]]:
        """Return (cache key, facts passing the pattern's literal filters), in input order."""
        key = json.dumps(
            [pattern.kind, pattern.model_dump(mode="json", include={"where", "where_any"}, by_alias=True)],
            sort_keys=True,
        )
        found = self.filtered.get(key)
        if found is None:
            found = self.filtered[key] = self._filter(pattern)
        return key, found

    def _filter(self, pattern: PatternBase) -> list[Fact]:
        # Speed only: each alternative starts from the fewest facts one of its eq/in filters allows (dict
        # lookups in an index of the kind's facts by that field), then tests all its filters as usual.
        kind_facts = self.by_kind.get(pattern.kind, [])
        if not any(pattern.filter_list()):
            return kind_facts  # no filters at all
        pools: list[list[Fact]] = []
        for alt in pattern.filter_list():
            best: list[Fact] | None = None
            for field, flt in alt:
                if flt.op not in ("eq", "in"):
                    continue
                index = self.index(pattern.kind, kind_facts, field)
                keys = (flt.operand,) if flt.op == "eq" else tuple(dict.fromkeys(flt.operand))
                found = index.get(keys[0], []) if len(keys) == 1 else [f for k in keys for f in index.get(k, ())]
                if best is None or len(found) < len(best):
                    best = found
            if best is None:
                return _passes(pattern, kind_facts)
            pools.append(best)
        if len(pools) == 1 and all(flt.op == "eq" for _, flt in pattern.filter_list()[0]):
            return _passes(pattern, pools[0])  # one index list: already in input order
        unique = {id(f): f for pool in pools for f in pool}
        order = self.positions()
        return _passes(pattern, sorted(unique.values(), key=lambda f: order[id(f)]))

    def positions(self) -> dict[int, int]:
        """Return each fact's place in the input (by identity), to restore input order."""
        if self._positions is None:
            self._positions = {id(f): i for i, f in enumerate(self.facts)}
        return self._positions

    def index(self, key: str, facts: list[Fact], field: str) -> dict[FactValue, list[Fact]]:
        """Return ``facts`` (cached under ``key``) grouped by their value of ``field``."""
        found = self.indexes.get((key, field))
        if found is None:
            found = {}
            for fact in facts:
                found.setdefault(fact[field], []).append(fact)
            self.indexes[(key, field)] = found
        return found


class _Pattern:
    """A pattern ready to search: its filtered facts, its joins, and the index of its first eq join."""

    def __init__(self, pattern: PatternBase, run: _Run) -> None:
        key, self.facts = run.candidates(pattern)
        self.joins = [_Join(field, join) for field, join in pattern.join_list()]
        self.key_join = next((j for j in self.joins if j.op == "eq"), None)
        self.index = run.index(key, self.facts, self.key_join.field) if self.key_join else {}

    def joined(self, env: Mapping[str, Fact]) -> list[Fact]:
        """Return the facts that satisfy every join against the bound facts ``env``."""
        if self.key_join is None:
            pool = self.facts
        else:
            pool = self.index.get(env[self.key_join.bind][self.key_join.ref_field], [])
        joins = self.joins
        return [f for f in pool if all(j.compare(f[j.field], env[j.bind][j.ref_field]) for j in joins)]

    def any_joined(self, env: Mapping[str, Fact]) -> bool:
        """Return whether some fact satisfies every join against ``env``."""
        if self.key_join is None:
            pool = self.facts
        else:
            pool = self.index.get(env[self.key_join.bind][self.key_join.ref_field], [])
        joins = self.joins
        return any(all(j.compare(f[j.field], env[j.bind][j.ref_field]) for j in joins) for f in pool)


class ReferenceEngine:
    """The plain-Python evaluator of the rule language."""

    name = "reference"

    def run(self, checks: Sequence[Check], facts: Sequence[Fact], *, validated: bool = False) -> list[Match]:
        """Evaluate ``checks`` over ``facts``; return the sorted, de-duplicated matches."""
        if not validated:
            validate_checks(checks)
            validate_facts(facts, checks)
        run = _Run(facts)
        matches: list[Match] = []
        for check in checks:
            matches.extend(_run_check(check, run))
        return sort_matches(matches)


def _run_check(check: Check, run: _Run) -> list[Match]:
    when = [_Pattern(p, run) for p in check.when]
    unless = [_Pattern(u, run) for u in check.unless]
    count = _Pattern(check.count, run) if check.count else None
    binds = [p.bind for p in check.when]
    out: list[Match] = []

    def emit(env: dict[str, Fact]) -> None:
        if any(u.any_joined(env) for u in unless):
            return
        bindings = tuple((b, str(env[b]["fid"])) for b in binds)
        if count is None or check.count is None:
            out.append(Match(check.code, bindings))
            return
        group = tuple(sorted(str(f["fid"]) for f in count.joined(env)))
        if compare_values(check.count.op, len(group), check.count.value):
            out.append(Match(check.code, bindings, group, len(group)))

    def extend(depth: int, env: dict[str, Fact]) -> None:
        if depth == len(when):
            emit(env)
            return
        bind = binds[depth]
        for fact in when[depth].joined(env):
            env[bind] = fact
            extend(depth + 1, env)
        env.pop(bind, None)

    extend(0, {})
    return out
