"""Long fuzzing run of the loader, the citation parser and the amendment parser.

Usage: python benchmarks/fuzz.py [--inputs 100000] [--targets loader,citations,amendments] [--seed 1]
                                 [--jobs 2] [--out DIR]

Each target gets ``--inputs`` inputs (so the default run tries 300,000), split over ``--jobs`` processes with
distinct seeds. The generators, the targets and what counts as a failure are those of the short CI run
(tests/fuzz/engine.py). Prints, per target, the inputs tried, how many ended in a diagnostic, and the
failures (with each distinct failure: exception, place, message); failing inputs are saved under ``--out``.
Exit code 1 if anything failed, 2 if the harness itself broke (the chunk is named).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.engine import TARGETS, Stats, campaign  # noqa: E402


def _job(args: tuple[str, int, int]) -> Stats:
    target, inputs, seed = args
    return campaign(target, inputs, seed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per target (default 100000)")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ", ".join(TARGETS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "quyche-fuzz-failures",
                        help="where failing inputs go (default: quyche-fuzz-failures in the temporary folder)")
    args = parser.parse_args()
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = sorted(set(targets) - set(TARGETS))
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)}")
    chunks = max(args.jobs, 1) * 4  # smaller pieces keep both workers busy to the end
    work = []
    for t_index, target in enumerate(targets):
        per, extra = divmod(args.inputs, chunks)
        for c in range(chunks):
            n = per + (1 if c < extra else 0)
            if n:
                work.append((target, n, args.seed * 1_000_003 + t_index * 10_007 + c))
    started = time.perf_counter()
    totals = {t: Stats(t) for t in targets}
    # ProcessPoolExecutor, not Pool: a worker that dies (a crash in C code, an exception from the generators)
    # breaks the run with the chunk named, where Pool would wait for the lost chunk forever.
    results: dict[int, Stats] = {}
    with ProcessPoolExecutor(max(args.jobs, 1), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_job, chunk): i for i, chunk in enumerate(work)}
        for done, future in enumerate(as_completed(futures), 1):
            target, n, seed = work[futures[future]]
            try:
                stats = future.result()
            except Exception as exc:
                pool.shutdown(wait=False, cancel_futures=True)
                print(f"the fuzzing harness itself failed on {target}, {n} inputs, seed {seed}: "
                      f"{type(exc).__name__}: {exc}", file=sys.stderr)
                return 2
            results[futures[future]] = stats
            print(f"[{done}/{len(work)}] {target}: {stats.tried:,} inputs, {stats.failures} failures "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    for i in sorted(results):  # in the order of the work, so that the same failure is kept whatever finished first
        totals[results[i].target].add(results[i])
    elapsed = time.perf_counter() - started
    print(f"quyche-rules fuzzing: seed {args.seed}, {args.jobs} processes, {elapsed:.0f} s")
    print(f"{'target':<12}{'inputs tried':>14}{'diagnostics':>14}{'failures':>10}{'distinct':>10}")
    failed = 0
    for target in targets:
        s = totals[target]
        print(f"{target:<12}{s.tried:>14,}{s.diagnostics:>14,}{s.failures:>10,}{len(s.unique):>10,}")
        failed += s.failures
    total = sum(s.tried for s in totals.values())
    print(f"{'total':<12}{total:>14,}{sum(s.diagnostics for s in totals.values()):>14,}{failed:>10,}")
    for target in targets:
        for i, failure in enumerate(totals[target].unique.values()):
            args.out.mkdir(parents=True, exist_ok=True)
            path = args.out / f"{target}-{i:03d}.bin"
            path.write_bytes(failure.data)
            path.with_suffix(".txt").write_text(failure.trace, encoding="utf-8")
            print(f"  {target}: {failure.kind} at {failure.where}: {failure.message[:200]} -> {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
