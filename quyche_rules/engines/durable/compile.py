"""Compile checks into durable rules: no ``|``, a guard test at the end of every join, literal tests kept.

Each rule also keeps its literal ("alpha") tests in plain form, so the adapter can tell which facts a
ruleset stores without asking durable (:mod:`~quyche_rules.engines.durable.select`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.engines.durable.values import GUARD, KIND, Names, encode, fnv1a32, internal
from quyche_rules.errors import ConfigError
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import FactValue
from quyche_rules.lang.model import Check, PatternBase, parse_ref

__all__ = ["AlphaTest", "Rule", "compile_check", "count_scope", "flagged_fields", "kind_tag"]

_OPS = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte", "ne": "$neq"}
_ORDERING = ("lt", "le", "gt", "ge")
Test = dict[str, Any]
Filter = tuple[str, str, FactValue]  # (field, op in eq/ne/lt/le/gt/ge, literal)

AlphaTest = tuple[str, str, Any]
"""A literal test in plain form: (field, op, literal); op ``int`` means "the value is an integer"."""


def _variants(pattern: PatternBase) -> list[list[Filter]]:
    """Expand a pattern's filters into conjunctions: one per ``where_any`` alternative × ``in`` value.

    ``not_in`` becomes several ``ne``; ``in`` is a disjunction, so each value gives its own variant.
    """
    out: list[list[Filter]] = []
    for alt in pattern.filter_list():
        fixed: list[Filter] = []
        choices: list[list[Filter]] = []
        for fld, flt in alt:
            op, operand = flt.op, flt.operand
            if op == "in":
                choices.append([(fld, "eq", v) for v in dict.fromkeys(operand)])
            elif op == "not_in":
                fixed.extend((fld, "ne", v) for v in dict.fromkeys(operand))
            else:
                fixed.append((fld, op, operand))
        for combo in itertools.product(*choices):
            out.append(fixed + list(combo))
    return out


def _alpha(tag: str, filters: Sequence[Filter], names: Names) -> tuple[list[Test], list[AlphaTest]]:
    """Return a pattern variant's literal tests: for durable, and in plain form."""
    tests: list[Test] = [{KIND: tag}]
    plain: list[AlphaTest] = []
    for fld, op, literal in filters:
        prop = names.value[fld]
        if op == "eq":
            tests.append({prop: encode(literal)})
        elif op == "ne":
            tests.append({"$neq": {prop: encode(literal)}})
        elif type(literal) is int:
            tests.append({names.type_flag[fld]: 1})
            tests.append({_OPS[op]: {prop: literal}})
        else:  # an ordering test against a string literal never holds (rejected at load time anyway)
            tests.append({names.type_flag[fld]: 2})
        plain.append((fld, op, literal))
    return tests, plain


def _beta(
    pattern: PatternBase, aliases: Mapping[str, str], names: Names, first_alias: str
) -> tuple[list[Test], list[AlphaTest], list[Test]]:
    """Return (extra alpha tests, the same in plain form, join tests) for a pattern's joins, the guard last."""
    alpha: list[Test] = []
    plain: list[AlphaTest] = []
    eq: list[Test] = []
    other: list[Test] = []
    flags: list[Test] = []
    for fld, join in pattern.join_list():
        ref = parse_ref(join.ref)
        assert ref is not None
        alias, rprop = aliases[ref[0]], names.value[ref[1]]
        prop = names.value[fld]
        if join.op == "eq":
            eq.append({prop: {alias: rprop}})
        elif join.op == "ne":
            other.append({"$neq": {prop: {alias: rprop}}})
        else:
            alpha.append({names.type_flag[fld]: 1})
            plain.append((fld, "int", None))
            other.append({_OPS[join.op]: {prop: {alias: rprop}}})
            flags.append({GUARD: {alias: names.type_flag[ref[1]]}})
    guard = {GUARD: {first_alias: GUARD}}
    return alpha, plain, eq + other + flags + [guard]


def _condition(tests: Sequence[Test]) -> Test:
    return dict(tests[0]) if len(tests) == 1 else {"$and": list(tests)}


@dataclass
class Rule:
    """One compiled durable rule of one check (``check`` is the check's index in its group)."""

    name: str
    check: int
    conditions: list[tuple[str, Test]]  # (alias key, condition), in order
    aliases: tuple[str, ...]  # aliases of a match's facts: the when patterns' (of a count rule: its
    #   count_scope's), then the count's
    counted: bool  # whether the last alias is the count pattern
    alpha: list[tuple[str, tuple[AlphaTest, ...]]] = field(default_factory=list)  # (kind tag, plain tests)
    alias_set: frozenset[str] = field(init=False, repr=False, compare=False)  # the aliases, to test a payload

    def __post_init__(self) -> None:
        self.alias_set = frozenset(self.aliases)

    def definition(self) -> dict[str, Any]:
        """Return the rule as durable's JSON ruleset syntax expects it."""
        return {"all": [{k: c} for k, c in self.conditions], "dist": 0}


def kind_tag(kind: str, negated: bool) -> str:
    """Return the ``z_k`` value of a kind's facts: negation copies are tagged ``n...``."""
    tag = encode(kind)
    assert isinstance(tag, str)
    return "n" + tag if negated else tag


def _alias(j: int) -> str:
    return f"a{j}"


_COUNT_ALIAS = "c"


def _check_aliases(rule_name: str, keys: Sequence[str]) -> None:
    """Frames find facts by the 32-bit hash of the alias name only: the aliases must not collide."""
    names = [k.split("$", 1)[0] for k in keys]
    if len({fnv1a32(n) for n in names}) != len(names):  # pragma: no cover - fixed names, checked
        raise internal(f"tên bí danh trùng băm trong luật {rule_name}", f"alias hashes collide in rule {rule_name}")


