"""Load check files: safe YAML with positions, structural and whole-check validation.

YAML is parsed with ``yaml.CSafeLoader`` when libyaml is there (``SafeLoader`` otherwise): no Python
tags. Duplicate keys, aliases and merge keys are errors; size and nesting depth are capped. Every
error is a :class:`~quyche_rules.errors.ConfigError` with the file, line and column, what was
expected and how to fix it.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from quyche_rules.errors import ConfigError
from quyche_rules.i18n import Text, nfc
from quyche_rules.lang.model import Check, CheckFile
from quyche_rules.lang.validate import Path, Problem, check_problems, did_you_mean

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "check_schema", "load_checks", "parse_checks"]

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Positions = dict[Path, tuple[int, int]]


def _err(
    source: str,
    pos: tuple[int, int] | None,
    what: Text,
    expected: Text | None = None,
    fix: Text | None = None,
) -> ConfigError:
    line, col = pos if pos else (None, None)
    return ConfigError(what, expected=expected, fix=fix, file=source, line=line, column=col)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turn a composed YAML node tree into plain data, recording the position of every path."""

    def __init__(self, loader: Any, source: str) -> None:
        self.loader = loader
        self.source = source
        self.positions: Positions = {}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _err(
                self.source,
                _mark(node),
                Text.of("YAML lồng quá sâu", "YAML nested too deeply"),
                Text.of(f"tối đa {MAX_DEPTH} cấp", f"at most {MAX_DEPTH} levels"),
                Text.of("bớt lồng cấu trúc", "flatten the structure"),
            )
        if id(node) in self.seen:
            raise _err(
                self.source,
                _mark(node),
                Text.of(
                    "Không dùng bí danh (alias) YAML trong tệp kiểm tra",
                    "YAML aliases are not allowed in check files",
                ),
                Text.of("mỗi giá trị viết ra đầy đủ", "every value written out"),
                Text.of("thay *bí_danh bằng chính giá trị", "replace the *alias with the value itself"),
            )
        self.seen.add(id(node))
        self.positions.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _err(
                        self.source,
                        _mark(key_node),
                        Text.of("Không dùng khóa gộp << của YAML", "YAML merge keys (<<) are not allowed"),
                        Text.of("mỗi khóa viết ra đầy đủ", "every key written out"),
                        Text.of("viết các khóa ra thay vì gộp", "write the keys out instead of merging"),
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _err(
                        self.source,
                        _mark(key_node),
                        Text.of("Khóa phải là chuỗi", "A key must be a string"),
                        Text.of("một tên, ví dụ kind", "a name, e.g. kind"),
                        Text.of("sửa khóa", "correct the key"),
                    )
                key = self._scalar(key_node)
                first_line = self.positions.get((*path, key), ("?",))[0]
                if isinstance(key, str):
                    key = nfc(key)
                if key in out:
                    raise _err(
                        self.source,
                        _mark(key_node),
                        Text.of(f"Khóa «{key}» bị lặp", f"Duplicate key «{key}»"),
                        Text.of("mỗi khóa xuất hiện một lần trong một khối", "each key once per mapping"),
                        Text.of(
                            f"xóa một trong hai khóa «{key}» (lần đầu ở dòng {first_line})",
                            f"remove one of the two «{key}» keys (first at line {first_line})",
                        ),
                    )
                self.positions[(*path, key)] = _mark(key_node)
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        value = self._scalar(node)
        return nfc(value) if isinstance(value, str) else value

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError) as exc:  # a date that does not exist: 2024-02-30, 2024-13-01
            raise _err(
                self.source,
                _mark(node),
                Text.of(f"{node.value!r} không phải giá trị hợp lệ ({exc})",
                        f"{node.value!r} is not a valid value ({exc})"),
                Text.of("một ngày có thật dạng YYYY-MM-DD, một số hoặc một chuỗi",
                        "a real date written YYYY-MM-DD, a number or a string"),
                Text.of("sửa giá trị, hoặc đặt nó trong dấu nháy", "correct the value, or put it in quotes"),
            ) from None


