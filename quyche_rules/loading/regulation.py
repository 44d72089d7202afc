"""Load a regulation folder (``regulation.yaml``, ``actors.yaml``, ``tasks.yaml``, ``articles/``) into one model.

A ``calendar.yaml`` beside them (the days off and working days the public calendar does not know) is read and
validated with them, and kept with the regulation for what counts its time limits (``quyche sheet``).

Every file is read by :func:`quyche_rules.loading.files.read`; what cannot be loaded is reported as hits
(QC001-QC007), all files at once, in :class:`~quyche_rules.errors.LoadFailed`.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_rules.errors import LoadFailed, UsageError
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.loading.ahead import ahead, receive
from quyche_rules.loading.files import (
    Budget,
    display_path,
    finished,
    hit_at,
    read,
    reusing_parses,
    sharing_parses,
)
from quyche_rules.model import ActorsFile, Article, Regulation, RegulationMeta, TasksFile, document_order

if TYPE_CHECKING:
    from quyche_rules.time.calendar import Override

__all__ = [
    "CHECKS_FILE", "LoadedRegulation", "checks_file", "effective_date", "find_regulations", "is_article_file",
    "load_regulation", "one_regulation",
]


@dataclass(frozen=True)
class LoadedRegulation:
    """A regulation with the folder it came from and its regulation-specific checks file, if any."""

    regulation: Regulation
    root: Path
    checks_file: Path | None
    calendar: Override | None = None
    """The days off and working days of its ``calendar.yaml``, if it has one."""


def is_article_file(parts: tuple[str, ...]) -> bool:
    """Tell whether a path inside a regulation folder, given by its ``parts``, is one of its article files.

    A YAML file (``.yaml`` or ``.yml``, in any case) under ``articles/``, in a folder of it too (a chapter kept in
    a folder of its own), unless it or a folder on the way is hidden (an editor's ``.dieu-03.yaml``).
    """
    return (len(parts) >= 2 and parts[0] == "articles" and parts[-1].lower().endswith((".yaml", ".yml"))
            and not any(part.startswith(".") for part in parts[1:]))


def _yaml_below(folder: Path) -> list[Path]:
    """Return the article files under ``articles/`` (see :func:`is_article_file`), folders' links not followed."""
    found: list[Path] = []

    def fail(exc: OSError) -> None:
        raise exc

    for top, subfolders, names in os.walk(folder, onerror=fail):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        inside = ("articles", *Path(top).relative_to(folder).parts)
        found.extend(Path(top) / n for n in names if is_article_file((*inside, n)))
    return sorted(found)


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
            files = _yaml_below(folder)
        except OSError as exc:
            why = (f"không đọc được thư mục articles/ ({exc.strerror})", f"cannot read articles/ ({exc.strerror})")
        else:
            if not files:
                why = ("thư mục articles/ không có tệp điều nào", "articles/ holds no article file")
    if why is not None:
        problems.append(hit_at(
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


def one_regulation(path: Path) -> Path:
    """Return the one regulation folder at or under ``path``; a usage error when there are none or several."""
    found = find_regulations(path)
    if len(found) != 1:
        raise UsageError(
            Text.of(
                f"{path} chứa {len(found)} quy chế; cần đúng một",
                f"{path} holds {len(found)} regulations; name exactly one",
            ),
            fix=Text.of(
                "Chỉ ra một thư mục quy chế, ví dụ rules/ubdt-2017",
                "Name one regulation folder, e.g. rules/ubdt-2017",
            ),
        )
    return found[0]


#: the file in a regulation folder that declares the regulation's own checks
CHECKS_FILE = "checks.yaml"


def checks_file(root: Path) -> Path | None:
    """Return the regulation's own check file (:data:`CHECKS_FILE` in its folder), if it has one."""
    checks = root / CHECKS_FILE
    return checks if checks.is_file() else None


def effective_date(root: Path) -> dt.date | None:
    """Return the effective date ``root``'s regulation.yaml states; None when it cannot be read (a load says why)."""
    meta = read(root / "regulation.yaml", RegulationMeta, "regulation.yaml", [], within=root.resolve())
    return meta.effective if meta is not None else None


def load_regulation(root: Path) -> LoadedRegulation:
    """Load ``root`` (a folder with ``regulation.yaml``) into one model.

    Raises:
        LoadFailed: with every problem found in every file, when any file cannot be loaded.
    """
    problems: list[Hit] = []
    reusing = reusing_parses()  # (asked before this version's own files are kept)
    real = root.resolve()
    budget = Budget()
    listed: list[Hit] = []  # (reported after the problems of the three files read first, as they are read)
    paths = _article_files(root, listed)
    # a large regulation's later files are parsed beside meanwhile, unless most are known (the second version of a diff)
    # (the models come back, unless the parses are kept for another version: then the documents do)
    finish = None if sharing_parses() else finished(Article)
    articles: list[Article] = []
    tasks_path = root / "tasks.yaml"
    first = (root / "regulation.yaml", root / "actors.yaml", tasks_path)
    with nullcontext(None) if reusing else ahead(paths, real, finish, first) as beside_from:
        meta = read(root / "regulation.yaml", RegulationMeta, "regulation.yaml", problems, within=real, budget=budget)
        actors = read(root / "actors.yaml", ActorsFile, "actors.yaml", problems, within=real, budget=budget)
        tasks = (read(tasks_path, TasksFile, "tasks.yaml", problems, within=real, budget=budget)
                 if tasks_path.exists() else TasksFile())
        calendar = _calendar(root, problems, within=real, budget=budget)
        problems += listed
        for path in paths:
            if budget.left < 0:
                break
            if path == beside_from:
                receive()
            article = read(path, Article, path.stem, problems, within=real, budget=budget)
            if article is not None:
                articles.append(article)
    if problems or meta is None or actors is None or tasks is None:
        raise LoadFailed(problems)
    regulation = Regulation(  # two files with the same number (QC011) are ordered by content, never by file name
        meta=meta, actors=actors.actors, fields=tasks.fields, tasks=tasks.tasks,
        document_types=tasks.document_types, articles=document_order(articles),
    )
    return LoadedRegulation(regulation, root, checks_file(root), calendar)


def _calendar(root: Path, problems: list[Hit], **within: object) -> Override | None:
    """Read ``root``'s calendar.yaml, if it has one (its problems are the regulation's)."""
    from quyche_rules.loading.calendar import CALENDAR_FILE, read_calendar  # lazy: few regulations have one

    path = root / CALENDAR_FILE
    return read_calendar(path, problems, **within) if path.exists() or path.is_symlink() else None
