"""What ``quyche import`` refuses in a text's numbering before it writes anything.

Two articles with one number would be two files of one name (the second silently replacing the first), and
every citation of that number (a suggested task, a norm confirmed earlier and kept by ``--update``) ambiguous:
the collision is reported with both lines, for the drafter to renumber in the text. The codified numbering of
the Bộ pháp điển ("Điều 42.1.NĐ.1.", one topic gathering articles of several instruments) is not a regulation's
own numbering: it is refused, naming the line. So is a number the loader would refuse ("Điều 0", twenty digits,
"Chương 0"), by the loader's own rules (:func:`~quyche_rules.citations.part_problem` and the pattern of the
model's field): the folder written loads.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from quyche_rules.citations.numbers import KEYWORDS, Level, part_problem
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text
from quyche_rules.importing.structure import MAX_CHAPTER, ArticleText, Document, Numbered, to_roman
from quyche_rules.model.provisions import Article, Clause, Point

__all__ = ["check_numbering"]

_NOTHING = Text.of("Chưa ghi gì.", "Nothing was written.")


def _pattern(model: type[BaseModel], name: str) -> re.Pattern[str]:
    """Return the pattern the model's field ``name`` requires (as the JSON Schema and the loader do)."""
    for meta in model.model_fields[name].metadata:
        pattern = getattr(meta, "pattern", None)
        if isinstance(pattern, str):
            return re.compile(pattern)
    raise LookupError(f"{model.__name__}.{name} has no pattern")


_PATTERNS: dict[Level, re.Pattern[str]] = {
    "chapter": _pattern(Article, "chapter"), "section": _pattern(Article, "section"),
    "article": _pattern(Article, "article"), "clause": _pattern(Clause, "clause"), "point": _pattern(Point, "point"),
}


def _heading(article: ArticleText, lines: bool) -> Text:
    title = f" «{article.title}»" if article.title else ""
    if not lines:
        return Text.of(f"Điều {article.article}{title}", f"Điều {article.article}{title}")
    return Text.of(f"dòng {article.line} (Điều {article.article}{title})",
                   f"line {article.line} (Điều {article.article}{title})")


def _codified(article: ArticleText, source: str, lines: bool) -> UsageError:
    number = article.article
    return UsageError(
        Text.of(f"Điều {number} đánh số theo Bộ pháp điển (đề mục, loại văn bản, số điều): quyche import chưa đọc "
                "được cách đánh số này",
                f"Điều {number} is numbered as in the codified law (Bộ pháp điển: topic, kind of instrument, "
                "article); quyche import does not read this numbering"),
        expected=Text.of("văn bản của chính quy chế, các điều đánh số Điều 1, Điều 2, … (Điều 4a cho điều bổ sung)",
                         "the regulation's own text, its articles numbered Điều 1, Điều 2, … (Điều 4a for an "
                         "inserted article)"),
        fix=Text.of("Nhập văn bản gốc (hoặc văn bản hợp nhất) của từng nghị định, thông tư, lấy từ Công báo hoặc "
                    "vbpl.vn; một đề mục pháp điển gộp điều của nhiều văn bản nên không thành một quy chế. "
                    + _NOTHING.vi,
                    "Import the original (or consolidated) text of each decree or circular, from the Official "
                    "Gazette or vbpl.vn; a topic of the codified law gathers the articles of several instruments, "
                    "so it is not one regulation. " + _NOTHING.en),
        file=source, line=article.line if lines else None)


def _duplicate(first: ArticleText, second: ArticleText, source: str, lines: bool) -> UsageError:
    one, two = _heading(first, lines), _heading(second, lines)
    return UsageError(
        Text.of(f"Hai điều cùng số {second.article}: {one.vi} và {two.vi}",
                f"Two articles numbered {second.article}: {one.en} and {two.en}"),
        expected=Text.of("mỗi điều một số riêng, theo thứ tự (Điều 1, Điều 2, …; Điều 4a cho điều bổ sung)",
                         "one number per article, in order (Điều 1, Điều 2, …; Điều 4a for an inserted article)"),
        fix=Text.of("Đánh số lại một trong hai điều trong văn bản rồi nhập lại; nếu văn bản gồm cả văn bản ban hành "
                    "(nghị định, quyết định) và quy chế kèm theo, chỉ giữ phần quy chế. " + _NOTHING.vi,
                    "Renumber one of the two articles in the text and import it again; if the text holds the "
                    "issuing instrument (decree, decision) before the regulation it issues, keep only the "
                    "regulation. " + _NOTHING.en),
        file=source, line=second.line if lines else None)


def _unusable(number: Numbered, expected: Text, fix: Text, source: str, lines: bool) -> UsageError:
    keyword = KEYWORDS[number.level]
    shown = f"{keyword[:1].upper()}{keyword[1:]} {number.source}"
    where = Text.of(f" ở dòng {number.line}", f" at line {number.line}") if lines else Text.of("", "")
    return UsageError(
        Text.of(f"{shown}{where.vi}: số này không dùng được trong một quy chế",
                f"{shown}{where.en}: this number cannot be used in a regulation"),
        expected=expected,
        fix=Text.of(f"Sửa số trong văn bản rồi nhập lại ({fix.vi}). {_NOTHING.vi}",
                    f"Correct the number in the text and import it again ({fix.en}). {_NOTHING.en}"),
        file=source, line=number.line if lines else None)


def check_numbering(doc: Document, source: str, *, lines: bool = True) -> None:
    """Refuse codified numbering, numbers the loader refuses and two articles with one number, naming the lines.

    Args:
        doc: the text read.
        source: the text's file, as messages name it.
        lines: whether ``doc``'s lines are the file's (not so for a Word file's paragraphs).

    Raises:
        UsageError: the first such article or number.
    """
    for article in doc.articles:
        if "." in article.article:
            raise _codified(article, source, lines)
    for number in doc.numbers:
        problem = part_problem(number.level, number.written)
        pattern = _PATTERNS[number.level]
        if problem is None and not pattern.match(number.written):
            problem = (Text.of(f"một số khớp mẫu {pattern.pattern} của lược đồ",
                               f"a number matching the schema's pattern {pattern.pattern}"),
                       Text.of("viết số như lược đồ cho phép", "write the number as the schema allows"))
        if problem is not None and number.level == "chapter" and number.source.isdigit():  # not one to convert
            problem = (problem[0], Text.of(f"chương đánh số từ 1 đến {MAX_CHAPTER}, tức I đến {to_roman(MAX_CHAPTER)}",
                                           f"chapters are numbered 1 to {MAX_CHAPTER}, i.e. I to "
                                           f"{to_roman(MAX_CHAPTER)}"))
        if problem is not None:
            raise _unusable(number, *problem, source, lines)
    seen: dict[str, ArticleText] = {}
    for article in doc.articles:
        first = seen.setdefault(article.article, article)
        if first is not article:
            raise _duplicate(first, article, source, lines)
