"""Read the structure of a regulation's plain text: Chương, Mục, Điều, khoản "1.", điểm "a)".

Text is kept verbatim (NFC); the lines of one paragraph that were wrapped are joined with a space, and the
paragraphs of one provision with a blank line. Markdown headings ("## Chương I", "### Điều 1. …",
"**Điều 1.** …") and list marks ("- a) …") are read as the plain forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from quyche_rules.citations.numbers import Level

__all__ = ["MAX_CHAPTER", "ArticleText", "ChapterText", "ClauseText", "Document", "Numbered", "PointText", "parse",
           "regulation_text", "to_roman"]

_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+(?=[a-zđ]\d*\)))")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CHAPTER = re.compile(r"^Chương\s+([IVXL]+|\d+)\b[\s.:\-–—]*(.*)$", re.I)
_SECTION = re.compile(r"^Mục\s+(\d+[a-z]?)\b[\s.:\-–—]*(.*)$", re.I)
#: "Điều 5." and the codified numbering of the Bộ pháp điển ("Điều 42.1.NĐ.1."), read whole to be refused
_ARTICLE = re.compile(r"^Điều\s+(\d+(?:\.(?:\d+|[A-ZĐ]+))+|\d+[a-z]?)\s*[.:]\s*(.*)$")
_CLAUSE = re.compile(r"^(\d+[a-z]?)\.\s+(.*)$")
_POINT = re.compile(r"^([abcdđeghiklmnopqrstuvxy]\d*)\)\s+(.*)$")
_ROMAN = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
#: the last chapter a rule file can number (LXXXIX: its chapters are written with I, V, X and L)
MAX_CHAPTER = 89


def to_roman(number: int) -> str:
    """Return ``number`` (1-89: the rule files' chapters are written with I, V, X and L) in Roman numerals."""
    out = ""
    for value, digits in _ROMAN:
        while number >= value:
            out, number = out + digits, number - value
    return out


class Numbered(NamedTuple):
    """A number as the text writes it ("Chương 3"), at its line, and as the folder will ("III")."""

    line: int
    level: Level
    source: str
    written: str


@dataclass
class PointText:
    """A point (điểm) and its paragraphs."""

    point: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return its paragraphs, separated by a blank line."""
        return "\n\n".join(self.paragraphs)


@dataclass
class ClauseText:
    """A clause (khoản), its paragraphs and points."""

    clause: str
    paragraphs: list[str] = field(default_factory=list)
    points: list[PointText] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return its paragraphs, separated by a blank line."""
        return "\n\n".join(self.paragraphs)


@dataclass
class ArticleText:
    """An article (Điều): title, chapter, section, line (in the text read), text before its clauses, clauses."""

    article: str
    title: str
    chapter: str | None
    section: str | None
    line: int
    paragraphs: list[str] = field(default_factory=list)
    clauses: list[ClauseText] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return its paragraphs, separated by a blank line."""
        return "\n\n".join(self.paragraphs)


@dataclass
class ChapterText:
    """A chapter (Chương) with its title and its sections (number, title)."""

    chapter: str
    title: str
    sections: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Document:
    """The text read: its title lines before the first chapter or article, chapters and articles."""

    preamble: list[str] = field(default_factory=list)
    chapters: list[ChapterText] = field(default_factory=list)
    articles: list[ArticleText] = field(default_factory=list)
    numbers: list[Numbered] = field(default_factory=list)


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ")
    line = _MARKUP.sub("", line)
    line = _BOLD.sub(r"\1", line)
    return re.sub(r"[ \t]+", " ", line).strip()


def _paragraphs(lines: list[str], skipped: int = 0) -> list[tuple[int, str]]:
    """Join wrapped lines: a paragraph ends at a blank line or before a line that starts a structural unit.

    Each paragraph comes with the number of its first line, counting ``skipped`` lines before ``lines``.
    """
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(lines, start=skipped + 1):
        line = _clean(raw)
        starts = bool(line) and any(p.match(line) for p in (_CHAPTER, _SECTION, _ARTICLE, _CLAUSE, _POINT))
        after_title = bool(current) and _ARTICLE.match(current[0]) is not None
        if (not line or starts or after_title or raw.lstrip().startswith(("#", "- ", "* "))) and current:
            out.append((start, " ".join(current)))
            current = []
        if line:
            if not current:
                start = number
            current.append(line)
    if current:
        out.append((start, " ".join(current)))
    return out


_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
#: the heading of a regulation attached to the instrument that issues it ("QUY CHẾ LÀM VIỆC CỦA CHÍNH PHỦ")
_ATTACHED = re.compile(r"^[#\s*]*QUY CHẾ\b.*$", re.M)


def regulation_text(text: str) -> str:
    """Return the regulation in ``text``, without a Markdown front matter.

    When a promulgating instrument comes first ("NGHỊ ĐỊNH … Điều 1. Ban hành kèm theo … Quy chế"), the
    regulation starts at its own heading ("QUY CHẾ LÀM VIỆC …"), the last such heading of the text.
    """
    text = _FRONT_MATTER.sub("", unicodedata.normalize("NFC", text), count=1)
    headings = list(_ATTACHED.finditer(text))
    if headings and re.search(r"(?m)^[#\s*]*Điều\s+1\b", text[: headings[-1].start()]):
        return text[headings[-1].start():]
    return text


def parse(text: str) -> Document:
    """Return the structure of ``text``; numbering the reader cannot place stays in the paragraph it is in.

    Lines are counted in ``text`` itself, the front matter and a promulgating instrument before the regulation
    included.
    """
    whole = unicodedata.normalize("NFC", text)
    text = regulation_text(text)  # a suffix of the whole text
    skipped = len(whole[: len(whole) - len(text)].splitlines())
    doc = Document()
    chapter: ChapterText | None = None
    section: str | None = None
    article: ArticleText | None = None
    clause: ClauseText | None = None
    point: PointText | None = None
    for number, para in _paragraphs(text.splitlines(), skipped):
        if m := _CHAPTER.match(para):
            label = m.group(1).upper()
            if label.isdigit() and len(label) < 3 and 0 < int(label) <= MAX_CHAPTER:  # else refused as it is
                label = to_roman(int(label))
            doc.numbers.append(Numbered(number, "chapter", m.group(1), label))
            chapter = ChapterText(label, m.group(2).strip())
            doc.chapters.append(chapter)
            section, article, clause, point = None, None, None, None
        elif (m := _SECTION.match(para)) and chapter is not None:
            section = m.group(1)
            doc.numbers.append(Numbered(number, "section", section, section))
            chapter.sections.append((section, m.group(2).strip()))
            article, clause, point = None, None, None
        elif m := _ARTICLE.match(para):
            article = ArticleText(m.group(1), m.group(2).strip(), chapter.chapter if chapter else None, section,
                                  number)
            doc.articles.append(article)
            doc.numbers.append(Numbered(number, "article", article.article, article.article))
            clause, point = None, None
        elif article is None:
            if chapter is not None and not chapter.title:
                chapter.title = para
            else:
                doc.preamble.append(para)
        elif (m := _CLAUSE.match(para)) and _next_clause(article, m.group(1)):
            clause = ClauseText(m.group(1), [m.group(2)])
            article.clauses.append(clause)
            doc.numbers.append(Numbered(number, "clause", clause.clause, clause.clause))
            point = None
        elif (m := _POINT.match(para)) and clause is not None:
            point = PointText(m.group(1), [m.group(2)])
            clause.points.append(point)
            doc.numbers.append(Numbered(number, "point", point.point, point.point))
        elif point is not None:
            point.paragraphs.append(para)
        elif clause is not None:
            clause.paragraphs.append(para)
        else:
            article.paragraphs.append(para)
    return doc


def _next_clause(article: ArticleText, label: str) -> bool:
    """Tell whether ``label`` can be the next clause number (so that "2021." in a sentence is not a clause)."""
    digits = re.fullmatch(r"(\d{1,6})[a-z]?", label)  # longer: no clause, and int() refuses 4,300 digits
    if digits is None:
        return False
    if not article.clauses:
        return int(digits.group(1)) == 1
    last = re.match(r"\d+", article.clauses[-1].clause)
    prev = int(last.group()) if last else 0
    return int(digits.group(1)) in (prev, prev + 1) and label != article.clauses[-1].clause
