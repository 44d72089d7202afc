"""Every finding names at least one provision with file and line; suppressions are validated."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.checks.produce import load_findings
from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.errors import LoadFailed
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL, ROOT

SPECS = all_checks()


def _findings(snippet: str):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, snippet, Path(tmp))
        try:
            return run_checks(load_regulation(folder), engine="reference").findings
        except LoadFailed as failed:
            return list(load_findings(failed))


@pytest.mark.parametrize("code", sorted(c for c, s in SPECS.items() if s.examples and not c.startswith("QC6")))
def test_every_finding_names_a_provision_with_file_and_line(code: str) -> None:
    spec = SPECS[code]
    assert spec.examples is not None
    for finding in _findings(spec.examples.fires):
        located = [p for p in finding.provisions if p.location and p.location.file and p.location.line >= 1]
        assert located, f"{finding.code} names no located provision: {finding}"


def test_bundled_regulations_as_of_a_later_date_locate_every_finding() -> None:
    for folder in sorted((ROOT / "rules").iterdir()):
        for finding in run_checks(load_regulation(folder), engine="reference",
                                  day=__import__("datetime").date(2026, 1, 1)).findings:
            assert any(p.location for p in finding.provisions), finding


def test_a_suppression_without_a_reason_is_an_error() -> None:
    found = _findings("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: "
                      "[{clause: '1', text: t, lint: {ignore: [QC301]}}]}")
    assert [f.code for f in found] == ["QC003"]
    assert "reason" in found[0].message.en


def test_a_suppression_with_a_misspelt_code_suggests_the_real_one() -> None:
    found = _findings("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: "
                      "[{clause: '1', text: t, lint: {ignore: [QC3011], reason: r}}]}")
    assert "QC003" in [f.code for f in found]  # QC + three digits only
    found = _findings("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: "
                      "[{clause: '1', text: t, lint: {ignore: [QC399], reason: r}}]}")
    assert [f.code for f in found] == ["QC021"]


def test_an_article_suppression_covers_its_clauses_and_is_reported_once_when_unused() -> None:
    snippet = ("articles:\n  - article: '3'\n    title: Kiểm thử\n    chapter: II\n"
               "    lint: {ignore: [QC301], reason: r}\n"
               "    clauses: [{clause: '1', text: a}, {clause: '2', text: b}]\n")
    found = _findings(snippet)
    assert [f.code for f in found] == ["QC020"]
    two_leads = ("articles:\n  - article: '3'\n    title: Kiểm thử\n    chapter: II\n"
                 "    lint: {ignore: [QC301], reason: r}\n"
                 "    clauses: [{clause: '1', text: Văn phòng chủ trì,\n"
                 "               norms: [{duty: {holder: van-phong, task: ke-hoach-nam, role: lead}}]}]\n")
    assert _findings(two_leads) == []
