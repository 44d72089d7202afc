"""Articles, clauses and points, their norms and suppressions; the flattened provision view."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, field_validator

from quyche_rules.citations import Citation, part_problem
from quyche_rules.findings import Location
from quyche_rules.model.base import Model
from quyche_rules.model.norm_items import NormItem, unwrap
from quyche_rules.model.norms import Norm
from quyche_rules.trusted import construct

__all__ = ["Article", "Change", "Clause", "Lint", "Point", "Provision", "document_order", "iter_provisions"]


class Lint(Model):
    """Suppression of findings on a provision, with the reason it is kept."""

    ignore: tuple[str, ...] = Field(min_length=1)
    """Codes of the checks to suppress here, e.g. ``QC205``."""
    reason: str = Field(min_length=1)
    """Why the finding is accepted (required)."""

    @field_validator("ignore")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not re.fullmatch(r"QC\d{3}", code):
                raise ValueError(f"{code!r} is not a check code (QC followed by three digits)")
        return value


class Change(Model):
    """Provenance in a consolidated text: one change an amendment made to this provision, and from when."""

    action: Literal["amended", "inserted", "replaced", "repealed", "phrase_replaced", "reassigned"]
    """amended (sửa đổi, bổ sung), inserted (bổ sung), replaced (thay thế cả điều), repealed (bãi bỏ),
    phrase_replaced (thay thế cụm từ) or reassigned (norms moved to a successor unit)."""
    amendment: str
    """Id of the amendment file that made the change."""
    instrument: str | None = None
    """Number of the amending instrument, e.g. "12/QĐ-UBDT"."""
    effective: dt.date
    """Date from which the change applies."""
    note: str = ""
    """What changed, in Vietnamese, when the action alone does not say (e.g. the phrase replaced)."""


def _number(level: str, value: str) -> str:
    problem = part_problem(level, value)  # type: ignore[arg-type]
    if problem is not None:
        expected, fix = problem
        raise ValueError(f"{value!r}: expected {expected.en}; {fix.en}")
    return value


class Point(Model):
    """A point (điểm) of a clause."""

    point: str = Field(pattern=r"^[abcdđeghiklmnopqrstuvxy][0-9]*$")
    """Vietnamese letter: a b c d đ e g h i k l m n o p q r s t u v x y."""
    text: str
    """Vietnamese text."""
    norms: tuple[NormItem, ...] = ()
    """Norms the point creates."""
    note: str = ""
    """A note of the model, not part of the text: what the encoding assumes, paraphrases or leaves out."""
    lint: Lint | None = None
    """Suppressed findings, with the reason."""
    history: tuple[Change, ...] = ()
    """Consolidated versions only: the amendments that changed this point, oldest first."""

    @field_validator("point")
    @classmethod
    def _point(cls, value: str) -> str:
        return _number("point", value)


class Clause(Model):
    """A clause (khoản) of an article."""

    clause: str = Field(pattern=r"^\d+[a-z]?$")
    """Number, with a suffix for inserted clauses (``19a``)."""
    text: str
    """Vietnamese text (the lead-in when the clause has points)."""
    norms: tuple[NormItem, ...] = ()
    """Norms the clause creates."""
    points: tuple[Point, ...] = ()
    """Points of the clause."""
    note: str = ""
    """A note of the model, not part of the text: what the encoding assumes, paraphrases or leaves out."""
    lint: Lint | None = None
    """Suppressed findings, with the reason."""
    history: tuple[Change, ...] = ()
    """Consolidated versions only: the amendments that changed this clause, oldest first."""

    @field_validator("clause")
    @classmethod
    def _clause(cls, value: str) -> str:
        return _number("clause", value)


class Article(Model):
    """An article (Điều): one file under ``articles/``."""

    article: str = Field(pattern=r"^\d+[a-z]?$")
    """Number, with a suffix for inserted articles (``4a``)."""
    title: str
    """Title of the article."""
    chapter: str | None = Field(default=None, pattern=r"^[IVXL]+$")
    """Roman numeral of the chapter it belongs to."""
    section: str | None = Field(default=None, pattern=r"^\d+[a-z]?$")
    """Number of the section (Mục) it belongs to."""
    text: str = ""
    """Vietnamese text of an article without clauses, or its lead-in."""
    norms: tuple[NormItem, ...] = ()
    """Norms the article itself creates."""
    clauses: tuple[Clause, ...] = ()
    """Clauses of the article."""
    note: str = ""
    """A note of the model, not part of the text: what the encoding assumes, paraphrases or leaves out."""
    lint: Lint | None = None
    """Suppressed findings, with the reason."""
    history: tuple[Change, ...] = ()
    """Consolidated versions only: the amendments that changed this article, oldest first."""

    @field_validator("article")
    @classmethod
    def _article(cls, value: str) -> str:
        return _number("article", value)

    @property
    def article_key(self) -> tuple[int, str]:
        """Return the sort key of the article number (4 < 4a < 5)."""
        digits = "".join(ch for ch in self.article if ch.isdigit())
        return (int(digits) if digits else 0, self.article[len(digits):])


def document_order(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Return ``articles`` in document order: by number (4 < 4a < 5); articles sharing a number (QC011) by content.

    Loading gives this order whatever the files are named, so a regulation written out and read back (a
    consolidation, for instance) has its articles in the same order.
    """
    items = list(articles)
    counts = Counter(a.article for a in items)
    return tuple(sorted(items, key=lambda a: (a.article_key, a.model_dump_json() if counts[a.article] > 1 else "")))


@dataclass(frozen=True)
class Provision:
    """One provision (article, clause or point) with its citation, text, norms and place."""

    citation: Citation
    text: str
    norms: tuple[Norm, ...]
    suppressed: tuple[str, ...]
    reason: str
    own_suppressed: tuple[str, ...]
    location: Location | None
    article_title: str

    phrase: str = field(init=False, compare=False)
    """The citation phrase, e.g. "điểm a khoản 2 Điều 5" (computed once)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrase", self.citation.format())


def _own(item: Article | Clause | Point) -> tuple[str, ...]:
    return item.lint.ignore if item.lint else ()


def iter_provisions(article: Article) -> Iterator[Provision]:
    """Yield the article, then each clause and each point, in document order.

    Suppressions are inherited: a code ignored on an article applies to its clauses and points.
    """
    base = construct(Citation, article=article.article)  # validated with the article

    def lint_of(item: Article | Clause | Point, inherited: tuple[str, ...], why: str) -> tuple[tuple[str, ...], str]:
        if item.lint is None:
            return inherited, why
        return tuple(sorted(set(inherited) | set(item.lint.ignore))), item.lint.reason

    a_codes, a_why = lint_of(article, (), "")
    yield Provision(
        base, article.text or article.title, tuple(unwrap(n) for n in article.norms),
        a_codes, a_why, _own(article), article.loc, article.title,
    )
    for clause in article.clauses:
        c_cit = construct(Citation, article=article.article, clause=clause.clause)  # both validated already
        c_codes, c_why = lint_of(clause, a_codes, a_why)
        yield Provision(
            c_cit, clause.text, tuple(unwrap(n) for n in clause.norms), c_codes, c_why, _own(clause), clause.loc,
            article.title,
        )
        for point in clause.points:
            p_codes, p_why = lint_of(point, c_codes, c_why)
            yield Provision(
                construct(Citation, article=article.article, clause=clause.clause, point=point.point), point.text,
                tuple(unwrap(n) for n in point.norms), p_codes, p_why, _own(point), point.loc, article.title,
            )

