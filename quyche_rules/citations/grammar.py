"""The grammar of Vietnamese citation phrases: :func:`parse_citation` and :func:`canonical`.

A phrase is read in two passes. Left to right, each number gets its level from the keyword
before it (``khoản 2``) or, after ``,`` / ``và`` / ``hoặc`` / ``đến``, from the item before
(``các điểm a, b và c``). Right to left, each item finds its container: the next item when
written directly before it (``điểm a khoản 1``: "of"), else the container of its nearest
same-level sibling on the right (``khoản 1 và khoản 2 Điều 5``): both passes are
:mod:`quyche_rules.citations.items`'. Items with nothing inside them are the citations, completed here from the
context a relative one is read in (:func:`resolve`).

The scanner that finds phrases in prose (:mod:`quyche_rules.citations.scanner`) reads them with the same grammar.
"""

from __future__ import annotations

import functools

from quyche_rules.citations.items import MAX_ITEMS, THIS, Item, read_items
from quyche_rules.citations.model import Citation, format_citations
from quyche_rules.citations.numbers import KEYWORDS, CitationError, Level
from quyche_rules.citations.reading_errors import a_or_an, shown
from quyche_rules.i18n import Text, nfc

__all__ = ["MAX_ITEMS", "THIS", "Item", "canonical", "citation_of", "parse_citation", "read_items", "resolve"]

#: What a phrase whose largest unit is the key takes from the context ("khoản 2" -> the article).
_MISSING: dict[Level, tuple[Level, ...]] = {
    "point": ("clause", "article"),
    "clause": ("article",),
    "section": ("chapter",),
}
#: how a relative citation is completed, by the unit it lacks
_COMPLETED = {"article": "Điều 7", "chapter": "Chương II", "clause": "khoản 1"}


def _needs_context(phrase: str, item: Item, what: Level) -> CitationError:
    """A relative citation ("khoản 2", "Điều này") read where nothing says which article (or chapter) it is in."""
    quoted = shown(phrase)
    before = phrase[: item.end].strip() if item.value != THIS else phrase[: item.start].strip()
    if item.level == "point" and what == "article":
        before += " khoản 1"  # a point is cited with its clause: "điểm a khoản 1 Điều 7"
    example = f"{before} {_COMPLETED.get(what, KEYWORDS[what])}".strip()
    return CitationError(
        Text.of(
            f"“{quoted}” không nói thuộc {KEYWORDS[what]} nào (trích dẫn tương đối)",
            f"“{quoted}” does not say which {what} it belongs to (a relative citation)",
        ),
        expected=Text.of(
            f"trích dẫn có {KEYWORDS[what]}, hoặc đọc trong ngữ cảnh có {KEYWORDS[what]} (lời văn của một quy định)",
            f"a citation with its {what}, or one read in a context with {a_or_an(what)} {what} (a provision's text)",
        ),
        fix=Text.of(
            f"ghi rõ {KEYWORDS[what]}, ví dụ “{example}”",
            f"name the {what} explicitly, e.g. “{example}”",
        ),
        phrase=phrase,
        offset=item.start,
    )


def resolve(phrase: str, items: list[Item], leaf: int, context: Citation | None) -> Citation:
    """The citation for ``items[leaf]``, filling relative and missing units from ``context``."""
    fields: dict[str, str | None] = {}
    index, top = leaf, items[leaf]
    while index != -1:
        top = items[index]
        value: str | None = top.value
        if value == THIS:
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
    return citation_of(tuple(fields.items()))


@functools.lru_cache(maxsize=4096)
def citation_of(fields: tuple[tuple[str, str | None], ...]) -> Citation:
    """Return the (immutable, hence shared) citation of ``fields``: a text citing one unit often builds it once."""
    return Citation(**dict(fields))


def parse_citation(phrase: str, context: Citation | None = None) -> tuple[Citation, ...]:
    """Read a citation phrase into citations, in document order without duplicates.

    Args:
        phrase: e.g. ``"các điểm a, b và c khoản 1 Điều 7"``, ``"khoản 1 Điều này"``,
            ``"từ khoản 1 đến khoản 3 Điều 5"``. Keywords are case-insensitive; NFD input is accepted.
        context: the provision the phrase is written in; resolves ``này`` ("this") and bare
            ``"khoản 2"`` / ``"điểm a"`` / ``"Mục 1"``.

    Raises:
        CitationError: the phrase cannot be read, or needs a context it was not given.
    """
    return _parse_cached(nfc(phrase), context)


def canonical(phrase: str, context: Citation | None = None) -> str:
    """The canonical form of a citation phrase: ``format_citations(parse_citation(phrase, context))``."""
    return format_citations(parse_citation(phrase, context))


@functools.lru_cache(maxsize=8192)
def _parse_cached(phrase: str, context: Citation | None) -> tuple[Citation, ...]:
    """:func:`parse_citation` on an NFC phrase, cached."""
    items = read_items(phrase)
    found = {resolve(phrase, items, i, context) for i, item in enumerate(items) if item.leaf}
    return tuple(sorted(found, key=Citation.sort_key))
