"""The durable-rules adapter's own machinery: selection, grouping, sessions, and the guards of batch asserts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quyche_rules.engines import ReferenceEngine, durable_available
from quyche_rules.engines import durable as durable_mod
from quyche_rules.engines.durable import engine as engine_mod
from quyche_rules.engines.durable import session as session_mod
from quyche_rules.engines.durable.compile import count_scope
from quyche_rules.engines.durable.grouping import group_checks
from quyche_rules.engines.durable.partition import plan_sessions
from quyche_rules.engines.durable.select import FactIndex
from quyche_rules.engines.durable.values import fnv1a32
from quyche_rules.engines.reference import filter_holds
from quyche_rules.errors import InternalError
from quyche_rules.lang.model import Check

from .strategies import META, big_facts, checks, facts

needs_durable = pytest.mark.skipif(not durable_available(), reason="durable-rules not importable")


def make(code: str = "QC900", **body: Any) -> Check:
    return Check.model_validate({"code": code, "name": "t", **META, **body})


def fact(fid: str, seq: int, kind: str = "duty", **fields: int | str) -> dict[str, int | str]:
    return {"kind": kind, "fid": fid, "seq": seq, **fields}


# --------------------------------------------------------------------------- selection


@settings(max_examples=200, deadline=None)
@given(check=checks(), fact_list=facts())
def test_selection_is_exactly_the_facts_some_alternative_accepts(check: Check, fact_list: list[dict[str, Any]]) -> None:
    # FactIndex answers with indexes and set operations; here, each filter is evaluated on each fact
    index = FactIndex(fact_list)
    for pattern in [*check.when, *check.unless, *([check.count] if check.count else [])]:
        kind_facts = index.by_kind.get(pattern.kind, [])
        plain = []
        for alt in pattern.filter_list():
            tests = []
            for field, flt in alt:
                if flt.op == "in":
                    tests.append([(field, "eq", v) for v in flt.operand])
                elif flt.op == "not_in":
                    tests.extend([(field, "ne", v)] for v in flt.operand)
                else:
                    tests.append([(field, flt.op, flt.operand)])
            plain.append((alt, tests))
        # one alternative per `in` value, as the compiler makes them
        alternatives: list[tuple[Any, ...]] = []
        for _, tests in plain:
            combos: list[list[Any]] = [[]]
            for choice in tests:
                combos = [[*c, t] for c in combos for t in choice]
            alternatives.extend(tuple(c) for c in combos)
        expected = [
            n for n, f in enumerate(kind_facts)
            if any(all(filter_holds(f[field], flt) for field, flt in alt) for alt, _ in plain)
        ]
        assert index.accepted(pattern.kind, alternatives) == expected


# --------------------------------------------------------------------------- sessions and grouping


@given(keys=st.lists(st.sampled_from(["a", "b", "c", 1, "1", 2]), max_size=40), bound=st.integers(1, 8))
def test_sessions_hold_every_fact_once_keep_a_key_together_and_stay_bounded(keys: list[Any], bound: int) -> None:
    sessions = plan_sessions(len(keys), keys, bound, 10**6, "QC900")
    assert sorted(p for s in sessions for p in s) == list(range(len(keys)))
    assert all(s == sorted(s) for s in sessions)  # negation copies, which come first, stay first
    where: dict[Any, int] = {}
    for n, members in enumerate(sessions):
        for p in members:
            assert where.setdefault(keys[p], n) == n  # 1 and "1" are different keys
    biggest = max(Counter(keys).values(), default=0)
    assert all(len(s) <= max(bound - 1, 1, biggest) for s in sessions)


def test_count_rules_need_only_the_patterns_the_count_joins() -> None:
    check = make(
        when=[{"bind": "a", "kind": "d"}, {"bind": "b", "kind": "d", "join": {"task": {"eq": "a.task"}}}],
        count={"bind": "g", "kind": "d", "join": {"task": {"eq": "a.task"}}, "op": "ge", "value": 2},
    )
    assert count_scope(check) == (0,)
    deeper = make(
        when=[
            {"bind": "a", "kind": "d"},
            {"bind": "b", "kind": "d", "join": {"task": {"eq": "a.task"}}},
            {"bind": "c", "kind": "d", "join": {"task": {"eq": "b.task"}}},
        ],
        count={"bind": "g", "kind": "d", "join": {"holder": {"eq": "c.holder"}}, "op": "ge", "value": 1},
    )
    assert count_scope(deeper) == (0, 1, 2)


def _two_checks_on_duties() -> list[Check]:
    lead = make(
        "QC901",
        when=[{"bind": "d", "kind": "duty", "where": {"role": "lead"}}],
        unless=[{"kind": "duty", "where": {"role": "coop"}, "join": {"task": {"eq": "d.task"}}}],
    )
    pair = make(
        "QC902",
        when=[
            {"bind": "a", "kind": "duty"},
            {"bind": "b", "kind": "duty", "join": {"task": {"eq": "a.task"}, "seq": {"gt": "a.seq"}}},
        ],
    )
    return [lead, pair]


def test_checks_with_the_same_key_share_one_group() -> None:
    facts_ = [fact(f"d{n}", n, task=f"t{n % 3}", role=("lead", "coop")[n % 2]) for n in range(12)]
    groups = group_checks(_two_checks_on_duties(), FactIndex(facts_), 1000)
    assert [[c.code for c in g.checks] for g in groups] == [["QC901", "QC902"]]
    assert groups[0].positive == {"duty": "task"} and groups[0].negated == {"duty": "task"}


@needs_durable
def test_a_fact_read_by_two_checks_of_one_ruleset_is_asserted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    facts_ = [fact(f"d{n}", n, task=f"t{n % 3}", role=("lead", "coop")[n % 2]) for n in range(12)]
    asserted: list[int] = []

    def spy(rs: Any, bodies: Sequence[str]) -> Any:
        asserted.append(len(bodies))
        return real(rs, bodies)

    real = session_mod.run_session
    monkeypatch.setattr(engine_mod, "run_session", spy)
    checks_ = _two_checks_on_duties()
    assert durable_mod.DurableEngine().run(checks_, facts_) == ReferenceEngine().run(checks_, facts_)
    assert sum(asserted) == 12 + 6  # each duty once, and the negation copies of the 6 "coop" duties


@needs_durable
def test_sessions_stay_bounded_on_a_large_fact_set(monkeypatch: pytest.MonkeyPatch) -> None:
    fact_list = big_facts(seed=5, n_tasks=3_000)
    checks_ = [
        make(
            "QC901",
            when=[{"bind": "t", "kind": "task"}],
            unless=[{"kind": "coordination", "join": {"task": {"eq": "t.id"}}}],
            count={"bind": "g", "kind": "duty", "where": {"role": "lead"}, "join": {"task": {"eq": "t.id"}},
                   "op": "ge", "value": 2},
        ),
        make("QC902", when=[{"bind": "d", "kind": "duty", "where": {"deadline": ""}}]),
    ]
    sizes: list[int] = []

    def spy(rs: Any, bodies: Sequence[str]) -> Any:
        sizes.append(len(bodies))
        return real(rs, bodies)

    real = session_mod.run_session
    monkeypatch.setattr(engine_mod, "run_session", spy)
    assert durable_mod.DurableEngine().run(checks_, fact_list) == ReferenceEngine().run(checks_, fact_list)
    assert len(sizes) > 1 and max(sizes) < durable_mod.SESSION_BOUND


# --------------------------------------------------------------------------- guards of batch asserts


def _inject(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Change the facts' JSON texts on their way to the engine, as a defect of the adapter would."""
    real = session_mod.run_session

    def tampered(rs: Any, bodies: Sequence[str]) -> Any:
        return real(rs, change(list(bodies)))

    monkeypatch.setattr(engine_mod, "run_session", tampered)


