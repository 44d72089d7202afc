"""The change as a reviewer reads it: the instrument, then each operation's old and new wording side by side.

With amendments, every amendment in force is one :class:`InstrumentView` (its number, legal bases by their names
in the law catalogue, signing and effective dates) and each of its operations an :class:`OperationView`: the
provisions it changes, paired by citation between the text before it and after it (the consolidation with the
amendments before it, then with it), a word-level redline, the norms it adds and removes in plain sentences, and
the findings about those provisions. Between two versions, the new version is the instrument and each provision
whose wording changed under the same number is an operation; provisions rewritten beyond recognition or
renumbered are counted, not paired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from quyche_rules.amend.consolidate import apply_amendments, order_amendments
from quyche_rules.amend.provision_tree import Node, Tree
from quyche_rules.citations import Citation
from quyche_rules.i18n import Lang, Text
from quyche_rules.law.catalogue import catalogue
from quyche_rules.model import Article, Clause, Regulation
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.model.regulation import LegalBase
from quyche_rules.reports.change_views import InstrumentView, OperationView, WordingView
from quyche_rules.reports.finding_refs import Refs
from quyche_rules.reports.locate import Locator
from quyche_rules.reports.operations import heading, kind_of, targets
from quyche_rules.reports.phrases import fullest
from quyche_rules.reports.provision_text import norms_under, wording_of
from quyche_rules.reports.redline import redline, similarity
from quyche_rules.reports.sentences import norm_sentence
from quyche_rules.vocabulary import day_words

__all__ = ["amendment_views", "applied_amendments", "base_label", "version_view"]

_KINDS = {
    "decision": Text.of("Quyết định", "Decision"), "decree": Text.of("Nghị định", "Decree"),
    "circular": Text.of("Thông tư", "Circular"), "resolution": Text.of("Nghị quyết", "Resolution"),
    "other": Text.of("Văn bản", "Instrument"),
}
_MOVED = Text.of("Quy định có nhiệm vụ được chuyển cho đơn vị kế thừa: {phrases}",
                 "Provisions whose norms move to the successor: {phrases}")
_DRAFT = Text.of("Dự thảo (chưa có số)", "Draft (not yet numbered)")
_CHANGED = Text.of("Thay đổi câu chữ {phrase}", "Wording of {phrase} changed")
_UNPAIRED = Text.of(
    "Đối chiếu theo số điều, khoản, điểm: {rewritten} quy định cùng số nhưng viết lại gần như toàn bộ, {added} "
    "quy định mới và {removed} quy định không còn không được đối chiếu câu chữ.",
    "Paired by article, clause and point number: {rewritten} provisions with the same number but rewritten almost "
    "entirely, {added} new provisions and {removed} provisions no longer there are not compared word by word.",
)
#: below this word-level similarity, two provisions with the same number are not the same provision reworded
_ALIKE = 0.5


def base_label(base: LegalBase, reg: Regulation) -> str:
    """Return a legal basis as the căn cứ reads it: the provision, the instrument's name and its title."""
    found = catalogue().with_local(reg.meta.instruments).get(base.id)
    if found is None:
        name = base.id
    elif found.title in found.name:
        name = found.name
    else:
        kind = found.name.replace(found.number, "").strip()  # "Nghị định" of "Nghị định 30/2020/NĐ-CP"
        rest = found.title[len(kind):] if kind and found.title.startswith(kind) else f": {found.title}"
        name = f"{found.name}{rest}"
    return f"{base.provision} {name}" if base.provision else name


def _wording(cit: Citation, before: Node | None, after: Node | None) -> WordingView:
    old, new = wording_of(before), wording_of(after)
    red = redline(old, new)
    return WordingView(cit.format(), old, new, red.old, red.new, red.merged)


