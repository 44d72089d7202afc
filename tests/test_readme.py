"""The README's quick start stays true: two commands, and CI runs exactly the second."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_is_two_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "quyche check" in commands[0] and "[durable]" in commands[0]
    assert "pytest" in commands[1] and "[test]" in commands[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _quick_start_commands()[1] in [line.strip() for line in ci]


def test_the_readme_lists_every_check_of_the_catalogue() -> None:
    from quyche_rules.checks.catalogue import all_checks
    from quyche_rules.reports.basis import basis_standing

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (QC\d{3}) \| `([a-z0-9-]+)` \| (\w+) \| (\w+) \| (.+?) \|$", text, re.M)
    expected = [(s.code, s.name, s.severity, basis_standing(s), s.title.en)
                for s in sorted(all_checks().values(), key=lambda s: s.code)]
    assert rows == expected
