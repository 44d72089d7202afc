"""A workspace of rule folders to run every command on, and a spy on the writes a command makes."""

from __future__ import annotations

import builtins
import io
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, MINIMAL, ROOT

SMALL = FIXTURES / "amendments" / "base-small"
REPORT = FIXTURES / "report"

AMENDMENT = """\
amendment: {id: sua-doi-an-toan, amends: mau-sua-doi, instrument: {number: 4/QĐ-MAU, date: 2024-02-01},
            effective: 2024-03-01}
operations:
  - repeal: điểm d khoản 3 Điều 1
  - rename: {actor: trung-tam-x, to: {id: trung-tam-y, name: Trung tâm Y}, takes_over: all}
  - replace_phrase: {from: Trung tâm X, to: Trung tâm Y}
"""


@dataclass(frozen=True)
class Workspace:
    """Copies of the fixtures in a temporary folder: what the commands read (never write)."""

    root: Path

    @property
    def minimal(self) -> Path:
        return self.root / "minimal"

    @property
    def small(self) -> Path:
        return self.root / "base-small"

    @property
    def report(self) -> Path:
        return self.root / "report" / "regulation"

    @property
    def report_amendment(self) -> Path:
        return self.root / "report" / "amendment.yaml"

    @property
    def amendment(self) -> Path:
        return self.root / "sua-doi.yaml"

    @property
    def rules(self) -> Path:
        return self.root / "rules"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def inputs(self) -> list[Path]:
        """Everything a command reads: each must be byte for byte the same after any command."""
        return [self.minimal, self.small, self.root / "report", self.amendment, self.rules]


def make_workspace(root: Path) -> Workspace:
    ws = Workspace(root)
    shutil.copytree(MINIMAL, ws.minimal)
    shutil.copytree(SMALL, ws.small)
    shutil.copytree(REPORT, root / "report")
    shutil.copytree(ROOT / "rules", ws.rules)
    ws.amendment.write_text(AMENDMENT, encoding="utf-8")
    ws.out.mkdir()
    return ws


def digest(path: Path) -> str:
    """tree_digest for a folder; for a file, its bytes and mode."""
    from tests.conftest import tree_digest

    if path.is_dir():
        return tree_digest(path)
    return f"{path.read_bytes().hex()}:{oct(path.stat().st_mode)}"


def leftovers(folder: Path) -> list[str]:
    """Temporary files and folders a writer left behind (``.NAME.xxxx.tmp`` / ``.old``)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith((".tmp", ".old")))


@dataclass
class Writes:
    """Paths a command opened for writing, and the renames it made (under the watched folder only)."""

    watched: Path
    opened: list[Path] = field(default_factory=list)
    renamed: list[tuple[Path, Path]] = field(default_factory=list)

    def note_open(self, path: Any) -> None:
        resolved = _resolve(path)
        if resolved is not None and resolved.is_relative_to(self.watched):
            self.opened.append(resolved)

    def note_rename(self, src: Any, dst: Any) -> None:
        s, d = _resolve(src), _resolve(dst)
        if s is not None and d is not None and d.is_relative_to(self.watched):
            self.renamed.append((s, d))


def _resolve(path: Any) -> Path | None:
    if isinstance(path, int):
        return None
    try:
        return Path(os.path.abspath(os.fsdecode(path)))
    except TypeError:
        return None


def is_temporary(path: Path) -> bool:
    """A temporary file, or a file inside a temporary folder, as the atomic writers name them."""
    return any(part.startswith(".") and part.endswith(".tmp") for part in path.parts)


@contextmanager
def watch_writes(watched: Path) -> Iterator[Writes]:
    """Record every open for writing and every rename below ``watched`` while the block runs."""
    monkeypatch = pytest.MonkeyPatch()
    writes = Writes(watched.resolve())
    real_open, real_os_open, real_replace, real_rename = builtins.open, os.open, os.replace, os.rename

    def spy_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            writes.note_open(file)
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC):
            writes.note_open(path)
        return real_os_open(path, flags, *args, **kwargs)

    def spy_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        writes.note_rename(src, dst)
        real_replace(src, dst, *args, **kwargs)

    def spy_rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        writes.note_rename(src, dst)
        real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "rename", spy_rename)
    try:
        yield writes
    finally:
        monkeypatch.undo()
