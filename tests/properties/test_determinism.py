"""Every output is byte-identical across runs and across ``PYTHONHASHSEED`` values (fresh processes).

One subprocess per seed runs the whole list of commands in-process (``quyche_rules.cli.main``), writing each
command's stdout, stderr, exit code and ``-o`` outputs into its own folder; the folders must be identical.
Seed ``0`` runs twice (two runs, same seed), and ``random`` lets Python pick one. The engine is the default
(both engines, compared), so the durable-rules session order is covered too.
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from quyche_rules.model import Regulation
from tests import strategies as s
from tests.conftest import FIXTURES, MINIMAL, ROOT
from tests.properties.helpers import examples

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

_RUNNER = r"""
import io, json, sys
from pathlib import Path
from quyche_rules.cli import main

commands, out = json.loads(sys.argv[1]), Path(sys.argv[2])
for index, argv in enumerate(commands):
    argv = [a.replace("{out}", str(out)) for a in argv]
    stdout, stderr = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = stdout, stderr
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    # the output folder differs between runs; messages that name it are compared with a placeholder
    (out / f"{index:02d}.stdout").write_text(stdout.getvalue().replace(str(out), "{out}"), encoding="utf-8")
    (out / f"{index:02d}.stderr").write_text(stderr.getvalue().replace(str(out), "{out}"), encoding="utf-8")
    (out / f"{index:02d}.code").write_text(str(code), encoding="utf-8")
"""

SMALL = FIXTURES / "amendments" / "base-small"
SMALL_AMENDMENT = """\
amendment: {id: sua-doi-xac-dinh, amends: mau-sua-doi, instrument: {number: 7/QĐ-MAU, date: 2024-02-01},
            effective: 2024-03-01}
operations:
  - amend: khoản 1 Điều 1
    with:
      text: Vụ B chủ trì xây dựng kế hoạch công tác năm.
      norms: [{duty: {holder: vu-b, task: ke-hoach-nam, role: lead}}]
  - insert: {after: điểm b khoản 3 Điều 1, point: {point: b1, text: Theo dõi việc thực hiện điểm a khoản này.}}
  - repeal: điểm c khoản 3 Điều 1
  - replace_phrase: {from: Vụ A, to: Vụ Tổng hợp}
  - merge: {actors: [vu-a, trung-tam-x], into: {id: vu-tong-hop, name: Vụ Tổng hợp}, takes_over: [ke-hoach-nam]}
  - dissolve: {actor: van-thu}
"""


def _commands(generated: Path, small_amendment: Path) -> list[list[str]]:
    reg, am = "fixtures/report/regulation", "fixtures/report/amendment.yaml"
    small, gen = str(SMALL.relative_to(ROOT)), str(generated)
    return [
        ["check", gen, "--format", "json"],
        ["check", gen, "--format", "text"],
        ["check", gen, "--format", "sarif", "-o", "{out}/check.sarif"],
        ["check", reg, "--format", "json", "--lang", "en"],
        ["check", reg, "--format", "text", "-o", "{out}/check.txt"],
        ["check", gen, "--write-baseline", "{out}/baseline.json"],
        ["check", gen, "--baseline", "{out}/baseline.json", "--format", "json"],
        ["diff", reg, am],
        ["diff", reg, am, "--format", "json", "--lang", "en"],
        ["diff", small, str(small_amendment), "--format", "json"],
        ["diff", "rules/ubdt-2017", "rules/ubdt-2023", "--format", "json"],
        ["amend", small, str(small_amendment), "-o", "{out}/hop-nhat"],
        ["amend", reg, am, "-o", "{out}/hop-nhat-bao-cao", "--format", "json"],
        ["report", reg, "--amendment", am, "--format", "markdown", "-o", "{out}/report.md"],
        ["graph", gen, "--format", "json"],
        ["graph", reg, "--format", "dot"],
        ["graph", reg, "--format", "graphml"],
        ["who", "ke-hoach-nam", str(MINIMAL.relative_to(ROOT))],
        ["cite", "các điểm a, b và c khoản 1 Điều 7"],
        ["rules", "--format", "json"],
        ["explain", "QC301"],
        ["schema", "article"],
    ]


def _run(commands: list[list[str]], outs: dict[Path, str]) -> None:
    """Run ``commands`` once per output folder, with its hash seed, two processes at a time."""
    running: list[tuple[subprocess.Popen[str], Path]] = []

    def finish(proc: subprocess.Popen[str], out: Path) -> None:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{out.name}: {err}"

    for out, seed in outs.items():
        out.mkdir(parents=True)
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        env.pop("GITHUB_ACTIONS", None)
        env.pop("QUYCHE_LANG", None)
        if len(running) == 2:
            finish(*running.pop(0))
        running.append((subprocess.Popen([sys.executable, "-c", _RUNNER, json.dumps(commands), str(out)], cwd=ROOT,
                                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), out))
    for proc, out in running:
        finish(proc, out)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same(first: Path, other: Path, label: str) -> None:
    a, b = _files(first), _files(other)
    assert sorted(a) == sorted(b), label
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"{label}: these outputs differ: {differ}"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    # benchmarks/generate.py: a large regulation (1,400 provisions) with injected defects
    generate = runpy.run_path(str(ROOT / "benchmarks" / "generate.py"))["generate"]
    folder = tmp_path_factory.mktemp("inputs")
    generate(1400, 7, folder / "sinh")
    (folder / "sua-doi.yaml").write_text(SMALL_AMENDMENT, encoding="utf-8")
    return folder / "sinh", folder / "sua-doi.yaml"


def test_every_command_gives_the_same_bytes_across_runs_and_hash_seeds(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    commands = _commands(*inputs)
    seeds = ["0", "0", "1", "4242", "random"]
    _run(commands, {tmp_path / f"run-{i}": seed for i, seed in enumerate(seeds)})
    codes = [(tmp_path / "run-0" / f"{i:02d}.code").read_text() for i in range(len(commands))]
    assert set(codes) <= {"0", "1"}, dict(zip(map(tuple, map(tuple, commands)), codes, strict=True))
    outputs = _files(tmp_path / "run-0")
    assert outputs["00.stdout"] and outputs["hop-nhat/regulation.yaml"] and outputs["report.md"]
    for i, seed in enumerate(seeds[1:], start=1):
        _assert_same(tmp_path / "run-0", tmp_path / f"run-{i}", f"run {i} (PYTHONHASHSEED={seed})")


@settings(max_examples=examples(3), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
@given(reg=s.whole_regulations())
def test_generated_regulations_check_the_same_across_hash_seeds(reg: Regulation, tmp_path: Path) -> None:
    case = tmp_path / f"case-{abs(hash(reg)) % 10**8}"
    from quyche_rules.workspace.folders import dump_regulation

    dump_regulation(reg, case / "reg")
    commands = [["check", str(case / "reg"), "--format", "json"], ["check", str(case / "reg"), "--format", "text"],
                ["graph", str(case / "reg"), "--format", "json"]]
    _run(commands, {case / "seed-0": "0", case / "seed-77": "77"})
    _assert_same(case / "seed-0", case / "seed-77", "generated regulation")
