"""The one YAML reader: every YAML file the tool reads (rule files, amendments, check files) goes through it.

It reads only regular files, at most :data:`MAX_BYTES` of them; refuses invalid UTF-8, Python tags, anchors and
aliases (before any expansion), duplicate keys and nesting deeper than :data:`MAX_DEPTH`; normalises every
string to NFC; and records the :data:`Span` (start and end) of every key and item, so diagnostics and reports
take their positions from here and nothing parses a file twice. A problem is a :class:`YamlProblem` with the
check code it stands for (QC001-QC007), what is wrong, what was expected and how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from sys import intern
from typing import Any, ClassVar, cast

import yaml

from quyche_rules.i18n import CONTROL, Text, excerpt, nfc
from quyche_rules.loading.raw import MAX_BYTES, MAX_REGULATION_BYTES, Span, YamlProblem, read_bytes, too_large
from quyche_rules.loading.scan import (
    DEPTH_TEXT,
    MAX_DEPTH,
    MAX_NODES,
    alias_problem,
    check_characters,
    check_depth_by_events,
    control_problem,
    decode,
    line_span,
    syntax_problem,
)

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "MAX_REGULATION_BYTES", "DataPath", "Document", "Span", "Spans",
    "YamlProblem", "parse_yaml", "read_bytes",
]

_SCAN_THRESHOLD = 4000  # above this many brackets or columns of indent, measure depth from events first
_NODE_SCAN = 256_000  # above this many characters, count the values from events first (cheaper than composing)
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INTERNED = 40  # strings up to this long are interned: ids, names, dates (a regulation repeats them)


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader with its tag resolution remembered: a rule file repeats the same keys and values.

    The composer asks which implicit tag each plain scalar has (a regular expression per candidate tag); the
    answer depends only on the value and how it was written, as this loader has no path resolvers. The short
    values' answers are kept (a bounded number of them), the rest resolved as usual.
    """

    _known: ClassVar[dict[tuple[str, tuple[bool, bool]], str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or len(value) > 64:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._known.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._known) < 100_000:
                self._known[key] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Do nothing: there are no path resolvers to follow."""

    def ascend_resolver(self) -> None:
        """Do nothing: there are no path resolvers to follow."""


assert not _Loader.yaml_path_resolvers, "the remembered resolution assumes no path resolvers"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # an integer as people write one (YAML 1.2's, without 007)
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

#: a data path: the keys and indexes from the document's root
DataPath = tuple[str | int, ...]
#: data path -> span: of the item for an index, of the key and its value for a key
Spans = dict[DataPath, Span]


@dataclass(frozen=True)
class Document:
    """The data of one YAML document and the span of each of its keys and items."""

    data: Any
    spans: Spans
    problems: dict[DataPath, YamlProblem] = field(default_factory=dict)
    """With ``lenient``: the dates that do not exist (2024-02-30) by path, each read as the string written."""

    def span(self, path: DataPath) -> Span:
        """Return the span of ``path``, or of its deepest part the document has (the root at worst)."""
        for cut in range(len(path), -1, -1):
            found = self.spans.get(path[:cut])
            if found is not None:
                return found
        return (1, 1, 1, 1)


@dataclass
class _Walker:
    text: str
    spans: Spans = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    constructor: Any = field(default_factory=yaml.constructor.SafeConstructor)
    lenient: bool = False
    deferred: dict[DataPath, YamlProblem] = field(default_factory=dict)
    aliases: bool = True  # whether the text may hold an alias

    def problem(self, code: str, mark: Any, what: Text, expected: Text, fix: Text) -> YamlProblem:
        return YamlProblem(code, what, expected, fix, line_span(self.text, mark.line + 1, mark.column + 1))

    def walk(self, node: yaml.Node, path: DataPath, depth: int) -> tuple[Any, tuple[int, int]]:
        """Return the value of ``node`` and where its content ends; record the spans below it."""
        mark = node.start_mark
        start = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            raise self.problem("QC005", mark, *DEPTH_TEXT, Text.of(
                "Làm phẳng cấu trúc; tệp quy định không cần lồng sâu như vậy",
                "Flatten the structure; rule files never need such depth"))
        if self.aliases:  # (an alias is written with a "*": without one, no node can be met twice)
            if id(node) in self.seen:
                raise alias_problem(self.text, mark)
            self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self.problem(
                "QC004", mark,
                Text.of(f"Thẻ YAML không được phép: {excerpt(node.tag)}", f"YAML tag not allowed: {excerpt(node.tag)}"),
                Text.of("chuỗi, số, ngày, danh sách hoặc ánh xạ", "strings, numbers, dates, lists or mappings"),
                Text.of("Bỏ thẻ; tệp quy định chỉ chứa dữ liệu thuần", "Remove the tag; rule files hold plain data"),
            )
        value: Any
        kind = type(node)  # (the composer makes these classes only, never subclasses)
        if kind is yaml.MappingNode:
            value, end = self._mapping(cast(yaml.MappingNode, node), path, depth)
        elif kind is yaml.SequenceNode:
            seq = cast(yaml.SequenceNode, node)
            value, end = [], (seq.end_mark.line + 1, seq.end_mark.column + 1)
            for i, item in enumerate(seq.value):
                item_value, item_end = self.walk(item, (*path, i), depth + 1)
                value.append(item_value)
                if not seq.flow_style:
                    end = item_end
        else:  # composing yields mappings, sequences and scalars only
            scalar = cast(yaml.ScalarNode, node)
            value, end = self._scalar(scalar, path), _scalar_end(self.text, scalar)
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
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in _ALLOWED_TAGS:
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
            sub = (*path, key)
            out[key], value_end = self.walk(value_node, sub, depth + 1)
            self.spans[sub] = (km.line + 1, km.column + 1, *value_end)
            if not node.flow_style:
                end = value_end
        return out, end

    def _scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        control = CONTROL.search(node.value) if node.style == '"' else None  # an escape (\e, \u202e) made one
        if control is not None:
            raise control_problem(self.text, node.start_mark.line + 1, node.start_mark.column + 1, control.group(0))
        if node.tag == _STR:  # most scalars: what SafeConstructor would return, without its bookkeeping
            value = nfc(node.value)  # a short one (an id, a name) is written many times: one string for all
            return intern(value) if len(value) <= _INTERNED else value
        if node.tag == _INT and not _DECIMAL.fullmatch(node.value):
            # YAML 1.1's other integers (1:30 is 90, 010 is 8, 0x10, 1_000) are read as written: the model then
            # says what it expected, instead of a number the drafter never wrote
            return nfc(node.value)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, OverflowError) as exc:  # a date that does not exist: 2024-02-30, 2024-13-01
            date = node.tag.endswith(":timestamp")
            why = ("không có ngày này", "no such day") if date else (str(exc), str(exc))
            problem = self.problem(
                "QC003", node.start_mark,
                Text.of(f"{excerpt(node.value)} không phải một {'ngày' if date else 'giá trị'} hợp lệ ({why[0]})",
                        f"{excerpt(node.value)} is not a valid {'date' if date else 'value'} ({why[1]})"),
                Text.of("một ngày có thật, dạng YYYY-MM-DD", "a real date, YYYY-MM-DD"),
                Text.of("Sửa giá trị, ví dụ một ngày có thật dạng YYYY-MM-DD",
                        "Correct the value, e.g. a real date written YYYY-MM-DD"),
            )
            if not self.lenient:
                raise problem from None
            self.deferred[path] = problem  # read on: every other problem of the file is reported with it
            return nfc(node.value)
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


def parse_yaml(data: bytes, *, max_bytes: int = MAX_BYTES, lenient: bool = False) -> Document:
    """Parse one YAML document safely; return its data and the span of every key and item.

    ``lenient``: a date that does not exist (2024-02-30) is read as the string written and its problem kept in
    :attr:`Document.problems`, so that the file's other problems are found too; otherwise it is raised.

    Raises:
        YamlProblem: for any input that is not safe, plain, well-formed YAML within the caps.
    """
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    text = decode(data)
    check_characters(text)
    brackets = text.count("[") + text.count("{")
    if (brackets > _SCAN_THRESHOLD or len(text) > _NODE_SCAN
            or (len(text) > 4 * _SCAN_THRESHOLD and " " * _SCAN_THRESHOLD in text)):
        try:
            check_depth_by_events(text)
        except yaml.YAMLError as exc:
            raise syntax_problem(text, exc) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise syntax_problem(text, exc) from None
    if node is None:
        return Document(None, {})
    walker = _Walker(text, lenient=lenient, aliases="*" in text)
    data_out, _ = walker.walk(node, (), 0)
    return Document(data_out, walker.spans, walker.deferred)