def _parse_yaml(text: str, source: str) -> tuple[Any, Positions]:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _err(
            source,
            None,
            Text.of("Tệp kiểm tra quá lớn", "Check file too large"),
            Text.of(
                f"tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB",
                f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB",
            ),
            Text.of("tách thành nhiều tệp", "split it into several files"),
        )
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            pos = (mark.line + 1, mark.column + 1) if mark else None
            raise _err(
                source,
                pos,
                Text.of(f"YAML không hợp lệ: {exc.problem}", f"Invalid YAML: {exc.problem}"),
                Text.of("YAML đúng cú pháp", "well-formed YAML"),
                Text.of("sửa cú pháp tại vị trí này", "fix the syntax at this position"),
            ) from None
        except yaml.YAMLError as exc:
            raise _err(
                source,
                None,
                Text.of(f"YAML không hợp lệ: {exc}", f"Invalid YAML: {exc}"),
                Text.of("YAML đúng cú pháp", "well-formed YAML"),
                Text.of("sửa cú pháp", "fix the syntax"),
            ) from None
        if node is None:
            return None, {(): (1, 1)}
        builder = _Builder(loader, source)
        try:
            data = builder.build(node, (), 0)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            raise _err(
                source,
                (mark.line + 1, mark.column + 1) if mark else None,
                Text.of(
                    f"Giá trị YAML không đọc được: {exc.problem}", f"Unreadable YAML value: {exc.problem}"
                ),
                Text.of("chuỗi, số, danh sách hoặc khối khóa", "a string, number, list or mapping"),
                Text.of(
                    "bỏ thẻ (tag) YAML và viết giá trị thường", "remove the YAML tag and write a plain value"
                ),
            ) from None
        return data, builder.positions
    finally:
        loader.dispose()


def _position(positions: Positions, path: Path) -> tuple[int, int] | None:
    for cut in range(len(path), -1, -1):
        pos = positions.get(path[:cut])
        if pos is not None:
            return pos
    return None


