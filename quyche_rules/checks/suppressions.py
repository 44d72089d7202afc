"""Suppressions written on provisions (``lint: {ignore: [...], reason: ...}``): apply, validate, report unused.

This pass reports QC020 (a suppression that matches nothing) and QC021 (an unknown code in a suppression), and
keeps every finding it hides with the suppression that hid it (:class:`Suppressed`), so that reports can list
them with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass

from quyche_rules.checks.registry import declare
from quyche_rules.checks.spec import CheckContext, CheckSpec
from quyche_rules.citations import Citation
from quyche_rules.findings import Finding, Hit, Location, ProvisionRef
from quyche_rules.i18n import Text
from quyche_rules.loading.problems import did_you_mean
from quyche_rules.model import Article, Clause, Point

__all__ = ["PRODUCES", "Suppressed", "Suppression", "apply_suppressions", "sort_suppressed"]

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
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, "
              "lint: {ignore: [QC301], reason: r}}]}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t}]}"),
)
declare(
    "QC021", "unknown-suppression-code", "error", producer=__name__,
    title=("Mã bỏ qua không tồn tại", "Unknown code in a suppression"),
    message=("Mã kiểm tra {code} trong lint.ignore không tồn tại{hint}",
             "Check code {code} in lint.ignore does not exist{hint}"),
    rationale=("Mã sai trong lint.ignore không bỏ qua gì và che giấu ý định của người soạn.",
               "A wrong code in lint.ignore suppresses nothing and hides the drafter's intent."),
    fix=("Dùng một mã có trong `quyche rules`", "Use a code listed by `quyche rules`"),
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, "
              "lint: {ignore: [QC999], reason: r}}]}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t}]}"),
)


@dataclass(frozen=True)
class Suppression:
    """A suppression as a provision writes it (``lint: {ignore: [...], reason: ...}``).

    Attributes:
        provision: the citation phrase of the provision that wrote it (an article's covers its clauses and points).
        location: where it is written: its ``lint`` key, else the provision.
        reason: why the finding is accepted, as written (Vietnamese).
    """

    provision: str
    location: Location
    reason: str


@dataclass(frozen=True)
class Suppressed:
    """A finding a suppression hid, and that suppression: never counted, always listed with its reason."""

    finding: Finding
    suppression: Suppression


def sort_suppressed(items: Iterable[Suppressed]) -> list[Suppressed]:
    """Return suppressed findings in the order of their findings (:meth:`Finding.sort_key`), duplicates removed."""
    return sorted(dict.fromkeys(items), key=lambda s: (s.finding.sort_key(), s.suppression.provision))


def _items(article: Article) -> Iterator[Article | Clause | Point]:
    yield article
    for clause in article.clauses:
        yield clause
        yield from clause.points


def _above(cit: Citation) -> list[str]:
    """Return the phrases of the clause and the article above a point, or of the article above a clause."""
    out = []
    if cit.point is not None:
        out.append(cit.model_copy(update={"point": None}).format())
    if cit.clause is not None:
        out.append(cit.model_copy(update={"clause": None, "point": None}).format())
    return out


def _suppressions(ctx: CheckContext) -> dict[str, Suppression]:
    """Return the suppression in force on each provision that has one, by its citation phrase."""
    lint_at = {item.loc: item.lint.loc for article in ctx.reg.articles for item in _items(article)
               if item.lint is not None and item.loc is not None and item.lint.loc is not None}
    out: dict[str, Suppression] = {}
    for prov in ctx.reg.provisions:
        if prov.suppressed:  # inherited ones too: the fallback when the writer is not found
            at = (lint_at.get(prov.location) if prov.location is not None else None) or prov.location
            out[prov.phrase] = Suppression(prov.phrase, at or Location(file=ctx.reg.id), prov.reason)
    return out


def apply_suppressions(
    ctx: CheckContext, findings: Sequence[Finding], specs: Mapping[str, CheckSpec], selected: Set[str] | None = None
) -> tuple[list[Finding], list[Suppressed], list[Hit]]:
    """Set suppressed findings apart; return those kept, those suppressed and the QC020/QC021 hits.

    A finding is suppressed when any provision it names suppresses its code; it keeps the suppression of the
    first such provision. A suppression written on an article covers its clauses and points, and is reported
    (unknown or unused) once, where it is written.
    """
    origin: dict[tuple[str, str], str] = {}  # (provision, code) -> provision that wrote the suppression
    for prov in ctx.reg.provisions:  # (in document order: an article before its clauses, a clause before its points)
        if not prov.suppressed:
            continue
        above = _above(prov.citation) if prov.suppressed != prov.own_suppressed else []
        for code in prov.suppressed:
            if code in prov.own_suppressed:
                origin[(prov.phrase, code)] = prov.phrase
            else:  # inherited: from the clause above, else the article
                origin[(prov.phrase, code)] = next(
                    (origin[(phrase, code)] for phrase in above if (phrase, code) in origin), prov.phrase)
    used: set[tuple[str, str]] = set()
    kept: list[Finding] = []
    hidden: list[Suppressed] = []
    written = _suppressions(ctx)
    for finding in findings:
        hits = [origin[(p.citation, finding.code)] for p in finding.provisions
                if (p.citation, finding.code) in origin]
        if hits:
            used.update((h, finding.code) for h in hits)
            hidden.append(Suppressed(finding, written[hits[0]]))
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
    return kept, hidden, about
