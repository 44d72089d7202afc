"""Where a finding is, for machine-read formats: repository-relative URIs and regions.

A :class:`Locator` is a pure lookup: ``uri(file)`` gives the file relative to the repository root with forward
slashes, and ``region(location)`` the span the loader recorded for the YAML node (a clause, a norm, an article).
Nothing here reads a file: the positions come from the one reader (:mod:`quyche_rules.loading.reader`).
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from quyche_rules.findings import Location

__all__ = ["Locator", "Region"]

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


class Locator:
    """Repository-relative URIs and regions for the files of a run.

    Args:
        root: the repository root URIs are relative to (absolute, or relative to ``cwd``).
        cwd: the working directory finding file names are relative to.
    """

    def __init__(self, root: str, cwd: str) -> None:
        self.cwd = os.path.normpath(cwd)
        self.root = _absolute(root, self.cwd)

    @classmethod
    def here(cls, root: str | None = None) -> Locator:
        """Return the locator of the working directory (``root`` defaults to it)."""
        cwd = os.getcwd()
        return cls(root or cwd, cwd)

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

    def region(self, location: Location) -> Region:
        """Return the region of ``location``: its start, and its end when the loader recorded one."""
        return Region(location.line, location.column, location.end_line, location.end_column)


def _quote(rel: str) -> str:
    """Percent-encode a relative path as a URI reference (RFC 3986), keeping the slashes."""
    return urllib.parse.quote(rel, safe="/-._~")
