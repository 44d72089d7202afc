"""The edges of the declarative rules: each condition of a built-in check, shown to matter by a case.

Written against the mutation run (benchmarks/mutation.py): a case for each filter, join, ``unless`` and count
whose removal or inversion no other test noticed. Each test states the behaviour in words; the fixture is the
minimal regulation with an article 3 (and sometimes actors or tasks) merged in.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.engines import durable as durable_mod
from quyche_rules.engines import durable_available
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

Norm = dict[str, Any]
NEW_TASK = {"id": "tong-ket", "name": "Tổng kết công tác năm"}
GONE_UNIT = {"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan", "valid_until": "2023-06-30"}
GONE_HEAD = {"id": "vu-truong-c", "name": "Vụ trưởng Vụ C", "kind": "unit_head", "parent": "vu-c",
             "valid_until": "2023-06-30"}
SECOND_HEAD = {"id": "chu-tich", "name": "Chủ tịch Hội đồng", "kind": "head", "parent": "co-quan"}
NEW_DOC = {"id": "bien-ban", "name": "Biên bản"}


def found(*clauses: list[Norm], actors: list[dict[str, Any]] | None = None,
          tasks: list[dict[str, Any]] | None = None, document_types: list[dict[str, Any]] | None = None,
          articles: list[dict[str, Any]] | None = None, code: str, engine: str = "reference") -> list[Finding]:
    """The findings of ``code`` on the minimal fixture with an article 3 of one clause per list of norms.

    With another ``engine`` than the reference one, only ``code`` is run.
    """
    data: dict[str, Any] = {"articles": [{
        "article": "3", "title": "Kiểm thử", "chapter": "II",
        "clauses": [{"clause": str(i), "text": f"Khoản {i}.", "norms": norms} for i, norms in enumerate(clauses, 1)],
    }, *(articles or [])]}
    for key, value in (("actors", actors), ("tasks", tasks), ("document_types", document_types)):
        if value:
            data[key] = value
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, yaml.safe_dump(data, allow_unicode=True), Path(tmp))
        result = run_checks(load_regulation(folder), engine=engine,
                            select=None if engine == "reference" else {code})
    return [f for f in result.findings if f.code == code]


def duty(holder: str, role: str = "lead", task: str = "tong-ket") -> Norm:
    return {"duty": {"holder": holder, "task": task, "role": role}}


# -- QC301 multiple-leads -----------------------------------------------------------------------------------------

def test_qc301_a_cooperator_named_before_the_only_lead_is_not_a_second_lead() -> None:
    assert found([duty("vu-b", "cooperate")], [duty("vu-a")], tasks=[NEW_TASK], code="QC301") == []


def test_qc301_a_dissolved_lead_before_the_only_valid_one_is_not_a_second_lead() -> None:
    assert found([duty("vu-c")], [duty("vu-a")], tasks=[NEW_TASK], actors=[GONE_UNIT], code="QC301") == []


def test_qc301_an_earlier_dissolved_lead_does_not_hide_two_valid_ones() -> None:
    (f,) = found([duty("vu-c")], [duty("vu-a")], [duty("vu-b")], tasks=[NEW_TASK], actors=[GONE_UNIT], code="QC301")
    assert set(f.actors) == {"vu-a", "vu-b"}


def test_qc301_an_earlier_cooperator_does_not_hide_two_leads() -> None:
    (f,) = found([duty("vu-b", "cooperate")], [duty("vu-a")], [duty("van-phong")], tasks=[NEW_TASK], code="QC301")
    assert set(f.actors) == {"vu-a", "van-phong"}


def test_qc301_leads_of_two_different_tasks_are_not_two_leads_of_one() -> None:
    assert found([duty("vu-b")], tasks=[NEW_TASK], code="QC301") == []  # vu-a leads ke-hoach-nam in Điều 1


# -- QC302 duty-and-prohibition ------------------------------------------------------------------------------------

def _forbid(holder: str, action: str = "decide", task: str | None = None, docs: list[str] | None = None) -> Norm:
    out: dict[str, Any] = {"holder": holder, "action": action}
    if task:
        out["task"] = task
    if docs:
        out["document_types"] = docs
    return {"prohibition": out}


def test_qc302_another_duty_of_the_same_unit_does_not_excuse_the_conflicting_one() -> None:
    (f,) = found([_forbid("vu-a", task="ke-hoach-nam")], [duty("vu-a", "responsible", "don-doc")], code="QC302")
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3", "khoản 1 Điều 1"]


def test_qc302_forbidding_an_action_outright_conflicts_with_the_power_to_do_it_for_one_task() -> None:
    power = {"power": {"holder": "vu-truong-a", "action": "sign", "task": "ke-hoach-nam"}}
    (f,) = found([_forbid("vu-truong-a", "sign")], [power], code="QC302")
    assert f.actors == ("vu-truong-a",)


def test_qc302_a_second_prohibition_on_another_task_does_not_hide_the_first() -> None:
    (f,) = found([_forbid("vu-a", task="ke-hoach-nam"), _forbid("vu-a", task="ky-so")], code="QC302")
    assert f.tasks == ("ke-hoach-nam",)


def test_qc302_a_second_prohibition_on_another_document_type_does_not_hide_the_first() -> None:
    power = {"power": {"holder": "vu-truong-a", "action": "sign", "document_types": ["cong-van-a"]}}
    found_ = found([power], [_forbid("vu-truong-a", "sign", docs=["cong-van-a"]),
                             _forbid("vu-truong-a", "sign", docs=["giay-moi-hop"])], code="QC302")
    assert len(found_) == 1 and "Công văn thuộc lĩnh vực A" in found_[0].message.vi


@pytest.mark.skipif(not durable_available(), reason="durable-rules not importable")
def test_qc302_is_split_by_holder_party_so_durable_checks_a_regulation_larger_than_one_session(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Every QC302 pattern, each ``unless`` included, joins the prohibition's holder party for equality, so the
    # durable engine can split the act facts into one session per party. Here a session may hold one fact and
    # an unsplit one at most 10: the 28 act facts of this regulation (14, each with its negation copy) fit only
    # when split (the biggest party, Văn phòng or the body, has 8).
    monkeypatch.setattr(durable_mod, "SESSION_BOUND", 2)
    monkeypatch.setattr(durable_mod, "LARGE_SESSION_CAP", 10)
    (f,) = found([_forbid("vu-a", task="ke-hoach-nam")], code="QC302", engine="durable")
    assert f.actors == ("vu-a",) and f.tasks == ("ke-hoach-nam",)


# -- QC303 exclusive-power-shared ----------------------------------------------------------------------------------

def _power(holder: str, action: str = "sign", docs: list[str] | None = None, task: str | None = None,
           exclusive: bool = False) -> Norm:
    out: dict[str, Any] = {"holder": holder, "action": action, "exclusive": exclusive}
    if docs:
        out["document_types"] = docs
    if task:
        out["task"] = task
    return {"power": out}


def test_qc303_an_acting_head_q_does_not_share_an_exclusive_power() -> None:
    acting = {"delegation": {"mode": "assign", "signing": "Q", "from": "bo-truong", "to": "thu-truong-a",
                             "scope": ["quyet-dinh"]}}
    assert found([_power("bo-truong", docs=["quyet-dinh"], exclusive=True)], [acting], code="QC303") == []


def test_qc303_forbidding_another_actor_is_not_sharing_the_exclusive_power() -> None:
    assert found([_power("bo-truong", docs=["quyet-dinh"], exclusive=True)],
                 [_forbid("vu-truong-a", "sign", docs=["quyet-dinh"])], code="QC303") == []


def test_qc303_each_exclusive_power_is_checked_not_only_the_first() -> None:
    (f,) = found([_power("bo-truong", docs=["quyet-dinh"], exclusive=True)],
                 [_power("bo-truong", "approve", task="ke-hoach-nam", exclusive=True)],
                 [_power("vu-truong-a", "approve", task="ke-hoach-nam")], code="QC303")
    assert "vu-truong-a" in f.actors


# -- QC305 lead-and-cooperator -------------------------------------------------------------------------------------

def test_qc305_leading_one_task_and_cooperating_on_another_is_fine() -> None:
    assert found([duty("vu-a", "cooperate")], tasks=[NEW_TASK], code="QC305") == []


def test_qc305_one_finding_when_the_lead_is_written_twice() -> None:
    assert len(found([duty("vu-b")], [duty("vu-b")], [duty("vu-b", "cooperate")], tasks=[NEW_TASK],
                     code="QC305")) == 1


def test_qc305_cooperating_before_leading_is_still_both() -> None:
    assert len(found([duty("vu-b", "cooperate")], [duty("vu-b")], tasks=[NEW_TASK], code="QC305")) == 1


def test_qc305_another_unit_leading_first_does_not_hide_it() -> None:
    (f,) = found([duty("vu-a")], [duty("vu-b")], [duty("vu-b", "cooperate")], tasks=[NEW_TASK], code="QC305")
    assert f.actors[0] == "vu-b"


def test_qc305_leading_another_task_earlier_does_not_hide_it() -> None:
    (f,) = found([duty("vu-a")], [duty("vu-a", "cooperate")], tasks=[NEW_TASK], code="QC305")
    assert f.tasks == ("tong-ket",)


# -- QC306 multiple-substitutes ------------------------------------------------------------------------------------

GONE_DEPUTY = {"id": "pho-cu", "name": "Phó Chánh Văn phòng cũ", "kind": "unit_deputy", "parent": "van-phong",
               "valid_until": "2023-06-30"}


def _sub(absent: str, substitute: str) -> Norm:
    return {"substitution": {"absent": absent, "substitute": substitute}}


def test_qc306_a_substitute_no_longer_in_office_is_not_a_second_one() -> None:
    assert found([_sub("bo-truong", "pho-cu")], actors=[GONE_DEPUTY], code="QC306") == []


def test_qc306_two_substitutes_for_the_head_of_the_body() -> None:
    (f,) = found([_sub("bo-truong", "thu-truong-a")], [_sub("bo-truong", "thu-truong-b")], code="QC306")
    assert f.actors[0] == "bo-truong"


def test_qc306_a_unit_head_may_name_several_substitutes() -> None:
    """Nghị định 123/2016 Điều 4(1) names one deputy acting for the minister; it says nothing of unit heads."""
    assert found([_sub("chanh-van-phong", "pho-chanh-van-phong")], [_sub("chanh-van-phong", "vu-truong-a")],
                 code="QC306") == []


def test_qc306_an_earlier_invalid_substitute_does_not_hide_two_valid_ones() -> None:
    assert len(found([_sub("bo-truong", "pho-cu")], [_sub("bo-truong", "thu-truong-a")],
                     [_sub("bo-truong", "thu-truong-b")], actors=[GONE_DEPUTY], code="QC306")) == 1


def test_qc306_an_invalid_substitute_and_one_valid_is_one_substitute() -> None:
    assert found([_sub("chanh-van-phong", "pho-cu")], [_sub("chanh-van-phong", "pho-chanh-van-phong")],
                 actors=[GONE_DEPUTY], code="QC306") == []


# -- QC304 contradictory-deadlines ---------------------------------------------------------------------------------

def _coordination(task: str, days: int | None = None, lead: str = "vu-a", cooperating: tuple[str, ...] = ("vu-b",),
                  unit: str = "working_days") -> Norm:
    out: dict[str, Any] = {"lead": lead, "cooperating": list(cooperating), "task": task}
    if days is not None:
        out["response_deadline"] = {unit: days}
    return {"coordination": out}


def _deadline(task: str, amount: int, unit: str = "working_days", urgency: str = "normal") -> Norm:
    return {"deadline": {"task": task, "within": {unit: amount, "urgency": urgency}}}


def test_qc304_a_response_deadline_is_not_a_second_task_deadline() -> None:
    assert found([_coordination("tong-ket", 5)], [_deadline("tong-ket", 10)], tasks=[NEW_TASK], code="QC304") == []


def test_qc304_two_tasks_may_have_different_deadlines() -> None:
    assert found([_deadline("tong-ket", 7)], tasks=[NEW_TASK], code="QC304") == []  # and xu-ly-van-ban-den: 3


# -- QC502 mixed-deadline-units ------------------------------------------------------------------------------------

def test_qc502_calendar_days_written_before_working_days_are_still_mixed() -> None:
    assert len(found([_deadline("tong-ket", 5, "days")], [_deadline("tong-ket", 3)], tasks=[NEW_TASK],
                     code="QC502")) == 1


def test_qc502_calendar_days_of_another_task_written_earlier_do_not_hide_it() -> None:
    assert len(found([_deadline("ky-so", 2, "days")], [_deadline("tong-ket", 3)], [_deadline("tong-ket", 5, "days")],
                     tasks=[NEW_TASK], code="QC502")) == 1


def test_qc502_two_calendar_day_deadlines_are_not_mixed_units() -> None:
    assert found([_deadline("tong-ket", 5, "days")], [_deadline("tong-ket", 7, "days")], tasks=[NEW_TASK],
                 code="QC502") == []


def test_qc502_working_days_of_one_task_and_calendar_days_of_another_are_not_mixed() -> None:
    assert found([_deadline("tong-ket", 3)], [_deadline("tong-ket", 5)], [_deadline("ky-so", 5, "days")],
                 tasks=[NEW_TASK], code="QC502") == []


# -- QC503 response-after-task-deadline ----------------------------------------------------------------------------

def test_qc503_two_task_deadlines_are_not_a_late_response() -> None:
    assert found([_deadline("tong-ket", 3)], [_deadline("tong-ket", 5)], tasks=[NEW_TASK], code="QC503") == []


def test_qc503_a_normal_response_is_not_compared_with_an_urgent_deadline() -> None:
    assert found([_coordination("tong-ket", 5)], [_deadline("tong-ket", 2, urgency="urgent")], tasks=[NEW_TASK],
                 code="QC503") == []


def test_qc503_two_response_deadlines_are_not_a_late_response() -> None:
    assert found([_coordination("tong-ket", 5)], [_coordination("tong-ket", 3, lead="vu-b", cooperating=("vu-a",))],
                 tasks=[NEW_TASK], code="QC503") == []


# -- QC201, QC203-QC206, QC208: gaps -------------------------------------------------------------------------------

def test_qc201_a_coordination_led_by_a_dissolved_unit_is_no_lead() -> None:
    (f,) = found([_coordination("tong-ket", 5, lead="vu-c")], tasks=[{**NEW_TASK, "needs_lead": True}],
                 actors=[GONE_UNIT], code="QC201")
    assert f.tasks == ("tong-ket",)


def test_qc203_a_substitute_named_for_another_head_does_not_count() -> None:
    (f,) = found([duty("chu-tich", "responsible", "ky-so")], actors=[SECOND_HEAD], code="QC203")
    assert f.actors == ("chu-tich",)


def _absence(from_: str, to: str, **extra: Any) -> Norm:
    return {"delegation": {"mode": "entrust", "condition": "absence", "from": from_, "to": to, **extra}}


@pytest.mark.parametrize("delegation", [
    _absence("chanh-van-phong", "pho-chanh-van-phong"),  # someone else's absence
    _absence("chu-tich", "thu-truong-a", valid_until="2023-12-31"),  # expired
    _absence("chu-tich", "vu-c"),  # to a unit that no longer exists
], ids=["another-head", "expired", "dissolved-receiver"])
def test_qc203_only_a_current_absence_delegation_of_the_head_counts(delegation: Norm) -> None:
    (f,) = found([duty("chu-tich", "responsible", "ky-so")], [delegation], actors=[SECOND_HEAD, GONE_UNIT],
                 code="QC203")
    assert f.actors == ("chu-tich",)


def test_qc203_a_head_no_longer_in_office_needs_no_substitute() -> None:
    gone = {**SECOND_HEAD, "valid_until": "2023-06-30"}
    assert found([], actors=[gone], code="QC203") == []


def test_qc205_cooperators_named_by_another_coordination_of_the_task_count() -> None:
    assert found([_coordination("tong-ket", 5, cooperating=())],
                 [_coordination("tong-ket", 5, lead="vu-b", cooperating=("van-phong",))], tasks=[NEW_TASK],
                 code="QC205") == []


def test_qc205_a_cooperating_duty_on_another_task_does_not_count() -> None:
    (f,) = found([_coordination("tong-ket", 5, cooperating=())], [duty("van-phong", "cooperate", "ky-so")],
                 tasks=[NEW_TASK], code="QC205")
    assert f.tasks == ("tong-ket",)


def test_qc206_a_delegation_of_work_needs_no_tl_document_list() -> None:
    work = {"delegation": {"mode": "assign", "from": "bo-truong", "to": "vu-truong-a", "action": "approve",
                           "task": "ke-hoach-nam"}}
    assert found([work], code="QC206") == []


def test_qc208_following_up_another_topic_is_not_following_up_incoming_documents() -> None:
    article_1 = yaml.safe_load((MINIMAL / "articles" / "dieu-01.yaml").read_text(encoding="utf-8"))
    article_1["clauses"] = [c for c in article_1["clauses"] if c["clause"] != "4"]  # its follow-up of incoming docs
    follow_other = {"follow_up": {"holder": "chanh-van-phong", "task": "xu-ly-tren-mang"}}
    (f,) = found([follow_other], articles=[article_1], code="QC208")
    assert "xu-ly-van-ban-den" in f.tasks or "Xử lý văn bản đến" in f.message.vi


# -- QC106-QC109: orphans are actors that exist but have ended; unknown actors are QC101's --------------------------

@pytest.mark.parametrize(("code", "norm"), [
    ("QC106", {"power": {"holder": "vu-khong-co", "action": "sign", "document_types": ["giay-moi-hop"]}}),
    ("QC107", {"substitution": {"absent": "vu-khong-co", "substitute": "vu-truong-a"}}),
    ("QC108", {"coordination": {"lead": "vu-khong-co", "cooperating": ["vu-b"], "task": "ke-hoach-nam"}}),
    ("QC109", {"reporting": {"from": "vu-khong-co", "to": "bo-truong"}}),
])
def test_an_unknown_actor_is_not_also_an_orphan(code: str, norm: Norm) -> None:
    assert found([norm], code=code) == []
    assert found([norm], code="QC101") != []


def test_qc109_the_follow_up_holder_and_duty_holder_are_not_reporting_lines() -> None:
    norms = [{"follow_up": {"holder": "vu-c", "task": "ke-hoach-nam"}}, duty("vu-c", "responsible", "ky-so")]
    assert found(norms, actors=[GONE_UNIT], code="QC109") == []


# -- QC401, QC405, QC406, QC409: delegations ------------------------------------------------------------------------

def test_qc401_qc405_qc406_unknown_actors_are_qc101_only() -> None:
    from_unknown = {"delegation": {"mode": "assign", "from": "vu-khong-co", "to": "vu-truong-a",
                                   "scope": ["giay-moi-hop"]}}
    tuq = {"delegation": {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "vu-khong-co",
                          "scope": ["giay-moi-hop"], "instrument": "1/QĐ", "valid_until": "2024-12-31"}}
    kt = {"delegation": {"mode": "assign", "signing": "KT", "from": "bo-truong", "to": "vu-khong-co",
                         "scope": ["cong-van-a"]}}
    assert found([from_unknown], code="QC401") == []
    assert found([tuq], code="QC405") == []
    assert found([kt], code="QC406") == []


def test_qc406_qc409_passing_on_a_plain_assignment_is_not_passing_on_a_tl() -> None:
    parent = {"delegation": {"id": "giao-cvp", "mode": "assign", "from": "bo-truong", "to": "chanh-van-phong",
                             "scope": ["giay-moi-hop"]}}
    child = {"delegation": {"mode": "assign", "signing": "KT", "from": "chanh-van-phong", "to": "vu-truong-a",
                            "via": "giao-cvp", "scope": ["giay-moi-hop"]}}
    assert len(found([parent], [child], code="QC406")) == 1  # a KT by someone who is not the deputy
    assert found([parent], [child], code="QC409") == []


# -- QC412 agency-signature-without-personal -----------------------------------------------------------------------

def test_qc412_approving_a_document_is_not_signing_it() -> None:
    assert len(found([_power("van-thu", "seal", docs=["bien-ban"])], [_power("vu-truong-a", "approve",
                                                                              docs=["bien-ban"])],
                     document_types=[NEW_DOC], code="QC412")) == 1


def test_qc412_the_clerk_cannot_be_the_competent_signer_of_its_own_digital_signature() -> None:
    assert len(found([_power("van-thu", "sign_digitally", docs=["bien-ban"])], document_types=[NEW_DOC],
                     code="QC412")) == 1


def test_qc412_a_prohibition_to_sign_is_not_a_competent_signature() -> None:
    assert len(found([_power("van-thu", "seal", docs=["bien-ban"])], [_forbid("bo-truong", "sign", docs=["bien-ban"])],
                     document_types=[NEW_DOC], code="QC412")) == 1


@pytest.mark.parametrize("norm", [
    _power("van-thu", "register", docs=["bien-ban"]),  # another action
    _power("vu-truong-a", "seal", docs=["bien-ban"]),  # not the clerk
    _forbid("van-thu", "seal", docs=["bien-ban"]),  # forbidden, not given
], ids=["register", "not-the-clerk", "prohibition"])
def test_qc412_is_only_the_clerk_sealing_or_signing_digitally(norm: Norm) -> None:
    assert found([norm], document_types=[NEW_DOC], code="QC412") == []
