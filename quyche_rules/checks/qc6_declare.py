"""How the QC6xx checks that consolidation and comparison report are declared, and their examples' amendments.

Their findings are made in the amendment pipeline (:mod:`quyche_rules.amend.state`, or the comparison), not by
a check function: :func:`pipeline_check` declares one. Their examples carry an ``amendment:`` text that the
examples harness applies to the example regulation (:func:`example`, :data:`HEADER`).
"""

from __future__ import annotations

import textwrap

from quyche_rules.checks.registry import declare
from quyche_rules.checks.spec import LegalRef

__all__ = ["ARCHIVIST", "HEADER", "PRODUCER", "RECORDS", "example", "pipeline_check"]

#: the module every QC601-QC606 and QC008 hit is made in
PRODUCER = "quyche_rules.amend.state"

HEADER = (
    "amendment: {id: sua-doi-mau, amends: mau-toi-thieu, instrument: {number: 2/QĐ-MAU, date: 2024-02-01}, "
    "effective: 2024-03-01}\noperations:\n"
)


#: an example that adds a staff member with a duty of their own (QC606)
ARCHIVIST = (
    "actors:\n  - {id: chuyen-vien-luu-tru, name: Chuyên viên lưu trữ, kind: staff, parent: van-phong}\n"
    "tasks:\n  - {id: luu-tru, name: Lưu trữ hồ sơ công việc, needs_lead: false}\n"
    "articles:\n"
)
#: an example that adds an article whose second clause cites its first (QC607)
RECORDS = (
    "articles:\n  - {article: '3', title: Hồ sơ, chapter: II, clauses: [{clause: '1', text: Hồ sơ được lưu tại Văn "
    "phòng.}, {clause: '2', text: Việc khai thác hồ sơ theo khoản 1 Điều này.}]}\n"
)


def example(operations: str) -> str:
    """Return a snippet whose ``amendment`` text is applied to the minimal fixture."""
    return "amendment: |\n" + textwrap.indent(HEADER + textwrap.dedent(operations), "  ")


def pipeline_check(
    code: str,
    name: str,
    severity: str,
    *,
    title: tuple[str, str],
    message: tuple[str, str],
    rationale: tuple[str, str],
    fix: tuple[str, str],
    legal_basis: tuple[LegalRef, ...],
    examples: tuple[str, str],
    producer: str = PRODUCER,
) -> None:
    """Declare a check whose findings consolidation (or, with ``producer``, the comparison) reports."""
    declare(code, name, severity, producer=producer, title=title, message=message, rationale=rationale, fix=fix,
            legal_basis=legal_basis, examples=examples)
