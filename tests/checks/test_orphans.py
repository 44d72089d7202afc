"""QC105-QC109: norms naming an actor that exists in actors.yaml but is not valid on the date checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

#: Vụ C was merged into Vụ D on 1 July 2023; Vụ D was renamed Vụ E on 1 October 2023 (both before the
#: minimal regulation takes effect, 2 January 2024).
REORGANISED = """
actors:
  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan, valid_until: 2023-06-30, successor: vu-d}
  - {id: vu-truong-c, name: Vụ trưởng Vụ C, kind: unit_head, parent: vu-c, valid_until: 2023-06-30}
  - {id: vu-d, name: Vụ D, kind: unit, parent: co-quan, valid_from: 2023-07-01, valid_until: 2023-09-30,
     successor: vu-e}
  - {id: vu-truong-d, name: Vụ trưởng Vụ D, kind: unit_head, parent: vu-d, valid_from: 2023-07-01,
     valid_until: 2023-09-30}
  - {id: vu-e, name: Vụ E, kind: unit, parent: co-quan, valid_from: 2023-10-01}
  - {id: vu-truong-e, name: Vụ trưởng Vụ E, kind: unit_head, parent: vu-e, valid_from: 2023-10-01}
  - {id: vu-moi, name: Vụ Mới, kind: unit, parent: co-quan, valid_from: 2025-01-01}
"""
#: the same, but Vụ E (and its head) ended too before 2 January 2024: no one down the chain holds the duties
ENDED = REORGANISED.replace("valid_from: 2023-10-01}", "valid_from: 2023-10-01, valid_until: 2023-12-31}")


def _article(*norms: str, lint: str = "") -> str:
    body = ", ".join(norms)
    extra = f", lint: {lint}" if lint else ""
    return ("articles:\n  - {article: '3', title: Điều khoản thử, chapter: II, clauses: "
            f"[{{clause: '1', text: Quy định thử., norms: [{body}]{extra}}}]}}\n")


def _findings(tmp_path: Path, snippet: str, *, day: dt.date | None = None,
              engine: str = "both") -> list[Finding]:
    folder = materialise(MINIMAL, snippet, tmp_path)
    return run_checks(load_regulation(folder), engine=engine, day=day).findings


def _of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_a_duty_of_a_merged_unit_is_old_wording_naming_the_successor_valid_on_the_date(tmp_path: Path) -> None:
    found = _findings(tmp_path, REORGANISED + _article("{duty: {holder: vu-c, task: xu-ly-tren-mang}}"))
    assert not _of(found, "QC105")  # the successor holds the duty: it is not orphaned, only named the old way
    (f,) = _of(found, "QC110")
    assert f.actors == ("vu-c", "vu-e") and f.severity.value == "warning"
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3"]
    # the chain C -> D -> E is followed to the first successor valid on the date, not stopped at D
    assert "chủ thể kế thừa: Vụ E" in f.message.vi and "successor: Vụ E" in f.message.en


def test_a_chain_of_successors_that_all_ended_leaves_the_duty_orphaned(tmp_path: Path) -> None:
    found = _findings(tmp_path, ENDED + _article("{duty: {holder: vu-c, task: xu-ly-tren-mang}}"))
    (f,) = _of(found, "QC105")
    assert f.actors == ("vu-c",) and f.tasks == ("xu-ly-tren-mang",)
    assert "Vụ C" in f.message.vi and "Xử lý công việc trên môi trường mạng" in f.message.vi
    # (Vụ C has successors, Vụ D then Vụ E, both ended too: none holds its duties)
    assert "2023-06-30" in f.message.en and "no successor of it holds its duties on that date" in f.message.en
    assert not _of(found, "QC110")


def test_the_head_of_a_merged_unit_gets_the_head_of_the_successor_unit(tmp_path: Path) -> None:
    snippet = REORGANISED + _article(
        "{power: {holder: vu-truong-c, action: sign, document_types: [giay-moi-hop]}}")
    found = _findings(tmp_path, snippet)
    assert not _of(found, "QC106")
    (f,) = _of(found, "QC110")
    assert "Vụ trưởng Vụ E" in f.message.vi and f.actors == ("vu-truong-c", "vu-truong-e")


def test_a_power_of_a_unit_without_successor_is_orphaned(tmp_path: Path) -> None:
    snippet = REORGANISED + _article("{power: {holder: vu-moi, action: sign, document_types: [giay-moi-hop]}}")
    (f,) = _of(_findings(tmp_path, snippet), "QC106")
    assert "Giấy mời họp" in f.message.en and "`sign`" in f.message.en and "no successor" in f.message.en


def test_an_actor_without_successor_says_so_and_one_not_yet_created_is_reported(tmp_path: Path) -> None:
    snippet = REORGANISED + _article("{follow_up: {holder: vu-moi, task: ke-hoach-nam}}")
    (f,) = _of(_findings(tmp_path, snippet), "QC105")
    assert f.actors == ("vu-moi",)
    assert "no successor of it holds its duties on that date" in f.message.en and "2025-01-01" in f.message.en


def test_the_same_norm_checked_on_a_date_when_the_unit_existed_is_clean(tmp_path: Path) -> None:
    snippet = REORGANISED + _article("{duty: {holder: vu-c, task: xu-ly-tren-mang}}")
    codes = {f.code for f in _findings(tmp_path, snippet, day=dt.date(2023, 1, 10))}
    assert not codes & {"QC105", "QC106", "QC107", "QC108", "QC109"}


def test_an_unknown_actor_is_qc101_not_an_orphan(tmp_path: Path) -> None:
    snippet = _article("{duty: {holder: vu-khong-co, task: ke-hoach-nam}}")
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC101" in codes and "QC105" not in codes


def test_each_norm_slot_goes_to_its_family(tmp_path: Path) -> None:
    snippet = REORGANISED + _article(
        "{duty: {holder: vu-a, task: ke-hoach-nam, role: cooperate, accountable_to: vu-truong-c}}",
        "{follow_up: {holder: chanh-van-phong, task: ke-hoach-nam, targets: [vu-a, vu-c]}}",
        "{substitution: {absent: bo-truong, substitute: thu-truong-a, fallback: vu-truong-d}}",
        "{coordination: {lead: vu-c, cooperating: [vu-b, vu-d], task: ke-hoach-nam,"
        " response_deadline: {working_days: 5}}}",
        "{deadline: {task: xu-ly-van-ban-den, holder: vu-d, within: {working_days: 3}}}",
        "{prohibition: {holder: vu-c, action: sign, task: ke-hoach-nam}}",
    )
    findings = _findings(tmp_path, ENDED + snippet[len(REORGANISED):])
    by_code = {code: sorted(a for f in _of(findings, code) for a in f.actors)
               for code in ("QC105", "QC106", "QC107", "QC108", "QC109")}
    assert by_code == {
        "QC105": ["vu-d"],                    # the deadline bound to Vụ D
        "QC106": ["vu-c"],                    # the prohibition
        "QC107": ["vu-truong-d"],             # the substitution's fallback
        "QC108": ["vu-c", "vu-d"],            # the lead and one cooperating unit
        "QC109": ["vu-c", "vu-truong-c"],     # a follow-up target and the accountable_to
    }


def test_every_orphan_finding_names_its_provision(tmp_path: Path) -> None:
    snippet = ENDED + _article(
        "{delegation: {mode: assign, signing: TL, from: vu-truong-c, to: vu-truong-d,"
        " scope: [giay-moi-hop]}}",
        "{reporting: {from: vu-c, to: vu-d, frequency: monthly}}")
    found = [f for f in _findings(tmp_path, snippet) if f.code in ("QC107", "QC109")]
    assert len(found) == 4
    assert all([p.citation for p in f.provisions] == ["khoản 1 Điều 3"] for f in found)
    assert all(f.location.file.endswith("dieu-03.yaml") for f in found)


def test_a_suppression_on_the_provision_silences_the_orphan(tmp_path: Path) -> None:
    snippet = ENDED + _article(
        "{duty: {holder: vu-c, task: xu-ly-tren-mang}}",
        lint="{ignore: [QC105], reason: 'Điều khoản chuyển tiếp, Vụ C bàn giao trong quý I'}")
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC105" not in codes and "QC020" not in codes


#: a working group whose only member, Vụ C, ended on 30 June 2023 with no successor
GROUP = """
actors:
  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan, valid_until: 2023-06-30}
  - {id: to-cong-tac, name: Tổ công tác, kind: group, members: [vu-c]}
  - {id: ban-chi-dao, name: Ban chỉ đạo, kind: group, members: [to-cong-tac]}
