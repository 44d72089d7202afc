"""What a successor took over: the draft view, the consolidated text and a hand-written actors.yaml agree.

A rename, merge or dissolve moves an old unit's duties only where its ``takes_over`` says so; the consolidated
text records it on the ended actor (``takes_over`` beside ``successor``), so that checking the written folder
finds the same orphaned duties as checking the draft against its base.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quyche_rules.amend.compare import loaded_view
from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.checks.runner import run_checks
from quyche_rules.cli import main
from quyche_rules.facts.organisation import successors, taken_tasks
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from quyche_rules.model import Actor, Regulation
from quyche_rules.workspace.folders import dump_regulation
from tests.amend.helpers import amendment, loaded, small

#: the checks that say a duty has no holder, and the one that says an old name is still used for a held duty
ORPHANS = ("QC105", "QC106", "QC107", "QC108", "QC109", "QC110", "QC201")
DAY = dt.date(2024, 3, 1)

OPERATIONS = {
    "rename-none": "- rename: {actor: trung-tam-x, to: {id: trung-tam-y, name: Trung tâm Y}, takes_over: none}\n",
    "rename-some": "- rename: {actor: trung-tam-x, to: {id: trung-tam-y, name: Trung tâm Y}, "
                   "takes_over: [van-hanh-he-thong]}\n",
    "rename-all": "- rename: {actor: trung-tam-x, to: {id: trung-tam-y, name: Trung tâm Y}, takes_over: all}\n",
    "merge-none": "- merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C, head: {id: vu-truong-c, "
                  "name: Vụ trưởng Vụ C}}}\n",
    "merge-some": "- merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C, head: {id: vu-truong-c, "
                  "name: Vụ trưởng Vụ C}}, takes_over: [ke-hoach-nam]}\n",
    "merge-all": "- merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C, head: {id: vu-truong-c, "
                 "name: Vụ trưởng Vụ C}}, takes_over: all}\n",
    "dissolve-none": "- dissolve: {actor: vu-b, successor: van-phong}\n",
    "dissolve-some": "- dissolve: {actor: vu-b, successor: van-phong, takes_over: [tong-hop-bao-cao]}\n",
}


def _key(f: Finding) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return f.code, tuple(sorted(p.citation for p in f.provisions)), tuple(sorted(f.actors)), tuple(sorted(f.tasks))


def _orphans(reg: Regulation, folder: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    from quyche_rules.loading import LoadedRegulation

    found = run_checks(LoadedRegulation(reg, folder, None), engine="both", day=DAY).findings
    return sorted(_key(f) for f in found if f.code in ORPHANS)


def _consolidated(name: str) -> Regulation:
    return apply_amendments(small(), [amendment(OPERATIONS[name])]).regulation


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_the_written_consolidated_text_finds_what_the_draft_view_finds(name: str, tmp_path: Path) -> None:
    reg = _consolidated(name)
    draft_view = _orphans(loaded_view(loaded(), apply_amendments(small(), [amendment(OPERATIONS[name])])).regulation,
                          loaded().root)
    dump_regulation(reg, tmp_path / "out")
    written = load_regulation(tmp_path / "out").regulation
    assert written == reg
    assert _orphans(written, tmp_path / "out") == draft_view


@pytest.mark.parametrize(("name", "orphaned", "held"), [
    ("rename-none", {"van-hanh-he-thong"}, set()),
    ("rename-some", set(), {"van-hanh-he-thong"}),
    ("rename-all", set(), {"van-hanh-he-thong"}),
    ("merge-none", {"ke-hoach-nam", "tong-hop-bao-cao"}, set()),
    ("merge-some", {"tong-hop-bao-cao"}, {"ke-hoach-nam"}),
    ("merge-all", set(), {"ke-hoach-nam", "tong-hop-bao-cao"}),
])
def test_a_duty_the_successor_did_not_take_over_has_no_holder(name: str, orphaned: set[str], held: set[str]) -> None:
    found = _orphans(_consolidated(name), loaded().root)
    qc105 = {task for code, _, _, tasks in found if code == "QC105" for task in tasks}
    assert orphaned <= qc105
    assert not held & qc105


def test_the_record_says_what_the_successor_took_over() -> None:
    actors = _consolidated("merge-some").actor_by_id
    assert (actors["vu-a"].successor, actors["vu-a"].takes_over) == ("vu-c", ("ke-hoach-nam",))
    assert (actors["vu-truong-a"].successor, actors["vu-truong-a"].takes_over) == ("vu-truong-c", ("ke-hoach-nam",))
    assert _consolidated("merge-none").actor_by_id["vu-b"].takes_over == "none"
    assert _consolidated("merge-all").actor_by_id["vu-b"].takes_over == "all"


def _reg(*actors: Actor) -> Regulation:
    values = {name: getattr(small(), name) for name in Regulation.model_fields}
    return Regulation(**{**values, "actors": (*small().actors[:3], *actors)})


def test_what_passes_down_a_chain_is_what_every_link_passed_on() -> None:
    reg = _reg(
        Actor(id="a", name="A", kind="unit", valid_until=dt.date(2020, 1, 1), successor="b",
              takes_over=("t1", "t2")),
        Actor(id="b", name="B", kind="unit", valid_until=dt.date(2021, 1, 1), successor="c",
              takes_over=("t2", "t3")),
        Actor(id="c", name="C", kind="unit", valid_until=dt.date(2022, 1, 1), successor="d"),
        Actor(id="d", name="D", kind="unit"),
        Actor(id="head-a", name="Vụ trưởng A", kind="unit_head", parent="a", valid_until=dt.date(2020, 1, 1)),
        Actor(id="head-d", name="Vụ trưởng D", kind="unit_head", parent="d"),
    )
    day = dt.date(2024, 1, 1)
    assert successors(reg, day)["a"] == "d"
    taken = taken_tasks(reg, day)
    assert taken["a"] == {"t2"}
    assert taken["b"] == {"t2", "t3"}
    assert "c" not in taken  # all of it
    assert (successors(reg, day)["head-a"], taken["head-a"]) == ("head-d", {"t2"})  # follows the unit's chain


VU_B = "{id: vu-b, name: Vụ B, kind: unit, parent: co-quan}"


def _vu_b_written(tmp_path: Path, extra: str) -> Path:
    """Return a copy of the small regulation whose Vụ B record has ``extra`` keys."""
    import shutil

    folder = tmp_path / "reg"
    shutil.copytree(loaded().root, folder)
    actors = folder / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(VU_B, VU_B[:-1] + f", {extra}}}"), encoding="utf-8")
    return folder


def test_takes_over_without_a_successor_is_refused_at_its_line(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check", "--no-cache", str(_vu_b_written(tmp_path, "takes_over: none"))]) == 1
    out = capsys.readouterr().out
    assert "actors.yaml:" in out and "takes_over needs a successor" in out and "QC003" in out


def test_an_unknown_task_in_takes_over_is_qc102_at_the_actor(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = _vu_b_written(tmp_path, "valid_until: 2020-01-01, successor: vu-a, takes_over: [ke-hoach-nan]")
    main(["--lang", "en", "check", "--no-cache", "--select", "QC102", str(folder)])
    out = capsys.readouterr().out
    assert "actors.yaml:" in out and "ke-hoach-nan" in out and "did you mean 'ke-hoach-nam'" in out


def test_an_unknown_task_in_a_drafts_takes_over_is_reported_once_in_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "sua-doi.yaml"
    draft.write_text(
        "amendment: {id: sd-1, amends: mau-sua-doi, instrument: {number: 2/QĐ-MAU, date: 2024-02-01}, "
        "effective: 2024-03-01}\noperations:\n"
        "  - merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C, head: {id: vu-truong-c, "
        "name: Vụ trưởng Vụ C}}, takes_over: [ke-hoach-nan]}\n", encoding="utf-8")
    main(["--lang", "en", "check", "--no-cache", "--select", "QC102", str(loaded().root), str(draft)])
    out = capsys.readouterr().out
    assert out.count("QC102") == 1, out  # not again for each merged unit and its head
    assert "sua-doi.yaml:3:5" in out and "ke-hoach-nan" in out
