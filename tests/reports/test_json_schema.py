"""``--format json`` follows the JSON Schema the package ships."""

from __future__ import annotations

import json
import os
from typing import Any

import jsonschema
import pytest

from quyche_rules.reports.json_report import report_schema, schema_text
from tests.conftest import ROOT
from tests.reports.conftest import AMENDMENT, REGULATION, Run

SHIPPED = ROOT / "quyche_rules" / "schema" / "report.schema.json"


def validator(schema: dict[str, Any]) -> Any:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_shipped_schema_is_generated_from_the_models() -> None:
    if os.environ.get("QUYCHE_UPDATE_GOLDEN") == "1":
        SHIPPED.write_text(schema_text(), encoding="utf-8")
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "report.schema.json is stale: QUYCHE_UPDATE_GOLDEN=1 python -m pytest tests/reports"
    )


def test_the_schema_is_draft_2020_12_and_itself_valid() -> None:
    schema = report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", [REGULATION, "rules"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_json_follows_the_schema(run: Run, path: str, lang: str) -> None:
    _, data = run("check", path, "--format", "json", "--lang", lang, "--engine", "reference")
    doc = json.loads(data)
    errors = list(validator(report_schema()).iter_errors(doc))
    assert not errors, errors[:3]
    assert doc["findings"] or path == "rules"


@pytest.mark.parametrize("args", [(REGULATION, AMENDMENT), ("rules/ubdt-2017", "rules/ubdt-2023")])
def test_diff_json_follows_the_schema_definition(run: Run, args: tuple[str, str]) -> None:
    _, data = run("diff", *args, "--format", "json", "--engine", "reference")
    schema = report_schema()
    diff_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/DiffReport"}
    errors = list(validator(diff_schema).iter_errors(json.loads(data)))
    assert not errors, errors[:3]


def test_fingerprints_in_json_match_sarif(run: Run) -> None:
    _, data = run("check", REGULATION, "--format", "json", "--engine", "reference")
    _, sarif = run("check", REGULATION, "--format", "sarif", "--engine", "reference")
    doc = json.loads(data)
    from_json = [f["fingerprint"] for f in doc["findings"] + doc["suppressed"]]  # SARIF: suppressed ones last
    from_sarif = [
        r["partialFingerprints"]["quycheIdentity/v1"] for r in json.loads(sarif)["runs"][0]["results"]
    ]
    assert from_json == from_sarif
