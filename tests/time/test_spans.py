"""How long a period can last: the bounds that let periods in different units be compared (time.spans)."""

from __future__ import annotations

import datetime as dt

import pytest

from quyche_rules.time import WorkingCalendar, due_date, parse_period
from quyche_rules.time.counting import add_months
from quyche_rules.time.spans import UNBOUNDED, compare, span

#: every day of eight years: leap and common years, and a century year that is not a leap year (2100)
_STARTS = [dt.date(y, 1, 1) + dt.timedelta(days=i) for y in (2000, 2096) for i in range(8 * 365 + 2)]


@pytest.mark.parametrize("months", [1, 2, 3, 11, 12, 13, 23, 24, 25, 59, 120, 240])
def test_the_bounds_of_a_period_in_months_hold_whatever_the_start(months: int) -> None:
    sp = span("months", months)
    assert sp is not None
    for start in _STARTS:
        days = (add_months(start, months) - start).days
        # it ends at 24:00 of its last day: from a start at 23:59 of the first day, or at 00:00
        assert sp.shortest <= days * 1440 + 1 and (days + 1) * 1440 <= sp.longest, start


def test_weeks_are_days_and_years_are_months() -> None:
    assert span("weeks", 2) == span("days", 14)
    assert span("years", 1) == span("months", 12)
    assert span("same_day", 0) is None and span("day_of_month", 20) is None


def test_working_days_last_at_least_as_many_days_and_at_most_anything() -> None:
    sp = span("working_days", 5)
    assert sp is not None and sp.longest == UNBOUNDED and sp.shortest == 5 * 1440 + 1
    cal = WorkingCalendar(public_holidays=False)
    for start in _STARTS[:60]:  # against the count itself: 5 working days never end before 5 days
        assert due_date(start, parse_period("05 ngày làm việc"), cal).day >= start + dt.timedelta(days=5)


@pytest.mark.parametrize(("a", "b", "longer"), [
    (("weeks", 2), ("days", 7), True), (("weeks", 1), ("days", 7), False), (("days", 7), ("weeks", 1), False),
    (("years", 1), ("months", 11), True), (("months", 12), ("years", 1), False),
    (("months", 1), ("days", 30), None), (("days", 30), ("months", 1), None), (("days", 32), ("months", 1), True),
    (("months", 1), ("days", 31), False),
    (("days", 1), ("hours", 24), True), (("hours", 24), ("days", 1), False), (("hours", 30), ("days", 1), None),
    (("hours", 49), ("days", 1), True),
    (("working_days", 10), ("days", 5), True), (("working_days", 5), ("days", 5), None),
    (("days", 5), ("working_days", 5), False), (("months", 1), ("days", 28), None),
    (("days", 28), ("months", 1), False),
    (("days", 30), ("working_days", 3), None), (("working_days", 4), ("working_days", 3), True),
])
def test_compare_says_only_what_is_certain(a: tuple[str, int], b: tuple[str, int], longer: bool | None) -> None:
    sa, sb = span(*a), span(*b)
    assert sa is not None and sb is not None
    assert compare(sa, sb) is longer
