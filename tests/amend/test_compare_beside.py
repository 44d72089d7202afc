"""A comparison of two large versions checks the old one in a forked process: the same answer as in one process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quyche_rules import parallel
from quyche_rules.amend import compare as compare_mod
from quyche_rules.amend.compare import compare_loaded, consolidate
from quyche_rules.loading import files as files_mod
from quyche_rules.loading import load_regulation, shared_parses
from quyche_rules.loading.amendment import load_amendment
from tests.amend.helpers import BUNDLED
from tests.conftest import FIXTURES

pytestmark = pytest.mark.skipif(not BUNDLED.is_dir(), reason="bundled 2017 regulation not present")


def _compare(draft: str) -> tuple[list[str], list[str], list[str]]:
    base = load_regulation(BUNDLED)
    view, result = consolidate(base, [load_amendment(FIXTURES / "amendments" / draft)])
    comp = compare_loaded(base, view, old_label="a", new_label="b", engine="both", new_extra=result.findings)
    key = [f.code + "@" + ",".join(p.citation for p in f.provisions) for f in comp.findings.introduced]
    gone = [f.code for f in comp.findings.resolved]
    kept = [f.code for f in comp.findings.persisting]
    return key, gone, kept


@pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")
def test_the_old_version_checked_beside_gives_the_answer_of_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = ["01-second-lead.yaml", "clean.yaml"]
    monkeypatch.setattr(parallel, "available", lambda: False)
    serial = [_compare(d) for d in drafts]
    forked: list[str] = []
    real_beside = parallel.beside

    def counted(func: object, *args: object, **kwargs: object) -> object:
        forked.append(getattr(func, "__name__", ""))
        return real_beside(func, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.undo()  # parallel.available as it is, on two cores whatever this machine has
    monkeypatch.delenv("QUYCHE_SERIAL", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(parallel, "beside", counted)
    monkeypatch.setattr(compare_mod, "PARALLEL_ARTICLES", 0)
    monkeypatch.setattr("quyche_rules.engines.compare.PARALLEL_FACTS", 0)  # the engines would fork if they could
    assert [_compare(d) for d in drafts] == serial
    # each comparison forked once, for the old version; the new one's check then forked nothing more (two cores)
    assert forked == ["checked_and_held"] * 2 and serial[0][0]  # (the second lead is introduced)


def test_unchanged_files_of_two_versions_are_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = files_mod.parse_yaml

    def counting(data: bytes, **kwargs: object) -> object:
        calls.append(data)
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files_mod, "parse_yaml", counting)
    one = load_regulation(BUNDLED)
    files = len(calls)
    calls.clear()
    with shared_parses():
        two = load_regulation(BUNDLED), load_regulation(BUNDLED)
    assert len(calls) == files  # the second load parsed nothing
    assert two[0].regulation == two[1].regulation == one.regulation
    calls.clear()
    load_regulation(BUNDLED)
    assert len(calls) == files  # outside the block nothing is kept
