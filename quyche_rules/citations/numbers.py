"""The numbers of citations: point letters, Roman chapters, article and clause numbers.

What a well-formed number of each level is (:func:`part_problem`, with a fix for a malformed one), reading one
(:func:`from_roman`, :func:`split_number`, :func:`point_index`); their sequence and document order:
:mod:`quyche_rules.citations.order`.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from quyche_rules.errors import QuycheError
from quyche_rules.i18n import Text

__all__ = [
    "KEYWORDS",
    "LEVELS",
    "POINT_LETTERS",
    "POINT_RE",
    "CitationError",
    "Level",
    "from_roman",
    "part_problem",
    "point_index",
    "split_number",
    "to_roman",
]

#: Vietnamese point letters, in order: no f, j, w; đ comes after d.
POINT_LETTERS: tuple[str, ...] = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
)  # fmt: skip

Level = Literal["chapter", "section", "article", "clause", "point"]
#: Levels from the largest unit to the smallest, as the fields of :class:`Citation`.
LEVELS: tuple[Level, ...] = ("chapter", "section", "article", "clause", "point")
#: The Vietnamese keyword of each level, as written in a canonical phrase.
KEYWORDS: dict[Level, str] = {
    "chapter": "Chương",
    "section": "Mục",
    "article": "Điều",
    "clause": "khoản",
    "point": "điểm",
}

# at most six digits: no regulation numbers beyond that, and int() refuses strings of over 4,300 digits
_NUMBER = re.compile(r"([1-9][0-9]{0,5})([a-z]*)")
_SECTION = re.compile(r"[1-9][0-9]{0,5}")
POINT_RE = re.compile(r"([a-eg-ik-vxy]|đ)([1-9][0-9]{0,5})?")
_ROMAN = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = (
    ("C", 100),
    ("XC", 90),
    ("L", 50),
    ("XL", 40),
    ("X", 10),
    ("IX", 9),
    ("V", 5),
    ("IV", 4),
    ("I", 1),
)
_NO_LETTER = {"f": ("e", "g"), "j": ("i", "k"), "w": ("v", "x")}

_EXPECTED: dict[Level, Text] = {
    "point": Text.of(
        "một chữ cái của điểm (a b c d đ e g h i k l m n o p q r s t u v x y), có thể kèm số (a1)",
        "a Vietnamese point letter (a b c d đ e g h i k l m n o p q r s t u v x y), optionally numbered (a1)",
    ),
    "clause": Text.of(
        "số khoản, có thể kèm chữ cái thường cho khoản bổ sung (2, 19a)",
        "a clause number, optionally with a lowercase letter for an inserted clause (2, 19a)",
    ),
    "article": Text.of(
        "số điều, có thể kèm chữ cái thường cho điều bổ sung (5, 4a)",
        "an article number, optionally with a lowercase letter for an inserted article (5, 4a)",
    ),
    "section": Text.of("số mục bằng chữ số Ả Rập (1, 2)", "a section number in Arabic numerals (1, 2)"),
    "chapter": Text.of(
        "số chương bằng chữ số La Mã (I, II, III)", "a chapter number in Roman numerals (I, II, III)"
    ),
}


class CitationError(QuycheError, ValueError):
    """A citation phrase or numbering value that cannot be read.

    Args:
        what: what was found, and where.
        expected: what was expected instead.
        fix: how to fix it.
        phrase: the phrase being read.
        offset: 0-based character offset of the problem in the NFC-normalised phrase.
    """

    def __init__(
        self,
        what: Text,
        *,
        expected: Text | None = None,
        fix: Text | None = None,
        phrase: str = "",
        offset: int | None = None,
    ) -> None:
        super().__init__(what, expected=expected, fix=fix, column=None if offset is None else offset + 1)
        self.phrase = phrase
        self.offset = offset


def to_roman(number: int) -> str:
    """Return ``number`` (1..399) as an upper-case Roman numeral."""
    out = []
    for letters, value in _ROMAN_VALUES:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(numeral: str) -> int:
    """Return the value of a well-formed upper-case Roman numeral, or raise :class:`CitationError`."""
    if not _ROMAN.fullmatch(numeral):
        raise _value_error("chapter", numeral)
    total, rest = 0, numeral
    for letters, value in _ROMAN_VALUES:
        while rest.startswith(letters):
            total, rest = total + value, rest[len(letters) :]
    return total


def part_problem(level: Level, value: str) -> tuple[Text, Text] | None:
    """Say what is wrong with ``value`` as the number of a ``level``.

    Returns:
        ``None`` when the value is well formed, else ``(expected, fix)``.
    """
    return _part_problem(level, value)


@functools.lru_cache(maxsize=4096)
def _part_problem(level: Level, value: str) -> tuple[Text, Text] | None:
    if level == "point":
        if POINT_RE.fullmatch(value):
            return None
        return _EXPECTED[level], _point_fix(value)
    if level == "chapter":
        if _ROMAN.fullmatch(value):
            return None
        return _EXPECTED[level], _chapter_fix(value)
    if (_SECTION if level == "section" else _NUMBER).fullmatch(value):
        return None
    return _EXPECTED[level], _number_fix(level, value)


def _point_fix(value: str) -> Text:
    low = value.lower()
    if low in _NO_LETTER:
        before, after = _NO_LETTER[low]
        return Text.of(
            f"điểm không dùng chữ {low}; sau {before} là {after}",
            f"Vietnamese points have no {low}; after {before} comes {after}",
        )
    if low == "dd":
        return Text.of("viết đ, không viết dd", "write đ, not dd")
    if POINT_RE.fullmatch(low):
        return Text.of(f"viết chữ cái thường: {low}", f"write the point letter in lower case: {low}")
    if value.isdigit():
        return Text.of(
            f"điểm đánh bằng chữ cái; có phải là khoản {value}?",
            f"points are lettered; did you mean khoản {value}?",
        )
    return Text.of(
        "dùng một chữ cái trong danh sách; điểm bổ sung thêm số: a1",
        "use one of the point letters; an inserted point takes a number: a1",
    )


def _chapter_fix(value: str) -> Text:
    if _ROMAN.fullmatch(value.upper()):
        return Text.of(
            f"viết hoa số La Mã: {value.upper()}", f"write the Roman numeral in upper case: {value.upper()}"
        )
    if value.isascii() and value.isdigit() and 0 < int(value[:4]) < 400:
        return Text.of(
            f"chương đánh số La Mã: Chương {to_roman(int(value))}",
            f"chapters use Roman numerals: Chương {to_roman(int(value))}",
        )
    if value and set(value.upper()) <= set("IVXLC"):
        total = sum(dict(_ROMAN_VALUES)[ch] for ch in value.upper())
        guess = f" {to_roman(total)}" if 0 < total < 400 else ""
        return Text.of(
            f"{value} không phải số La Mã hợp lệ; có phải là{guess or ' số khác'}?",
            f"{value} is not a well-formed Roman numeral; did you mean{guess or ' another'}?",
        )
    return Text.of("viết số La Mã: I, II, III, IV, V…", "write a Roman numeral: I, II, III, IV, V…")


def _number_fix(level: Level, value: str) -> Text:
    low = value.lower()
    pattern = _SECTION if level == "section" else _NUMBER
    stripped = low.lstrip("0")
    if stripped != low and pattern.fullmatch(stripped):
        return Text.of(f"bỏ số 0 ở đầu: {stripped}", f"drop the leading zero: {stripped}")
    if stripped != low:
        return Text.of("số thứ tự bắt đầu từ 1", "numbering starts at 1")
    if pattern.fullmatch(low):
        return Text.of(f"viết chữ cái thường: {low}", f"write the suffix in lower case: {low}")
    if _ROMAN.fullmatch(value.upper()):
        arabic = from_roman(value.upper())
        return Text.of(f"dùng chữ số Ả Rập: {arabic}", f"use Arabic numerals: {arabic}")
    if level == "section":
        return Text.of("viết một số như 1 hoặc 2", "write a number such as 1 or 2")
    return Text.of(
        f"viết một số như 5, hoặc 4a cho {KEYWORDS[level]} bổ sung",
        f"write a number such as 5, or 4a for an inserted {level}",
    )


def _value_error(level: Level, value: str) -> CitationError:
    plain = Text.of("dùng một chữ cái không kèm số", "use a plain letter without a number")
    expected, fix = part_problem(level, value) or (_EXPECTED[level], plain)
    return CitationError(
        Text.of(f"{KEYWORDS[level]} {value!r} không hợp lệ", f"invalid {level} number {value!r}"),
        expected=expected,
        fix=fix,
        phrase=value,
    )


def point_index(letter: str) -> int:
    """Return the 0-based position of a plain point letter in :data:`POINT_LETTERS` (``"đ"`` -> 4)."""
    try:
        return POINT_LETTERS.index(letter)
    except ValueError:
        raise _value_error("point", letter) from None


def split_number(value: str) -> tuple[int, str]:
    """Split an article or clause number into its number and suffix: ``"4a"`` -> ``(4, "a")``."""
    match = _NUMBER.fullmatch(value)
    if match is None:
        raise _value_error("article", value)
    return int(match[1]), match[2]
