"""Time the durable-rules phase alone: DurableEngine.run on the facts of a regulation, as quyche check derives them.

Usage: python benchmarks/durable_phase.py FOLDER [--repeat 3]

Loads the regulation, derives its facts and the declarative checks as the runner does, then prints the best wall
time of DurableEngine.run (validation excluded: a check validates the facts once for both engines) and of
ReferenceEngine.run on the same facts, with the CLI's garbage-collector thresholds, as one JSON line.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.checks.runner import build_context
from quyche_rules.engines import DurableEngine, ReferenceEngine
from quyche_rules.engines.base import validate_checks, validate_facts
from quyche_rules.loading import load_regulation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ctx = build_context(load_regulation(args.folder))
    checks = [s.declarative for s in all_checks().values() if s.declarative is not None]
    facts = list(ctx.facts)
    validate_checks(checks)
    validate_facts(facts, checks)
    gc.set_threshold(200_000, 30, 30)  # as quyche_rules.cli does during a command
    DurableEngine().run(checks[:1], facts[:50], validated=True)  # the import and the first ruleset
    best = {"durable": float("inf"), "reference": float("inf")}
    for _ in range(args.repeat):
        for name, engine in (("reference", ReferenceEngine()), ("durable", DurableEngine())):
            start = time.perf_counter()
            engine.run(checks, facts, validated=True)
            best[name] = min(best[name], time.perf_counter() - start)
    print(json.dumps({"facts": len(facts), **best}))


if __name__ == "__main__":
    main()
