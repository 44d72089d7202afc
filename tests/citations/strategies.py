"""Hypothesis strategies for citations in the canonical shapes that parse_citation produces."""

from __future__ import annotations

from hypothesis import strategies as st

from quyche_rules.citations import POINT_LETTERS, Citation, to_roman

numbers = st.builds(lambda n, s: f"{n}{s}", st.integers(1, 40), st.sampled_from(["", "", "", "a", "b", "c"]))
plain_numbers = st.integers(1, 40).map(str)
points = st.builds(
    lambda p, s: f"{p}{s}", st.sampled_from(POINT_LETTERS), st.sampled_from(["", "", "", "1", "2"])
)
chapters = st.integers(1, 49).map(to_roman)

chapter_citations = st.builds(lambda c: Citation(chapter=c), chapters)
section_citations = st.builds(lambda c, s: Citation(chapter=c, section=s), chapters, plain_numbers)
article_citations = st.builds(lambda a: Citation(article=a), numbers)
clause_citations = st.builds(lambda a, k: Citation(article=a, clause=k), numbers, numbers)
point_citations = st.builds(lambda a, k, p: Citation(article=a, clause=k, point=p), numbers, numbers, points)
article_point_citations = st.builds(lambda a, p: Citation(article=a, point=p), numbers, points)

citations = st.one_of(
    chapter_citations,
    section_citations,
    article_citations,
    clause_citations,
    point_citations,
    article_point_citations,
)


@st.composite
def siblings(draw: st.DrawFn) -> list[Citation]:
    """Several citations sharing one parent: points of a clause, clauses of an article, articles..."""
    parent = draw(st.one_of(st.none(), article_citations, clause_citations, chapter_citations))
    if parent is None:
        values = draw(st.lists(numbers, min_size=1, max_size=5))
        return [Citation(article=v) for v in values]
    if parent.chapter is not None:
        values = draw(st.lists(plain_numbers, min_size=1, max_size=5))
        return [Citation(chapter=parent.chapter, section=v) for v in values]
    if parent.clause is None:
        values = draw(st.lists(numbers, min_size=1, max_size=5))
        return [Citation(article=parent.article, clause=v) for v in values]
    values = draw(st.lists(points, min_size=1, max_size=5))
    return [Citation(article=parent.article, clause=parent.clause, point=v) for v in values]


citation_lists = st.one_of(
    st.lists(citations, min_size=1, max_size=6),
    siblings(),
    st.builds(lambda a, b: a + b, siblings(), siblings()),
)
