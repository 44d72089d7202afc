"""Safe YAML: size, depth and encoding caps, no tags or aliases, duplicate keys refused, NFC, positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from quyche_rules.i18n import Text, nfc

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Positions", "YamlProblem", "load_yaml"]

MAX_BYTES = 4_000_000  # a rule file; the 100,000-provision benchmark's tasks.yaml is ~1.5 MB
MAX_DEPTH = 64
_SCAN_THRESHOLD = 4000  # above this many brackets or columns of indent, measure depth from events first

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

#: data path (keys and indexes) -> (line, column), both 1-based
Positions = dict[tuple[str | int, ...], tuple[int, int]]


@dataclass
class YamlProblem(Exception):
    """A YAML file that cannot be loaded safely."""

    code: str
    name: str
    message: Text
    fix: Text
    line: int = 1
    column: int = 1
    expected: Text | None = None


@dataclass
class _Walker:
    positions: Positions = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    constructor: Any = field(default_factory=yaml.constructor.SafeConstructor)

    def walk(self, node: yaml.Node, path: tuple[str | int, ...], depth: int) -> Any:
        mark = node.start_mark
        if depth > MAX_DEPTH:
            raise YamlProblem(
                "QC005", "input-too-large",
                Text.of(f"Cấu trúc lồng quá sâu (hơn {MAX_DEPTH} cấp)", f"Nesting deeper than {MAX_DEPTH} levels"),
                Text.of("Làm phẳng cấu trúc; tệp quy định không cần lồng sâu như vậy",
                        "Flatten the structure; rule files never need such depth"),
                mark.line + 1, mark.column + 1,
                expected=Text.of(f"tối đa {MAX_DEPTH} cấp lồng nhau", f"at most {MAX_DEPTH} levels of nesting"),
            )
        if id(node) in self.seen:
            raise _alias_problem(mark)
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise YamlProblem(
                "QC004", "unsafe-yaml",
                Text.of(f"Thẻ YAML không được phép: {node.tag!r}", f"YAML tag not allowed: {node.tag!r}"),
                Text.of("Bỏ thẻ; tệp quy định chỉ chứa dữ liệu thuần", "Remove the tag; rule files hold plain data"),
                mark.line + 1, mark.column + 1,
                expected=Text.of("chuỗi, số, ngày, danh sách hoặc ánh xạ",
                                 "strings, numbers, dates, lists or mappings"),
            )
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                    km = key_node.start_mark
                    raise YamlProblem(
                        "QC003", "schema-violation",
                        Text.of("Khóa phải là một chuỗi đơn giản", "A key must be a plain string"),
                        Text.of("Dùng tên khóa dạng chữ", "Use a plain word as the key"), km.line + 1, km.column + 1,
                        expected=Text.of("khóa là chuỗi", "a string key"),
                    )
                key = nfc(str(key_node.value))
                if key in out:
                    km = key_node.start_mark
                    first = self.positions.get((*path, key), (0, 0))[0]
                    raise YamlProblem(
                        "QC002", "duplicate-key",
                        Text.of(f"Khóa {key!r} bị lặp (đã có ở dòng {first})",
                                f"Duplicate key {key!r} (first at line {first})"),
                        Text.of("Xóa hoặc gộp một trong hai khóa", "Remove or merge one of the two keys"),
                        km.line + 1, km.column + 1,
                        expected=Text.of("mỗi khóa xuất hiện một lần", "each key once"),
                    )
                out[key] = self.walk(value_node, (*path, key), depth + 1)
                self.positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.positions[path] = (mark.line + 1, mark.column + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag == _STR:  # most scalars: what SafeConstructor would return, without its bookkeeping
            return nfc(node.value)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, OverflowError) as exc:  # a date that does not exist: 2024-02-30, 2024-13-01
            what = "ngày" if node.tag.endswith(":timestamp") else "giá trị"
            raise YamlProblem(
                "QC003", "schema-violation",
                Text.of(f"{node.value!r} không phải một {what} hợp lệ ({exc})",
                        f"{node.value!r} is not a valid {'date' if what == 'ngày' else 'value'} ({exc})"),
                Text.of("Sửa giá trị, ví dụ một ngày có thật dạng YYYY-MM-DD",
                        "Correct the value, e.g. a real date written YYYY-MM-DD"),
                mark.line + 1, mark.column + 1,
                expected=Text.of("một ngày có thật, dạng YYYY-MM-DD", "a real date, YYYY-MM-DD"),
            ) from None
        return nfc(value) if isinstance(value, str) else value


def _alias_problem(mark: Any) -> YamlProblem:
    return YamlProblem(
        "QC004", "unsafe-yaml",
        Text.of("Neo và bí danh YAML (&, *) không được phép", "YAML anchors and aliases (&, *) are not allowed"),
        Text.of("Viết đầy đủ giá trị thay vì dùng bí danh", "Write the value out instead of using an alias"),
        mark.line + 1, mark.column + 1,
        expected=Text.of("giá trị viết đầy đủ", "values written out in full"),
    )


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            "QC006", "encoding-error",
            Text.of(f"Byte 0x{data[exc.start]:02x} không hợp lệ trong UTF-8",
                    f"Byte 0x{data[exc.start]:02x} is not valid UTF-8"),
            Text.of("Lưu tệp với mã hóa UTF-8", "Save the file as UTF-8"),
            line, col, expected=Text.of("văn bản UTF-8", "UTF-8 text"),
        ) from None
    return text.removeprefix("\ufeff")


def _check_depth_by_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _alias_problem(event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and event.start_mark is not None:
                m = event.start_mark
                raise YamlProblem(
                    "QC005", "input-too-large",
                    Text.of(f"Cấu trúc lồng quá sâu (hơn {MAX_DEPTH} cấp)", f"Nesting deeper than {MAX_DEPTH} levels"),
                    Text.of("Làm phẳng cấu trúc", "Flatten the structure"), m.line + 1, m.column + 1,
                    expected=Text.of(f"tối đa {MAX_DEPTH} cấp lồng nhau", f"at most {MAX_DEPTH} levels of nesting"),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(data: bytes, *, max_bytes: int = MAX_BYTES) -> tuple[Any, Positions]:
    """Parse one YAML document safely; return the data and the position of every key and item.

    Raises:
        YamlProblem: for any input that is not safe, plain, well-formed YAML within the caps.
    """
    if len(data) > max_bytes:
        raise YamlProblem(
            "QC005", "input-too-large",
            Text.of(f"Tệp quá lớn: {len(data):,} byte (tối đa {max_bytes:,})",
                    f"File too large: {len(data):,} bytes (at most {max_bytes:,})"),
            Text.of("Tách tệp, mỗi điều một tệp trong articles/", "Split it: one article per file under articles/"),
            expected=Text.of(f"tối đa {max_bytes:,} byte", f"at most {max_bytes:,} bytes"),
        )
    text = _decode(data)
    brackets = text.count("[") + text.count("{")
    if brackets > _SCAN_THRESHOLD or (len(text) > 4 * _SCAN_THRESHOLD and " " * _SCAN_THRESHOLD in text):
        try:
            _check_depth_by_events(text)
        except yaml.YAMLError as exc:
            raise _syntax_problem(exc) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc) from None
    if node is None:
        return None, {}
    walker = _Walker()
    return walker.walk(node, (), 0), walker.positions


def _syntax_problem(exc: yaml.YAMLError) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{context}: {problem}" if context else str(problem)
    if "maximum nesting depth" in detail:  # PyYAML >= 6.0.4 caps nesting in the parser itself
        line, column = ((mark.line + 1), (mark.column + 1)) if mark else (1, 1)
        return YamlProblem(
            "QC005", "input-too-large",
            Text.of(f"Cấu trúc lồng quá sâu (hơn {MAX_DEPTH} cấp)", f"Nesting deeper than {MAX_DEPTH} levels"),
            Text.of("Làm phẳng cấu trúc", "Flatten the structure"), line, column,
            expected=Text.of(f"tối đa {MAX_DEPTH} cấp lồng nhau", f"at most {MAX_DEPTH} levels of nesting"),
        )
    if "found undefined alias" in detail or "found duplicate anchor" in detail:
        return _alias_problem(mark) if mark else _alias_problem(yaml.Mark("", 0, 0, 0, "", 0))
    return YamlProblem(
        "QC001", "yaml-syntax",
        Text.of(f"YAML không hợp lệ: {detail}", f"Invalid YAML: {detail}"),
        Text.of("Sửa cú pháp tại vị trí này (thụt lề, dấu hai chấm, dấu ngoặc)",
                "Fix the syntax here (indentation, colons, brackets)"),
        (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
        expected=Text.of("YAML hợp lệ", "well-formed YAML"),
    )
