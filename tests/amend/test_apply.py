"""Consolidation: each operation, provenance, order of effect, point in time, and the QC6xx it reports."""

from __future__ import annotations

import datetime as dt

from quyche_rules.amend.consolidate import apply_amendments, without_history
from quyche_rules.amend.provision_tree import REPEALED_TEXT
from quyche_rules.model import Article, Clause, Coordination, Duty, Point, Regulation
from quyche_rules.model.norm_items import unwrap
from tests.amend.helpers import amendment, small


def node(reg: Regulation, phrase: str) -> Article | Clause | Point:
    from quyche_rules.amend.provision_tree import Tree
    from quyche_rules.citations import parse_citation

    found = Tree(reg.articles).get(parse_citation(phrase)[0])
    assert found is not None, phrase
    return found


def codes(result: object) -> list[str]:
    return [f.code for f in result.findings]  # type: ignore[attr-defined]


def test_amend_replaces_the_given_keys_and_records_provenance() -> None:
    base = small()
    am = amendment("""\
        - amend: khoản 1 Điều 1
          with:
            text: Vụ A chủ trì xây dựng kế hoạch công tác năm.
            norms: [{duty: {holder: vu-a, task: ke-hoach-nam, role: lead}}]
    """)
    result = apply_amendments(base, [am])
    clause = node(result.regulation, "khoản 1 Điều 1")
    assert clause.text == "Vụ A chủ trì xây dựng kế hoạch công tác năm."
    assert [unwrap(n) for n in clause.norms] == [Duty(holder="vu-a", task="ke-hoach-nam", role="lead")]
    (change,) = clause.history
    assert (change.action, change.amendment, change.instrument, change.effective) == (
        "amended",
        "sd-1",
        "2/QĐ-MAU",
        dt.date(2024, 3, 1),
    )
    assert clause.loc is not None and clause.loc.file == "sua-doi.yaml"
    assert node(result.regulation, "khoản 2 Điều 1") == node(base, "khoản 2 Điều 1")
    assert result.findings == ()
    assert result.regulation.meta.effective == dt.date(2024, 3, 1)


def test_keys_left_out_of_with_stay_and_an_empty_list_removes() -> None:
    am = amendment("""\
        - amend: khoản 3 Điều 1
          with: {text: Vụ B chủ trì tổng hợp báo cáo định kỳ., points: []}
    """)
    clause = node(apply_amendments(small(), [am]).regulation, "khoản 3 Điều 1")
    assert isinstance(clause, Clause) and clause.points == () and clause.norms == ()


def test_the_base_is_never_mutated() -> None:
    base = small()
    before = base.model_dump()
    am = amendment("""\
        - amend: khoản 1 Điều 1
          with: {text: x}
        - repeal: điểm c khoản 3 Điều 1
        - merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C}, takes_over: all}
        - replace_phrase: {from: Trung tâm X, to: Trung tâm Y}
    """)
    apply_amendments(base, [am])
    assert base.model_dump() == before


def test_repeal_keeps_a_numbered_stub_and_references_to_it_are_reported() -> None:
    am = amendment("- repeal: khoản 1 Điều 1\n")
    result = apply_amendments(small(), [am])
    stub = node(result.regulation, "khoản 1 Điều 1")
    assert stub.text == REPEALED_TEXT and stub.norms == () and stub.history[-1].action == "repealed"
    assert [c.clause for c in result.regulation.articles[0].clauses] == ["1", "2", "3"]
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.commands.examples import example_codes  # noqa: F401  (the registry is loaded)
    from quyche_rules.loading import LoadedRegulation

    findings = run_checks(
        LoadedRegulation(result.regulation, small_root(), None), engine="reference"
    ).findings
    qc607 = [f for f in findings if f.code == "QC607"]
    assert [tuple(p.citation for p in f.provisions) for f in qc607] == [("khoản 2 Điều 1", "khoản 1 Điều 1")]


def small_root():  # type: ignore[no-untyped-def]
    from tests.amend.helpers import SMALL

    return SMALL


