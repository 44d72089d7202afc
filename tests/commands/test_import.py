"""quyche import: the Government's regulation read from Markdown loads with the same articles, clauses and points."""

from __future__ import annotations

from pathlib import Path

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "fixtures" / "government" / "nd-191-2026-quy-che.md"


def _counts(folder: Path) -> tuple[list[str], int, int]:
    reg = load_regulation(folder).regulation
    return ([a.article for a in reg.articles], sum(len(a.clauses) for a in reg.articles),
            sum(len(c.points) for a in reg.articles for c in a.clauses))


def test_import_government_loads_like_the_hand_encoding(tmp_path: Path) -> None:
    out = tmp_path / "chinh-phu"
    assert main(["import", str(SOURCE), "-o", str(out)]) == 0
    articles, clauses, points = _counts(out)
    assert articles == [str(n) for n in range(1, 29)]
    assert (clauses, points) == _counts(ROOT / "rules" / "chinh-phu-2026")[1:]
    assert "suggested: true" in (out / "articles" / "dieu-05.yaml").read_text("utf-8")


def test_import_refuses_an_existing_folder_and_updates_keeping_confirmed(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "qc.txt"
    text.write_text("QUY CHẾ LÀM VIỆC CỦA BỘ XYZ\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Trách nhiệm\n"
                    "1. Vụ Tổng hợp chủ trì xây dựng chương trình;\nVụ Pháp chế phối hợp.\n"
                    "2. Chánh Văn phòng ký thừa lệnh giấy mời trong 05 ngày làm việc.\n", encoding="utf-8")
    out = tmp_path / "bo-xyz"
    assert main(["import", str(text), "-o", str(out)]) == 0
    assert main(["import", str(text), "-o", str(out)]) == 2
    article = out / "articles" / "dieu-01.yaml"
    body = article.read_text("utf-8")
    assert "chủ trì xây dựng chương trình; Vụ Pháp chế phối hợp." in body
    article.write_text(body.replace('"role": "lead", suggested: true', '"role": "lead"', 1)
                       .replace('role: "lead", suggested: true', 'role: "lead"', 1), encoding="utf-8")
    text.write_text(text.read_text("utf-8").replace("giấy mời", "giấy mời họp"), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(text), "-o", str(out), "--update"]) == 0
    assert "1/2" in capsys.readouterr().out
    load_regulation(out)
    assert main(["coverage", str(out), "--format", "json"]) == 0
    assert '"covered": 1' in capsys.readouterr().out


def test_import_bad_input_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("nothing here\n", encoding="utf-8")
    assert main(["import", str(empty), "-o", str(tmp_path / "x")]) == 2
    assert main(["import", str(tmp_path / "missing.md"), "-o", str(tmp_path / "y")]) == 2


def test_the_whole_source_file_imports_to_the_regulation_it_issues(tmp_path: Path) -> None:
    """Front matter and the promulgating decree (its own Điều 1-3) are not the regulation: Điều 1-28 are."""
    from quyche_rules.cli import main
    from quyche_rules.loading import load_regulation
    from tests.conftest import FIXTURES, ROOT

    out = tmp_path / "chinh-phu"
    assert main(["import", str(FIXTURES / "importing" / "nd-191-2026-quy-che-lam-viec-chinh-phu.md"),
                 "-o", str(out)]) == 0
    imported = load_regulation(out).regulation
    hand = load_regulation(ROOT / "rules" / "chinh-phu-2026").regulation
    assert [a.article for a in imported.articles] == [str(n) for n in range(1, 29)]
    assert len(imported.provisions) == len(hand.provisions)
    assert imported.articles[0].title == hand.articles[0].title
