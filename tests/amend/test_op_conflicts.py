"""Operations of two drafts of one run, in force on the same day, on one provision or unit (QC602)."""

from __future__ import annotations

import pytest

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.model.amendment import AmendmentFile
from tests.amend.helpers import amendment, small

CLAUSE = "- amend: khoản 1 Điều 1\n  with: {text: '{who} chủ trì xây dựng kế hoạch công tác năm.'}\n"


def _draft(ident: str, operations: str, effective: str = "2024-03-01") -> AmendmentFile:
    return amendment(operations, id=ident, number=f"{ident}/QĐ-MAU", effective=effective, file=f"{ident}.yaml")


def _qc602(*drafts: AmendmentFile) -> list[tuple[str, int | None, str, str]]:
    found = apply_amendments(small(), list(drafts)).findings
    return [(f.location.file, f.location.line, f.message.en, f.fix.en if f.fix else "")
            for f in found if f.code == "QC602"]


@pytest.mark.parametrize("order", [1, -1])
def test_two_same_day_drafts_dissolving_one_unit_with_different_successors_conflict(order: int) -> None:
    a = _draft("sd-a", "- dissolve: {actor: vu-b, successor: vu-a, takes_over: all}\n")
    b = _draft("sd-b", "- dissolve: {actor: vu-b, successor: van-phong, takes_over: all}\n")
    ((file, line, message, fix),) = _qc602(*[a, b][::order])  # the same finding whatever order they are given in
    assert (file, line) == ("sd-b.yaml", 3)
    assert message == "Operation dissolve on vu-b overlaps operation dissolve on vu-b (line 3 of sd-a.yaml)"
    assert fix.startswith("Two instruments in force on 2024-03-01 change one provision (or unit)")


def test_two_same_day_drafts_rewriting_one_clause_conflict_and_a_clause_and_its_article_too() -> None:
    a = _draft("sd-a", CLAUSE.replace("{who}", "Vụ A"))
    b = _draft("sd-b", CLAUSE.replace("{who}", "Vụ B"))
    c = _draft("sd-c", "- repeal: Điều 1\n")
    found = _qc602(a, b, c)
    assert [(file, line) for file, line, _, _ in found] == [("sd-b.yaml", 3), ("sd-c.yaml", 3)]
    assert all("line 3 of sd-a.yaml" in message for _, _, message, _ in found)


def test_drafts_on_different_days_or_different_provisions_or_only_phrases_do_not_conflict() -> None:
    assert _qc602(_draft("sd-a", CLAUSE.replace("{who}", "Vụ A")),
                  _draft("sd-b", CLAUSE.replace("{who}", "Vụ B"), effective="2024-04-01")) == []
    assert _qc602(_draft("sd-a", CLAUSE.replace("{who}", "Vụ A")),
                  _draft("sd-b", "- repeal: khoản 2 Điều 1\n")) == []
    phrase = "- replace_phrase: {from: '{x}', to: '{y}', at: [Điều 2]}\n"
    assert _qc602(_draft("sd-a", phrase.replace("{x}", "hằng tháng").replace("{y}", "hằng quý")),
                  _draft("sd-b", phrase.replace("{x}", "vắng mặt").replace("{y}", "đi vắng"))) == []


def test_an_organisational_operation_conflicts_on_the_day_it_gives_itself() -> None:
    a = _draft("sd-a", "- dissolve: {actor: vu-b, successor: vu-a, takes_over: all, effective: 2024-06-01}\n")
    b = _draft("sd-b", "- dissolve: {actor: vu-b, successor: van-phong, takes_over: all}\n", effective="2024-06-01")
    assert [(file, line) for file, line, _, _ in _qc602(a, b)] == [("sd-b.yaml", 3)]
