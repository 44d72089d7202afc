"""The durable-rules 2.0.28 adapter: every use of durable-rules goes through here.

durable-rules gives wrong answers when used naively (``/work/shared/research/durable-rules.md``,
DESIGN section 6). This module compiles each :class:`~quyche_rules.lang.model.Check` into rulesets
and defends against every measured hazard; the defences, and where they are:

* **Background timer threads** run actions on their own and make ``assert_facts`` return early:
  ``_SyncHost`` (:class:`_SyncHostFactory`) overrides ``Host._run`` (no threads); :func:`_drain`
  runs the ``start_action`` / ``complete_and_start_action`` loop itself, calling one-argument actions that
  only append (two-argument actions would be "asynchronous" and stall dispatch).
* **32-bit message-id index** (a second fact with the same FNV-1a hash is dropped):
  :func:`_assign_ids` gives every fact of a session an explicit ``id`` whose :func:`fnv1a32`
  (ported from ``state.c``, signed ``char`` bytes) is unique in the session, re-salting on collision.
  Property names and rule aliases are also looked up by hash only: :class:`_Names` and
  :func:`_check_aliases` check them collision-free (also against ``id`` and ``sid``).
* **Batch asserts keep only the last status**: :func:`_run_session` asserts one fact per C call and
  checks every status: 0 stored, 1 matched no rule, anything else is an :class:`InternalError`;
  the status must also be the one predicted from the compiled alpha tests. (Facts that no pattern's alpha
  tests accept are not asserted at all: durable would answer 1 and store nothing; at 10,000 provisions they
  are seven in ten.)
* **Join-evaluation overrun** (segfaults, wrong answers with ``|`` in joins): every join condition
  ends with an always-true guard test (``z_g`` equal on both facts, :func:`_beta_tests`); no ``|``
  is ever emitted: ``where_any`` and ``in`` are compiled into separate rules whose results are
  unioned (:func:`_variants`), and a negated alternative becomes one more ``none``.
* **Order-dependent ``none``**: facts of negated kinds are asserted as separate negation copies
  (kind tag ``n...``) *before* all other facts, and nothing is ever retracted.
* **Value quirks** (``7`` vs ``7.0``, exponent floats, int/str compared as text, 16-bit string
  lengths): :func:`_encode` maps strings to an injective, escape-free ``s...``/``x<hex>`` form (so a
  string never equals an integer), integers stay int64; ordering tests first test an integer-type
  flag ``t_<field>`` so a string never satisfies them.
* **Session size** (collisions, memory ~9 KB per stored fact): sessions hold at most
  :data:`SESSION_BOUND` facts, partitioned by the key of :func:`partition_key`; see there.
* **``delete_state`` segfaults on a state that never dispatched**: a sentinel rule and sentinel fact
  are asserted and dispatched first in every session; state and (on eviction or error) ruleset are
  deleted in ``finally`` blocks and removed from the host directory.
* **Leaks with a new ruleset per run**: each compiled ruleset is cached (LRU) and reused with
  ``delete_state`` after every session, so memory stays flat.
* **Post-session verification**: nothing pending after the drain; the fact ids of ``get_facts``
  equal the ids whose assert status was 0 (only facts that reach a rule are stored); the sentinel
  fired once; no match tuple twice.
* **1,024 states per ruleset** (then ``MemoryError`` and a crash on retry): one state (sid ``"0"``)
  per ruleset at a time, deleted after each session.
* ``count(n)`` is never used: counts are computed in Python from the matches.

Module import never imports durable; :func:`durable_available` says whether it can be imported.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from quyche_rules.engines.base import Match, fields_read, sort_matches, validate_checks, validate_facts
from quyche_rules.errors import ConfigError, InternalError
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import Fact, FactValue
from quyche_rules.lang.model import Check, PatternBase, parse_ref

__all__ = [
    "LARGE_SESSION_CAP",
    "MAX_RULES_PER_CHECK",
    "RULES_PER_RULESET",
    "SESSION_BOUND",
    "DurableEngine",
    "PartitionKey",
    "durable_available",
    "fnv1a32",
    "partition_key",
]

SESSION_BOUND = 20_000
"""Facts per session when the check can be partitioned (DESIGN section 6)."""

LARGE_SESSION_CAP = 50_000
"""Largest single session for a partition or check that cannot be split.

