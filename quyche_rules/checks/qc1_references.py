"""QC1xx (Python part): actors, tasks and legal bases that norms name but nobody declared (QC101-QC103).

Cross-references in provision text and obsolete unit names: :mod:`quyche_rules.checks.qc1_citations`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
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
    """Every task id in a norm, and in what an ended actor's successor took over (``takes_over``), is declared."""
    known = ctx.reg.task_by_id
    seen: set[tuple[object, str]] = set()  # (where, task): a unit's posts carry the operation's list too
    for actor in ctx.reg.actors:
        for taken in actor.takes_over if isinstance(actor.takes_over, tuple) else ():
            if taken not in known and (actor.loc, taken) not in seen:
                seen.add((actor.loc, taken))
                yield _drafted(ctx, Hit(("actors.yaml",), actors=(actor.id,), tasks=(taken,), at=actor.loc, values={
                    "provision": f"takes_over ({actor.id})", "task": taken, "hint": _hint(_suggest(taken, known))}),
                    "QC102")
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
