"""Word fields in a document: the page number and the table of contents (shown until Word updates them).

A complex field is a run that begins it, one with its instruction, one that separates what it shows, and one that
ends it. Imported only by :mod:`quyche_rules.reports.docx_kit` (python-docx, only when a Word document is written).
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

__all__ = ["fill_toc", "page_number"]


def _field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """Append a complex field (``PAGE``, ``TOC …``) to a paragraph, with what it shows until updated."""
    _field_start(paragraph, instruction)
    if shown:
        paragraph.add_run(shown)
    _field_end(paragraph)


def _field_start(paragraph: Paragraph, instruction: str) -> None:

    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _field_end(paragraph: Paragraph) -> None:

    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(char)


def page_number(paragraph: Paragraph) -> None:
    """Centre ``paragraph`` and put the page number field in it."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, " PAGE ", "1")


def fill_toc(anchor: Paragraph, entries: Sequence[tuple[int, str]], hint: str) -> None:
    """Put the TOC field before ``anchor``, showing ``entries`` (level, text) until Word updates it with pages."""
    lines = list(entries) or [(1, hint)]
    first = anchor.insert_paragraph_before()
    _field_start(first, ' TOC \\o "1-3" \\h \\z \\u ')
    paragraphs = [first] + [anchor.insert_paragraph_before() for _ in lines[1:]]
    for p, (level, text) in zip(paragraphs, lines, strict=True):
        p.paragraph_format.left_indent = Mm(6 * (level - 1))
        p.paragraph_format.space_after = 0
        p.add_run(text)
    _field_end(paragraphs[-1])
    note = anchor.insert_paragraph_before()
    note.add_run(hint).italic = True
