"""Unit tests of the engines: input contract, semantics, partitioning, comparison."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from quyche_rules.engines import (
    EngineChoice,
    Match,
    ReferenceEngine,
    durable_available,
    partition_key,
    run_checked,
    validate_facts,
)
from quyche_rules.engines import compare as compare_mod
from quyche_rules.engines import durable as durable_mod
from quyche_rules.errors import ConfigError, EngineDisagreement, InternalError
from quyche_rules.i18n import Text
from quyche_rules.lang.model import Check

from .strategies import META

needs_durable = pytest.mark.skipif(not durable_available(), reason="durable-rules not importable")


def make(**body: Any) -> Check:
    return Check.model_validate({"code": "QC900", "name": "t", **META, **body})


def fact(fid: str, seq: int, kind: str = "x", **fields: int | str) -> dict[str, int | str]:
    return {"kind": kind, "fid": fid, "seq": seq, **fields}


def both(check: Check, facts: list[dict[str, Any]]) -> list[Match]:
    """Run both engines (when durable is there) and return the agreed answer."""
    return list(run_checked([check], facts, "both").matches)


# --------------------------------------------------------------------------- input contract


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ([["not", "a", "mapping"]], "not a mapping"),
        ([fact("a", 0, Bad=1)], "invalid field name"),
        ([fact("a", 0, v=1.5)], "float"),
        ([fact("a", 0, v=True)], "bool"),
        ([fact("a", 0, v=None)], "NoneType"),
        ([fact("a", 0, v=2**63)], "outside int64"),
        ([{"fid": "a", "seq": 0}], "lacks kind"),
        ([{"kind": "x", "seq": 0}], "lacks fid"),
        ([{"kind": "x", "fid": "a", "seq": -1}], "lacks seq"),
        ([fact("a", 0), fact("a", 1)], "duplicate fid"),
        ([fact("a", 0), fact("b", 0)], "duplicate seq"),
    ],
)
def test_contract_violations_raise_internal_error(facts: list[Any], words: str) -> None:
    with pytest.raises(InternalError) as info:
        validate_facts(facts)
    assert words in info.value.what.en
    assert info.value.what.vi and info.value.expected is not None and info.value.fix is not None


def test_missing_field_read_by_a_check_is_a_contract_violation() -> None:
    check = make(when=[{"bind": "a", "kind": "x", "where": {"role": "lead"}}])
    facts = [fact("a", 0, role="lead"), fact("b", 1)]
    with pytest.raises(InternalError, match="lacks field «role»"):
        ReferenceEngine().run([check], facts)
    if durable_available():
        with pytest.raises(InternalError, match="lacks field «role»"):
            durable_mod.DurableEngine().run([check], facts)


# --------------------------------------------------------------------------- semantics


def test_equality_is_typed_and_ordering_needs_integers() -> None:
    facts = [fact("i", 0, v=7), fact("s", 1, v="7"), fact("e", 2, v="")]
    assert [m.bindings for m in both(make(when=[{"bind": "a", "kind": "x", "where": {"v": 7}}]), facts)] == [
        (("a", "i"),)
    ]
    assert [
        m.bindings for m in both(make(when=[{"bind": "a", "kind": "x", "where": {"v": "7"}}]), facts)
    ] == [(("a", "s"),)]
    ge = both(make(when=[{"bind": "a", "kind": "x", "where": {"v": {"ge": 0}}}]), facts)
    assert [m.bindings for m in ge] == [(("a", "i"),)]
    ne = both(make(when=[{"bind": "a", "kind": "x", "where": {"v": {"ne": 7}}}]), facts)
    assert [dict(m.bindings)["a"] for m in ne] == ["e", "s"]
    joined = both(
        make(when=[{"bind": "a", "kind": "x"}, {"bind": "b", "kind": "x", "join": {"v": {"eq": "a.v"}}}]),
        facts,
    )
    assert {m.bindings for m in joined} == {(("a", f), ("b", f)) for f in ("i", "s", "e")}


def test_one_fact_may_bind_twice_unless_excluded() -> None:
    facts = [fact("a", 0, g=1), fact("b", 1, g=1)]
    loose = make(when=[{"bind": "p", "kind": "x"}, {"bind": "q", "kind": "x", "join": {"g": {"eq": "p.g"}}}])
    assert len(both(loose, facts)) == 4
    pairs = make(
        when=[
            {"bind": "p", "kind": "x"},
            {"bind": "q", "kind": "x", "join": {"g": {"eq": "p.g"}, "seq": {"gt": "p.seq"}}},
        ]
    )
    assert [m.bindings for m in both(pairs, facts)] == [(("p", "a"), ("q", "b"))]


def test_candidates_narrowed_by_the_most_selective_filter_are_those_every_filter_passes() -> None:
    # the reference engine starts each alternative from its smallest eq/in index list: the answer (and its
    # order) must be that of testing every filter on every fact, in input order
    from quyche_rules.engines.reference import _passes, _Run

    facts = [fact(f"f{i}", 100 - i, n=i % 3, r=("lead", "coop", "resp", 7)[i % 4], v=1 if i % 10 else 0)
             for i in range(40)]
    patterns = [
        {"n": {"in": [0, 2, 0]}, "v": 0},  # the second filter is the selective one
        {"r": {"in": ["coop", 7, "7"]}},  # a list of keys, of two types (7 is not "7")
        {"r": "lead", "n": {"ne": 1}},
    ]
    for where in patterns:
        check = make(when=[{"bind": "a", "kind": "x", "where": where}])
        got = _Run(facts).candidates(check.when[0])[1]
        assert got == _passes(check.when[0], facts) and got
    any_check = make(when=[{"bind": "a", "kind": "x", "where_any": [{"r": 7, "v": 0}, {"n": {"in": [1]}}]}])
    got = _Run(facts).candidates(any_check.when[0])[1]
    assert got == _passes(any_check.when[0], facts) and [f["fid"] for f in got] == sorted(
        (f["fid"] for f in got), key=lambda fid: int(str(fid)[1:]))  # input order, not the index's


def test_where_any_in_not_in() -> None:
    facts = [fact(f"f{i}", i, r=r) for i, r in enumerate(["lead", "coop", "resp", "other"])]
    check = make(
        when=[{"bind": "a", "kind": "x", "where_any": [{"r": "lead"}, {"r": {"in": ["coop", "resp"]}}]}]
    )
    assert [dict(m.bindings)["a"] for m in both(check, facts)] == ["f0", "f1", "f2"]
    check = make(when=[{"bind": "a", "kind": "x", "where": {"r": {"not_in": ["lead", "coop"]}}}])
    assert [dict(m.bindings)["a"] for m in both(check, facts)] == ["f2", "f3"]


def test_count_group_and_zero_count() -> None:
    facts = [
        fact("t1", 0, "task", id="t1"),
        fact("t2", 1, "task", id="t2"),
        fact("d2", 2, "duty", task="t1", role="lead"),
        fact("d1", 3, "duty", task="t1", role="lead"),
        fact("d3", 4, "duty", task="t2", role="coop"),
    ]
    many = make(
        when=[{"bind": "t", "kind": "task"}],
        count={
            "bind": "g",
            "kind": "duty",
            "where": {"role": "lead"},
            "join": {"task": {"eq": "t.id"}},
            "op": "ge",
            "value": 2,
        },
    )
    assert both(many, facts) == [Match("QC900", (("t", "t1"),), ("d1", "d2"), 2)]
    none_ = make(
        when=[{"bind": "t", "kind": "task"}],
        count={
            "bind": "g",
            "kind": "duty",
            "where": {"role": "lead"},
            "join": {"task": {"eq": "t.id"}},
            "op": "eq",
            "value": 0,
        },
    )
    assert both(none_, facts) == [Match("QC900", (("t", "t2"),), (), 0)]


def test_unless_without_join_blocks_everything() -> None:
    check = make(when=[{"bind": "a", "kind": "x"}], unless=[{"kind": "stop"}])
    assert len(both(check, [fact("a", 0)])) == 1
    assert both(check, [fact("a", 0), fact("s", 1, "stop")]) == []


def test_negated_kind_also_positive_is_exact() -> None:
    # the same kind is both matched and negated: negation copies keep the blocker-first order
    facts = [fact("d1", 0, "duty", task="t", role="lead"), fact("d2", 1, "duty", task="t", role="coop")]
    check = make(
        when=[{"bind": "d", "kind": "duty", "where": {"role": "lead"}}],
        unless=[{"kind": "duty", "where": {"role": "coop"}, "join": {"task": {"eq": "d.task"}}}],
    )
    assert both(check, facts) == []
    assert len(both(check, facts[:1])) == 1


# --------------------------------------------------------------------------- partitioning


def test_partition_key_inference() -> None:
    qc301 = make(
        when=[{"bind": "t", "kind": "task"}, {"bind": "d", "kind": "duty", "join": {"task": {"eq": "t.id"}}}],
        unless=[{"kind": "coop", "join": {"task": {"eq": "d.task"}, "holder": {"eq": "d.holder"}}}],
        count={"bind": "g", "kind": "duty", "join": {"task": {"eq": "t.id"}}, "op": "ge", "value": 1},
    )
    key = partition_key(qc301)
    assert key is not None
    assert dict(key.positive) == {"task": "id", "duty": "task"}
    assert dict(key.negated) == {"coop": "task"}
    assert partition_key(make(when=[{"bind": "a", "kind": "x"}])) == durable_mod.PartitionKey(
        {"x": "fid"}, {}
    )
    # an unless without an equality join on the key cannot be partitioned
    assert partition_key(make(when=[{"bind": "a", "kind": "x"}], unless=[{"kind": "y"}])) is None
    ne_only = make(
        when=[{"bind": "a", "kind": "x"}, {"bind": "b", "kind": "y", "join": {"g": {"ne": "a.g"}}}]
    )
    assert partition_key(ne_only) is None
    # one kind keyed by two different fields: each fact must go to one partition, so no
    conflict = make(
        when=[
            {"bind": "a", "kind": "x"},
            {"bind": "b", "kind": "x", "join": {"parent": {"eq": "a.id"}}},
            {"bind": "c", "kind": "y", "join": {"ref": {"eq": "a.id"}}},
        ]
    )
    assert partition_key(conflict) is None


@needs_durable
def test_unsplittable_session_above_cap_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable_mod, "SESSION_BOUND", 3)
    monkeypatch.setattr(durable_mod, "LARGE_SESSION_CAP", 5)
    check = make(when=[{"bind": "a", "kind": "x"}, {"bind": "b", "kind": "x", "join": {"g": {"ne": "a.g"}}}])
    facts = [fact(f"f{i}", i, g=i % 2) for i in range(6)]
    with pytest.raises(InternalError, match="unsplittable session of 6 facts"):
        durable_mod.DurableEngine().run([check], facts)
    monkeypatch.setattr(durable_mod, "LARGE_SESSION_CAP", 6)
    assert durable_mod.DurableEngine().run([check], facts) == ReferenceEngine().run([check], facts)


@needs_durable
def test_too_many_alternatives_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable_mod, "MAX_RULES_PER_CHECK", 4)
    check = make(when=[{"bind": "a", "kind": "x", "where": {"v": {"in": [1, 2, 3]}, "w": {"in": [1, 2]}}}])
    with pytest.raises(ConfigError, match="too many alternatives"):
        durable_mod.DurableEngine().run([check], [fact("a", 0, v=1, w=1)])


def test_assign_ids_avoid_reserved_and_each_other() -> None:
    ids = durable_mod._assign_ids(30_000, {durable_mod.fnv1a32("f0")})
    assert ids[0] != "f0"
    hashes = {durable_mod.fnv1a32(i) for i in ids}
    assert len(hashes) == len(ids) and durable_mod.fnv1a32("f0") not in hashes


def test_encoding_is_injective_and_never_an_integer() -> None:
    values: list[int | str] = [7, "7", "", "s7", "x37", "Vụ Tổng hợp", 'a"b', "a\\b", -3]
    encoded = [durable_mod._encode(v) for v in values]
    assert len(set(map(repr, encoded))) == len(values)
    for e in encoded:
        if isinstance(e, str):
            assert e[0] in "sx" and e.isascii() and '"' not in e and "\\" not in e


# --------------------------------------------------------------------------- comparison


def test_disagreement_raises_with_both_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    facts = [fact("a", 0), fact("b", 1)]
    monkeypatch.setattr(compare_mod, "durable_available", lambda: True)

    class Liar:
        name = "durable"

        def run(self, checks: Any, facts: Any, *, validated: bool = False) -> list[Match]:
            return [Match("QC900", (("a", "a"),)), Match("QC900", (("a", "zz"),))]

    monkeypatch.setattr(compare_mod, "DurableEngine", Liar)
    with pytest.raises(EngineDisagreement) as info:
        run_checked([check], facts, "both")
    details = info.value.details
    assert "only in reference (1)" in details and "a=b" in details
    assert "only in durable (1)" in details and "a=zz" in details
    assert info.value.what.vi and "disagree" in info.value.render("en")


def test_reference_only_when_durable_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    monkeypatch.setattr(compare_mod, "durable_available", lambda: False)
    result = run_checked([check], [fact("a", 0)], "both")
    assert result.engines_run == ("reference",)
    assert [n.en for n in result.notes] == ["durable-rules not importable: reference engine only"]
    monkeypatch.setattr(durable_mod, "_available", False)
    with pytest.raises(ConfigError) as info:
        run_checked([check], [fact("a", 0)], "durable")
    assert info.value.fix is not None and "pip install 'quyche-rules[durable]'" in info.value.fix.en
    assert info.value.expected is not None and "3.12" in info.value.expected.en


def test_durable_available_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable_mod, "_available", None)
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)  # import now fails
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    assert durable_mod.durable_available() is False


def test_importing_engines_does_not_import_durable() -> None:
    code = (
        "import sys, quyche_rules.engines, quyche_rules.lang; "
        "print('durable' in sys.modules or 'durable_rules_engine' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_results_sorted_and_deterministic() -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    facts = [fact(f"f{i}", 9 - i) for i in range(10)]
    first = run_checked([check], facts).matches
    assert list(first) == sorted(first, key=Match.sort_key)
    assert run_checked([check], list(reversed(facts))).matches == first


def test_engines_revalidate_checks_built_without_the_loader() -> None:
    bad = make(when=[{"bind": "a", "kind": "x", "join": {"g": {"eq": "b.g"}}}, {"bind": "b", "kind": "x"}])
    with pytest.raises(ConfigError, match="comes later"):
        ReferenceEngine().run([bad], [])
    if durable_available():
        with pytest.raises(ConfigError, match="comes later"):
            durable_mod.DurableEngine().run([bad], [])


def test_both_engines_share_one_validation_of_the_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: the facts are validated once per run, not once per engine; a broken fact is still refused."""
    calls: list[int] = []
    original = compare_mod.validate_facts

    def counting(facts: Any, checks: Any = ()) -> None:
        calls.append(len(facts))
        original(facts, checks)

    monkeypatch.setattr(compare_mod, "validate_facts", counting)
    monkeypatch.setattr("quyche_rules.engines.reference.validate_facts", counting)
    monkeypatch.setattr("quyche_rules.engines.durable.validate_facts", counting)
    check = make(when=[{"bind": "a", "kind": "x"}])
    run_checked([check], [fact("a", 0), fact("b", 1)], "both")
    assert calls == [2]
    with pytest.raises(InternalError):
        run_checked([check], [fact("a", 0), {"kind": "x"}], "both")


