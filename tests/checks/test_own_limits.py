"""QC415 and QC505: norms beyond the regulation's own caps, or that cannot be compared with them (QA pass 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.checks.test_python_edges import article, run

TONG_KET = {"id": "tong-ket", "name": "Tổng kết"}


def _tuq(valid_from: str, valid_until: str, cap: dict[str, Any], code: str = "QC415") -> list[Any]:
    tuq = {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
           "scope": ["giay-moi-hop"], "instrument": "5/QĐ-MAU", "valid_from": valid_from, "valid_until": valid_until}
    limit = {"what": "tuq_validity", "max": cap, "provision": "khoản 1 Điều 2"}
    return run({"regulation": {"limits": [limit]}, "articles": [article("3", [{"delegation": tuq}])]}, code)


def _response(given: dict[str, Any], cap: dict[str, Any], code: str = "QC415") -> list[Any]:
    """The findings about this coordination (the minimal fixture has one of its own, in khoản 1 Điều 1)."""
    coord = {"lead": "vu-a", "cooperating": ["vu-b"], "task": "tong-ket", "response_deadline": given}
    limit = {"what": "response_deadline", "max": cap, "provision": "khoản 1 Điều 2"}
    found = run({"regulation": {"limits": [limit]}, "tasks": [TONG_KET],
                 "articles": [article("3", [{"coordination": coord}])]}, code)
    return [f for f in found if [p.citation for p in f.provisions] == ["khoản 1 Điều 3"]]


# -- defect 6: a month counted as the Civil Code counts it (khoản 3 Điều 148), not one day short after the clamp ----

@pytest.mark.parametrize(("start", "last"), [
    ("2027-01-31", "2027-02-28"),   # 30/01 + 1 month: February has no 30th, so its last day
    ("2027-03-31", "2027-04-30"),   # 30/03 + 1 month
    ("2028-01-31", "2028-02-29"),   # a leap year
    ("2027-01-15", "2027-02-14"),   # the usual case: to the day before the corresponding day
    ("2027-05-01", "2027-05-31"),   # a whole calendar month (30/04 + 1 month would be 30/05)
    ("2027-03-01", "2027-03-31"),
])
def test_a_validity_of_one_month_ends_where_the_civil_code_ends_it(start: str, last: str) -> None:
    cap = {"months": 1}
    assert _tuq(start, last, cap) == []
    (f,) = _tuq(start, (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat(), cap)
    assert f"(to the end of {last})" in f.message.en and f"(đến hết ngày {last})" in f.message.vi


def test_a_year_and_weeks_are_counted_the_same_way() -> None:
    assert _tuq("2028-02-29", "2029-02-28", {"years": 1}) == []
    assert len(_tuq("2028-02-29", "2029-03-01", {"years": 1})) == 1
    assert _tuq("2027-01-31", "2027-02-13", {"weeks": 2}) == []
    assert len(_tuq("2027-01-31", "2027-02-14", {"weeks": 2})) == 1


# -- defect 7: a cap in another unit is compared where the order is certain, and said when it cannot be ------------

def test_a_cap_in_working_days_is_counted_on_the_public_calendar() -> None:
    # 01/01/2027 is New Year's Day: the 20 working days are 04/01 to 29/01
    cap = {"working_days": 20}
    assert _tuq("2027-01-01", "2027-01-29", cap) == []
    (f,) = _tuq("2027-01-01", "2031-12-31", cap)
    assert "20 working days (to the end of 2027-01-29)" in f.message.en
    assert len(_tuq("2027-01-01", "2027-02-01", cap)) == 1


def test_a_cap_in_hours_against_whole_days_of_validity() -> None:
    assert _tuq("2027-03-01", "2027-03-02", {"hours": 48}) == []          # two whole days: 48 hours at most
    assert len(_tuq("2027-03-01", "2027-03-03", {"hours": 48})) == 1     # more than 48 hours, whatever the hour
    (f,) = _tuq("2027-03-01", "2027-03-02", {"hours": 36}, "QC505")      # 24 to 48 hours: not certain
    assert "24 to 48 hours" in f.message.en and "không so sánh chắc chắn được" in f.message.vi
    assert _tuq("2027-03-01", "2027-03-02", {"hours": 36}) == []


@pytest.mark.parametrize(("given", "cap"), [
    ({"days": 30}, {"days": 5}), ({"weeks": 2}, {"days": 10}), ({"years": 1}, {"months": 6}),
    ({"working_days": 10}, {"days": 7}), ({"days": 2}, {"hours": 24}), ({"months": 2}, {"days": 31}),
    ({"working_days": 7}, {"working_days": 5}),
])
def test_a_response_deadline_certainly_beyond_a_cap_in_another_unit(given: dict[str, Any], cap: dict[str, Any]) -> None:
    assert len(_response(given, cap)) == 1
    assert _response(given, cap, "QC505") == []


@pytest.mark.parametrize(("given", "cap"), [
    ({"days": 7}, {"weeks": 1}), ({"months": 12}, {"years": 1}), ({"days": 5}, {"working_days": 5}),
    ({"hours": 24}, {"days": 1}), ({"days": 28}, {"months": 1}), ({"immediately": True}, {"working_days": 1}),
    ({"same_day": True}, {"working_days": 1}),
])
def test_a_response_deadline_certainly_within_a_cap_in_another_unit(given: dict[str, Any], cap: dict[str, Any]) -> None:
    assert _response(given, cap) == []
    assert _response(given, cap, "QC505") == []


@pytest.mark.parametrize(("given", "cap", "why"), [
    ({"days": 30}, {"working_days": 5}, "working days skip every day off"),
    ({"days": 30}, {"months": 1}, "a month is 28 to 31 days"),
    ({"hours": 30}, {"days": 1}, "depends on the hour it starts"),
    ({"working_days": 2, "before": True, "from_event": "phiên họp"}, {"working_days": 5}, "not a period"),
    ({"working_days": 5}, {"day_of_month": 20}, "is not a period counted from a start"),
])
def test_a_response_deadline_that_cannot_be_compared_is_reported(given: dict[str, Any], cap: dict[str, Any],
                                                                 why: str) -> None:
    (f,) = _response(given, cap, "QC505")
    assert why in f.message.en and "khoản 1 Điều 2" in f.message.en
    assert _response(given, cap) == []


def test_a_cap_that_ends_beyond_the_calendar_is_said_not_crashed_on() -> None:
    (f,) = _tuq("9999-06-01", "9999-12-31", {"years": 1}, "QC505")
    assert "the cap ends beyond the calendar" in f.message.en


def test_a_cap_in_working_days_counts_the_regulations_own_calendar(tmp_path: Any) -> None:
    """Two extra days off in the regulation's calendar.yaml give the 20 working days two more calendar days."""
    import yaml

    from quyche_rules.checks.runner import run_checks
    from quyche_rules.loading import load_regulation
    from tests.checks.test_python_edges import MINIMAL, materialise

    tuq = {"mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": "chanh-van-phong",
           "scope": ["giay-moi-hop"], "instrument": "5/QĐ-MAU", "valid_from": "2027-01-01", "valid_until": "2027-02-01"}
    limit = {"what": "tuq_validity", "max": {"working_days": 20}, "provision": "khoản 1 Điều 2"}
    data = {"regulation": {"limits": [limit]}, "articles": [article("3", [{"delegation": tuq}])]}
    folder = materialise(MINIMAL, yaml.safe_dump(data, allow_unicode=True), tmp_path)
    assert [f.code for f in run_checks(load_regulation(folder), engine="reference").findings].count("QC415") == 1
    (folder / "calendar.yaml").write_text(
        "days_off:\n  - {date: 2027-01-11, reason: Nghỉ theo quyết định}\n"
        "  - {date: 2027-01-12, reason: Nghỉ theo quyết định}\n", encoding="utf-8")
    found = [f for f in run_checks(load_regulation(folder), engine="reference").findings if f.code == "QC415"]
    assert found == []  # the 20 working days now end on 02/02
