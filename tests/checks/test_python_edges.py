"""The edges of the Python checks and of the facts the rules read, case by case.

Written against the mutation run (benchmarks/mutation.py): each test pins a behaviour of
``quyche_rules/checks/*.py`` or ``quyche_rules/facts.py`` that no other check test noticed changing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from quyche_rules.checks.catalogue import FACTS
from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

Norm = dict[str, Any]
GONE_UNIT = {"id": "vu-c", "name": "Vụ C", "kind": "unit", "parent": "co-quan", "valid_until": "2023-06-30"}


def run(data: dict[str, Any], code: str | None = None, *, checks: str | None = None) -> list[Finding]:
    """Findings (of ``code``, if given) on the minimal fixture with ``data`` merged in (see materialise)."""
    if checks is not None:
        data = {**data, "checks": checks}
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, yaml.safe_dump(data, allow_unicode=True), Path(tmp))
        result = run_checks(load_regulation(folder), engine="reference")
    return [f for f in result.findings if code is None or f.code == code]


def article(number: str, *clauses: list[Norm], chapter: str = "II", **extra: Any) -> dict[str, Any]:
    return {"article": number, "title": "Kiểm thử", "chapter": chapter, **extra,
            "clauses": [{"clause": str(i), "text": f"Khoản {i}.", "norms": n} for i, n in enumerate(clauses, 1)]}


def clauses_article(number: str, clauses: list[dict[str, Any]]) -> dict[str, Any]:
    return {"article": number, "title": "Kiểm thử", "chapter": "II", "clauses": clauses}


# -- QC010 numbering, QC011 duplicates, QC012 chapters ---------------------------------------------------------------

#: QC010 rests on the numbering rules for legal normative documents, which a working regulation follows as practice
ANALOGY = " (by analogy with the rules for legal normative documents, not binding)"


def test_qc010_a_gap_in_article_and_clause_numbers_is_reported_with_what_came_before() -> None:
    gap = clauses_article("4", [{"clause": "1", "text": "a"}, {"clause": "3", "text": "b"}])
    messages = sorted(f.message.en.removesuffix(ANALOGY) for f in run({"articles": [gap]}, "QC010"))
    assert messages == ["Khoản 3 follows 1: out of sequence", "Điều 4 follows 2: out of sequence"]


def test_qc010_a_first_article_clause_or_point_that_is_not_the_first_number() -> None:
    first = clauses_article("2", [{"clause": "2", "text": "a", "points": [{"point": "b", "text": "x"}]}])
    found = run({"delete": ["articles/dieu-01.yaml"], "articles": [first]}, "QC010")
    assert all(f.message.en.endswith(ANALOGY) for f in found)
    assert sorted(f.message.en.removesuffix(ANALOGY) for f in found) == ["Khoản 2 follows —: out of sequence",
                                                    "Điều 2 follows —: out of sequence",
                                                    "Điểm b follows —: out of sequence"]


def _line_of(data: dict[str, Any], rel: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle`` in ``rel`` as materialised."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(MINIMAL, yaml.safe_dump(data, allow_unicode=True), Path(tmp))
        lines = (folder / rel).read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if needle in line][occurrence - 1]


def test_qc011_a_duplicate_is_reported_once_at_its_second_occurrence() -> None:
    data = {"articles": [clauses_article("3", [{"clause": "1", "text": "a"}, {"clause": "1", "text": "b"}])]}
    (f,) = run(data, "QC011")
    assert f.message.en == "khoản 1 Điều 3 is written twice"
    assert f.line == _line_of(data, "articles/dieu-03.yaml", "clause: '1'", 2)


def test_qc012_an_undeclared_section_of_a_declared_chapter() -> None:
    (f,) = run({"articles": [article("3", [], section="1")]}, "QC012")
    assert "Mục 1 Chương II" in f.message.en


# -- QC101-QC103, QC110: references ----------------------------------------------------------------------------------

def test_qc101_unknown_actors_in_lists_and_unknown_parents_are_reported() -> None:
    coordination = {"coordination": {"lead": "vu-a", "cooperating": ["vu-khong-co"], "task": "ke-hoach-nam"}}
    found = run({"articles": [article("3", [coordination])],
                 "actors": [{"id": "vu-d", "name": "Vụ D", "kind": "unit", "parent": "co-quan-khac"}]}, "QC101")
    assert sorted(f.actors for f in found) == [("co-quan-khac",), ("vu-khong-co",)]
    parent = next(f for f in found if f.actors == ("co-quan-khac",))
    assert parent.file.endswith("actors.yaml") and "actors.yaml (vu-d)" in parent.message.en


def test_qc101_to_qc103_point_at_the_line_of_the_norm_not_of_its_clause() -> None:
    norms: list[Norm] = [{"duty": {"holder": "vu-a", "task": "ke-hoach-nam", "role": "cooperate"}},
             {"duty": {"holder": "vu-khong-co", "task": "nhiem-vu-khong-co"}},
             {"power": {"holder": "bo-truong", "action": "sign", "document_types": ["giay-khong-co"]}}]
    data = {"articles": [article("3", norms)]}
    lines = {f.code: f.line for f in run(data) if f.code in ("QC101", "QC102", "QC103")}
    rel = "articles/dieu-03.yaml"
    second, third = _line_of(data, rel, "- duty:", 2), _line_of(data, rel, "- power:")
    assert lines == {"QC101": second, "QC102": second, "QC103": third}
    assert second != _line_of(data, rel, "- clause:")


def test_qc103_every_kind_of_unknown_reference() -> None:
    delegation = {"delegation": {"mode": "assign", "signing": "KT", "from": "bo-truong", "to": "thu-truong-a",
                                 "fields": ["linh-vuc-x"], "scope": ["giay-x"], "via": "khong-co"}}
    power = {"power": {"holder": "bo-truong", "action": "sign", "document_types": ["giay-y"]}}
    deputy = {"id": "thu-truong-c", "name": "Thứ trưởng C", "kind": "deputy_head", "parent": "co-quan",
              "fields": ["linh-vuc-z"]}
    found = run({"articles": [article("3", [delegation, power])], "actors": [deputy]}, "QC103")
    assert sorted(f.message.vi.split(" «")[0].split(" nhắc tới ")[1] for f in found) == [
        "loại văn bản", "lĩnh vực", "lĩnh vực", "phạm vi", "ủy quyền gốc"]
    assert any("document type «giay-y»" in f.message.en for f in found)


@pytest.mark.parametrize(("name", "kind", "reported"), [
    ("Ban", "unit", False),  # three letters: too short to be found in text reliably
    ("Vụ C", "unit", True),  # four: found
    ("Hội đồng cũ", "body", True),  # a body that has ended is an obsolete name too
])
def test_qc110_which_ended_names_are_looked_for_in_the_text(name: str, kind: str, reported: bool) -> None:
    gone = {"id": "cu", "name": name, "kind": kind, "valid_until": "2020-01-01"}
    if kind == "unit":
        gone["parent"] = "co-quan"
    text_article = {"article": "3", "title": "X", "chapter": "II", "text": f"{name} báo cáo hằng tháng."}
    assert bool(run({"actors": [gone], "articles": [text_article]}, "QC110")) is reported


def test_qc110_the_longest_ended_name_is_matched_first() -> None:
    gone = [{"id": "vu-tong-hop-cu-hon-nua", "name": "Vụ Tổng hợp", "kind": "unit", "parent": "co-quan",
             "valid_until": "2020-01-01"},
            {"id": "b", "name": "Vụ Tổng hợp cũ", "kind": "unit", "parent": "co-quan", "valid_until": "2020-01-01"}]
    text_article = {"article": "3", "title": "X", "chapter": "II", "text": "Vụ Tổng hợp cũ báo cáo."}
    (f,) = run({"actors": gone, "articles": [text_article]}, "QC110")
    assert f.actors == ("b",)


# -- QC410, QC411: delegation cycles and chains -----------------------------------------------------------------------

def _delegate(from_: str, to: str, scope: list[str] | None = None, **extra: Any) -> Norm:
    out: dict[str, Any] = {"mode": "assign", "from": from_, "to": to, **extra}
    if scope is not None:
        out["scope"] = scope
    return {"delegation": out}


def test_qc410_a_loop_that_names_no_object_at_all_is_a_loop() -> None:
    (f,) = run({"articles": [article("3", [_delegate("vu-truong-a", "vu-truong-b")],
                                     [_delegate("vu-truong-b", "vu-truong-a")])]}, "QC410")
    assert f.actors == ("vu-truong-a", "vu-truong-b")
    assert f.message.en.startswith("The delegations form a loop: Vụ trưởng Vụ A → Vụ trưởng Vụ B → Vụ trưởng Vụ A;")


def test_qc410_a_step_that_names_no_object_passes_on_everything() -> None:
    (f,) = run({"articles": [article("3", [_delegate("vu-truong-b", "vu-truong-a", ["giay-moi-hop"])],
                                     [_delegate("vu-truong-a", "vu-truong-b")])]}, "QC410")
    assert "closes it" in f.message.en and f.actors == ("vu-truong-a", "vu-truong-b")


def test_qc410_a_delegation_beside_the_loop_of_other_documents_is_not_part_of_it() -> None:
    found = run({"articles": [article("3", [_delegate("vu-truong-a", "vu-truong-b", ["giay-moi-hop"]),
                                            _delegate("vu-truong-a", "vu-truong-b", ["cong-van-a"])],
                                      [_delegate("vu-truong-b", "vu-truong-a", ["giay-moi-hop"])])]}, "QC410")
    (f,) = found
    assert sorted(p.citation for p in f.provisions) == ["khoản 1 Điều 3", "khoản 2 Điều 3"]


def test_qc411_the_depth_of_a_delegation_is_its_longest_chain() -> None:
    tl = {"delegation": {"id": "tl-1", "mode": "assign", "signing": "TL", "from": "bo-truong",
                         "to": "chanh-van-phong", "scope": ["giay-moi-hop"]}}
    down = {"delegation": {"id": "tl-2", "mode": "assign", "signing": "TL", "from": "chanh-van-phong",
                           "to": "pho-chanh-van-phong", "scope": ["giay-moi-hop"], "via": "tl-1"}}
    direct = {"delegation": {"mode": "assign", "signing": "TL", "from": "bo-truong", "to": "pho-chanh-van-phong",
                             "scope": ["giay-moi-hop"]}}
    further = {"delegation": {"mode": "assign", "from": "pho-chanh-van-phong", "to": "van-thu",
                              "scope": ["giay-moi-hop"]}}
    (f,) = run({"articles": [article("3", [tl, down], [direct], [further])]}, "QC411")
    assert "is 3 steps long" in f.message.en


# -- QC607: the instrument that repealed ---------------------------------------------------------------------------

AMENDMENT = ("amendment: {{id: sua-doi-mau, amends: mau-toi-thieu, instrument: {{number: '{number}', "
             "date: 2024-02-01}}, effective: 2024-03-01}}\noperations:\n  - repeal: khoản 1 Điều 1\n")


@pytest.mark.parametrize(("number", "named"), [("2/QĐ-MAU", "2/QĐ-MAU"), ("", "sua-doi-mau")])
def test_qc607_names_the_repealing_instrument_else_the_amendment(number: str, named: str) -> None:
    from quyche_rules.amend.compare import consolidate
    from quyche_rules.loading.amendment import parse_amendment

    base = load_regulation(MINIMAL)
    view, _ = consolidate(base, [parse_amendment(AMENDMENT.format(number=number).encode(), "a.yaml")])
    (f,) = [f for f in run_checks(view, engine="reference").findings if f.code == "QC607"]
    assert f.message.en.endswith(f"(by {named})") or f"(by {named})" in f.message.en


# -- the runner and the message templates ---------------------------------------------------------------------------

def test_report_refs_with_no_value_are_left_out() -> None:
    power = {"power": {"holder": "bo-truong", "action": "sign", "document_types": ["quyet-dinh"], "exclusive": True}}
    other = {"power": {"holder": "vu-truong-a", "action": "sign", "document_types": ["quyet-dinh"]}}
    (f,) = run({"articles": [article("3", [power], [other])]}, "QC303")
    assert f.tasks == ()  # the report names w.task, which is empty for a power over document types


def test_the_result_counts_the_provisions_checked() -> None:
    result = run_checks(load_regulation(MINIMAL), engine="reference")
    assert result.provisions == 10


def test_when_durable_rules_is_missing_the_result_says_the_reference_evaluator_ran_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quyche_rules.engines import compare

    monkeypatch.setattr(compare, "durable_available", lambda: False)
    result = run_checks(load_regulation(MINIMAL), engine="both")
    assert result.notes == [compare.NOTE_REFERENCE_ONLY]
    assert result.engines_run == ("reference",)


def test_a_check_example_may_carry_its_own_checks_file_and_nested_files() -> None:
    from quyche_rules.commands.examples import example_codes

    checks = ("checks:\n  - code: QC901\n    name: every-head\n    severity: info\n"
              "    title: {vi: t, en: t}\n    message: {vi: '{h.name}', en: '{h.name}'}\n"
              "    rationale: {vi: r, en: r}\n    fix: {vi: f, en: f}\n"
              "    when: [{bind: h, kind: actor, where: {actor_kind: head}}]\n")
    snippet = yaml.safe_dump({"checks": checks, "files": {"phu-luc/ghi-chu/ban-nhap.txt": "không đọc"}},
                             allow_unicode=True)
    assert example_codes(MINIMAL, snippet) == ["QC901"]


# -- facts: what a regulation-specific check can match ----------------------------------------------------------------

def _count_check(code: str, kind: str, where: dict[str, Any] | None = None, value: int = 1) -> str:
    derived = FACTS.derived  # what the check relies on that a rule of the package derives, it must name
    relies_on = [name for name in (kind, *(f"{kind}.{f}" for f in where or {})) if name in derived]
    return yaml.safe_dump({"checks": [{
        "code": code, "name": f"count-{kind.replace('_', '-')}-{code[-1]}", "severity": "info",
        "title": {"vi": "t", "en": "t"}, "message": {"vi": "{count}", "en": "{count}"},
        "rationale": {"vi": "r", "en": "r"}, "fix": {"vi": "f", "en": "f"},
        "when": [{"bind": "r", "kind": "regulation"}],
        "count": {"bind": "n", "kind": kind, "where": where or {}, "op": "ge", "value": value},
        "relies_on": relies_on,
    }]}, allow_unicode=True)


@pytest.mark.parametrize(("kind", "where", "expected"), [
    ("cooperation", {"holder": "vu-b", "task": "ke-hoach-nam"}, 1),
    ("reporting", {"from": "vu-a", "to": "bo-truong", "frequency": "monthly"}, 1),
    ("follow_up", {"holder": "chanh-van-phong", "task": "xu-ly-van-ban-den"}, 1),
    ("deadline", {"task": "xu-ly-van-ban-den", "holder": "", "has_deadline": 1, "deadline_unit": "working_days",
                  "deadline_amount": 3}, 1),
    ("deadline", {"task": "ky-so", "holder": "van-thu", "deadline_unit": "same_day"}, 1),
    ("delegation_scope", {"item": "giay-moi-hop"}, 2),
    ("delegation_cycle", {"first": "vu-truong-a", "actors": "vu-truong-a → vu-truong-b"}, 1),
    ("power", {"holder": "bo-truong", "action": "sign", "doctype": "quyet-dinh"}, 1),
    ("power", {"holder": "bo-truong", "action": "sign"}, 3),  # one per document type
    ("follow_up_topic", {"topic": "incoming-documents", "holder": "vu-b", "via": "duty"}, 1),
    ("follow_up_topic", {"topic": "follow-up", "holder": "vu-b"}, 0),  # a follow-up task follows up the others
    ("follow_up_topic", {"holder": "vu-a", "via": "duty"}, 0),  # cooperating is not following up
])
def test_the_facts_a_regulation_check_can_count(kind: str, where: dict[str, Any], expected: int) -> None:
    extra: list[Norm] = [
        {"reporting": {"from": "vu-a", "to": "bo-truong", "frequency": "monthly"}},
        {"deadline": {"task": "ky-so", "holder": "van-thu", "within": {"same_day": True}}},
        _delegate("vu-truong-a", "vu-truong-b"), _delegate("vu-truong-b", "vu-truong-a"),
        {"duty": {"holder": "vu-b", "task": "theo-doi-vb", "role": "responsible"}},
        {"duty": {"holder": "vu-a", "task": "theo-doi-vb", "role": "cooperate"}},
    ]
    task = {"id": "theo-doi-vb", "name": "Theo dõi văn bản đến", "topics": ["follow-up", "incoming-documents"],
            "needs_lead": False}
    found = run({"articles": [article("3", extra)], "tasks": [task]}, "QC901",
                checks=_count_check("QC901", kind, where, max(expected, 1)))
    if expected:
        (f,) = found
        assert f.message.en == str(expected)
    else:
        assert found == []


def test_a_same_day_deadline_reads_within_the_day() -> None:
    same_day = [{"deadline": {"task": "ky-so", "within": {"same_day": True}}}]
    at_once = [{"deadline": {"task": "ky-so", "within": {"immediately": True}}}]
    (f,) = run({"articles": [article("3", same_day, at_once)]}, "QC304")
    assert "trong ngày (khoản 1 Điều 3) và ngay (khoản 2 Điều 3)" in f.message.vi


def test_qc404_shows_a_dash_when_an_authorisation_has_no_scope() -> None:
    tuq = {"delegation": {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
                          "instrument": "1/QĐ"}}
    (f,) = run({"articles": [article("3", [tuq])]}, "QC404")
    assert f.message.en.endswith("ends: —; scope: —")


def test_qc413_a_delegation_ending_on_the_day_checked_has_not_expired() -> None:
    today = {"delegation": {"mode": "assign", "signing": "TL", "from": "bo-truong", "to": "chanh-van-phong",
                            "scope": ["giay-moi-hop"], "valid_until": "2024-01-02"}}
    assert run({"articles": [article("3", [today])]}, "QC413") == []


def test_the_head_and_the_body_are_one_lead() -> None:
    norms = [{"duty": {"holder": "co-quan", "task": "tong-ket", "role": "lead"}},
             {"duty": {"holder": "bo-truong", "task": "tong-ket", "role": "lead"}}]
    assert run({"articles": [article("3", norms)], "tasks": [{"id": "tong-ket", "name": "Tổng kết"}]},
               "QC301") == []


def test_a_deputy_of_a_dissolved_unit_is_succeeded_by_the_deputy_of_its_successor() -> None:
    actors = [{**GONE_UNIT, "successor": "vu-a"},
              {"id": "pho-vu-c", "name": "Phó Vụ trưởng Vụ C", "kind": "unit_deputy", "parent": "vu-c",
               "valid_until": "2023-06-30"},
              {"id": "pho-vu-a", "name": "Phó Vụ trưởng Vụ A", "kind": "unit_deputy", "parent": "vu-a"}]
    norm = {"duty": {"holder": "pho-vu-c", "task": "ky-so"}}
    assert run({"articles": [article("3", [norm])], "actors": actors}, "QC105") == []
    (f,) = run({"articles": [article("3", [norm])], "actors": actors}, "QC110")
    assert "(successor: Phó Vụ trưởng Vụ A)" in f.message.en and f.actors == ("pho-vu-c", "pho-vu-a")


# -- facts: delegations -----------------------------------------------------------------------------------------------

def _q(to: str) -> Norm:
    return {"delegation": {"mode": "assign", "signing": "Q", "from": "bo-truong", "to": to, "scope": ["quyet-dinh"]}}


def test_qc408_acting_for_a_vacant_post() -> None:
    vacant = {"id": "bo-truong", "name": "Bộ trưởng", "kind": "head", "parent": "co-quan", "vacant": True}
    # no one is made acting head of the body, vacant or not: a deputy put in charge signs KT.
    assert len(run({"articles": [article("3", [_q("thu-truong-a")])], "actors": [vacant]}, "QC408")) == 1
    assert len(run({"articles": [article("3", [_q("thu-truong-a")])]}, "QC408")) == 1
    vacant_head = {"id": "chanh-van-phong", "name": "Chánh Văn phòng", "kind": "unit_head", "parent": "van-phong",
                   "vacant": True}
    assert run({"articles": [article("3", [_q("pho-chanh-van-phong")])], "actors": [vacant_head]}, "QC408") == []


def test_qc401_only_the_delegators_own_work_may_be_assigned() -> None:
    task = [{"id": "tong-ket", "name": "Tổng kết"}]
    cooperating = {"duty": {"holder": "vu-b", "task": "tong-ket", "role": "cooperate"}}
    leading = {"duty": {"holder": "vu-b", "task": "tong-ket", "role": "lead"}}
    assign = {"delegation": {"mode": "assign", "action": "assign", "from": "vu-truong-b", "to": "vu-truong-a",
                             "task": "tong-ket"}}
    assert len(run({"articles": [article("3", [cooperating, assign])], "tasks": task}, "QC401")) == 1
    assert run({"articles": [article("3", [leading, assign])], "tasks": task}, "QC401") == []


def test_qc401_a_delegation_naming_nothing_needs_some_power_of_that_action() -> None:
    nothing = {"delegation": {"mode": "assign", "action": "approve", "from": "vu-truong-a", "to": "vu-truong-b"}}
    (f,) = run({"articles": [article("3", [nothing])]}, "QC401")
    assert "(*)" in f.message.en
    holds = {"power": {"holder": "vu-truong-a", "action": "approve", "task": "ke-hoach-nam"}}
    assert run({"articles": [article("3", [holds, nothing])]}, "QC401") == []


def test_qc401_a_deputy_may_pass_on_documents_of_the_field_it_signs_for() -> None:
    field_kt = {"delegation": {"id": "kt-a", "mode": "assign", "signing": "KT", "from": "bo-truong",
                               "to": "thu-truong-a", "fields": ["linh-vuc-a"]}}
    onward = {"delegation": {"mode": "assign", "from": "thu-truong-a", "to": "vu-truong-a", "scope": ["bao-cao-a"]}}
    report_a = {"id": "bao-cao-a", "name": "Báo cáo thuộc lĩnh vực A", "field": "linh-vuc-a"}
    assert run({"articles": [article("3", [field_kt, onward])], "document_types": [report_a]}, "QC401") == []
    other = {"delegation": {"mode": "assign", "from": "thu-truong-b", "to": "vu-truong-a", "scope": ["bao-cao-a"]}}
    assert len(run({"articles": [article("3", [field_kt, other])], "document_types": [report_a]}, "QC401")) == 1


@pytest.mark.parametrize(("field", "outside"), [("linh-vuc-a", False), ("linh-vuc-b", True), (None, False)])
def test_qc406_a_task_is_outside_a_deputys_fields_only_when_it_has_another_field(field: str | None,
                                                                                outside: bool) -> None:
    task: dict[str, Any] = {"id": "tong-ket", "name": "Tổng kết"}
    if field:
        task["field"] = field
    kt = {"delegation": {"mode": "assign", "signing": "KT", "from": "bo-truong", "to": "thu-truong-a",
                         "action": "approve", "task": "tong-ket"}}
    assert bool(run({"articles": [article("3", [kt])], "tasks": [task]}, "QC406")) is outside


def test_qc402_passing_on_documents_follows_the_delegation_that_covers_them() -> None:
    """A unit head holding a TL. list and a TUQ. for other documents passes on only the one it covers."""
    tl = {"delegation": {"mode": "assign", "signing": "TL", "from": "bo-truong", "to": "chanh-van-phong",
                         "scope": ["giay-moi-hop"]}}
    tuq = {"delegation": {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
                          "scope": ["cong-van-a"], "instrument": "1/QĐ", "valid_until": "2024-12-31"}}
    onward = {"delegation": {"mode": "assign", "signing": "TL", "from": "chanh-van-phong",
                             "to": "pho-chanh-van-phong", "scope": ["giay-moi-hop"]}}
    assert run({"articles": [article("3", [tl, tuq], [onward])]}, "QC402") == []
    tuq_onward = {"delegation": {"mode": "assign", "from": "chanh-van-phong", "to": "pho-chanh-van-phong",
                                 "scope": ["cong-van-a"]}}
    assert len(run({"articles": [article("3", [tl, tuq], [tuq_onward])]}, "QC402")) == 1


@pytest.mark.parametrize(("parent_task", "child_task", "passes_on"), [
    ("ke-hoach-nam", "ke-hoach-nam", True), ("ke-hoach-nam", "ky-so", False), (None, "ky-so", True),
    ("ke-hoach-nam", None, True),
])
def test_qc402_a_task_delegation_is_passed_on_only_for_the_same_task_or_when_one_names_none(
    parent_task: str | None, child_task: str | None, passes_on: bool
) -> None:
    parent: dict[str, Any] = {"mode": "authorize", "signing": "TUQ", "action": "approve", "from": "bo-truong",
                              "to": "chanh-van-phong", "instrument": "1/QĐ", "valid_until": "2024-12-31"}
    child: dict[str, Any] = {"mode": "assign", "action": "approve", "from": "chanh-van-phong",
                             "to": "pho-chanh-van-phong"}
    if parent_task:
        parent["task"] = parent_task
    if child_task:
        child["task"] = child_task
    found = run({"articles": [article("3", [{"delegation": parent}], [{"delegation": child}])]}, "QC402")
    assert bool(found) is passes_on


# -- facts: acts (QC302's descriptions) ------------------------------------------------------------------------------

def test_qc302_describes_each_act_in_words() -> None:
    forbid_doc = {"prohibition": {"holder": "bo-truong", "action": "sign", "document_types": ["quyet-dinh"]}}
    (f,) = run({"articles": [article("3", [forbid_doc])]}, "QC302")
    assert f.message.en == ("Bộ trưởng is forbidden to sign «Quyết định» in khoản 1 Điều 3, but Bộ trưởng is "
                            "given the power to sign «Quyết định» in khoản 1 Điều 2")
    assert f.message.vi.startswith("Bộ trưởng bị cấm ký «Quyết định» tại khoản 1 Điều 3, nhưng Bộ trưởng lại "
                                   "được giao quyền ký «Quyết định»")
    forbid_task = {"prohibition": {"holder": "vu-a", "action": "decide", "task": "ke-hoach-nam"}}
    (d,) = run({"articles": [article("3", [forbid_task])]}, "QC302")
    assert "is given the task «Xây dựng kế hoạch công tác năm» (lead) in khoản 1 Điều 1" in d.message.en
    assert "được giao nhiệm vụ «Xây dựng kế hoạch công tác năm» (chủ trì)" in d.message.vi
    forbid_all = {"prohibition": {"holder": "vu-truong-a", "action": "approve"}}
    power_all = {"power": {"holder": "vu-truong-a", "action": "approve"}}
    (g,) = run({"articles": [article("3", [forbid_all], [power_all])]}, "QC302")
    assert "forbidden to approve (anything)" in g.message.en and "the power to approve (anything)" in g.message.en
    assert "phê duyệt (mọi việc)" in g.message.vi


def test_qc302_a_delegated_task_named_in_the_scope_is_that_task() -> None:
    forbid = {"prohibition": {"holder": "vu-truong-a", "action": "decide", "task": "ky-so"}}
    delegated = {"delegation": {"mode": "assign", "action": "decide", "from": "bo-truong", "to": "vu-truong-a",
                                "scope": ["ky-so"]}}
    (f,) = run({"articles": [article("3", [forbid], [delegated])]}, "QC302")
    assert f.tasks == ("ky-so",) and "the power to decide «Ký số văn bản điện tử»" in f.message.en
    delegated_doc = {"delegation": {"mode": "assign", "action": "decide", "from": "bo-truong", "to": "vu-truong-a",
                                    "task": "xu-ly-tren-mang", "scope": ["giay-moi-hop"]}}
    assert run({"articles": [article("3", [forbid], [delegated_doc])]}, "QC302") == []


def test_qc302_a_delegation_of_a_task_conflicts_with_forbidding_that_task() -> None:
    forbid = {"prohibition": {"holder": "vu-truong-a", "action": "decide", "task": "ky-so"}}
    for delegation in (
        {"mode": "assign", "action": "decide", "from": "bo-truong", "to": "vu-truong-a", "task": "ky-so"},
        {"mode": "assign", "action": "decide", "from": "bo-truong", "to": "vu-truong-a", "task": "ky-so",
         "scope": ["giay-moi-hop"]},
    ):
        (f,) = run({"articles": [article("3", [forbid], [{"delegation": delegation}])]}, "QC302")
        assert f.tasks == ("ky-so",)


def test_qc302_an_unknown_scope_item_is_taken_as_a_document_type() -> None:
    forbid = {"prohibition": {"holder": "vu-truong-a", "action": "decide", "task": "khong-co"}}
    delegated = {"delegation": {"mode": "assign", "action": "decide", "from": "bo-truong", "to": "vu-truong-a",
                                "scope": ["khong-co"]}}
    assert run({"articles": [article("3", [forbid], [delegated])]}, "QC302") == []


def test_qc410_a_step_with_one_delegation_naming_nothing_passes_on_everything() -> None:
    norms = [_delegate("vu-truong-a", "vu-truong-b"), _delegate("vu-truong-a", "vu-truong-b", ["cong-van-a"])]
    (f,) = run({"articles": [article("3", norms, [_delegate("vu-truong-b", "vu-truong-a", ["giay-moi-hop"])])]},
               "QC410")
    assert f.actors == ("vu-truong-a", "vu-truong-b")


def test_qc410_names_only_the_delegations_of_the_loop() -> None:
    found = run({"articles": [article("3", [_delegate("vu-truong-a", "vu-truong-b", ["giay-moi-hop"])],
                                      [_delegate("vu-truong-b", "vu-truong-a", ["giay-moi-hop"])],
                                      [_delegate("vu-truong-a", "vu-truong-b", ["cong-van-a"])])]}, "QC410")
    (f,) = found
    assert sorted(p.citation for p in f.provisions) == ["khoản 1 Điều 3", "khoản 2 Điều 3"]


def test_qc607_a_repealed_provision_citing_another_repealed_one_is_not_reported() -> None:
    def gone() -> list[dict[str, str]]:
        return [{"action": "repealed", "amendment": "sd", "effective": "2024-01-02"}]

    repealed = clauses_article("3", [
        {"clause": "1", "text": "Theo khoản 2 Điều này.", "history": gone()},
        {"clause": "2", "text": "(Bãi bỏ)", "history": gone()},
        {"clause": "3", "text": "Theo khoản 2 Điều này."},
    ])
    (f,) = run({"articles": [repealed]}, "QC607")
    assert [p.citation for p in f.provisions] == ["khoản 3 Điều 3", "khoản 2 Điều 3"]


def test_report_refs_of_a_counted_group_leave_out_empty_values() -> None:
    check = yaml.safe_dump({"checks": [{
        "code": "QC902", "name": "powers-of-the-head", "severity": "info", "title": {"vi": "t", "en": "t"},
        "message": {"vi": "{count}", "en": "{count}"}, "rationale": {"vi": "r", "en": "r"},
        "fix": {"vi": "f", "en": "f"}, "when": [{"bind": "r", "kind": "regulation"}],
        "count": {"bind": "n", "kind": "power", "where": {"holder": "bo-truong"}, "op": "ge", "value": 1},
        "report": {"tasks": ["n.task"], "provisions": ["n.provision"]},
    }]}, allow_unicode=True)
    (f,) = run({}, "QC902", checks=check)
    assert f.tasks == ("ky-so",)  # the three powers over document types have no task: left out, not ""


def test_qc408_an_acting_head_for_someone_unknown_is_not_in_a_vacant_post() -> None:
    assert len(run({"articles": [article("3", [_q("vu-khong-co")])]}, "QC408")) == 1


def test_qc409_a_tl_passed_to_someone_unknown_is_not_passed_to_a_deputy() -> None:
    onward = {"delegation": {"mode": "assign", "signing": "TL", "from": "chanh-van-phong", "to": "vu-khong-co",
                             "via": "tl-cvp", "scope": ["giay-moi-hop"]}}
    assert len(run({"articles": [article("3", [onward])]}, "QC409")) == 1


def test_the_words_of_an_action() -> None:
    from quyche_rules.vocabulary import action_words

    assert (action_words("sign_digitally", "vi"), action_words("sign_digitally", "en")) == ("ký số", "sign digitally")


def test_a_duty_without_a_deadline_says_so_in_its_fact() -> None:
    check = _count_check("QC903", "duty", {"holder": "van-thu", "has_deadline": 0, "deadline_amount": 0,
                                           "deadline_unit": ""})
    (f,) = run({}, "QC903", checks=check)
    assert f.message.en == "1"


def test_qc412_names_the_document_sealed() -> None:
    seal = {"power": {"holder": "van-thu", "action": "seal", "document_types": ["bien-ban"]}}
    (f,) = run({"articles": [article("3", [seal])], "document_types": [{"id": "bien-ban", "name": "Biên bản"}]},
               "QC412")
    assert "vào «Biên bản» tại khoản 1 Điều 3" in f.message.vi


def test_qc401_a_deputy_may_pass_on_tasks_of_the_field_it_signs_for() -> None:
    """Holding a field covers the tasks of that field as it covers its document types."""
    def kt(field: str) -> Norm:
        return {"delegation": {"mode": "assign", "signing": "KT", "from": "bo-truong", "to": "thu-truong-b",
                               "fields": [field]}}
    onward = {"delegation": {"mode": "assign", "from": "thu-truong-b", "to": "vu-truong-b", "task": "ke-hoach-nam"}}
    assert run({"articles": [article("3", [kt("linh-vuc-a"), onward])]}, "QC401") == []
    (f,) = run({"articles": [article("3", [kt("linh-vuc-b"), onward])]}, "QC401")
    assert "(ke-hoach-nam)" in f.message.en


@pytest.mark.parametrize(("signing", "expected"), [("TL", 0), ("KT", 0), ("Q", 1)])
def test_post_vacant_is_the_receivers_head_post_only_for_an_acting_q(signing: str, expected: int) -> None:
    """A regulation rule reading ``post_vacant``: the vacant post of the receiver's head counts only for Q."""
    vacant_head = {"id": "chanh-van-phong", "name": "Chánh Văn phòng", "kind": "unit_head", "parent": "van-phong",
                   "vacant": True}
    norm = {"delegation": {"mode": "assign", "signing": signing, "from": "bo-truong", "to": "pho-chanh-van-phong",
                           "scope": ["giay-moi-hop"]}}
    found = run({"articles": [article("3", [norm])], "actors": [vacant_head]}, "QC904",
                checks=_count_check("QC904", "delegation", {"post_vacant": 1, "provision": "khoản 1 Điều 3"}))
    assert len(found) == expected


