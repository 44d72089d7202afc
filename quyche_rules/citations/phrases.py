"""What a citation phrase in prose is, and how one is read: the pattern, its heuristics and its analysis.

The scanner (:mod:`quyche_rules.citations.scanner`) finds phrases with :data:`PHRASE` and reads each with
:func:`analyse`, which uses the grammar of :mod:`quyche_rules.citations.grammar` (or, for the most common
phrase, one unit cited in full, a faster reading that gives the same result).

Heuristics (prose):

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
* A phrase that cannot be read, or that the context cannot resolve (``khoản này`` in an article's own
  text), is reported by the scanner, never dropped silently.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from quyche_rules.citations.grammar import THIS, Item, citation_of, read_items, resolve
from quyche_rules.citations.model import Citation
from quyche_rules.citations.numbers import CitationError, Level, part_problem

__all__ = ["PHRASE", "Analysed", "Segment", "analyse", "external", "point_start_ok", "resolve_all"]


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


PHRASE = _pattern()
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


def point_start_ok(text: str, match: re.Match[str], items: list[Item]) -> bool:
    """Tell whether a phrase opening with ``điểm`` is a citation here (see the heuristics above)."""
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


def external(text: str, end: int) -> str | None:
    """Return the other instrument named right after a phrase ending at ``end``, or None (this regulation)."""
    match = _EXTERNAL.match(text, end)
    if match is None or (match["this"] and match["type"] in _THIS_REGULATION):
        return None
    ext = match["ext"]
    if match["type"] in ("Luật", "Bộ luật") and ext == match["type"]:
        ext += _law_name(text, match.end())
    return ext


@dataclass(frozen=True, slots=True)
class Segment:
    """One reference inside a matched phrase: its span in the phrase and its leaf items."""

    start: int
    end: int
    leaves: tuple[int, ...]
    relative: bool
    fixed: tuple[Citation, ...] | None  # the citations when they need no context


#: a phrase read: its items and the references (segments) it makes
Analysed = tuple[list[Item], tuple[Segment, ...]]


def resolve_all(
    phrase: str, items: list[Item], leaves: tuple[int, ...], context: Citation | None
) -> tuple[Citation, ...]:
    """Return the citations of a reference's leaves, in document order, without duplicates."""
    if len(leaves) == 1:
        return (resolve(phrase, items, leaves[0], context),)
    return tuple(sorted({resolve(phrase, items, i, context) for i in leaves}, key=Citation.sort_key))


def analyse(phrase: str) -> Analysed | CitationError:
    """Read a matched phrase and split it into references, or say why it cannot (short phrases are cached)."""
    return _analyse_cached(phrase) if len(phrase) <= _CACHED else _read(phrase)


#: the longest phrase kept in the cache: the cache's memory stays small whatever the texts
_CACHED = 256


@functools.lru_cache(maxsize=16384)
def _analyse_cached(phrase: str) -> Analysed | CitationError:
    return _read(phrase)


def _read(phrase: str) -> Analysed | CitationError:
    """Read a matched phrase and split it into references (context-free), or say why it cannot."""
    return _read_simple(phrase) or _read_grammar(phrase)


#: one unit cited in full, in its usual form (``Điều 5``, ``khoản 2 Điều 5``, ``điểm a khoản 2 Điều 5``)
_SIMPLE = re.compile(r"(?:(điểm) ([a-zđ][0-9]*) )?(?:(khoản) ([0-9]+[a-z]*) )?(Điều) ([0-9]+[a-z]*)")
_SIMPLE_LEVELS: tuple[tuple[Level, int], ...] = (("point", 2), ("clause", 4), ("article", 6))


def _read_simple(phrase: str) -> Analysed | None:
    """Read the most common phrase, one unit cited in full, as the grammar does but faster; else ``None``.

    Most citations in a text are of this form: reading them without the grammar's tokenizer keeps long texts
    fast. A test checks that the result is the grammar's.
    """
    match = _SIMPLE.fullmatch(phrase)
    if match is None:
        return None
    items: list[Item] = []
    for level, group in _SIMPLE_LEVELS:
        value = match[group]
        if value is None:
            continue
        if part_problem(level, value) is not None:
            return None  # the grammar says why
        if items:
            items[-1].parent = len(items)
        items.append(Item(level, value, match.start(group - 1), match.end(group), "jux" if items else None,
                          leaf=not items))
    cited = citation_of(tuple((item.level, item.value) for item in items))
    return items, (Segment(items[0].start, items[-1].end, (0,), False, (cited,)),)


def _read_grammar(phrase: str) -> Analysed | CitationError:
    """Read a matched phrase with the grammar and split it into references, or say why it cannot."""
    try:
        items = read_items(phrase)
    except CitationError as err:
        return err
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
            fixed: tuple[Citation, ...] | None = resolve_all(phrase, items, leaves, None)
        except CitationError:
            fixed = None
        relative = any(items[i].value == THIS for i in group)
        segments.append(Segment(items[group[0]].start, items[group[-1]].end, leaves, relative, fixed))
    return items, tuple(segments)


