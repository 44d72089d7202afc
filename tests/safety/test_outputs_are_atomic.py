"""Every output is written to a temporary file (or folder) beside it and renamed into place.

For each command that writes (a report with ``-o`` in every format, a baseline, a diff, a graph, a consolidated
regulation): a spy on ``open``/``os.open``/``os.replace``/``os.rename`` shows that the output was never opened
for writing under its own name, only renamed onto from a temporary in the same folder. Then each write is
interrupted (the rename fails, the disk fills up half way, Ctrl-C during the flush): the previous output is
still there byte for byte, no temporary is left, and the command ends with a diagnostic, not a traceback.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quyche_rules.cli import main
from quyche_rules.errors import UsageError
from quyche_rules.workspace.atomic import write_atomic
from tests.safety.helpers import Workspace, digest, is_temporary, leftovers, make_workspace, watch_writes

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = make_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.root)
    return workspace


def _file_outputs(ws: Workspace) -> dict[str, list[str]]:
    """Commands writing one file, by name; ``{out}`` is the output path."""
    reg, small, am = str(ws.report), str(ws.small), str(ws.amendment)
    outputs = {
        f"check-{fmt}": ["check", reg, "--engine", "reference", "--format", fmt, "-o", "{out}"]
        for fmt in ("text", "json", "sarif", "github", "markdown", "html")
    }
    outputs |= {
        "baseline": ["check", reg, "--engine", "reference", "--write-baseline", "{out}"],
        "diff-text": ["diff", small, am, "--engine", "reference", "-o", "{out}"],
        "diff-json": ["diff", small, am, "--engine", "reference", "--format", "json", "-o", "{out}"],
        "diff-sarif": ["diff", small, am, "--engine", "reference", "--format", "sarif", "-o", "{out}"],
        "diff-folders": ["diff", str(ws.rules / "ubdt-2017"), str(ws.rules / "ubdt-2023"), "--engine", "reference",
                         "-o", "{out}"],
        "report-html": ["report", reg, "--engine", "reference", "-o", "{out}"],
        "report-markdown": ["report", reg, "--amendment", str(ws.report_amendment), "--engine", "reference",
                            "--format", "markdown", "-o", "{out}"],
        "report-against": ["report", str(ws.rules / "ubdt-2023"), "--against", str(ws.rules / "ubdt-2017"),
                           "--engine", "reference", "-o", "{out}"],
        "graph-dot": ["graph", reg, "--format", "dot", "-o", "{out}"],
        "graph-graphml": ["graph", reg, "--format", "graphml", "-o", "{out}"],
    }
    return outputs


FILE_OUTPUTS = sorted(_file_outputs(Workspace(Path("."))))


def _argv(ws: Workspace, name: str, out: Path) -> list[str]:
    return [a.replace("{out}", str(out)) for a in _file_outputs(ws)[name]]


def _amend_argv(ws: Workspace, out: Path) -> list[str]:
    return ["amend", str(ws.small), str(ws.amendment), "-o", str(out)]


@pytest.mark.parametrize("name", FILE_OUTPUTS)
def test_a_file_output_is_only_ever_renamed_into_place(ws: Workspace, name: str) -> None:
    out = ws.out / f"{name}.out"
    for _ in range(2):  # a new file, then replacing the previous one
        with watch_writes(ws.root) as writes:
            assert main(_argv(ws, name, out)) in (0, 1)
        assert out.is_file() and out.stat().st_size > 0
        assert out.resolve() not in writes.opened, "the output was opened for writing under its own name"
        assert all(is_temporary(p) for p in writes.opened), writes.opened
        (src, dst), = [(s, d) for s, d in writes.renamed if d == out.resolve()]
        assert src.parent == dst.parent and is_temporary(src)
    assert leftovers(ws.out) == []


def test_the_consolidated_folder_is_written_aside_and_renamed_into_place(ws: Workspace) -> None:
    out = ws.out / "hop-nhat"
    for _ in range(2):  # a new folder, then replacing the previous output
        with watch_writes(ws.root) as writes:
            assert main(_amend_argv(ws, out)) in (0, 1)
        assert (out / "regulation.yaml").is_file()
        assert all(is_temporary(p) for p in writes.opened), [p for p in writes.opened if not is_temporary(p)]
        assert any(d == out.resolve() and is_temporary(s) and s.parent == d.parent for s, d in writes.renamed)
    assert leftovers(ws.out) == []


# -- interrupted writes -------------------------------------------------------------------------------------------

def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str, exc: BaseException, *, after: int = 0,
             when: Callable[..., bool] = lambda *a: True) -> None:
    """Make ``os.<name>`` raise ``exc`` on its call number ``after`` (counting calls that satisfy ``when``)."""
    real = getattr(os, name)
    calls = iter(range(10**6))

    def failing(*args: Any, **kwargs: Any) -> Any:
        if when(*args) and next(calls) == after:
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


def _partial_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up half way: the first write of a handle writes half its bytes, then ENOSPC."""
    real_fdopen = os.fdopen

    class HalfFull:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> HalfFull:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfFull(real_fdopen(*a, **k)))


