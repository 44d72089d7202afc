"""The working-day calendar counts only in the years whose public holidays it knows, never as if they had none."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from quyche_rules.time import OutsideHolidayData, Period, WorkingCalendar, due_date, holiday_years

FIRST, LAST = holiday_years()
FIVE = Period("working_days", 5)


def test_the_years_known_are_those_of_the_holidays_package() -> None:
    vietnam = holidays.country_holidays("VN")
    assert holiday_years() == (vietnam.start_year, vietnam.end_year)
    assert FIRST <= 1995 and LAST >= 2100
    # why it matters: past them the package answers no holiday at all, in silence
    assert not holidays.country_holidays("VN", years=LAST + 1)
    assert dt.date(LAST, 4, 30) in holidays.country_holidays("VN", years=LAST)


def test_the_last_year_known_is_counted_with_its_holidays() -> None:
    due = due_date(dt.date(LAST, 4, 28), FIVE, WorkingCalendar())
    assert dt.date(LAST, 4, 30) in [s.day for s in due.skipped]
    assert WorkingCalendar().day_off(dt.date(LAST, 12, 31)) is None or dt.date(LAST, 12, 31).weekday() >= 5


def test_the_first_year_known_is_counted() -> None:
    back = due_date(dt.date(FIRST, 1, 10), Period("working_days", 3, before=True), WorkingCalendar())
    assert back.day.year == FIRST


@pytest.mark.parametrize("day", [dt.date(LAST + 1, 1, 1), dt.date(2150, 4, 30), dt.date(FIRST - 1, 12, 31)])
def test_a_day_of_a_year_not_known_is_refused(day: dt.date) -> None:
    with pytest.raises(OutsideHolidayData) as raised:
        WorkingCalendar().day_off(day)
    assert raised.value.years == (FIRST, LAST) and raised.value.exit_code == 2
    assert f"covers {FIRST} to {LAST} only" in raised.value.what.en and f"năm {day.year}" in raised.value.what.vi
    with pytest.raises(OutsideHolidayData):
        WorkingCalendar().worked_because(day - dt.timedelta(days=(day.weekday() - 5) % 7))  # a Saturday, same year


@pytest.mark.parametrize(("start", "period"), [
    (dt.date(LAST, 12, 28), FIVE),  # counted into the year after the last
    (dt.date(LAST, 12, 20), Period("days", 15)),  # a period in days ending past it
    (dt.date(FIRST, 1, 3), Period("working_days", 5, before=True)),  # a lead time counted back before the first
    (dt.date(2150, 4, 28), FIVE),
])
def test_a_count_that_reaches_a_year_not_known_is_refused(start: dt.date, period: Period) -> None:
    with pytest.raises(OutsideHolidayData):
        due_date(start, period, WorkingCalendar())


def test_without_public_holidays_or_in_hours_any_year_is_counted() -> None:
    assert due_date(dt.date(2150, 4, 28), FIVE, WorkingCalendar(public_holidays=False)).day == dt.date(2150, 5, 5)
    hours = due_date(dt.datetime(2150, 4, 28, 9), Period("hours", 24), WorkingCalendar())
    assert hours.moment == dt.datetime(2150, 4, 29, 9)
