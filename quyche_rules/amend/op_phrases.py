"""Phrase replacement (``replace_phrase``): the count of what was replaced, and the unit names written."""

from __future__ import annotations

import difflib
import re

from quyche_rules.amend.provision_tree import Node, is_repealed
from quyche_rules.amend.state import Step
from quyche_rules.citations import Citation
from quyche_rules.i18n import Text
from quyche_rules.loading.reader import MAX_BYTES, MAX_REGULATION_BYTES
from quyche_rules.model import Article
from quyche_rules.model.amendment import PhraseSpec, ReplacePhraseItem
from quyche_rules.model.base import Model
from quyche_rules.model.provisions import Change

__all__ = ["MAX_ARTICLE_TEXT", "check_names", "replace_phrase"]

#: the most text (UTF-8 bytes) a replacement may leave in one article: half what the loader reads in a file, so
#: that the article's file, with its structure, provenance and quoting, loads again
MAX_ARTICLE_TEXT = MAX_BYTES // 2
#: the longest provenance note one amendment's phrase replacements leave on a provision
_NOTE = 300


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


def replace_phrase(step: Step, op: ReplacePhraseItem) -> None:
    """Apply ``replace_phrase``: replace a phrase in the texts and titles in scope, counting it (QC605)."""
    spec = op.replace_phrase
    tree = step.state.tree
    scope: list[Citation] | None = None
    listed: list[Citation] = []
    if spec.at:
        for phrase in spec.at:
            for cit in step.targets(op, phrase, many=True):
                if tree.live(cit) is None:
                    step.not_found(
                        op, phrase, cit, "repealed" if tree.get(cit) is not None else "missing"
                    )
                else:
                    listed.append(cit)
        scope = listed
        if not listed:
            return
    found: list[tuple[Citation, Node, int, int]] = []  # (where, node, in its text, in its title)
    for cit, node in tree.walk(addressable=True):  # not under a second provision with the same number (QC011)
        if is_repealed(node) or (scope is not None and not any(t.contains(cit) for t in scope)):
            continue
        in_text = node.text.count(spec.from_)
        in_title = node.title.count(spec.from_) if isinstance(node, Article) else 0
        if in_text or in_title:
            found.append((cit, node, in_text, in_title))
    if _too_large(step, op, spec, found):
        return
    occurrences: list[tuple[Citation, int]] = []
    for cit, node, in_text, in_title in found:
        occurrences.append((cit, in_text + in_title))
        if spec.from_ == spec.to:  # counted, but nothing changes
            continue
        updates: dict[str, object] = {"history": _history(step, node, spec)}
        if in_text:
            updates["text"] = node.text.replace(spec.from_, spec.to)
        if in_title and isinstance(node, Article):
            updates["title"] = node.title.replace(spec.from_, spec.to)
        tree.put(cit, node.model_copy(update=updates))
    _count_phrase(step, op, spec, occurrences, listed)
    step.replaced_phrases.append((op, spec, [c for c, _ in occurrences]))


def _history(step: Step, node: Node, spec: PhraseSpec) -> tuple[Change, ...]:
    """Return ``node``'s history with this replacement: one entry for all the replacements of one amendment.

    The note names each replacement, cut short, up to :data:`_NOTE` characters: however many replacements an
    amendment makes, a provision's provenance grows by one short entry.
    """
    note = f"«{_short(spec.from_)}» → «{_short(spec.to)}»"
    last = node.history[-1] if node.history else None
    if last is None or last.action != "phrase_replaced" or last.amendment != step.amendment.id:
        return (*node.history, step.change("phrase_replaced", note))
    step.changed = True
    joined = f"{last.note}; {note}"
    if len(joined) > _NOTE:
        joined = last.note if last.note.endswith("…") else f"{last.note}; …"
    return (*node.history[:-1], last.model_copy(update={"note": joined}))


