"""What a key of a rule file expects, in the user's words: never a Python or pydantic type name.

:func:`slot_at` follows a pydantic error's location through the models to the field it is about (and says where
an alternative of a union begins); :func:`describe` says what that field takes: "a date written YYYY-MM-DD,
e.g. 2025-06-15", "'all', 'none' or a list of task ids", "a mapping {id: …, name: …}".
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import AfterValidator, BaseModel, Discriminator
from pydantic.fields import FieldInfo

from quyche_rules.i18n import Text

__all__ = [
    "DATE", "Slot", "describe", "field_type", "fields_of", "id_kind", "mapping_keys", "slot_at", "tags_of", "unwrap",
]

DATE = Text.of("một ngày viết dạng YYYY-MM-DD, ví dụ 2025-06-15", "a date written YYYY-MM-DD, e.g. 2025-06-15")

#: what the ids a key holds are ids of, by key (vi, en, an example)
_ID_KINDS: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(("task", "tasks", "takes_over"), ("nhiệm vụ", "task", "ke-hoach-nam")),
    **dict.fromkeys(("holder", "actor", "actors", "parent", "successor", "members", "body", "lead", "cooperating",
                     "absent", "substitute", "fallback", "accountable_to", "casting", "without_vote"),
                    ("chủ thể", "actor", "vu-phap-che")),
    **dict.fromkeys(("field", "fields"), ("lĩnh vực", "field", "linh-vuc-a")),
    "document_types": ("loại văn bản", "document type", "giay-moi-hop"),
    "legal_bases": ("văn bản trong danh mục luật", "law-catalogue", "nd-30-2020"),
}
_PATTERNS: dict[str, Text] = {
    r"^\d+[a-z]?$": Text.of("một số như 1, hoặc 4a cho phần bổ sung", "a number such as 1, or 4a for one inserted"),
    r"^[IVXL]+$": Text.of("một số La Mã như II", "a Roman numeral such as II"),
    r"^[abcdđeghiklmnopqrstuvxy][0-9]*$": Text.of(
        "một chữ cái của điểm: a, b, c, d, đ, e, g, h, i, k… (a1 cho điểm bổ sung)",
        "a point letter: a, b, c, d, đ, e, g, h, i, k… (a1 for an inserted point)"),
    r"^(\d+/\d+|majority|all)$": Text.of("một phân số như 2/3, hoặc majority, hoặc all",
                                         "a fraction such as 2/3, or majority, or all"),
    r"^\d\d-\d\d$": Text.of("một ngày trong năm dạng MM-DD, ví dụ 11-15", "a day of the year MM-DD, e.g. 11-15"),
}


@dataclass(frozen=True)
class Slot:
    """Where a pydantic error's location leads: the type there, the last key named, and a union's alternative.

    ``member_at`` is the index in the location of a union alternative's name (not a key of the data), when the
    walk stopped at a union whose alternatives pydantic tried one by one.
    """

    tp: Any
    name: str
    member_at: int | None = None


def unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Return ``tp`` without ``Annotated`` and ``None`` alternatives, and the metadata found on the way."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            parts = typing.get_args(tp)
            tp = parts[0]
            for m in parts[1:]:
                meta.extend([m, *m.metadata] if isinstance(m, FieldInfo) else [m])
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp, meta
            tp = args[0]
        else:
            return tp, meta


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def fields_of(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """Return a model's fields by the key written in a file (the alias where there is one)."""
    return {f.alias or n: f for n, f in model.model_fields.items()}


def field_type(info: FieldInfo) -> Any:
    """Return a field's type with its constraints (``Annotated``), as written in the model."""
    ann = info.annotation
    return typing.Annotated[ann, *info.metadata] if info.metadata else ann


def tags_of(tp: Any) -> dict[str, Any]:
    """Return the alternatives of a tagged union by tag ("merge", "duty"), empty for any other type."""
    out: dict[str, Any] = {}
    for arg in typing.get_args(unwrap(tp)[0]):
        if typing.get_origin(arg) is typing.Annotated:
            tag = next((m.tag for m in typing.get_args(arg)[1:] if hasattr(m, "tag")), None)
            if tag is not None:
                out[tag] = typing.get_args(arg)[0]
    return out


def slot_at(root: type[BaseModel], loc: typing.Sequence[str | int]) -> Slot:
    """Follow ``loc`` (a pydantic error's location) from ``root`` to the type it names."""
    tp: Any = root
    name = ""
    for i, part in enumerate(loc):
        bare, _ = unwrap(tp)
        if _is_model(bare):
            fields = fields_of(bare)
            if isinstance(part, str) and part in fields:
                tp, name = field_type(fields[part]), part
        elif typing.get_origin(bare) in (tuple, list) and isinstance(part, int):
            tp = typing.get_args(bare)[0]
        elif typing.get_origin(bare) is dict:
            tp = typing.get_args(bare)[1]
        elif _is_union(bare):
            tags = tags_of(bare)
            if isinstance(part, str) and part in tags:
                tp = tags[part]
                continue
            return Slot(tp, name, i)
    return Slot(tp, name)


def id_kind(name: str) -> tuple[str, str, str] | None:
    """Return what the ids under the key ``name`` are ids of (vi, en, an example), if the key says."""
    return _ID_KINDS.get(name)


