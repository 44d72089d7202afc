"""QC113-QC116: the organisation and the norms that name it, judged on the values themselves.

A norm that names one actor in two roles that must differ (a delegation to oneself, a substitute for oneself, a
report to oneself), an organisation whose parent or successor links come back to where they started, two actors
with one name at the same time, a successor that is not there the day after its predecessor ended, and a role
("đơn vị chủ trì") that stands for nobody.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from quyche_rules.checks.bases import CONFORM, GOV_LEAD
from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.facts.organisation import ACTOR_SLOTS
from quyche_rules.facts.roles import role_parts
from quyche_rules.findings import Hit
from quyche_rules.graph import has_cycle
from quyche_rules.i18n import Text, nfc
from quyche_rules.model import Coordination, Delegation, Duty, FollowUp, Reporting, Substitution
from quyche_rules.model.norms import NORM_KINDS, Norm

__all__: list[str] = []

_SELF_ROLES = {
    "delegation": Text.of("giao cho chính mình", "delegates to itself"),
    "substitution": Text.of("thay thế chính mình", "substitutes for itself"),
    "reporting": Text.of("báo cáo chính mình", "reports to itself"),
    "follow_up": Text.of("theo dõi, đôn đốc chính mình", "follows itself up"),
    "accountable": Text.of("chịu trách nhiệm trước chính mình", "answers to itself"),
    "twice": Text.of("được nêu hai lần", "is named twice"),
    "parent": Text.of("là đơn vị cấp trên của chính mình", "is its own parent"),
    "successor": Text.of("là chủ thể kế thừa của chính mình", "is its own successor"),
    "members": Text.of("là thành viên của chính mình", "is a member of itself"),
    "via": Text.of("ủy quyền lại từ chính ủy quyền này (via ghi id của chính nó)",
                   "passes on the very delegation it makes (its via names its own id)"),
}


def _self_refs(norm: Norm) -> Iterator[tuple[str, str]]:
    """Yield (actor, what) for each place a norm names one actor in two roles that must differ."""
    if isinstance(norm, Delegation):
        if norm.from_ == norm.to:
            yield norm.to, "delegation"
        if norm.id is not None and norm.via == norm.id:
            yield norm.from_, "via"
    elif isinstance(norm, Substitution):
        if norm.absent in (norm.substitute, norm.fallback):
            yield norm.absent, "substitution"
        elif norm.fallback == norm.substitute:
            yield norm.substitute, "twice"
    elif isinstance(norm, Reporting) and norm.from_ == norm.to:
        yield norm.to, "reporting"
    elif isinstance(norm, FollowUp) and norm.holder in norm.targets:
        yield norm.holder, "follow_up"
    elif isinstance(norm, Duty) and norm.accountable_to == norm.holder:
        yield norm.holder, "accountable"
    elif isinstance(norm, Coordination):  # a lead among its own cooperators is QC305's
        for twice in sorted({c for c in norm.cooperating if norm.cooperating.count(c) > 1}):
            yield twice, "twice"


@check(
    "QC113", "self-reference", "error",
    title=("Chủ thể tham chiếu tới chính mình", "An actor refers to itself"),
    message=("{provision}: «{name}» {what}{cycle}", "{provision}: «{name}» {what}{cycle}"),
    rationale=("Ủy quyền, thay thế, báo cáo, theo dõi, phối hợp là quan hệ giữa hai chủ thể khác nhau; quan hệ với "
               "chính mình, hoặc chuỗi cấp trên, kế thừa, thành viên của nhóm quay về điểm xuất phát, là lỗi soạn thảo "
               "(thường là nhầm mã) và làm nhiệm vụ không có người thực hiện hoặc người kiểm tra.",
               "Delegation, substitution, reporting, follow-up and coordination relate two different actors; a "
               "relation with oneself, or a chain of parents, successors or group members that returns to its "
               "start, is a drafting slip (usually a wrong id) that leaves a task with no one to do or check it."),
    fix=("Sửa mã chủ thể cho đúng người nhận, người thay thế hoặc cấp trên",
         "Correct the id to the intended receiver, substitute or parent"),
    legal_basis=(*GOV_LEAD, *CONFORM),
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: "
              "[{reporting: {from: vu-a, to: vu-a, frequency: monthly}}]}]}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: "
              "[{reporting: {from: vu-a, to: chanh-van-phong, frequency: monthly}}]}]}"),
)
def self_reference(ctx: CheckContext) -> Iterator[Hit]:
    """No norm names one actor in two roles that must differ; parent and successor links have no cycle."""
    reg = ctx.reg
    for prov in reg.provisions:
        for norm in prov.norms:
            for actor, what in _self_refs(norm):
                yield Hit((prov.phrase,), actors=(actor,), at=norm.loc or prov.location, values={
                    "provision": prov.phrase, "name": reg.actor_name(actor), "what": _SELF_ROLES[what], "cycle": ""})
    for link in ("parent", "successor", "members"):
        edges = ([(a.id, m) for a in reg.actors for m in a.members] if link == "members" else
                 [(a.id, getattr(a, link)) for a in reg.actors if getattr(a, link)])
        if not has_cycle(edges):
            continue
        import networkx as nx  # lazy: only links that loop need the components (quyche_rules.graph)

        graph: nx.DiGraph[str] = nx.DiGraph(edges)
        for component in nx.strongly_connected_components(graph):
            members = sorted(component)
            if len(members) == 1 and not graph.has_edge(members[0], members[0]):
                continue
            first = reg.actor_by_id.get(members[0])
            cycle = "" if len(members) == 1 else " (" + " → ".join([*members, members[0]]) + ")"
            yield Hit(("actors.yaml",), actors=tuple(members), at=first.loc if first else None, values={
                "provision": "actors.yaml", "name": reg.actor_name(members[0]), "what": _SELF_ROLES[link],
                "cycle": cycle})


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero widths, word joiner, BOM
_SPACES = re.compile(r"\s+")  # any run of white space: a no-break space (U+00A0) too


def _name_key(name: str) -> str:
    """Return what tells two names apart to a reader: not case, invisible characters or the kind of space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", nfc(name))).casefold().strip()


