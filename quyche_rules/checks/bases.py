"""The legal bases the Python-declared checks share, by law-catalogue id and provision (``quyche law ID``).

A line of instruments lists each one of the line with its provision: a finding cites those in force on its day
(:mod:`quyche_rules.checks.legal`). The built-in YAML rules write the same ids and provisions.
"""

from __future__ import annotations

from quyche_rules.checks.spec import LegalRef
from quyche_rules.i18n import Text

__all__ = [
    "CONFORM", "GOV_COORD", "GOV_DELEG", "GOV_LEAD", "INCOMING", "LAYOUT_ANALOGY", "TL_4", "TUQ_3", "amending_analogy",
]

#: a ministry's or a province's working regulation conforms to the law and to the Government's
CONFORM = (
    LegalRef("nd-138-2016", "Điều 2"),
    LegalRef("nd-39-2022", "Điều 2"),
    LegalRef("nd-191-2026", "Điều 3"),
)
#: one lead answers for each task (the Government's working principles)
GOV_LEAD = (
    LegalRef("nd-138-2016", "nguyên tắc làm việc"),
    LegalRef("nd-39-2022", "nguyên tắc làm việc thứ hai (Quy chế, Chương I)"),
    LegalRef("nd-191-2026", "khoản 2 Điều 2 Quy chế"),
)
#: assignment, decentralisation and authorisation by law, with individual responsibility
GOV_DELEG = (
    LegalRef("nd-39-2022", "nguyên tắc làm việc thứ tư (Quy chế, Chương I)"),
    LegalRef("nd-191-2026", "khoản 4 Điều 2 Quy chế"),
)
#: coordination and the exchange of information
GOV_COORD = (
    LegalRef("nd-39-2022", "nguyên tắc làm việc thứ ba (Quy chế, Chương I)"),
    LegalRef("nd-191-2026", "khoản 3 Điều 2 Quy chế"),
)
#: what the clause on directions for incoming documents covers
INCOMING = Text.of("đối với văn bản đến", "for incoming documents")
#: signing by authorisation (TUQ.)
TUQ_3 = LegalRef("nd-30-2020", "khoản 3 Điều 13")
#: signing by order (TL.)
TL_4 = LegalRef("nd-30-2020", "khoản 4 Điều 13")
#: numbering and layout: rules for legal normative documents, followed as good practice
LAYOUT_ANALOGY = (
    LegalRef("nd-34-2016", "Điều 62", analogy=True),
    LegalRef("luat-64-2025", "khoản 2 Điều 7", analogy=True),
)


def amending_analogy(*clauses: str) -> tuple[LegalRef, ...]:
    """Return the rules on amending texts (Luật 80/2015, then Luật 64/2025), followed as good practice."""
    return (*(LegalRef("luat-80-2015", c, analogy=True) for c in clauses),
            LegalRef("luat-64-2025", "Điều 8", analogy=True))
