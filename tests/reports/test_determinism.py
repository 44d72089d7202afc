"""Every output is byte-identical across runs, and across hash seeds in fresh processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.reports.conftest import AMENDMENT, REGULATION, Run

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

RUNS = {
    "text": ("check", REGULATION, "--format", "text"),
    "json": ("check", REGULATION, "--format", "json"),
    "sarif": ("check", REGULATION, "--format", "sarif"),
    "github": ("check", REGULATION, "--format", "github"),
    "check-markdown": ("check", REGULATION, "--format", "markdown"),
    "check-html": ("check", REGULATION, "--format", "html"),
    "report-html": ("report", REGULATION, "--format", "html"),
    "change-markdown": ("report", REGULATION, "--amendment", AMENDMENT, "--format", "markdown"),
    "diff-sarif": ("diff", REGULATION, AMENDMENT, "--format", "sarif"),
    "bundled-change-html": ("report", "rules/ubdt-2023", "--against", "rules/ubdt-2017", "--format", "html"),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_two_runs_give_the_same_bytes(run: Run, name: str) -> None:
    _, first = run(*RUNS[name])
    _, second = run(*RUNS[name])
    assert first and first == second


@pytest.mark.parametrize("name", ["json", "sarif", "report-html", "diff-sarif"])
def test_hash_seeds_do_not_change_the_output(tmp_path: Path, name: str) -> None:
    outputs = []
    for seed in ("0", "1", "4242"):
        target = tmp_path / f"{name}-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        env.pop("GITHUB_ACTIONS", None)
        subprocess.run(
            [sys.executable, "-m", "quyche_rules", *RUNS[name], "--engine", "reference", "-o", str(target)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=180,
            check=False,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_source_date_epoch_is_the_only_date_a_report_prints(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, plain = run("report", REGULATION, "--format", "markdown")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718236800")
    _, stamped = run("report", REGULATION, "--format", "markdown")
    assert b"2024-06-13" in stamped and b"2024-06-13" not in plain
