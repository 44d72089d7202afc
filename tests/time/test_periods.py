"""The grammar of periods as drafters write them, and what it refuses."""

from __future__ import annotations

import unicodedata

import pytest

from quyche_rules.time import Period, PeriodError, parse_period


@pytest.mark.parametrize(("text", "period"), [
    ("05 ngày làm việc", Period("working_days", 5)),
    ("10 ngày", Period("days", 10)),
    ("02 tuần", Period("weeks", 2)),
    ("03 tháng", Period("months", 3)),
    ("01 năm", Period("years", 1)),
    ("24 giờ", Period("hours", 24)),
    ("5 ngày làm việc", Period("working_days", 5)),
    ("  Trong  thời hạn 07 ngày làm việc ", Period("working_days", 7)),
    ("trong 30 ngày", Period("days", 30)),
    ("chậm nhất 03 ngày làm việc", Period("working_days", 3)),
    ("chậm nhất 03 ngày làm việc trước", Period("working_days", 3, before=True)),
    ("chậm nhất là 02 ngày trước", Period("days", 2, before=True)),
    ("01 tháng trước", Period("months", 1, before=True)),
])
def test_periods_as_drafters_write_them(text: str, period: Period) -> None:
    assert parse_period(text) == period


def test_decomposed_unicode_is_read_as_composed() -> None:
    assert parse_period(unicodedata.normalize("NFD", "05 ngày làm việc")) == Period("working_days", 5)


@pytest.mark.parametrize(("text", "says"), [
    ("5 ngay", "Cannot read the period"),
    ("năm ngày", "Cannot read the period"),
    ("05 ngày làm việc kể từ ngày nhận", "Cannot read the period"),
    ("", "Cannot read the period"),
    ("-3 ngày", "Cannot read the period"),
    ("0 ngày", "must be 1 to 3650 days"),
    ("00 tháng", "must be 1 to 120 months"),
    ("21 năm", "must be 1 to 20 years"),
    ("9999 giờ", "must be 1 to 8760 hours"),
    ("trong 03 ngày làm việc trước", "contradict each other"),
    ("03 ngày làm việc sau", "Cannot read the period"),
])
def test_anything_else_is_refused_saying_what_is_expected(text: str, says: str) -> None:
    with pytest.raises(PeriodError) as err:
        parse_period(text)
    assert says in err.value.what.en
    assert '"05 ngày làm việc"' in err.value.expected.vi and "chậm nhất 03 ngày làm việc trước" in err.value.expected.en


def test_a_period_says_itself_as_drafters_write_it() -> None:
    assert parse_period("5 ngày làm việc").words().vi == "05 ngày làm việc"
    lead = parse_period("chậm nhất 3 ngày làm việc trước").words("phiên họp")
    assert lead.vi == "chậm nhất 03 ngày làm việc trước phiên họp"
    assert lead.en == "at the latest 3 working days before «phiên họp»"
    assert parse_period("01 năm").words().en == "1 year"