def test_a_missing_builtin_rule_file_is_an_error_not_a_smaller_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    from quyche_rules.checks import catalogue
    from quyche_rules.errors import InternalError

    monkeypatch.setattr(catalogue, "BUILTIN_RULE_FILES", (*catalogue.BUILTIN_RULE_FILES, "qc9_missing.yaml"))
    catalogue.builtin_declarative.cache_clear()
    try:
        with pytest.raises(InternalError) as caught:
            catalogue.builtin_declarative()
        assert "qc9_missing.yaml is missing" in caught.value.render("en")
    finally:
        catalogue.builtin_declarative.cache_clear()


# -- QC104 one finding a provision, QC112 unreadable citations ----------------------------------------------------

def test_qc104_names_every_missing_target_of_a_provision_in_one_finding() -> None:
    text = "Thực hiện theo khoản 7 Điều 1, khoản 8 Điều 1 và Điều 9; nhắc lại khoản 7 Điều 1."
    (found,) = run({"articles": [clauses_article("3", [{"clause": "1", "text": text}])]}, "QC104")
    assert found.message.en == "khoản 1 Điều 3 refers to khoản 7 Điều 1, khoản 8 Điều 1, Điều 9, which do not exist"
    single = clauses_article("3", [{"clause": "1", "text": "Theo Điều 9."}])
    assert [f.message.en for f in run({"articles": [single]}, "QC104")] == [
        "khoản 1 Điều 3 refers to Điều 9, which does not exist"]


