"""Amendments and versions: apply amendment files (consolidation, point in time), diff two versions.

Public API: :func:`load_amendment`, :func:`apply_amendments` (-> :class:`Consolidated`), :func:`render_folder`
and :func:`publish_folder` (write a consolidated folder), :func:`diff_regulations` and :func:`findings_delta`.
"""

from __future__ import annotations

from quyche_rules.amend.apply import Consolidated, apply_amendments, order_amendments, without_history
from quyche_rules.amend.diff import ResponsibilityDiff, diff_regulations, findings_delta
from quyche_rules.amend.dump import dump_regulation, publish_folder, render_folder
from quyche_rules.amend.load import load_amendment, parse_amendment
from quyche_rules.amend.model import Amendment, AmendmentFile

__all__ = [
    "Amendment",
    "AmendmentFile",
    "Consolidated",
    "ResponsibilityDiff",
    "apply_amendments",
    "diff_regulations",
    "dump_regulation",
    "findings_delta",
    "load_amendment",
    "order_amendments",
    "parse_amendment",
    "publish_folder",
    "render_folder",
    "without_history",
]
