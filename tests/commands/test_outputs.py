"""Every subcommand that writes refuses an output that would destroy one of its inputs (exit 2, inputs untouched).

The four commands of the issue used to overwrite an input and exit 0; each case here names the input in the
message and leaves every file as it was. ``-o -`` is standard output; ``-o /dev/null`` leaves the device a device.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import FIXTURES, MINIMAL, tree_digest


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/report/{regulation/, amendment.yaml, quyche.toml}, tmp/R (minimal), tmp/R2 (minimal); cwd tmp."""
    shutil.copytree(FIXTURES / "report", tmp_path / "report")
    shutil.copytree(MINIMAL, tmp_path / "R")
    shutil.copytree(MINIMAL, tmp_path / "R2")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


REG, AM, CONFIG = "report/regulation", "report/amendment.yaml", "report/quyche.toml"
E = ["--engine", "reference", "--lang", "en"]

#: name -> (argv, what the message must name)
REFUSED = {
    # the four cases of the issue
    "report -o an article": (["report", REG, "--amendment", AM, "-o", f"{REG}/articles/dieu-01.yaml"],
                             f"inside the regulation folder {REG}"),
    "check -o regulation.yaml": (["check", REG, "-o", f"{REG}/regulation.yaml"], f"inside the regulation folder {REG}"),
    "check --write-baseline an article": (["check", REG, "--write-baseline", f"{REG}/articles/dieu-01.yaml"],
                                          f"--write-baseline {REG}/articles/dieu-01.yaml"),
    "report -o the amendment": (["report", REG, "--amendment", AM, "-o", AM], f"it is the input file {AM}"),
    # the same class, every command that writes
    "report -o the amendment, spelt otherwise": (["report", REG, "--amendment", AM, "-o", f"./report/../{AM}"],
                                                 f"input file {AM}"),
    "diff -o the amendment": (["diff", REG, AM, "-o", AM], f"input file {AM}"),
    "diff -o into NEW": (["diff", "R", "R2", "-o", "R2/tasks.yaml"], "inside the regulation folder R2"),
    "graph -o into the regulation": (["graph", "R", "--format", "dot", "-o", "R/actors.yaml"],
                                     "inside the regulation folder R"),
    "report --against -o into OLD": (["report", "R2", "--against", "R", "-o", "R/articles/x.html"],
                                     "inside the regulation folder R"),
    "check -o into a folder read": (["check", "report", "-o", "report/bao-cao.json"],
                                    "inside the folder report, which this command reads"),
    "check -o the configuration given": (["check", "R", "--config", CONFIG, "-o", CONFIG], f"input file {CONFIG}"),
    "check -o the configuration found": (["check", REG, "-o", CONFIG], "quyche.toml"),
    "check --write-baseline the baseline read": (["check", "R", "--baseline", "out/b.json", "--write-baseline",
                                                  "out/b.json"], "input file out/b.json"),
    "check -o a folder": (["check", "R", "-o", "out"], "out is a folder, not a file"),
}


def _snapshot(ws: Path) -> dict[str, str]:
    return {p.name: tree_digest(p) for p in sorted(ws.iterdir()) if p.is_dir()}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_an_output_that_would_destroy_an_input_is_refused(
    ws: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, named = REFUSED[name]
    if "--baseline" in argv:
        assert main(["check", "R", "--write-baseline", "out/b.json", *E]) == 0
    (ws / "out" / "keep").write_text("k", encoding="utf-8")
    before = _snapshot(ws)
    capsys.readouterr()
    code = main([*argv, *(E if argv[0] != "graph" else ["--lang", "en"])])
    err = capsys.readouterr().err
    assert code == 2, err
    assert named in err and "fix:" in err, err
    assert "internal error" not in err and "Traceback" not in err
    assert _snapshot(ws) == before


def test_a_read_only_output_is_refused(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ro = ws / "out" / "ro.json"
    ro.write_text("{}", encoding="utf-8")
    ro.chmod(0o444)
    assert main(["check", "R", "-o", str(ro), *E]) == 2
    assert "read-only" in capsys.readouterr().err
    assert ro.read_text(encoding="utf-8") == "{}"


def test_dash_is_standard_output(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "R", "--format", "json", "-o", "-", *E]) == 0
    assert capsys.readouterr().out.lstrip().startswith("{")
    assert main(["graph", "R", "--format", "dot", "-o", "-"]) == 0
    assert "digraph" in capsys.readouterr().out
    assert main(["check", "R", "--write-baseline", "-", *E]) == 0
    assert '"findings"' in capsys.readouterr().out
    assert not (ws / "-").exists()


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
@pytest.mark.parametrize("argv", [
    ["check", "R", "--engine", "reference", "-o", "/dev/null"],
    ["check", "R", "--engine", "reference", "--write-baseline", "/dev/null"],
    ["report", REG, "--amendment", AM, "--engine", "reference", "-o", "/dev/null"],
    ["graph", "R", "-o", "/dev/null"],
], ids=["check", "baseline", "report", "graph"])
def test_dev_null_stays_a_device(ws: Path, argv: list[str]) -> None:
    before = os.stat("/dev/null")
    assert main(argv) in (0, 1)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_output_is_written_through(ws: Path) -> None:
    import threading

    fifo = ws / "out" / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["check", "R", "--format", "json", "-o", str(fifo), *E]) == 0
    reader.join(timeout=30)
    assert got and got[0].lstrip().startswith(b"{")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in (ws / "out").iterdir()) == ["pipe"]