def test_repealing_twice_reports_the_second_as_not_found() -> None:
    first = amendment("- repeal: điểm b khoản 3 Điều 1\n", id="a1")
    second = amendment("- repeal: điểm b khoản 3 Điều 1\n", id="a2", effective="2024-04-01")
    result = apply_amendments(small(), [first, second])
    (finding,) = result.findings
    assert finding.code == "QC601" and "repealed" in finding.message.en


def test_insert_after_with_a_suffix_inherits_the_chapter() -> None:
    am = amendment("""\
        - insert:
            after: Điều 1
            article: {article: 1a, title: Trách nhiệm bổ sung, text: Vụ A báo cáo Bộ trưởng.}
        - insert:
            after: khoản 1 Điều 1
            clause: {clause: 1a, text: Vụ B trả lời bằng văn bản.}
        - insert:
            after: điểm d khoản 3 Điều 1
            point: {point: đ, text: Tham gia kiểm tra.}
    """)
    result = apply_amendments(small(), [am])
    assert result.findings == ()
    reg = result.regulation
    assert [a.article for a in reg.articles] == ["1", "1a", "2"]
    assert reg.articles[1].chapter == "I"
    assert [c.clause for c in reg.articles[0].clauses] == ["1", "1a", "2", "3"]
    assert [p.point for p in reg.articles[0].clauses[3].points] == ["a", "b", "c", "d", "đ"]
    assert node(reg, "điểm đ khoản 3 Điều 1").history[0].action == "inserted"


def test_insert_into_a_clause_without_points_starts_at_a() -> None:
    am = amendment("- insert: {into: khoản 1 Điều 2, point: {point: a, text: Vận hành liên tục.}}\n")
    result = apply_amendments(small(), [am])
    assert result.findings == ()
    assert [p.point for p in node(result.regulation, "khoản 1 Điều 2").points] == ["a"]  # type: ignore[union-attr]


def test_numbering_broken_insertions_are_reported_with_a_suggestion() -> None:
    am = amendment("""\
        - insert: {after: điểm d khoản 3 Điều 1, point: {point: e, text: x}}
        - insert: {after: khoản 3 Điều 2, clause: {clause: '5', text: y}}
        - insert: {after: khoản 1 Điều 2, clause: {clause: '2', text: z}}
    """)
    result = apply_amendments(small(), [am])
    assert codes(result) == ["QC603", "QC603", "QC603"]
    by_line = {f.line: f.message.en for f in result.findings}
    assert "điểm e khoản 3 Điều 1 after d" in by_line[3] and "point đ" in by_line[3]
    assert "khoản 5 Điều 2 after 3" in by_line[4] and "clause 3a" in by_line[4]
    assert "already used" in by_line[5]
    assert [c.clause for c in result.regulation.articles[1].clauses] == ["1", "2", "3", "5"]


def test_repeal_then_reinsert_restores_the_provision() -> None:
    base = small()
    original = node(base, "điểm b khoản 3 Điều 1")
    repeal = amendment("- repeal: điểm b khoản 3 Điều 1\n", id="a1")
    reinsert = amendment(
        "- insert: {after: điểm a khoản 3 Điều 1, point: {point: b, text: Báo cáo Bộ trưởng hằng quý., "
        "norms: [{reporting: {from: vu-b, to: bo-truong, task: tong-hop-bao-cao, frequency: quarterly}}]}}\n",
        id="a2",
        effective="2024-05-01",
    )
    result = apply_amendments(base, [repeal, reinsert])
    assert result.findings == ()
    restored = node(result.regulation, "điểm b khoản 3 Điều 1")
    assert [c.action for c in restored.history] == ["repealed", "inserted"]
    assert restored.model_copy(update={"history": ()}) == original
    assert without_history(result.regulation) == base.model_copy(
        update={"meta": base.meta.model_copy(update={"effective": dt.date(2024, 5, 1)})}
    )


def test_replace_article_keeps_the_chapter() -> None:
    am = amendment(
        "- replace_article: {article: '2', title: Trung tâm X, text: Trung tâm X vận hành hệ thống.}\n"
    )
    article = apply_amendments(small(), [am]).regulation.articles[1]
    assert (article.chapter, article.clauses, article.history[-1].action) == ("II", (), "replaced")


