"""A Word file imports to the same tree (citations and texts) as its plain-text version.

Headings, clauses ("1. …") and points ("a) …") are paragraphs; one point is a Word numbered-list paragraph
(its label "b)" is drawn by Word, not in its text) and is read as the point it shows. A table is kept as text:
one paragraph a row, cells separated by " | ", in the provision it follows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation

docx = pytest.importorskip("docx")

PLAIN = """QUY CHẾ LÀM VIỆC CỦA BỘ THỬ NGHIỆM

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Quy chế này quy định nguyên tắc, chế độ trách nhiệm của Bộ Thử nghiệm.

Điều 2. Trách nhiệm

1. Vụ Tổng hợp chủ trì, phối hợp với Văn phòng Bộ theo dõi việc thực hiện.

2. Văn phòng Bộ có trách nhiệm:

a) Trình Bộ trưởng trong thời hạn 05 ngày làm việc;

b) Thông báo kết luận của Bộ trưởng.

Nội dung | Thời hạn

Báo cáo tháng | Ngày 20 hằng tháng

Chương II

TỔ CHỨC THỰC HIỆN

Điều 3. Hiệu lực

Quy chế này có hiệu lực từ ngày ký.
"""


def _numbered_point(document: Any) -> Any:
    """Return a paragraph numbered by Word as "b)" (a lowerLetter list starting at 2)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="2"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    paragraph = document.add_paragraph("Thông báo kết luận của Bộ trưởng.")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    return paragraph


def _write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("QUY CHẾ LÀM VIỆC CỦA BỘ THỬ NGHIỆM")
    document.add_heading("Chương I", level=1)
    document.add_paragraph("QUY ĐỊNH CHUNG")
    document.add_heading("Điều 1. Phạm vi điều chỉnh", level=2)
    document.add_paragraph("Quy chế này quy định nguyên tắc, chế độ trách nhiệm của Bộ Thử nghiệm.")
    document.add_heading("Điều 2. Trách nhiệm", level=2)
    document.add_paragraph("1. Vụ Tổng hợp chủ trì, phối hợp với Văn phòng Bộ theo dõi việc thực hiện.")
    document.add_paragraph("2. Văn phòng Bộ có trách nhiệm:")
    document.add_paragraph("a) Trình Bộ trưởng trong thời hạn 05 ngày làm việc;")
    _numbered_point(document)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Nội dung", "Thời hạn"), ("Báo cáo tháng", "Ngày 20 hằng tháng")), strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_heading("Chương II", level=1)
    document.add_paragraph("TỔ CHỨC THỰC HIỆN")
    document.add_heading("Điều 3. Hiệu lực", level=2)
    document.add_paragraph("Quy chế này có hiệu lực từ ngày ký.")
    document.save(str(path))


def _tree(folder: Path) -> list[tuple[str, str]]:
    reg = load_regulation(folder).regulation
    return [(prov.phrase, " ".join(str(getattr(prov, "text", "") or "").split())) for prov in reg.provisions]


def test_docx_imports_like_its_plain_text(tmp_path: Path) -> None:
    plain, word = tmp_path / "qc.txt", tmp_path / "qc.docx"
    plain.write_text(PLAIN, encoding="utf-8")
    _write_docx(word)
    assert main(["import", str(plain), "-o", str(tmp_path / "from-text")]) == 0
    assert main(["import", str(word), "-o", str(tmp_path / "from-word")]) == 0
    from_text, from_word = _tree(tmp_path / "from-text"), _tree(tmp_path / "from-word")
    assert from_word == from_text
    phrases = [phrase for phrase, _ in from_word]
    assert any("điểm b" in phrase for phrase in phrases)
    assert any("Báo cáo tháng | Ngày 20 hằng tháng" in text for _, text in from_word)
