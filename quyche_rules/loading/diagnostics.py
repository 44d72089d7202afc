"""Turn YAML problems and pydantic validation errors into findings with file, line and a fix."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from quyche_rules.findings import Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Text
from quyche_rules.loading.yamlsafe import Positions, YamlProblem

__all__ = ["position_of", "problem_finding", "validation_findings"]


def position_of(data: Any, positions: Positions, loc: Sequence[str | int]) -> tuple[int, int]:
    """Return the line and column of the deepest part of ``loc`` present in ``data``."""
    path: tuple[str | int, ...] = ()
    best = positions.get((), (1, 1))
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        else:
            continue
        path = (*path, part)
        best = positions.get(path, best)
    return best


def _where(file: str, label: str, line: int, column: int) -> tuple[Location, tuple[ProvisionRef, ...]]:
    location = Location(file=file, line=line, column=column)
    return location, (ProvisionRef(citation=label, location=location),)


def problem_finding(problem: YamlProblem, file: str, label: str) -> Finding:
    """Return the finding for a YAML file that could not be read safely."""
    location, refs = _where(file, label, problem.line, problem.column)
    message = problem.message
    if problem.expected is not None:
        message = Text.of(f"{message.vi}; cần {problem.expected.vi}", f"{message.en}; expected {problem.expected.en}")
    return Finding(
        code=problem.code, name=problem.name, severity=Severity.ERROR, message=message,
        location=location, provisions=refs, fix=problem.fix,
    )


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    current: Any = root
    for part in loc:
        tp = _unwrap(current)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {f.alias or n: f for n, f in tp.model_fields.items()}
            if isinstance(part, str) and part in fields:
                current = fields[part].annotation
            continue
        if typing.get_origin(tp) is tuple and isinstance(part, int):
            current = typing.get_args(tp)[0]
            continue
        if typing.get_origin(tp) in (typing.Union, types.UnionType) and isinstance(part, str):
            for arg in typing.get_args(tp):
                inner = _unwrap(arg)
                if isinstance(inner, type) and issubclass(inner, BaseModel) and part in inner.model_fields:
                    current = inner
                    break
    tp = _unwrap(current)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _keys_of(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _describe(err: dict[str, Any], root: type[BaseModel]) -> tuple[Text, Text | None, Text]:
    loc = [p for p in err["loc"]]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    kind = err["type"]
    given = err.get("input")
    if kind == "extra_forbidden":
        allowed = _keys_of(_model_at(root, loc[:-1]))
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint_vi = f"; có phải ý bạn là {close[0]!r}?" if close else ""
        hint_en = f"; did you mean {close[0]!r}?" if close else ""
        return (
            Text.of(f"Khóa không được phép {field!r}{hint_vi}", f"Unknown key {field!r}{hint_en}"),
            Text.of("một trong: " + ", ".join(allowed), "one of: " + ", ".join(allowed)) if allowed else None,
            Text.of(f"Đổi tên khóa thành {close[0]!r}" if close else "Xóa khóa này",
                    f"Rename the key to {close[0]!r}" if close else "Remove this key"),
        )
    if kind == "missing":
        return (
            Text.of(f"Thiếu khóa bắt buộc {field!r}", f"Missing required key {field!r}"),
            Text.of(f"khóa {field!r}", f"the key {field!r}"),
            Text.of(f"Thêm {field}: …", f"Add {field}: …"),
        )
    msg = err["msg"].removeprefix("Value error, ")
    ctx = err.get("ctx", {})
    expected = ctx.get("expected") or ctx.get("pattern")
    shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
    return (
        Text.of(f"Giá trị {shown} không hợp lệ cho {field!r}: {msg}", f"Invalid value {shown} for {field!r}: {msg}"),
        Text.of(str(expected), str(expected)) if expected else Text.of(
            f"giá trị hợp lệ cho {field!r} theo lược đồ ({kind})",
            f"a valid value for {field!r} per the schema ({kind})"),
        Text.of(f"Sửa giá trị của {field!r} theo lược đồ (quyche schema)",
                f"Correct the value of {field!r} as the schema says (quyche schema)"),
    )


def validation_findings(
    error: ValidationError, root: type[BaseModel], data: Any, positions: Positions, file: str, label: str
) -> list[Finding]:
    """Return one QC003 finding per pydantic error, at the line of the offending key."""
    out = []
    for err in error.errors():
        line, column = position_of(data, positions, err["loc"])
        what, expected, fix = _describe(dict(err), root)
        if expected is not None:
            what = Text.of(f"{what.vi}; cần {expected.vi}", f"{what.en}; expected {expected.en}")
        location, refs = _where(file, label, line, column)
        out.append(Finding(
            code="QC003", name="schema-violation", severity=Severity.ERROR, message=what,
            location=location, provisions=refs, fix=fix,
        ))
    return out
