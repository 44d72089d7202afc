"""What the tool makes from its own files, the same in every run (the check catalogue, the law catalogue), kept.

``quyche check`` turns this on (:func:`enabled_for`) with its cache: the built-in rule files and the law
catalogue are then parsed and validated once per installation, not in every run of the pre-commit hook. An
entry lives in the cache folder (``memo/``), keyed by the tool itself (:func:`~quyche_rules.cachedir.tool_digest`:
its version and every file of the package, rule files included), the Python version and what the caller adds
(the version of the library its objects come from), pickled and signed with this user's key: an entry that is
corrupt, foreign or unreadable is made again, never trusted. Standard library only, as :mod:`replay`.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from quyche_rules.cachedir import cache_dir, cache_on, read_signed, tool_digest, write_signed

__all__ = ["enabled_for", "kept"]

T = TypeVar("T")
_VERSION = b"quyche-memo-1"
_ON = [False]


@contextlib.contextmanager
def enabled_for(folders: list[Path]) -> Iterator[None]:
    """Keep what :func:`kept` makes while inside.

    Not when the cache folder would be inside one of ``folders`` (those the command reads) or inside any
    regulation folder: nothing is ever written among a regulation's files.
    """
    root = cache_dir().resolve()
    before = _ON[0]
    _ON[0] = (cache_on() and not any(root.is_relative_to(f.resolve()) for f in folders)
              and not any((up / "regulation.yaml").exists() for up in root.parents))
    try:
        yield
    finally:
        _ON[0] = before


def _path(name: str, extra: bytes) -> Path:
    key = hashlib.sha256(b"\0".join((_VERSION, name.encode(), tool_digest(), sys.version.encode(), extra)))
    return cache_dir() / "memo" / f"{name}-{key.hexdigest()}"


def kept(name: str, make: Callable[[], T], *, extra: bytes = b"") -> T:
    """Return what ``make`` returns, read from the cache folder when it was kept there, else made (and kept).

    ``make`` must depend only on the tool's own files (and on the library versions in ``extra``).
    """
    if not _ON[0]:
        return make()
    path = _path(name, extra)
    body = read_signed(path)
    if body is not None:
        with contextlib.suppress(Exception):  # a stale class layout: made again
            return pickle.loads(body)  # type: ignore[no-any-return]  # signed by this user's key
    value = make()
    with contextlib.suppress(OSError):
        write_signed(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
