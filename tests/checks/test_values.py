"""QC014-QC016: values filled in that cannot be right (dates out of order, placeholders, an id twice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quyche_rules.checks.qc0_values import is_placeholder
from quyche_rules.checks.runner import run_checks
from quyche_rules.loading import load_regulation
from tests.checks.test_python_edges import article, run
from tests.conftest import MINIMAL


@pytest.mark.parametrize("text", ["…", "...", "x", "X", "xxx", "số    /QĐ-UBDT", "/QĐ-UBDT", "TBD", "[tên đơn vị]",
                                  "---", "N/A", "?", " … "])
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Vụ A", "5/QĐ-UBDT", "Khoản 1.", "a", "Xây dựng", "Thực hiện theo …"])
def test_values(text: str) -> None:
    assert not is_placeholder(text)


def test_a_regulation_in_effect_before_it_is_signed() -> None:
    (f,) = run({"regulation": {"signed": "2024-03-01", "effective": "2024-01-02"}}, "QC014")
    assert "2024-01-02" in f.message.en and f.location.file.endswith("regulation.yaml")


def test_an_authorisation_that_ends_before_it_starts() -> None:
    tuq = {"delegation": {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
                          "instrument": "5/QĐ-MAU", "scope": ["giay-moi-hop"], "valid_from": "2024-06-01",
                          "valid_until": "2024-03-01"}}
    (f,) = run({"articles": [article("3", [tuq])]}, "QC014")
    assert f.actors == ("bo-truong", "chanh-van-phong") and "khoản 1 Điều 3" in f.message.en


@pytest.mark.parametrize(("data", "where"), [
    ({"regulation": {"number": "số   /QĐ-MAU"}}, "regulation.yaml"),
    ({"actors": [{"id": "vu-c", "name": "...", "kind": "unit", "parent": "co-quan"}]}, "actors.yaml (vu-c)"),
    ({"tasks": [{"id": "t-x", "name": "…"}]}, "tasks.yaml (t-x)"),
    ({"articles": [{"article": "3", "title": "x", "chapter": "II", "text": "Văn phòng tổng hợp."}]}, "Điều 3"),
    ({"articles": [{"article": "3", "title": "Kiểm thử", "chapter": "II", "text": "…"}]}, "Điều 3"),
])
def test_a_placeholder_value_says_where(data: dict[str, object], where: str) -> None:
    found = run(data, "QC015")
    assert [f.message.en.split(":")[0] for f in found] == [where]


def test_an_article_without_text_of_its_own_has_its_placeholder_title_said_once() -> None:
    found = run({"articles": [{"article": "3", "title": "x", "chapter": "II", "clauses": [
        {"clause": "1", "text": "Văn phòng tổng hợp."}]}]}, "QC015")
    assert [f.message.en for f in found] == ["Điều 3: `title` is «x», a placeholder not filled in"]


def test_an_id_declared_twice(tmp_path: Path) -> None:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    with (folder / "actors.yaml").open("a", encoding="utf-8") as out:
        out.write("  - {id: vu-a, name: Vụ A bis, kind: unit, parent: co-quan}\n")
    found = [f for f in run_checks(load_regulation(folder)).findings if f.code == "QC016"]
    assert len(found) == 1 and "`vu-a`" in found[0].message.en and found[0].location.line == 15
