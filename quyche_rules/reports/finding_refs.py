"""The findings of a comparison, looked up by the provisions they concern, grouped by their cause (check)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quyche_rules.citations import Citation
from quyche_rules.findings import Finding
from quyche_rules.reports.change_views import CauseView, FindingRef
from quyche_rules.reports.provision_text import cited
from quyche_rules.reports.views import FindingView

__all__ = ["Refs", "Shown"]


@dataclass(frozen=True)
class Shown:
    """A finding as the report shows it: its group (introduced, resolved, persisting) and its view."""

    group: str
    group_label: str
    finding: Finding
    view: FindingView


@dataclass(frozen=True)
class Refs:
    """Every finding a part of the report shows, to name under the operations that concern them.

    ``old_id`` and ``new_id``: the regulations the resolved findings, and the others, are about.
    """

    shown: tuple[Shown, ...]
    old_id: str
    new_id: str

    def _concerns(self, s: Shown, old: Sequence[Citation], new: Sequence[Citation],
                  at: tuple[str, int] | None) -> bool:
        if at is not None and (s.finding.file, s.finding.line) == at:
            return True
        resolved = s.group == "resolved"
        targets, reg = (old, self.old_id) if resolved else (new, self.new_id)
        for p in s.finding.provisions:
            if p.regulation and p.regulation != reg:
                continue
            for c in cited(p.citation):
                if any(t.contains(c) for t in targets):
                    return True
        return False

    def causes(self, old: Sequence[Citation], new: Sequence[Citation],
               at: tuple[str, int] | None = None) -> tuple[CauseView, ...]:
        """Return the findings that concern an operation, grouped by check in code order.

        A finding concerns it when it is about one of the provisions ``old`` (a resolved finding) or ``new`` (the
        others), or when it is written at ``at`` (file, line: the operation's own findings, QC6xx).
        """
        by_code: dict[str, tuple[str, list[FindingRef]]] = {}
        for s in self.shown:
            if not self._concerns(s, old, new, at):
                continue
            v = s.view
            ref = FindingRef(v.anchor, s.group, s.group_label, v.severity, v.severity_label, v.message)
            by_code.setdefault(v.code, (v.title, []))[1].append(ref)
        return tuple(CauseView(code, title, tuple(refs)) for code, (title, refs) in sorted(by_code.items()))
