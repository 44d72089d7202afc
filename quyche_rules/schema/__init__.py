"""JSON Schemas (draft 2020-12) of the rule files, generated from the pydantic models; the shipped copies are here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from quyche_rules.lang import ChecksFile
from quyche_rules.model import ActorsFile, Article, RegulationMeta, TasksFile
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.model.calendar import CalendarFile
from quyche_rules.model.docstrings import DocumentedSchema

__all__ = ["KINDS", "SCHEMA_DIALECT", "schema_for", "schema_text"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("regulation", "actors", "tasks", "article", "checks", "amendment", "calendar")


class _Generator(DocumentedSchema):
    def generate(self, schema: Any, mode: Any = "validation") -> dict[str, Any]:
        out = super().generate(schema, mode=mode)
        return {"$schema": SCHEMA_DIALECT, **out}


def _models() -> dict[str, type[BaseModel]]:
    return {
        "regulation": RegulationMeta, "actors": ActorsFile, "tasks": TasksFile, "article": Article,
        "checks": ChecksFile, "amendment": AmendmentFile, "calendar": CalendarFile,
    }


def schema_for(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of one kind of rule file."""
    model = _models()[kind]
    schema = model.model_json_schema(schema_generator=_Generator, by_alias=True)
    schema["$id"] = f"https://quyche-rules.invalid/schema/{kind}.schema.json"
    schema.setdefault("description", (model.__doc__ or kind).strip().splitlines()[0])
    return schema


def available_kinds() -> tuple[str, ...]:
    """Return the kinds whose models are present."""
    return tuple(k for k in KINDS if k in _models())


def schema_text(kind: str) -> str:
    """Return the schema of ``kind`` as stable, pretty JSON."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:  # pragma: no cover - maintenance entry point
    """Regenerate the shipped schema files: ``python -m quyche_rules.schema``."""
    folder = Path(__file__).parent
    folder.mkdir(exist_ok=True)
    for kind in available_kinds():
        (folder / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