The 20,000 bound exists for two reasons: 32-bit message-id collisions (odds ~s²/2³³) and memory
(~9 KB per stored fact). Collisions cannot happen here, because every id is chosen collision-free
(:func:`_assign_ids`), so a larger session is exact; what remains is memory, which at 50,000 facts is
below ~450 MB. The research measured exact results up to 50,000 facts per session. Beyond this cap
the engine raises instead of answering.
"""

RULES_PER_RULESET = 16
"""Rules per compiled ruleset (plus the sentinel); more variants are split over several rulesets."""

MAX_RULES_PER_CHECK = 256
"""A check whose disjunctions expand to more rules than this is refused (ConfigError)."""

RULESET_CACHE_SIZE = 64
"""Compiled rulesets kept for reuse (LRU); evicted ones are deleted from the engine."""

MAX_STRING_BYTES = 4096
"""Longest string value durable-rules is given (it compares string lengths as 16-bit numbers)."""

SID = "0"

_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


def fnv1a32(text: str) -> int:
    """Return durable-rules' ``fnv1Hash32`` of ``text`` (``state.c``), bit for bit.

    The C code XORs each ``char`` of the UTF-8 bytes into the hash; ``char`` is signed on the
    platforms durable builds on, so bytes >= 0x80 are sign-extended to 32 bits.
    """
    h = _FNV_OFFSET
    for b in text.encode("utf-8"):
        if b >= 0x80:
            b |= 0xFFFFFF00
        h = ((h ^ b) * _FNV_PRIME) & 0xFFFFFFFF
    return h


_available: bool | None = None


def durable_available() -> bool:
    """Return whether durable-rules imports here (never raises; False on Python 3.13+)."""
    global _available
    if _available is None:
        try:
            import durable.engine  # noqa: F401  # lazy: durable-rules is optional (a C extension, not on 3.13)
            import durable_rules_engine  # type: ignore[import-not-found,unused-ignore]  # noqa: F401  # lazy: as above
        except Exception:
            _available = False
        else:
            _available = True
    return _available


def _internal(vi: str, en: str) -> InternalError:
    return InternalError(
        Text.of(f"durable-rules: {vi}", f"durable-rules: {en}"),
        fix=Text.of(
            "báo lỗi cho quyche-rules; tạm thời chạy với --engine reference",
            "report this defect of quyche-rules; meanwhile run with --engine reference",
        ),
    )


# --------------------------------------------------------------------------- values and names

_PLAIN = re.compile(r"^[ !#-\[\]-~]*$")  # printable ASCII without " and \ : never escaped in JSON


def _encode(value: FactValue) -> int | str:
    """Encode a fact value for durable-rules, injectively, without floats or JSON escapes.

    Integers stay integers (int64, checked by the contract). A string becomes ``"s" + value`` if it is
    printable ASCII without quote or backslash, else ``"x" + hex(utf-8)``; neither form is ever the
    decimal text of an integer, so durable's int-as-text comparison cannot make ``7`` equal ``"7"``.
    """
    if type(value) is int:
        return value
    assert isinstance(value, str)
    return _encode_str(value)


@lru_cache(maxsize=1 << 16)
def _encode_str(value: str) -> str:
    """Encode a string fact value (see :func:`_encode`); the same few thousand values recur in every check."""
    out = "s" + value if _PLAIN.match(value) else "x" + value.encode("utf-8").hex()
    if len(out) > MAX_STRING_BYTES:
        raise _internal(
            f"giá trị chuỗi dài {len(out)} byte vượt giới hạn {MAX_STRING_BYTES}",
            f"string value of {len(out)} bytes exceeds the {MAX_STRING_BYTES}-byte limit",
        )
    return out


_RESERVED = ("id", "sid")
_GUARD = "z_g"
_KIND = "z_k"
_SENTINEL = "z_s"


class _Names:
    """Durable property names for fact fields, collision-free under durable's 32-bit property hash."""

    def __init__(self, fields: Sequence[str]) -> None:
        for salt in itertools.count():
            pre = "" if salt == 0 else str(salt)
            self.value = {f: f"f{pre}_{f}" for f in fields}
            self.type_flag = {f: f"t{pre}_{f}" for f in fields}
            names = [*_RESERVED, _GUARD, _KIND, _SENTINEL, *self.value.values(), *self.type_flag.values()]
            if len({fnv1a32(n) for n in names}) == len(names):
                return
            if salt > 100:  # pragma: no cover - astronomically unlikely
                raise _internal(
                    "không chọn được tên thuộc tính", "cannot choose collision-free property names"
                )


