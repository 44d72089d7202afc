"""Short fuzzing run of the citation parser (CI).

``parse_citation`` returns citations or raises ``CitationError``; ``find_references`` never raises and its
references index the text; what is read, its canonical phrase reads back the same.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import report
from tests.fuzz.engine import CITATION_TOKENS, CitationTarget, campaign, citation_contexts

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

TARGET = CitationTarget()
CONTEXTS = st.integers(0, len(citation_contexts()) - 1)
FUZZ = settings(max_examples=600, deadline=None, database=None)


def test_seeded_campaign_of_citation_phrases() -> None:
    stats = campaign("citations", 3000, seed=2_2024)
    assert stats.failures == 0, report(stats)


@FUZZ
@given(text=st.text(max_size=80), context=CONTEXTS)
def test_arbitrary_text(text: str, context: int) -> None:
    TARGET.run(context, text)


@FUZZ
@given(words=st.lists(st.sampled_from(CITATION_TOKENS), max_size=16), context=CONTEXTS)
def test_phrases_made_of_citation_words(words: list[str], context: int) -> None:
    TARGET.run(context, "".join(words))


@FUZZ
@given(words=st.lists(st.one_of(st.sampled_from(CITATION_TOKENS), st.text(max_size=3)), max_size=12),
       context=CONTEXTS)
def test_citation_words_mixed_with_anything(words: list[str], context: int) -> None:
    TARGET.run(context, "".join(words))
