"""Where a finding is, for machine-read formats: repository-relative URIs and full regions from the YAML.

A :class:`Locator` is built once by the command (it reads the rule files: the only I/O here) and is then a
pure lookup: ``uri(file)`` gives the file relative to the repository root with forward slashes, and
``region(location)`` the start and end of the YAML node that starts at the location (a clause, a norm, an
article), or the end of the line when no node starts there.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from quyche_rules.findings import Finding, Location

__all__ = ["Locator", "Region", "read_sources"]

_MAX_SOURCE = 2_000_000  # never read more than this many bytes of one file to compute regions
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Region:
    """A span of a file: 1-based lines and columns (Unicode code points); ``end_column`` is exclusive."""

    start_line: int
    start_column: int
    end_line: int | None = None
    end_column: int | None = None


def _absolute(file: str, cwd: str) -> str:
    path = PurePosixPath(file.replace("\\", "/"))
    if path.is_absolute() or (len(file) > 1 and file[1] == ":"):
        return os.path.normpath(file)
    return os.path.normpath(os.path.join(cwd, file))


def read_sources(findings: Iterable[Finding], cwd: str | None = None) -> dict[str, str]:
    """Read the text of every file the findings point to (missing, binary or huge files are skipped).

    Args:
        findings: the findings; their locations and their provisions' locations are read.
        cwd: the folder relative file names are read from (default: the working directory).
    """
    base = cwd or os.getcwd()
    files = set()
    for f in findings:
        files.add(f.location.file)
        files.update(p.location.file for p in f.provisions if p.location is not None)
    out: dict[str, str] = {}
    for file in sorted(files):
        path = Path(_absolute(file, base))
        try:
            if not path.is_file() or path.stat().st_size > _MAX_SOURCE:
                continue
            out[file] = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError):
            continue
    return out


def _node_ends(text: str) -> dict[tuple[int, int], tuple[int, int]]:
    """Return (line, column) -> (end line, end column) of the outermost YAML node starting there (1-based)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    ends: dict[tuple[int, int], tuple[int, int]] = {}
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        start = (node.start_mark.line + 1, node.start_mark.column + 1)
        ends.setdefault(start, (node.end_mark.line + 1, node.end_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return ends


class Locator:
    """Repository-relative URIs and full regions for the files of a run.

    Args:
        root: the repository root URIs are relative to (absolute, or relative to ``cwd``).
        cwd: the working directory finding file names are relative to.
        sources: file name (as written in the findings) -> its text, for regions.
    """

    def __init__(self, root: str, cwd: str, sources: Mapping[str, str] | None = None) -> None:
        self.cwd = os.path.normpath(cwd)
        self.root = _absolute(root, self.cwd)
        self.sources = dict(sources or {})
        self._ends: dict[str, dict[tuple[int, int], tuple[int, int]]] = {}
        self._lines: dict[str, list[str]] = {}

    @classmethod
    def for_findings(cls, findings: Iterable[Finding], root: str | None = None) -> Locator:
        """Build a locator for ``findings`` from the working directory (reads their files)."""
        items = list(findings)
        cwd = os.getcwd()
        return cls(root or cwd, cwd, read_sources(items, cwd))

    def relative(self, file: str) -> str | None:
        """Return ``file`` relative to the root with forward slashes, or None when it lies outside."""
        absolute = _absolute(file, self.cwd)
        try:
            rel = os.path.relpath(absolute, self.root)
        except ValueError:  # another drive
            return None
        if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
            return None
        return rel.replace(os.sep, "/")

    def uri(self, file: str) -> tuple[str, bool]:
        """Return the URI of ``file`` and whether it is relative to the root (``%SRCROOT%``)."""
        rel = self.relative(file)
        if rel is not None:
            return _quote(rel), True
        return Path(_absolute(file, self.cwd)).as_uri(), False

    def display(self, file: str) -> str:
        """Return ``file`` as GitHub wants it: relative to the root when it lies below it."""
        rel = self.relative(file)
        return rel if rel is not None else file.replace(os.sep, "/")

    def _lines_of(self, file: str) -> list[str] | None:
        if file not in self.sources:
            return None
        if file not in self._lines:
            self._lines[file] = self.sources[file].splitlines()
        return self._lines[file]

    def region(self, location: Location) -> Region:
        """Return the full region of the node at ``location`` (or of the rest of its line)."""
        start = (location.line, location.column)
        if location.end_line is not None:
            return Region(*start, location.end_line, location.end_column)
        lines = self._lines_of(location.file)
        if lines is None or not 1 <= location.line <= len(lines):
            return Region(*start)
        if location.file not in self._ends:
            self._ends[location.file] = _node_ends(self.sources[location.file])
        end = self._ends[location.file].get(start)
        if end is not None:
            trimmed = _trim(lines, start, end)
            if trimmed is not None:
                return Region(*start, *trimmed)
        text = lines[location.line - 1].rstrip()
        return Region(*start, location.line, max(len(text) + 1, location.column))


def _trim(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> tuple[int, int] | None:
    """Move an exclusive end back over trailing blank lines, comments and spaces; None if nothing is left."""
    line, column = end
    if line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1 if lines else 1
    while line >= start[0]:
        text = lines[line - 1][: column - 1]
        if line == start[0]:
            text = text[: max(column - 1, 0)]
        stripped = text.rstrip()
        if stripped.lstrip().startswith("#"):
            stripped = ""
        floor = start[1] - 1 if line == start[0] else 0
        if len(stripped) > floor:
            return line, len(stripped) + 1
        line -= 1
        column = len(lines[line - 1]) + 1 if line >= 1 else 1
    return None


def _quote(rel: str) -> str:
    """Percent-encode a relative path as a URI reference (RFC 3986), keeping the slashes."""
    return urllib.parse.quote(rel, safe="/-._~")
