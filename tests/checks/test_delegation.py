"""QC4xx delegation and signing (QC401-QC414, QC418-QC420): focused cases on the minimal fixture, run on both engines.

The minimal fixture has: KT. Bộ trưởng -> Thứ trưởng A (field A, công văn A, khoản 2 Điều 2); TL. Bộ trưởng ->
Chánh Văn phòng (giấy mời họp, id tl-cvp) passed on to Phó Chánh Văn phòng (khoản 3 Điều 2).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

Norms = list[dict[str, Any]]
ALL = ("QC401", "QC402", "QC403", "QC404", "QC405", "QC406", "QC407", "QC408", "QC409", "QC410", "QC411",
       "QC412", "QC413", "QC414", "QC418", "QC419", "QC420")


def snippet(*clauses: Norms, **extra: Any) -> str:
    """Return a fixture snippet: article 3, one clause per list of norms, plus ``extra`` top-level keys."""
    items: list[dict[str, Any]] = [
        {"clause": str(n), "text": f"Khoản {n}.", "norms": norms} for n, norms in enumerate(clauses, 1)
    ]
    article = {"article": "3", "title": "Kiểm thử", "chapter": "II", "clauses": items}
    data: dict[str, Any] = {"articles": [article]}
    data.update(extra)
    return yaml.safe_dump(data, allow_unicode=True)


def findings(text: str, *codes: str, day: dt.date | None = None) -> list[Finding]:
    """Run ``codes`` (both engines, compared) on the minimal fixture with ``text`` merged in."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, text, Path(tmp))
        result = run_checks(load_regulation(folder), engine="both", select=set(codes), day=day)
    return [f for f in result.findings if f.code in codes]


def codes(text: str, day: dt.date | None = None) -> list[str]:
    return sorted(f.code for f in findings(text, *ALL, day=day))


def deleg(frm: str, to: str, **kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"mode": "assign", "from": frm, "to": to}
    body.update(kw)
    return {"delegation": body}


def tuq(frm: str, to: str, **kw: Any) -> dict[str, Any]:
    body = {"mode": "authorize", "signing": "TUQ", "instrument": "5/QĐ-MAU", "valid_until": "2024-12-31",
            "scope": ["giay-moi-hop"]}
    body.update(kw)
    return deleg(frm, to, **body)


CHUYEN_VIEN = {"id": "chuyen-vien", "name": "Chuyên viên Văn phòng", "kind": "staff", "parent": "van-phong"}
CONG_VAN_B = {"id": "cong-van-b", "name": "Công văn thuộc lĩnh vực B", "field": "linh-vuc-b"}


def test_the_minimal_fixture_has_no_delegation_finding() -> None:
    assert codes("{}") == []


# --- QC401 delegation-of-unheld-power ----------------------------------------------------------------------

def test_passing_on_more_than_was_received() -> None:
    found = findings(snippet([deleg("chanh-van-phong", "pho-chanh-van-phong", signing="TL",
                                    scope=["giay-moi-hop", "quyet-dinh"])]), "QC401")
    assert len(found) == 1
    assert "quyet-dinh" in found[0].message.vi and "giay-moi-hop" not in found[0].message.vi


def test_holdings_through_a_field_a_unit_or_led_work() -> None:
    # Thứ trưởng B receives KT. over field B only, then assigns a công văn of field B: held through the field
    kt_field = deleg("bo-truong", "thu-truong-b", signing="KT", fields=["linh-vuc-b"])
    pass_on = deleg("thu-truong-b", "vu-truong-b", scope=["cong-van-b"])
    # Vụ trưởng Vụ A assigns the work his unit leads (phân công), with no signing mode
    assign_work = deleg("vu-truong-a", "vu-truong-b", action="manage", task="ke-hoach-nam")
    # Văn phòng holds what its head holds (giấy mời họp, by TL.)
    by_unit = deleg("van-phong", "pho-chanh-van-phong", scope=["giay-moi-hop"])
    text = snippet([kt_field, pass_on], [assign_work], [by_unit], document_types=[CONG_VAN_B])
    assert findings(text, "QC401") == []


