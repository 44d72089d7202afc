"""Suppressions written on provisions (``lint: {ignore: [...], reason: ...}``): apply, validate, report unused.

This pass reports QC020 (a suppression that matches nothing) and QC021 (an unknown code in a suppression).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from quyche_rules.checks.registry import declare
from quyche_rules.checks.spec import CheckContext, CheckSpec
from quyche_rules.findings import Finding, Hit, Location, ProvisionRef
from quyche_rules.i18n import Text
from quyche_rules.loading.problems import did_you_mean

__all__ = ["PRODUCES", "apply_suppressions"]

#: the check codes whose findings this module produces
PRODUCES = ("QC020", "QC021")

declare(
    "QC020", "unused-suppression", "warning", producer=__name__,
    title=("Lệnh bỏ qua không khớp phát hiện nào", "Suppression matches nothing"),
    message=("Lệnh bỏ qua {code} tại {provision} không khớp phát hiện nào",
             "Suppression of {code} at {provision} matches no finding"),
    rationale=("Lệnh bỏ qua thừa che giấu lỗi sau này và làm người đọc hiểu sai.",
               "A stale suppression will hide a future defect and misleads the reader."),
    fix=("Xóa mã khỏi lint.ignore", "Remove the code from lint.ignore"),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, "
              "lint: {ignore: [QC301], reason: r}}]}",
              "articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t}]}"),
)
declare(
    "QC021", "unknown-suppression-code", "error", producer=__name__,
    title=("Mã bỏ qua không tồn tại", "Unknown code in a suppression"),
    message=("Mã kiểm tra {code} trong lint.ignore không tồn tại{hint}",
             "Check code {code} in lint.ignore does not exist{hint}"),
    rationale=("Mã sai trong lint.ignore không bỏ qua gì và che giấu ý định của người soạn.",
               "A wrong code in lint.ignore suppresses nothing and hides the drafter's intent."),
    fix=("Dùng một mã có trong `quyche rules`", "Use a code listed by `quyche rules`"),
    examples=("articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t, "
              "lint: {ignore: [QC999], reason: r}}]}",
              "articles:\n  - {article: '3', title: X, chapter: II, clauses: [{clause: '1', text: t}]}"),
)


def apply_suppressions(ctx: CheckContext, findings: Sequence[Finding], specs: Mapping[str, CheckSpec],
                       selected: Set[str] | None = None) -> tuple[list[Finding], list[Hit]]:
    """Drop suppressed findings; return those kept and the QC020/QC021 hits about the suppressions themselves.

    A finding is suppressed when any provision it names suppresses its code; a suppression written on an
    article covers its clauses and points, and is reported (unknown or unused) once, where it is written.
    """
    origin: dict[tuple[str, str], str] = {}  # (provision, code) -> provision that wrote the suppression
    parent_of: dict[str, str] = {}
    for prov in ctx.reg.provisions:
        cit = prov.citation
        if cit.point is not None:
            parent_of[prov.phrase] = cit.model_copy(update={"point": None}).format()
        elif cit.clause is not None:
            parent_of[prov.phrase] = cit.model_copy(update={"clause": None}).format()
        for code in prov.suppressed:
            if code in prov.own_suppressed:
                origin[(prov.phrase, code)] = prov.phrase
            else:
                parent = parent_of.get(prov.phrase, "")
                origin[(prov.phrase, code)] = origin.get((parent, code)) or origin.get(
                    (parent_of.get(parent, ""), code), prov.phrase
                )
    used: set[tuple[str, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        hits = [origin[(p.citation, finding.code)] for p in finding.provisions
                if (p.citation, finding.code) in origin]
        if hits:
            used.update((h, finding.code) for h in hits)
        else:
            kept.append(finding)
    about: list[Hit] = []
    for prov in ctx.reg.provisions:
        ref = ProvisionRef(citation=prov.phrase, regulation=ctx.reg.id, location=prov.location, text=prov.text)
        at = ref.location or Location(file=ref.regulation)
        for code in prov.own_suppressed:
            if code not in specs:
                close = did_you_mean(code, specs)
                hint = Text.of(f"; có phải ý bạn là {close}?", f"; did you mean {close}?") if close else ""
                about.append(Hit((ref,), values={"code": code, "hint": hint}, at=at, code="QC021", fix=Text.of(
                    "Dùng một mã có trong `quyche rules`", "Use a code listed by `quyche rules`")))
            elif (prov.phrase, code) not in used and (selected is None or code in selected):
                about.append(Hit((ref,), values={"code": code, "provision": prov.phrase}, at=at, code="QC020",
                                 fix=Text.of("Xóa mã này khỏi lint.ignore", "Remove this code from lint.ignore")))
    return kept, about
