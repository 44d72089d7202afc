"""Suppressions written on provisions (``lint: {ignore: [...], reason: ...}``): apply, validate, report unused."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence, Set

from quyche_rules.checks.spec import CheckContext, CheckSpec
from quyche_rules.findings import Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Text

__all__ = ["apply_suppressions"]


def _meta_finding(code: str, name: str, severity: Severity, message: Text, fix: Text, ref: ProvisionRef) -> Finding:
    return Finding(
        code=code, name=name, severity=severity, message=message,
        location=ref.location or Location(file=ref.regulation), provisions=(ref,), fix=fix,
    )


def apply_suppressions(ctx: CheckContext, findings: Sequence[Finding], specs: Mapping[str, CheckSpec],
                       selected: Set[str] | None = None) -> list[Finding]:
    """Drop suppressed findings; add QC021 for unknown codes and QC020 for suppressions that match nothing.

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
    for prov in ctx.reg.provisions:
        ref = ProvisionRef(citation=prov.phrase, regulation=ctx.reg.id, location=prov.location, text=prov.text)
        for code in prov.own_suppressed:
            if code not in specs:
                close = difflib.get_close_matches(code, list(specs), n=1, cutoff=0.6)
                hint = (f"; có phải ý bạn là {close[0]}?", f"; did you mean {close[0]}?") if close else ("", "")
                kept.append(_meta_finding(
                    "QC021", "unknown-suppression-code", Severity.ERROR,
                    Text.of(f"Mã kiểm tra {code} trong lint.ignore không tồn tại{hint[0]}",
                            f"Check code {code} in lint.ignore does not exist{hint[1]}"),
                    Text.of("Dùng một mã có trong `quyche rules`", "Use a code listed by `quyche rules`"), ref,
                ))
            elif (prov.phrase, code) not in used and (selected is None or code in selected):
                kept.append(_meta_finding(
                    "QC020", "unused-suppression", Severity.WARNING,
                    Text.of(f"Lệnh bỏ qua {code} tại {prov.phrase} không khớp phát hiện nào",
                            f"Suppression of {code} at {prov.phrase} matches no finding"),
                    Text.of("Xóa mã này khỏi lint.ignore", "Remove this code from lint.ignore"), ref,
                ))
    return kept
