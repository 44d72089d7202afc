"""Precision and recall of the importer's suggested norms against the hand encoding rules/chinh-phu-2026.

Compared per provision citation and kind (lead, cooperate, signing, deadline); the figures are printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation

ROOT = Path(__file__).resolve().parents[2]


def _kinds(norm: Any) -> set[str]:
    out = set()
    role = getattr(norm, "role", None)
    if role in ("lead", "cooperate"):
        out.add(role)
    if hasattr(norm, "cooperating"):
        out.add("lead")
        if norm.cooperating:
            out.add("cooperate")
    if getattr(norm, "signing", None):
        out.add("signing")
    if getattr(norm, "deadline", None) or getattr(norm, "response_deadline", None):
        out.add("deadline")
    return out


def _pairs(folder: Path, suggested: bool) -> set[tuple[str, str]]:
    reg = load_regulation(folder).regulation
    return {(prov.phrase, kind) for prov in reg.provisions for norm in prov.norms
            if norm.suggested == suggested for kind in _kinds(norm)}


def test_precision_and_recall(tmp_path: Path) -> None:
    out = tmp_path / "imported"
    assert main(["import", str(ROOT / "fixtures" / "government" / "nd-191-2026-quy-che.md"), "-o", str(out)]) == 0
    got, want = _pairs(out, True), _pairs(ROOT / "rules" / "chinh-phu-2026", False)
    hits = got & want
    precision, recall = len(hits) / len(got), len(hits) / len(want)
    for kind in ("lead", "cooperate", "signing", "deadline"):
        g = {p for p in got if p[1] == kind}
        w = {p for p in want if p[1] == kind}
        print(f"{kind}: suggested {len(g)}, encoded {len(w)}, both {len(g & w)}")
    print(f"precision {precision:.2f}, recall {recall:.2f}")
    assert precision > 0 and recall > 0
