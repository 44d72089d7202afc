"""The text of a Word file as ``quyche import`` reads it: paragraphs and tables in order, with list labels.

python-docx is imported only when a Word file is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["docx_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _roman(number: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + digits, number - value
    return out


def _format(fmt: str, number: int) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = _LETTERS[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if fmt == "upperRoman" else _roman(number)
    if fmt == "bullet":
        return ""
    return str(number)


class _Numbering:
    """The labels Word draws before numbered paragraphs ("a)", "1."), which are not in the paragraph's text."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        self.styles: dict[str, tuple[str, str]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, Any] = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            for lvl in definition.iter(f"{_W}lvl") if definition is not None else []:
                fmt, text, start = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText"), lvl.find(f"{_W}start")
                self.levels[(num.get(f"{_W}numId"), lvl.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "%1.",
                    int(start.get(f"{_W}val")) if start is not None else 1)
        for style in document.styles:
            pr = getattr(style.element, "pPr", None)
            num_pr = pr.find(f"{_W}numPr") if pr is not None else None
            if num_pr is not None and num_pr.find(f"{_W}numId") is not None:
                ilvl = num_pr.find(f"{_W}ilvl")
                self.styles[style.style_id] = (num_pr.find(f"{_W}numId").get(f"{_W}val"),
                                               ilvl.get(f"{_W}val") if ilvl is not None else "0")

    def label(self, paragraph: Any) -> str:
        """Return the label of ``paragraph`` ("a)"), counting it, or "" if it is not numbered."""
        pr = paragraph.find(f"{_W}pPr")
        num_pr = pr.find(f"{_W}numPr") if pr is not None else None
        ref: tuple[str, str] | None = None
        if num_pr is not None and num_pr.find(f"{_W}numId") is not None:
            ilvl = num_pr.find(f"{_W}ilvl")
            ref = (num_pr.find(f"{_W}numId").get(f"{_W}val"), ilvl.get(f"{_W}val") if ilvl is not None else "0")
        elif pr is not None and pr.find(f"{_W}pStyle") is not None:
            ref = self.styles.get(pr.find(f"{_W}pStyle").get(f"{_W}val"))
        if ref is None or ref not in self.levels:
            return ""
        fmt, text, start = self.levels[ref]
        count = self.counters.get(ref, start - 1) + 1
        self.counters[ref] = count
        for (num_id, ilvl) in list(self.counters):  # a higher level restarts the lower ones
            if num_id == ref[0] and int(ilvl) > int(ref[1]):
                del self.counters[(num_id, ilvl)]
        value = _format(fmt, count)
        return "" if not value else re.sub(r"%\d", value, text, count=1).replace("%", "")


def docx_text(path: Path) -> str:
    """Return the text of a Word file, paragraphs and tables in their order, separated by a blank line.

    A numbered-list paragraph gets the label Word draws for it ("a) …", "2. …"), so that it is read as the point
    or clause it shows; a table is kept as text, one paragraph a row, its cells separated by " | " (empty cells
    and repeated merged cells left out), in the provision it follows.
    """
    import docx  # lazy: only for Word files
    from docx.table import Table  # lazy: as above
    from docx.text.paragraph import Paragraph  # lazy: as above

    document = docx.Document(str(path))
    numbering = _Numbering(document)
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            text = Paragraph(child, document).text
            label = numbering.label(child)
            out.append(f"{label} {text}" if label and text.strip() else text)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
                if cells:
                    out.append(" | ".join(cells))
    return "\n\n".join(out)
