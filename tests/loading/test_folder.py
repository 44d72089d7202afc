"""Loading a folder: one model, positions on every object, NFC everywhere, nothing written."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from quyche_rules.checks.produce import load_findings
from quyche_rules.errors import LoadFailed
from quyche_rules.loading import load_regulation
from quyche_rules.model import Duty
from tests.conftest import MINIMAL, tree_digest


def test_minimal_loads_into_one_model() -> None:
    reg = load_regulation(MINIMAL).regulation
    assert reg.id == "mau-toi-thieu"
    assert [a.article for a in reg.articles] == ["1", "2"]
    assert reg.actor_by_id["vu-a"].name == "Vụ A"
    assert len(reg.provisions) == 2 + sum(len(a.clauses) for a in reg.articles)


def test_every_object_knows_its_file_and_line() -> None:
    reg = load_regulation(MINIMAL).regulation
    clause = reg.articles[0].clauses[0]
    assert clause.loc is not None and clause.loc.file.endswith("articles/dieu-01.yaml")
    assert clause.loc.line == 6
    duty = reg.provisions[1].norms[0]
    assert isinstance(duty, Duty) and duty.loc is not None and duty.loc.line == 9
    assert reg.actor_by_id["vu-b"].loc is not None and reg.actor_by_id["vu-b"].loc.line == 12


def test_strings_are_nfc_whatever_the_file_uses(minimal_copy: Path) -> None:
    path = minimal_copy / "actors.yaml"
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    reg = load_regulation(minimal_copy).regulation
    name = reg.actor_by_id["van-phong"].name
    assert name == "Văn phòng" and unicodedata.is_normalized("NFC", name)


def test_all_problems_of_all_files_are_reported_together(minimal_copy: Path) -> None:
    (minimal_copy / "articles" / "dieu-01.yaml").write_text("article: '1'\ntitel: x\n", encoding="utf-8")
    (minimal_copy / "tasks.yaml").write_text("tasks: [{id: Bad Id, name: x}]\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as info:
        load_regulation(minimal_copy)
    findings = load_findings(info.value)
    files = {f.file.rsplit("/", 1)[-1] for f in findings}
    assert files == {"dieu-01.yaml", "tasks.yaml"}
    assert any("'bad-id'" in f.message.en for f in findings)


def test_loading_and_checking_write_nothing(minimal_copy: Path) -> None:
    from quyche_rules.cli import main

    before = tree_digest(minimal_copy)
    main(["check", str(minimal_copy), "--engine", "reference"])
    main(["check", str(minimal_copy), "--format", "json"])
    assert tree_digest(minimal_copy) == before
