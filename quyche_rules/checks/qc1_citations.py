"""QC1xx (Python part): cross-references that lead nowhere or cannot be read, and units named as they were.

A provision's text cites a provision that does not exist, or cites it in words the grammar cannot read; a text
names a unit by a name it no longer bears on the day.
"""

from __future__ import annotations

from collections.abc import Iterator

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.facts.organisation import held_successors
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text, joined

__all__: list[str] = []


@check(
    "QC104", "dangling-cross-reference", "error",
    title=("Dẫn chiếu tới quy định không tồn tại", "Cross-reference to a provision that does not exist"),
    message=("{provision} dẫn chiếu {target}, nhưng {which} không tồn tại",
             "{provision} refers to {target}, which {which} not exist"),
    rationale=("Văn bản sửa đổi phải xác định rõ điều, khoản, điểm; dẫn chiếu treo khiến người thực hiện không biết áp dụng gì.",
               "Provisions must be cited exactly; a dangling reference leaves the reader nothing to apply."),
    fix=("Sửa dẫn chiếu cho đúng điều, khoản, điểm hiện có", "Point the reference at an existing article, clause or point"),
    legal_basis=(),  # a defect of the text itself: no binding rule on citation form reaches a working regulation
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Thực hiện theo khoản 7 Điều 1.'}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Thực hiện theo khoản 1 Điều 1.'}"),
)
def dangling_cross_reference(ctx: CheckContext) -> Iterator[Hit]:
    """Every citation in provision text resolves to a provision of the regulation (one finding a provision)."""
    targets: dict[str, list[str]] = {}
    for phrase, target in ctx.dangling:
        targets.setdefault(phrase, []).append(target)
    for phrase, cited in targets.items():
        which = Text.of("quy định này", "does") if len(cited) == 1 else Text.of("các quy định này", "do")
        yield Hit((phrase,), values={"provision": phrase, "target": joined(cited), "which": which})


@check(
    "QC112", "unreadable-citation", "warning",
    title=("Trích dẫn không đọc được", "Citation that cannot be read"),
    message=("{provision}: {what}; cần {expected}", "{provision}: {what}; expected {expected}"),
    rationale=("Trích dẫn phải xác định rõ điều, khoản, điểm; một trích dẫn sai thứ tự, khoảng giảm dần hay danh sách "
               "dài bất thường không chỉ tới quy định nào chắc chắn, và không kiểm tra được.",
               "A citation must name its article, clause and point exactly; one with units in the wrong order, a "
               "decreasing range or an abnormally long list points nowhere certain and cannot be checked."),
    fix=("Viết lại trích dẫn: đơn vị nhỏ trước (điểm, khoản, Điều), khoảng tăng dần, danh sách ngắn",
         "Rewrite the citation: smallest unit first (điểm, khoản, Điều), increasing ranges, short lists"),
    legal_basis=(),  # a defect of the text itself: no binding rule on citation form reaches a working regulation
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Thực hiện theo Điều 2 đến Điều 1.'}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Thực hiện theo Điều 1 đến Điều 2.'}"),
)
def unreadable_citation(ctx: CheckContext) -> Iterator[Hit]:
    """Every citation phrase in provision text can be read (one finding a phrase)."""
    for phrase, unread in ctx.unreadable:
        err = unread.error
        expected = err.expected or Text.of("một trích dẫn đọc được", "a citation that can be read")
        yield Hit((phrase,), values={"provision": phrase, "what": err.what, "expected": expected}, fix=err.fix)


