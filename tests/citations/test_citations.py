"""Citation phrases: parsing, formatting, numbering helpers and references in prose."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from quyche_rules.citations import (
    POINT_LETTERS,
    Citation,
    CitationError,
    Reference,
    canonical,
    find_references,
    format_citations,
    is_next_in_sequence,
    next_point,
    parse_citation,
    point_index,
    split_number,
)
from quyche_rules.errors import QuycheError
from tests.citations.strategies import citation_lists, citations, points
from tests.conftest import ROOT


def C(**parts: str) -> Citation:
    return Citation(**parts)


CTX = C(chapter="II", article="9", clause="3", point="b")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def ordered(cs: list[Citation]) -> tuple[Citation, ...]:
    return tuple(sorted(set(cs), key=Citation.sort_key))


# --- parsing -----------------------------------------------------------------------------------

PARSE_CASES: list[tuple[str, Citation | None, list[Citation]]] = [
    ("điểm đ khoản 2 Điều 5", None, [C(article="5", clause="2", point="đ")]),
    ("Điều 4a", None, [C(article="4a")]),
    ("khoản 19a Điều 3", None, [C(article="3", clause="19a")]),
    ("điểm a1 khoản 2 Điều 5", None, [C(article="5", clause="2", point="a1")]),
    ("điểm a Điều 5", None, [C(article="5", point="a")]),
    ("Chương II", None, [C(chapter="II")]),
    ("Chương XIV", None, [C(chapter="XIV")]),
    ("Mục 1 Chương III", None, [C(chapter="III", section="1")]),
    ("khoản 1 Điều này", CTX, [C(article="9", clause="1")]),
    ("khoản này", CTX, [C(article="9", clause="3")]),
    ("điểm này", CTX, [C(article="9", clause="3", point="b")]),
    ("Điều này", CTX, [C(article="9")]),
    ("Chương này", CTX, [C(chapter="II")]),
    ("điểm a khoản này", CTX, [C(article="9", clause="3", point="a")]),
    ("khoản 2", CTX, [C(article="9", clause="2")]),
    ("điểm a khoản 2", CTX, [C(article="9", clause="2", point="a")]),
    ("điểm c", CTX, [C(article="9", clause="3", point="c")]),
    ("điểm c", C(article="9"), [C(article="9", point="c")]),
    ("Mục 2", CTX, [C(chapter="II", section="2")]),
    ("khoản 2 Điều 5", CTX, [C(article="5", clause="2")]),
    (
        "các điểm a, b và c khoản 1 Điều 7",
        None,
        [C(article="7", clause="1", point=p) for p in "abc"],
    ),
    ("điểm a và điểm b khoản 2 Điều 3", None, [C(article="3", clause="2", point=p) for p in "ab"]),
    ("khoản 2 và khoản 3 Điều 10", None, [C(article="10", clause="2"), C(article="10", clause="3")]),
    ("các khoản 2, 3 Điều 10", None, [C(article="10", clause="2"), C(article="10", clause="3")]),
    ("khoản 2 hoặc khoản 3 Điều 10", None, [C(article="10", clause="2"), C(article="10", clause="3")]),
    ("Điều 5 và Điều 6", None, [C(article="5"), C(article="6")]),
    ("các Điều 5, 6 và 7", None, [C(article=a) for a in "567"]),
    ("các Điều 7, 6, và 5", None, [C(article=a) for a in "567"]),
    ("các Chương I và II", None, [C(chapter="I"), C(chapter="II")]),
    ("các Mục 1 và 2 Chương III", None, [C(chapter="III", section=s) for s in "12"]),
    ("từ khoản 1 đến khoản 3 Điều 5", None, [C(article="5", clause=k) for k in "123"]),
    ("các khoản từ 1 đến 3 Điều 5", None, [C(article="5", clause=k) for k in "123"]),
    ("từ điểm d đến điểm g khoản 1 Điều 2", None, [C(article="2", clause="1", point=p) for p in "dđeg"]),
    ("từ Điều 8 đến Điều 10", None, [C(article=a) for a in ("8", "9", "10")]),
    (
        "điểm a khoản 1 và khoản 2 Điều 5",
        None,
        [C(article="5", clause="1", point="a"), C(article="5", clause="2")],
    ),
    (
        "khoản 2 Điều 9 và điểm a khoản 1 Điều 12",
        None,
        [C(article="9", clause="2"), C(article="12", clause="1", point="a")],
    ),
    (
        "điểm a khoản 1, điểm b khoản 2 Điều 5",
        None,
        [C(article="5", clause="1", point="a"), C(article="5", clause="2", point="b")],
    ),
    ("khoản 3 Điều 10; Điều 2", None, [C(article="2"), C(article="10", clause="3")]),
    ("Điều 5 và Điều 5", None, [C(article="5")]),
    ("khoản 3 Điều này và khoản 2", CTX, [C(article="9", clause="2"), C(article="9", clause="3")]),
    # case, whitespace, normalisation, tolerant value case
    ("  ĐIỂM  đ\tKHOẢN 2   ĐIỀU 5 ", None, [C(article="5", clause="2", point="đ")]),
    ("CÁC khoản 2 VÀ 3 điều 10", None, [C(article="10", clause="2"), C(article="10", clause="3")]),
    ("Điều 4A", None, [C(article="4a")]),
    ("chương ii", None, [C(chapter="II")]),
    (nfd("điểm đ khoản 2 Điều 5"), None, [C(article="5", clause="2", point="đ")]),
]


@pytest.mark.parametrize(("phrase", "context", "expected"), PARSE_CASES)
def test_parse_citation(phrase: str, context: Citation | None, expected: list[Citation]) -> None:
    assert parse_citation(phrase, context) == ordered(expected)


ERROR_CASES: list[tuple[str, Citation | None, str, str]] = [
    ("điểm f khoản 1 Điều 2", None, "Vietnamese point letter", "after e comes g"),
    ("điểm j khoản 1 Điều 2", None, "Vietnamese point letter", "after i comes k"),
    ("điểm dd khoản 1 Điều 2", None, "Vietnamese point letter", "write đ"),
    ("điểm 2 khoản 1 Điều 2", None, "Vietnamese point letter", "khoản 2"),
    ("khoản Điều 5", None, "clause number after “khoản”", "right after “khoản”"),
    ("Điều", None, "article number after “Điều”", "right after “Điều”"),
    ("", None, "one of the keywords", ""),
    ("khoản 1 Điều này", None, "a context with an article", "name the article"),
    ("khoản 2", None, "a context with an article", "name the article"),
    ("điểm a khoản 2", None, "a context with an article", "name the article"),
    ("điểm b", C(chapter="I"), "a context with an article", ""),
    ("Mục 1", None, "a context with a chapter", ""),
    ("khoản này", C(article="9"), "a context with a clause", ""),
    ("Chương IIII", None, "Roman numerals", "did you mean IV"),
    ("Chương 2", None, "Roman numerals", "Chương II"),
    ("Điều 05", None, "article number", "drop the leading zero: 5"),
    ("Điều 0", None, "article number", "numbering starts at 1"),
    ("Điều 5 khoản 2", None, "a larger unit", "write “khoản 2 Điều 5”"),
    ("Điều 5 Chương II", None, "a larger unit", "numbered through the whole regulation"),
    ("khoản 1 và", None, "a citation after the separator", ""),
    ("khoản 1, , 2 Điều 3", None, "a citation after the separator", ""),
    ("và khoản 1", None, "one of the keywords", ""),
    ("các 2", None, "one of the keywords", ""),
    ("5 Điều", None, "one of the keywords", ""),
    ("khoản 2 Luật 5", None, "a larger unit", ""),
    ("Điều 5 Nghị định 30/2020/NĐ-CP", None, "a larger unit", ""),
    ("từ khoản 3 đến khoản 1 Điều 5", None, "increasing range", ""),
    ("từ khoản 1a đến khoản 3 Điều 5", None, "plain numbers", "one by one"),
    ("từ khoản 1 đến Điều 3", None, "clause number", ""),
    ("Điều 1 đến Điều 100000", None, "at most 500", ""),
]


@pytest.mark.parametrize(("phrase", "context", "expected", "fix"), ERROR_CASES)
def test_parse_errors_say_what_was_expected(
    phrase: str, context: Citation | None, expected: str, fix: str
) -> None:
    with pytest.raises(CitationError) as info:
        parse_citation(phrase, context)
    err = info.value
    assert isinstance(err, QuycheError)
    assert isinstance(err, ValueError)
    english, vietnamese = err.render("en"), err.render("vi")
    assert expected in english
    assert fix in english
    assert "expected:" in english
    assert "cần:" in vietnamese
    assert "lỗi:" in vietnamese
    assert err.offset is not None
    assert 0 <= err.offset <= len(phrase)


def test_error_points_at_the_offending_character() -> None:
    with pytest.raises(CitationError) as info:
        parse_citation("điểm f khoản 1 Điều 2")
    assert info.value.offset == 5
    assert "“f”" in info.value.render("en")
    assert "at offset 5" in info.value.render("en")
    assert "ở vị trí 5" in info.value.render("vi")
    assert "sau e là g" in info.value.render("vi")


def test_parse_result_is_cached_and_immutable() -> None:
    first = parse_citation("các điểm a, b và c khoản 1 Điều 7")
    assert parse_citation("các điểm a, b và c khoản 1 Điều 7") is first
    assert isinstance(first, tuple)


# --- formatting -----------------------------------------------------------------------------------

FORMAT_CASES: list[tuple[list[Citation], str]] = [
    ([C(article="5", clause="2", point="đ")], "điểm đ khoản 2 Điều 5"),
    ([C(article="4a")], "Điều 4a"),
    ([C(chapter="II")], "Chương II"),
    ([C(chapter="III", section="1")], "Mục 1 Chương III"),
    ([C(article="10", clause="3")], "khoản 3 Điều 10"),
    ([C(article="7", clause="1", point=p) for p in "cab"], "các điểm a, b và c khoản 1 Điều 7"),
    ([C(article="10", clause="3"), C(article="10", clause="2")], "các khoản 2 và 3 Điều 10"),
    ([C(article="6"), C(article="5")], "các Điều 5 và 6"),
    ([C(chapter="II"), C(chapter="I")], "các Chương I và II"),
    ([C(article="6", clause="1"), C(article="5", clause="2")], "khoản 2 Điều 5; khoản 1 Điều 6"),
    (
        [C(article="5", clause="1"), C(article="5", clause="1", point="a"), C(article="5", clause="2")],
        "các khoản 1 và 2 Điều 5; điểm a khoản 1 Điều 5",
    ),
    ([C(article="5"), C(article="5")], "Điều 5"),
    ([C(article="5"), C(article="5", chapter="II")], "Điều 5"),
    ([], ""),
]


@pytest.mark.parametrize(("cs", "phrase"), FORMAT_CASES)
def test_format_citations(cs: list[Citation], phrase: str) -> None:
    assert format_citations(cs) == phrase


def test_format_and_str() -> None:
    c = C(article="5", clause="2", point="đ")
    assert c.format() == str(c) == "điểm đ khoản 2 Điều 5"
    assert C(chapter="II", section="1", article="5", clause="2").format() == "khoản 2 Điều 5"


def test_canonical() -> None:
    assert canonical("khoản 3 và khoản 2 Điều 10") == "các khoản 2 và 3 Điều 10"
    assert canonical("khoản 1 Điều này", CTX) == "khoản 1 Điều 9"
    assert canonical("từ điểm a đến điểm c khoản 1 Điều 7") == "các điểm a, b và c khoản 1 Điều 7"


# --- the model -----------------------------------------------------------------------------------


def test_levels_and_parents() -> None:
    point = C(article="5", clause="2", point="đ")
    assert point.level == "point"
    assert point.parent() == C(article="5", clause="2")
    assert C(article="5", clause="2").parent() == C(article="5")
    assert C(article="5").parent() is None
    assert C(article="5", point="a").parent() == C(article="5")
    assert C(chapter="III", section="1").level == "section"
    assert C(chapter="III", section="1").parent() == C(chapter="III")
    assert C(chapter="III").parent() is None
    assert C(chapter="II", article="5").parent() == C(chapter="II")


def test_contains() -> None:
    article = C(article="5")
    clause = C(article="5", clause="2")
    point = C(article="5", clause="2", point="a")
    assert article.contains(clause)
    assert article.contains(point)
    assert clause.contains(point)
    assert point.contains(point)
    assert not point.contains(clause)
    assert not clause.contains(C(article="5", clause="3"))
    assert not article.contains(C(article="6"))
    assert not C(article="5", point="a").contains(point)
    assert C(chapter="II").contains(C(chapter="II", section="1"))
    assert C(chapter="II").contains(C(chapter="II", article="5"))
    assert not C(chapter="II").contains(C(article="5"))
    assert not C(chapter="II", section="1").contains(C(chapter="II", section="2"))


def test_sort_key_document_order() -> None:
    order = [
        C(article="4"),
        C(article="4", clause="1"),
        C(article="4", clause="1", point="d"),
        C(article="4", clause="1", point="đ"),
        C(article="4", clause="1", point="đ1"),
        C(article="4", clause="1", point="e"),
        C(article="4", clause="1a"),
        C(article="4", clause="2"),
        C(article="4a"),
        C(article="4b"),
        C(article="5"),
        C(article="10"),
        C(chapter="II"),
        C(chapter="II", section="1"),
        C(chapter="IX"),
        C(chapter="X"),
    ]
    assert sorted(reversed(order), key=Citation.sort_key) == order


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"point": "f", "clause": "1", "article": "2"}, "after e comes g"),
        ({"point": "A", "clause": "1", "article": "2"}, "lower case"),
        ({"article": "4A"}, "lower case: 4a"),
        ({"article": "05"}, "leading zero"),
        ({"article": "V"}, "Arabic numerals: 5"),
        ({"clause": "x", "article": "1"}, "inserted clause"),
        ({"chapter": "ii"}, "upper case: II"),
        ({"chapter": "IIII"}, "did you mean IV"),
        ({"chapter": "2"}, "Chương II"),
        ({"chapter": "I", "section": "1a"}, "section number"),
        ({}, "at least"),
        ({"clause": "2"}, "needs its article"),
        ({"point": "a"}, "needs its article"),
        ({"section": "1"}, "needs its chapter"),
    ],
)
def test_invalid_citations_are_rejected(parts: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Citation(**parts)


def test_citation_is_frozen_and_nfc() -> None:
    c = Citation(article="5", clause="2", point=nfd("đ"))
    assert c.point == "đ"
    with pytest.raises(ValidationError):
        c.article = "6"  # type: ignore[misc]
    assert hash(c) == hash(C(article="5", clause="2", point="đ"))


# --- numbering helpers -----------------------------------------------------------------------------


def test_point_helpers() -> None:
    assert point_index("a") == 0
    assert point_index("đ") == 4
    assert point_index("y") == len(POINT_LETTERS) - 1
    assert next_point("d") == "đ"
    assert next_point("đ") == "e"
    assert next_point("e") == "g"
    assert next_point("i") == "k"
    assert next_point("v") == "x"
    with pytest.raises(CitationError, match="no point letter follows y"):
        next_point("y")
    with pytest.raises(CitationError) as info:
        point_index("f")
    assert "after e comes g" in info.value.render("en")


def test_split_number() -> None:
    assert split_number("4a") == (4, "a")
    assert split_number("19") == (19, "")
    with pytest.raises(CitationError):
        split_number("a4")


@pytest.mark.parametrize(
    ("prev", "new", "level", "ok"),
    [
        ("2", "3", "clause", True),
        ("2", "2a", "clause", True),
        ("2a", "2b", "clause", True),
        ("2a", "3", "clause", True),
        ("2", "4", "clause", False),
        ("2", "2b", "clause", False),
        ("2", "2", "clause", False),
        (None, "1", "article", True),
        (None, "2", "article", False),
        ("d", "đ", "point", True),
        ("d", "e", "point", False),
        ("đ", "e", "point", True),
        ("e", "g", "point", True),
        ("e", "f", "point", False),
        ("a", "a1", "point", True),
        ("a1", "a2", "point", True),
        ("a1", "b", "point", True),
        ("y", "a", "point", False),
        (None, "a", "point", True),
        ("I", "II", "chapter", True),
        ("III", "IV", "chapter", True),
        ("III", "V", "chapter", False),
        ("1", "2", "section", True),
        ("x", "2", "clause", False),
    ],
)
def test_is_next_in_sequence(prev: str | None, new: str, level: str, ok: bool) -> None:
    assert is_next_in_sequence(prev, new, level) is ok  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------------------


@given(citation_lists)
def test_round_trip(cs: list[Citation]) -> None:
    phrase = format_citations(cs)
    assert parse_citation(phrase) == ordered(cs)
    assert format_citations(parse_citation(phrase)) == phrase


@given(citations)
def test_single_round_trip(c: Citation) -> None:
    assert parse_citation(c.format()) == (c,)
    assert parse_citation(c.format().upper()) == (c,)


@given(citation_lists)
def test_nfd_input_parses_like_nfc(cs: list[Citation]) -> None:
    phrase = format_citations(cs)
    assert parse_citation(nfd(phrase)) == parse_citation(phrase)


@given(st.lists(points, min_size=2, max_size=8, unique=True))
def test_point_order_follows_point_letters(values: list[str]) -> None:
    cs = [C(article="1", clause="1", point=v) for v in values]
    ordered_values = [c.point for c in sorted(cs, key=Citation.sort_key)]
    assert ordered_values == sorted(values, key=lambda v: (POINT_LETTERS.index(v[0]), v[1:].rjust(3, "0")))


@given(citations)
def test_parent_contains_child(c: Citation) -> None:
    assert c.contains(c)
    parent = c.parent()
    if parent is not None:
        assert parent.contains(c)
        assert parent.sort_key() < c.sort_key()


@given(st.integers(0, len(POINT_LETTERS) - 2))
def test_consecutive_point_letters(i: int) -> None:
    assert is_next_in_sequence(POINT_LETTERS[i], POINT_LETTERS[i + 1], "point")
    assert next_point(POINT_LETTERS[i]) == POINT_LETTERS[i + 1]
    if i + 2 < len(POINT_LETTERS):
        assert not is_next_in_sequence(POINT_LETTERS[i], POINT_LETTERS[i + 2], "point")


@given(citation_lists)
def test_find_references_in_prose_recovers_the_citations(cs: list[Citation]) -> None:
    phrase = format_citations(cs)
    text = f"Thực hiện theo quy định tại {phrase} thì đơn vị báo cáo."
    refs = find_references(text, CTX)
    assert all(text[r.start : r.end] == r.phrase and r.internal for r in refs)
    assert ordered([c for r in refs for c in r.citations]) == ordered(cs)


# --- references in prose --------------------------------------------------------------------------


def refs(text: str, context: Citation | None = CTX) -> list[tuple[str, list[str], str | None]]:
    return [(r.phrase, [str(c) for c in r.citations], r.external) for r in find_references(text, context)]


def test_find_references_example() -> None:
    text = (
        "Thực hiện theo quy định tại khoản 2 Điều 9 và điểm a khoản 1 Điều 12 Quy chế này; "
        "trường hợp quy định tại khoản 3 Điều này thì ..."
    )
    found = find_references(text, CTX)
    assert [(r.phrase, [str(c) for c in r.citations], r.external) for r in found] == [
        ("khoản 2 Điều 9", ["khoản 2 Điều 9"], None),
        ("điểm a khoản 1 Điều 12", ["điểm a khoản 1 Điều 12"], None),
        ("khoản 3 Điều này", ["khoản 3 Điều 9"], None),
    ]
    assert all(text[r.start : r.end] == r.phrase for r in found)
    assert isinstance(found[0], Reference)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "các điểm a, b và c khoản 1 Điều 7",
            [["điểm a khoản 1 Điều 7", "điểm b khoản 1 Điều 7", "điểm c khoản 1 Điều 7"]],
        ),
        ("theo khoản 2 và khoản 3 Điều 10", [["khoản 2 Điều 10", "khoản 3 Điều 10"]]),
        ("các Điều 5, 6 và 7", [["Điều 5", "Điều 6", "Điều 7"]]),
        ("Điều 5 và Điều 6", [["Điều 5", "Điều 6"]]),
        ("tại Điều 5, Điều 6 và khoản 2 Điều 7", [["Điều 5", "Điều 6"], ["khoản 2 Điều 7"]]),
        ("Chương II và Mục 2", [["Chương II"], ["Mục 2 Chương II"]]),
        ("quy định tại khoản 2", [["khoản 2 Điều 9"]]),
        ("theo điểm c", [["điểm c khoản 3 Điều 9"]]),
        ("Khoản 4 Điều 4a quy định", [["khoản 4 Điều 4a"]]),
        ("điểm a và b", [["điểm a khoản 3 Điều 9", "điểm b khoản 3 Điều 9"]]),
        ("từ khoản 1 đến khoản 3 Điều 5", [["khoản 1 Điều 5", "khoản 2 Điều 5", "khoản 3 Điều 5"]]),
        ("theo khoản 2 điều 5", [["khoản 2 Điều 5"]]),
        ("Điều này áp dụng", [["Điều 9"]]),
        ("(khoản 2 Điều 5).", [["khoản 2 Điều 5"]]),
    ],
)
def test_find_references_shapes(text: str, expected: list[list[str]]) -> None:
    assert [cites for _, cites, _ in refs(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Công tác điều hành của Bộ trưởng.",
        "Bảo đảm điều kiện làm việc và điều chỉnh kế hoạch.",
        "Điều phối hoạt động giữa các đơn vị.",
        "Báo cáo tại thời điểm a hoặc thời điểm khác.",
        "Họp tại địa điểm a.",
        "Quan điểm a của đơn vị.",
        "Khoản kinh phí này được cấp.",
        "một khoản 1.000.000 đồng",
        "Đây là điểm mới của Quy chế.",
        "điều này có nghĩa là",
        "Chương trình công tác năm và Mục tiêu chung.",
        "chương II của cuốn sách",
        "Điều 5a/2020 không phải trích dẫn",
        "Thời điểm b, thời điểm c.",
        "khoản 2a3",
    ],
)
def test_find_references_ignores_ordinary_words(text: str) -> None:
    assert refs(text) == []


def test_bare_point_needs_a_cue_or_a_larger_unit() -> None:
    assert refs("điểm a là mới") == []
    assert refs("tại điểm a") == [("điểm a", ["điểm a khoản 3 Điều 9"], None)]


@pytest.mark.parametrize(
    ("text", "phrase", "external"),
    [
        ("theo Điều 13 Nghị định số 30/2020/NĐ-CP.", "Điều 13", "Nghị định số 30/2020/NĐ-CP"),
        ("tại khoản 3 Điều 13 Nghị định 30/2020/NĐ-CP", "khoản 3 Điều 13", "Nghị định 30/2020/NĐ-CP"),
        ("Điều 2 Quyết định số 559/QĐ-UBDT", "Điều 2", "Quyết định số 559/QĐ-UBDT"),
        ("Điều 4 Luật Tổ chức Chính phủ quy định", "Điều 4", "Luật Tổ chức Chính phủ"),
        ("Điều 4 Luật số 64/2025/QH15", "Điều 4", "Luật số 64/2025/QH15"),
        ("Điều 5 Hiến pháp", "Điều 5", "Hiến pháp"),
        ("Điều 5 Hiến pháp năm 2013", "Điều 5", "Hiến pháp năm 2013"),
        (
            "điểm a khoản 1 Điều 8 của Thông tư số 01/2011/TT-BNV",
            "điểm a khoản 1 Điều 8",
            "Thông tư số 01/2011/TT-BNV",
        ),
        ("Điều 3 Quyết định này", "Điều 3", "Quyết định này"),
    ],
)
def test_external_references(text: str, phrase: str, external: str) -> None:
    (found,) = find_references(text, CTX)
    assert found.phrase == phrase
    assert found.external == external
    assert not found.internal
    assert text[found.start : found.end] == phrase


def test_external_applies_to_the_whole_list_but_not_to_relative_references() -> None:
    found = refs("khoản 2 Điều 5 và khoản 3 Điều 6 Nghị định số 30/2020/NĐ-CP")
    assert [ext for _, _, ext in found] == ["Nghị định số 30/2020/NĐ-CP"] * 2
    found = refs("khoản 2 Điều này và Điều 5 Nghị định 30/2020/NĐ-CP")
    assert found == [
        ("khoản 2 Điều này", ["khoản 2 Điều 9"], None),
        ("Điều 5", ["Điều 5"], "Nghị định 30/2020/NĐ-CP"),
    ]
    assert refs("Điều 5 Quy chế này và Điều 6 Quy định này") == [
        ("Điều 5", ["Điều 5"], None),
        ("Điều 6", ["Điều 6"], None),
    ]


def test_unresolvable_references_are_dropped() -> None:
    assert refs("khoản 2 và Điều 4", None) == [("Điều 4", ["Điều 4"], None)]
    assert refs("khoản 3 Điều này", C(chapter="I")) == []


def test_find_references_offsets_index_the_nfc_text() -> None:
    text = nfd("Theo khoản 2 Điều 5.")
    (found,) = find_references(text, CTX)
    assert unicodedata.normalize("NFC", text)[found.start : found.end] == "khoản 2 Điều 5"


TOKENS = [
    "điểm", "khoản", "Điều", "điều", "Mục", "Chương", "các", "từ", "đến", "và", "hoặc", ",", ";", "này",
    "a", "b", "đ", "f", "a1", "2", "3", "4a", "II", "IIII", "0", "Nghị định", "số", "30/2020/NĐ-CP",
    "Quy chế", "Luật", "Tổ", "thời", "(", ".", "kinh", "phí",
]  # fmt: skip
token_soup = st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join)


@given(token_soup, st.sampled_from([None, CTX, C(article="4a"), C(chapter="I")]))
def test_any_phrase_parses_or_raises_citation_error(phrase: str, context: Citation | None) -> None:
    try:
        result = parse_citation(phrase, context)
    except CitationError as err:
        assert err.render("vi")
        assert err.render("en")
    else:
        assert result
        assert result == ordered(list(result))
        assert parse_citation(format_citations(result)) == result


@given(token_soup, st.sampled_from([None, CTX, C(article="4a"), C(chapter="I")]))
def test_find_references_never_fails(text: str, context: Citation | None) -> None:
    found = find_references(text, context)
    assert [r.start for r in found] == sorted(r.start for r in found)
    for ref in found:
        assert text[ref.start : ref.end] == ref.phrase
        assert ref.citations or ref.external is not None


def test_every_citation_in_bundled_rules_round_trips() -> None:
    """Each provision's own citation, and each reference in its text, survives format -> parse -> format."""

    from quyche_rules.citations import find_references, format_citations, parse_citation
    from quyche_rules.loading import find_regulations, load_regulation

    root = ROOT / "rules"
    seen = 0
    for folder in find_regulations(root):
        reg = load_regulation(folder).regulation
        for prov in reg.provisions:
            assert parse_citation(prov.phrase) == (prov.citation,)
            for ref in find_references(prov.text, prov.citation):
                if ref.citations:
                    phrase = format_citations(ref.citations)
                    assert parse_citation(phrase) == ref.citations
                    assert format_citations(parse_citation(phrase)) == phrase
                    seen += 1
    assert seen > 50


