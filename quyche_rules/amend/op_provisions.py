"""Operations on the provision tree: amend, repeal, replace an article, insert (with the numbering check)."""

from __future__ import annotations

from typing import Any

from quyche_rules.amend.provision_tree import Node, child_citation, is_repealed, level_of, number_of, repealed_stub
from quyche_rules.amend.state import Step
from quyche_rules.citations import Citation, CitationError, is_next_in_sequence, next_point
from quyche_rules.i18n import Text
from quyche_rules.model import Article
from quyche_rules.model.amendment import AmendItem, InsertItem, RepealItem, ReplaceArticleItem
from quyche_rules.model.base import Model

__all__ = ["amend", "insert", "repeal", "replace_article"]

_LEVEL = {"article": Text.of("Điều", "article"), "clause": Text.of("khoản", "clause"),
          "point": Text.of("điểm", "point")}


def amend(step: Step, op: AmendItem) -> None:
    """Apply ``amend``: replace the fields given of one provision."""
    found = step.targets(op, op.amend, many=False)
    if not found:
        return
    cit = found[0]
    node = step.state.tree.live(cit)
    if node is None:
        step.not_found(op, op.amend, cit, "repealed" if step.state.tree.get(cit) is not None else "missing")
        return
    patch = op.with_
    updates: dict[str, object] = {
        name: getattr(patch, name)
        for name in type(patch).model_fields
        if getattr(patch, name) is not None and name in type(node).model_fields
    }
    updates["history"] = (*node.history, step.change("amended"))
    new = node.model_copy(update=updates)
    new.place(patch.loc or op.loc)
    step.state.tree.put(cit, new)


def repeal(step: Step, op: RepealItem) -> None:
    """Apply ``repeal``: each provision named keeps its number as a repealed stub."""
    for cit in step.targets(op, op.repeal, many=True):
        node = step.state.tree.live(cit)
        if node is None:
            step.not_found(
                op, op.repeal, cit, "repealed" if step.state.tree.get(cit) is not None else "missing"
            )
            continue
        step.state.tree.put(cit, repealed_stub(node, step.change("repealed"), op.loc))


def replace_article(step: Step, op: ReplaceArticleItem) -> None:
    """Apply ``replace_article``: a new text of a whole article (its chapter and section kept unless given)."""
    article = op.replace_article
    cit = Citation(article=article.article)
    old = step.state.tree.live(cit)
    if not isinstance(old, Article):
        step.not_found(
            op, cit.format(), cit, "repealed" if step.state.tree.get(cit) is not None else "missing"
        )
        return
    new = article.model_copy(
        update={
            "chapter": article.chapter or old.chapter,
            "section": article.section or old.section,
            "history": (*old.history, *article.history, step.change("replaced")),
        }
    )
    new.place(article.loc or op.loc)
    step.state.tree.put(cit, new)


def insert(step: Step, op: InsertItem) -> None:
    """Apply ``insert``: add an article, clause or point (or reinstate a repealed one), checking its number."""
    spec = op.insert
    item: Node = spec.article or spec.clause or spec.point  # type: ignore[assignment]
    level = level_of(item)
    tree = step.state.tree
    parent: Citation | None = None
    anchor: str | None = None
    if spec.after is not None:
        found = step.targets(op, spec.after, many=False)
        if not found:
            return
        cit = found[0]
        if tree.get(cit) is None:
            step.not_found(op, spec.after, cit)
            return
        if cit.level != level:
            step.not_found(op, spec.after, cit, "level")
            return
        parent, anchor = cit.parent(), number_of(tree.get(cit))  # type: ignore[arg-type]
        if parent is not None and tree.live(parent) is None:  # under an article or clause repealed: no place
            step.not_found(op, spec.after, cit, "repealed")
            return
    elif spec.into is not None:
        found = step.targets(op, spec.into, many=False)
        if not found:
            return
        parent = found[0]
        holder = tree.live(parent)
        if holder is None or level_of(holder) != {"clause": "article", "point": "clause"}.get(level):
            step.not_found(op, spec.into, parent, "level" if holder is not None else "missing")
            return
    new_cit = child_citation(parent, item)
    existing = tree.get(new_cit)
    if existing is not None and not is_repealed(existing):
        _numbering(step, op, new_cit, level, anchor, taken=True)
        return
    siblings = [number_of(n) for n in tree.children(parent) if number_of(n) != number_of(item)]
    if existing is None:
        _check_numbering(step, op, new_cit, level, siblings, anchor)
    history = (
        *(existing.history if existing is not None else ()),
        *item.history,
        step.change("inserted"),
    )
    update: dict[str, object] = {"history": history}
    if isinstance(item, Article) and item.chapter is None:
        # a reinstated article keeps its place; a new one joins the chapter of the article before it
        before = [a for a in tree.articles if child_citation(None, a).sort_key() < new_cit.sort_key()]
        source = existing if isinstance(existing, Article) else (before[-1] if before else None)
        if source is not None:
            update.update(chapter=source.chapter, section=item.section or source.section)
    new = item.model_copy(update=update)
    new.place(item.loc or op.loc)
    if existing is not None:
        tree.put(new_cit, new)
    else:
        tree.add(parent, new)


