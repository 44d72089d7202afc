"""QC2xx gaps: no Python checks.

Every gap check (QC201-QC210) is expressible in the rule language and lives in
``quyche_rules/lang/builtin/qc2_gaps.yaml``; a gap check that needs a graph algorithm goes here.
"""

from __future__ import annotations

__all__: list[str] = []
