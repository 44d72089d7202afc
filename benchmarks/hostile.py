"""Measure each hostile-input reproduction (issue 12) against its budget and print a Markdown table.

Usage: python benchmarks/hostile.py [--repeat 3] [--cases loop,big-] [--timeout 300]

Each case is built once in a temporary folder (the builders of tests/safety/hostile_inputs.py, shared with
tests/safety/test_hostile_input.py), then `quyche` is run on it --repeat times, each a fresh process limited to
1 GiB of address space. The table gives the exit code of the last run, the median wall seconds of the whole
process, the peak RSS (the child's own getrusage, the largest over the runs) and whether both are within the
budget: under 5 s and 300 MB for a bad input, under 2 s for the 3.9 MB-article cases. Exit status 1 when any
case is over its budget (or its run timed out). --cases keeps the cases whose name contains one of the given
strings.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import MINIMAL  # noqa: E402
from tests.safety import hostile_inputs as h  # noqa: E402


@dataclass(frozen=True)
class Case:
    """A hostile input: its name, a builder returning the arguments of ``quyche``, and its budget."""

    name: str
    build: Callable[[Path], list[str]]
    seconds: float = h.BUDGET_SECONDS
    mb: float = h.BUDGET_MB


def _check(folder: Path, *more: str) -> list[str]:
    return ["check", str(folder), *more]


def _diff(pair: tuple[Path, Path]) -> list[str]:
    return ["diff", str(pair[0]), str(pair[1])]


def _cases() -> list[Case]:
    cases = [
        Case("1 loop: 72 delegations among 9", lambda d: _check(h.delegation_loop(d, 9))),
        Case("1 loop: 90 delegations among 10", lambda d: _check(h.delegation_loop(d, 10))),
        Case("2 article: link to /dev/zero", lambda d: _check(h.special_article(d, "dev-zero")[0])),
        Case("2 article: FIFO", lambda d: _check(h.special_article(d, "fifo")[0])),
        Case("2 --baseline /dev/zero", lambda d: _check(MINIMAL, "--baseline", "/dev/zero")),
        Case("2 --config /dev/zero", lambda d: _check(MINIMAL, "--config", "/dev/zero")),
        Case("3 diff: a -> 120,000 characters (ubdt-2017)", lambda d: _diff(h.growth_ubdt(d))),
        Case("3 diff: năm -> 40 × năm, 4 times", lambda d: _diff(h.growth_years(d))),
        Case("3 amend -o: a -> 120,000 characters",
             lambda d: ["amend", *map(str, h.growth_ubdt(d)), "-o", str(d / "out")]),
    ]
    for name in h.BIG_TEXTS:
        cases.append(Case(f"4 3.9 MB article: {name}", lambda d, n=name: _check(h.big_article(d, n)[0]),
                          seconds=h.BIG_ARTICLE_SECONDS))
    cases += [
        Case("5 amendment: 100,000 operations", lambda d: ["diff", str(MINIMAL), str(h.many_operations(d, 100_000))]),
        Case("5 amendment: 20,000 operations", lambda d: ["diff", str(MINIMAL), str(h.many_operations(d, 20_000))]),
        Case("6 regulation over 64 MB", lambda d: _check(h.oversized_regulation(d)[0])),
        Case("7 5,003-character id", lambda d: _check(h.long_actor(d, "id")[0])),
        Case("7 5,003-character name", lambda d: _check(h.long_actor(d, "name")[0])),
        Case("8 link out of the folder (secret)", lambda d: _check(h.secret_symlink(d)[0])),
        Case("9 ESC, BEL, U+202E escaped", lambda d: _check(h.control_name(d, "".join(h.CONTROLS), raw=False)[0])),
        Case("9 ESC, BEL, U+202E raw", lambda d: _check(h.control_name(d, "".join(h.CONTROLS), raw=True)[0])),
        Case("10 graph graphml: hostile names", lambda d: ["graph", str(h.hostile_names(d)), "--format", "graphml"]),
        Case("10 graph dot: hostile names", lambda d: ["graph", str(h.hostile_names(d)), "--format", "dot"]),
        Case("11 no articles/", lambda d: _check(h.no_articles(d, as_file=False))),
        Case("11 articles is a file", lambda d: _check(h.no_articles(d, as_file=True))),
    ]
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default="", help="comma-separated parts of case names (default: all)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run counts as a hang")
    args = parser.parse_args()
    wanted = [w for w in args.cases.split(",") if w]
    cases = [c for c in _cases() if not wanted or any(w in c.name for w in wanted)]
    rows = []
    over = False
    with tempfile.TemporaryDirectory(prefix="quyche-hostile-") as tmp:
        for index, case in enumerate(cases):
            base = Path(tmp) / f"case-{index:02d}"
            cwd = base / "cwd"
            cwd.mkdir(parents=True)
            argv = case.build(base / "in")
            walls, peak, rc = [], 0.0, "-"
            for _ in range(args.repeat):
                try:
                    result = h.run_limited(["--lang", "en", *argv], cwd=cwd, timeout=args.timeout)
                except subprocess.TimeoutExpired:
                    walls, rc = [float("inf")], "timeout"
                    break
                walls.append(result.seconds)
                peak, rc = max(peak, result.peak_mb), str(result.rc)
            wall = statistics.median(walls)
            ok = wall < case.seconds and peak < case.mb
            over = over or not ok
            budget = f"< {case.seconds:g} s, < {case.mb:g} MB"
            rows.append(f"| {case.name} | {rc} | {wall:.2f} | {peak:.0f} | {budget} | {'yes' if ok else 'no'} |")
            print(rows[-1], file=sys.stderr, flush=True)
    print("| case | exit | median wall (s) | peak RSS (MB) | budget | within budget |")
    print("|---|---:|---:|---:|---|---|")
    print(*rows, sep="\n")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
