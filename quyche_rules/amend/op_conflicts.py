"""Operations of one amendment that touch the same provision or actor (QC602)."""

from __future__ import annotations

from typing import Any

from quyche_rules.amend.provision_tree import Tree, child_citation, level_of, plain
from quyche_rules.amend.state import Step
from quyche_rules.citations import Citation, CitationError, parse_citation
from quyche_rules.model.amendment import (
    AmendItem,
    DissolveItem,
    InsertItem,
    MergeItem,
    RenameItem,
    RepealItem,
    ReplaceArticleItem,
    ReplacePhraseItem,
    SplitItem,
)
from quyche_rules.model.base import Model

__all__ = ["conflicts"]


def conflicts(step: Step) -> None:
    """Report two operations of this amendment that touch the same provision or actor (QC602)."""
    keyed: list[tuple[int, Model, list[Citation | str], bool]] = []
    for index, op in enumerate(step.amendment.operations):
        keyed.append((index, op, _targets_of(op, step.state.tree), isinstance(op, ReplacePhraseItem)))
    for j, (_, op_j, t_j, phrase_j) in enumerate(keyed):
        for _, op_i, t_i, phrase_i in keyed[:j]:
            if phrase_i and phrase_j:
                continue
            hit = next(((a, b) for a in t_i for b in t_j if _overlap(a, b)), None)
            if hit is None:
                continue
            first, second = (x.removeprefix("actor:") if isinstance(x, str) else x.format() for x in hit)
            line = op_i.loc.line if op_i.loc else 0
            step.report(
                "QC602",
                op_j,
                {
                    "target": second,
                    "other": first,
                    "line": line,
                    "op": _kind(op_j),
                    "other_op": _kind(op_i),
                },
                provisions=(step.ref(second, at=op_j), step.ref(first, at=op_i)),
            )


def _kind(op: Model) -> str:
    return next(iter(type(op).model_fields))


def _overlap(a: Citation | str, b: Citation | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return a.contains(b) or b.contains(a)


def _targets_of(op: Model, tree: Tree) -> list[Citation | str]:
    """Return what an operation touches: citations, or ``actor:ID`` for organisational operations."""

    def cits(phrase: str | None) -> list[Citation]:
        if phrase is None:
            return []
        try:
            return [plain(c) for c in parse_citation(phrase) if c.article is not None]
        except CitationError:
            return []

    out: list[Citation | str] = []
    if isinstance(op, AmendItem):
        out.extend(cits(op.amend))
    elif isinstance(op, RepealItem):
        out.extend(cits(op.repeal))
    elif isinstance(op, ReplaceArticleItem):
        out.append(Citation(article=op.replace_article.article))
    elif isinstance(op, ReplacePhraseItem):
        for phrase in op.replace_phrase.at:
            out.extend(cits(phrase))
    elif isinstance(op, InsertItem):
        spec = op.insert
        item: Any = spec.article or spec.clause or spec.point
        level = level_of(item)
        above = {"clause": "article", "point": "clause"}.get(level)  # the level of the item's parent

        def place(parent: Citation | None) -> None:  # a place of the wrong level is insert()'s QC601
            if (parent.level if parent is not None else None) == above:
                out.append(child_citation(parent, item))

        if spec.after is not None:
            anchors = cits(spec.after)
            if len(anchors) == 1 and anchors[0].level == level:
                place(anchors[0].parent())
        elif spec.into is not None:
            parents = cits(spec.into)
            if len(parents) == 1:
                place(parents[0])
        else:
            out.append(child_citation(None, item))
    elif isinstance(op, RenameItem):
        out.append(f"actor:{op.rename.actor}")
    elif isinstance(op, MergeItem):
        out.extend(f"actor:{a}" for a in op.merge.actors)
    elif isinstance(op, SplitItem):
        out.append(f"actor:{op.split.actor}")
    elif isinstance(op, DissolveItem):
        out.append(f"actor:{op.dissolve.actor}")
    return out
