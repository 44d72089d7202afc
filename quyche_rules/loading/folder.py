"""Load a whole regulation folder into one validated model; every object knows its file and line."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from quyche_rules.errors import LoadFailed, UsageError
from quyche_rules.findings import Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Text
from quyche_rules.loading.diagnostics import problem_finding, validation_findings
from quyche_rules.loading.yamlsafe import Positions, YamlProblem, load_yaml
from quyche_rules.model import ActorsFile, Article, Regulation, RegulationMeta, TasksFile
from quyche_rules.model.base import Model

__all__ = ["LoadedRegulation", "display_path", "find_regulations", "load_regulation"]

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


def attach_locations(obj: Any, positions: Positions, path: tuple[str | int, ...], file: str) -> None:
    """Record on every model inside ``obj`` the file and line it was written at."""
    if isinstance(obj, Model):
        line, column = positions.get(path) or positions.get((), (1, 1))
        obj.__pydantic_private__["_loc"] = (file, line, column)  # type: ignore[index]  # see Model.loc
        values = obj.__dict__
        for name, key in _keys(type(obj)):
            value = values[name]
            if isinstance(value, (Model, tuple)):
                attach_locations(value, positions, (*path, key), file)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            if isinstance(item, (Model, tuple)):
                attach_locations(item, positions, (*path, i), file)


def _read(path: Path, model: type[M], label: str, problems: list[Finding]) -> M | None:
    shown = display_path(path)
    try:
        data, positions = load_yaml(path.read_bytes())
    except YamlProblem as problem:
        problems.append(problem_finding(problem, shown, label))
        return None
    except OSError as exc:
        problems.append(_missing(shown, label, str(exc)))
        return None
    if data is None:
        data = {}
    try:
        obj = model.model_validate(data)
    except ValidationError as err:
        problems.extend(validation_findings(err, model, data, positions, shown, label))
        return None
    attach_locations(obj, positions, (), shown)
    return obj


def _missing(file: str, label: str, detail: str) -> Finding:
    location = Location(file=file)
    return Finding(
        code="QC007", name="missing-file", severity=Severity.ERROR,
        message=Text.of(f"Không đọc được tệp {file}: {detail}", f"Cannot read {file}: {detail}"),
        location=location, provisions=(ProvisionRef(citation=label, location=location),),
        fix=Text.of("Tạo tệp này hoặc kiểm tra quyền đọc", "Create the file or check its permissions"),
    )


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
    problems: list[Finding] = []
    meta = _read(root / "regulation.yaml", RegulationMeta, "regulation.yaml", problems)
    actors = _read(root / "actors.yaml", ActorsFile, "actors.yaml", problems)
    tasks_path = root / "tasks.yaml"
    tasks = _read(tasks_path, TasksFile, "tasks.yaml", problems) if tasks_path.exists() else TasksFile()
    articles: list[Article] = []
    for path in sorted((root / "articles").glob("*.y*ml")):
        article = _read(path, Article, path.stem, problems)
        if article is not None:
            articles.append(article)
    if problems or meta is None or actors is None or tasks is None:
        raise LoadFailed(problems or [_missing(display_path(root), "regulation", "incomplete")])
    # document order; two files with the same number (QC011) are ordered by content, never by file name
    counts = Counter(a.article for a in articles)
    articles.sort(key=lambda a: (a.article_key, a.model_dump_json() if counts[a.article] > 1 else ""))
    regulation = Regulation(
        meta=meta, actors=actors.actors, fields=tasks.fields, tasks=tasks.tasks,
        document_types=tasks.document_types, articles=tuple(articles),
    )
    checks = root / "checks.yaml"
    return LoadedRegulation(regulation, root, checks if checks.is_file() else None)
