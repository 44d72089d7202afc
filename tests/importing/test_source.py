"""quyche import says what is wrong with a file it cannot read, what it expected and how to fix it.

Before, the message was the Python exception ("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff…",
"KeyError: \"There is no item named '[Content_Types].xml'…\"", "IsADirectoryError: [Errno 21]…") with only a
generic example as the fix. An exception that is not one of these failures is still a defect (internal error).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from quyche_rules.cli import main

docx = pytest.importorskip("docx")

#: what a raw exception looks like in a message ("KeyError:", "[Errno 2]")
RAW = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|NotFound)\b|\[Errno")


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _word_parts() -> dict[str, bytes]:
    document = docx.Document()
    document.add_paragraph("Điều 1. Phạm vi")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {name: z.read(name) for name in z.namelist()}


def _import(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str = "vi") -> str:
    out = tmp_path / "out"
    assert main(["--lang", lang, "import", str(path), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert not RAW.search(err), err
    assert ("cần: " if lang == "vi" else "expected: ") in err and ("cách sửa: " if lang == "vi" else "fix: ") in err
    return err


def test_a_file_not_utf8_is_named_at_its_byte_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    latin = tmp_path / "latin.md"
    latin.write_bytes("Điều 1. A\nabc é def\n".encode("latin-1", errors="replace").replace(b"?", b"D"))
    err = _import(latin, tmp_path, capsys)
    assert "latin.md:2:5: lỗi: Tệp không phải văn bản UTF-8: byte 0xe9 ở dòng 2, cột 5" in err
    assert "Lưu lại tệp với mã hóa UTF-8" in err
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("Điều 1. A\n".encode("utf-16"))
    err = _import(utf16, tmp_path, capsys, "en")
    assert "utf16.md:1:1: error: The file is not UTF-8 text: byte 0xff at line 1, column 1" in err
    assert "UTF-16" in err and "Save the file again as UTF-8" in err


def _spoiled(part: str, old: bytes, new: bytes) -> dict[str, bytes]:
    """Return the parts of a real Word file with one part's ``old`` bytes replaced (all of it if ``old`` is empty)."""
    parts = _word_parts()
    parts[part] = parts[part].replace(old, new) if old else new
    return parts


@pytest.mark.parametrize(("name", "parts", "said"), [
    ("text.docx", None, "Tệp không phải tệp Word .docx"),
    ("hello.docx", {"hello.txt": b"x"}, "Tệp .docx bị hỏng"),
    ("types.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a>x</a>"}, "Tệp .docx bị hỏng"),
    ("xml.docx", _spoiled("word/document.xml", b"", b"<w:document"), "Tệp .docx bị hỏng"),
    ("sheet.docx", _spoiled("[Content_Types].xml", b"wordprocessingml.document.main", b"spreadsheetml.sheet.main"),
     "Tệp là một gói Office nhưng không phải văn bản Word"),
])
def test_a_docx_that_is_not_a_word_file_or_is_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                       parts: dict[str, bytes] | None, said: str) -> None:
    path = tmp_path / name
    if parts is None:
        path.write_text("not a zip", encoding="utf-8")
    else:
        _zip(path, dict(parts))
    err = _import(path, tmp_path, capsys)
    assert f"{name}: lỗi: {said}" in err
    assert "cần: một tệp Word .docx" in err and ("lưu lại dạng" in err or "lưu dạng .docx" in err)


def test_a_folder_or_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "van-ban.md"
    folder.mkdir()
    (folder / "quy-che-2026.md").write_text("Điều 1. A\n", encoding="utf-8")
    err = _import(folder, tmp_path, capsys)
    assert "van-ban.md: lỗi: Đây là một thư mục, không phải tệp" in err
    assert "van-ban.md/quy-che-2026.md" in err
    err = _import(tmp_path / "missing.md", tmp_path, capsys, "en")
    assert "missing.md: error: No such file" in err and "Check the file's name and folder" in err


def test_an_actors_file_with_bad_yaml_is_named_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    text = tmp_path / "qc.md"
    text.write_text("Điều 1. A\n1. Vụ A chủ trì việc X.\n", encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors: [a\n  b: c\n", encoding="utf-8")
    assert main(["import", str(text), "-o", str(tmp_path / "out"), "--actors", str(actors)]) == 2
    err = capsys.readouterr().err
    assert "actors.yaml:2:" in err and "YAML không hợp lệ" in err and "cần: YAML hợp lệ" in err
    assert not (tmp_path / "out").exists()


def test_another_exception_is_still_a_defect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quyche_rules.importing.docx_text as docx_text

    def broken(*_: object) -> object:
        raise RuntimeError("a defect")

    monkeypatch.setattr(docx_text, "_Numbering", broken)
    monkeypatch.setenv("QUYCHE_DEBUG", "1")
    path = tmp_path / "ok.docx"
    _zip(path, dict(_word_parts()))
    with pytest.raises(RuntimeError, match="a defect"):
        main(["import", str(path), "-o", str(tmp_path / "out")])
