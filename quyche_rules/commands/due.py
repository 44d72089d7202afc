"""``quyche due DATE PERIOD``: where a period ends on the working-day calendar, and which days it skipped.

``quyche due 2026-11-27 "05 ngày làm việc"`` prints 2026-12-04: the period counts from the day after (Bộ luật Dân
sự 2015, khoản 2 Điều 147), skipping the weekend. A lead time ("chậm nhất 03 ngày làm việc trước") counts back
from DATE. Public holidays come from the ``holidays`` package, extra days off and working days from
``--calendar FILE`` (a ``calendar.yaml``, or a regulation folder holding one). Only this module, and only when
it runs, loads them. A count that looks at a day of a year whose holidays the package does not know (after
2100) is a usage error (:class:`quyche_rules.time.OutsideHolidayData`), never a count without holidays.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.time import WEEKDAYS, Due, PeriodError, Skipped, WorkingCalendar, due_date, parse_period

__all__ = ["run"]

_FIRST_YEAR, _LAST_YEAR = 1900, 2199
_EXAMPLE = Text.of('Ví dụ: quyche due 2026-11-27 "05 ngày làm việc"', 'E.g. quyche due 2026-11-27 "05 ngày làm việc"')
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?|(\d\d)/(\d\d)/(\d{4})")
_WORDS = {
    "due": Text.of("Hạn: hết ngày {day}", "Due: by the end of {day}"),
    "due_at": Text.of("Hạn: {moment}", "Due: {moment}"),
    "from": Text.of("{period} kể từ {start}, không tính ngày {first} (khoản 2 Điều 147 Bộ luật Dân sự 2015)",
                    "{period} from {start}, {first} itself not counted (Civil Code 2015, Article 147(2))"),
    "from_hours": Text.of("{period} kể từ {start}", "{period} from {start}"),
    "midnight": Text.of("DATE không có giờ: tính từ 00:00", "DATE has no time: counted from 00:00"),
    "not_counted": Text.of("Ngày nghỉ không tính ({n}):", "Days off not counted ({n}):"),
    "moved": Text.of("Ngày cuối cùng là ngày nghỉ, hạn chuyển sang ngày làm việc tiếp theo:",
                     "The last day is a day off, so the period ends on the next working day:"),
    "moved_back": Text.of("Ngày cuối cùng là ngày nghỉ, hạn chuyển về ngày làm việc liền trước:",
                          "The last day is a day off, so the lead time ends on the working day before:"),
    "worked": Text.of("Ngày cuối tuần làm việc, được tính ({n}):", "Weekend days worked, counted ({n}):"),
    "basis": Text.of("Căn cứ: {basis}", "Basis: {basis}"),
    "hours_day_off": Text.of(
        "Hạn rơi vào {day}, ngày nghỉ ({reason}), và không chuyển sang ngày làm việc tiếp theo: khoản 5 Điều 148 Bộ "
        "luật Dân sự 2015 chuyển ngày cuối cùng của thời hạn tính bằng ngày, tuần, tháng, năm; thời hạn tính bằng "
        "giờ kết thúc vào đúng thời điểm đã tính (cách đọc của công cụ)",
        "The period ends on {day}, a day off ({reason}), and is not moved to the next working day: the Civil Code "
        "2015, Article 148(5), moves the last day of a period in days, weeks, months or years; a period in hours "
        "ends at the moment counted (the tool's reading)"),
}


def _date_error(value: str) -> UsageError:
    shown = value if len(value) <= 40 else value[:40] + "…"
    return UsageError(
        Text.of(f"Không đọc được ngày {shown!r}", f"Cannot read the date {shown!r}"),
        expected=Text.of(f"một ngày YYYY-MM-DD hoặc DD/MM/YYYY (năm {_FIRST_YEAR}-{_LAST_YEAR}), có thể kèm giờ "
                         "YYYY-MM-DDTHH:MM", f"a date YYYY-MM-DD or DD/MM/YYYY (years {_FIRST_YEAR}-{_LAST_YEAR}), "
                         "optionally with a time, YYYY-MM-DDTHH:MM"),
        fix=_EXAMPLE,
    )


def parse_start(value: str) -> dt.date | dt.datetime:
    """Read DATE: ``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``YYYY-MM-DDTHH:MM`` (for periods in hours)."""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        raise _date_error(value)
    g = match.groups()
    year, month, day = (int(g[0]), int(g[1]), int(g[2])) if g[0] else (int(g[7]), int(g[6]), int(g[5]))
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise _date_error(value)
    try:
        if g[3] is not None:
            return dt.datetime(year, month, day, int(g[3]), int(g[4]))
        return dt.date(year, month, day)
    except ValueError:
        raise _date_error(value) from None


def _day(day: dt.date, lang: Lang) -> str:
    return f"{day.isoformat()} ({WEEKDAYS[day.weekday()].get(lang)})"


def _calendar(path: Path | None) -> WorkingCalendar:
    if path is None:
        return WorkingCalendar()
    from quyche_rules.loading.calendar import load_calendar  # lazy: only with --calendar

    return WorkingCalendar(load_calendar(path))


def _list(title: str, days: tuple[Skipped, ...], lang: Lang) -> list[str]:
    if not days:
        return []
    return [title] + [f"  {s.day.isoformat()}  {WEEKDAYS[s.day.weekday()].get(lang):<9} {s.reason.get(lang)}"
                      for s in days]


def _text(due: Due, bare_date: bool, lang: Lang) -> str:
    first, w = due.start.date(), _WORDS
    if due.moment is not None:
        start = due.start.strftime("%Y-%m-%d %H:%M")
        out = [w["due_at"].fill({"moment": due.moment.strftime("%Y-%m-%d %H:%M")}).get(lang),
               (due.period.words(start) if due.period.before
                else w["from_hours"].fill({"period": due.period.words(), "start": start})).get(lang)]
        if bare_date:
            out.append(w["midnight"].get(lang))
        if due.day_off is not None:
            out.append(w["hours_day_off"].fill({"day": _day(due.day_off.day, lang),
                                                "reason": due.day_off.reason}).get(lang))
    else:
        out = [w["due"].fill({"day": _day(due.day, lang)}).get(lang)]
        if due.period.before:
            out.append(due.period.words(_day(first, lang)).get(lang))
        else:
            out.append(w["from"].fill({"period": due.period.words(), "start": _day(first, lang),
                                       "first": first.isoformat()}).get(lang))
    if due.period.unit == "working_days":
        out += _list(w["not_counted"].fill({"n": len(due.skipped)}).get(lang), due.skipped, lang)
        out += _list(w["worked"].fill({"n": len(due.worked)}).get(lang), due.worked, lang)
    else:
        out += _list(w["moved_back" if due.period.before else "moved"].get(lang), due.skipped, lang)
    out.append(w["basis"].fill({"basis": "; ".join(b.get(lang) for b in due.basis)}).get(lang))
    return "\n".join(out) + "\n"


def _json(due: Due, lang: Lang) -> str:
    def days(items: tuple[Skipped, ...]) -> list[dict[str, Any]]:
        return [{"date": s.day.isoformat(), "weekday": WEEKDAYS[s.day.weekday()].get(lang),
                 "reason": s.reason.get(lang)} for s in items]

    data = {
        "start": due.start.isoformat() if due.moment is not None else due.start.date().isoformat(),
        "period": {"unit": due.period.unit, "amount": due.period.amount, "before": due.period.before,
                   "words": due.period.words().get(lang)},
        "due": due.day.isoformat(), "due_at": due.moment.isoformat() if due.moment is not None else None,
        "skipped": days(due.skipped), "worked": days(due.worked), "basis": [b.get(lang) for b in due.basis],
        # a period in hours that ends on a day off: that day, not moved (counting.py)
        "ends_on_day_off": days((due.day_off,))[0] if due.day_off is not None else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Print where the period ends, the days it skipped and why, and the provisions applied."""
    try:
        period = parse_period(args.period)
    except PeriodError as err:
        raise UsageError(err.what, expected=err.expected,
                         fix=_EXAMPLE) from None
    start = parse_start(args.date)
    cal = _calendar(args.calendar)
    try:
        due = due_date(start, period, cal)
    except (OverflowError, ValueError):
        raise UsageError(Text.of(f"Thời hạn vượt ra ngoài lịch (năm {_FIRST_YEAR}-{_LAST_YEAR})",
                                 f"The period runs off the calendar (years {_FIRST_YEAR}-{_LAST_YEAR})"),
                         fix=Text.of("Chọn ngày bắt đầu hoặc thời hạn khác", "Pick another start or period")) from None
    bare = not isinstance(start, dt.datetime)
    sys.stdout.write(_json(due, lang) if args.format == "json" else _text(due, bare, lang))
    return 0