def test_replace_phrase_everywhere_counts_and_records_each_place() -> None:
    am = amendment(
        "- replace_phrase: {from: Trung tâm X, to: Trung tâm Y, count: 4}\n"
        "- rename: {actor: trung-tam-x, to: {name: Trung tâm Y}}\n"
    )
    result = apply_amendments(small(), [am])
    assert result.findings == ()
    reg = result.regulation
    assert reg.articles[1].title == "Trách nhiệm của Trung tâm Y và Văn phòng"
    assert node(reg, "khoản 1 Điều 2").history[-1].note == "«Trung tâm X» → «Trung tâm Y»"
    assert reg.actor_by_id["trung-tam-x"].name == "Trung tâm Y"
    assert reg.actor_by_id["giam-doc-x"].name == "Giám đốc Trung tâm Y"


def test_replace_phrase_count_mismatch_lists_every_occurrence() -> None:
    am = amendment(
        "- replace_phrase: {from: Trung tâm X, to: Trung tâm X mới, at: [Điều 2, khoản 2 Điều 1], count: 1}\n"
    )
    result = apply_amendments(small(), [am])
    (finding,) = [f for f in result.findings if f.code == "QC605"]
    assert [p.citation for p in finding.provisions] == ["Điều 2", "khoản 1 Điều 2", "khoản 2 Điều 1"]
    assert "Điều 2 (1×); khoản 1 Điều 2 (2×); khoản 2 Điều 1 (0×)" in finding.message.en
    assert finding.line == 3


def test_replacement_naming_an_unknown_unit_is_reported_with_a_suggestion() -> None:
    am = amendment("- replace_phrase: {from: Vụ B, to: Vụ Bê}\n")
    (finding,) = [f for f in apply_amendments(small(), [am]).findings if f.code == "QC604"]
    assert "«Vụ Bê»" in finding.message.en and "did you mean «Vụ B»" in finding.message.en


def test_a_replacement_that_is_not_a_unit_name_is_not_checked_against_actors() -> None:
    am = amendment("- replace_phrase: {from: hằng quý, to: hằng tháng}\n")
    assert apply_amendments(small(), [am]).findings == ()


def test_target_not_found_suggests_siblings() -> None:
    am = amendment("- amend: khoản 9 Điều 1\n  with: {text: x}\n- repeal: Điều 7\n- repeal: Chương II\n")
    result = apply_amendments(small(), [am])
    assert codes(result) == ["QC601", "QC601", "QC601"]
    first = result.findings[0]
    assert "did you mean" in first.message.en and "khoản 3 Điều 1" in first.message.en
    assert first.location.file == "sua-doi.yaml" and first.line == 3
    assert "not chapters" in result.findings[2].message.en


def test_an_amendment_of_another_regulation_is_refused() -> None:
    am = amendment("- repeal: khoản 1 Điều 1\n", amends="quy-che-khac")
    result = apply_amendments(small(), [am])
    assert codes(result) == ["QC601"] and result.regulation == small()


def test_two_operations_on_a_provision_and_its_parent_conflict() -> None:
    am = amendment("""\
        - amend: điểm a khoản 3 Điều 1
          with: {text: x}
        - replace_phrase: {from: Vụ A, to: Vụ B, at: [khoản 1 Điều 1]}
        - replace_phrase: {from: năm, to: năm tài chính, at: [khoản 1 Điều 1]}
        - repeal: khoản 3 Điều 1
        - dissolve: {actor: vu-b}
        - rename: {actor: vu-b, to: {name: Vụ Bê}}
    """)
    conflicts = [f for f in apply_amendments(small(), [am]).findings if f.code == "QC602"]
    assert [(f.line, [p.citation for p in f.provisions]) for f in conflicts] == [
        (7, ["khoản 3 Điều 1", "điểm a khoản 3 Điều 1"]),
        (9, ["vu-b", "vu-b"]),
    ]


