"""What the tool makes from its own files, the same in every run (the check catalogue, the law catalogue), kept.

``quyche check`` turns this on (:func:`enabled_for`) with its cache: the built-in rule files and the law
catalogue are then parsed and validated once per installation, not in every run of the pre-commit hook. An
entry lives in the cache folder (``memo/``), keyed by the tool itself (:func:`~quyche_rules.replay.tool_digest`:
its version and every file of the package, rule files included), the Python version and what the caller adds
(the version of the library its objects come from), pickled and signed with this user's key: an entry that is
corrupt, foreign or unreadable is made again, never trusted. Standard library only, as :mod:`replay`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from quyche_rules.replay import CACHE_TAG, cache_dir, secret, tool_digest

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
    _ON[0] = (not os.environ.get("QUYCHE_NO_CACHE") and not any(root.is_relative_to(f.resolve()) for f in folders)
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
    with contextlib.suppress(OSError):
        blob = path.read_bytes()
        mac, body = blob[:32], blob[32:]
        if len(mac) == 32 and hmac.compare_digest(mac, hmac.new(secret(), body, hashlib.sha256).digest()):
            with contextlib.suppress(Exception):  # a stale class layout: made again
                return pickle.loads(body)  # type: ignore[no-any-return]  # signed by this user's key above
    value = make()
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        root = cache_dir()
        if not (root / "CACHEDIR.TAG").exists():
            root.mkdir(parents=True, exist_ok=True)
            (root / "CACHEDIR.TAG").write_text(CACHE_TAG, encoding="ascii")
            (root / ".gitignore").write_text("*\n", encoding="ascii")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(hmac.new(secret(), body, hashlib.sha256).digest() + body)
        os.replace(tmp, path)
    return value
