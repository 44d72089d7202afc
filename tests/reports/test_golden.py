"""Golden files: every format on the fixed report fixture, in both languages.

Regenerate them after an intended change with ``QUYCHE_UPDATE_GOLDEN=1 python -m pytest tests/reports``
(this also rewrites ``quyche_rules/schema/report.schema.json``), then review the diff.
"""

from __future__ import annotations

import difflib
import os

import pytest

from tests.reports.conftest import AMENDMENT, GOLDEN, REGULATION, Run

REF = ("--engine", "reference")  # the engines that ran are part of the output: pin them
CASES = {
    "check.txt": ("check", REGULATION, "--format", "text", *REF),
    "check.json": ("check", REGULATION, "--format", "json", *REF),
    "check.sarif": ("check", REGULATION, "--format", "sarif", *REF),
    "check.github.txt": ("check", REGULATION, "--format", "github", *REF),
    "report.md": ("report", REGULATION, "--format", "markdown", *REF),
    "report.html": ("report", REGULATION, "--format", "html", *REF),
    "change.md": ("report", REGULATION, "--amendment", AMENDMENT, "--format", "markdown", *REF),
    "change.html": ("report", REGULATION, "--amendment", AMENDMENT, "--format", "html", *REF),
    "diff.sarif": ("diff", REGULATION, AMENDMENT, "--format", "sarif", *REF),
    "diff.github.txt": ("diff", REGULATION, AMENDMENT, "--format", "github", *REF),
}
EXPECTED_CODES = {"check": 1, "report": 1, "change": 1, "diff": 1}


def compare_golden(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("QUYCHE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        return
    assert path.is_file(), (
        f"no golden file {path}; create it with QUYCHE_UPDATE_GOLDEN=1 pytest tests/reports"
    )
    expected = path.read_bytes()
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected.decode("utf-8").splitlines(),
                actual.decode("utf-8").splitlines(),
                str(path),
                "actual",
                lineterm="",
                n=2,
            )
        )
        pytest.fail(
            f"{name} differs from its golden file (if intended: QUYCHE_UPDATE_GOLDEN=1 "
            f"python -m pytest tests/reports, then review):\n{diff[:6000]}"
        )


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_output_matches_its_golden_file(run: Run, case: str, lang: str) -> None:
    code, data = run(*CASES[case], "--lang", lang)
    assert code == EXPECTED_CODES[case.split(".")[0]]
    stem, _, ext = case.partition(".")
    compare_golden(f"{stem}.{lang}.{ext}", data)


def test_every_format_has_a_golden_file_in_both_languages() -> None:
    formats = {"text", "json", "sarif", "github", "markdown", "html"}
    covered = {a[a.index("--format") + 1] for a in CASES.values()}
    assert covered == formats
    if os.environ.get("QUYCHE_UPDATE_GOLDEN") != "1":
        for case in CASES:
            stem, _, ext = case.partition(".")
            for lang in ("vi", "en"):
                assert (GOLDEN / f"{stem}.{lang}.{ext}").is_file()
