"""Consolidation: apply amendments to a base regulation in order of effect, with provenance on every change.

The result is a view without legal effect of its own (văn bản hợp nhất). The base is never mutated: every
edit builds new frozen models; unchanged provisions keep their file and line, changed ones point at the
amendment file. Each operation is a plain function over the :class:`~quyche_rules.amend.state.Step`, chosen
from :data:`OPERATIONS` by its kind; what they find becomes QC6xx findings at the amendment file's line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quyche_rules.amend import op_organisation, op_phrases, op_provisions
from quyche_rules.amend.op_conflicts import across, conflicts
from quyche_rules.amend.provision_tree import Node
from quyche_rules.amend.records import incorporated, recorded
from quyche_rules.amend.state import Consolidation, Step
from quyche_rules.checks.produce import produce_hits
from quyche_rules.findings import Finding, sort_findings
from quyche_rules.i18n import Text
from quyche_rules.model import Article, Clause, LegalBase, Regulation, document_order
from quyche_rules.model.amendment import (
    AmendItem,
    AmendmentFile,
    DissolveItem,
    InsertItem,
    MergeItem,
    RenameItem,
    RepealItem,
    ReplaceArticleItem,
    ReplacePhraseItem,
    SplitItem,
)
from quyche_rules.model.base import Model

__all__ = ["OPERATIONS", "Consolidated", "apply_amendments", "order_amendments", "without_history"]

#: the function that applies each kind of operation
OPERATIONS: dict[type, Callable[[Step, Any], None]] = {
    AmendItem: op_provisions.amend,
    RepealItem: op_provisions.repeal,
    InsertItem: op_provisions.insert,
    ReplaceArticleItem: op_provisions.replace_article,
    ReplacePhraseItem: op_phrases.replace_phrase,
    RenameItem: op_organisation.rename,
    MergeItem: op_organisation.merge,
    SplitItem: op_organisation.split,
    DissolveItem: op_organisation.dissolve,
}


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
    """Return ``reg`` without provenance: every provision's ``history``, the amendments recorded (content only)."""

    def strip(node: Node) -> Any:
        if isinstance(node, Article):
            return node.model_copy(update={"history": (), "clauses": tuple(strip(c) for c in node.clauses)})
        if isinstance(node, Clause):
            return node.model_copy(update={"history": (), "points": tuple(strip(p) for p in node.points)})
        return node.model_copy(update={"history": ()})

    return _rebuild(reg, meta=reg.meta.model_copy(update={"consolidation": None}),
                    articles=tuple(strip(a) for a in reg.articles))


def _bases(own: tuple[LegalBase, ...], applied: Sequence[AmendmentFile]) -> tuple[LegalBase, ...]:
    """Return the consolidated text's legal bases: the regulation's, then each amendment's new ones, in order.

    An amendment's bases keep where they are written (its file and line), so a stale one is reported there, even
    when the regulation itself names the same instrument: the amendment's drafter wrote it again, later.
    """
    extra = []
    for amendment in applied:
        ids: set[str] = set()
        for base in amendment.amendment.bases:
            if base.id not in ids:
                ids.add(base.id)
                extra.append(base)
    return (*own, *extra)


def _once(state: Consolidation, amendments: Iterable[AmendmentFile]) -> list[AmendmentFile]:
    """Return the amendments in order of effect, each id once, none that the base already incorporates.

    A second file with an id already given (or the same file given twice), or an amendment the base (a consolidated
    text) already records, is reported (QC009) at its ``id`` and not applied.
    """
    first: dict[str, AmendmentFile] = {}
    recorded = incorporated(state.base)
    for amendment in amendments:
        seen = first.setdefault(amendment.id, amendment)
        step = Step(state, amendment, None)
        if seen is not amendment:
            same = seen.loc is not None and amendment.loc is not None and seen.loc.file == amendment.loc.file
            step.report("QC009", amendment.amendment.key_loc("id"), {
                "id": amendment.id,
                "first": Step(state, seen, None).file,
                "how": Text.of("cùng một tệp được đưa vào hai lần", "the same file is given twice") if same
                else Text.of("hai tệp mang cùng mã", "two files carry the same id"),
            })
        elif amendment.id in recorded:
            del first[amendment.id]
            step.report("QC009", amendment.amendment.key_loc("id"), {
                "id": amendment.id, "first": recorded[amendment.id],
                "how": Text.of(f"văn bản gốc {state.base.id} là văn bản hợp nhất đã có văn bản sửa đổi này",
                               f"the base {state.base.id} is a consolidated text that already incorporates it"),
            }, fix=Text.of("Bỏ văn bản sửa đổi này khỏi lệnh, hoặc hợp nhất từ văn bản gốc chưa được sửa đổi",
                           "Leave this amendment out, or consolidate from the text before it was amended"))
    return order_amendments(first.values())


def _dates(step: Step) -> None:
    """Report an amendment in effect before it was issued, or before the regulation it amends (QC608)."""
    header = step.amendment.amendment
    base = step.state.base.meta
    for day, what in ((header.instrument.date, Text.of(f"ngày ký ban hành {header.instrument.number}",
                                                      f"the signing of {header.instrument.number}")),
                      (base.effective, Text.of(f"ngày quy chế {base.id} có hiệu lực",
                                               f"the day regulation {base.id} took effect"))):
        if header.effective < day:
            step.report("QC608", header, {
                "id": header.id, "effective": header.effective.isoformat(), "what": what, "day": day.isoformat(),
            })


