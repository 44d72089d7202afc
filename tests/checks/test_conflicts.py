"""QC3xx conflicts (QC301-QC306): focused cases on the minimal fixture, run on both engines."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

Norms = list[dict[str, Any]]


def snippet(*clauses: Norms, lint: dict[str, Any] | None = None, **extra: Any) -> str:
    """Return a fixture snippet: article 3, one clause per list of norms, plus ``extra`` top-level keys."""
    items: list[dict[str, Any]] = [
        {"clause": str(n), "text": f"Khoản {n}.", "norms": norms} for n, norms in enumerate(clauses, 1)
    ]
    if lint is not None and items:
        items[-1]["lint"] = lint
    article = {"article": "3", "title": "Kiểm thử", "chapter": "II", "clauses": items}
    data: dict[str, Any] = {"articles": [article]}
    data.update(extra)
    return yaml.safe_dump(data, allow_unicode=True)


def findings(text: str, *codes: str) -> list[Finding]:
    """Run ``codes`` (both engines, compared) on the minimal fixture with ``text`` merged in."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, text, Path(tmp))
        result = run_checks(load_regulation(folder), engine="both", select=set(codes))
    return [f for f in result.findings if f.code in codes]


def lead(holder: str, task: str = "ke-hoach-nam") -> dict[str, Any]:
    return {"duty": {"holder": holder, "task": task, "role": "lead"}}


# --- QC301 multiple-leads ---------------------------------------------------------------------------------

def test_three_leads_make_one_finding_naming_all() -> None:
    found = findings(snippet([lead("vu-b")], [lead("thu-truong-b")]), "QC301")
    assert len(found) == 1
    f = found[0]
    assert set(f.actors) == {"vu-a", "vu-b", "thu-truong-b"}
    assert {p.citation for p in f.provisions} == {"khoản 1 Điều 1", "khoản 1 Điều 3", "khoản 2 Điều 3"}
    for name in ("Vụ A (khoản 1 Điều 1)", "Vụ B (khoản 1 Điều 3)", "Thứ trưởng B (khoản 2 Điều 3)"):
        assert name in f.message.vi and name in f.message.en
    assert f.tasks == ("ke-hoach-nam",)


def test_a_lead_given_by_a_coordination_counts() -> None:
    norms = [{"coordination": {"lead": "vu-b", "cooperating": ["van-phong"], "task": "ke-hoach-nam"}}]
    found = findings(snippet(norms), "QC301")
    assert len(found) == 1 and set(found[0].actors) == {"vu-a", "vu-b"}


def test_a_unit_and_its_head_are_one_lead() -> None:
    assert findings(snippet([lead("vu-truong-a")]), "QC301") == []


def test_the_same_lead_in_two_provisions_is_one_lead() -> None:
    coordination = {"coordination": {"lead": "vu-a", "cooperating": ["vu-b"], "task": "ke-hoach-nam"}}
    assert findings(snippet([lead("vu-a")], [coordination]), "QC301") == []


def test_a_lead_not_valid_on_the_date_is_left_to_qc1xx() -> None:
    old = {"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan", "valid_until": "2020-01-01"}
    assert findings(snippet([lead("vu-c")], actors=[old]), "QC301") == []


def test_a_suppression_on_a_named_provision_silences_it() -> None:
    lint = {"ignore": ["QC301"], "reason": "Hai đơn vị cùng chủ trì theo chỉ đạo của Bộ trưởng."}
    text = snippet([lead("vu-b")], lint=lint)
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, text, Path(tmp))
        result = run_checks(load_regulation(folder), engine="both", select={"QC301"})
    assert [f.code for f in result.findings] == []  # neither QC301 nor an unused-suppression QC020


# --- QC302 duty-and-prohibition ---------------------------------------------------------------------------

def prohibition(holder: str, action: str, task: str | None = None,
                docs: tuple[str, ...] = ()) -> dict[str, Any]:
    body: dict[str, Any] = {"holder": holder, "action": action}
    if task:
        body["task"] = task
    if docs:
        body["document_types"] = list(docs)
    return {"prohibition": body}


def test_a_duty_and_a_prohibition_on_its_task_conflict() -> None:
    found = findings(snippet([prohibition("vu-b", "comment", "ke-hoach-nam")]), "QC302")
    assert len(found) == 1  # Vụ B cooperates on the task through the coordination of khoản 1 Điều 1
    assert [p.citation for p in found[0].provisions] == ["khoản 1 Điều 3", "khoản 1 Điều 1"]
    assert "Vụ B" in found[0].message.vi


def test_a_general_prohibition_does_not_conflict_with_a_duty() -> None:
    assert findings(snippet([prohibition("vu-a", "sign")]), "QC302") == []


