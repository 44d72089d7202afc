"""Option values refused as the command line is read: a usage error (exit 2) that says what was given and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import MINIMAL


@pytest.mark.parametrize("given", ["0", "-3", "abc", "2.5"])
def test_jobs_is_an_integer_of_at_least_one(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINIMAL), "--jobs", given, "--lang", "en"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert f"error: --jobs '{given}': the number of processes must be an integer of at least 1" in out.err
    assert "expected: an integer >= 1" in out.err and "fix: Write --jobs 1 for one process" in out.err
    assert main(["check", str(MINIMAL), f"-j{given}"]) == 2  # Vietnamese by default, the short option too
    err = capsys.readouterr().err
    assert f"lỗi: --jobs '{given}': số tiến trình phải là một số nguyên từ 1 trở lên" in err
    assert "cách sửa: Viết --jobs 1" in err and "Traceback" not in err


def test_jobs_one_and_more_are_taken(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINIMAL), "--engine", "reference", "--jobs", "1"]) == 0
    assert main(["check", str(MINIMAL), "--engine", "reference", "-j", "3"]) == 0


@pytest.mark.parametrize("command", ["check", "diff", "report"])
def test_a_root_that_does_not_exist_is_refused(command: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "khong-co"
    assert main([command, str(MINIMAL), "--root", str(missing), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"error: Path not found: {missing} (--root)" in err
    assert "fix: Name a folder that exists, or leave --root out" in err
    assert main([command, str(MINIMAL), f"--root={missing}"]) == 2
    assert f"lỗi: Không tìm thấy đường dẫn {missing} (--root)" in capsys.readouterr().err


def test_a_root_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "tep.txt"
    file.write_text("x", encoding="utf-8")
    assert main(["check", str(MINIMAL), "--root", str(file), "--lang", "en"]) == 2
    assert f"error: --root {file}: not a folder" in capsys.readouterr().err


def test_a_root_that_exists_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINIMAL), "--engine", "reference", "--root", str(MINIMAL.parent)]) == 0
