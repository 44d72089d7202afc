"""Measure quyche check against the performance budget (DESIGN section 9) and print a Markdown table.

Usage: python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 3] [--engines both,reference]

For each size it generates a regulation (benchmarks/generate.py, fixed seed), then measures wall time and
peak memory (best of --repeat runs, each a fresh process) of `quyche check` on it, checks that exactly the
injected defects were found, and measures yamllint and PyYAML's C loader on the same files; last, the
pre-commit hook's command on the bundled regulation.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TIMED = (
    "import runpy, sys, time\n"
    "t = time.perf_counter()\n"
    "sys.argv = sys.argv[1:]\n"
    "code = 0\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
    "except SystemExit as e:\n"
    "    code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)\n"
    "hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "sys.stderr.write('\\nBENCH %f %d\\n' % (time.perf_counter() - t, hwm))\n"
    "sys.exit(code)\n"
)
_PARSE_TIMED = (
    "import sys, time, pathlib, yaml\n"
    "t = time.perf_counter()\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
    "hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "sys.stderr.write('\\nBENCH %f %d\\n' % (time.perf_counter() - t, hwm))\n"
)


def timed(argv: list[str], repeat: int) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Return (best wall seconds of the whole process, peak RSS in MiB, the last run)."""
    best, peak, last = float("inf"), 0.0, None
    for _ in range(repeat):
        import time

        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _TIMED, *argv], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - start
        rss = int(proc.stderr.rsplit("BENCH", 1)[1].split()[1]) / 1024 if "BENCH" in proc.stderr else 0.0
        best, peak, last = min(best, wall), max(peak, rss), proc
    assert last is not None
    return best, peak, last


def found_codes(stdout: str) -> Counter[str]:
    doc = json.loads(stdout)
    return Counter(f["code"] for f in doc["findings"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="both,reference")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = args.engines.split(",")
    rows = []
    times: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            out = Path(tmp) / f"reg-{size}"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--provisions", str(size),
                            "--seed", "2026", "--out", str(out)], check=True, capture_output=True)
            expected = Counter(json.loads((out / "expected-findings.json").read_text()))
            for engine in engines:
                repeat = args.repeat if size < 100_000 else 1
                wall, rss, proc = timed(  # cold: the cache would answer every repeat after the first
                    ["quyche_rules", "check", str(out), "--engine", engine, "--format", "json", "--no-cache"], repeat)
                if proc.returncode == 2:  # refused with a diagnostic (e.g. durable-rules session bound)
                    reason = proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else "exit 2"
                    rows.append((f"quyche check --engine {engine}", size, wall, rss, f"refused: {reason}"))
                    print(*rows[-1], sep=" | ", file=sys.stderr, flush=True)
                    continue
                got = found_codes(proc.stdout)
                if got != expected:
                    raise SystemExit(f"{size} provisions, engine {engine}: expected {dict(expected)}, got {dict(got)}")
                times[(engine, size)] = wall
                rows.append((f"quyche check --engine {engine}", size, wall, rss, f"{sum(got.values())} (all injected)"))
                print(*rows[-1], sep=" | ", file=sys.stderr, flush=True)
            if shutil.which("yamllint"):
                wall, rss, _ = timed(["yamllint", "-d", "relaxed", str(out)], 1)
                rows.append(("yamllint -d relaxed", size, wall, rss, "—"))
            parse = subprocess.run([sys.executable, "-c", _PARSE_TIMED, str(out)], capture_output=True,
                                   text=True, cwd=ROOT).stderr.rsplit("BENCH", 1)[1].split()
            rows.append(("PyYAML CSafeLoader, parse only (in-process)", size, float(parse[0]),
                         int(parse[1]) / 1024, "—"))
        hook_wall, hook_rss, hook = timed(  # cold; benchmarks/hook.py measures it with the cache
            ["quyche_rules", "check", "rules/ubdt-2017/articles/dieu-10.yaml", "--no-cache"], args.repeat)
        rows.append(("hook: quyche check on one staged file of rules/ubdt-2017", 300, hook_wall, hook_rss,
                     f"exit {hook.returncode}"))
    print("| command | provisions | wall (s) | peak RSS (MiB) | findings |")
    print("|---|---:|---:|---:|---|")
    for name, size, wall, rss, note in rows:
        print(f"| {name} | {size:,} | {wall:.2f} | {rss:.0f} | {note} |")
    for engine in engines:
        if (engine, 10_000) in times and (engine, 100_000) in times:
            print(f"\nscaling ({engine}): t(100k) / t(10k) = {times[(engine, 100_000)] / times[(engine, 10_000)]:.1f}")


if __name__ == "__main__":
    main()
