"""Load the later article files of a large regulation in a forked child while this process reads the first ones.

Parsing YAML (composing the nodes, recording every span, NFC) and validating it are most of loading, and the
files are independent; on a machine with a second core (:func:`quyche_rules.parallel.available`) the child reads
the last article files (45 % of the bytes this process would read) and sends back each file's bytes
with what this process would make of them: the validated model with its positions (``finish``; a model unpickles
faster than the data it was validated from), or the parsed :class:`~quyche_rules.loading.reader.Document` when
the parses are kept for a second version (:func:`~quyche_rules.loading.files.shared_parses`). This process still
reads every file itself (the folder check, the byte budget, the reader's refusals) and takes the child's answer
only for bytes identical to those it read, for the same file and model (:func:`take`): a file changed in
between, a file with any problem (reported here, as always), or a child that failed is simply loaded here, so
the result never depends on the child.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from quyche_rules import parallel
from quyche_rules.loading.raw import real_path
from quyche_rules.loading.reader import Document, YamlProblem, parse_yaml, read_bytes

__all__ = ["PARALLEL_BYTES", "PARALLEL_MAX_BYTES", "ahead", "receive", "take"]

#: bytes of article files from which the last ones are loaded beside (a fork and the documents sent back
#: cost about what 50 ms of parsing does; the bundled regulations stay below it)
PARALLEL_BYTES = 512 * 1024
#: bytes up to which it is: what the child sends back is held twice for a moment (measured at 100,000
#: provisions, 24 MB of articles: the tree's memory while loading stays well below the check's peak, the facts)
PARALLEL_MAX_BYTES = 64 * 1024 * 1024

_SHARE = 0.55  # of the bytes, those read here (this process also unpickles what the child sends)

T = TypeVar("T")

#: what this process makes of a file's document: its model, or None when the file has a problem
Finish = Callable[[Path, Document], Any]

_PENDING: list[parallel.Beside[list[tuple[bytes, Any]]] | None] = []  # the child of each ahead block
_TAKEN: list[dict[bytes, Any]] = []  # what was received (a document or a finished model), by the bytes it came from


def _parse_all(paths: Sequence[Path], within: Path, finish: Finish | None) -> list[tuple[bytes, Any]]:  # the child
    out: list[tuple[bytes, Any]] = []
    for path in paths:
        real = real_path(path)
        if real is None or not real.is_relative_to(within):
            continue  # refused by the reader of this process, never read
        try:
            data = read_bytes(path)
            doc = parse_yaml(data, lenient=True)
        except YamlProblem:
            continue  # reported when this process reads it
        done = doc if finish is None else finish(path, doc)
        if done is not None:
            out.append((data, done))
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextlib.contextmanager
def ahead(paths: Sequence[Path], within: Path, finish: Finish | None = None,
          before: Sequence[Path] = ()) -> Iterator[Path | None]:
    """Start loading the last part of ``paths`` beside, if it pays; yield its first path (None if not started).

    ``finish`` makes a file's model from its document (None for a file with any problem); without it the
    documents themselves come back. ``before``: the files this process reads first (so the child's part is
    larger: both end at about the same time).

    Inside the block, the first time the loader reaches that path it calls :func:`receive`; :func:`take` then
    answers for the files the child parsed. Leaving the block stops the child and drops what was not taken.
    """
    sizes = [_size(path) for path in paths]
    if not paths or not parallel.available() or not PARALLEL_BYTES <= sum(sizes) <= PARALLEL_MAX_BYTES:
        yield None
        return
    # this process's share of all the bytes read (it unpickles what the child pickles; measured at 10,000 and
    # 100,000 provisions), of which the files it reads first are part
    first = sum(_size(path) for path in before)
    share, mine, cut = _SHARE * (sum(sizes) + first) - first, 0, 0
    while cut < len(paths) - 1 and mine + sizes[cut] <= share:
        mine += sizes[cut]
        cut += 1
    later = list(paths[cut:])
    _PENDING.append(parallel.beside(_parse_all, later, within, finish))
    _TAKEN.append({})
    try:
        yield later[0]
    finally:
        pending = _PENDING.pop()
        if pending is not None:
            pending.cancel()
        _TAKEN.pop()


def receive() -> None:
    """Wait for the child of the innermost :func:`ahead` block and keep its documents for :func:`take`."""
    pending = _PENDING[-1] if _PENDING else None
    if pending is None:
        return
    _PENDING[-1] = None
    try:
        _TAKEN[-1].update(pending.result())
    except Exception:  # the child died or failed: every file is loaded here, as without it (and whatever made it
        return  # fail is met, and reported, here)


def take(data: bytes, want: type[T]) -> T | None:
    """Return (once) what the child made of exactly ``data``, if it is a ``want``; else None (and leave it).

    ``want`` is :class:`~quyche_rules.loading.reader.Document`, or ``tuple`` for what ``finish`` returned.
    """
    if not _TAKEN:
        return None
    found = _TAKEN[-1].get(data)
    if not isinstance(found, want):
        return None
    del _TAKEN[-1][data]
    return found


def _forget_in_child() -> None:  # pragma: no cover - a forked process never answers for its parent's child
    _PENDING.clear()
    _TAKEN.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
