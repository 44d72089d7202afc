"""JSON output of a check run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from quyche_rules import __version__
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang

__all__ = ["finding_dict", "render_json"]


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    """Return the JSON form of one finding."""
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message.get(lang),
        "location": f.location.model_dump(exclude_none=True),
        "provisions": [
            {"citation": p.citation, "regulation": p.regulation,
             **({"location": p.location.model_dump(exclude_none=True)} if p.location else {})}
            for p in f.provisions
        ],
        "actors": list(f.actors),
        "tasks": list(f.tasks),
        "fix": f.fix.get(lang) if f.fix else None,
    }


def render_json(findings: Sequence[Finding], *, lang: Lang, regulations: int, provisions: int,
                engines: Sequence[str]) -> str:
    """Render a run as a JSON document (deterministic: no times, sorted findings)."""
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    doc = {
        "tool": {"name": "quyche-rules", "version": __version__},
        "lang": lang,
        "summary": {"regulations": regulations, "provisions": provisions, **counts, "engines": list(engines)},
        "findings": [finding_dict(f, lang) for f in findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
