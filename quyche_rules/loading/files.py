"""Load rule files into validated models that know where they were written: a regulation folder.

Every file is read by :mod:`quyche_rules.loading.reader` and validated by its pydantic model; every model object
remembers its file and span (:attr:`quyche_rules.model.base.Model.loc`). What cannot be loaded is reported as
hits (QC001-QC007), all files at once, in :class:`~quyche_rules.errors.LoadFailed`.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from quyche_rules.errors import LoadFailed, UsageError
from quyche_rules.findings import Hit, Location, ProvisionRef
from quyche_rules.i18n import Text
from quyche_rules.loading.problems import validation_problems
from quyche_rules.loading.reader import (
    MAX_REGULATION_BYTES,
    DataPath,
    Span,
    Spans,
    YamlProblem,
    parse_yaml,
    read_bytes,
)
from quyche_rules.model import ActorsFile, Article, Regulation, RegulationMeta, TasksFile
from quyche_rules.model.base import Model

__all__ = [
    "PRODUCES", "Budget", "LoadedRegulation", "display_path", "find_regulations", "load_regulation", "parse", "read",
]

#: the check codes whose findings this module produces (the catalogue declares them)
PRODUCES = ("QC001", "QC002", "QC003", "QC004", "QC005", "QC006", "QC007")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedRegulation:
    """A regulation with the folder it came from and its regulation-specific checks file, if any."""

    regulation: Regulation
    root: Path
    checks_file: Path | None


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it, with forward slashes."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    if rel.startswith(".."):
        rel = str(path)
    return rel.replace(os.sep, "/")


_FIELD_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _keys(cls: type[Model]) -> tuple[tuple[str, str], ...]:
    keys = _FIELD_KEYS.get(cls)
    if keys is None:
        keys = _FIELD_KEYS[cls] = tuple((name, f.alias or name) for name, f in cls.model_fields.items())
    return keys


def attach_locations(obj: Any, spans: Spans, path: DataPath, file: str) -> None:
    """Record on every model inside ``obj`` the file and span it was written at."""
    if isinstance(obj, Model):
        span = spans.get(path) or spans.get((), (1, 1, 1, 1))
        obj.__pydantic_private__["_loc"] = (file, *span)  # type: ignore[index]  # see Model.loc
        values = obj.__dict__
        for name, key in _keys(type(obj)):
            value = values[name]
            if isinstance(value, (Model, tuple)):
                attach_locations(value, spans, (*path, key), file)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            if isinstance(item, (Model, tuple)):
                attach_locations(item, spans, (*path, i), file)


def _location(file: str, span: Span | None) -> Location:
    if span is None:  # the file as a whole
        return Location(file=file)
    return Location(file=file, line=span[0], column=span[1], end_line=span[2], end_column=span[3])


def _hit(code: str, file: str, label: str, span: Span | None, what: Text, expected: Text, fix: Text) -> Hit:
    at = _location(file, span)
    return Hit((ProvisionRef(citation=label, location=at),), values={"what": what, "expected": expected}, at=at,
               fix=fix, code=code)


def problem_hit(problem: YamlProblem, file: str, label: str) -> Hit:
    return _hit(problem.code, file, label, problem.span, problem.what, problem.expected, problem.fix)


def parse(data: bytes, model: type[M], file: str, label: str, problems: list[Hit]) -> M | None:
    """Parse and validate the bytes of one file shown as ``file``; on failure add its problems and return None."""
    try:
        doc = parse_yaml(data)
    except YamlProblem as problem:
        problems.append(problem_hit(problem, file, label))
        return None
    raw = {} if doc.data is None else doc.data
    try:
        obj = model.model_validate(raw)
    except ValidationError as err:
        problems.extend(_hit("QC003", file, label, doc.span(p.path), p.what, p.expected, p.fix)
                        for p in validation_problems(err, model, raw))
        return None
    attach_locations(obj, doc.spans, (), file)
    return obj


class Budget:
    """The bytes the files of one regulation may still take (:data:`MAX_REGULATION_BYTES` in all)."""

    def __init__(self, total: int = MAX_REGULATION_BYTES) -> None:
        self.total = total
        self.left = total

    def spend(self, size: int, shown: str, label: str, problems: list[Hit]) -> bool:
        """Take ``size`` bytes; when they are not left, add a QC005 at ``shown`` (once) and return False."""
        if size <= self.left:
            self.left -= size
            return True
        if self.left >= 0:
            problems.append(_hit(
                "QC005", shown, label, None,
                Text.of(f"Các tệp của quy chế vượt quá {self.total:,} byte (tính đến {shown})",
                        f"The regulation's files exceed {self.total:,} bytes (counting up to {shown})"),
                Text.of(f"tổng cộng tối đa {self.total:,} byte", f"at most {self.total:,} bytes in all"),
                Text.of("Tách quy chế, hoặc bỏ các tệp không thuộc quy chế khỏi thư mục",
                        "Split the regulation, or move files that are not part of it out of its folder"),
            ))
        self.left = -1
        return False


def read(
    path: Path, model: type[M], label: str, problems: list[Hit], *, within: Path | None = None,
    budget: Budget | None = None,
) -> M | None:
    """Read and validate one file; on failure add its problems and return None.

    ``within``: the folder the file must lie in once symbolic links are followed (its regulation's folder), so a
    link to a file elsewhere (``/etc/passwd``, a ``.env``) is refused and never echoed. ``budget``: the bytes the
    regulation's files may still take; a file past it is not parsed.
    """
    shown = display_path(path)
    if within is not None and not path.resolve().is_relative_to(within):
        problems.append(_hit(
            "QC007", shown, label, None,
            Text.of(f"{shown} là liên kết tới một tệp nằm ngoài thư mục quy chế",
                    f"{shown} links to a file outside the regulation's folder"),
            Text.of("tệp nằm trong thư mục quy chế", "a file inside the regulation's folder"),
            Text.of("Thay liên kết bằng chính tệp, đặt trong thư mục quy chế",
                    "Replace the link with the file itself, inside the regulation's folder"),
        ))
        return None
    try:
        data = read_bytes(path, shown=shown)
    except YamlProblem as problem:
        problems.append(problem_hit(problem, shown, label))
        return None
    if budget is not None and not budget.spend(len(data), shown, label, problems):
        return None
    return parse(data, model, shown, label, problems)


def _article_files(root: Path, problems: list[Hit]) -> list[Path]:
    """Return the article files of a regulation; a missing, unreadable or empty ``articles/`` is a QC007."""
    folder = root / "articles"
    shown = display_path(folder)
    why: tuple[str, str] | None = None
    files: list[Path] = []
    if not folder.is_dir():
        why = ("không có thư mục articles/", "there is no articles/ folder")
    else:
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
        except OSError as exc:
            why = (f"không đọc được thư mục articles/ ({exc.strerror})", f"cannot read articles/ ({exc.strerror})")
        else:
            if not files:
                why = ("thư mục articles/ không có tệp điều nào", "articles/ holds no article file")
    if why is not None:
        problems.append(_hit(
            "QC007", shown, "articles", None, Text.of(f"{shown}: {why[0]}", f"{shown}: {why[1]}"),
            Text.of("thư mục articles/ với mỗi điều một tệp (dieu-01.yaml…)",
                    "an articles/ folder with one file per article (dieu-01.yaml…)"),
            Text.of("Tạo thư mục articles/ và các tệp điều, hoặc kiểm tra quyền đọc",
                    "Create articles/ and the article files, or check the permissions"),
        ))
    return files


def find_regulations(path: Path) -> list[Path]:
    """Return the regulation folders at or directly below ``path`` (folders holding ``regulation.yaml``)."""
    if not path.exists():
        raise UsageError(
            Text.of(f"Không tìm thấy đường dẫn {path}", f"Path not found: {path}"),
            fix=Text.of("Chỉ ra thư mục quy chế (mặc định rules/)", "Name a regulation folder (default rules/)"),
        )
    if path.is_file():
        path = path.parent
    if (path / "regulation.yaml").is_file():
        return [path]
    found = sorted(p.parent for p in path.glob("*/regulation.yaml"))
    if not found:
        raise UsageError(
            Text.of(f"{path} không chứa quy chế nào (không có regulation.yaml)",
                    f"{path} holds no regulation (no regulation.yaml)"),
            expected=Text.of("một thư mục có regulation.yaml, actors.yaml, tasks.yaml, articles/",
                             "a folder with regulation.yaml, actors.yaml, tasks.yaml, articles/"),
            fix=Text.of("Chỉ ra thư mục quy chế, ví dụ rules/ubdt-2017",
                        "Name a regulation folder, e.g. rules/ubdt-2017"),
        )
    return found


def load_regulation(root: Path) -> LoadedRegulation:
    """Load ``root`` (a folder with ``regulation.yaml``) into one model.

    Raises:
        LoadFailed: with every problem found in every file, when any file cannot be loaded.
    """
    problems: list[Hit] = []
    real = root.resolve()
    budget = Budget()
    meta = read(root / "regulation.yaml", RegulationMeta, "regulation.yaml", problems, within=real, budget=budget)
    actors = read(root / "actors.yaml", ActorsFile, "actors.yaml", problems, within=real, budget=budget)
    tasks_path = root / "tasks.yaml"
    tasks = (read(tasks_path, TasksFile, "tasks.yaml", problems, within=real, budget=budget) if tasks_path.exists()
             else TasksFile())
    articles: list[Article] = []
    for path in _article_files(root, problems):
        if budget.left < 0:
            break
        article = read(path, Article, path.stem, problems, within=real, budget=budget)
        if article is not None:
            articles.append(article)
    if problems or meta is None or actors is None or tasks is None:
        raise LoadFailed(problems)
    # document order; two files with the same number (QC011) are ordered by content, never by file name
    counts = Counter(a.article for a in articles)
    articles.sort(key=lambda a: (a.article_key, a.model_dump_json() if counts[a.article] > 1 else ""))
    regulation = Regulation(
        meta=meta, actors=actors.actors, fields=tasks.fields, tasks=tasks.tasks,
        document_types=tasks.document_types, articles=tuple(articles),
    )
    checks = root / "checks.yaml"
    return LoadedRegulation(regulation, root, checks if checks.is_file() else None)