def _overlap(a_from: dt.date | None, a_until: dt.date | None, b_from: dt.date | None, b_until: dt.date | None) -> bool:
    return (a_until is None or b_from is None or b_from <= a_until) and (
        b_until is None or a_from is None or a_from <= b_until)


@check(
    "QC114", "duplicate-name", "error",
    title=("Hai chủ thể, nhiệm vụ hoặc loại văn bản cùng tên", "Two actors, tasks or document types share a name"),
    message=("«{name}» là tên của cả `{first}` và `{second}` ({what})",
             "«{name}» names both `{first}` and `{second}` ({what})"),
    rationale=("Quy chế gọi chủ thể và nhiệm vụ bằng tên: hai đơn vị cùng tồn tại mang cùng một tên (ví dụ một đơn "
               "vị được đổi sang tên của đơn vị khác) thì không biết quy định nói về ai.",
               "The text names actors and tasks by name: two units that exist at the same time under one name (a "
               "unit renamed to another unit's name, say) leave a reader unable to tell whom a provision means."),
    fix=("Đổi tên một trong hai, hoặc gộp hai mã nếu là một", "Rename one of them, or merge the two ids if they are one"),
    legal_basis=(),  # the model's integrity: names must tell actors apart
    examples=("actors:\n  - {id: vu-c, name: Vụ A, kind: unit, parent: co-quan}\n"
              "  - {id: vu-truong-c, name: Vụ trưởng Vụ C, kind: unit_head, parent: vu-c}",
              "actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan}\n"
              "  - {id: vu-truong-c, name: Vụ trưởng Vụ C, kind: unit_head, parent: vu-c}"),
)
def duplicate_name(ctx: CheckContext) -> Iterator[Hit]:
    """Actors that exist at the same time, tasks and document types have distinct names and aliases."""
    reg = ctx.reg
    actors: dict[str, list[tuple[str, str]]] = {}  # a name as a reader tells it -> (id, the name as written)
    for a in reg.actors:
        for n in dict.fromkeys((a.name, *a.aliases)):
            actors.setdefault(_name_key(n), []).append((a.id, n))
    for named in actors.values():
        for i, (first, _) in enumerate(named):
            for second, written in named[i + 1:]:  # the name quoted is the one both bear, as the second writes it
                x, y = reg.actor_by_id[first], reg.actor_by_id[second]
                if first != second and _overlap(x.valid_from, x.valid_until, y.valid_from, y.valid_until):
                    yield Hit(("actors.yaml",), actors=(first, second), at=y.loc, values={
                        "name": written, "first": first, "second": second, "what": Text.of("chủ thể", "actors")})
    for items, what in ((reg.tasks, Text.of("nhiệm vụ", "tasks")),
                        (reg.document_types, Text.of("loại văn bản", "document types"))):
        seen: dict[str, str] = {}
        for item in items:
            key = _name_key(item.name)
            if key in seen and seen[key] != item.id:
                yield Hit(("tasks.yaml",), at=item.loc, values={
                    "name": item.name, "first": seen[key], "second": item.id, "what": what})
            seen.setdefault(key, item.id)


