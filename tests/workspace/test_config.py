"""Configuration, severity overrides, fail-on and baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quyche_rules.cli import main

DUPLICATE = ("articles:\n  - {article: '3', title: X, chapter: II,\n"
             "     clauses: [{clause: '1', text: a}, {clause: '1', text: b}]}")


def _with_defect(minimal_copy: Path) -> Path:
    (minimal_copy / "articles" / "dieu-03.yaml").write_text(
        "article: '3'\ntitle: X\nchapter: II\nclauses:\n  - {clause: '1', text: a}\n  - {clause: '1', text: b}\n",
        encoding="utf-8",
    )
    return minimal_copy


def test_finding_exits_one_and_fail_on_error_still_fails(minimal_copy: Path) -> None:
    folder = _with_defect(minimal_copy)
    assert main(["check", str(folder), "--engine", "reference"]) == 1
    assert main(["check", str(folder), "--engine", "reference", "--ignore", "QC011"]) == 0


def test_severity_override_and_fail_on_from_quyche_toml(minimal_copy: Path, tmp_path: Path) -> None:
    folder = _with_defect(minimal_copy)
    (tmp_path / "quyche.toml").write_text('fail-on = "error"\n[severity]\nQC011 = "warning"\n', encoding="utf-8")
    assert main(["check", str(folder), "--engine", "reference"]) == 0


def test_unknown_config_key_is_an_error_with_did_you_mean(minimal_copy: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "quyche.toml").write_text('fail_on = "error"\n', encoding="utf-8")
    assert main(["check", str(minimal_copy), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'fail-on'" in err and "quyche.toml" in err


def test_unknown_code_in_config_is_an_error_with_did_you_mean(minimal_copy: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "quyche.toml").write_text('ignore = ["QC0111"]\n', encoding="utf-8")
    assert main(["check", str(minimal_copy), "--lang", "en"]) == 2
    assert "Unknown check code in `ignore`: QC0111; did you mean QC" in capsys.readouterr().err


def test_pyproject_tool_table_is_read(minimal_copy: Path, tmp_path: Path) -> None:
    folder = _with_defect(minimal_copy)
    (tmp_path / "pyproject.toml").write_text('[tool.quyche]\nignore = ["QC011"]\n', encoding="utf-8")
    assert main(["check", str(folder), "--engine", "reference"]) == 0


def test_baseline_hides_accepted_findings_but_not_new_ones(minimal_copy: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = _with_defect(minimal_copy)
    baseline = tmp_path / "baseline.json"
    assert main(["check", str(folder), "--write-baseline", str(baseline)]) == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["findings"] and all("line" not in json.dumps(e) for e in data["findings"])
    assert main(["check", str(folder), "--baseline", str(baseline)]) == 0
    # moving the defect down a few lines keeps it accepted: the key is meaning, not line
    path = folder / "articles" / "dieu-03.yaml"
    path.write_text("# moved\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(folder), "--baseline", str(baseline)]) == 0
    (folder / "articles" / "dieu-04.yaml").write_text(
        "article: '4'\ntitle: Y\nchapter: II\nclauses:\n  - {clause: '1', text: a}\n  - {clause: '1', text: b}\n",
        encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(folder), "--baseline", str(baseline), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "dieu-04.yaml" in out and "dieu-03.yaml" not in out
