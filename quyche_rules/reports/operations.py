"""What one operation of an amendment says, in words, and which provisions it changes.

A provision operation (amend, insert, repeal, replace an article) names its provisions; a phrase replacement or
an organisational operation (rename, merge, split, dissolve) changes the provisions the consolidation records it
changed (``history``): a phrase replaced in their text, or norms moved to a successor.
"""

from __future__ import annotations

from collections.abc import Sequence

from quyche_rules.amend.provision_tree import Node, Tree
from quyche_rules.citations import Citation
from quyche_rules.i18n import Text
from quyche_rules.model import Regulation
from quyche_rules.model.amendment import (
    AmendItem,
    DissolveItem,
    InsertItem,
    MergeItem,
    Operation,
    RenameItem,
    RepealItem,
    ReplaceArticleItem,
    ReplacePhraseItem,
    SplitItem,
    TakesOver,
)
from quyche_rules.reports.provision_text import cited

__all__ = ["heading", "kind_of", "targets"]


def _names(reg: Regulation, ids: Sequence[str]) -> str:
    return ", ".join(reg.actor_name(i) for i in ids)


def _takes(takes: TakesOver, reg: Regulation) -> Text:
    if takes == "all":
        return Text.of("; đơn vị kế thừa nhận toàn bộ nhiệm vụ", "; the successor takes over every duty")
    if takes == "none":
        return Text.of("; không chuyển nhiệm vụ nào", "; no duty moves")
    tasks = ", ".join(f"«{reg.task_name(t)}»" for t in takes)
    return Text.of(f"; chuyển các nhiệm vụ {tasks}", f"; the duties moved: {tasks}")


def _inserted(op: InsertItem) -> Citation | None:
    spec = op.insert
    where = cited(spec.after or spec.into or "")
    if spec.article is not None:
        return Citation(article=spec.article.article)
    if not where or where[0].article is None:
        return None
    anchor = where[0]
    if spec.clause is not None:
        return Citation(article=anchor.article, clause=spec.clause.clause)
    if spec.point is not None and anchor.clause is not None:
        return Citation(article=anchor.article, clause=anchor.clause, point=spec.point.point)
    return None


def _insert_heading(op: InsertItem) -> Text:
    cit = _inserted(op)
    phrase = cit.format() if cit is not None else "?"
    if op.insert.after:
        return Text.of(f"Bổ sung {phrase} vào sau {op.insert.after}", f"Inserts {phrase} after {op.insert.after}")
    if op.insert.into:
        return Text.of(f"Bổ sung {phrase} vào {op.insert.into}", f"Inserts {phrase} into {op.insert.into}")
    return Text.of(f"Bổ sung {phrase}", f"Inserts {phrase}")


def _phrase_heading(op: ReplacePhraseItem) -> Text:
    spec = op.replace_phrase
    at_vi = f" tại {', '.join(spec.at)}" if spec.at else ""
    at_en = f" in {', '.join(spec.at)}" if spec.at else ""
    if not spec.to:
        return Text.of(f"Bỏ cụm từ «{spec.from_}»{at_vi}", f"Deletes the phrase «{spec.from_}»{at_en}")
    return Text.of(f"Thay thế cụm từ «{spec.from_}» bằng cụm từ «{spec.to}»{at_vi}",
                   f"Replaces the phrase «{spec.from_}» with «{spec.to}»{at_en}")


