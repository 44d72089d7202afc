"""``quyche ls`` and ``quyche show``: a regulation's contents without opening its files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import MINIMAL, ROOT

UBDT_2017 = ROOT / "rules" / "ubdt-2017"


def test_ls_actors_lists_id_name_kind_and_validity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ls", "actors", str(UBDT_2017)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("ubdt-2017 (559/QĐ-UBDT): ")
    line = next(x for x in out.splitlines() if x.startswith("vu-dia-phuong-1 "))
    assert "Vụ Địa phương I" in line and "unit" in line and "đến 2022-09-30" in line


def test_ls_on_a_date_keeps_the_actors_of_that_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ls", "actors", str(UBDT_2017), "--on", "2022-10-01", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ids = {a["id"] for a in doc["actors"]}
    assert doc["on"] == "2022-10-01" and "vu-dia-phuong-1" not in ids and "vu-cong-tac-dan-toc-dia-phuong" in ids


@pytest.mark.parametrize(("what", "key", "value"), [
    ("tasks", "id", "ke-hoach-nam"), ("document-types", "id", "giay-moi-hop"),
    ("provisions", "citation", "khoản 1 Điều 1"),
])
def test_ls_lists_tasks_document_types_and_provisions(what: str, key: str, value: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ls", what, str(MINIMAL), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)[what]
    assert any(r[key] == value for r in rows)
    assert main(["ls", what, str(MINIMAL), "--lang", "en"]) == 0
    assert value in capsys.readouterr().out


def test_show_prints_text_norms_and_history(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "khoản 1 Điều 1", str(MINIMAL), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Vụ A chủ trì xây dựng kế hoạch công tác năm" in out
    assert "Vụ A leads «Xây dựng kế hoạch công tác năm»." in out
    assert "Vụ B cooperates on «Xây dựng kế hoạch công tác năm» within 5 working days." in out
    assert "History:\n  not amended" in out


def test_show_gives_the_history_of_an_amended_provision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "sua-doi.yaml"
    draft.write_text(
        "amendment:\n  id: sua-doi-thu\n  amends: mau-toi-thieu\n  instrument: {number: 5/QĐ-MAU, date: 2024-05-01}\n"
        "  effective: 2024-06-01\noperations:\n  - amend: khoản 4 Điều 1\n    with: {text: Văn phòng theo dõi.}\n",
        encoding="utf-8")
    out = tmp_path / "hop-nhat"
    main(["amend", str(MINIMAL), str(draft), "-o", str(out)])
    capsys.readouterr()
    assert main(["show", "khoản 4 Điều 1", str(out), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Văn phòng theo dõi." in text
    assert "2024-06-01: amended by sua-doi-thu (5/QĐ-MAU)" in text.split("History:", 1)[1]


def test_show_suggests_the_citation_meant(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "khoan 1 Dieu 1", str(MINIMAL), "--lang", "en"]) == 2
    assert "Did you mean khoản 1 Điều 1" in capsys.readouterr().err
    assert main(["show", "khoản 9 Điều 1", str(MINIMAL)]) == 2
    assert "Có phải ý bạn là" in capsys.readouterr().err
