"""Pydantic models of a check's patterns: the facts it matches, their filters and joins, and what it counts.

A pattern names a kind of fact, filters on its fields (``where``, ``where_any``) and joins it to facts bound
before (``join``); ``unless`` is a pattern that must not match, ``count`` one counted. The check around them is
:mod:`quyche_rules.lang.model`'s.
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

__all__ = [
    "FROZEN",
    "REF_RE",
    "CountOp",
    "CountSpec",
    "Filters",
    "JoinOp",
    "Joins",
    "Pattern",
    "PatternBase",
    "Scalar",
    "Unless",
    "WhereOp",
    "parse_ref",
]

REF_RE = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")

Scalar = StrictInt | StrictStr
"""A literal in a filter: an integer or a string (never bool, float or null)."""

CountOp = Literal["eq", "ne", "lt", "le", "gt", "ge"]

# (validators built when first used: a check file is read only for a regulation that has one, or the catalogue
# kept in the cache is not read at all)
FROZEN = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


def parse_ref(ref: str) -> tuple[str, str] | None:
    """Split ``"<bind>.<field>"`` into ``(bind, field)``; ``None`` if it is not of that form."""
    m = REF_RE.match(ref)
    return (m.group(1), m.group(2)) if m else None


class WhereOp(BaseModel):
    """One filter on a field of the fact: exactly one operator with a literal operand."""

    model_config = FROZEN

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

    model_config = FROZEN

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

    model_config = FROZEN

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
