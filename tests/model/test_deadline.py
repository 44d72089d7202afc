"""The Deadline model: exactly one unit, lead times, ranges and fixed dates, and what reads it (unit, amount, key)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from quyche_rules.model import Deadline
from quyche_rules.model.deadline import DEADLINE_UNITS, PERIOD_UNITS
from quyche_rules.time import MAXIMA


@pytest.mark.parametrize(("data", "unit", "amount", "direction", "key"), [
    ({"working_days": 5}, "working_days", 5, "after", "working_days:5"),
    ({"years": 1, "from_event": "công việc kết thúc"}, "years", 1, "after", "years:1"),
    ({"weeks": 2}, "weeks", 2, "after", "weeks:2"),
    ({"months": 3}, "months", 3, "after", "months:3"),
    ({"working_days": 3, "before": True, "from_event": "phiên họp"}, "working_days", 3, "before",
     "working_days:3:before"),
    ({"working_days": 5, "min": 2}, "working_days", 5, "after", "working_days:2-5"),
    ({"day_of_year": "11-15"}, "day_of_year", 1115, "fixed", "day_of_year:11-15"),
    ({"day_of_month": 20}, "day_of_month", 20, "fixed", "day_of_month:20"),
    ({"day_of_month": 5, "next_month": True}, "day_of_month", 5, "fixed", "day_of_month:5:next_month"),
    ({"same_day": True}, "same_day", 0, "after", "same_day:0"),
    ({"immediately": True, "urgency": "flash"}, "immediately", 0, "after", "immediately:0"),
    ({"day_of_month": 25, "latest": True}, "day_of_month", 25, "fixed", "day_of_month:25:latest"),
    ({"day_of_year": "11-15", "latest": True}, "day_of_year", 1115, "fixed", "day_of_year:11-15:latest"),
    ({"at_next": True, "from_event": "phiên họp Chính phủ"}, "at_next", 0, "fixed", "at_next:phiên họp Chính phủ"),
])
def test_each_construct_has_its_unit_amount_direction_and_key(
        data: dict[str, object], unit: str, amount: int, direction: str, key: str) -> None:
    d = Deadline.model_validate(data)
    assert (d.unit, d.amount, d.direction, d.key) == (unit, amount, direction, key)


@pytest.mark.parametrize(("data", "message"), [
    ({}, "exactly one of working_days, days, hours, weeks, months, years, same_day, immediately, at_next, "
         "day_of_year or day_of_month (got none)"),
    ({"years": 1, "days": 365}, "(got days, years)"),
    ({"day_of_month": 5, "working_days": 3}, "(got working_days, day_of_month)"),
    ({"working_days": 3, "before": True}, "add from_event"),
    ({"same_day": True, "before": True, "from_event": "phiên họp"}, "before goes with a period"),
    ({"day_of_year": "11-15", "min": 1}, "min goes with a period"),
    ({"working_days": 2, "min": 5}, "min (5) is more than working_days (2)"),
    ({"working_days": 5, "next_month": True}, "next_month goes with day_of_month"),
    ({"working_days": 5, "latest": True}, "latest goes with a fixed date"),
    ({"same_day": True, "latest": True}, "latest goes with a fixed date"),
    ({"at_next": True}, "add from_event"),
    ({"at_next": True, "same_day": True, "from_event": "họp"}, "(got same_day, at_next)"),
    ({"day_of_year": "02-30"}, "is not a day of the year"),
    ({"day_of_year": "13-01"}, "is not a day of the year"),
    ({"day_of_year": "1115"}, "should match pattern"),
    ({"day_of_month": 32}, "less than or equal to 31"),
    ({"years": 21}, "less than or equal to 20"),
    ({"weeks": 0}, "greater than or equal to 1"),
    ({"working_days": True}, "valid integer"),  # YAML's true is not one day
    ({"days": 2.0}, "valid integer"),
    ({"hours": "1:30"}, "valid integer"),  # (YAML 1.1 would have made it 90: the reader keeps it as written)
    ({"working_days": 5, "min": False}, "valid integer"),
])
def test_wrong_deadlines_are_refused_saying_why(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=None) as err:
        Deadline.model_validate(data)
    assert message in str(err.value)


def test_a_range_may_be_a_single_value_and_the_29th_of_february_is_a_day_of_the_year() -> None:
    assert Deadline(working_days=5, min=5).key == "working_days:5-5"
    assert Deadline(day_of_year="02-29").amount == 229


def test_fixed_dates_of_the_year_sort_in_calendar_order() -> None:
    days = ["12-31", "01-01", "11-15", "02-29"]
    assert sorted(days, key=lambda d: Deadline(day_of_year=d).amount) == ["01-01", "02-29", "11-15", "12-31"]


def test_the_counting_limits_are_the_models_limits() -> None:
    """quyche due refuses exactly the periods a rule file refuses."""
    for unit in PERIOD_UNITS:
        (le,) = [m.le for m in Deadline.model_fields[unit].metadata if hasattr(m, "le")]
        assert MAXIMA[unit] == le, unit
    assert set(PERIOD_UNITS) < set(DEADLINE_UNITS)


def test_before_a_day_and_at_the_latest_on_it_are_different_limits_in_words() -> None:
    """"trước ngày 25" (the 25th is late) and "chậm nhất ngày 25" (the 25th is in time) are told apart."""
    before, latest = Deadline(day_of_month=25), Deadline(day_of_month=25, latest=True)
    assert (before.words.vi, latest.words.vi) == ("trước ngày 25 hằng tháng", "chậm nhất ngày 25 hằng tháng")
    assert latest.words.en == "on or before the 25th of every month"
    assert before.key != latest.key
    anchor = Deadline(at_next=True, from_event="phiên họp Chính phủ")
    assert (anchor.words.vi, anchor.words.en) == ("tại phiên họp Chính phủ gần nhất",
                                                  "at the next «phiên họp Chính phủ»")
