"""Word documents laid out as Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

A4 paper, margins 20 mm top and bottom, 30 mm left and 20 mm right, Times New Roman 13 pt (headings 13-14 pt), the
national title (quốc hiệu and tiêu ngữ) beside the issuing body, the page number at the top centre; numbered
headings (I., 1., 1.1.) in Word's heading styles, so that the table of contents field lists them; tables with a
repeated header row. python-docx is imported by this module, which only the Word renderers import, and they are
imported only when a Word document is written: no other command pays for it. The package is written with fixed
timestamps: the same report gives the same bytes. The fields (page number, table of contents) are written by
:mod:`quyche_rules.reports.docx_fields`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from quyche_rules.i18n import Lang, Text
from quyche_rules.reports.docx_fields import fill_toc, page_number
from quyche_rules.reports.redline import Segment

__all__ = [
    "add_heading", "add_row", "add_table", "add_toc", "docx_bytes", "fill_toc", "new_document", "para", "redline_runs",
]

FONT = "Times New Roman"
_NATION = Text.of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM")
_MOTTO = Text.of("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_RED, _BLUE = "B42318", "1D4ED8"
#: the settings that come after ``w:updateFields`` in the schema's order (CT_Settings)
_AFTER_UPDATE_FIELDS = {qn(f"w:{name}") for name in (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator")}


def _font(style_or_run: object, size: float | None = None, *, bold: bool | None = None) -> None:
    """Set Times New Roman (for every script, so Vietnamese never falls back to another face) and a size."""
    font = style_or_run.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = style_or_run.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def new_document(lang: Lang, issuer: str, title: str, subtitles: Sequence[str]) -> Document:
    """Return a document on A4 with the administrative layout, its national title, and its own title."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    normal = doc.styles["Normal"]
    _font(normal, 13)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 14), (2, 13), (3, 13)):
        style = doc.styles[f"Heading {level}"]
        _font(style, size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = level == 3
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(6)
    page_number(section.header.paragraphs[0])
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    _centred(left, [(issuer.upper(), 13, True)] if issuer else [])
    _centred(right, [(_NATION.get(lang), 12, True), (_MOTTO.get(lang), 13, True)])
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_before = Pt(18)
    _font(heading.add_run(title.upper()), 14, bold=True)
    for line in subtitles:
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = sub.add_run(line)
        _font(run, 13)
        run.italic = True
    return doc


def _centred(cell: _Cell, lines: Sequence[tuple[str, float, bool]]) -> None:

    first = True
    for text, size, bold in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = 0
        _font(p.add_run(text), size, bold=bold)


def add_toc(doc: Document, title: str) -> Paragraph:
    """Add the table of contents heading and return the paragraph its entries go before (:func:`fill_toc`)."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(12)
    _font(p.add_run(title.upper()), 13, bold=True)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")  # Word offers to update the fields (the page numbers) on opening
    later = next((child for child in settings if child.tag in _AFTER_UPDATE_FIELDS), None)
    if later is not None:  # the schema orders the settings: Word refuses a file with them out of order
        later.addprevious(update)
    else:
        settings.append(update)
    return doc.add_paragraph()


def add_heading(doc: Document, text: str, level: int) -> Paragraph:
    """Add a heading in Word's heading style ``level`` (so the table of contents lists it)."""
    heading: Paragraph = doc.add_heading(text, level)
    return heading


def para(doc: Document | _Cell, text: str = "", *, bold: bool = False, italic: bool = False,
         size: float | None = None) -> Paragraph:
    """Add a paragraph of plain text (in a cell: reuse its first, empty paragraph)."""
    p = doc.paragraphs[0] if hasattr(doc, "_tc") and not doc.paragraphs[0].text else doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            _font(run, size)
    return p


def redline_runs(paragraph: Paragraph, segments: Sequence[Segment], size: float = 12) -> None:
    """Write segments as runs: deleted words struck through in red, inserted words underlined in blue."""
    for seg in segments:
        for n, line in enumerate(seg.text.split("\n")):
            if n:
                paragraph.add_run().add_break()
            if not line:
                continue
            run = paragraph.add_run(line)
            _font(run, size)
            if seg.op == "del":
                run.font.strike = True
                run.font.color.rgb = RGBColor.from_string(_RED)
            elif seg.op == "ins":
                run.font.underline = True
                run.font.color.rgb = RGBColor.from_string(_BLUE)


def add_table(doc: Document, header: Sequence[str], widths_mm: Sequence[float], size: float = 11) -> Table:
    """Add a bordered table with a bold header row repeated on every page, and the column widths given."""
    table: Table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    row = table.rows[0]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)
    for cell, text, width in zip(row.cells, header, widths_mm, strict=True):
        cell.width = Mm(width)
        _font(cell.paragraphs[0].add_run(text), size, bold=True)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def add_row(table: Table, cells: Sequence[str], size: float = 11) -> list[_Cell]:
    """Add a row of plain text cells to ``table``; return its cells (for richer content)."""
    row: list[_Cell] = list(table.add_row().cells)  # type: ignore[no-untyped-call]
    for cell, text, head in zip(row, cells, table.rows[0].cells, strict=True):
        cell.width = head.width
        if text:
            _font(cell.paragraphs[0].add_run(text), size)
    return row


def docx_bytes(doc: Document, title: str) -> bytes:
    """Return the document as a .docx file whose bytes depend only on its content (fixed dates in the package)."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "quyche-rules", "quyche-rules"
    props.created = props.modified = dt.datetime(2000, 1, 1)  # no clock in the output: the same report, same bytes
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
