"""What every renderer shares: families, labels, stable fingerprints and anchors of findings."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

from quyche_rules.findings import Finding, Severity
from quyche_rules.i18n import Lang, Text

__all__ = [
    "FAMILIES",
    "SEVERITIES",
    "anchors",
    "family_label",
    "family_of",
    "fingerprint",
    "fingerprints",
    "label",
]

#: severities from most to least serious (the order reports list them in)
SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)

#: check families (DESIGN.md section 5), in code order
FAMILIES: dict[str, Text] = {
    "QC0xx": Text.of("Đầu vào và cấu trúc", "Input and structure"),
    "QC1xx": Text.of("Dẫn chiếu và nhiệm vụ mồ côi", "References and orphans"),
    "QC2xx": Text.of("Thiếu sót", "Gaps"),
    "QC3xx": Text.of("Xung đột", "Conflicts"),
    "QC4xx": Text.of("Ủy quyền và ký văn bản", "Delegation and signing"),
    "QC5xx": Text.of("Thời hạn và thủ tục", "Deadlines and procedure"),
    "QC6xx": Text.of("Văn bản sửa đổi", "Amendment operations"),
    "QC7xx": Text.of("Lời văn và quy định", "Text and norms"),
    "QC8xx": Text.of("Kiểm tra riêng của quy chế", "The regulation's own checks"),
    "QC9xx": Text.of("Kiểm tra riêng của quy chế", "The regulation's own checks"),
}

_LABELS: dict[str, Text] = {
    "provisions": Text.of("Quy định", "Provisions"),
    "legal_basis": Text.of("Căn cứ", "Legal basis"),
    "fix": Text.of("Gợi ý", "Fix"),
    "actors": Text.of("Chủ thể", "Actors"),
    "tasks": Text.of("Nhiệm vụ", "Tasks"),
    "introduced": Text.of("Phát sinh", "Introduced"),
    "resolved": Text.of("Đã khắc phục", "Resolved"),
    "persisting": Text.of("Còn tồn tại", "Persisting"),
    "all": Text.of("Phát hiện", "Findings"),
    "suppressed": Text.of("Bỏ qua", "Suppressed"),
    "reason": Text.of("Lý do", "Reason"),
    "suppressed_at": Text.of("Lệnh bỏ qua tại", "Suppressed at"),
}


def label(key: str, lang: Lang) -> str:
    """Return a shared user-facing label (``provisions``, ``legal_basis``, ``fix``, …) in ``lang``."""
    return _LABELS[key].get(lang)


def family_of(code: str) -> str:
    """Return the family of a check code: ``QC301`` -> ``QC3xx``."""
    return code[:3] + "xx"


def family_label(family: str, lang: Lang) -> str:
    """Return a family's name in ``lang`` (the family itself when unknown)."""
    text = FAMILIES.get(family)
    return text.get(lang) if text is not None else family


def fingerprint(finding: Finding) -> str:
    """Return a hash of the finding's meaning (``Finding.identity()``): stable across runs and line moves."""
    raw = json.dumps(finding.identity(), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """Return one fingerprint per finding, made unique by an occurrence suffix (``…:2``) in list order."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = fingerprint(f)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return out


def anchors(findings: Iterable[Finding], prefix: str = "") -> list[str]:
    """Return an HTML/Markdown anchor per finding (``qc301-1a2b3c4d5e``), unique and stable across runs."""
    used: set[str] = set()
    out = []
    for f in findings:
        base = f"{prefix}{f.code.lower()}-{fingerprint(f)[:10]}"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        out.append(name)
    return out
