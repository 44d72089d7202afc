"""How long a period can last, whatever the day it starts: what lets periods in different units be compared.

A period of 02 tuần and one of 14 ngày end on the same day (Bộ luật Dân sự 2015, khoản 1 and 2 Điều 148), and so do
01 năm and 12 tháng (khoản 3 and 4): those convert exactly (:data:`COMMON`). Other units only bound each other:

- a month is 28 to 31 days and a year 365 or 366 (khoản 3 Điều 148 ends a month that lacks the day on its last
  day, still at least 28 days on), so 01 tháng is always longer than 02 tuần and shorter than 32 ngày, but against
  30 ngày it depends on the month;
- N ngày làm việc are never fewer than N ngày (each working day is a day), but may be any number more (a Tết
  break, a calendar's extra days off): no number of days is certainly longer;
- a period in days, weeks, months or years ends at 24:00 of its last day (khoản 6 Điều 148), counted from the day
  after its start (khoản 2 Điều 147); one in hours from the moment it starts (khoản 1 Điều 147). N ngày therefore
  last more than 24 × N giờ, and at most 24 × (N + 1) giờ.

:func:`span` gives a period its common unit and amount and the shortest and longest it can last, in minutes from
the start (a start is a minute of its day); :func:`compare` says whether one period certainly ends after another,
certainly does not, or cannot be told. Periods are compared as written, before a last day that is a day off moves
(khoản 5 Điều 148), as a longer period never ends before a shorter one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COMMON", "UNBOUNDED", "Span", "compare", "span"]

#: units that convert exactly -> (common unit, how many of it one unit is)
COMMON = {"working_days": ("working_days", 1), "days": ("days", 1), "weeks": ("days", 7), "hours": ("hours", 1),
          "months": ("months", 1), "years": ("months", 12)}
#: the longest a period in working days may last: no bound (an int64, for the facts)
UNBOUNDED = 2**62
_DAY = 24 * 60


@dataclass(frozen=True)
class Span:
    """A period in its common unit, and the shortest and longest it can last from its start, in minutes."""

    unit: str
    """The common unit: ``working_days``, ``days`` (weeks too), ``hours`` or ``months`` (years too)."""
    amount: int
    """The amount in the common unit (02 tuần is 14 days, 01 năm 12 months)."""
    shortest: int
    longest: int
    days: tuple[int, int] | None = None
    """For a period that ends at 24:00 of a day: the fewest and most days from the start day to its last day."""


def _days(unit: str, amount: int) -> tuple[int, int]:
    """Return the fewest and most days from the start day to the last day of a period in days or months."""
    if unit == "days":
        return amount, amount
    years, months = divmod(amount, 12)  # twelve months in a row are 365 or 366 days, one month 28 to 31
    return 365 * years + 28 * months, 366 * years + 31 * months


def span(unit: str, amount: int) -> Span | None:
    """Return the span of ``amount`` ``unit`` (a period after its event), or ``None`` for a unit that is no period."""
    if unit not in COMMON:
        return None
    common, per = COMMON[unit]
    n = amount * per
    if common == "hours":
        return Span(common, n, 60 * n, 60 * n)
    # at least n days for n working days, at most anything
    fewest, most = (n, UNBOUNDED) if common == "working_days" else _days(common, n)
    # it ends at 24:00 of its last day: from a start at 23:59 of the first day, or at 00:00
    return Span(common, n, _DAY * fewest + 1, min(_DAY * (most + 1), UNBOUNDED), (fewest, most))


def compare(a: Span, b: Span) -> bool | None:
    """Return whether ``a`` certainly ends after ``b``, counted from the same start.

    True if it does whatever the start, False if it certainly does not (it ends with ``b`` or before), None if that
    depends on the start day or the calendar.
    """
    if a.unit == b.unit:
        return a.amount > b.amount
    # two periods that end at 24:00 of a day, from the same start: their last days decide
    low, high = (a.days[0], b.days[1]) if a.days and b.days else (a.shortest, b.longest)
    if low > high:
        return True
    low, high = (a.days[1], b.days[0]) if a.days and b.days else (a.longest, b.shortest)
    if low <= high:
        return False
    return None