@check(
    "QC115", "successor-gap", "warning",
    title=("Chủ thể kế thừa không có mặt ngay khi chủ thể cũ kết thúc",
           "The successor does not exist the day after its predecessor ends"),
    message=("«{name}» kết thúc ngày {until} nhưng chủ thể kế thừa «{successor}» có hiệu lực {period}: nhiệm vụ "
             "không có người thực hiện {gap}",
             "«{name}» ends on {until} but its successor «{successor}» exists {period}: its duties have no holder "
             "{gap}"),
    rationale=("Khi một đơn vị kết thúc, đơn vị kế thừa phải nhận nhiệm vụ ngay ngày hôm sau; một khoảng trống (đơn "
               "vị mới lập muộn hơn) hoặc đơn vị kế thừa đã kết thúc trước làm nhiệm vụ không có người chịu trách "
               "nhiệm trong thời gian đó.",
               "When a unit ends its successor must take its duties the next day; a gap (the new unit created "
               "later) or a successor that ended earlier leaves the duties with no one answerable meanwhile."),
    fix=("Sửa ngày hiệu lực (valid_until của đơn vị cũ, valid_from của đơn vị kế thừa) cho liền nhau",
         "Make the dates meet: the old unit's valid_until and the successor's valid_from"),
    legal_basis=(*GOV_LEAD, *CONFORM),
    examples=("actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan, valid_until: 2023-06-30, "
              "successor: vu-d}\n  - {id: vu-d, name: Vụ D, kind: unit, parent: co-quan, valid_from: 2023-09-01}\n"
              "  - {id: vu-truong-d, name: Vụ trưởng Vụ D, kind: unit_head, parent: vu-d, valid_from: 2023-09-01}",
              "actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan, valid_until: 2023-06-30, "
              "successor: vu-d}\n  - {id: vu-d, name: Vụ D, kind: unit, parent: co-quan, valid_from: 2023-07-01}\n"
              "  - {id: vu-truong-d, name: Vụ trưởng Vụ D, kind: unit_head, parent: vu-d, valid_from: 2023-07-01}"),
)
def successor_gap(ctx: CheckContext) -> Iterator[Hit]:
    """Each ended actor's successor exists on the day after the actor's last day."""
    reg = ctx.reg
    for actor in reg.actors:
        nxt = reg.actor_by_id.get(actor.successor or "")
        if actor.valid_until is None or nxt is None or nxt.id == actor.id:
            continue
        next_day = actor.valid_until + dt.timedelta(days=1)
        if nxt.valid_on(next_day):
            continue
        if nxt.valid_from is not None and nxt.valid_from > next_day:
            gap = Text.of(f"từ {next_day.isoformat()} đến {(nxt.valid_from - dt.timedelta(days=1)).isoformat()}",
                          f"from {next_day.isoformat()} to {(nxt.valid_from - dt.timedelta(days=1)).isoformat()}")
        else:
            gap = Text.of(f"từ {next_day.isoformat()}", f"from {next_day.isoformat()}")
        yield Hit(("actors.yaml",), actors=(actor.id, nxt.id), at=actor.loc, values={
            "name": actor.name, "until": actor.valid_until.isoformat(), "successor": nxt.name,
            "period": f"{nxt.valid_from or '…'} – {nxt.valid_until or '…'}", "gap": gap})


