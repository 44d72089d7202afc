"""SARIF 2.1.0: valid against the official schema, stable fingerprints, full regions, related locations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from quyche_rules.cli import main
from quyche_rules.reports.sarif import FINGERPRINT_KEY
from tests.conftest import ROOT
from tests.reports.conftest import AMENDMENT, REGULATION, SARIF_SCHEMA, Run

REF = ("--engine", "reference")


def validate(doc: dict[str, Any]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def sarif(run: Run, *args: str) -> dict[str, Any]:
    _, data = run(*args)
    doc: dict[str, Any] = json.loads(data)
    return doc


def prints(doc: dict[str, Any]) -> dict[str, str]:
    return {r["partialFingerprints"][FINGERPRINT_KEY]: r["ruleId"] for r in doc["runs"][0]["results"]}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_sarif_validates_against_the_official_schema(run: Run, lang: str) -> None:
    validate(sarif(run, "check", REGULATION, "--format", "sarif", "--lang", lang, *REF))


def test_check_sarif_on_the_bundled_regulations_validates(run: Run) -> None:
    doc = sarif(run, "check", "rules", "--format", "sarif", *REF)
    validate(doc)
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) > 40  # every check that ran has a descriptor


@pytest.mark.parametrize("args", [(REGULATION, AMENDMENT), ("rules/ubdt-2017", "rules/ubdt-2023")])
def test_diff_sarif_validates_and_marks_baseline_states(run: Run, args: tuple[str, str]) -> None:
    doc = sarif(run, "diff", *args, "--format", "sarif", *REF)
    validate(doc)
    states = {r["baselineState"] for r in doc["runs"][0]["results"]}
    assert states <= {"new", "unchanged"}
    assert doc["runs"][0]["automationDetails"]["id"] == "quyche/diff/"


def test_diff_sarif_holds_introduced_and_persisting_findings(run: Run) -> None:
    doc = sarif(run, "diff", REGULATION, AMENDMENT, "--format", "sarif", *REF)
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results if r["baselineState"] == "new"] == ["QC204"]
    assert sorted(r["ruleId"] for r in results if r["baselineState"] == "unchanged") == ["QC204", "QC402"]
    assert doc["runs"][0]["properties"]["resolved"] == 3


def test_rule_descriptors_come_from_the_check_metadata(run: Run) -> None:
    from quyche_rules.checks.catalogue import all_checks

    doc = sarif(run, "check", REGULATION, "--format", "sarif", "--lang", "en", *REF)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    spec = all_checks()["QC301"]
    rule = next(r for r in rules if r["id"] == "QC301")
    assert rule["name"] == "multiple-leads"
    assert rule["shortDescription"]["text"] == spec.title.en
    assert rule["fullDescription"]["text"] == spec.rationale.en
    assert spec.fix.en in rule["help"]["text"] and "```yaml" in rule["help"]["markdown"]
    assert rule["properties"]["family"] == "QC3xx" and rule["properties"]["severity"] == "error"
    assert rule["properties"]["legalBasis"][0]["source"] == spec.legal_basis[0].source
    for result in doc["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_have_relative_uris_full_regions_and_related_locations(run: Run) -> None:
    doc = sarif(run, "check", REGULATION, "--format", "sarif", *REF)
    results = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    conflict = results["QC301"]
    place = conflict["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {
        "uri": f"{REGULATION}/articles/dieu-03.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert place["region"] == {"startLine": 6, "startColumn": 5, "endLine": 9, "endColumn": 72}
    related = conflict["relatedLocations"]
    assert [r["message"]["text"] for r in related] == ["khoản 1 Điều 1"]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"].endswith("articles/dieu-01.yaml")
    assert "[khoản 1 Điều 1](1)" in conflict["message"]["text"]
    assert conflict["level"] == "error" and results["QC210"]["level"] == "note"


def test_root_makes_uris_relative_to_it(run: Run) -> None:
    doc = sarif(run, "check", REGULATION, "--format", "sarif", "--root", "fixtures/report", *REF)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]
    }
    assert uris == {f"regulation/articles/dieu-0{n}.yaml" for n in (1, 2, 3)}  # dieu-02: the suppressed finding


def test_fingerprints_are_identical_across_runs_and_survive_moved_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "regulation"
    shutil.copytree(ROOT / REGULATION, copy)
    monkeypatch.chdir(tmp_path)

    def once(name: str) -> dict[str, Any]:
        assert main(["check", "regulation", "--format", "sarif", *REF, "-o", name]) == 1
        doc: dict[str, Any] = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        return doc

    first, second = once("a.sarif"), once("b.sarif")
    assert prints(first) == prints(second) and len(prints(first)) == 6  # the suppressed finding included
    article = copy / "articles" / "dieu-03.yaml"
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    article.write_text(
        lines[0] + "# a comment\n# and another, moving every line down\n" + "".join(lines[1:]),
        encoding="utf-8",
    )
    moved = once("c.sarif")
    assert prints(moved) == prints(first)
    line = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in moved["runs"][0]["results"]
    }
    assert line["QC402"] == 21


def test_regions_are_the_spans_the_loader_recorded() -> None:
    from quyche_rules.findings import Location
    from quyche_rules.reports.locate import Locator, Region

    locator = Locator("/r", "/r")
    assert locator.region(Location(file="f.yaml", line=2, column=6, end_line=4, end_column=9)) == Region(2, 6, 4, 9)
    assert locator.region(Location(file="f.yaml", line=3, column=1)) == Region(3, 1)
    assert locator.uri("/elsewhere/x y.yaml") == ("file:///elsewhere/x%20y.yaml", False)
    assert locator.uri("sub/đ.yaml") == ("sub/%C4%91.yaml", True)


def test_sarif_on_nested_aliases_answers_at_once_with_qc004(tmp_path: Path) -> None:
    """Regions come from the one reader, which refuses the aliases before expanding anything."""
    import shutil
    import subprocess
    import sys
    import time

    from tests.conftest import FIXTURES, MINIMAL

    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    shutil.copyfile(FIXTURES / "bad" / "alias-bomb.yaml", folder / "articles" / "dieu-09.yaml")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "quyche_rules", "check", str(folder), "--format", "sarif", "--engine", "reference"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert time.perf_counter() - started < 30  # seconds at most, where a second parse of the file ran for minutes
    assert proc.returncode == 1, proc.stderr
    (result,) = json.loads(proc.stdout)["runs"][0]["results"]
    assert result["ruleId"] == "QC004"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1  # the first anchored value


@pytest.mark.parametrize("args", [(REGULATION, AMENDMENT), ("rules/ubdt-2017", "rules/ubdt-2023")])
def test_diff_sarif_agrees_with_diff_json(run: Run, args: tuple[str, str]) -> None:
    """SARIF and GitHub output of diff build their comparisons like ``quyche diff`` does: same findings."""
    doc = sarif(run, "diff", *args, "--format", "sarif", *REF)
    _, data = run("diff", *args, "--format", "json", *REF)
    delta = json.loads(data)["comparisons"][0]["findings"]
    expected = {(f["fingerprint"], "new") for f in delta["introduced"]}
    expected |= {(f["fingerprint"], "unchanged") for f in delta["persisting"]}
    got = {
        (r["partialFingerprints"][FINGERPRINT_KEY].split(":")[0], r["baselineState"])
        for r in doc["runs"][0]["results"]
    }
    assert got == expected