def test_a_cooperator_cannot_assign_the_work_it_only_cooperates_on() -> None:
    found = findings(snippet([deleg("vu-b", "vu-truong-a", action="manage", task="ke-hoach-nam")]), "QC401")
    assert len(found) == 1 and found[0].actors == ("vu-b", "vu-truong-a")


# --- QC402 tuq-redelegated --------------------------------------------------------------------------------

def test_a_tuq_passed_on_without_via_in_any_mode() -> None:
    text = snippet([tuq("bo-truong", "chanh-van-phong", scope=["quyet-dinh"])],
                   [deleg("chanh-van-phong", "pho-chanh-van-phong", signing="KT", scope=["quyet-dinh"])])
    found = findings(text, "QC402")
    assert len(found) == 1
    assert [p.citation for p in found[0].provisions] == ["khoản 2 Điều 3", "khoản 1 Điều 3"]


def test_a_tuq_passed_on_in_the_name_of_its_holders_unit() -> None:
    # the TUQ. is the head's; "Văn phòng ủy quyền…" is the head's unit passing it on: one party, same refusal
    text = snippet([tuq("bo-truong", "chanh-van-phong", scope=["quyet-dinh"])],
                   [deleg("van-phong", "pho-chanh-van-phong", signing="KT", scope=["quyet-dinh"])])
    found = findings(text, "QC402")
    assert len(found) == 1 and [p.citation for p in found[0].provisions] == ["khoản 2 Điều 3", "khoản 1 Điều 3"]


def test_a_tl_passed_on_by_a_holder_who_also_has_a_tuq_is_not_a_tuq_redelegation() -> None:
    # Chánh Văn phòng holds a TUQ. for quyết định and a TL. for giấy mời họp; passing giấy mời họp on is fine
    text = snippet([tuq("bo-truong", "chanh-van-phong", scope=["quyet-dinh"])])
    assert findings(text, "QC402") == []


def test_authorising_signature_without_a_mode_is_a_tuq() -> None:
    plain = {"mode": "authorize", "signing": None}
    text = snippet([tuq("bo-truong", "chanh-van-phong", **plain)],
                   [deleg("chanh-van-phong", "vu-truong-a", mode="authorize", scope=["giay-moi-hop"])])
    assert "QC402" in codes(text)


# --- QC403-QC405 TUQ. in writing, bounded, to a unit head --------------------------------------------------

def test_tuq_requirements() -> None:
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong")])) == []
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", instrument=None)])) == ["QC403"]
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", valid_until=None)])) == ["QC404"]
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", scope=[])])) == ["QC404"]
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", scope=[], task="ky-so")])) == []
    assert codes(snippet([tuq("bo-truong", "van-phong")])) == ["QC405"]
    assert codes(snippet([tuq("bo-truong", "van-thu")])) == ["QC405"]


@pytest.mark.parametrize("placeholder", ["…/QĐ-UBDT", ".../QĐ-MAU", "x", "số /QĐ-MAU", "TBD", "   "])
def test_a_placeholder_instrument_is_no_instrument(placeholder: str) -> None:
    """Review error 8: "…/QĐ-UBDT" was accepted as the written authorisation Đ13(3) requires."""
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", instrument=placeholder)])) == ["QC403"]


@pytest.mark.parametrize("number", ["5/QĐ-MAU", "12/2024/QĐ-MAU", "số 101/QĐ-UBDT", "Quyết định số 12/QĐ-MAU",
                                    "12/QĐ-MAU ngày 15/01/2024", "Quyết định số 12/QĐ-MAU ngày 15 tháng 01 năm 2024"])
def test_a_numbered_instrument_is_an_instrument(number: str) -> None:
    """QA3 defect 12: the kind word and the date (how instruments are named) were taken for no instrument."""
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", instrument=number)])) == []


@pytest.mark.parametrize("number", ["0/QĐ-MAU", "00/QĐ-MAU", "Quyết định số 0/QĐ-MAU ngày 15/01/2024"])
def test_number_zero_is_no_instrument(number: str) -> None:
    """QA3 defect 12: numbers start at 01 (Decree 30/2020 Art. 15(1)); "0/QĐ-MAU" is a blank to fill."""
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", instrument=number)])) == ["QC403"]


