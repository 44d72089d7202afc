"""Suppressed findings are kept apart with the suppression that hid each: provision, place and reason."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from quyche_rules.checks.runner import CheckResult, run_checks
from quyche_rules.checks.suppressions import Suppressed, Suppression, sort_suppressed
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding, Location, Severity
from quyche_rules.i18n import Text
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

ARTICLE_REASON = "Điều này giao hai đơn vị cùng chủ trì theo chỉ đạo của Bộ trưởng."
CLAUSE_REASON = "Khoản này được Bộ trưởng cho phép riêng."


def _lead(holder: str) -> dict[str, Any]:
    return {"duty": {"holder": holder, "task": "ke-hoach-nam", "role": "lead"}}


def _run(article: dict[str, Any], *codes: str) -> tuple[CheckResult, dict[str, list[str]]]:
    """Run ``codes`` (both engines) on the minimal fixture with article 3 added; return the lines of its files."""
    article = {"article": "3", "title": "Kiểm thử", "chapter": "II", **article}
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, yaml.safe_dump({"articles": [article]}, allow_unicode=True), Path(tmp))
        lines = {str(p): p.read_text(encoding="utf-8").splitlines() for p in folder.rglob("*.yaml")}
        return run_checks(load_regulation(folder), engine="both", select=set(codes)), lines


def test_a_suppressed_finding_is_kept_with_its_provision_place_and_reason() -> None:
    clause = {"clause": "1", "text": "Vụ B chủ trì.", "norms": [_lead("vu-b")],
              "lint": {"ignore": ["QC301"], "reason": CLAUSE_REASON}}
    result, lines = _run({"clauses": [clause]}, "QC301")
    assert result.findings == []  # neither the QC301 nor an unused-suppression QC020
    (item,) = result.suppressed
    assert item.finding.code == "QC301" and item.finding.severity is Severity.ERROR
    assert item.suppression.provision == "khoản 1 Điều 3"
    assert item.suppression.reason == CLAUSE_REASON
    where = item.suppression.location
    assert lines[where.file][where.line - 1].lstrip().startswith("lint:")  # the lint key's own line


def test_an_article_suppression_is_named_as_the_article_with_its_reason() -> None:
    clauses = [{"clause": "1", "text": "Vụ B chủ trì.", "norms": [_lead("vu-b")]}]
    result, _ = _run({"clauses": clauses, "lint": {"ignore": ["QC301"], "reason": ARTICLE_REASON}}, "QC301")
    (item,) = result.suppressed
    assert (item.suppression.provision, item.suppression.reason) == ("Điều 3", ARTICLE_REASON)


def test_a_clause_s_own_reason_is_kept_beside_its_article_s() -> None:
    clauses = [{"clause": "1", "text": "Vụ B chủ trì.", "norms": [_lead("vu-b")],
                "lint": {"ignore": ["QC301"], "reason": CLAUSE_REASON}}]
    result, _ = _run({"clauses": clauses, "lint": {"ignore": ["QC204"], "reason": ARTICLE_REASON}}, "QC301", "QC204")
    assert [(x.suppression.provision, x.suppression.reason) for x in result.suppressed] == [
        ("khoản 1 Điều 3", CLAUSE_REASON)
    ]
    assert [f.code for f in result.findings] == ["QC020"]  # the article's QC204 suppresses nothing


def test_a_finding_that_is_not_selected_is_not_kept_as_suppressed() -> None:
    clause = {"clause": "1", "text": "Vụ B chủ trì.", "norms": [_lead("vu-b")],
              "lint": {"ignore": ["QC301"], "reason": CLAUSE_REASON}}
    result, _ = _run({"clauses": [clause]}, "QC204")
    assert result.suppressed == []


def test_sort_suppressed_orders_by_finding_and_drops_duplicates() -> None:
    def item(line: int) -> Suppressed:
        finding = Finding(code="QC301", name="multiple-leads", severity=Severity.ERROR, message=Text.of("m", "m"),
                          location=Location(file="a.yaml", line=line))
        return Suppressed(finding, Suppression("khoản 1 Điều 3", Location(file="a.yaml", line=9), "r"))

    assert sort_suppressed([item(5), item(2), item(5)]) == [item(2), item(5)]
