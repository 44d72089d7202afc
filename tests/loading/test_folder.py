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


_THIRD = "article: '3'\ntitle: Điều ba\nchapter: II\nclauses:\n  - {clause: '1', text: Vụ A chủ trì.}\n"


@pytest.mark.parametrize("name", ["dieu-03.YAML", "dieu-03.Yml", "chuong-2/dieu-03.yaml", "a/b/dieu-03.yml"])
def test_an_article_file_is_read_whatever_the_case_of_its_suffix_and_in_a_folder(minimal_copy: Path,
                                                                                name: str) -> None:
    path = minimal_copy / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_THIRD, encoding="utf-8")
    reg = load_regulation(minimal_copy).regulation
    assert [a.article for a in reg.articles] == ["1", "2", "3"]
    assert reg.articles[2].loc is not None and reg.articles[2].loc.file.endswith(name)


@pytest.mark.parametrize("name", [".dieu-03.yaml", ".chuong-2/dieu-03.yaml", "dieu-03.yaml~", "dieu-03.txt"])
def test_hidden_files_and_other_suffixes_are_not_articles(minimal_copy: Path, name: str) -> None:
    path = minimal_copy / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_THIRD.replace("Vụ A", "Vụ X"), encoding="utf-8")
    assert [a.article for a in load_regulation(minimal_copy).regulation.articles] == ["1", "2"]


def test_an_article_in_a_folder_staged_alone_is_checked_with_its_regulation(minimal_copy: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from quyche_rules.cli import main

    path = minimal_copy / "articles" / "chuong-2" / "dieu-03.YAML"
    path.parent.mkdir()
    path.write_text(_THIRD.replace("clause: '1', text: Vụ A chủ trì.",
                                   "clause: '1', text: Vụ X chủ trì., norms: [{duty: {holder: vu-x, task: don-doc}}]"),
                    encoding="utf-8")
    assert main(["check", str(path), "--lang", "en", "--engine", "reference", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "QC101" in out and "dieu-03.YAML:" in out
