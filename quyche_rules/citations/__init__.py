"""Vietnamese citation phrases <-> structured citations; cross-references in provision text.

Citations run from the smallest unit to the largest: ``"điểm đ khoản 2 Điều 5"`` is point đ of
clause 2 of Article 5. Points use the Vietnamese letters of :data:`POINT_LETTERS` (no f, j, w; đ
after d); inserted articles and clauses take a lowercase suffix (``"4a"``), inserted points a
number (``"a1"``); chapters use Roman numerals and sections Arabic ones.

Modules, bottom up: :mod:`~quyche_rules.citations.numbers` (point letters, Roman chapters),
:mod:`~quyche_rules.citations.order` (their sequence and document order),
:mod:`~quyche_rules.citations.model` (the :class:`Citation` and its canonical phrase),
:mod:`~quyche_rules.citations.grammar` (reading phrases) and :mod:`~quyche_rules.citations.scanner`
(finding phrases in prose).
"""

from __future__ import annotations

from quyche_rules.citations.grammar import canonical, parse_citation
from quyche_rules.citations.model import Citation, Reference, Unreadable, format_citations
from quyche_rules.citations.numbers import (
    KEYWORDS,
    LEVELS,
    POINT_LETTERS,
    CitationError,
    Level,
    from_roman,
    part_problem,
    point_index,
    split_number,
    to_roman,
)
from quyche_rules.citations.order import is_next_in_sequence, next_point, number_key, point_key
from quyche_rules.citations.scanner import find_references, scan_references

__all__ = [
    "KEYWORDS",
    "LEVELS",
    "POINT_LETTERS",
    "Citation",
    "CitationError",
    "Level",
    "Reference",
    "Unreadable",
    "canonical",
    "find_references",
    "format_citations",
    "from_roman",
    "is_next_in_sequence",
    "next_point",
    "number_key",
    "parse_citation",
    "part_problem",
    "point_index",
    "point_key",
    "scan_references",
    "split_number",
    "to_roman",
]