def test_amendments_apply_in_order_of_effect_ties_by_id() -> None:
    late = amendment("- amend: khoản 2 Điều 1\n  with: {text: Ba.}\n", id="c-late", effective="2024-06-01")
    early_b = amendment("- amend: khoản 2 Điều 1\n  with: {text: Hai.}\n", id="b", effective="2024-03-01")
    early_a = amendment("- amend: khoản 2 Điều 1\n  with: {text: Một.}\n", id="a", effective="2024-03-01")
    result = apply_amendments(small(), [late, early_b, early_a])
    clause = node(result.regulation, "khoản 2 Điều 1")
    assert clause.text == "Ba."
    assert [c.amendment for c in clause.history] == ["a", "b", "c-late"]
    assert [a.id for a in result.applied] == ["a", "b", "c-late"]


def test_on_gives_the_version_in_force_that_day() -> None:
    first = amendment("- amend: khoản 2 Điều 1\n  with: {text: Một.}\n", id="a", effective="2024-03-01")
    second = amendment("- amend: khoản 2 Điều 1\n  with: {text: Hai.}\n", id="b", effective="2024-06-01")
    result = apply_amendments(small(), [first, second], dt.date(2024, 4, 1))
    assert node(result.regulation, "khoản 2 Điều 1").text == "Một."
    assert [a.id for a in result.pending] == ["b"]
    assert result.regulation.meta.effective == dt.date(2024, 3, 1)
    before = apply_amendments(small(), [first, second], dt.date(2024, 1, 5))
    assert before.regulation == small() and before.applied == ()


def test_an_organisational_change_dated_later_waits_for_its_date() -> None:
    am = amendment("- dissolve: {actor: vu-b, effective: 2024-09-01}\n")
    assert (
        apply_amendments(small(), [am], dt.date(2024, 5, 1)).regulation.actor_by_id["vu-b"].valid_until
        is None
    )
    assert apply_amendments(small(), [am]).regulation.actor_by_id["vu-b"].valid_until == dt.date(2024, 8, 31)


def test_merge_without_takes_over_leaves_duties_without_holder() -> None:
    am = amendment(
        "- merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C, head: {id: vu-truong-c, name: Vụ "
        "trưởng Vụ C}}}\n"
    )
    result = apply_amendments(small(), [am])
    reg = result.regulation
    for old, post in (("vu-a", "vu-truong-a"), ("vu-b", "vu-truong-b")):
        assert (reg.actor_by_id[old].valid_until, reg.actor_by_id[old].successor) == (
            dt.date(2024, 2, 29),
            "vu-c",
        )
        assert (reg.actor_by_id[post].valid_until, reg.actor_by_id[post].successor) == (
            dt.date(2024, 2, 29),
            "vu-truong-c",
        )
    assert reg.actor_by_id["vu-c"].valid_from == dt.date(2024, 3, 1)
    assert reg.actor_by_id["vu-truong-c"].parent == "vu-c"
    orphans = sorted((f.provisions[0].citation, f.actors, f.tasks) for f in result.findings)
    assert orphans == [
        ("khoản 1 Điều 1", ("vu-a",), ("ke-hoach-nam",)),
        ("khoản 1 Điều 1", ("vu-b",), ("ke-hoach-nam",)),
        ("điểm a khoản 3 Điều 1", ("vu-a",), ("tong-hop-bao-cao",)),
        ("điểm a khoản 3 Điều 1", ("vu-b",), ("tong-hop-bao-cao",)),
        ("điểm b khoản 3 Điều 1", ("vu-b",), ("tong-hop-bao-cao",)),
        ("điểm c khoản 3 Điều 1", ("vu-b",), ("van-hanh-he-thong",)),
    ]
    assert {f.code for f in result.findings} == {"QC606"}
    assert all(f.line == 3 and "successor Vụ C was not given it" in f.message.en for f in result.findings)


def test_merge_with_takes_over_moves_norms_to_the_successor_with_provenance() -> None:
    am = amendment("- merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C}, takes_over: all}\n")
    result = apply_amendments(small(), [am])
    assert result.findings == ()
    clause = node(result.regulation, "khoản 1 Điều 1")
    assert [unwrap(n) for n in clause.norms] == [
        Duty(holder="vu-c", task="ke-hoach-nam", role="lead"),
        Coordination(
            lead="vu-c",
            cooperating=(),
            task="ke-hoach-nam",
            response_deadline=unwrap(node(small(), "khoản 1 Điều 1").norms[1]).response_deadline,  # type: ignore[union-attr]
            silence="agree",
        ),
    ]
    assert clause.history[-1].action == "reassigned" and clause.history[-1].note == "vu-a → vu-c; vu-b → vu-c"