def _alias(j: int) -> str:
    return f"a{j}"


_COUNT_ALIAS = "c"


def _check_aliases(rule_name: str, keys: Sequence[str]) -> None:
    """Frames find facts by the 32-bit hash of the alias name only: the aliases must not collide."""
    names = [k.split("$", 1)[0] for k in keys]
    if len({fnv1a32(n) for n in names}) != len(names):  # pragma: no cover - fixed names, checked
        raise _internal(
            f"tên bí danh trùng băm trong luật {rule_name}", f"alias hashes collide in rule {rule_name}"
        )


# --------------------------------------------------------------------------- compiling

_OPS = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte", "ne": "$neq"}
Test = dict[str, Any]
Filter = tuple[str, str, FactValue]  # (field, op in eq/ne/lt/le/gt/ge, literal)


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


def _alpha_tests(kind_tag: str, filters: Sequence[Filter], names: _Names) -> list[Test]:
    tests: list[Test] = [{_KIND: kind_tag}]
    for fld, op, literal in filters:
        prop = names.value[fld]
        if op == "eq":
            tests.append({prop: _encode(literal)})
        elif op == "ne":
            tests.append({"$neq": {prop: _encode(literal)}})
        elif type(literal) is int:
            tests.append({names.type_flag[fld]: 1})
            tests.append({_OPS[op]: {prop: literal}})
        else:  # an ordering test against a string literal never holds (rejected at load time anyway)
            tests.append({names.type_flag[fld]: 2})
    return tests


def _beta_tests(
    pattern: PatternBase, aliases: Mapping[str, str], names: _Names, first_alias: str
) -> tuple[list[Test], list[Test]]:
    """Return (extra alpha tests, join tests) for a pattern's joins, the guard test last."""
    alpha: list[Test] = []
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
            other.append({_OPS[join.op]: {prop: {alias: rprop}}})
            flags.append({_GUARD: {alias: names.type_flag[ref[1]]}})
    guard = {_GUARD: {first_alias: _GUARD}}
    return alpha, eq + other + flags + [guard]


def _condition(tests: Sequence[Test]) -> Test:
    return dict(tests[0]) if len(tests) == 1 else {"$and": list(tests)}


@dataclass
class _Rule:
    """One compiled durable rule."""

    name: str
    conditions: list[tuple[str, Test]]  # (alias key, condition), in order
    aliases: tuple[str, ...]  # aliases of the positive facts, in order (when..., [count])
    counted: bool  # whether the last alias is the count pattern
    alpha: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (kind tag, alpha tests json)

    def definition(self) -> dict[str, Any]:
        return {"all": [{k: c} for k, c in self.conditions], "dist": 0}


def _kind_tag(kind: str, negated: bool) -> str:
    tag = _encode(kind)
    assert isinstance(tag, str)
    return "n" + tag if negated else tag


