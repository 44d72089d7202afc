"""Run the whole check pipeline many times in one process and print resident memory as it goes.

Usage: python benchmarks/check_memory.py [--runs 1000] [--engine both] [PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="rules/ubdt-2017")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--engine", default="both")
    args = parser.parse_args()

    from quyche_rules.checks.runner import run_checks
    from quyche_rules.loading import load_regulation

    loaded = load_regulation(Path(args.path))
    start = time.perf_counter()
    first = None
    findings = None
    for i in range(1, args.runs + 1):
        result = run_checks(loaded, engine=args.engine)
        if findings is None:
            findings = [f.model_dump_json() for f in result.findings]
        elif [f.model_dump_json() for f in result.findings] != findings:
            raise SystemExit(f"run {i}: findings changed")
        if i == 10:
            first = rss_mb()
        if i % 100 == 0 or i == 1:
            print(f"run {i:5d}  rss {rss_mb():8.1f} MB  engines {','.join(result.engines_run)}", flush=True)
    end = rss_mb()
    elapsed = time.perf_counter() - start
    print(f"{args.runs} runs in {elapsed:.1f} s ({elapsed / args.runs * 1000:.1f} ms/run); "
          f"rss after 10 runs {first:.1f} MB, at the end {end:.1f} MB, growth {end - (first or end):.1f} MB")


if __name__ == "__main__":
    main()
