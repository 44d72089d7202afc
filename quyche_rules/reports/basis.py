"""How every report shows a legal basis: the provision and instrument, its standing, its force on the day."""

from __future__ import annotations

from quyche_rules.checks.legal import basis_of
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.findings import Basis, Finding
from quyche_rules.i18n import Lang, Text

__all__ = ["NO_BASIS", "bases_of", "basis_label", "basis_standing", "spec_bases", "standing_label", "status_label"]

_STANDING = {
    "binding": Text.of("bắt buộc", "binding"),
    "practice": Text.of("thực tiễn", "practice"),
    "unverified": Text.of("chưa kiểm chứng", "unverified"),
}
_ANALOGY = Text.of("thực tiễn: áp dụng tương tự quy định về văn bản quy phạm pháp luật",
                   "practice: by analogy with the rules for legal normative documents")
#: what a check of the tool's own rules (a well-formed, self-consistent model) shows for its legal basis
NO_BASIS = Text.of(
    "không có: quy tắc của công cụ (mô hình đúng cấu trúc, nhất quán), không phải quy định của pháp luật",
    "none: a rule of the tool (a well-formed, self-consistent model), not a provision of law",
)
_STATUS = {
    "in_force": Text.of("còn hiệu lực", "in force"),
    "not_yet": Text.of("chưa có hiệu lực", "not yet in force"),
    "ended": Text.of("hết hiệu lực", "no longer in force"),
}


def standing_label(b: Basis, lang: Lang) -> str:
    """Return "binding", "practice of …" or "unverified" in ``lang``."""
    word = _STANDING[b.standing].get(lang)
    if b.analogy:
        word = _ANALOGY.get(lang)
    elif b.standing == "practice" and b.practice_of:
        word = f"{word} của {b.practice_of}" if lang == "vi" else f"{word} of {b.practice_of}"
    return f"{word}; {b.scope.get(lang)}" if b.scope is not None else word


def status_label(b: Basis, lang: Lang) -> str:
    """Return the basis's force on the day checked in ``lang`` ("" when no day was checked)."""
    text = _STATUS.get(b.status)
    return text.get(lang) if text is not None else ""


def basis_label(b: Basis, lang: Lang) -> str:
    """Return e.g. "khoản 3 Điều 13 Nghị định 30/2020/NĐ-CP (binding, in force)"."""
    notes = ", ".join(x for x in (standing_label(b, lang), status_label(b, lang)) if x)
    return f"{b.text()} ({notes})"


def spec_bases(spec: CheckSpec) -> tuple[Basis, ...]:
    """Return a check's bases as its documentation shows them (no day: no status)."""
    return tuple(basis_of(ref) for ref in spec.legal_basis)


def basis_standing(spec: CheckSpec) -> str:
    """Return the strongest standing of a check's bases: binding, unverified, practice, or none (a tool rule)."""
    found = {b.standing for b in spec_bases(spec)}
    return next((s for s in ("binding", "unverified", "practice") if s in found), "none")


def bases_of(finding: Finding, spec: CheckSpec | None) -> tuple[Basis, ...]:
    """Return the bases a finding cites: its own (as of the day checked), else its check's."""
    if finding.basis:
        return finding.basis
    return spec_bases(spec) if spec is not None else ()
