"""Pydantic models of the declarative rule language (a check file is YAML data, never code).

The structural rules (types, required keys, no unknown keys) live here; the rules that need the whole
check (binds, references, templates, known fields) live in :mod:`quyche_rules.lang.validate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    model_validator,
)

from quyche_rules.findings import Severity
from quyche_rules.i18n import Text

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
REF_RE = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")

Scalar = StrictInt | StrictStr
"""A literal in a filter: an integer or a string (never bool, float or null)."""

CountOp = Literal["eq", "ne", "lt", "le", "gt", "ge"]

# (validators built when first used: a check file is read only for a regulation that has one, or the catalogue
# kept in the cache is not read at all)
_FROZEN = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


def parse_ref(ref: str) -> tuple[str, str] | None:
    """Split ``"<bind>.<field>"`` into ``(bind, field)``; ``None`` if it is not of that form."""
    m = REF_RE.match(ref)
    return (m.group(1), m.group(2)) if m else None


class WhereOp(BaseModel):
    """One filter on a field of the fact: exactly one operator with a literal operand."""

    model_config = _FROZEN

    eq: Scalar | None = Field(
        default=None, description="The field equals this value (a bare literal means the same)."
    )
    ne: Scalar | None = Field(default=None, description="The field differs from this value.")
    in_: tuple[Scalar, ...] | None = Field(
        default=None, alias="in", min_length=1, description="The field equals one of these values."
    )
    not_in: tuple[Scalar, ...] | None = Field(
        default=None, min_length=1, description="The field equals none of these values."
    )
    lt: Scalar | None = Field(default=None, description="The field is an integer less than this integer.")
    le: Scalar | None = Field(default=None, description="The field is an integer at most this integer.")
    gt: Scalar | None = Field(default=None, description="The field is an integer greater than this integer.")
    ge: Scalar | None = Field(default=None, description="The field is an integer at least this integer.")

    @model_validator(mode="after")
    def _exactly_one(self) -> WhereOp:
        if len(self.ops()) != 1:
            raise ValueError("a filter has exactly one operator: eq, ne, in, not_in, lt, le, gt or ge")
        return self

    def ops(self) -> list[tuple[str, Any]]:
        """Return the ``(operator, operand)`` pairs that are set (exactly one once validated)."""
        out: list[tuple[str, Any]] = []
        for name in ("eq", "ne", "in_", "not_in", "lt", "le", "gt", "ge"):
            value = getattr(self, name)
            if value is not None:
                out.append((name.rstrip("_"), value))
        return out

    @property
    def op(self) -> str:
        """The operator: ``eq``, ``ne``, ``in``, ``not_in``, ``lt``, ``le``, ``gt`` or ``ge``."""
        return self.ops()[0][0]

    @property
    def operand(self) -> Any:
        """The operand: a scalar, or a tuple of scalars for ``in`` / ``not_in``."""
        return self.ops()[0][1]


class JoinOp(BaseModel):
    """One comparison of a field of this fact with ``<bind>.<field>`` of another pattern's fact."""

    model_config = _FROZEN

    eq: str | None = Field(default=None, description="This field equals the referenced field.")
    ne: str | None = Field(default=None, description="This field differs from the referenced field.")
    lt: str | None = Field(default=None, description="Both are integers and this field is less.")
    le: str | None = Field(default=None, description="Both are integers and this field is less or equal.")
    gt: str | None = Field(default=None, description="Both are integers and this field is greater.")
    ge: str | None = Field(default=None, description="Both are integers and this field is greater or equal.")

    @model_validator(mode="after")
    def _exactly_one(self) -> JoinOp:
        if sum(getattr(self, n) is not None for n in ("eq", "ne", "lt", "le", "gt", "ge")) != 1:
            raise ValueError("a join has exactly one operator: eq, ne, lt, le, gt or ge")
        return self

    @property
    def op(self) -> str:
        """The operator."""
        for name in ("eq", "ne", "lt", "le", "gt", "ge"):
            if getattr(self, name) is not None:
                return name
        raise AssertionError("unreachable: validated")  # pragma: no cover

    @property
    def ref(self) -> str:
        """The reference ``"<bind>.<field>"``."""
        value = getattr(self, self.op)
        assert isinstance(value, str)
        return value


def _lift_filter(value: Any) -> Any:
    """Turn a bare literal into ``{eq: literal}``; reject values that are never a filter."""
    if isinstance(value, bool):
        raise ValueError("true/false is not a fact value: facts store booleans as 1 and 0")
    if value is None:
        raise ValueError('an empty value is not a filter: write "" for the empty string')
    if isinstance(value, int | str):
        return {"eq": value}
    if isinstance(value, list):
        raise ValueError("a list is not a filter: write {in: [...]} for one of several values")
    return value


