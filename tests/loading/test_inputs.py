"""A missing input is a usage error (exit 2), said as such: never a finding, never "fix the syntax"."""

from __future__ import annotations

from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import MINIMAL


@pytest.mark.parametrize("command", ["diff", "amend"])
def test_a_missing_amendment_file_is_a_usage_error(command: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    argv = [command, str(MINIMAL), str(tmp_path / "khong-co.yaml"), "--lang", "en"]
    assert main(argv + (["-o", str(tmp_path / "out")] if command == "amend" else [])) == 2
    captured = capsys.readouterr()
    assert "Amendment file not found" in captured.err and "QC007" not in captured.out


def test_a_missing_config_file_says_file_not_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINIMAL), "--config", str(tmp_path / "missing.toml"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "file not found" in err and "TOML syntax" not in err
    assert main(["check", str(MINIMAL), "--config", str(tmp_path / "missing.toml")]) == 2
    assert "không tìm thấy tệp" in capsys.readouterr().err


def test_a_missing_rule_file_is_a_finding_in_the_users_language(minimal_copy: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_copy / "actors.yaml").unlink()
    assert main(["check", str(minimal_copy), "--engine", "reference"]) == 1
    out = capsys.readouterr().out
    assert "actors.yaml: không tìm thấy tệp" in out and "No such file" not in out


def test_a_folder_and_its_drafts_report_every_problem_at_once(minimal_copy: Path, tmp_path: Path) -> None:
    from quyche_rules.checks.produce import load_findings
    from quyche_rules.errors import LoadFailed
    from quyche_rules.loading.amendment import load_with_amendments

    (minimal_copy / "actors.yaml").write_text("actors: [{id: vu-a, name: Vụ A, kind: unitt}]\n", encoding="utf-8")
    drafts = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    drafts[0].write_text("amendment: {id: a}\n", encoding="utf-8")
    drafts[1].write_text("amendment: [\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load_with_amendments(minimal_copy, drafts)
    files = {Path(f.location.file).name for f in load_findings(failed.value)}
    assert files == {"actors.yaml", "a.yaml", "b.yaml"}
    loaded, amendments = load_with_amendments(MINIMAL, [])
    assert loaded.regulation.id == "mau-toi-thieu" and amendments == []
