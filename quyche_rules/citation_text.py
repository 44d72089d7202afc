"""The grammar of Vietnamese citation phrases, and the scanner that finds them in prose.

A phrase is read in two passes. Left to right, each number gets its level from the keyword
before it (``khoản 2``) or, after ``,`` / ``và`` / ``hoặc`` / ``đến``, from the item before
(``các điểm a, b và c``). Right to left, each item finds its container: the next item when
written directly before it (``điểm a khoản 1``: "of"), else the container of its nearest
same-level sibling on the right (``khoản 1 và khoản 2 Điều 5``). Items with nothing inside
them are the citations.

Heuristics of :func:`scan_references` (prose):

* ``Điều``, ``Mục``, ``Chương`` start a reference only when capitalised and followed by a
  number (Roman for chapters) or ``này``; ``điều này``, ``điều hành``, ``Điều phối``,
  ``chương trình``, ``Mục tiêu`` are words. After ``khoản``/``điểm`` any case of ``điều`` is read.
* ``khoản`` needs a number or ``này`` (``khoản kinh phí`` is a word); a number continuing as
  ``1.000`` or ``2/2020`` is not a clause number.
* ``điểm`` needs a lower-case point letter as a whole word (``điểm mới`` is a word), is never
  read after a compounding syllable (``thời``, ``địa``, ``quan``, ``đặc``, ``ưu`` …), and
  opening a phrase it must be followed by ``khoản``/``Điều``, be a list (``điểm a và b``), or
  follow a cue word: ``tại``, ``theo``, ``các``, ``và``, ``hoặc``, ``ở``, ``,``.
* ``khoản 2 Điều 9 và điểm a khoản 1 Điều 12`` is two references; a list of bare siblings
  (``Điều 5 và Điều 6``, ``các khoản 2, 3 Điều 10``) is one.
* An instrument right after a phrase (``Nghị định số 30/2020/NĐ-CP``, ``Luật Tổ chức Chính phủ``,
  ``Hiến pháp``, ``Quyết định này``) makes its references external; ``Quy chế này`` and
  ``Quy định này`` mean this regulation. A reference using ``này`` is always internal.
* References that cannot be resolved (``khoản 2`` in a context without an article) are dropped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from quyche_rules.citations import (
    KEYWORDS,
    POINT_LETTERS,
    Citation,
    CitationError,
    Level,
    Reference,
    from_roman,
    part_problem,
    split_number,
    to_roman,
)
from quyche_rules.i18n import Text

__all__ = ["parse_cached", "scan_references"]

_LEVEL_OF: dict[str, Level] = {word.casefold(): level for level, word in KEYWORDS.items()}
#: Which levels may directly contain each level ("điểm a khoản 1", "điểm a Điều 5", "Mục 1 Chương II").
_CONTAINERS: dict[Level, tuple[Level, ...]] = {
    "point": ("clause", "article"),
    "clause": ("article",),
    "section": ("chapter",),
    "article": (),
    "chapter": (),
}
#: What a phrase whose largest unit is the key takes from the context ("khoản 2" -> the article).
_MISSING: dict[Level, tuple[Level, ...]] = {
    "point": ("clause", "article"),
    "clause": ("article",),
    "section": ("chapter",),
}
_THIS = "này"
_MAX_RANGE = 500
_TOKEN = re.compile(r"\s+|(?P<p>[,;])|(?P<w>[^\W_]+)|(?P<o>\S)")


@dataclass(slots=True)
class _Item:
    level: Level
    value: str
    start: int
    end: int
    sep: str | None  # None (first), "jux" (directly after the previous item) or "list"
    parent: int = -1
    leaf: bool = True


def _fail(
    phrase: str, offset: int, found: str | None, expected: Text, fix: Text | None = None
) -> CitationError:
    found_vi = f"“{found}”" if found else "hết cụm từ"
    found_en = f"“{found}”" if found else "the end of the phrase"
    return CitationError(
        Text.of(
            f"không đọc được trích dẫn “{phrase}”: gặp {found_vi} ở vị trí {offset}",
            f"cannot read citation “{phrase}”: found {found_en} at offset {offset}",
        ),
        expected=expected,
        fix=fix,
        phrase=phrase,
        offset=offset,
    )


_EXPECT_KEYWORD = Text.of(
    "một trong các từ điểm, khoản, Điều, Mục, Chương", "one of the keywords điểm, khoản, Điều, Mục, Chương"
)
_EXPECT_MORE = Text.of(
    "“và”, “,”, một đơn vị lớn hơn hoặc hết cụm từ", "“và”, “,”, a larger unit or the end of the phrase"
)
_EXPECT_AFTER_SEP = Text.of("một trích dẫn sau dấu nối", "a citation after the separator")


def _expect_value(level: Level) -> Text:
    example = {"point": "a", "clause": "2", "article": "5", "section": "1", "chapter": "II"}[level]
    word = KEYWORDS[level]
    return Text.of(
        f"số hiệu sau “{word}”, ví dụ “{word} {example}”",
        f"{_a(level)} {level} number after “{word}”, e.g. “{word} {example}”",
    )


def _fix_value(level: Level) -> Text:
    word = KEYWORDS[level]
    return Text.of(f"ghi số hiệu ngay sau “{word}”", f"write the {level} number right after “{word}”")


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _norm_value(level: Level, text: str) -> str:
    if text.casefold() == _THIS:
        return _THIS
    return text.upper() if level == "chapter" else text.lower()


def _expand(phrase: str, first: _Item, last: _Item) -> list[str]:
    """The values strictly after ``first`` up to ``last`` in a range ``từ … đến …``."""
    level = first.level
    if level == "point":
        if first.value not in POINT_LETTERS or last.value not in POINT_LETTERS:
            raise _fail(
                phrase, last.start, last.value, Text.of("điểm không có số kèm", "plain point letters")
            )
        lo, hi = POINT_LETTERS.index(first.value), POINT_LETTERS.index(last.value)
        numbers = [POINT_LETTERS[i] for i in range(lo + 1, hi + 1)]
    else:

        def number(item: _Item) -> int:
            if item.value == _THIS or (level in ("article", "clause") and split_number(item.value)[1]):
                raise _fail(
                    phrase,
                    item.start,
                    item.value,
                    Text.of("số không có chữ cái kèm", "plain numbers"),
                    Text.of("liệt kê từng số", "list the items one by one"),
                )
            return from_roman(item.value) if level == "chapter" else int(item.value)

        lo, hi = number(first), number(last)
        numbers = [to_roman(n) if level == "chapter" else str(n) for n in range(lo + 1, hi + 1)]
    if not numbers or len(numbers) > _MAX_RANGE:
        raise _fail(
            phrase,
            last.start,
            last.value,
            Text.of(
                f"một khoảng tăng dần, tối đa {_MAX_RANGE} mục",
                f"an increasing range of at most {_MAX_RANGE} items",
            ),
        )
    return numbers


def read_items(phrase: str) -> list[_Item]:
    """Read the items of a phrase (first pass) and bind each to its container (second pass)."""
    items: list[_Item] = []
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
            expected = _expect_value(keyword) if keyword else _EXPECT_MORE if items else _EXPECT_KEYWORD
            raise _fail(phrase, pos, text, expected)
        if keyword is not None:
            if low == "từ" and prefix is None:
                continue
            if kind == "p" or low in _LEVEL_OF or low in ("và", "hoặc", "đến", "các"):
                raise _fail(phrase, pos, text, _expect_value(keyword), _fix_value(keyword))
        elif low in _LEVEL_OF:
            keyword, kw_start = _LEVEL_OF[low], pos if prefix is None else prefix
            prefix = None
            continue
        elif low in ("các", "từ") and prefix is None and (sep is not None or not items):
            prefix = pos
            continue
        elif prefix is not None:
            raise _fail(phrase, pos, text, _EXPECT_KEYWORD)
        elif kind == "p" or low in ("và", "hoặc", "đến"):
            if not items:
                raise _fail(phrase, pos, text, _EXPECT_KEYWORD)
            if sep is not None and not (sep == "list" and sep_word in ",;" and low in ("và", "hoặc")):
                raise _fail(phrase, pos, text, _EXPECT_AFTER_SEP)
            sep, sep_word = ("range" if low == "đến" else "list"), low
            continue
        elif sep is None:
            raise _fail(phrase, pos, text, _EXPECT_MORE if items else _EXPECT_KEYWORD)
        _add_item(phrase, items, keyword, kw_start, text, pos, match.end(), sep)
        keyword, sep, prefix = None, None, None
    if keyword is not None:
        raise _fail(phrase, len(phrase), None, _expect_value(keyword), _fix_value(keyword))
    if sep is not None or prefix is not None or not items:
        expected = _EXPECT_AFTER_SEP if sep is not None else _EXPECT_KEYWORD
        raise _fail(phrase, len(phrase), None, expected)
    _bind(items)
    return items


def _add_item(
    phrase: str,
    items: list[_Item],
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
    if value != _THIS and (problem := part_problem(level, value)) is not None:
        raise _fail(phrase, pos, text, *problem)
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
        raise _fail(phrase, start, text if keyword is None else phrase[start:end], _EXPECT_MORE, fix)
    if relation == "range":
        if level != items[-1].level:
            raise _fail(phrase, start, phrase[start:end], _expect_value(items[-1].level))
        last = _Item(level, value, start, end, "list")
        for number in _expand(phrase, items[-1], last):
            items.append(_Item(level, number, start, end, "list"))
        return
    items.append(_Item(level, value, start, end, relation))


def _bind(items: list[_Item]) -> None:
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


def _needs_context(phrase: str, item: _Item, what: Level) -> CitationError:
    return _fail(
        phrase,
        item.start,
        phrase[item.start : item.end],
        Text.of(
            f"ngữ cảnh có {KEYWORDS[what]} (trích dẫn tương đối)",
            f"a context with {_a(what)} {what} (relative citation)",
        ),
        Text.of(
            f"ghi rõ {KEYWORDS[what]}, hoặc đọc trích dẫn trong ngữ cảnh của một quy định",
            f"name the {what} explicitly, or read the phrase in the context of a provision",
        ),
    )


def resolve(phrase: str, items: list[_Item], leaf: int, context: Citation | None) -> Citation:
    """The citation for ``items[leaf]``, filling relative and missing units from ``context``."""
    fields: dict[str, str | None] = {}
    index, top = leaf, items[leaf]
    while index != -1:
        top = items[index]
        value: str | None = top.value
        if value == _THIS:
            value = None if context is None else getattr(context, top.level)
            if value is None:
                raise _needs_context(phrase, top, top.level)
        fields[top.level] = value
        index = top.parent
    for level in _MISSING.get(top.level, ()):
        value = None if context is None else getattr(context, level)
        if value is None and level != "clause":
            raise _needs_context(phrase, top, level)
        fields[level] = value
    return Citation(**fields)


@functools.lru_cache(maxsize=8192)
def parse_cached(phrase: str, context: Citation | None) -> tuple[Citation, ...]:
    """:func:`quyche_rules.citations.parse_citation` on an NFC phrase, cached."""
    items = read_items(phrase)
    found = {resolve(phrase, items, i, context) for i, item in enumerate(items) if item.leaf}
    return tuple(sorted(found, key=Citation.sort_key))


def _pattern() -> re.Pattern[str]:
    end = r"(?![^\W_]|[-/]|[.,][0-9])"
    values = {
        "point": r"(?:[a-eg-ik-vxy]|đ)(?:[1-9][0-9]*)?",
        "clause": r"[1-9][0-9]*[a-z]*",
        "section": r"[1-9][0-9]*",
        "chapter": r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})",
    }
    values["article"] = values["clause"]
    words = {
        "point": "(?i:điểm)",
        "clause": "(?i:khoản)",
        "article": "(?:Điều|ĐIỀU)",
        "section": "(?:Mục|MỤC)",
        "chapter": "(?:Chương|CHƯƠNG)",
    }
    sep = r"(?:\s*,\s*(?:(?:và|hoặc)\s+)?|\s+(?:và|hoặc|đến)\s+)(?:(?i:các|từ)\s+)?"

    def item(level: str, word: str | None = None) -> str:
        return rf"{word or words[level]}\s+(?:{values[level]}|này){end}"

    def listed(level: str, first: str | None = None) -> str:
        return rf"{item(level, first)}(?:{sep}(?:{item(level)}|{values[level]}{end}))*"

    article_in = listed("article", "(?i:điều)")
    chain = (
        rf"(?:{listed('point')}(?:\s+{listed('clause')})?(?:\s+{article_in})?"
        rf"|{listed('clause')}(?:\s+{article_in})?|{listed('article')}"
        rf"|{listed('section')}(?:\s+{listed('chapter')})?|{listed('chapter')})"
    )
    return re.compile(rf"(?<![^\W_])(?:(?i:các|từ)\s+)?{chain}(?:{sep}{chain})*")


_PHRASE = _pattern()
_DOC_TYPES = (
    "Bộ luật|Luật|Hiến pháp|Nghị định|Nghị quyết|Quyết định|Thông tư liên tịch|Thông tư|Pháp lệnh"
    "|Chỉ thị|Quy chế|Quy định|Hướng dẫn|Công văn|Kế hoạch|Phụ lục|Văn bản"
)
_EXTERNAL = re.compile(
    rf"\s+(?:của\s+)?(?P<ext>(?P<type>{_DOC_TYPES})(?![^\W_])(?P<this>\s+này(?![^\W_]))?"
    r"(?:\s+(?:số\s+)?(?:[0-9]+(?:/[0-9]{4})?/[0-9A-ZĐ][0-9A-Za-zĐđ\-]*|[IVXLC]+(?![^\W_])|[0-9]+(?![^\W_])))?"
    r"(?:\s+năm\s+[0-9]{4})?)"
)
_THIS_REGULATION = ("Quy chế", "Quy định")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NAME_STOP = _words("và hoặc thì theo tại được đã để có là của do khi này năm trong về phải")
_NAME = re.compile(r"(?:[ \t]+[^\W_]+){1,10}")
_COMPOUNDS = _words("thời địa quan đặc ưu nhược khuyết trọng giao xuất khởi tiêu chấm cao")
_CUES = _words("tại theo các và hoặc ở")
_WORD_BEFORE = re.compile(r"([^\W_]+|,)\s*$")
_LEADING_PLURAL = re.compile(r"(?i:các|từ)\s")


def _point_start_ok(text: str, match: re.Match[str], items: list[_Item]) -> bool:
    before = _WORD_BEFORE.search(text, max(0, match.start() - 16), match.start())
    word = before[1].casefold() if before else ""
    if word in _COMPOUNDS:
        return False
    if word in _CUES or word == "," or _LEADING_PLURAL.match(match[0]):
        return True
    return len(items) > 1 and (items[1].sep == "jux" or items[1].level == "point")


def _law_name(text: str, start: int) -> str:
    """The name after ``Luật``: words up to punctuation or a function word, at most ten."""
    name = _NAME.match(text, start)
    words = name[0].split() if name else []
    if not words or not words[0][0].isupper():
        return ""
    kept: list[str] = []
    for word, after in zip(words, [*words[1:], ""], strict=True):
        if word.casefold() in _NAME_STOP or (word.casefold(), after.casefold()) == ("quy", "định"):
            break
        kept.append(word)
    return " " + " ".join(kept)


def _external(text: str, end: int) -> str | None:
    match = _EXTERNAL.match(text, end)
    if match is None or (match["this"] and match["type"] in _THIS_REGULATION):
        return None
    ext = match["ext"]
    if match["type"] in ("Luật", "Bộ luật") and ext == match["type"]:
        ext += _law_name(text, match.end())
    return ext


@dataclass(frozen=True, slots=True)
class _Segment:
    """One reference inside a matched phrase: its span in the phrase and its leaf items."""

    start: int
    end: int
    leaves: tuple[int, ...]
    relative: bool
    fixed: tuple[Citation, ...] | None  # the citations when they need no context


def _resolve_all(
    phrase: str, items: list[_Item], leaves: tuple[int, ...], context: Citation | None
) -> tuple[Citation, ...]:
    return tuple(sorted({resolve(phrase, items, i, context) for i in leaves}, key=Citation.sort_key))


@functools.lru_cache(maxsize=16384)
def _analyse(phrase: str) -> tuple[list[_Item], tuple[_Segment, ...]] | None:
    """Read a matched phrase and split it into references (context-free, hence cached)."""
    try:
        items = read_items(phrase)
    except CitationError:
        return None
    roots = []
    for item in items:
        root = item
        while root.parent != -1:
            root = items[root.parent]
        roots.append(root)
    groups: list[list[int]] = []
    last_single, last_level = False, items[0].level
    for index, item in enumerate(items):
        single = roots[index] is item and item.leaf
        if index and (
            roots[index] is roots[index - 1] or (single and last_single and item.level == last_level)
        ):
            groups[-1].append(index)
        else:
            groups.append([index])
        last_single, last_level = single, item.level
    segments = []
    for group in groups:
        leaves = tuple(i for i in group if items[i].leaf)
        try:
            fixed: tuple[Citation, ...] | None = _resolve_all(phrase, items, leaves, None)
        except CitationError:
            fixed = None
        relative = any(items[i].value == _THIS for i in group)
        segments.append(_Segment(items[group[0]].start, items[group[-1]].end, leaves, relative, fixed))
    return items, tuple(segments)


def scan_references(text: str, context: Citation | None) -> list[Reference]:
    """:func:`quyche_rules.citations.find_references` on an NFC text."""
    found: list[Reference] = []
    pos = 0
    while (match := _PHRASE.search(text, pos)) is not None:
        analysed = _analyse(match[0])
        if analysed is None or (
            analysed[0][0].level == "point" and not _point_start_ok(text, match, analysed[0])
        ):
            pos = match.start() + 1
            continue
        pos = match.end()
        items, segments = analysed
        external = _external(text, match.end())
        for segment in segments:
            ext = None if segment.relative else external
            citations = segment.fixed
            if citations is None:
                try:
                    citations = () if ext else _resolve_all(match[0], items, segment.leaves, context)
                except CitationError:
                    continue
            start, end = match.start() + segment.start, match.start() + segment.end
            found.append(Reference(start, end, text[start:end], citations, ext))
    return found
