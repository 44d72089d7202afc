"""Acceptance points of issue 17: the change reports (HTML, Markdown, Word) of a drafter's draft, the Word report
converted to PDF by LibreOffice, and a unit's Word sheet citing every provision that gives the unit a role."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation

docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "rules" / "ubdt-2017"
DRAFT = ROOT / "fixtures" / "amendments" / "review" / "sua-doi-ra-soat.yaml"

INSTRUMENT = "115/QĐ-UBDT"
TUQ_INSTRUMENT = "101/QĐ-UBDT"
SCOPE = "Báo cáo định kỳ của Ủy ban"  # the name of the document type bao-cao-dinh-ky
DEADLINE = "05 ngày làm việc"
OLD_WORDING = "phối hợp rà soát các nội dung thuộc lĩnh vực"
DELETED = "của mình"
INSERTED = (", góp ý", "được giao")
NEW_WORDING = "phối hợp rà soát, góp ý các nội dung thuộc lĩnh vực được giao"
VALID_FROM, VALID_UNTIL = "01/07/2019", "30/06/2020"


def _report(fmt: str, out: Path) -> Path:
    code = main(["report", str(BASE), "--amendment", str(DRAFT), "--format", fmt, "-o", str(out)])
    assert code in (0, 1), code
    assert out.is_file()
    return out


def _paragraphs(document: Any) -> Iterator[Any]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
                for inner in cell.tables:
                    for irow in inner.rows:
                        for icell in irow.cells:
                            yield from icell.paragraphs


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in _paragraphs(docx.Document(str(path))))


def _common(text: str) -> None:
    """What every format shows: the instrument, the wordings, the TUQ. and the deadline."""
    flat = re.sub(r"\s+", " ", text)
    assert INSTRUMENT in flat
    assert TUQ_INSTRUMENT in flat
    assert SCOPE in flat
    assert "TUQ" in flat
    assert VALID_FROM in flat and VALID_UNTIL in flat
    assert DEADLINE in flat
    assert "Tổng hợp báo cáo định kỳ chung của Ủy ban" in flat  # the task given the deadline


def test_html_report(tmp_path: Path) -> None:
    text = _report("html", tmp_path / "bao-cao.html").read_text(encoding="utf-8")
    _common(html_lib.unescape(re.sub(r"<[^>]+>", "", text)))
    deleted = [html_lib.unescape(m) for m in re.findall(r"<del[^>]*>(.*?)</del>", text, re.S)]
    inserted = [html_lib.unescape(m) for m in re.findall(r"<ins[^>]*>(.*?)</ins>", text, re.S)]
    assert DELETED in deleted
    assert all(word in inserted for word in INSERTED)
    plain = re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", text)))
    assert f"{OLD_WORDING} {DELETED}" in plain  # the old wording, struck words in place
    assert NEW_WORDING in plain  # the new wording, inserted words in place


def test_markdown_report(tmp_path: Path) -> None:
    text = _report("markdown", tmp_path / "bao-cao.md").read_text(encoding="utf-8")
    _common(text)
    assert f"~~{DELETED}~~" in text
    for word in INSERTED:
        assert f"<ins>{word}</ins>" in text or f"**{word}**" in text
    plain = re.sub(r"~~|\*\*|</?ins>", "", text)
    assert f"{OLD_WORDING} {DELETED}" in plain
    assert NEW_WORDING in plain


def test_docx_report(tmp_path: Path) -> None:
    path = _report("docx", tmp_path / "bao-cao.docx")
    _common(_docx_text(path))
    document = docx.Document(str(path))
    struck = [r.text for p in _paragraphs(document) for r in p.runs if r.font.strike]
    underlined = [r.text for p in _paragraphs(document) for r in p.runs if r.font.underline and not r.font.strike]
    assert DELETED in struck
    assert all(word in underlined for word in INSERTED)
    assert DELETED not in underlined
    text = re.sub(r"\s+", " ", _docx_text(path))
    assert f"{OLD_WORDING} {DELETED}" in text
    assert NEW_WORDING in text


def _skeleton(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9/]", "", text)


@pytest.mark.slow
def test_docx_report_converts_to_a4_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pypdf = pytest.importorskip("pypdf")
    path = _report("docx", tmp_path / "bao-cao.docx")
    assert docx.Document(str(path)).styles["Normal"].font.name == "Times New Roman"
    profile = tmp_path / "lo-profile"
    outdir = tmp_path / "pdf"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(path)],
        check=True, capture_output=True, timeout=240,
    )
    pdf = outdir / "bao-cao.pdf"
    assert pdf.is_file()
    reader = pypdf.PdfReader(str(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # pypdf places a precomposed Vietnamese letter (Ộ, Ủ…) apart from its word; compare the letters of the basic
    # Latin alphabet, digits and slashes in order, which it keeps in place, and the whole words it does keep
    assert _skeleton(INSTRUMENT) in _skeleton(text)
    assert _skeleton(NEW_WORDING) in _skeleton(text)
    assert _skeleton(DEADLINE) in _skeleton(text)
    assert "UBDT" in text and "05" in text
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595) <= 2 and abs(height - 842) <= 2, (width, height)


UNIT_IDS = {"vu-tong-hop", "vu-truong-vu-tong-hop"}


def _names(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _names(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _names(item)


def test_unit_sheet_cites_every_provision_of_the_unit(tmp_path: Path) -> None:
    regulation = load_regulation(ROOT / "rules" / "ubdt-2023").regulation
    expected = {
        p.phrase for p in regulation.provisions
        if any(UNIT_IDS & set(_names(norm.model_dump())) for norm in p.norms)
    }
    assert len(expected) >= 10  # Vụ Tổng hợp has a role in many provisions of the 2023 regulation
    out = tmp_path / "phieu.docx"
    code = main(["sheet", str(ROOT / "rules" / "ubdt-2023"), "--unit", "vu-tong-hop", "--format", "docx",
                 "-o", str(out)])
    assert code in (0, 1), code
    text = re.sub(r"\s+", " ", _docx_text(out))
    missing = sorted(c for c in expected if not re.search(rf"(?<!\w){re.escape(c)}(?![\w])", text))
    assert not missing, missing
