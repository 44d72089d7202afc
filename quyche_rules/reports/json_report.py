"""JSON output of a check run, produced from pydantic models that also generate its JSON Schema.

The schema ships as ``quyche_rules/schema/report.schema.json`` (draft 2020-12); :func:`report_schema` builds
it and a test keeps the shipped copy equal to it. It describes ``quyche check --format json`` and, under
``$defs``, the comparison document of ``quyche diff --format json`` (which reuses :func:`finding_dict`). A
finding's own models are in :mod:`quyche_rules.reports.json_finding`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from quyche_rules import __version__
from quyche_rules.checks.suppressions import Suppressed
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang
from quyche_rules.reports.json_finding import (
    JsonFinding,
    JsonModel,
    JsonSuppressedFinding,
    finding_dict,
    json_finding,
    json_suppressed,
)

__all__ = ["CheckReport", "JsonFinding", "finding_dict", "render_json", "report_schema"]


class JsonTool(JsonModel):
    """The tool that wrote the document."""

    name: Literal["quyche-rules"]
    version: str


class JsonSummary(JsonModel):
    """Counts of a check run."""

    regulations: int = Field(ge=0)
    provisions: int = Field(ge=0)
    error: int = Field(ge=0)
    warning: int = Field(ge=0)
    info: int = Field(ge=0)
    suppressed: int = Field(ge=0, description="Findings hidden by a suppression on a provision (not counted above)")
    engines: list[str] = Field(description="Rule engines that ran (reference, durable)")


class CheckReport(JsonModel):
    """The document `quyche check --format json` writes."""

    model_config = ConfigDict(title="quyche check --format json")

    tool: JsonTool
    lang: Literal["vi", "en"]
    summary: JsonSummary
    findings: list[JsonFinding] = Field(description="In deterministic order: file, line, column, code")
    suppressed: list[JsonSuppressedFinding] = Field(
        description="Findings hidden by a suppression on a provision, each with its reason, in the order of findings; "
        "they never count towards the exit code"
    )


class JsonVersion(JsonModel):
    """One side of a comparison."""

    label: str
    regulation: str
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class JsonEntry(BaseModel):
    """One responsibility gained, lost or changed."""

    model_config = ConfigDict(frozen=True, extra="allow")

    category: str
    key: list[str]
    description: str
    old: list[Any]
    new: list[Any]
    old_provisions: list[str]
    new_provisions: list[str]


class JsonActorChanges(JsonModel):
    """What one actor gained, lost and kept with changes."""

    actor: str
    name: str
    status: Literal["kept", "new", "ended"]
    gained: list[JsonEntry]
    lost: list[JsonEntry]
    changed: list[JsonEntry]


class JsonFindingsDelta(JsonModel):
    """Findings introduced, resolved and persisting."""

    introduced: list[JsonFinding]
    resolved: list[JsonFinding]
    persisting: list[JsonFinding]


class JsonComparison(BaseModel):
    """One comparison of `quyche diff --format json`."""

    model_config = ConfigDict(frozen=True, extra="allow")

    old: JsonVersion
    new: JsonVersion
    responsibilities: list[JsonActorChanges]
    ended_actors: list[dict[str, Any]]
    findings: JsonFindingsDelta
    summary: dict[str, Any]
    notes: list[str]


class DiffReport(JsonModel):
    """The document `quyche diff --format json` writes."""

    model_config = ConfigDict(title="quyche diff --format json")

    tool: JsonTool | dict[str, Any]
    lang: Literal["vi", "en"]
    comparisons: list[JsonComparison]


def render_json(
    findings: Sequence[Finding],
    *,
    lang: Lang,
    regulations: int,
    provisions: int,
    engines: Sequence[str],
    suppressed: Sequence[Suppressed] = (),
) -> str:
    """Render a run as a JSON document (deterministic: no times, sorted findings), suppressed findings apart."""
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    doc = CheckReport(
        tool=JsonTool(name="quyche-rules", version=__version__),
        lang=lang,
        summary=JsonSummary(regulations=regulations, provisions=provisions, **counts, suppressed=len(suppressed),
                            engines=list(engines)),
        findings=[json_finding(f, lang) for f in findings],
        suppressed=[json_suppressed(x, lang) for x in suppressed],
    )
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of ``--format json`` output."""
    from quyche_rules.model.docstrings import DocumentedSchema  # lazy: pydantic's schema generator

    schema = CheckReport.model_json_schema(mode="validation", schema_generator=DocumentedSchema)
    defs = schema.setdefault("$defs", {})
    diff = DiffReport.model_json_schema(mode="validation", ref_template="#/$defs/{model}",
                                      schema_generator=DocumentedSchema)
    defs.update(diff.pop("$defs", {}))
    defs["DiffReport"] = diff
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "description": "Output of `quyche check --format json`. `$defs/DiffReport` describes "
        "`quyche diff --format json`.",
    }


def schema_text() -> str:
    """Return the schema as the text shipped in ``quyche_rules/schema/report.schema.json``."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
