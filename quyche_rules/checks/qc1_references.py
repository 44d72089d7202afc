"""QC1xx (Python part): references that do not resolve, dangling cross-references, obsolete names and bases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.facts.organisation import held_successors
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text, joined
from quyche_rules.loading.problems import did_you_mean
from quyche_rules.model import Delegation, Power, Prohibition

__all__: list[str] = []

_ACTOR_FIELDS = ("holder", "accountable_to", "from_", "to", "on_behalf_of", "lead", "cooperating", "absent",
                 "substitute",
                 "fallback", "targets")


_BASE_FIX = Text.of(
    "Dùng mã của văn bản trong danh mục (quyche law), hoặc mô tả văn bản trong instruments: của regulation.yaml",
    "Use the instrument's id in the catalogue (quyche law), or describe it under instruments: in regulation.yaml",
)


def _values(norm: object, names: Iterable[str]) -> Iterator[str]:
    for name in names:
        value = norm.__dict__.get(name, None)
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, str))


def _suggest(value: str, known: Iterable[str]) -> str:
    return did_you_mean(value, known) or ""


#: the fix of QC102/QC103 for a norm an amendment file wrote: the draft declares it under its catalogue: key
_DRAFT_FIX = {
    "QC102": Text.of("Sửa mã nhiệm vụ, hoặc khai báo nhiệm vụ dưới khóa catalogue: (tasks:) của văn bản sửa đổi",
                     "Correct the id, or declare the task under the draft's catalogue: key (tasks:)"),
    "QC103": Text.of("Sửa mã, hoặc khai báo dưới khóa catalogue: của văn bản sửa đổi (tasks:, fields:, "
                     "document_types:)",
                     "Correct the id, or declare it under the draft's catalogue: key (tasks:, fields:, "
                     "document_types:)"),
}


def _drafted(ctx: CheckContext, found: Hit, code: str) -> Hit:
    """Return ``found`` with the draft's fix when it lies outside the regulation's folder (in an amendment file)."""
    own, at = ctx.reg.meta.loc, found.at
    if own is None or at is None or Path(at.file).resolve().is_relative_to(Path(own.file).resolve().parent):
        return found
    return replace(found, fix=_DRAFT_FIX[code])


def _hint(close: str) -> Text | str:
    """Return the "did you mean" that ends a message, or nothing."""
    return Text.of(f"; có phải ý bạn là {close!r}?", f"; did you mean {close!r}?") if close else ""


@check(
    "QC101", "unknown-actor", "error",
    title=("Chủ thể không có trong actors.yaml", "Actor not in actors.yaml"),
    message=("{provision} nhắc tới chủ thể «{actor}» không có trong actors.yaml{hint}; cần một mã chủ thể đã khai báo",
             "{provision} names actor «{actor}», which actors.yaml does not define{hint}; expected a declared actor id"),
    rationale=("Một nhiệm vụ giao cho chủ thể không tồn tại là nhiệm vụ không có ai thực hiện.",
               "A duty given to an actor that does not exist is a duty nobody holds."),
    fix=("Sửa mã chủ thể, hoặc khai báo chủ thể trong actors.yaml", "Correct the id, or declare the actor in actors.yaml"),
    legal_basis=(),  # the model's integrity: an actor id that actors.yaml lacks
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-c, task: ke-hoach-nam}}]}]}",
              "actors:\n  - {id: bo-tai-chinh, name: Bộ Tài chính, kind: external}\n"
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-b, task: ke-hoach-nam}}]}, "
              "{clause: '2', text: 'Vụ B báo cáo Bộ Tài chính hằng năm.', norms: [{reporting: {from: vu-b, to: bo-tai-chinh, frequency: yearly}}]}]}"),
)
def unknown_actor(ctx: CheckContext) -> Iterator[Hit]:
    """Every actor id the regulation names is declared.

    The body, the actors of every norm, each actor's parent, successor and members, and the collective's members.
    """
    known = ctx.reg.actor_by_id
    body = ctx.reg.meta.body
    if body not in known:
        yield Hit(("regulation.yaml",), actors=(body,), at=ctx.reg.meta.loc, values={
            "provision": "regulation.yaml (body)", "actor": body, "hint": _hint(_suggest(body, known))})
    collective = ctx.reg.meta.collective
    if collective is not None:
        for ref in (collective.body, *collective.members, collective.casting, *collective.without_vote):
            if ref and ref not in known:
                yield Hit(("regulation.yaml",), actors=(ref,), at=collective.loc, values={
                    "provision": "regulation.yaml (collective)", "actor": ref, "hint": _hint(_suggest(ref, known))})
    for actor in ctx.reg.actors:
        for ref in (actor.parent, actor.successor, *actor.members):
            if ref and ref not in known:
                yield Hit(("actors.yaml",), actors=(ref,), at=actor.loc, values={
                    "provision": f"actors.yaml ({actor.id})", "actor": ref, "hint": _hint(_suggest(ref, known))})
    for prov in ctx.reg.provisions:
        for norm in prov.norms:
            for value in _values(norm, _ACTOR_FIELDS):
                if value not in known:
                    hint = _suggest(value, known)
                    yield Hit((prov.phrase,), actors=(value,), at=norm.loc or prov.location, values={
                        "provision": prov.phrase, "actor": value,
                        "hint": _hint(hint)})


@check(
    "QC102", "unknown-task", "error",
    title=("Nhiệm vụ không có trong tasks.yaml", "Task not in tasks.yaml"),
    message=("{provision} nhắc tới nhiệm vụ «{task}» không có trong tasks.yaml{hint}; cần một mã nhiệm vụ đã khai báo",
             "{provision} names task «{task}», which tasks.yaml does not define{hint}; expected a declared task id"),
    rationale=("Nhiệm vụ không có trong danh mục thì không kiểm tra được ai chủ trì, ai phối hợp.",
               "A task missing from the catalogue cannot be checked for its lead and cooperators."),
    fix=("Sửa mã nhiệm vụ, hoặc khai báo nhiệm vụ trong tasks.yaml", "Correct the id, or declare the task in tasks.yaml"),
    legal_basis=(),  # the model's integrity: a task id that tasks.yaml lacks
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-b, task: ke-hoach-nam-2}}]}]}",
              "actors:\n  - {id: bo-tai-chinh, name: Bộ Tài chính, kind: external}\n"
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-b, task: ke-hoach-nam}}]}, "
              "{clause: '2', text: 'Vụ B báo cáo Bộ Tài chính hằng năm.', norms: [{reporting: {from: vu-b, to: bo-tai-chinh, frequency: yearly}}]}]}"),
)
def unknown_task(ctx: CheckContext) -> Iterator[Hit]:
    """Every task id in a norm is declared."""
    known = ctx.reg.task_by_id
    for prov in ctx.reg.provisions:
        for norm in prov.norms:
            task = norm.__dict__.get("task", None)
            if task and task not in known:
                hint = _suggest(task, known)
                yield _drafted(ctx, Hit((prov.phrase,), tasks=(task,), at=norm.loc or prov.location, values={
                    "provision": prov.phrase, "task": task,
                    "hint": _hint(hint)}), "QC102")


@check(
    "QC103", "unknown-reference", "error",
    title=("Loại văn bản, lĩnh vực, ủy quyền gốc hoặc căn cứ pháp lý không tồn tại",
           "Unknown document type, field, parent delegation or legal basis"),
    message=("{provision} nhắc tới {what} «{value}» không được khai báo{hint}",
             "{provision} names {what} «{value}», which is not declared{hint}"),
    rationale=("Phạm vi ký và lĩnh vực được giao phải xác định được, nếu không thì không kiểm tra được giới hạn ủy quyền.",
               "Signing scopes and assigned fields must resolve, or the limits of a delegation cannot be checked."),
    fix=("Sửa mã, hoặc khai báo trong tasks.yaml", "Correct the id, or declare it in tasks.yaml"),
    legal_basis=(),  # the model's integrity: an id that the regulation does not declare
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: [{power: {holder: vu-truong-b, action: sign, document_types: [giay-moi]}}]}]}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, norms: [{power: {holder: vu-truong-b, action: sign, document_types: [giay-moi-hop]}}]}]}"),
)
def unknown_reference(ctx: CheckContext) -> Iterator[Hit]:
    """Document types, fields, ``via`` delegation ids and legal bases resolve."""
    reg = ctx.reg
    docs, fields = reg.document_type_by_id, reg.field_by_id
    scope_known = set(docs) | set(reg.task_by_id)
    ids = {n.id for p in reg.provisions for n in p.norms if isinstance(n, Delegation) and n.id}

    def hit(prov_phrase: str, at: object, what: tuple[str, str], value: str, known: Iterable[str]) -> Hit:
        hint = _suggest(value, known)
        return _drafted(ctx, Hit((prov_phrase,), at=at, values={  # type: ignore[arg-type]
            "provision": prov_phrase, "what": Text.of(*what), "value": value, "hint": _hint(hint)}), "QC103")

    instruments = ctx.law.instruments
    for base in reg.meta.legal_bases:
        if base.id not in instruments:
            found = hit("regulation.yaml", base.loc, ("căn cứ pháp lý", "legal basis"), base.id, instruments)
            yield replace(found, fix=_BASE_FIX)
    for actor in reg.actors:
        for f in actor.fields:
            if f not in fields:
                yield hit("actors.yaml", actor.loc, ("lĩnh vực", "field"), f, fields)
        for act in (actor.created_by, actor.ended_by):
            if act is not None and act.id not in instruments:
                found = hit("actors.yaml", act.loc or actor.loc, ("văn bản tổ chức", "organising instrument"),
                            act.id, instruments)
                yield replace(found, fix=_BASE_FIX)
    for prov in reg.provisions:
        for norm in prov.norms:  # (where it is written is asked only for a hit: a position made for every norm
            # would be kept on it, megabytes on a large regulation)
            if isinstance(norm, (Power, Prohibition)):
                for d in norm.document_types:
                    if d not in docs:
                        yield hit(prov.phrase, norm.loc or prov.location, ("loại văn bản", "document type"), d, docs)
            if isinstance(norm, Delegation):
                for s in norm.scope:
                    if s not in scope_known:
                        yield hit(prov.phrase, norm.loc or prov.location, ("phạm vi", "scope item"), s, scope_known)
                for f in norm.fields:
                    if f not in fields:
                        yield hit(prov.phrase, norm.loc or prov.location, ("lĩnh vực", "field"), f, fields)
                if norm.via and norm.via not in ids:
                    yield hit(prov.phrase, norm.loc or prov.location, ("ủy quyền gốc", "parent delegation"), norm.via,
                              ids)


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
    names = sorted({(n, a.id) for a in units for n in (a.name, *a.aliases) if len(n) > 3}, key=lambda x: -len(x[0]))
    # a valid actor's name that contains an old one ("Trung tâm Thông tin và Truyền thông") is not the old one
    masks = sorted({n for a in ctx.reg.actors if a.valid_on(ctx.day) for n in (a.name, *a.aliases)
                    if any(old in n for old, _ in names)}, key=len, reverse=True)
    for prov in ctx.reg.provisions:
        text = prov.text
        for mask in masks:
            text = text.replace(mask, "\x00")
        for name, actor_id in names:
            if name in text:
                named.setdefault(actor_id, {})[prov.phrase] = None
                text = text.replace(name, "\x00")
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