PAIR = make(when=[{"bind": "a", "kind": "x"}, {"bind": "b", "kind": "x", "join": {"g": {"eq": "a.g"}}}])
PAIR_FACTS = [fact(f"f{n}", n, "x", g=n % 2) for n in range(6)]


@needs_durable
def test_a_fact_that_matches_no_rule_fails_the_batch_status(monkeypatch: pytest.MonkeyPatch) -> None:
    _inject(monkeypatch, lambda bodies: [*bodies, ',"sid":"0","z_k":"snothing","z_g":1}'])
    with pytest.raises(InternalError, match="assert_facts returned status 1"):
        durable_mod.DurableEngine().run([PAIR], PAIR_FACTS)


@needs_durable
def test_a_fact_dropped_silently_inside_a_batch_is_caught_by_the_stored_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    # durable stops a batch at a fact with more than 255 properties, answers 0, and stores none of the rest
    def overfull(bodies: list[str]) -> list[str]:
        extra = "".join(f',"p{n}":1' for n in range(300))
        return [bodies[0], bodies[1][:-1] + extra + "}", *bodies[2:]]

    _inject(monkeypatch, overfull)
    with pytest.raises(InternalError, match=r"stored facts .* differ from asserted facts"):
        durable_mod.DurableEngine().run([PAIR], PAIR_FACTS)


