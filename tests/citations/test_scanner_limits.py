"""The scanner's bounds: linear work whatever the text, and every phrase it cannot read reported (QC112).

A phrase that cannot be read is read up to its fault and reported; reading goes on from the fault at most
MAX_RETRIES times a phrase; a phrase longer than MAX_PHRASE characters or naming more than MAX_ITEMS items is
reported unread, never expanded.
"""

from __future__ import annotations

import pytest

from quyche_rules.citations import Citation, parse_citation, scan_references
from quyche_rules.citations.grammar import MAX_ITEMS
from quyche_rules.citations.scanner import MAX_CITATIONS, MAX_PHRASE, MAX_RETRIES, MAX_UNREAD

CTX = parse_citation("khoản 1 Điều 3")[0]


def _phrases(text: str) -> tuple[list[str], list[str]]:
    refs, unread = scan_references(text, CTX)
    return [r.phrase for r in refs], [u.error.what.en for u in unread]


def test_a_decreasing_range_is_read_up_to_its_fault_and_reported() -> None:
    refs, unread = _phrases("Thực hiện theo Điều 9 đến Điều 2.")
    assert refs == ["Điều 9", "Điều 2"]
    assert len(unread) == 1 and "cannot read citation “Điều 9 đến Điều 2”" in unread[0]


def test_a_range_to_an_inserted_article_is_reported() -> None:
    refs, unread = _phrases("theo Điều 2 đến Điều 4a của quy chế")
    assert refs == ["Điều 2", "Điều 4a"]
    assert len(unread) == 1 and "cannot read citation “Điều 2 đến Điều 4a”" in unread[0]


def test_a_relative_phrase_the_context_cannot_resolve_is_reported() -> None:
    refs, unread = scan_references("theo điểm a khoản này", Citation(article="3"))
    assert refs == [] and len(unread) == 1


def test_a_phrase_longer_than_the_limit_is_reported_unread_not_expanded() -> None:
    text = "Thực hiện theo " + "khoản 1 Điều 7, " * (MAX_PHRASE // 10) + "khoản 2 Điều 7. Sau đó theo Điều 1."
    refs, unread = _phrases(text)
    assert refs == ["Điều 1"]  # what follows the long phrase is still read
    assert len(unread) == 1 and f"longer than {MAX_PHRASE:,} characters" in unread[0]


def test_a_phrase_of_too_many_items_is_refused_before_it_is_built() -> None:
    ranges = ", ".join(["Điều 1 đến Điều 500"] * 3)  # 1,500 items in 60 characters
    _, unread = _phrases(f"theo {ranges}.")
    assert unread and any(f"at most {MAX_ITEMS} items" in u or "cannot read" in u for u in unread)
    assert sum(len(r.citations) for r in scan_references(f"theo {ranges}.", CTX)[0]) <= 2 * MAX_ITEMS


def test_reading_goes_on_after_a_fault_a_bounded_number_of_times() -> None:
    refs, unread = _phrases("theo " + "Điều 9 đến Điều 2, " * 200 + "Điều 4.")
    assert len(unread) == MAX_RETRIES + 1
    assert "the rest of the phrase is not read" in unread[-1]
    assert len(refs) <= 2 * (MAX_RETRIES + 1)


def test_a_phrase_across_a_window_boundary_is_read_whole() -> None:
    filler = "a" * (MAX_PHRASE - 5) + " theo "
    refs, unread = _phrases(filler + "điểm b khoản 12 Điều 3 và khoản 4 Điều 5.")
    assert refs == ["điểm b khoản 12 Điều 3", "khoản 4 Điều 5"] and unread == []


def test_the_phrases_not_read_are_listed_up_to_a_limit_and_the_rest_counted() -> None:
    refs, unread = _phrases(" ".join(["Theo Điều 9 đến Điều 2."] * 50))
    assert len(refs) == 100 and len(unread) == MAX_UNREAD + 1
    assert unread[-1] == f"and {50 - MAX_UNREAD:,} more citations cannot be read"


def test_at_most_max_citations_are_read_in_one_text() -> None:
    text = " ".join(["Theo Điều 1 đến Điều 500."] * (MAX_CITATIONS // 500 + 5))
    refs, unread = scan_references(text, CTX)
    assert sum(len(r.citations) for r in refs) == MAX_CITATIONS
    assert [u.error.what.en for u in unread] == [f"{MAX_CITATIONS:,} citations read, the most read; the rest of "
                                                 "the text is not read"]


def test_a_regulation_reads_at_most_its_budget_of_citations(monkeypatch: pytest.MonkeyPatch) -> None:
    import quyche_rules.xrefs as xrefs
    from quyche_rules.loading import load_regulation
    from tests.conftest import ROOT

    reg = load_regulation(ROOT / "rules" / "ubdt-2017").regulation
    everything = xrefs.cross_references(reg)
    assert everything.unreadable == [] and len(everything.cites) > 10
    monkeypatch.setattr(xrefs, "MAX_REGULATION_CITATIONS", 5)
    bounded = xrefs.cross_references(reg)
    read = sum(len(v) for v in bounded.cites.values()) + len(bounded.dangling)
    assert read <= 5 and len(bounded.unreadable) == 1
    assert "the most read; the rest of the text is not read" in bounded.unreadable[0][1].error.what.en
