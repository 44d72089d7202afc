"""Citation phrases, pass by pass: the items of a phrase (:func:`read_items`), each bound to its container.

Left to right, each number gets its level from the keyword before it (``khoản 2``) or, after ``,`` / ``và`` /
``hoặc`` / ``đến``, from the item before (``các điểm a, b và c``). Right to left, each item finds its container:
the next item when written directly before it (``điểm a khoản 1``: "of"), else the container of its nearest
same-level sibling on the right (``khoản 1 và khoản 2 Điều 5``). What the items cite is
:func:`quyche_rules.citations.grammar.resolve`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quyche_rules.citations.numbers import (
    KEYWORDS,
    POINT_LETTERS,
    CitationError,
    Level,
    from_roman,
    part_problem,
    split_number,
    to_roman,
)
from quyche_rules.citations.reading_errors import (
    EXPECT_AFTER_SEP,
    EXPECT_KEYWORD,
    EXPECT_MORE,
    expect_value,
    fail,
    fix_value,
)
from quyche_rules.i18n import Text

__all__ = ["MAX_ITEMS", "THIS", "Item", "read_items"]

_LEVEL_OF: dict[str, Level] = {word.casefold(): level for level, word in KEYWORDS.items()}
#: Which levels may directly contain each level ("điểm a khoản 1", "điểm a Điều 5", "Mục 1 Chương II").
_CONTAINERS: dict[Level, tuple[Level, ...]] = {
    "point": ("clause", "article"),
    "clause": ("article",),
    "section": ("chapter",),
    "article": (),
    "chapter": (),
}
THIS = "này"
_MAX_RANGE = 500
#: the most items one phrase may name (ranges counted item by item): no real list comes near it
MAX_ITEMS = 1000
_TOKEN = re.compile(r"\s+|(?P<p>[,;])|(?P<w>[^\W_]+)|(?P<o>\S)")


@dataclass(slots=True)
class Item:
    """One number of a phrase, with its level, its span and the item it lies in (``parent``)."""

    level: Level
    value: str
    start: int
    end: int
    sep: str | None  # None (first), "jux" (directly after the previous item) or "list"
    parent: int = -1
    leaf: bool = True


def _norm_value(level: Level, text: str) -> str:
    if text.casefold() == THIS:
        return THIS
    return text.upper() if level == "chapter" else text.lower()


def _expand(phrase: str, first: Item, last: Item) -> list[str]:
    """The values strictly after ``first`` up to ``last`` in a range ``từ … đến …``."""
    level = first.level
    if level == "point":
        if first.value not in POINT_LETTERS or last.value not in POINT_LETTERS:
            raise fail(
                phrase, last.start, last.value, Text.of("điểm không có số kèm", "plain point letters")
            )
        lo, hi = POINT_LETTERS.index(first.value), POINT_LETTERS.index(last.value)
        numbers = [POINT_LETTERS[i] for i in range(lo + 1, hi + 1)]
    else:

        def number(item: Item) -> int:
            if item.value == THIS or (level in ("article", "clause") and split_number(item.value)[1]):
                raise fail(
                    phrase,
                    item.start,
                    item.value,
                    Text.of("số không có chữ cái kèm", "plain numbers"),
                    Text.of("liệt kê từng số", "list the items one by one"),
                )
            return from_roman(item.value) if level == "chapter" else int(item.value)

        lo, hi = number(first), number(last)
        hi = min(hi, lo + _MAX_RANGE + 1)  # a longer range is refused below: never build it
        numbers = [to_roman(n) if level == "chapter" else str(n) for n in range(lo + 1, hi + 1)]
    if not numbers or len(numbers) > _MAX_RANGE:
        raise fail(
            phrase,
            last.start,
            last.value,
            Text.of(
                f"một khoảng tăng dần, tối đa {_MAX_RANGE} mục",
                f"an increasing range of at most {_MAX_RANGE} items",
            ),
        )
    return numbers


def read_items(phrase: str) -> list[Item]:
    """Read the items of a phrase (first pass) and bind each to its container (second pass)."""
    items: list[Item] = []
    keyword: Level | None = None
    kw_start = 0
    sep: str | None = None
    sep_word = ""
    prefix: int | None = None
    for match in _TOKEN.finditer(phrase):
        kind, text, pos = match.lastgroup, match[0], match.start()
        if kind is None:
            continue
        low = text.casefold()
        if kind == "o":
            expected = expect_value(keyword) if keyword else EXPECT_MORE if items else EXPECT_KEYWORD
            raise fail(phrase, pos, text, expected)
        if keyword is not None:
            if low == "từ" and prefix is None:
                continue
            if kind == "p" or low in _LEVEL_OF or low in ("và", "hoặc", "đến", "các"):
                raise fail(phrase, pos, text, expect_value(keyword), fix_value(keyword))
        elif low in _LEVEL_OF:
            keyword, kw_start = _LEVEL_OF[low], pos if prefix is None else prefix
            prefix = None
            continue
        elif low in ("các", "từ") and prefix is None and (sep is not None or not items):
            prefix = pos
            continue
        elif prefix is not None:
            raise fail(phrase, pos, text, EXPECT_KEYWORD)
        elif kind == "p" or low in ("và", "hoặc", "đến"):
            if not items:
                raise fail(phrase, pos, text, EXPECT_KEYWORD)
            if sep is not None and not (sep == "list" and sep_word in ",;" and low in ("và", "hoặc")):
                raise fail(phrase, pos, text, EXPECT_AFTER_SEP)
            sep, sep_word = ("range" if low == "đến" else "list"), low
            continue
        elif sep is None:
            raise fail(phrase, pos, text, EXPECT_MORE if items else EXPECT_KEYWORD)
        _add_item(phrase, items, keyword, kw_start, text, pos, match.end(), sep)
        keyword, sep, prefix = None, None, None
    if keyword is not None:
        raise fail(phrase, len(phrase), None, expect_value(keyword), fix_value(keyword))
    if sep is not None or prefix is not None or not items:
        expected = EXPECT_AFTER_SEP if sep is not None else EXPECT_KEYWORD
        raise fail(phrase, len(phrase), None, expected)
    _bind(items)
    return items


def _add_item(
    phrase: str,
    items: list[Item],
    keyword: Level | None,
    kw_start: int,
    text: str,
    pos: int,
    end: int,
    sep: str | None,
) -> None:
    level = keyword if keyword is not None else items[-1].level
    start = kw_start if keyword is not None else pos
    value = _norm_value(level, text)
    if value != THIS and (problem := part_problem(level, value)) is not None:
        raise fail(phrase, pos, text, *problem)
    if len(items) >= MAX_ITEMS:
        raise _too_many(phrase, pos, text)
    relation = sep if sep is not None else ("jux" if items else None)
    if relation == "jux" and level not in _CONTAINERS[items[-1].level]:
        prev = items[-1]
        fix = Text.of(
            "trích dẫn đi từ đơn vị nhỏ đến lớn: điểm, khoản, Điều; Mục, Chương",
            "citations run from small to large: điểm, khoản, Điều; Mục, Chương",
        )
        if prev.level in _CONTAINERS[level]:
            swapped = f"{KEYWORDS[level]} {value} {KEYWORDS[prev.level]} {prev.value}"
            fix = Text.of(f"viết “{swapped}”", f"write “{swapped}”")
        elif prev.level == "article":
            fix = Text.of(
                "Điều được đánh số liên tục trong cả văn bản: bỏ Mục, Chương",
                "articles are numbered through the whole regulation: leave out Mục and Chương",
            )
        raise fail(phrase, start, text if keyword is None else phrase[start:end], EXPECT_MORE, fix)
    if relation == "range":
        if level != items[-1].level:
            raise fail(phrase, start, phrase[start:end], expect_value(items[-1].level))
        last = Item(level, value, start, end, "list")
        numbers = _expand(phrase, items[-1], last)
        if len(items) + len(numbers) > MAX_ITEMS:
            raise _too_many(phrase, start, phrase[start:end])
        items.extend(Item(level, number, start, end, "list") for number in numbers)
        return
    items.append(Item(level, value, start, end, relation))


def _too_many(phrase: str, pos: int, text: str) -> CitationError:
    return fail(
        phrase,
        pos,
        text,
        Text.of(f"tối đa {MAX_ITEMS} mục trong một trích dẫn", f"at most {MAX_ITEMS} items in one citation"),
        Text.of("chia danh sách thành nhiều câu", "split the list into several sentences"),
    )


def _bind(items: list[Item]) -> None:
    stack: list[int] = []
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if index + 1 < len(items) and items[index + 1].sep == "jux":
            item.parent = index + 1
            items[index + 1].leaf = False
        else:
            while stack and items[stack[-1]].level != item.level:
                stack.pop()
            item.parent = items[stack[-1]].parent if stack else -1
        stack.append(index)
