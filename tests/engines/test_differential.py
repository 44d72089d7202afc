"""Differential tests: the durable-rules adapter must agree with the reference evaluator."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings, target
from hypothesis import strategies as st

from quyche_rules.engines import ReferenceEngine, partition_key, run_checked
from quyche_rules.engines.compare import format_disagreement
from quyche_rules.lang.model import Check

from .strategies import META, big_facts, checks, facts

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

durable_mod = pytest.importorskip("quyche_rules.engines.durable")
if not durable_mod.durable_available():  # pragma: no cover - Python 3.13+ or not installed
    pytest.skip("durable-rules not importable", allow_module_level=True)

DurableEngine = durable_mod.DurableEngine
SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def assert_agree(check_list: list[Check], fact_list: list[dict[str, Any]]) -> None:
    ref = ReferenceEngine().run(check_list, fact_list)
    dur = DurableEngine().run(check_list, fact_list)
    assert ref == dur, format_disagreement(ref, dur)
    event(f"matches: {'0' if not ref else '1-9' if len(ref) < 10 else '10+'}")
    target(float(min(len(ref), 20)), label="matches (capped)")


@settings(SETTINGS, max_examples=250)
@given(check=checks(), fact_list=facts())
def test_durable_equals_reference(check: Check, fact_list: list[dict[str, Any]]) -> None:
    assert_agree([check], fact_list)


@settings(SETTINGS, max_examples=120)
@given(
    check=checks(keyed=True), fact_list=facts(max_size=24), bound=st.integers(1, 6), chunk=st.integers(1, 3)
)
def test_durable_partitioned_sessions_equal_reference(
    check: Check, fact_list: list[dict[str, Any]], bound: int, chunk: int, monkeypatch_module: Any
) -> None:
    # Tiny sessions and rulesets, so partitioning and rule chunking are exercised on every example.
    monkeypatch_module.setattr(durable_mod, "SESSION_BOUND", bound)
    monkeypatch_module.setattr(durable_mod, "RULES_PER_RULESET", chunk)
    if partition_key(check) is None:
        monkeypatch_module.setattr(durable_mod, "LARGE_SESSION_CAP", 10**6)
    assert_agree([check], fact_list)


@settings(SETTINGS, max_examples=40)
@given(check_list=st.lists(checks(), min_size=2, max_size=3), fact_list=facts())
def test_several_checks_at_once(check_list: list[Check], fact_list: list[dict[str, Any]]) -> None:
    codes = [c.model_copy(update={"code": f"QC9{n:02d}"}) for n, c in enumerate(check_list)]
    result = run_checked(codes, fact_list, "both")
    assert result.engines_run == ("reference", "durable")


@settings(SETTINGS, max_examples=120)
@given(
    check_list=st.lists(checks(keyed=True), min_size=2, max_size=4),
    fact_list=facts(max_size=24),
    bound=st.integers(1, 6),
    chunk=st.integers(1, 4),
)
def test_several_keyed_checks_sharing_rulesets_and_sessions_equal_reference(
    check_list: list[Check], fact_list: list[dict[str, Any]], bound: int, chunk: int, monkeypatch_module: Any
) -> None:
    # Checks whose keys agree are grouped: they share rulesets (split at `chunk` rules) and tiny sessions.
    monkeypatch_module.setattr(durable_mod, "SESSION_BOUND", bound)
    monkeypatch_module.setattr(durable_mod, "RULES_PER_RULESET", chunk)
    monkeypatch_module.setattr(durable_mod, "LARGE_SESSION_CAP", 10**6)
    codes = [c.model_copy(update={"code": f"QC9{n:02d}"}) for n, c in enumerate(check_list)]
    assert_agree(codes, fact_list)


def _big_checks() -> list[Check]:
    def make(code: str, **body: Any) -> Check:
        return Check.model_validate({"code": code, "name": code.lower(), **META, **body})

    return [
        # QC301-like: a required task with two or more valid lead duties, unless a coordination exists
        make(
            "QC301",
            when=[{"bind": "t", "kind": "task", "where": {"required": 1}}],
            unless=[{"kind": "coordination", "where": {"deadline": 3}, "join": {"task": {"eq": "t.id"}}}],
            count={
                "bind": "leads",
                "kind": "duty",
                "where": {"role": "lead"},
                "join": {"task": {"eq": "t.id"}},
                "op": "ge",
                "value": 2,
            },
        ),
        # unordered pairs of duties of one task held by different actors with different deadlines
        make(
            "QC302",
            when=[
                {"bind": "a", "kind": "duty", "where": {"role": {"in": ["lead", "responsible"]}}},
                {
                    "bind": "b",
                    "kind": "duty",
                    "where": {"role": {"ne": "cooperate"}},
                    "join": {"task": {"eq": "a.task"}, "seq": {"gt": "a.seq"}, "holder": {"ne": "a.holder"}},
                },
            ],
        ),
        # a task with no lead: nothing matches unless no lead duty exists
        make(
            "QC201",
            when=[{"bind": "t", "kind": "task", "where_any": [{"required": 1}, {"name": "Nhiệm vụ 7"}]}],
            unless=[{"kind": "duty", "where": {"role": "lead"}, "join": {"task": {"eq": "t.id"}}}],
        ),
        # three-pattern join with a deadline ordering
        make(
            "QC501",
            when=[
                {"bind": "t", "kind": "task"},
                {"bind": "d", "kind": "duty", "where": {"role": "lead"}, "join": {"task": {"eq": "t.id"}}},
                {
                    "bind": "c",
                    "kind": "coordination",
                    "join": {"task": {"eq": "d.task"}, "deadline": {"lt": "d.deadline"}},
                },
            ],
        ),
        # unpartitionable (the actor join is not on the task key) but small: actors x invalid
        make(
            "QC101",
            when=[
                {"bind": "u", "kind": "actor", "where": {"valid": 0}},
            ],
            count={
                "bind": "held",
                "kind": "actor",
                "where": {"valid": 0},
                "join": {"seq": {"le": "u.seq"}},
                "op": "ge",
                "value": 1,
            },
        ),
    ]


@pytest.mark.slow
def test_large_fact_set_durable_equals_reference() -> None:
    fact_list = big_facts(seed=20240301, n_tasks=15_000)
    assert len(fact_list) > 50_000
    check_list = _big_checks()
    t0 = time.perf_counter()
    ref = ReferenceEngine().run(check_list, fact_list)
    t_ref = time.perf_counter() - t0
    t0 = time.perf_counter()
    dur = DurableEngine().run(check_list, fact_list)
    t_dur = time.perf_counter() - t0
    assert ref == dur, format_disagreement(ref, dur)
    per_code = {c.code: sum(m.code == c.code for m in ref) for c in check_list}
    assert all(per_code.values()), per_code
    print(f"\n{len(fact_list)} facts, matches {per_code}: reference {t_ref:.2f}s, durable {t_dur:.2f}s")
