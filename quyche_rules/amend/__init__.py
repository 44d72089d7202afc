"""Amendments and versions: consolidation (point in time, provenance on every change) and comparison.

Public API: :func:`apply_amendments` (-> :class:`Consolidated`), :func:`render_folder` (the files of a
consolidated regulation), :func:`diff_regulations`, :func:`findings_delta` and :func:`compare_loaded`.
"""

from __future__ import annotations

from quyche_rules.amend.compare import compare_loaded, consolidate, loaded_view
from quyche_rules.amend.consolidate import Consolidated, apply_amendments, order_amendments, without_history
from quyche_rules.amend.diff import Comparison, ResponsibilityDiff, diff_regulations, findings_delta
from quyche_rules.amend.dump import render_folder

__all__ = [
    "Comparison",
    "Consolidated",
    "ResponsibilityDiff",
    "apply_amendments",
    "compare_loaded",
    "consolidate",
    "diff_regulations",
    "findings_delta",
    "loaded_view",
    "order_amendments",
    "render_folder",
    "without_history",
]
