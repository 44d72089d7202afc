"""Time as the law writes it: periods, a working-day calendar, and where a period ends (BLDS 2015, Điều 147-148)."""

from __future__ import annotations

from quyche_rules.time.calendar import WEEKDAYS, OutsideHolidayData, Override, WorkingCalendar, holiday_years
from quyche_rules.time.counting import BLDS, Due, Skipped, add_months, due_date, last_day
from quyche_rules.time.periods import MAXIMA, Period, PeriodError, parse_period

__all__ = [
    "BLDS", "MAXIMA", "WEEKDAYS", "Due", "OutsideHolidayData", "Override", "Period", "PeriodError", "Skipped",
    "WorkingCalendar", "add_months", "due_date", "holiday_years", "last_day", "parse_period",
]