def _rebuild(reg: Regulation, **updates: Any) -> Regulation:
    values = {name: getattr(reg, name) for name in type(reg).model_fields}
    values.update(updates)
    return Regulation(**values)


def _apply(step: Step) -> bool:
    """Apply one amendment: its conflicts, its catalogue, its operations in order, then the checks on the result.

    Return False, having applied nothing, for an amendment of another regulation (QC601 at its ``amends``).
    """
    header = step.amendment.amendment
    base = step.state.base.id
    if header.amends != base:
        step.report("QC601", header.key_loc("amends"), {
            "target": Text.of(f"Quy chế {header.amends}", f"Regulation {header.amends}"),
            "why": Text.of("không phải quy chế được sửa", "is not the regulation amended"),
            "hint": Text.of(f"; văn bản gốc là {base}: văn bản sửa đổi này không được áp dụng",
                            f"; the base is {base}: this amendment is not applied"),
        }, fix=Text.of(f"Kiểm tra với đúng văn bản gốc (thư mục của quy chế {header.amends}), hoặc sửa amends: "
                       f"thành {base} nếu văn bản này sửa quy chế đó",
                       f"Check it against its own base (the folder of regulation {header.amends}), or set "
                       f"amends: {base} if it amends that regulation"))
        return False
    _dates(step)
    conflicts(step)
    _add_catalogue(step)
    ended_before = len(step.state.actors.ended)
    for op in step.amendment.operations:
        OPERATIONS[type(op)](step, op)
    op_phrases.check_names(step)
    op_organisation.check_orphans(step, ended_before)
    if step.changed or header.bases:  # its căn cứ are part of the consolidated text from its date on
        step.changed = True
        effective = step.amendment.effective
        step.state.version = max(step.state.version or effective, effective)
    return True


def _add_catalogue(step: Step) -> None:
    """Add the tasks, fields and document types the amendment declares to the catalogue."""
    new = step.amendment.catalogue
    if new is None:
        return
    catalogue = step.state.catalogue
    for kind, entries, table in ((_KINDS[0], new.fields, catalogue.fields), (_KINDS[1], new.tasks, catalogue.tasks),
                                 (_KINDS[2], new.document_types, catalogue.document_types)):
        for entry in entries:
            before = table.get(entry.id)
            if before == entry:
                continue
            if before is not None:  # an existing id declared again: every provision naming it changes (QC610)
                step.report("QC610", entry, {"kind": kind.vi, "kind_en": kind.en, "id": entry.id,
                                             "before": _shown(before), "after": _shown(entry)})
            table[entry.id] = entry  # type: ignore[assignment]  # each table holds its own kind
            step.changed = True


_KINDS = (Text.of("Lĩnh vực", "The field"), Text.of("Nhiệm vụ", "The task"),
          Text.of("Loại văn bản", "The document type"))


def _shown(entry: Model) -> str:
    """Return a catalogue entry as a reader compares two of them: its name and what else it says."""
    data = entry.model_dump(exclude_defaults=True, exclude={"id"})
    name = data.pop("name", "")
    rest = ", ".join(f"{k}: {'[' + ', '.join(map(str, v)) + ']' if isinstance(v, (list, tuple)) else v}"
                     for k, v in sorted(data.items()))
    return f"«{name}»" + (f" ({rest})" if rest else "")


def apply_amendments(
    base: Regulation, amendments: Sequence[AmendmentFile], on: dt.date | None = None
) -> Consolidated:
    """Apply ``amendments`` to ``base`` in order of effect; with ``on``, only those in force on that date.

    Returns the consolidated regulation (every changed provision lists its changes in ``history``; its
    ``effective`` date becomes that of its latest change) and the QC6xx findings of the operations.
    """
    state = Consolidation.of(base)
    ordered = _once(state, amendments)
    in_force = [a for a in ordered if on is None or a.effective <= on]
    pending = [a for a in ordered if a not in in_force]
    across(state, [a for a in in_force if a.amendment.amends == base.id], on)  # same-day drafts on one target
    applied = [a for a in in_force if _apply(Step(state, a, on))]
    meta = recorded(base.meta, applied)
    if state.version is not None and state.version > meta.effective:
        meta = meta.model_copy(update={"effective": state.version})
    bases = _bases(meta.legal_bases, applied)
    if bases != meta.legal_bases:
        meta = meta.model_copy(update={"legal_bases": bases})
    reg = _rebuild(
        base,
        meta=meta,
        actors=tuple(state.actors.actors.values()),
        fields=tuple(state.catalogue.fields.values()),
        tasks=tuple(state.catalogue.tasks.values()),
        document_types=tuple(state.catalogue.document_types.values()),
        articles=document_order(state.tree.articles),  # as the consolidation, written out, loads back
    )
    findings = sort_findings(produce_hits(state.hits))
    return Consolidated(reg, tuple(findings), tuple(applied), tuple(pending), on)