def _ids(name: str, many: bool) -> Text:
    vi, en, example = _ID_KINDS.get(name, ("", "", "vu-phap-che"))
    how = Text.of("chữ thường không dấu, chữ số và dấu gạch nối", "lower-case ASCII letters, digits and hyphens")
    if many:
        return Text.of(f"một danh sách mã {vi}".replace("  ", " ").rstrip() + f" ({how.vi}), ví dụ [{example}]",
                       f"a list of {en + ' ' if en else ''}ids ({how.en}), e.g. [{example}]")
    return Text.of(f"một mã {vi}".rstrip() + f" ({how.vi}), ví dụ {example}",
                   f"{'an' if not en or en[0] in 'aeiou' else 'a'} {en + ' ' if en else ''}id ({how.en}), "
                   f"e.g. {example}")


def _is_slug(meta: list[Any]) -> bool:
    return any(isinstance(m, AfterValidator) and getattr(m.func, "__name__", "") == "_check_slug" for m in meta)


def mapping_keys(model: type[BaseModel]) -> str:
    """Return the shape of a model's mapping in a file: ``{id: …, name: …}`` (its required keys, at least two).

    A model whose keys are all optional is shown with all of them (at most eight): ``{after: …, into: …, …}``.
    """
    fields = fields_of(model)
    required = [k for k, f in fields.items() if f.is_required()]
    if not required:
        keys = list(fields)
        return "{" + ", ".join(f"{k}: …" for k in keys[:8]) + (", …" if len(keys) > 8 else "") + "}"
    shown = required + [k for k in fields if k not in required][: max(0, 2 - len(required))]
    return "{" + ", ".join(f"{k}: …" for k in fields if k in shown) + "}"


def _bounds(meta: list[Any]) -> tuple[str, str]:
    lo = next((m.ge for m in meta if hasattr(m, "ge")), None)
    hi = next((m.le for m in meta if hasattr(m, "le")), None)
    if lo is not None and hi is not None:
        return f" từ {lo} đến {hi}", f" from {lo} to {hi}"
    if lo is not None:
        return f" từ {lo} trở lên", f" of {lo} or more"
    return "", ""


def _text(meta: list[Any]) -> Text:
    pattern = next((m.pattern for m in meta if getattr(m, "pattern", None)), None)
    if pattern is not None:
        return _PATTERNS.get(pattern, Text.of("văn bản đúng dạng trong lược đồ (quyche schema)",
                                              "text of the form the schema gives (quyche schema)"))
    most = next((m.max_length for m in meta if getattr(m, "max_length", None)), None)
    empty = any(getattr(m, "min_length", 0) for m in meta)
    vi, en = "văn bản" + (" không để trống" if empty else ""), "text" + (", not empty" if empty else "")
    if most is not None:
        vi, en = f"{vi}, tối đa {most} ký tự", f"{en}, at most {most} characters"
    return Text.of(vi, en)


def describe(tp: Any, name: str = "") -> Text:
    """Say what a value of type ``tp`` under the key ``name`` is, in both languages, with an example."""
    bare, meta = unwrap(tp)
    if _is_slug(meta):
        return _ids(name, many=False)
    if bare is dt.date:
        return DATE
    if bare is bool:
        return Text.of("true hoặc false", "true or false")
    if bare is int:
        vi, en = _bounds(meta)
        return Text.of(f"một số nguyên{vi}", f"a whole number{en}")
    if bare is float:
        return Text.of("một số", "a number")
    if bare is str:
        return _text(meta)
    origin = typing.get_origin(bare)
    if origin is typing.Literal:
        options = ", ".join(repr(o) for o in typing.get_args(bare))
        return Text.of(f"một trong: {options}", f"one of: {options}")
    if _is_model(bare):
        keys = mapping_keys(bare)
        if not any(f.is_required() for f in fields_of(bare).values()):
            return Text.of(f"một ánh xạ với các khóa trong lược đồ: {keys}",
                           f"a mapping with keys from the schema: {keys}")
        return Text.of(f"một ánh xạ {keys}", f"a mapping {keys}")
    if origin in (tuple, list):
        _, item_meta = unwrap(typing.get_args(bare)[0])
        if _is_slug(item_meta):
            return _ids(name, many=True)
        inner = describe(typing.get_args(bare)[0], name)
        return Text.of(f"một danh sách, mỗi mục là {inner.vi}", f"a list, each item {inner.en}")
    if origin is dict:
        key, value = (describe(a) for a in typing.get_args(bare))
        return Text.of(f"một ánh xạ khóa: giá trị (khóa là {key.vi}; giá trị là {value.vi})",
                       f"a mapping of key: value (each key {key.en}; each value {value.en})")
    if _is_union(bare):
        tags = tags_of(bare)
        if tags and any(isinstance(m, Discriminator) for m in meta):
            keys = ", ".join(tags)
            return Text.of(f"một ánh xạ có đúng một trong các khóa: {keys}",
                           f"a mapping with exactly one of the keys: {keys}")
        parts = [describe(a, name) for a in typing.get_args(bare) if a is not type(None)]
        return Text.of(" hoặc ".join(p.vi for p in parts), " or ".join(p.en for p in parts))
    return Text.of("một giá trị đúng lược đồ (quyche schema)", "a value as the schema says (quyche schema)")