def _norm_changes(pairs: Sequence[tuple[Node | None, Node | None]], before: Regulation, after: Regulation,
                  lang: Lang) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the sentences of the norms the change adds, and of those it removes (by meaning, as a multiset)."""
    old = [n for b, _ in pairs for n in norms_under(b)]
    new = [n for _, a in pairs for n in norms_under(a)]
    old_keys = [n.model_dump_json(by_alias=True) for n in old]
    new_keys = [n.model_dump_json(by_alias=True) for n in new]
    added, removed = [], []
    remaining = list(old_keys)
    for n, key in zip(new, new_keys, strict=True):
        if key in remaining:
            remaining.remove(key)
        else:
            added.append(norm_sentence(n, after).get(lang))
    pending = list(new_keys)
    for n, key in zip(old, old_keys, strict=True):
        if key in pending:
            pending.remove(key)
        else:
            removed.append(norm_sentence(n, before).get(lang))
    same = set(added) & set(removed)  # a change that the sentence does not show (a long list of units, counted)
    return (tuple(fullest(list(dict.fromkeys(a for a in added if a not in same)))),
            tuple(fullest(list(dict.fromkeys(r for r in removed if r not in same)))))


def applied_amendments(amendments: Sequence[AmendmentFile], on: dt.date | None) -> list[AmendmentFile]:
    """Return the amendments the consolidation applies: in order of effect, each id once, in force on ``on``."""
    seen: dict[str, AmendmentFile] = {}
    for a in amendments:
        seen.setdefault(a.id, a)
    return [a for a in order_amendments(seen.values()) if on is None or a.effective <= on]


def _instrument_heading(number: str, kind: str, lang: Lang) -> str:
    if not number:
        return _DRAFT.get(lang)
    return f"{_KINDS.get(kind, _KINDS['other']).get(lang)} {number}"


def amendment_views(old: Regulation, new: Regulation, amendments: Sequence[AmendmentFile], on: dt.date | None,
                    refs: Refs, lang: Lang, locator: Locator, prefix: str) -> tuple[InstrumentView, ...]:
    """Return one view per amendment in force: its instrument and each of its operations.

    Args:
        old: the regulation amended.
        new: the consolidated regulation (``old`` with every amendment in force applied).
        amendments: the amendment files given.
        on: the day the consolidation is read at (amendments not yet in force are left out).
        refs: the findings of the comparison, to name under the operations that concern them.
        lang: the language of the report.
        locator: shows files relative to the repository root.
        prefix: the anchor prefix of the part.
    """
    applied = applied_amendments(amendments, on)
    stages = [old]
    for k in range(1, len(applied)):
        stages.append(apply_amendments(old, applied[:k], on).regulation)
    stages.append(new)
    views = []
    for i, amendment in enumerate(applied, start=1):
        before, after = stages[i - 1], stages[i]
        b_tree, a_tree = Tree(before.articles), Tree(after.articles)
        ops = []
        for n, op in enumerate(amendment.operations, start=1):
            kind = kind_of(op)
            cits = targets(op, amendment.id, b_tree, a_tree)
            pairs = [(b_tree.get(c), a_tree.get(c)) for c in cits]
            # a phrase replaced changes no norm; an organisational operation moves norms and rewrites no text
            added, removed = _norm_changes(pairs, before, after, lang) if kind != "phrase" else ((), ())
            shown = [] if kind == "organisation" else [(c, p) for c, p in zip(cits, pairs, strict=True) if any(p)]
            note = _MOVED.fill({"phrases": "; ".join(c.format() for c in cits)}).get(lang) if kind == "organisation" \
                and cits else ""
            loc = op.loc
            ops.append(OperationView(
                anchor=f"{prefix}op-{i}-{n}", number=n, heading=heading(op, before, after).get(lang),
                where=f"{locator.display(loc.file)}:{loc.line}" if loc is not None else "",
                wordings=tuple(_wording(c, b, a) for c, (b, a) in shown), added=added, removed=removed,
                causes=refs.causes(cits, cits, (loc.file, loc.line) if loc is not None else None), note=note,
            ))
        head = amendment.amendment
        views.append(InstrumentView(
            anchor=f"{prefix}instrument-{i}",
            heading=_instrument_heading(head.instrument.number, head.instrument.kind, lang),
            number=head.instrument.number, signed=day_words(head.instrument.date).get(lang),
            effective=day_words(head.effective).get(lang), amendment_id=head.id,
            title=head.instrument.title or head.title or "",
            bases=tuple(base_label(b, after) for b in head.bases), operations=tuple(ops),
        ))
    return tuple(views)


def _own(node: Node) -> Node:
    """Return a provision without what lies under it: versions are compared provision by provision."""
    if isinstance(node, Article):
        return node.model_copy(update={"clauses": ()})
    if isinstance(node, Clause):
        return node.model_copy(update={"points": ()})
    return node


def version_view(old: Regulation, new: Regulation, refs: Refs, lang: Lang, prefix: str) -> InstrumentView:
    """Return the new version as the instrument, and each provision reworded under the same number."""
    b_tree, a_tree = Tree(old.articles), Tree(new.articles)
    olds = {c: _own(n) for c, n in b_tree.walk(addressable=True)}
    news = {c: _own(n) for c, n in a_tree.walk(addressable=True)}
    recorded = any(n.history for n in news.values())
    ops: list[OperationView] = []
    rewritten = 0
    for cit, after in news.items():
        before = olds.get(cit)
        if recorded and not after.history:
            continue
        if not recorded and (before is None or wording_of(before) == wording_of(after)):
            continue
        if not recorded and similarity(wording_of(before), wording_of(after)) < _ALIKE:
            rewritten += 1
            continue
        pairs = [(before, after)]
        added, removed = _norm_changes(pairs, old, new, lang)
        ops.append(OperationView(
            anchor=f"{prefix}op-1-{len(ops) + 1}", number=len(ops) + 1,
            heading=_CHANGED.fill({"phrase": cit.format()}).get(lang), where="",
            wordings=(_wording(cit, before, after),), added=added, removed=removed,
            causes=refs.causes([cit], [cit]),
        ))
    note = "" if recorded else _UNPAIRED.fill({
        "rewritten": rewritten, "added": len(news.keys() - olds.keys()), "removed": len(olds.keys() - news.keys()),
    }).get(lang)
    meta = new.meta
    return InstrumentView(
        anchor=f"{prefix}instrument-1", heading=_instrument_heading(meta.number, "decision", lang),
        number=meta.number, signed=day_words(meta.signed).get(lang), effective=day_words(meta.effective).get(lang),
        amendment_id="", title=meta.title, bases=tuple(base_label(b, new) for b in meta.legal_bases),
        operations=tuple(ops), note=note,
    )
