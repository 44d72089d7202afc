"""One pydantic error in the user's words: what is wrong, what was expected, how to fix it.

Nothing here repeats pydantic's own text or a Python type name: each kind of error is worded from the key, the
value written and what the key takes (:mod:`quyche_rules.loading.expected`); a model's own check is translated
(:mod:`quyche_rules.loading.validators`).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any

from pydantic import BaseModel

from quyche_rules.i18n import Text, excerpt, printable
from quyche_rules.loading.expected import DATE, Slot, describe, fields_of, mapping_keys, tags_of, unwrap
from quyche_rules.loading.suggest import did_you_mean
from quyche_rules.loading.validators import expected_of, translate

__all__ = ["Worded", "shown", "word_error"]

#: what is wrong, what was expected, how to fix it, and which comes first when one is shown (0 before 1)
Worded = tuple[Text, Text, Text, int]

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LEVELS = ("article", "clause", "point", "chapter", "section")


def shown(value: Any) -> str:
    """Return a value as a message echoes it: short, escaped, as YAML writes it (true, 2025-06-15)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return excerpt(value)


def _kind(value: Any) -> Text:
    if isinstance(value, dict):
        return Text.of("một ánh xạ", "a mapping")
    if isinstance(value, list):
        return Text.of("một danh sách", "a list")
    if isinstance(value, bool):
        return Text.of("true/false", "true/false")
    if isinstance(value, (int, float)):
        return Text.of("một số", "a number")
    if isinstance(value, dt.date):
        return Text.of("một ngày", "a date")
    if value is None:
        return Text.of("giá trị trống", "an empty value")
    return Text.of("văn bản", "text")


def _invalid(given: Any, key: str, detail: Text | None = None) -> Text:
    tail = (f": {detail.vi}", f": {detail.en}") if detail is not None else ("", "")
    return Text.of(f"Giá trị {shown(given)} không hợp lệ cho {key}{tail[0]}",
                   f"Invalid value {shown(given)} for {key}{tail[1]}")