"""
_LEADS = "{duty: {holder: HOLDER, task: xu-ly-tren-mang, role: lead}}"


def test_a_group_whose_members_all_ended_holds_its_duties_for_nobody(tmp_path: Path) -> None:
    task = "tasks:\n  - {id: lap-de-an, name: Lập đề án}\n"  # (a task that needs a lead)
    found = _findings(tmp_path, GROUP + task + _article(_LEADS.replace("HOLDER", "to-cong-tac").replace(
        "xu-ly-tren-mang", "lap-de-an")))
    (orphan,) = _of(found, "QC105")
    assert orphan.actors == ("to-cong-tac",)
    assert "given to «Tổ công tác», which is not valid on the date checked (valid: … – 2023-06-30)" in \
        orphan.message.en
    assert [f.tasks for f in _of(found, "QC201")] == [("lap-de-an",)]  # its only lead names nobody


def test_a_group_of_such_groups_names_nobody_either_and_one_live_member_is_enough(tmp_path: Path) -> None:
    nested = _findings(tmp_path / "a", GROUP + _article(_LEADS.replace("HOLDER", "ban-chi-dao")))
    assert [f.actors for f in _of(nested, "QC105")] == [("ban-chi-dao",)]
    alive = GROUP.replace("members: [vu-c]}", "members: [vu-c, vu-a]}")
    assert _of(_findings(tmp_path / "b", alive + _article(_LEADS.replace("HOLDER", "ban-chi-dao"))), "QC105") == []


def test_a_group_given_no_members_names_nobody_and_one_that_does_not_say_is_a_name(tmp_path: Path) -> None:
    empty = "actors:\n  - {id: nhom, name: Nhóm, kind: group, members: []}\n"
    unsaid = "actors:\n  - {id: nhom, name: Nhóm, kind: group}\n"
    norm = _article(_LEADS.replace("HOLDER", "nhom"))
    assert [f.actors for f in _of(_findings(tmp_path / "a", empty + norm), "QC105")] == [("nhom",)]
    assert _of(_findings(tmp_path / "b", unsaid + norm), "QC105") == []


def test_the_group_is_there_on_a_day_its_member_was(tmp_path: Path) -> None:
    found = _findings(tmp_path, GROUP + _article(_LEADS.replace("HOLDER", "to-cong-tac")), day=dt.date(2023, 6, 1))
    assert _of(found, "QC105") == [] and _of(found, "QC201") == []