@check(
    "QC116", "role-names-nobody", "warning",
    title=("Vai trò không chỉ ai cả", "A role that names nobody"),
    message=("{provision}: «{role}» chỉ {part} nhiệm vụ «{task}», nhưng quy chế không giao cho chủ thể nào {part} "
             "nhiệm vụ đó",
             "{provision}: «{role}» stands for whoever {part_en} «{task}», but the regulation gives that part to "
             "no actor"),
    rationale=("“Đơn vị chủ trì”, “cơ quan phối hợp” chỉ một chủ thể cụ thể khi quy chế có nơi giao việc chủ trì, phối "
               "hợp nhiệm vụ đó cho chủ thể ấy; nếu không, quy định không ràng buộc ai, và nhiệm vụ có thể không có "
               "người chủ trì.",
               "“The lead unit” or “the cooperating body” names someone only where the regulation gives that part "
               "of the task to an actor; otherwise the provision binds nobody, and the task may have no lead."),
    fix=("Giao việc chủ trì (phối hợp) nhiệm vụ cho một chủ thể, hoặc ghi chủ thể cụ thể thay cho vai trò",
         "Give the lead (cooperation) of the task to an actor, or name the actor instead of the role"),
    legal_basis=(),  # a rule of the tool: a reference must resolve
    examples=(
        "actors:\n  - {id: don-vi-chu-tri, name: Đơn vị chủ trì, kind: role, stands_for: lead}\n"
        "tasks:\n  - {id: gui-du-thao, name: Gửi dự thảo lấy ý kiến, needs_lead: false}\n"
        "articles:\n  - {article: '3', title: Lấy ý kiến, chapter: II, clauses: [{clause: '1', text: 'Đơn vị chủ trì "
        "gửi dự thảo lấy ý kiến.', norms: [{duty: {holder: don-vi-chu-tri, task: gui-du-thao}}]}]}",
        "actors:\n  - {id: don-vi-chu-tri, name: Đơn vị chủ trì, kind: role, stands_for: lead}\n"
        "tasks:\n  - {id: gui-du-thao, name: Gửi dự thảo lấy ý kiến}\n"
        "articles:\n  - {article: '3', title: Lấy ý kiến, chapter: II, clauses: [{clause: '1', text: 'Vụ A chủ trì gửi "
        "dự thảo lấy ý kiến.', norms: [{duty: {holder: vu-a, task: gui-du-thao, role: lead}}]}, {clause: '2', text: "
        "'Đơn vị chủ trì gửi dự thảo lấy ý kiến trong 05 ngày làm việc.', norms: [{duty: {holder: "
        "don-vi-chu-tri, task: gui-du-thao, role: lead, deadline: {working_days: 5}}}]}]}",
    ),
)
def role_names_nobody(ctx: CheckContext) -> Iterator[Hit]:
    """Every role a norm names stands for an actor the regulation gives that part of the norm's task."""
    reg = ctx.reg
    stands = {a.id: a for a in reg.actors if a.kind == "role" and a.stands_for}
    if not stands:
        return
    parts = role_parts(reg)
    for prov in reg.provisions:
        for norm in prov.norms:
            task = getattr(norm, "task", None) or ""
            for slot in ACTOR_SLOTS[NORM_KINDS[type(norm)]]:
                value = getattr(norm, slot, None)
                for actor in (value if isinstance(value, tuple) else (value,)):
                    role = stands.get(actor) if isinstance(actor, str) else None
                    if role is None or parts.get((task, str(role.stands_for))):
                        continue
                    vi, en = ("chủ trì", "leads") if role.stands_for == "lead" else ("phối hợp", "cooperates on")
                    yield Hit((prov.phrase,), actors=(role.id,), tasks=(task,) if task else (),
                              at=norm.loc or prov.location,
                              values={"provision": prov.phrase, "role": role.name, "part": vi, "part_en": en,
                                      "task": reg.task_name(task) if task else "—"})
