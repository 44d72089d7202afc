"""One orphaned-norm finding per ended actor and cause; ``--expand`` for one per provision."""

from __future__ import annotations

from pathlib import Path

import pytest

from quyche_rules.checks.runner import run_checks
from quyche_rules.cli import main
from quyche_rules.commands.examples import materialise
from quyche_rules.loading import load_regulation
from tests.checks.test_orphans import ENDED
from tests.conftest import MINIMAL, ROOT

TWO_ARTICLES = ENDED + (
    "articles:\n"
    "  - {article: '3', title: Một, chapter: II, clauses: [{clause: '1', text: a, norms: "
    "[{duty: {holder: vu-c, task: xu-ly-tren-mang}}]}, {clause: '2', text: b, norms: "
    "[{duty: {holder: vu-c, task: ke-hoach-nam, role: cooperate}}]}]}\n"
    "  - {article: '4', title: Hai, chapter: II, clauses: [{clause: '1', text: c, norms: "
    "[{follow_up: {holder: vu-c, task: ke-hoach-nam}}]}]}\n"
)


def test_the_duties_of_one_ended_unit_are_one_finding_listing_every_provision(tmp_path: Path) -> None:
    folder = materialise(MINIMAL, TWO_ARTICLES, tmp_path)
    grouped = [f for f in run_checks(load_regulation(folder)).findings if f.code == "QC105"]
    assert len(grouped) == 1
    (f,) = grouped
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3", "khoản 2 Điều 3", "khoản 1 Điều 4"]
    assert "and 2 more provision(s): khoản 2 Điều 3; khoản 1 Điều 4" in f.message.en
    assert "và 2 quy định khác" in f.message.vi
    expanded = [f for f in run_checks(load_regulation(folder), expand=True).findings if f.code == "QC105"]
    assert len(expanded) == 3


def test_expand_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = materialise(MINIMAL, TWO_ARTICLES, tmp_path)
    main(["check", str(folder), "--select", "QC105", "--lang", "en"])
    assert capsys.readouterr().out.count("QC105 orphaned-duty") == 1
    main(["check", str(folder), "--select", "QC105", "--lang", "en", "--expand"])
    assert capsys.readouterr().out.count("QC105 orphaned-duty") == 3


def test_a_reorganisation_is_one_finding_per_ended_unit_and_errors_only_without_successor(
    capsys: pytest.CaptureFixture[str]
) -> None:
    """Acceptance of issue 14: the 2017 model checked after the 2022 reorganisation."""
    import json

    main(["check", str(ROOT / "rules" / "ubdt-2017"), "--on", "2022-10-01", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    obsolete = [f for f in findings if f["code"] == "QC110"]
    assert len(obsolete) == len({f["actors"][0] for f in obsolete}) == 8  # four units and their four heads
    assert all(f["severity"] == "warning" for f in obsolete)
    orphaned = [f for f in findings if f["code"] in ("QC105", "QC106", "QC107", "QC108", "QC109", "QC201")]
    assert orphaned == []  # every ended unit has a successor under Nghị định 66/2022: no duty is left without one


def test_a_new_name_containing_the_old_one_is_not_the_old_name() -> None:
    from tests.checks.test_python_edges import run

    actors = [{"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan", "valid_until": "2023-06-30",
               "successor": "vu-c2"},
              {"id": "vu-c2", "name": "Vụ C và D", "kind": "unit", "parent": "co-quan", "valid_from": "2023-07-01"},
              {"id": "vu-truong-c2", "name": "Vụ trưởng Vụ C và D", "kind": "unit_head", "parent": "vu-c2",
               "valid_from": "2023-07-01"}]
    text = {"article": "3", "title": "Kiểm thử", "chapter": "II", "text": "Vụ C và D báo cáo hằng tháng."}
    assert run({"actors": actors, "articles": [text]}, "QC110") == []
    old = {"article": "3", "title": "Kiểm thử", "chapter": "II", "text": "Vụ C báo cáo hằng tháng."}
    assert len(run({"actors": actors, "articles": [old]}, "QC110")) == 1
