"""Which facts a ruleset stores, found by set operations on indexes built once per run.

durable stores a fact only if some pattern's literal ("alpha") tests accept it; any other fact would be
answered "matched no rule" and dropped. So only accepted facts are encoded and asserted (at 10,000
provisions, about seven facts in ten are not). :class:`FactIndex` answers "which facts of this kind pass
one of these alternatives" once per distinct question in a run: an equality test takes the facts with
that value from an index, the other equality tests of all alternatives of the same shape are one set
lookup per fact, and only ``ne``/ordering tests run as (compiled) Python tests, on what is left. After
each session the adapter checks that durable stored exactly the facts selected here.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial
from itertools import compress
from operator import itemgetter

from quyche_rules.engines.durable.compile import AlphaTest
from quyche_rules.lang.facts import Fact, FactValue

__all__ = ["FactIndex", "getter"]

Predicate = Callable[[Fact], bool]

_SAMPLE = 1024  # facts sampled to guess which equality test is the most selective

_ORDER: dict[str, Callable[[int, int], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}


class FactIndex:
    """The facts of one run by kind, with per-field columns, value indexes and answers built on first use."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self.by_kind: dict[str, list[Fact]] = {}
        for fact in facts:
            self.by_kind.setdefault(fact["kind"], []).append(fact)  # type: ignore[arg-type]
        self._values: dict[tuple[str, str], dict[FactValue, list[int]]] = {}
        self._sizes: dict[tuple[str, str], Counter[FactValue]] = {}
        self._columns: dict[tuple[str, str], list[FactValue]] = {}
        self._samples: dict[tuple[str, str], Counter[FactValue]] = {}
        self._accepted: dict[tuple[str, frozenset[tuple[AlphaTest, ...]]], list[int]] = {}

    def column(self, kind: str, field: str) -> list[FactValue]:
        """Return the kind's values of ``field``, by position."""
        found = self._columns.get((kind, field))
        if found is None:
            found = self._columns[(kind, field)] = list(map(itemgetter(field), self.by_kind.get(kind, ())))
        return found

    def values(self, kind: str, field: str) -> dict[FactValue, list[int]]:
        """Return the positions (in ``by_kind[kind]``) of the kind's facts, per value of ``field``.

        Keys keep their type: ``7`` and ``"7"`` are different keys, as in the rule language.
        """
        found = self._values.get((kind, field))
        if found is None:
            column = self.column(kind, field)
            distinct = dict.fromkeys(column)
            if len(distinct) <= 3:  # (a flag or a few categories: a pass in C per value)
                every = range(len(column))
                found = {v: list(compress(every, map(partial(operator.eq, v), column))) for v in distinct}
            else:
                found = {}
                for n, value in enumerate(column):
                    found.setdefault(value, []).append(n)
            self._values[(kind, field)] = found
        return found

    def sample(self, kind: str, field: str) -> Counter[FactValue]:
        """Return how often each value of ``field`` occurs in an evenly spaced sample of about 1,000 facts."""
        found = self._samples.get((kind, field))
        if found is None:
            facts = self.by_kind.get(kind, [])
            some = facts[:: max(1, len(facts) // _SAMPLE)]
            found = self._samples[(kind, field)] = Counter(map(itemgetter(field), some))
        return found

    def sizes(self, kind: str, field: str) -> Counter[FactValue]:
        """Return how many facts of the kind have each value of ``field``."""
        found = self._sizes.get((kind, field))
        if found is None:
            found = self._sizes[(kind, field)] = Counter(self.column(kind, field))
        return found

    def accepted(self, kind: str, alternatives: Iterable[Sequence[AlphaTest]], key: str | None = None,
                 allowed: set[Hashable] | None = None) -> list[int]:
        """Return, in input order, the positions of the kind's facts that pass some alternative (do not modify).

        With ``key``, only facts whose ``key`` value is in ``allowed`` are returned.
        """
        question = (kind, frozenset(map(tuple, alternatives)))
        found = self._accepted.get(question)
        if found is None:
            found = self._accepted[question] = self._accept(kind, question[1])
        if key is None or allowed is None:
            return found
        return list(compress(found, map(allowed.__contains__, map(self.column(kind, key).__getitem__, found))))

    def _accept(self, kind: str, alternatives: Iterable[Sequence[AlphaTest]]) -> list[int]:
        """Answer :meth:`accepted`: alternatives of one shape share a pool and one set lookup per fact.

        An alternative's shape is its pool (the facts having the value of one of its equality tests: the
        value that looks rarest in a sample), the fields of its other equality tests, and its other tests.
        """
        facts = self.by_kind.get(kind, [])
        plans: list[tuple[dict[str, FactValue], tuple[AlphaTest, ...]]] = []  # (equality tests, the others)
        for tests in alternatives:
            fixed: dict[str, FactValue] = {}
            if all(fixed.setdefault(fld, lit) == lit for fld, op, lit in tests if op == "eq"):
                plans.append((fixed, tuple(t for t in tests if t[1] != "eq")))
            # else: two different values required of one field, which never holds
        shared = Counter(fld for fixed, _ in plans for fld in fixed)
        Shape = tuple[str | None, FactValue, tuple[str, ...], tuple[AlphaTest, ...]]
        shapes: dict[Shape, set[tuple[FactValue, ...]]] = {}
        for fixed, rest in plans:
            pool_field = min(fixed, key=lambda f: (self.sample(kind, f)[fixed[f]], -shared[f], f), default=None)
            others = tuple(sorted(f for f in fixed if f != pool_field))
            shape = (pool_field, "" if pool_field is None else fixed[pool_field], others, rest)
            shapes.setdefault(shape, set()).add(tuple(fixed[f] for f in others))
        out: set[int] = set()
        for (pool_field, pool_value, others, rest), wanted in shapes.items():
            test = _conjunction(rest)
            if test is _never:
                continue
            pool: Iterable[int] = (
                range(len(facts)) if pool_field is None else self.values(kind, pool_field).get(pool_value, ())
            )
            if others:
                got = map(getter(others), map(facts.__getitem__, pool))
                pool = list(compress(pool, map(wanted.__contains__, got)))
            out.update(pool if test is _always else (p for p in pool if test(facts[p])))
        return sorted(out)


def getter(fields: Sequence[str]) -> Callable[[Fact], tuple[FactValue, ...]]:
    """Return a function that reads ``fields`` of a fact as a tuple (``itemgetter`` of one field is no tuple)."""
    if not fields:
        return lambda fact: ()
    if len(fields) == 1:
        only = fields[0]
        return lambda fact: (fact[only],)
    return itemgetter(*fields)


def _never(fact: Fact) -> bool:
    return False


def _always(fact: Fact) -> bool:
    return True


def _unequal(fld: str, lits: frozenset[FactValue]) -> Predicate:
    return lambda f: f[fld] not in lits


def _integer(fld: str) -> Predicate:
    return lambda f: type(f[fld]) is int


def _ordered(fld: str, test: Callable[[int, int], bool], lit: int) -> Predicate:
    def holds(f: Fact) -> bool:
        value = f[fld]
        return type(value) is int and test(value, lit)

    return holds


def _conjunction(tests: Sequence[AlphaTest]) -> Predicate:
    """Compile a conjunction of plain literal tests other than equality (see :data:`~.compile.AlphaTest`)."""
    parts: list[Predicate] = []
    unequal: dict[str, set[FactValue]] = {}
    for fld, op, lit in tests:
        if op == "ne":
            unequal.setdefault(fld, set()).add(lit)
        elif op == "int":  # (values are str or int only, so == and set lookups are type-exact)
            parts.append(_integer(fld))
        elif op in _ORDER:
            if type(lit) is not int:
                return _never  # an ordering test against a string literal never holds
            parts.append(_ordered(fld, _ORDER[op], lit))
        else:  # pragma: no cover - equality tests are answered by the indexes
            raise AssertionError(f"unexpected literal test {op}")
    parts.extend(_unequal(fld, frozenset(lits)) for fld, lits in unequal.items())
    if not parts:
        return _always
    if len(parts) == 1:
        return parts[0]

    return lambda f: all(part(f) for part in parts)
