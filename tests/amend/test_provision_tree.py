"""A repealed article or clause: what it held is repealed with it, and stays as numbered stubs.

A reference to a clause of a repealed article is to a repealed provision (QC607), not to one that never existed
(QC104); a later operation on it is told it was repealed; the provisions keep their numbers and their count.
"""

from __future__ import annotations

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.provision_tree import REPEALED_TEXT, Tree, is_repealed
from quyche_rules.checks.runner import run_checks
from quyche_rules.citations import parse_citation
from quyche_rules.loading import LoadedRegulation
from quyche_rules.model import Regulation
from tests.amend.helpers import SMALL, amendment, small

#: Điều 2 made to cite a clause and a point of Điều 1, then Điều 1 repealed
CITING = ("- amend: khoản 3 Điều 2\n"
          "  with: {text: 'Khi Bộ trưởng vắng mặt, Thứ trưởng điều hành theo khoản 1 và điểm a khoản 3 Điều 1.'}\n")


def _node(reg: Regulation, phrase: str):  # type: ignore[no-untyped-def]
    return Tree(reg.articles).get(parse_citation(phrase)[0])


def test_the_clauses_and_points_of_a_repealed_article_are_repealed_stubs() -> None:
    result = apply_amendments(small(), [amendment("- repeal: Điều 1\n")])
    reg = result.regulation
    for phrase in ("Điều 1", "khoản 1 Điều 1", "khoản 3 Điều 1", "điểm d khoản 3 Điều 1"):
        stub = _node(reg, phrase)
        assert stub is not None and is_repealed(stub) and stub.text == REPEALED_TEXT and stub.norms == (), phrase
        assert stub.history[-1].amendment == "sd-1"
    assert len(reg.provisions) == len(small().provisions)


def test_a_reference_to_a_clause_of_a_repealed_article_is_to_a_repealed_provision() -> None:
    result = apply_amendments(small(), [amendment(CITING + "- repeal: Điều 1\n")])
    found = run_checks(LoadedRegulation(result.regulation, SMALL, None), engine="reference",
                       select={"QC104", "QC607"}).findings
    assert sorted((f.code, tuple(p.citation for p in f.provisions)) for f in found) == [
        ("QC607", ("khoản 3 Điều 2", "khoản 1 Điều 1")),
        ("QC607", ("khoản 3 Điều 2", "điểm a khoản 3 Điều 1")),
    ]


def test_a_later_operation_on_a_clause_of_a_repealed_article_is_told_it_was_repealed() -> None:
    later = amendment("- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc.}\n"
                      "- insert: {after: khoản 2 Điều 1, clause: {clause: 2a, text: Văn phòng lưu trữ.}}\n",
                      id="sd-2", effective="2024-05-01")
    result = apply_amendments(small(), [amendment("- repeal: Điều 1\n"), later])
    messages = [f.message.en for f in result.findings if f.code == "QC601"]
    assert len(messages) == 2
    assert all(m.startswith("khoản 2 Điều 1 has been repealed in mau-sua-doi") for m in messages), messages
    assert _node(result.regulation, "khoản 2a Điều 1") is None


def test_a_repealed_clause_keeps_its_points_as_stubs_and_one_repealed_before_keeps_its_own_history() -> None:
    first = amendment("- repeal: điểm b khoản 3 Điều 1\n", id="a1")
    second = amendment("- repeal: khoản 3 Điều 1\n", id="a2", effective="2024-04-01")
    reg = apply_amendments(small(), [first, second]).regulation
    assert [c.amendment for c in _node(reg, "điểm b khoản 3 Điều 1").history] == ["a1"]
    assert [c.amendment for c in _node(reg, "điểm a khoản 3 Điều 1").history] == ["a2"]
