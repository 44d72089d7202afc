"""Every command of the README's Usage section runs as written (those without placeholders to fill in)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
USAGE = README.split("## Usage", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
#: what marks a line as a pattern for the reader to fill in, not a command to run as is
PLACEHOLDERS = re.compile(r"\[|\||\.\.\.|…|\b(AMENDMENT|DIR|PATH|FILE|OUT|DATE|ID|KIND|CODE)\b|--base main")


def _commands() -> list[str]:
    out = []
    for line in USAGE.splitlines():
        command = line.split("  #", 1)[0].strip()
        if command.startswith("quyche ") and not PLACEHOLDERS.search(command):
            out.append(command)
    return out


COMMANDS = _commands()


def test_the_usage_section_has_commands_to_run() -> None:
    assert len(COMMANDS) >= 15


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like a clone of the repository: the bundled rules and the fixtures, nothing written back."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "rules", root / "rules")
    shutil.copytree(ROOT / "fixtures" / "amendments", root / "fixtures" / "amendments")
    return root


@pytest.mark.parametrize("command", COMMANDS)
def test_a_readme_command_runs_as_written(command: str, workdir: Path) -> None:
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', command)][1:]
    proc = subprocess.run([sys.executable, "-m", "quyche_rules", *args], cwd=workdir, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert proc.returncode in (0, 1), f"{command}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr.lower()
