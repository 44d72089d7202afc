"""QC304 and QC501-QC504: contradictory, missing, mixed, impossible and non-immediate urgent deadlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from quyche_rules.checks.runner import run_checks
from quyche_rules.commands.examples import materialise
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

# The minimal fixture sets `xu-ly-van-ban-den` a general deadline of 03 working days in khoản 3 Điều 1.
TASK = "xu-ly-van-ban-den"


def _deadline(within: str, holder: str = "") -> str:
    who = f", holder: {holder}" if holder else ""
    return f"{{deadline: {{task: {TASK}, within: {{{within}}}{who}}}}}"


def _articles(*clauses: list[str]) -> str:
    """Article 3 with one clause per argument, each clause holding the given norms."""
    body = ", ".join(f"{{clause: '{i}', text: Quy định thử., norms: [{', '.join(norms)}]}}"
                     for i, norms in enumerate(clauses, start=1))
    return f"articles:\n  - {{article: '3', title: Thời hạn, chapter: II, clauses: [{body}]}}\n"


def _findings(tmp_path: Path, snippet: str, *, engine: str = "both") -> list[Finding]:
    folder = materialise(MINIMAL, snippet, tmp_path)
    return run_checks(load_regulation(folder), engine=engine).findings


def _of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _pairs(findings: list[Finding]) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.citation for p in f.provisions)) for f in findings)


def test_three_different_deadlines_give_one_finding_per_pair(tmp_path: Path) -> None:
    snippet = _articles([_deadline("working_days: 5")], [_deadline("days: 7")])
    found = _of(_findings(tmp_path, snippet), "QC304")
    assert _pairs(found) == [
        ("khoản 1 Điều 3", "khoản 2 Điều 3"),
        ("khoản 1 Điều 3", "khoản 3 Điều 1"),
        ("khoản 2 Điều 3", "khoản 3 Điều 1"),
    ]
    assert all(f.tasks == (TASK,) for f in found)


def test_repeating_the_same_deadline_is_not_a_contradiction(tmp_path: Path) -> None:
    snippet = _articles([_deadline("working_days: 3")])
    assert not _of(_findings(tmp_path, snippet), "QC304")


def test_deadlines_for_other_holders_urgencies_or_the_same_provision_are_not_compared(tmp_path: Path) -> None:
    snippet = _articles(
        [_deadline("working_days: 5", holder="van-phong")],           # a specific holder vs the general rule
        [_deadline("hours: 4, urgency: urgent")],                     # another urgency level
        # a cooperator's deadline is a response deadline, compared by QC503 instead
        [f"{{duty: {{holder: vu-a, task: {TASK}, role: cooperate, deadline: {{working_days: 2}}}}}}"],
    )
    assert not _of(_findings(tmp_path, snippet), "QC304")
    same_provision = _articles([_deadline("working_days: 3"), _deadline("working_days: 10")])
    found = _of(_findings(tmp_path / "b", same_provision), "QC304")
    assert _pairs(found) == [("khoản 1 Điều 3", "khoản 3 Điều 1")]


def test_a_duty_deadline_contradicts_a_deadline_norm_for_the_same_holder(tmp_path: Path) -> None:
    snippet = _articles(
        [_deadline("working_days: 2", holder="van-phong")],
        [f"{{duty: {{holder: van-phong, task: {TASK}, deadline: {{working_days: 4}}}}}}"],
    )
    (f,) = _of(_findings(tmp_path, snippet), "QC304")
    assert f.actors == ("van-phong",)
    assert "02 ngày làm việc (khoản 1 Điều 3) và 04 ngày làm việc (khoản 2 Điều 3)" in f.message.vi


def test_a_task_needing_a_deadline_is_satisfied_by_a_coordination_response_deadline(tmp_path: Path) -> None:
    tasks = "tasks:\n  - {id: gop-y, name: Góp ý dự thảo, needs_lead: false, needs_deadline: true}\n"
    without = tasks + _articles(["{duty: {holder: vu-b, task: gop-y}}"])
    (f,) = _of(_findings(tmp_path / "a", without), "QC501")
    assert f.tasks == ("gop-y",) and [p.citation for p in f.provisions] == ["khoản 1 Điều 3"]
    with_response = tasks + _articles(
        ["{coordination: {lead: vu-a, cooperating: [vu-b], task: gop-y,"
         " response_deadline: {working_days: 5}}}"])
    assert not _of(_findings(tmp_path / "b", with_response), "QC501")


def test_an_unassigned_task_needing_a_deadline_is_left_to_qc210(tmp_path: Path) -> None:
    snippet = "tasks:\n  - {id: gop-y, name: Góp ý dự thảo, needs_lead: false, needs_deadline: true}\n"
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC210" in codes and "QC501" not in codes


def test_mixed_units_are_one_finding_per_task_naming_every_provision(tmp_path: Path) -> None:
    snippet = _articles(
        [_deadline("days: 5", holder="van-phong")],
        [_deadline("days: 10", holder="vu-a")],
        [_deadline("working_days: 4", holder="vu-b")],
        [_deadline("hours: 8", holder="van-thu")],
    )
    (f,) = _of(_findings(tmp_path, snippet), "QC502")
    assert sorted(p.citation for p in f.provisions) == [
        "khoản 1 Điều 3", "khoản 2 Điều 3", "khoản 3 Điều 1", "khoản 3 Điều 3"]
    assert "(khoản 3 Điều 1)" in f.message.en and "(khoản 1 Điều 3)" in f.message.en


def test_a_cooperators_duty_deadline_longer_than_the_task_deadline_is_impossible(tmp_path: Path) -> None:
    duty = f"{{duty: {{holder: vu-a, task: {TASK}, role: cooperate, deadline: {{working_days: 4}}}}}}"
    snippet = _articles([duty])
    (f,) = _of(_findings(tmp_path, snippet), "QC503")
    assert [p.citation for p in f.provisions] == ["khoản 1 Điều 3", "khoản 3 Điều 1"]


def test_response_deadlines_in_other_units_or_shorter_are_not_compared(tmp_path: Path) -> None:
    snippet = _articles(
        [f"{{coordination: {{lead: van-phong, cooperating: [vu-a], task: {TASK},"
         " response_deadline: {days: 30}}}"],
        [f"{{coordination: {{lead: van-phong, cooperating: [vu-b], task: {TASK},"
         " response_deadline: {working_days: 3}}}"],
    )
    assert not _of(_findings(tmp_path, snippet), "QC503")


def test_urgent_deadlines_must_be_immediate_whatever_the_level(tmp_path: Path) -> None:
    snippet = _articles(
        [_deadline("same_day: true, urgency: top_urgent")],
        [_deadline("hours: 2, urgency: urgent")],
        [_deadline("immediately: true, urgency: flash")],
        [_deadline("working_days: 3, urgency: normal", holder="van-phong")],
    )
    found = _of(_findings(tmp_path, snippet), "QC504")
    assert _pairs(found) == [("khoản 1 Điều 3",), ("khoản 2 Điều 3",)]


def test_a_suppression_with_a_reason_silences_a_deadline_conflict(tmp_path: Path) -> None:
    snippet = ("articles:\n  - {article: '3', title: Thời hạn, chapter: II, clauses: [{clause: '1', text: t,"
               f" norms: [{_deadline('working_days: 5')}],"
               " lint: {ignore: [QC304], reason: Thời hạn riêng cho văn bản đến từ Quốc hội}}]}\n")
    codes = [f.code for f in _findings(tmp_path, snippet)]
    assert "QC304" not in codes and "QC020" not in codes


def test_limits_counted_from_another_event_are_other_steps_not_conflicts(tmp_path: Path) -> None:
    outage = "working_days: 1, from_event: phát hiện sự cố Hệ thống"
    snippet = _articles(
        [_deadline(outage)],
        [f"{{coordination: {{lead: van-phong, cooperating: [vu-a], task: {TASK},"
         " response_deadline: {working_days: 2}}}"],
    )
    codes = [f.code for f in _findings(tmp_path, snippet)]
    # 1 working day from an outage neither contradicts the general 3 working days nor is shorter than the
    # 2-working-day response deadline, which counts from the request
    assert "QC304" not in codes and "QC503" not in codes


# -- lead times, ranges, weeks, months, years and fixed dates -----------------------------------------------------

MEETING = "from_event: phiên họp"


def test_two_lead_times_before_the_same_event_contradict_each_other(tmp_path: Path) -> None:
    snippet = _articles([_deadline(f"working_days: 3, before: true, {MEETING}")],
                        [_deadline(f"working_days: 5, before: true, {MEETING}")])
    (f,) = _of(_findings(tmp_path, snippet), "QC304")
    assert "chậm nhất 03 ngày làm việc trước phiên họp (khoản 1 Điều 3)" in f.message.vi
    assert "at the latest 5 working days before «phiên họp» (khoản 2 Điều 3)" in f.message.en


def test_limits_placed_differently_are_not_compared(tmp_path: Path) -> None:
    snippet = _articles(
        [_deadline(f"working_days: 3, before: true, {MEETING}")],   # a lead time before the meeting
        [_deadline(f"working_days: 2, {MEETING}")],                 # a period after it: another step
        [_deadline("day_of_month: 20")],                            # a fixed date: counts from no event
    )
    # and none of them counts from the event of the general 03 working days (none stated)
    assert not _of(_findings(tmp_path, snippet), "QC304")


def test_two_fixed_dates_for_the_same_task_contradict_each_other(tmp_path: Path) -> None:
    snippet = _articles([_deadline("day_of_month: 20")], [_deadline("day_of_month: 5, next_month: true")],
                        [_deadline("day_of_month: 20")])
    found = _of(_findings(tmp_path, snippet), "QC304")
    assert _pairs(found) == [("khoản 1 Điều 3", "khoản 2 Điều 3"), ("khoản 2 Điều 3", "khoản 3 Điều 3")]
    assert "trước ngày 20 hằng tháng" in found[0].message.vi and "trước ngày 05 tháng sau" in found[0].message.vi


def test_a_response_lead_time_is_never_after_the_task_deadline(tmp_path: Path) -> None:
    def response(extra: str) -> str:
        return (f"{{coordination: {{lead: van-phong, cooperating: [vu-a], task: {TASK},"
                f" response_deadline: {{working_days: 5, from_event: nhận văn bản{extra}}}}}}}")

    task = _deadline("working_days: 3, from_event: nhận văn bản")
    assert _of(_findings(tmp_path / "a", _articles([task], [response("")])), "QC503")
    assert not _of(_findings(tmp_path / "b", _articles([task], [response(", before: true")])), "QC503")


def test_of_a_range_the_upper_bound_is_compared(tmp_path: Path) -> None:
    duty = f"{{duty: {{holder: vu-a, task: {TASK}, role: cooperate, deadline: {{working_days: 5, min: 2}}}}}}"
    (f,) = _of(_findings(tmp_path, _articles([duty])), "QC503")
    assert "từ 02 đến 05 ngày làm việc" in f.message.vi and "2 to 5 working days" in f.message.en
    shorter = f"{{duty: {{holder: vu-a, task: {TASK}, role: cooperate, deadline: {{working_days: 3, min: 1}}}}}}"
    assert not _of(_findings(tmp_path / "b", _articles([shorter])), "QC503")


def test_weeks_months_and_years_are_compared_in_their_own_unit(tmp_path: Path) -> None:
    snippet = ("tasks:\n  - {id: bao-cao-nam, name: Báo cáo năm, needs_lead: false}\n" + _articles(
        ["{deadline: {task: bao-cao-nam, within: {months: 2}}}"],
        ["{coordination: {lead: van-phong, cooperating: [vu-a], task: bao-cao-nam, response_deadline: {months: 3}}}"],
    ))
    (f,) = _of(_findings(tmp_path, snippet), "QC503")
    assert "03 tháng" in f.message.vi and "02 tháng" in f.message.vi


def test_a_year_and_working_days_for_one_task_mix_units(tmp_path: Path) -> None:
    (f,) = _of(_findings(tmp_path, _articles([_deadline("years: 1", holder="van-phong")])), "QC502")
    assert "01 năm (khoản 1 Điều 3)" in f.message.vi and "1 year (khoản 1 Điều 3)" in f.message.en


def test_lead_times_and_fixed_dates_are_not_handling_times_of_urgent_documents(tmp_path: Path) -> None:
    snippet = _articles(
        [_deadline(f"working_days: 1, before: true, urgency: urgent, {MEETING}")],
        [_deadline("day_of_month: 5, urgency: flash")],
        [_deadline("weeks: 1, urgency: top_urgent")],
    )
    assert _pairs(_of(_findings(tmp_path, snippet), "QC504")) == [("khoản 3 Điều 3",)]


# -- periods in different units: compared where their order is certain (QA pass 3, defect 5) ---------------------

def _task_and_response(task: str, response: str) -> str:
    return ("tasks:\n  - {id: ra-soat, name: Rà soát, needs_lead: false}\n" + _articles(
        [f"{{duty: {{holder: vu-a, task: ra-soat, role: lead, deadline: {{{task}}}}}}}",
         f"{{coordination: {{lead: vu-a, cooperating: [vu-b], task: ra-soat, response_deadline: {{{response}}}}}}}"]))


@pytest.mark.parametrize(("task", "response"), [
    ("days: 7", "weeks: 2"),              # a week is 7 days
    ("months: 1", "years: 1"),            # a year is 12 months
    ("hours: 24", "days: 5"),             # 5 days end at 24:00 of the 5th day: more than 120 hours
    ("hours: 24", "days: 1"),             # and 1 day more than 24 hours
    ("days: 5", "working_days: 10"),      # 10 working days are never fewer than 10 days
    ("weeks: 2", "months: 1"),            # a month is at least 28 days
    ("days: 31", "months: 2"),            # two months are at least 56 days
    ("days: 360", "years: 1"),            # a year is at least 365 days
    ("hours: 48", "working_days: 2"),     # 2 working days end at 24:00 of a day at least 2 days on
])
def test_a_longer_response_in_another_unit_is_found(tmp_path: Path, task: str, response: str) -> None:
    (f,) = _of(_findings(tmp_path, _task_and_response(task, response)), "QC503")
    assert f.tasks == ("ra-soat",)


@pytest.mark.parametrize(("task", "response"), [
    ("weeks: 1", "days: 7"),              # the same period
    ("years: 1", "months: 12"),
    ("months: 1", "days: 30"),            # a month is 28 to 31 days: it depends on the month (QC502's)
    ("days: 30", "months: 1"),
    ("working_days: 3", "days: 30"),      # working days may stretch over any break: not certain
    ("working_days: 5", "days: 5"),       # 5 working days are at least 5 days
    ("days: 1", "hours: 24"),             # 1 day ends at 24:00 of the next day, after 24 hours
    ("days: 1", "hours: 30"),             # it may be 25 to 48 hours: not certain
    ("months: 1", "weeks: 4"),            # 28 days fit in any month
])
def test_a_response_not_certainly_longer_is_not_reported(tmp_path: Path, task: str, response: str) -> None:
    assert not _of(_findings(tmp_path, _task_and_response(task, response)), "QC503")


def test_one_period_written_in_other_units_is_not_two_deadlines(tmp_path: Path) -> None:
    # QA pass 3, defect 11: 01 tuần and 07 ngày end on the same day, and so do 12 tháng and 01 năm
    # (Bộ luật Dân sự 2015, khoản 1-4 Điều 148): the general 03 working days aside, nothing contradicts
    tasks = "tasks:\n  - {id: luu-ho-so, name: Lưu hồ sơ, needs_lead: false}\n"
    snippet = tasks + _articles(
        [_deadline("weeks: 1", holder="van-phong"), "{deadline: {task: luu-ho-so, within: {months: 12}}}"],
        [_deadline("days: 7", holder="van-phong"), "{deadline: {task: luu-ho-so, within: {years: 1}}}"],
        [_deadline("weeks: 2, min: 1", holder="vu-a")], [_deadline("days: 14, min: 7", holder="vu-a")],
    )
    assert not _of(_findings(tmp_path, snippet), "QC304")


def test_periods_that_end_differently_still_contradict(tmp_path: Path) -> None:
    tasks = "tasks:\n  - {id: luu-ho-so, name: Lưu hồ sơ, needs_lead: false}\n"
    snippet = tasks + _articles(
        [_deadline("weeks: 1", holder="van-phong"), "{deadline: {task: luu-ho-so, within: {months: 12}}}"],
        [_deadline("days: 8", holder="van-phong"), "{deadline: {task: luu-ho-so, within: {days: 365}}}"],
        [_deadline("hours: 24", holder="vu-a")], [_deadline("days: 1", holder="vu-a")],
        [_deadline("weeks: 2, min: 1", holder="vu-b")], [_deadline("days: 14, min: 1", holder="vu-b")],
    )
    assert _pairs(_of(_findings(tmp_path, snippet), "QC304")) == [
        ("khoản 1 Điều 3", "khoản 2 Điều 3"), ("khoản 1 Điều 3", "khoản 2 Điều 3"),
        ("khoản 3 Điều 3", "khoản 4 Điều 3"), ("khoản 5 Điều 3", "khoản 6 Điều 3")]


# -- QC501: only a limit of the ordinary case satisfies it (QA pass 3, defect 8) -----------------------------------

_INCOMING = ("tasks:\n  - {id: giai-quyet, name: Giải quyết văn bản đến, topics: [incoming-documents],"
             " needs_lead: false, needs_deadline: true}\n")
_OTHER = "tasks:\n  - {id: gia-han, name: Đề nghị gia hạn, needs_lead: false, needs_deadline: true}\n"


def _limits_of(task: str, *within: str) -> str:
    return _articles([f"{{duty: {{holder: van-phong, task: {task}}}}}"],
                     [f"{{deadline: {{task: {task}, within: {{{w}}}}}}}" for w in within])


@pytest.mark.parametrize("within", [
    ("immediately: true, urgency: flash",),                                  # "văn bản hỏa tốc được xử lý ngay"
    ("immediately: true, urgency: flash", "working_days: 1, urgency: urgent"),
    (f"working_days: 1, before: true, {MEETING}",),                          # a lead time before a meeting
    ("day_of_month: 25, latest: true",),                                     # a date of the calendar
])
def test_incoming_documents_need_a_time_limit_for_ordinary_ones(tmp_path: Path, within: tuple[str, ...]) -> None:
    (f,) = _of(_findings(tmp_path, _INCOMING + _limits_of("giai-quyet", *within)), "QC501")
    assert f.tasks == ("giai-quyet",)


@pytest.mark.parametrize("within", [
    ("working_days: 3",), ("same_day: true",), ("immediately: true",),     # normal urgency, after receipt
    ("immediately: true, urgency: flash", "working_days: 5, urgency: normal"),
])
def test_a_time_limit_for_ordinary_incoming_documents_satisfies_it(tmp_path: Path, within: tuple[str, ...]) -> None:
    assert not _of(_findings(tmp_path, _INCOMING + _limits_of("giai-quyet", *within)), "QC501")


def test_a_lead_time_is_the_limit_of_a_task_that_is_not_about_incoming_documents(tmp_path: Path) -> None:
    # "đề nghị gia hạn chậm nhất 03 ngày làm việc trước ngày hết hạn": the time limit of that task (rules/ubdt-2023)
    lead = "working_days: 3, before: true, from_event: ngày hết hạn"
    assert not _of(_findings(tmp_path / "a", _OTHER + _limits_of("gia-han", lead)), "QC501")
    assert _of(_findings(tmp_path / "b", _OTHER + _limits_of("gia-han", lead + ", urgency: urgent")), "QC501")
