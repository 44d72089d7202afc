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
