"""Memory of the durable-rules adapter over many consecutive runs in one process.

Runs the same checks on the same facts ``--runs`` times (default 1,000) with the durable engine and
prints the resident set size (RSS) at the start, every ``--every`` runs and at the end, plus the
throughput of both engines. Memory must stay flat: each compiled ruleset is reused and every
engine state is deleted after its session.

    python benchmarks/engine_memory.py [--runs 1000] [--tasks 300] [--every 100]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from typing import Any

from quyche_rules.engines import DurableEngine, ReferenceEngine, durable_available
from quyche_rules.lang import load_checks

CHECKS = """
checks:
  - code: QC301
    name: multiple-leads
    severity: error
    title: {vi: "Nhiều đơn vị chủ trì", en: "Several leads"}
    message: {vi: "«{t.name}»: {count} đơn vị chủ trì", en: "«{t.name}»: {count} leads"}
    rationale: {vi: "Mỗi nhiệm vụ một đơn vị chủ trì.", en: "One lead per task."}
    fix: {vi: "Giữ một đơn vị chủ trì.", en: "Keep one lead."}
    when:
      - {bind: t, kind: task, where: {required: 1}}
    unless:
      - {kind: coordination, where: {deadline: 3}, join: {task: {eq: t.id}}}
    count: {bind: leads, kind: duty, where: {role: lead}, join: {task: {eq: t.id}}, op: ge, value: 2}
  - code: QC302
    name: conflicting-deadlines
    severity: warning
    title: {vi: "Thời hạn mâu thuẫn", en: "Conflicting deadlines"}
    message: {vi: "{a.task}", en: "{a.task}"}
    rationale: {vi: "Một thời hạn cho một nhiệm vụ.", en: "One deadline per task."}
    fix: {vi: "Thống nhất thời hạn.", en: "Agree on one deadline."}
    when:
      - {bind: a, kind: duty, where: {role: lead}}
      - bind: b
        kind: duty
        where: {role: {in: [lead, responsible]}}
        join: {task: {eq: a.task}, seq: {gt: a.seq}, deadline: {ne: a.deadline}}
"""


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), else the peak from getrusage."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def make_facts(n_tasks: int, seed: int = 1) -> list[dict[str, Any]]:
    """Deterministic regulation-like facts: tasks, ~3 duties per task, some coordinations."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []

    def add(kind: str, **fields: Any) -> None:
        out.append({"kind": kind, "fid": f"{kind}-{len(out)}", "seq": len(out), **fields})

    for t in range(n_tasks):
        add("task", id=f"t{t}", name=f"Nhiệm vụ {t}", required=int(rng.random() > 0.3))
        for _ in range(rng.choice((1, 2, 3, 4))):
            add(
                "duty",
                task=f"t{t}",
                role=rng.choice(("lead", "cooperate", "responsible")),
                deadline=rng.choice((5, 10, "")),
                holder=f"u{rng.randrange(50)}",
            )
        if rng.random() < 0.3:
            add("coordination", task=f"t{t}", deadline=rng.choice((3, 5)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--every", type=int, default=100)
    args = parser.parse_args(argv)
    if not durable_available():
        print("durable-rules is not importable here; nothing to measure")
        return 0
    checks = load_checks(CHECKS, source="engine_memory.py")
    facts = make_facts(args.tasks)
    engine = DurableEngine()
    expected = ReferenceEngine().run(checks, facts)
    print(f"{len(facts)} facts, {len(checks)} checks, {len(expected)} matches per run")
    start = rss_mb()
    print(f"run {0:5d}  rss {start:7.1f} MB")
    t0 = time.perf_counter()
    for run in range(1, args.runs + 1):
        if engine.run(checks, facts) != expected:
            print(f"run {run}: durable disagrees with the reference")
            return 1
        if run % args.every == 0 or run == args.runs:
            print(f"run {run:5d}  rss {rss_mb():7.1f} MB")
    elapsed = time.perf_counter() - t0
    end = rss_mb()
    t1 = time.perf_counter()
    for _ in range(10):
        ReferenceEngine().run(checks, facts)
    ref_elapsed = (time.perf_counter() - t1) / 10
    per_run = elapsed / args.runs
    print(f"growth {end - start:+.1f} MB over {args.runs} runs")
    work = len(facts) * len(checks)
    print(f"durable: {per_run * 1000:.1f} ms/run, {work / per_run:,.0f} fact-checks/s")
    print(f"reference: {ref_elapsed * 1000:.1f} ms/run, {work / ref_elapsed:,.0f} fact-checks/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
