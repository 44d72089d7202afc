"""The actor register's refusals: an organisational operation never loses what it says without a word (QC601)."""

from __future__ import annotations

import pytest

from quyche_rules.amend.consolidate import apply_amendments
from tests.amend.helpers import amendment, small


def _messages(operations: str) -> list[str]:
    result = apply_amendments(small(), [amendment(operations)])
    return [f.message.en for f in result.findings if f.code == "QC601"]


@pytest.mark.parametrize("into", [
    "{id: vu-a, name: Vụ A mở rộng}",  # a new name would be dropped
    "{id: vu-a, kind: group}",
    "{id: vu-a, parent: vu-b}",
    "{id: vu-a, aliases: [Vụ A cũ]}",
    "{id: vu-a, head: {id: vu-truong-moi, name: Vụ trưởng mới}}",
])
def test_merging_into_an_existing_actor_described_as_a_new_one_is_refused(into: str) -> None:
    messages = _messages(f"- merge: {{actors: [vu-a, vu-b], into: {into}, takes_over: all}}\n")
    assert len(messages) == 1
    assert messages[0].startswith("Actor vu-a is already in actors.yaml, but the operation describes it as a new")
    assert "Give the id alone to merge into the existing actor" in messages[0]


def test_the_refused_merge_changes_nothing() -> None:
    result = apply_amendments(small(), [amendment("- merge: {actors: [vu-a, vu-b], into: {id: vu-a, name: Vụ X}}\n")])
    assert result.regulation.actors == small().actors


@pytest.mark.parametrize("into", ["{id: vu-a}", "{id: vu-a, name: Vụ A}", "{id: vu-a, kind: unit}"])
def test_merging_into_an_existing_actor_by_its_id_or_as_it_is_is_an_absorption(into: str) -> None:
    result = apply_amendments(small(), [amendment(f"- merge: {{actors: [vu-b], into: {into}, takes_over: all}}\n")])
    assert result.findings == ()
    assert result.regulation.actor_by_id["vu-b"].successor == "vu-a"
    assert result.regulation.actor_by_id["vu-a"].name == "Vụ A"


def test_an_actor_merged_twice_or_into_itself_is_refused() -> None:
    assert _messages("- merge: {actors: [vu-a, vu-a], into: {id: vu-a}}\n") == [
        "Actor vu-a is listed twice among the merge's actors",
        "Actor vu-a is merged into itself: no other actor is merged",
    ]
    assert _messages("- merge: {actors: [vu-b, vu-b, vu-a], into: {id: vu-c, name: Vụ C}}\n") == [
        "Actor vu-b is listed twice among the merge's actors",
    ]


def test_splitting_into_an_existing_actor_described_otherwise_is_refused() -> None:
    messages = _messages(
        "- split: {actor: vu-b, into: [{id: vu-a, name: Vụ A mới}, {id: vu-b2, name: Vụ B2}],"
        " duties: {tong-hop-bao-cao: vu-a}}\n"
    )
    assert any(m.startswith("Actor vu-a is already in actors.yaml, but the operation describes it") for m in messages)


@pytest.mark.parametrize("operation", [
    "- dissolve: {actor: co-quan}\n",
    "- merge: {actors: [co-quan, vu-a], into: {id: co-quan-moi, name: Cơ quan mới}}\n",
    "- merge: {actors: [co-quan], into: {id: vu-a}}\n",
    "- split: {actor: co-quan, into: [{id: co-quan-1, name: Cơ quan 1}]}\n",
    "- rename: {actor: co-quan, to: {id: co-quan-moi, name: Cơ quan mới}}\n",
])
def test_an_amendment_never_ends_the_body_its_regulation_governs(operation: str) -> None:
    result = apply_amendments(small(), [amendment(operation)])
    messages = [f.message.en for f in result.findings if f.code == "QC601"]
    assert messages == ["Actor co-quan is the body this regulation governs (body in regulation.yaml): dissolving, "
                        "merging, splitting it or changing its id is decided by an organisation instrument, and the "
                        "new body's working regulation is issued in place of this one, not as an amendment of it"]
    assert result.regulation.actor_by_id["co-quan"] == small().actor_by_id["co-quan"]