def _models_in(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        out.extend(_models_in(arg))
    return out


def _has_dict(tp: Any) -> bool:
    if typing.get_origin(tp) is dict:
        return True
    return any(_has_dict(a) for a in typing.get_args(tp))


def _model_at(loc: Path) -> type[BaseModel] | None:
    """Return the model class whose keys live at ``loc`` (data path), if known."""
    model: type[BaseModel] = CheckFile
    free_key = False
    for seg in loc:
        if isinstance(seg, int):
            continue
        if free_key:
            free_key = False
            continue
        field = None
        for name, info in model.model_fields.items():
            if seg in (name, info.alias):
                field = info
                break
        if field is None:
            return None
        models = _models_in(field.annotation)
        if not models:
            return None
        free_key = _has_dict(field.annotation)
        model = models[0]
    return None if free_key else model


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _data_path(loc: tuple[int | str, ...], positions: Positions) -> Path:
    """Drop pydantic's internal loc segments (union members, validator names) that are not data keys."""
    out: list[int | str] = []
    for seg in loc:
        if ((*tuple(out), seg)) in positions:
            out.append(seg)
        else:
            break
    return tuple(out)


def _dotted(path: Path) -> str:
    parts: list[str] = []
    for seg in path:
        if isinstance(seg, int):
            parts.append(f"[{seg}]")
        else:
            parts.append(("." if parts else "") + seg)
    return "".join(parts) or "(tệp / file)"


def _structural_error(exc: ValidationError, positions: Positions, source: str) -> ConfigError:
    errors = exc.errors(include_url=False)

    # Report the first error in document order.
    # Unknown keys first: a misspelt key also makes the right key "missing", and the unknown key's
    # "did you mean" is the more useful message.
    def order(e: Any) -> tuple[bool, int, int]:
        pos = _position(positions, _data_path(tuple(e["loc"]), positions)) or (0, 0)
        return (e["type"] != "extra_forbidden", *pos)

    errors.sort(key=order)
    e = errors[0]
    loc = tuple(e["loc"])
    etype = e["type"]
    more = len(errors) - 1
    suffix_vi = f" (và {more} lỗi khác)" if more else ""
    suffix_en = f" (and {more} more)" if more else ""
    if etype == "extra_forbidden":
        key = str(loc[-1])
        data_path = loc
        model = _model_at(loc[:-1])
        allowed = _keys_of(model) if model else []
        guess = did_you_mean(key, allowed)
        fix = (
            Text.of(f"Có phải ý bạn là «{guess}»?", f"Did you mean «{guess}»?")
            if guess
            else Text.of("xóa khóa này", "remove this key")
        )
        return _err(
            source,
            _position(positions, data_path),
            Text.of(
                f"Khóa không hợp lệ «{key}» tại {_dotted(loc[:-1])}{suffix_vi}",
                f"Unknown key «{key}» at {_dotted(loc[:-1])}{suffix_en}",
            ),
            Text.of(f"một trong: {', '.join(allowed)}", f"one of: {', '.join(allowed)}") if allowed else None,
            fix,
        )
    data_path = _data_path(loc, positions)
    if etype == "missing":
        key = str(loc[-1])
        return _err(
            source,
            _position(positions, data_path),
            Text.of(
                f"Thiếu khóa «{key}» tại {_dotted(loc[:-1])}{suffix_vi}",
                f"Missing key «{key}» at {_dotted(loc[:-1])}{suffix_en}",
            ),
            Text.of(f"khóa «{key}»", f"the key «{key}»"),
            Text.of(f"thêm «{key}: ...»", f"add «{key}: ...»"),
        )
    if etype in ("literal_error", "enum"):
        expected = str(e.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'\"") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        value = str(e.get("input"))
        guess = did_you_mean(value, options)
        return _err(
            source,
            _position(positions, data_path),
            Text.of(
                f"Giá trị «{value}» không hợp lệ tại {_dotted(data_path)}{suffix_vi}",
                f"Invalid value «{value}» at {_dotted(data_path)}{suffix_en}",
            ),
            Text.of(f"một trong: {expected}", f"one of: {expected}"),
            Text.of(f"Có phải ý bạn là «{guess}»?", f"Did you mean «{guess}»?")
            if guess
            else Text.of("sửa giá trị", "correct the value"),
        )
    msg = str(e["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return _err(
        source,
        _position(positions, data_path),
        Text.of(
            f"Giá trị không hợp lệ tại {_dotted(data_path)}: {msg}{suffix_vi}",
            f"Invalid value at {_dotted(data_path)}: {msg}{suffix_en}",
        ),
        Text.of(
            "xem lược đồ JSON của tệp kiểm tra (quyche schema)",
            "see the JSON schema of check files (quyche schema)",
        ),
        Text.of("sửa giá trị theo thông báo trên", "correct the value as the message says"),
    )


def _problem_error(problem: Problem, positions: Positions, source: str) -> ConfigError:
    return _err(source, _position(positions, problem.path), problem.what, problem.expected, problem.fix)


def parse_checks(
    text: str, *, source: str, known_fields: Mapping[str, set[str]] | None = None
) -> tuple[Check, ...]:
    """Parse and validate the YAML text of a check file.

    Args:
        text: the YAML text (``checks: [...]``).
        source: the file name used in diagnostics.
        known_fields: optional registry kind -> field names; unknown kinds and fields become errors.

    Returns:
        The checks, in file order.

    Raises:
        ConfigError: the text is not a valid check file (with file, line, what, expected and fix).
    """
    data, positions = _parse_yaml(text, source)
    if not isinstance(data, dict):
        raise _err(
            source,
            (1, 1),
            Text.of(
                "Tệp kiểm tra phải là một khối có khóa «checks»",
                "A check file must be a mapping with key «checks»",
            ),
            Text.of("checks: [ ... ]", "checks: [ ... ]"),
            Text.of("bắt đầu tệp bằng «checks:»", "start the file with «checks:»"),
        )
    try:
        parsed = CheckFile.model_validate(data)
    except ValidationError as exc:
        raise _structural_error(exc, positions, source) from None
    problems: list[Problem] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for i, check in enumerate(parsed.checks):
        problems.extend(check_problems(check, ("checks", i), known_fields))
        for label, seen, value in (("code", codes, check.code), ("name", names, check.name)):
            if value in seen:
                problems.append(
                    Problem(
                        ("checks", i, label),
                        Text.of(
                            f"«{value}» đã dùng cho kiểm tra thứ {seen[value] + 1}",
                            f"«{value}» is already used by check #{seen[value] + 1}",
                        ),
                        Text.of(f"mỗi kiểm tra có {label} riêng", f"each check has its own {label}"),
                        Text.of(
                            f"đổi {label} của một trong hai kiểm tra",
                            f"change the {label} of one of the two checks",
                        ),
                    )
                )
            else:
                seen[value] = i
    if problems:
        problems.sort(key=lambda p: (p.rank, *(_position(positions, p.path) or (0, 0))))
        first = problems[0]
        err = _problem_error(first, positions, source)
        if len(problems) > 1:
            err.what = Text.of(
                f"{first.what.vi} (và {len(problems) - 1} lỗi khác)",
                f"{first.what.en} (and {len(problems) - 1} more)",
            )
        raise err
    return parsed.checks


def load_checks(
    path_or_text: str | os.PathLike[str],
    *,
    source: str,
    known_fields: Mapping[str, set[str]] | None = None,
) -> tuple[Check, ...]:
    """Load a check file from a path or from YAML text.

    Args:
        path_or_text: a :class:`os.PathLike` (read as UTF-8), or the YAML text itself. A ``str``
            without a newline that ends in ``.yaml``/``.yml`` and names an existing file is read as a
            path; any other ``str`` is YAML text.
        source: the file name used in diagnostics.
        known_fields: optional registry kind -> field names; unknown kinds and fields become errors.

    Returns:
        The checks, in file order.

    Raises:
        ConfigError: unreadable file or invalid check file.
    """
    if isinstance(path_or_text, str) and not (
        "\n" not in path_or_text and path_or_text.endswith((".yaml", ".yml")) and os.path.isfile(path_or_text)
    ):
        return parse_checks(path_or_text, source=source, known_fields=known_fields)
    fs_path = FsPath(path_or_text)
    try:
        raw = fs_path.read_bytes()
    except OSError as exc:
        raise _err(
            source,
            None,
            Text.of(
                f"Không đọc được tệp kiểm tra: {exc.strerror}", f"Cannot read check file: {exc.strerror}"
            ),
            Text.of("một tệp YAML đọc được", "a readable YAML file"),
            Text.of("kiểm tra đường dẫn và quyền đọc", "check the path and permissions"),
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _err(
            source,
            None,
            Text.of("Tệp kiểm tra quá lớn", "Check file too large"),
            Text.of(
                f"tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB",
                f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB",
            ),
            Text.of("tách thành nhiều tệp", "split it into several files"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _err(
            source,
            None,
            Text.of(f"Tệp không phải UTF-8 (byte {exc.start})", f"File is not UTF-8 (byte {exc.start})"),
            Text.of("văn bản mã hóa UTF-8", "UTF-8 text"),
            Text.of("lưu lại tệp với mã hóa UTF-8", "save the file as UTF-8"),
        ) from None
    return parse_checks(text, source=source, known_fields=known_fields)


def check_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a check file."""
    schema = CheckFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quyche-rules check file"
    return schema
