"""Short fuzzing run of the amendment parser and consolidation (CI).

``parse_amendment`` returns an amendment or raises ``LoadFailed`` (QC0xx); applying a parsed amendment never
raises; the consolidated regulation, written as ``quyche amend -o`` writes it, loads back to the same model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quyche_rules.loading import LoadedRegulation
from quyche_rules.model import Regulation
from tests import strategies as s
from tests.fuzz.conftest import report
from tests.fuzz.engine import AmendmentTarget, campaign, consolidate_and_verify, dump_data, mutate_data

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

FUZZ = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def target(workdir: Path) -> AmendmentTarget:
    return AmendmentTarget(workdir / "amendments")


def test_seeded_campaign_of_amendment_files(workdir: Path) -> None:
    stats = campaign("amendments", 400, seed=3_2024, workdir=workdir / "campaign")
    assert stats.failures == 0, report(stats)


@FUZZ
@given(data=st.binary(max_size=1500), base=st.sampled_from(["mau-toi-thieu", "mau-sua-doi"]))
def test_arbitrary_bytes_as_an_amendment_file(target: AmendmentTarget, data: bytes, base: str) -> None:
    target.run(base, data)


@FUZZ
@given(st.data())
def test_generated_amendments_of_generated_regulations(workdir: Path, data: st.DataObject) -> None:
    reg: Regulation = data.draw(s.whole_regulations(max_articles=3))
    amendment = data.draw(s.amendment_data(reg))
    rnd = data.draw(st.randoms(use_true_random=False))
    raw = s.yaml_bytes(amendment) if rnd.random() < 0.7 else dump_data(rnd, mutate_data(rnd, amendment))
    consolidate_and_verify(LoadedRegulation(reg, Path("."), None), raw, workdir / "generated")
