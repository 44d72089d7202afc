"""QC1xx (Python part): references that do not resolve, dangling cross-references, obsolete names and bases."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext, LegalRef
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text, joined
from quyche_rules.model import Delegation, Power, Prohibition

__all__: list[str] = []

_ACTOR_FIELDS = ("holder", "accountable_to", "from_", "to", "lead", "cooperating", "absent", "substitute",
                 "fallback", "targets")
_LAW80 = LegalRef("Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13", "khoản 1 Điều 12")
_ND66 = LegalRef("Nghị định 66/2022/NĐ-CP", "cơ cấu tổ chức",
                 "https://english.luatvietnam.vn/legal-updates/organizational-structure-of-the-committee-for-ethnic-minority-affairs-892-91637-article.html")


def _values(norm: object, names: Iterable[str]) -> Iterator[str]:
    for name in names:
        value = norm.__dict__.get(name, None)
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, str))


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return close[0] if close else ""


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
    legal_basis=(LegalRef("Nghị định 39/2022/NĐ-CP", "nguyên tắc làm việc",
                          "https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-39-2022-ND-CP-Quy-che-lam-viec-cua-Chinh-phu-518914.aspx"),),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-c, task: ke-hoach-nam}}]}]}",
              "articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-b, task: ke-hoach-nam}}]}]}"),
)
def unknown_actor(ctx: CheckContext) -> Iterator[Hit]:
    """Every actor id in a norm, and every actor's parent, is declared."""
    known = ctx.reg.actor_by_id
    for actor in ctx.reg.actors:
        if actor.parent and actor.parent not in known:
            hint = _suggest(actor.parent, known)
            yield Hit(("actors.yaml",), actors=(actor.parent,), at=actor.loc, values={
                "provision": f"actors.yaml ({actor.id})", "actor": actor.parent,
                "hint": _hint(hint)})
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
    legal_basis=(LegalRef("Nghị định 30/2020/NĐ-CP", "khoản 2 Điều 23"),),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-b, task: ke-hoach-nam-2}}]}]}",
              "articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, norms: [{duty: {holder: vu-b, task: ke-hoach-nam}}]}]}"),
)
def unknown_task(ctx: CheckContext) -> Iterator[Hit]:
    """Every task id in a norm is declared."""
    known = ctx.reg.task_by_id
    for prov in ctx.reg.provisions:
        for norm in prov.norms:
            task = norm.__dict__.get("task", None)
            if task and task not in known:
                hint = _suggest(task, known)
                yield Hit((prov.phrase,), tasks=(task,), at=norm.loc or prov.location, values={
                    "provision": prov.phrase, "task": task,
                    "hint": _hint(hint)})


@check(
    "QC103", "unknown-reference", "error",
    title=("Loại văn bản, lĩnh vực hoặc ủy quyền gốc không tồn tại", "Unknown document type, field or parent delegation"),
    message=("{provision} nhắc tới {what} «{value}» không được khai báo{hint}",
             "{provision} names {what} «{value}», which is not declared{hint}"),
    rationale=("Phạm vi ký và lĩnh vực được giao phải xác định được, nếu không thì không kiểm tra được giới hạn ủy quyền.",
               "Signing scopes and assigned fields must resolve, or the limits of a delegation cannot be checked."),
    fix=("Sửa mã, hoặc khai báo trong tasks.yaml", "Correct the id, or declare it in tasks.yaml"),
    legal_basis=(LegalRef("Nghị định 30/2020/NĐ-CP", "khoản 4 Điều 13"),),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, norms: [{power: {holder: vu-truong-b, action: sign, document_types: [giay-moi]}}]}]}",
              "articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, norms: [{power: {holder: vu-truong-b, action: sign, document_types: [giay-moi-hop]}}]}]}"),
)
def unknown_reference(ctx: CheckContext) -> Iterator[Hit]:
    """Document types, fields and ``via`` delegation ids resolve."""
    reg = ctx.reg
    docs, fields = reg.document_type_by_id, reg.field_by_id
    scope_known = set(docs) | set(reg.task_by_id)
    ids = {n.id for p in reg.provisions for n in p.norms if isinstance(n, Delegation) and n.id}

    def hit(prov_phrase: str, at: object, what: tuple[str, str], value: str, known: Iterable[str]) -> Hit:
        hint = _suggest(value, known)
        return Hit((prov_phrase,), at=at, values={  # type: ignore[arg-type]
            "provision": prov_phrase, "what": Text.of(*what), "value": value, "hint": _hint(hint)})

    for actor in reg.actors:
        for f in actor.fields:
            if f not in fields:
                yield hit("actors.yaml", actor.loc, ("lĩnh vực", "field"), f, fields)
    for prov in reg.provisions:
        for norm in prov.norms:
            at = norm.loc or prov.location
            if isinstance(norm, (Power, Prohibition)):
                for d in norm.document_types:
                    if d not in docs:
                        yield hit(prov.phrase, at, ("loại văn bản", "document type"), d, docs)
            if isinstance(norm, Delegation):
                for s in norm.scope:
                    if s not in scope_known:
                        yield hit(prov.phrase, at, ("phạm vi", "scope item"), s, scope_known)
                for f in norm.fields:
                    if f not in fields:
                        yield hit(prov.phrase, at, ("lĩnh vực", "field"), f, fields)
                if norm.via and norm.via not in ids:
                    yield hit(prov.phrase, at, ("ủy quyền gốc", "parent delegation"), norm.via, ids)


