"""Configuration, severity overrides, fail-on and baselines; hostile configuration and baseline files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.workspace.baseline import MAX_BASELINE_BYTES
from quyche_rules.workspace.config import MAX_CONFIG_BYTES

DUPLICATE = ("articles:\n  - {article: '3', title: Kiểm thử, chapter: II,\n"
             "     clauses: [{clause: '1', text: a}, {clause: '1', text: b}]}")


def _with_defect(minimal_copy: Path) -> Path:
    (minimal_copy / "articles" / "dieu-03.yaml").write_text(
        "article: '3'\ntitle: Kiểm thử\nchapter: II\nclauses:\n"
        "  - {clause: '1', text: a}\n  - {clause: '1', text: b}\n",
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


# -- hostile configuration and baseline files: read like rule files, never a crash --------------------------------

def _config_error(argv: list[str], capsys: pytest.CaptureFixture[str], *named: str) -> str:
    capsys.readouterr()
    assert main([*argv, "--engine", "reference", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    assert "error:" in err and "expected:" in err and "fix:" in err, err
    for text in named:
        assert text in err, err
    return err


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_device_or_a_fifo_is_refused_before_anything_is_read(
    minimal_copy: Path, tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if Path("/dev/zero").exists():  # read with Path.read_text, /dev/zero never ended
        _config_error(["check", str(minimal_copy), option, "/dev/zero"], capsys, "/dev/zero: error:",
                      "/dev/zero is not a regular file")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: reading it would block for ever
    _config_error(["check", str(minimal_copy), option, str(fifo)], capsys, f"{fifo} is not a regular file")


def test_a_configuration_or_a_baseline_too_large_is_refused(
    minimal_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (MAX_CONFIG_BYTES + 10) + "\n", encoding="utf-8")
    _config_error(["check", str(minimal_copy), "--config", str(big)], capsys, f"{big}: error: File too large")
    with open(tmp_path / "big.json", "wb") as handle:  # sparse: the size is checked, the bytes never read
        handle.truncate(MAX_BASELINE_BYTES + 1)
    _config_error(["check", str(minimal_copy), "--baseline", str(tmp_path / "big.json")], capsys, "File too large")


def test_a_baseline_nested_too_deeply_is_a_config_error(
    minimal_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 200_000, encoding="utf-8")
    _config_error(["check", str(minimal_copy), "--baseline", str(baseline)], capsys, f"{baseline}: error:",
                  "nested too deeply", "--write-baseline")


@pytest.mark.parametrize("baseline", ['[]', '"x"', '{"version": 1, "findings": [5]}', '{"version": 1}', "\xff"])
def test_a_baseline_of_another_shape_is_a_config_error(
    minimal_copy: Path, tmp_path: Path, baseline: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "baseline.json"
    path.write_bytes(baseline.encode("latin-1"))
    _config_error(["check", str(minimal_copy), "--baseline", str(path)], capsys, f"{path}: error: Invalid baseline")


DEEP = {"array": "a = " + "[" * 50_000 + "]" * 50_000 + "\n", "table": "a = " + "{b = " * 50_000 + "}" * 50_000 + "\n"}


@pytest.mark.parametrize("found", [False, True], ids=["given", "found"])
@pytest.mark.parametrize("shape", sorted(DEEP))
def test_a_configuration_nested_too_deeply_is_a_config_error(
    minimal_copy: Path, tmp_path: Path, shape: str, found: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "quyche.toml"
    config.write_text(DEEP[shape], encoding="utf-8")
    argv = ["check", str(minimal_copy)] + ([] if found else ["--config", str(config)])
    _config_error(argv, capsys, "quyche.toml: error: The configuration is nested too deeply")


PYPROJECT_SHAPES = {
    'tool = "quyche"': "`tool` in pyproject.toml must be a table, not a string",
    "tool = 5": "`tool` in pyproject.toml must be a table, not a number",
    "[tool]\nquyche = 5": "`tool.quyche` in pyproject.toml must be a table, not a number",
    "[tool]\nquyche = [1, 2]": "`tool.quyche` in pyproject.toml must be a table, not an array",
    '[tool]\nquyche = "select"': "`tool.quyche` in pyproject.toml must be a table, not a string",
}


@pytest.mark.parametrize("found", [False, True], ids=["given", "found"])
@pytest.mark.parametrize("text", sorted(PYPROJECT_SHAPES))
def test_a_pyproject_whose_tool_or_tool_quyche_is_not_a_table_is_a_config_error(
    minimal_copy: Path, tmp_path: Path, text: str, found: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text + "\n", encoding="utf-8")
    argv = ["check", str(minimal_copy)] + ([] if found else ["--config", str(pyproject)])
    err = _config_error(argv, capsys, "pyproject.toml: error:", PYPROJECT_SHAPES[text], "[tool.quyche]")
    assert "expected: a table [tool" in err


def test_a_pyproject_without_tool_quyche_is_passed_over_and_one_that_is_not_toml_too(
    minimal_copy: Path, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 80\n", encoding="utf-8")
    assert main(["check", str(minimal_copy), "--engine", "reference"]) == 0
    (tmp_path / "pyproject.toml").write_text("[tool\n", encoding="utf-8")
    assert main(["check", str(minimal_copy), "--engine", "reference"]) == 0