def _compile_check(check: Check) -> tuple[_Names, list[_Rule], set[str]]:
    """Compile a check into durable rules; return (names, rules, fields with a type flag)."""
    reads = fields_read(check)
    all_fields = sorted({f for fs in reads.values() for f in fs})
    names = _Names(all_fields)
    binds = [p.bind for p in check.when]
    aliases = {b: _alias(j) for j, b in enumerate(binds)}
    first = _alias(0)

    def positive(
        j: int, pattern: PatternBase, alias: str, filters: Sequence[Filter]
    ) -> tuple[Test, list[Test]]:
        alpha = _alpha_tests(_kind_tag(pattern.kind, False), filters, names)
        if j == 0:
            return _condition(alpha), alpha
        extra_alpha, beta = _beta_tests(pattern, aliases, names, first)
        alpha = alpha + extra_alpha
        return _condition(alpha + beta), alpha

    when_variants = [_variants(p) for p in check.when]
    negs: list[tuple[str, Test, list[Test]]] = []
    for k, unl in enumerate(check.unless):
        for v, filters in enumerate(_variants(unl)):
            alpha = _alpha_tests(_kind_tag(unl.kind, True), filters, names)
            extra_alpha, beta = _beta_tests(unl, aliases, names, first)
            negs.append((f"n{k}_{v}$not", _condition(alpha + extra_alpha + beta), alpha + extra_alpha))
    count_variants = _variants(check.count) if check.count else []

    n_main = 1
    for vs in when_variants:
        n_main *= len(vs)
    n_rules = n_main * (1 + len(count_variants))
    if n_rules > MAX_RULES_PER_CHECK:
        raise ConfigError(
            Text.of(
                f"Kiểm tra {check.code} có quá nhiều phương án (in/where_any) cho durable-rules: "
                f"{n_rules} luật",
                f"Check {check.code} expands to too many alternatives (in/where_any) for durable-rules: "
                f"{n_rules} rules",
            ),
            expected=Text.of(f"tối đa {MAX_RULES_PER_CHECK} luật", f"at most {MAX_RULES_PER_CHECK} rules"),
            fix=Text.of(
                "rút bớt giá trị in / phương án where_any, hoặc tách kiểm tra; hoặc chạy --engine reference",
                "use fewer in values / where_any alternatives, or split the check; or run --engine reference",
            ),
        )

    rules: list[_Rule] = []
    for r, combo in enumerate(itertools.product(*when_variants)):
        conds: list[tuple[str, Test]] = []
        alphas: list[tuple[str, tuple[str, ...]]] = []
        for j, (pattern, filters) in enumerate(zip(check.when, combo, strict=True)):
            cond, alpha = positive(j, pattern, _alias(j), filters)
            conds.append((_alias(j), cond))
            alphas.append(_alpha_key(alpha))
        main = _Rule(
            f"m{r}",
            conds + [(key, cond) for key, cond, _ in negs],
            tuple(_alias(j) for j in range(len(binds))),
            False,
        )
        main.alpha = alphas + [_alpha_key(a) for _, _, a in negs]
        rules.append(main)
        if check.count is not None:
            for v, filters in enumerate(count_variants):
                alpha = _alpha_tests(_kind_tag(check.count.kind, False), filters, names)
                extra_alpha, beta = _beta_tests(check.count, aliases, names, first)
                rule = _Rule(
                    f"c{r}_{v}",
                    [*conds, (_COUNT_ALIAS, _condition(alpha + extra_alpha + beta))],
                    (*main.aliases, _COUNT_ALIAS),
                    True,
                )
                rule.alpha = [*alphas, _alpha_key(alpha + extra_alpha)]
                rules.append(rule)
    for rule in rules:
        _check_aliases(rule.name, [key for key, _ in rule.conditions])
    flagged: set[str] = set()
    for pat in [*check.when, *check.unless, *([check.count] if check.count else [])]:
        for alt in pat.filter_list():
            flagged.update(f for f, flt in alt if flt.op in ("lt", "le", "gt", "ge"))
        for fld, join in pat.join_list():
            if join.op in ("lt", "le", "gt", "ge"):
                flagged.add(fld)
                ref = parse_ref(join.ref)
                assert ref is not None
                flagged.add(ref[1])
    return names, rules, flagged


def _alpha_key(alpha: Sequence[Test]) -> tuple[str, tuple[str, ...]]:
    kind_tag = alpha[0][_KIND]
    return kind_tag, tuple(json.dumps(t, sort_keys=True) for t in alpha[1:])


#: an alpha test, compiled: (operator, durable property, literal); operator "=" is plain equality
AlphaTest = tuple[str, str, Any]


def _alpha_by_kind(rules: Sequence[_Rule]) -> dict[str, list[list[AlphaTest]]]:
    """Return the distinct alpha tests of ``rules``' patterns, compiled, by kind tag."""
    out: dict[str, list[list[AlphaTest]]] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for rule in rules:
        for kind_tag, tests in rule.alpha:
            if (kind_tag, tests) not in seen:
                seen.add((kind_tag, tests))
                out.setdefault(kind_tag, []).append(_compile_alpha([json.loads(t) for t in tests]))
    return out


def _compile_alpha(tests: Sequence[Test]) -> list[AlphaTest]:
    out: list[AlphaTest] = []
    for test in tests:
        ((key, body),) = test.items()
        if key.startswith("$"):
            ((prop, literal),) = body.items()
            out.append((key, prop, literal))
        else:
            out.append(("=", key, body))
    return out


_ORDER: dict[str, Callable[[int, int], bool]] = {
    "$lt": lambda a, b: a < b, "$lte": lambda a, b: a <= b, "$gt": lambda a, b: a > b, "$gte": lambda a, b: a >= b,
}


