"""The text of a Word file as ``quyche import`` reads it: paragraphs and tables in order, with list labels.

python-docx is imported only when a Word file is read. A file that is not a Word file, or a damaged one, is a
usage error saying so (python-docx's own exceptions name zip parts and XML elements, not what to do).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO, Any

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text

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


_A_DOCX = Text.of("một tệp Word .docx (Word 2007 trở lên, hoặc LibreOffice: lưu dạng Word 2007-365)",
                  "a Word .docx file (Word 2007 or later, or LibreOffice saving as Word 2007-365)")


def _open(source: Path | IO[bytes], shown: str) -> Any:
    """Return the python-docx document of ``source``; a usage error for a file that is not one or is damaged."""
    import docx  # lazy: only for Word files
    from docx.opc.exceptions import PackageNotFoundError  # lazy: as above

    try:
        return docx.Document(source if not isinstance(source, Path) else str(source))
    except (zipfile.BadZipFile, PackageNotFoundError):  # not a zip package at all
        what = Text.of("Tệp không phải tệp Word .docx (không mở được như một gói .docx)",
                       "The file is not a Word .docx file (it does not open as a .docx package)")
        fix = Text.of("Một tệp .doc cũ, PDF hay văn bản đổi đuôi thành .docx: mở bằng Word hoặc LibreOffice và lưu "
                      "lại dạng Word (.docx); hoặc lưu văn bản thành tệp .md/.txt UTF-8",
                      "An old .doc, a PDF or a text renamed .docx: open it in Word or LibreOffice and save it as "
                      "Word (.docx); or save the text as a UTF-8 .md/.txt file")
    except ValueError:  # python-docx: a package of another kind ("… is not a Word file, content type is …")
        what = Text.of("Tệp là một gói Office nhưng không phải văn bản Word (ví dụ bảng tính, trình chiếu)",
                       "The file is an Office package but not a Word document (e.g. a spreadsheet or slides)")
        fix = Text.of("Chỉ ra tệp Word của quy chế, hoặc chép văn bản vào Word và lưu dạng .docx",
                      "Name the regulation's Word file, or copy the text into Word and save it as .docx")
    except (KeyError, AttributeError, SyntaxError):  # a part missing, a content-types or XML part unreadable
        what = Text.of("Tệp .docx bị hỏng: thiếu một phần của gói, hoặc một phần không đọc được",
                       "A damaged .docx: a part of the package is missing or unreadable")
        fix = Text.of("Mở tệp bằng Word (Word đề nghị sửa tệp hỏng) hoặc LibreOffice rồi lưu lại dạng .docx; hoặc "
                      "xuất lại tệp từ nơi soạn thảo",
                      "Open it in Word (which offers to repair it) or LibreOffice and save it again as .docx; or "
                      "export it again from where it was written")
    raise UsageError(what, expected=_A_DOCX, fix=fix, file=shown) from None


def docx_text(path: Path | IO[bytes], shown: str | None = None) -> str:
    """Return the text of a Word file, paragraphs and tables in their order, separated by a blank line.

    A numbered-list paragraph gets the label Word draws for it ("a) …", "2. …"), so that it is read as the point
    or clause it shows; a table is kept as text, one paragraph a row, its cells separated by " | " (empty cells
    and repeated merged cells left out), in the provision it follows.

    Args:
        path: the Word file, or its bytes as a stream.
        shown: how messages name the file (default: ``path``).

    Raises:
        UsageError: ``path`` is not a Word file, or is a damaged one.
    """
    from docx.table import Table  # lazy: only for Word files
    from docx.text.paragraph import Paragraph  # lazy: as above

    document = _open(path, shown if shown is not None else str(path))
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
