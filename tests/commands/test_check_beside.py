"""A regulation large enough for every fork gives byte for byte the output of one process: check and diff.

At 2,200 provisions (about 300 articles) a check loads its last article files beside, runs the Python checks
that do not read the facts beside, and runs durable-rules beside; a diff checks the old version beside. Each
command is run as a user runs it, with ``QUYCHE_SERIAL=1`` and without, and the outputs compared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                       reason="work is forked beside only on Linux with two cores or more"),
]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("beside") / "reg"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--provisions", "2200",
                    "--seed", "11", "--out", str(out)], check=True, capture_output=True, timeout=300)
    return out


def _run(args: list[str], serial: bool, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUYCHE_SERIAL"}
    if serial:
        env["QUYCHE_SERIAL"] = "1"
    return subprocess.run([sys.executable, "-m", "quyche_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


@pytest.mark.parametrize("engine", ["both", "reference"])
def test_a_check_beside_prints_what_one_process_prints(large: Path, engine: str) -> None:
    args = ["check", str(large), "--no-cache", "--format", "json", "--engine", engine]
    one, two = _run(args, True, large.parent), _run(args, False, large.parent)
    assert (one.returncode, one.stdout) == (two.returncode, two.stdout)
    assert one.returncode == 1 and '"code": "QC' in one.stdout  # the injected defects are found


def test_a_diff_beside_prints_what_one_process_prints(large: Path) -> None:
    edited = large.parent / "edited"
    if not edited.exists():
        shutil.copytree(large, edited)
        article = sorted((edited / "articles").glob("*.yaml"))[7]
        article.write_text(article.read_text(encoding="utf-8").replace("text: ", "text: Sửa đổi, ", 1),
                           encoding="utf-8")
    assert len(list((large / "articles").glob("*.yaml"))) >= 300  # the old version is checked beside
    args = ["diff", str(large), str(edited), "--format", "json"]
    one, two = _run(args, True, large.parent), _run(args, False, large.parent)
    assert (one.returncode, one.stdout) == (two.returncode, two.stdout) and one.returncode in (0, 1)
    assert '"comparisons"' in one.stdout
