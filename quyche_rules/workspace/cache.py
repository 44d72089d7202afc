"""A content-addressed cache of checked regulations, as ruff and mypy keep one.

The hook on an unchanged folder costs little more than reading its files. An entry is keyed by the bytes of
every file of the regulation folder, where that folder is and how the findings name it (a copy elsewhere, or
the same folder named from another working directory, is checked again: its findings name other files), the
tool itself (its version and the size and time of each of its files, so an edited checkout never reuses a stale
entry; and what it runs on, Python and the libraries, so installing durable-rules or another pydantic is a miss:
:func:`~quyche_rules.cachedir.tool_digest`) and the run's settings (date, engine, selected codes). It holds the
check result (and the regulation, when a report needs it), pickled and signed with a key of this user's
(HMAC-SHA256, ``~/.cache/quyche/key``): an entry that is corrupt, truncated, written by another version or by
anyone else is ignored and recomputed, never trusted. A folder holding anything but small regular files (a link,
a device, a file over the loader's limit) is not cached: the loader reports it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quyche_rules.cachedir import cache_dir, cache_on, read_signed, tool_digest, tree_digest, write_signed
from quyche_rules.loading import display_path
from quyche_rules.loading.raw import MAX_BYTES

__all__ = ["Cache", "cache_dir", "clean"]

_VERSION = b"quyche-cache-1"



class Cache:
    """Entries of one run's settings; ``enabled`` False makes every lookup a miss and every store a no-op."""

    def __init__(self, settings: Iterable[str], *, enabled: bool = True) -> None:
        self.enabled = cache_on(enabled)
        self._settings = "\0".join(settings).encode()

    def _key(self, folder: Path) -> str | None:
        try:
            content = tree_digest(folder, max_bytes=MAX_BYTES)
        except OSError:
            return None
        if content is None:
            return None
        where = f"{os.path.abspath(folder)}\0{display_path(folder)}\0".encode("utf-8", "surrogateescape")
        return hashlib.sha256(_VERSION + tool_digest() + self._settings + where + content.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return cache_dir() / "v1" / key[:2] / key

    def get(self, folder: Path) -> tuple[str | None, Any]:
        """Return (the folder's key, its entry or None); the key is None when the folder cannot be cached."""
        if not self.enabled:
            return None, None
        key = self._key(folder)
        if key is None:
            return None, None
        body = read_signed(self._path(key))
        if body is None:
            return key, None  # missing, corrupt, or not written by this user: never unpickled
        try:
            return key, pickle.loads(body)  # signed by this user's key above
        except Exception:  # a stale class layout: recompute
            return key, None

    def put(self, key: str | None, value: object, folder: Path | None = None) -> None:
        """Store ``value`` under ``key`` (atomically); a cache that cannot be written is simply not used.

        Nothing is written inside ``folder``, the regulation checked (a run from within it goes uncached).
        """
        if not self.enabled or key is None:
            return
        if folder is not None and cache_dir().resolve().is_relative_to(folder.resolve()):
            return
        with contextlib.suppress(OSError):
            write_signed(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def clean() -> int:
    """Delete the cache folder's entries (checked regulations, replayable outputs, the tool's catalogues kept).

    Return how many were removed.
    """
    count = 0
    for root in (cache_dir() / "v1", cache_dir() / "out", cache_dir() / "memo"):
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file():
                    path.unlink(missing_ok=True)
                    count += 1
    return count
