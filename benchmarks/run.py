"""Measure quyche check against the performance budgets (DESIGN section 9, issue 19) and print Markdown tables.

Usage: python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 3] [--engines both,reference]

For each size it generates a regulation (benchmarks/generate.py, fixed seed), then measures wall time (best of
--repeat runs, each a fresh process) and peak memory (one more run, sampled: the larger of the process's peak
RSS and the most its process tree held at once, benchmarks/treemem.py) of `quyche check` on it, checks that
exactly the injected defects were found, and measures yamllint and PyYAML's C loader on the same files. Then
the budgets:
the pre-commit hook on the bundled regulation (without the cache, cold: the staged file edited since the last
run, and with its output replayed; against yamllint on the folder it loads), `quyche diff` of the
10,000-provision regulation against a copy with one article edited (without the cache, and run again after
another edit with the old version from the cache; each round timed beside a check of one version),
and `quyche check --jobs 1` against `--jobs 2` on 20 regulations of 2,000 provisions (output compared byte
for byte). Last it prints every budget with its measured value and whether it is met.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TIMED = (
    "import os, runpy, sys, time\n"
    "t = time.perf_counter()\n"
    "me = os.getpid()\n"
    "def report():\n"
    "    hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "    sys.stderr.write('\\nBENCH %f %d\\n' % (time.perf_counter() - t, hwm))\n"
    "    sys.stderr.flush()\n"
    "real_exit = os._exit\n"
    "def _exit(code):  # quyche ends with os._exit (launch.entry); its forked children too, unreported\n"
    "    if os.getpid() == me:\n"
    "        report()\n"
    "    real_exit(code)\n"
    "os._exit = _exit\n"
    "sys.argv = sys.argv[1:]\n"
    "code = 0\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
    "except SystemExit as e:\n"
    "    code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)\n"
    "report()\n"
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
    """Return (best wall seconds of the whole process, peak memory in MiB, the last run).

    The wall time is the best of ``repeat`` runs left alone; the memory is measured in one more run: the larger
    of the process's peak RSS and the most its process tree held at once (the sum of the PSS of the process and
    the processes it forked, sampled every 50 ms: benchmarks/treemem.py). Sampling reads each process's page
    tables in the kernel, which slowed a two-core machine's large runs by a tenth, so it is not timed.
    """
    import time

    from treemem import TreeMemory

    best, peak, last = float("inf"), 0.0, None
    for n in range(repeat + 1):
        sampled = n == repeat
        start = time.perf_counter()
        with subprocess.Popen([sys.executable, "-c", _TIMED, *argv], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) as popen:
            sampler = TreeMemory(popen.pid) if sampled else None
            out, err = popen.communicate()
            tree = sampler.stop() / 1024 if sampler is not None else 0.0
        wall = time.perf_counter() - start
        proc = subprocess.CompletedProcess(popen.args, popen.returncode, out, err)
        rss = int(err.rsplit("BENCH", 1)[1].split()[1]) / 1024 if "BENCH" in err else 0.0
        peak, last = max(peak, rss, tree), proc
        if not sampled:
            best = min(best, wall)
    assert last is not None
    return best, peak, last


def _generate(size: int, seed: int, out: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--provisions", str(size),
                    "--seed", str(seed), "--out", str(out)], check=True, capture_output=True)


def _median_wall(argv: list[str], runs: int, cwd: Path, env: dict[str, str]) -> float:
    import statistics
    import time

    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *argv], cwd=cwd, env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def _hook(work: Path, runs: int) -> tuple[float, float, float, float | None]:
    """Return the hook's wall times without the cache, cold (the staged file edited) and replayed, and
    yamllint's on the folder it loads (None: absent)."""
    import os

    shutil.copytree(ROOT / "rules" / "ubdt-2017", work / "rules" / "ubdt-2017")
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "home"), "QUYCHE_CACHE_DIR": str(work / "cache")}
    env.pop("QUYCHE_NO_CACHE", None)
    staged = "rules/ubdt-2017/articles/dieu-10.yaml"
    hook = ["-m", "quyche_rules", "check", "--drafts", staged]  # as pre-commit runs it
    plain = _median_wall([*hook, "--no-cache"], runs, work, env)
    colds = []
    for n in range(runs):  # cold: the staged file edited since the last run (the tool's catalogues stay kept)
        with (work / staged).open("a", encoding="utf-8") as out:
            out.write(f"# edit {n}\n")
        colds.append(_median_wall(hook, 1, work, env))
    warm = _median_wall(hook, runs, work, env)  # the last cold run recorded the output: replayed
    yamllint = shutil.which("yamllint") or str(Path(sys.executable).parent / "yamllint")
    lint = _median_wall(["-m", "yamllint", "-d", "relaxed", "rules/ubdt-2017"], runs, work, env) \
        if Path(yamllint).exists() else None
    return plain, sorted(colds)[len(colds) // 2], warm, lint


def measure_budgets(tmp: Path, times: dict[tuple[str, int], float], floors: dict[int, float],
                    peaks: dict[int, float], phases: dict[int, dict[str, float]],
                    repeat: int) -> list[tuple[str, float, float | None, str]]:
    """Return (budget, limit, measured or None, unit) for every budget of issue 19.

    A negative limit is a minimum; a zero limit, a figure shown for comparison only.
    """
    plain, cold, warm, lint = _hook(tmp / "hook", max(repeat, 5))
    out: list[tuple[str, float, float | None, str]] = [
        ("hook, without the cache (`--no-cache`; no budget)", 0, plain, " s"),
        ("hook, cold (the staged file edited since the last run)", 0.5, cold, " s"),
        ("hook, nothing changed (replayed)", 0.3, warm, " s"),
        ("hook ÷ yamllint on the folder it loads (replayed)", 0.5, warm / lint if lint else None, "×"),
        ("hook ÷ yamllint on the folder it loads (cold)", 0.5, cold / lint if lint else None, "×"),
        ("check, both engines, 10,000 provisions", 2, times.get(("both", 10_000)), " s"),
        ("check, both engines, 100,000 provisions", 20, times.get(("both", 100_000)), " s"),
        ("peak memory (RSS, or the process tree's PSS), both engines, 100,000 provisions", 1024,
         peaks.get(100_000) or None, " MiB"),
    ]
    for size in (10_000, 100_000):
        ref = times.get(("reference", size))
        out.append((f"reference engine ÷ parse floor, {size:,}", 3, ref / floors[size] if ref and floors.get(size)
                    else None, "×"))
    for engine in ("both", "reference"):
        a, b = times.get((engine, 10_000)), times.get((engine, 100_000))
        out.append((f"t(100k) ÷ t(10k), {engine}", 10.5, b / a if a and b else None, "×"))
    out.append(("durable phase alone (benchmarks/durable_phase.py) t(100k) ÷ t(10k)", 10.5,
                _durable_growth(tmp, phases, max(repeat, 3)), "×"))
    cold, again = _diff_ratio(tmp, repeat)
    out.append(("diff 10k against a one-article edit ÷ check of one version (`--no-cache`)", 1.3, cold, "×"))
    out.append(("the same diff run again after another edit (the old version from the cache)", 1.3, again, "×"))
    out.append(("speed-up of `--jobs 2` over `--jobs 1` on 20 × 2,000 provisions", -1.7, _jobs_speedup(tmp), "×"))
    return out


def _durable_phase(folder: Path, repeat: int) -> dict[str, float]:
    """Return what benchmarks/durable_phase.py measures on ``folder``: facts, best durable and reference times."""
    phase = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "durable_phase.py"), str(folder),
                            "--repeat", str(repeat)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(phase.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _durable_growth(tmp: Path, phases: dict[int, dict[str, float]], rounds: int) -> float | None:
    """Return t(100k) ÷ t(10k) of the durable phase: the median of rounds that time the two sizes one after the
    other (best of two runs each), as the sizes' own rows were timed minutes apart and the machine drifts."""
    import statistics

    folders = {size: tmp / f"reg-{size}" for size in (10_000, 100_000)}
    if not all(size in phases and (folder / "regulation.yaml").is_file() for size, folder in folders.items()):
        return None
    ratios = []
    for _ in range(rounds):
        small, large = (_durable_phase(folder, 2)["durable"] for folder in folders.values())
        ratios.append(large / small)
    return statistics.median(ratios)


def _diff_ratio(tmp: Path, repeat: int) -> tuple[float, float]:
    """Return diff ÷ check on 10,000 provisions: without the cache, and as a drafter runs it again after an edit.

    Each round edits another article of the new version, then times, one after the other, the diff as run again
    (the old version kept in the cache, its own folder, by the run before), the check of one version and the
    diff without the cache; each ratio is the median of the rounds' ratios (this machine's speed drifts, so
    only runs made side by side are compared).
    """
    import os
    import statistics

    old, new = tmp / "diff-old", tmp / "diff-new"
    _generate(10_000, 2026, old)
    shutil.copytree(old, new)
    articles = sorted((new / "articles").glob("*.yaml"))

    def edit(n: int) -> None:
        article = articles[(len(articles) // 2 + n * 97) % len(articles)]
        article.write_text(article.read_text(encoding="utf-8").replace("text: ", "text: Sửa đổi, ", 1),
                           encoding="utf-8")

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "diff-home"), "QUYCHE_CACHE_DIR": str(tmp / "diff-cache")}
    env.pop("QUYCHE_NO_CACHE", None)
    diff = ["-m", "quyche_rules", "diff", str(old), str(new), "--format", "json"]
    check = ["-m", "quyche_rules", "check", str(old), "--no-cache", "--format", "json"]
    edit(0)
    proc = subprocess.run([sys.executable, *diff], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode == 2 or not proc.stdout.startswith("{") or "comparisons" not in json.loads(proc.stdout):
        raise SystemExit(f"quyche diff failed: {(proc.stdout + proc.stderr)[:500]}")
    cold, again = [], []
    for n in range(1, max(repeat, 3) + 1):
        edit(n)
        warm = _median_wall(diff, 1, ROOT, env)
        one = _median_wall(check, 1, ROOT, env)
        cold.append(_median_wall([*diff, "--no-cache"], 1, ROOT, env) / one)
        again.append(warm / one)
    return statistics.median(cold), statistics.median(again)


def _jobs_speedup(tmp: Path) -> float:
    many = tmp / "many"
    for i in range(20):
        _generate(2_000, 3000 + i, many / f"reg-{i:02d}")
    one, _, first = timed(["quyche_rules", "check", str(many), "--jobs", "1", "--no-cache", "--format", "json"], 1)
    two, _, second = timed(["quyche_rules", "check", str(many), "--jobs", "2", "--no-cache", "--format", "json"], 1)
    if first.stdout != second.stdout:
        raise SystemExit("--jobs 2 gave another output than --jobs 1")
    return one / two


def repeat_of(size: int, repeat: int) -> int:
    """Return how many times to time a run of ``size`` provisions (once at 100,000: a minute each)."""
    return repeat if size < 100_000 else 1


def found_codes(stdout: str) -> Counter[str]:
    doc = json.loads(stdout)
    return Counter(f["code"] for f in doc["findings"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="both,reference")
    args = parser.parse_args()
    # time what users run: the package from its bytecode (pip compiles it); with PYTHONDONTWRITEBYTECODE set, a
    # module edited since its .pyc was written would be compiled again by every process timed (0.1 s of the hook)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(ROOT / "quyche_rules", quiet=1)
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = args.engines.split(",")
    rows = []
    times: dict[tuple[str, int], float] = {}
    rss_of: dict[tuple[str, int], float] = {}
    floors: dict[int, float] = {}
    peaks: dict[int, float] = {}
    phases: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            out = Path(tmp) / f"reg-{size}"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--provisions", str(size),
                            "--seed", "2026", "--out", str(out)], check=True, capture_output=True)
            expected = Counter(json.loads((out / "expected-findings.json").read_text()))
            for engine in engines:
                repeat = repeat_of(size, args.repeat)
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
                rss_of[(engine, size)] = rss
                rows.append((f"quyche check --engine {engine}", size, wall, rss, f"{sum(got.values())} (all injected)"))
                print(*rows[-1], sep=" | ", file=sys.stderr, flush=True)
            if shutil.which("yamllint"):
                wall, rss, _ = timed(["yamllint", "-d", "relaxed", str(out)], 1)
                rows.append(("yamllint -d relaxed", size, wall, rss, "—"))
            parse = subprocess.run([sys.executable, "-c", _PARSE_TIMED, str(out)], capture_output=True,
                                   text=True, cwd=ROOT).stderr.rsplit("BENCH", 1)[1].split()
            rows.append(("PyYAML CSafeLoader, parse only (in-process)", size, float(parse[0]),
                         int(parse[1]) / 1024, "—"))
            floors[size] = float(parse[0])
            if size in (10_000, 100_000) and "both" in engines:
                phases[size] = _durable_phase(out, repeat_of(size, args.repeat))
                rows.append((f"durable phase alone (reference engine: {phases[size]['reference']:.2f} s)", size,
                             phases[size]["durable"], 0.0, f"{phases[size]['facts']:,} facts"))
            peaks[size] = rss_of.get(("both", size), 0.0)
        hook_wall, hook_rss, hook = timed(  # cold; benchmarks/hook.py measures it with the cache
            ["quyche_rules", "check", "rules/ubdt-2017/articles/dieu-10.yaml", "--no-cache"], args.repeat)
        rows.append(("hook: quyche check on one staged file of rules/ubdt-2017", 300, hook_wall, hook_rss,
                     f"exit {hook.returncode}"))
        budgets = measure_budgets(Path(tmp), times, floors, peaks, phases, args.repeat)
    print("| command | provisions | wall (s) | peak memory (MiB) | findings |")
    print("|---|---:|---:|---:|---|")
    for name, size, wall, rss, note in rows:
        print(f"| {name} | {size:,} | {wall:.2f} | {f'{rss:,.0f}' if rss else '—'} | {note} |")
    print("\n| budget (issue 19) | limit | measured | verdict |")
    print("|---|---:|---:|---|")
    for name, limit, value, unit in budgets:
        at_least = limit < 0  # a speed-up to reach, not a time to stay under
        shown = "—" if value is None else f"{value:.2f}{unit}"
        if limit == 0:  # measured beside a budget, for comparison
            print(f"| {name} | — | {shown} | — |")
            continue
        met = value is not None and (value >= -limit if at_least else value <= limit)
        verdict = "not measured" if value is None else ("met" if met else "missed")
        print(f"| {name} | {'≥' if at_least else '≤'} {abs(limit):g}{unit} | {shown} | {verdict} |")


if __name__ == "__main__":
    main()
