"""Load amendment files, with the one reader, into models that know where each operation is written.

Besides what the model checks, every citation phrase an operation targets must read as a citation ("khoản 3
Điều 10"); one typed without its diacritics ("khoan 3 Dieu 10") gets the phrase it stands for as a suggestion.
All the problems of a file are reported together. A file that does not exist is a usage error (exit 2): the
command was given a wrong path, the file itself has no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from quyche_rules.citations import CitationError, parse_citation
from quyche_rules.errors import LoadFailed, UsageError
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text, excerpt
from quyche_rules.loading.files import display_path, parse, problem_hit
from quyche_rules.loading.problems import Problem
from quyche_rules.loading.reader import DataPath, YamlProblem, read_bytes
from quyche_rules.loading.regulation import LoadedRegulation, load_regulation
from quyche_rules.loading.suggest import did_you_mean
from quyche_rules.model.amendment import AmendmentFile

__all__ = ["citation_problems", "load_amendment", "load_with_amendments", "parse_amendment", "restore_citation"]

#: the words of a citation phrase that carry diacritics (the keywords and the words between numbers)
_WORDS = ("Phần", "Chương", "Mục", "Điều", "khoản", "điểm", "các", "và", "hoặc", "đến", "từ", "này", "tiết")
_WORD = re.compile(r"[^\W\d_]{2,}")


def restore_citation(phrase: str) -> str | None:
    """Return ``phrase`` with its citation words spelt as the grammar reads them, when that makes it readable.

    ``khoan 3 Dieu 10`` gives ``khoản 3 Điều 10``; a phrase that still cannot be read, or that needed no change,
    gives ``None``.
    """
    restored = _WORD.sub(lambda m: did_you_mean(m.group(0), _WORDS, cutoff=0.85) or m.group(0), phrase)
    if restored == phrase:
        return None
    try:
        parse_citation(restored)
    except CitationError:
        return None
    return restored


def _targets(data: Any) -> Iterator[tuple[DataPath, str]]:
    """Yield the citation phrases the operations of an amendment's data target, with where each is written."""
    ops = data.get("operations") if isinstance(data, dict) else None
    for i, op in enumerate(ops if isinstance(ops, list) else []):
        if not isinstance(op, dict):
            continue
        for key in ("amend", "repeal"):
            if isinstance(op.get(key), str):
                yield ("operations", i, key), op[key]
        insert = op.get("insert")
        for key in ("after", "into"):
            if isinstance(insert, dict) and isinstance(insert.get(key), str):
                yield ("operations", i, "insert", key), insert[key]
        spec = op.get("replace_phrase")
        at = spec.get("at") if isinstance(spec, dict) else None
        for j, phrase in enumerate(at if isinstance(at, list) else []):
            if isinstance(phrase, str):
                yield ("operations", i, "replace_phrase", "at", j), phrase


def citation_problems(data: Any) -> list[Problem]:
    """Return a problem for every target phrase of an amendment's data that cannot be read as a citation.

    A phrase typed without its diacritics gets the phrase it stands for as a suggestion.
    """
    out = []
    for path, phrase in _targets(data):
        try:
            parse_citation(phrase)
        except CitationError as err:
            close = restore_citation(phrase)
            shown = excerpt(phrase, 80)
            if close is not None:
                what = Text.of(f"Không đọc được trích dẫn {shown}; có phải ý bạn là {close!r}?",
                               f"Cannot read the citation {shown}; did you mean {close!r}?")
                fix = Text.of(f"Viết {close!r} (có dấu tiếng Việt)", f"Write {close!r} (with its diacritics)")
            else:
                what = Text.of(f"Không đọc được trích dẫn {shown}: {err.what.vi}",
                               f"Cannot read the citation {shown}: {err.what.en}")
                if f"“{phrase}”" in err.what.en:  # the message quotes the phrase itself: say it once
                    what = Text.of(err.what.vi[:1].upper() + err.what.vi[1:],
                                   err.what.en[:1].upper() + err.what.en[1:])
                fix = err.fix or Text.of("Viết trích dẫn như trong văn bản, ví dụ khoản 3 Điều 10",
                                         "Write the citation as the text does, e.g. khoản 3 Điều 10")
            out.append(Problem(path, what, err.expected if close is None and err.expected is not None else Text.of(
                "một trích dẫn như “khoản 3 Điều 10” hoặc “các điểm a và b khoản 2 Điều 9”",
                "a citation such as “khoản 3 Điều 10” or “các điểm a và b khoản 2 Điều 9”"), fix, 1))
    return out


def parse_amendment(data: bytes, file: str) -> AmendmentFile:
    """Parse the bytes of an amendment file shown to the user as ``file``.

    Raises:
        LoadFailed: with QC001-QC006 for unreadable YAML, QC003 for schema violations and unreadable citations
            (every problem of the file).
    """
    problems: list[Hit] = []
    amendment = parse(data, AmendmentFile, file, Path(file).name, problems, more=citation_problems,
                      keys=(("amendment", "id"), ("amendment", "amends")))
    if amendment is None:
        raise LoadFailed(problems)
    return amendment


def load_amendment(path: Path) -> AmendmentFile:
    """Load the amendment file at ``path``.

    Raises:
        UsageError: there is no file at ``path`` (a wrong path on the command line).
        LoadFailed: when the file cannot be read (QC007) or loaded.
    """
    shown = display_path(path)
    if path.is_dir():
        raise UsageError(
            Text.of(f"{shown} là một thư mục, không phải tệp sửa đổi", f"{shown} is a folder, not an amendment file"),
            expected=Text.of("tệp YAML sửa đổi (amendment:, operations:)",
                             "an amendment YAML file (amendment:, operations:)"),
            fix=Text.of("Chỉ ra tệp sửa đổi; để so sánh hai thư mục dùng quyche diff CŨ MỚI",
                        "Name amendment files; to compare two folders use quyche diff OLD NEW"),
        )
    if not path.exists() and not path.is_symlink():
        raise UsageError(
            Text.of(f"Không tìm thấy tệp sửa đổi {shown}", f"Amendment file not found: {shown}"),
            expected=Text.of("đường dẫn tới một tệp sửa đổi có sẵn", "the path of an existing amendment file"),
            fix=Text.of("Kiểm tra đường dẫn; tạo bản dự thảo mới bằng quyche new amendment --base THƯ-MỤC -o TỆP",
                        "Check the path; start a new draft with quyche new amendment --base DIR -o FILE"),
        )
    try:
        data = read_bytes(path, shown=shown)
    except YamlProblem as problem:
        raise LoadFailed([problem_hit(problem, shown, path.name)]) from None
    return parse_amendment(data, shown)


def load_with_amendments(root: Path, paths: Sequence[Path]) -> tuple[LoadedRegulation, list[AmendmentFile]]:
    """Load a regulation folder and the amendment files applied to it, every problem of every file at once.

    Raises:
        UsageError: an amendment path names nothing, or a folder (checked before anything is read).
        LoadFailed: with what was found in the folder's files and in every amendment file.
    """
    for path in paths:
        if path.is_dir() or (not path.exists() and not path.is_symlink()):
            load_amendment(path)  # raises the usage error
    problems: list[Hit] = []
    loaded: LoadedRegulation | None = None
    try:
        loaded = load_regulation(root)
    except LoadFailed as failed:
        problems.extend(failed.hits)
    amendments: list[AmendmentFile] = []
    for path in paths:
        try:
            amendments.append(load_amendment(path))
        except LoadFailed as failed:
            problems.extend(failed.hits)
    if problems or loaded is None:
        raise LoadFailed(problems)
    return loaded, amendments
