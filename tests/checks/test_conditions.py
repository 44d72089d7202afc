"""Conditions and exceptions on norms, groups held per member, collective bodies, per-case authorisations."""

from __future__ import annotations

import copy
import itertools
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.errors import LoadFailed
from quyche_rules.facts.roles import conditions
from quyche_rules.loading import load_regulation
from quyche_rules.model import Duty
from tests.checks.test_python_edges import article, run
from tests.conftest import MINIMAL

TONG_KET = {"id": "tong-ket", "name": "Tổng kết"}
URGENT = {"kind": "urgent", "text": "trường hợp cấp bách"}
NECESSARY = {"kind": "necessary", "text": "trường hợp cần thiết"}


def _leads(first: dict[str, Any], second: dict[str, Any]) -> list[Any]:
    first, second = copy.deepcopy(first), copy.deepcopy(second)  # one object twice would be a YAML alias
    norms = [{"duty": {"holder": "vu-a", "task": "tong-ket", "role": "lead", **first}},
             {"duty": {"holder": "vu-b", "task": "tong-ket", "role": "lead", **second}}]
    return run({"tasks": [TONG_KET], "articles": [article("3", [norms[0]], [norms[1]])]}, "QC301")


def test_two_leads_that_exclude_each_other_are_no_conflict() -> None:
    assert _leads({"when": [URGENT]}, {"unless": [URGENT]}) == []
    assert _leads({"unless": [URGENT]}, {"when": [URGENT]}) == []


@pytest.mark.parametrize(("first", "second"), [
    ({"when": [URGENT]}, {"when": [NECESSARY]}),   # may both hold
    ({"when": [URGENT]}, {}),                      # the second always holds
    ({"when": [URGENT, NECESSARY]}, {"unless": [URGENT]}),  # several conditions: not known to exclude
])
def test_two_leads_under_overlapping_conditions_conflict_and_say_which(first: dict[str, Any],
                                                                       second: dict[str, Any]) -> None:
    (f,) = _leads(first, second)
    assert "khi trường hợp cấp bách" in f.message.en


def test_the_conditions_of_a_norm() -> None:
    norm = Duty.model_validate({"holder": "vu-a", "task": "t", "when": [URGENT]})
    assert conditions(norm) == ("+urgent", "-urgent", "khi trường hợp cấp bách")
    assert conditions(Duty.model_validate({"holder": "vu-a", "task": "t"})) == ("", "!", "")


def test_each_member_of_a_group_leading_for_its_own_unit_is_not_a_second_lead() -> None:
    group = {"id": "cac-vu", "name": "Các vụ", "kind": "group", "member_kind": "unit"}
    norms = [{"duty": {"holder": "cac-vu", "task": "tong-ket", "role": "lead", "each": True}}]
    other = [{"duty": {"holder": "vu-b", "task": "tong-ket", "role": "lead"}}]
    assert run({"actors": [group], "tasks": [TONG_KET], "articles": [article("3", norms, other)]}, "QC301") == []


def test_members_of_a_group_must_be_declared_and_only_a_group_has_members() -> None:
    group = {"id": "cac-vu", "name": "Các vụ", "kind": "group", "members": ["vu-a", "vu-khong-co"]}
    (f,) = run({"actors": [group]}, "QC101")
    assert "vu-khong-co" in f.message.en
    bad = {"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan", "members": ["vu-a"]}
    with pytest.raises(LoadFailed, match="members and member_kind are for an actor of kind group"):
        run({"actors": [bad]})


COLLECTIVE = [{"id": "hoi-dong", "name": "Hội đồng", "kind": "collective", "parent": "co-quan"},
              {"id": "chu-tich", "name": "Chủ tịch Hội đồng", "kind": "head", "parent": "hoi-dong"}]


def test_a_power_the_collective_reserves_given_to_its_head_too_is_reported() -> None:
    norms = [{"power": {"holder": "hoi-dong", "action": "decide", "task": "tong-ket", "exclusive": True}}]
    head = [{"power": {"holder": "chu-tich", "action": "decide", "task": "tong-ket"}}]
    (f,) = run({"actors": COLLECTIVE, "tasks": [TONG_KET], "articles": [article("3", norms, head)]}, "QC303")
    assert f.actors[:2] == ("hoi-dong", "chu-tich")


