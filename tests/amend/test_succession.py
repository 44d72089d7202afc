"""The duties of an ended actor follow its successor: the chain read in both versions, a head with their unit."""

from __future__ import annotations

import json

import pytest
import yaml

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.diff import Comparison, diff_regulations, findings_delta
from quyche_rules.amend.succession import EndedActor, Fate, successor_map
from quyche_rules.cli import main
from quyche_rules.loading.amendment import load_amendment
from quyche_rules.reports.changes import render_diff_text
from tests.amend.helpers import BUNDLED, amendment, loaded, small
from tests.conftest import FIXTURES, ROOT

DIFF = FIXTURES / "diff"
NEW_2023 = ROOT / "rules" / "ubdt-2023"


def ended(old: str, new: str) -> dict[str, EndedActor]:
    diff = diff_regulations(loaded(DIFF / old).regulation, loaded(DIFF / new).regulation)
    return {e.actor: e for e in diff.ended}


def fates(actor: EndedActor) -> dict[tuple[str, ...], Fate]:
    return {f.entry.key: f for f in actor.duties}


def test_the_chain_is_read_in_the_old_version_and_a_head_follows_their_unit_into_the_new_one() -> None:
    # the new version no longer lists Trung tâm X; the old one names its successor, which only the new one has a
    # head for: the head of Trung tâm X (no successor of their own) becomes the head of Trung tâm Y
    old, new = loaded(DIFF / "old").regulation, loaded(DIFF / "taken").regulation
    assert successor_map(old, new, new.effective) == {"trung-tam-x": "trung-tam-y", "giam-doc-x": "giam-doc-y"}


def test_an_actor_kept_under_the_same_id_has_not_ended() -> None:
    reg = small()
    assert successor_map(reg, reg, reg.effective) == {}
    assert diff_regulations(reg, reg).ended == ()


def test_a_duty_goes_to_the_successor_not_to_a_new_unit_that_holds_the_same_task() -> None:
    gone = ended("old", "taken")
    assert set(gone) == {"trung-tam-x", "giam-doc-x"}
    head = gone["giam-doc-x"]
    assert head.successor == "giam-doc-y"
    (fate,) = head.duties
    # Vụ trưởng Vụ C, new, also manages their unit: the same task and role, but no succession
    assert (fate.how, fate.went_to) == ("successor", (("giam-doc-y", ("khoản 3 Điều 1",)),))
    unit = fates(gone["trung-tam-x"])
    assert {k: f.how for k, f in unit.items()} == {
        ("an-toan-thong-tin", "lead"): "successor",
        ("van-hanh-he-thong", "lead"): "successor",
    }


def test_a_duty_no_provision_gives_any_more_is_dropped_and_says_the_successor_lacks_it() -> None:
    unit = fates(ended("old", "dropped")["trung-tam-x"])
    dropped = unit[("van-hanh-he-thong", "lead")]
    assert dropped.how == "dropped" and dropped.dropped and dropped.lost
    assert unit[("an-toan-thong-tin", "lead")].how == "successor"


def test_a_duty_someone_else_took_is_matched_by_task_only_and_said_so() -> None:
    am = amendment("""\
        - dissolve: {actor: trung-tam-x, successor: vu-a, takes_over: none}
        - amend: khoản 1 Điều 2
          with:
            text: Văn phòng chủ trì vận hành hệ thống quản lý văn bản; Chánh Văn phòng báo cáo Bộ trưởng hằng tháng.
            norms:
              - duty: {holder: van-phong, task: van-hanh-he-thong, role: lead}
              - reporting: {from: chanh-van-phong, to: bo-truong, task: van-hanh-he-thong, frequency: monthly}
    """)
    diff = diff_regulations(small(), apply_amendments(small(), [am]).regulation)
    gone = {e.actor: e for e in diff.ended}
    fate = fates(gone["trung-tam-x"])[("van-hanh-he-thong", "lead")]
    assert (fate.how, fate.went_to) == ("other", (("van-phong", ("khoản 1 Điều 2",)),))
    text = render_diff_text(Comparison(diff, findings_delta([], []), "cũ", "mới"), {}, lang="en")
    assert (
        "  ↷ Văn phòng: leads «Vận hành hệ thống quản lý văn bản» (khoản 1 Điều 2) — matched by task only, not by "
        "succession; the successor Vụ A does not hold it"
    ) in text.splitlines()


def test_a_duty_still_written_for_the_ended_unit_is_stale() -> None:
    am = amendment("- merge: {actors: [vu-b], into: {id: vu-c, name: Vụ C}, takes_over: [tong-hop-bao-cao]}\n")
    diff = diff_regulations(small(), apply_amendments(small(), [am]).regulation)
    vu_b = fates({e.actor: e for e in diff.ended}["vu-b"])
    assert vu_b[("van-hanh-he-thong", "cooperate")].how == "stale"  # QC606's: the text still names Vụ B
    assert vu_b[("tong-hop-bao-cao", "lead")].how == "successor"


