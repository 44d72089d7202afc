"""The built-in catalogue gives identical matches on both engines, on generated regulations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

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
