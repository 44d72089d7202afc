"""Chained steps (QC416, QC417), "trước ngày" against "chậm nhất ngày" and event anchors in the text (QC703)."""

from __future__ import annotations

import pytest

from quyche_rules.commands.examples import EXAMPLE_REGULATION, run_example


def _codes(snippet: str, *codes: str) -> list[str]:
    return sorted(f.code for f in run_example(snippet, base=EXAMPLE_REGULATION).findings if f.code in codes)


def _messages(snippet: str, code: str) -> list[str]:
    return [f.message.en for f in run_example(snippet, base=EXAMPLE_REGULATION).findings if f.code == code]


TASKS = ("tasks:\n  - {id: buoc-1, name: Kiểm tra hồ sơ}\n  - {id: buoc-2, name: Trình}\n"
         "  - {id: buoc-3, name: Cho ý kiến}\n")


def _chain(steps: list[tuple[str, str, str]], max_: str = "", listed: str = "") -> str:
    """Three clauses of Điều 3, each a step with its text and deadline; ``listed`` the steps named by the procedure."""
    clauses = ", ".join(
        f"{{clause: '{i}', text: '{text}', "
        f"norms: [{{deadline: {{task: buoc-{i}, holder: van-phong, within: {within}}}}}]}}"
        if within else f"{{clause: '{i}', text: '{text}'}}"
        for i, (text, within, _) in enumerate(steps, 1))
    named = listed or ", ".join(f"khoản {i} Điều 3" for i in range(1, len(steps) + 1))
    cap = f", max: {max_}" if max_ else ""
    return (f"regulation:\n  procedures: [{{name: Quy trình xử lý hồ sơ, provision: Điều 3{cap}, steps: [{named}]}}]\n"
            f"articles:\n  - {{article: '3', title: Quy trình, chapter: II, clauses: [{clauses}]}}\n" + TASKS)


STEPS = [("Văn phòng kiểm tra hồ sơ trong vòng 02 ngày làm việc.", "{working_days: 2}", ""),
         ("Văn phòng trình trong vòng 05 ngày làm việc.", "{working_days: 5}", ""),
         ("Văn phòng cho ý kiến trong vòng 03 ngày làm việc.", "{working_days: 3}", "")]


def test_steps_of_two_five_and_three_days_fit_ten_and_not_nine() -> None:
    assert _codes(_chain(STEPS, "{working_days: 10}"), "QC416", "QC417") == []
    assert _messages(_chain(STEPS, "{working_days: 9}"), "QC416") == [
        "Quy trình xử lý hồ sơ: the steps (02 → 05 → 03) add up to 10 working days, beyond the overall limit of "
        "9 working days (Điều 3)"]


def test_weeks_add_up_with_days_and_a_range_counts_by_its_upper_bound() -> None:
    steps = [("Kiểm tra trong 01 tuần.", "{weeks: 1}", ""), ("Trình trong 05 ngày.", "{days: 5}", ""),
             ("Cho ý kiến từ 02 đến 04 ngày.", "{days: 4, min: 2}", "")]
    assert _codes(_chain(steps, "{days: 16}"), "QC416", "QC417") == []
    assert _codes(_chain(steps, "{weeks: 2}"), "QC416", "QC417") == ["QC416"]  # 16 days > 14


@pytest.mark.parametrize(("steps", "listed", "problem"), [
    ([*STEPS[:2], ("Văn phòng cho ý kiến.", "", "")], "", "khoản 3 Điều 3 sets no time limit"),
    (STEPS, "khoản 1 Điều 3, khoản 2 Điều 3, khoản 4 Điều 3", "khoản 4 Điều 3 is not in the regulation"),
    (STEPS, "khoản 1 Điều 3, khoản 2 Điều 3, khoan 3 Dieu 3",
     "khoan 3 Dieu 3 is not in the regulation (did you mean “khoản 3 Điều 3”?)"),
    ([*STEPS[:2], ("Cho ý kiến trong 03 ngày.", "{days: 3}", "")], "", "khoản 3 Điều 3 counts in days"),
    ([*STEPS[:2], ("Cho ý kiến chậm nhất 01 ngày làm việc trước phiên họp.",
                   "{working_days: 1, before: true, from_event: phiên họp}", "")], "", "not a period that adds up"),
])
def test_a_step_that_cannot_be_added_is_reported_and_the_sum_is_not_guessed(
        steps: list[tuple[str, str, str]], listed: str, problem: str) -> None:
    snippet = _chain(steps, "{working_days: 1}", listed)
    assert _codes(snippet, "QC416", "QC417") == ["QC417"]
    assert any(problem in m for m in _messages(snippet, "QC417")), _messages(snippet, "QC417")


def test_a_step_listed_twice_is_refused_when_loading() -> None:
    snippet = _chain(STEPS, "{working_days: 10}", "khoản 1 Điều 3, khoản 1 Điều 3")
    found = run_example(snippet, base=EXAMPLE_REGULATION).findings
    assert [f.code for f in found] == ["QC003"] and "listed twice" in found[0].message.en


def _dated(text: str, deadline: str) -> str:
    return ("articles:\n  - {article: '3', title: Báo cáo, chapter: II, clauses: [{clause: '1', text: '" + text
            + "', norms: [{deadline: {task: ke-hoach-nam, holder: van-phong, within: " + deadline + "}}]}]}")


@pytest.mark.parametrize(("text", "deadline", "fires"), [
    ("Văn phòng báo cáo trước ngày 25 hằng tháng.", "{day_of_month: 25}", False),
    ("Văn phòng báo cáo chậm nhất ngày 25 hằng tháng.", "{day_of_month: 25, latest: true}", False),
    ("Văn phòng báo cáo chậm nhất là ngày 25 hằng tháng.", "{day_of_month: 25}", True),  # a day early
    ("Văn phòng báo cáo trước ngày 25 hằng tháng.", "{day_of_month: 25, latest: true}", True),  # a day late
    ("Văn phòng đăng ký chậm nhất ngày 15/11 hằng năm.", "{day_of_year: '11-15'}", True),
    ("Văn phòng báo cáo tại phiên họp gần nhất.", "{at_next: true, from_event: phiên họp}", False),
    ("Văn phòng báo cáo tại phiên họp.", "{at_next: true, from_event: phiên họp}", True),
])
def test_the_text_s_words_for_a_fixed_date_or_an_anchor_must_match_the_deadline(
        text: str, deadline: str, fires: bool) -> None:
    assert _codes(_dated(text, deadline), "QC703") == (["QC703"] if fires else [])
