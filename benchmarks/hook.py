"""Time the pre-commit hook path, whole processes: without the cache, with it cold, and with it warm.

Usage: python benchmarks/hook.py [--runs 7] [FILE]   (FILE defaults to rules/ubdt-2017/articles/dieu-10.yaml;
the command is the shipped hook's, `quyche check --drafts FILE`)
Prints the median wall time of each, against the budgets of issue 19 (warm 0.3 s, cold 0.5 s). Cold: the staged
file was edited since the last run (its regulation is checked again; the tool's own catalogues stay kept, as
they do after the first run); empty cache: the first run after installing (nothing kept).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quyche_rules", *args], cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("file", nargs="?", default="rules/ubdt-2017/articles/dieu-10.yaml")
    args = parser.parse_args()
    # time what users run: the package from its bytecode (pip compiles it); with PYTHONDONTWRITEBYTECODE set, a
    # module edited since its .pyc was written would be compiled again by every process timed (0.1 s of the hook)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(ROOT / "quyche_rules", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "rules", work / "rules")
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "home"), "QUYCHE_CACHE_DIR": str(work / "cache")}
        env.pop("QUYCHE_NO_CACHE", None)
        command = ["check", "--drafts", args.file]  # as the shipped pre-commit hook runs it
        rows: dict[str, list[float]] = {"no cache (--no-cache)": [], "empty cache": [], "cache cold": [],
                                        "cache warm": []}
        staged = work / args.file
        for n in range(args.runs):
            rows["no cache (--no-cache)"].append(_time([*command, "--no-cache"], work, env))
            shutil.rmtree(work / "cache", ignore_errors=True)  # as on the first run after installing
            rows["empty cache"].append(_time(command, work, env))
            with staged.open("a", encoding="utf-8") as out:  # cold: the file edited since the last run
                out.write(f"# edit {n}\n")
            rows["cache cold"].append(_time(command, work, env))
            rows["cache warm"].append(_time(command, work, env))  # warm: nothing changed, the output replayed
    budgets = {"cache cold": 0.5, "cache warm": 0.3}
    for name, times in rows.items():
        median = statistics.median(times)
        budget = budgets.get(name)
        verdict = "" if budget is None else f"  budget {budget:.1f} s: {'met' if median <= budget else 'missed'}"
        print(f"{name:24} {median:6.2f} s{verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
