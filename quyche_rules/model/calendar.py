"""The calendar override file (``calendar.yaml``): days off and working days the public calendar does not know.

Beside ``regulation.yaml``, or given with ``quyche due --calendar FILE``::

    days_off:
      - {date: 2027-02-11, reason: Nghỉ bù Tết Nguyên đán theo Thông báo của Bộ Nội vụ}
    working_days:
      - {date: 2027-02-20, reason: Làm bù cho ngày 11/02/2027}
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from quyche_rules.model.base import Model, Name

__all__ = ["CalendarDay", "CalendarFile"]


class CalendarDay(Model):
    """One day and why it is off, or worked."""

    date: dt.date
    """The day, YYYY-MM-DD."""
    reason: Name
    """Why, in Vietnamese, with the instrument that says so (e.g. "Nghỉ bù Tết Nguyên đán theo Thông báo số …")."""


class CalendarFile(Model):
    """Changes to the working-day calendar: extra days off and extra working days, each with its reason."""

    days_off: tuple[CalendarDay, ...] = Field(default=(), max_length=1000)
    """Days that are not worked although the public calendar has them as working days (a Tết arrangement)."""
    working_days: tuple[CalendarDay, ...] = Field(default=(), max_length=1000)
    """Days that are worked although they are a weekend or holiday (a Saturday worked in exchange)."""
