"""What is wrong with a file's data, in words: pydantic validation errors as located problems.

Every file the tool reads is validated by a pydantic model; :func:`validation_problems` turns all the errors
into :class:`Problem` values at once (the data path, what is wrong, what was expected, how to fix it, with a
"did you mean" for a misspelt key or value), worded by :mod:`quyche_rules.loading.wording` without pydantic's
or Python's words. The errors pydantic gives for each alternative of a union (``takes_over: yes`` is neither
'all' nor 'none' nor a list) become one problem. The rule-file loader reports them as QC003 findings; the
check-file loader as a configuration error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from quyche_rules.i18n import Text, excerpt
from quyche_rules.loading.expected import Slot, describe, fields_of, slot_at, unwrap
from quyche_rules.loading.reader import DataPath
from quyche_rules.loading.suggest import close_matches, did_you_mean, fold
from quyche_rules.loading.wording import shown, word_error

__all__ = ["Problem", "close_matches", "data_path", "did_you_mean", "fold", "validation_problems"]


@dataclass(frozen=True)
class Problem:
    """One problem at a path of a file's data."""

    path: DataPath
    what: Text
    expected: Text
    fix: Text
    rank: int = 0
    """Which comes first when only one is shown: 0 before 1 (a misspelt key before what it makes missing)."""


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


def _value(data: Any, path: DataPath) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node


def _unknown_key(root: type[BaseModel], loc: Sequence[str | int], field: str) -> Problem:
    model, _ = unwrap(slot_at(root, loc[:-1]).tp)
    allowed = list(fields_of(model)) if isinstance(model, type) and issubclass(model, BaseModel) else []
    close = did_you_mean(field, allowed)
    key = excerpt(field, 40)
    return Problem(
        (),
        Text.of(f"Khóa không được phép {key}" + (f"; có phải ý bạn là {close!r}?" if close else ""),
                f"Unknown key {key}" + (f"; did you mean {close!r}?" if close else "")),
        Text.of("một trong: " + ", ".join(allowed), "one of: " + ", ".join(allowed)) if allowed
        else Text.of("không có khóa nào ở đây", "no key here"),
        Text.of(f"Đổi tên khóa thành {close!r}" if close else "Xóa khóa này",
                f"Rename the key to {close!r}" if close else "Remove this key"),
        0,
    )


def _missing(root: type[BaseModel], loc: Sequence[str | int], field: str) -> Problem:
    key = excerpt(field, 40)
    takes = describe(slot_at(root, loc).tp, field)
    return Problem(
        (),
        Text.of(f"Thiếu khóa bắt buộc {key}", f"Missing required key {key}"),
        Text.of(f"khóa {key}: {takes.vi}", f"the key {key}: {takes.en}"),
        Text.of(f"Thêm {field}: …", f"Add {field}: …"),
        1,
    )


def _union(root: type[BaseModel], loc: Sequence[str | int], given: Any, path: DataPath) -> Problem:
    """One problem for a value that fits none of a union's alternatives (each gave its own error)."""
    slot = slot_at(root, loc)
    field = slot.name or (str(path[-1]) if path else "")
    key = excerpt(field, 40)
    expected = describe(slot.tp, slot.name)
    if field == "takes_over":
        fix = Text.of("Viết takes_over: all, takes_over: none, hoặc danh sách mã nhiệm vụ như [ke-hoach-nam]",
                      "Write takes_over: all, takes_over: none, or a list of task ids such as [ke-hoach-nam]")
    else:
        fix = Text.of(f"Viết {field} theo một trong các dạng đã nêu", f"Write {field} in one of the forms given")
    return Problem(
        path,
        Text.of(f"Giá trị {shown(given)} không hợp lệ cho {key}", f"Invalid value {shown(given)} for {key}"),
        expected,
        fix,
        1,
    )


def validation_problems(error: ValidationError, root: type[BaseModel], data: Any) -> list[Problem]:
    """Return the problems of validating ``data`` as ``root``: every error, at the offending key, in words."""
    errors: list[dict[str, Any]] = [dict(e) for e in error.errors(include_url=False)]
    unions: dict[tuple[str | int, ...], list[dict[str, Any]]] = {}
    for err in errors:
        slot = slot_at(root, err["loc"])
        if slot.member_at is not None and err["type"] not in ("missing", "extra_forbidden"):
            unions.setdefault(tuple(err["loc"][: slot.member_at]), []).append(err)
    out: list[Problem] = []
    for err in errors:  # in pydantic's order, which is the file's
        loc = list(err["loc"])
        slot = slot_at(root, loc)
        cut = slot.member_at
        members = unions.get(tuple(loc[:cut])) if cut is not None else None
        if members is not None and cut is not None:
            deep = [e for e in members if len(e["loc"]) > cut + 1]
            if deep and err not in deep:
                continue  # the value has an alternative's shape (a list) and fails inside it: only that is said
            if not deep:
                if err is members[0]:  # one problem for a value that fits none of the alternatives
                    path = data_path(data, loc[:cut])
                    out.append(_union(root, loc[:cut], _value(data, path), path))
                continue
        out.append(_one(err, root, data, slot))
    return out


def _one(err: dict[str, Any], root: type[BaseModel], data: Any, slot: Slot) -> Problem:
    loc = list(err["loc"])
    path = data_path(data, loc)
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), slot.name)
    if err["type"] == "extra_forbidden":
        problem = _unknown_key(root, loc, str(loc[-1]))
    elif err["type"] == "missing":
        problem = _missing(root, loc, str(loc[-1]))
    else:
        if slot.member_at is not None:
            slot = slot_at(root, loc[: slot.member_at])
        what, expected, fix, rank = word_error(err, slot, excerpt(field, 40))
        problem = Problem((), what, expected, fix, rank)
    return Problem(path, problem.what, problem.expected, problem.fix, problem.rank)
