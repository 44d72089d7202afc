"""The reference evaluator: the rule language in plain Python, simple enough to be obviously right.

Nested loops over the ``when`` patterns, left to right. For speed, facts are grouped by kind, each
pattern's literal filters are applied once, and equality joins look candidates up in a dict keyed by
the joined field's value; every join is then still evaluated on every candidate, so the index only
narrows the search and never decides a match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from quyche_rules.engines.base import Match, sort_matches, validate_facts
from quyche_rules.lang.facts import Fact, FactValue
from quyche_rules.lang.model import Check, JoinOp, PatternBase, WhereOp, parse_ref

__all__ = ["ReferenceEngine", "compare_values", "filter_holds"]


def _same(a: FactValue, b: FactValue) -> bool:
    """Equality with types: ``7`` never equals ``"7"``."""
    return type(a) is type(b) and a == b


_ORDER: dict[str, Callable[[int, int], bool]] = {
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}


def compare_values(op: str, left: FactValue, right: FactValue) -> bool:
    """Return whether ``left op right`` holds (``op`` in eq ne lt le gt ge).

    Ordering operators hold only when both sides are integers.
    """
    if op == "eq":
        return _same(left, right)
    if op == "ne":
        return not _same(left, right)
    if type(left) is int and type(right) is int:
        return _ORDER[op](left, right)
    return False


def filter_holds(value: FactValue, flt: WhereOp) -> bool:
    """Return whether a fact's ``value`` satisfies one ``where`` filter."""
    op, operand = flt.op, flt.operand
    if op == "in":
        return any(_same(value, v) for v in operand)
    if op == "not_in":
        return not any(_same(value, v) for v in operand)
    return compare_values(op, value, operand)


def _matches_filters(fact: Fact, pattern: PatternBase) -> bool:
    alternatives = pattern.filter_list()
    return any(all(filter_holds(fact[field], flt) for field, flt in alt) for alt in alternatives)


class _Join:
    """One join of a pattern, resolved: this fact's ``field`` ``op`` bound fact ``bind``'s ``ref_field``."""

    __slots__ = ("bind", "field", "op", "ref_field")

    def __init__(self, field: str, join: JoinOp) -> None:
        ref = parse_ref(join.ref)
        assert ref is not None, "validated at load time"
        self.field = field
        self.op = join.op
        self.bind, self.ref_field = ref

    def holds(self, fact: Fact, env: Mapping[str, Fact]) -> bool:
        return compare_values(self.op, fact[self.field], env[self.bind][self.ref_field])


class _Candidates:
    """The facts of one pattern that pass its literal filters, with equality-join indexes."""

    def __init__(self, pattern: PatternBase, facts: Sequence[Fact]) -> None:
        self.facts = [f for f in facts if _matches_filters(f, pattern)]
        self.joins = [_Join(field, join) for field, join in pattern.join_list()]
        self.key_join = next((j for j in self.joins if j.op == "eq"), None)
        self.index: dict[FactValue, list[Fact]] = {}
        if self.key_join is not None:
            for f in self.facts:
                self.index.setdefault(f[self.key_join.field], []).append(f)

    def joined(self, env: Mapping[str, Fact]) -> list[Fact]:
        """Return the candidates that satisfy every join against the bound facts ``env``."""
        if self.key_join is None:
            pool = self.facts
        else:
            # dict lookup is type-exact for str/int keys (7 and "7" are different keys)
            pool = self.index.get(env[self.key_join.bind][self.key_join.ref_field], [])
        return [f for f in pool if all(j.holds(f, env) for j in self.joins)]


class ReferenceEngine:
    """The plain-Python evaluator of the rule language."""

    name = "reference"

    def run(self, checks: Sequence[Check], facts: Sequence[Fact]) -> list[Match]:
        """Evaluate ``checks`` over ``facts``; return the sorted, de-duplicated matches."""
        validate_facts(facts, checks)
        by_kind: dict[str, list[Fact]] = {}
        for fact in facts:
            by_kind.setdefault(fact["kind"], []).append(fact)  # type: ignore[arg-type]
        matches: list[Match] = []
        for check in checks:
            matches.extend(self._run_check(check, by_kind))
        return sort_matches(matches)

    def _run_check(self, check: Check, by_kind: Mapping[str, list[Fact]]) -> list[Match]:
        when = [_Candidates(p, by_kind.get(p.kind, [])) for p in check.when]
        unless = [_Candidates(u, by_kind.get(u.kind, [])) for u in check.unless]
        count = _Candidates(check.count, by_kind.get(check.count.kind, [])) if check.count else None
        binds = [p.bind for p in check.when]
        out: list[Match] = []

        def extend(depth: int, env: dict[str, Fact]) -> None:
            if depth == len(when):
                emit(env)
                return
            for fact in when[depth].joined(env):
                env[binds[depth]] = fact
                extend(depth + 1, env)
            env.pop(binds[depth], None)

        def emit(env: dict[str, Fact]) -> None:
            if any(u.joined(env) for u in unless):
                return
            bindings = tuple((b, str(env[b]["fid"])) for b in binds)
            if count is None or check.count is None:
                out.append(Match(check.code, bindings))
                return
            group = tuple(sorted(str(f["fid"]) for f in count.joined(env)))
            if compare_values(check.count.op, len(group), check.count.value):
                out.append(Match(check.code, bindings, group, len(group)))

        extend(0, {})
        return out
