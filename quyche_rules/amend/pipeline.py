"""Glue between consolidation and the checker: check a consolidated regulation, run a check's examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from quyche_rules.amend.apply import Consolidated, apply_amendments
from quyche_rules.amend.model import AmendmentFile
from quyche_rules.loading.folder import LoadedRegulation

__all__ = ["amendment_example_codes", "consolidate", "loaded_view"]


def loaded_view(base: LoadedRegulation, consolidated: Consolidated) -> LoadedRegulation:
    """Return the consolidated regulation as if loaded from the base folder (same regulation checks file)."""
    return LoadedRegulation(consolidated.regulation, base.root, base.checks_file)


def consolidate(base: LoadedRegulation, amendments: Sequence[AmendmentFile],
                on: dt.date | None = None) -> tuple[LoadedRegulation, Consolidated]:
    """Apply ``amendments`` to a loaded base; return the consolidated view and the consolidation result."""
    result = apply_amendments(base.regulation, list(amendments), on)
    return loaded_view(base, result), result


def amendment_example_codes(base: LoadedRegulation, text: str, *, engine: str = "reference") -> list[str]:
    """Return the codes a check example's ``amendment`` text produces on ``base``.

    The codes are those of the amendment pipeline (QC6xx, or QC00x when the text does not load) and of the
    checks run on the consolidated regulation.
    """
    from quyche_rules.amend.load import parse_amendment
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.errors import LoadFailed

    try:
        amendment = parse_amendment(text.encode("utf-8"), "amendment.yaml")
    except LoadFailed as failed:
        return sorted(f.code for f in failed.findings)
    view, result = consolidate(base, [amendment])
    codes = [f.code for f in result.findings]
    codes += [f.code for f in run_checks(view, engine=engine).findings]
    return sorted(codes)
