"""One policy for every subcommand: colour, options over configuration, the exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quyche_rules.commands.settings import colour_wanted, exit_code
from quyche_rules.findings import Finding, Location, Severity
from quyche_rules.i18n import Text
from tests.conftest import FIXTURES, ROOT

ESC = "\x1b["


def test_colour_is_decided_by_terminal_and_environment() -> None:
    assert colour_wanted(True, {})
    assert not colour_wanted(False, {})
    assert not colour_wanted(True, {"NO_COLOR": "1"})
    assert colour_wanted(True, {"NO_COLOR": ""})  # no-color.org: only a non-empty value disables
    assert not colour_wanted(True, {"TERM": "dumb"})
    assert not colour_wanted(True, {}, to_file=True)
    assert colour_wanted(False, {"FORCE_COLOR": "1"})
    assert not colour_wanted(False, {"FORCE_COLOR": "0"})


def _finding(severity: Severity) -> Finding:
    return Finding(code="QC301", name="multiple-leads", severity=severity, message=Text.of("m", "m"),
                   location=Location(file="f.yaml"))


@pytest.mark.parametrize(("found", "fail_on", "expected"), [
    ((), Severity.INFO, 0),
    ((Severity.WARNING,), Severity.ERROR, 0),
    ((Severity.WARNING,), Severity.WARNING, 1),
    ((Severity.INFO, Severity.ERROR), Severity.WARNING, 1),
])
def test_the_exit_code_is_1_only_for_a_finding_at_or_above_the_threshold(
    found: tuple[Severity, ...], fail_on: Severity, expected: int
) -> None:
    assert exit_code([_finding(s) for s in found], fail_on) == expected


SMALL = FIXTURES / "amendments" / "base-small"
AMENDMENT = FIXTURES / "amendments" / "01-second-lead.yaml"


@pytest.mark.parametrize("argv", [
    ["check", str(FIXTURES / "report" / "regulation")],
    ["diff", str(SMALL), str(AMENDMENT)],
    ["amend", str(SMALL), str(AMENDMENT), "-o", "{out}"],
], ids=["check", "diff", "amend"])
def test_every_subcommand_colours_text_by_the_same_rule(argv: list[str], tmp_path: Path) -> None:
    """FORCE_COLOR colours a pipe and NO_COLOR wins over it, for check, diff and amend alike."""
    argv = [a.replace("{out}", str(tmp_path / "out")) for a in argv]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}

    def run(extra: dict[str, str]) -> str:
        proc = subprocess.run([sys.executable, "-m", "quyche_rules", *argv, "--engine", "reference"]
                              if argv[0] != "amend" else [sys.executable, "-m", "quyche_rules", *argv],
                              cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode in (0, 1), proc.stderr
        return proc.stdout

    assert ESC in run({"FORCE_COLOR": "1"})
    assert ESC not in run({"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ESC not in run({})
