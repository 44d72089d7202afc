"""Evaluate checks on durable-rules, group by group (:mod:`.grouping`): compile, select, encode, run.

Per group: its checks are compiled with one set of property names and packed into rulesets; per ruleset
the facts to assert are selected (:mod:`.select`), encoded to JSON once per fact (each distinct value
once per run), split into bounded sessions (:mod:`.partition`) and run (:mod:`.session`); the matches of
all rulesets and sessions of a check are unioned, and counts are computed from the count rules' matches.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from quyche_rules.engines.base import Match, fields_read
from quyche_rules.engines.durable.compile import AlphaTest, Rule, compile_check, count_scope, flagged_fields, kind_tag
from quyche_rules.engines.durable.grouping import Group, group_checks, pack
from quyche_rules.engines.durable.partition import plan_sessions
from quyche_rules.engines.durable.registry import REGISTRY
from quyche_rules.engines.durable.select import FactIndex, getter
from quyche_rules.engines.durable.session import run_session
from quyche_rules.engines.durable.values import GUARD, KIND, MAX_PROPERTIES, SID, JsonValues, Names, internal
from quyche_rules.lang.facts import Fact
from quyche_rules.lang.model import Check

__all__ = ["Limits", "evaluate"]


@dataclass(frozen=True)
class Limits:
    """The adapter's bounds (the knobs of ``quyche_rules.engines.durable``)."""

    session_bound: int
    session_cap: int
    rules_per_ruleset: int
    max_rules_per_check: int
    ruleset_cache_size: int


_FLAG = {int: "1", str: "0"}  # the integer-type flag of a value's type


def _body_maker(
    tag: str, fields: Sequence[str], names: Names, flagged: set[str], json: JsonValues
) -> Callable[[Fact], str]:
    """Return the function that writes a fact's JSON after its id: ``,"sid":"0","z_k":...}``."""
    props = [names.value[f] for f in fields] + [names.type_flag[f] for f in fields if f in flagged]
    if len(props) + 4 > MAX_PROPERTIES:
        raise internal(
            f"dữ kiện loại {tag} cần {len(props) + 4} thuộc tính, quá {MAX_PROPERTIES}",
            f"facts of kind {tag} need {len(props) + 4} properties, above {MAX_PROPERTIES}",
        )
    fmt = f',"sid":"{SID}","{KIND}":"{tag}","{GUARD}":1' + "".join(f',"{p}":%s' for p in props) + "}"
    values, types = getter(fields), getter([f for f in fields if f in flagged])
    text, flag = json.__getitem__, _FLAG.__getitem__

    def make(fact: Fact) -> str:
        return fmt % (*map(text, values(fact)), *map(flag, map(type, types(fact))))

    return make


@dataclass
class _Compiled:
    """A group compiled: its rules in chunks (one ruleset each), and what each kind tag stands for."""

    chunks: list[list[Rule]]
    roles: dict[str, tuple[str, bool]]  # kind tag -> (kind, negated)
    reads: dict[str, set[str]]  # kind -> fields the group's checks read
    names: Names
    flagged: set[str]


def _compile(group: Group, index: FactIndex, limits: Limits) -> _Compiled:
    reads: dict[str, set[str]] = {}
    flagged: set[str] = set()
    roles: dict[str, tuple[str, bool]] = {}
    for check in group.checks:
        for kind, fields in fields_read(check).items():
            reads.setdefault(kind, set()).update(fields)
        flagged |= flagged_fields(check)
        for pat in [*check.when, *([check.count] if check.count else [])]:
            roles[kind_tag(pat.kind, False)] = (pat.kind, False)
        for unl in check.unless:
            roles[kind_tag(unl.kind, True)] = (unl.kind, True)
    names = Names(sorted({f for fs in reads.values() for f in fs}))
    rules_by_check = [compile_check(c, n, names, limits.max_rules_per_check) for n, c in enumerate(group.checks)]
    chunks = pack(rules_by_check, limits.rules_per_ruleset, lambda tag: len(index.by_kind.get(roles[tag][0], ())))
    return _Compiled(chunks, roles, reads, names, flagged)


