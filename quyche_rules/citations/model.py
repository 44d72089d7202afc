"""The structured citation, a reference found in prose, and the canonical phrase of citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from quyche_rules.citations.numbers import (
    KEYWORDS,
    LEVELS,
    CitationError,
    Level,
    from_roman,
    part_problem,
)
from quyche_rules.citations.order import number_key, point_key
from quyche_rules.i18n import nfc

__all__ = ["Citation", "Reference", "Unreadable", "format_citations"]


class Citation(BaseModel):
    """A structured citation: chapter (Roman), section, article, clause, point.

    Articles and clauses are numbers with an optional letter suffix for inserted items
    (``"4a"``, ``"19a"``); points are Vietnamese letters (``"đ"``), possibly suffixed.
    A clause or point needs its article, a section its chapter. Values are NFC-normalised
    and must be canonical: lower-case suffixes and points, upper-case Roman numerals.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    chapter: str | None = None
    section: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    @field_validator("chapter", "section", "article", "clause", "point", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> object:
        return nfc(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _well_formed(self) -> Citation:
        for level in LEVELS:
            value = getattr(self, level)
            problem = None if value is None else part_problem(level, value)
            if problem is not None:
                expected, fix = problem
                raise ValueError(
                    f"invalid {level} {value!r}: expected {expected.en}; {fix.en} "
                    f"({KEYWORDS[level]} {value!r} không hợp lệ: {fix.vi})"
                )
        if all(getattr(self, level) is None for level in LEVELS):
            raise ValueError("a citation names at least a chapter or an article (trích dẫn trống)")
        if (self.clause is not None or self.point is not None) and self.article is None:
            raise ValueError("a clause or point needs its article (khoản, điểm phải thuộc một Điều)")
        if self.section is not None and self.chapter is None:
            raise ValueError("a section needs its chapter (Mục phải thuộc một Chương)")
        return self

    @property
    def level(self) -> Level:
        """The smallest unit named: ``"point"`` for ``điểm a khoản 2 Điều 5``."""
        return next(level for level in reversed(LEVELS) if getattr(self, level) is not None)

    def parent(self) -> Citation | None:
        """The citation one level up (the smallest unit dropped), or ``None`` at the top."""
        rest = {level: getattr(self, level) for level in LEVELS if level != self.level}
        return None if all(value is None for value in rest.values()) else Citation(**rest)

    def sort_key(self) -> tuple[tuple[int | str, ...], ...]:
        """A key giving document order: ``4 < 4a < 4b < 5``, ``d < đ < e``, a unit before its parts."""
        return (
            (0,) if self.chapter is None else (1, from_roman(self.chapter)),
            (0,) if self.section is None else (1, int(self.section)),
            number_key(self.article),
            number_key(self.clause),
            point_key(self.point),
        )

    def contains(self, other: Citation) -> bool:
        """Tell whether ``other`` is this unit or lies inside it.

        Chapters and sections contain only citations that name them: articles are numbered
        through the whole regulation, so ``Điều 5`` alone is not known to be in ``Chương II``.
        """
        if self.article is not None:
            if other.article != self.article:
                return False
            if self.clause is None and self.point is None:
                return True
            return other.clause == self.clause and (self.point is None or other.point == self.point)
        return other.chapter == self.chapter and (self.section is None or other.section == self.section)

    def format(self) -> str:
        """The canonical phrase, smallest unit first: ``"điểm đ khoản 2 Điều 5"``, ``"Mục 1 Chương III"``.

        An article-level citation leaves out its chapter and section (articles are numbered
        through the whole regulation).
        """
        parts: tuple[tuple[str, str | None], ...]
        if self.article is None:
            parts = (("Mục", self.section), ("Chương", self.chapter))
        else:
            parts = (("điểm", self.point), ("khoản", self.clause), ("Điều", self.article))
        return " ".join(f"{word} {value}" for word, value in parts if value)

    def __str__(self) -> str:
        return self.format()


def _sorted_unique(citations: Sequence[Citation]) -> list[Citation]:
    return sorted(set(citations), key=Citation.sort_key)


def format_citations(citations: Sequence[Citation]) -> str:
    """The canonical phrase for several citations, siblings grouped under their shared parent.

    ``"các điểm a, b và c khoản 1 Điều 7"``, ``"các Điều 5 và 6"``; groups with different
    parents are joined with ``"; "`` in document order. Returns ``""`` for no citations.
    """
    groups: dict[tuple[str, Level], list[Citation]] = {}
    for citation in _sorted_unique(citations):
        words = citation.format().split(" ")
        groups.setdefault((" ".join(words[2:]), citation.level), []).append(citation)
    phrases = []
    for (parent, level), members in groups.items():
        values = list(dict.fromkeys(str(getattr(member, level)) for member in members))
        if len(values) == 1:
            phrases.append(members[0].format())
            continue
        listed = ", ".join(values[:-1]) + " và " + values[-1]
        phrases.append(" ".join(filter(None, ("các", KEYWORDS[level], listed, parent))))
    return "; ".join(phrases)


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation phrase found in prose.

    Attributes:
        start: offset of the phrase in the (NFC) text.
        end: offset just past the phrase; ``text[start:end] == phrase``.
        phrase: the citation phrase, without any instrument named after it.
        citations: the cited units, resolved against the context (``()`` if unresolvable).
        external: the other instrument cited (``"Nghị định số 30/2020/NĐ-CP"``), or ``None``.
    """

    start: int
    end: int
    phrase: str
    citations: tuple[Citation, ...]
    external: str | None = None

    @property
    def internal(self) -> bool:
        """Whether the reference points into the regulation itself."""
        return self.external is None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A citation phrase found in prose that cannot be read (a decreasing range, units in the wrong order …).

    Attributes:
        start: offset of the phrase in the (NFC) text.
        end: offset just past the part not read.
        error: what cannot be read, what was expected and how to fix it.
    """

    start: int
    end: int
    error: CitationError
