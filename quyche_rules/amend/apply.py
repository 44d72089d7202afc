"""Consolidation: apply amendments to a base regulation in order of effect, with provenance on every change.

The result is a view without legal effect of its own (văn bản hợp nhất). The base is never mutated: every
edit builds new frozen models; unchanged provisions keep their file and line, changed ones point at the
amendment file. Operation errors become QC6xx findings at the amendment file's line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from quyche_rules.amend.model import (
    AmendItem,
    AmendmentFile,
    DissolveItem,
    InsertItem,
    MergeItem,
    PhraseSpec,
    RenameItem,
    RepealItem,
    ReplaceArticleItem,
    ReplacePhraseItem,
    SplitItem,
)
from quyche_rules.amend.organisation import Move, OrgEditor, bearer_keys, rewrite_items, rewrite_norm
from quyche_rules.amend.tree import (
    Node,
    Tree,
    child_citation,
    is_repealed,
    level_of,
    number_of,
    plain,
    repealed_stub,
)
from quyche_rules.citations import Citation, CitationError, is_next_in_sequence, parse_citation
from quyche_rules.findings import Finding, Location, ProvisionRef, sort_findings
from quyche_rules.model import Article, Clause, Regulation
from quyche_rules.model.base import Model
from quyche_rules.model.norms import Norm, unwrap
from quyche_rules.model.provisions import Change

__all__ = ["Consolidated", "apply_amendments", "order_amendments", "without_history"]

_UNIT_WORDS = (
    "Vụ",
    "Cục",
    "Tổng cục",
    "Trung tâm",
    "Học viện",
    "Viện",
    "Văn phòng",
    "Thanh tra",
    "Báo",
    "Tạp chí",
    "Nhà khách",
    "Ban",
    "Phòng",
    "Vụ trưởng",
    "Phó Vụ trưởng",
    "Giám đốc",
    "Phó Giám đốc",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Chánh Thanh tra",
    "Phó Chánh Thanh tra",
)
_UNIT_START = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(_UNIT_WORDS, key=len, reverse=True)) + r")(?![^\W_])"
)
_LEVEL_VI = {"article": "Điều", "clause": "khoản", "point": "điểm"}
_LEVEL_EN = {"article": "article", "clause": "clause", "point": "point"}


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


def _loc(obj: Model | None, fallback: str) -> Location:
    loc = obj.loc if obj is not None else None
    return loc or Location(file=fallback)


@dataclass
class _State:
    base: Regulation
    tree: Tree
    org: OrgEditor
    catalogue: dict[str, dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)
    version: dt.date | None = None
    moved: int = 0


class _Applier:
    """Applies one amendment to the shared state."""

    def __init__(self, state: _State, amendment: AmendmentFile, on: dt.date | None) -> None:
        self.s = state
        self.am = amendment
        self.on = on
        self.file = amendment.loc.file if amendment.loc else f"<{amendment.id}>"
        self.changed = False
        self.phrase_ops: list[tuple[ReplacePhraseItem, PhraseSpec, list[Citation]]] = []

    # -- findings -----------------------------------------------------------------------------------
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
        from quyche_rules.checks.qc6_amendments import make_finding

        location = _loc(at, self.file)
        refs = tuple(provisions) or (
            ProvisionRef(citation=self.am.id, regulation=self.s.base.id, location=location),
        )
        self.s.findings.append(make_finding(code, location, values, refs, tuple(actors), tuple(tasks)))

    def ref(self, phrase: str, node: Node | None = None, at: Model | None = None) -> ProvisionRef:
        loc = node.loc if node is not None and node.loc is not None else _loc(at, self.file)
        return ProvisionRef(
            citation=phrase,
            regulation=self.s.base.id,
            location=loc,
            text=node.text if node is not None else "",
        )

    def not_found(self, op: Model, phrase: str, cit: Citation | None, why: str = "missing") -> None:
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
        self.changed = True
        return Change(
            action=action,
            amendment=self.am.id,
            instrument=self.am.amendment.instrument.number,
            effective=day or self.am.effective,
            note=note,
        )

    # -- operations on the text ---------------------------------------------------------------------
    def amend(self, op: AmendItem) -> None:
        found = self.targets(op, op.amend, many=False)
        if not found:
            return
        cit = found[0]
        node = self.s.tree.live(cit)
        if node is None:
            self.not_found(op, op.amend, cit, "repealed" if self.s.tree.get(cit) is not None else "missing")
            return
        patch = op.with_
        updates: dict[str, object] = {
            name: getattr(patch, name)
            for name in type(patch).model_fields
            if getattr(patch, name) is not None and name in type(node).model_fields
        }
        updates["history"] = (*node.history, self.change("amended"))
        new = node.model_copy(update=updates)
        new._loc = patch.loc or op.loc
        self.s.tree.put(cit, new)

    def repeal(self, op: RepealItem) -> None:
        for cit in self.targets(op, op.repeal, many=True):
            node = self.s.tree.live(cit)
            if node is None:
                self.not_found(
                    op, op.repeal, cit, "repealed" if self.s.tree.get(cit) is not None else "missing"
                )
                continue
            self.s.tree.put(cit, repealed_stub(node, self.change("repealed"), op.loc))

    def replace_article(self, op: ReplaceArticleItem) -> None:
        article = op.replace_article
        cit = Citation(article=article.article)
        old = self.s.tree.live(cit)
        if not isinstance(old, Article):
            self.not_found(
                op, cit.format(), cit, "repealed" if self.s.tree.get(cit) is not None else "missing"
            )
            return
        new = article.model_copy(
            update={
                "chapter": article.chapter or old.chapter,
                "section": article.section or old.section,
                "history": (*old.history, *article.history, self.change("replaced")),
            }
        )
        new._loc = article.loc or op.loc
        self.s.tree.put(cit, new)

    def insert(self, op: InsertItem) -> None:
        spec = op.insert
        item: Node = spec.article or spec.clause or spec.point  # type: ignore[assignment]
        level = level_of(item)
        tree = self.s.tree
        parent: Citation | None = None
        anchor: str | None = None
        if spec.after is not None:
            found = self.targets(op, spec.after, many=False)
            if not found:
                return
            cit = found[0]
            if tree.get(cit) is None:
                self.not_found(op, spec.after, cit)
                return
            if cit.level != level:
                self.not_found(op, spec.after, cit, "level")
                return
            parent, anchor = cit.parent(), number_of(tree.get(cit))  # type: ignore[arg-type]
        elif spec.into is not None:
            found = self.targets(op, spec.into, many=False)
            if not found:
                return
            parent = found[0]
            holder = tree.live(parent)
            if holder is None or level_of(holder) != {"clause": "article", "point": "clause"}.get(level):
                self.not_found(op, spec.into, parent, "level" if holder is not None else "missing")
                return
        new_cit = child_citation(parent, item)
        existing = tree.get(new_cit)
        if existing is not None and not is_repealed(existing):
            self.numbering(op, new_cit, level, anchor, taken=True)
            return
        siblings = [number_of(n) for n in tree.children(parent) if number_of(n) != number_of(item)]
        if existing is None:
            self.check_numbering(op, new_cit, level, siblings, anchor)
        history = (
            *(existing.history if existing is not None else ()),
            *item.history,
            self.change("inserted"),
        )
        update: dict[str, object] = {"history": history}
        if isinstance(item, Article) and item.chapter is None:
            # a reinstated article keeps its place; a new one joins the chapter of the article before it
            before = [a for a in tree.articles if child_citation(None, a).sort_key() < new_cit.sort_key()]
            source = existing if isinstance(existing, Article) else (before[-1] if before else None)
            if source is not None:
                update.update(chapter=source.chapter, section=item.section or source.section)
        new = item.model_copy(update=update)
        new._loc = item.loc or op.loc
        if existing is not None:
            tree.put(new_cit, new)
        else:
            tree.add(parent, new)

    def check_numbering(
        self, op: Model, cit: Citation, level: str, siblings: list[str], anchor: str | None
    ) -> None:
        lv: Any = level
        number = str(getattr(cit, level))
        parent = cit.parent()
        ordered = sorted([*siblings, number], key=lambda n: _number_key(parent, level, n))
        i = ordered.index(number)
        prev = ordered[i - 1] if i > 0 else None
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if anchor is not None and prev != anchor:
            self.numbering(op, cit, level, anchor)
        elif not is_next_in_sequence(prev, number, lv):
            self.numbering(op, cit, level, prev)
        elif (
            nxt is not None
            and is_next_in_sequence(prev, nxt, lv)
            and not is_next_in_sequence(number, nxt, lv)
        ):
            self.numbering(op, cit, level, prev, following=nxt)

    def numbering(
        self,
        op: Model,
        cit: Citation,
        level: str,
        previous: str | None,
        *,
        taken: bool = False,
        following: str | None = None,
    ) -> None:
        if taken:
            why_vi, why_en = "số này đã có", "that number is already used"
        elif following is not None:
            why_vi, why_en = f"nhưng tiếp theo là {following}", f"but {following} comes next"
        else:
            why_vi, why_en = "thứ tự không liên tục", "out of sequence"
        number = str(getattr(cit, level))
        self.finding(
            "QC603",
            op,
            {
                "level": _LEVEL_VI[level],
                "level_en": _LEVEL_EN[level],
                "number": number,
                "where_vi": f"sau {previous}" if previous else "ở vị trí đầu tiên",
                "where_en": f"after {previous}" if previous else "as the first one",
                "why_vi": why_vi,
                "why_en": why_en,
                "suggest": _suggest_number(level, previous or ""),
                "provision": cit.format(),
            },
            provisions=(self.ref(cit.format(), at=op),),
        )

    def replace_phrase(self, op: ReplacePhraseItem) -> None:
        spec = op.replace_phrase
        tree = self.s.tree
        scope: list[Citation] | None = None
        listed: list[Citation] = []
        if spec.at:
            for phrase in spec.at:
                for cit in self.targets(op, phrase, many=True):
                    if tree.live(cit) is None:
                        self.not_found(
                            op, phrase, cit, "repealed" if tree.get(cit) is not None else "missing"
                        )
                    else:
                        listed.append(cit)
            scope = listed
            if not listed:
                return
        occurrences: list[tuple[Citation, int]] = []
        for cit, node in list(tree.walk()):
            if is_repealed(node) or (scope is not None and not any(t.contains(cit) for t in scope)):
                continue
            current = tree.get(cit)
            if current is not node:  # under a second provision with the same number (QC011): not addressable
                continue
            count = current.text.count(spec.from_)
            updates: dict[str, object] = {}
            if count:
                updates["text"] = current.text.replace(spec.from_, spec.to)
            if isinstance(current, Article) and spec.from_ in current.title:
                count += current.title.count(spec.from_)
                updates["title"] = current.title.replace(spec.from_, spec.to)
            if count:
                occurrences.append((cit, count))
                updates["history"] = (
                    *current.history,
                    self.change("phrase_replaced", f"«{spec.from_}» → «{spec.to}»"),
                )
                tree.put(cit, current.model_copy(update=updates))
        self.count_phrase(op, spec, occurrences, listed)
        self.phrase_ops.append((op, spec, [c for c, _ in occurrences]))

    def count_phrase(
        self, op: Model, spec: PhraseSpec, occurrences: list[tuple[Citation, int]], listed: list[Citation]
    ) -> None:
        total = sum(n for _, n in occurrences)
        missing = [t for t in listed if not any(t.contains(c) for c, _ in occurrences)]
        if spec.count is not None:
            wrong = total != spec.count
            expected_vi, expected_en = f"{spec.count} lần", f"{spec.count}"
        else:
            wrong = bool(missing) or total == 0
            expected_vi = "ít nhất một lần ở mỗi nơi được liệt kê" if listed else "ít nhất một lần"
            expected_en = "at least once at each place listed" if listed else "at least once"
        if not wrong:
            return
        shown = [f"{c.format()} ({n} lần)" for c, n in occurrences]
        shown_en = [f"{c.format()} ({n}×)" for c, n in occurrences]
        shown += [f"{c.format()} (0 lần)" for c in missing]
        shown_en += [f"{c.format()} (0×)" for c in missing]
        refs = [self.ref(c.format(), self.s.tree.get(c), op) for c, _ in occurrences]
        refs += [self.ref(c.format(), self.s.tree.get(c), op) for c in missing]
        self.finding(
            "QC605",
            op,
            {
                "phrase": spec.from_,
                "found": total,
                "expected_vi": expected_vi,
                "expected_en": expected_en,
                "where_vi": "; ".join(shown) or "không ở đâu",
                "where_en": "; ".join(shown_en) or "nowhere",
            },
            provisions=refs,
        )

    # -- organisation -------------------------------------------------------------------------------
    def organisational(self, op: RenameItem | MergeItem | SplitItem | DissolveItem) -> None:
        spec = (
            op.rename
            if isinstance(op, RenameItem)
            else op.merge
            if isinstance(op, MergeItem)
            else op.split
            if isinstance(op, SplitItem)
            else op.dissolve
        )
        day = spec.effective or self.am.effective
        if self.on is not None and day > self.on:
            return
        org = self.s.org
        before = (dict(org.actors), len(org.moves))
        if isinstance(op, RenameItem):
            org.rename(op.rename, day, op)
        elif isinstance(op, MergeItem):
            org.merge(op.merge, day, op)
        elif isinstance(op, SplitItem):
            org.split(op.split, day, op)
        else:
            org.dissolve(op.dissolve, day, op)
        if (dict(org.actors), len(org.moves)) != before:
            self.changed = True
            self.s.version = max(self.s.version or day, day)
        self.move_norms()

    def org_report(self, code: str, op: Model, values: dict[str, object], actors: tuple[str, ...]) -> None:
        """Report an organisational operation naming an unknown, ended or clashing actor (QC601)."""
        target = str(values.get("target", ""))
        known = sorted(self.s.org.actors)
        kind = str(values.get("kind", "actor"))
        close = (
            difflib.get_close_matches(target, known, n=1, cutoff=0.6)
            if kind in ("actor", "split-target")
            else []
        )
        why = _ACTOR_WHY[kind]
        self.finding(
            code,
            op,
            {
                "target_vi": f"Chủ thể {target}",
                "target_en": f"Actor {target}",
                "why_vi": why[0],
                "why_en": why[1],
                "hint_vi": f"; có phải ý bạn là {close[0]!r}?" if close and close[0] != target else "",
                "hint_en": f"; did you mean {close[0]!r}?" if close and close[0] != target else "",
            },
            provisions=(self.ref(target, at=op),),
            actors=actors,
        )

    def move_norms(self) -> None:
        """Move the norms that the organisational operations so far said move, recording provenance."""
        moves = self.s.org.moves[self.s.moved :]
        if not moves:
            return
        self.s.moved = len(self.s.org.moves)
        tree = self.s.tree
        for cit, node in list(tree.walk()):
            if is_repealed(node) or not node.norms:
                continue
            current = tree.get(cit)
            if current is not node:  # under a second provision with the same number (QC011): not addressable
                continue
            norms = current.norms
            notes: list[str] = []
            days: list[dt.date] = []
            for move in moves:
                updated = rewrite_items(norms, partial(_rewrite, move=move))
                if updated is not norms:
                    notes.append(f"{move.old} → {move.new}")
                    days.append(move.day)
                    norms = updated
            if notes:
                change = self.change("reassigned", "; ".join(dict.fromkeys(notes)), max(days))
                tree.put(
                    cit, current.model_copy(update={"norms": norms, "history": (*current.history, change)})
                )

    # -- end of the amendment: names and orphaned duties --------------------------------------------
    def check_names(self) -> None:
        actors = list(self.s.org.actors.values())
        for op, spec, where in self.phrase_ops:
            if not spec.to or not _UNIT_START.match(spec.to):
                continue
            valid = sorted(
                {n for a in actors if a.valid_on(self.am.effective) for n in (a.name, *a.aliases)},
                key=len,
                reverse=True,
            )
            if any(spec.to == n or (spec.to.startswith(n) and not spec.to[len(n)].isalnum()) for n in valid):
                continue
            close = difflib.get_close_matches(spec.to, valid, n=1, cutoff=0.5)
            ended = sorted(a.id for a in actors if spec.to in (a.name, *a.aliases))
            self.finding(
                "QC604",
                op,
                {
                    "name": spec.to,
                    "day": self.am.effective.isoformat(),
                    "hint_vi": (f"; có phải ý bạn là «{close[0]}»?" if close else "")
                    + (f" (tên này thuộc {', '.join(ended)}, đã chấm dứt)" if ended else ""),
                    "hint_en": (f"; did you mean «{close[0]}»?" if close else "")
                    + (f" (the name of {', '.join(ended)}, which has ended)" if ended else ""),
                },
                provisions=tuple(self.ref(c.format(), self.s.tree.get(c), op) for c in where),
                actors=ended,
            )

    def check_orphans(self, ended_before: int) -> None:
        ended = self.s.org.ended[ended_before:]
        if not ended:
            return
        actors = self.s.org.actors
        held: dict[tuple[str, str], set[str]] = {}
        stale: list[tuple[Citation, Node, str, str, str]] = []
        ended_ids = {e.actor: e for e in ended}
        for cit, node in self.s.tree.walk():
            if is_repealed(node):
                continue
            for item in node.norms:
                for actor, task, role in bearer_keys(unwrap(item)):
                    held.setdefault((task, role), set()).add(actor)
                    if actor in ended_ids:
                        stale.append((cit, node, actor, task, role))
        seen: set[tuple[str, str, str, str]] = set()
        for cit, node, actor, task, role in stale:
            end = ended_ids[actor]
            holders = [a for a in held.get((task, role), ()) if a in actors and actors[a].valid_on(end.day)]
            key = (cit.format(), actor, task, role)
            if holders or key in seen:
                continue
            seen.add(key)
            name = self.s.base.actor_name(actor) if actor in self.s.base.actor_by_id else actors[actor].name
            task_name = self.task_name(task)
            succ = end.successor
            self.finding(
                "QC606",
                end.op,
                {
                    "provision": cit.format(),
                    "actor": name,
                    "task": task_name or role,
                    "day": end.day.isoformat(),
                    "role_vi": _ROLE_VI.get(role.split(":")[0], role),
                    "role_en": _ROLE_EN.get(role.split(":")[0], role),
                    "how_vi": _HOW_VI[end.how],
                    "how_en": end.how,
                    "successor_vi": f"; đơn vị kế thừa {actors[succ].name} chưa được giao (takes_over)"
                    if succ
                    else "; không có đơn vị kế thừa",
                    "successor_en": f"; successor {actors[succ].name} was not given it (takes_over)"
                    if succ
                    else "; there is no successor",
                },
                provisions=(self.ref(cit.format(), node),),
                actors=(actor,),
                tasks=(task,) if task else (),
            )

    def task_name(self, task: str) -> str:
        entry = self.s.catalogue["tasks"].get(task)
        return str(entry.name) if entry is not None else task

    # -- conflicts ----------------------------------------------------------------------------------
    def conflicts(self) -> None:
        keyed: list[tuple[int, Model, list[Citation | str], bool]] = []
        for index, op in enumerate(self.am.operations):
            keyed.append((index, op, _targets_of(op, self.s.tree), isinstance(op, ReplacePhraseItem)))
        for j, (_, op_j, t_j, phrase_j) in enumerate(keyed):
            for _, op_i, t_i, phrase_i in keyed[:j]:
                if phrase_i and phrase_j:
                    continue
                hit = next(((a, b) for a in t_i for b in t_j if _overlap(a, b)), None)
                if hit is None:
                    continue
                first, second = (x.removeprefix("actor:") if isinstance(x, str) else x.format() for x in hit)
                line = op_i.loc.line if op_i.loc else 0
                self.finding(
                    "QC602",
                    op_j,
                    {
                        "target": second,
                        "other": first,
                        "line": line,
                        "op": _kind(op_j),
                        "other_op": _kind(op_i),
                    },
                    provisions=(self.ref(second, at=op_j), self.ref(first, at=op_i)),
                )

    # -- the whole amendment ------------------------------------------------------------------------
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
    from quyche_rules.citations import next_point

    if previous in ("", "—"):
        return "a" if level == "point" else "1"
    if level == "point":
        base = previous.rstrip("0123456789")
        try:
            return next_point(base) if base == previous else previous
        except CitationError:
            return f"{previous}1"
    return previous + "a" if previous.isdigit() else previous[:-1] + chr(ord(previous[-1]) + 1)


_ROLE_VI = {
    "lead": "chủ trì",
    "cooperate": "phối hợp",
    "responsible": "thực hiện",
    "follow_up": "theo dõi, đôn đốc",
    "report": "báo cáo",
}
_ROLE_EN = {
    "lead": "lead",
    "cooperate": "cooperation",
    "responsible": "duty",
    "follow_up": "follow-up",
    "report": "reporting",
}
_HOW_VI = {"rename": "đổi tên", "merge": "hợp nhất", "split": "chia tách", "dissolve": "giải thể"}


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
        if spec.after is not None:
            anchors = cits(spec.after)
            if len(anchors) == 1 and anchors[0].level == level:  # else insert() reports QC601
                out.append(child_citation(anchors[0].parent(), item))
        elif spec.into is not None:
            parents = cits(spec.into)
            if len(parents) == 1 and parents[0].level == {"clause": "article", "point": "clause"}.get(level):
                out.append(child_citation(parents[0], item))
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
    state = _State(
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


def _rewrite(norm: Norm, *, move: Move) -> Norm:
    return rewrite_norm(norm, move.old, move.new, move.tasks)


_ACTOR_WHY = {
    "actor": ("không có trong actors.yaml", "is not in actors.yaml"),
    "ended": ("đã chấm dứt trước ngày hiệu lực", "has ended before the effective date"),
    "taken": ("đã được dùng cho một chủ thể khác", "is already used by another actor"),
    "new-without-name": ("là chủ thể mới nhưng thiếu tên (name)", "is a new actor but has no name"),
    "split-target": ("không nằm trong danh sách into của phép chia tách", "is not among the split's `into`"),
}
