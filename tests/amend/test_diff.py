"""The responsibility diff and the findings delta."""

from __future__ import annotations

import pytest

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.diff import Comparison, diff_regulations, findings_delta, meaning_key
from quyche_rules.findings import Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Text
from quyche_rules.reports.changes import render_diff_text
from tests.amend.helpers import BUNDLED, amendment, loaded, small
from tests.conftest import ROOT


def finding(code: str, line: int, *cites: str, actors: tuple[str, ...] = (), reg: str = "a") -> Finding:
    return Finding(
        code=code,
        name="x",
        severity=Severity.ERROR,
        message=Text.of("m", "m"),
        location=Location(file=f"{reg}.yaml", line=line),
        provisions=tuple(ProvisionRef(citation=c, regulation=reg) for c in cites),
        actors=actors,
    )


def test_findings_are_matched_by_meaning_not_by_line_or_regulation() -> None:
    old = [finding("QC301", 5, "khoản 1 Điều 2", actors=("vu-a",)), finding("QC204", 9, "Điều 3")]
    new = [finding("QC301", 40, "khoản 1 Điều 2", actors=("vu-a",), reg="b"), finding("QC201", 2, "Điều 4")]
    delta = findings_delta(old, new)
    assert [f.code for f in delta.introduced] == ["QC201"]
    assert [f.code for f in delta.resolved] == ["QC204"]
    assert [(f.code, f.line) for f in delta.persisting] == [("QC301", 40)]
    assert meaning_key(old[0]) == meaning_key(new[0])
    assert [f.code for f in delta.failing(Severity.ERROR)] == ["QC201"]


def test_gained_lost_and_changed_responsibilities_name_their_provisions() -> None:
    am = amendment("""\
        - amend: khoản 1 Điều 1
          with:
            norms:
              - duty: {holder: vu-a, task: ke-hoach-nam, role: lead}
              - coordination:
                  {lead: vu-a, cooperating: [vu-b], task: ke-hoach-nam, response_deadline: {working_days: 3}}
        - repeal: điểm b khoản 3 Điều 1
        - insert:
            after: khoản 2 Điều 1
            clause:
              clause: 2a
              text: Văn phòng phối hợp.
              norms: [{duty: {holder: van-phong, task: ke-hoach-nam, role: cooperate}}]
    """)
    diff = diff_regulations(small(), apply_amendments(small(), [am]).regulation)
    by_actor = {c.actor: c for c in diff.actors}
    (changed,) = by_actor["vu-a"].changed
    assert changed.category == "coordination" and changed.new_provisions == ("khoản 1 Điều 1",)
    assert (by_actor["van-phong"].gained[0].key, by_actor["van-phong"].gained[0].new_provisions) == (
        ("ke-hoach-nam", "cooperate"),
        ("khoản 2a Điều 1",),
    )
    lost = {e.key for e in by_actor["vu-b"].lost}
    assert ("to", "bo-truong", "tong-hop-bao-cao") in lost
    assert ("from", "vu-b", "tong-hop-bao-cao") in {e.key for e in by_actor["bo-truong"].lost}
    text = render_diff_text(Comparison(diff, findings_delta([], []), "cũ", "mới"), {}, lang="vi")
    assert (
        "~ chủ trì phối hợp «Xây dựng kế hoạch công tác năm»: response_deadline: {working_days: 5} → "
        "{working_days: 3}; silence: agree → —" in text
    )
    assert "− báo cáo Bộ trưởng về «Tổng hợp báo cáo định kỳ» (điểm b khoản 3 Điều 1 bản cũ)" in text


def test_duties_of_an_ended_unit_show_where_they_went_or_that_they_were_lost() -> None:
    am = amendment(
        "- merge: {actors: [vu-b], into: {id: vu-c, name: Vụ C}, takes_over: [tong-hop-bao-cao]}\n"
    )
    diff = diff_regulations(small(), apply_amendments(small(), [am]).regulation)
    ended = {e.actor: e for e in diff.ended}
    assert set(ended) == {"vu-b", "vu-truong-b"}
    vu_b = ended["vu-b"]
    assert (
        vu_b.successor == "vu-c" and vu_b.ended_on is not None and vu_b.ended_on.isoformat() == "2024-03-01"
    )
    fates = {(f.entry.category, f.entry.key): f for f in vu_b.duties}
    assert fates[("duty", ("tong-hop-bao-cao", "lead"))].went_to == (("vu-c", ("điểm a khoản 3 Điều 1",)),)
    assert fates[("duty", ("van-hanh-he-thong", "cooperate"))].lost
    lines = render_diff_text(
        Comparison(diff, findings_delta([], []), "cũ", "mới"), {}, lang="en"
    ).splitlines()
    assert "Vụ B (gone from 2024-03-01; successor: Vụ C): 5 duties" in lines
    assert "  → Vụ C: leads «Tổng hợp báo cáo định kỳ» (điểm a khoản 3 Điều 1)" in lines
    assert (
        "  ✗ cooperates on «Vận hành hệ thống quản lý văn bản» (điểm c khoản 3 Điều 1, old version): the new "
        "version still gives it to actors that no longer exist; the successor Vụ C does not hold it"
    ) in lines


@pytest.mark.skipif(
    not (BUNDLED.is_dir() and (ROOT / "rules" / "ubdt-2023" / "regulation.yaml").is_file()),
    reason="both bundled versions needed",
)
def test_the_2022_reorganisation_shows_in_the_diff_of_the_bundled_versions() -> None:
    old, new = loaded(BUNDLED).regulation, loaded(ROOT / "rules" / "ubdt-2023").regulation
    diff = diff_regulations(old, new)
    ended = {e.actor: e for e in diff.ended}
    for unit in ("vu-dia-phuong-1", "vu-dia-phuong-2", "vu-dia-phuong-3", "trung-tam-thong-tin"):
        assert unit in ended, unit
        assert ended[unit].duties, unit
        assert all(f.went_to or f.lost for f in ended[unit].duties)


def test_a_time_limit_set_for_a_task_without_a_holder_is_the_bodys_and_its_change_is_listed() -> None:
    am = amendment("""\
        - amend: khoản 2 Điều 2
          with:
            norms: [{deadline: {task: xu-ly-van-ban-den, within: {working_days: 1}}}]
    """)
    diff = diff_regulations(small(), apply_amendments(small(), [am]).regulation)
    (change,) = [c for c in diff.actors if c.changed]
    assert change.actor == small().meta.body
    assert [(e.category, e.key) for e in change.changed] == [("deadline", ("xu-ly-van-ban-den",))]
    text = render_diff_text(Comparison(diff, findings_delta([], []), "cũ", "mới"), {}, lang="en")
    assert "~ time limit for «Xử lý văn bản đến»: within: {working_days: 2} → {working_days: 1}" in text
