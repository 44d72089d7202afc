"""Two regulations checked together may not give one code to two different checks (the outputs name a check by
its code); the same check copied into both is one check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.reports.common import family_label
from tests.conftest import MINIMAL

E = ["--engine", "reference", "--lang", "en", "--no-cache"]
CHECK = """checks:
  - code: QC901
    name: {name}
    severity: {severity}
    status: preview
    since: "0.1.0"
    title: {{vi: "Tiêu đề {name}", en: "Title {name}"}}
    message: {{vi: "{{d.holder_name}} ({{d.provision}})", en: "{{d.holder_name}} ({{d.provision}})"}}
    rationale: {{vi: "Lý do.", en: "Reason."}}
    fix: {{vi: "Sửa", en: "Fix"}}
    when:
      - bind: d
        kind: duty
    report:
      provisions: [d.provision]
      actors: [d.holder]
"""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("ca", "cb"):
        shutil.copytree(MINIMAL, tmp_path / folder)
    (tmp_path / "ca" / "checks.yaml").write_text(CHECK.format(name="every-duty", severity="warning"), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_one_code_for_two_checks_is_refused_whatever_the_order(ws: Path, capsys: pytest.CaptureFixture[str]):
    (ws / "cb" / "checks.yaml").write_text(CHECK.format(name="each-duty", severity="error"), "utf-8")
    errors = []
    for order in (["ca", "cb"], ["cb", "ca"]):
        assert main(["check", *order, "--format", "sarif", *E]) == 2
        out = capsys.readouterr()
        assert out.out == ""
        errors.append(out.err)
    assert errors[0] == errors[1]
    assert errors[0].startswith("cb/checks.yaml:2: error: The code QC901 names two different checks in one run")
    assert "every-duty (ca/checks.yaml)" in errors[0] and "each-duty" in errors[0] and "another code" in errors[0]


def test_the_same_check_in_two_regulations_is_one_rule(ws: Path, capsys: pytest.CaptureFixture[str]):
    shutil.copy(ws / "ca" / "checks.yaml", ws / "cb" / "checks.yaml")
    assert main(["check", "ca", "cb", "--format", "sarif", *E]) == 1
    rules = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["name"] for r in rules if r["id"] == "QC901"] == ["every-duty"]


def test_the_families_of_every_code_have_a_name():
    assert family_label("QC9xx", "en") == "The regulation's own checks"
    assert family_label("QC7xx", "vi") == "Lời văn và quy định"
