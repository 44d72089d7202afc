"""Short fuzzing run of the loader (CI): any bytes in any rule file give findings or a diagnostic, never a crash.

The long run is ``python benchmarks/fuzz.py --inputs 100000``; both use tests/fuzz/engine.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.fuzz.conftest import report
from tests.fuzz.engine import LoaderTarget, campaign

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

PLACES = ["regulation.yaml", "actors.yaml", "tasks.yaml", "articles/dieu-01.yaml", "articles/dieu-09.yaml",
          "checks.yaml"]
FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def target(workdir: Path) -> LoaderTarget:
    return LoaderTarget(workdir / "loader")


def test_seeded_campaign_of_mutated_rule_files(workdir: Path) -> None:
    stats = campaign("loader", 500, seed=7_2024, workdir=workdir / "campaign")
    assert stats.tried == 500
    assert stats.failures == 0, report(stats)
    assert stats.diagnostics > 100  # the mutations do reach the diagnostics


@FUZZ
@given(data=st.binary(max_size=2000), place=st.sampled_from(PLACES))
def test_arbitrary_bytes_as_a_rule_file(target: LoaderTarget, data: bytes, place: str) -> None:
    target.run(place, data)


@FUZZ
@given(text=st.text(max_size=400), place=st.sampled_from(PLACES))
def test_arbitrary_text_as_a_rule_file(target: LoaderTarget, text: str, place: str) -> None:
    target.run(place, text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), place=st.sampled_from(PLACES))
def test_both_engines_agree_on_fuzzed_folders(target: LoaderTarget, data: bytes, place: str) -> None:
    target.run(place, data, engine="both")


def test_a_real_process_never_shows_a_traceback(tmp_path: Path) -> None:
    """Without QUYCHE_DEBUG, in a fresh process: exit 1 or 2 and a located diagnostic, whatever the bytes."""
    import random

    target = LoaderTarget(tmp_path)
    rnd = random.Random(99)
    for _ in range(4):
        place, data = target.generate(rnd)
        (target.folder / place).write_bytes(data)
        proc = subprocess.run([sys.executable, "-m", "quyche_rules", "check", str(target.folder), "--engine",
                               "reference"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        target.restore()
        assert proc.returncode in (0, 1, 2)
        assert "Traceback" not in proc.stdout + proc.stderr
        assert "lỗi nội bộ" not in proc.stderr
