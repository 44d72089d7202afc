"""Organisational operations (rename, merge, split, dissolve): the norms they move, the duties they orphan.

The changes to the actors themselves are :class:`quyche_rules.amend.actor_register.ActorRegister`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial

from quyche_rules.amend.actor_records import ActorIssue, Move
from quyche_rules.amend.provision_tree import Node, is_repealed
from quyche_rules.amend.rewrite import bearer_keys, rewrite_items, rewrite_norm
from quyche_rules.amend.state import Step
from quyche_rules.citations import Citation
from quyche_rules.i18n import Text
from quyche_rules.loading.problems import did_you_mean
from quyche_rules.model.amendment import DissolveItem, MergeItem, RenameItem, SplitItem
from quyche_rules.model.base import Model
from quyche_rules.model.norm_items import unwrap
from quyche_rules.model.norms import Norm

__all__ = ["check_orphans", "dissolve", "merge", "move_norms", "rename", "split"]

_ROLE = {
    "lead": Text.of("chủ trì", "lead"),
    "cooperate": Text.of("phối hợp", "cooperation"),
    "responsible": Text.of("thực hiện", "duty"),
    "follow_up": Text.of("theo dõi, đôn đốc", "follow-up"),
    "report": Text.of("báo cáo", "reporting"),
}
_HOW = {"rename": Text.of("đổi tên", "rename"), "merge": Text.of("hợp nhất", "merge"),
        "split": Text.of("chia tách", "split"), "dissolve": Text.of("giải thể", "dissolve")}

_ACTOR_WHY = {
    "actor": Text.of("không có trong actors.yaml", "is not in actors.yaml"),
    "ended": Text.of("đã chấm dứt trước ngày hiệu lực", "has ended before the effective date"),
    "not_yet": Text.of("chưa tồn tại vào ngày hiệu lực (được lập muộn hơn): nhiệm vụ sẽ không có người nhận",
                       "does not exist yet on the effective date (it is created later): the duties would have no "
                       "holder meanwhile"),
    "taken": Text.of("đã được dùng cho một chủ thể khác", "is already used by another actor"),
    "new-without-name": Text.of("là chủ thể mới nhưng thiếu tên (name)", "is a new actor but has no name"),
    "split-target": Text.of("không nằm trong danh sách into của phép chia tách", "is not among the split's `into`"),
    "existing-described": Text.of(
        "đã có trong actors.yaml, nhưng phép này mô tả nó như một chủ thể mới (tên, loại, đơn vị cấp trên, tên gọi "
        "khác, lĩnh vực hoặc người đứng đầu khác với hiện có): các khóa đó sẽ bị bỏ qua. Hãy chỉ ghi id để hợp nhất "
        "vào chủ thể hiện có (đổi tên bằng phép rename), hoặc dùng một id mới cho chủ thể mới",
        "is already in actors.yaml, but the operation describes it as a new actor (a name, kind, parent, aliases, "
        "fields or head other than its own): those keys would be ignored. Give the id alone to merge into the "
        "existing actor (rename it with a rename operation), or a new id for a new actor"),
    "own-body": Text.of(
        "là cơ quan mà quy chế này điều chỉnh (body trong regulation.yaml): việc giải thể, hợp nhất, chia tách hay đổi "
        "mã cơ quan do văn bản về tổ chức quyết định, và quy chế làm việc của cơ quan mới được ban hành thay thế, "
        "không phải một sửa đổi của quy chế này",
        "is the body this regulation governs (body in regulation.yaml): dissolving, merging, splitting it or "
        "changing its id is decided by an organisation instrument, and the new body's working regulation is issued "
        "in place of this one, not as an amendment of it"),
    "listed-twice": Text.of("được liệt kê hai lần trong actors của phép hợp nhất",
                            "is listed twice among the merge's actors"),
    "merged-into-itself": Text.of("được hợp nhất vào chính nó: không có chủ thể nào khác được hợp nhất",
                                  "is merged into itself: no other actor is merged"),
    "successor-itself": Text.of(
        "được giải thể và lại là đơn vị kế thừa của chính nó (successor): hãy ghi đơn vị nhận nhiệm vụ, hoặc bỏ "
        "successor nếu không có",
        "is dissolved and named its own successor: give the unit that takes over its duties, or leave successor "
        "out when there is none"),
    "split-into-itself": Text.of(
        "được chia tách nhưng lại nằm trong danh sách into của chính phép chia tách: một đơn vị vừa chấm dứt vừa "
        "tiếp tục. Hãy chỉ liệt kê các đơn vị mới; đơn vị giữ lại một phần nhiệm vụ thì không chia tách mà chuyển "
        "phần còn lại bằng phép sửa đổi quy định",
        "is split, yet listed among the split's own `into`: it would end and continue at once. List only the new "
        "units; a unit that keeps part of its duties is not split, the other part is moved by amending the "
        "provisions"),
    "head-taken": Text.of(
        "được đặt làm mã người đứng đầu (head) của đơn vị mới nhưng đã được dùng (cho một chủ thể khác, hoặc cho "
        "chính đơn vị mới): hãy dùng một mã mới, ví dụ vu-truong-<mã đơn vị>",
        "is given as the new unit's head (head) but is already used (by another actor, or by the new unit "
        "itself): use a new id, e.g. vu-truong-<unit id>"),
}


def rename(step: Step, op: RenameItem) -> None:
    """Apply ``rename``: in place when the id stays, else a new actor continues the old one."""
    _organise(step, op, op.rename.effective, lambda day: step.state.actors.rename(op.rename, day, op))


def merge(step: Step, op: MergeItem) -> None:
    """Apply ``merge``: actors merged into a successor (new or existing)."""
    _organise(step, op, op.merge.effective, lambda day: step.state.actors.merge(op.merge, day, op))


def split(step: Step, op: SplitItem) -> None:
    """Apply ``split``: the actor ends; each listed task goes to the new actor named for it."""

    def change(day: dt.date) -> None:
        _unknown_tasks(step, op, op.split.duties)
        step.state.actors.split(op.split, day, op)

    _organise(step, op, op.split.effective, change)


def _unknown_tasks(step: Step, op: Model, tasks: Iterable[str]) -> None:
    """Report each task id the operation moves that neither tasks.yaml nor the draft declares (QC601)."""
    known = step.state.catalogue.tasks
    for task in sorted(t for t in tasks if t not in known):
        close = did_you_mean(task, known)
        step.report(
            "QC601", op,
            {"target": Text.of(f"Nhiệm vụ {task} (duties)", f"Task {task} (duties)"),
             "why": Text.of("không có trong tasks.yaml hay catalogue của văn bản sửa đổi: không nhiệm vụ nào được "
                            "chuyển", "is declared neither in tasks.yaml nor in the draft's catalogue: nothing moves"),
             "hint": Text.of(f"; có phải ý bạn là {close!r}?", f"; did you mean {close!r}?") if close else ""},
            provisions=(step.ref(task, at=op),), tasks=(task,),
            fix=Text.of("Sửa mã nhiệm vụ cho đúng một nhiệm vụ đã khai báo, hoặc khai báo nó trong catalogue của "
                        "văn bản sửa đổi", "Correct the task id to a declared task, or declare it under the draft's "
                        "catalogue"))


def dissolve(step: Step, op: DissolveItem) -> None:
    """Apply ``dissolve``: the actor ends, naming its successor if there is one."""
    _organise(step, op, op.dissolve.effective, lambda day: step.state.actors.dissolve(op.dissolve, day, op))


def _organise(step: Step, op: Model, effective: dt.date | None, change: Callable[[dt.date], None]) -> None:
    """Apply an organisational change in force by ``on``; report the actors it could not use; move norms."""
    day = effective or step.amendment.effective
    if step.on is not None and day > step.on:
        return
    register = step.state.actors
    before = (dict(register.actors), len(register.moves))
    change(day)
    for issue in register.issues:
        _report_issue(step, issue)
    register.issues.clear()
    if (dict(register.actors), len(register.moves)) != before:
        step.changed = True
        step.state.version = max(step.state.version or day, day)
    move_norms(step)


def _report_issue(step: Step, issue: ActorIssue) -> None:
    """Report an organisational operation naming an unknown, ended or clashing actor (QC601)."""
    target = issue.target
    close = did_you_mean(target, issue.known) if issue.kind in ("actor", "split-target") else None
    step.report(
        "QC601",
        issue.op,
        {
            "target": Text.of(f"Chủ thể {target}", f"Actor {target}"),
            "why": _ACTOR_WHY[issue.kind],
            "hint": Text.of(f"; có phải ý bạn là {close!r}?", f"; did you mean {close!r}?")
            if close and close != target else "",
        },
        provisions=(step.ref(target, at=issue.op),),
        actors=(target,),
    )


def move_norms(step: Step) -> None:
    """Move the norms that the organisational operations so far said move, recording provenance."""
    moves = step.state.actors.moves[step.state.moved :]
    if not moves:
        return
    step.state.moved = len(step.state.actors.moves)
    tree = step.state.tree
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
            change = step.change("reassigned", "; ".join(dict.fromkeys(notes)), max(days))
            tree.put(
                cit, current.model_copy(update={"norms": norms, "history": (*current.history, change)})
            )


def check_orphans(step: Step, ended_before: int) -> None:
    """Report duties left with an actor this amendment ended that no actor still valid holds (QC606)."""
    ended = step.state.actors.ended[ended_before:]
    if not ended:
        return
    actors = step.state.actors.actors
    held: dict[tuple[str, str], set[str]] = {}
    stale: list[tuple[Citation, Node, str, str, str]] = []
    ended_ids = {e.actor: e for e in ended}
    for cit, node in step.state.tree.walk():
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
        name = step.state.base.actor_name(actor) if actor in step.state.base.actor_by_id else actors[actor].name
        task_name = _task_name(step, task)
        succ = end.successor
        step.report(
            "QC606",
            end.op,
            {
                "provision": cit.format(),
                "actor": name,
                "task": task_name or role,
                "day": end.day.isoformat(),
                "role": _ROLE.get(role.split(":")[0], role),
                "how": _HOW[end.how],
                "successor": Text.of(f"; đơn vị kế thừa {actors[succ].name} chưa được giao (takes_over)",
                                     f"; successor {actors[succ].name} was not given it (takes_over)") if succ
                else Text.of("; không có đơn vị kế thừa", "; there is no successor"),
            },
            provisions=(step.ref(cit.format(), node),),
            actors=(actor,),
            tasks=(task,) if task else (),
        )


def _task_name(step: Step, task: str) -> str:
    """Return the name of ``task`` in the catalogue as amended so far, else its id."""
    entry = step.state.catalogue.tasks.get(task)
    return str(entry.name) if entry is not None else task


def _rewrite(norm: Norm, *, move: Move) -> Norm:
    return rewrite_norm(norm, move.old, move.new, move.tasks)