def _date(given: Any, key: str) -> Worded:
    text = str(given).strip()
    dmy = _DMY.fullmatch(text)
    if dmy is not None:
        day, month, year = (int(g) for g in dmy.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            iso = None
        if iso is not None:
            return (Text.of(f"Ngày {shown(given)} của {key} không viết dạng YYYY-MM-DD",
                            f"The date {shown(given)} of {key} is not written YYYY-MM-DD"),
                    DATE, Text.of(f"Viết {key.strip(chr(39))}: {iso}", f"Write {key.strip(chr(39))}: {iso}"), 1)
    if _YMD.fullmatch(text):
        return (Text.of(f"{shown(given)} không phải một ngày hợp lệ (không có ngày này)",
                        f"{shown(given)} is not a valid date (no such day)"),
                DATE, Text.of("Sửa thành một ngày có thật", "Correct it to a day that exists"), 1)
    return (Text.of(f"{shown(given)} không phải một ngày ({key})", f"{shown(given)} is not a date ({key})"), DATE,
            Text.of("Viết ngày dạng YYYY-MM-DD, ví dụ 2025-06-15", "Write the date YYYY-MM-DD, e.g. 2025-06-15"), 1)


def _mapping_fix(slot: Slot, given: Any, field: str) -> Text:
    model, _ = unwrap(slot.tp)
    if isinstance(model, type) and issubclass(model, BaseModel):
        keys = mapping_keys(model)
        fields = fields_of(model)
        if isinstance(given, str) and "id" in fields and _SLUG.fullmatch(given):
            keys = keys.replace("id: …", f"id: {given}")
        elif isinstance(given, str) and "name" in fields:
            keys = keys.replace("name: …", f"name: {given}")
        return Text.of(f"Viết {field}: {keys}", f"Write {field}: {keys}")
    return Text.of(f"Viết {field} dạng khóa: giá trị", f"Write {field} as key: value pairs")


def _tagged(given: Any, slot: Slot) -> Worded:
    """A mapping that is none of a tagged union's kinds (an operation, a norm)."""
    kinds = list(tags_of(slot.tp))
    keys = [k for k in given if isinstance(k, str)] if isinstance(given, dict) else []
    close = next((c for c in (did_you_mean(k, kinds) for k in keys if k not in kinds) if c), None)
    listed = ", ".join(kinds)
    what = (Text.of(f"Khóa {excerpt(keys[0], 40)} không phải một loại hợp lệ; có phải ý bạn là {close!r}?",
                    f"{excerpt(keys[0], 40)} is not a known kind; did you mean {close!r}?") if close and keys
            else Text.of(f"Cần đúng một trong: {listed}", f"Write exactly one of: {listed}"))
    fix = (Text.of(f"Đổi tên khóa thành {close!r}", f"Rename the key to {close!r}") if close
           else Text.of(f"Giữ đúng một khóa trong số {listed}", f"Keep exactly one key of {listed}"))
    return what, describe(slot.tp), fix, 1


def word_error(err: dict[str, Any], slot: Slot, key: str) -> Worded:
    """Word one pydantic error (``err``) about the value under ``key`` (quoted) at ``slot``."""
    kind, given, field = err["type"], err.get("input"), key.strip("'\"")
    expected = describe(slot.tp, slot.name)
    schema_fix = Text.of(f"Sửa giá trị của {key} theo lược đồ (quyche schema)",
                         f"Correct the value of {key} as the schema says (quyche schema)")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _date(given, key)
    if kind in ("operation_kind", "norm_kind", "union_tag_invalid", "union_tag_not_found"):
        return _tagged(given, slot)
    if kind in ("literal_error", "enum"):
        options = [str(o) for o in _literal_options(slot)] or _options(str(err.get("ctx", {}).get("expected", "")))
        close = did_you_mean(str(given), options) if isinstance(given, str) else None
        fix = (Text.of(f"Có phải ý bạn là {close!r}?", f"Did you mean {close!r}?") if close
               else Text.of(f"Chọn một trong: {', '.join(options)}", f"Choose one of: {', '.join(options)}"))
        return _invalid(given, key), expected, fix, 1
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (_invalid(given, key, Text.of(f"phải là một ánh xạ (khóa: giá trị), không phải {_kind(given).vi}",
                                             f"it must be a mapping (key: value), not {_kind(given).en}")),
                expected, _mapping_fix(slot, given, field), 1)
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return (_invalid(given, key, Text.of(f"phải là một danh sách, không phải {_kind(given).vi}",
                                             f"it must be a list, not {_kind(given).en}")),
                expected, Text.of(f"Viết {field}: [a, b], hoặc mỗi mục một dòng bắt đầu bằng '- '",
                                  f"Write {field}: [a, b], or one item a line starting with '- '"), 1)
    if kind == "string_type":
        fix = (Text.of(f"Đặt giá trị trong dấu nháy: {field}: \"{shown(given)}\"",
                       f"Put the value in quotes: {field}: \"{shown(given)}\"")
               if not isinstance(given, (dict, list)) else schema_fix)
        return (_invalid(given, key, Text.of(f"phải là văn bản, không phải {_kind(given).vi}",
                                             f"it must be text, not {_kind(given).en}")), expected, fix, 1)
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        return (Text.of(f"{shown(given)} không phải một số nguyên ({key})",
                        f"{shown(given)} is not a whole number ({key})"), expected,
                Text.of("Viết một số, ví dụ 5", "Write a number, e.g. 5"), 1)
    if kind in ("bool_type", "bool_parsing"):
        return (Text.of(f"{shown(given)} không phải true hoặc false ({key})",
                        f"{shown(given)} is not true or false ({key})"), expected,
                Text.of(f"Viết {field}: true hoặc {field}: false", f"Write {field}: true or {field}: false"), 1)
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return _length(kind, err.get("ctx", {}), key, given), expected, schema_fix, 1
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _invalid(given, key, Text.of("ngoài khoảng cho phép", "out of the allowed range")), expected, \
            schema_fix, 1
    if kind == "string_pattern_mismatch" and slot.name in _LEVELS:
        what, level_fix = translate("", slot.name, given)
        return what, expected, level_fix or schema_fix, 1
    if kind == "value_error":
        what, own_fix = translate(_validator_message(err), slot.name, given)
        if own_fix is None:  # a check of its own the table does not know: the schema says the rest
            expected = Text.of(f"{expected.vi} (xem quyche schema)", f"{expected.en} (see quyche schema)")
        expected = expected_of(_validator_message(err)) or expected
        return what, expected, own_fix or schema_fix, 1
    if kind == "string_pattern_mismatch":
        return _invalid(given, key), expected, schema_fix, 1
    detail = printable(str(err.get("msg", "")))[:300] if kind not in _PYDANTIC_OWN else ""
    return _invalid(given, key, Text.of(detail, detail) if detail else None), expected, schema_fix, 1


#: error kinds whose message is pydantic's own words: never echoed
_PYDANTIC_OWN = frozenset({
    "missing", "extra_forbidden", "union_tag_invalid", "union_tag_not_found", "is_instance_of", "no_such_attribute",
    "frozen_instance", "frozen_field", "finite_number", "multiple_of", "decimal_type", "decimal_parsing",
    "bytes_type", "url_type", "url_parsing", "uuid_type", "uuid_parsing", "json_invalid", "json_type", "set_type",
    "frozen_set_type", "callable_type", "none_required", "literal_error", "enum", "time_type", "time_parsing",
    "timedelta_type", "timedelta_parsing", "assertion_error", "model_type", "dict_type", "list_type", "tuple_type",
})


def _validator_message(err: dict[str, Any]) -> str:
    found = err.get("ctx", {}).get("error")
    return str(found) if found is not None else str(err.get("msg", "")).removeprefix("Value error, ")


def _literal_options(slot: Slot) -> list[object]:
    bare, _ = unwrap(slot.tp)
    if typing.get_origin(bare) is typing.Literal:
        return list(typing.get_args(bare))
    for arg in typing.get_args(bare):  # a union with a literal alternative ('all', 'none' or a list)
        inner, _ = unwrap(arg)
        if typing.get_origin(inner) is typing.Literal:
            return list(typing.get_args(inner))
    return []


def _length(kind: str, ctx: dict[str, Any], key: str, given: Any) -> Text:
    least, most = ctx.get("min_length"), ctx.get("max_length")
    why = {
        "string_too_short": ("không được để trống", "it may not be empty"),
        "string_too_long": (f"tối đa {most} ký tự", f"at most {most} characters"),
        "too_short": (f"cần ít nhất {least} mục", f"at least {least} item(s) needed"),
    }.get(kind, (f"tối đa {most} mục", f"at most {most} items"))
    return _invalid(given, key, Text.of(*why))


def _options(expected: str) -> list[str]:
    return [o.strip().strip("'\"") for o in expected.replace(" or ", ",").split(",") if o.strip()]