def test_a_prohibition_on_a_unit_head_binds_the_unit() -> None:
    assert len(findings(snippet([prohibition("vu-truong-a", "decide", "ke-hoach-nam")]), "QC302")) == 1


def test_a_power_and_a_prohibition_of_the_same_action() -> None:
    general = findings(snippet([prohibition("bo-truong", "sign")]), "QC302")
    assert len(general) == 3  # quyết định, giấy mời họp, công văn A
    same_doc = findings(snippet([prohibition("bo-truong", "sign", docs=("giay-moi-hop",))]), "QC302")
    assert len(same_doc) == 1
    other_action = findings(snippet([prohibition("bo-truong", "approve", docs=("giay-moi-hop",))]), "QC302")
    assert other_action == []


def test_a_narrower_prohibition_is_a_carve_out_not_a_conflict() -> None:
    # Bộ trưởng may sign giấy mời họp; he may not sign those of one task: an exception, not a contradiction
    narrower = prohibition("bo-truong", "sign", "ke-hoach-nam", ("giay-moi-hop",))
    assert findings(snippet([narrower]), "QC302") == []


def test_a_power_received_by_delegation_counts() -> None:
    found = findings(snippet([prohibition("pho-chanh-van-phong", "sign", docs=("giay-moi-hop",))]), "QC302")
    assert len(found) == 1 and found[0].actors == ("pho-chanh-van-phong",)


# --- QC303 exclusive-power-shared -------------------------------------------------------------------------

def power(holder: str, doc: str, exclusive: bool = False, action: str = "sign") -> dict[str, Any]:
    return {"power": {"holder": holder, "action": action, "document_types": [doc], "exclusive": exclusive}}


def test_an_exclusive_power_delegated_to_a_deputy_is_shared() -> None:
    # cong-van-a is signed by Thứ trưởng A under the KT. of khoản 2 Điều 2
    found = findings(snippet([power("bo-truong", "cong-van-a", exclusive=True)]), "QC303")
    assert len(found) == 1
    assert set(found[0].actors) == {"bo-truong", "thu-truong-a"}
    assert "Thứ trưởng A (khoản 2 Điều 2)" in found[0].message.vi


def test_two_exclusive_grants_make_one_finding() -> None:
    norms = [power("bo-truong", "quyet-dinh", True), power("vu-truong-b", "quyet-dinh", True),
             power("vu-truong-a", "quyet-dinh")]
    found = findings(snippet(norms), "QC303")
    assert len(found) == 1
    assert set(found[0].actors) == {"bo-truong", "vu-truong-a", "vu-truong-b"}


def test_acting_in_absence_or_another_action_is_not_sharing() -> None:
    absence = {"delegation": {"mode": "entrust", "from": "bo-truong", "to": "thu-truong-b",
                              "scope": ["quyet-dinh"], "condition": "absence"}}
    assert findings(snippet([power("bo-truong", "quyet-dinh", True), absence]), "QC303") == []
    other = power("vu-truong-b", "quyet-dinh", action="propose")
    assert findings(snippet([power("bo-truong", "quyet-dinh", True), other]), "QC303") == []


# --- QC305 lead-and-cooperator ----------------------------------------------------------------------------

def test_a_coordination_that_lists_its_lead_among_cooperators() -> None:
    norms = [{"coordination": {"lead": "vu-b", "cooperating": ["vu-b", "van-phong"], "task": "don-doc"}}]
    found = findings(snippet(norms), "QC305")
    assert len(found) == 1 and found[0].actors == ("vu-b",)


def test_a_unit_head_cooperating_on_the_task_its_unit_leads() -> None:
    norms = [{"duty": {"holder": "vu-truong-a", "task": "ke-hoach-nam", "role": "cooperate"}},
             {"duty": {"holder": "vu-a", "task": "ke-hoach-nam", "role": "cooperate"}}]
    found = findings(snippet(norms), "QC305")
    assert len(found) == 1  # one finding per (task, party), however many cooperate norms
    assert found[0].tasks == ("ke-hoach-nam",)


# --- QC306 multiple-substitutes ---------------------------------------------------------------------------

def substitution(substitute: str, absent: str = "bo-truong") -> dict[str, Any]:
    return {"substitution": {"absent": absent, "substitute": substitute}}


def test_three_substitutes_make_one_finding() -> None:
    found = findings(snippet([substitution("thu-truong-b")], [substitution("chanh-van-phong")]), "QC306")
    assert len(found) == 1
    assert set(found[0].actors) == {"bo-truong", "thu-truong-a", "thu-truong-b", "chanh-van-phong"}
    assert "Thứ trưởng B (khoản 1 Điều 3)" in found[0].message.vi


def test_repeating_the_same_substitute_is_no_conflict() -> None:
    assert findings(snippet([substitution("thu-truong-a")]), "QC306") == []