@pytest.mark.skipif(not (BUNDLED.is_dir() and (NEW_2023 / "regulation.yaml").is_file()),
                    reason="both bundled versions needed")
def test_the_information_centre_s_head_hands_over_to_the_digital_centre_s_not_to_a_regional_department(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = loaded(BUNDLED).regulation, loaded(NEW_2023).regulation
    head = {e.actor: e for e in diff_regulations(old, new).ended}["giam-doc-trung-tam-thong-tin"]
    assert head.successor == "giam-doc-trung-tam-chuyen-doi-so"
    assert head.duties and all(f.how == "successor" for f in head.duties)
    assert {a for f in head.duties for a, _ in f.went_to} == {"giam-doc-trung-tam-chuyen-doi-so"}
    main(["diff", str(BUNDLED), str(NEW_2023), "--lang", "en", "--format", "text"])
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Giám đốc Trung tâm Thông tin (gone from"))
    block = [line for line in lines[start + 1 :] if line.startswith("  ")][: len(head.duties)]
    assert all(line.startswith("  → Giám đốc Trung tâm Chuyển đổi số: ") for line in block), block
    assert not any("Vụ trưởng Vụ Công tác dân tộc địa phương" in line for line in block)


@pytest.mark.skipif(not (BUNDLED.is_dir() and (NEW_2023 / "regulation.yaml").is_file()),
                    reason="both bundled versions needed")
def test_a_lead_the_2023_text_leaves_to_the_inspectorate_alone_is_shared_not_dropped() -> None:
    # 2017 gave Vụ Địa phương II and the Inspectorate the lead of receiving citizens in the regions (QC301);
    # 2023 left it to the Inspectorate: the merged department's share is gone, the duty is not
    old, new = loaded(BUNDLED).regulation, loaded(NEW_2023).regulation
    region = {e.actor: e for e in diff_regulations(old, new).ended}["vu-dia-phuong-2"]
    fate = fates(region)[("tiep-cong-dan-tai-dia-ban", "lead")]
    assert (fate.how, fate.still_held_by, fate.went_to) == ("shared", ("thanh-tra",), ())


def test_a_unit_merged_into_the_lead_it_helped_hands_its_cooperation_to_that_lead() -> None:
    """Vụ A cooperated on a task Vụ B leads; dissolved into Vụ B, the cooperation is Vụ B's lead, not dropped."""
    am = amendment("- dissolve: {actor: vu-a, successor: vu-b, takes_over: all}\n")
    consolidated = apply_amendments(small(), [am]).regulation
    vu_a = fates({e.actor: e for e in diff_regulations(small(), consolidated).ended}["vu-a"])
    fate = vu_a[("tong-hop-bao-cao", "cooperate")]
    assert fate.how == "successor" and [a for a, _ in fate.went_to] == ["vu-b"]


MERGE_2023 = FIXTURES / "drafts" / "merge-2023.yaml"


def test_the_readme_merge_is_the_fixture_draft() -> None:
    """The merge in the README's amendment example is exactly the operation of fixtures/drafts/merge-2023.yaml."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("Amendment files mirror", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    merge_lines = block[block.index("  - merge:"):block.index("  - rename /")]
    draft = yaml.safe_load(MERGE_2023.read_text(encoding="utf-8"))
    assert yaml.safe_load(merge_lines) == [op for op in draft["operations"] if "merge" in op]
    header = yaml.safe_load(block.split("operations:", 1)[0])["amendment"]
    assert header == draft["amendment"]


@pytest.mark.skipif(not (NEW_2023 / "regulation.yaml").is_file(), reason="bundled 2023 model needed")
def test_the_readme_merge_against_2023_gives_the_new_unit_the_posts_its_predecessors_had(capsys) -> None:
    """Issue 15: the README's merge, which names no head, introduces nothing about the new unit's posts."""
    base = loaded(NEW_2023).regulation
    am = load_amendment(MERGE_2023)
    result = apply_amendments(base, [am])
    new = "vu-tuyen-truyen-dan-toc-thieu-so"
    posts = {a.id: a for a in result.regulation.actors if a.parent == new}
    assert set(posts) == {f"vu-truong-{new}", f"pho-vu-truong-{new}"}
    assert posts[f"vu-truong-{new}"].name == "Vụ trưởng Vụ Tuyên truyền và Dân tộc thiểu số"
    assert {a.successor for a in result.regulation.actors if a.id.startswith("vu-truong-vu-tuyen-truyen")
            and a.id != f"vu-truong-{new}"} == {f"vu-truong-{new}"}
    assert not result.findings
    # the whole draft through the command line: two true QC110 (old names in the text), nothing else
    assert main(["check", str(NEW_2023), str(MERGE_2023), "--format", "json", "--lang", "en"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = report["findings"]
    assert sorted(f["code"] for f in found) == ["QC110", "QC110"]
    assert {f["actors"][0] for f in found} == {"vu-tuyen-truyen", "vu-dan-toc-thieu-so"}
    assert not [f for f in found if set(f["actors"]) & set(posts)]
