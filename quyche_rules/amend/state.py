"""The consolidation state, one amendment being applied to it, and what every operation uses.

Operations are plain functions ``op(step, item)`` over a :class:`Step`: the amendment applied and the
:class:`Consolidation` it changes (the provision tree, the actors, the catalogue, the hits so far). Every QC6xx
an operation finds is made here, by :meth:`Step.report`, as a hit at the amendment file's line; consolidation
turns the hits into findings with the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from quyche_rules.amend.actor_register import ActorRegister
from quyche_rules.amend.provision_tree import Node, Tree, child_citation, is_repealed, plain
from quyche_rules.citations import Citation, CitationError, parse_citation
from quyche_rules.findings import Hit, Location, ProvisionRef
from quyche_rules.i18n import Text
from quyche_rules.loading.problems import close_matches
from quyche_rules.model import DocumentType, FieldOfWork, Regulation, Task
from quyche_rules.model.amendment import AmendmentFile, PhraseSpec, ReplacePhraseItem
from quyche_rules.model.base import Model
from quyche_rules.model.provisions import Change

__all__ = ["PRODUCES", "Catalogue", "Consolidation", "Step"]

#: the check codes whose hits this module makes, for every operation
PRODUCES = ("QC008", "QC009", "QC601", "QC602", "QC603", "QC604", "QC605", "QC606", "QC608", "QC610")

_WHY: dict[str, Text] = {
    "missing": Text.of("không có trong {base}", "does not exist in {base}"),
    "repealed": Text.of("đã bị bãi bỏ trong {base}", "has been repealed in {base}"),
    "level": Text.of("không đúng cấp cho thao tác này", "is of the wrong level for this operation"),
}


@dataclass
class Catalogue:
    """The fields of work, tasks and document types, as the amendments so far have made them."""

    fields: dict[str, FieldOfWork]
    tasks: dict[str, Task]
    document_types: dict[str, DocumentType]


@dataclass
class Consolidation:
    """What the amendments applied so far have made: the tree, the actors, the catalogue and the hits."""

    base: Regulation
    tree: Tree
    actors: ActorRegister
    catalogue: Catalogue
    hits: list[Hit] = field(default_factory=list)
    version: dt.date | None = None
    moved: int = 0

    @classmethod
    def of(cls, base: Regulation) -> Consolidation:
        """Return the state before any amendment: ``base`` itself."""
        return cls(
            base=base, tree=Tree(base.articles), actors=ActorRegister(base.actors, base.meta.body),
            catalogue=Catalogue({f.id: f for f in base.fields}, {t.id: t for t in base.tasks},
                                {d.id: d for d in base.document_types}),
        )


@dataclass
class Step:
    """One amendment being applied to the consolidation: what every operation reads and writes."""

    state: Consolidation
    amendment: AmendmentFile
    on: dt.date | None
    changed: bool = False
    replaced_phrases: list[tuple[ReplacePhraseItem, PhraseSpec, list[Citation]]] = field(default_factory=list)
    """(operation, new phrase, where it was put) of every phrase replacement, for the names check (QC604)."""

    @property
    def file(self) -> str:
        """Return the amendment file as shown to the user."""
        return self.amendment.loc.file if self.amendment.loc else f"<{self.amendment.id}>"

    def location(self, at: Model | Location | None) -> Location:
        """Return where ``at`` is written (or ``at`` itself, a place), or the amendment file."""
        loc = at if isinstance(at, Location) else at.loc if at is not None else None
        return loc or Location(file=self.file)

    def report(
        self,
        code: str,
        at: Model | Location | None,
        values: dict[str, object],
        *,
        provisions: Sequence[ProvisionRef] = (),
        actors: Sequence[str] = (),
        tasks: Sequence[str] = (),
        fix: Text | None = None,
    ) -> None:
        """Record the QC6xx hit ``code`` at ``at`` (default: the amendment file); ``fix``: this hit's own fix."""
        location = self.location(at)
        refs = tuple(provisions) or (
            ProvisionRef(citation=self.amendment.id, regulation=self.state.base.id, location=location),
        )
        self.state.hits.append(Hit(refs, actors=tuple(actors), tasks=tuple(tasks), values=values, at=location,
                                   code=code, day=self.amendment.effective, fix=fix))

    def ref(self, phrase: str, node: Node | None = None, at: Model | None = None) -> ProvisionRef:
        """Return a reference to ``phrase``: where ``node`` is written when given, else where ``at`` is."""
        loc = node.loc if node is not None and node.loc is not None else self.location(at)
        return ProvisionRef(citation=phrase, regulation=self.state.base.id, location=loc,
                            text=node.text if node is not None else "")

    def not_found(self, op: Model, phrase: str, cit: Citation | None, why: str = "missing") -> None:
        """Report that ``phrase`` names no provision fit for the operation (QC601), with the nearest ones."""
        tree = self.state.tree
        existing = tree.phrases()
        pool = existing
        if cit is not None:
            parent = cit.parent()
            if parent is not None and tree.live(parent) is not None:
                siblings = [child_citation(parent, n).format() for n in tree.children(parent) if not is_repealed(n)]
                pool = siblings or existing
        close = close_matches(cit.format() if cit else phrase, pool, n=3, cutoff=0.5)
        if not close and pool is not existing:
            close = pool[:3]
        target = cit.format() if cit else phrase
        hint = Text.of(f"; có phải ý bạn là {' hoặc '.join(close)}?", f"; did you mean {' or '.join(close)}?")
        self.report(
            "QC601", op,
            {"target": target, "why": _WHY[why].fill({"base": self.state.base.id}), "hint": hint if close else ""},
            provisions=(self.ref(target, at=op),),
        )

    def targets(self, op: Model, phrase: str, *, many: bool) -> list[Citation]:
        """Return the citations of ``phrase``; none, reported as QC601, when it cannot be read or does not fit."""
        try:
            found = [plain(c) for c in parse_citation(phrase)]
        except CitationError as err:
            detail = Text.of(f": {err.what.vi}" + (f"; {err.fix.vi}" if err.fix else ""),
                             f": {err.what.en}" + (f"; {err.fix.en}" if err.fix else ""))
            self.report("QC601", op, {"target": phrase, "why": Text.of("không đọc được", "cannot be read"),
                                      "hint": detail}, provisions=(self.ref(phrase, at=op),))
            return []
        bad = [c for c in found if c.article is None]
        if bad or (len(found) != 1 and not many):
            hint = (Text.of("; chỉ sửa đổi được điều, khoản, điểm (không phải chương, mục)",
                            "; only articles, clauses and points can be amended (not chapters or sections)") if bad
                    else Text.of("; thao tác này cần đúng một điều, khoản hoặc điểm",
                                 "; this operation needs exactly one article, clause or point"))
            self.report("QC601", op, {"target": phrase, "hint": hint, "why": Text.of(
                "không phải một điều, khoản hay điểm", "is not one article, clause or point")},
                provisions=(self.ref(phrase, at=op),))
            return []
        return found

    def change(self, action: str, note: str = "", day: dt.date | None = None) -> Change:
        """Return the provenance of a change by this amendment, and note that it changed something."""
        self.changed = True
        return Change(
            action=action,
            amendment=self.amendment.id,
            instrument=self.amendment.amendment.instrument.number,
            effective=day or self.amendment.effective,
            note=note,
        )
