"""The one YAML reader: every YAML file the tool reads (rule files, amendments, check files) goes through it.

It reads only regular files, at most :data:`MAX_BYTES` of them; refuses invalid UTF-8, Python tags, anchors and
aliases (before any expansion), duplicate keys and nesting deeper than :data:`MAX_DEPTH`; normalises every
string to NFC; and records the :data:`Span` (start and end) of every key and item, so diagnostics and reports
take their positions from here and nothing parses a file twice. A problem is a :class:`YamlProblem` with the
check code it stands for (QC001-QC007), what is wrong, what was expected and how to fix it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from quyche_rules.i18n import CONTROL, Text, excerpt, nfc

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "MAX_REGULATION_BYTES", "DataPath", "Document", "Span", "Spans",
    "YamlProblem", "parse_yaml", "read_bytes",
]

MAX_BYTES = 4_000_000  # a rule file; the 100,000-provision benchmark's tasks.yaml is ~1.5 MB
#: all the rule files of one regulation (the 100,000-provision benchmark's take ~24 MB; a real one, ~0.3 MB)
MAX_REGULATION_BYTES = 64_000_000
MAX_DEPTH = 64
_SCAN_THRESHOLD = 4000  # above this many brackets or columns of indent, measure depth from events first
#: the most values (mappings, lists, scalars) in one file: the 100,000-provision benchmark's tasks.yaml has ~100,000
MAX_NODES = 200_000
_NODE_SCAN = 256_000  # above this many characters, count the values from events first (cheaper than composing)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

#: a data path: the keys and indexes from the document's root
DataPath = tuple[str | int, ...]
#: 1-based (line, column, end line, end column); the end column is exclusive, columns count code points
Span = tuple[int, int, int, int]
#: data path -> span: of the item for an index, of the key and its value for a key
Spans = dict[DataPath, Span]

_DEPTH_TEXT = (
    Text.of(f"Cấu trúc lồng quá sâu (hơn {MAX_DEPTH} cấp)", f"Nesting deeper than {MAX_DEPTH} levels"),
    Text.of(f"tối đa {MAX_DEPTH} cấp lồng nhau", f"at most {MAX_DEPTH} levels of nesting"),
)


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read safely, as the check it stands for (QC001-QC007).

    ``span`` is where in the file; ``None`` for the file as a whole (too large, unreadable).
    """

    code: str
    what: Text
    expected: Text
    fix: Text
    span: Span | None = None


@dataclass(frozen=True)
class Document:
    """The data of one YAML document and the span of each of its keys and items."""

    data: Any
    spans: Spans

    def span(self, path: DataPath) -> Span:
        """Return the span of ``path``, or of its deepest part the document has (the root at worst)."""
        for cut in range(len(path), -1, -1):
            found = self.spans.get(path[:cut])
            if found is not None:
                return found
        return (1, 1, 1, 1)