INTERRUPTIONS = ["rename-fails", "disk-full-half-way", "ctrl-c-during-flush"]


def _interrupt(monkeypatch: pytest.MonkeyPatch, how: str, *, folder: bool = False) -> None:
    if how == "rename-fails":
        exc = OSError(errno.EXDEV, "Invalid cross-device link")
        if folder:  # the last rename: the new folder into place
            _fail_on(monkeypatch, "rename", exc, when=lambda src, dst: str(src).endswith(".tmp"))
        else:
            _fail_on(monkeypatch, "replace", exc)
    elif how == "disk-full-half-way":
        if folder:  # the folder's files are written with open(): the third one fails half way
            _fail_on(monkeypatch, "fsync", OSError(errno.ENOSPC, "No space left on device"), after=2)
        else:
            _partial_writes(monkeypatch)
    else:
        _fail_on(monkeypatch, "fsync", KeyboardInterrupt(), after=1 if folder else 0)


@pytest.mark.parametrize("how", INTERRUPTIONS)
@pytest.mark.parametrize("name", FILE_OUTPUTS)
def test_an_interrupted_file_write_keeps_the_old_file_and_leaves_no_temporary(
    ws: Workspace, name: str, how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ws.out / f"{name}.out"
    assert main(_argv(ws, name, out)) in (0, 1)
    out.write_bytes(b"the previous output\n")  # distinct from anything the command writes
    before = digest(out)
    inputs = {p: digest(p) for p in ws.inputs}
    capsys.readouterr()
    _interrupt(monkeypatch, how)
    code = main([*_argv(ws, name, out), "--lang", "en"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert digest(out) == before
    assert leftovers(ws.out) == []
    assert "Traceback" not in err and "internal error" not in err
    if how == "ctrl-c-during-flush":
        assert code == 130
    else:
        assert code == 2 and f"Cannot write {out}" in err
    assert {p: digest(p) for p in ws.inputs} == inputs


@pytest.mark.parametrize("how", INTERRUPTIONS)
def test_an_interrupted_consolidation_keeps_the_previous_folder_and_leaves_no_temporary(
    ws: Workspace, how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ws.out / "hop-nhat"
    # the previous output: the version in force before the amendment, distinct from what the command writes now
    # (an edited previous output would be refused before any write: quyche amend replaces only what it wrote)
    assert main([*_amend_argv(ws, out), "--on", "2024-02-01"]) in (0, 1)
    assert json.loads((out / ".quyche-amend.json").read_text(encoding="utf-8"))["pending"] == ["sua-doi-an-toan"]
    before = digest(out)
    capsys.readouterr()
    _interrupt(monkeypatch, how, folder=True)
    code = main([*_amend_argv(ws, out), "--lang", "en"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert digest(out) == before
    assert leftovers(ws.out) == []
    assert "Traceback" not in err and "internal error" not in err
    assert code == (130 if how == "ctrl-c-during-flush" else 2)
    if how != "ctrl-c-during-flush":
        assert f"Cannot write {out}" in err  # the write failed, not a refusal before it


# -- write_atomic itself ----------------------------------------------------------------------------------------

def test_write_atomic_never_leaves_a_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bao-cao.json"
    target.write_bytes(b"old")
    for how in INTERRUPTIONS:
        with monkeypatch.context() as mp:
            _interrupt(mp, how)
            with pytest.raises((UsageError, KeyboardInterrupt)):
                write_atomic(target, "x" * 100_000)
        assert target.read_bytes() == b"old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.json"]
    new = tmp_path / "moi.json"
    with monkeypatch.context() as mp:
        _interrupt(mp, "disk-full-half-way")
        with pytest.raises(UsageError, match="no space left on the disk"):
            write_atomic(new, "x" * 100)
    assert not new.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.json"]
    write_atomic(new, "đủ")
    assert new.read_text(encoding="utf-8") == "đủ"


def test_an_output_in_a_missing_folder_is_a_diagnostic(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ws.minimal), "-o", str(ws.root / "khong-co" / "x.json"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Cannot write" in err and "khong-co" in err and ".tmp" not in err and "internal error" not in err
