"""What quyche import writes, the loader loads: a text it cannot write so is refused at its line, nothing written.

Before, a control character (U+202E, BEL, ESC) or a number the loader refuses ("Điều 0", twenty digits) was
imported with exit 0 into a folder that ``quyche check`` then refused (QC006, QC003) with 0 provisions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation

BODY = "Điều 1. Phạm vi\n1. Vụ A chủ trì việc X; Vụ B phối hợp.\n2. Văn bản.\n"

#: a text, and the start of what quyche import says of it (None: imported, and the folder loads)
CASES: dict[str, tuple[str, str | None]] = {
    "rlo": (BODY.replace("X;", "X\u202e;"), "t.md:2:23: lỗi: Ký tự điều khiển U+202E không có chỗ"),
    "bel": (BODY + "\x07Chuông\n", "t.md:4:1: lỗi: Ký tự điều khiển U+0007"),
    "esc": (BODY.replace("Văn bản", "Văn \x1b[31mbản"), "t.md:3:8: lỗi: Ký tự điều khiển U+001B"),
    "lri": (BODY.replace("Phạm vi", "Phạm\x85vi").replace("Vụ A", "Vụ\u2066A"),  # NEL: a line break, not written
            "t.md:2:6: lỗi: Ký tự điều khiển U+2066"),
    "zero": (BODY.replace("Điều 1.", "Điều 0."), "t.md:1: lỗi: Điều 0 ở dòng 1: số này không dùng được"),
    "huge": (BODY.replace("Điều 1.", "Điều 99999999999999999999."), "t.md:1: lỗi: Điều 99999999999999999999 ở dòng 1"),
    "leading-zero": (BODY.replace("Điều 1.", "Điều 01."), "t.md:1: lỗi: Điều 01 ở dòng 1"),
    "chapter-zero": ("Chương 0\nA\n" + BODY, "t.md:1: lỗi: Chương 0 ở dòng 1"),
    "chapter-huge": ("Chương 99999999999999999999\nA\n" + BODY, "t.md:1: lỗi: Chương 99999999999999999999"),
    "chapter-iiii": ("Chương IIII\nA\n" + BODY, "t.md:1: lỗi: Chương IIII ở dòng 1"),
    "section-zero": ("Chương I\nA\nMục 0. B\n" + BODY, "t.md:3: lỗi: Mục 0 ở dòng 3"),
    "point-a0": (BODY.replace("2. Văn bản.", "2. Gồm:\na0) điểm."), "t.md:4: lỗi: Điểm a0 ở dòng 4"),
    # imported: a form feed is read as a line break (never written); chapter 89 is the last in Roman I-L
    "form-feed": (BODY.replace("Văn bản.", "Văn bản\x0ctrang hai."), None),
    "chapter-89": ("Chương 89\nA\n" + BODY, None),
    "huge-clause": (BODY + "1" * 5000 + ". Năm.\n", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_imported_folder_loads_or_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        case: str) -> None:
    text, said = CASES[case]
    source = tmp_path / "t.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["import", str(source), "-o", str(out)])
    err = capsys.readouterr().err
    if said is None:
        assert code == 0, err
        reg = load_regulation(out).regulation
        assert [a.article for a in reg.articles] == ["1"]
        return
    assert code == 2 and not out.exists()
    assert said in err
    assert "cần: " in err and "cách sửa: " in err and "Chưa ghi gì." in err


def test_a_control_character_in_a_word_file_is_named_by_the_words_before_it(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]
                                                                             ) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in BODY.replace("X;", "X\u202e;").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "t.docx"
    document.save(str(path))
    assert main(["--lang", "en", "import", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "t.docx: error: The control character U+202E has no place in a regulation after «1. Vụ A chủ trì" in err


def test_a_control_character_in_the_actors_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "t.md"
    source.write_text(BODY, encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  - {id: vu-a, name: \"Vụ A\u202e\", kind: unit}\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out"), "--actors", str(actors)]) == 2
    assert "actors.yaml:2:27: lỗi: Ký tự điều khiển U+202E" in capsys.readouterr().err
