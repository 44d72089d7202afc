"""QC3xx conflicts: every check of this family is declarative.

QC301 multiple-leads, QC302 duty-and-prohibition, QC303 exclusive-power-shared, QC305 lead-and-cooperator
and QC306 multiple-substitutes live in ``quyche_rules/lang/builtin/qc3_conflicts.yaml`` and run on the
derived ``task_role`` and ``act`` facts of :mod:`quyche_rules.facts`. This module stays in the registry's
module list so that a conflict check the rule language cannot express has its place.
"""

from __future__ import annotations

__all__: list[str] = []