def _select(chunk: Sequence[Rule], comp: _Compiled, group: Group, index: FactIndex) -> dict[str, list[int]]:
    """Return, per kind tag (negation copies first: blockers before what they block), the facts to assert.

    A fact is asserted if some pattern of a check of the chunk accepts it and, when the group is keyed, its
    partition holds a fact that the check's first pattern accepts: every fact of a match shares that fact's
    key. A check none of whose facts can be the first of a match contributes nothing.
    """
    by_check: dict[int, list[Rule]] = {}
    for rule in chunk:
        by_check.setdefault(rule.check, []).append(rule)
    out: dict[str, set[int]] = {}
    for rules in by_check.values():
        tests: dict[str, dict[tuple[AlphaTest, ...], None]] = {}
        for rule in rules:
            for tag, alt in rule.alpha:
                tests.setdefault(tag, {})[alt] = None
        first_tag = rules[0].alpha[0][0]  # every rule of a check starts with the check's first pattern
        kind = comp.roles[first_tag][0]
        found = index.accepted(kind, {rule.alpha[0][1]: None for rule in rules})
        if not found:
            continue
        allowed: set[Hashable] | None = None  # the partitions that hold a first fact
        if group.keyed:
            allowed = set(map(index.column(kind, group.positive[kind]).__getitem__, found))
        for tag, alts in tests.items():
            kind, negated = comp.roles[tag]
            key = group.key_of(kind, negated) if group.keyed else None
            out.setdefault(tag, set()).update(index.accepted(kind, alts, key, allowed))
    return {t: sorted(out[t]) for t in sorted(out, key=lambda t: (not comp.roles[t][1], t))}


def _run_group(group: Group, index: FactIndex, json: JsonValues, limits: Limits) -> list[Match]:
    comp = _compile(group, index, limits)
    selected = [_select(chunk, comp, group, index) for chunk in comp.chunks]
    bodies: dict[str, dict[int, str]] = {}  # kind tag -> fact position -> JSON after the id
    for tag, (kind, _negated) in comp.roles.items():
        wanted = sorted(set().union(*(sel.get(tag, ()) for sel in selected)))
        make = _body_maker(tag, sorted(comp.reads.get(kind, ())), comp.names, comp.flagged, json)
        facts = index.by_kind.get(kind, [])
        bodies[tag] = dict(zip(wanted, map(make, map(facts.__getitem__, wanted)), strict=True))

    when_hits: list[set[tuple[str, ...]]] = [set() for _ in group.checks]
    counted: list[dict[tuple[str, ...], set[str]]] = [{} for _ in group.checks]
    codes = ", ".join(c.code for c in group.checks)
    for chunk, sel in zip(comp.chunks, selected, strict=True):
        texts: list[str] = []
        fids: list[str] = []
        keys: list[Hashable] = []
        for tag, positions in sel.items():
            kind, negated = comp.roles[tag]
            texts.extend(map(bodies[tag].__getitem__, positions))
            fids.extend(map(index.column(kind, "fid").__getitem__, positions))  # type: ignore[arg-type]
            if group.keyed:
                key = group.key_of(kind, negated)
                keys.extend(map(index.column(kind, key).__getitem__, positions))
        if not texts:
            continue
        sessions = plan_sessions(len(texts), keys if group.keyed else None, limits.session_bound,
                                 limits.session_cap, codes)
        rs = REGISTRY.get(chunk, limits.ruleset_cache_size)
        for members in sessions:
            for rule_name, idx in run_session(rs, [texts[n] for n in members]):
                rule = rs.rules[rule_name]
                hit = tuple(fids[members[i]] for i in idx)
                if rule.counted:
                    counted[rule.check].setdefault(hit[:-1], set()).add(hit[-1])
                else:
                    when_hits[rule.check].add(hit)
    return [m for n, c in enumerate(group.checks) for m in _matches(c, when_hits[n], counted[n])]


def _matches(check: Check, when_hits: set[tuple[str, ...]], counted: Mapping[tuple[str, ...], set[str]]) -> list[Match]:
    binds = [p.bind for p in check.when]
    scope = count_scope(check)
    out: list[Match] = []
    for hit in when_hits:
        bindings = tuple(zip(binds, hit, strict=True))
        if check.count is None:
            out.append(Match(check.code, bindings))
            continue
        group = tuple(sorted(counted.get(tuple(hit[j] for j in scope), ())))
        if _COUNT_OPS[check.count.op](len(group), check.count.value):
            out.append(Match(check.code, bindings, group, len(group)))
    return out


_COUNT_OPS: dict[str, Callable[[int, int], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}


def evaluate(checks: Sequence[Check], facts: Sequence[Fact], limits: Limits) -> list[Match]:
    """Evaluate ``checks`` over ``facts`` (already validated) on durable-rules; return the matches, unsorted.

    Callers hold the registry's lock: durable's C library has global state and no locks of its own.
    """
    index = FactIndex(facts)
    json = JsonValues()
    out: list[Match] = []
    for group in group_checks(checks, index, limits.session_bound):
        out.extend(_run_group(group, index, json, limits))
    return out
