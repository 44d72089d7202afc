"""Run the catalogue on a loaded regulation: Python checks, declarative checks on the engines, suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from quyche_rules.checks.catalogue import all_checks, regulation_checks
from quyche_rules.checks.grouping import grouped
from quyche_rules.checks.produce import produce
from quyche_rules.checks.spec import CheckContext, CheckSpec
from quyche_rules.checks.suppressions import Suppressed, apply_suppressions, sort_suppressed
from quyche_rules.engines import EngineChoice, PendingResult, start_checked
from quyche_rules.facts import DISPLAY, derive_facts
from quyche_rules.findings import Finding, Hit, ProvisionRef, sort_findings
from quyche_rules.graph import build_graph
from quyche_rules.i18n import Text
from quyche_rules.lang import match_values, resolve_refs
from quyche_rules.loading import LoadedRegulation
from quyche_rules.xrefs import cross_references

__all__ = ["CheckResult", "build_context", "run_checks"]


@dataclass
class CheckResult:
    """The findings of one run and how they were obtained."""

    findings: list[Finding]
    specs: dict[str, CheckSpec]
    provisions: int  # how many were checked
    engines_run: tuple[str, ...] = ()
    notes: list[Text] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)  # hidden by the provisions' suppressions


def build_context(loaded: LoadedRegulation, day: dt.date | None = None) -> CheckContext:
    """Build the graph, cross-references and facts of a loaded regulation."""
    reg = loaded.regulation
    refs = cross_references(reg)
    graph = build_graph(reg, cites=refs.cites)
    when = day or reg.effective
    facts = derive_facts(reg, graph, on=when)
    return CheckContext(reg=reg, graph=graph, facts=facts, day=when, cites=refs.cites, dangling=refs.dangling,
                        unreadable=refs.unreadable)


def _resolver(ctx: CheckContext) -> Callable[[str], ProvisionRef]:
    def resolve(phrase: str) -> ProvisionRef:
        prov = ctx.provision.get(phrase)
        if prov is None:
            return ProvisionRef(citation=phrase, regulation=ctx.reg.id)
        return ProvisionRef(citation=phrase, regulation=ctx.reg.id, location=prov.location, text=prov.text)

    return resolve


def _declarative_hits(ctx: CheckContext, specs: Sequence[CheckSpec], pending: PendingResult,
                      result: CheckResult) -> Iterator[tuple[CheckSpec, Hit]]:
    outcome = pending.result()
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
               expand: bool = False) -> CheckResult:
    """Run every selected check on ``loaded`` and apply the provisions' suppressions.

    The orphaned-norm checks are grouped per ended actor (:mod:`quyche_rules.checks.grouping`) unless ``expand``.
    """
    specs = dict(all_checks())
    if loaded.checks_file is not None:
        specs.update(regulation_checks(loaded.checks_file))
    for spec in extra_specs:
        specs[spec.code] = spec
    chosen = set(select) if select is not None else set(specs)
    ctx = build_context(loaded, day)
    result = CheckResult(findings=[], specs=specs, provisions=len(ctx.reg.provisions))
    resolve = _resolver(ctx)
    make = partial(produce, resolve=resolve, fallback_file=ctx.reg.id, day=ctx.day, law=ctx.law)
    raw: list[Finding] = []
    decl_specs = [s for s in specs.values() if s.declarative is not None and s.code in chosen]
    # with both engines on a large regulation, durable-rules starts now beside this process (engines.compare)
    pending = start_checked([s.declarative for s in decl_specs], ctx.facts, engine) if decl_specs else None
    try:
        for spec in specs.values():
            if spec.func is not None and spec.code in chosen:
                raw.extend(make(spec, hit) for hit in spec.func(ctx))
        if pending is not None:
            raw.extend(make(spec, hit) for spec, hit in _declarative_hits(ctx, decl_specs, pending, result))
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    kept, hidden, about = apply_suppressions(ctx, raw, specs, chosen)
    result.suppressed = sort_suppressed(hidden)
    kept.extend(make(specs[hit.code], hit) for hit in about)
    result.findings = sort_findings(kept if expand else grouped(sort_findings(kept)))
    return result