def test_the_body_may_be_renamed_in_place_and_a_unit_merged_into_it() -> None:
    result = apply_amendments(small(), [amendment(
        "- rename: {actor: co-quan, to: {name: Cơ quan đổi tên}}\n"
        "- merge: {actors: [vu-b], into: {id: co-quan}, takes_over: all}\n")])
    assert [f for f in result.findings if f.code == "QC601"] == []
    assert result.regulation.actor_by_id["co-quan"].name == "Cơ quan đổi tên"


@pytest.mark.parametrize(("operation", "message"), [
    ("- dissolve: {actor: vu-b, successor: vu-b, takes_over: all}\n",
     "Actor vu-b is dissolved and named its own successor"),
    ("- split: {actor: vu-b, into: [{id: vu-b}, {id: vu-d, name: Vụ D}], duties: {tong-hop-bao-cao: vu-d}}\n",
     "Actor vu-b is split, yet listed among the split's own `into`"),
])
def test_a_unit_that_would_succeed_itself_is_refused_at_the_operation(operation: str, message: str) -> None:
    result = apply_amendments(small(), [amendment(operation)])
    (found,) = result.findings
    assert (found.code, found.location.file, found.location.line) == ("QC601", "sua-doi.yaml", 3)
    assert found.message.en.startswith(message)
    assert result.regulation.actors == small().actors  # nothing ended, nothing made its own successor


@pytest.mark.parametrize("head", ["vu-truong-b", "vu-c"])
def test_a_new_unit_s_head_with_an_id_already_used_is_refused_at_the_head(head: str) -> None:
    operation = (f"- merge: {{actors: [vu-a], into: {{id: vu-c, name: Vụ C, head: {{id: {head}, "
                 f"name: Vụ trưởng Vụ C}}}}, takes_over: all}}\n")
    result = apply_amendments(small(), [amendment(operation)])
    (found,) = result.findings
    assert found.code == "QC601" and found.location.line == 3
    assert found.location.column == operation.index("head:") + 3  # at the head key (2 of indent, 1-based)
    assert found.message.en.startswith(f"Actor {head} is given as the new unit's head (head) but is already used")
    assert "vu-c" not in result.regulation.actor_by_id  # the unit whose head was refused is not made without it
    assert result.regulation.actor_by_id["vu-truong-b"] == small().actor_by_id["vu-truong-b"]


def test_a_split_s_duties_naming_a_task_nobody_declared_are_reported_with_the_nearest_task() -> None:
    result = apply_amendments(small(), [amendment(
        "- split: {actor: vu-b, into: [{id: vu-d, name: Vụ D}, {id: vu-e, name: Vụ E}],"
        " duties: {tong-hop-bao-ca: vu-d, khong-co-gi: vu-e}}\n")])
    found = {f.tasks: f for f in result.findings if f.code == "QC601"}
    assert set(found) == {("tong-hop-bao-ca",), ("khong-co-gi",)}
    typo = found["tong-hop-bao-ca",]
    assert typo.location.line == 3
    assert typo.message.en == ("Task tong-hop-bao-ca (duties) is declared neither in tasks.yaml nor in the draft's "
                               "catalogue: nothing moves; did you mean 'tong-hop-bao-cao'?")
    assert "có phải ý bạn là 'tong-hop-bao-cao'" in typo.message.vi
    assert "did you mean" not in found["khong-co-gi",].message.en


def test_a_split_s_duties_may_name_a_task_the_draft_declares() -> None:
    result = apply_amendments(small(), [amendment(
        "- split: {actor: vu-b, into: [{id: vu-d, name: Vụ D}], duties: {viec-moi: vu-d}}\n",
        extra="catalogue: {tasks: [{id: viec-moi, name: Việc mới}]}\n")])
    assert not [f for f in result.findings if f.code == "QC601"]