def read_bytes(path: Path, *, shown: str | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes, reading no more than that (plus one byte).

    A FIFO, a device (``/dev/zero``), a folder or a symbolic link to one is refused before anything is read.
    ``shown`` is how messages name the file (default: ``path``).

    Raises:
        YamlProblem: QC007 when the file cannot be read or is not a regular file, QC005 when it is too large.
        OSError: never: every operating-system error becomes a QC007 problem.
    """
    name = shown if shown is not None else str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _unreadable(name, exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(
                "QC007",
                Text.of(f"{name} không phải một tệp thường", f"{name} is not a regular file"),
                Text.of("một tệp YAML thường", "a regular YAML file"),
                Text.of("Chỉ ra một tệp thường (không phải thư mục, thiết bị hay ống dẫn)",
                        "Name a regular file (not a folder, device or pipe)"),
            )
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(name, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # the file grew while read
        raise _too_large(len(data), max_bytes)
    return data


def _unreadable(name: str, detail: str) -> YamlProblem:
    return YamlProblem(
        "QC007",
        Text.of(f"Không đọc được tệp {name}: {detail}", f"Cannot read {name}: {detail}"),
        Text.of("một tệp đọc được", "a readable file"),
        Text.of("Tạo tệp này hoặc kiểm tra quyền đọc", "Create the file or check its permissions"),
    )


def _too_large(size: int, max_bytes: int) -> YamlProblem:
    return YamlProblem(
        "QC005",
        Text.of(f"Tệp quá lớn: {size:,} byte (tối đa {max_bytes:,})",
                f"File too large: {size:,} bytes (at most {max_bytes:,})"),
        Text.of(f"tối đa {max_bytes:,} byte", f"at most {max_bytes:,} bytes"),
        Text.of("Tách tệp, mỗi điều một tệp trong articles/", "Split it: one article per file under articles/"),
    )


@dataclass
class _Walker:
    text: str
    spans: Spans = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    constructor: Any = field(default_factory=yaml.constructor.SafeConstructor)

    def problem(self, code: str, mark: Any, what: Text, expected: Text, fix: Text) -> YamlProblem:
        return YamlProblem(code, what, expected, fix, _line_span(self.text, mark.line + 1, mark.column + 1))

    def walk(self, node: yaml.Node, path: DataPath, depth: int) -> tuple[Any, tuple[int, int]]:
        """Return the value of ``node`` and where its content ends; record the spans below it."""
        mark = node.start_mark
        start = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            raise self.problem("QC005", mark, *_DEPTH_TEXT, Text.of(
                "Làm phẳng cấu trúc; tệp quy định không cần lồng sâu như vậy",
                "Flatten the structure; rule files never need such depth"))
        if id(node) in self.seen:
            raise _alias_problem(self.text, mark)
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self.problem(
                "QC004", mark,
                Text.of(f"Thẻ YAML không được phép: {excerpt(node.tag)}", f"YAML tag not allowed: {excerpt(node.tag)}"),
                Text.of("chuỗi, số, ngày, danh sách hoặc ánh xạ", "strings, numbers, dates, lists or mappings"),
                Text.of("Bỏ thẻ; tệp quy định chỉ chứa dữ liệu thuần", "Remove the tag; rule files hold plain data"),
            )
        value: Any
        if isinstance(node, yaml.MappingNode):
            value, end = self._mapping(node, path, depth)
        elif isinstance(node, yaml.SequenceNode):
            value, end = [], (node.end_mark.line + 1, node.end_mark.column + 1)
            for i, item in enumerate(node.value):
                item_value, item_end = self.walk(item, (*path, i), depth + 1)
                value.append(item_value)
                if not node.flow_style:
                    end = item_end
        else:  # composing yields mappings, sequences and scalars only
            scalar = cast(yaml.ScalarNode, node)
            value, end = self._scalar(scalar), _scalar_end(self.text, scalar)
        self.spans[path] = (*start, *end)
        return value, end

    def _mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> tuple[dict[str, Any], tuple[int, int]]:
        out: dict[str, Any] = {}
        end = (node.end_mark.line + 1, node.end_mark.column + 1)
        for key_node, value_node in node.value:
            km = key_node.start_mark
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.problem(
                    "QC004", km,
                    Text.of("Khóa gộp << của YAML không được phép", "YAML merge keys (<<) are not allowed"),
                    Text.of("mỗi khóa viết ra đầy đủ", "every key written out"),
                    Text.of("Viết các khóa ra thay vì gộp", "Write the keys out instead of merging"),
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise self.problem(
                    "QC003", km, Text.of("Khóa phải là một chuỗi đơn giản", "A key must be a plain string"),
                    Text.of("khóa là chuỗi", "a string key"),
                    Text.of("Dùng tên khóa dạng chữ", "Use a plain word as the key"),
                )
            key = nfc(str(key_node.value))
            if key in out:
                first = self.spans.get((*path, key), (0,))[0]
                raise YamlProblem(
                    "QC002",
                    Text.of(f"Khóa {excerpt(key)} bị lặp (đã có ở dòng {first})",
                            f"Duplicate key {excerpt(key)} (first at line {first})"),
                    Text.of("mỗi khóa xuất hiện một lần", "each key once"),
                    Text.of("Xóa hoặc gộp một trong hai khóa", "Remove or merge one of the two keys"),
                    (km.line + 1, km.column + 1, *_scalar_end(self.text, key_node)),
                )
            out[key], value_end = self.walk(value_node, (*path, key), depth + 1)
            self.spans[(*path, key)] = (km.line + 1, km.column + 1, *value_end)
            if not node.flow_style:
                end = value_end
        return out, end

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        control = CONTROL.search(node.value) if node.style == '"' else None  # an escape (\e, \u202e) made one
        if control is not None:
            raise _control_problem(self.text, node.start_mark.line + 1, node.start_mark.column + 1, control.group(0))
        if node.tag == _STR:  # most scalars: what SafeConstructor would return, without its bookkeeping
            return nfc(node.value)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, OverflowError) as exc:  # a date that does not exist: 2024-02-30, 2024-13-01
            date = node.tag.endswith(":timestamp")
            raise self.problem(
                "QC003", node.start_mark,
                Text.of(f"{excerpt(node.value)} không phải một {'ngày' if date else 'giá trị'} hợp lệ ({exc})",
                        f"{excerpt(node.value)} is not a valid {'date' if date else 'value'} ({exc})"),
                Text.of("một ngày có thật, dạng YYYY-MM-DD", "a real date, YYYY-MM-DD"),
                Text.of("Sửa giá trị, ví dụ một ngày có thật dạng YYYY-MM-DD",
                        "Correct the value, e.g. a real date written YYYY-MM-DD"),
            ) from None
        return nfc(value) if isinstance(value, str) else value


def _scalar_end(text: str, node: yaml.ScalarNode) -> tuple[int, int]:
    """Return where a scalar's content ends: a block scalar (``|``, ``>``) without its trailing line breaks."""
    end = node.end_mark
    if node.style not in ("|", ">"):
        return (end.line + 1, end.column + 1)
    index = end.index
    while index > node.start_mark.index and text[index - 1] in " \t\r\n":
        index -= 1
    line_start = text.rfind("\n", 0, index) + 1
    return (end.line + 1 - text.count("\n", index, end.index), index - line_start + 1)


def _line_span(text: str, line: int, column: int) -> Span:
    """Return the span from ``line``:``column`` to the end of that line's text."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return (line, column, line, column)
    return (line, column, line, max(len(lines[line - 1].rstrip()) + 1, column))


def _alias_problem(text: str, mark: Any) -> YamlProblem:
    return YamlProblem(
        "QC004",
        Text.of("Neo và bí danh YAML (&, *) không được phép", "YAML anchors and aliases (&, *) are not allowed"),
        Text.of("giá trị viết đầy đủ", "values written out in full"),
        Text.of("Viết đầy đủ giá trị thay vì dùng bí danh", "Write the value out instead of using an alias"),
        _line_span(text, mark.line + 1, mark.column + 1) if mark is not None else None,
    )


def _control_problem(text: str, line: int, column: int, char: str) -> YamlProblem:
    return YamlProblem(
        "QC006",
        Text.of(f"Ký tự điều khiển U+{ord(char):04X} không có chỗ trong một quy chế",
                f"The control character U+{ord(char):04X} has no place in a regulation"),
        Text.of("văn bản không có ký tự điều khiển (trừ tab và xuống dòng)",
                "text without control characters (tab and line breaks aside)"),
        Text.of("Xóa ký tự này (nó có thể đổi cách hiển thị văn bản trên màn hình)",
                "Delete the character (it can change how the text shows on a screen)"),
        _line_span(text, line, column),
    )


def _check_characters(text: str) -> None:
    """Refuse a control character anywhere in the text, at its line and column."""
    found = CONTROL.search(text)
    if found is None:
        return
    index = found.start()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    raise _control_problem(text, line, column, found.group(0))


def _decode(data: bytes) -> str:
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


def _check_depth_by_events(text: str) -> None:
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _alias_problem(text, event.start_mark)
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
                    _line_span(text, m.line + 1, m.column + 1),
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and event.start_mark is not None:
                m = event.start_mark
                raise YamlProblem("QC005", *_DEPTH_TEXT, Text.of("Làm phẳng cấu trúc", "Flatten the structure"),
                                  _line_span(text, m.line + 1, m.column + 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_yaml(data: bytes, *, max_bytes: int = MAX_BYTES) -> Document:
    """Parse one YAML document safely; return its data and the span of every key and item.

    Raises:
        YamlProblem: for any input that is not safe, plain, well-formed YAML within the caps.
    """
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    text = _decode(data)
    _check_characters(text)
    brackets = text.count("[") + text.count("{")
    if (brackets > _SCAN_THRESHOLD or len(text) > _NODE_SCAN
            or (len(text) > 4 * _SCAN_THRESHOLD and " " * _SCAN_THRESHOLD in text)):
        try:
            _check_depth_by_events(text)
        except yaml.YAMLError as exc:
            raise _syntax_problem(text, exc) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _syntax_problem(text, exc) from None
    if node is None:
        return Document(None, {})
    walker = _Walker(text)
    data_out, _ = walker.walk(node, (), 0)
    return Document(data_out, walker.spans)


def _syntax_problem(text: str, exc: yaml.YAMLError) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{context}: {problem}" if context else str(problem)
    span = _line_span(text, mark.line + 1, mark.column + 1) if mark else None
    if "maximum nesting depth" in detail:  # PyYAML >= 6.0.4 caps nesting in the parser itself
        return YamlProblem("QC005", *_DEPTH_TEXT, Text.of("Làm phẳng cấu trúc", "Flatten the structure"), span)
    if "found undefined alias" in detail or "found duplicate anchor" in detail:
        return _alias_problem(text, mark)
    return YamlProblem(
        "QC001",
        Text.of(f"YAML không hợp lệ: {detail}", f"Invalid YAML: {detail}"),
        Text.of("YAML hợp lệ", "well-formed YAML"),
        Text.of("Sửa cú pháp tại vị trí này (thụt lề, dấu hai chấm, dấu ngoặc)",
                "Fix the syntax here (indentation, colons, brackets)"),
        span,
    )
