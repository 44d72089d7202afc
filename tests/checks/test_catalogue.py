"""The catalogue: every check is documented, cites the law, and its examples fire and pass as declared."""

from __future__ import annotations

import pytest

from quyche_rules.checks.examples import example_codes
from quyche_rules.checks.registry import all_checks
from tests.conftest import MINIMAL

SPECS = all_checks()


def test_catalogue_has_at_least_thirty_checks_with_unique_names() -> None:
    assert len(SPECS) >= 30
    names = [s.name for s in SPECS.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code", sorted(SPECS))
def test_check_is_documented_in_both_languages(code: str) -> None:
    spec = SPECS[code]
    for text in (spec.title, spec.message, spec.rationale, spec.fix):
        assert text.vi.strip() and text.en.strip()
    assert spec.examples is not None, f"{code} has no examples"
    if spec.family != "QC0xx":
        assert spec.legal_basis, f"{code} has no legal basis"
        assert all(b.instrument for b in spec.legal_basis)


def test_minimal_fixture_is_clean() -> None:
    assert example_codes(MINIMAL, "{}") == []


@pytest.mark.parametrize("code", sorted(SPECS))
def test_example_fires(code: str) -> None:
    spec = SPECS[code]
    assert spec.examples is not None
    assert code in example_codes(MINIMAL, spec.examples.fires), f"{code}: the 'fires' example raised nothing"


@pytest.mark.parametrize("code", sorted(SPECS))
def test_use_instead_passes(code: str) -> None:
    spec = SPECS[code]
    assert spec.examples is not None
    assert code not in example_codes(MINIMAL, spec.examples.passes), f"{code}: the 'passes' example fired"
