"""Reading the file ``quyche import`` is given: a UTF-8 text (.md, .txt, a YAML list of actors) or a Word file.

What can go wrong with the file itself (not found, a folder, not readable, not UTF-8, not a Word file or a
damaged one) is a usage error that says what is wrong, what was expected and how to fix it, never a Python
exception's text; anything else is a defect and reaches the command line's internal-error path. A control
character the loader refuses (:data:`~quyche_rules.i18n.CONTROL`: U+202E, BEL, ESC…) is refused at its line and
column rather than written into a folder that would not load, or deleted from a legal text unsaid.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.i18n import CONTROL, Text, os_reason
from quyche_rules.importing.docx_text import docx_text
from quyche_rules.loading.scan import control_problem

__all__ = ["TEXT_SUFFIXES", "check_characters", "read_source"]

#: the kinds of file quyche import reads
TEXT_SUFFIXES = (".md", ".txt", ".docx")
_A_TEXT = Text.of("văn bản của quy chế: tệp văn bản UTF-8 (.md, .txt) hoặc tệp Word (.docx)",
                  "the regulation's text: a UTF-8 text file (.md, .txt) or a Word file (.docx)")
_A_YAML = Text.of("một tệp YAML UTF-8 (như actors.yaml quyche import viết)",
                  "a UTF-8 YAML file (like the actors.yaml quyche import writes)")
_SAVE_UTF8 = Text.of("Lưu lại tệp với mã hóa UTF-8 (Notepad: Save As › Encoding: UTF-8)",
                     "Save the file again as UTF-8 (Notepad: Save As › Encoding: UTF-8)")
_OR_DOCX = Text.of("một tệp Word, PDF hay .doc: mở bằng Word hoặc LibreOffice, lưu thành .docx rồi nhập tệp .docx đó",
                   "a Word, PDF or .doc file: open it in Word or LibreOffice, save it as .docx and import that .docx")
_BOM = b"\xef\xbb\xbf"
#: control characters the reader takes as line breaks (str.splitlines): a paragraph's lines are joined with a
#: space, so they are never written (a form feed between the pages of a converted text)
_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85")
#: the first bytes of files that are not text, and what they are
_SIGNATURES = (
    (b"%PDF", Text.of("một tệp PDF", "a PDF file")),
    (b"\xd0\xcf\x11\xe0", Text.of("một tệp Word cũ (.doc) hoặc Office cũ", "an old Word (.doc) or Office file")),
    (b"PK\x03\x04", Text.of("một tệp nén (có thể là tệp Word .docx đặt sai đuôi)",
                            "a zip file (perhaps a Word .docx with the wrong suffix)")),
    (b"\xff\xfe", Text.of("văn bản UTF-16 (\"Unicode\" của Notepad)", "UTF-16 text (Notepad's \"Unicode\")")),
    (b"\xfe\xff", Text.of("văn bản UTF-16 (\"Unicode\" của Notepad)", "UTF-16 text (Notepad's \"Unicode\")")),
)


def _bytes(path: Path, shown: str, expected: Text) -> bytes:
    """Return the bytes of the regular file ``path``; a usage error for each way it cannot be read."""

    def _error(what: Text, fix: Text, shown: str) -> UsageError:
        return UsageError(what, expected=expected, fix=fix, file=shown)

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            try:
                inside = sorted(p.name for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES)[:3]
            except OSError:
                inside = []
            example = f"{shown}/{inside[0]}" if inside else f"{shown}/quy-che.md"
            raise _error(Text.of("Đây là một thư mục, không phải tệp", "This is a folder, not a file"),
                         Text.of(f"Chỉ ra chính tệp văn bản trong thư mục, ví dụ: quyche import {example} -o …",
                                 f"Name the text file itself, e.g. quyche import {example} -o …"), shown)
        if not stat.S_ISREG(mode):
            raise _error(Text.of("Đây không phải một tệp thường (là thiết bị, ống dẫn hay socket)",
                                 "This is not a regular file (a device, pipe or socket)"),
                         Text.of("Lưu văn bản thành một tệp rồi chỉ ra tệp đó",
                                 "Save the text to a file and name that file"), shown)
        return path.read_bytes()
    except FileNotFoundError:
        raise _error(Text.of("Không tìm thấy tệp này", "No such file"),
                     Text.of("Kiểm tra tên và thư mục của tệp (đường dẫn tương đối tính từ thư mục hiện tại)",
                             "Check the file's name and folder (a relative path starts from the current folder)"),
                     shown) from None
    except NotADirectoryError:
        raise _error(Text.of("Không tìm thấy tệp này: một phần của đường dẫn là tệp, không phải thư mục",
                             "No such file: part of the path is a file, not a folder"),
                     Text.of("Kiểm tra đường dẫn", "Check the path"), shown) from None
    except PermissionError:
        raise _error(Text.of("Không có quyền đọc tệp này", "No permission to read this file"),
                     Text.of("Cấp quyền đọc tệp (chmod u+r) hoặc chép nó sang thư mục của mình",
                             "Give permission to read it (chmod u+r) or copy it to a folder of yours"),
                     shown) from None
    except OSError as exc:
        reason = os_reason(exc)
        raise _error(Text.of(f"Không đọc được tệp này: {reason.vi}", f"Cannot read this file: {reason.en}"),
                     Text.of("Thử lại; nếu tệp ở ổ mạng hay thiết bị ngoài, chép nó về máy rồi nhập",
                             "Try again; if the file is on a network drive or a removable device, copy it here "
                             "first"), shown) from None


def _not_utf8(data: bytes, exc: UnicodeDecodeError, shown: str, expected: Text) -> UsageError:
    start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    kind = next((what for head, what in _SIGNATURES if data.startswith(head)), None)
    what = Text.of(f"Tệp không phải văn bản UTF-8: byte 0x{data[start]:02x} ở dòng {line}, cột {column} không hợp "
                   "lệ trong UTF-8", f"The file is not UTF-8 text: byte 0x{data[start]:02x} at line {line}, column "
                   f"{column} is not valid UTF-8")
    if kind is not None:
        what = Text.of(f"{what.vi} (tệp có vẻ là {kind.vi})", f"{what.en} (the file looks like {kind.en})")
    fix = _SAVE_UTF8 if expected is _A_YAML else Text.of(f"{_SAVE_UTF8.vi}; {_OR_DOCX.vi}",
                                                         f"{_SAVE_UTF8.en}; {_OR_DOCX.en}")
    return UsageError(what, expected=expected, fix=fix, file=shown, line=line, column=column)


def read_source(path: Path, shown: str, *, yaml: bool = False) -> str:
    """Return the text of ``path``: a .docx's text (see :func:`docx_text`), else the file decoded as UTF-8.

    Args:
        path: the file.
        shown: how messages name it.
        yaml: the file is a YAML file (an actors file), not a regulation's text.

    Raises:
        UsageError: the file cannot be read, is not UTF-8 text, or is not a Word file or a damaged one.
    """
    expected = _A_YAML if yaml else _A_TEXT
    data = _bytes(path, shown, expected)
    if path.suffix.lower() == ".docx" and not yaml:
        return docx_text(io.BytesIO(data), shown)
    try:
        return data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data.removeprefix(_BOM), exc, shown, expected) from None


def check_characters(text: str, shown: str, *, lines: bool = True) -> None:
    """Refuse a control character the loader refuses (QC006), naming its line and column.

    Args:
        text: the text read.
        shown: how messages name its file.
        lines: whether lines and columns of ``text`` are the file's (not so for a Word file's paragraphs).

    Raises:
        UsageError: the first such character.
    """
    for found in CONTROL.finditer(text):
        char = found.group(0)
        if char in _BREAKS:
            continue
        index = found.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problem = control_problem(text, line, column, char)  # the loader's words for it (QC006)
        around = text[max(index - 30, text.rfind("\n", 0, index) + 1):index].lstrip()
        where = (Text.of(f" ở dòng {line}, cột {column}", f" at line {line}, column {column}") if lines else
                 Text.of(f" sau «{around}»", f" after «{around}»"))
        raise UsageError(
            Text.of(f"{problem.what.vi}{where.vi}", f"{problem.what.en}{where.en}"),
            expected=problem.expected,
            fix=Text.of("Xóa ký tự này trong văn bản rồi nhập lại (nó có thể đổi cách hiển thị văn bản trên màn hình; "
                        "quyche import không tự xóa để không âm thầm đổi lời văn). Chưa ghi gì.",
                        "Delete the character in the text and import it again (it can change how the text shows on "
                        "a screen; quyche import does not delete it itself, never to change the wording unsaid). "
                        "Nothing was written."),
            file=shown, line=line if lines else None, column=column if lines else None)