def test_a_tuq_that_may_be_passed_on_contradicts_the_decree() -> None:
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", may_subdelegate=True)])) == ["QC414"]
    assert codes(snippet([tuq("bo-truong", "chanh-van-phong", may_subdelegate=False)])) == []


#: a province's department: a unit under an external actor, outside the ministry's structure
PROVINCE = [
    {"id": "ubnd-tinh-x", "name": "Ủy ban nhân dân tỉnh X", "kind": "external"},
    {"id": "so-noi-vu", "name": "Sở Nội vụ tỉnh X", "kind": "unit", "parent": "ubnd-tinh-x"},
    {"id": "giam-doc-so", "name": "Giám đốc Sở Nội vụ tỉnh X", "kind": "unit_head", "parent": "so-noi-vu"},
]


def test_a_tuq_goes_to_the_head_of_a_unit_of_the_delegators_own_structure() -> None:
    """QA3 defect 1 (B): a province's Giám đốc Sở passed as a unit head (Đ13(3) "thuộc cơ cấu tổ chức của mình")."""
    found = findings(snippet([tuq("bo-truong", "giam-doc-so")], actors=PROVINCE), "QC405")
    assert len(found) == 1 and "cơ cấu tổ chức" in found[0].message.vi
    cuc = [{"id": "cuc-y", "name": "Cục Y", "kind": "unit", "parent": "tong-cuc-x"},
           {"id": "cuc-truong-y", "name": "Cục trưởng Cục Y", "kind": "unit_head", "parent": "cuc-y"},
           {"id": "vu-c", "name": "Vụ C", "kind": "unit"},  # tied to no body: cannot be placed, not reported
           {"id": "vu-truong-c", "name": "Vụ trưởng Vụ C", "kind": "unit_head", "parent": "vu-c"}]
    lawful = snippet([tuq("bo-truong", "tong-cuc-truong")], [tuq("bo-truong", "cuc-truong-y")],
                     [tuq("tong-cuc-truong", "cuc-truong-y")], [tuq("bo-truong", "vu-truong-c")],
                     actors=[*TONG_CUC, *cuc])
    assert findings(lawful, "QC405") == []
    # the Tổng cục trưởng's structure is the Tổng cục's: a Vụ of the ministry is not in it
    found = findings(snippet([tuq("tong-cuc-truong", "vu-truong-a")], actors=TONG_CUC), "QC405")
    assert [f.actors for f in found] == [("tong-cuc-truong", "vu-truong-a")]


def test_only_the_head_of_a_body_authorises_signing() -> None:
    """QA3 defect 1 (A): a TUQ. granted by a deputy or a unit head was accepted (Đ13(3) "người đứng đầu cơ quan")."""
    own_power = {"power": {"holder": "vu-truong-a", "action": "sign", "document_types": ["cong-van-a"]}}
    found = findings(snippet([own_power, tuq("vu-truong-a", "vu-truong-b", scope=["cong-van-a"])]), "QC418")
    assert len(found) == 1 and found[0].actors == ("vu-truong-a", "vu-truong-b")
    assert "only the head of a body may authorise signing" in found[0].message.en
    # a deputy passing on the KT. it signs by a TUQ.: reported once, as a KT. passed on
    assert codes(snippet([tuq("thu-truong-a", "vu-truong-a", scope=["cong-van-a"])])) == ["QC419"]
    # an authorised signer authorising again: reported once, as a TUQ. passed on
    again = snippet([tuq("bo-truong", "vu-truong-b", id="tuq-b")], [tuq("vu-truong-b", "vu-truong-a", via="tuq-b")])
    assert codes(again) == ["QC402"]
    # the head, or the body acting through its head
    assert codes(snippet([tuq("bo-truong", "vu-truong-a")], [tuq("co-quan", "vu-truong-b")])) == []


# --- QC406 kt-outside-field --------------------------------------------------------------------------------

def test_kt_outside_the_deputys_field() -> None:
    # the field is Thứ trưởng B's but công văn A is not (scope items are checked even when fields are given)
    found = findings(snippet([deleg("bo-truong", "thu-truong-b", signing="KT", fields=["linh-vuc-b"],
                                    scope=["cong-van-a"])]), "QC406")
    assert len(found) == 1 and "«cong-van-a»" in found[0].message.vi


