"""The state shared by the amendments applied in turn, and what every kind of operation uses."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.amend.model import AmendmentFile, PhraseSpec, ReplacePhraseItem
from quyche_rules.amend.organisation import OrgEditor
from quyche_rules.amend.tree import Node, Tree, child_citation, is_repealed, plain
from quyche_rules.citations import Citation, CitationError, parse_citation
from quyche_rules.findings import Finding, Location, ProvisionRef
from quyche_rules.model import Regulation
from quyche_rules.model.base import Model
from quyche_rules.model.provisions import Change

__all__ = ["ApplierBase", "State"]


def _loc(obj: Model | None, fallback: str) -> Location:
    loc = obj.loc if obj is not None else None
    return loc or Location(file=fallback)


@dataclass
class State:
    """What the amendments applied so far have made: the tree, the actors, the catalogue, the findings."""

    base: Regulation
    tree: Tree
    org: OrgEditor
    catalogue: dict[str, dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)
    version: dt.date | None = None
    moved: int = 0


class ApplierBase:
    """Applies one amendment to the shared state: what every kind of operation uses (findings, targets, provenance).

    The operations are mixed in from :mod:`~quyche_rules.amend.tree_ops`, :mod:`~quyche_rules.amend.phrase_ops`,
    :mod:`~quyche_rules.amend.org_ops` and :mod:`~quyche_rules.amend.conflicts`; the applier of
    :mod:`quyche_rules.amend.apply` joins them.
    """

    def __init__(self, state: State, amendment: AmendmentFile, on: dt.date | None) -> None:
        self.s = state
        self.am = amendment
        self.on = on
        self.file = amendment.loc.file if amendment.loc else f"<{amendment.id}>"
        self.changed = False
        self.phrase_ops: list[tuple[ReplacePhraseItem, PhraseSpec, list[Citation]]] = []

    def finding(
        self,
        code: str,
        at: Model | None,
        values: dict[str, object],
        *,
        provisions: Sequence[ProvisionRef] = (),
        actors: Sequence[str] = (),
        tasks: Sequence[str] = (),
    ) -> None:
        """Record the QC6xx finding ``code`` at ``at`` (default: the amendment file)."""
        from quyche_rules.checks.qc6_amendments import make_finding

        location = _loc(at, self.file)
        refs = tuple(provisions) or (
            ProvisionRef(citation=self.am.id, regulation=self.s.base.id, location=location),
        )
        self.s.findings.append(make_finding(code, location, values, refs, tuple(actors), tuple(tasks)))

    def ref(self, phrase: str, node: Node | None = None, at: Model | None = None) -> ProvisionRef:
        """Return a reference to ``phrase``: where ``node`` is written when given, else where ``at`` is."""
        loc = node.loc if node is not None and node.loc is not None else _loc(at, self.file)
        return ProvisionRef(
            citation=phrase,
            regulation=self.s.base.id,
            location=loc,
            text=node.text if node is not None else "",
        )

    def not_found(self, op: Model, phrase: str, cit: Citation | None, why: str = "missing") -> None:
        """Report that ``phrase`` names no provision fit for the operation (QC601), with the nearest ones."""
        tree = self.s.tree
        existing = tree.phrases()
        pool = existing
        if cit is not None:
            parent = cit.parent()
            if parent is not None and tree.live(parent) is not None:
                siblings = [
                    child_citation(parent, n).format() for n in tree.children(parent) if not is_repealed(n)
                ]
                pool = siblings or existing
        close = difflib.get_close_matches(cit.format() if cit else phrase, pool, n=3, cutoff=0.5)
        if not close and pool is not existing:
            close = pool[:3]
        hint = " hoặc ".join(close)
        hint_en = " or ".join(close)
        target = cit.format() if cit else phrase
        base = self.s.base.id
        self.finding(
            "QC601",
            op,
            {
                "target_vi": target,
                "target_en": target,
                "why_vi": {
                    "missing": f"không có trong {base}",
                    "repealed": f"đã bị bãi bỏ trong {base}",
                    "level": "không đúng cấp cho thao tác này",
                }.get(why, why),
                "why_en": {
                    "missing": f"does not exist in {base}",
                    "repealed": f"has been repealed in {base}",
                    "level": "is of the wrong level for this operation",
                }.get(why, why),
                "hint_vi": f"; có phải ý bạn là {hint}?" if hint else "",
                "hint_en": f"; did you mean {hint_en}?" if hint_en else "",
            },
            provisions=(self.ref(cit.format() if cit else phrase, at=op),),
        )

    def targets(self, op: Model, phrase: str, *, many: bool) -> list[Citation]:
        """Return the citations of ``phrase``; none, reported as QC601, when it cannot be read or does not fit."""
        try:
            found = [plain(c) for c in parse_citation(phrase)]
        except CitationError as err:
            self.finding(
                "QC601",
                op,
                {
                    "target_vi": phrase,
                    "target_en": phrase,
                    "why_vi": "không đọc được",
                    "why_en": "cannot be read",
                    "hint_vi": f": {err.what.vi}" + (f"; {err.fix.vi}" if err.fix else ""),
                    "hint_en": f": {err.what.en}" + (f"; {err.fix.en}" if err.fix else ""),
                },
                provisions=(self.ref(phrase, at=op),),
            )
            return []
        bad = [c for c in found if c.article is None]
        if bad or (len(found) != 1 and not many):
            self.finding(
                "QC601",
                op,
                {
                    "target_vi": phrase,
                    "target_en": phrase,
                    "why_vi": "không phải một điều, khoản hay điểm",
                    "why_en": "is not one article, clause or point",
                    "hint_vi": "; thao tác này cần đúng một điều, khoản hoặc điểm"
                    if not bad
                    else "; chỉ sửa đổi được điều, khoản, điểm (không phải chương, mục)",
                    "hint_en": "; this operation needs exactly one article, clause or point"
                    if not bad
                    else "; only articles, clauses and points can be amended (not chapters or sections)",
                },
                provisions=(self.ref(phrase, at=op),),
            )
            return []
        return found

    def change(self, action: str, note: str = "", day: dt.date | None = None) -> Change:
        """Return the provenance of a change by this amendment, and note that it changed something."""
        self.changed = True
        return Change(
            action=action,
            amendment=self.am.id,
            instrument=self.am.amendment.instrument.number,
            effective=day or self.am.effective,
            note=note,
        )