@check(
    "QC110", "obsolete-unit-name", "warning",
    title=("Quy chế nêu đơn vị, chức danh đã giải thể, sáp nhập hoặc đổi tên",
           "The regulation names a unit or post that no longer exists"),
    message=("{name} không còn tồn tại vào {day} (chủ thể kế thừa{under}: {successor}) nhưng vẫn được nêu tại "
             "{count} quy định: {provisions}",
             "{name} no longer exists on {day} (successor{under}: {successor}) but is still named in {count} "
             "provision(s): {provisions}"),
    rationale=("Khi đơn vị bị sáp nhập, đổi tên và có đơn vị kế thừa (ghi ở successor trong actors.yaml), nhiệm vụ "
               "vẫn có người đảm nhận nhưng cách gọi trong quy chế đã cũ: người đọc phải tự suy ra ai thực hiện. "
               "Kiểm tra cả tên nêu trong lời văn và chủ thể nêu trong quy định (nhiệm vụ, quyền hạn, ủy quyền, "
               "phối hợp, báo cáo), một phát hiện cho mỗi chủ thể; không có chủ thể kế thừa thì là QC105-QC109.",
               "When a unit is merged or renamed and has a successor (successor in actors.yaml), its duties still "
               "have a holder but the regulation's wording is out of date: a reader must work out who acts. Covers "
               "names in the text and the actors named by norms (duties, powers, delegations, coordination, "
               "reporting), one finding an actor; without a successor it is QC105-QC109."),
    fix=("Thay tên cũ bằng tên chủ thể kế thừa tại các quy định đã nêu",
         "Replace the old name with the successor's in the provisions listed"),
    legal_basis=(),  # which units exist when is the regulation's data (actors.yaml), not the check's
    examples=("actors:\n  - {id: vu-c, name: Vụ Cũ, kind: unit, parent: co-quan, valid_until: 2020-01-01}\n"
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Vụ Cũ báo cáo hằng tháng.'}",
              "actors:\n  - {id: vu-c, name: Vụ Cũ, kind: unit, parent: co-quan, valid_until: 2020-01-01}\n"
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Vụ B báo cáo hằng tháng.'}"),
    reads_facts=True,
)
def obsolete_unit_name(ctx: CheckContext) -> Iterator[Hit]:
    """Neither provision text nor norms name units or posts that are not valid on the date checked.

    A norm's reference is reported here only when the actor has a successor (the duty has a holder, the wording
    is old); without one, QC105-QC109 report the orphaned norm. One finding an actor, listing its provisions.
    """
    gone = [a for a in ctx.reg.actors if a.valid_until is not None and a.valid_until < ctx.day]
    renamed = [(f.name, a.id) for a in ctx.reg.actors if a.kind in ("unit", "body") and a.valid_on(ctx.day)
               for f in a.former_names if f.until < ctx.day and len(f.name) > 3]
    if renamed:  # a unit renamed in place: its old name, as an old unit's (the unit itself is its "successor")
        yield from _former_names(ctx, renamed)
    if not gone:  # an actor not created yet is no obsolete name: QC105-QC109 (norms), QC604 (amendments)
        return
    gone_ids = {a.id for a in gone}
    succ = held_successors(ctx.reg, ctx.day)
    named: dict[str, dict[str, None]] = {}
    for f in ctx.facts:
        if f["kind"] == "actor_ref" and f["actor_known"] == 1 and f["actor_valid"] == 0 and f["actor_successor"] \
                and f["actor"] in gone_ids:
            named.setdefault(str(f["actor"]), {})[str(f["provision"])] = None
    units = [a for a in gone if a.kind in ("unit", "body")]
    names = {(n, a.id) for a in units for n in (a.name, *a.aliases) if len(n) > 3}
    for (_, actor_id), phrase in _naming(ctx, names):
        named.setdefault(actor_id, {})[phrase] = None
    for actor_id, phrases in named.items():
        successor = succ.get(actor_id, "")
        ended = ctx.reg.actor_by_id[actor_id].ended_by if actor_id in ctx.reg.actor_by_id else None
        entry = ctx.law.get(ended.id) if ended is not None else None
        under: Text | str = ""
        if entry is not None and ended is not None:
            act = f"{ended.provision} {entry.name}".strip()
            under = Text.of(f" theo {act}", f" under {act}")
        yield Hit(tuple(phrases), actors=(actor_id, *((successor,) if successor else ())), values={
            "name": ctx.reg.actor_name(actor_id), "day": ctx.day.isoformat(), "count": len(phrases), "under": under,
            "provisions": joined(list(phrases), "; "),
            "successor": ctx.reg.actor_name(successor) if successor else "—"})


def _naming(ctx: CheckContext, names: set[tuple[str, str]]) -> list[tuple[tuple[str, str], str]]:
    """Return ((old name, actor), provision) for each provision whose text uses one of ``names``, in text order.

    Longest names first (then by name and id), each occurrence counted once; a valid actor's name that contains an
    old one ("Trung tâm Thông tin và Truyền thông" holding "Trung tâm Thông tin") is not the old one.
    """
    masks = sorted({n for a in ctx.reg.actors if a.valid_on(ctx.day) for n in (a.name, *a.aliases)
                    if any(old in n for old, _ in names)}, key=lambda n: (-len(n), n))
    ordered = sorted(names, key=lambda x: (-len(x[0]), x))
    found: list[tuple[tuple[str, str], str]] = []
    for prov in ctx.reg.provisions:
        text = prov.text
        for mask in masks:
            text = text.replace(mask, "\x00")
        for name, actor_id in ordered:
            if name in text:
                found.append(((name, actor_id), prov.phrase))
                text = text.replace(name, "\x00")
    return found


def _former_names(ctx: CheckContext, renamed: list[tuple[str, str]]) -> Iterator[Hit]:
    """Report the provisions whose text still uses a unit's former name (a rename that kept its id)."""
    named: dict[tuple[str, str], dict[str, None]] = {}
    for key, phrase in _naming(ctx, set(renamed)):
        named.setdefault(key, {})[phrase] = None
    for (name, actor_id), phrases in named.items():
        yield Hit(tuple(phrases), actors=(actor_id,), values={
            "name": name, "day": ctx.day.isoformat(), "count": len(phrases), "under": "",
            "provisions": joined(list(phrases), "; "), "successor": ctx.reg.actor_name(actor_id)})