@check(
    "QC104", "dangling-cross-reference", "error",
    title=("Dẫn chiếu tới quy định không tồn tại", "Cross-reference to a provision that does not exist"),
    message=("{provision} dẫn chiếu {target}, nhưng {which} không tồn tại",
             "{provision} refers to {target}, which {which} not exist"),
    rationale=("Văn bản sửa đổi phải xác định rõ điều, khoản, điểm; dẫn chiếu treo khiến người thực hiện không biết áp dụng gì.",
               "Provisions must be cited exactly; a dangling reference leaves the reader nothing to apply."),
    fix=("Sửa dẫn chiếu cho đúng điều, khoản, điểm hiện có", "Point the reference at an existing article, clause or point"),
    legal_basis=(_LAW80,),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, text: 'Thực hiện theo khoản 7 Điều 1.'}",
              "articles:\n  - {article: '3', title: X, chapter: II, text: 'Thực hiện theo khoản 1 Điều 1.'}"),
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
    legal_basis=(_LAW80,),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, text: 'Thực hiện theo Điều 2 đến Điều 1.'}",
              "articles:\n  - {article: '3', title: X, chapter: II, text: 'Thực hiện theo Điều 1 đến Điều 2.'}"),
)
def unreadable_citation(ctx: CheckContext) -> Iterator[Hit]:
    """Every citation phrase in provision text can be read (one finding a phrase)."""
    for phrase, unread in ctx.unreadable:
        err = unread.error
        expected = err.expected or Text.of("một trích dẫn đọc được", "a citation that can be read")
        yield Hit((phrase,), values={"provision": phrase, "what": err.what, "expected": expected}, fix=err.fix)


@check(
    "QC110", "obsolete-unit-name", "warning",
    title=("Văn bản nêu tên đơn vị đã giải thể, sáp nhập hoặc đổi tên", "Text names a unit that no longer exists"),
    message=("{provision} nêu tên {name}, đơn vị không còn tồn tại vào {day}",
             "{provision} names {name}, which no longer exists on {day}"),
    rationale=("Mọi đơn vị nêu trong quy chế phải có trong nghị định quy định cơ cấu tổ chức hiện hành.",
               "Every unit named in the regulation must exist in the current functions decree."),
    fix=("Thay tên cũ bằng tên đơn vị kế thừa", "Replace the old name with the successor unit's name"),
    legal_basis=(_ND66,),
    examples=("actors:\n  - {id: vu-c, name: Vụ Cũ, kind: unit, parent: co-quan, valid_until: 2020-01-01}\n"
              "articles:\n  - {article: '3', title: X, chapter: II, text: 'Vụ Cũ báo cáo hằng tháng.'}",
              "actors:\n  - {id: vu-c, name: Vụ Cũ, kind: unit, parent: co-quan, valid_until: 2020-01-01}\n"
              "articles:\n  - {article: '3', title: X, chapter: II, text: 'Vụ B báo cáo hằng tháng.'}"),
)
def obsolete_unit_name(ctx: CheckContext) -> Iterator[Hit]:
    """Provision text does not name units that are not valid on the date checked."""
    gone = [a for a in ctx.reg.actors if a.kind in ("unit", "body") and not a.valid_on(ctx.day)]
    if not gone:
        return
    names = sorted({(n, a.id) for a in gone for n in (a.name, *a.aliases) if len(n) > 3}, key=lambda x: -len(x[0]))
    for prov in ctx.reg.provisions:
        text = prov.text
        for name, actor_id in names:
            if name in text:
                yield Hit((prov.phrase,), actors=(actor_id,), values={
                    "provision": prov.phrase, "name": name, "day": ctx.day.isoformat()})
                text = text.replace(name, "")


@check(
    "QC111", "legal-basis-not-in-force", "error",
    title=("Căn cứ pháp lý không còn hiệu lực", "Legal basis not in force"),
    message=("Căn cứ {number} không còn hiệu lực vào {day}{replaced}",
             "Legal basis {number} is not in force on {day}{replaced}"),
    rationale=("Quy chế phải căn cứ văn bản đang có hiệu lực: QĐ 588/QĐ-UBDT căn cứ NĐ 39/2022 và NĐ 66/2022, "
               "không phải NĐ 138/2016 hay NĐ 13/2017.",
               "A regulation must rest on instruments in force: QĐ 588/QĐ-UBDT cites Decrees 39/2022 and 66/2022, "
               "not 138/2016 or 13/2017."),
    fix=("Thay căn cứ bằng văn bản thay thế đang có hiệu lực", "Replace the basis with the instrument now in force"),
    legal_basis=(LegalRef("Quyết định 588/QĐ-UBDT", "phần căn cứ",
                          "https://hethongphapluat.com/quyet-dinh-588-qd-ubdt-nam-2023-ve-quy-che-lam-viec-cua-uy-ban-dan-toc.html"),),
    examples=("regulation:\n  legal_bases:\n    - {id: nd-138-2016, number: 138/2016/NĐ-CP, title: Quy chế làm việc của Chính phủ, "
              "issued: 2016-10-01, valid_until: 2022-06-17, replaced_by: 39/2022/NĐ-CP}",
              "regulation:\n  legal_bases:\n    - {id: nd-39-2022, number: 39/2022/NĐ-CP, title: Quy chế làm việc của Chính phủ, "
              "issued: 2022-06-18}"),
)
def legal_basis_not_in_force(ctx: CheckContext) -> Iterator[Hit]:
    """Every legal basis is in force on the date checked."""
    for basis in ctx.reg.meta.legal_bases:
        if not basis.in_force_on(ctx.day):
            rep = basis.replaced_by
            yield Hit(("regulation.yaml",), at=basis.loc, values={
                "number": basis.number, "day": ctx.day.isoformat(),
                "replaced": Text.of(f" (đã được thay thế bởi {rep})", f" (replaced by {rep})") if rep else ""})
