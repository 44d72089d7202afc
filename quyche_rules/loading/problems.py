"""What is wrong with a file's data, in words: pydantic validation errors as located problems.

Every file the tool reads is validated by a pydantic model; :func:`validation_problems` turns the errors into
:class:`Problem` values (the data path, what is wrong, what was expected, how to fix it, with a "did you
mean" for a misspelt key or value). The rule-file loader reports them as QC003 findings; the check-file
loader as a configuration error.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from quyche_rules.i18n import Text, excerpt, printable
from quyche_rules.loading.reader import DataPath

__all__ = ["Problem", "data_path", "did_you_mean", "validation_problems"]


@dataclass(frozen=True)
class Problem:
    """One problem at a path of a file's data."""

    path: DataPath
    what: Text
    expected: Text
    fix: Text
    rank: int = 0
    """Which comes first when only one is shown: 0 before 1 (a misspelt key before what it makes missing)."""


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """Return the closest candidate to ``word`` (difflib), or ``None``."""
    found = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return found[0] if found else None


def data_path(data: Any, loc: Sequence[str | int]) -> DataPath:
    """Return the part of a pydantic ``loc`` that names keys and items present in ``data``.

    Pydantic adds segments that are not keys (a union member's tag, a validator's name); they are skipped.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            path.append(part)
    return tuple(path)


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


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {f.alias or n: f for n, f in model.model_fields.items()}


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """Return the model whose keys live at ``loc``, following fields, items, free keys and union tags."""
    current: Any = root
    for part in loc:
        tp = _unwrap(current)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = _fields(tp)
            if isinstance(part, str) and part in fields:
                current = fields[part].annotation
        elif origin in (tuple, list) and isinstance(part, int):
            current = typing.get_args(tp)[0]
        elif origin is dict:
            current = typing.get_args(tp)[1]  # ``part`` is a free key
        elif origin in (typing.Union, types.UnionType) and isinstance(part, str):
            for arg in typing.get_args(tp):
                inner = _unwrap(arg)
                if isinstance(inner, type) and issubclass(inner, BaseModel) and part in _fields(inner):
                    current = inner
                    break
    tp = _unwrap(current)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _options(expected: str) -> list[str]:
    return [o.strip().strip("'\"") for o in expected.replace(" or ", ",").split(",") if o.strip()]


def _describe(err: dict[str, Any], root: type[BaseModel]) -> tuple[Text, Text, Text, int]:
    loc = list(err["loc"])
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    kind = err["type"]
    given = err.get("input")
    key = excerpt(field, 40)
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        allowed = list(_fields(model)) if model is not None else []
        close = did_you_mean(field, allowed)
        return (
            Text.of(f"Khóa không được phép {key}" + (f"; có phải ý bạn là {close!r}?" if close else ""),
                    f"Unknown key {key}" + (f"; did you mean {close!r}?" if close else "")),
            Text.of("một trong: " + ", ".join(allowed), "one of: " + ", ".join(allowed)) if allowed
            else Text.of("không có khóa nào ở đây", "no key here"),
            Text.of(f"Đổi tên khóa thành {close!r}" if close else "Xóa khóa này",
                    f"Rename the key to {close!r}" if close else "Remove this key"),
            0,
        )
    if kind == "missing":
        return (
            Text.of(f"Thiếu khóa bắt buộc {key}", f"Missing required key {key}"),
            Text.of(f"khóa {key}", f"the key {key}"),
            Text.of(f"Thêm {field}: …", f"Add {field}: …"),
            1,
        )
    msg = printable(err["msg"].removeprefix("Value error, "))
    if len(msg) > 300:  # a validator may quote the value: never echo more than an excerpt of it
        msg = msg[:300] + "…"
    ctx = err.get("ctx", {})
    expected = ctx.get("expected") or ctx.get("pattern")
    shown = excerpt(given) if not isinstance(given, (dict, list)) else type(given).__name__
    fix = Text.of(f"Sửa giá trị của {key} theo lược đồ (quyche schema)",
                  f"Correct the value of {key} as the schema says (quyche schema)")
    if kind in ("literal_error", "enum") and expected:
        close = did_you_mean(str(given), _options(str(expected)))
        if close is not None:
            fix = Text.of(f"Có phải ý bạn là {close!r}?", f"Did you mean {close!r}?")
    return (
        Text.of(f"Giá trị {shown} không hợp lệ cho {key}: {msg}", f"Invalid value {shown} for {key}: {msg}"),
        Text.of(str(expected), str(expected)) if expected else Text.of(
            f"giá trị hợp lệ cho {key} theo lược đồ ({kind})",
            f"a valid value for {key} per the schema ({kind})"),
        fix,
        1,
    )


def validation_problems(error: ValidationError, root: type[BaseModel], data: Any) -> list[Problem]:
    """Return one problem per pydantic error of validating ``data`` as ``root``, at the offending key."""
    out = []
    for err in error.errors(include_url=False):
        what, expected, fix, rank = _describe(dict(err), root)
        out.append(Problem(data_path(data, err["loc"]), what, expected, fix, rank))
    return out
