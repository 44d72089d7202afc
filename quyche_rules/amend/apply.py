"""Consolidation: apply amendments to a base regulation in order of effect, with provenance on every change.

The result is a view without legal effect of its own (văn bản hợp nhất). The base is never mutated: every
edit builds new frozen models; unchanged provisions keep their file and line, changed ones point at the
amendment file. Operation errors become QC6xx findings at the amendment file's line.

The operations are in :mod:`~quyche_rules.amend.tree_ops`, :mod:`~quyche_rules.amend.phrase_ops`,
:mod:`~quyche_rules.amend.org_ops` and :mod:`~quyche_rules.amend.conflicts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quyche_rules.amend.applier import State
from quyche_rules.amend.conflicts import ConflictOps
from quyche_rules.amend.model import (
    AmendItem,
    AmendmentFile,
    InsertItem,
    RepealItem,
    ReplaceArticleItem,
    ReplacePhraseItem,
)
from quyche_rules.amend.org_ops import OrgOps
from quyche_rules.amend.organisation import OrgEditor
from quyche_rules.amend.phrase_ops import PhraseOps
from quyche_rules.amend.tree import Node, Tree
from quyche_rules.amend.tree_ops import TreeOps
from quyche_rules.findings import Finding, sort_findings
from quyche_rules.model import Article, Clause, Regulation
from quyche_rules.model.base import Model

__all__ = ["Consolidated", "apply_amendments", "order_amendments", "without_history"]


@dataclass(frozen=True)
class Consolidated:
    """A consolidated regulation, the QC6xx findings of the operations, and which amendments applied."""

    regulation: Regulation
    findings: tuple[Finding, ...]
    applied: tuple[AmendmentFile, ...]
    pending: tuple[AmendmentFile, ...]
    as_of: dt.date | None = None


def order_amendments(amendments: Iterable[AmendmentFile]) -> list[AmendmentFile]:
    """Return amendments in order of effect; ties by id, then in the order given (stable)."""
    return sorted(amendments, key=lambda a: (a.effective, a.id))


def without_history(reg: Regulation) -> Regulation:
    """Return ``reg`` with every provision's provenance removed (for comparing content only)."""

    def strip(node: Node) -> Any:
        if isinstance(node, Article):
            return node.model_copy(update={"history": (), "clauses": tuple(strip(c) for c in node.clauses)})
        if isinstance(node, Clause):
            return node.model_copy(update={"history": (), "points": tuple(strip(p) for p in node.points)})
        return node.model_copy(update={"history": ()})

    return _rebuild(reg, articles=tuple(strip(a) for a in reg.articles))


def _rebuild(reg: Regulation, **updates: Any) -> Regulation:
    values = {name: getattr(reg, name) for name in type(reg).model_fields}
    values.update(updates)
    return Regulation(**values)


class _Applier(TreeOps, PhraseOps, OrgOps, ConflictOps):
    """Applies one amendment to the shared state."""

    def run(self) -> None:
        header = self.am.amendment
        if header.amends != self.s.base.id:
            self.finding(
                "QC601",
                self.am.amendment,
                {
                    "target_vi": f"Quy chế {header.amends}",
                    "target_en": f"Regulation {header.amends}",
                    "why_vi": "không phải quy chế được sửa",
                    "why_en": "is not the regulation amended",
                    "hint_vi": f"; văn bản gốc là {self.s.base.id}",
                    "hint_en": f"; the base is {self.s.base.id}",
                },
            )
            return
        self.conflicts()
        self.add_catalogue()
        ended_before = len(self.s.org.ended)
        for op in self.am.operations:
            if isinstance(op, AmendItem):
                self.amend(op)
            elif isinstance(op, RepealItem):
                self.repeal(op)
            elif isinstance(op, InsertItem):
                self.insert(op)
            elif isinstance(op, ReplaceArticleItem):
                self.replace_article(op)
            elif isinstance(op, ReplacePhraseItem):
                self.replace_phrase(op)
            else:
                self.organisational(op)
                self.move_norms()
        self.check_names()
        self.check_orphans(ended_before)
        if self.changed:
            self.s.version = max(self.s.version or self.am.effective, self.am.effective)

    def add_catalogue(self) -> None:
        cat = self.am.catalogue
        if cat is None:
            return
        for kind in ("fields", "tasks", "document_types"):
            for entry in getattr(cat, kind):
                if self.s.catalogue[kind].get(entry.id) != entry:
                    self.s.catalogue[kind][entry.id] = entry
                    self.changed = True


def apply_amendments(
    base: Regulation, amendments: Sequence[AmendmentFile], on: dt.date | None = None
) -> Consolidated:
    """Apply ``amendments`` to ``base`` in order of effect; with ``on``, only those in force on that date.

    Returns the consolidated regulation (every changed provision lists its changes in ``history``; its
    ``effective`` date becomes that of its latest change) and the QC6xx findings of the operations.
    """
    ordered = order_amendments(amendments)
    applied = [a for a in ordered if on is None or a.effective <= on]
    pending = [a for a in ordered if a not in applied]
    catalogue: dict[str, dict[str, Any]] = {
        "fields": {f.id: f for f in base.fields},
        "tasks": {t.id: t for t in base.tasks},
        "document_types": {d.id: d for d in base.document_types},
    }
    state = State(
        base=base, tree=Tree(base.articles), org=OrgEditor(base.actors, _ignore), catalogue=catalogue
    )
    for amendment in applied:
        applier = _Applier(state, amendment, on)
        state.org.report = applier.org_report
        applier.run()
    meta = base.meta
    if state.version is not None and state.version > meta.effective:
        meta = meta.model_copy(update={"effective": state.version})
    reg = _rebuild(
        base,
        meta=meta,
        actors=tuple(state.org.actors.values()),
        fields=tuple(catalogue["fields"].values()),
        tasks=tuple(catalogue["tasks"].values()),
        document_types=tuple(catalogue["document_types"].values()),
        articles=tuple(state.tree.articles),
    )
    return Consolidated(reg, tuple(sort_findings(state.findings)), tuple(applied), tuple(pending), on)


def _ignore(code: str, op: Model, values: dict[str, object], actors: tuple[str, ...]) -> None:
    """Placeholder reporter, replaced for each amendment."""
