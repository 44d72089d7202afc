"""Properties of consolidation, diff and dump on random regulations."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quyche_rules.amend.consolidate import apply_amendments, without_history
from quyche_rules.amend.diff import diff_regulations, findings_delta
from quyche_rules.amend.dump import render_folder
from quyche_rules.amend.provision_tree import Tree, level_of
from quyche_rules.loading import load_regulation
from quyche_rules.model import Article, Clause, Regulation
from quyche_rules.model.amendment import AmendmentFile, AmendmentHeader, InsertItem, InsertSpec, Instrument, RepealItem
from quyche_rules.workspace.folders import dump_regulation
from tests.amend.helpers import BUNDLED, SMALL, loaded
from tests.amend.strategies import regulations
from tests.conftest import MINIMAL

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything


def header(id: str, day: dt.date, amends: str = "ngau-nhien") -> AmendmentHeader:
    return AmendmentHeader(
        id=id, amends=amends, instrument=Instrument(number=f"{id}/QĐ-X", date=day), effective=day
    )


@settings(max_examples=60, deadline=None)
@given(regulations())
def test_an_amendment_without_operations_changes_nothing(reg: Regulation) -> None:
    """Nothing but the record that it was incorporated (regulation.yaml's consolidation, since QA pass 3)."""
    empty = AmendmentFile(amendment=header("rong", dt.date(2024, 6, 1)))
    result = apply_amendments(reg, [empty])
    record = result.regulation.meta.consolidation
    assert record is not None and [a.id for a in record.amendments] == ["rong"]
    assert record.original_effective == reg.meta.effective
    unrecorded = result.regulation.meta.model_copy(update={"consolidation": reg.meta.consolidation})
    assert Regulation(**{**{n: getattr(result.regulation, n) for n in Regulation.model_fields},
                         "meta": unrecorded}) == reg
    assert result.findings == ()


@settings(max_examples=60, deadline=None)
@given(regulations())
def test_the_diff_of_a_version_with_itself_is_empty(reg: Regulation) -> None:
    assert diff_regulations(reg, reg).is_empty()


def test_the_findings_delta_of_a_version_with_itself_is_empty() -> None:
    from quyche_rules.amend.compare import compare_loaded

    for folder in (MINIMAL, SMALL, *([BUNDLED] if BUNDLED.is_dir() else [])):
        base = loaded(folder)
        comp = compare_loaded(base, base, old_label="a", new_label="a", engine="reference")
        assert comp.responsibilities.is_empty()
        assert comp.findings.introduced == () and comp.findings.resolved == ()
    assert findings_delta([], []).introduced == ()


@settings(max_examples=80, deadline=None)
@given(regulations(), st.data())
def test_repealing_a_provision_and_reinserting_it_gives_back_the_original(
    reg: Regulation, data: st.DataObject
) -> None:
    tree = Tree(reg.articles)
    cit, node = data.draw(st.sampled_from(list(tree.walk())))
    parent = cit.parent()
    if isinstance(node, Article):
        previous = [a for a in reg.articles if a.article_key < node.article_key]
        spec = InsertSpec(after=f"Điều {previous[-1].article}" if previous else None, article=node)
    elif isinstance(node, Clause):
        spec = InsertSpec(into=parent.format() if parent else None, clause=node)
    else:
        spec = InsertSpec(into=parent.format() if parent else None, point=node)
    repeal = AmendmentFile(
        amendment=header("bai-bo", dt.date(2024, 3, 1)), operations=(RepealItem(repeal=cit.format()),)
    )
    reinsert = AmendmentFile(
        amendment=header("bo-sung", dt.date(2024, 5, 1)), operations=(InsertItem(insert=spec),)
    )
    middle = apply_amendments(reg, [repeal])
    assert middle.findings == ()
    assert Tree(middle.regulation.articles).live(cit) is None
    result = apply_amendments(reg, [repeal, reinsert])
    assert result.findings == (), [f.message.en for f in result.findings]
    restored = without_history(result.regulation)
    assert restored.articles == reg.articles, level_of(node)
    assert restored.actors == reg.actors and restored.tasks == reg.tasks


@settings(max_examples=40, deadline=None)
@given(regulations())
def test_dump_then_load_gives_the_model_back_and_dumping_again_the_same_bytes(reg: Regulation) -> None:
    first = render_folder(reg)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reg"
        dump_regulation(reg, folder)
        again = load_regulation(folder).regulation
    assert again == reg
    assert render_folder(again) == first


@settings(max_examples=30, deadline=None)
@given(regulations(), st.data())
def test_consolidation_is_deterministic_byte_for_byte(reg: Regulation, data: st.DataObject) -> None:
    tree = Tree(reg.articles)
    cit, _ = data.draw(st.sampled_from(list(tree.walk())))
    ops = (RepealItem(repeal=cit.format()),)
    am = AmendmentFile(amendment=header("bai-bo", dt.date(2024, 3, 1)), operations=ops)
    one = render_folder(apply_amendments(reg, [am]).regulation)
    two = render_folder(apply_amendments(reg.model_copy(), [am.model_copy()]).regulation)
    assert one == two
