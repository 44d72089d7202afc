"""The declarative rule language: YAML check files compiled by us, never evaluated as code.

Public API: :func:`load_checks`, :func:`parse_checks`, :func:`check_schema`, :func:`render_template`,
the models (:class:`Check`, :class:`Pattern`, :class:`Unless`, :class:`CountSpec`, ...) and the fact
contract (:data:`Fact`).
"""

from quyche_rules.lang.facts import Fact, FactValue
from quyche_rules.lang.loader import check_schema, load_checks, parse_checks
from quyche_rules.lang.model import (
    Check,
    CheckFile,
    ChecksFile,
    CountSpec,
    Examples,
    JoinOp,
    LegalBasis,
    Pattern,
    PatternBase,
    Report,
    Unless,
    WhereOp,
    parse_ref,
)
from quyche_rules.lang.templates import Display, match_values, placeholders, render_template, resolve_refs
from quyche_rules.lang.validate import FactContract

__all__ = [
    "Check",
    "CheckFile",
    "ChecksFile",
    "CountSpec",
    "Display",
    "Examples",
    "Fact",
    "FactContract",
    "FactValue",
    "JoinOp",
    "LegalBasis",
    "Pattern",
    "PatternBase",
    "Report",
    "Unless",
    "WhereOp",
    "check_schema",
    "load_checks",
    "match_values",
    "parse_checks",
    "parse_ref",
    "placeholders",
    "render_template",
    "resolve_refs",
]
