"""Consolidation and comparison with the checker: check both versions, diff them, sort the findings.

The comparison adds its own finding to the new version's: the duties it dropped (QC609).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from quyche_rules import parallel
from quyche_rules.amend.consolidate import Consolidated, apply_amendments
from quyche_rules.amend.diff import Comparison, diff_regulations, findings_delta
from quyche_rules.amend.dropped import dropped_duties
from quyche_rules.amend.holdings import Holdings, holdings
from quyche_rules.checks.runner import run_checks
from quyche_rules.engines import EngineChoice
from quyche_rules.findings import Finding
from quyche_rules.loading import LoadedRegulation
from quyche_rules.model import Regulation
from quyche_rules.model.amendment import AmendmentFile

__all__ = ["PARALLEL_ARTICLES", "CheckedVersion", "compare_loaded", "consolidate", "loaded_view"]

#: articles from which the two versions of a comparison are checked at once (with a second core)
PARALLEL_ARTICLES = 300


@dataclass(frozen=True)
class CheckedVersion:
    """What a comparison needs of one version: the regulation, its findings as checked, what each actor holds."""

    regulation: Regulation
    findings: list[Finding]  # as run_checks returns them: before the selection and the severity overrides
    held: Holdings


def loaded_view(base: LoadedRegulation, consolidated: Consolidated) -> LoadedRegulation:
    """Return the consolidated regulation as if loaded from the base folder (same regulation checks file)."""
    return LoadedRegulation(consolidated.regulation, base.root, base.checks_file)


def consolidate(
    base: LoadedRegulation, amendments: Sequence[AmendmentFile], on: dt.date | None = None
) -> tuple[LoadedRegulation, Consolidated]:
    """Apply ``amendments`` to a loaded base; return the consolidated view and the consolidation result."""
    result = apply_amendments(base.regulation, list(amendments), on)
    return loaded_view(base, result), result


def compare_loaded(
    old: LoadedRegulation,
    new: LoadedRegulation,
    *,
    old_label: str,
    new_label: str,
    engine: EngineChoice = "reference",
    select: set[str] | None = None,
    adjust: Callable[[list[Finding]], list[Finding]] | None = None,
    new_extra: Sequence[Finding] = (),
    old_day: dt.date | None = None,
    new_day: dt.date | None = None,
    known_old: CheckedVersion | None = None,
    keep_old: Callable[[CheckedVersion], object] | None = None,
) -> Comparison:
    """Check both versions and compare them: the responsibility diff and the findings delta.

    Both versions are checked as of the same day, the day the new version is read at, so that findings
    due only to the passage of time (a delegation that expired, a legal basis replaced meanwhile, a unit
    the organisation already records as ended) persist instead of counting as introduced: drafters answer
    for what they changed. The duties of ended actors that the new version gives to nobody (QC609) belong to
    the new version, so they are introduced.

    Args:
        old: the earlier version.
        new: the later version (for instance a consolidated view).
        old_label: how the report names the earlier version.
        new_label: how the report names the later version.
        engine: rule engine for the declarative checks.
        select: codes to run (default: all).
        adjust: applied to each version's findings (severity overrides from the configuration).
        new_extra: findings that belong to the new version only (the QC6xx of its amendments).
        old_day: date the earlier version is read at, for the responsibility diff (default: its effective).
        new_day: date the later version is read at, and both are checked at (default: its effective date).
        known_old: the earlier version as already checked on that day (from the cache): not checked again.
        keep_old: given the earlier version once it is checked (to keep it in the cache); on a large regulation
            it runs in the process that checked it, after that process has sent its findings back.
    """

    def checked_and_held(loaded: LoadedRegulation, day: dt.date) -> tuple[list[Finding], Holdings]:
        held: list[Holdings] = []  # listed while durable-rules, beside, confirms the findings

        def hold() -> None:
            held.append(holdings(loaded.regulation))

        return run_checks(loaded, engine=engine, day=day, select=select, meanwhile=hold).findings, held[0]

    def kept(found: list[Finding], extra: Sequence[Finding]) -> list[Finding]:
        found = [*found, *extra]
        if select is not None:
            found = [f for f in found if f.code in select or f.code in ("QC020", "QC021")]
        return adjust(found) if adjust is not None else found

    def keep(found: tuple[list[Finding], Holdings]) -> None:
        if keep_old is not None:
            keep_old(CheckedVersion(old.regulation, *found))

    day = new_day or new.regulation.effective
    # two versions of a large regulation: the old one is checked (and its holdings listed) beside this process
    # while the new one is here, where nothing else is forked: the two processes take both cores
    size = max(len(old.regulation.articles), len(new.regulation.articles))
    beside = (parallel.beside(checked_and_held, old, day, then=keep)
              if known_old is None and size >= PARALLEL_ARTICLES and parallel.available() else None)
    try:
        with nullcontext() if beside is None else parallel.one_process():
            after_found, after_held = checked_and_held(new, day)
        if known_old is not None:
            before_found, before_held = known_old.findings, known_old.held
        elif beside is not None:
            before_found, before_held = beside.result()
        else:
            before_found, before_held = checked_and_held(old, day)
            keep((before_found, before_held))
        diff = diff_regulations(old.regulation, new.regulation, old_day=old_day, new_day=day,
                                held=(before_held, after_held))
        extra = (*new_extra, *dropped_duties(diff, new_extra))
        after = kept(after_found, extra)
        before = kept(before_found, ())
    except BaseException:
        if beside is not None:
            beside.cancel()
        raise
    return Comparison(diff, findings_delta(before, after), old_label, new_label)
