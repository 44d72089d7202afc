"""A time limit as the law writes it: a period, a lead time, a range, a fixed date of the year or month."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from quyche_rules.i18n import Text
from quyche_rules.model.base import Model, Name
from quyche_rules.vocabulary import period_words

__all__ = ["DATE_UNITS", "DEADLINE_UNITS", "MOMENT_UNITS", "PERIOD_UNITS", "Deadline", "Urgency"]

Urgency = Literal["normal", "urgent", "top_urgent", "flash"]


#: deadline units counted as an amount: working days, calendar days, hours, weeks, months, years
PERIOD_UNITS = ("working_days", "days", "hours", "weeks", "months", "years")
#: deadline units that are a moment (same day, immediately, the next occurrence of an event) and that name a date
#: of the calendar
MOMENT_UNITS = ("same_day", "immediately", "at_next")
DATE_UNITS = ("day_of_year", "day_of_month")
#: every deadline unit: a deadline has exactly one
DEADLINE_UNITS = (*PERIOD_UNITS, *MOMENT_UNITS, *DATE_UNITS)


def _listed(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + f" or {names[-1]}"


class Deadline(Model):
    """A time limit: exactly one unit, a period, a moment (same day, immediately) or a fixed date.

    A period (``working_days``, ``days``, ``hours``, ``weeks``, ``months``, ``years``) counts from ``from_event``,
    or back from it with ``before`` (a lead time: "chậm nhất 03 ngày làm việc trước phiên họp"); ``min`` is the
    lower bound of a range ("từ 02 đến 05 ngày làm việc"). A fixed date (``day_of_year``, ``day_of_month``) is a
    day of the calendar ("trước ngày 15/11 hằng năm"; with ``latest``, "chậm nhất ngày 15/11": the day itself is in
    time). ``at_next`` is an event anchor: at the next occurrence of ``from_event`` ("tại phiên họp Chính phủ gần
    nhất"). How periods fall on a calendar: :mod:`quyche_rules.time`.
    """

    working_days: int | None = Field(default=None, strict=True, ge=1, le=3650)
    """Number of working days (weekends and public holidays are skipped); none at all is ``same_day``."""
    days: int | None = Field(default=None, strict=True, ge=1, le=3650)
    """Number of calendar days."""
    hours: int | None = Field(default=None, strict=True, ge=1, le=8760)
    """Number of hours; none at all is ``immediately``."""
    weeks: int | None = Field(default=None, strict=True, ge=1, le=520)
    """Number of weeks (the period ends on the same weekday of its last week)."""
    months: int | None = Field(default=None, strict=True, ge=1, le=120)
    """Number of months (ends on the same day of the last month, or its last day when it has no such day)."""
    years: int | None = Field(default=None, strict=True, ge=1, le=20)
    """Number of years: "01 năm" is ``years: 1`` (ends on the same day and month), never 365 days."""
    same_day: bool = False
    """Within the same day, at the latest the next working day."""
    immediately: bool = False
    """Immediately (for urgent documents)."""
    at_next: bool = False
    """At the next occurrence of ``from_event``: "tại phiên họp Chính phủ gần nhất" is
    ``{at_next: true, from_event: phiên họp Chính phủ}``."""
    day_of_year: str | None = Field(default=None, pattern=r"^\d\d-\d\d$")
    """A date of every year, MM-DD: "trước ngày 15/11 hằng năm" is ``"11-15"``."""
    day_of_month: int | None = Field(default=None, strict=True, ge=1, le=31)
    """A day of every month: "trước ngày 20 hằng tháng" is ``20`` (in a month without it: its last day)."""
    next_month: bool = False
    """With ``day_of_month``: that day of the following month ("trước ngày 05 tháng sau")."""
    latest: bool = False
    """With a fixed date: the day itself is in time ("chậm nhất ngày 25 hằng tháng"); without it the limit is
    "trước ngày 25": the 25th is already late."""
    before: bool = False
    """A lead time: the period counts back from ``from_event`` ("chậm nhất 03 ngày làm việc trước phiên họp")."""
    min: int | None = Field(default=None, strict=True, ge=1, le=8760)
    """Lower bound of a range, in the period's unit: "từ 02 đến 05 ngày làm việc" is ``working_days: 5, min: 2``."""
    urgency: Urgency = "normal"
    """Urgency level the deadline applies to: normal, urgent (khẩn), top_urgent (thượng khẩn), flash (hỏa tốc)."""
    from_event: Name | None = None
    """The event the period counts from (back from, with ``before``), in Vietnamese (e.g. "nhận được văn bản")."""

    @model_validator(mode="after")
    def _exactly_one_unit(self) -> Deadline:
        given = [n for n in DEADLINE_UNITS if getattr(self, n) not in (None, False)]
        if len(given) != 1:
            raise ValueError(
                f"a deadline needs exactly one of {_listed(DEADLINE_UNITS)} (got {', '.join(given) or 'none'})")
        unit = given[0]
        if (self.before or self.min is not None) and unit not in PERIOD_UNITS:
            raise ValueError(f"{'before' if self.before else 'min'} goes with a period ({_listed(PERIOD_UNITS)}); "
                             f"{unit} is not one")
        if self.before and self.from_event is None:
            raise ValueError("a lead time (before: true) counts back from an event: add from_event, "
                             "e.g. {working_days: 3, before: true, from_event: phiên họp}")
        if self.min is not None and self.min > self.amount:
            raise ValueError(f"min ({self.min}) is more than {unit} ({self.amount}): a range goes from min up to "
                             f"the amount (từ 02 đến 05 → {unit}: 5, min: 2)")
        if self.next_month and unit != "day_of_month":
            raise ValueError("next_month goes with day_of_month, e.g. {day_of_month: 5, next_month: true}")
        if self.latest and unit not in DATE_UNITS:
            raise ValueError("latest goes with a fixed date (day_of_year or day_of_month), e.g. "
                             "{day_of_month: 25, latest: true} for \"chậm nhất ngày 25 hằng tháng\"")
        if self.at_next and self.from_event is None:
            raise ValueError("at_next names the event whose next occurrence is the limit: add from_event, "
                             "e.g. {at_next: true, from_event: phiên họp Chính phủ}")
        if self.day_of_year is not None:
            month, day = (int(p) for p in self.day_of_year.split("-"))
            try:
                dt.date(2024, month, day)  # a leap year: 02-29 is a day of the year
            except ValueError:
                raise ValueError(f"{self.day_of_year!r} is not a day of the year: MM-DD, "
                                 "e.g. \"11-15\" for 15/11") from None
        return self

    @property
    def unit(self) -> str:
        """Return the unit: one of :data:`DEADLINE_UNITS`."""
        return next(n for n in DEADLINE_UNITS if getattr(self, n) not in (None, False))

    @property
    def amount(self) -> int:
        """Return the amount in the deadline's unit.

        0 for same day and immediately, the day for ``day_of_month``, month * 100 + day for ``day_of_year``
        (``"11-15"`` is 1115: fixed dates of the year sort in calendar order).
        """
        if self.day_of_year is not None:
            month, day = self.day_of_year.split("-")
            return int(month) * 100 + int(day)
        value = getattr(self, self.unit)
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    @property
    def words(self) -> Text:
        """Return the time limit as drafters write it ("05 ngày làm việc", "chậm nhất 03 ngày làm việc trước …")."""
        return period_words(self.unit, self.amount, minimum=self.min or 0, before=self.before,
                            event=self.from_event or "", next_month=self.next_month, latest=self.latest)

    @property
    def is_period(self) -> bool:
        """Return True for an amount of time counted forward from its event, which a sentence says "within"."""
        return self.unit in PERIOD_UNITS and not self.before

    @property
    def within_words(self) -> Text:
        """Return the limit as a sentence ends with it.

        "trong thời hạn 05 ngày làm việc" / "within 5 working days" for a period after its event, the words alone for
        the rest ("chậm nhất ngày 25 hằng tháng", "immediately").
        """
        words = self.words
        if self.is_period:
            return Text.of(f"trong thời hạn {words.vi}", f"within {words.en}")
        return words

    @property
    def direction(self) -> str:
        """Return where the deadline lies: ``after`` its event, ``before`` it (a lead time), or ``fixed``.

        Fixed is a date of the calendar, or the next occurrence of an event.
        """
        if self.before:
            return "before"
        return "fixed" if self.unit in (*DATE_UNITS, "at_next") else "after"

    @property
    def key(self) -> str:
        """Return the deadline as one comparable value.

        ``working_days:5``, ``working_days:2-5`` (a range), ``working_days:3:before`` (a lead time),
        ``day_of_year:11-15``, ``day_of_month:5:next_month``, ``day_of_month:25:latest``, ``at_next:phiên họp``.
        """
        unit = self.unit
        if self.day_of_year is not None:
            value = f"{unit}:{self.day_of_year}"
        elif self.at_next:
            value = f"{unit}:{self.from_event}"
        elif self.min is not None:
            value = f"{unit}:{self.min}-{self.amount}"
        else:
            value = f"{unit}:{self.amount}"
        return (value + (":before" if self.before else "") + (":next_month" if self.next_month else "")
                + (":latest" if self.latest else ""))
