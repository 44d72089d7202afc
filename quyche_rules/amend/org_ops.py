"""Organisational operations as an amendment applies them: the norms they move, the duties they orphan.

The changes to the actors themselves are :class:`quyche_rules.amend.organisation.OrgEditor`'s.
"""

from __future__ import annotations

import datetime as dt
import difflib
from functools import partial

from quyche_rules.amend.applier import ApplierBase
from quyche_rules.amend.model import DissolveItem, MergeItem, RenameItem, SplitItem
from quyche_rules.amend.organisation import Move, bearer_keys, rewrite_items, rewrite_norm
from quyche_rules.amend.tree import Node, is_repealed
from quyche_rules.citations import Citation
from quyche_rules.model.base import Model
from quyche_rules.model.norms import Norm, unwrap

__all__ = ["OrgOps"]


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

_ACTOR_WHY = {
    "actor": ("không có trong actors.yaml", "is not in actors.yaml"),
    "ended": ("đã chấm dứt trước ngày hiệu lực", "has ended before the effective date"),
    "taken": ("đã được dùng cho một chủ thể khác", "is already used by another actor"),
    "new-without-name": ("là chủ thể mới nhưng thiếu tên (name)", "is a new actor but has no name"),
    "split-target": ("không nằm trong danh sách into của phép chia tách", "is not among the split's `into`"),
}


class OrgOps(ApplierBase):
    """Rename, merge, split and dissolve; move the norms they say move; report orphaned duties (QC606)."""

    def organisational(self, op: RenameItem | MergeItem | SplitItem | DissolveItem) -> None:
        """Apply a rename, merge, split or dissolution in force by ``on``; move the norms it says move."""
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

    def check_orphans(self, ended_before: int) -> None:
        """Report duties left with an actor this amendment ended that no actor still valid holds (QC606)."""
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
        """Return the name of ``task`` in the catalogue as amended so far, else its id."""
        entry = self.s.catalogue["tasks"].get(task)
        return str(entry.name) if entry is not None else task


def _rewrite(norm: Norm, *, move: Move) -> Norm:
    return rewrite_norm(norm, move.old, move.new, move.tasks)