def _lift_join(value: Any) -> Any:
    """Accept one join operator mapping or a list of them."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, str):
        raise ValueError(f"a join needs an operator: write {{eq: {value}}}")
    return value


FilterValue = Annotated[WhereOp, BeforeValidator(_lift_filter, json_schema_input_type=Scalar | WhereOp)]
Filters = dict[str, FilterValue]
"""Filters of a pattern: field name -> literal (equality) or one operator mapping; all must hold."""

JoinValue = Annotated[
    tuple[JoinOp, ...],
    BeforeValidator(_lift_join, json_schema_input_type=JoinOp | list[JoinOp]),
]
Joins = dict[str, JoinValue]
"""Joins of a pattern: field name of this fact -> operator(s) on ``<bind>.<field>``."""


class PatternBase(BaseModel):
    """What every pattern has: a fact kind, literal filters and joins."""

    model_config = _FROZEN

    kind: str = Field(description="The fact kind this pattern matches, e.g. duty, task, actor.")
    where: Filters = Field(
        default_factory=dict,
        description="Filters on literals, all of which must hold: a bare value means equality; "
        "otherwise one of {ne: v}, {in: [..]}, {not_in: [..]}, {lt|le|gt|ge: int}.",
    )
    where_any: tuple[Filters, ...] | None = Field(
        default=None,
        min_length=1,
        description="Alternatives: the pattern matches if all filters of at least one alternative hold "
        "(in addition to `where`).",
    )
    join: Joins = Field(
        default_factory=dict,
        description="Comparisons with fields of other patterns: field -> {eq|ne|lt|le|gt|ge: <bind>.<field>} "
        "(or a list of such). lt/le/gt/ge compare integers only.",
    )

    def filter_list(self) -> tuple[tuple[tuple[str, WhereOp], ...], ...]:
        """Return, per alternative, the list of ``(field, filter)`` that must all hold."""
        base = tuple(self.where.items())
        if not self.where_any:
            return (base,)
        return tuple(base + tuple(alt.items()) for alt in self.where_any)

    def join_list(self) -> tuple[tuple[str, JoinOp], ...]:
        """Return the joins as ``(field, join)`` pairs in file order."""
        return tuple((field, op) for field, ops in self.join.items() for op in ops)

    def fields(self) -> Iterator[str]:
        """Yield the fields of this pattern's fact that filters and joins read."""
        yield from self.where
        for alt in self.where_any or ():
            yield from alt
        yield from self.join


class Pattern(PatternBase):
    """A positive pattern of ``when``: binds one fact under a name."""

    bind: str = Field(description="The name that refers to the matched fact, e.g. t, d, leads (snake_case).")


class Unless(PatternBase):
    """A negated pattern: the match is dropped if some fact satisfies it."""


class CountSpec(PatternBase):
    """An aggregate: count the facts of this pattern joined to each match; fire iff ``count op value``."""

    bind: str = Field(description="The name of the counted group, usable in report refs and templates.")
    op: CountOp = Field(description="How the count is compared with `value`: eq, ne, lt, le, gt or ge.")
    value: StrictInt = Field(ge=0, description="The number the count is compared with.")


class LegalBasis(BaseModel):
    """A legal source the check rests on.

    An instrument of the law catalogue by id (``quyche law``), or one written out (shown as unverified).
    """

    model_config = _FROZEN

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

    model_config = _FROZEN

    fires: str = Field(description="A regulation fragment on which the check fires.")
    passes: str = Field(description="A regulation fragment on which the check does not fire.")


class Report(BaseModel):
    """What a finding names: ``<bind>.<field>`` refs (for the count bind: every counted fact)."""

    model_config = _FROZEN

    provisions: tuple[str, ...] = Field(default=(), description="Refs to provision ids, e.g. d.provision.")
    actors: tuple[str, ...] = Field(default=(), description="Refs to actor ids, e.g. d.holder.")
    tasks: tuple[str, ...] = Field(default=(), description="Refs to task ids, e.g. t.id.")


class Check(BaseModel):
    """One declarative check: metadata, the patterns to match, and what a finding says and names."""

    model_config = _FROZEN

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

    model_config = _FROZEN

    checks: tuple[Check, ...] = Field(description="The checks of this file.")


ChecksFile = CheckFile
"""Alias of :class:`CheckFile`."""