def test_kt_to_someone_who_is_not_a_deputy() -> None:
    kt = deleg("bo-truong", "vu-truong-a", signing="KT", scope=["quyet-dinh"])
    found = findings(snippet([kt]), "QC406")
    assert len(found) == 1


TONG_CUC = [
    {"id": "tong-cuc-x", "name": "Tổng cục X", "kind": "body", "parent": "co-quan"},
    {"id": "tong-cuc-truong", "name": "Tổng cục trưởng Tổng cục X", "kind": "head", "parent": "tong-cuc-x"},
    {"id": "pho-tong-cuc-truong", "name": "Phó Tổng cục trưởng Tổng cục X", "kind": "deputy_head",
     "parent": "tong-cuc-x", "fields": ["linh-vuc-a"]},
]


def test_kt_to_the_deputy_of_another_bodys_head() -> None:
    """QA3 defect 3: a deputy head of another body passed as the delegator's deputy (Đ13(1): its own cấp phó)."""
    def kt(frm: str, to: str) -> dict[str, Any]:
        return deleg(frm, to, signing="KT", fields=["linh-vuc-a"], scope=["cong-van-a"])

    text = snippet([kt("bo-truong", "pho-tong-cuc-truong")], [kt("tong-cuc-truong", "thu-truong-a")],
                   [kt("tong-cuc-truong", "pho-tong-cuc-truong")], actors=TONG_CUC)
    found = findings(text, "QC406")
    assert [f.actors for f in found] == [("pho-tong-cuc-truong", "bo-truong"), ("thu-truong-a", "tong-cuc-truong")]


def test_an_open_kt_gives_every_document_not_some() -> None:
    """Đ13(1) lets a deputy sign "một số" documents: a KT. naming no field, type or task is outside the rule."""
    found = findings(snippet([deleg("bo-truong", "thu-truong-a", signing="KT")]), "QC406")
    assert len(found) == 1 and "*" in found[0].message.en
    absent = deleg("bo-truong", "thu-truong-a", mode="entrust", signing="KT", condition="absence")
    assert findings(snippet([absent]), "QC406") == []


def test_kt_exceptions() -> None:
    # head-level documents listed; the deputy put in charge during the head's absence; KT. under a TL. pass-on
    head_level = deleg("bo-truong", "thu-truong-b", signing="KT", scope=["quyet-dinh"])
    absence = deleg("bo-truong", "thu-truong-b", mode="entrust", signing="KT", scope=["cong-van-a"],
                    condition="absence")
    under_tl = deleg("chanh-van-phong", "pho-chanh-van-phong", signing="KT", via="tl-cvp",
                     scope=["giay-moi-hop"])
    assert findings(snippet([head_level], [absence], [under_tl]), "QC406") == []


# --- QC407 tm-in-headship-body, QC408 q-without-vacancy ----------------------------------------------------

def test_tm_depends_on_the_regime() -> None:
    tm = deleg("bo-truong", "thu-truong-a", signing="TM", scope=["cong-van-a"])
    assert codes(snippet([tm])) == ["QC407"]
    assert codes(snippet([tm], regulation={"regime": "collective"})) == []


def test_the_compound_tm_kt_form_is_tm_too() -> None:
    """QA3 defect 4: "TM. cơ quan / KT. Bộ trưởng" (on_behalf_of) in a headship body passed QC407."""
    compound = deleg("bo-truong", "thu-truong-a", signing="KT", on_behalf_of="co-quan", fields=["linh-vuc-a"],
                     scope=["cong-van-a"])
    found = findings(snippet([compound]), "QC407")
    assert len(found) == 1
    assert found[0].message.vi.startswith("Thứ trưởng A ký thay mặt (TM) Cơ quan mẫu tại khoản 1 Điều 3")
    assert codes(snippet([compound], regulation={"regime": "collective"})) == []
    plain_tm = findings(snippet([deleg("bo-truong", "thu-truong-a", signing="TM", scope=["cong-van-a"])]), "QC407")
    assert plain_tm[0].message.en.startswith("Thứ trưởng A signs on behalf of (TM.) Bộ trưởng in")


