"""Parse the later article files of a large regulation in a forked child while this process reads the first ones.

Parsing YAML (composing the nodes, recording every span, NFC) is most of loading, and the files are independent;
on a machine with a second core (:func:`quyche_rules.parallel.available`) the child parses the second half of
the article files and sends back each file's bytes with its :class:`~quyche_rules.loading.reader.Document`. This
process still reads every file itself (the folder check, the byte budget, the reader's refusals) and takes the
child's document only for bytes identical to those it read (:func:`take`): a file changed in between, a file the
child could not parse, or a child that failed is simply parsed here, so the result never depends on the child.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from quyche_rules import parallel
from quyche_rules.errors import InternalError
from quyche_rules.loading.reader import Document, YamlProblem, parse_yaml, read_bytes

__all__ = ["PARALLEL_BYTES", "PARALLEL_MAX_BYTES", "ahead", "receive", "take"]

#: bytes of article files from which the second half is parsed beside (a fork and the documents sent back
#: cost about what 50 ms of parsing does; the bundled regulations stay below it)
PARALLEL_BYTES = 512 * 1024
#: bytes up to which it is: the child's documents, copied back, would add their size to the memory peak
PARALLEL_MAX_BYTES = 24 * 1024 * 1024

_PENDING: list[parallel.Beside[list[tuple[bytes, Document]]] | None] = []  # the child of each ahead block
_TAKEN: list[dict[bytes, Document]] = []  # the documents received, by the bytes they were parsed from


def _parse_all(paths: Sequence[Path], within: Path) -> list[tuple[bytes, Document]]:  # runs in the child
    out: list[tuple[bytes, Document]] = []
    for path in paths:
        if not path.resolve().is_relative_to(within):
            continue  # refused by the reader of this process, never read
        try:
            data = read_bytes(path)
            out.append((data, parse_yaml(data, lenient=True)))
        except YamlProblem:
            continue  # reported when this process reads it
    return out


def _size(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


@contextlib.contextmanager
def ahead(paths: Sequence[Path], within: Path) -> Iterator[Path | None]:
    """Start parsing the second half of ``paths`` beside, if it pays; yield its first path (None if not started).

    Inside the block, the first time the loader reaches that path it calls :func:`receive`; :func:`take` then
    answers for the files the child parsed. Leaving the block stops the child and drops what was not taken.
    """
    half = list(paths[len(paths) // 2:])
    if not half or not parallel.available() or not PARALLEL_BYTES <= _size(paths) <= PARALLEL_MAX_BYTES:
        yield None
        return
    _PENDING.append(parallel.beside(_parse_all, half, within))
    _TAKEN.append({})
    try:
        yield half[0]
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
    except InternalError:
        return  # the child died or failed: every file is parsed here, as without it


def take(data: bytes) -> Document | None:
    """Return (once) the document the child parsed from exactly ``data``, or None."""
    return _TAKEN[-1].pop(data, None) if _TAKEN else None


def _forget_in_child() -> None:  # pragma: no cover - a forked process never answers for its parent's child
    _PENDING.clear()
    _TAKEN.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
