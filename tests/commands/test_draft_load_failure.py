"""A draft (or a diff's version) that cannot be loaded is reported in the format asked for, to ``-o`` when given,
with every other finding of the run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from quyche_rules.cli import main
from tests.conftest import FIXTURES, MINIMAL, SCHEMAS

E = ["--engine", "reference", "--lang", "en", "--no-cache"]
BROKEN = ("amendment:\n  id: x\n  amends: mau-toi-thieu\n  instrument: {number: 1/QĐ-X, date: 2019-06-20}\n"
          "  effective: 2019-07-01\noperations:\n  - amend: [khoản 1\n")


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/base (minimal), tmp/other (a regulation with findings), tmp/draft.yaml (a YAML error); cwd tmp."""
    shutil.copytree(MINIMAL, tmp_path / "base")
    shutil.copytree(FIXTURES / "report" / "regulation", tmp_path / "other")
    (tmp_path / "draft.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(sarif: dict) -> list[str]:
    return [r["ruleId"] for r in sarif["runs"][0]["results"]]


def test_sarif_to_output_with_the_other_regulations(ws: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["check", "base", "other", "draft.yaml", "--format", "sarif", "-o", "out.sarif", *E]) == 1
    assert capsys.readouterr().out == ""
    log = json.loads((ws / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads((SCHEMAS / "sarif-2.1.0.schema.json").read_text(encoding="utf-8")))
    codes = _codes(log)
    assert "QC001" in codes and "QC402" in codes  # the draft's error and the other regulation's findings


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_the_format_asked_for(ws: Path, fmt: str, capsys: pytest.CaptureFixture[str]):
    assert main(["check", "base", "draft.yaml", "--format", fmt, *E]) == 1
    out = capsys.readouterr().out
    if fmt == "json":
        assert [f["code"] for f in json.loads(out)["findings"]] == ["QC001"]
    else:
        assert out.startswith("::error file=draft.yaml,line=8") and "QC001" in out


def test_a_diff_whose_new_version_does_not_load(ws: Path, capsys: pytest.CaptureFixture[str]):
    shutil.copytree(ws / "base", ws / "new")
    (ws / "new" / "articles" / "dieu-99.yaml").write_text("article: [\n", encoding="utf-8")
    assert main(["diff", "base", "new", "--format", "json", "-o", "d.json", *E]) == 1
    assert [f["code"] for f in json.loads((ws / "d.json").read_text(encoding="utf-8"))["findings"]] == ["QC001"]
    assert main(["diff", "base", "new", "--format", "sarif", *E]) == 1
    assert _codes(json.loads(capsys.readouterr().out)) == ["QC001"]
