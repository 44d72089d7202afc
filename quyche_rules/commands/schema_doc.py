"""``quyche schema KIND [--format json|markdown]``: the JSON Schema of a kind of rule file, or a readable reference.

The Markdown reference is generated from the models: one section per mapping, at the keys where it is written
(``amendment.instrument``, ``operations[].merge``), each key with whether it is required, what it takes in the
user's words (:func:`quyche_rules.loading.expected.describe`, the words load errors use) and its description.
"""

from __future__ import annotations

import argparse
from collections import deque
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from quyche_rules.commands.info import schema as json_schema
from quyche_rules.commands.settings import emit
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.lang import ChecksFile
from quyche_rules.loading.expected import describe, field_type, fields_of, tags_of, unwrap
from quyche_rules.model import ActorsFile, Article, RegulationMeta, TasksFile
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.model.calendar import CalendarFile
from quyche_rules.model.docstrings import field_docstrings

__all__ = ["markdown", "run"]

_MODELS: dict[str, type[BaseModel]] = {
    "regulation": RegulationMeta, "actors": ActorsFile, "tasks": TasksFile, "article": Article,
    "checks": ChecksFile, "amendment": AmendmentFile, "calendar": CalendarFile,
}
_FILES = {"regulation": "regulation.yaml", "actors": "actors.yaml", "tasks": "tasks.yaml",
          "article": "articles/dieu-NN.yaml", "checks": "checks.yaml", "amendment": "sua-doi.yaml",
          "calendar": "calendar.yaml"}
_TITLE = Text.of("# Định dạng tệp {file} ({kind})", "# The {file} format ({kind})")
_INTRO = Text.of(
    "Sinh từ các mô hình của quyche-rules (`quyche schema {kind}` cho JSON Schema). Mô tả các khóa bằng tiếng Anh.",
    "Generated from quyche-rules' models (`quyche schema {kind}` for the JSON Schema).")
_HEAD = Text.of("| Khóa | Bắt buộc | Giá trị | Mô tả |", "| Key | Required | Value | Description |")
_ONE_OF = Text.of("Mỗi mục là một ánh xạ với đúng một trong các khóa sau:",
                  "Each item is a mapping with exactly one of these keys:")
_TOP = Text.of("(gốc của tệp)", "(the file's top level)")
_YES, _NO = Text.of("có", "yes"), Text.of("không", "no")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _nested(tp: Any) -> list[tuple[Any, str]]:
    """Return the mappings and tagged unions inside a field's type, each with the suffix of its key path."""
    bare, _ = unwrap(tp)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return [(bare, "")]
    if tags_of(bare):
        return [(tp, "")]
    out: list[tuple[Any, str]] = []
    args: tuple[Any, ...] = getattr(bare, "__args__", ())
    origin = getattr(bare, "__origin__", None)
    if origin in (tuple, list) and args:
        return [(t, "[]" + s) for t, s in _nested(args[0])]
    if origin is dict and len(args) == 2:
        return [(t, ".KEY" + s) for t, s in _nested(args[-1])]
    for arg in args:
        out.extend(_nested(arg))
    return out


def _described(model: Any, info: FieldInfo | None, key: str) -> str:
    """Return a field's description: the one it declares, or the docstring written under it."""
    if info is None:
        return ""
    if info.description:
        return info.description
    name = next((n for n, f in model.model_fields.items() if f is info), key)
    return field_docstrings(model).get(name, "")


def markdown(kind: str, lang: Lang) -> str:
    """Return the Markdown reference of the rule file ``kind``."""
    lines = [_TITLE.fill({"file": _FILES[kind], "kind": kind}).get(lang), "", _INTRO.fill({"kind": kind}).get(lang)]
    queue: deque[tuple[Any, str]] = deque([(_MODELS[kind], "")])
    seen: set[int] = set()
    while queue:
        tp, path = queue.popleft()
        if id(tp) in seen:
            continue
        seen.add(id(tp))
        tags = tags_of(tp)
        heading = f"## `{path}`" if path else f"## {_TOP.get(lang)}"
        if tags:
            lines += ["", heading, "", _ONE_OF.get(lang), "", _HEAD.get(lang), "|---|---|---|---|"]
            for tag, wrapper in tags.items():
                fields = fields_of(wrapper)
                info = fields.get(tag)
                doc = _described(wrapper, info, tag) or (wrapper.__doc__ or "")
                lines.append(f"| `{tag}` | — | {_cell(describe(field_type(info) if info else wrapper, tag).get(lang))}"
                             f" | {_cell(doc)} |")
                if len(fields) == 1 and info is not None:
                    queue.extend((t, f"{path}.{tag}{s}") for t, s in _nested(info.annotation))
                else:
                    queue.append((wrapper, f"{path} ({tag})"))
            continue
        model: type[BaseModel] = tp
        doc = (model.__doc__ or "").strip().split("\n\n")[0]
        lines += ["", heading, "", _cell(doc), "", _HEAD.get(lang), "|---|---|---|---|"]
        for key, info in fields_of(model).items():
            shown = describe(field_type(info), key)
            required = (_YES if info.is_required() else _NO).get(lang)
            lines.append(f"| `{key}` | {required} | {_cell(shown.get(lang))} | {_cell(_described(model, info, key))} |")
            queue.extend((t, f"{path}.{key}{s}".lstrip(".")) for t, s in _nested(info.annotation))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Print the JSON Schema (``--format json``) or the Markdown reference of a kind of rule file."""
    if getattr(args, "format", "json") != "markdown":
        return json_schema(args, lang)
    if args.kind not in _MODELS:
        raise UsageError(
            Text.of(f"Không có lược đồ {args.kind!r}", f"No schema named {args.kind!r}"),
            expected=Text.of(", ".join(_MODELS), ", ".join(_MODELS)),
            fix=Text.of("Chọn một loại tệp ở trên", "Pick one of the kinds above"),
        )
    emit(markdown(args.kind, lang))
    return 0
