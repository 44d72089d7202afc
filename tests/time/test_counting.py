"""Where a period ends: Bộ luật Dân sự 2015, Điều 147 and 148, on a working-day calendar.

The articles, quoted in quyche_rules/time/counting.py, are checked word for word against the codified text
(fixtures/law/blds-2015-dieu-144-148-thoi-han.md, a copy of the project's source).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quyche_rules.law import catalogue
from quyche_rules.time import Override, Period, WorkingCalendar, add_months, counting, due_date, parse_period
from tests.conftest import FIXTURES

D = dt.date.fromisoformat
#: weekends only: the rules of counting, apart from any holiday
PLAIN = WorkingCalendar(public_holidays=False)


def _due(start: str, period: str, cal: WorkingCalendar = PLAIN) -> dt.date:
    return due_date(D(start), parse_period(period), cal).day


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_articles_quoted_are_verbatim_from_the_code() -> None:
    source = _flat((FIXTURES / "law" / "blds-2015-dieu-144-148-thoi-han.md").read_text(encoding="utf-8"))
    doc = _flat(counting.__doc__ or "")
    quotes = re.findall(r"«([^»]+)»", doc)
    assert len(quotes) == 3
    for quote in quotes:
        for sentence in re.split(r" \d\. ", quote):
            assert sentence.strip() in source, sentence[:80]
    blds = catalogue().instruments["blds-2015"]
    for provision in blds.provisions:
        assert provision.verified and _flat(provision.text) in source, provision.provision


# Điều 147 khoản 2: the first day is not counted; Điều 148 khoản 1: a period in days ends at the end of its last day
def test_the_first_day_is_not_counted() -> None:
    assert _due("2026-11-02", "01 ngày") == D("2026-11-03")
    assert _due("2026-11-02", "03 ngày") == D("2026-11-05")
    assert _due("2026-11-02", "01 ngày làm việc") == D("2026-11-03")


def test_working_days_skip_weekends() -> None:
    assert _due("2026-11-27", "05 ngày làm việc") == D("2026-12-04")  # Friday -> next Friday
    assert _due("2026-11-28", "01 ngày làm việc") == D("2026-11-30")  # from a Saturday: the Monday
    due = due_date(D("2026-11-27"), parse_period("05 ngày làm việc"), PLAIN)
    assert [(s.day, s.reason.en) for s in due.skipped] == [(D("2026-11-28"), "weekend"), (D("2026-11-29"), "weekend")]


# Điều 148 khoản 5: a period ending on a weekend or holiday ends at the end of the next working day
def test_a_period_in_days_ending_on_a_sunday_ends_on_the_monday() -> None:
    due = due_date(D("2026-11-19"), parse_period("10 ngày"), PLAIN)
    assert due.day == D("2026-11-30") and [s.day for s in due.skipped] == [D("2026-11-29")]
    assert counting.BLDS["day_off"] in due.basis
    assert _due("2026-11-18", "10 ngày") == D("2026-11-30")  # ends on a Saturday: Sunday and Saturday skipped
    assert _due("2026-11-17", "10 ngày") == D("2026-11-27")  # ends on a Friday: as it is
    assert counting.BLDS["day_off"] not in due_date(D("2026-11-17"), Period("days", 10), PLAIN).basis


# Điều 148 khoản 4: a period in years ends on the corresponding day and month of its last year
def test_one_year_is_the_same_day_next_year_not_365_days() -> None:
    assert _due("2026-03-15", "01 năm") == D("2027-03-15")
    assert _due("2027-03-15", "01 năm") == D("2028-03-15")  # 366 days later: 2028 is a leap year
    assert _due("2024-02-29", "01 năm") == D("2025-02-28")  # no 29/02: the month's last day (khoản 3's rule)
    assert _due("2026-03-14", "01 năm") == D("2027-03-15")  # 14/03/2027 is a Sunday: the Monday


# Điều 148 khoản 2 and 3: weeks end on the same weekday, months on the same day or the month's last
def test_weeks_and_months_end_on_the_corresponding_day() -> None:
    assert _due("2026-11-04", "02 tuần") == D("2026-11-18")
    assert _due("2026-01-15", "03 tháng") == D("2026-04-15")
    assert _due("2026-01-31", "01 tháng") == D("2026-03-02")  # 28/02 is a Saturday: the Monday
    assert add_months(D("2026-03-31"), 1) == D("2026-04-30")
    assert add_months(D("2026-01-31"), -2) == D("2025-11-30")
    assert add_months(D("2026-12-15"), 13) == D("2028-01-15")


# Điều 147 khoản 1: a period in hours starts from the moment set
def test_hours_count_from_the_moment() -> None:
    due = due_date(dt.datetime(2026, 11, 27, 14, 30), parse_period("24 giờ"), PLAIN)
    assert due.moment == dt.datetime(2026, 11, 28, 14, 30) and due.day == D("2026-11-28")
    assert due.basis == (counting.BLDS["hours"],)


def test_a_lead_time_counts_back_and_never_moves_later() -> None:
    # the meeting on Monday 30/11: 3 working days before it is Wednesday 25/11
    assert _due("2026-11-30", "chậm nhất 03 ngày làm việc trước") == D("2026-11-25")
    # 5 days before Friday 04/12 is Sunday 29/11: the lead time moves to Friday 27/11, not to Monday
    due = due_date(D("2026-12-04"), parse_period("chậm nhất 05 ngày trước"), PLAIN)
    assert due.day == D("2026-11-27") and [s.day for s in due.skipped] == [D("2026-11-29"), D("2026-11-28")]
    assert counting.BLDS["lead"] in due.basis and counting.BLDS["day_off"] not in due.basis
    assert _due("2026-03-15", "01 năm trước") == D("2025-03-14")  # 15/03/2025 is a Saturday: the Friday
    back = due_date(dt.datetime(2026, 11, 27, 9), Period("hours", 24, before=True), PLAIN)
    assert back.moment == dt.datetime(2026, 11, 26, 9)


def test_public_holidays_are_skipped_with_their_names() -> None:
    due = due_date(D("2026-08-28"), parse_period("03 ngày làm việc"), WorkingCalendar())
    assert due.day == D("2026-09-07")
    names = {s.day: s.reason.vi for s in due.skipped}
    assert "Quốc khánh" in names[D("2026-09-02")] and "Quốc khánh" in names[D("2026-09-01")]
    assert names[D("2026-08-29")] == "nghỉ cuối tuần"


def test_a_saturday_worked_in_exchange_is_counted() -> None:
    """The package moves the day off of 22/08/2026 (a Saturday, worked) to Monday 31/08."""
    due = due_date(D("2026-08-20"), parse_period("03 ngày làm việc"), WorkingCalendar())
    assert due.day == D("2026-08-24")
    assert [s.day for s in due.worked] == [D("2026-08-22")] and "31/08/2026" in due.worked[0].reason.vi


def test_the_override_wins_over_the_package_and_the_weekday() -> None:
    cal = WorkingCalendar(Override(days_off={D("2026-11-30"): "Nghỉ bù theo Thông báo 1/TB"},
                                   working_days={D("2026-11-28"): "Làm bù cho ngày 30/11", D("2026-09-02"): "Trực"},
                                   source="calendar.yaml"))
    due = due_date(D("2026-11-27"), parse_period("02 ngày làm việc"), cal)
    assert due.day == D("2026-12-01")  # Saturday 28/11 counted, Sunday 29/11 and Monday 30/11 skipped
    assert [(s.day, s.reason.vi) for s in due.skipped] == [
        (D("2026-11-29"), "nghỉ cuối tuần"), (D("2026-11-30"), "Nghỉ bù theo Thông báo 1/TB (calendar.yaml)")]
    assert [s.day for s in due.worked] == [D("2026-11-28")]
    assert cal.is_working(D("2026-09-02")) and not WorkingCalendar().is_working(D("2026-09-02"))


@pytest.mark.parametrize("n", [1, 7, 30, 250])
def test_working_days_counted_forward_then_back_return_to_a_working_start(n: int) -> None:
    start = D("2026-11-02")  # a Monday
    there = _due(start.isoformat(), f"{n} ngày làm việc")
    back = due_date(there, Period("working_days", n, before=True), PLAIN).day
    assert back == start


def test_hours_are_not_moved_off_a_day_off_but_the_day_is_named() -> None:
    due = due_date(dt.datetime(2026, 11, 27, 10), parse_period("24 giờ"), PLAIN)
    assert due.moment == dt.datetime(2026, 11, 28, 10) and due.skipped == ()
    assert due.day_off is not None and due.day_off.day == D("2026-11-28")
    assert due_date(dt.datetime(2026, 11, 26, 10), parse_period("24 giờ"), PLAIN).day_off is None
    # a year whose holidays are not known: hours need no calendar, and nothing is said
    assert due_date(dt.datetime(2150, 4, 28, 9), parse_period("24 giờ"), WorkingCalendar()).day_off is None