def _too_many(check: Check, n_rules: int, max_rules: int) -> ConfigError:
    return ConfigError(
        Text.of(
            f"Kiểm tra {check.code} có quá nhiều phương án (in/where_any) cho durable-rules: {n_rules} luật",
            f"Check {check.code} expands to too many alternatives (in/where_any) for durable-rules: {n_rules} rules",
        ),
        expected=Text.of(f"tối đa {max_rules} luật", f"at most {max_rules} rules"),
        fix=Text.of(
            "rút bớt giá trị in / phương án where_any, hoặc tách kiểm tra; hoặc chạy --engine reference",
            "use fewer in values / where_any alternatives, or split the check; or run --engine reference",
        ),
    )


def count_scope(check: Check) -> tuple[int, ...]:
    """Return the positions of the ``when`` patterns a count rule needs: the first, those the count joins.

    With the patterns they join in turn (transitively), so every join of the rule refers to a fact in it.
    The count of a match depends only on its facts at these positions: the counted facts are computed per
    such sub-tuple, and a check whose count joins one pattern of two needs one count rule per variant of
    that pattern, not of both.
    """
    if check.count is None:
        return ()
    position = {p.bind: j for j, p in enumerate(check.when)}
    needed = {0}
    todo: list[PatternBase] = [check.count]
    while todo:
        for _, join in todo.pop().join_list():
            ref = parse_ref(join.ref)
            assert ref is not None
            j = position[ref[0]]
            if j not in needed:
                needed.add(j)
                todo.append(check.when[j])
    return tuple(sorted(needed))


def compile_check(check: Check, number: int, names: Names, max_rules: int) -> list[Rule]:
    """Compile a check into durable rules named ``q<number>...``; ``names`` covers every field it reads.

    One main rule per combination of the ``when`` patterns' variants (with every ``unless`` as a ``none``),
    and one count rule per combination of the variants of the :func:`count_scope` patterns and the count's.

    Raises:
        ConfigError: the check's disjunctions expand to more than ``max_rules`` rules.
    """
    aliases = {p.bind: _alias(j) for j, p in enumerate(check.when)}
    first = _alias(0)
    when_variants = [_variants(p) for p in check.when]
    scope = count_scope(check)
    count_variants = _variants(check.count) if check.count else []
    n_main = n_scope = 1
    for j, vs in enumerate(when_variants):
        n_main *= len(vs)
        n_scope *= len(vs) if j in scope else 1
    n_rules = n_main + n_scope * len(count_variants)
    if n_rules > max_rules:
        raise _too_many(check, n_rules, max_rules)

    def positive(j: int, filters: Sequence[Filter]) -> tuple[tuple[str, Test], tuple[str, tuple[AlphaTest, ...]]]:
        pattern = check.when[j]
        tag = kind_tag(pattern.kind, False)
        alpha, plain = _alpha(tag, filters, names)
        if j > 0:
            extra, extra_plain, beta = _beta(pattern, aliases, names, first)
            alpha, plain = alpha + extra + beta, plain + extra_plain
        return (_alias(j), _condition(alpha)), (tag, tuple(plain))

    negs: list[tuple[str, Test, tuple[str, tuple[AlphaTest, ...]]]] = []
    for k, unl in enumerate(check.unless):
        tag = kind_tag(unl.kind, True)
        for v, filters in enumerate(_variants(unl)):
            alpha, plain = _alpha(tag, filters, names)
            extra, extra_plain, beta = _beta(unl, aliases, names, first)
            negs.append((f"n{k}_{v}$not", _condition(alpha + extra + beta), (tag, (*plain, *extra_plain))))

    rules: list[Rule] = []
    for r, combo in enumerate(itertools.product(*when_variants)):
        conds, alphas = zip(*(positive(j, filters) for j, filters in enumerate(combo)), strict=True)
        main = Rule(f"q{number}m{r}", number, [*conds, *((k, c) for k, c, _ in negs)],
                    tuple(_alias(j) for j in range(len(check.when))), False)
        main.alpha = [*alphas, *(a for _, _, a in negs)]
        rules.append(main)
    if check.count is not None:
        tag = kind_tag(check.count.kind, False)
        for r, combo in enumerate(itertools.product(*(when_variants[j] for j in scope))):
            conds, alphas = zip(*(positive(j, filters) for j, filters in zip(scope, combo, strict=True)), strict=True)
            for v, filters in enumerate(count_variants):
                alpha, plain = _alpha(tag, filters, names)
                extra, extra_plain, beta = _beta(check.count, aliases, names, first)
                rule = Rule(f"q{number}c{r}_{v}", number, [*conds, (_COUNT_ALIAS, _condition(alpha + extra + beta))],
                            (*(_alias(j) for j in scope), _COUNT_ALIAS), True)
                rule.alpha = [*alphas, (tag, (*plain, *extra_plain))]
                rules.append(rule)
    for rule in rules:
        _check_aliases(rule.name, [key for key, _ in rule.conditions])
    return rules


def flagged_fields(check: Check) -> set[str]:
    """Return the fields an ordering filter or join reads: their facts carry an integer-type flag."""
    flagged: set[str] = set()
    for pat in [*check.when, *check.unless, *([check.count] if check.count else [])]:
        for alt in pat.filter_list():
            flagged.update(f for f, flt in alt if flt.op in _ORDERING)
        for fld, join in pat.join_list():
            if join.op in _ORDERING:
                ref = parse_ref(join.ref)
                assert ref is not None
                flagged.update((fld, ref[1]))
    return flagged