def _alpha_holds(tests: Sequence[AlphaTest], dfact: Mapping[str, Any]) -> bool:
    """Evaluate compiled alpha tests on an encoded fact (to predict which facts durable stores)."""
    for op, prop, literal in tests:
        value = dfact.get(prop)
        if op == "=":
            ok = type(value) is type(literal) and value == literal
        elif op == "$neq":
            ok = value is not None and not (type(value) is type(literal) and value == literal)
        else:
            ok = type(value) is int and type(literal) is int and _ORDER[op](value, literal)
        if not ok:
            return False
    return True


# --------------------------------------------------------------------------- partitioning


@dataclass(frozen=True)
class PartitionKey:
    """How to partition a check's facts: one key field per positive kind and per negated kind."""

    positive: Mapping[str, str]
    negated: Mapping[str, str]


def partition_key(check: Check) -> PartitionKey | None:
    """Infer the field by which a check's facts can be split into independent sessions.

    Partitioning is exact when every fact that can appear in one match (or block it, or be counted
    for it) has the same key value. That holds when the first pattern has a key field ``k`` and every
    other pattern — each later ``when`` pattern, each ``unless`` and the ``count`` pattern — has a join
    that compares one of its fields for **equality** with the key field of a pattern already keyed
    (so, by transitivity, with the first pattern's key). Each fact must then go to exactly one
    partition, so all positive patterns of one kind must use the same key field (and likewise all
    negated patterns of one kind; negated facts are separate copies). A check with a single pattern
    and nothing else is keyed by ``fid``.

    Returns:
        The key fields, or ``None`` if the check cannot be partitioned.
    """
    others: list[tuple[PatternBase, str | None, bool]] = [(p, p.bind, False) for p in check.when[1:]]
    others += [(u, None, True) for u in check.unless]
    if check.count is not None:
        others.append((check.count, None, False))
    first = check.when[0]
    if not others:
        return PartitionKey({first.kind: "fid"}, {})
    candidates = sorted(
        {
            ref[1]
            for pat, _, _ in others
            for _, join in pat.join_list()
            if join.op == "eq" and (ref := parse_ref(join.ref)) is not None and ref[0] == first.bind
        }
    )
    for k1 in candidates:
        keyed: dict[str, str] = {first.bind: k1}
        roles: list[tuple[str, str, bool]] = [(first.kind, k1, False)]
        ok = True
        for pat, bind, negated in others:
            own = None
            for fld, join in pat.join_list():
                ref = parse_ref(join.ref)
                if join.op == "eq" and ref is not None and keyed.get(ref[0]) == ref[1]:
                    own = fld
                    break
            if own is None:
                ok = False
                break
            if bind is not None:
                keyed[bind] = own
            roles.append((pat.kind, own, negated))
        if not ok:
            continue
        positive: dict[str, str] = {}
        negated_map: dict[str, str] = {}
        for kind, key, negated in roles:
            target = negated_map if negated else positive
            if target.setdefault(kind, key) != key:
                ok = False
                break
        if ok:
            return PartitionKey(positive, negated_map)
    return None


# --------------------------------------------------------------------------- the engine session


class _SyncHostFactory:
    """Creates, once, a durable Host subclass without the background timer threads."""

    host: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.host is None:
            from durable import engine  # lazy: durable-rules is optional

            class _SyncHost(engine.Host):  # type: ignore[misc]
                """A Host that never starts the timer threads (they run actions on their own)."""

                def _run(self) -> None:
                    return None

            cls.host = _SyncHost()
        return cls.host


@dataclass
class _Ruleset:
    """A registered durable ruleset, reused across sessions."""

    name: str
    handle: int
    rules: dict[str, _Rule]
    alpha_by_kind: dict[str, list[list[AlphaTest]]]
    sink: list[dict[str, Any]] = field(default_factory=list)
    broken: bool = False

    def action(self, c: Any) -> None:
        """The one-argument action: only appends (our drain loop calls it)."""
        self.sink.append(c)


