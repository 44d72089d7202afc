"""When a period ends on a real calendar, as Bộ luật Dân sự 2015, Điều 147 and 148 count it.

Điều 147, khoản 2: «Khi thời hạn được xác định bằng ngày, tuần, tháng, năm thì ngày đầu tiên của thời hạn không
được tính mà tính từ ngày tiếp theo liền kề ngày được xác định.» (khoản 1: a period in hours «được bắt đầu từ thời
điểm đã xác định».)

Điều 148: «1. Khi thời hạn tính bằng ngày thì thời hạn kết thúc tại thời điểm kết thúc ngày cuối cùng của thời
hạn. 2. Khi thời hạn tính bằng tuần thì thời hạn kết thúc tại thời điểm kết thúc ngày tương ứng của tuần cuối cùng
của thời hạn. 3. Khi thời hạn tính bằng tháng thì thời hạn kết thúc tại thời điểm kết thúc ngày tương ứng của tháng
cuối cùng của thời hạn; nếu tháng kết thúc thời hạn không có ngày tương ứng thì thời hạn kết thúc vào ngày cuối
cùng của tháng đó. 4. Khi thời hạn tính bằng năm thì thời hạn kết thúc tại thời điểm kết thúc ngày, tháng tương ứng
của năm cuối cùng của thời hạn. 5. Khi ngày cuối cùng của thời hạn là ngày nghỉ cuối tuần hoặc ngày nghỉ lễ thì
thời hạn kết thúc tại thời điểm kết thúc ngày làm việc tiếp theo ngày nghỉ đó.»

So "01 năm" from 15/03/2026 ends on 15/03/2027 (not 365 days later), and a period in days ending on a Sunday ends
on the Monday. A period in hours ends at the moment counted, even on a day off: khoản 5 moves the "ngày cuối cùng"
of a period to the end (24:00, khoản 6) of the next working day, and only periods in days, weeks, months and years
end with a last day (khoản 1-4); one in hours starts from a moment (khoản 1 Điều 147) and ends at one. Moving it
would turn "24 giờ" from a Friday at 10:00 into the end of Monday. The count says when it ends on a day off
(:attr:`Due.day_off`). Working days are counted one by one, skipping every day off. Two readings are the tool's own, as
the articles do not say them: a year from 29/02 ends on 28/02 (khoản 3's rule for a month without the day); and a
lead time ("chậm nhất 03 ngày trước") is counted back the same way, the event's day not counted, and when it falls
on a day off it moves to the working day *before* it, since moving it later would shorten the lead time.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from quyche_rules.errors import ConfigError
from quyche_rules.i18n import Text
from quyche_rules.time.calendar import OutsideHolidayData, WorkingCalendar
from quyche_rules.time.periods import Period

__all__ = ["BLDS", "Due", "Skipped", "add_months", "due_date", "last_day"]

#: the article each step rests on, cited as the law catalogue cites Bộ luật Dân sự 2015 (``blds-2015``)
BLDS = {
    "start": Text.of("khoản 2 Điều 147 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 147(2)"),
    "hours": Text.of("khoản 1 Điều 147 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 147(1)"),
    "days": Text.of("khoản 1 Điều 148 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 148(1)"),
    "weeks": Text.of("khoản 2 Điều 148 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 148(2)"),
    "months": Text.of("khoản 3 Điều 148 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 148(3)"),
    "years": Text.of("khoản 4 Điều 148 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 148(4)"),
    "day_off": Text.of("khoản 5 Điều 148 Bộ luật Dân sự 2015", "Bộ luật Dân sự 2015 (Civil Code), Article 148(5)"),
    "lead": Text.of("cách tính của công cụ cho thời hạn tính lùi: đếm ngược, không tính ngày của sự kiện; rơi vào "
                    "ngày nghỉ thì về ngày làm việc liền trước",
                    "the tool's reading of a lead time: counted back, the event's day not counted; when it falls on "
                    "a day off, it moves to the working day before"),
}


@dataclass(frozen=True)
class Skipped:
    """A day not counted, or that the end moved over, and why (weekend, a holiday's name, an override's reason)."""

    day: dt.date
    reason: Text


@dataclass(frozen=True)
class Due:
    """Where a period counted from ``start`` ends: at the end of ``day`` (at ``moment`` for hours)."""

    start: dt.datetime
    period: Period
    day: dt.date
    """The last day of the period: it ends at 24:00 of this day (Điều 148, khoản 6)."""
    moment: dt.datetime | None
    """For a period in hours, the moment it ends."""
    skipped: tuple[Skipped, ...]
    """Days off skipped while counting working days, or that the last day moved over."""
    basis: tuple[Text, ...]
    """The provisions of Bộ luật Dân sự 2015 applied."""
    worked: tuple[Skipped, ...] = ()
    """Days counted although they are a weekend or holiday (an exchange, an override), and why."""
    day_off: Skipped | None = None
    """For a period in hours that ends on a day off: that day and why (the end is not moved)."""


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the corresponding day ``months`` later (or earlier), or the last day of a month that lacks it."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _cal.monthrange(year, month + 1)[1]))


def last_day(first: dt.date, period: Period) -> dt.date:
    """Return the last day of a period in days, weeks, months or years counted from ``first`` (not counted).

    As khoản 1-4 Điều 148 end it, before a day off moves it (khoản 5); back from ``first`` for a lead time.

    Raises:
        ValueError: the period is in working days or hours (they need a calendar, or end at a moment).
        OverflowError: the period runs past the calendar's first or last year.
    """
    sign, unit, n = -1 if period.before else 1, period.unit, period.amount
    if unit in ("days", "weeks"):
        return first + dt.timedelta(days=sign * n * (7 if unit == "weeks" else 1))
    if unit in ("months", "years"):
        return add_months(first, sign * n * (12 if unit == "years" else 1))
    raise ValueError(f"a period in {unit} has no last day without a calendar")


def _step_over(day: dt.date, step: int, cal: WorkingCalendar, skipped: list[Skipped]) -> dt.date:
    """Move ``day`` by ``step`` days while it is a day off, recording each day passed over."""
    while (reason := cal.day_off(day)) is not None:
        skipped.append(Skipped(day, reason))
        day += dt.timedelta(days=step)
    return day


def _unmoved(day: dt.date, cal: WorkingCalendar) -> Skipped | None:
    """Return ``day`` and why it is a day off, if it is one and the calendar knows (hours need no calendar)."""
    try:
        reason = cal.day_off(day)
    except (OutsideHolidayData, ConfigError):
        return None
    return None if reason is None else Skipped(day, reason)


def _basis(period: Period, unit: str, *, moved: bool) -> tuple[Text, ...]:
    if period.before:
        return (BLDS["start"], BLDS[unit], BLDS["lead"])
    return (BLDS["start"], BLDS[unit], *((BLDS["day_off"],) if moved else ()))


def due_date(start: dt.date | dt.datetime, period: Period, cal: WorkingCalendar) -> Due:
    """Return where ``period``, counted from ``start`` (back from it for a lead time), ends on ``cal``.

    Raises:
        OverflowError: the period runs past the calendar's first or last year.
        OutsideHolidayData: the count looks at a day of a year whose public holidays are not known.
        ConfigError: the holidays package is not installed.
    """
    moment = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    sign = -1 if period.before else 1
    skipped: list[Skipped] = []
    unit, n = period.unit, period.amount
    if unit == "hours":
        end = moment + dt.timedelta(hours=sign * n)
        return Due(moment, period, end.date(), end, (), (BLDS["hours"],), day_off=_unmoved(end.date(), cal))
    first = moment.date()
    if unit == "working_days":
        day, counted, worked = first, 0, []
        while counted < n:
            day += dt.timedelta(days=sign)
            reason = cal.day_off(day)
            if reason is not None:
                skipped.append(Skipped(day, reason))
                continue
            counted += 1
            if (why := cal.worked_because(day)) is not None:
                worked.append(Skipped(day, why))
        return Due(moment, period, day, None, tuple(skipped), _basis(period, "days", moved=False), tuple(worked))
    day = _step_over(last_day(first, period), sign, cal, skipped)
    return Due(moment, period, day, None, tuple(skipped), _basis(period, unit, moved=bool(skipped)))
