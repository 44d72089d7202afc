"""Standard output that cannot be written (a full disk, closed) is an error said plainly (exit 2), replayed or not,
never a traceback; ``-o FILE`` still works with standard output closed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

CHECK = ["check", "reg", "--format", "json", "--lang", "en"]
_PROBE = "import sys\nfrom quyche_rules.launch import main\nsys.exit(main(sys.argv[1:]))\n"

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


def _run(cwd: Path, *args: str, stdout: object, close_stdout: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QUYCHE_NO_CACHE", "QUYCHE_CACHE_DIR")}
    env["QUYCHE_CACHE_DIR"] = str(cwd / "cache")
    return subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8", env=env, timeout=300, check=False,
                          preexec_fn=(lambda: os.close(1)) if close_stdout else None)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "reg")
    return tmp_path


def _said_plainly(proc: subprocess.CompletedProcess[str], reason: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert proc.stderr.startswith(f"error: Cannot write standard output: {reason}")
    assert "-o FILE" in proc.stderr


def test_a_full_disk_replayed_or_not(repo: Path) -> None:
    first = _run(repo, *CHECK, stdout=subprocess.PIPE)
    assert first.returncode == 0 and first.stdout.startswith("{")
    assert list((repo / "cache" / "out").rglob("*"))  # recorded: the next run is replayed
    with open("/dev/full", "w", encoding="utf-8") as full:
        _said_plainly(_run(repo, *CHECK, stdout=full), "no space left on the disk")
        _said_plainly(_run(repo, *CHECK, "--no-cache", stdout=full), "no space left on the disk")


def test_a_closed_standard_output(repo: Path) -> None:
    assert _run(repo, *CHECK, stdout=subprocess.PIPE).returncode == 0  # recorded: replayed unless stdout is closed
    for extra in ([], ["--no-cache"]):
        _said_plainly(_run(repo, *CHECK, *extra, stdout=subprocess.DEVNULL, close_stdout=True), "the stream is closed")
    written = _run(repo, *CHECK, "-o", "out.json", stdout=subprocess.DEVNULL, close_stdout=True)
    assert written.returncode == 0 and (repo / "out.json").read_text(encoding="utf-8").startswith("{")