@needs_durable
def test_an_id_hash_collision_inside_a_batch_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[int, str] = {}
    n = 0
    while True:  # two ids with one 32-bit hash
        candidate = f"k{n}"
        if fnv1a32(candidate) in seen:
            pair = [seen[fnv1a32(candidate)], candidate]
            break
        seen[fnv1a32(candidate)] = candidate
        n += 1
    real_take = session_mod.IDS.take

    def colliding(count: int) -> list[str]:
        ids = real_take(count)
        return [*pair, *ids[2:]] if count >= 3 else ids

    monkeypatch.setattr(session_mod.IDS, "take", colliding)
    monkeypatch.setattr(session_mod.IDS, "index", {**session_mod.IDS.index, pair[0]: 0, pair[1]: 1})
    with pytest.raises(InternalError, match="assert_facts returned status 2"):
        durable_mod.DurableEngine().run([PAIR], PAIR_FACTS)


def test_the_stored_ids_are_read_from_the_facts_json() -> None:
    stored = '[{"id" : "f1","sid":"0","f_x":"sid"},{"id":"sentinel","sid":"0","z_s":1}]'
    assert session_mod._STORED_ID.findall(stored) == ["f1", "sentinel"]
    assert json.loads(stored)  # (valid JSON, as durable returns it)


def test_a_payload_is_read_off_its_text_as_its_json_reads() -> None:
    payload = ('{"q0c0_0":{"a0":{"id":"f3","sid":"0","z_k":"sregulation","z_g":1},'
               '"c":{"id":"f8","sid":"0","z_k":"stopic_covered","z_g":1,"f_topic":"sincoming-documents"}}}')
    assert session_mod._bound(payload) == session_mod._bound_json(payload) == ("q0c0_0", {"a0": "f3", "c": "f8"})


@pytest.mark.parametrize("payload", [
    '{"r":{"a0":{"sid":"0","id":"f3","z_g":1}}}',  # the id not first: read as JSON
    '{"r":{"a0":{"id":"f3"},"a0":{"id":"f4"}}}',  # one alias twice: read as JSON (which keeps the last)
    '{ "r" : { "a0" : { "id" : "f3" } } }',  # spaced
])
def test_a_payload_of_another_shape_is_read_as_json(payload: str) -> None:
    assert session_mod._bound(payload) == session_mod._bound_json(payload)


@settings(max_examples=200, deadline=None)
@given(rule=st.from_regex(r"q[0-9]c[0-9]_[0-9]", fullmatch=True),
       bound=st.dictionaries(st.from_regex(r"a[0-9]|c", fullmatch=True), st.from_regex(r"f[0-9]{1,5}", fullmatch=True),
                             min_size=1, max_size=4),
       values=st.lists(st.text(alphabet=st.characters(blacklist_characters='"\\', blacklist_categories=("Cs",))),
                       max_size=3))
def test_a_payload_written_as_durable_writes_it_is_read_as_its_json(rule: str, bound: dict[str, str],
                                                                   values: list[str]) -> None:
    # durable writes each bound fact as it was asserted: its id first, then values that never hold a quote
    facts = {alias: {"id": fid, "sid": "0", **{f"f_{n}": "s" + v for n, v in enumerate(values)}}
             for alias, fid in bound.items()}
    payload = json.dumps({rule: facts}, separators=(",", ":"), ensure_ascii=False)
    assert session_mod._bound(payload) == session_mod._bound_json(payload) == (rule, bound)


#: built-in checks durable-rules cannot split into sessions, and why their facts stay few at any size
UNSPLIT = {"QC208": "one regulation fact, its follow-up topics and the topics covered: bounded by the vocabulary"}


def test_every_built_in_check_can_be_split_into_sessions_or_has_few_facts() -> None:
    """A check durable-rules cannot partition runs in one session, refused past SESSION_CAP facts: at 100,000
    provisions a check joining task_deadline facts by fid alone needed 56,818 (QC503, found by the benchmark)."""
    from quyche_rules.checks.catalogue import all_checks
    from quyche_rules.engines.durable.partition import partition_keys

    unsplit = {s.code for s in all_checks().values() if s.declarative is not None
               and not partition_keys(s.declarative)}
    assert unsplit == set(UNSPLIT)
