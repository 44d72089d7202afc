"""The builder holds every fact to the engines' contract as it makes it, so the engines need not test them again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from quyche_rules.engines import base as engines_base
from quyche_rules.engines import validate_facts
from quyche_rules.errors import InternalError
from quyche_rules.facts import DerivedFacts, derive_facts
from quyche_rules.facts.builder import Builder
from quyche_rules.lang.model import Check
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL
from tests.engines.strategies import META

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted(p for p in (ROOT / "rules").iterdir() if (p / "regulation.yaml").is_file())


def _builder() -> Builder:
    return Builder(load_regulation(MINIMAL).regulation, dt.date(2024, 6, 1))


@pytest.mark.parametrize("folder", MODELS, ids=lambda p: p.name)
def test_derived_facts_pass_the_whole_contract_tested_one_by_one(folder: Path) -> None:
    facts = derive_facts(load_regulation(folder).regulation)
    assert isinstance(facts, DerivedFacts) and facts.intact()
    validate_facts(list(facts))  # a plain list: every fact tested
    for kind, fields in facts.fields.items():
        assert fields == frozenset.intersection(*(frozenset(f) for f in facts if f["kind"] == kind))


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"n": 2**63}, "outside int64"),
        ({"n": -(2**63) - 1}, "outside int64"),
        ({"x": 1.5}, "has type float"),
        ({"x": ["a"]}, "has type list"),
        ({"Name": "a"}, "invalid name"),
        ({"tên": "a"}, "invalid name"),
        ({"fid": "x:1"}, "kind, fid or seq"),
        ({"seq": 3}, "kind, fid or seq"),
        ({"kind": "other"}, "kind, fid or seq"),
    ],
)
def test_the_builder_refuses_a_fact_that_breaks_the_contract(values: dict[str, Any], words: str) -> None:
    with pytest.raises(InternalError) as info:
        _builder().add("thing", **values)
    assert words in info.value.what.en and info.value.what.vi and info.value.fix is not None


def test_an_invalid_kind_is_refused() -> None:
    with pytest.raises(InternalError, match="invalid name"):
        _builder().add("Bad-Kind", a=1)


def test_the_builder_keeps_the_int64_bounds_and_normalises_the_rest() -> None:
    b = _builder()
    b.add("thing", big=2**63 - 1, small=-(2**63), flag=True, none=None, day=dt.date(2024, 1, 2))
    assert b.facts[0] == {"kind": "thing", "fid": "thing:0", "seq": 0, "big": 2**63 - 1, "small": -(2**63),
                          "flag": 1, "none": "", "day": "2024-01-02"}


def test_fields_are_those_every_fact_of_a_kind_has() -> None:
    b = _builder()
    b.add("thing", a=1, b="x")
    b.add("thing", a=2)
    b.add("other", c="y")
    facts = b.derived()
    assert facts.fields == {"thing": frozenset({"kind", "fid", "seq", "a"}),
                            "other": frozenset({"kind", "fid", "seq", "c"})}


def _check_reading(field: str) -> Check:
    return Check.model_validate({"code": "QC901", "name": "t", **META,
                                 "when": [{"bind": "a", "kind": "thing", "where": {field: 1}}]})


def test_derived_facts_are_not_tested_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    b = _builder()
    b.add("thing", a=1)
    tested: list[int] = []
    monkeypatch.setattr(engines_base, "_validate_each", lambda facts: tested.append(len(facts)))
    validate_facts(b.derived(), [_check_reading("a")])
    assert tested == []
    validate_facts(list(b.derived()), [_check_reading("a")])
    assert tested == [1]


def test_a_changed_list_of_derived_facts_is_tested_one_by_one() -> None:
    b = _builder()
    b.add("thing", a=1)
    facts = b.derived()
    facts.append({"kind": "thing", "fid": "thing:0", "seq": 1, "a": 1})  # a duplicate fid
    assert not facts.intact()
    with pytest.raises(InternalError, match="duplicate fid"):
        validate_facts(facts)
    replaced = b.derived()
    replaced[0] = {"kind": "thing", "fid": "thing:0", "seq": 0, "a": 1.5}
    with pytest.raises(InternalError, match="has type float"):
        validate_facts(replaced)


def test_a_field_some_derived_facts_lack_is_still_found_and_named() -> None:
    b = _builder()
    b.add("thing", a=1)
    b.add("thing", b=2)
    with pytest.raises(InternalError, match=r"fact thing:1 .* lacks field «a», which QC901 reads"):
        validate_facts(b.derived(), [_check_reading("a")])
    validate_facts(b.derived(), [_check_reading("fid")])  # every fact has it


def test_facts_are_plain_dicts_that_share_their_keys() -> None:
    import json
    import sys

    b = _builder()
    for n in range(3):
        b.add("thing", a=n, b="x", c=None)
    b.add("thing", b="y", a=9)  # another order: another shape
    b.add("wide", **{f"f{n}": n for n in range(40)})  # more fields than CPython shares
    facts = b.derived()
    assert all(type(f) is dict for f in facts)
    assert facts[1] == {"kind": "thing", "fid": "thing:1", "seq": 1, "a": 1, "b": "x", "c": ""}
    assert list(facts[3]) == ["kind", "fid", "seq", "b", "a"] and facts[4]["f39"] == 39
    assert json.loads(json.dumps(facts)) == [dict(f) for f in facts]
    if sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11):
        for n in range(3):
            b.add("usual", **{f"f{k}": n for k in range(18)})  # as many fields as most facts have
        usual = b.derived()[-1]
        assert sys.getsizeof(usual) < 0.6 * sys.getsizeof(dict(usual))  # the keys are kept once, not per fact
