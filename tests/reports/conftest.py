from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import ROOT, SCHEMAS

REGULATION = "fixtures/report/regulation"
AMENDMENT = "fixtures/report/amendment.yaml"
GOLDEN = ROOT / "fixtures" / "golden"
SARIF_SCHEMA = SCHEMAS / "sarif-2.1.0.schema.json"

Run = Callable[..., tuple[int, bytes]]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``quyche`` in-process from the repository root; return the exit code and the bytes of -o."""
    monkeypatch.chdir(ROOT)
    counter = iter(range(1_000_000))

    def _run(*args: str) -> tuple[int, bytes]:
        out = tmp_path / f"out-{next(counter)}"
        code = main([*args, "-o", str(out)])
        return code, out.read_bytes() if out.exists() else b""

    return _run
