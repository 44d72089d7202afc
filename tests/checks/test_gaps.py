"""QC201-QC210: what the law requires a working regulation to say and the text does not say."""

from __future__ import annotations

from pathlib import Path

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

NEW_TASK = "tasks:\n  - {id: tong-ket-nam, name: Tổng kết công tác năm}\n"
DISSOLVED = ("actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan, valid_until: 2023-06-30}\n"
             "  - {id: vu-truong-c, name: Vụ trưởng Vụ C, kind: unit_head, parent: vu-c,"
             " valid_until: 2023-06-30}\n")


def _clause(number: str, *norms: str, lint: str = "") -> str:
    extra = f", lint: {lint}" if lint else ""
    return f"{{clause: '{number}', text: Quy định thử., norms: [{', '.join(norms)}]{extra}}}"


def _article(number: str, *clauses: str) -> str:
    return f"  - {{article: '{number}', title: Điều thử, chapter: II, clauses: [{', '.join(clauses)}]}}\n"


def _findings(tmp_path: Path, snippet: str, *, engine: str = "both") -> list[Finding]:
    folder = materialise(MINIMAL, snippet, tmp_path)
    return run_checks(load_regulation(folder), engine=engine).findings


def _of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_three_cooperators_and_no_lead_make_one_finding_naming_every_provision(tmp_path: Path) -> None:
    snippet = NEW_TASK + "articles:\n" + _article(
        "3",
        _clause("1", "{duty: {holder: vu-a, task: tong-ket-nam, role: cooperate}}"),
        _clause("2", "{duty: {holder: vu-b, task: tong-ket-nam, role: cooperate}}",
                "{follow_up: {holder: chanh-van-phong, task: tong-ket-nam}}"),
    ) + _article("4", _clause("1", "{duty: {holder: van-phong, task: tong-ket-nam, role: cooperate}}"))
    (f,) = _of(_findings(tmp_path, snippet), "QC201")
    assert f.tasks == ("tong-ket-nam",)
    assert sorted(p.citation for p in f.provisions) == ["khoản 1 Điều 3", "khoản 1 Điều 4", "khoản 2 Điều 3"]
    assert "khoản 1 Điều 3, khoản 1 Điều 4, khoản 2 Điều 3" in f.message.vi


def test_a_lead_given_by_a_coordination_norm_counts(tmp_path: Path) -> None:
    snippet = NEW_TASK + "articles:\n" + _article("3", _clause(
        "1", "{coordination: {lead: vu-a, cooperating: [vu-b], task: tong-ket-nam,"
             " response_deadline: {days: 7}}}"))
    assert not _of(_findings(tmp_path, snippet), "QC201")


def test_a_lead_that_is_dissolved_does_not_count(tmp_path: Path) -> None:
    snippet = NEW_TASK + DISSOLVED + "articles:\n" + _article(
        "3", _clause("1", "{duty: {holder: vu-c, task: tong-ket-nam, role: lead}}"))
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC201" in codes and "QC105" in codes


def test_a_task_only_mentioned_by_a_power_is_not_a_task_without_lead(tmp_path: Path) -> None:
    snippet = NEW_TASK + "articles:\n" + _article(
        "3", _clause("1", "{power: {holder: bo-truong, action: approve, task: tong-ket-nam}}"))
    assert not _of(_findings(tmp_path, snippet), "QC201")


def test_a_unit_whose_head_was_dissolved_has_no_head(tmp_path: Path) -> None:
    snippet = ("actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan}\n"
               "  - {id: vu-truong-c, name: Vụ trưởng Vụ C, kind: unit_head, parent: vu-c,"
               " valid_until: 2023-06-30}\n"
               "articles:\n" + _article("3", _clause("1", "{duty: {holder: vu-c, task: xu-ly-tren-mang}}")))
    (f,) = _of(_findings(tmp_path, snippet), "QC202")
    assert f.actors == ("vu-c",)
    # reported where the unit is first given work
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3"]


def test_a_dissolved_unit_without_head_is_not_reported(tmp_path: Path) -> None:
    snippet = "actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan, valid_until: 2023-06-30}\n"
    assert not _of(_findings(tmp_path, snippet), "QC202")


def test_absence_may_be_covered_by_an_entrust_delegation(tmp_path: Path) -> None:
    # the fixture's substitution names a deputy dissolved before the effective date
    snippet = ("actors:\n  - {id: thu-truong-a, name: Thứ trưởng A, kind: deputy_head, parent: co-quan,"
               " fields: [linh-vuc-a], valid_until: 2023-06-30}\n")
    assert _of(_findings(tmp_path, snippet), "QC203")
    entrusted = snippet + "articles:\n" + _article("3", _clause(
        "1", "{delegation: {mode: entrust, condition: absence, from: bo-truong, to: thu-truong-b,"
             " action: direct}}"))
    assert not _of(_findings(tmp_path / "b", entrusted), "QC203")


