"""Suppressed findings in every output: listed with their reasons, counted apart, never in the exit code.

The report fixture's khoản 5 Điều 2 suppresses its coordination without a deadline (QC204) with a reason; a
regulation made from the minimal fixture suppresses its only finding, so that the exit code can be seen to ignore it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from quyche_rules.commands.examples import materialise
from quyche_rules.reports.text import summary_line
from tests.conftest import MINIMAL
from tests.reports.conftest import AMENDMENT, REGULATION, Run
from tests.reports.test_sarif import validate

REF = ("--engine", "reference")
REASON = "Thời hạn phối hợp ghi trong lịch tiếp công dân do Bộ trưởng duyệt hằng quý."
WHERE = f"{REGULATION}/articles/dieu-02.yaml"
LINT_LINE = 30
HEADING = {"vi": "Bỏ qua (1)", "en": "Suppressed (1)"}


def _only_a_suppressed_error(tmp_path: Path, *, suppressed: bool = True) -> str:
    """Return a regulation whose one finding, QC301 (an error), is suppressed on its article; only QC301 runs."""
    (tmp_path / "quyche.toml").write_text('select = ["QC301"]\nfail-on = "info"\n', encoding="utf-8")
    article = {"article": "3", "title": "Kiểm thử", "chapter": "II",
               "lint": {"ignore": ["QC301"], "reason": "Hai đơn vị cùng chủ trì theo chỉ đạo của Bộ trưởng."},
               "clauses": [{"clause": "1", "text": "Vụ B chủ trì xây dựng kế hoạch công tác năm.",
                            "norms": [{"duty": {"holder": "vu-b", "task": "ke-hoach-nam", "role": "lead"}}]}]}
    if not suppressed:
        del article["lint"]
    return str(materialise(MINIMAL, yaml.safe_dump({"articles": [article]}, allow_unicode=True), tmp_path))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_lists_them_after_the_findings_with_the_reason_and_counts_them(run: Run, lang: str) -> None:
    code, data = run("check", REGULATION, "--lang", lang, *REF)
    text = data.decode("utf-8")
    findings, _, section = text.partition(f"\n\n{HEADING[lang]}\n")
    assert code == 1 and "QC402" in findings and "dieu-02" not in findings
    assert section.startswith(f"{WHERE}:25:5  ")
    reason, at = ("Lý do", "Lệnh bỏ qua tại") if lang == "vi" else ("Reason", "Suppressed at")
    assert f"\n  {reason}: {REASON}\n  {at}: khoản 5 Điều 2 ({WHERE}:{LINT_LINE})\n" in section
    summary = text.splitlines()[-1]
    assert summary == ("3 lỗi, 1 cảnh báo, 1 thông tin, 1 bỏ qua · 1 văn bản, 16 quy định" if lang == "vi"
                       else "3 errors, 1 warning, 1 info, 1 suppressed · 1 regulation, 16 provisions")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "1 lỗi, 0 cảnh báo, 0 thông tin, 2 bỏ qua · 1 văn bản, 15 quy định"),
     ("en", "1 error, 0 warnings, 0 info, 2 suppressed · 1 regulation, 15 provisions")],
)
def test_the_summary_counts_them_only_when_there_are_some(lang: str, expected: str) -> None:
    from quyche_rules.findings import Finding, Location, Severity
    from quyche_rules.i18n import Text

    error = Finding(code="QC301", name="x", severity=Severity.ERROR, message=Text.of("m", "m"),
                    location=Location(file="f"))
    assert summary_line([error], 1, 15, None, lang, suppressed=2) == expected  # type: ignore[arg-type]
    assert "bỏ qua" not in summary_line([error], 1, 15, None, "vi") and "suppressed" not in summary_line(
        [error], 1, 15, None, "en")


def test_json_lists_them_with_their_suppression_and_counts_them(run: Run) -> None:
    _, data = run("check", REGULATION, "--format", "json", *REF)
    doc = json.loads(data)
    assert doc["summary"]["suppressed"] == 1 and doc["summary"]["warning"] == 1
    (item,) = doc["suppressed"]
    assert (item["code"], item["location"]["file"], item["location"]["line"]) == ("QC204", WHERE, 25)
    assert item["suppression"] == {"provision": "khoản 5 Điều 2", "file": WHERE, "line": LINT_LINE, "reason": REASON}
    assert all(f["location"]["file"] != WHERE for f in doc["findings"])


def _results(run: Run, *args: str) -> list[dict[str, Any]]:
    _, data = run(*args)
    doc: dict[str, Any] = json.loads(data)
    validate(doc)  # against the official SARIF 2.1.0 schema, fixtures/schemas/sarif-2.1.0.schema.json
    results: list[dict[str, Any]] = doc["runs"][0]["results"]
    return results


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sarif_marks_them_with_in_source_suppressions(run: Run, lang: str) -> None:
    results = _results(run, "check", REGULATION, "--format", "sarif", "--lang", lang, *REF)
    hidden = [r for r in results if "suppressions" in r]
    assert len(results) == 6 and len(hidden) == 1 and results[-1] is hidden[0]
    (suppression,) = hidden[0]["suppressions"]
    assert suppression["kind"] == "inSource" and suppression["justification"] == REASON
    place = suppression["location"]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == WHERE and place["region"]["startLine"] == LINT_LINE
    assert suppression["location"]["logicalLocations"] == [{"name": "khoản 5 Điều 2"}]


def test_github_does_not_annotate_them_but_counts_them(run: Run) -> None:
    _, data = run("check", REGULATION, "--format", "github", "--lang", "en", *REF)
    lines = data.decode("utf-8").splitlines()
    assert len([line for line in lines if line.startswith("::")]) == 5
    assert "dieu-02" not in data.decode("utf-8")
    assert lines[-1] == "3 errors, 1 warning, 1 info, 1 suppressed · 1 regulation, 16 provisions"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reports_have_a_section_with_the_reasons_and_count_them(run: Run, fmt: str, lang: str) -> None:
    code, data = run("report", REGULATION, "--format", fmt, "--lang", lang, *REF)
    text = data.decode("utf-8")
    title, row = ("Phát hiện được bỏ qua", "Bỏ qua (không tính)") if lang == "vi" else (
        "Suppressed findings", "Suppressed (not counted)")
    assert code == 1 and f"{title} (1)" in text and REASON in text
    if fmt == "markdown":
        assert f"| {row} | 0 | 1 | 0 | 1 |" in text
        assert f"khoản 5 Điều 2 `{WHERE}:{LINT_LINE}`" in text
    else:
        assert f'<th scope="row">{row}</th><td class="num">0</td><td class="num">1</td>' in text
        assert text.count('<article class="finding') == 5  # the filters and their counts leave it alone
        assert text.count('<article class="suppressed-finding') == 1


def test_diff_outputs_are_unchanged_by_a_suppression_in_both_versions(run: Run) -> None:
    results = _results(run, "diff", REGULATION, AMENDMENT, "--format", "sarif", *REF)
    assert all("suppressions" not in r for r in results)
    _, data = run("diff", REGULATION, AMENDMENT, "--format", "json", *REF)
    assert "dieu-02" not in json.dumps(json.loads(data)["comparisons"][0]["findings"])


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_suppressed_error_does_not_fail_the_check(run: Run, tmp_path: Path, fmt: str) -> None:
    folder = _only_a_suppressed_error(tmp_path)
    code, data = run("check", folder, "--format", fmt, *REF)
    assert code == 0 and (b"QC301" in data or fmt == "github")  # listed, but never annotated on GitHub
    assert run("check", folder, "--fail-on", "info", "--format", fmt, *REF)[0] == 0
    assert run("report", folder, "--format", "markdown", *REF)[0] == 0


def test_the_same_error_unsuppressed_fails_the_check(run: Run, tmp_path: Path) -> None:
    folder = _only_a_suppressed_error(tmp_path, suppressed=False)
    assert run("check", folder, *REF)[0] == run("report", folder, "--format", "markdown", *REF)[0] == 1


def test_a_baseline_neither_records_them_nor_hides_them(run: Run, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run("check", REGULATION, "--write-baseline", str(baseline), *REF)[0] == 0
    assert {e["code"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]} == {
        "QC104", "QC204", "QC210", "QC301", "QC402"}
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 5
    code, data = run("check", REGULATION, "--baseline", str(baseline), "--format", "json", *REF)
    doc = json.loads(data)
    assert code == 0 and doc["findings"] == [] and len(doc["suppressed"]) == 1


def test_the_configuration_s_severity_applies_to_them(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "quyche.toml"
    config.write_text('select = ["QC204"]\n[severity]\nQC204 = "error"\n', encoding="utf-8")
    _, data = run("check", REGULATION, "--config", str(config), "--format", "json", *REF)
    doc = json.loads(data)
    assert [x["severity"] for x in doc["suppressed"]] == ["error"] and doc["summary"]["error"] == 1