def test_q_given_by_the_head_while_a_unit_head_post_is_vacant() -> None:
    vacant = {"id": "chanh-van-phong", "name": "Chánh Văn phòng", "kind": "unit_head", "parent": "van-phong",
              "vacant": True}
    q = deleg("bo-truong", "pho-chanh-van-phong", signing="Q")
    assert "QC408" in codes(snippet([q]))
    assert "QC408" not in codes(snippet([q], actors=[vacant]))


def test_no_one_is_made_acting_minister() -> None:
    """Review error 1: the model gave Q. Bộ trưởng to a deputy minister; a deputy put in charge signs KT."""
    vacant = {"id": "bo-truong", "name": "Bộ trưởng", "kind": "head", "parent": "co-quan", "vacant": True}
    q = deleg("bo-truong", "thu-truong-a", signing="Q", condition="vacancy")
    assert "QC408" in codes(snippet([q]))
    assert "QC408" in codes(snippet([q], actors=[vacant]))


# --- QC409 tl-passed-to-non-deputy --------------------------------------------------------------------------

def test_a_tl_passed_on_in_the_name_of_its_holders_unit_to_another_units_head() -> None:
    # Chánh Văn phòng signs giấy mời họp TL. (the minimal fixture); "Văn phòng giao Vụ trưởng Vụ A ký thừa lệnh…"
    text = snippet([deleg("van-phong", "vu-truong-a", signing="TL", scope=["giay-moi-hop"])])
    found = findings(text, "QC409")
    assert len(found) == 1 and found[0].actors == ("van-phong", "vu-truong-a")


def test_a_deputy_cannot_pass_a_tl_further() -> None:
    text = snippet([deleg("pho-chanh-van-phong", "chuyen-vien", signing="TL", scope=["giay-moi-hop"])],
                   actors=[CHUYEN_VIEN])
    found = findings(text, "QC409")
    assert len(found) == 1 and found[0].actors == ("pho-chanh-van-phong", "chuyen-vien")


def test_a_deputy_who_received_a_tl_holders_kt_cannot_pass_it_further() -> None:
    """QA3 doubtful 14: TL. → (KT.) the holder's deputy → a staff member was only QC411's warning.

    Đ13(4) allows one hand-over of a TL., "cho cấp phó ký thay"; the deputy signs for the holder (KT.) and passes
    nothing on, as when the hand-over is written TL. (QC409): now an error, QC419.
    """
    kt = deleg("chanh-van-phong", "pho-chanh-van-phong", id="kt-pcvp", signing="KT", via="tl-cvp",
               scope=["giay-moi-hop"])
    further = deleg("pho-chanh-van-phong", "chuyen-vien", via="kt-pcvp", scope=["giay-moi-hop"])
    assert codes(snippet([kt], actors=[CHUYEN_VIEN])) == []
    assert codes(snippet([kt, further], actors=[CHUYEN_VIEN])) == ["QC411", "QC419"]


# --- QC419 kt-passed-on -----------------------------------------------------------------------------------------

def test_a_kt_signer_does_not_pass_signing_on() -> None:
    """QA3 defect 1 (A): a deputy who signs KT. "assigning" a unit head to sign those documents was accepted."""
    found = findings(snippet([deleg("thu-truong-a", "vu-truong-b", scope=["cong-van-a"])]), "QC419")
    assert len(found) == 1
    f = found[0]
    assert f.actors == ("thu-truong-a", "vu-truong-b")
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3", "khoản 2 Điều 2"]
    assert f.message.vi.startswith("Thứ trưởng A ký thay (KT) (khoản 2 Điều 2) nhưng lại giao tiếp cho Vụ trưởng Vụ B")
    # what the deputy did not receive by KT. is not a KT. passed on (QC401 says it is unheld)
    assert findings(snippet([deleg("thu-truong-a", "vu-truong-b", scope=["giay-moi-hop"])]), "QC419") == []


# --- QC420 tl-to-non-unit-head ----------------------------------------------------------------------------------

