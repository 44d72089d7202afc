"""A check's legal bases as a finding cites them on the day checked, and what they do to its severity.

Checks cite the law catalogue by id and provision (:class:`~quyche_rules.checks.spec.LegalRef`); here each is
resolved into a :class:`~quyche_rules.findings.Basis`: the instrument's name, the provision's words, whether it
binds (or is another body's practice, or unverified) and whether it is in force on the day. A check may list a
provision of each instrument in a line (Nghị định 39/2022 and the Nghị định 191/2026 that replaced it): a finding
cites those in force on its day. When none is, the finding says so and drops to info; when those in force are
only practice, it is at most a warning and says whose practice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from quyche_rules.checks.spec import LegalRef
from quyche_rules.findings import Basis, Severity
from quyche_rules.i18n import Text
from quyche_rules.law import Catalogue, catalogue

__all__ = ["adjusted", "bases_on", "basis_of"]


def basis_of(ref: LegalRef, day: dt.date | None = None, law: Catalogue | None = None) -> Basis:
    """Return ``ref`` resolved against the catalogue, with its status on ``day`` (unknown without one)."""
    law = law or catalogue()
    entry = law.get(ref.source) if ref.source else None
    if entry is None:
        return Basis(name=ref.instrument or ref.source, provision=ref.provision, source=ref.source, url=ref.url,
                     quote=ref.quote, scope=ref.scope)
    quote = entry.quote(ref.provision) if ref.provision else None
    verified = entry.verified and (not ref.provision or (quote is not None and quote.verified))
    standing = ("practice" if entry.standing == "practice" or ref.analogy else "binding" if verified
                else "unverified")
    status = "unknown" if day is None else "in_force" if entry.in_force_on(day) else (
        "not_yet" if day < entry.effective else "ended")
    return Basis(
        name=entry.name, provision=ref.provision, source=entry.id, url=entry.url,
        quote=ref.quote or (quote.text if quote is not None else ""), standing=standing,
        practice_of=entry.practice_of, status=status, analogy=ref.analogy, scope=ref.scope,
    )


def bases_on(refs: Sequence[LegalRef], day: dt.date | None, law: Catalogue | None = None) -> tuple[Basis, ...]:
    """Return the bases a finding of ``day`` cites: those in force that day, else all with their status.

    Among those in force, law outranks practice: another body's regulation, or a rule followed by analogy, is
    cited only when no law in force covers the finding.
    """
    bases = tuple(basis_of(ref, day, law) for ref in refs)
    in_force = tuple(b for b in bases if b.status == "in_force")
    binding = tuple(b for b in in_force if b.standing != "practice")
    return binding or in_force or bases


def adjusted(severity: Severity, bases: Iterable[Basis], day: dt.date | None) -> tuple[Severity, Text | None]:
    """Return the severity a finding takes from its bases, and what its message must add to say why.

    No basis in force on the day: info, "(no basis in force on DAY: …)". Only practice in force: at most a
    warning, "(practice of …)". Unknown or unverified bases change nothing.
    """
    bases = list(bases)
    known = [b for b in bases if b.status != "unknown"]
    if day is None or not known:
        return severity, None
    in_force = [b for b in known if b.status == "in_force"]
    if not in_force and len(known) == len(bases):
        names = ", ".join(dict.fromkeys(b.name for b in known))
        return Severity.INFO, Text.of(f" (căn cứ chưa có hoặc không còn hiệu lực vào {day.isoformat()}: {names})",
                                      f" (no basis in force on {day.isoformat()}: {names})")
    if in_force and all(b.standing == "practice" for b in in_force):
        capped = Severity.WARNING if severity.rank > Severity.WARNING.rank else severity
        whose = ", ".join(dict.fromkeys(b.practice_of for b in in_force if not b.analogy and b.practice_of))
        if whose:
            return capped, Text.of(f" (theo thực tiễn của {whose}, không phải quy định bắt buộc)",
                                   f" (practice of {whose}, not binding law)")
        return capped, Text.of(" (áp dụng tương tự quy định về văn bản quy phạm pháp luật, không bắt buộc)",
                               " (by analogy with the rules for legal normative documents, not binding)")
    return severity, None
