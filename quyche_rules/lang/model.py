"""Pydantic models of the declarative rule language (a check file is YAML data, never code).

The structural rules (types, required keys, no unknown keys) live here and, for the patterns a check matches, in
:mod:`quyche_rules.lang.patterns`; the rules that need the whole check (binds, references, templates, known
fields) live in :mod:`quyche_rules.lang.validate`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import (
    BaseModel,
    Field,
    model_validator,
)

from quyche_rules.findings import Severity
from quyche_rules.i18n import Text
from quyche_rules.lang.patterns import (
    FROZEN,
    REF_RE,
    CountOp,
    CountSpec,
    Filters,
    JoinOp,
    Joins,
    Pattern,
    PatternBase,
    Scalar,
    Unless,
    WhereOp,
    parse_ref,
)

__all__ = [
    "CODE_RE",
    "NAME_RE",
    "REF_RE",
    "Check",
    "CheckFile",
    "ChecksFile",
    "CountOp",
    "CountSpec",
    "Examples",
    "Filters",
    "JoinOp",
    "Joins",
    "LegalBasis",
    "Pattern",
    "PatternBase",
    "Report",
    "Scalar",
    "Unless",
    "WhereOp",
    "parse_ref",
]

CODE_RE = re.compile(r"^QC\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LegalBasis(BaseModel):
    """A legal source the check rests on.

    An instrument of the law catalogue by id (``quyche law``), or one written out (shown as unverified).
    """

    model_config = FROZEN

    source: str | None = Field(
        default=None, description="Id of the instrument in the law catalogue, e.g. 'nd-30-2020'."
    )
    instrument: str | None = Field(
        default=None, description="An instrument the catalogue does not hold, written out, e.g. 'Quyết định 12/QĐ-UB'."
    )
    provision: str | None = Field(default=None, description="The provision within it, e.g. 'khoản 2 Điều 5'.")
    url: str | None = Field(default=None, description="Where an instrument written out can be read.")
    quote: str | None = Field(default=None, description="The words of the provision that matter.")
    analogy: bool = Field(
        default=False,
        description="The instrument binds legal normative documents only: cited as good practice (at most a warning).",
    )
    scope: Text | None = Field(
        default=None, description="What part of the check the provision covers, when not all of it (vi, en)."
    )

    @model_validator(mode="after")
    def _one_instrument(self) -> LegalBasis:
        if (self.source is None) == (self.instrument is None):
            raise ValueError("give the instrument's catalogue id (source) or write it out (instrument), not both")
        return self


class Examples(BaseModel):
    """Example regulations (YAML text) on which the check fires and passes; run as tests elsewhere."""

    model_config = FROZEN

    fires: str = Field(description="A regulation fragment on which the check fires.")
    passes: str = Field(description="A regulation fragment on which the check does not fire.")


class Report(BaseModel):
    """What a finding names: ``<bind>.<field>`` refs (for the count bind: every counted fact)."""

    model_config = FROZEN

    provisions: tuple[str, ...] = Field(default=(), description="Refs to provision ids, e.g. d.provision.")
    actors: tuple[str, ...] = Field(default=(), description="Refs to actor ids, e.g. d.holder.")
    tasks: tuple[str, ...] = Field(default=(), description="Refs to task ids, e.g. t.id.")


class Check(BaseModel):
    """One declarative check: metadata, the patterns to match, and what a finding says and names."""

    model_config = FROZEN

    code: str = Field(description="Permanent code: QC followed by three digits, e.g. QC301.")
    name: str = Field(description="Permanent kebab-case name, e.g. multiple-leads.")
    severity: Severity = Field(description="Default severity: error, warning or info.")
    status: Literal["preview", "stable", "deprecated"] = Field(
        default="stable", description="Life-cycle status: preview, stable or deprecated."
    )
    since: str | None = Field(
        default=None, description="The version that introduced the check, e.g. '0.1.0'."
    )
    title: Text = Field(description="Short title in Vietnamese (vi) and English (en).")
    message: Text = Field(
        description="Finding message (vi, en); placeholders {bind.field} and {count}; {{ and }} are braces."
    )
    rationale: Text = Field(description="Why this is a problem (vi, en).")
    fix: Text = Field(description="How to fix it (vi, en); same placeholders as message.")
    legal_basis: tuple[LegalBasis, ...] = Field(default=(), description="The legal sources of the check.")
    examples: Examples | None = Field(default=None, description="Example that fires and example that passes.")
    when: tuple[Pattern, ...] = Field(
        min_length=1, max_length=8, description="1 to 8 positive patterns, joined left to right."
    )
    unless: tuple[Unless, ...] = Field(
        default=(), max_length=8, description="Negated patterns: drop the match if a fact satisfies one."
    )
    count: CountSpec | None = Field(
        default=None, description="Optional aggregate over facts joined to the match."
    )
    report: Report = Field(default_factory=Report, description="What a finding names.")
    relies_on: tuple[str, ...] = Field(
        default=(),
        description="The derived fact kinds (kind) and fields (kind.field) the check uses: what a rule of the "
        "fact producer computes rather than what the rule files say (see `quyche_rules/facts/schema.py`).",
    )

    def binds(self) -> tuple[str, ...]:
        """Return the ``when`` bind names in order."""
        return tuple(p.bind for p in self.when)


class CheckFile(BaseModel):
    """A rule file: a list of declarative checks."""

    model_config = FROZEN

    checks: tuple[Check, ...] = Field(description="The checks of this file.")


ChecksFile = CheckFile
"""Alias of :class:`CheckFile`."""
