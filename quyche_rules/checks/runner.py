"""Run the catalogue on a loaded regulation: Python checks, declarative checks on the engines, suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from quyche_rules import parallel
from quyche_rules.checks.catalogue import all_checks, regulation_checks
from quyche_rules.checks.grouping import grouped
from quyche_rules.checks.produce import produce
from quyche_rules.checks.spec import CheckContext, CheckSpec
from quyche_rules.checks.suppressions import Suppressed, apply_suppressions, sort_suppressed
from quyche_rules.engines import EngineChoice, PendingResult, start_checked
from quyche_rules.errors import InternalError
from quyche_rules.facts import DISPLAY, derive_facts
from quyche_rules.findings import Finding, Hit, ProvisionRef, sort_findings
from quyche_rules.i18n import Text
from quyche_rules.lang import match_values, resolve_refs
from quyche_rules.loading import LoadedRegulation

__all__ = [
    "PARALLEL_MAX_PROVISIONS", "PARALLEL_PROVISIONS", "CheckResult", "base_context", "build_context", "run_checks",
]


@dataclass
class CheckResult:
    """The findings of one run and how they were obtained."""

    findings: list[Finding]
    provisions: int  # how many were checked
    engines_run: tuple[str, ...] = ()
    notes: list[Text] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)  # hidden by the provisions' suppressions


#: provisions from which the Python checks that do not read the facts run in a forked process (with a second
#: core) while this one derives the facts and runs the engines: below it the fork costs more than it saves
PARALLEL_PROVISIONS = 1_000
#: provisions up to which they do: the child copies the pages it touches (measured at 100,000 provisions: the
#: process tree's peak 915 MiB against 826 MiB in one process, for 3.7 s less), so far beyond the largest
#: size measured the memory matters more than the seconds gained
PARALLEL_MAX_PROVISIONS = 150_000


class _NotDerivedYet(list):  # type: ignore[type-arg]
    """The facts while the checks that do not read them run: reading them is a defect, never an empty answer."""

    def _refuse(self, *args: object) -> Any:
        raise InternalError(Text.of(
            "Một kiểm tra Python đọc dữ kiện trước khi chúng được suy ra",
            "A Python check read the facts before they were derived"),
            fix=Text.of("Đăng ký kiểm tra đó với reads_facts=True", "Register that check with reads_facts=True"))

    __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = _refuse


def base_context(loaded: LoadedRegulation, day: dt.date | None = None) -> CheckContext:
    """Return the context of a loaded regulation before its facts are derived (the rest made when first read)."""
    reg = loaded.regulation
    return CheckContext(reg=reg, facts=_NotDerivedYet(), day=day or reg.effective, calendar=loaded.calendar)


def build_context(loaded: LoadedRegulation, day: dt.date | None = None) -> CheckContext:
    """Return the context of a loaded regulation with its facts."""
    ctx = base_context(loaded, day)
    ctx.facts = derive_facts(ctx.reg, on=ctx.day)
    return ctx


def _python_hits(ctx: CheckContext, specs: Sequence[CheckSpec]) -> dict[str, list[Hit]]:
    return {spec.code: list(spec.func(ctx)) for spec in specs if spec.func is not None}


def _resolver(ctx: CheckContext) -> Callable[[str], ProvisionRef]:
    def resolve(phrase: str) -> ProvisionRef:
        prov = ctx.provision.get(phrase)
        if prov is None:
            return ProvisionRef(citation=phrase, regulation=ctx.reg.id)
        return ProvisionRef(citation=phrase, regulation=ctx.reg.id, location=prov.location, text=prov.text)

    return resolve


def _declarative_hits(ctx: CheckContext, specs: Sequence[CheckSpec], pending: PendingResult,
                      result: CheckResult) -> Iterator[tuple[CheckSpec, Hit]]:
    outcome = pending.provisional() or pending.result()  # (a provisional answer is confirmed by run_checks)
    by_fid = {str(f["fid"]): f for f in ctx.facts}
    by_code = {s.code: s for s in specs}
    result.engines_run = tuple(outcome.engines_run)
    result.notes.extend(n for n in outcome.notes if n not in result.notes)
    for match in outcome.matches:
        spec = by_code[match.code]
        decl = spec.declarative
        bindings = {name: by_fid[fid] for name, fid in match.bindings}
        group = [by_fid[fid] for fid in match.group]
        group_bind = decl.count.bind if decl.count is not None else None
        report = decl.report
        yield spec, Hit(
            provisions=resolve_refs(report.provisions, bindings, group, group_bind),
            actors=resolve_refs(report.actors, bindings, group, group_bind),
            tasks=resolve_refs(report.tasks, bindings, group, group_bind),
            values=match_values(bindings, group, group_bind, match.count, DISPLAY),
        )


def run_checks(loaded: LoadedRegulation, *, engine: EngineChoice = "both", day: dt.date | None = None,
               select: Iterable[str] | None = None, extra_specs: Sequence[CheckSpec] = (),
               expand: bool = False, meanwhile: Callable[[], object] | None = None) -> CheckResult:
    """Run every selected check on ``loaded`` and apply the provisions' suppressions.

    The orphaned-norm checks are grouped per ended actor (:mod:`quyche_rules.checks.grouping`) unless ``expand``.
    ``meanwhile`` is called once the findings are made, while durable-rules (beside) may still confirm them.
    """
    specs = dict(all_checks())
    if loaded.checks_file is not None:
        specs.update(regulation_checks(loaded.checks_file))
    for spec in extra_specs:
        specs[spec.code] = spec
    chosen = set(select) if select is not None else set(specs)
    ctx = base_context(loaded, day)
    result = CheckResult(findings=[], provisions=len(ctx.reg.provisions))
    resolve = _resolver(ctx)
    make = partial(produce, resolve=resolve, fallback_file=ctx.reg.id, day=ctx.day, law=ctx.law)
    python = [s for s in specs.values() if s.func is not None and s.code in chosen]
    early = [s for s in python if not s.reads_facts]  # run before the facts exist: here, or beside on a large one
    ctx.provision  # noqa: B018  (made once, before a fork, for both processes)
    # beside, the Python checks also make the cross-references, which the facts do not need
    beside = (parallel.beside(_python_hits, ctx, early) if early and parallel.available()
              and PARALLEL_PROVISIONS <= len(ctx.reg.provisions) <= PARALLEL_MAX_PROVISIONS else None)
    pending: PendingResult | None = None
    try:
        hits = _python_hits(ctx, early) if beside is None else {}
        ctx.forget_graph()  # the checks that read the facts do not read it
        ctx.facts = derive_facts(ctx.reg, on=ctx.day)
        decl_specs = [s for s in specs.values() if s.declarative is not None and s.code in chosen]
        # with both engines on a large regulation, durable-rules starts now beside this process (engines.compare);
        # one engine alone does too, unless the Python checks already took the other core
        pending = (start_checked([s.declarative for s in decl_specs], ctx.facts, engine, alone_beside=beside is None)
                   if decl_specs else None)
        hits.update(_python_hits(ctx, [s for s in python if s.reads_facts]))
        declared = list(_declarative_hits(ctx, decl_specs, pending, result)) if pending is not None else []
        if beside is not None:
            hits.update(beside.result())
        raw = [make(spec, hit) for spec in python for hit in hits[spec.code]]
        raw.extend(make(spec, hit) for spec, hit in declared)
        kept, hidden, about = apply_suppressions(ctx, raw, specs, chosen)
        result.suppressed = sort_suppressed(hidden)
        kept.extend(make(specs[hit.code], hit) for hit in about)
        result.findings = sort_findings(kept if expand else grouped(sort_findings(kept)))
        if meanwhile is not None:
            meanwhile()
        if pending is not None:
            pending.confirm()  # durable-rules, beside, confirms the answer (EngineDisagreement if it does not)
    except BaseException:
        for running in (pending, beside):
            if running is not None:
                running.cancel()
        raise
    return result
