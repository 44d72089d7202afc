"""The facts schema: every fact has exactly the fields its kind declares; derived names point at real fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quyche_rules.checks.runner import build_context
from quyche_rules.facts import DISPLAY, FACT_KINDS, derive_facts, derived_names, field_names
from quyche_rules.loading import load_regulation
from quyche_rules.model import Regulation
from tests import strategies as s
from tests.conftest import MINIMAL, ROOT

FIELDS = field_names()


def _assert_conform(facts: list[dict[str, str | int]]) -> None:
    for fact in facts:
        kind = str(fact["kind"])
        assert kind in FIELDS, f"fact kind {kind!r} is not in facts/schema.py"
        assert set(fact) == FIELDS[kind], (kind, set(fact) ^ FIELDS[kind])
        assert all(type(v) in (str, int) for v in fact.values()), fact


@pytest.mark.parametrize("folder", [ROOT / "rules" / "ubdt-2017", ROOT / "rules" / "ubdt-2023", MINIMAL])
@pytest.mark.parametrize("day", [None, dt.date(2022, 10, 1)])
def test_the_facts_of_real_regulations_have_exactly_their_kinds_fields(folder: Path, day: dt.date | None) -> None:
    _assert_conform(build_context(load_regulation(folder), day).facts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_facts_of_generated_regulations_have_exactly_their_kinds_fields(data: st.DataObject) -> None:
    reg: Regulation = data.draw(s.whole_regulations(max_articles=4))
    _assert_conform(derive_facts(reg))


def test_every_derived_name_and_display_field_belongs_to_a_kind() -> None:
    for name, how in derived_names().items():
        kind, _, field = name.partition(".")
        assert kind in FACT_KINDS and (not field or field in FACT_KINDS[kind].fields), name
        assert how.startswith("facts."), f"{name}: say which rule derives it"
    for kind, words in DISPLAY.items():
        assert kind in FACT_KINDS and not set(words) & FIELDS[kind], kind