def test_qc104_lists_at_most_twenty_targets_and_counts_the_rest() -> None:
    text = " ".join(f"Theo Điều {n}." for n in range(10, 40))
    (found,) = run({"articles": [clauses_article("3", [{"clause": "1", "text": text}])]}, "QC104")
    assert "Điều 29, … (+10)" in found.message.en


def test_qc112_reports_a_citation_that_cannot_be_read_with_its_fix() -> None:
    text = "Thực hiện theo Điều 2 đến Điều 1."
    (found,) = run({"articles": [clauses_article("3", [{"clause": "1", "text": text}])]}, "QC112")
    assert found.message.en.startswith("khoản 1 Điều 3: cannot read citation “Điều 2 đến Điều 1”")
    assert "an increasing range of at most 500 items" in found.message.en
    assert found.location.file.endswith("dieu-03.yaml") and found.location.line > 1


def test_chuong_nay_and_muc_nay_are_read_in_the_articles_own_chapter() -> None:
    text = "Thực hiện theo Mục 9 Chương này và Chương này."
    found = run({"articles": [clauses_article("3", [{"clause": "1", "text": text}])]})
    assert [(f.code, f.message.en) for f in found if f.code in ("QC104", "QC112")] == [
        ("QC104", "khoản 1 Điều 3 refers to Mục 9 Chương II, which does not exist")]


def test_qc410_the_example_of_a_loop_follows_the_text_whatever_the_hash_seed() -> None:
    """A loop with two ways back: its example takes the first way the text writes, in any process."""
    import json
    import subprocess
    import sys

    regulation = {"articles": [article("3", [_delegate("vu-truong-a", "vu-truong-b")],
                                       [_delegate("vu-truong-b", "chanh-van-phong")],
                                       [_delegate("chanh-van-phong", "vu-truong-a")],
                                       [_delegate("vu-truong-b", "vu-truong-a")])]}
    (f,) = run(regulation, "QC410")
    assert f.message.en.startswith("The delegations form a loop: Chánh Văn phòng → Vụ trưởng Vụ A → Vụ trưởng Vụ B "
                                   "→ Chánh Văn phòng;")
    script = ("import json, sys; from tests.checks.test_python_edges import run; "
              "print(json.dumps([f.message.en for f in run(json.loads(sys.argv[1]), 'QC410')]))")
    seen = {subprocess.run([sys.executable, "-c", script, json.dumps(regulation)], capture_output=True, text=True,
                           check=True, env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 2, 3, 4)}
    assert seen == {json.dumps([f.message.en]) + "\n"}
