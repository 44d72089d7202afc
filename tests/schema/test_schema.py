"""JSON Schemas: draft 2020-12, a description on every field, shipped copies up to date, modelines present."""

from __future__ import annotations

import json
from typing import Any

import pytest

from quyche_rules.cli import main
from quyche_rules.schema import SCHEMA_DIALECT, available_kinds, schema_text
from tests.conftest import ROOT


def _properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            found.append((name, prop))
        for value in node.values():
            found.extend(_properties(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_properties(value))
    return found


@pytest.mark.parametrize("kind", available_kinds())
def test_schema_sets_dialect_and_describes_every_field(kind: str) -> None:
    schema = json.loads(schema_text(kind))
    assert schema["$schema"] == SCHEMA_DIALECT
    missing = [name for name, prop in _properties(schema) if "description" not in prop]
    assert not missing, f"fields without description in {kind}: {missing}"


@pytest.mark.parametrize("kind", available_kinds())
def test_shipped_schema_is_up_to_date(kind: str) -> None:
    shipped = ROOT / "quyche_rules" / "schema" / f"{kind}.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(kind), "run: python -m quyche_rules.schema"


def test_schema_command_prints_the_article_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"] == SCHEMA_DIALECT


def test_schema_command_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "articel", "--lang", "en"]) == 2
    assert "No schema named" in capsys.readouterr().err


def test_every_rule_file_starts_with_a_modeline() -> None:
    files = sorted((ROOT / "rules").rglob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: modeline points at {target}"
