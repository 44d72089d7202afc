"""Article files parsed beside (loading.ahead): the same regulation, the same problems, whatever the child does."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from quyche_rules import parallel
from quyche_rules.checks.produce import load_findings
from quyche_rules.errors import InternalError, LoadFailed
from quyche_rules.i18n import Text
from quyche_rules.loading import ahead as ahead_mod
from quyche_rules.loading import load_regulation, shared_parses
from quyche_rules.loading.reader import Document, parse_yaml
from tests.conftest import ROOT

REGULATION = ROOT / "rules" / "ubdt-2017"


@pytest.fixture()
def beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse the second half beside whatever the size of the files (and the number of cores)."""
    if sys.platform != "linux":
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(ahead_mod, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "available", lambda: True)


def positions(reg: Any) -> list[object]:
    """Return where every provision and every norm of ``reg`` was written."""
    return [(p.location, [n.loc for n in p.norms]) for p in reg.provisions]


@pytest.fixture()
def serial_load() -> object:
    os.environ["QUYCHE_SERIAL"] = "1"
    try:
        return load_regulation(REGULATION).regulation
    finally:
        del os.environ["QUYCHE_SERIAL"]


def test_parsed_beside_the_regulation_is_the_same_with_its_positions(beside: None, serial_load: object,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    received: list[int] = []
    real = ahead_mod.receive
    monkeypatch.setattr(ahead_mod, "receive", lambda: received.append(len(ahead_mod._TAKEN[-1])) or real())
    monkeypatch.setattr("quyche_rules.loading.regulation.receive", ahead_mod.receive)
    reg = load_regulation(REGULATION).regulation
    assert received == [0]  # the child's documents were waited for once, halfway
    assert reg == serial_load and positions(reg) == positions(serial_load)  # (equality ignores positions)
    assert not ahead_mod._TAKEN and not ahead_mod._PENDING  # nothing kept after loading


@pytest.mark.parametrize("error", [InternalError(Text.of("hỏng", "broken")), RecursionError("deep"), None])
def test_a_child_that_fails_changes_nothing(beside: None, serial_load: object, monkeypatch: pytest.MonkeyPatch,
                                            error: BaseException | None) -> None:
    def broken(paths: Sequence[Path], within: Path, finish: object) -> list[tuple[bytes, Document]]:
        if error is None:
            os._exit(9)  # killed
        raise error

    monkeypatch.setattr(ahead_mod, "_parse_all", broken)
    reg = load_regulation(REGULATION).regulation
    assert reg == serial_load and positions(reg) == positions(serial_load)


def test_a_document_is_taken_only_for_the_very_bytes_it_was_parsed_from(beside: None, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # the child read a file that changed before this process read it: its document is not used
    def stale(paths: Sequence[Path], within: Path, finish: object) -> list[tuple[bytes, Any]]:
        doc = parse_yaml(b"article: '99'\ntitle: stale\n")
        return [(path.read_bytes() + b"\n# later edited", doc if finish is None else ("x.yaml", doc)) for path in paths]

    monkeypatch.setattr(ahead_mod, "_parse_all", stale)
    folder = tmp_path / "reg"
    shutil.copytree(REGULATION, folder)
    assert all(a.title != "stale" for a in load_regulation(folder).regulation.articles)
    with shared_parses():  # the documents come back instead of the models
        assert all(a.title != "stale" for a in load_regulation(folder).regulation.articles)


def test_a_model_is_taken_only_for_the_file_and_model_it_was_made_for(beside: None, serial_load: Any,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # the same bytes in another file (a copy of an article) would carry the other file's positions
    real = ahead_mod._parse_all

    def elsewhere(paths: Sequence[Path], within: Path, finish: object) -> list[tuple[bytes, Any]]:
        out = real(paths, within, finish)
        for _, (_, model) in out:
            model.place(("rules/elsewhere.yaml", 1, 1, 1, 1))  # as if made for that file
        return [(data, ("rules/elsewhere.yaml", made[1])) for data, made in out]

    monkeypatch.setattr(ahead_mod, "_parse_all", elsewhere)
    reg = load_regulation(REGULATION).regulation
    assert positions(reg) == positions(serial_load)
    assert all("elsewhere" not in str(p.location) for p in reg.provisions)


def test_problems_in_files_parsed_beside_are_reported_as_in_one_process(beside: None, tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(REGULATION, folder)
    last = sorted((folder / "articles").glob("*.yaml"))[-1]
    last.write_text(last.read_text(encoding="utf-8") + "title: twice\n", encoding="utf-8")  # a duplicate key
    with pytest.raises(LoadFailed) as beside_info:
        load_regulation(folder)
    os.environ["QUYCHE_SERIAL"] = "1"
    try:
        with pytest.raises(LoadFailed) as serial_info:
            load_regulation(folder)
    finally:
        del os.environ["QUYCHE_SERIAL"]
    found = load_findings(beside_info.value)
    assert found == load_findings(serial_info.value) and [f.code for f in found] == ["QC002"]


def test_a_small_regulation_is_parsed_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "available", lambda: True)
    started: list[object] = []
    monkeypatch.setattr(parallel, "beside", lambda *args: started.append(args))
    load_regulation(REGULATION)  # the bundled regulations are below PARALLEL_BYTES
    assert started == []
    monkeypatch.setattr(ahead_mod, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(ahead_mod, "PARALLEL_MAX_BYTES", 1)  # above the cap: memory matters more
    load_regulation(REGULATION)
    assert started == []


def test_leaving_early_stops_the_child(beside: None, monkeypatch: pytest.MonkeyPatch) -> None:
    cancelled: list[bool] = []
    real = parallel.Beside.cancel
    monkeypatch.setattr(parallel.Beside, "cancel", lambda self: cancelled.append(True) or real(self))
    paths = sorted((REGULATION / "articles").glob("*.yaml"))
    with ahead_mod.ahead(paths, REGULATION.resolve()) as second:
        assert second in paths
    assert cancelled == [True] and not ahead_mod._PENDING


def test_the_child_takes_the_last_files_past_this_process_share_of_the_bytes(beside: None) -> None:
    """Split by bytes, the files read first (regulation, actors, tasks) counted on this side."""
    paths = sorted((REGULATION / "articles").glob("*.yaml"))
    sizes = [p.stat().st_size for p in paths]
    for before in ((), (REGULATION / "tasks.yaml", REGULATION / "actors.yaml")):
        first = sum(p.stat().st_size for p in before)
        with ahead_mod.ahead(paths, REGULATION.resolve(), before=before) as second:
            cut = paths.index(second)
        share = ahead_mod._SHARE * (sum(sizes) + first) - first
        assert 0 < cut < len(paths) and sum(sizes[:cut]) <= share < sum(sizes[:cut + 1])


def test_the_second_version_of_a_diff_reuses_the_parses_instead(beside: None, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    real = parallel.beside
    monkeypatch.setattr(parallel, "beside", lambda *args: started.append(args) or real(*args))
    with shared_parses():
        first = load_regulation(REGULATION).regulation
        assert len(started) == 1  # the first version: parsed half here, half beside
        second = load_regulation(REGULATION).regulation
    assert len(started) == 1 and first == second and positions(first) == positions(second)
