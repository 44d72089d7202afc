"""Operations of one amendment that touch the same provision or actor (QC602).

An actor an operation creates (a rename's new id, a merge's or a split's new units) is touched by it: a draft that
creates an actor and ends it, or renames one and renames it back, has two operations on one actor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from quyche_rules.amend.provision_tree import Tree, child_citation, level_of, plain
from quyche_rules.amend.state import Consolidation, Step
from quyche_rules.citations import Citation, CitationError, parse_citation
from quyche_rules.i18n import Text
from quyche_rules.model.amendment import (
    AmendItem,
    AmendmentFile,
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

__all__ = ["across", "conflicts"]


def conflicts(step: Step) -> None:
    """Report an operation that touches what an earlier operation of this amendment touched (QC602).

    Each operation is compared only with the earlier ones that touch the same article or actor, and is reported
    once, against the first of them: the work and the findings stay proportional to the operations.
    """
    keyed: list[tuple[Model, list[Citation | str], bool]] = []
    touching: dict[str, list[int]] = {}  # article number or actor -> the operations that touch it, in order
    for j, op_j in enumerate(step.amendment.operations):
        t_j = _targets_of(op_j, step.state.tree)
        phrase_j = isinstance(op_j, ReplacePhraseItem)
        keyed.append((op_j, t_j, phrase_j))
        keys = {_key(t) for t in t_j}
        for i in sorted({i for k in keys for i in touching.get(k, ())}):
            op_i, t_i, phrase_i = keyed[i]
            if phrase_i and phrase_j:
                continue
            hit = next(((a, b) for a in t_i for b in t_j if _overlap(a, b)), None)
            if hit is not None:
                _report(step, op_i, op_j, hit)
                break
        for k in keys:
            touching.setdefault(k, []).append(j)


def across(state: Consolidation, amendments: Sequence[AmendmentFile], on: dt.date | None) -> None:
    """Report an operation that touches, on the day it applies, what an operation of an earlier draft did (QC602).

    Two instruments in force on one day that rewrite one clause, or end one unit with two successors, would give a
    result that depends only on how their ids sort (the order they are applied in, :func:`order_amendments`). Each
    operation is reported once, at its line, against the first earlier one it overlaps; drafts are taken in the
    order they are applied, so the finding is the same whatever order the files are given in.
    """
    seen: dict[tuple[dt.date, str], list[tuple[AmendmentFile, Model, list[Citation | str]]]] = {}
    for amendment in amendments:
        step = Step(state, amendment, on)
        own: list[tuple[set[tuple[dt.date, str]], Model, list[Citation | str]]] = []
        for item in amendment.operations:
            op: Model = item
            day = _day(op) or amendment.effective
            if on is not None and day > on:
                continue
            targets = _targets_of(op, state.tree)
            keys = {(day, _key(t)) for t in targets}
            phrase = isinstance(op, ReplacePhraseItem)
            earlier = (entry for key in sorted(keys, key=str) for entry in seen.get(key, ()))
            for other, op_i, t_i in earlier:
                hit = None if phrase and isinstance(op_i, ReplacePhraseItem) else next(
                    ((a, b) for a in t_i for b in targets if _overlap(a, b)), None)
                if hit is not None:
                    _report(step, op_i, op, hit, other=Step(state, other, on).file, day=day)
                    break
            own.append((keys, op, targets))
        for keys, op, targets in own:
            for key in keys:
                seen.setdefault(key, []).append((amendment, op, targets))


def _day(op: Model) -> dt.date | None:
    """Return the date an organisational operation gives itself, if any."""
    if not isinstance(op, (RenameItem, MergeItem, SplitItem, DissolveItem)):
        return None
    day: dt.date | None = getattr(op, _kind(op)).effective
    return day


def _key(target: Citation | str) -> str:
    """Return what two overlapping targets share: the actor, or the article (every target names one)."""
    return target if isinstance(target, str) else f"article:{target.article}"


def _report(step: Step, op_i: Model, op_j: Model, hit: tuple[Citation | str, Citation | str], *,
            other: str | None = None, day: dt.date | None = None) -> None:
    """Report ``op_j`` overlapping ``op_i`` (of this draft, or of the draft ``other`` in force the same ``day``)."""
    first, second = (x.removeprefix("actor:") if isinstance(x, str) else x.format() for x in hit)
    line: int | Text = op_i.loc.line if op_i.loc else 0
    fix = None
    if other is not None and day is not None:
        line = Text.of(f"{line}, {other}", f"{line} of {other}")
        fix = Text.of(
            f"Hai văn bản cùng có hiệu lực ngày {day.isoformat()} cùng sửa một quy định (hoặc một đơn vị): kết quả "
            "chỉ phụ thuộc vào thứ tự mã của chúng. Gộp hai thao tác vào một văn bản, bỏ thao tác thừa, hoặc cho "
            "chúng ngày hiệu lực khác nhau",
            f"Two instruments in force on {day.isoformat()} change one provision (or unit): the result would depend "
            "only on how their ids sort. Put both in one instrument, drop the redundant one, or give them "
            "different effective dates")
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
        fix=fix,
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
    elif isinstance(op, RenameItem):  # the actors an operation creates count too: one created and ended, or
        out.append(f"actor:{op.rename.actor}")  # renamed and renamed back, by one draft is two operations on it
        out.append(f"actor:{op.rename.to.id}")
    elif isinstance(op, MergeItem):
        out.extend(f"actor:{a}" for a in op.merge.actors)
        out.append(f"actor:{op.merge.into.id}")
    elif isinstance(op, SplitItem):
        out.append(f"actor:{op.split.actor}")
        out.extend(f"actor:{a.id}" for a in op.split.into)
    elif isinstance(op, DissolveItem):
        out.append(f"actor:{op.dissolve.actor}")
    return out
