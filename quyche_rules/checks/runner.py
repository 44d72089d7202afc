"""Run the catalogue on a loaded regulation: Python checks, declarative checks on the engines, suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.checks.registry import all_checks, declarative_spec
from quyche_rules.checks.spec import CheckContext, CheckSpec, Hit, render
from quyche_rules.facts import derive_facts
from quyche_rules.findings import Finding, Location, ProvisionRef, sort_findings
from quyche_rules.graph import build_graph
from quyche_rules.i18n import Text
from quyche_rules.loading.folder import LoadedRegulation

__all__ = ["CheckResult", "build_context", "run_checks"]


@dataclass
class CheckResult:
    """The findings of one run and how they were obtained."""

    findings: list[Finding]
    specs: dict[str, CheckSpec]
    provisions: int  # how many were checked
    engines_run: tuple[str, ...] = ()
    notes: list[Text] = field(default_factory=list)


def build_context(loaded: LoadedRegulation, day: dt.date | None = None) -> CheckContext:
    """Build the graph, cross-references and facts of a loaded regulation."""
    from quyche_rules.xrefs import cross_references

    reg = loaded.regulation
    cites, dangling = cross_references(reg)
    graph = build_graph(reg, cites=cites)
    when = day or reg.effective
    facts = derive_facts(reg, graph, on=when)
    return CheckContext(reg=reg, graph=graph, facts=facts, day=when, cites=cites, dangling=dangling)


def _ref(ctx: CheckContext, phrase: str) -> ProvisionRef:
    prov = ctx.provision.get(phrase)
    if prov is None:
        return ProvisionRef(citation=phrase, regulation=ctx.reg.id)
    return ProvisionRef(citation=phrase, regulation=ctx.reg.id, location=prov.location, text=prov.text)


def hit_to_finding(ctx: CheckContext, spec: CheckSpec, hit: Hit) -> Finding:
    """Turn a hit into a finding: message rendered in both languages, provisions located."""
    refs = tuple(_ref(ctx, p) for p in dict.fromkeys(hit.provisions))
    if hit.at is not None:
        refs = tuple(r if r.location else r.model_copy(update={"location": hit.at}) for r in refs)
    location = hit.at or next((r.location for r in refs if r.location), None) or Location(file=ctx.reg.id)
    values = {k: v for k, v in hit.values.items()}
    return Finding(
        code=spec.code, name=spec.name, severity=spec.severity,
        message=Text.of(render(spec.message.vi, values), render(spec.message.en, values)),
        location=location, provisions=refs, actors=tuple(dict.fromkeys(hit.actors)),
        tasks=tuple(dict.fromkeys(hit.tasks)), fix=spec.fix,
    )


def _values_of(ref: str, bindings: Mapping[str, Mapping[str, Any]], group: Sequence[Mapping[str, Any]],
               group_bind: str | None) -> list[str]:
    bind, _, name = ref.partition(".")
    if bind == group_bind:
        return [str(f[name]) for f in group if f.get(name, "") != ""]
    fact = bindings.get(bind)
    return [str(fact[name])] if fact is not None and fact.get(name, "") != "" else []


def _declarative_hits(ctx: CheckContext, specs: Sequence[CheckSpec], engine: str,
                      result: CheckResult) -> Iterable[tuple[CheckSpec, Hit]]:
    if not specs:
        return
    from quyche_rules.engines.compare import run_checked
    from quyche_rules.lang import render_template

    by_fid = {str(f["fid"]): f for f in ctx.facts}
    by_code = {s.code: s for s in specs}
    outcome = run_checked([s.declarative for s in specs], ctx.facts, engine)  # type: ignore[arg-type]
    result.engines_run = tuple(outcome.engines_run)
    result.notes.extend(n for n in outcome.notes if n not in result.notes)
    for match in outcome.matches:
        spec = by_code[match.code]
        decl = spec.declarative
        bindings = {name: by_fid[fid] for name, fid in match.bindings}
        group = [by_fid[fid] for fid in match.group]
        group_bind = decl.count.bind if decl.count is not None else None
        report = decl.report
        provisions = [v for r in report.provisions for v in _values_of(r, bindings, group, group_bind)]
        actors = [v for r in report.actors for v in _values_of(r, bindings, group, group_bind)]
        tasks = [v for r in report.tasks for v in _values_of(r, bindings, group, group_bind)]
        vi = render_template(decl.message.vi, bindings, group, group_bind, match.count)
        en = render_template(decl.message.en, bindings, group, group_bind, match.count)
        yield spec, Hit(tuple(provisions), tuple(actors), tuple(tasks), {"__vi": vi, "__en": en})


def run_checks(loaded: LoadedRegulation, *, engine: str = "both", day: dt.date | None = None,
               select: Iterable[str] | None = None, extra_specs: Sequence[CheckSpec] = ()) -> CheckResult:
    """Run every selected check on ``loaded`` and apply the provisions' suppressions."""
    specs = dict(all_checks())
    if loaded.checks_file is not None:
        from quyche_rules.lang import load_checks

        # from the path: the loader reports a file that is not UTF-8 as a diagnostic (ConfigError)
        for decl in load_checks(loaded.checks_file, source=str(loaded.checks_file)):
            specs[decl.code] = declarative_spec(decl, str(loaded.checks_file))
    for spec in extra_specs:
        specs[spec.code] = spec
    chosen = set(select) if select is not None else set(specs)
    ctx = build_context(loaded, day)
    result = CheckResult(findings=[], specs=specs, provisions=len(ctx.reg.provisions))
    raw: list[Finding] = []
    for spec in specs.values():
        if spec.func is not None and spec.code in chosen:
            raw.extend(hit_to_finding(ctx, spec, hit) for hit in spec.func(ctx))
    decl_specs = [s for s in specs.values() if s.declarative is not None and s.code in chosen]
    for spec, hit in _declarative_hits(ctx, decl_specs, engine, result):
        finding = hit_to_finding(ctx, spec, hit)
        message = Text.of(str(hit.values["__vi"]), str(hit.values["__en"]))
        raw.append(finding.model_copy(update={"message": message}))
    from quyche_rules.suppressions import apply_suppressions

    result.findings = sort_findings(apply_suppressions(ctx, raw, specs, chosen))
    return result