class _Registry:
    """The LRU cache of compiled rulesets; deletes evicted ones from the engine and the host."""

    def __init__(self) -> None:
        self.cache: OrderedDict[str, _Ruleset] = OrderedDict()
        self.counter = itertools.count()

    def get(self, rules: Sequence[_Rule]) -> _Ruleset:
        definition = {r.name: r.definition() for r in rules}
        definition["sentinel"] = {"all": [{"m": {_SENTINEL: 1}}]}
        key = json.dumps(definition, sort_keys=True)
        hit = self.cache.get(key)
        if hit is not None and not hit.broken:
            self.cache.move_to_end(key)
            return hit
        if hit is not None:
            self._drop(key)
        host = _SyncHostFactory.get()
        name = f"quyche_{next(self.counter)}"
        holder = _Ruleset(name, 0, {r.name: r for r in rules}, _alpha_by_kind(rules))
        with_actions = {k: dict(v, run=holder.action) for k, v in definition.items()}
        host.register_rulesets({name: with_actions})
        holder.handle = host.get_ruleset(name)._handle
        self.cache[key] = holder
        while len(self.cache) > RULESET_CACHE_SIZE:
            self._drop(next(iter(self.cache)))
        return holder

    def _drop(self, key: str) -> None:
        import durable_rules_engine  # type: ignore[import-not-found,unused-ignore]  # lazy: optional engine

        holder = self.cache.pop(key)
        host = _SyncHostFactory.get()
        try:
            durable_rules_engine.delete_ruleset(holder.handle)
        finally:
            ruleset = host._ruleset_directory.pop(holder.name, None)
            if ruleset is not None and ruleset in host._ruleset_list:
                host._ruleset_list.remove(ruleset)

    def clear(self) -> None:
        while self.cache:
            self._drop(next(iter(self.cache)))


_REGISTRY = _Registry()
_LOCK = threading.Lock()


def _assign_ids(count: int, reserved: set[int]) -> list[str]:
    """Return ``count`` fact ids whose fnv1a32 hashes are distinct and not in ``reserved``."""
    used = set(reserved)
    out: list[str] = []
    for n in range(count):
        candidate = f"f{n}"
        salt = 0
        h = fnv1a32(candidate)
        while h in used:
            salt += 1
            candidate = f"f{n}_{salt}"
            h = fnv1a32(candidate)
        used.add(h)
        out.append(candidate)
    return out


_SENTINEL_ID = "sentinel"


def _drain(rs: _Ruleset) -> list[dict[str, Any]]:
    """Run every pending action of the ruleset in this thread; return the action payloads."""
    import durable_rules_engine as dre  # type: ignore[import-not-found,unused-ignore]  # lazy: optional engine

    rs.sink = []
    result = dre.start_action(rs.handle)
    while result is not None:
        _state, message, offset = result
        while message is not None:
            rs.action(json.loads(message))
            message = dre.complete_and_start_action(rs.handle, offset)
        result = dre.start_action(rs.handle)
    return rs.sink