# --------------------------------------------------------------------------- the durable engine beside


@pytest.fixture()
def beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the engines beside the caller whatever the number of facts (and of cores)."""
    if sys.platform != "linux":
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(compare_mod, "PARALLEL_FACTS", 0)
    monkeypatch.setattr(compare_mod, "PARALLEL_REFERENCE_FACTS", 0)
    monkeypatch.setattr(compare_mod.parallel, "available", lambda: True)


@needs_durable
def test_durable_beside_gives_the_same_answer(beside: None) -> None:
    check = make(when=[{"bind": "a", "kind": "x", "where": {"n": 1}}, {"bind": "b", "kind": "x", "where": {"n": 2}}])
    facts = [fact(f"f{i}", i, n=i % 4) for i in range(12)]
    pending = compare_mod.start_checked([check], facts, "both")
    assert pending._durable is not None  # it did start beside
    result = pending.result()
    assert result.engines_run == ("reference", "durable")
    assert result.matches == run_checked([check], facts, "reference").matches and result.matches


@needs_durable
def test_durable_beside_still_refuses_a_disagreement(beside: None, monkeypatch: pytest.MonkeyPatch) -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    monkeypatch.setattr(compare_mod, "_durable_matches", lambda checks, facts: [Match("QC900", (("a", "zz"),))])
    with pytest.raises(EngineDisagreement) as info:
        compare_mod.start_checked([check], [fact("a", 0)], "both").result()
    assert "only in durable (1)" in info.value.details and "a=zz" in info.value.details


@needs_durable
def test_an_error_of_durable_beside_reaches_the_caller(beside: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(checks: Any, facts: Any) -> list[Match]:
        raise InternalError(Text.of("durable hỏng", "durable broke"))

    monkeypatch.setattr(compare_mod, "_durable_matches", broken)
    with pytest.raises(InternalError) as info:
        compare_mod.start_checked([make(when=[{"bind": "a", "kind": "x"}])], [fact("a", 0)], "both").result()
    assert info.value.what.en == "durable broke"


@pytest.mark.parametrize("engine", ["reference", "durable"])
def test_one_engine_beside_gives_its_answer(beside: None, engine: EngineChoice) -> None:
    if engine == "durable" and not durable_available():
        pytest.skip("durable-rules not importable")
    check = make(when=[{"bind": "a", "kind": "x", "where": {"n": 1}}, {"bind": "b", "kind": "x", "where": {"n": 2}}])
    facts = [fact(f"f{i}", i, n=i % 4) for i in range(12)]
    pending = compare_mod.start_checked([check], facts, engine)
    assert pending._engines is not None
    result = pending.result()
    assert result == run_checked([check], facts, engine) and result.matches


@needs_durable
def test_facts_that_break_the_contract_are_refused_even_when_the_reference_engine_runs_here(beside: None) -> None:
    # with both engines the reference engine runs in this process without validating (durable's side does it
    # first): a missing field would make it fail its own way, but the contract's error is the one shown
    check = make(when=[{"bind": "a", "kind": "x", "where": {"n": 1}}])
    with pytest.raises(InternalError) as info:
        compare_mod.start_checked([check], [fact("a", 0, n=1), fact("b", 1)], "both").result()
    assert "lacks field «n»" in info.value.what.en


def test_invalid_facts_beside_are_refused_as_in_one_process(beside: None) -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    with pytest.raises(InternalError) as info:
        compare_mod.start_checked([check], [fact("a", 0), {"kind": "x"}], "reference").result()
    assert "fid" in info.value.what.en


def _forked(pending: compare_mod.PendingResult) -> bool:
    return pending._durable is not None or pending._engines is not None


def test_few_facts_never_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    monkeypatch.setattr(compare_mod.parallel, "available", lambda: True)
    assert not _forked(compare_mod.start_checked([check], [fact("a", 0)], "both"))  # under PARALLEL_FACTS
    assert not _forked(compare_mod.start_checked([check], [fact("a", 0)], "reference"))
    monkeypatch.setattr(compare_mod, "PARALLEL_FACTS", 0)  # the reference engine alone needs more facts to fork
    assert not _forked(compare_mod.start_checked([check], [fact("a", 0)], "reference"))
    monkeypatch.setattr(compare_mod.parallel, "available", lambda: False)
    monkeypatch.setattr(compare_mod, "PARALLEL_REFERENCE_FACTS", 0)
    assert not _forked(compare_mod.start_checked([check], [fact("a", 0)], "reference"))  # one core, serial


@needs_durable
def test_one_engine_stays_here_when_the_caller_took_the_other_core(beside: None) -> None:
    check = make(when=[{"bind": "a", "kind": "x"}])
    assert not _forked(compare_mod.start_checked([check], [fact("a", 0)], "reference", alone_beside=False))
    alone = compare_mod.start_checked([check], [fact("a", 0)], "reference")
    assert _forked(alone) and alone.result().engines_run == ("reference",)
    pending = compare_mod.start_checked([check], [fact("a", 0)], "both", alone_beside=False)
    assert pending._durable is not None  # both engines: durable-rules still goes beside
    assert pending.result().engines_run == ("reference", "durable")


def test_too_many_facts_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # the child would copy the pages of every fact it reads: above the cap the memory matters more
    check = make(when=[{"bind": "a", "kind": "x"}])
    monkeypatch.setattr(compare_mod.parallel, "available", lambda: True)
    monkeypatch.setattr(compare_mod, "PARALLEL_FACTS", 0)
    monkeypatch.setattr(compare_mod, "PARALLEL_MAX_FACTS", 1)
    assert not _forked(compare_mod.start_checked([check], [fact("a", 0), fact("b", 1)], "both"))


@needs_durable
def test_the_provisional_answer_is_the_reference_engines_confirmed_by_durable(beside: None,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    check = make(when=[{"bind": "a", "kind": "x", "where": {"n": 1}}])
    facts = [fact(f"f{i}", i, n=i % 2) for i in range(6)]
    pending = compare_mod.start_checked([check], facts, "both")
    early = pending.provisional()
    assert early is not None and early == pending.result() == run_checked([check], facts, "both")
    pending.confirm()  # (already confirmed: nothing more to wait for)
    monkeypatch.setattr(compare_mod, "_durable_matches", lambda checks, facts: [])
    disagreeing = compare_mod.start_checked([check], facts, "both")
    assert disagreeing.provisional() == early  # the reference engine's answer, not yet confirmed
    with pytest.raises(EngineDisagreement):
        disagreeing.confirm()


def test_without_durable_beside_there_is_no_provisional_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_mod.parallel, "available", lambda: False)
    pending = compare_mod.start_checked([make(when=[{"bind": "a", "kind": "x"}])], [fact("a", 0)], "both")
    assert pending.provisional() is None
    pending.confirm()  # nothing beside: nothing to confirm
    assert pending.result().matches
