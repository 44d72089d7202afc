"""Phrase replacement (``replace_phrase``): the count of what was replaced, and the unit names written."""

from __future__ import annotations

import difflib
import re

from quyche_rules.amend.provision_tree import is_repealed
from quyche_rules.amend.state import Step
from quyche_rules.citations import Citation
from quyche_rules.i18n import Text
from quyche_rules.model import Article
from quyche_rules.model.amendment import PhraseSpec, ReplacePhraseItem
from quyche_rules.model.base import Model

__all__ = ["check_names", "replace_phrase"]


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
    occurrences: list[tuple[Citation, int]] = []
    for cit, node in list(tree.walk()):
        if is_repealed(node) or (scope is not None and not any(t.contains(cit) for t in scope)):
            continue
        current = tree.get(cit)
        if current is not node:  # under a second provision with the same number (QC011): not addressable
            continue
        count = current.text.count(spec.from_)
        updates: dict[str, object] = {}
        if count:
            updates["text"] = current.text.replace(spec.from_, spec.to)
        if isinstance(current, Article) and spec.from_ in current.title:
            count += current.title.count(spec.from_)
            updates["title"] = current.title.replace(spec.from_, spec.to)
        if count:
            occurrences.append((cit, count))
            updates["history"] = (
                *current.history,
                step.change("phrase_replaced", f"«{spec.from_}» → «{spec.to}»"),
            )
            tree.put(cit, current.model_copy(update=updates))
    _count_phrase(step, op, spec, occurrences, listed)
    step.replaced_phrases.append((op, spec, [c for c, _ in occurrences]))


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


