"""``quyche report --format docx``: a Word document a reviewer annotates; ``-o`` says where, ``--open`` opens it."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from quyche_rules.cli import main
from quyche_rules.commands import report
from tests.conftest import ROOT
from tests.reports.conftest import Run

DRAFT = "fixtures/amendments/01-second-lead.yaml"
CHANGE = ("report", "rules/ubdt-2017", "--amendment", DRAFT, "--engine", "reference")


def _docx(run: Run, *args: str) -> docx.document.Document:
    code, data = run(*args, "--format", "docx")
    assert code in (0, 1) and data[:2] == b"PK"
    return docx.Document(io.BytesIO(data))


def _text(doc: docx.document.Document) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_word_report_holds_the_instrument_the_wording_and_a_findings_table(run: Run) -> None:
    doc = _docx(run, *CHANGE)
    text = _text(doc)
    assert "101/QĐ-UBDT" in text and "1.1. Sửa đổi, bổ sung khoản 2 Điều 21" in text
    wording = next(t for t in doc.tables if t.rows[0].cells[0].text == "Quy định hiện hành")
    assert wording.rows[1].cells[0].text == "khoản 2 Điều 21"  # the citation, across both columns
    old, new = (c.text for c in wording.rows[2].cells)
    assert old.startswith("2. Văn phòng Ủy ban chủ trì tổng hợp dự thảo chương trình công tác; Vụ Tổng hợp,")
    assert new.startswith("2. Vụ Tổng hợp chủ trì tổng hợp dự thảo chương trình công tác; Văn phòng Ủy ban,")
    runs = [r for p in wording.rows[2].cells[0].paragraphs for r in p.runs]
    assert any(r.font.strike and r.text == "Văn phòng Ủy ban" for r in runs)
    runs = [r for p in wording.rows[2].cells[1].paragraphs for r in p.runs]
    assert any(r.font.underline and r.text == "Vụ Tổng hợp" for r in runs)
    findings = [t for t in doc.tables if t.rows[0].cells[1].text == "Mã"]
    header = [c.text for c in findings[0].rows[0].cells]
    assert header == ["TT", "Mã", "Mức độ", "Quy định", "Nội dung", "Căn cứ pháp lý", "Ý kiến người rà soát"]
    row = [c.text for c in findings[0].rows[1].cells]
    assert row[1] == "QC301" and row[2] == "Lỗi" and "khoản 2 Điều 21" in row[3] and row[6] == ""
    assert "Nghị định" in row[5]


def test_the_word_report_is_laid_out_as_an_administrative_document(run: Run) -> None:
    doc = _docx(run, *CHANGE, "--lang", "en")
    section = doc.sections[0]
    def mm(length: object) -> int:
        return round(length.mm)  # type: ignore[attr-defined]  # stored in twips: 210 mm is 210.01

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.left_margin), mm(section.right_margin), mm(section.top_margin)) == (30, 20, 20)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 13
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["I. SUMMARY", "II. WHAT THE CHANGE SAYS", "1. Decision 101/QĐ-UBDT",
                            "1.1. Amends khoản 2 Điều 21"]
    body = doc.element.body.xml
    assert 'TOC \\o "1-3"' in body and "SOCIALIST REPUBLIC OF VIET NAM" in _text(doc)
    assert 'w:updateFields w:val="true"' in doc.settings.element.xml


def test_the_word_report_of_a_single_regulation_and_its_bytes_are_stable(run: Run) -> None:
    _, first = run("report", "rules/ubdt-2023", "--engine", "reference", "--format", "docx")
    _, again = run("report", "rules/ubdt-2023", "--engine", "reference", "--format", "docx")
    assert first == again and first[:2] == b"PK"
    assert "588/QĐ-UBDT" in _text(docx.Document(io.BytesIO(first)))


def test_a_word_report_needs_a_file_and_goes_to_standard_output_only_when_asked(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["report", "rules/ubdt-2023", "--engine", "reference", "--format", "docx"]) == 2
    assert "-o" in capsysbinary.readouterr().err.decode("utf-8")
    assert main(["report", "rules/ubdt-2023", "--engine", "reference", "--format", "docx", "-o", "-"]) in (0, 1)
    assert capsysbinary.readouterr().out[:2] == b"PK"


def test_o_says_the_path_written_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "bao-cao.html"
    main(["report", "fixtures/report/regulation", "--engine", "reference", "-o", str(out)])
    assert capsys.readouterr().err.strip() == f"Đã ghi {out}"
    main(["report", "fixtures/report/regulation", "--engine", "reference", "-o", str(out), "--lang", "en"])
    captured = capsys.readouterr()
    assert captured.err.strip() == f"Wrote {out}" and captured.out == ""


def test_open_opens_the_file_written_with_the_viewer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    opened: list[Path] = []
    monkeypatch.setattr(report, "OPENER", opened.append)
    out = tmp_path / "bao-cao.html"
    main(["report", "fixtures/report/regulation", "--engine", "reference", "-o", str(out), "--open"])
    assert opened == [out] and out.is_file()
    assert main(["report", "fixtures/report/regulation", "--engine", "reference", "--open"]) == 2
    assert "--open" in capsys.readouterr().err and len(opened) == 1


def test_open_is_an_option_of_report_and_sheet() -> None:
    from quyche_rules.arguments import build_parser as _parser

    args = _parser().parse_args(["report", "rules", "-o", "x.html", "--open", "--format", "docx"])
    assert args.open is True and args.format == "docx"
    args = _parser().parse_args(["sheet", "rules", "--unit", "vu-a", "--open", "-o", "x.html"])
    assert args.open is True and args.unit == "vu-a"
    assert _parser().parse_args(["report"]).open is False


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_word_report_converts_to_pdf_with_libreoffice(run: Run, tmp_path: Path) -> None:
    _, data = run(*CHANGE, "--format", "docx")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(data)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000
