"""The JSON form of a finding, and of a suppressed finding with its suppression: models and builders.

:mod:`quyche_rules.reports.json_report` puts them into the documents of ``quyche check`` and ``quyche diff``
``--format json``; the same models generate their JSON Schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from quyche_rules.checks.suppressions import Suppressed
from quyche_rules.findings import Finding, Location
from quyche_rules.i18n import Lang
from quyche_rules.reports.common import family_of, fingerprint

__all__ = [
    "JsonFinding",
    "JsonLocation",
    "JsonModel",
    "JsonSuppressedFinding",
    "JsonSuppression",
    "finding_dict",
    "json_finding",
    "json_suppressed",
]


class JsonModel(BaseModel):
    """A part of a JSON document: frozen, no keys but those declared."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class _Sparse(JsonModel):
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


class JsonFinding(JsonModel):
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


class JsonSuppression(JsonModel):
    """A suppression written on a provision (`lint: {ignore: [...], reason: ...}`)."""

    provision: str = Field(description='Citation phrase of the provision that wrote it, e.g. "khoản 2 Điều 3"')
    file: str = Field(description="File it is written in")
    line: int = Field(ge=1, description="1-based line of its lint key (else of the provision)")
    reason: str = Field(description="Why the finding is accepted, as written in the rule file")


class JsonSuppressedFinding(JsonFinding):
    """A finding that a suppression hid: listed with the suppression, never counted."""

    suppression: JsonSuppression


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


def json_suppressed(item: Suppressed, lang: Lang) -> JsonSuppressedFinding:
    """Return the JSON model of one suppressed finding, with the suppression that hid it."""
    why = item.suppression
    return JsonSuppressedFinding(
        **dict(json_finding(item.finding, lang)),
        suppression=JsonSuppression(
            provision=why.provision, file=why.location.file, line=why.location.line, reason=why.reason
        ),
    )