def test_takes_over_a_list_of_tasks_moves_only_those() -> None:
    am = amendment("- merge: {actors: [vu-b], into: {id: vu-a}, takes_over: [tong-hop-bao-cao]}\n")
    result = apply_amendments(small(), [am])
    assert sorted((f.provisions[0].citation, f.tasks) for f in result.findings) == [
        ("khoản 1 Điều 1", ("ke-hoach-nam",)),
        ("điểm c khoản 3 Điều 1", ("van-hanh-he-thong",)),
    ]
    assert unwrap(node(result.regulation, "điểm b khoản 3 Điều 1").norms[0]).from_ == "vu-a"  # type: ignore[union-attr]


def test_rename_with_a_new_id_continues_the_unit_and_its_posts() -> None:
    am = amendment(
        "- rename: {actor: trung-tam-x, to: {id: trung-tam-y, name: Trung tâm Y}, takes_over: all}\n"
    )
    result = apply_amendments(small(), [am])
    reg = result.regulation
    assert result.findings == ()
    assert reg.actor_by_id["trung-tam-x"].successor == "trung-tam-y"
    assert reg.actor_by_id["giam-doc-x"].parent == "trung-tam-y"
    assert reg.actor_by_id["giam-doc-x"].name == "Giám đốc Trung tâm Y"
    assert unwrap(node(reg, "khoản 1 Điều 2").norms[0]).holder == "trung-tam-y"  # type: ignore[union-attr]


def test_split_hands_each_listed_task_to_its_new_unit_and_reports_the_rest() -> None:
    am = amendment("""\
        - split:
            actor: vu-b
            into: [{id: vu-b1, name: Vụ B1}, {id: vu-b2, name: Vụ B2}]
            duties: {tong-hop-bao-cao: vu-b1, van-hanh-he-thong: vu-b2}
    """)
    result = apply_amendments(small(), [am])
    assert [(f.provisions[0].citation, f.tasks) for f in result.findings] == [
        ("khoản 1 Điều 1", ("ke-hoach-nam",))
    ]
    assert unwrap(node(result.regulation, "điểm c khoản 3 Điều 1").norms[0]).holder == "vu-b2"  # type: ignore[union-attr]


def test_dissolve_with_a_successor_that_takes_over() -> None:
    am = amendment("- dissolve: {actor: vu-b, successor: vu-a, takes_over: all}\n")
    result = apply_amendments(small(), [am])
    assert result.findings == ()
    assert result.regulation.actor_by_id["vu-truong-b"].successor == "vu-truong-a"


def test_unknown_actors_are_not_found_with_a_suggestion() -> None:
    am = amendment("- dissolve: {actor: vu-bb}\n- merge: {actors: [vu-a], into: {id: vu-z}}\n")
    result = apply_amendments(small(), [am])
    messages = [f.message.en for f in result.findings]
    assert messages == [
        "Actor vu-bb is not in actors.yaml; did you mean 'vu-b'?",
        "Actor vu-z is a new actor but has no name",
    ]


def test_catalogue_entries_are_added_for_new_norms() -> None:
    am = amendment(
        "- insert: {after: khoản 2 Điều 2, clause: {clause: '3a', text: Vụ A chủ trì chuyển đổi số., norms: "
        "[{duty: {holder: vu-a, task: chuyen-doi-so, role: lead}}]}}\n",
        extra="catalogue:\n  tasks: [{id: chuyen-doi-so, name: Chuyển đổi số}]\n",
    )
    result = apply_amendments(small(), [am])
    assert result.regulation.task_by_id["chuyen-doi-so"].name == "Chuyển đổi số"
    assert node(result.regulation, "khoản 3a Điều 2").history[-1].action == "inserted"
