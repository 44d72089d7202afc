"""``quyche check`` on amendment drafts: against the base named, or the one their ``amends:`` names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import FIXTURES, MINIMAL, ROOT

SECOND_LEAD = "fixtures/amendments/01-second-lead.yaml"
CLEAN = "fixtures/amendments/clean.yaml"

#: a draft of the minimal regulation giving Vụ B the lead of a task Vụ A leads (khoản 1 Điều 1)
MINIMAL_SECOND_LEAD = """\
# Vụ B chủ trì kế hoạch công tác năm, mà Vụ A đã chủ trì.
amendment:
  id: sua-doi-hai-chu-tri
  amends: mau-toi-thieu
  instrument: {number: 5/QĐ-MAU, date: 2024-03-01}
  effective: 2024-03-15
operations:
  - amend: khoản 2 Điều 1
    with:
      text: Vụ B chủ trì xây dựng kế hoạch công tác năm.
      norms:
        - duty: {holder: vu-b, task: ke-hoach-nam, role: lead}
"""


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--engine", "reference", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rules repository (not a git one): rules/minimal and a draft with a second lead in drafts/."""
    shutil.copytree(MINIMAL, tmp_path / "rules" / "minimal")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "hai-chu-tri.yaml").write_text(MINIMAL_SECOND_LEAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("at_root")
def test_a_draft_named_after_its_base_reports_what_it_introduces(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, "rules/ubdt-2017", SECOND_LEAD)
    assert code == 1
    assert f"{SECOND_LEAD}:12:5  lỗi  QC301 multiple-leads" in out
    assert out.rstrip().splitlines()[-1] == (
        f"Dự thảo {SECOND_LEAD} → rules/ubdt-2017: phát sinh 2 lỗi, 0 cảnh báo, 0 thông tin · đã khắc phục 0 · "
        "còn tồn tại 2")
    assert "dieu-11.yaml" not in out  # the base's own findings persist: counted, not reported


@pytest.mark.usefixtures("at_root")
def test_a_draft_alone_is_checked_against_the_regulation_it_amends(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, SECOND_LEAD, "--lang", "en")
    assert code == 1
    assert f"{SECOND_LEAD}:12:5  error  QC301 multiple-leads" in out
    assert f"Draft {SECOND_LEAD} → rules/ubdt-2017: introduced 2 errors" in out


@pytest.mark.usefixtures("at_root")
def test_a_clean_draft_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, "rules/ubdt-2017", CLEAN)
    assert code == 0
    assert "phát sinh 0 lỗi, 0 cảnh báo, 0 thông tin" in out


