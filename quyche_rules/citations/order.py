"""The order of citation numbers: the number after another, and document order.

The sequence of numbers (:func:`next_point`, :func:`is_next_in_sequence`) and document order
(:func:`number_key`, :func:`point_key`); what a well-formed number is: :mod:`quyche_rules.citations.numbers`.
"""

from __future__ import annotations

import functools

from quyche_rules.citations.numbers import (
    POINT_LETTERS,
    POINT_RE,
    CitationError,
    Level,
    from_roman,
    part_problem,
    point_index,
    split_number,
)
from quyche_rules.i18n import Text

__all__ = ["is_next_in_sequence", "next_point", "number_key", "point_key"]


def next_point(letter: str) -> str:
    """Return the point letter after ``letter``: ``"d"`` -> ``"đ"`` -> ``"e"`` -> ``"g"``."""
    index = point_index(letter) + 1
    if index == len(POINT_LETTERS):
        raise CitationError(
            Text.of("sau y không còn chữ cái nào cho điểm", "no point letter follows y"),
            fix=Text.of("chia khoản thành nhiều khoản", "split the clause into several clauses"),
        )
    return POINT_LETTERS[index]


def _next_suffix(suffix: str) -> str:
    if not suffix:
        return "a"
    return suffix[:-1] + chr(ord(suffix[-1]) + 1) if suffix[-1] != "z" else suffix + "a"


def is_next_in_sequence(prev: str | None, new: str, level: Level) -> bool:
    """Tell whether ``new`` may follow ``prev`` among the numbered items of one ``level``.

    ``prev=None`` asks whether ``new`` may come first. An insertion (``"2a"`` after ``"2"``,
    ``"a1"`` after ``"a"``) counts as next; a gap (``"e"`` after ``"d"``, skipping đ) does not.
    Malformed values are never next.
    """
    if part_problem(level, new) is not None or (prev is not None and part_problem(level, prev) is not None):
        return False
    if level == "chapter":
        return from_roman(new) == (0 if prev is None else from_roman(prev)) + 1
    if level == "point":
        new_m = POINT_RE.fullmatch(new)
        assert new_m is not None
        if prev is None:
            return new == "a"
        prev_m = POINT_RE.fullmatch(prev)
        assert prev_m is not None
        if new_m[2] is None:
            return prev_m[1] != "y" and new == next_point(prev_m[1])
        return new_m[1] == prev_m[1] and int(new_m[2]) == int(prev_m[2] or 0) + 1
    number, suffix = (int(new), "") if level == "section" else split_number(new)
    if prev is None:
        return (number, suffix) == (1, "")
    prev_number, prev_suffix = (int(prev), "") if level == "section" else split_number(prev)
    if not suffix:
        return number == prev_number + 1
    return number == prev_number and suffix == _next_suffix(prev_suffix)


def number_key(value: str | None) -> tuple[int | str, ...]:
    """Return the document-order key of an article or clause number, ``None`` first: ``4 < 4a < 4b < 5``."""
    return _number_key(value)


@functools.lru_cache(maxsize=4096)
def _number_key(value: str | None) -> tuple[int | str, ...]:
    if value is None:
        return (0,)
    number, suffix = split_number(value)
    return 1, number, len(suffix), suffix


def point_key(value: str | None) -> tuple[int | str, ...]:
    """Return the document-order key of a point, ``None`` first: ``d < đ < e``, ``a < a1 < a2 < b``."""
    if value is None:
        return (0,)
    match = POINT_RE.fullmatch(value)
    assert match is not None
    return 1, point_index(match[1]), int(match[2] or 0)
