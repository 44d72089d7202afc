"""GitHub annotations: escaping, levels, and the automatic choice under GitHub Actions."""

from __future__ import annotations

import pytest

from quyche_rules.findings import Finding, Location, Severity
from quyche_rules.i18n import Text
from quyche_rules.reports.github import annotation, escape_data, escape_property
from quyche_rules.reports.locate import Locator
from tests.reports.conftest import REGULATION, Run


def test_escaping_follows_the_runner_rules() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_an_annotation_line_is_one_line_with_title_and_position() -> None:
    f = Finding(
        code="QC301",
        name="multiple-leads",
        severity=Severity.ERROR,
        message=Text.of("Hai chủ trì: A, B\n100%", "Two leads: A, B\n100%"),
        location=Location(file="/repo/rules/x,y.yaml", line=18, column=9),
        fix=Text.of("Giữ một", "Keep one"),
    )
    line = annotation(f, "en", Locator("/repo", "/repo"))
    assert line == (
        "::error file=rules/x%2Cy.yaml,line=18,col=9,title=QC301 multiple-leads::"
        "Two leads: A, B%0A100%25%0AFix: Keep one"
    )
    info = f.model_copy(update={"severity": Severity.INFO})
    assert annotation(info, "vi", Locator("/repo", "/repo")).startswith("::notice ")


def test_github_is_chosen_under_github_actions(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, auto = run("check", REGULATION, "--engine", "reference")
    _, chosen = run("check", REGULATION, "--engine", "reference", "--format", "github")
    assert auto == chosen and auto.startswith(b"::notice file=fixtures/report/regulation/")
    _, text = run("check", REGULATION, "--engine", "reference", "--format", "text")
    assert not text.startswith(b"::")


def test_diff_annotates_only_introduced_findings(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, data = run("diff", REGULATION, "fixtures/report/amendment.yaml", "--engine", "reference")
    lines = data.decode("utf-8").splitlines()
    assert code == 1
    assert [line.split(" ", 1)[0] for line in lines if line.startswith("::")] == ["::warning"]
    assert lines[-1].startswith("Phát sinh: 0 lỗi, 1 cảnh báo")
