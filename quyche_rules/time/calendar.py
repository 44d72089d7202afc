"""A working-day calendar: Monday to Friday, less Vietnam's public holidays, with the user's own changes.

Saturday and Sunday are days off (Quyết định 188/1999/QĐ-TTg, Điều 1: "tuần làm việc 40 giờ trong 5 ngày, nghỉ
ngày thứ bẩy và chủ nhật hàng tuần"). Public holidays, Tết and the days off given in exchange, and the Saturdays
worked in exchange for them, come from the ``holidays`` package (imported only when a day is first looked at, so
that commands that count no day never load it). An override (:class:`Override`, read from a ``calendar.yaml``)
adds what the package does not know: a Tết arrangement, a compensatory day off, a Saturday worked in exchange,
each with its reason. Overrides win over the package, which wins over the weekday.

The package knows the holidays of some years only (1901 to 2100 in holidays 0.109: :func:`holiday_years`). A
day outside them is never counted as if it had no holiday: looking at it raises :class:`OutsideHolidayData`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.errors import ConfigError, UsageError
from quyche_rules.i18n import Text, nfc

__all__ = ["WEEKDAYS", "OutsideHolidayData", "Override", "WorkingCalendar", "holiday_years"]

#: the days of the week, Monday first
WEEKDAYS = (
    Text.of("thứ Hai", "Monday"), Text.of("thứ Ba", "Tuesday"), Text.of("thứ Tư", "Wednesday"),
    Text.of("thứ Năm", "Thursday"), Text.of("thứ Sáu", "Friday"), Text.of("thứ Bảy", "Saturday"),
    Text.of("Chủ nhật", "Sunday"),
)
_WEEKEND = Text.of("nghỉ cuối tuần", "weekend")
_HOLIDAY = Text.of("ngày lễ, tết: {name}", "public holiday: {name}")


@dataclass(frozen=True)
class Override:
    """The user's or the regulation's changes to the calendar: day -> reason, for days off and days worked."""

    days_off: Mapping[dt.date, str] = field(default_factory=dict)
    """Extra days off (a Tết arrangement, a compensatory day), with their reason."""
    working_days: Mapping[dt.date, str] = field(default_factory=dict)
    """Extra working days (a Saturday worked in exchange), with their reason."""
    source: str = ""
    """Where the override was read (a file), shown with each reason."""


class OutsideHolidayData(UsageError):
    """A day whose public holidays the ``holidays`` package does not know: working days cannot be counted there.

    Args:
        day: the day looked at.
        years: the first and last year the package knows.
    """

    def __init__(self, day: dt.date, years: tuple[int, int]) -> None:
        first, last = years
        super().__init__(
            Text.of(f"Không biết ngày lễ, tết của năm {day.year} (ngày {day.isoformat()}): dữ liệu ngày lễ (gói "
                    f"holidays) chỉ có từ năm {first} đến năm {last}, nên không đếm được ngày làm việc",
                    f"The public holidays of {day.year} are not known (the day {day.isoformat()}): the holiday "
                    f"data (the holidays package) covers {first} to {last} only, so working days cannot be counted"),
            expected=Text.of(f"ngày bắt đầu và hạn trong các năm {first}-{last}",
                             f"a start and a due date within the years {first}-{last}"),
            fix=Text.of(f"Chọn ngày bắt đầu hoặc thời hạn khác, để hạn rơi trong các năm {first}-{last}",
                        f"Pick another start or period, so that the period ends within {first}-{last}"),
        )
        self.day = day
        self.years = years


def _package() -> Any:
    try:
        import holidays  # lazy: only where a due date is computed
    except ImportError:
        raise ConfigError(Text.of("Thiếu gói holidays (ngày lễ, tết của Việt Nam)",
                                  "The holidays package (Vietnam's public holidays) is not installed"),
                          fix=Text.of("Cài lại quyche-rules, hoặc: pip install holidays",
                                      "Reinstall quyche-rules, or: pip install holidays")) from None
    return holidays


@functools.lru_cache(maxsize=1)
def holiday_years() -> tuple[int, int]:
    """Return the first and last year whose Vietnamese public holidays the ``holidays`` package knows.

    Raises:
        ConfigError: the holidays package is not installed.
    """
    vietnam = _package().country_holidays("VN")
    return int(vietnam.start_year), int(vietnam.end_year)


@functools.lru_cache(maxsize=64)
def _public(year: int) -> tuple[dict[dt.date, Text], dict[dt.date, Text]]:
    """Return Vietnam's public holidays of ``year`` (day -> name) and its weekend days worked (day -> why)."""
    holidays = _package()
    vi = holidays.country_holidays("VN", years=year, language="vi")
    en = holidays.country_holidays("VN", years=year, language="en_US")
    off = {day: Text.of(nfc(str(name)), nfc(str(en.get(day, name)))) for day, name in sorted(vi.items())}
    worked: dict[dt.date, Text] = {}
    for day in sorted(getattr(vi, "weekend_workdays", ())):
        if day.year != year:
            continue
        swap = next((d for d, name in off.items() if day.strftime("%d/%m/%Y") in name.vi), None)
        worked[day] = (Text.of(f"ngày làm việc bù cho ngày nghỉ {swap.strftime('%d/%m/%Y')}",
                               f"working day in exchange for the day off on {swap.isoformat()}") if swap
                       else Text.of("ngày làm việc bù", "working day in exchange for a day off"))
    return off, worked


class WorkingCalendar:
    """Which days are working days, and why a day is not one.

    Args:
        override: the user's or the regulation's changes, if any.
        public_holidays: whether to take Vietnam's public holidays from the ``holidays`` package.
    """

    def __init__(self, override: Override | None = None, *, public_holidays: bool = True) -> None:
        self.override = override or Override()
        self.public_holidays = public_holidays

    def _noted(self, reason: str) -> Text:
        where = f" ({self.override.source})" if self.override.source else ""
        return Text.of(f"{reason}{where}", f"{reason}{where}")

    @staticmethod
    def _known(day: dt.date) -> int:
        """Return the year of ``day``, whose public holidays the package must know."""
        years = holiday_years()
        if not years[0] <= day.year <= years[1]:
            raise OutsideHolidayData(day, years)
        return day.year

    def day_off(self, day: dt.date) -> Text | None:
        """Return why ``day`` is not a working day, or ``None`` when it is one.

        Raises:
            OutsideHolidayData: with the public holidays, ``day`` is in a year the ``holidays`` package does not
                know (a day off there would go unseen).
        """
        if day in self.override.working_days:
            return None
        if day in self.override.days_off:
            return self._noted(self.override.days_off[day])
        if self.public_holidays:
            off, worked = _public(self._known(day))
            if day in off:
                return _HOLIDAY.fill({"name": off[day]})
            if day in worked:
                return None
        return _WEEKEND if day.weekday() >= 5 else None

    def worked_because(self, day: dt.date) -> Text | None:
        """Return why ``day`` is worked though a weekend day or a holiday (an override, an exchange), or ``None``."""
        if day in self.override.working_days:
            return self._noted(self.override.working_days[day])
        if self.public_holidays and day.weekday() >= 5:
            return _public(self._known(day))[1].get(day)
        return None

    def is_working(self, day: dt.date) -> bool:
        """Return whether ``day`` is a working day."""
        return self.day_off(day) is None
