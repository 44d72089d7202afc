"""quyche coverage: shares of confirmed norms per chapter and article."""

from __future__ import annotations

import json
from pathlib import Path

from quyche_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_coverage_of_the_hand_encoding(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["coverage", str(ROOT / "rules" / "chinh-phu-2026"), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["provisions"] == 108 and 0 < result["covered"] <= 108
    assert [c["chapter"] for c in result["chapters"]][:2] == ["I", "II"]
    assert main(["coverage", str(ROOT / "rules" / "chinh-phu-2026")]) == 0
    assert "Điều 5" in capsys.readouterr().out


def test_a_path_that_does_not_exist_is_a_usage_error_as_for_check(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "khong-co"
    assert main(["coverage", str(missing)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and f"lỗi: Không tìm thấy đường dẫn {missing}" in out.err and "QC007" not in out.err
    assert main(["check", str(missing)]) == 2
    assert f"lỗi: Không tìm thấy đường dẫn {missing}" in capsys.readouterr().err
    assert main(["coverage", str(missing), "--lang", "en"]) == 2
    assert f"error: Path not found: {missing}" in capsys.readouterr().err


def test_a_folder_without_a_regulation_or_with_several_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["coverage", str(tmp_path), "--lang", "en"]) == 2
    assert f"error: {tmp_path} holds no regulation (no regulation.yaml)" in capsys.readouterr().err
    assert main(["coverage", str(ROOT / "rules"), "--lang", "en"]) == 2
    assert "regulations; name exactly one" in capsys.readouterr().err
