"""The built-in catalogue gives identical matches on both engines, on generated regulations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.checks.runner import build_context
from quyche_rules.engines import durable_available, run_checked
from quyche_rules.loading import LoadedRegulation
from quyche_rules.model import Regulation
from tests.strategies import regulations

pytestmark = [
    pytest.mark.slow,  # the everyday loop is `pytest -m "not slow"`; CI runs everything
    pytest.mark.skipif(not durable_available(), reason="durable-rules is not installed"),
]

DECLARATIVE = [s.declarative for s in all_checks().values() if s.declarative is not None]


def _facts(reg: Regulation) -> list[dict[str, str | int]]:
    return build_context(LoadedRegulation(reg, Path("."), None)).facts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulations())
def test_engines_agree_on_generated_regulations(reg: Regulation) -> None:
    facts = _facts(reg)
    # run_checked raises EngineDisagreement when the two answers differ
    result = run_checked(DECLARATIVE, facts, "both")
    assert result.engines_run == ("durable", "reference") or set(result.engines_run) == {"durable", "reference"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(reg=regulations(), bound=st.integers(2, 12), chunk=st.integers(1, 5))
def test_engines_agree_with_tiny_sessions_and_rulesets(reg: Regulation, bound: int, chunk: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # The catalogue's checks grouped as in production, but split over sessions of a few facts and rulesets
    # of a few rules, so that grouping, partitioning and selection by partition are exercised on every example.
    from quyche_rules.engines import durable

    with monkeypatch.context() as mp:
        mp.setattr(durable, "SESSION_BOUND", bound)
        mp.setattr(durable, "RULES_PER_RULESET", chunk)
        result = run_checked(DECLARATIVE, _facts(reg), "both")
    assert set(result.engines_run) == {"durable", "reference"}


@pytest.mark.slow
def test_engines_agree_beyond_fifty_thousand_facts(tmp_path: Path) -> None:
    import subprocess
    import sys

    from quyche_rules.loading import load_regulation
    from tests.conftest import ROOT

    out = tmp_path / "big"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--provisions", "9000",
                    "--seed", "7", "--out", str(out)], check=True, timeout=300)
    reg = load_regulation(out).regulation
    facts = _facts(reg)
    assert len(facts) > 50_000
    result = run_checked(DECLARATIVE, facts, "both")
    assert result.matches