def _run_session(rs: _Ruleset, dfacts: Sequence[dict[str, Any]]) -> list[tuple[str, tuple[int, ...]]]:
    """Assert ``dfacts`` in one fresh state of ``rs``; return (rule name, fact indexes) per match.

    The sentinel is asserted and dispatched first, so the state has run an action and can be deleted
    (``delete_state`` crashes on a state that never did). Facts are asserted one per call; every
    status is checked against the prediction from the alpha tests; after the drain, nothing may be
    pending and the stored facts must be exactly those asserted with status 0.
    """
    import durable_rules_engine as dre  # type: ignore[import-not-found,unused-ignore]  # lazy: optional engine

    dispatched = False
    try:
        status = dre.assert_fact(rs.handle, json.dumps({"id": _SENTINEL_ID, "sid": SID, _SENTINEL: 1}))[0]
        if status != 0:
            raise _internal(
                f"sự kiện canh gác trả về trạng thái {status}", f"sentinel fact returned status {status}"
            )
        first = _drain(rs)
        dispatched = len(first) > 0
        if [list(p) for p in first] != [["sentinel"]]:
            raise _internal(
                f"luật canh gác không chạy đúng một lần: {first!r}",
                f"sentinel rule did not fire exactly once: {first!r}",
            )

        ids = _assign_ids(len(dfacts), {fnv1a32(_SENTINEL_ID)})
        index_of = {fid: n for n, fid in enumerate(ids)}
        stored = {_SENTINEL_ID}
        for n, dfact in enumerate(dfacts):
            payload = dict(dfact)
            payload["id"] = ids[n]
            payload["sid"] = SID
            expect = any(_alpha_holds(t, dfact) for t in rs.alpha_by_kind.get(dfact[_KIND], ()))
            status = dre.assert_fact(rs.handle, json.dumps(payload, ensure_ascii=False))[0]
            if status == 0:
                stored.add(ids[n])
            elif status != 1:
                raise _internal(
                    f"assert_fact trả về trạng thái {status} cho dữ kiện {ids[n]}",
                    f"assert_fact returned status {status} for fact {ids[n]}",
                )
            if (status == 0) != expect:
                raise _internal(
                    f"dữ kiện {ids[n]} {'không ' if expect else ''}được lưu trái với dự đoán",
                    f"fact {ids[n]} was {'not ' if expect else ''}stored, against the prediction",
                )

        payloads = _drain(rs)
        if dre.start_action(rs.handle) is not None:
            raise _internal(
                "còn hành động chưa chạy sau khi rút hết", "actions still pending after the drain"
            )
        got = {f["id"] for f in json.loads(dre.get_facts(rs.handle, SID))}
        if got != stored:
            raise _internal(
                f"dữ kiện lưu ({len(got)}) khác dữ kiện đã khẳng định ({len(stored)})",
                f"stored facts ({len(got)}) differ from asserted facts ({len(stored)})",
            )
        out: list[tuple[str, tuple[int, ...]]] = []
        seen: set[tuple[str, tuple[int, ...]]] = set()
        for payload in payloads:
            ((rule_name, bound),) = payload.items()
            rule = rs.rules.get(rule_name)
            if rule is None:
                raise _internal(f"luật lạ {rule_name} được kích hoạt", f"unexpected rule {rule_name} fired")
            tup = (rule_name, tuple(index_of[bound[a]["id"]] for a in rule.aliases))
            if tup in seen:
                raise _internal(f"kết quả trùng {tup}", f"duplicate match {tup}")
            seen.add(tup)
            out.append(tup)
        return out
    except InternalError:
        raise
    except Exception as exc:
        raise _internal(f"lỗi của engine: {exc!r}", f"engine error: {exc!r}") from exc
    finally:
        if dispatched:
            dre.delete_state(rs.handle, SID)
        else:
            rs.broken = True  # never delete a state that did not dispatch; drop the ruleset instead


# --------------------------------------------------------------------------- the engine


def _plan(dfacts: Sequence[dict[str, Any]], keys: Sequence[Any] | None, code: str) -> list[list[int]]:
    """Split fact indexes into sessions of at most SESSION_BOUND facts (see :func:`partition_key`)."""
    total = len(dfacts)
    bound = max(1, SESSION_BOUND - 1)  # room for the sentinel fact
    if total <= bound:
        return [list(range(total))]
    if keys is None:
        if total <= LARGE_SESSION_CAP:
            return [list(range(total))]
        raise _too_big(code, total)
    groups: dict[Any, list[int]] = {}
    for n, key in enumerate(keys):
        groups.setdefault(key, []).append(n)
    sessions: list[list[int]] = []
    current: list[int] = []
    for key in sorted(groups, key=lambda k: (type(k).__name__, k)):
        members = groups[key]
        if len(members) > bound:
            if len(members) > LARGE_SESSION_CAP:
                raise _too_big(code, len(members))
            sessions.append(sorted(members))
            continue
        if len(current) + len(members) > bound:
            sessions.append(sorted(current))
            current = []
        current.extend(members)
    if current:
        sessions.append(sorted(current))
    return sessions


def _too_big(code: str, n: int) -> InternalError:
    return InternalError(
        Text.of(
            f"durable-rules: kiểm tra {code} cần một phiên {n} dữ kiện không chia được, "
            f"vượt giới hạn {LARGE_SESSION_CAP}",
            f"durable-rules: check {code} needs one unsplittable session of {n} facts, "
            f"above the {LARGE_SESSION_CAP} cap",
        ),
        expected=Text.of(
            "mọi phép nối so sánh bằng với khóa của mẫu đầu tiên, để chia phiên",
            "every join compares the first pattern's key for equality, so sessions can be split",
        ),
        fix=Text.of(
            "chạy với --engine reference cho dữ liệu này", "run with --engine reference for this data"
        ),
    )


