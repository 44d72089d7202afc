"""Load check files with the one YAML reader, then validate their structure and each whole check.

A check file is read like every rule file (:mod:`quyche_rules.loading.reader`: regular files only, size and
depth caps, no tags or aliases, duplicate keys refused, NFC). Any problem is a
:class:`~quyche_rules.errors.ConfigError` at its file, line and column, saying what was expected and how to
fix it; a file with several problems names the first and counts the rest.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quyche_rules.errors import ConfigError
from quyche_rules.i18n import Text
from quyche_rules.lang.model import Check, CheckFile
from quyche_rules.lang.validate import FactContract, check_problems
from quyche_rules.loading.problems import Problem, validation_problems
from quyche_rules.loading.reader import Document, YamlProblem, parse_yaml, read_bytes

__all__ = ["check_schema", "load_checks", "parse_checks"]


def _error(source: str, doc: Document | None, problems: list[Problem]) -> ConfigError:
    """Return the error naming the first problem (in document order) and counting the others."""
    spans = doc.span if doc is not None else (lambda path: (1, 1, 1, 1))
    problems = sorted(problems, key=lambda p: (p.rank, *spans(p.path)[:2]))
    first, more = problems[0], len(problems) - 1
    line, column = spans(first.path)[:2]
    what = first.what if not more else Text.of(f"{first.what.vi} (và {more} lỗi khác)",
                                               f"{first.what.en} (and {more} more)")
    return ConfigError(what, expected=first.expected, fix=first.fix, file=source, line=line, column=column)


def _yaml_error(source: str, problem: YamlProblem) -> ConfigError:
    line, column = problem.span[:2] if problem.span is not None else (None, None)
    return ConfigError(problem.what, expected=problem.expected, fix=problem.fix, file=source, line=line,
                       column=column)


def _parse(
    data: bytes,
    source: str,
    known_fields: Mapping[str, set[str]] | FactContract | None,
    reserved: Mapping[str, str] | None = None,
) -> tuple[Check, ...]:
    try:
        doc = parse_yaml(data)
    except YamlProblem as problem:
        raise _yaml_error(source, problem) from None
    if not isinstance(doc.data, dict):
        raise _error(source, doc, [Problem(
            (), Text.of("Tệp kiểm tra phải là một khối có khóa «checks»",
                        "A check file must be a mapping with key «checks»"),
            Text.of("checks: [ ... ]", "checks: [ ... ]"),
            Text.of("bắt đầu tệp bằng «checks:»", "start the file with «checks:»"),
        )])
    try:
        parsed = CheckFile.model_validate(doc.data)
    except ValidationError as exc:
        raise _error(source, doc, validation_problems(exc, CheckFile, doc.data)) from None
    problems: list[Problem] = []
    seen: dict[str, dict[str, int]] = {"code": {}, "name": {}}
    taken = {name: code for code, name in (reserved or {}).items()}
    for i, check in enumerate(parsed.checks):
        problems.extend(check_problems(check, ("checks", i), known_fields))
        problems.extend(_reserved(check, i, reserved or {}, taken))
        for label, value in (("code", check.code), ("name", check.name)):
            first = seen[label].setdefault(value, i)
            if first != i:
                problems.append(Problem(
                    ("checks", i, label),
                    Text.of(f"«{value}» đã dùng cho kiểm tra thứ {first + 1}",
                            f"«{value}» is already used by check #{first + 1}"),
                    Text.of(f"mỗi kiểm tra có {label} riêng", f"each check has its own {label}"),
                    Text.of(f"đổi {label} của một trong hai kiểm tra", f"change the {label} of one of the two checks"),
                ))
    if problems:
        raise _error(source, doc, problems)
    return parsed.checks


def _reserved(check: Check, i: int, reserved: Mapping[str, str], taken: Mapping[str, str]) -> list[Problem]:
    """Return the problems of a check that takes a built-in check's code or name."""
    problems = []
    for label, value, owner in (("code", check.code, reserved.get(check.code)),
                                ("name", check.name, taken.get(check.name))):
        if owner is not None:
            problems.append(Problem(
                ("checks", i, label),
                Text.of(f"«{value}» là {label} của một kiểm tra có sẵn ({owner})",
                        f"«{value}» is the {label} of a built-in check ({owner})"),
                Text.of(f"một {label} riêng của quy chế" + (", ví dụ QC901" if label == "code" else ""),
                        f"a {label} of the regulation's own" + (", e.g. QC901" if label == "code" else "")),
                Text.of(f"đổi {label}: kiểm tra của quy chế không thay được kiểm tra có sẵn "
                        "(để tắt kiểm tra có sẵn, dùng ignore trong quyche.toml)",
                        f"change the {label}: a regulation's check cannot replace a built-in one "
                        "(to turn a built-in check off, use ignore in quyche.toml)"),
            ))
    return problems


def parse_checks(
    text: str,
    *,
    source: str,
    known_fields: Mapping[str, set[str]] | FactContract | None = None,
    reserved: Mapping[str, str] | None = None,
) -> tuple[Check, ...]:
    """Parse and validate the YAML text of a check file.

    Args:
        text: the YAML text (``checks: [...]``).
        source: the file name used in diagnostics.
        known_fields: the facts' contract (or kind -> field names): unknown kinds and fields become errors,
            and ``relies_on`` must name the derived kinds and fields each check uses.
        reserved: code -> name of the checks the file may not declare again (the built-in ones).

    Returns:
        The checks, in file order.

    Raises:
        ConfigError: the text is not a valid check file (with file, line, what, expected and fix).
    """
    return _parse(text.encode("utf-8", "surrogatepass"), source, known_fields, reserved)


def load_checks(
    path_or_text: str | os.PathLike[str],
    *,
    source: str,
    known_fields: Mapping[str, set[str]] | FactContract | None = None,
    reserved: Mapping[str, str] | None = None,
) -> tuple[Check, ...]:
    """Load a check file from a path or from YAML text.

    Args:
        path_or_text: a :class:`os.PathLike` (read as UTF-8), or the YAML text itself. A ``str``
            without a newline that ends in ``.yaml``/``.yml`` and names an existing file is read as a
            path; any other ``str`` is YAML text.
        source: the file name used in diagnostics.
        known_fields: the facts' contract (or kind -> field names): unknown kinds and fields become errors,
            and ``relies_on`` must name the derived kinds and fields each check uses.
        reserved: code -> name of the checks the file may not declare again (the built-in ones).

    Returns:
        The checks, in file order.

    Raises:
        ConfigError: unreadable file or invalid check file.
    """
    if isinstance(path_or_text, str) and not (
        "\n" not in path_or_text and path_or_text.endswith((".yaml", ".yml")) and os.path.isfile(path_or_text)
    ):
        return parse_checks(path_or_text, source=source, known_fields=known_fields, reserved=reserved)
    try:
        data = read_bytes(Path(path_or_text), shown=source)
    except YamlProblem as problem:
        raise _yaml_error(source, problem) from None
    return _parse(data, source, known_fields, reserved)


def check_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a check file."""
    from quyche_rules.model.docstrings import DocumentedSchema  # lazy: pydantic's schema generator

    schema = CheckFile.model_json_schema(by_alias=True, schema_generator=DocumentedSchema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quyche-rules check file"
    return schema