@given(
    st.one_of(st.none(), st.sampled_from(["a", "b", "đ", "e", "y", "a1", "w", "f", "đ12"])),
    st.one_of(st.none(), st.sampled_from(["1", "2", "10", "4a", "0", "01", "2A"])),
    st.sampled_from(["1", "5", "19a", "0", "100", "7b"]),
)
def test_the_fast_reading_of_one_unit_is_the_grammars(point: str | None, clause: str | None, article: str) -> None:
    from quyche_rules.citations.phrases import _read_grammar, _read_simple

    phrase = " ".join(
        f"{word} {value}" for word, value in (("điểm", point), ("khoản", clause), ("Điều", article)) if value
    )
    fast = _read_simple(phrase)
    slow = _read_grammar(phrase)
    if point in (None, "a", "đ12") and clause in (None, "1", "4a") and article in ("1", "19a"):
        assert fast is not None, phrase
    if fast is None:
        return
    assert not isinstance(slow, CitationError), phrase
    assert [(i.level, i.value, i.start, i.end, i.sep, i.parent, i.leaf) for i in fast[0]] == [
        (i.level, i.value, i.start, i.end, i.sep, i.parent, i.leaf) for i in slow[0]
    ]
    assert fast[1] == slow[1]


@pytest.mark.parametrize(("phrase", "fix"), [
    ("khoản 2", "e.g. “khoản 2 Điều 7”"),
    ("điểm a", "e.g. “điểm a khoản 1 Điều 7”"),
    ("khoản 1 Điều này", "e.g. “khoản 1 Điều 7”"),
    ("Mục 1", "e.g. “Mục 1 Chương II”"),
])
def test_a_relative_citation_read_alone_says_what_it_lacks_and_how_to_complete_it(phrase: str, fix: str) -> None:
    with pytest.raises(CitationError) as err:
        parse_citation(phrase)
    assert f"“{phrase}” does not say which" in err.value.what.en and "relative citation" in err.value.what.en
    assert err.value.fix is not None and fix in err.value.fix.en