def heading(op: Operation, before: Regulation, after: Regulation) -> Text:
    """Return what an operation does, as the amending instrument would say it."""
    if isinstance(op, AmendItem):
        return Text.of(f"Sửa đổi, bổ sung {op.amend}", f"Amends {op.amend}")
    if isinstance(op, InsertItem):
        return _insert_heading(op)
    if isinstance(op, RepealItem):
        return Text.of(f"Bãi bỏ {op.repeal}", f"Repeals {op.repeal}")
    if isinstance(op, ReplaceArticleItem):
        n = op.replace_article.article
        return Text.of(f"Thay thế Điều {n}", f"Replaces Điều {n}")
    if isinstance(op, ReplacePhraseItem):
        return _phrase_heading(op)
    if isinstance(op, RenameItem):
        spec = op.rename
        text = Text.of(f"Đổi tên {before.actor_name(spec.actor)} thành {spec.to.name}",
                       f"Renames {before.actor_name(spec.actor)} to {spec.to.name}")
        if spec.to.id in (None, spec.actor):
            return text
        takes = _takes(spec.takes_over, before)
        return Text.of(text.vi + takes.vi, text.en + takes.en)
    if isinstance(op, MergeItem):
        m = op.merge
        into = after.actor_name(m.into.id)
        text = Text.of(f"Hợp nhất {_names(before, m.actors)} thành {into}",
                       f"Merges {_names(before, m.actors)} into {into}")
        takes = _takes(m.takes_over, before)
        return Text.of(text.vi + takes.vi, text.en + takes.en)
    if isinstance(op, SplitItem):
        s = op.split
        news = _names(after, [a.id for a in s.into])
        return Text.of(f"Chia tách {before.actor_name(s.actor)} thành {news}",
                       f"Splits {before.actor_name(s.actor)} into {news}")
    d = op.dissolve
    text = Text.of(f"Giải thể {before.actor_name(d.actor)}", f"Dissolves {before.actor_name(d.actor)}")
    if d.successor:
        succ = after.actor_name(d.successor)
        takes = _takes(d.takes_over, before)
        text = Text.of(f"{text.vi}; đơn vị kế thừa: {succ}{takes.vi}", f"{text.en}; successor: {succ}{takes.en}")
    return text


def kind_of(op: Operation) -> str:
    """Return ``provision`` (it rewrites provisions), ``phrase`` (a phrase in their text) or ``organisation``."""
    if isinstance(op, ReplacePhraseItem):
        return "phrase"
    if isinstance(op, (RenameItem, MergeItem, SplitItem, DissolveItem)):
        return "organisation"
    return "provision"


def _old_actors(op: Operation) -> tuple[str, ...]:
    if isinstance(op, RenameItem):
        return (op.rename.actor,)
    if isinstance(op, MergeItem):
        return op.merge.actors
    if isinstance(op, SplitItem):
        return (op.split.actor,)
    if isinstance(op, DissolveItem):
        return (op.dissolve.actor,)
    return ()


def _recorded(after: Tree, before: Tree, amendment: str, op: Operation) -> list[Citation]:
    """Return the provisions the consolidation records this phrase or organisational operation changed."""
    phrase = op.replace_phrase.from_ if isinstance(op, ReplacePhraseItem) else ""
    action = "phrase_replaced" if phrase else "reassigned"
    olds = _old_actors(op)
    found = []
    for cit, node in after.walk():
        entries = [c for c in node.history if c.amendment == amendment and c.action == action]
        if not entries:
            continue
        if phrase:
            old = before.get(cit)
            if old is None or phrase not in _own_text(old):
                continue
        elif olds and not any(f"{a} →" in e.note for e in entries for a in olds):
            continue
        found.append(cit)
    return found


def _own_text(node: Node) -> str:
    title = getattr(node, "title", "")
    return f"{title}\n{node.text}"


def targets(op: Operation, amendment: str, before: Tree, after: Tree) -> list[Citation]:
    """Return the provisions an operation changes, in the order it names them (document order otherwise)."""
    if isinstance(op, AmendItem):
        return cited(op.amend)
    if isinstance(op, RepealItem):
        return cited(op.repeal)
    if isinstance(op, InsertItem):
        cit = _inserted(op)
        return [cit] if cit is not None else []
    if isinstance(op, ReplaceArticleItem):
        return [Citation(article=op.replace_article.article)]
    return _recorded(after, before, amendment, op)
