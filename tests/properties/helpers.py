"""Shared helpers of the property tests: checking a model or a folder, and what a finding means."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from quyche_rules.checks.runner import run_checks
from quyche_rules.findings import Finding
from quyche_rules.loading import LoadedRegulation
from quyche_rules.model import Regulation

#: what a finding says, without where it is written: code, severity, identity (code, provisions, actors,
#: tasks) and both messages
Meaning = tuple[str, str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], str, str]


def meaning(finding: Finding) -> Meaning:
    return (finding.code, finding.severity.value, finding.identity(), finding.message.vi, finding.message.en)


def meanings(findings: list[Finding]) -> Counter[Meaning]:
    return Counter(meaning(f) for f in findings)


def check_model(reg: Regulation, engine: str = "reference") -> list[Finding]:
    """Check a regulation that exists only in memory (findings are located at the regulation id)."""
    return run_checks(LoadedRegulation(reg, Path("."), None), engine=engine).findings


def examples(n: int) -> int:
    """``n`` examples, scaled by ``QUYCHE_HYPOTHESIS_SCALE`` (e.g. 10 for a long local run; CI uses 1)."""
    return max(1, round(n * float(os.environ.get("QUYCHE_HYPOTHESIS_SCALE", "1"))))