@pytest.mark.usefixtures("at_root")
def test_the_draft_introduces_what_quyche_diff_says(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", "--engine", "reference", "rules/ubdt-2017", SECOND_LEAD, "--format", "sarif"])
    diff = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    introduced = sorted(r["ruleId"] for r in diff if r["baselineState"] == "new")
    code, out, _ = _check(capsys, "rules/ubdt-2017", SECOND_LEAD, "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert sorted(f["code"] for f in doc["findings"]) == introduced == ["QC301", "QC305"]
    assert doc["summary"]["error"] == 2


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_machine_formats_carry_the_introduced_findings(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = _check(capsys, SECOND_LEAD, "--format", fmt)
    assert code == 1
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert {r["ruleId"] for r in results} == {"QC301", "QC305"}
    else:
        assert f"::error file={SECOND_LEAD},line=12,col=5,title=QC301 multiple-leads::" in out


@pytest.mark.usefixtures("at_root")
def test_fail_on_decides_for_the_introduced_findings_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _check(capsys, SECOND_LEAD, "--ignore", "QC301,QC305")
    assert code == 0


@pytest.mark.usefixtures("at_root")
def test_a_draft_is_recognised_by_its_content_not_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = tmp_path / "ghi-chu.txt"
    shutil.copy(ROOT / SECOND_LEAD, renamed)
    code, out, _ = _check(capsys, "rules/ubdt-2017", str(renamed))
    assert code == 1 and "QC301 multiple-leads" in out


@pytest.mark.usefixtures("at_root")
def test_a_yaml_file_that_is_neither_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "ci.yaml"
    other.write_text("jobs: {test: {runs-on: ubuntu-latest}}\n", encoding="utf-8")
    code, out, err = _check(capsys, str(other), "--lang", "en")
    assert code == 2 and out == ""
    assert f"error: {other} is neither a rule file of a regulation (no regulation.yaml in a folder above it) " \
           "nor an amendment draft (no top-level amendment: key)" in err
    assert "expected: a regulation folder, one of its files" in err and "Traceback" not in err
    code, _, err = _check(capsys, str(other))
    assert code == 2 and "không phải tệp quy định của một quy chế" in err


@pytest.mark.usefixtures("at_root")
def test_an_unreadable_file_outside_a_regulation_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _check(capsys, "/dev/null", "--lang", "en")
    assert code == 2 and "/dev/null is not a regular file" in err


@pytest.mark.usefixtures("at_root")
def test_a_draft_amending_nothing_known_says_how_to_name_its_base(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text((ROOT / CLEAN).read_text(encoding="utf-8").replace("amends: ubdt-2017", "amends: ubdt-2099"),
                     encoding="utf-8")
    code, out, err = _check(capsys, str(draft), "--lang", "en")
    assert code == 2 and out == ""
    assert f"error: No regulation ubdt-2099, which {draft} amends (amends: ubdt-2099), under rules/" in err
    assert f"fix: Name the base before the draft: quyche check REGULATION-FOLDER {draft}" in err
    assert "ubdt-2017" in err  # the ids it could have meant


def test_two_regulations_with_the_id_amended_are_a_usage_error(
        workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINIMAL, workspace / "rules" / "minimal-copy")
    code, _, err = _check(capsys, "drafts/hai-chu-tri.yaml", "--lang", "en")
    assert code == 2
    assert "2 regulations have the id mau-toi-thieu that drafts/hai-chu-tri.yaml amends" in err
    assert "Name the base before the draft: quyche check rules/minimal drafts/hai-chu-tri.yaml" in err
    code, out, _ = _check(capsys, "rules/minimal", "drafts/hai-chu-tri.yaml")
    assert code == 1 and "QC301" in out


def test_a_broken_draft_reports_its_problems_at_their_lines(
        workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "drafts" / "broken.yaml").write_text("# nháp\namendment:\n  id: x\n  amends: [\n", encoding="utf-8")
    code, out, _ = _check(capsys, "drafts/broken.yaml")
    assert code == 1 and "drafts/broken.yaml:5:1  lỗi  QC001 yaml-syntax" in out


def test_a_rule_file_is_checked_as_before_and_with_drafts_re_checks_them(
        workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule_file = "rules/minimal/articles/dieu-02.yaml"
    code, out, _ = _check(capsys, rule_file)
    assert (code, out) == (0, "0 lỗi, 0 cảnh báo, 0 thông tin · 1 văn bản, 10 quy định\n")
    code, out, _ = _check(capsys, "--drafts", rule_file)
    assert code == 1
    assert "drafts/hai-chu-tri.yaml:9:5  lỗi  QC301 multiple-leads" in out
    assert out.endswith("Dự thảo drafts/hai-chu-tri.yaml → rules/minimal: phát sinh 2 lỗi, 1 cảnh báo, 1 thông tin · "
                        "đã khắc phục 0 · còn tồn tại 0\n0 lỗi, 0 cảnh báo, 0 thông tin · 1 văn bản, 10 quy định\n")


def test_the_audit_checks_every_regulation_and_every_draft(
        workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys)
    assert (code, out) == (0, "0 lỗi, 0 cảnh báo, 0 thông tin · 1 văn bản, 10 quy định\n")  # as always
    code, out, _ = _check(capsys, "--drafts")
    assert code == 1 and "drafts/hai-chu-tri.yaml:9:5  lỗi  QC301 multiple-leads" in out


def test_a_folder_is_checked_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, str(FIXTURES / "regulations" / "minimal"))
    assert (code, out) == (0, "0 lỗi, 0 cảnh báo, 0 thông tin · 1 văn bản, 10 quy định\n")
