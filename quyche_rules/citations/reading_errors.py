"""What the reader of citation phrases says when it cannot read one: the error, what was expected, the fix.

The error repeats at most the first 80 characters of the phrase (:func:`shown`); the items themselves are read in
:mod:`quyche_rules.citations.items`.
"""

from __future__ import annotations

from quyche_rules.citations.numbers import KEYWORDS, CitationError, Level
from quyche_rules.i18n import Text

__all__ = [
    "EXPECT_AFTER_SEP",
    "EXPECT_KEYWORD",
    "EXPECT_MORE",
    "a_or_an",
    "expect_value",
    "fail",
    "fix_value",
    "shown",
]

#: the most characters of a phrase an error message repeats
_SHOWN = 80


def shown(phrase: str) -> str:
    """Return ``phrase`` as an error message repeats it: at most its first 80 characters."""
    return phrase if len(phrase) <= _SHOWN else phrase[:_SHOWN] + "…"


def fail(
    phrase: str, offset: int, found: str | None, expected: Text, fix: Text | None = None
) -> CitationError:
    """Return the error for ``found`` (``None``: the end of the phrase) at ``offset`` of ``phrase``."""
    if found is not None and len(found) > _SHOWN:
        found = found[:_SHOWN] + "…"
    found_vi = f"“{found}”" if found else "hết cụm từ"
    found_en = f"“{found}”" if found else "the end of the phrase"
    return CitationError(
        Text.of(
            f"không đọc được trích dẫn “{shown(phrase)}”: gặp {found_vi} ở vị trí {offset}",
            f"cannot read citation “{shown(phrase)}”: found {found_en} at offset {offset}",
        ),
        expected=expected,
        fix=fix,
        phrase=phrase,
        offset=offset,
    )


#: what is expected where a phrase starts, after "các" or "từ": a keyword
EXPECT_KEYWORD = Text.of(
    "một trong các từ điểm, khoản, Điều, Mục, Chương", "one of the keywords điểm, khoản, Điều, Mục, Chương"
)
#: what is expected after an item
EXPECT_MORE = Text.of(
    "“và”, “,”, một đơn vị lớn hơn hoặc hết cụm từ", "“và”, “,”, a larger unit or the end of the phrase"
)
#: what is expected after ",", "và", "hoặc" or "đến"
EXPECT_AFTER_SEP = Text.of("một trích dẫn sau dấu nối", "a citation after the separator")


def expect_value(level: Level) -> Text:
    """Return what is expected after the keyword of ``level``: its number, with an example."""
    example = {"point": "a", "clause": "2", "article": "5", "section": "1", "chapter": "II"}[level]
    word = KEYWORDS[level]
    return Text.of(
        f"số hiệu sau “{word}”, ví dụ “{word} {example}”",
        f"{a_or_an(level)} {level} number after “{word}”, e.g. “{word} {example}”",
    )


def fix_value(level: Level) -> Text:
    """Return the fix for a keyword of ``level`` without its number."""
    word = KEYWORDS[level]
    return Text.of(f"ghi số hiệu ngay sau “{word}”", f"write the {level} number right after “{word}”")


def a_or_an(word: str) -> str:
    """Return the English article for ``word``: "an" before a vowel, else "a"."""
    return "an" if word[0] in "aeiou" else "a"
