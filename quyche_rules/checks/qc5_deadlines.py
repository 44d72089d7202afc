"""QC5xx deadlines and procedure: no Python checks.

Every deadline check (QC501-QC504) is expressible in the rule language and lives in
``quyche_rules/lang/builtin/qc5_deadlines.yaml`` (contradictory deadlines, QC304, in
``qc3_deadline_conflicts.yaml``); they run on the derived ``task_deadline`` facts of
:mod:`quyche_rules.facts`.
"""

from __future__ import annotations

__all__: list[str] = []