def _too_large(
    step: Step, op: ReplacePhraseItem, spec: PhraseSpec, found: list[tuple[Citation, Node, int, int]]
) -> bool:
    """Report a replacement that would make an article or the regulation larger than the loader reads (QC008).

    Sizes are predicted from the counts, before anything is replaced, so a replacement that would grow the text
    past the limits costs no more than counting it. An article is at most :data:`MAX_ARTICLE_TEXT` of text (its file
    must load again), the regulation :data:`MAX_REGULATION_BYTES`.
    """
    growth = len(spec.to.encode()) - len(spec.from_.encode())
    if growth <= 0 or not found:
        return False
    added: dict[str, int] = {}
    for cit, _, in_text, in_title in found:
        added[cit.article or ""] = added.get(cit.article or "", 0) + (in_text + in_title) * growth
    sizes: dict[str, int] = {}
    for cit, node in step.state.tree.walk():
        size = len(node.text.encode()) + (len(node.title.encode()) if isinstance(node, Article) else 0)
        sizes[cit.article or ""] = sizes.get(cit.article or "", 0) + size
    over = [(a, sizes.get(a, 0) + n) for a, n in added.items() if sizes.get(a, 0) + n > MAX_ARTICLE_TEXT]
    total = sum(sizes.values()) + sum(added.values())
    if over:
        article, size = max(over, key=lambda item: item[1])
        what, limit = Text.of(f"Điều {article}", f"Điều {article}"), MAX_ARTICLE_TEXT
    elif total > MAX_REGULATION_BYTES:
        size, what, limit = total, Text.of("toàn bộ quy chế", "the whole regulation"), MAX_REGULATION_BYTES
    else:
        return False
    step.report(
        "QC008", op,
        {"phrase": _short(spec.from_), "to": _short(spec.to), "what": what, "size": f"{size:,}",
         "limit": f"{limit:,}"},
    )
    return True


def _short(phrase: str, limit: int = 60) -> str:
    """Return ``phrase``, cut to ``limit`` characters for a message."""
    return phrase if len(phrase) <= limit else phrase[:limit] + "…"


def _count_phrase(
    step: Step, op: Model, spec: PhraseSpec, occurrences: list[tuple[Citation, int]], listed: list[Citation]
) -> None:
    """Report a phrase found other than as often as said, or missing from a place listed (QC605)."""
    total = sum(n for _, n in occurrences)
    missing = [t for t in listed if not any(t.contains(c) for c, _ in occurrences)]
    if spec.count is not None:
        wrong = total != spec.count
        expected = Text.of(f"{spec.count} lần", f"{spec.count}")
    else:
        wrong = bool(missing) or total == 0
        expected = (Text.of("ít nhất một lần ở mỗi nơi được liệt kê", "at least once at each place listed") if listed
                    else Text.of("ít nhất một lần", "at least once"))
    if not wrong:
        return
    shown = [f"{c.format()} ({n} lần)" for c, n in occurrences]
    shown_en = [f"{c.format()} ({n}×)" for c, n in occurrences]
    shown += [f"{c.format()} (0 lần)" for c in missing]
    shown_en += [f"{c.format()} (0×)" for c in missing]
    refs = [step.ref(c.format(), step.state.tree.get(c), op) for c, _ in occurrences]
    refs += [step.ref(c.format(), step.state.tree.get(c), op) for c in missing]
    step.report(
        "QC605",
        op,
        {
            "phrase": spec.from_,
            "found": total,
            "expected": expected,
            "where": Text.of("; ".join(shown) or "không ở đâu", "; ".join(shown_en) or "nowhere"),
        },
        provisions=refs,
    )


def check_names(step: Step) -> None:
    """Report a phrase replaced by a unit name that no actor bears on the effective date (QC604)."""
    actors = list(step.state.actors.actors.values())
    for op, spec, where in step.replaced_phrases:
        if not spec.to or not _UNIT_START.match(spec.to):
            continue
        valid = sorted(
            {n for a in actors if a.valid_on(step.amendment.effective) for n in (a.name, *a.aliases)},
            key=len,
            reverse=True,
        )
        if any(spec.to == n or (spec.to.startswith(n) and not spec.to[len(n)].isalnum()) for n in valid):
            continue
        close = difflib.get_close_matches(spec.to, valid, n=1, cutoff=0.5)
        ended = sorted(a.id for a in actors if spec.to in (a.name, *a.aliases))
        step.report(
            "QC604",
            op,
            {
                "name": spec.to,
                "day": step.amendment.effective.isoformat(),
                "hint": Text.of(
                    (f"; có phải ý bạn là «{close[0]}»?" if close else "")
                    + (f" (tên này thuộc {', '.join(ended)}, đã chấm dứt)" if ended else ""),
                    (f"; did you mean «{close[0]}»?" if close else "")
                    + (f" (the name of {', '.join(ended)}, which has ended)" if ended else ""),
                ),
            },
            provisions=tuple(step.ref(c.format(), step.state.tree.get(c), op) for c in where),
            actors=ended,
        )