def _check_numbering(
    step: Step, op: Model, cit: Citation, level: str, siblings: list[str], anchor: str | None
) -> None:
    """Report an inserted number that does not follow its anchor or predecessor in sequence (QC603)."""
    lv: Any = level
    number = str(getattr(cit, level))
    parent = cit.parent()
    ordered = sorted([*siblings, number], key=lambda n: _number_key(parent, level, n))
    i = ordered.index(number)
    prev = ordered[i - 1] if i > 0 else None
    nxt = ordered[i + 1] if i + 1 < len(ordered) else None
    if anchor is not None and prev != anchor:
        _numbering(step, op, cit, level, anchor)
    elif not is_next_in_sequence(prev, number, lv):
        _numbering(step, op, cit, level, prev)
    elif (
        nxt is not None
        and is_next_in_sequence(prev, nxt, lv)
        and not is_next_in_sequence(number, nxt, lv)
    ):
        _numbering(step, op, cit, level, prev, following=nxt)


def _numbering(
    step: Step,
    op: Model,
    cit: Citation,
    level: str,
    previous: str | None,
    *,
    taken: bool = False,
    following: str | None = None,
) -> None:
    """Report a number out of sequence, or already taken (QC603)."""
    if taken:
        why = Text.of("số này đã có", "that number is already used")
    elif following is not None:
        why = Text.of(f"nhưng tiếp theo là {following}", f"but {following} comes next")
    else:
        why = Text.of("thứ tự không liên tục", "out of sequence")
    step.report(
        "QC603",
        op,
        {
            "level": _LEVEL[level],
            "where": Text.of(f"sau {previous}", f"after {previous}") if previous
            else Text.of("ở vị trí đầu tiên", "as the first one"),
            "why": why,
            "suggest": _suggest_number(level, previous or ""),
            "provision": cit.format(),
        },
        provisions=(step.ref(cit.format(), at=op),),
    )


def _number_key(parent: Citation | None, level: str, number: str) -> tuple[Any, ...]:
    """Return the document-order key of ``number`` among the children of ``parent``."""
    try:
        if level == "article":
            cit = Citation(article=number)
        elif level == "clause":
            cit = Citation(article=parent.article if parent else None, clause=number)
        else:
            cit = Citation(
                article=parent.article if parent else None,
                clause=parent.clause if parent else None,
                point=number,
            )
        return (0, cit.sort_key())
    except (CitationError, ValueError):
        return (1, number)


def _suggest_number(level: str, previous: str) -> str:
    if previous in ("", "—"):
        return "a" if level == "point" else "1"
    if level == "point":
        base = previous.rstrip("0123456789")
        try:
            return next_point(base) if base == previous else previous
        except CitationError:
            return f"{previous}1"
    return previous + "a" if previous.isdigit() else previous[:-1] + chr(ord(previous[-1]) + 1)
