"""The importer's suggestions, one formula at a time: a sentence that says it, and a near miss that does not.

Each class of phrasing (quyche_rules.importing.suggest, .coordination, .deadlines) is shown on a sentence written
as a ministry's regulation would write it, and on the closest sentence that must suggest nothing of that kind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quyche_rules.cli import main
from quyche_rules.importing.actors import ImportedActor, recognise
from quyche_rules.importing.suggest import suggest
from quyche_rules.loading import load_regulation

ACTORS = [
    ImportedActor("bo-x", "Bộ X", "body"),
    ImportedActor("bo-truong", "Bộ trưởng", "head", "bo-x"),
    ImportedActor("thu-truong", "Thứ trưởng", "deputy_head", "bo-x"),
    ImportedActor("van-phong", "Văn phòng Bộ", "unit", "bo-x", ["Văn phòng"]),
    ImportedActor("chanh-van-phong", "Chánh Văn phòng", "unit_head", "van-phong"),
    ImportedActor("vu-a", "Vụ Pháp chế", "unit", "bo-x"),
    ImportedActor("vu-b", "Vụ Tổng hợp", "unit", "bo-x"),
    ImportedActor("vu-c", "Vụ Tài chính", "unit", "bo-x"),
    ImportedActor("cac-vu", "Các vụ, đơn vị", "group", "bo-x", ["Các đơn vị"], member_kind="unit"),
]


def _norms(text: str, lead_in: str = "", owner: str = "", introduces: bool = False) -> list[tuple[str, Any]]:
    """Return the suggestions as (kind, what): duties as (role, holder), the others by their main fields."""
    out: list[tuple[str, Any]] = []
    for norm in suggest(text, "nhiem-vu", ACTORS, lead_in, owner, introduces):
        (key, inner), = norm.items()
        assert inner["suggested"] is True and inner["words"]
        if key == "duty":
            out.append((inner["role"], inner["holder"]))
        elif key == "coordination":
            out.append(("coordination", (inner["lead"], tuple(inner["cooperating"]))))
        elif key == "delegation":
            out.append((inner["signing"], (inner["from"], inner["to"])))
        else:
            out.append(("deadline", None))
    return out


def _deadlines(text: str, lead_in: str = "") -> list[dict[str, Any]]:
    found = []
    for norm in suggest(text, "nhiem-vu", ACTORS, lead_in):
        inner = next(iter(norm.values()))
        found += [inner[k] for k in ("deadline", "within", "response_deadline") if isinstance(inner.get(k), dict)]
    return found


# --- coordinations ------------------------------------------------------------------------------------------


def test_lead_with_cooperators_named_after_phoi_hop_voi() -> None:
    got = _norms("Vụ Pháp chế chủ trì, phối hợp với Vụ Tổng hợp và Vụ Tài chính xây dựng kế hoạch.")
    assert ("coordination", ("vu-a", ("vu-b", "vu-c"))) in got
    assert ("lead", "vu-a") in got and ("cooperate", "vu-a") not in got  # the lead does not cooperate


def test_lead_with_cooperators_that_are_no_actors_is_a_lead_only() -> None:
    got = _norms("Vụ Pháp chế chủ trì, phối hợp với các cơ quan có liên quan xây dựng kế hoạch.")
    assert got == [("lead", "vu-a")]


def test_chu_tri_hop_lam_viec_voi() -> None:
    got = _norms("Chánh Văn phòng có trách nhiệm chủ trì họp, làm việc với các vụ, đơn vị để thống nhất.")
    assert ("coordination", ("chanh-van-phong", ("cac-vu",))) in got


def test_an_assigned_chair_is_no_coordination() -> None:
    got = _norms("Trường hợp cần thiết, giao Chánh Văn phòng chủ trì họp, làm việc với các vụ, đơn vị.")
    assert not [k for k, _ in got if k in ("coordination", "lead")]


def test_cooperators_of_a_later_sentence_answer_within_the_period() -> None:
    text = ("Vụ Pháp chế chủ trì xây dựng chương trình; Vụ Tổng hợp và Văn phòng Bộ cung cấp thông tin trong thời "
            "hạn 03 ngày làm việc kể từ ngày nhận được đề nghị.")
    norm = next(n["coordination"] for n in suggest(text, "t", ACTORS) if "coordination" in n)
    assert (norm["lead"], norm["cooperating"]) == ("vu-a", ["vu-b", "van-phong"])
    assert norm["response_deadline"] == {"working_days": 3, "from_event": "ngày nhận được đề nghị"}
    assert ("responsible", "van-phong") not in _norms(text)  # the period is the answer's, given once


def test_cung_cap_without_a_lead_is_no_cooperation() -> None:
    assert _norms("Vụ Tổng hợp cung cấp thông tin cho báo chí.") == []


def test_lay_y_kien_the_one_who_asks_leads() -> None:
    got = _norms("Khi lập kế hoạch, Văn phòng Bộ lấy ý kiến Vụ Tài chính về nguồn kinh phí.")
    assert got == [("coordination", ("van-phong", ("vu-c",)))]


@pytest.mark.parametrize("text", ["Việc lấy ý kiến Vụ Tài chính được thực hiện bằng văn bản.",
                                  "Bộ trưởng quyết định bằng phiếu lấy ý kiến Vụ Tài chính.",
                                  "Đơn vị được lấy ý kiến Vụ Tài chính trả lời bằng văn bản."])
def test_lay_y_kien_as_a_noun_or_with_no_one_asking_is_no_coordination(text: str) -> None:
    assert not [k for k, _ in _norms(text) if k == "coordination"]


def test_thong_nhat_voi() -> None:
    got = _norms("Bộ trưởng trên cơ sở trao đổi, thống nhất với Thứ trưởng phụ trách, Chánh Văn phòng, quyết định.")
    assert got == [("coordination", ("bo-truong", ("thu-truong", "chanh-van-phong")))]


def test_thong_nhat_voi_no_actor_is_nothing() -> None:
    assert _norms("Văn phòng Bộ bảo đảm thống nhất với quy định của pháp luật.") == []


def test_answering_a_consultation_cooperates_with_the_one_who_asks() -> None:
    lead_in = "Thứ trưởng có trách nhiệm sau:"
    text = "Trả lời phiếu lấy ý kiến của Bộ trưởng đúng hạn (từ 02 đến 05 ngày làm việc);"
    norm = next(n["coordination"] for n in suggest(text, "t", ACTORS, lead_in) if "coordination" in n)
    assert (norm["lead"], norm["cooperating"]) == ("bo-truong", ["thu-truong"])
    assert norm["response_deadline"] == {"working_days": 5, "min": 2}


# --- leads, cooperations and who holds them ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Văn phòng Bộ là đầu mối tổng hợp báo cáo.",
                                  "Văn phòng Bộ là cơ quan đầu mối tổng hợp báo cáo.",
                                  "Chánh Văn phòng là người phát ngôn của Bộ.",
                                  "Thứ trưởng được Bộ trưởng giao phụ trách một số lĩnh vực."])
def test_roles_that_are_a_lead(text: str) -> None:
    assert _norms(text)[0][0] == "lead" and _norms(text)[0][1] in ("van-phong", "chanh-van-phong", "thu-truong")


@pytest.mark.parametrize("text", ["Thứ trưởng phụ trách lĩnh vực ký các văn bản thuộc lĩnh vực đó.",
                                  "Bộ trưởng cử một công chức làm đầu mối chuyển đổi số.",
                                  "Văn bản được gửi đến người phát ngôn."])
def test_near_roles_are_no_lead(text: str) -> None:
    assert not [k for k, _ in _norms(text) if k == "lead"]


def test_tham_gia_y_kien_is_a_cooperation_tham_gia_alone_is_not() -> None:
    assert _norms("Tham gia ý kiến với Vụ Pháp chế về dự thảo.", "Vụ Tổng hợp có nhiệm vụ:") == [
        ("cooperate", "vu-b")]
    assert _norms("Tham gia đầy đủ các cuộc họp.", "Vụ Tổng hợp có nhiệm vụ:") == []


@pytest.mark.parametrize("text", ["Văn phòng Bộ gửi nhắc việc đến đơn vị chủ trì.",
                                  "Đơn vị phối hợp trả lời đầy đủ nội dung được đề nghị.",
                                  "Văn phòng Bộ theo dõi việc trả lời đề nghị phối hợp.",
                                  "Khi vắng mặt, phải báo cáo người chủ trì cuộc họp."])
def test_defined_phrases_are_no_formula(text: str) -> None:
    assert not [k for k, _ in _norms(text) if k in ("lead", "cooperate")]


def test_a_group_is_no_defined_phrase_and_holds_for_each_member() -> None:
    norms = suggest("Các đơn vị phối hợp chặt chẽ với nhau.", "t", ACTORS)
    assert norms[0]["duty"]["holder"] == "cac-vu" and norms[0]["duty"]["each"] is True


def test_every_actor_of_the_subject_list_holds_it() -> None:
    assert _norms("Vụ Tổng hợp và Vụ Tài chính phối hợp xây dựng kế hoạch.") == [
        ("cooperate", "vu-b"), ("cooperate", "vu-c")]


def test_the_objects_of_trinh_hold_nothing() -> None:
    got = _norms("Văn phòng Bộ trình Bộ trưởng hoặc Thứ trưởng xem xét trong vòng 05 ngày làm việc.")
    assert got == [("responsible", "van-phong")]
    assert _norms("Đối với hồ sơ hợp lệ, trình Bộ trưởng hoặc Thứ trưởng trong vòng 05 ngày làm việc.") == [
        ("deadline", None)]  # no subject: a time limit of the task, held by no one named
    assert _norms("Văn phòng Bộ rà soát và trình Lãnh đạo Bộ X trong vòng 03 ngày làm việc.") == [
        ("responsible", "van-phong")]  # "Bộ X" is named in the object "Lãnh đạo Bộ X"


def test_a_lead_in_that_introduces_points_gives_them_its_lead() -> None:
    lead_in = "Văn phòng Bộ chủ trì thực hiện các công việc sau đây:"
    assert not [k for k, _ in _norms(lead_in, introduces=True) if k == "lead"]  # the points hold it
    assert _norms("Xây dựng chương trình công tác năm.", lead_in) == [("lead", "van-phong")]
    assert _norms("Vụ Tổng hợp xây dựng chương trình công tác năm.", lead_in) == []  # its own subject
    assert _norms("Văn phòng Bộ chủ trì tổng hợp báo cáo.", introduces=True) == [("lead", "van-phong")]


def test_the_actor_an_article_title_names_is_the_subject_of_its_clauses() -> None:
    assert _norms("Chủ trì xây dựng chương trình công tác.", owner="Trách nhiệm của Văn phòng Bộ") == [
        ("lead", "van-phong")]
    assert _norms("Chủ trì xây dựng chương trình công tác.") == []


# --- signing ------------------------------------------------------------------------------------------------


def test_ky_thay_grants_but_khi_ky_thay_describes() -> None:
    assert _norms("Thứ trưởng ký thay Bộ trưởng các văn bản thuộc lĩnh vực được phân công.") == [
        ("KT", ("bo-truong", "thu-truong"))]
    assert _norms("Người có thẩm quyền gồm Bộ trưởng, Thứ trưởng khi ký thay.") == []
    assert _norms("Thứ trưởng ký thay chịu trách nhiệm trước Bộ trưởng về văn bản mình ký.") == []
    assert _norms("Văn bản do người ký thừa lệnh chịu trách nhiệm.") == []


# --- deadlines ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("Vụ Tổng hợp trả lời trong thời hạn từ 02 đến 05 ngày làm việc.", {"working_days": 5, "min": 2}),
    ("Vụ Tổng hợp trả lời trong thời hạn không ít hơn 02 ngày làm việc và không quá 05 ngày làm việc.",
     {"working_days": 5, "min": 2}),
    ("Vụ Tổng hợp trả lời trong vòng 05 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
     {"working_days": 5, "from_event": "ngày nhận đủ hồ sơ"}),
    ("Văn phòng Bộ gửi tài liệu chậm nhất 03 ngày làm việc trước ngày họp.",
     {"working_days": 3, "before": True, "from_event": "ngày họp"}),
    ("Vụ Tổng hợp báo cáo chậm nhất ngày 25 hằng tháng.", {"day_of_month": 25, "latest": True}),
    ("Vụ Tổng hợp báo cáo trước ngày 25 hằng tháng.", {"day_of_month": 25}),
    ("Thứ trưởng báo cáo tại cuộc họp giao ban gần nhất.", {"at_next": True, "from_event": "cuộc họp giao ban"}),
    ("Văn phòng Bộ đăng ký văn bản đến trong ngày nhận được.", {"same_day": True}),
    ("Văn phòng Bộ chuyển ngay cho Chánh Văn phòng.", {"immediately": True}),
])
def test_time_limits(text: str, value: dict[str, Any]) -> None:
    assert _deadlines(text) == [value]


@pytest.mark.parametrize("text", ["Vụ Tài chính trình kế hoạch tài chính 5 năm.",
                                  "Vụ Tổng hợp gửi báo cáo 6 tháng và năm.",
                                  "Vụ Tổng hợp sáu tháng một lần báo cáo Bộ trưởng.",
                                  "Bộ trưởng quyết định, chỉ đạo ngay để xử lý.",
                                  "Vụ Tổng hợp đánh giá kết quả trong 06 tháng đầu năm.",
                                  "Văn phòng Bộ bố trí người trực trong ngày nghỉ, ngày lễ.",
                                  "Cuộc họp giao ban do Văn phòng Bộ tổ chức, thường trước ngày 05 hằng tháng."])
def test_periods_that_are_no_time_limit(text: str) -> None:
    assert _deadlines(text) == []


def test_a_sentence_about_the_task_gives_a_deadline_of_the_task() -> None:
    norms = suggest("Việc lấy ý kiến được thực hiện trong thời hạn 05 ngày làm việc.", "t", ACTORS)
    assert norms == [{"deadline": {"task": "t", "within": {"working_days": 5}, "suggested": True,
                                   "words": "05 ngày làm việc"}}]


# --- actors the text names, and the article whose title names its subject -----------------------------------


def test_a_plural_that_opens_a_sentence_is_a_group() -> None:
    text = ("Điều 1. Trách nhiệm\n\n1. Các bộ, ngành đăng ký đề án trước ngày 15 tháng 11 hằng năm.\n\n"
            "2. Thủ trưởng các vụ, đơn vị chịu trách nhiệm trước Bộ trưởng.\n\n"
            "3. Thành viên Chính phủ trả lời phiếu lấy ý kiến.\n\n4. Văn phòng xử lý các vụ việc phát sinh.")
    found = {a.name: (a.kind, a.member_kind) for a in recognise(text, "Chính phủ")}
    assert found["Các bộ"] == ("group", "unit")
    assert found["Thủ trưởng các vụ, đơn vị"] == ("group", "unit_head")
    assert found["Thành viên Chính phủ"] == ("group", None)
    assert not [n for n in found if "vụ việc" in n or n == "Các vụ"]  # "các vụ việc" opens no sentence


def test_the_head_of_a_named_unit_is_an_actor() -> None:
    text = ("Điều 1. Trách nhiệm\n\n1. Vụ trưởng Vụ Pháp chế chủ trì thẩm định.\n\n2. Bộ trưởng, Chủ nhiệm Văn "
            "phòng Chính phủ là người phát ngôn.\n\n3. Vụ Tổng hợp tổng hợp; Vụ trưởng ký văn bản.")
    found = {a.name: (a.kind, a.parent) for a in recognise(text, "Chính phủ")}
    assert found["Vụ trưởng Vụ Pháp chế"] == ("unit_head", "vu-phap-che")
    assert found["Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"] == ("unit_head", "van-phong-chinh-phu")
    assert "Chủ nhiệm Văn phòng Chính phủ" not in found  # one person, not two
    assert "Vụ trưởng Vụ Tổng hợp" not in found  # the text never names that post


def test_an_article_titled_for_an_actor_gives_its_clauses_their_subject(tmp_path: Path) -> None:
    source = tmp_path / "qc.txt"
    source.write_text("QUY CHẾ LÀM VIỆC CỦA BỘ XYZ\nChương I\nQUY ĐỊNH CHUNG\n"
                      "Điều 1. Nguyên tắc làm việc của Văn phòng Bộ\n1. Phối hợp chặt chẽ trong công việc.\n"
                      "Điều 2. Nhiệm vụ của Văn phòng Bộ\n1. Chủ trì xây dựng chương trình công tác.\n",
                      encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out")]) == 0
    reg = load_regulation(tmp_path / "out").regulation
    norms = {p.phrase: [(getattr(n, "holder", None), getattr(n, "role", None)) for n in p.norms]
             for p in reg.provisions}
    assert norms["khoản 1 Điều 2"] == [("van-phong-bo", "lead")]
    assert norms["khoản 1 Điều 1"] == []  # a principle, not the duty of the actor its title names
