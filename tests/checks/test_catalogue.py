"""The catalogue: every check is documented, cites the law, and its examples fire and pass as declared."""

from __future__ import annotations

import pytest

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.commands.examples import EXAMPLE_REGULATION, example_codes
from tests.conftest import MINIMAL, tree_digest

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


def test_the_example_regulation_is_clean_and_is_the_minimal_fixture() -> None:
    assert example_codes(EXAMPLE_REGULATION, "{}") == []
    assert tree_digest(EXAMPLE_REGULATION) == tree_digest(MINIMAL)  # the fixture is a copy: they never drift


@pytest.mark.parametrize("code", sorted(SPECS))
def test_example_fires_exactly_its_own_code(code: str) -> None:
    spec = SPECS[code]
    assert spec.examples is not None
    found = set(example_codes(EXAMPLE_REGULATION, spec.examples.fires))
    assert found == {code}, f"{code}: the 'fires' example raised {sorted(found)}"


@pytest.mark.parametrize("code", sorted(SPECS))
def test_use_instead_finds_nothing(code: str) -> None:
    spec = SPECS[code]
    assert spec.examples is not None
    found = example_codes(EXAMPLE_REGULATION, spec.examples.passes)
    assert found == [], f"{code}: the 'passes' example raised {found}"
