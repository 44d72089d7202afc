"""A word-level redline of two wordings: what the old text loses and what the new text gains.

The texts are cut into words, punctuation and runs of white space, and compared with the standard library's
:class:`difflib.SequenceMatcher` (no junk heuristic, so that common words such as "và" still match). The result is
one sequence of segments per side: the old side marks the deleted words, the new side the inserted words, and
what both keep is shared, so a reviewer reads the two texts side by side or as one redline.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Redline", "Segment", "redline", "similarity", "words"]

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

Op = Literal["same", "ins", "del"]


@dataclass(frozen=True)
class Segment:
    """A run of text kept (``same``), inserted (``ins``) or deleted (``del``)."""

    op: Op
    text: str


@dataclass(frozen=True)
class Redline:
    """Both sides of a comparison: the old text with its deletions, the new one with its insertions."""

    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    merged: tuple[Segment, ...]
    """The old and the new text as one: what is kept, each deletion followed by its insertion."""

    @property
    def changed(self) -> bool:
        """Return True when anything was inserted or deleted."""
        return any(s.op != "same" for s in self.merged)


def words(text: str) -> list[str]:
    """Return ``text`` cut into words, punctuation marks and runs of white space (joined, they give it back)."""
    return _TOKEN.findall(text)


def _join(segments: list[Segment]) -> tuple[Segment, ...]:
    """Merge neighbouring segments of the same kind, dropping empty ones."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].op == seg.op:
            out[-1] = Segment(seg.op, out[-1].text + seg.text)
        else:
            out.append(seg)
    return tuple(out)


def _chunks(a: list[str], b: list[str]) -> list[tuple[bool, str, str]]:
    """Return (kept, old text, new text) runs; white space kept between two changes joins them into one."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    codes = matcher.get_opcodes()
    runs: list[tuple[bool, str, str]] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        inside = 0 < n < len(codes) - 1 and gone.isspace() and gone == came
        kept = tag == "equal" and not inside
        if runs and not kept and not runs[-1][0]:
            runs[-1] = (False, runs[-1][1] + gone, runs[-1][2] + came)
        else:
            runs.append((kept, gone, came))
    return runs


def redline(old: str, new: str) -> Redline:
    """Return the word-level redline of ``old`` against ``new``."""
    left: list[Segment] = []
    right: list[Segment] = []
    merged: list[Segment] = []
    for kept, gone, came in _chunks(words(old), words(new)):
        if kept:
            left.append(Segment("same", gone))
            right.append(Segment("same", came))
            merged.append(Segment("same", gone))
            continue
        left.append(Segment("del", gone))
        right.append(Segment("ins", came))
        merged += [Segment("del", gone), Segment("ins", came)]
    return Redline(_join(left), _join(right), _join(merged))


def similarity(old: str, new: str) -> float:
    """Return how alike two wordings are, word for word: 1.0 the same, 0.0 nothing in common."""
    return difflib.SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()