def test_the_collective_names_declared_actors() -> None:
    rule = {"body": "hoi-dong", "members": ["chu-tich", "ai-do"], "quorum": "2/3", "casting": "chu-tich"}
    (f,) = run({"actors": COLLECTIVE, "regulation": {"regime": "mixed", "collective": rule}}, "QC101")
    assert "ai-do" in f.message.en
    with pytest.raises(LoadFailed, match="quorum"):
        run({"regulation": {"collective": {**rule, "quorum": "hai phần ba"}}})


def test_a_per_case_authorisation_needs_no_standing_instrument_or_end_but_a_scope() -> None:
    tuq: dict[str, Any] = {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
                           "per_case": True}
    assert run({"articles": [article("3", [{"delegation": {**tuq, "scope": ["giay-moi-hop"]}}])]}, "QC403") == []
    assert run({"articles": [article("3", [{"delegation": {**tuq, "scope": ["giay-moi-hop"]}}])]}, "QC404") == []
    assert len(run({"articles": [article("3", [{"delegation": tuq}])]}, "QC404")) == 1


def test_an_absence_written_as_a_condition_is_the_delegation_s_condition() -> None:
    kt = {"mode": "entrust", "signing": "KT", "from": "bo-truong", "to": "thu-truong-b", "scope": ["cong-van-a"]}
    assert len(run({"articles": [article("3", [{"delegation": kt}])]}, "QC406")) == 1
    absent = {**kt, "when": [{"kind": "absence", "text": "khi Bộ trưởng vắng mặt"}]}
    assert run({"articles": [article("3", [{"delegation": absent}])]}, "QC406") == []


LIMIT = {"what": "tuq_validity", "max": {"months": 12}, "provision": "khoản 2 Điều 2"}


@pytest.mark.parametrize(("until", "fires"), [("2025-01-01", False), ("2025-01-02", True)])
def test_a_tuq_beyond_the_regulation_s_own_cap(until: str, fires: bool) -> None:
    tuq = {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
           "scope": ["giay-moi-hop"], "instrument": "5/QĐ-MAU", "valid_from": "2024-01-02", "valid_until": until}
    found = run({"regulation": {"limits": [LIMIT]}, "articles": [article("3", [{"delegation": tuq}])]}, "QC415")
    assert len(found) == int(fires)
    if fires:
        assert "12 months" in found[0].message.en and "khoản 2 Điều 2" in found[0].message.en


def test_a_response_deadline_beyond_the_cap_in_the_same_unit() -> None:
    cap = {"what": "response_deadline", "max": {"working_days": 5}}
    coord = {"lead": "vu-a", "cooperating": ["vu-b"], "task": "tong-ket", "response_deadline": {"working_days": 7}}
    (f,) = run({"regulation": {"limits": [cap]}, "tasks": [TONG_KET],
                "articles": [article("3", [{"coordination": coord}])]}, "QC415")
    assert "7 working days" in f.message.en
    coord["response_deadline"] = {"working_days": 5}
    assert run({"regulation": {"limits": [cap]}, "tasks": [TONG_KET],
                "articles": [article("3", [{"coordination": coord}])]}, "QC415") == []


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_two_leads_conflicting_with_each_other_are_found_whatever_leads_first(order: tuple[int, ...]) -> None:
    # Vụ A leads when urgent; Vụ B and Văn phòng both lead unless urgent: they conflict with each other
    leads = [{"holder": "vu-a", "when": [URGENT]}, {"holder": "vu-b", "unless": [URGENT]},
             {"holder": "van-phong", "unless": [URGENT]}]
    norms = [[{"duty": {"task": "tong-ket", "role": "lead", **copy.deepcopy(leads[i])}}] for i in order]
    data = {"tasks": [TONG_KET], "articles": [article("3", *norms)]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, yaml.safe_dump(data, allow_unicode=True), Path(tmp))
        found = [f for f in run_checks(load_regulation(folder), engine="both").findings if f.code == "QC301"]
    assert [set(f.actors) for f in found] == [{"vu-b", "van-phong"}]
