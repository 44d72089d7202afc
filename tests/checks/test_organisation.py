"""QC113-QC115 and QC101 on the organisation: self-references, name collisions, successor gaps, unknown ids."""

from __future__ import annotations

from typing import Any

import pytest

from quyche_rules.findings import Finding
from tests.checks.test_python_edges import article, run

Norm = dict[str, Any]
GONE = {"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan", "valid_until": "2023-06-30"}


def _with(*actors: Norm) -> list[Finding]:
    return run({"actors": list(actors)})


@pytest.mark.parametrize("norm", [
    {"delegation": {"mode": "assign", "signing": "KT", "from": "bo-truong", "to": "bo-truong",
                    "scope": ["cong-van-a"]}},
    {"substitution": {"absent": "bo-truong", "substitute": "bo-truong"}},
    {"substitution": {"absent": "bo-truong", "substitute": "thu-truong-a", "fallback": "bo-truong"}},
    {"substitution": {"absent": "bo-truong", "substitute": "thu-truong-a", "fallback": "thu-truong-a"}},
    {"reporting": {"from": "vu-a", "to": "vu-a", "frequency": "monthly"}},
    {"follow_up": {"holder": "vu-a", "task": "ke-hoach-nam", "targets": ["vu-b", "vu-a"]}},
    {"duty": {"holder": "vu-a", "task": "ke-hoach-nam", "role": "cooperate", "accountable_to": "vu-a"}},
    {"coordination": {"lead": "vu-a", "cooperating": ["vu-b", "vu-b"], "task": "ke-hoach-nam",
                      "response_deadline": {"working_days": 3}}},
    {"delegation": {"id": "uq-1", "via": "uq-1", "mode": "assign", "signing": "KT", "from": "bo-truong",
                    "to": "thu-truong-a", "scope": ["cong-van-a"]}},
])
def test_a_norm_naming_one_actor_in_two_roles_is_qc113(norm: Norm) -> None:
    (f,) = run({"articles": [article("3", [norm])]}, "QC113")
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3"] and f.location.file.endswith("dieu-03.yaml")


def test_two_different_actors_are_no_self_reference() -> None:
    norms = [{"reporting": {"from": "vu-a", "to": "vu-b", "frequency": "monthly"}},
             {"substitution": {"absent": "bo-truong", "substitute": "thu-truong-a", "fallback": "thu-truong-b"}}]
    assert run({"articles": [article("3", norms)]}, "QC113") == []


def test_a_parent_or_successor_chain_back_to_its_start_is_one_finding() -> None:
    parents = run({"actors": [{"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "vu-d"},
                              {"id": "vu-d", "name": "Vụ D", "kind": "unit", "parent": "vu-c"}]}, "QC113")
    assert len(parents) == 1 and set(parents[0].actors) == {"vu-c", "vu-d"} and "vu-c → vu-d → vu-c" in \
        parents[0].message.en
    (own,) = run({"actors": [{**GONE, "successor": "vu-c"}]}, "QC113")
    assert "its own successor" in own.message.en


def test_a_group_among_its_own_members_or_in_a_loop_of_groups_is_qc113() -> None:
    (own,) = run({"actors": [{"id": "nhom", "name": "Nhóm", "kind": "group", "members": ["nhom", "vu-a"]}]},
                 "QC113")
    assert "«Nhóm» is a member of itself" in own.message.en
    (loop,) = run({"actors": [{"id": "nhom-a", "name": "Nhóm A", "kind": "group", "members": ["nhom-b"]},
                              {"id": "nhom-b", "name": "Nhóm B", "kind": "group", "members": ["nhom-a", "vu-a"]}]},
                  "QC113")
    assert set(loop.actors) == {"nhom-a", "nhom-b"} and "nhom-a → nhom-b → nhom-a" in loop.message.en


def test_two_actors_with_one_name_at_the_same_time_collide() -> None:
    (f,) = run({"actors": [{"id": "vu-c", "name": "vụ a", "kind": "unit", "parent": "co-quan"}]}, "QC114")
    assert set(f.actors) == {"vu-a", "vu-c"}  # case and spelling (NFC) do not tell names apart
    (alias,) = run({"actors": [{"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan",
                                "aliases": ["Vụ B"]}]}, "QC114")
    assert set(alias.actors) == {"vu-b", "vu-c"}


def test_the_name_quoted_is_the_one_that_collides_not_the_actor_s_own() -> None:
    (alias,) = run({"actors": [{"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan",
                                "aliases": ["Vụ B"]}]}, "QC114")
    assert "«Vụ B» names both" in alias.message.en and "Vụ C" not in alias.message.en
    assert "«Vụ B» là tên của cả" in alias.message.vi


@pytest.mark.parametrize("twin", ["Vụ\u00a0A", "Vụ\u200b A", "Vụ  A", "VỤ A\u2060", "Vụ \u00adA"])
def test_names_that_differ_only_in_invisible_characters_or_spaces_collide(twin: str) -> None:
    found = run({"actors": [{"id": "vu-z", "name": twin, "kind": "unit", "parent": "co-quan"}]}, "QC114")
    assert [set(f.actors) for f in found] == [{"vu-a", "vu-z"}]


def test_a_name_reused_after_its_first_bearer_ended_is_no_collision() -> None:
    old = {**GONE, "name": "Vụ Mới"}
    new = {"id": "vu-d", "name": "Vụ Mới", "kind": "unit", "parent": "co-quan", "valid_from": "2023-07-01"}
    assert run({"actors": [old, new]}, "QC114") == []


def test_two_tasks_with_one_name_collide() -> None:
    found = run({"tasks": [{"id": "ke-hoach-2", "name": "Xây dựng kế hoạch công tác năm"}]}, "QC114")
    assert len(found) == 1 and "ke-hoach-2" in found[0].message.en


@pytest.mark.parametrize(("successor", "gap"), [
    ({"valid_from": "2023-09-01"}, "from 2023-07-01 to 2023-08-31"),
    ({"valid_until": "2023-03-31"}, "from 2023-07-01"),
])
def test_a_successor_not_there_the_day_after_is_a_gap(successor: Norm, gap: str) -> None:
    nxt = {"id": "vu-d", "name": "Vụ D", "kind": "unit", "parent": "co-quan", **successor}
    (f,) = run({"actors": [{**GONE, "successor": "vu-d"}, nxt]}, "QC115")
    assert gap in f.message.en and f.actors == ("vu-c", "vu-d")


def test_a_successor_from_the_next_day_has_no_gap() -> None:
    nxt = {"id": "vu-d", "name": "Vụ D", "kind": "unit", "parent": "co-quan", "valid_from": "2023-07-01"}
    assert run({"actors": [{**GONE, "successor": "vu-d"}, nxt]}, "QC115") == []


def test_an_unknown_successor_or_body_is_qc101() -> None:
    (f,) = run({"actors": [{**GONE, "successor": "vu-khong-co"}]}, "QC101")
    assert "vu-khong-co" in f.message.en
    (body,) = run({"regulation": {"body": "co-quan-khac"}}, "QC101")
    assert "co-quan-khac" in body.message.en and body.location.file.endswith("regulation.yaml")


def test_an_organising_instrument_must_be_known() -> None:
    (f,) = run({"actors": [{**GONE, "successor": "vu-a", "ended_by": {"id": "nd-999-2099"}}]}, "QC103")
    assert "nd-999-2099" in f.message.en
    assert run({"actors": [{**GONE, "successor": "vu-a", "ended_by": {"id": "nd-66-2022", "provision": "Điều 3"}}]},
               "QC103") == []
