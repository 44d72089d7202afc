"""A regulation's own checks (``checks.yaml``) run from the command line like the built-in ones.

They used to run only through the Python API: ``quyche check`` ignored them and ``--select QC901`` was refused
as unknown. Here they run by default, can be selected and ignored by code or family, are described in SARIF,
are listed by ``quyche rules DIR`` and explained by ``quyche explain CODE DIR``; a code or a name of a built-in
check is refused at its line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import FIXTURES, MINIMAL

OWN_CHECKS = FIXTURES / "checks" / "clerk-leads.yaml"
#: an article in which the clerk leads a task: QC901 fires once
CLERK_LEADS = """\
article: "3"
title: Lưu trữ
chapter: II
clauses:
  - clause: "1"
    text: Văn thư chủ trì lưu trữ hồ sơ công việc.
    norms:
      - duty: {holder: van-thu, task: ke-hoach-nam, role: cooperate}
      - duty: {holder: van-thu, task: don-doc, role: lead}
"""


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    """A copy of the minimal regulation with its own check file and an article the check finds."""
    folder = tmp_path / "R"
    shutil.copytree(MINIMAL, folder)
    shutil.copy(OWN_CHECKS, folder / "checks.yaml")
    (folder / "articles" / "dieu-03.yaml").write_text(CLERK_LEADS, encoding="utf-8")
    return folder


def _codes(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    rc = main(["check", *argv, "--format", "json", "--lang", "en"])
    return rc, sorted(f["code"] for f in json.loads(capsys.readouterr().out)["findings"])


def test_a_regulations_own_check_runs_by_default(reg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, codes = _codes(capsys, str(reg), "--fail-on", "warning")
    assert rc == 1 and "QC901" in codes


def test_it_can_be_selected_and_ignored_by_code_or_family(reg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _codes(capsys, str(reg), "--select", "QC901")[1] == ["QC901"]
    assert _codes(capsys, str(reg), "--select", "QC9xx")[1] == ["QC901"]
    assert "QC901" not in _codes(capsys, str(reg), "--ignore", "QC901")[1]
    assert "QC901" not in _codes(capsys, str(reg), "--ignore", "QC9xx")[1]


def test_selecting_an_unknown_code_is_still_refused(reg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(reg), "--select", "QC909", "--lang", "en"]) == 2
    assert "QC909" in capsys.readouterr().err


def test_sarif_describes_the_regulations_check(reg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(reg), "--format", "sarif", "--lang", "en"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["QC901"]["name"] == "clerk-leads-a-task"
    assert any(r["ruleId"] == "QC901" for r in run["results"])


def test_rules_lists_the_regulations_checks_after_the_built_in_ones(reg: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", str(reg), "--format", "json", "--lang", "en"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["QC901"]["title"] == "The clerk leads a task" and "QC301" in listed
    main(["rules", "--format", "json"])
    assert "QC901" not in {r["code"] for r in json.loads(capsys.readouterr().out)}


def test_explain_runs_the_examples_on_the_regulation_itself(reg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "QC901", str(reg), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("QC901 clerk-leads-a-task (warning, preview, 0.1.0)")
    assert f"what it adds to or changes in {reg}" in out
    assert "- QC901 clerk-leads-a-task: Văn thư cơ quan leads «Lưu trữ hồ sơ công việc» (khoản 1 Điều 3)" in out
    assert out.count("Finds: nothing") == 1  # the passing example
    assert f"Source: {reg / 'checks.yaml'}" in out


def test_explain_without_the_regulation_does_not_know_the_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "QC901", "--lang", "en"]) == 2
    assert "No check QC901" in capsys.readouterr().err


@pytest.mark.parametrize(("field", "value", "owner"), [
    ("code", "QC301", "multiple-leads"),
    ("name", "multiple-leads", "QC301"),
])
def test_a_built_in_code_or_name_is_refused_at_its_line(reg: Path, capsys: pytest.CaptureFixture[str], field: str,
                                                        value: str, owner: str) -> None:
    path = reg / "checks.yaml"
    old = "QC901" if field == "code" else "clerk-leads-a-task"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"{field}: {old}", f"{field}: {value}"), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if row.strip().startswith(f"{field}:") or row.strip().startswith(f"- {field}:"))
    for argv in (["check", str(reg)], ["rules", str(reg)], ["explain", "QC301", str(reg)]):
        assert main([*argv, "--lang", "en"]) == 2
        err = capsys.readouterr().err
        assert f"checks.yaml:{line}:" in err
        assert f"«{value}» is the {field} of a built-in check ({owner})" in err


def test_two_regulations_each_run_their_own_checks(reg: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "R2"
    shutil.copytree(MINIMAL, other)
    (other / "articles" / "dieu-03.yaml").write_text(CLERK_LEADS, encoding="utf-8")  # no checks.yaml: no QC901
    main(["check", str(reg), str(other), "--format", "json", "--select", "QC901"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [f["code"] for f in found] == ["QC901"] and "R/articles" in found[0]["location"]["file"]
