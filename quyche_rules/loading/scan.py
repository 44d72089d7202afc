"""What the reader checks in a file's text before composing it: encoding, control characters, depth, aliases.

Each is a :class:`~quyche_rules.loading.raw.YamlProblem` at its line and column; so is a syntax error.
"""

from __future__ import annotations

from typing import Any

import yaml

from quyche_rules.i18n import CONTROL, Text
from quyche_rules.loading.raw import Span, YamlProblem

__all__ = [
    "DEPTH_TEXT", "MAX_DEPTH", "MAX_NODES", "alias_problem", "check_characters", "check_depth_by_events",
    "control_problem", "decode", "line_span", "syntax_problem",
]

MAX_DEPTH = 64
#: the most values (mappings, lists, scalars) in one file: the 100,000-provision benchmark's tasks.yaml has ~100,000
MAX_NODES = 200_000
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEPTH_TEXT = (
    Text.of(f"Cấu trúc lồng quá sâu (hơn {MAX_DEPTH} cấp)", f"Nesting deeper than {MAX_DEPTH} levels"),
    Text.of(f"tối đa {MAX_DEPTH} cấp lồng nhau", f"at most {MAX_DEPTH} levels of nesting"),
)


def line_span(text: str, line: int, column: int) -> Span:
    """Return the span from ``line``:``column`` to the end of that line's text."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return (line, column, line, column)
    return (line, column, line, max(len(lines[line - 1].rstrip()) + 1, column))


def alias_problem(text: str, mark: Any) -> YamlProblem:
    """Return the problem of a YAML anchor or alias (QC004), at ``mark`` when known."""
    return YamlProblem(
        "QC004",
        Text.of("Neo và bí danh YAML (&, *) không được phép", "YAML anchors and aliases (&, *) are not allowed"),
        Text.of("giá trị viết đầy đủ", "values written out in full"),
        Text.of("Viết đầy đủ giá trị thay vì dùng bí danh", "Write the value out instead of using an alias"),
        line_span(text, mark.line + 1, mark.column + 1) if mark is not None else None,
    )


def control_problem(text: str, line: int, column: int, char: str) -> YamlProblem:
    """Return the problem of a control character (QC006) at ``line``:``column``."""
    return YamlProblem(
        "QC006",
        Text.of(f"Ký tự điều khiển U+{ord(char):04X} không có chỗ trong một quy chế",
                f"The control character U+{ord(char):04X} has no place in a regulation"),
        Text.of("văn bản không có ký tự điều khiển (trừ tab và xuống dòng)",
                "text without control characters (tab and line breaks aside)"),
        Text.of("Xóa ký tự này (nó có thể đổi cách hiển thị văn bản trên màn hình)",
                "Delete the character (it can change how the text shows on a screen)"),
        line_span(text, line, column),
    )


def check_characters(text: str) -> None:
    """Refuse a control character anywhere in the text, at its line and column."""
    found = CONTROL.search(text)
    if found is None:
        return
    index = found.start()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    raise control_problem(text, line, column, found.group(0))


def decode(data: bytes) -> str:
    """Return the UTF-8 text of ``data`` without a byte-order mark; invalid UTF-8 is a QC006 problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            "QC006",
            Text.of(f"Byte 0x{data[exc.start]:02x} không hợp lệ trong UTF-8",
                    f"Byte 0x{data[exc.start]:02x} is not valid UTF-8"),
            Text.of("văn bản UTF-8", "UTF-8 text"),
            Text.of("Lưu tệp với mã hóa UTF-8", "Save the file as UTF-8"),
            (line, col, line, col + 1),
        ) from None
    return text.removeprefix("\ufeff")


def check_depth_by_events(text: str) -> None:
    """Refuse aliases, more than :data:`MAX_NODES` values or nesting deeper than :data:`MAX_DEPTH`."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise alias_problem(text, event.start_mark)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            nodes += 1
            if nodes > MAX_NODES and event.start_mark is not None:
                m = event.start_mark
                raise YamlProblem(
                    "QC005",
                    Text.of(f"Tệp có hơn {MAX_NODES:,} giá trị", f"The file holds more than {MAX_NODES:,} values"),
                    Text.of(f"tối đa {MAX_NODES:,} giá trị (khóa, mục, danh sách)",
                            f"at most {MAX_NODES:,} values (keys, items, lists)"),
                    Text.of("Tách thành nhiều tệp nhỏ hơn (mỗi điều một tệp trong articles/)",
                            "Split it into smaller files (one article per file under articles/)"),
                    line_span(text, m.line + 1, m.column + 1),
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and event.start_mark is not None:
                m = event.start_mark
                raise YamlProblem("QC005", *DEPTH_TEXT, Text.of("Làm phẳng cấu trúc", "Flatten the structure"),
                                  line_span(text, m.line + 1, m.column + 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def syntax_problem(text: str, exc: yaml.YAMLError) -> YamlProblem:
    """Return the problem of a YAML syntax error (QC001), or of the depth or alias it stands for."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{context}: {problem}" if context else str(problem)
    span = line_span(text, mark.line + 1, mark.column + 1) if mark else None
    if "maximum nesting depth" in detail:  # PyYAML >= 6.0.4 caps nesting in the parser itself
        return YamlProblem("QC005", *DEPTH_TEXT, Text.of("Làm phẳng cấu trúc", "Flatten the structure"), span)
    if "found undefined alias" in detail or "found duplicate anchor" in detail:
        return alias_problem(text, mark)
    return YamlProblem(
        "QC001",
        Text.of(f"YAML không hợp lệ: {detail}", f"Invalid YAML: {detail}"),
        Text.of("YAML hợp lệ", "well-formed YAML"),
        Text.of("Sửa cú pháp tại vị trí này (thụt lề, dấu hai chấm, dấu ngoặc)",
                "Fix the syntax here (indentation, colons, brackets)"),
        span,
    )
