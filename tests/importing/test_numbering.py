"""quyche import never loses an article: two articles with one number, or codified numbering, are refused.

Before, the second "Điều 1" replaced the first (one file dieu-01.yaml, "3 articles" reported), and the 87
articles of a codified topic ("Điều 42.1.NĐ.1.") were written as a single dieu-42.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation
from tests.conftest import FIXTURES

DUPLICATE = ("Điều 1. Phạm vi\n1. Vụ A chủ trì việc X.\n\nĐiều 1. Trùng số\n1. Vụ B chủ trì việc Y.\n\n"
             "Điều 2. Hai\nVăn bản.\n")


def test_two_articles_with_one_number_are_refused_naming_both_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                                     ) -> None:
    source = tmp_path / "dup.md"
    source.write_text(DUPLICATE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "dup.md:4: lỗi: Hai điều cùng số 1: dòng 1 (Điều 1 «Phạm vi») và dòng 4 (Điều 1 «Trùng số»)" in err
    assert "cần: mỗi điều một số riêng" in err and "Đánh số lại" in err
    assert not out.exists()
    assert main(["--lang", "en", "import", str(source), "-o", str(out)]) == 2
    assert "Two articles numbered 1: line 1 (Điều 1 «Phạm vi») and line 4" in capsys.readouterr().err


def test_codified_numbering_is_refused_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["import", str(FIXTURES / "importing" / "nd-30-2020-phap-dien-excerpt.md"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nd-30-2020-phap-dien-excerpt.md:31: lỗi: Điều 42.1.NĐ.1 đánh số theo Bộ pháp điển" in err
    assert "cần: văn bản của chính quy chế" in err and "cách sửa: Nhập văn bản gốc" in err
    assert not out.exists()


def test_the_count_reported_is_the_articles_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "ok.md"
    source.write_text(DUPLICATE.replace("Điều 1. Trùng số", "Điều 1a. Bổ sung"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert ": 3 điều," in capsys.readouterr().err
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["dieu-01.yaml", "dieu-01a.yaml", "dieu-02.yaml"]
    assert [a.article for a in load_regulation(out).regulation.articles] == ["1", "1a", "2"]
