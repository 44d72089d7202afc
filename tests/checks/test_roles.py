"""Roles ("đơn vị chủ trì", kind role): the actor that plays the part in the task, never a second lead (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest

from quyche_rules.errors import LoadFailed
from tests.checks.test_python_edges import article, run

LEAD_ROLE = {"id": "don-vi-chu-tri", "name": "Đơn vị chủ trì", "kind": "role", "stands_for": "lead"}
COOP_ROLE = {"id": "don-vi-phoi-hop", "name": "Đơn vị phối hợp", "kind": "role", "stands_for": "cooperate"}
TASK = {"id": "soan-thao", "name": "Soạn thảo đề án"}


def _lead(holder: str, **extra: Any) -> dict[str, Any]:
    return {"duty": {"holder": holder, "task": "soan-thao", "role": "lead", **extra}}


def _run(*clauses: list[dict[str, Any]], code: str) -> list[Any]:
    return run({"actors": [LEAD_ROLE, COOP_ROLE], "tasks": [TASK], "articles": [article("3", *clauses)]}, code)


def test_the_lead_unit_of_a_task_is_its_lead_not_a_second_one() -> None:
    assert _run([_lead("vu-a")], [_lead("don-vi-chu-tri", deadline={"working_days": 5})], code="QC301") == []
    assert _run([_lead("vu-a")], [_lead("don-vi-chu-tri")], code="QC116") == []


def test_two_named_leads_are_still_two_leads_when_a_role_is_also_named() -> None:
    (f,) = _run([_lead("vu-a")], [_lead("vu-b")], [_lead("don-vi-chu-tri")], code="QC301")
    assert {"vu-a", "vu-b"} <= set(f.actors)


def test_a_role_of_a_task_nobody_is_given_names_nobody() -> None:
    (f,) = _run([_lead("don-vi-chu-tri")], code="QC116")
    assert "Đơn vị chủ trì" in f.message.en and "Soạn thảo đề án" in f.message.en
    coord = {"coordination": {"lead": "vu-a", "cooperating": ["don-vi-phoi-hop"], "task": "soan-thao"}}
    (g,) = _run([coord], code="QC116")  # nobody named cooperates on the task
    assert "cooperates on" in g.message.en
    also = {"duty": {"holder": "vu-b", "task": "soan-thao", "role": "cooperate"}}
    assert _run([coord], [also], code="QC116") == []


def test_the_lead_role_cooperating_is_the_lead_cooperating() -> None:
    """"Vụ A chủ trì" and "đơn vị chủ trì phối hợp" on the same task: one actor both leads and cooperates (QC305)."""
    coop = {"duty": {"holder": "don-vi-chu-tri", "task": "soan-thao", "role": "cooperate"}}
    assert len(_run([_lead("vu-a")], [coop], code="QC305")) == 1


@pytest.mark.parametrize("actor", [
    {"id": "x", "name": "X", "kind": "role"},
    {"id": "x", "name": "X", "kind": "unit", "parent": "co-quan", "stands_for": "lead"},
])
def test_stands_for_goes_with_a_role_and_a_role_needs_it(actor: dict[str, Any]) -> None:
    with pytest.raises(LoadFailed, match="stands_for"):
        run({"actors": [actor]})