def test_a_tl_is_given_to_the_head_of_a_unit_of_the_body() -> None:
    """QA3 defect 2: a TL. to a deputy minister or to the clerk was accepted (Đ13(4) "người đứng đầu đơn vị")."""
    def tl(to: str) -> dict[str, Any]:
        return deleg("bo-truong", to, signing="TL", scope=["giay-moi-hop"])

    text = snippet([tl("thu-truong-b")], [tl("van-thu")], [tl("pho-chanh-van-phong")], [tl("giam-doc-so")],
                   actors=PROVINCE)
    found = findings(text, "QC420")
    assert [f.actors[1] for f in found] == ["thu-truong-b", "van-thu", "pho-chanh-van-phong", "giam-doc-so"]
    assert found[0].message.en == ("Bộ trưởng has Thứ trưởng B sign by order (TL.) in khoản 1 Điều 3, but Thứ trưởng B "
                                   "is not the head of a unit of the body")
    # unit heads of the body; the holder's hand-over to its deputy (the minimal fixture) is QC409's
    assert codes(snippet([tl("vu-truong-a")], [tl("vu-truong-b")])) == []


# --- QC410 delegation-cycle ---------------------------------------------------------------------------------

def test_a_cycle_is_reported_once_at_the_provision_that_closes_it() -> None:
    text = snippet([deleg("thu-truong-a", "vu-truong-a", scope=["cong-van-a"])],
                   [deleg("vu-truong-a", "bo-truong", scope=["cong-van-a"])])
    found = findings(text, "QC410")
    assert len(found) == 1
    f = found[0]
    assert set(f.actors) == {"bo-truong", "thu-truong-a", "vu-truong-a"}
    assert {p.citation for p in f.provisions} == {"khoản 2 Điều 2", "khoản 1 Điều 3", "khoản 2 Điều 3"}
    assert "khoản 2 Điều 3 khép vòng" in f.message.vi
    assert f.location.file.endswith("dieu-03.yaml")


def test_no_cycle_across_different_objects_or_actions() -> None:
    other_doc = deleg("thu-truong-a", "bo-truong", scope=["giay-moi-hop"])
    other_action = deleg("thu-truong-a", "bo-truong", action="approve", scope=["cong-van-a"])
    assert findings(snippet([other_doc], [other_action]), "QC410") == []


# --- QC411 delegation-chain-too-long -----------------------------------------------------------------------

def test_a_chain_is_reported_once_at_its_first_step_beyond_the_limit() -> None:
    clerk_pass = deleg("chuyen-vien", "van-thu", signing="TL", scope=["giay-moi-hop"])
    text = snippet([deleg("pho-chanh-van-phong", "chuyen-vien", signing="TL", scope=["giay-moi-hop"])],
                   [clerk_pass], actors=[CHUYEN_VIEN])
    found = findings(text, "QC411")
    assert len(found) == 1
    f = found[0]
    assert f.actors == ("bo-truong", "chanh-van-phong", "pho-chanh-van-phong", "chuyen-vien", "van-thu")
    assert "dài 4 cấp" in f.message.vi and "cấp thứ 3 tại khoản 1 Điều 3" in f.message.vi
    assert f.severity.value == "warning"


# --- QC412 agency-signature-without-personal ---------------------------------------------------------------

def test_the_clerk_seals_only_what_someone_signs() -> None:
    seal = {"power": {"holder": "van-thu", "action": "seal", "document_types": ["cong-van-b"]}}
    assert codes(snippet([seal], document_types=[CONG_VAN_B])) == ["QC412"]
    signed_by_delegation = deleg("bo-truong", "thu-truong-b", signing="KT", scope=["cong-van-b"])
    assert codes(snippet([seal, signed_by_delegation], document_types=[CONG_VAN_B])) == []
    everything = {"power": {"holder": "van-thu", "action": "seal"}}  # "đóng dấu văn bản đi": no object
    assert codes(snippet([everything])) == []


# --- QC413 delegation-expired ------------------------------------------------------------------------------

def test_expiry_depends_on_the_date_checked() -> None:
    text = snippet([tuq("bo-truong", "chanh-van-phong", valid_until="2024-06-30")])
    assert codes(text) == []
    found = findings(text, "QC413", day=dt.date(2024, 7, 1))
    assert len(found) == 1 and found[0].severity.value == "warning" and "2024-06-30" in found[0].message.vi
