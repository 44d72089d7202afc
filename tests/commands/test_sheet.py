"""``quyche sheet``: what each unit leads, cooperates on, reports, signs, its deadlines, stand-ins and findings."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from quyche_rules.cli import main
from quyche_rules.commands import report
from tests.conftest import ROOT


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.chdir(ROOT)

    def _run(*args: str, fmt: str = "markdown") -> tuple[int, bytes]:
        out = tmp_path / f"sheet.{fmt}"
        code = main(["sheet", *args, "--format", fmt, "-o", str(out)])
        return code, out.read_bytes() if out.exists() else b""

    return _run


def _section(text: str, title: str) -> str:
    return text.split(f"### {title}")[1].split("\n### ")[0]


def test_the_sheet_of_vu_tong_hop_lists_its_lead_tasks_and_signing_powers(sheet: object) -> None:
    code, data = sheet("rules/ubdt-2023", "--unit", "vu-tong-hop")  # type: ignore[operator]
    text = data.decode("utf-8")
    assert code == 0
    assert "## <a id=\"u1-vu-tong-hop\"></a>1. Vụ Tổng hợp `vu-tong-hop`" in text
    assert "Gồm: Vụ trưởng Vụ Tổng hợp; Phó Vụ trưởng Vụ Tổng hợp" in text
    leads = _section(text, "Chủ trì")
    assert "Vụ Tổng hợp chủ trì «Tổng hợp báo cáo định kỳ chung của Ủy ban»; Văn phòng Ủy ban phối hợp" in leads
    assert "| khoản 3 Điều 48 |" in leads and "Tổng hợp tình hình vùng dân tộc thiểu số và miền núi" in leads
    signs = _section(text, "Ký, quyết định và hình thức ký")
    assert ("Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc phân công cho Vụ trưởng Vụ Tổng hợp ký thừa lệnh (TL.) Công văn "
            "đôn đốc thực hiện nhiệm vụ và chế độ báo cáo") in signs
    assert "| Vụ trưởng Vụ Tổng hợp | khoản 2 Điều 35 |" in signs
    reports = _section(text, "Báo cáo (cho ai, định kỳ)")
    assert "Vụ Tổng hợp báo cáo Văn phòng Ủy ban về «Thực hiện các nội dung trong chương trình công tác» hằng tháng" \
        in reports
    stand_in = _section(text, "Thay thế khi vắng mặt")
    assert "Khi Vụ trưởng Vụ Tổng hợp vắng mặt, Phó Vụ trưởng Vụ Tổng hợp thay." in stand_in
    deadlines = _section(text, "Thời hạn")
    assert "05 ngày làm việc (thời hạn trả lời khi phối hợp) |  | khoản 2 Điều 22 | 23/08/2023 |" in deadlines


def test_a_post_names_its_unit_and_an_unknown_unit_is_refused(
    sheet: object, capsys: pytest.CaptureFixture[str]
) -> None:
    _, data = sheet("rules/ubdt-2023", "--unit", "vu-truong-vu-tong-hop", "--lang", "en")  # type: ignore[operator]
    assert "1. Vụ Tổng hợp `vu-tong-hop`" in data.decode("utf-8")
    capsys.readouterr()
    code, _ = sheet("rules/ubdt-2023", "--unit", "vu-tong-hp")  # type: ignore[operator]
    assert code == 2 and "'vu-tong-hop'" in capsys.readouterr().err


def test_the_findings_that_name_a_unit_are_on_its_sheet(sheet: object) -> None:
    _, data = sheet("fixtures/report/regulation", "--unit", "vu-a", "--lang", "en")  # type: ignore[operator]
    found = _section(data.decode("utf-8"), "Findings that concern it")
    assert "QC301 A task has more than one lead" in found and "QC402" in found
    signs = _section(data.decode("utf-8"), "Signs, decides, and the signing mode")
    assert "to sign by authorisation (TUQ.) Giấy mời họp; instrument 6/QĐ-MAU" in signs


def test_every_unit_in_force_has_a_sheet_and_the_html_has_contents(sheet: object) -> None:
    _, data = sheet("rules/ubdt-2023", fmt="html")  # type: ignore[operator]
    html = data.decode("utf-8")
    contents = html.split('<nav class="contents"')[1].split("</nav>")[0]
    assert contents.count("<li>") == 16 and 'href="#u5-vu-tong-hop"' in contents
    assert 'id="u5-vu-tong-hop"' in html and "Vụ Địa phương I" not in html  # merged in 2022: not in force


def test_the_word_sheet_lists_lead_tasks_and_signing_powers(sheet: object) -> None:
    code, data = sheet("rules/ubdt-2023", "--unit", "vu-tong-hop", fmt="docx")  # type: ignore[operator]
    assert code == 0
    doc = docx.Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "I. VỤ TỔNG HỢP" and "1. Chủ trì (3)" in headings
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("ký thừa lệnh (TL.)" in c for c in cells)
    assert any(c.startswith("Vụ Tổng hợp chủ trì «Tổng hợp báo cáo định kỳ chung của Ủy ban»") for c in cells)


def test_sheet_open_calls_the_viewer_on_the_file_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    opened: list[Path] = []
    monkeypatch.setattr(report, "OPENER", opened.append)
    out = tmp_path / "phieu.html"
    assert main(["sheet", "rules/ubdt-2023", "--unit", "vu-tong-hop", "-o", str(out), "--open", "--lang", "en"]) == 0
    assert opened == [out]
    assert capsys.readouterr().err.splitlines() == [f"Wrote {out}", f"Opening {out}"]


def test_an_example_due_date_past_the_holidays_known_says_it_is_not_counted(sheet: object) -> None:
    code, data = sheet("rules/ubdt-2023", "--unit", "vu-tong-hop", "--on", "2150-01-01")  # type: ignore[operator]
    deadlines = _section(data.decode("utf-8"), "Thời hạn")
    assert code == 0
    assert "| khoản 2 Điều 22 | không tính được: chỉ biết ngày lễ, tết các năm 1901-2100 |" in deadlines


def test_the_due_dates_count_the_regulations_own_calendar(sheet: object, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "ubdt-2023"
    shutil.copytree(ROOT / "rules" / "ubdt-2023", folder)
    (folder / "calendar.yaml").write_text(
        "days_off:\n  - {date: 2023-08-21, reason: Nghỉ theo quyết định của Bộ trưởng}\n"
        "  - {date: 2023-08-22, reason: Nghỉ theo quyết định của Bộ trưởng}\n", encoding="utf-8")
    _, data = sheet(str(folder), "--unit", "vu-tong-hop")  # type: ignore[operator]
    deadlines = _section(data.decode("utf-8"), "Thời hạn")
    assert "05 ngày làm việc (thời hạn trả lời khi phối hợp) |  | khoản 2 Điều 22 | 25/08/2023 |" in deadlines
