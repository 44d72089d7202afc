"""JSON output of a check run, produced from pydantic models that also generate its JSON Schema.

The schema ships as ``quyche_rules/schema/report.schema.json`` (draft 2020-12); :func:`report_schema` builds
it and a test keeps the shipped copy equal to it. It describes ``quyche check --format json`` and, under
``$defs``, the comparison document of ``quyche diff --format json`` (which reuses :func:`finding_dict`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from quyche_rules import __version__
from quyche_rules.findings import Finding, Location
from quyche_rules.i18n import Lang
from quyche_rules.reports.common import family_of, fingerprint

__all__ = ["CheckReport", "JsonFinding", "finding_dict", "render_json", "report_schema"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Sparse(_Out):
    """A model whose unset optional fields are left out of the JSON, not written as null."""

    @model_serializer(mode="wrap")
    def _drop_none(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


class JsonLocation(_Sparse):
    """A place in a rule file."""

    file: str = Field(
        description="File as given to the tool (relative to the working directory when below it)"
    )
    line: int = Field(ge=1, description="1-based line")
    column: int = Field(ge=1, description="1-based column")
    end_line: int | None = Field(default=None, ge=1, description="Last line, when known")
    end_column: int | None = Field(default=None, ge=1, description="Column after the end, when known")


class JsonProvision(_Sparse):
    """A provision involved in a finding."""

    citation: str = Field(description='Vietnamese citation phrase, e.g. "khoản 1 Điều 7"')
    regulation: str = Field(description="Id of the regulation the provision belongs to")
    location: JsonLocation | None = Field(default=None, description="Where the provision is written")
    text: str | None = Field(default=None, description="The provision's Vietnamese text")


class JsonBasis(_Sparse):
    """A legal basis a finding cites, as it stands on the day checked."""

    instrument: str = Field(description='How the instrument is cited, e.g. "Nghị định 30/2020/NĐ-CP"')
    provision: str | None = Field(default=None, description='The provision relied on, e.g. "khoản 3 Điều 13"')
    source: str | None = Field(default=None, description="Its id in the law catalogue (quyche law)")
    standing: Literal["binding", "practice", "unverified"] = Field(
        description="binding law, another body's rules cited as practice, or not verified against a published text"
    )
    practice_of: str | None = Field(default=None, description="For practice: whose rules they are")
    status: Literal["in_force", "not_yet", "ended"] | None = Field(
        default=None, description="Its force on the day checked (absent when not known)"
    )
    url: str | None = Field(default=None, description="An official publication of it")
    quote: str | None = Field(default=None, description="The provision's words, as published")


class JsonFinding(_Out):
    """One finding."""

    code: str = Field(pattern=r"^QC\d{3}$", description="Permanent check code")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Kebab-case check name")
    family: str = Field(pattern=r"^QC\dxx$", description="Check family, e.g. QC3xx")
    severity: Literal["error", "warning", "info"]
    message: str = Field(description="The finding, in the report's language")
    location: JsonLocation
    provisions: list[JsonProvision]
    actors: list[str] = Field(description="Ids of the actors involved")
    tasks: list[str] = Field(description="Ids of the tasks involved")
    fix: str | None = Field(description="How to fix it, in the report's language")
    legal_basis: list[JsonBasis] = Field(default=[], description="The legal bases it cites, on the day checked")
    fingerprint: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the finding's meaning (code, provisions, actors, tasks): stable across "
        "runs and line moves; the same as the SARIF partial fingerprint",
    )


class JsonTool(_Out):
    """The tool that wrote the document."""

    name: Literal["quyche-rules"]
    version: str


class JsonSummary(_Out):
    """Counts of a check run."""

    regulations: int = Field(ge=0)
    provisions: int = Field(ge=0)
    error: int = Field(ge=0)
    warning: int = Field(ge=0)
    info: int = Field(ge=0)
    engines: list[str] = Field(description="Rule engines that ran (reference, durable)")


class CheckReport(_Out):
    """The document `quyche check --format json` writes."""

    model_config = ConfigDict(title="quyche check --format json")

    tool: JsonTool
    lang: Literal["vi", "en"]
    summary: JsonSummary
    findings: list[JsonFinding] = Field(description="In deterministic order: file, line, column, code")


class JsonVersion(_Out):
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


class JsonActorChanges(_Out):
    """What one actor gained, lost and kept with changes."""

    actor: str
    name: str
    status: Literal["kept", "new", "ended"]
    gained: list[JsonEntry]
    lost: list[JsonEntry]
    changed: list[JsonEntry]


class JsonFindingsDelta(_Out):
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


class DiffReport(_Out):
    """The document `quyche diff --format json` writes."""

    model_config = ConfigDict(title="quyche diff --format json")

    tool: JsonTool | dict[str, Any]
    lang: Literal["vi", "en"]
    comparisons: list[JsonComparison]


def json_finding(f: Finding, lang: Lang) -> JsonFinding:
    """Return the JSON model of one finding."""

    def loc(location: Location) -> JsonLocation:
        # the start only, as this format has always written it; SARIF carries the whole region
        return JsonLocation(file=location.file, line=location.line, column=location.column)

    return JsonFinding(
        code=f.code,
        name=f.name,
        family=family_of(f.code),
        severity=f.severity.value,
        message=f.message.get(lang),
        location=loc(f.location),
        provisions=[
            JsonProvision(
                citation=p.citation,
                regulation=p.regulation,
                location=loc(p.location) if p.location is not None else None,
                text=p.text or None,
            )
            for p in f.provisions
        ],
        actors=list(f.actors),
        tasks=list(f.tasks),
        fix=f.fix.get(lang) if f.fix else None,
        legal_basis=[
            JsonBasis(instrument=b.name, provision=b.provision or None, source=b.source or None, standing=b.standing,
                      practice_of=b.practice_of or None, status=None if b.status == "unknown" else b.status,
                      url=b.url or None, quote=b.quote or None)
            for b in f.basis
        ],
        fingerprint=fingerprint(f),
    )


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    """Return the JSON form of one finding."""
    data: dict[str, Any] = json_finding(f, lang).model_dump(mode="json")
    return data


def render_json(
    findings: Sequence[Finding], *, lang: Lang, regulations: int, provisions: int, engines: Sequence[str]
) -> str:
    """Render a run as a JSON document (deterministic: no times, sorted findings)."""
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    doc = CheckReport(
        tool=JsonTool(name="quyche-rules", version=__version__),
        lang=lang,
        summary=JsonSummary(regulations=regulations, provisions=provisions, **counts, engines=list(engines)),
        findings=[json_finding(f, lang) for f in findings],
    )
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of ``--format json`` output."""
    schema = CheckReport.model_json_schema(mode="validation")
    defs = schema.setdefault("$defs", {})
    diff = DiffReport.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
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
