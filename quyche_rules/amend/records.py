"""What a consolidated text records of the amendments it incorporates, and where.

``quyche amend`` writes, in the consolidated ``regulation.yaml``, the original's effective date and every
amendment incorporated (:class:`~quyche_rules.model.ConsolidationRecord`); every provision an amendment changed
names it in its ``history``. An amendment given again on such a text is refused (QC009), naming where it is
recorded, and a consolidation of a consolidation keeps the original's date and the whole chain.
"""

from __future__ import annotations

from collections.abc import Sequence

from quyche_rules.amend.provision_tree import Tree
from quyche_rules.findings import Location
from quyche_rules.model import AmendmentRecord, ConsolidationRecord, Regulation, RegulationMeta
from quyche_rules.model.amendment import AmendmentFile

__all__ = ["incorporated", "recorded"]


def _at(loc: Location | None, fallback: str) -> str:
    return f"{loc.file}:{loc.line}" if loc is not None and loc.line else (loc.file if loc is not None else fallback)


def incorporated(base: Regulation) -> dict[str, str]:
    """Return the id of every amendment ``base`` already incorporates, and where that is recorded (file:line)."""
    found: dict[str, str] = {}
    record = base.meta.consolidation
    for entry in record.amendments if record is not None else ():
        found.setdefault(entry.id, _at(entry.loc or base.meta.loc, "regulation.yaml") + " (consolidation)")
    for cit, node in Tree(base.articles).walk():
        for change in node.history:
            if change.amendment not in found:
                found[change.amendment] = f"{_at(change.loc or node.loc, 'articles')} (history, {cit.format()})"
    return found


def recorded(meta: RegulationMeta, applied: Sequence[AmendmentFile]) -> RegulationMeta:
    """Return ``meta`` recording ``applied`` after the amendments it records already (with the original's date)."""
    if not applied:
        return meta
    before = meta.consolidation
    entries = tuple(AmendmentRecord(id=a.id, instrument=a.amendment.instrument.number, effective=a.effective)
                    for a in applied)
    record = ConsolidationRecord(
        original_effective=before.original_effective if before is not None else meta.effective,
        amendments=(*(before.amendments if before is not None else ()), *entries))
    return meta.model_copy(update={"consolidation": record})