def test_a_task_deadline_elsewhere_satisfies_the_coordination_deadline(tmp_path: Path) -> None:
    snippet = NEW_TASK + "articles:\n" + _article(
        "3",
        _clause("1", "{coordination: {lead: vu-a, cooperating: [vu-b], task: tong-ket-nam}}"),
        _clause("2", "{deadline: {task: tong-ket-nam, within: {working_days: 10}}}"),
    )
    assert not _of(_findings(tmp_path, snippet), "QC204")


def test_cooperators_given_by_a_cooperate_duty_count(tmp_path: Path) -> None:
    snippet = NEW_TASK + "articles:\n" + _article(
        "3",
        _clause("1", "{coordination: {lead: vu-a, task: tong-ket-nam,"
                     " response_deadline: {working_days: 5}}}"),
        _clause("2", "{duty: {holder: vu-b, task: tong-ket-nam, role: cooperate}}"),
    )
    assert not _of(_findings(tmp_path, snippet), "QC205")


def test_a_deputy_signing_for_a_tl_holder_under_its_parent_is_not_reported(tmp_path: Path) -> None:
    snippet = "articles:\n" + _article("3", _clause(
        "1", "{delegation: {mode: assign, signing: TL, from: chanh-van-phong, to: pho-chanh-van-phong,"
             " via: tl-cvp}}"))
    assert not _of(_findings(tmp_path, snippet), "QC206")


def test_each_missing_topic_is_reported_at_the_first_provision(tmp_path: Path) -> None:
    snippet = "regulation:\n  required_topics: [meetings, absence, follow-up]\n"
    found = _of(_findings(tmp_path, snippet), "QC207")
    assert sorted(f.message.en.split("`")[1] for f in found) == ["absence", "meetings"]
    assert all([p.citation for p in f.provisions] == ["Điều 1"] for f in found)
    assert all(f.location.file.endswith("dieu-01.yaml") for f in found)


def test_a_suppression_on_the_first_provision_silences_missing_topics(tmp_path: Path) -> None:
    article_1 = (MINIMAL / "articles" / "dieu-01.yaml").read_text(encoding="utf-8")
    snippet = ("regulation:\n  required_topics: [meetings]\n"
               "files:\n  articles/dieu-01.yaml: |\n"
               + "".join(f"    {line}\n" for line in article_1.splitlines())
               + "    lint: {ignore: [QC207], reason: Hội họp được quy định trong quy chế riêng}\n")
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC207" not in codes and "QC020" not in codes


def test_a_duty_on_a_follow_up_task_for_incoming_documents_names_the_follow_up_owner(tmp_path: Path) -> None:
    article_1 = (MINIMAL / "articles" / "dieu-01.yaml").read_text(encoding="utf-8")
    without_clause_4 = article_1.split('  - clause: "4"')[0]
    base = ("files:\n  articles/dieu-01.yaml: |\n"
            + "".join(f"    {line}\n" for line in without_clause_4.splitlines()))
    assert _of(_findings(tmp_path / "a", base), "QC208")
    task = ("tasks:\n  - {id: theo-doi-vbd, name: 'Theo dõi, đôn đốc giải quyết văn bản đến',"
            " topics: [follow-up, incoming-documents]}\n")
    duty = "{duty: {holder: chanh-van-phong, task: theo-doi-vbd, role: lead}}"
    with_duty = task + base + "articles:\n" + _article("3", _clause("1", duty))
    assert not _of(_findings(tmp_path / "b", with_duty), "QC208")


def test_a_follow_up_owner_who_is_dissolved_does_not_count(tmp_path: Path) -> None:
    snippet = ("actors:\n  - {id: chanh-van-phong, name: Chánh Văn phòng, kind: unit_head, parent: van-phong,"
               " valid_until: 2023-06-30}\n")
    (f,) = _of(_findings(tmp_path, snippet), "QC208")
    assert f.tasks == ("xu-ly-van-ban-den",)
    assert [p.citation for p in f.provisions] == ["khoản 3 Điều 1"]


def test_no_incoming_document_work_leaves_follow_up_to_qc207(tmp_path: Path) -> None:
    snippet = ("tasks:\n  - {id: xu-ly-van-ban-den, name: Xử lý văn bản đến, needs_deadline: true,"
               " needs_lead: false}\n")
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC207" in codes and "QC208" not in codes


def test_an_unassigned_task_is_info_at_the_first_provision(tmp_path: Path) -> None:
    snippet = "tasks:\n  - {id: tong-ket-nam, name: Tổng kết công tác năm, needs_lead: false}\n"
    (f,) = _of(_findings(tmp_path, snippet), "QC210")
    assert f.severity.value == "info" and f.tasks == ("tong-ket-nam",)
    assert [p.citation for p in f.provisions] == ["Điều 1"]
