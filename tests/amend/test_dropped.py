"""QC609: a duty of an ended actor that the new version gives to nobody is an introduced finding (exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quyche_rules.amend.compare import compare_loaded, consolidate
from quyche_rules.amend.diff import diff_regulations
from quyche_rules.amend.dropped import dropped_duties
from quyche_rules.cli import main
from tests.amend.helpers import SMALL, amendment, loaded
from tests.conftest import FIXTURES

DIFF = FIXTURES / "diff"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["diff", *args])
    return code, capsys.readouterr().out


def test_a_dropped_duty_is_an_introduced_error_naming_task_provision_and_successor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(capsys, str(DIFF / "old"), str(DIFF / "dropped"), "--lang", "en", "--format", "text")
    assert code == 1
    introduced = out[out.index("Introduced findings") : out.index("Resolved")]
    assert "QC609 duty-dropped" in introduced and introduced.count("QC6") == 1
    assert (
        "Trung tâm X leads «Vận hành hệ thống quản lý văn bản» (khoản 1 Điều 2, old version); the new version "
        "gives this duty to nobody; its successor Trung tâm Y should have taken it over"
    ) in introduced
    assert (
        "  ✗ leads «Vận hành hệ thống quản lý văn bản» (khoản 1 Điều 2, old version): dropped: held by nobody in "
        "the new version; the successor Trung tâm Y does not hold it"
    ) in out.splitlines()


def test_the_message_is_in_vietnamese_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(DIFF / "old"), str(DIFF / "dropped"), "--format", "text")
    assert code == 1
    assert (
        "Trung tâm X chủ trì «Vận hành hệ thống quản lý văn bản» (khoản 1 Điều 2 bản cũ); bản mới không giao "
        "nhiệm vụ này cho ai; đơn vị kế thừa Trung tâm Y lẽ ra phải nhận nhiệm vụ này"
    ) in out


def test_duties_the_successor_took_give_nothing_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(DIFF / "old"), str(DIFF / "taken"), "--lang", "en", "--format", "json")
    assert code == 0
    (comp,) = json.loads(out)["comparisons"]
    assert comp["findings"]["introduced"] == []
    duties = [d for e in comp["ended_actors"] for d in e["duties"]]
    assert duties and {d["how"] for d in duties} == {"successor"}


def test_the_json_report_says_how_each_duty_went(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, str(DIFF / "old"), str(DIFF / "dropped"), "--lang", "en", "--format", "json")
    (comp,) = json.loads(out)["comparisons"]
    # (the new version, read alone, also has a task without a lead: QC201, not this check's business)
    assert code == 1 and [f["code"] for f in comp["findings"]["introduced"]].count("QC609") == 1
    how = {tuple(d["key"]): d["how"] for e in comp["ended_actors"] for d in e["duties"]}
    assert how[("van-hanh-he-thong", "lead")] == "dropped" and how[("an-toan-thong-tin", "lead")] == "successor"


def test_the_configuration_can_ignore_it_like_any_other_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "quyche.toml"
    config.write_text('ignore = ["QC609"]\n', encoding="utf-8")
    _, out = run(capsys, str(DIFF / "old"), str(DIFF / "dropped"), "--lang", "en", "--config", str(config))
    assert "Introduced findings" in out and "QC609" not in out


def _introduced(*operations: str) -> list[str]:
    """Return the codes introduced by amendments of ``SMALL`` (one a month from March 2024) with these operations."""
    base = loaded(SMALL)
    drafts = [amendment(ops, id=f"sd-{i}", effective=f"2024-{i + 2:02d}-01") for i, ops in enumerate(operations, 1)]
    view, result = consolidate(base, drafts)
    comp = compare_loaded(base, view, old_label="cũ", new_label="mới", new_extra=result.findings)
    return sorted(f.code for f in comp.findings.introduced)


def test_a_duty_an_amendment_leaves_with_the_ended_unit_is_qc606_s_not_qc609_s() -> None:
    # Vụ B merged, its cooperation on the system stays written for it: the text names a unit that is gone
    found = _introduced("- merge: {actors: [vu-b], into: {id: vu-c, name: Vụ C}, takes_over: [tong-hop-bao-cao]}\n")
    assert "QC606" in found and "QC609" not in found


def test_a_duty_qc606_reported_is_not_reported_again_when_a_later_amendment_repeals_it() -> None:
    merge = "- merge: {actors: [vu-b], into: {id: vu-c, name: Vụ C}, takes_over: [tong-hop-bao-cao]}\n"
    # the merge leaves Vụ B's cooperation on the system orphaned (QC606); a month later it is repealed
    assert _introduced(merge, "- repeal: điểm c khoản 3 Điều 1\n").count("QC609") == 0


def test_an_amendment_that_rewrites_a_duty_away_after_reassigning_it_drops_it() -> None:
    base = loaded(SMALL)
    view, result = consolidate(base, [amendment("""\
        - dissolve: {actor: trung-tam-x, successor: vu-a, takes_over: all}
        - amend: khoản 1 Điều 2
          with:
            text: Hệ thống quản lý văn bản được vận hành liên tục; Vụ A báo cáo Bộ trưởng hằng tháng.
            norms: [{reporting: {from: vu-a, to: bo-truong, task: van-hanh-he-thong, frequency: monthly}}]
    """)])
    assert [f.code for f in result.findings] == []
    found = dropped_duties(diff_regulations(base.regulation, view.regulation), result.findings)
    assert [(f.code, f.actors, f.tasks) for f in found] == [
        ("QC609", ("trung-tam-x", "vu-a"), ("van-hanh-he-thong",))
    ]
    assert [p.citation for p in found[0].provisions] == ["khoản 1 Điều 2"]
