"""A ``quyche`` process killed while it writes its output leaves the previous output as it was.

The child process pauses inside the write (in ``os.fsync``: the new bytes are in the temporary file, not yet
renamed into place), says so, and the test kills it there. After SIGINT (Ctrl-C) and SIGTERM (``kill``, a CI
timeout) the previous output is intact and no temporary is left; after SIGKILL, which no program can handle,
the previous output is still intact and only the hidden temporary remains beside it.

The child restores Python's Ctrl-C handler first: a shell without job control (as CI runners use) starts
background processes with SIGINT ignored, Python keeps it ignored, and the SIGINT cases would wait for nothing.
"""

from __future__ import annotations

import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.safety.helpers import Workspace, digest, leftovers, make_workspace

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

_PAUSING = r"""
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever the parent ignores
real_fsync = os.fsync
def pausing_fsync(fd):
    sys.stdout.write("WRITING\n")
    sys.stdout.flush()
    time.sleep(90)
    real_fsync(fd)
os.fsync = pausing_fsync
from quyche_rules.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return make_workspace(tmp_path_factory.mktemp("killed") / "ws")


def _commands(ws: Workspace, out: Path) -> dict[str, list[str]]:
    return {
        "report": ["check", str(ws.report), "--engine", "reference", "--format", "json", "-o", str(out)],
        "baseline": ["check", str(ws.report), "--engine", "reference", "--write-baseline", str(out)],
        "consolidation": ["amend", str(ws.small), str(ws.amendment), "-o", str(out)],
    }


def _kill_mid_write(argv: list[str], sig: signal.Signals) -> int:
    proc = subprocess.Popen([sys.executable, "-c", _PAUSING, *argv], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready and proc.stdout.readline() == "WRITING\n", proc.stderr
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode


@pytest.mark.parametrize("what", ["report", "baseline", "consolidation"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_or_terminated_mid_write_keeps_the_old_output_and_cleans_up(
    ws: Workspace, what: str, sig: signal.Signals
) -> None:
    out = ws.out / f"{what}-{sig.name}"
    argv = _commands(ws, out)[what]
    assert subprocess.run([sys.executable, "-m", "quyche_rules", *argv], cwd=ROOT, capture_output=True,
                          timeout=120, check=False).returncode in (0, 1)
    before = digest(out)
    inputs = {p: digest(p) for p in ws.inputs}
    assert _kill_mid_write(argv, sig) == 130
    assert digest(out) == before
    assert leftovers(ws.out) == []
    assert {p: digest(p) for p in ws.inputs} == inputs


@pytest.mark.parametrize("what", ["report", "consolidation"])
def test_killed_mid_write_keeps_the_old_output(ws: Workspace, what: str) -> None:
    out = ws.out / f"{what}-SIGKILL"
    argv = _commands(ws, out)[what]
    assert subprocess.run([sys.executable, "-m", "quyche_rules", *argv], cwd=ROOT, capture_output=True,
                          timeout=120, check=False).returncode in (0, 1)
    before = digest(out)
    assert _kill_mid_write(argv, signal.SIGKILL) == -signal.SIGKILL
    assert digest(out) == before
    # nothing can clean up after SIGKILL: the hidden temporary beside the output is all that remains
    assert [name for name in leftovers(ws.out) if name.startswith(f".{out.name}.")] != []
    assert all(name.startswith(f".{out.name}.") and name.endswith(".tmp") for name in leftovers(ws.out))
    for name in leftovers(ws.out):  # (tidy up, so that other tests see a clean folder)
        path = ws.out / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
