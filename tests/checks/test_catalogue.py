"""The catalogue: every check is documented, cites the law, and its examples fire and pass as declared."""

from __future__ import annotations

import pytest

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.commands.examples import EXAMPLE_REGULATION, example_codes
from quyche_rules.law import catalogue
from tests.conftest import MINIMAL, tree_digest

SPECS = all_checks()
LAW = catalogue()


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
    for ref in spec.legal_basis:  # a check of the tool's own rules (integrity, references) may have none
        assert ref.source in LAW, f"{code} cites {ref.source!r}, which is not in the law catalogue"
        # the article is known, or the entry says it is not (shown as unverified)
        assert ref.provision or not LAW.instruments[ref.source].verified, f"{code} cites {ref.source} without article"


#: the checks that rest on the tool's own rules (a well-formed, self-consistent model), not on a legal provision
TOOL_RULES = {"QC001", "QC002", "QC003", "QC004", "QC005", "QC006", "QC007", "QC008", "QC009", "QC011", "QC012",
              "QC013", "QC014", "QC015", "QC016", "QC020", "QC021", "QC101", "QC102", "QC103", "QC104", "QC110",
              "QC112", "QC114", "QC116", "QC202", "QC210", "QC302", "QC415", "QC416", "QC417", "QC505", "QC601",
              "QC602", "QC604", "QC608", "QC610",
              "QC701", "QC702", "QC703", "QC704", "QC705", "QC706"}


def test_only_the_tool_s_own_rules_go_without_a_legal_basis() -> None:
    assert {code for code, spec in SPECS.items() if not spec.legal_basis} == TOOL_RULES


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