class DurableEngine:
    """Evaluate checks with durable-rules, behind every defence of this module."""

    name = "durable"

    def run(self, checks: Sequence[Check], facts: Sequence[Fact]) -> list[Match]:
        """Evaluate ``checks`` over ``facts``; return the sorted, de-duplicated matches.

        Raises:
            ConfigError: durable-rules does not import here, or a check expands to too many rules.
            InternalError: the facts break the contract, or the engine misbehaved.
        """
        if not durable_available():
            raise ConfigError(
                Text.of("Không nạp được durable-rules", "durable-rules cannot be imported"),
                expected=Text.of(
                    "durable-rules 2.0.28 trên Python ≤ 3.12", "durable-rules 2.0.28 on Python ≤ 3.12"
                ),
                fix=Text.of(
                    "pip install 'quyche-rules[durable]' trên Python ≤ 3.12, hoặc dùng --engine reference",
                    "pip install 'quyche-rules[durable]' on Python ≤ 3.12, or use --engine reference",
                ),
            )
        validate_checks(checks)
        validate_facts(facts, checks)
        by_kind: dict[str, list[Fact]] = {}
        for fact in facts:
            by_kind.setdefault(fact["kind"], []).append(fact)  # type: ignore[arg-type]
        matches: list[Match] = []
        with _LOCK:
            for check in checks:
                matches.extend(self._run_check(check, by_kind))
        return sort_matches(matches)

    def _run_check(self, check: Check, by_kind: Mapping[str, list[Fact]]) -> list[Match]:
        names, rules, flagged = _compile_check(check)
        reads = fields_read(check)
        pos_kinds = {p.kind for p in check.when} | ({check.count.kind} if check.count else set())
        neg_kinds = {u.kind for u in check.unless}
        key = partition_key(check)
        alpha = _alpha_by_kind(rules)

        dfacts: list[dict[str, Any]] = []
        origin: list[Fact] = []
        keys: list[Any] = []

        def add(kind: str, negated: bool) -> None:
            kind_tag = _kind_tag(kind, negated)
            tests = alpha.get(kind_tag, ())
            key_field = (key.negated if negated else key.positive)[kind] if key else None
            fields = [(f, names.value[f], names.type_flag[f] if f in flagged else None) for f in reads.get(kind, ())]
            for fact in by_kind.get(kind, ()):
                d: dict[str, Any] = {_KIND: kind_tag, _GUARD: 1}
                for fld, prop, flag in fields:
                    value = fact[fld]
                    d[prop] = value if type(value) is int else _encode_str(value)
                    if flag is not None:
                        d[flag] = 1 if type(value) is int else 0
                if not any(_alpha_holds(alt, d) for alt in tests):
                    continue  # no pattern's literal tests accept it: durable would not store it (status 1)
                dfacts.append(d)
                origin.append(fact)
                if key_field is not None:
                    value = fact[key_field]
                    keys.append((type(value).__name__, value))

        # negation copies first: a blocker must be in the state before the facts it blocks
        for kind in sorted(neg_kinds):
            add(kind, True)
        for kind in sorted(pos_kinds):
            add(kind, False)

        sessions = _plan(dfacts, keys if key else None, check.code)
        when_hits: set[tuple[int, ...]] = set()
        counted: dict[tuple[int, ...], set[int]] = {}
        n_when = len(check.when)
        for chunk_start in range(0, len(rules), RULES_PER_RULESET):
            chunk = rules[chunk_start : chunk_start + RULES_PER_RULESET]
            for members in sessions:
                rs = _REGISTRY.get(chunk)
                hits = _run_session(rs, [dfacts[n] for n in members])
                for rule_name, idx in hits:
                    real = tuple(members[i] for i in idx)
                    if rs.rules[rule_name].counted:
                        counted.setdefault(real[:n_when], set()).add(real[n_when])
                    else:
                        when_hits.add(real)

        binds = [p.bind for p in check.when]
        out: list[Match] = []
        for hit in when_hits:
            bindings = tuple((b, str(origin[i]["fid"])) for b, i in zip(binds, hit, strict=True))
            if check.count is None:
                out.append(Match(check.code, bindings))
                continue
            group = tuple(sorted(str(origin[i]["fid"]) for i in counted.get(hit, ())))
            if _compare_count(check.count.op, len(group), check.count.value):
                out.append(Match(check.code, bindings, group, len(group)))
        return out


_COUNT_OPS: dict[str, Callable[[int, int], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}


def _compare_count(op: str, n: int, value: int) -> bool:
    return _COUNT_OPS[op](n, value)


def reset_engine_cache() -> None:
    """Delete every cached ruleset from durable-rules (tests and long-lived processes)."""
    with _LOCK:
        _REGISTRY.clear()
